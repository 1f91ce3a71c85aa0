//! How the parts of the page talk when they may live in two WebAssembly modules (the first
//! figures in one, the maps in the one loaded on demand; docs/performance.md): DOM events on
//! the document, whose details are plain JS values in the vocabulary of links (pairs of
//! text). Dispatching is synchronous, so a question (`want_run`) is answered before it
//! returns, in one module or across two.
//!
//! | event | from → to | detail |
//! | --- | --- | --- |
//! | `descent-run` | trajectory figure → maps | the run's pairs, after every change |
//! | `descent-run-wanted` | maps → trajectory figure | none: send `descent-run` now |
//! | `descent-load-run` | maps → trajectory figure | a map cell's run (`start`, or two hyperparameters) |
//! | `descent-share` | maps → links | `{ how, figure, pairs, write }` (see [`Share`]) |
//! | `descent-notices` | maps → notice banner | lines `key: message` |

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CustomEvent, CustomEventInit, Event};

use super::dom::{document, listen};
use crate::model::url::{FigureKind, Pairs};

const RUN: &str = "descent-run";
const RUN_WANTED: &str = "descent-run-wanted";
const LOAD_RUN: &str = "descent-load-run";
const SHARE: &str = "descent-share";
const NOTICES: &str = "descent-notices";

/// Dispatches event `name` with `detail` on the document.
fn send(name: &str, detail: &JsValue) {
    let Ok(document) = document() else {
        return;
    };
    let init = CustomEventInit::new();
    init.set_detail(detail);
    if let Ok(event) = CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = document.dispatch_event(&event);
    }
}

/// Calls `handler` with the detail of every event `name` on the document.
fn on(name: &str, handler: impl Fn(JsValue) + 'static) {
    if let Ok(document) = document() {
        listen(&document, name, move |event: Event| {
            if let Some(event) = event.dyn_ref::<CustomEvent>() {
                handler(event.detail());
            }
        });
    }
}

/// Pairs as a JS array of `[key, value]`.
fn pairs_to_js(pairs: &Pairs) -> JsValue {
    pairs
        .iter()
        .map(|(k, v)| JsValue::from(Array::of2(&k.into(), &v.into())))
        .collect::<Array>()
        .into()
}

/// Pairs from a JS array of `[key, value]` (anything else is skipped).
fn pairs_from_js(value: &JsValue) -> Pairs {
    if !Array::is_array(value) {
        return Vec::new();
    }
    Array::from(value)
        .iter()
        .filter_map(|pair| {
            let pair: Array = pair.dyn_into().ok()?;
            Some((pair.get(0).as_string()?, pair.get(1).as_string()?))
        })
        .collect()
}

/// `object[key]`.
fn get(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

/// The trajectory figure's run changed (or was asked for): its pairs.
pub fn publish_run(pairs: &Pairs) {
    send(RUN, &pairs_to_js(pairs));
}

/// Calls `handler` with the trajectory figure's run after every change.
pub fn on_run(handler: impl Fn(Pairs) + 'static) {
    on(RUN, move |detail| handler(pairs_from_js(&detail)));
}

/// Asks the trajectory figure for its run (answered by `descent-run` before this returns).
pub fn want_run() {
    send(RUN_WANTED, &JsValue::NULL);
}

/// Calls `handler` when a part asks for the run.
pub fn on_run_wanted(handler: impl Fn() + 'static) {
    on(RUN_WANTED, move |_| handler());
}

/// Asks the trajectory figure to load a map cell's run.
pub fn load_run(pairs: &Pairs) {
    send(LOAD_RUN, &pairs_to_js(pairs));
}

/// Calls `handler` with every run a map asks the trajectory figure to load.
pub fn on_load_run(handler: impl Fn(Pairs) + 'static) {
    on(LOAD_RUN, move |detail| handler(pairs_from_js(&detail)));
}

/// What a figure asks of the links (`crate::page::share`).
#[derive(Clone, Debug, PartialEq)]
pub enum Share {
    /// Remember the figure's pairs for Copy link and Embed.
    Remember(FigureKind, Pairs),
    /// The figure changed: remember, and write the URL once the user pauses.
    Changed(FigureKind, Pairs),
    /// Add these pairs to the figure's links (and with `write` to the URL).
    Attach(FigureKind, Pairs, bool),
}

/// Sends `share` to the links.
pub fn share(share: &Share) {
    let (how, figure, pairs, write) = match share {
        Share::Remember(f, p) => ("remember", f, p, false),
        Share::Changed(f, p) => ("changed", f, p, true),
        Share::Attach(f, p, w) => ("attach", f, p, *w),
    };
    let detail = Object::new();
    let _ = Reflect::set(&detail, &"how".into(), &how.into());
    let _ = Reflect::set(&detail, &"figure".into(), &figure.name().into());
    let _ = Reflect::set(&detail, &"pairs".into(), &pairs_to_js(pairs));
    let _ = Reflect::set(&detail, &"write".into(), &write.into());
    send(SHARE, &detail);
}

/// Calls `handler` with what figures ask of the links.
pub fn on_share(handler: impl Fn(Share) + 'static) {
    on(SHARE, move |detail| {
        let figure = get(&detail, "figure").as_string();
        let Some(figure) = figure.as_deref().and_then(FigureKind::named) else {
            return;
        };
        let pairs = pairs_from_js(&get(&detail, "pairs"));
        let write = get(&detail, "write").as_bool().unwrap_or(false);
        let share = match get(&detail, "how").as_string().as_deref() {
            Some("remember") => Share::Remember(figure, pairs),
            Some("changed") => Share::Changed(figure, pairs),
            Some("attach") => Share::Attach(figure, pairs, write),
            _ => return,
        };
        handler(share);
    });
}

/// Shows `lines` (`key: message`) in the page's notice banner.
pub fn notices(lines: &[String]) {
    let lines: Array = lines.iter().map(|l| JsValue::from_str(l)).collect();
    send(NOTICES, &lines.into());
}

/// Calls `handler` with the notices a part sends.
pub fn on_notices(handler: impl Fn(Vec<String>) + 'static) {
    on(NOTICES, move |detail| {
        if Array::is_array(&detail) {
            handler(
                Array::from(&detail)
                    .iter()
                    .filter_map(|l| l.as_string())
                    .collect(),
            );
        }
    });
}
