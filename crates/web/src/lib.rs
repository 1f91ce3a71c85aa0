//! Descent in the browser: the JS API (`trajectory`, `step`) exported from the wasm module,
//! and the explorer page's app. The only crate that touches wasm-bindgen, web-sys, js-sys and
//! plotters-canvas; its logic (settings, sliders, texts) is plain Rust tested natively.

pub mod amplification_figure;
pub mod api;
mod app;
mod dom;
mod element;
pub mod format;
pub mod presets;
mod render;
pub mod settings;
mod share;
pub mod sliders;
pub mod steps_figure;
mod trajectory_figure;
pub mod typescript;
pub mod url_state;

use wasm_bindgen::prelude::*;

/// Shows a fatal error in the page's `#fatal` banner (and the console), so a failure is never
/// a silent blank canvas.
fn show_fatal(message: &str) {
    web_sys::console::error_1(&JsValue::from_str(message));
    let banner = dom::document()
        .ok()
        .and_then(|d| d.get_element_by_id("fatal"));
    if let Some(banner) = banner {
        dom::set_text(
            &banner,
            &format!("Descent stopped: {message}. Reload the page to start again."),
        );
        dom::set_hidden(&banner, false);
    }
}

/// Runs when the module loads: installs the panic hook, and on a page with the explorer's
/// elements (`#descent-app`) starts the app. Pages that only import the JS API get no app.
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_fatal(&info.to_string());
    }));
    let Ok(document) = dom::document() else {
        return;
    };
    if document.get_element_by_id("descent-app").is_some() {
        if let Err(e) = app::mount(&document) {
            show_fatal(&e.as_string().unwrap_or_else(|| format!("{e:?}")));
        }
    }
}
