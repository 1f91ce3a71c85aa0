//! Wires every control of the trajectory figure to its handler.

use wasm_bindgen::JsCast;
use web_sys::{
    Document, Element, Event, EventTarget, KeyboardEvent, MouseEvent, PointerEvent, WheelEvent,
};

use super::figure::{with_app, App};
use crate::error::WebError;
use crate::model::controls::hyperparameter_rows;
use crate::page::dom::{by_id, listen};

/// Calls `handler` on the figure at every `event` of `#id`.
fn on(document: &Document, id: &str, event: &str, handler: fn(&mut App)) -> Result<(), WebError> {
    let target: EventTarget = by_id(document, id)?;
    listen(&target, event, move |_: Event| with_app(handler));
    Ok(())
}

/// Wires the controls.
pub fn wire(document: &Document) -> Result<(), WebError> {
    let target = |id: &str| -> Result<EventTarget, WebError> { by_id(document, id) };
    on(document, "function", "input", App::on_function)?;
    on(document, "preset", "change", App::on_preset)?;
    on(document, "optimizer", "change", App::on_optimizer)?;
    on(document, "convention", "change", App::on_convention)?;
    for row in hyperparameter_rows() {
        let key = row.key;
        listen(&target(key)?, "input", move |_: Event| {
            with_app(|a| a.on_field(key))
        });
        listen(
            &target(&format!("{key}-slider"))?,
            "input",
            move |_: Event| with_app(|a| a.on_slider(key)),
        );
    }
    on(document, "steps", "input", App::on_steps_field)?;
    on(document, "steps-slider", "input", App::on_steps_slider)?;
    on(document, "tol", "input", App::on_tol)?;
    on(document, "log-scale", "change", App::on_log_scale)?;
    on(document, "reset-view", "click", App::on_reset_view)?;
    on(document, "fit-view", "click", App::on_fit_view)?;
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
    listen(&surface, "pointerdown", |e: PointerEvent| {
        with_app(|a| a.on_solid_pointer_down(&e))
    });
    for event in ["pointerup", "pointercancel"] {
        listen(&surface, event, |e: PointerEvent| {
            with_app(|a| a.on_solid_pointer_up(&e))
        });
    }
    on(document, "curvature", "change", App::on_curvature)?;
    on(document, "rotate", "input", App::on_rotate_field)?;
    on(document, "rotate-slider", "input", App::on_rotate_slider)?;
    on(document, "view3d", "change", App::on_view3d)?;
    on(document, "zscale-log", "change", App::on_zscale)?;
    listen(&surface, "wheel", |e: WheelEvent| {
        with_app(|a| a.on_wheel(&e))
    });
    listen(&surface, "keydown", |e: KeyboardEvent| {
        with_app(|a| a.on_key(&e))
    });
    let course = target("course")?;
    listen(&course, "click", |e: MouseEvent| {
        with_app(|a| a.on_course_click(&e))
    });
    listen(&course, "pointermove", |e: PointerEvent| {
        with_app(|a| a.on_course_move(&e))
    });
    listen(&course, "pointerleave", |_: PointerEvent| {
        with_app(App::on_pointer_leave)
    });
    on(document, "compare", "change", App::on_compare)?;
    // One listener for the whole compare grid: the checkbox that changed names its entry.
    listen(&target("compare-grid")?, "change", |e: Event| {
        let id = e
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .map(|el| el.id());
        with_app(|a| {
            if let Some(id) = &id {
                a.on_compared(id);
            }
        })
    });
    on(document, "play", "click", App::on_play)?;
    for (id, what) in [
        ("download-csv", "csv"),
        ("download-json", "json"),
        ("download-png-trajectory", "png"),
        ("download-svg-trajectory", "svg"),
    ] {
        listen(&target(id)?, "click", move |_: Event| {
            with_app(|a| a.download(what))
        });
    }
    listen(&target("step-back")?, "click", |_: Event| {
        with_app(|a| a.on_step(-1))
    });
    listen(&target("step-forward")?, "click", |_: Event| {
        with_app(|a| a.on_step(1))
    });
    on(document, "scrubber", "input", App::on_scrub)?;
    if let Some(window) = web_sys::window() {
        listen(&window, "resize", |_: Event| with_app(App::resize));
    }
    Ok(())
}
