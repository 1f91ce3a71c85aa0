//! The learning-rate strip under the error course: η(t) of every run with a schedule, marked
//! at the playback position or the hovered iteration as the course is; hidden when every run
//! keeps a constant η.

use descent_core::Trajectory;
use descent_plot::course;
use descent_plot::scene::{lr_figure, lr_series};
use web_sys::Document;

use crate::error::WebError;
use crate::page::dom::{set_hidden, Layer};

/// The strip's height in CSS pixels.
const HEIGHT: u32 = 130;

/// The strip's canvas.
pub struct Strip {
    layer: Layer,
}

impl Strip {
    /// The canvas `#lr-strip`.
    pub fn new(document: &Document) -> Result<Strip, WebError> {
        Ok(Strip {
            layer: Layer::new(document, "lr-strip")?,
        })
    }

    /// Draws η(t) of `runs`, `css_width` wide, with iteration `highlight` marked; hides the
    /// strip when no run has a schedule.
    pub fn draw(
        &self,
        runs: &[Trajectory],
        highlight: Option<usize>,
        css_width: u32,
        ratio: f64,
    ) -> Result<(), WebError> {
        let series = lr_series(runs);
        set_hidden(&self.layer.canvas, series.is_empty());
        if series.is_empty() {
            return Ok(());
        }
        self.layer.resize(css_width, HEIGHT, ratio);
        let area = self.layer.area()?;
        course::draw(&area, &lr_figure(&series, highlight, ratio))?;
        area.present()?;
        Ok(())
    }
}
