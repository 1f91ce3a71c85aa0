//! The trajectory figure on the page: the error surface (raster, axes-and-contours and path
//! layers), the error course below it, and the controls. Its state and rules live in
//! [`crate::model::trajectory`]; each event applies a rule and redraws only the layers it
//! changed (a slider move never recomputes the raster).

use descent_core::{Convention, OptimizerKind, Trajectory};
use descent_plot::composite;
use descent_plot::Frame;
use web_sys::{Document, KeyboardEvent, MouseEvent};

use crate::error::WebError;
use crate::model::format::{number, summary, tooltip};
use crate::model::trajectory::{steps_limit_message, Settings, STEPS_SCALE};
use crate::model::trajectory_url::{encode_trajectory, TrajectoryExtras};
use crate::model::url::FigureKind;
use crate::page::dom::{set_text, Layer, Slot};
use crate::page::share;
use crate::page::shell::Shell;

mod controls;
mod export;
mod layers;
mod playback;
mod wiring;

pub use layers::{CourseView, Raster, Whole};

use controls::Controls;
use layers::SurfaceLayers;

thread_local! {
    static FIGURE: Slot<App> = Slot::default();
}

/// Runs `f` on the figure, unless it is missing or busy.
fn with_app(f: impl FnOnce(&mut App)) {
    FIGURE.with(|slot| slot.with(f));
}

/// Reads the figure, if the page has one.
pub fn read<R>(f: impl FnOnce(&App) -> R) -> Option<R> {
    FIGURE.with(|slot| slot.read(f))
}

/// The least height of the error course, in CSS pixels.
const MIN_COURSE_HEIGHT: u32 = 160;
/// The surface's height over its width.
const SURFACE_ASPECT: f64 = 0.82;

/// The trajectory figure's state and layers.
pub struct App {
    el: Controls,
    shell: Shell,
    /// What the figure shows.
    pub settings: Settings,
    layers: SurfaceLayers,
    course: Layer,
    /// The surface frame (where the data area is, in backing pixels); None before the first
    /// draw or after a failed one.
    pub frame: Option<Frame>,
    /// The course's data area, for hovering it.
    course_frame: Option<Frame>,
    /// One run per entry shown.
    pub runs: Vec<Trajectory>,
    course_view: CourseView,
    /// The (run, iteration) under the pointer, on the surface or the course.
    hover: Option<(usize, usize)>,
    /// The playback position: paths are drawn up to this iteration; `None` shows them whole.
    pub position: Option<usize>,
    /// Iterations advanced but not yet shown (playback runs at fractional speeds).
    carry: f64,
    /// The playback timer's interval, while playing.
    interval: Option<i32>,
    /// The course's CSS height.
    course_height: u32,
    /// Embedded read-only: clicks and keys do not move the start.
    readonly: bool,
    /// Whether changes go to the URL (not while the figure is being built from it).
    live: bool,
}

impl App {
    /// Finds the page's elements and draws the figure from `initial` (or the defaults).
    fn new(
        document: &Document,
        initial: Option<(Settings, TrajectoryExtras)>,
        readonly: bool,
    ) -> Result<App, WebError> {
        let (settings, extras) = initial.unwrap_or_default();
        let mut app = App {
            el: Controls::find(document)?,
            shell: Shell::new(document, "surface", "tooltip")?,
            layers: SurfaceLayers::new(document)?,
            course: Layer::new(document, "course")?,
            settings,
            frame: None,
            course_frame: None,
            runs: Vec::new(),
            course_view: CourseView::with_toggled(extras.toggled),
            hover: None,
            position: extras.position,
            carry: 0.0,
            interval: None,
            course_height: 0,
            readonly,
            live: false,
        };
        app.el.show(&app.settings);
        app.resize();
        Ok(app)
    }

    /// The pixel ratio the figure was drawn at.
    pub fn ratio(&self) -> f64 {
        self.shell.ratio
    }

    /// Re-measures the figure's width and redraws everything.
    fn resize(&mut self) {
        let (width, height) = self
            .shell
            .measure(|w| (f64::from(w) * SURFACE_ASPECT).round() as u32);
        self.course_height = composite::course_height(height, MIN_COURSE_HEIGHT);
        self.layers.resize(width, height, self.shell.ratio);
        self.course
            .resize(width, self.course_height, self.shell.ratio);
        self.redraw_surface();
        self.redraw_paths();
    }

    /// Recomputes and redraws the raster, contours and axes (function or view changed).
    fn redraw_surface(&mut self) {
        match self.layers.draw_surface(&self.settings, self.shell.ratio) {
            Ok(frame) => self.frame = Some(frame),
            Err(e) => self.fail(&e.status("draw the surface")),
        }
    }

