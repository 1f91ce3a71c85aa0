//! The trajectory figure's event handlers: each reads its control, applies a rule of
//! [`crate::model::trajectory`] and redraws what changed.

use descent_core::{Convention, OptimizerKind};
use web_sys::{KeyboardEvent, MouseEvent};

use super::figure::App;
use crate::model::format::number;
use crate::model::sweep_cells::CellRun;
use crate::model::trajectory::{steps_limit_message, STEPS_SCALE};
use crate::model::trajectory_url::preset_settings;

impl App {
    pub(super) fn on_function(&mut self) {
        let text = self.el.function.value();
        match self.state.settings.set_function(&text) {
            Ok(()) => {
                self.el.show_function_error(None);
                if self.state.settings.training.data.is_some() {
                    // Typing a function fits it instead of the data set.
                    self.state.settings.clear_data();
                    self.training_el.show(&self.state.settings);
                    self.el.show_start(self.state.settings.start);
                }
                self.el.show_preset(&self.state.settings);
                self.redraw_surface();
                self.redraw_paths();
            }
            Err(e) => self.el.show_function_error(Some(e.to_string())),
        }
    }

    /// An example was chosen: a surface keeps the hyperparameters; a training example sets
    /// everything it names, from the defaults.
    pub(super) fn on_preset(&mut self) {
        if let Some(p) = descent_core::presets::preset(&self.el.preset.value()) {
            if p.pairs.is_empty() {
                self.state.settings.apply_preset(p);
            } else {
                self.state.settings = preset_settings(p);
            }
            self.state.position = None;
            self.show_controls();
            self.redraw_surface();
            self.redraw_paths();
        }
    }

    pub(super) fn on_optimizer(&mut self) {
        if let Some(kind) = OptimizerKind::named(&self.el.optimizer.value()) {
            self.state.settings.select(kind);
            self.el.show(&self.state.settings);
            self.redraw_paths();
        }
    }

    pub(super) fn on_convention(&mut self) {
        if let Some(convention) = Convention::named(&self.el.convention.value()) {
            self.state.settings.set_convention(convention);
            self.el.show(&self.state.settings);
            self.redraw_paths();
        }
    }

    /// A hyperparameter's number field changed.
    pub(super) fn on_field(&mut self, key: &str) {
        let Some(control) = self.el.number(key) else {
            return;
        };
        match self
            .state
            .settings
            .set_hyperparameter(key, &control.field.value())
        {
            Ok(()) => {
                control.show_error(None);
                if let Some(value) = self.state.settings.optimizer().get(key) {
                    self.el.show_slider(key, value);
                }
                self.redraw_paths();
            }
            Err(e) => control.show_error(Some(e.to_string())),
        }
    }

    /// A hyperparameter's slider moved.
    pub(super) fn on_slider(&mut self, key: &str) {
        let (Some(control), Some(h)) = (
            self.el.number(key),
            descent_core::Hyperparameter::named(key),
        ) else {
            return;
        };
        let position: f64 = control.slider.value().parse().unwrap_or(0.0);
        let text = number(h.slider.value(position));
        control.field.set_value(&text);
        if self.state.settings.set_hyperparameter(key, &text).is_ok() {
            control.show_error(None);
            self.redraw_paths();
        }
    }

    pub(super) fn on_steps_field(&mut self) {
        match self.state.settings.set_steps(&self.el.steps.field.value()) {
            Ok(clamped) => {
                self.el.steps.show_error(clamped.then(steps_limit_message));
                self.el.show_steps_slider(self.state.settings.steps);
                self.training_el.show_schedule(&self.state.settings);
                self.redraw_paths();
            }
            Err(e) => self.el.steps.show_error(Some(e.to_string())),
        }
    }

    pub(super) fn on_tol(&mut self) {
        match self.state.settings.set_tol(&self.el.tol.field.value()) {
            Ok(()) => {
                self.el.tol.show_error(None);
                self.redraw_paths();
            }
            Err(e) => self.el.tol.show_error(Some(e.to_string())),
        }
    }

    pub(super) fn on_steps_slider(&mut self) {
        let position: f64 = self.el.steps.slider.value().parse().unwrap_or(0.0);
        let text = number(STEPS_SCALE.value(position));
        self.el.steps.field.set_value(&text);
        if self.state.settings.set_steps(&text).is_ok() {
            self.el.steps.show_error(None);
            self.training_el.show_schedule(&self.state.settings);
            self.redraw_paths();
        }
    }

