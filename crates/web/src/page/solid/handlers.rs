//! The 3-D view's interaction: a drag (mouse, pen or one finger) or the arrow keys turn it,
//! the wheel, a pinch or + and − zoom; a click (a tap) starts the runs where the ray meets the
//! surface; hovering marks the nearest iterate. A turning view draws its coarse mesh once per
//! animation frame and the full mesh when the pointers lift; the figure (and its link) hears
//! of the camera as it turns and settles. Each handler returns what to tell the figure.

use std::cell::Cell;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{KeyboardEvent, MouseEvent, PointerEvent, WheelEvent};

use super::view::SolidView;
use super::{with_view, Tell};
use crate::page::bridge::Download3d;
use crate::page::dom;

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

thread_local! {
    /// Whether an animation frame of the 3-D view is requested and not yet drawn.
    static PENDING: Cell<bool> = const { Cell::new(false) };
    /// The animation frame's callback: made once, never dropped.
    static FRAME: Closure<dyn FnMut()> = Closure::new(|| {
        PENDING.with(|p| p.set(false));
        with_view(SolidView::frame);
    });
}

/// The event's position over its target in CSS pixels.
fn css(event: &MouseEvent) -> (f64, f64) {
    (f64::from(event.offset_x()), f64::from(event.offset_y()))
}

