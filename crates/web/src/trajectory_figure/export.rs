//! The trajectory figure's downloads: PNG at twice its size, SVG, and the run as CSV or JSON.

use descent_core::Trajectory;
use wasm_bindgen::JsValue;

use super::App;
use crate::dom::Layer;
use crate::render::{self, SurfaceLayers};

impl App {
    /// The run the data downloads hold: the selected optimizer's (compare mode: the first).
    pub(super) fn exported_run(&self) -> Option<&Trajectory> {
        let selected = self
            .runs
            .iter()
            .find(|r| r.optimizer == self.settings.selected);
        selected.or(self.runs.first())
    }

    /// Downloads the figure as a PNG at twice its CSS size: every layer drawn again at
    /// ratio 2, stacked on white.
    pub(super) fn download_png(&self) -> Result<(), String> {
        let js = |e: JsValue| e.as_string().unwrap_or_else(|| format!("{e:?}"));
        let document = crate::dom::document().map_err(js)?;
        let (width, height, course_height) = self.css;
        let layers = SurfaceLayers::detached(&document).map_err(js)?;
        layers.resize(width, height, 2.0);
        let frame = layers.draw_surface(&self.settings, 2.0)?;
        layers.draw_paths(&frame, &self.runs, self.position, None, 2.0)?;
        let course = Layer::detached(&document).map_err(js)?;
        course.resize(width, course_height, 2.0);
        let series = self.course_view.series(&self.runs, &self.optimizers());
        let mut view = self.course_view.clone();
        render::draw_course(
            &course,
            &series,
            &mut view,
            self.settings.log_course,
            self.position,
            2.0,
        )?;
        let out = Layer::detached(&document).map_err(js)?;
        out.resize(width, height + course_height, 2.0);
        out.fill_white();
        layers.composite_onto(&out, 0.0, 0.0).map_err(js)?;
        out.draw_layer(&course, 0.0, 2.0 * f64::from(height))
            .map_err(js)?;
        crate::dom::download_png("descent-trajectory.png", &out).map_err(js)
    }

    /// Downloads the figure as SVG: the surface (raster at 160 cells across) and the course.
    pub(super) fn download_svg(&self) -> Result<(), String> {
        use plotters::prelude::*;
        let (width, height, course_height) = self.css;
        let mut svg = String::new();
        {
            let root =
                plotters_svg::SVGBackend::with_string(&mut svg, (width, height + course_height))
                    .into_drawing_area();
            root.fill(&WHITE).map_err(|e| e.to_string())?;
            let (top, bottom) = root.split_vertically(height);
            render::draw_surface_static(&top, &self.settings, &self.runs, self.position, 160, 1.0)?;
            let series = self.course_view.series(&self.runs, &self.optimizers());
            let figure = descent_plot::scene::course_figure(
                &series,
                self.settings.log_course,
                self.position,
                1.0,
            );
            descent_plot::course::draw(&bottom, &figure).map_err(|e| e.to_string())?;
            root.present().map_err(|e| e.to_string())?;
        }
        crate::dom::download_text("descent-trajectory.svg", "image/svg+xml", &svg)
            .map_err(|e| format!("{e:?}"))
    }

    pub(super) fn download(&self, what: &str) {
        let result = match (what, self.exported_run()) {
            ("csv", Some(run)) => crate::dom::download_text(
                "descent-trajectory.csv",
                "text/csv",
                &descent_core::export::csv(run),
            )
            .map_err(|e| format!("{e:?}")),
            ("json", Some(run)) => crate::dom::download_text(
                "descent-trajectory.json",
                "application/json",
                &descent_core::export::json(run),
            )
            .map_err(|e| format!("{e:?}")),
            ("png", _) => self.download_png(),
            ("svg", _) => self.download_svg(),
            _ => Ok(()),
        };
        if let Err(e) = result {
            self.fail(&format!("could not export the figure: {e}"));
        }
    }
}
