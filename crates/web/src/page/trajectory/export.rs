//! The trajectory figure's downloads: PNG at twice its size and SVG, both the composite figure
//! of descent-plot (surface over course, as the CLI and the custom element draw it), and the
//! run as CSV or JSON.

use descent_core::Trajectory;

use super::figure::App;
use super::layers::{Raster, Whole, STATIC_CELLS};
use crate::error::WebError;
use crate::model::format::entry_of;
use crate::page::dom;

impl App {
    /// The run the data downloads hold: the selected entry's (compare mode: the first).
    fn exported_run(&self) -> Option<&Trajectory> {
        let selected = self
            .runs
            .iter()
            .find(|r| entry_of(r) == self.state.settings.selected);
        selected.or(self.runs.first())
    }

    /// The whole figure as shown now.
    fn whole(&self) -> Whole<'_> {
        Whole {
            state: &self.state,
            runs: &self.runs,
        }
    }

    /// The CSS size of the whole figure, and the surface's CSS height: the surface over the
    /// course, and with curvature the sharpness strip under it.
    fn whole_size(&self) -> ((u32, u32), u32) {
        let (width, height) = self.shell.size;
        let below = if self.state.settings.curvature {
            let share = 1.0 - descent_plot::composite::STRIP_SHARE;
            (f64::from(self.course_height) / share).round() as u32
        } else {
            self.course_height
        };
        ((width, height + below), height)
    }

    fn download_png(&self) -> Result<(), WebError> {
        let (size, surface_height) = self.whole_size();
        self.shell
            .download_png("descent-trajectory.png", size, |layer, ratio| {
                let root = layer.area_keep()?;
                let height = (f64::from(surface_height) * ratio).round() as u32;
                self.whole()
                    .draw(&root, height, ratio, Raster::Painted(layer))?;
                root.present()?;
                Ok(())
            })
    }

    fn download_svg(&self) -> Result<(), WebError> {
        let (size, surface_height) = self.whole_size();
        // In 3-D, the picture goes into the SVG as one PNG image.
        let picture = if self.state.view3d.shown {
            Some(self.whole().solid_png(size.0, surface_height)?)
        } else {
            None
        };
        self.shell
            .download_svg_over("descent-trajectory.svg", size, picture, |root| {
                self.whole()
                    .draw(root, surface_height, 1.0, Raster::Cells(STATIC_CELLS))?;
                Ok(())
            })
    }

    /// Offers the download `what` (csv, json, png or svg).
    pub(super) fn download(&self, what: &str) {
        let result = match (what, self.exported_run()) {
            ("csv", Some(run)) => dom::download_text(
                "descent-trajectory.csv",
                "text/csv",
                &descent_core::export::csv(run),
            ),
            ("json", Some(run)) => dom::download_text(
                "descent-trajectory.json",
                "application/json",
                &descent_core::export::json(run),
            ),
            ("png", _) => self.download_png(),
            ("svg", _) => self.download_svg(),
            _ => Ok(()),
        };
        if let Err(e) = result {
            self.fail(&e.status("export the figure"));
        }
    }
}
