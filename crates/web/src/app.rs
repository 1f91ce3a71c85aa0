//! The explorer's trajectory figure: the error surface (raster layer, axes-and-contours layer,
//! path layer), the error course below it, and the controls. State lives in Rust; each event
//! redraws only the layers it changed (a slider move never recomputes the raster).

use std::cell::RefCell;

use descent_core::{Hyperparameter, OptimizerKind, Trajectory};
use descent_plot::frame::Frame;
use wasm_bindgen::prelude::*;
use web_sys::{
    Document, Element, HtmlElement, HtmlInputElement, HtmlSelectElement, KeyboardEvent, MouseEvent,
    PointerEvent, WheelEvent,
};

use crate::dom::{by_id, listen, pixel_ratio, set_hidden, set_text, Layer};
use crate::format::{number, summary, tooltip};
use crate::presets::{preset, PRESETS};
use crate::render::{self, CourseView, SurfaceLayers};
use crate::settings::Settings;
use crate::sliders::{scale_of, STEPS_SCALE};

thread_local! {
    static APP: RefCell<Option<App>> = const { RefCell::new(None) };
}

/// Runs `f` on the app, unless it is missing or busy (an event fired while another is handled).
fn with_app(f: impl FnOnce(&mut App)) {
    APP.with(|cell| {
        if let Ok(mut app) = cell.try_borrow_mut() {
            if let Some(app) = app.as_mut() {
                f(app);
            }
        }
    });
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
    trajectory: Trajectory,
    course_view: CourseView,
    /// The iteration under the pointer.
    hover: Option<usize>,
    ratio: f64,
}

