//! The explorer page: mounts each figure whose elements the page has (the full page has all
//! three; an embed has one) and marks the page ready (`<body data-ready="true">`).

use wasm_bindgen::prelude::*;
use web_sys::Document;

use crate::url_state::{
    decode_amplification, decode_steps, decode_trajectory, figure_of, get, Decoder, FigureKind,
};
use crate::{amplification_figure, share, steps_figure, trajectory_figure};

/// Mounts the figures present in `document`; the one the URL names starts from the URL's
/// state (embedded alone with `embed=1`), the others from their defaults.
pub fn mount(document: &Document) -> Result<(), JsValue> {
    let pairs = share::read_query();
    let mut decoder = Decoder::new(&pairs);
    let figure = figure_of(&pairs, &mut decoder.notices);
    let embedded = share::apply_embed(document, &pairs, figure)?;
    let readonly = embedded && get(&pairs, "readonly") == Some("1");
    let has = |id: &str| document.get_element_by_id(id).is_some();
    if has("steps-figure") {
        let initial = (figure == FigureKind::Steps).then(|| decode_steps(&mut decoder));
        steps_figure::mount(document, initial)?;
    }
    if has("trajectory-figure") {
        let initial = (figure == FigureKind::Trajectory).then(|| decode_trajectory(&mut decoder));
        trajectory_figure::mount(document, initial, readonly)?;
    }
    if has("amplification-figure") {
        let initial =
            (figure == FigureKind::Amplification).then(|| decode_amplification(&mut decoder));
        amplification_figure::mount(document, initial)?;
    }
    share::wire(document)?;
    share::show_notices(document, &decoder.notices)?;
    if !embedded && figure != FigureKind::Trajectory && !pairs.is_empty() {
        if let Some(section) = document.get_element_by_id(&format!("{}-figure", figure.name())) {
            section.scroll_into_view();
        }
    }
    if let Some(body) = document.body() {
        body.set_attribute("data-ready", "true")?;
    }
    Ok(())
}
