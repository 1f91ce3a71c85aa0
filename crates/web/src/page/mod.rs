//! The page: the explorer's three figures (each built only where the page has its elements:
//! the full page has all three, an embed one), sharing and embedding, and the custom
//! element's drawing. Everything here touches the DOM; the rules are in [`crate::model`].

pub mod amplification;
pub mod dom;
pub mod element;
mod race;
mod share;
mod shell;
pub mod steps;
pub mod sweep;
pub mod trajectory;

use web_sys::Document;

use crate::error::WebError;
use crate::model::amplification::decode_amplification;
use crate::model::steps::decode_steps;
use crate::model::sweep_url::{decode_map, decode_map_settings};
use crate::model::trajectory_state::decode_trajectory;
use crate::model::url::{get, Decoder, FigureKind};

/// Shows a fatal error in the page's `#fatal` banner (and the console), so a failure is never
/// a silent blank canvas.
pub fn show_fatal(message: &str) {
    web_sys::console::error_1(&message.into());
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

/// On a page with the explorer's elements (`#descent-app`) starts the explorer; pages that
/// only import the JS API get none.
pub fn start() {
    let Ok(document) = dom::document() else {
        return;
    };
    if document.get_element_by_id("descent-app").is_some() {
        if let Err(e) = mount(&document) {
            show_fatal(&e.to_string());
        }
    }
}

/// Mounts the figures present in `document`; the one the URL names starts from the URL's
/// state (embedded alone with `embed=1`), the others from their defaults. Marks the page
/// ready (`<body data-ready="true">`).
fn mount(document: &Document) -> Result<(), WebError> {
    let pairs = share::read_query();
    let mut decoder = Decoder::new(&pairs);
    let figure = decoder.figure();
    let embedded = share::apply_embed(document, &pairs, figure)?;
    let readonly = embedded && get(&pairs, "readonly") == Some("1");
    let has = |id: &str| document.get_element_by_id(id).is_some();
    if has("steps-figure") {
        let initial = (figure == FigureKind::Steps).then(|| decode_steps(&mut decoder));
        steps::mount(document, initial)?;
    }
    // The maps run the trajectory figure's run: a link to either holds both's keys.
    let runs = matches!(figure, FigureKind::Trajectory | FigureKind::Sweep);
    let initial = runs.then(|| decode_trajectory(&mut decoder));
    let map = initial.as_ref().and_then(|state| {
        let optimizer = state.settings.optimizer();
        if figure == FigureKind::Sweep {
            Some(decode_map_settings(&mut decoder, &optimizer))
        } else {
            decode_map(&mut decoder, &optimizer)
        }
    });
    let run = initial
        .as_ref()
        .map(|s| s.settings.clone())
        .unwrap_or_default();
    if has("trajectory-figure") {
        trajectory::mount(document, initial, readonly)?;
    }
    if has("sweep-figure") {
        let run = trajectory::read(|app| app.state.settings.clone()).unwrap_or(run);
        sweep::mount(document, run, map)?;
    }
    if has("amplification-figure") {
        let initial =
            (figure == FigureKind::Amplification).then(|| decode_amplification(&mut decoder));
        amplification::mount(document, initial)?;
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
