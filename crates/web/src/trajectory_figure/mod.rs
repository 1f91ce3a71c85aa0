//! The trajectory figure: the error surface (raster layer, axes-and-contours layer,
//! path layer), the error course below it, and the controls. State lives in Rust; each event
//! redraws only the layers it changed (a slider move never recomputes the raster).

use descent_core::{Hyperparameter, OptimizerKind, Trajectory};
use descent_plot::frame::Frame;
use wasm_bindgen::prelude::*;
use web_sys::{
    Document, Element, HtmlElement, HtmlInputElement, HtmlSelectElement, KeyboardEvent, MouseEvent,
    PointerEvent, WheelEvent,
};

use crate::dom::{by_id, listen, pixel_ratio, set_hidden, set_text, Layer, Slot};
use crate::format::{number, summary, tooltip};
use crate::presets::{preset, PRESETS};
use crate::render::{self, CourseView, SurfaceLayers};
use crate::settings::index;
use crate::settings::Settings;
use crate::share;
use crate::sliders::{scale_of, PAGE_MAX_STEPS, STEPS_SCALE};
use crate::url_state::{encode_trajectory, FigureKind, TrajectoryExtras};

mod export;
mod playback;

thread_local! {
    static FIGURE: Slot<App> = Slot::default();
}

/// Runs `f` on the figure, unless it is missing or busy.
fn with_app(f: impl FnOnce(&mut App)) {
    FIGURE.with(|slot| slot.with(f));
}

/// The controls of one numeric parameter: number field, slider, message.
struct NumberControl {
    row: Element,
    field: HtmlInputElement,
    slider: HtmlInputElement,
    message: Element,
}

impl NumberControl {
    fn new(document: &Document, name: &str) -> Result<Self, JsValue> {
        Ok(NumberControl {
            row: by_id(document, &format!("param-{name}"))?,
            field: by_id(document, name)?,
            slider: by_id(document, &format!("{name}-slider"))?,
            message: by_id(document, &format!("{name}-error"))?,
        })
    }

    /// Shows `error` under the control (or clears it).
    fn show_error(&self, error: Option<String>) {
        set_text(&self.message, error.as_deref().unwrap_or(""));
        let _ = self.field.set_attribute(
            "aria-invalid",
            if error.is_some() { "true" } else { "false" },
        );
    }
}

/// The page elements the app reads and writes.
struct Elements {
    stack: HtmlElement,
    tooltip: Element,
    preset: HtmlSelectElement,
    function: HtmlInputElement,
    function_error: Element,
    optimizer: HtmlSelectElement,
    formula: Element,
    hyperparameters: Vec<(Hyperparameter, NumberControl)>,
    steps: NumberControl,
    start: Element,
    log_scale: HtmlInputElement,
    status: Element,
    compare: HtmlInputElement,
    compare_set: Element,
    compared: Vec<(OptimizerKind, HtmlInputElement)>,
    play: HtmlElement,
    scrubber: HtmlInputElement,
    speed: HtmlSelectElement,
    position: Element,
}

/// The trajectory figure's state and layers.
pub struct App {
    el: Elements,
    settings: Settings,
    layers: SurfaceLayers,
    course: Layer,
    /// The surface frame (where the data area is, in backing pixels); None before the first
    /// draw or after a failed one.
    frame: Option<Frame>,
    /// The course's data area, for hovering it.
    course_frame: Option<Frame>,
    /// One run, or one per compared optimizer.
    runs: Vec<Trajectory>,
    course_view: CourseView,
    /// The (run, iteration) under the pointer, on the surface or the course.
    hover: Option<(usize, usize)>,
    /// The playback position: paths are drawn up to this iteration; `None` shows them whole.
    position: Option<usize>,
    /// Iterations advanced but not yet shown (playback runs at fractional speeds).
    carry: f64,
    /// The playback timer's interval, while playing.
    interval: Option<i32>,
    ratio: f64,
    /// CSS sizes of the surface (width, height) and the course height, for exports.
    css: (u32, u32, u32),
    /// Embedded read-only: clicks and keys do not move the start.
    readonly: bool,
    /// Whether changes go to the URL (not while the figure is being built from it).
    live: bool,
}

