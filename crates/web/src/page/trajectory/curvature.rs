//! The curvature layer on the page: its controls, built into `#curvature-controls` from core's
//! keys (`curvature`, a checkbox; `rotate`, a slider with its field), and what it shows beside
//! the figure — the readout of the marked iterate (`#curvature-readout`) and the sharpness
//! strip (`#sharpness-strip`). The glyph itself is drawn on the path layer.

use descent_core::config::MAX_ROTATION;
use descent_core::optimizer::SliderScale;
use descent_core::Trajectory;
use descent_plot::course;
use descent_plot::scene::{readout, sharpness_figure, sharpness_series};
use web_sys::{Document, Element, HtmlInputElement};

use super::controls::{build_row, NumberControl};
use crate::error::WebError;
use crate::model::controls::NumberRow;
use crate::model::format::number;
use crate::page::dom::{by_id, checkbox_row, set_hidden, set_text, Layer};

/// The strip's height in CSS pixels.
const STRIP_HEIGHT: u32 = 150;
/// The turn's slider: −180° to 180° (the field takes up to [`MAX_ROTATION`] either way).
pub(super) const ROTATE_SCALE: SliderScale = SliderScale::Linear {
    min: -180.0,
    max: 180.0,
};

/// The curvature layer's controls and outputs.
pub struct CurvatureView {
    /// `curvature`: the readout, glyph and strip.
    pub shown: HtmlInputElement,
    /// `rotate`: its field, slider and message.
    pub rotate: NumberControl,
    readout: Element,
    strip: Layer,
}

impl CurvatureView {
    /// Builds the controls into `#curvature-controls` and finds the readout and the strip.
    pub fn build(document: &Document) -> Result<CurvatureView, WebError> {
        let container: Element = by_id(document, "curvature-controls")?;
        checkbox_row(
            &container,
            "curvature",
            "curvature",
            "Curvature: the Hessian at the marked point, what the step sees of it, and the edge \
             of stability",
        )?;
        let row = NumberRow {
            key: "rotate",
            label: "Turn the surface by θ°".to_owned(),
            slider_label: "Turn the surface slider".to_owned(),
            scale: ROTATE_SCALE,
        };
        build_row(&container, &row)?;
        Ok(CurvatureView {
            shown: by_id(document, "curvature")?,
            rotate: NumberControl::find(document, "rotate")?,
            readout: by_id(document, "curvature-readout")?,
            strip: Layer::new(document, "sharpness-strip")?,
        })
    }

    /// Shows whether the layer is on and the surface's turn (no error).
    pub fn show(&self, on: bool, rotate: f64) {
        self.shown.set_checked(on);
        self.rotate.field.set_value(&number(rotate));
        self.show_rotate_slider(rotate);
        self.rotate.show_error(None);
    }

    /// Moves the turn's slider to `rotate` (its end for a turn beyond it).
    pub(super) fn show_rotate_slider(&self, rotate: f64) {
        let position = ROTATE_SCALE.position(rotate);
        self.rotate.slider.set_value(&position.to_string());
    }

    /// Shows the readout of `run` at iteration `t` and draws the strip of `runs`,
    /// `css_width` wide, marking `t`; hides both when the runs carry no curvature.
    pub fn draw(
        &self,
        runs: &[Trajectory],
        marked: Option<(usize, usize)>,
        css_width: u32,
        ratio: f64,
    ) -> Result<(), WebError> {
        let series = sharpness_series(runs);
        let off = series.is_empty();
        set_hidden(&self.strip.canvas, off);
        set_hidden(&self.readout, off);
        if off {
            return Ok(());
        }
        let lines = marked
            .and_then(|(r, t)| Some(readout(runs.get(r)?, t)))
            .unwrap_or_default();
        let text = lines.join(". ");
        set_text(
            &self.readout,
            &if text.is_empty() {
                text
            } else {
                format!("{text}.")
            },
        );
        self.strip.resize(css_width, STRIP_HEIGHT, ratio);
        let area = self.strip.area()?;
        let t = marked.map(|(_, t)| t);
        course::draw(&area, &sharpness_figure(&series, t, ratio))?;
        area.present()?;
        Ok(())
    }
}

// The slider stays inside what `rotate` takes.
const _: () = assert!(match ROTATE_SCALE {
    SliderScale::Linear { min, max } => -min <= MAX_ROTATION && max <= MAX_ROTATION,
    _ => false,
});