    /// Recomputes the runs and redraws the path layer and the error course.
    fn redraw_paths(&mut self) {
        self.runs = self.settings.configs().iter().map(|c| c.run()).collect();
        let last = self.last_iteration();
        self.hover = self
            .hover
            .filter(|&(r, t)| r < self.runs.len() && t <= last);
        self.position = self.position.map(|t| t.min(last));
        self.el.scrubber.set_max(&last.to_string());
        self.show_position();
        self.draw_paths();
        let sentences: Vec<String> = self
            .runs
            .iter()
            .map(|r| summary(self.settings.start, r))
            .collect();
        set_text(&self.el.status, &sentences.join(" "));
        self.publish();
    }

    /// Redraws the surface and the paths after a view change, and publishes it.
    fn view_changed(&mut self) {
        self.redraw_surface();
        self.draw_paths();
        self.publish();
    }

    /// Sends the figure's state to the URL (while the figure is being built from the URL,
    /// only to Copy link and Embed).
    fn publish(&self) {
        let extras = TrajectoryExtras {
            toggled: self.course_view.toggled.iter().cloned().collect(),
            position: self.position,
        };
        let pairs = encode_trajectory(&self.settings, &extras);
        if self.live {
            share::changed(FigureKind::Trajectory, pairs);
        } else {
            share::remember(FigureKind::Trajectory, pairs);
        }
    }

    /// The last iteration of the longest run.
    fn last_iteration(&self) -> usize {
        self.runs
            .iter()
            .map(|r| r.rows.len().saturating_sub(1))
            .max()
            .unwrap_or(0)
    }

    /// Redraws the path layer and the course for the current runs, hover and position.
    fn draw_paths(&mut self) {
        let highlight = self.hover.or(self.position.map(|t| (0, t)));
        let ratio = self.shell.ratio;
        if let Some(frame) = self.frame {
            let drawn = self
                .layers
                .draw_paths(&frame, &self.runs, self.position, highlight, ratio);
            if let Err(e) = drawn {
                self.fail(&e.status("draw the trajectory"));
            }
        }
        let series = self.course_view.series(&self.runs);
        let course = layers::draw_course(
            &self.course,
            &series,
            &mut self.course_view,
            self.settings.log_course,
            highlight.map(|(_, t)| t),
            ratio,
        );
        match course {
            Ok(frame) => self.course_frame = Some(frame),
            Err(e) => self.fail(&e.status("draw the error course")),
        }
    }

    /// Says in the status line (and the console) what went wrong.
    fn fail(&self, message: &str) {
        web_sys::console::error_1(&message.into());
        set_text(&self.el.status, message);
    }

    fn on_function(&mut self) {
        let text = self.el.function.value();
        match self.settings.set_function(&text) {
            Ok(()) => {
                self.el.show_function_error(None);
                self.el.show_preset(&self.settings);
                self.redraw_surface();
                self.redraw_paths();
            }
            Err(e) => self.el.show_function_error(Some(e.to_string())),
        }
    }

    fn on_preset(&mut self) {
        if let Some(p) = descent_core::presets::preset(&self.el.preset.value()) {
            self.settings.apply_preset(p);
            self.el.show(&self.settings);
            self.redraw_surface();
            self.redraw_paths();
        }
    }

    fn on_optimizer(&mut self) {
        if let Some(kind) = OptimizerKind::named(&self.el.optimizer.value()) {
            self.settings.select(kind);
            self.el.show(&self.settings);
            self.redraw_paths();
        }
    }

    fn on_convention(&mut self) {
        if let Some(convention) = Convention::named(&self.el.convention.value()) {
            self.settings.set_convention(convention);
            self.el.show(&self.settings);
            self.redraw_paths();
        }
    }

    /// A hyperparameter's number field changed.
    fn on_field(&mut self, key: &str) {
        let Some(control) = self.el.number(key) else {
            return;
        };
        match self
            .settings
            .set_hyperparameter(key, &control.field.value())
        {
            Ok(()) => {
                control.show_error(None);
                if let Some(value) = self.settings.optimizer().get(key) {
                    self.el.show_slider(key, value);
                }
                self.redraw_paths();
            }
            Err(e) => control.show_error(Some(e.to_string())),
        }
    }

    /// A hyperparameter's slider moved.
    fn on_slider(&mut self, key: &str) {
        let (Some(control), Some(h)) = (
            self.el.number(key),
            descent_core::Hyperparameter::named(key),
        ) else {
            return;
        };
        let position: f64 = control.slider.value().parse().unwrap_or(0.0);
        let text = number(h.slider.value(position));
        control.field.set_value(&text);
        if self.settings.set_hyperparameter(key, &text).is_ok() {
            control.show_error(None);
            self.redraw_paths();
        }
    }

    fn on_steps_field(&mut self) {
        match self.settings.set_steps(&self.el.steps.field.value()) {
            Ok(clamped) => {
                self.el.steps.show_error(clamped.then(steps_limit_message));
                self.el.show_steps_slider(self.settings.steps);
                self.redraw_paths();
            }
            Err(e) => self.el.steps.show_error(Some(e.to_string())),
        }
    }