    /// Loads a map cell's run: its start point, or its two hyperparameters of the selected
    /// optimizer; shows the whole path and brings the surface into view.
    pub(super) fn load(&mut self, run: CellRun) {
        self.pause();
        self.state.position = None;
        match run {
            CellRun::Start(w) => self.set_start(w),
            CellRun::Hyperparameters(values) => {
                for (key, value) in values {
                    let set = self.state.settings.set_hyperparameter(key, &number(value));
                    if let Err(e) = set {
                        self.fail(&e.to_string());
                    }
                }
                self.el.show(&self.state.settings);
                self.redraw_paths();
            }
        }
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Nearest);
        self.el
            .stack
            .scroll_into_view_with_scroll_into_view_options(&options);
    }

    pub(super) fn on_click(&mut self, event: &MouseEvent) {
        if self.on_solid_click(event) || self.readonly {
            return;
        }
        self.pause();
        self.state.position = None;
        let (x, y) = self.shell.backing(event);
        if let Some(w) = self.frame.and_then(|f| f.data_from_screen(x, y)) {
            self.set_start(w);
        }
    }

    /// Arrow keys move the start point by 1 % of the view (10 % with Shift).
    pub(super) fn on_key(&mut self, event: &KeyboardEvent) {
        if self.on_solid_key(event) || self.readonly {
            return;
        }
        let step = match event.key().as_str() {
            "ArrowLeft" => (-1.0, 0.0),
            "ArrowRight" => (1.0, 0.0),
            "ArrowUp" => (0.0, 1.0),
            "ArrowDown" => (0.0, -1.0),
            _ => return,
        };
        event.prevent_default();
        self.state.settings.nudge_start(step, event.shift_key());
        self.set_start(self.state.settings.start);
    }

    pub(super) fn on_pointer_move(&mut self, event: &web_sys::PointerEvent) {
        if self.on_solid_pointer_move(event) {
            return;
        }
        let last = self.state.position.unwrap_or(usize::MAX);
        let points = self.runs.iter().enumerate().flat_map(|(i, run)| {
            run.rows
                .iter()
                .take_while(move |r| r.t <= last)
                .map(move |r| ((i, r.t), r.w))
        });
        let hover = self.frame.and_then(|frame| {
            self.shell
                .nearest(&frame, points, self.shell.backing(event))
        });
        self.set_hover(hover);
        self.show_tooltip(hover, event.offset_x(), event.offset_y());
    }

    pub(super) fn on_pointer_leave(&mut self) {
        self.shell.hide_tooltip();
        self.set_hover(None);
    }

    /// Hovering the course highlights that iteration on the surface too.
    pub(super) fn on_course_move(&mut self, event: &MouseEvent) {
        let (x, y) = self.shell.backing(event);
        let t = self
            .course_frame
            .and_then(|f| f.data_from_screen(x, y))
            .map(|[t, _]| t.round().max(0.0) as usize)
            .filter(|&t| t <= self.state.position.unwrap_or(usize::MAX));
        self.set_hover(t.map(|t| (0, t.min(self.last_iteration()))));
        let at = self.hover.and_then(|(r, t)| {
            let w = self.runs.get(r)?.rows.get(t)?.w;
            let (px, py) = self.frame?.screen_from_data(w);
            let ratio = self.shell.ratio;
            Some(((px / ratio) as i32, (py / ratio) as i32))
        });
        match at.or_else(|| self.solid_tooltip_at()) {
            Some((x, y)) => self.show_tooltip(self.hover, x, y),
            None => self.shell.hide_tooltip(),
        }
    }

    pub(super) fn on_compare(&mut self) {
        self.state
            .settings
            .set_compare_mode(self.el.compare.checked());
        self.el.show(&self.state.settings);
        self.redraw_paths();
    }

    /// The compare checkbox `#id` changed.
    pub(super) fn on_compared(&mut self, id: &str) {
        let Some((entry, checkbox)) = self.el.compared.iter().find(|(_, c)| c.id() == id) else {
            return;
        };
        self.state.settings.set_compared(*entry, checkbox.checked());
        if self.state.settings.compare.is_empty() {
            self.el.show_compare_off();
        }
        self.redraw_paths();
    }

    /// Wheel zoom about the pointer, only while the figure has focus.
    pub(super) fn on_wheel(&mut self, event: &web_sys::WheelEvent) {
        let focused = crate::page::dom::document()
            .ok()
            .and_then(|d| d.active_element())
            .is_some_and(|a| a == *self.el.stack);
        if self.on_solid_wheel(event, focused) || !focused {
            return;
        }
        let (x, y) = self.shell.backing(event);
        let Some(center) = self.frame.and_then(|f| f.data_from_screen(x, y)) else {
            return;
        };
        event.prevent_default();
        if self.state.settings.zoom(center, event.delta_y()) {
            self.view_changed();
        }
    }

    pub(super) fn on_reset_view(&mut self) {
        if self.state.view3d.shown {
            return self.reset_solid();
        }
        self.state.settings.view = self.state.settings.home;
        self.view_changed();
    }

    pub(super) fn on_fit_view(&mut self) {
        if self.state.settings.fit_view(&self.runs) {
            self.view_changed();
        }
    }

    pub(super) fn on_log_scale(&mut self) {
        self.state.settings.log_course = self.el.log_scale.checked();
        self.draw_paths();
        self.publish();
    }

    pub(super) fn on_course_click(&mut self, event: &MouseEvent) {
        let (x, y) = self.shell.backing(event);
        if let Some(name) = self.course_legend.hit(x, y) {
            let name = name.to_owned();
            self.state.toggle_series(&name);
            self.draw_paths();
            self.publish();
        }
    }
}