impl App {
    /// Finds the page's elements and draws the default figure.
    fn new(document: &Document) -> Result<App, JsValue> {
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
        };
        let settings = Settings::default();
        let trajectory = settings.config().run();
        let mut app = App {
            el,
            layers: SurfaceLayers::new(document)?,
            course: Layer::new(document, "course")?,
            settings,
            frame: None,
            trajectory,
            course_view: CourseView::default(),
            hover: None,
            ratio: pixel_ratio(),
        };
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
        self.show_start();
    }

    fn show_start(&self) {
        let [a, b] = self.settings.start;
        set_text(&self.el.start, &format!("({}, {})", number(a), number(b)));
    }

    /// Re-measures the figure's width and redraws everything.
    fn resize(&mut self) {
        self.ratio = pixel_ratio();
        let width = self.el.stack.client_width().max(280) as u32;
        let height = (width as f64 * 0.82).round() as u32;
        self.layers.resize(width, height, self.ratio);
        self.course.resize(
            width,
            (height as f64 * 0.45).round().max(160.0) as u32,
            self.ratio,
        );
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

    /// Recomputes the trajectory and redraws the path layer and the error course.
    fn redraw_paths(&mut self) {
        self.trajectory = self.settings.config().run();
        self.hover = self.hover.filter(|&t| t < self.trajectory.rows.len());
        self.draw_paths();
        set_text(&self.el.status, &summary(&self.settings, &self.trajectory));
    }

    /// Redraws the path layer and the course for the current trajectory and hover.
    fn draw_paths(&mut self) {
        if let Some(frame) = self.frame {
            if let Err(e) = self
                .layers
                .draw_paths(&frame, &self.trajectory, self.hover, self.ratio)
            {
                self.fail(&format!("could not draw the trajectory: {e}"));
            }
        }
        let course = render::draw_course(
            &self.course,
            &self.trajectory,
            &mut self.course_view,
            self.settings.log_course,
            self.hover,
            self.ratio,
        );
        if let Err(e) = course {
            self.fail(&format!("could not draw the error course: {e}"));
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
                self.el.steps.show_error(None);
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

    /// The iteration whose point is nearest to (x, y), within 12 CSS pixels.
    fn nearest(&self, x: f64, y: f64) -> Option<usize> {
        let frame = self.frame?;
        let reach = 12.0 * self.ratio;
        self.trajectory
            .rows
            .iter()
            .map(|r| {
                let (px, py) = frame.screen_from_data(r.w);
                (r.t, (px - x).hypot(py - y))
            })
            .filter(|&(_, d)| d <= reach)
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(t, _)| t)
    }

    fn on_pointer_move(&mut self, event: &MouseEvent) {
        let (x, y) = self.backing(event);
        let hover = self.nearest(x, y);
        if hover != self.hover {
            self.hover = hover;
            self.draw_paths();
        }
        match hover.and_then(|t| self.trajectory.rows.get(t)) {
            Some(row) => {
                set_text(
                    &self.el.tooltip,
                    &tooltip(&self.settings, &self.trajectory, row),
                );
                let style = self.el.tooltip.dyn_ref::<HtmlElement>().map(|e| e.style());
                if let Some(style) = style {
                    let _ = style.set_property("left", &format!("{}px", event.offset_x() + 14));
                    let _ = style.set_property("top", &format!("{}px", event.offset_y() + 14));
                }
                set_hidden(&self.el.tooltip, false);
            }
            None => set_hidden(&self.el.tooltip, true),
        }
    }

    fn on_pointer_leave(&mut self) {
        set_hidden(&self.el.tooltip, true);
        if self.hover.take().is_some() {
            self.draw_paths();
        }
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
        }
    }

    fn on_reset_view(&mut self) {
        self.settings.view = self.settings.home;
        self.redraw_surface();
        self.draw_paths();
    }

    fn on_course_click(&mut self, event: &MouseEvent) {
        let (x, y) = (
            event.offset_x() as f64 * self.ratio,
            event.offset_y() as f64 * self.ratio,
        );
        if self.course_view.toggle_at(x, y) {
            self.draw_paths();
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
    if let Some(window) = web_sys::window() {
        listen(&window, "resize", |_: web_sys::Event| with_app(App::resize));
    }
    Ok(())
}

/// Builds the app on a page that has its elements, draws the first figure and marks the
/// page ready (`<body data-ready="true">`).
pub fn mount(document: &Document) -> Result<(), JsValue> {
    fill_presets(document, &by_id(document, "preset")?)?;
    let app = App::new(document)?;
    APP.with(|cell| *cell.borrow_mut() = Some(app));
    wire(document)?;
    if let Some(body) = document.body() {
        body.set_attribute("data-ready", "true")?;
    }
    Ok(())
}

/// Reads the app, if the page has one.
fn read_app<R>(f: impl FnOnce(&App) -> R) -> Option<R> {
    APP.with(|cell| cell.try_borrow().ok().and_then(|app| app.as_ref().map(f)))
}

/// The explorer's current trajectory, in the shape `trajectory()` returns (`null` on a page
/// without the explorer).
#[wasm_bindgen(js_name = appTrajectory)]
pub fn app_trajectory() -> JsValue {
    read_app(|app| crate::api::trajectory_to_js(&app.trajectory).into()).unwrap_or(JsValue::NULL)
}

/// Where the surface's data area is, in CSS pixels from the top left of `#surface`, and the
/// view it shows: `{ x, y, width, height, w1: [min, max], w2: [min, max] }` (`null` before the
/// first drawing).
#[wasm_bindgen(js_name = surfaceFrame)]
pub fn surface_frame() -> JsValue {
    read_app(|app| {
        let frame = app.frame?;
        let object = js_sys::Object::new();
        let css = |px: f64| JsValue::from_f64(px / app.ratio);
        crate::api::set(&object, "x", css(frame.x as f64));
        crate::api::set(&object, "y", css(frame.y as f64));
        crate::api::set(&object, "width", css(frame.width as f64));
        crate::api::set(&object, "height", css(frame.height as f64));
        let range =
            |r: [f64; 2]| -> js_sys::Array { r.iter().map(|&v| JsValue::from_f64(v)).collect() };
        crate::api::set(&object, "w1", range(frame.x_range));
        crate::api::set(&object, "w2", range(frame.y_range));
        Some(JsValue::from(object))
    })
    .flatten()
    .unwrap_or(JsValue::NULL)
}
