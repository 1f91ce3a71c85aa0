//! Drawing a map: descent-plot's sweep figure, its cells stretched over the data area and
//! painted with one `putImageData`, axes, colour bar and legend through plotters-canvas. The
//! same for the page, the downloads and the custom element.

use descent_core::sweep::SweepConfig;
use descent_plot::scene::{CellEnd, SweepColour, SweepScene};
use descent_plot::{sweep, Frame};
use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend};

use crate::error::WebError;
use crate::page::dom::Layer;

/// The map of `config` whose cells ended as `ends` (`None`: not computed yet, axes only),
/// coloured by `show`.
pub struct MapDrawing {
    scene: SweepScene,
    computed: bool,
}

impl MapDrawing {
    /// The drawing of `config`'s map.
    pub fn new(config: &SweepConfig, ends: Option<&[CellEnd]>, show: SweepColour) -> Self {
        MapDrawing {
            scene: SweepScene::from_ends(config, ends.unwrap_or_default(), show),
            computed: ends.is_some(),
        }
    }

    /// Draws on `root` with the cells as rectangles (SVG downloads); returns the frame.
    pub fn draw_cells<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        ratio: f64,
    ) -> Result<Frame, WebError> {
        let labels = self.scene.category_labels();
        let mut figure = self.scene.figure(&labels, self.computed, ratio);
        if !self.computed {
            figure.scale = None;
        }
        Ok(sweep::draw(root, &figure)?)
    }

    /// Paints the cells on `raster` with `putImageData` and draws the rest on `axes` (which
    /// may be `raster` itself, over the cells); returns the data area's frame.
    pub fn draw_layers(&self, raster: &Layer, axes: &Layer, ratio: f64) -> Result<Frame, WebError> {
        let labels = self.scene.category_labels();
        let mut figure = self.scene.figure(&labels, false, ratio);
        if !self.computed {
            figure.scale = None;
        }
        let (width, height) = raster.size();
        let frame = sweep::layout(width, height, &figure);
        let separate = !std::ptr::eq(raster, axes);
        if separate {
            raster.clear();
            axes.clear();
        }
        let cells = self.scene.raster.stretched(frame.width, frame.height);
        if let Some((rgba, columns, _)) = cells.cells() {
            raster.put_rgba(rgba, columns as u32, frame.x, frame.y)?;
        }
        // Kept, not cleared: `axes` may be `raster` itself (the custom element's one canvas).
        let area = axes.area_keep()?;
        let frame = sweep::draw(&area, &figure)?;
        area.present()?;
        Ok(frame)
    }
}