/// Asks for an animation frame of the 3-D view, unless one is pending.
fn request_frame() {
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

impl SolidView {
    /// The animation frame: the coarse mesh while pointers are down, else the full one.
    fn frame(&mut self) -> Vec<Tell> {
        if self.state.view3d.shown {
            self.draw(self.solid.gesture.is_active());
        }
        Vec::new()
    }

    /// The camera's keys, for the figure's state.
    fn camera(&self, settled: bool) -> Tell {
        let view = &self.state.view3d;
        let pairs = descent_core::view3d::KEYS
            .iter()
            .filter_map(|&key| Some((key.to_owned(), view.value(key)?)))
            .collect();
        Tell::View(pairs, settled)
    }

    /// Turns the view by `azimuth` and `elevation` degrees and asks for a frame.
    fn turn(&mut self, azimuth: f64, elevation: f64) {
        let orbit = &mut self.state.view3d.orbit;
        *orbit = orbit.turned(azimuth, elevation);
        request_frame();
    }

    /// Zooms by `factor` (within the camera's range) and asks for a frame.
    fn zoom(&mut self, factor: f64) {
        self.state.view3d = self.state.view3d.zoomed(factor);
        request_frame();
    }

    pub(super) fn on_pointer_down(&mut self, event: &PointerEvent) -> Vec<Tell> {
        if !self.state.view3d.shown || (event.pointer_type() == "mouse" && event.button() != 0) {
            return Vec::new();
        }
        let gesture = &mut self.solid.gesture;
        if gesture.pointers.is_empty() {
            gesture.travelled = 0.0;
        }
        gesture.pointers.push((event.pointer_id(), css(event)));
        let _ = self.stack.set_pointer_capture(event.pointer_id());
        Vec::new()
    }

    /// A pointer moved: turn (one pointer down), zoom (two), or hover (none).
    pub(super) fn on_pointer_move(&mut self, event: &PointerEvent) -> Vec<Tell> {
        if !self.state.view3d.shown {
            return Vec::new();
        }
        let at = css(event);
        let gesture = &mut self.solid.gesture;
        let Some(index) = gesture
            .pointers
            .iter()
            .position(|(id, _)| *id == event.pointer_id())
        else {
            return self.hover_at(event);
        };
        let before = gesture.spread();
        let last = std::mem::replace(&mut gesture.pointers[index].1, at);
        let (dx, dy) = (at.0 - last.0, at.1 - last.1);
        gesture.travelled += dx.hypot(dy);
        match (before, gesture.spread()) {
            (Some(old), Some(new)) if old > 0.0 && new > 0.0 => self.zoom(new / old),
            _ if gesture.travelled > CLICK_SLOP => {
                self.turn(-dx * DEGREES_PER_PIXEL, dy * DEGREES_PER_PIXEL)
            }
            _ => return Vec::new(),
        }
        let mut tells = vec![self.camera(false)];
        if self.hover.is_some() {
            // No iterate is hovered while the view turns.
            tells.push(Tell::Hover(None, at));
        }
        tells
    }

    /// The pointer hovers: the nearest iterate within reach, for the figure to mark.
    fn hover_at(&mut self, event: &PointerEvent) -> Vec<Tell> {
        let ratio = self.ratio();
        let at = css(event);
        let hover = self
            .solid
            .nearest((at.0 * ratio, at.1 * ratio), HOVER_REACH * ratio);
        let hover = hover.filter(|&(_, t)| t <= self.state.position.unwrap_or(usize::MAX));
        if hover == self.hover && hover.is_none() {
            return Vec::new();
        }
        vec![Tell::Hover(hover, at)]
    }

    /// A pointer lifted (or was cancelled): when the last one lifts after turning, draw the
    /// full mesh and settle the link.
    pub(super) fn on_pointer_up(&mut self, event: &PointerEvent) -> Vec<Tell> {
        let gesture = &mut self.solid.gesture;
        gesture.pointers.retain(|(id, _)| *id != event.pointer_id());
        if gesture.pointers.is_empty() && gesture.travelled > CLICK_SLOP {
            request_frame();
            return vec![self.camera(true)];
        }
        Vec::new()
    }

    /// A click (or tap) that did not turn the view starts the runs at the surface point under
    /// it (not in a read-only embed).
    pub(super) fn on_click(&mut self, event: &MouseEvent) -> Vec<Tell> {
        let readonly = dom::document()
            .ok()
            .and_then(|d| d.body())
            .is_some_and(|b| b.class_list().contains("readonly"));
        if !self.state.view3d.shown || readonly || self.solid.gesture.travelled > CLICK_SLOP {
            return Vec::new();
        }
        let ratio = self.ratio();
        let (x, y) = css(event);
        self.solid
            .data_at(x * ratio, y * ratio)
            .map(Tell::Start)
            .into_iter()
            .collect()
    }

    /// Arrow keys turn the view, + and − zoom.
    pub(super) fn on_key(&mut self, event: &KeyboardEvent) -> Vec<Tell> {
        if !self.state.view3d.shown {
            return Vec::new();
        }
        let step = if event.shift_key() { 3.0 } else { 1.0 } * KEY_DEGREES;
        match event.key().as_str() {
            "ArrowLeft" => self.turn(step, 0.0),
            "ArrowRight" => self.turn(-step, 0.0),
            "ArrowUp" => self.turn(0.0, -step),
            "ArrowDown" => self.turn(0.0, step),
            "+" | "=" => self.zoom(ZOOM_STEP),
            "-" | "_" => self.zoom(1.0 / ZOOM_STEP),
            _ => return Vec::new(),
        }
        event.prevent_default();
        vec![self.camera(true)]
    }

    /// The wheel zooms, while the figure has focus (otherwise the page scrolls).
    pub(super) fn on_wheel(&mut self, event: &WheelEvent) -> Vec<Tell> {
        let focused = dom::document()
            .ok()
            .and_then(|d| d.active_element())
            .is_some_and(|a| a == *self.stack);
        if !self.state.view3d.shown || !focused {
            return Vec::new();
        }
        event.prevent_default();
        self.zoom(ZOOM_STEP.powf(-event.delta_y() / 100.0));
        vec![self.camera(true)]
    }

    /// The figure asks for a download in 3-D.
    pub(super) fn download(&mut self, download: &Download3d) -> Vec<Tell> {
        if let Err(e) = self.offer(download) {
            web_sys::console::error_1(&e.status("export the figure").into());
        }
        Vec::new()
    }
}
