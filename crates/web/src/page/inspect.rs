//! Not API: what the explorer's figures show, read for tests and the console
//! (`window.descent.surfaceFrame()` and so on). Frames are in CSS pixels; runs in the shape
//! `trajectory()` returns.

use js_sys::Array;
use wasm_bindgen::prelude::*;

use crate::convert::{frame_to_js, run_to_js, set, trajectory_to_js};
use crate::page;

/// The explorer's current trajectory (the first run), in the shape `trajectory()` returns
/// (`null` on a page without the explorer).
#[wasm_bindgen(js_name = appTrajectory)]
pub fn app_trajectory() -> JsValue {
    page::trajectory::read(|app| app.runs.first().map(|r| trajectory_to_js(r).into()))
        .flatten()
        .unwrap_or(JsValue::NULL)
}

/// Every run the explorer shows (one, or one per compared entry), each in the shape
/// `trajectory()` returns plus `optimizer` and `convention`.
#[wasm_bindgen(js_name = appTrajectories)]
pub fn app_trajectories() -> Array {
    page::trajectory::read(|app| app.runs.iter().map(run_to_js).collect()).unwrap_or_default()
}

/// The explorer's noiseless runs beside its noisy ones (the "show the noiseless path" ghost),
/// each in the shape `trajectory()` returns plus `optimizer` and `convention`; empty when the
/// ghost is off or the steps are exact.
#[wasm_bindgen(js_name = appGhostTrajectories)]
pub fn app_ghost_trajectories() -> Array {
    page::trajectory::read(|app| app.ghosts.iter().map(run_to_js).collect()).unwrap_or_default()
}

/// Where the data panel's plot is, in CSS pixels from the top left of `#data-figure`, with
/// its x and y ranges: `{ x, y, width, height, xRange, yRange }` (`null` without a data set).
#[wasm_bindgen(js_name = dataFrame)]
pub fn data_frame() -> JsValue {
    page::trajectory::read(|app| {
        app.data_frame()
            .map(|f| frame_to_js(&f, app.ratio()).into())
    })
    .flatten()
    .unwrap_or(JsValue::NULL)
}

/// The playback position (`null` when the whole path is shown).
#[wasm_bindgen(js_name = playbackPosition)]
pub fn playback_position() -> JsValue {
    page::trajectory::read(|app| app.state.position.map(|t| JsValue::from_f64(t as f64)))
        .flatten()
        .unwrap_or(JsValue::NULL)
}

/// Where the surface's data area is, in CSS pixels from the top left of `#surface`, and the
/// view it shows: `{ x, y, width, height, xRange, yRange }` (`null` before the first drawing).
#[wasm_bindgen(js_name = surfaceFrame)]
pub fn surface_frame() -> JsValue {
    page::trajectory::read(|app| app.frame.map(|f| frame_to_js(&f, app.ratio()).into()))
        .flatten()
        .unwrap_or(JsValue::NULL)
}

/// Where the first-steps figure's data area is, in CSS pixels from the top left of
/// `#first-steps`: `{ x, y, width, height, xRange, yRange }` (`null` without the figure).
#[wasm_bindgen(js_name = stepsFrame)]
pub fn steps_frame() -> JsValue {
    page::steps::read(|f| f.frame.map(|frame| frame_to_js(&frame, f.ratio()).into()))
        .flatten()
        .unwrap_or(JsValue::NULL)
}

/// Where each amplification map is, in CSS pixels from the top left of `#amplification`,
/// with its β: `[{ beta, x, y, width, height, xRange, yRange }, …]`.
#[wasm_bindgen(js_name = amplificationFrames)]
pub fn amplification_frames() -> Array {
    page::amplification::read(|f| {
        f.frames
            .iter()
            .zip(&f.config.betas)
            .map(|(frame, &beta)| {
                let object = frame_to_js(frame, f.ratio());
                set(&object, "beta", beta);
                JsValue::from(object)
            })
            .collect()
    })
    .unwrap_or_default()
}
