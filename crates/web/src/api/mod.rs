//! The JS API, the one facade of the web build: `trajectory(config)`, `step(config, w,
//! state)`, `sweep(config)` and `SweepJob` take the vocabulary and give the messages of the
//! CLI ([`engine`]); `drawFigure` draws for the custom element; `optimizerTable` describes
//! the optimizers. Errors are thrown as JS `Error`s (see [`WebError`]). The explorer's
//! inspection exports (`appTrajectory`, `surfaceFrame`, `sweepState`, …) are not API: they
//! live beside the figures they read (`page::inspect`, `page::sweep::inspect`).
//!
//! Which exports a module has follows its features: `page` (the first module) has `start`
//! and `drawFigure`; `engine` (loaded on demand) the rest and `drawFigure` for maps.

#[cfg(feature = "engine")]
mod engine;

use js_sys::{Array, Object};
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

use crate::convert::{frame_to_js, set};
use crate::error::WebError;
use crate::js_config::pairs;
use crate::page;

/// Runs when the module loads: installs the panic hook (a panic shows in the page's banner),
/// and on a page with the explorer's elements mounts what this module holds (the first
/// figures, the maps, or both).
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        page::show_fatal(&info.to_string());
    }));
    page::start();
}

/// Draws the figure that `config` describes (the explorer's URL keys, as an object of strings
/// or numbers) on `canvas` at `width` × `height` CSS pixels and device pixel ratio `ratio`.
/// Returns `{ notices: [..], surface: frame | null }`: why keys were not used as given, and
/// where a trajectory figure's surface is (to map clicks to w).
#[wasm_bindgen(js_name = drawFigure)]
pub fn draw_figure(
    canvas: HtmlCanvasElement,
    config: JsValue,
    width: u32,
    height: u32,
    ratio: f64,
) -> Result<Object, WebError> {
    let drawn = page::element::draw_figure(canvas, &pairs(&config)?, (width, height), ratio)?;
    let result = Object::new();
    let notices: Array = drawn.notices.iter().map(|n| JsValue::from_str(n)).collect();
    set(&result, "notices", notices);
    let surface = drawn
        .surface
        .map_or(JsValue::NULL, |f| frame_to_js(&f, drawn.ratio).into());
    set(&result, "surface", surface);
    Ok(result)
}
