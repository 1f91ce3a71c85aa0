//! The 3-D view's interaction: a drag (mouse, pen or one finger) or the arrow keys turn it,
//! the wheel, a pinch or + and − zoom, Reset view returns it; a click (a tap) sets the start
//! where the ray meets the surface; hovering an iterate marks it here and on the course. A
//! turning view draws its coarse mesh once per animation frame and the full mesh when the
//! pointers lift; the link follows when the view stops.

use std::cell::Cell;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{KeyboardEvent, MouseEvent, PointerEvent, WheelEvent};

use super::figure::{with_app, App};
use super::solid::Layers;
use descent_core::view3d::View3d;

/// Degrees the view turns per CSS pixel dragged.
const DEGREES_PER_PIXEL: f64 = 0.5;
/// Degrees an arrow key turns it (three times as far with Shift).
const KEY_DEGREES: f64 = 5.0;
/// How far, in CSS pixels, a pointer may move between down and up and still click.
const CLICK_SLOP: f64 = 4.0;
/// Zoom factor of + and −, and of 100 pixels of wheel.
const ZOOM_STEP: f64 = 1.25;
/// How close, in CSS pixels, the pointer must come to an iterate to pick it.
const HOVER_REACH: f64 = 12.0;
/// The mark a frame's measure starts from.
const FRAME_START: &str = "descent-3d-frame-start";

thread_local! {
    /// Whether an animation frame of the 3-D view is requested and not yet drawn.
    static PENDING: Cell<bool> = const { Cell::new(false) };
    /// The animation frame's callback: made once, never dropped.
    static FRAME: Closure<dyn FnMut()> = Closure::new(|| {
        PENDING.with(|p| p.set(false));
        with_app(App::solid_frame);
    });
}

/// The event's position over its target in CSS pixels.
fn css(event: &MouseEvent) -> (f64, f64) {
    (f64::from(event.offset_x()), f64::from(event.offset_y()))
}

impl App {
    /// Draws the 3-D view whole (`coarse` while it turns): picture, axes and paths; one
    /// measured frame.
    pub(super) fn draw_solid(&mut self, coarse: bool) {
        let performance = web_sys::window().and_then(|w| w.performance());
        if let Some(p) = &performance {
            let _ = p.mark(FRAME_START);
        }
        let layers = Layers {
            raster: &self.layers.raster,
            axes: &self.layers.axes,
        };
        let ratio = self.shell.ratio;
        let drawn = self.solid.draw_surface(
            &layers,
            &self.state.settings,
            &self.state.view3d,
            ratio,
            coarse,
        );
        if let Err(e) = drawn {
            self.fail(&e.status("draw the surface in 3-D"));
        }
        self.draw_solid_paths();
        if performance.is_some() {
            self.solid.measure(FRAME_START);
        }
        self.describe_solid();
    }

    /// Redraws the paths over the 3-D view.
    pub(super) fn draw_solid_paths(&mut self) {
        let highlight = self.hover.or(self.state.position.map(|t| (0, t)));
        let drawn = self.solid.draw_paths(
            &self.layers.paths,
            &self.runs,
            (self.state.position, highlight),
            &self.state.view3d,
            self.shell.ratio,
        );
        if let Err(e) = drawn {
            self.fail(&e.status("draw the trajectory in 3-D"));
        }
    }

    /// The figure's text alternative in 3-D: the view, and how to turn it (the status line
    /// it describes itself with says where each path ends).
    fn describe_solid(&self) {
        let view = &self.state.view3d;
        let height = match view.height {
            descent_core::view3d::Height::Linear => "",
            descent_core::view3d::Height::Log => ", heights by log E",
        };
        let label = format!(
            "The error surface in 3-D, seen from azimuth {}° and elevation {}°{height}, with \
             the trajectory draped over it. Drag or use the arrow keys to turn it, + and − to \
             zoom; click the surface to start there.",
            view.orbit.azimuth, view.orbit.elevation
        );
        let _ = self.shell.stack.set_attribute("aria-label", &label);
    }

