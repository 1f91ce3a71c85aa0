//! The page's URL: read once at start (with a notice for every key that was not used as
//! given), kept in step with the figures (`history.replaceState`, debounced), copied by
//! "Copy link", turned into an `<iframe>` and a `<descent-figure>` snippet by "Embed", and the
//! embed mode itself.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, HtmlDialogElement, HtmlTextAreaElement, UrlSearchParams};

use super::bridge::{self, Share};
use super::dom::{by_id, listen, query_pairs, set_hidden, set_text};
use crate::error::WebError;
use crate::model::url::{get, with_header, FigureKind, Notice, Pairs};

/// Milliseconds the URL waits for the user to stop changing things.
const DEBOUNCE_MS: i32 = 250;
/// What embed mode hides: the page's prose and chrome around the figure.
const EMBED_HIDDEN: &str = ".page-header, .page-footer, .figure-section > h2, \
                            .figure-section > p, .share-bar, figcaption";
/// Keys that say how the page is shown, not what a figure shows; kept as they came.
const PAGE_KEYS: [&str; 3] = ["embed", "hide", "readonly"];

thread_local! {
    /// Each figure's latest pairs, and the page keys of the opening URL.
    static STATE: RefCell<ShareState> = RefCell::new(ShareState::default());
    /// Writes the URL once the user pauses: made once, never dropped.
    static WRITE: Closure<dyn FnMut()> = Closure::new(write_url);
}

#[derive(Default)]
struct ShareState {
    latest: Option<(FigureKind, Pairs)>,
    figures: Vec<(FigureKind, Pairs)>,
    /// Keys another figure adds to a figure's links (the maps' keys in the trajectory
    /// figure's).
    attached: Vec<(FigureKind, Pairs)>,
    page: Pairs,
    timeout: Option<i32>,
}

impl ShareState {
    /// The keys attached to `figure`'s links.
    fn attached_to(&self, figure: FigureKind) -> Pairs {
        self.attached
            .iter()
            .filter(|(f, _)| *f == figure)
            .flat_map(|(_, p)| p.iter().cloned())
            .collect()
    }
}

/// The query pairs of the page's URL, remembering the page keys (`embed`, `hide`,
/// `readonly`) for every link the page writes.
pub fn read_query() -> Pairs {
    let pairs = query_pairs();
    let page: Pairs = pairs
        .iter()
        .filter(|(k, _)| PAGE_KEYS.contains(&k.as_str()))
        .cloned()
        .collect();
    STATE.with(|s| s.borrow_mut().page = page);
    pairs
}

/// `?v=1&…` for `pairs` of `figure`, plus the page keys the page was opened with (`extra`
/// adds more, for the embed snippet).
fn query(figure: FigureKind, pairs: &Pairs, extra: &[(&str, &str)]) -> String {
    let Ok(params) = UrlSearchParams::new() else {
        return String::new();
    };
    let (page, attached) = STATE.with(|s| {
        let s = s.borrow();
        (s.page.clone(), s.attached_to(figure))
    });
    for (k, v) in with_header(figure, pairs.clone())
        .iter()
        .chain(&attached)
        .chain(&page)
    {
        if !extra.iter().any(|(e, _)| e == k) {
            params.append(k, v);
        }
    }
    for (k, v) in extra {
        params.append(k, v);
    }
    format!("?{}", String::from(params.to_string()))
}

/// Remembers a figure's pairs for Copy link and Embed, without touching the address bar (a
/// figure just built from the URL).
pub fn remember(figure: FigureKind, pairs: Pairs) {
    STATE.with(|s| {
        let mut s = s.borrow_mut();
        s.figures.retain(|(f, _)| *f != figure);
        s.figures.push((figure, pairs));
    });
}

/// Adds `pairs` to every link of `figure` from now on (replacing what was attached before),
/// and with `write` updates the URL with them once the user pauses: the maps attach their
/// keys to the trajectory figure's links.
pub fn attach(figure: FigureKind, pairs: Pairs, write: bool) {
    let own = STATE.with(|s| {
        let mut s = s.borrow_mut();
        s.attached.retain(|(f, _)| *f != figure);
        s.attached.push((figure, pairs));
        s.figures
            .iter()
            .find(|(f, _)| *f == figure)
            .map(|(_, p)| p.clone())
    });
    if let (Some(own), true) = (own, write) {
        changed(figure, own);
    }
}

