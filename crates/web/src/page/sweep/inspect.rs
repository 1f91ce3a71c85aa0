//! Not API: the maps' state and the map drawn, read for tests and the console
//! (`window.descent.sweepState()`, `sweepResult()`).

use js_sys::{Array, Object};
use wasm_bindgen::prelude::*;

use super::figure::read;
use crate::convert::{frame_to_js, set, sweep_columns_to_js};

/// The maps' state: `{ on, computing, done, total, jobs, computedIn, stale, kind, grid,
/// cursor, frame }` (`computedIn`: `"worker"`, `"page"` where the worker could not run, or
/// `"none"`)
/// (`frame` as `surfaceFrame()`'s, relative to `#sweep`, or `null` before a map is drawn;
/// `jobs` counts the maps sent to the worker); `null` on a page without the maps.
#[wasm_bindgen(js_name = sweepState)]
pub fn sweep_state() -> JsValue {
    read(|m| {
        let state = Object::new();
        set(&state, "on", m.on);
        set(&state, "computing", m.pending.is_some());
        set(&state, "done", m.progress.0 as f64);
        set(&state, "total", m.progress.1 as f64);
        set(&state, "jobs", m.jobs);
        set(&state, "computedIn", m.computed_in());
        set(&state, "stale", m.shown.is_some() && m.is_stale());
        set(&state, "kind", m.map.kind.name());
        let grid: Array = m
            .map
            .grid
            .iter()
            .map(|&n| JsValue::from(n as f64))
            .collect();
        set(&state, "grid", grid);
        set(
            &state,
            "cursor",
            m.cursor.map_or(JsValue::NULL, |c| JsValue::from(c as f64)),
        );
        let frame = m
            .frame
            .filter(|_| m.shown.is_some())
            .map_or(JsValue::NULL, |f| frame_to_js(&f, m.ratio()).into());
        set(&state, "frame", frame);
        JsValue::from(state)
    })
    .unwrap_or(JsValue::NULL)
}

/// The map drawn, in the shape `sweep()` returns (`null` before the first map).
#[wasm_bindgen(js_name = sweepResult)]
pub fn sweep_result() -> JsValue {
    read(|m| {
        m.shown
            .as_ref()
            .map(|(config, result)| sweep_columns_to_js(config, &result.columns()).into())
    })
    .flatten()
    .unwrap_or(JsValue::NULL)
}
