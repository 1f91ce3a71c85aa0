//! The trajectory figure's side of its 3-D view, which the module loaded on demand draws
//! (`page::solid`): the figure keeps the state (`3d`, `azimuth`, …, in its link), asks for
//! the view when it is shown, tells it the link and the hovered iterate after every change,
//! and takes back the camera as it turns, the iterate hovered there, where the marker is
//! drawn, and the start a click chose (`descent-load-run`). While the view is shown the
//! figure's own handlers leave the surface's pointer, keys and wheel to it.

use std::cell::Cell;

use descent_core::view3d::View3d;

use super::figure::{with_app, App};
use crate::model::trajectory_state::encode_trajectory;
use crate::page::bridge;

thread_local! {
    /// Where the 3-D view drew the marked iterate, in CSS pixels: the view says so while
    /// it draws, which may be while the figure is busy asking it to.
    static MARKER: Cell<Option<(f64, f64)>> = const { Cell::new(None) };
}

/// Listens to the 3-D view.
pub fn listen() {
    bridge::on_3d_state_wanted(|| {
        with_app(|app| {
            if app.state.view3d.shown {
                app.send_3d();
            }
        })
    });
    bridge::on_view_3d(|pairs, settled| with_app(|app| app.on_3d_view(&pairs, settled)));
    bridge::on_hover_3d(|hover, (x, y)| {
        with_app(|app| {
            app.set_hover(hover);
            app.show_tooltip(hover, x as i32, y as i32);
        })
    });
    bridge::on_marker_3d(|at| MARKER.with(|m| m.set(at)));
}

impl App {
    /// Tells the 3-D view the figure's link and hover (asking for the view first, once).
    pub(super) fn send_3d(&mut self) {
        if !self.solid_asked {
            self.solid_asked = true;
            bridge::want_3d();
        }
        bridge::show_3d(&encode_trajectory(&self.state), self.hover);
    }

    /// The 3-D view's camera turned: kept in the state, written to the link once it settles.
    fn on_3d_view(&mut self, pairs: &[(String, String)], settled: bool) {
        for (key, value) in pairs {
            // The view sends what it was sent, in core's words: nothing to refuse.
            let _ = self.state.view3d.set(key, value);
        }
        if settled {
            self.publish();
        }
    }

    /// Whether the 3-D view takes the surface's pointer, keys and wheel (it is shown).
    pub(super) fn solid_takes_input(&self) -> bool {
        self.state.view3d.shown
    }

    /// Reset view in 3-D: the default camera.
    pub(super) fn reset_solid(&mut self) {
        let defaults = View3d::default();
        self.state.view3d.orbit = defaults.orbit;
        self.state.view3d.zoom = defaults.zoom;
        self.send_3d();
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
        self.publish();
    }

    /// Marks the figure's stack as 3-D (a drag turns it there, so touch does not scroll) or
    /// not; in 2-D, restores the contour map's text alternative (the 3-D view writes its own).
    pub(super) fn show_solid_mode(&self) {
        let stack = &self.shell.stack;
        let classes = stack.class_list();
        let _ = classes.toggle_with_force("solid", self.state.view3d.shown);
        if !self.state.view3d.shown {
            let _ = stack.set_attribute("aria-label", &self.flat_label);
            let _ = stack.remove_attribute("data-view3d");
        }
    }

    /// The surface in 3-D: the layers are the 3-D view's; tell it what to draw.
    pub(super) fn redraw_solid_surface(&mut self) {
        self.frame = None;
        self.send_3d();
    }

    /// The tooltip position of the hovered iterate in 3-D, in CSS pixels.
    pub(super) fn solid_tooltip_at(&self) -> Option<(i32, i32)> {
        self.hover?;
        let (x, y) = MARKER.with(Cell::get)?;
        Some((x as i32, y as i32))
    }
}
