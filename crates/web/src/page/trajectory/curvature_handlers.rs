//! The curvature layer's handlers: the checkbox and the surface's turn.

use super::curvature::ROTATE_SCALE;
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
        let control = &self.curvature.rotate;
        match self.state.settings.set_rotate(&control.field.value()) {
            Ok(()) => {
                control.show_error(None);
                self.curvature
                    .show_rotate_slider(self.state.settings.rotate);
                self.rotated();
            }
            Err(e) => control.show_error(Some(e.to_string())),
        }
    }

    /// The turn's slider moved.
    pub(super) fn on_rotate_slider(&mut self) {
        let control = &self.curvature.rotate;
        let position: f64 = control.slider.value().parse().unwrap_or(0.0);
        let text = number(ROTATE_SCALE.value(position));
        control.field.set_value(&text);
        if self.state.settings.set_rotate(&text).is_ok() {
            control.show_error(None);
            self.rotated();
        }
    }

    /// Redraws the turned surface and its runs.
    fn rotated(&mut self) {
        self.redraw_surface();
        self.redraw_paths();
    }
}