    /// Asks for an animation frame of the 3-D view, unless one is pending.
    fn request_solid_frame(&self) {
        if PENDING.with(|p| p.replace(true)) {
            return;
        }
        let requested = FRAME.with(|f| {
            web_sys::window()?
                .request_animation_frame(f.as_ref().unchecked_ref())
                .ok()
        });
        if requested.is_none() {
            PENDING.with(|p| p.set(false));
        }
    }

    /// The animation frame: the coarse mesh while pointers are down, else the full one.
    fn solid_frame(&mut self) {
        if self.state.view3d.shown {
            self.draw_solid(self.solid.gesture.is_active());
        }
    }

    /// Turns the view by `azimuth` and `elevation` degrees and asks for a frame.
    fn turn(&mut self, azimuth: f64, elevation: f64) {
        let orbit = &mut self.state.view3d.orbit;
        *orbit = orbit.turned(azimuth, elevation);
        self.request_solid_frame();
    }

    /// Zooms by `factor` (within the camera's range) and asks for a frame.
    fn zoom_solid(&mut self, factor: f64) {
        self.state.view3d = self.state.view3d.zoomed(factor);
        self.request_solid_frame();
    }

    pub(super) fn on_solid_pointer_down(&mut self, event: &PointerEvent) {
        if !self.state.view3d.shown || (event.pointer_type() == "mouse" && event.button() != 0) {
            return;
        }
        let gesture = &mut self.solid.gesture;
        if gesture.pointers.is_empty() {
            gesture.travelled = 0.0;
        }
        gesture.pointers.push((event.pointer_id(), css(event)));
        let _ = self.shell.stack.set_pointer_capture(event.pointer_id());
    }

    /// A pointer moved: turn (one pointer down), zoom (two), or hover (none); returns
    /// whether the 3-D view took the event.
    pub(super) fn on_solid_pointer_move(&mut self, event: &PointerEvent) -> bool {
        if !self.state.view3d.shown {
            return false;
        }
        let at = css(event);
        let gesture = &mut self.solid.gesture;
        let Some(index) = gesture
            .pointers
            .iter()
            .position(|(id, _)| *id == event.pointer_id())
        else {
            self.hover_solid(event);
            return true;
        };
        let before = gesture.spread();
        let last = std::mem::replace(&mut gesture.pointers[index].1, at);
        let (dx, dy) = (at.0 - last.0, at.1 - last.1);
        gesture.travelled += dx.hypot(dy);
        match (before, gesture.spread()) {
            (Some(old), Some(new)) if old > 0.0 && new > 0.0 => self.zoom_solid(new / old),
            _ if gesture.travelled > CLICK_SLOP => {
                self.shell.hide_tooltip();
                self.turn(-dx * DEGREES_PER_PIXEL, dy * DEGREES_PER_PIXEL);
            }
            _ => {}
        }
        true
    }

    /// The pointer hovers: mark the nearest iterate here and on the course.
    fn hover_solid(&mut self, event: &PointerEvent) {
        let ratio = self.shell.ratio;
        let at = self.shell.backing(event);
        let hover = self.solid.nearest(at, HOVER_REACH * ratio);
        let hover = hover.filter(|&(_, t)| t <= self.state.position.unwrap_or(usize::MAX));
        self.set_hover(hover);
        self.show_tooltip(hover, event.offset_x(), event.offset_y());
    }

    /// A pointer lifted (or was cancelled): when the last one lifts after turning, draw the
    /// full mesh and update the link.
    pub(super) fn on_solid_pointer_up(&mut self, event: &PointerEvent) {
        let gesture = &mut self.solid.gesture;
        gesture.pointers.retain(|(id, _)| *id != event.pointer_id());
        if gesture.pointers.is_empty() && gesture.travelled > CLICK_SLOP {
            self.request_solid_frame();
            self.publish();
        }
    }