    fn on_steps_slider(&mut self) {
        let position: f64 = self.el.steps.slider.value().parse().unwrap_or(0.0);
        let text = number(STEPS_SCALE.value(position));
        self.el.steps.field.set_value(&text);
        if self.settings.set_steps(&text).is_ok() {
            self.el.steps.show_error(None);
            self.redraw_paths();
        }
    }

    fn on_click(&mut self, event: &MouseEvent) {
        if self.readonly {
            return;
        }
        self.pause();
        self.position = None;
        let (x, y) = self.shell.backing(event);
        if let Some(w) = self.frame.and_then(|f| f.data_from_screen(x, y)) {
            self.set_start(w);
        }
    }

    fn set_start(&mut self, w: [f64; 2]) {
        self.settings.start = w;
        self.el.show_start(w);
        self.redraw_paths();
    }

    /// Arrow keys move the start point by 1 % of the view (10 % with Shift).
    fn on_key(&mut self, event: &KeyboardEvent) {
        if self.readonly {
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
        self.settings.nudge_start(step, event.shift_key());
        self.set_start(self.settings.start);
    }

    /// Shows the tooltip of `hover` next to CSS pixel (x, y) of the surface, or hides it.
    fn show_tooltip(&self, hover: Option<(usize, usize)>, x: i32, y: i32) {
        let found = hover.and_then(|(r, t)| {
            let run = self.runs.get(r)?;
            Some((run, run.rows.get(t)?))
        });
        match found {
            Some((run, row)) => self.shell.show_tooltip(&tooltip(run, row), x, y),
            None => self.shell.hide_tooltip(),
        }
    }

    fn set_hover(&mut self, hover: Option<(usize, usize)>) {
        if hover != self.hover {
            self.hover = hover;
            self.draw_paths();
        }
    }

    fn on_pointer_move(&mut self, event: &MouseEvent) {
        let last = self.position.unwrap_or(usize::MAX);
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

    fn on_pointer_leave(&mut self) {
        self.shell.hide_tooltip();
        self.set_hover(None);
    }

    /// Hovering the course highlights that iteration on the surface too.
    fn on_course_move(&mut self, event: &MouseEvent) {
        let (x, y) = self.shell.backing(event);
        let t = self
            .course_frame
            .and_then(|f| f.data_from_screen(x, y))
            .map(|[t, _]| t.round().max(0.0) as usize)
            .filter(|&t| t <= self.position.unwrap_or(usize::MAX));
        self.set_hover(t.map(|t| (0, t.min(self.last_iteration()))));
        let at = self.hover.and_then(|(r, t)| {
            let w = self.runs.get(r)?.rows.get(t)?.w;
            Some(self.frame?.screen_from_data(w))
        });
        match at {
            Some((px, py)) => {
                let ratio = self.shell.ratio;
                self.show_tooltip(self.hover, (px / ratio) as i32, (py / ratio) as i32);
            }
            None => self.shell.hide_tooltip(),
        }
    }

    fn on_compare(&mut self) {
        self.settings.set_compare_mode(self.el.compare.checked());
        self.el.show(&self.settings);
        self.redraw_paths();
    }

    /// The compare checkbox `#id` changed.
    fn on_compared(&mut self, id: &str) {
        let Some((entry, checkbox)) = self.el.compared.iter().find(|(_, c)| c.id() == id) else {
            return;
        };
        self.settings.set_compared(*entry, checkbox.checked());
        if self.settings.compare.is_empty() {
            self.el.show_compare_off();
        }
        self.redraw_paths();
    }

    /// Wheel zoom about the pointer, only while the figure has focus.
    fn on_wheel(&mut self, event: &web_sys::WheelEvent) {
        let focused = crate::page::dom::document()
            .ok()
            .and_then(|d| d.active_element())
            .is_some_and(|a| a == *self.el.stack);
        if !focused {
            return;
        }
        let (x, y) = self.shell.backing(event);
        let Some(center) = self.frame.and_then(|f| f.data_from_screen(x, y)) else {
            return;
        };
        event.prevent_default();
        if self.settings.zoom(center, event.delta_y()) {
            self.view_changed();
        }
    }

    fn on_reset_view(&mut self) {
        self.settings.view = self.settings.home;
        self.view_changed();
    }

    fn on_fit_view(&mut self) {
        if self.settings.fit_view(&self.runs) {
            self.view_changed();
        }
    }

    fn on_log_scale(&mut self) {
        self.settings.log_course = self.el.log_scale.checked();
        self.draw_paths();
        self.publish();
    }

    fn on_course_click(&mut self, event: &MouseEvent) {
        let (x, y) = self.shell.backing(event);
        if self.course_view.toggle_at(x, y) {
            self.draw_paths();
            self.publish();
        }
    }
}

/// Builds the figure on a page that has its elements and draws it.
pub fn mount(
    document: &Document,
    initial: Option<(Settings, TrajectoryExtras)>,
    readonly: bool,
) -> Result<(), WebError> {
    controls::build(document)?;
    let mut app = App::new(document, initial, readonly)?;
    app.live = true;
    FIGURE.with(|slot| slot.set(app));
    wiring::wire(document)
}
