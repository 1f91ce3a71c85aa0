//! The explorer page: mounts each figure whose elements the page has (the full page has all
//! three; an embed has one) and marks the page ready (`<body data-ready="true">`).

use wasm_bindgen::prelude::*;
use web_sys::Document;

use crate::{amplification_figure, steps_figure, trajectory_figure};

/// Mounts the figures present in `document`.
pub fn mount(document: &Document) -> Result<(), JsValue> {
    if document.get_element_by_id("steps-figure").is_some() {
        steps_figure::mount(document)?;
    }
    if document.get_element_by_id("trajectory-figure").is_some() {
        trajectory_figure::mount(document)?;
    }
    if document.get_element_by_id("amplification-figure").is_some() {
        amplification_figure::mount(document)?;
    }
    if let Some(body) = document.body() {
        body.set_attribute("data-ready", "true")?;
    }
    Ok(())
}