    /// A click (or tap) that did not turn the view starts the runs at the surface point under
    /// it; returns whether the 3-D view took the event.
    pub(super) fn on_solid_click(&mut self, event: &MouseEvent) -> bool {
        if !self.state.view3d.shown {
            return false;
        }
        if self.readonly || self.solid.gesture.travelled > CLICK_SLOP {
            return true;
        }
        let (x, y) = self.shell.backing(event);
        if let Some(w) = self.solid.data_at(x, y) {
            self.pause();
            self.state.position = None;
            self.set_start(w);
        }
        true
    }

    /// Arrow keys turn the view, + and − zoom; returns whether the 3-D view took the key.
    pub(super) fn on_solid_key(&mut self, event: &KeyboardEvent) -> bool {
        if !self.state.view3d.shown {
            return false;
        }
        let step = if event.shift_key() { 3.0 } else { 1.0 } * KEY_DEGREES;
        match event.key().as_str() {
            "ArrowLeft" => self.turn(step, 0.0),
            "ArrowRight" => self.turn(-step, 0.0),
            "ArrowUp" => self.turn(0.0, -step),
            "ArrowDown" => self.turn(0.0, step),
            "+" | "=" => self.zoom_solid(ZOOM_STEP),
            "-" | "_" => self.zoom_solid(1.0 / ZOOM_STEP),
            _ => return true,
        }
        event.prevent_default();
        self.publish();
        true
    }

    /// The wheel zooms, while the figure has focus (otherwise the page scrolls); returns
    /// whether the 3-D view took the event.
    pub(super) fn on_solid_wheel(&mut self, event: &WheelEvent, focused: bool) -> bool {
        if !self.state.view3d.shown {
            return false;
        }
        if focused {
            event.prevent_default();
            self.zoom_solid(ZOOM_STEP.powf(-event.delta_y() / 100.0));
        }
        true
    }

    /// Reset view in 3-D: the default camera.
    pub(super) fn reset_solid(&mut self) {
        let defaults = View3d::default();
        self.state.view3d.orbit = defaults.orbit;
        self.state.view3d.zoom = defaults.zoom;
        self.request_solid_frame();
        self.publish();
    }

    /// The 3-D checkbox changed: show the surface in 3-D or as the contour map.
    pub(super) fn on_view3d(&mut self) {
        self.state.view3d.shown = self.solid_el.shown.checked();
        self.solid_el.show(&self.state.view3d);
        self.show_solid_mode();
        self.redraw_surface();
        self.draw_paths();
        self.publish();
    }

    /// The log height checkbox changed.
    pub(super) fn on_zscale(&mut self) {
        self.state.view3d.height = self.solid_el.height();
        self.redraw_surface();
        self.draw_paths();
        self.publish();
    }

    /// Marks the figure's stack as 3-D (a drag turns it there, so touch does not scroll) or
    /// not, and restores the 2-D text alternative.
    pub(super) fn show_solid_mode(&self) {
        let stack = &self.shell.stack;
        let classes = stack.class_list();
        let _ = classes.toggle_with_force("solid", self.state.view3d.shown);
        if !self.state.view3d.shown {
            let _ = stack.set_attribute("aria-label", &self.flat_label);
        }
    }

    /// Draws the 3-D view whole, the surface sampled again (function, view or height
    /// changed).
    pub(super) fn redraw_solid_surface(&mut self) {
        self.solid.invalidate();
        self.frame = None;
        self.draw_solid(false);
    }

    /// The tooltip position of the hovered iterate in 3-D, in CSS pixels.
    pub(super) fn solid_tooltip_at(&self) -> Option<(i32, i32)> {
        let (x, y) = self.solid.screen_of(self.hover?)?;
        let ratio = self.shell.ratio;
        Some(((x / ratio) as i32, (y / ratio) as i32))
    }
}