impl App {
    /// Finds the page's elements and draws the default figure.
    fn new(
        document: &Document,
        initial: Option<(Settings, TrajectoryExtras)>,
        readonly: bool,
    ) -> Result<App, JsValue> {
        let hyperparameters = Hyperparameter::ALL
            .iter()
            .map(|&h| Ok((h, NumberControl::new(document, h.name())?)))
            .collect::<Result<Vec<_>, JsValue>>()?;
        let el = Elements {
            stack: by_id(document, "surface")?,
            tooltip: by_id(document, "tooltip")?,
            preset: by_id(document, "preset")?,
            function: by_id(document, "function")?,
            function_error: by_id(document, "function-error")?,
            optimizer: by_id(document, "optimizer")?,
            formula: by_id(document, "formula")?,
            hyperparameters,
            steps: NumberControl::new(document, "steps")?,
            start: by_id(document, "start")?,
            log_scale: by_id(document, "log-scale")?,
            status: by_id(document, "status")?,
            compare: by_id(document, "compare")?,
            compare_set: by_id(document, "compare-set")?,
            compared: OptimizerKind::ALL
                .iter()
                .map(|&k| Ok((k, by_id(document, &format!("compare-{}", k.name()))?)))
                .collect::<Result<Vec<_>, JsValue>>()?,
            play: by_id(document, "play")?,
            scrubber: by_id(document, "scrubber")?,
            speed: by_id(document, "speed")?,
            position: by_id(document, "position")?,
        };
        let (settings, extras) = initial.unwrap_or_default();
        let mut app = App {
            el,
            layers: SurfaceLayers::new(document)?,
            course: Layer::new(document, "course")?,
            settings,
            frame: None,
            course_frame: None,
            runs: Vec::new(),
            course_view: CourseView::default(),
            hover: None,
            position: None,
            carry: 0.0,
            interval: None,
            ratio: pixel_ratio(),
            readonly,
            live: false,
            css: (0, 0, 0),
        };
        app.course_view = CourseView::with_toggled(extras.toggled);
        app.position = extras.position;
        app.show_settings();
        app.resize();
        Ok(app)
    }

    /// Writes the settings into the controls.
    fn show_settings(&self) {
        let s = &self.settings;
        self.el.function.set_value(s.function.source());
        set_text(&self.el.function_error, "");
        self.el.optimizer.set_value(s.selected.name());
        set_text(&self.el.formula, s.selected.formula());
        let optimizer = s.optimizer();
        for (h, control) in &self.el.hyperparameters {
            let value = optimizer.get(*h);
            set_hidden(&control.row, value.is_none());
            if let Some(value) = value {
                control.field.set_value(&number(value));
                control
                    .slider
                    .set_value(&scale_of(*h).position(value).to_string());
            }
            control.show_error(None);
        }
        self.el.steps.field.set_value(&s.steps.to_string());
        self.el
            .steps
            .slider
            .set_value(&STEPS_SCALE.position(s.steps as f64).to_string());
        self.el.steps.show_error(None);
        self.el.log_scale.set_checked(s.log_course);
        self.el.compare.set_checked(!s.compare.is_empty());
        set_hidden(&self.el.compare_set, s.compare.is_empty());
        for (kind, checkbox) in &self.el.compared {
            checkbox.set_checked(s.compare.contains(kind));
        }
        self.show_start();
    }

    fn show_start(&self) {
        set_text(&self.el.start, &crate::format::pair(self.settings.start));
    }

    /// Re-measures the figure's width and redraws everything.
    fn resize(&mut self) {
        self.ratio = pixel_ratio();
        let width = self.el.stack.client_width().max(280) as u32;
        let height = (width as f64 * 0.82).round() as u32;
        let course_height = (height as f64 * 0.45).round().max(160.0) as u32;
        self.css = (width, height, course_height);
        self.layers.resize(width, height, self.ratio);
        self.course.resize(width, course_height, self.ratio);
        self.redraw_surface();
        self.redraw_paths();
    }

