//! The page: the explorer's three figures (each built only where the page has its elements:
//! the full page has all three, an embed one), sharing and embedding, and the custom
//! element's drawing. Everything here touches the DOM; the rules are in [`crate::model`].

pub mod amplification;
pub mod bridge;
pub mod dom;
pub mod element;
#[cfg(feature = "page")]
mod inspect;
mod race;
mod share;
mod shell;
pub mod steps;
#[cfg(feature = "engine")]
pub mod sweep;
pub mod trajectory;

use web_sys::Document;

use crate::error::WebError;
#[cfg(feature = "page")]
use crate::model::amplification::decode_amplification;
#[cfg(feature = "page")]
use crate::model::steps::decode_steps;
use crate::model::trajectory_state::decode_trajectory;
use crate::model::url::{Decoder, FigureKind};

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

/// On a page with the explorer's elements (`#descent-app`) mounts what this module holds:
/// the first figures (`page`), the maps (`engine`), or both. Pages that only import the JS
/// API get none.
pub fn start() {
    let Ok(document) = dom::document() else {
        return;
    };
    if document.get_element_by_id("descent-app").is_none() {
        return;
    }
    #[cfg(feature = "page")]
    if let Err(e) = mount(&document) {
        show_fatal(&e.to_string());
    }
    #[cfg(feature = "engine")]
    if let Err(e) = mount_maps(&document) {
        show_fatal(&e.to_string());
    }
}

/// Mounts the first figures present in `document`; the one the URL names starts from the
/// URL's state (embedded alone with `embed=1`), the others from their defaults. Marks the
/// page ready (`<body data-ready="true">`). The maps come with the other module.
#[cfg(feature = "page")]
fn mount(document: &Document) -> Result<(), WebError> {
    let pairs = share::read_query();
    let mut decoder = Decoder::new(&pairs);
    let figure = decoder.figure();
    let embedded = share::apply_embed(document, &pairs, figure)?;
    let readonly = embedded && crate::model::url::get(&pairs, "readonly") == Some("1");
    let has = |id: &str| document.get_element_by_id(id).is_some();
    if has("steps-figure") {
        let initial = (figure == FigureKind::Steps).then(|| decode_steps(&mut decoder));
        steps::mount(document, initial)?;
    }
    if has("trajectory-figure") {
        // The maps run the trajectory figure's run: a link to either holds both's keys.
        let runs = matches!(figure, FigureKind::Trajectory | FigureKind::Sweep);
        trajectory::mount(
            document,
            runs.then(|| decode_trajectory(&mut decoder)),
            readonly,
        )?;
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

/// Mounts the maps where `document` has them (an embed of another figure has not): the map a
/// link shows, computed at once, following the trajectory figure's run (the link's run
/// where the page has no trajectory figure). Notices about the map's keys go to the banner.
#[cfg(feature = "engine")]
fn mount_maps(document: &Document) -> Result<(), WebError> {
    use crate::model::sweep_url::{decode_map, decode_map_settings};
    if document.get_element_by_id("sweep-figure").is_none() {
        return Ok(());
    }
    let pairs = dom::query_pairs();
    let mut decoder = Decoder::new(&pairs);
    let figure = decoder.figure();
    let state = decode_trajectory(&mut decoder);
    let run_notices = decoder.notices.len();
    let optimizer = state.settings.optimizer();
    let map = if figure == FigureKind::Sweep {
        Some(decode_map_settings(&mut decoder, &optimizer))
    } else {
        decode_map(&mut decoder, &optimizer)
    };
    let lines: Vec<String> = decoder.notices[run_notices..]
        .iter()
        .map(|n| format!("{}: {}", n.key, n.message))
        .collect();
    bridge::notices(&lines);
    sweep::mount(document, state.settings, map)
}