/// A figure changed: remember its pairs and update the URL once the user pauses.
pub fn changed(figure: FigureKind, pairs: Pairs) {
    let Some(window) = web_sys::window() else {
        return;
    };
    remember(figure, pairs.clone());
    mark_pending(true);
    STATE.with(|s| {
        let mut s = s.borrow_mut();
        s.latest = Some((figure, pairs));
        if let Some(id) = s.timeout.take() {
            window.clear_timeout_with_handle(id);
        }
        s.timeout = WRITE.with(|w| {
            window
                .set_timeout_with_callback_and_timeout_and_arguments_0(
                    w.as_ref().unchecked_ref(),
                    DEBOUNCE_MS,
                )
                .ok()
        });
    });
}

/// Marks the body `data-url-pending` while a change waits to be written to the address bar
/// (what tests wait for before they read the URL).
fn mark_pending(pending: bool) {
    if let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    {
        let _ = if pending {
            body.set_attribute("data-url-pending", "")
        } else {
            body.remove_attribute("data-url-pending")
        };
    }
}

/// Writes the latest figure's state into the address bar, without a history entry.
fn write_url() {
    let latest = STATE.with(|s| {
        let mut s = s.borrow_mut();
        s.timeout = None;
        s.latest.clone()
    });
    mark_pending(false);
    let (Some((figure, pairs)), Some(window)) = (latest, web_sys::window()) else {
        return;
    };
    if let Ok(history) = window.history() {
        let _ =
            history.replace_state_with_url(&JsValue::NULL, "", Some(&query(figure, &pairs, &[])));
    }
}

/// The full URL of `figure`'s current state (`extra` keys added).
fn url_of(figure: FigureKind, extra: &[(&str, &str)]) -> Option<String> {
    let pairs = STATE
        .with(|s| {
            s.borrow()
                .figures
                .iter()
                .find(|(f, _)| *f == figure)
                .map(|(_, p)| p.clone())
        })
        .unwrap_or_default();
    let location = web_sys::window()?.location();
    let base = format!("{}{}", location.origin().ok()?, location.pathname().ok()?);
    Some(format!("{base}{}", query(figure, &pairs, extra)))
}

/// Shows the notices of the opening URL in the dismissible `#notice` banner.
pub fn show_notices(document: &Document, notices: &[Notice]) -> Result<(), WebError> {
    let lines: Vec<String> = notices
        .iter()
        .map(|n| format!("{}: {}", n.key, n.message))
        .collect();
    show_notice_lines(document, &lines)
}

/// Adds `lines` (`key: message`) to the notice banner and shows it.
fn show_notice_lines(document: &Document, lines: &[String]) -> Result<(), WebError> {
    if lines.is_empty() {
        return Ok(());
    }
    let text = by_id::<web_sys::Element>(document, "notice-text")?;
    let shown = text.text_content().unwrap_or_default();
    let head = if shown.is_empty() {
        "Some settings in this link were not used as given.".to_owned()
    } else {
        shown
    };
    set_text(&text, &format!("{head}\n{}", lines.join("\n")));
    set_hidden(&by_id(document, "notice")?, false);
    Ok(())
}

/// The `<iframe>` snippet that embeds `figure` as it is now.
fn embed_snippet(figure: FigureKind) -> String {
    let url = url_of(figure, &[("embed", "1")]).unwrap_or_default();
    let (width, height) = match figure {
        FigureKind::Steps => (640, 560),
        FigureKind::Trajectory => (720, 900),
        FigureKind::Amplification => (960, 480),
        FigureKind::Sweep => (720, 760),
    };
    let escaped = escape_attribute(&url);
    format!(
        "<iframe src=\"{escaped}\" width=\"{width}\" height=\"{height}\" title=\"Descent: {} figure\" \
         loading=\"lazy\" style=\"border:0;max-width:100%\"></iframe>",
        figure.name()
    )
}

/// The `<descent-figure>` snippet that shows `figure` as it is now: the element's script from
/// this site, and the figure's keys as attributes (escaped: they are data).
fn element_snippet(figure: FigureKind) -> String {
    let Some(location) = web_sys::window().map(|w| w.location()) else {
        return String::new();
    };
    let (Ok(origin), Ok(path)) = (location.origin(), location.pathname()) else {
        return String::new();
    };
    let folder = &path[..path.rfind('/').map_or(0, |i| i + 1)];
    let base = format!("{origin}{folder}");
    let pairs = STATE.with(|s| {
        let s = s.borrow();
        let own = s
            .figures
            .iter()
            .find(|(f, _)| *f == figure)
            .map(|(_, p)| p.clone())
            .unwrap_or_default();
        own.into_iter()
            .chain(s.attached_to(figure))
            .collect::<Pairs>()
    });
    let attributes: String = with_header(figure, pairs)
        .iter()
        .filter(|(k, _)| k != "v")
        .map(|(k, v)| format!(" {k}=\"{}\"", escape_attribute(v)))
        .collect();
    format!(
        "<script type=\"module\" src=\"{base}descent-element.js\"></script>\n\
         <link rel=\"stylesheet\" href=\"{base}descent-element.css\">\n\
         <descent-figure{attributes}></descent-figure>"
    )
}