    /// Recomputes and redraws the raster, contours and axes (function or view changed).
    fn redraw_surface(&mut self) {
        match self.layers.draw_surface(&self.settings, self.ratio) {
            Ok(frame) => self.frame = Some(frame),
            Err(e) => self.fail(&format!("could not draw the surface: {e}")),
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
            .map(|r| summary(&self.settings, r))
            .collect();
        set_text(&self.el.status, &sentences.join(" "));
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

    /// The optimizers of the runs, with their hyperparameters.
    fn optimizers(&self) -> Vec<descent_core::Optimizer> {
        self.runs
            .iter()
            .map(|r| self.settings.optimizers[index(r.optimizer)])
            .collect()
    }

    /// Redraws the path layer and the course for the current runs, hover and position.
    fn draw_paths(&mut self) {
        let highlight = self.hover.or(self.position.map(|t| (0, t)));
        if let Some(frame) = self.frame {
            let drawn =
                self.layers
                    .draw_paths(&frame, &self.runs, self.position, highlight, self.ratio);
            if let Err(e) = drawn {
                self.fail(&format!("could not draw the trajectory: {e}"));
            }
        }
        let series = self.course_view.series(&self.runs, &self.optimizers());
        let course = render::draw_course(
            &self.course,
            &series,
            &mut self.course_view,
            self.settings.log_course,
            highlight.map(|(_, t)| t),
            self.ratio,
        );
        match course {
            Ok(frame) => self.course_frame = Some(frame),
            Err(e) => self.fail(&format!("could not draw the error course: {e}")),
        }
    }

    fn fail(&self, message: &str) {
        web_sys::console::error_1(&JsValue::from_str(message));
        set_text(&self.el.status, message);
    }

    fn on_function(&mut self) {
        let text = self.el.function.value();
        match self.settings.set_function(&text) {
            Ok(()) => {
                set_text(&self.el.function_error, "");
                let _ = self.el.function.set_attribute("aria-invalid", "false");
                self.redraw_surface();
                self.redraw_paths();
            }
            Err(e) => {
                set_text(&self.el.function_error, &e.to_string());
                let _ = self.el.function.set_attribute("aria-invalid", "true");
            }
        }
    }

    fn on_preset(&mut self) {
        if let Some(p) = preset(&self.el.preset.value()) {
            self.settings.apply_preset(p);
            self.show_settings();
            self.redraw_surface();
            self.redraw_paths();
        }
    }

    fn on_optimizer(&mut self) {
        if let Ok(kind) = self.el.optimizer.value().parse::<OptimizerKind>() {
            self.settings.selected = kind;
            self.show_settings();
            self.redraw_paths();
        }
    }

    /// A hyperparameter's number field changed.
    fn on_field(&mut self, h: Hyperparameter) {
        let Some((_, control)) = self.el.hyperparameters.iter().find(|(k, _)| *k == h) else {
            return;
        };
        let text = control.field.value();
        match self.settings.set_hyperparameter(h, &text) {
            Ok(()) => {
                control.show_error(None);
                if let Some(value) = self.settings.optimizer().get(h) {
                    control
                        .slider
                        .set_value(&scale_of(h).position(value).to_string());
                }
                self.redraw_paths();
            }
            Err(e) => control.show_error(Some(e.to_string())),
        }
    }

    /// A hyperparameter's slider moved.
    fn on_slider(&mut self, h: Hyperparameter) {
        let Some((_, control)) = self.el.hyperparameters.iter().find(|(k, _)| *k == h) else {
            return;
        };
        let position: f64 = control.slider.value().parse().unwrap_or(0.0);
        let text = number(scale_of(h).value(position));
        control.field.set_value(&text);
        if self.settings.set_hyperparameter(h, &text).is_ok() {
            control.show_error(None);
            self.redraw_paths();
        }
    }

    fn on_steps_field(&mut self) {
        match self.settings.set_steps(&self.el.steps.field.value()) {
            Ok(()) => {
                let clamped = self.settings.steps > PAGE_MAX_STEPS;
                self.settings.steps = self.settings.steps.min(PAGE_MAX_STEPS);
                self.el.steps.show_error(clamped.then(|| {
                    format!(
                        "the page runs at most {PAGE_MAX_STEPS} iterations, to stay interactive; \
                         showing {PAGE_MAX_STEPS} (the CLI and the JS API go up to 100000)"
                    )
                }));
                self.el
                    .steps
                    .slider
                    .set_value(&STEPS_SCALE.position(self.settings.steps as f64).to_string());
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

    /// Backing-pixel coordinates of a pointer event on the surface stack.
    fn backing(&self, event: &MouseEvent) -> (f64, f64) {
        (
            event.offset_x() as f64 * self.ratio,
            event.offset_y() as f64 * self.ratio,
        )
    }

    fn on_click(&mut self, event: &MouseEvent) {
        if self.readonly {
            return;
        }
        self.pause();
        self.position = None;
        let (x, y) = self.backing(event);
        if let Some(w) = self.frame.and_then(|f| f.data_from_screen(x, y)) {
            self.set_start(w);
        }
    }

    fn set_start(&mut self, w: [f64; 2]) {
        self.settings.start = w;
        self.show_start();
        self.redraw_paths();
    }

    /// Arrow keys move the start point by 1 % of the view (10 % with Shift).
    fn on_key(&mut self, event: &KeyboardEvent) {
        if self.readonly {
            return;
        }
        let (dx, dy) = match event.key().as_str() {
            "ArrowLeft" => (-1.0, 0.0),
            "ArrowRight" => (1.0, 0.0),
            "ArrowUp" => (0.0, 1.0),
            "ArrowDown" => (0.0, -1.0),
            _ => return,
        };
        event.prevent_default();
        let fraction = if event.shift_key() { 0.1 } else { 0.01 };
        let view = self.settings.view;
        let [a, b] = self.settings.start;
        let clamp = |x: f64, [lo, hi]: [f64; 2]| x.clamp(lo, hi);
        self.set_start([
            clamp(a + dx * fraction * (view.w1[1] - view.w1[0]), view.w1),
            clamp(b + dy * fraction * (view.w2[1] - view.w2[0]), view.w2),
        ]);
    }

    /// The (run, iteration) whose drawn point is nearest to (x, y), within 12 CSS pixels.
    fn nearest(&self, x: f64, y: f64) -> Option<(usize, usize)> {
        let frame = self.frame?;
        let reach = 12.0 * self.ratio;
        let last = self.position.unwrap_or(usize::MAX);
        self.runs
            .iter()
            .enumerate()
            .flat_map(|(i, run)| {
                run.rows
                    .iter()
                    .take_while(move |r| r.t <= last)
                    .map(move |r| (i, r))
            })
            .map(|(i, r)| {
                let (px, py) = frame.screen_from_data(r.w);
                ((i, r.t), (px - x).hypot(py - y))
            })
            .filter(|&(_, d)| d <= reach)
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(hit, _)| hit)
    }

    /// Shows the tooltip of `hover` next to CSS pixel (x, y) of the surface, or hides it.
    fn show_tooltip(&self, hover: Option<(usize, usize)>, x: i32, y: i32) {
        let found = hover.and_then(|(r, t)| Some((self.runs.get(r)?, t)));
        let Some((run, row)) = found.and_then(|(run, t)| Some((run, run.rows.get(t)?))) else {
            set_hidden(&self.el.tooltip, true);
            return;
        };
        let optimizer = self.settings.optimizers[index(run.optimizer)];
        crate::dom::show_tooltip(&self.el.tooltip, &tooltip(&optimizer, run, row), x, y);
    }

    fn set_hover(&mut self, hover: Option<(usize, usize)>) {
        if hover != self.hover {
            self.hover = hover;
            self.draw_paths();
        }
    }

    fn on_pointer_move(&mut self, event: &MouseEvent) {
        let (x, y) = self.backing(event);
        let hover = self.nearest(x, y);
        self.set_hover(hover);
        self.show_tooltip(hover, event.offset_x(), event.offset_y());
    }

    fn on_pointer_leave(&mut self) {
        set_hidden(&self.el.tooltip, true);
        self.set_hover(None);
    }

    /// Hovering the course highlights that iteration on the surface too.
    fn on_course_move(&mut self, event: &MouseEvent) {
        let (x, y) = self.backing(event);
        let t = self
            .course_frame
            .and_then(|f| f.data_from_screen(x, y))
            .map(|[t, _]| t.round().max(0.0) as usize)
            .filter(|&t| t <= self.position.unwrap_or(usize::MAX));
        self.set_hover(t.map(|t| (0, t.min(self.last_iteration()))));
        if let (Some(hover), Some(frame)) = (self.hover, self.frame) {
            let w = self
                .runs
                .get(hover.0)
                .and_then(|r| r.rows.get(hover.1))
                .map(|r| r.w);
            if let Some(w) = w {
                let (px, py) = frame.screen_from_data(w);
                self.show_tooltip(
                    self.hover,
                    (px / self.ratio) as i32,
                    (py / self.ratio) as i32,
                );
                return;
            }
        }
        set_hidden(&self.el.tooltip, true);
    }

    fn on_compare(&mut self) {
        if self.el.compare.checked() {
            if self.settings.compare.is_empty() {
                let defaults = [
                    self.settings.selected,
                    OptimizerKind::Gd,
                    OptimizerKind::Adam,
                ];
                for kind in defaults {
                    self.settings.set_compared(kind, true);
                }
            }
        } else {
            self.settings.compare.clear();
        }
        self.show_settings();
        self.redraw_paths();
    }

    fn on_compared(&mut self, kind: OptimizerKind) {
        let on = self
            .el
            .compared
            .iter()
            .find(|(k, _)| *k == kind)
            .is_some_and(|(_, c)| c.checked());
        self.settings.set_compared(kind, on);
        if self.settings.compare.is_empty() {
            self.el.compare.set_checked(false);
            set_hidden(&self.el.compare_set, true);
        }
        self.redraw_paths();
    }

    /// Wheel zoom about the pointer, only while the figure has focus.
    fn on_wheel(&mut self, event: &WheelEvent) {
        let focused = crate::dom::document()
            .ok()
            .and_then(|d| d.active_element())
            .is_some_and(|a| a == *self.el.stack);
        if !focused {
            return;
        }
        let (x, y) = self.backing(event);
        let Some(center) = self.frame.and_then(|f| f.data_from_screen(x, y)) else {
            return;
        };
        event.prevent_default();
        let factor = (event.delta_y() * 0.0015).clamp(-0.5, 0.5).exp();
        let view = self.settings.view.zoomed(center, factor);
        if view.is_valid() {
            self.settings.view = view;
            self.redraw_surface();
            self.draw_paths();
            self.publish();
        }
    }

    fn on_reset_view(&mut self) {
        self.settings.view = self.settings.home;
        self.redraw_surface();
        self.draw_paths();
        self.publish();
    }

    fn on_course_click(&mut self, event: &MouseEvent) {
        let (x, y) = (
            event.offset_x() as f64 * self.ratio,
            event.offset_y() as f64 * self.ratio,
        );
        if self.course_view.toggle_at(x, y) {
            self.draw_paths();
            self.publish();
        }
    }
}

/// Fills the preset select from [`PRESETS`].
fn fill_presets(document: &Document, select: &HtmlSelectElement) -> Result<(), JsValue> {
    for p in &PRESETS {
        let option = document.create_element("option")?;
        option.set_attribute("value", p.id)?;
        set_text(&option, p.label);
        select.append_child(&option)?;
    }
    Ok(())
}

/// Wires every control's events to the app.
fn wire(document: &Document) -> Result<(), JsValue> {
    let target = |id: &str| -> Result<web_sys::EventTarget, JsValue> { by_id(document, id) };
    listen(&target("function")?, "input", |_: web_sys::Event| {
        with_app(App::on_function)
    });
    listen(&target("preset")?, "change", |_: web_sys::Event| {
        with_app(App::on_preset)
    });
    listen(&target("optimizer")?, "change", |_: web_sys::Event| {
        with_app(App::on_optimizer)
    });
    for h in Hyperparameter::ALL {
        listen(&target(h.name())?, "input", move |_: web_sys::Event| {
            with_app(|a| a.on_field(h))
        });
        listen(
            &target(&format!("{}-slider", h.name()))?,
            "input",
            move |_: web_sys::Event| with_app(|a| a.on_slider(h)),
        );
    }
    listen(&target("steps")?, "input", |_: web_sys::Event| {
        with_app(App::on_steps_field)
    });
    listen(&target("steps-slider")?, "input", |_: web_sys::Event| {
        with_app(App::on_steps_slider)
    });
    listen(&target("log-scale")?, "change", |_: web_sys::Event| {
        with_app(|a| {
            a.settings.log_course = a.el.log_scale.checked();
            a.draw_paths();
            a.publish();
        })
    });
    listen(&target("reset-view")?, "click", |_: web_sys::Event| {
        with_app(App::on_reset_view)
    });
    let surface = target("surface")?;
    listen(&surface, "click", |e: MouseEvent| {
        with_app(|a| a.on_click(&e))
    });
    listen(&surface, "pointermove", |e: PointerEvent| {
        with_app(|a| a.on_pointer_move(&e))
    });
    listen(&surface, "pointerleave", |_: PointerEvent| {
        with_app(App::on_pointer_leave)
    });
    listen(&surface, "wheel", |e: WheelEvent| {
        with_app(|a| a.on_wheel(&e))
    });
    listen(&surface, "keydown", |e: KeyboardEvent| {
        with_app(|a| a.on_key(&e))
    });
    listen(&target("course")?, "click", |e: MouseEvent| {
        with_app(|a| a.on_course_click(&e))
    });
    listen(&target("course")?, "pointermove", |e: PointerEvent| {
        with_app(|a| a.on_course_move(&e))
    });
    listen(&target("course")?, "pointerleave", |_: PointerEvent| {
        with_app(App::on_pointer_leave)
    });
    listen(&target("compare")?, "change", |_: web_sys::Event| {
        with_app(App::on_compare)
    });
    for kind in OptimizerKind::ALL {
        listen(
            &target(&format!("compare-{}", kind.name()))?,
            "change",
            move |_: web_sys::Event| with_app(|a| a.on_compared(kind)),
        );
    }
    listen(&target("play")?, "click", |_: web_sys::Event| {
        with_app(App::on_play)
    });
    for what in ["csv", "json", "png", "svg"] {
        let id = match what {
            "csv" | "json" => format!("download-{what}"),
            _ => format!("download-{what}-trajectory"),
        };
        listen(&target(&id)?, "click", move |_: web_sys::Event| {
            with_app(|a| a.download(what))
        });
    }
    listen(&target("step-back")?, "click", |_: web_sys::Event| {
        with_app(|a| a.on_step(-1))
    });
    listen(&target("step-forward")?, "click", |_: web_sys::Event| {
        with_app(|a| a.on_step(1))
    });
    listen(&target("scrubber")?, "input", |_: web_sys::Event| {
        with_app(App::on_scrub)
    });
    if let Some(window) = web_sys::window() {
        listen(&window, "resize", |_: web_sys::Event| with_app(App::resize));
    }
    Ok(())
}

/// Builds the figure on a page that has its elements and draws it.
pub fn mount(
    document: &Document,
    initial: Option<(Settings, TrajectoryExtras)>,
    readonly: bool,
) -> Result<(), JsValue> {
    fill_presets(document, &by_id(document, "preset")?)?;
    let mut app = App::new(document, initial, readonly)?;
    app.live = true;
    FIGURE.with(|slot| slot.set(app));
    wire(document)
}

/// Reads the figure, if the page has one.
fn read_app<R>(f: impl FnOnce(&App) -> R) -> Option<R> {
    FIGURE.with(|slot| slot.read(f))
}

/// The explorer's current trajectory, in the shape `trajectory()` returns (`null` on a page
/// without the explorer).
#[wasm_bindgen(js_name = appTrajectory)]
pub fn app_trajectory() -> JsValue {
    read_app(|app| {
        app.runs
            .first()
            .map(|r| crate::api::trajectory_to_js(r).into())
    })
    .flatten()
    .unwrap_or(JsValue::NULL)
}

/// Every run the explorer shows (one, or one per compared optimizer), each in the shape
/// `trajectory()` returns plus `optimizer`.
#[wasm_bindgen(js_name = appTrajectories)]
pub fn app_trajectories() -> js_sys::Array {
    read_app(|app| {
        app.runs
            .iter()
            .map(|r| {
                let object = crate::api::trajectory_to_js(r);
                crate::api::set(&object, "optimizer", r.optimizer.name());
                JsValue::from(object)
            })
            .collect()
    })
    .unwrap_or_default()
}

/// The playback position (`null` when the whole path is shown).
#[wasm_bindgen(js_name = playbackPosition)]
pub fn playback_position() -> JsValue {
    read_app(|app| app.position.map(|t| JsValue::from_f64(t as f64)))
        .flatten()
        .unwrap_or(JsValue::NULL)
}

/// Where the surface's data area is, in CSS pixels from the top left of `#surface`, and the
/// view it shows: `{ x, y, width, height, xRange, yRange }` (`null` before the first drawing).
#[wasm_bindgen(js_name = surfaceFrame)]
pub fn surface_frame() -> JsValue {
    read_app(|app| app.frame.map(|f| crate::api::frame_to_js(&f, app.ratio)))
        .flatten()
        .unwrap_or(JsValue::NULL)
}
