//! The curvature layer's handlers: the checkbox and the surface's turn.

use super::curvature::SLIDER_DEGREES;
use super::figure::App;
use crate::model::format::number;

impl App {
    /// The curvature checkbox changed.
    pub(super) fn on_curvature(&mut self) {
        self.state.settings.curvature = self.curvature.shown.checked();
        self.redraw_paths();
    }

    /// The turn's field changed: a valid angle turns the surface, anything else says why.
    pub(super) fn on_rotate_field(&mut self) {
        let text = self.curvature.rotate.value();
        match self.state.settings.set_rotate(&text) {
            Ok(()) => {
                self.curvature.show_rotate_error(None);
                let slider = self.state.settings.rotate;
                let slider = slider.clamp(-SLIDER_DEGREES, SLIDER_DEGREES);
                self.curvature.rotate_slider.set_value(&number(slider));
                self.rotated();
            }
            Err(e) => self.curvature.show_rotate_error(Some(e.to_string())),
        }
    }

    /// The turn's slider moved.
    pub(super) fn on_rotate_slider(&mut self) {
        let text = self.curvature.rotate_slider.value();
        if self.state.settings.set_rotate(&text).is_ok() {
            self.curvature.show_rotate_error(None);
            self.curvature.rotate.set_value(&text);
            self.rotated();
        }
    }

    /// Redraws the turned surface and its runs.
    fn rotated(&mut self) {
        self.redraw_surface();
        self.redraw_paths();
    }
}