/// `text` as an attribute value between double quotes.
fn escape_attribute(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Wires the "Copy link" and "Embed" buttons of each figure and the notice's close button.
pub fn wire(document: &Document) -> Result<(), WebError> {
    for figure in FigureKind::ALL {
        let name = figure.name();
        if let Some(button) = document.get_element_by_id(&format!("copy-link-{name}")) {
            let feedback = by_id::<web_sys::Element>(document, &format!("copied-{name}"))?;
            listen(&button, "click", move |_: web_sys::Event| {
                let Some(url) = url_of(figure, &[]) else {
                    return;
                };
                // `navigator.clipboard` is missing outside secure contexts, and refuses in
                // sandboxed frames: the link is shown below the button either way.
                let clipboard = web_sys::window()
                    .and_then(|w| js_sys::Reflect::get(&w.navigator(), &"clipboard".into()).ok())
                    .and_then(|c| c.dyn_into::<web_sys::Clipboard>().ok());
                if let Some(clipboard) = clipboard {
                    let _ = clipboard.write_text(&url);
                }
                set_text(&feedback, &format!("Link copied: {url}"));
            });
        }
        if let Some(button) = document.get_element_by_id(&format!("embed-{name}")) {
            let dialog: HtmlDialogElement = by_id(document, "embed-dialog")?;
            let code: HtmlTextAreaElement = by_id(document, "embed-code")?;
            let element_code: HtmlTextAreaElement = by_id(document, "embed-element-code")?;
            listen(&button, "click", move |_: web_sys::Event| {
                code.set_value(&embed_snippet(figure));
                element_code.set_value(&element_snippet(figure));
                let _ = dialog.show_modal();
                code.select();
            });
        }
    }
    let dialog: HtmlDialogElement = by_id(document, "embed-dialog")?;
    listen(
        &by_id::<web_sys::EventTarget>(document, "embed-close")?,
        "click",
        move |_: web_sys::Event| dialog.close(),
    );
    // What the maps ask of the links and the banner (they may live in the other module).
    bridge::on_share(|share| match share {
        Share::Remember(figure, pairs) => remember(figure, pairs),
        Share::Changed(figure, pairs) => changed(figure, pairs),
        Share::Attach(figure, pairs, write) => attach(figure, pairs, write),
    });
    let banner = document.clone();
    bridge::on_notices(move |lines| {
        let _ = show_notice_lines(&banner, &lines);
    });
    let notice = by_id::<web_sys::Element>(document, "notice")?;
    listen(
        &by_id::<web_sys::EventTarget>(document, "notice-close")?,
        "click",
        move |_: web_sys::Event| set_hidden(&notice, true),
    );
    Ok(())
}

/// Embed mode (`embed=1`): only `figure`'s section, no page chrome; `hide=key,…` hides those
/// controls; `readonly=1` hides them all.
pub fn apply_embed(
    document: &Document,
    pairs: &Pairs,
    figure: FigureKind,
) -> Result<bool, WebError> {
    let get = |key: &str| get(pairs, key);
    if get("embed") != Some("1") {
        return Ok(false);
    }
    let Some(body) = document.body() else {
        return Ok(false);
    };
    body.class_list().add_1("embed")?;
    body.set_attribute("data-figure", figure.name())?;
    for other in FigureKind::ALL.into_iter().filter(|f| *f != figure) {
        if let Some(element) = document.get_element_by_id(&format!("{}-figure", other.name())) {
            element.remove();
        }
    }
    // Hidden here, not only by style.css: the figure alone even where a platform's sandbox
    // blocks the style sheet.
    let chrome = document.query_selector_all(EMBED_HIDDEN)?;
    for i in 0..chrome.length() {
        if let Some(element) = chrome.item(i).and_then(|n| n.dyn_into().ok()) {
            set_hidden(&element, true);
        }
    }
    let hidden = get("hide").unwrap_or_default();
    for key in hidden.split(',').map(str::trim).filter(|k| !k.is_empty()) {
        // Keys are data: only letters, digits, dots, dashes and underscores (`lr_min`) reach
        // the selector.
        if key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_'))
        {
            let nodes = document.query_selector_all(&format!("[data-key=\"{key}\"]"))?;
            for i in 0..nodes.length() {
                if let Some(element) = nodes
                    .item(i)
                    .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
                {
                    set_hidden(&element, true);
                }
            }
        }
    }
    if get("readonly") == Some("1") {
        body.class_list().add_1("readonly")?;
    }
    Ok(true)
}
