//! The curvature layer on the page: its controls, built into `#curvature-controls` from core's
//! keys (`curvature`, a checkbox; `rotate`, a slider with its field), and what it shows beside
//! the figure — the readout of the marked iterate (`#curvature-readout`) and the sharpness
//! strip (`#sharpness-strip`). The glyph itself is drawn on the path layer.

use descent_core::config::MAX_ROTATION;
use descent_core::{vocabulary, Trajectory};
use descent_plot::course;
use descent_plot::scene::{readout, sharpness_figure, sharpness_series};
use web_sys::{Document, Element, HtmlInputElement};

use crate::error::WebError;
use crate::model::format::number;
use crate::page::dom::{append, by_id, set_hidden, set_invalid, set_text, Layer};

/// The strip's height in CSS pixels.
const STRIP_HEIGHT: u32 = 150;
/// The slider's range in degrees either way (the field takes up to [`MAX_ROTATION`]).
pub(super) const SLIDER_DEGREES: f64 = 180.0;

/// The curvature layer's controls and outputs.
pub struct CurvatureView {
    /// `curvature`: the readout, glyph and strip.
    pub shown: HtmlInputElement,
    /// `rotate` as a slider.
    pub rotate_slider: HtmlInputElement,
    /// `rotate` as a number.
    pub rotate: HtmlInputElement,
    rotate_error: Element,
    readout: Element,
    strip: Layer,
}

impl CurvatureView {
    /// Builds the controls into `#curvature-controls` and finds the readout and the strip.
    pub fn build(document: &Document) -> Result<CurvatureView, WebError> {
        let container: Element = by_id(document, "curvature-controls")?;
        let row = append(
            &container,
            "div",
            &[("class", "control row"), ("data-key", "curvature")],
            "",
        )?;
        let check = append(&row, "label", &[("class", "check")], "")?;
        append(
            &check,
            "input",
            &[("type", "checkbox"), ("id", "curvature")],
            "",
        )?;
        append(
            &check,
            "span",
            &[],
            "Curvature: the Hessian at the marked point, what the step sees of it, and the edge \
             of stability",
        )?;
        let rotate = vocabulary::key("rotate").map_or("", |k| k.help);
        let row = append(
            &container,
            "div",
            &[
                ("class", "control param"),
                ("id", "param-rotate"),
                ("data-key", "rotate"),
            ],
            "",
        )?;
        let label = append(
            &row,
            "label",
            &[("for", "rotate")],
            "Turn the surface by θ° ",
        )?;
        append(&label, "span", &[("class", "key")], "rotate")?;
        let pair = append(&row, "div", &[("class", "pair")], "")?;
        let (min, max) = (number(-SLIDER_DEGREES), number(SLIDER_DEGREES));
        append(
            &pair,
            "input",
            &[
                ("id", "rotate-slider"),
                ("type", "range"),
                ("min", &min),
                ("max", &max),
                ("step", "1"),
                ("aria-label", "Turn the surface, slider"),
            ],
            "",
        )?;
        append(
            &pair,
            "input",
            &[
                ("id", "rotate"),
                ("type", "text"),
                ("inputmode", "decimal"),
                ("aria-describedby", "rotate-help rotate-error"),
            ],
            "",
        )?;
        append(
            &row,
            "p",
            &[("class", "help"), ("id", "rotate-help")],
            rotate,
        )?;
        append(
            &row,
            "p",
            &[
                ("class", "error"),
                ("id", "rotate-error"),
                ("aria-live", "polite"),
            ],
            "",
        )?;
        Ok(CurvatureView {
            shown: by_id(document, "curvature")?,
            rotate_slider: by_id(document, "rotate-slider")?,
            rotate: by_id(document, "rotate")?,
            rotate_error: by_id(document, "rotate-error")?,
            readout: by_id(document, "curvature-readout")?,
            strip: Layer::new(document, "sharpness-strip")?,
        })
    }

    /// Shows whether the layer is on and the surface's turn (no error).
    pub fn show(&self, on: bool, rotate: f64) {
        self.shown.set_checked(on);
        self.show_rotate(rotate);
        self.show_rotate_error(None);
    }

    /// Writes the turn into the field and the slider.
    pub(super) fn show_rotate(&self, rotate: f64) {
        self.rotate.set_value(&number(rotate));
        let slider = rotate.clamp(-SLIDER_DEGREES, SLIDER_DEGREES);
        self.rotate_slider.set_value(&number(slider));
    }

    /// Shows or clears the turn's error.
    pub(super) fn show_rotate_error(&self, message: Option<String>) {
        set_text(&self.rotate_error, message.as_deref().unwrap_or(""));
        set_invalid(&self.rotate, message.is_some());
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
const _: () = assert!(SLIDER_DEGREES <= MAX_ROTATION);
