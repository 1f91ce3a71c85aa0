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
//! | `descent-3d-wanted` | trajectory figure → the page's loader | none: load the 3-D view |
//! | `descent-3d` | trajectory figure → 3-D view | `{ pairs, hover }`: the figure's link, the hovered `[run, t]` |
//! | `descent-3d-state-wanted` | 3-D view → trajectory figure | none: send `descent-3d` now |
//! | `descent-3d-view` | 3-D view → trajectory figure | `{ pairs, settled }`: its camera turned (settled: let go) |
//! | `descent-3d-hover` | 3-D view → trajectory figure | `{ hover, x, y }`: the iterate under the pointer, where |
//! | `descent-3d-marker` | 3-D view → trajectory figure | `{ x, y }` or null: where the marked iterate is drawn |
//! | `descent-3d-download` | trajectory figure → 3-D view | `{ what, width, height, surface }`: PNG or SVG of the figure |
//!
//! A 3-D click starts the runs with `descent-load-run` (`start`).

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
const WANT_3D: &str = "descent-3d-wanted";
const SHOW_3D: &str = "descent-3d";
const STATE_3D_WANTED: &str = "descent-3d-state-wanted";
const VIEW_3D: &str = "descent-3d-view";
const HOVER_3D: &str = "descent-3d-hover";
const MARKER_3D: &str = "descent-3d-marker";
const DOWNLOAD_3D: &str = "descent-3d-download";

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

/// An iterate of a run: `(run, t)`.
pub type Iterate = Option<(usize, usize)>;

/// `[run, t]`, or null.
fn iterate_to_js(iterate: Iterate) -> JsValue {
    iterate.map_or(JsValue::NULL, |(r, t)| {
        Array::of2(&(r as f64).into(), &(t as f64).into()).into()
    })
}

/// `[run, t]` from JS (anything else is none).
fn iterate_from_js(value: &JsValue) -> Iterate {
    if !Array::is_array(value) {
        return None;
    }
    let pair = Array::from(value);
    let index = |i: u32| {
        pair.get(i)
            .as_f64()
            .filter(|x| *x >= 0.0)
            .map(|x| x as usize)
    };
    Some((index(0)?, index(1)?))
}

/// A JS object of `entries`.
fn object(entries: &[(&str, JsValue)]) -> JsValue {
    let detail = Object::new();
    for (key, value) in entries {
        let _ = Reflect::set(&detail, &(*key).into(), value);
    }
    detail.into()
}

/// A number of `object[key]`.
fn number(object: &JsValue, key: &str) -> Option<f64> {
    get(object, key).as_f64().filter(|x| x.is_finite())
}

/// Asks the page's loader for the 3-D view (the module that draws it).
pub fn want_3d() {
    send(WANT_3D, &JsValue::NULL);
}

/// Tells the 3-D view the trajectory figure's link and the hovered iterate.
pub fn show_3d(pairs: &Pairs, hover: Iterate) {
    let detail = object(&[
        ("pairs", pairs_to_js(pairs)),
        ("hover", iterate_to_js(hover)),
    ]);
    send(SHOW_3D, &detail);
}

/// Calls `handler` with what the trajectory figure tells the 3-D view.
pub fn on_show_3d(handler: impl Fn(Pairs, Iterate) + 'static) {
    on(SHOW_3D, move |detail| {
        handler(
            pairs_from_js(&get(&detail, "pairs")),
            iterate_from_js(&get(&detail, "hover")),
        )
    });
}

/// Asks the trajectory figure for its link (answered by `descent-3d` before this returns).
pub fn want_3d_state() {
    send(STATE_3D_WANTED, &JsValue::NULL);
}

/// Calls `handler` when the 3-D view asks for the figure's link.
pub fn on_3d_state_wanted(handler: impl Fn() + 'static) {
    on(STATE_3D_WANTED, move |_| handler());
}

/// The 3-D view's camera turned: its keys' pairs, `settled` once the view stops.
pub fn view_3d(pairs: &Pairs, settled: bool) {
    let detail = object(&[("pairs", pairs_to_js(pairs)), ("settled", settled.into())]);
    send(VIEW_3D, &detail);
}

/// Calls `handler` with every turn of the 3-D view.
pub fn on_view_3d(handler: impl Fn(Pairs, bool) + 'static) {
    on(VIEW_3D, move |detail| {
        let settled = get(&detail, "settled").as_bool().unwrap_or(false);
        handler(pairs_from_js(&get(&detail, "pairs")), settled)
    });
}

/// The iterate under the pointer on the 3-D view, and the pointer's CSS position over it.
pub fn hover_3d(hover: Iterate, (x, y): (f64, f64)) {
    let detail = object(&[
        ("hover", iterate_to_js(hover)),
        ("x", x.into()),
        ("y", y.into()),
    ]);
    send(HOVER_3D, &detail);
}

/// Calls `handler` with every hover of the 3-D view.
pub fn on_hover_3d(handler: impl Fn(Iterate, (f64, f64)) + 'static) {
    on(HOVER_3D, move |detail| {
        let at = (
            number(&detail, "x").unwrap_or(0.0),
            number(&detail, "y").unwrap_or(0.0),
        );
        handler(iterate_from_js(&get(&detail, "hover")), at)
    });
}

/// Where the 3-D view drew the marked iterate, in CSS pixels over the figure (none: not drawn).
pub fn marker_3d(at: Option<(f64, f64)>) {
    let detail = at.map_or(JsValue::NULL, |(x, y)| {
        object(&[("x", x.into()), ("y", y.into())])
    });
    send(MARKER_3D, &detail);
}

/// Calls `handler` with where the 3-D view drew the marker.
pub fn on_marker_3d(handler: impl Fn(Option<(f64, f64)>) + 'static) {
    on(MARKER_3D, move |detail| {
        handler(number(&detail, "x").zip(number(&detail, "y")))
    });
}

/// A download of the figure in 3-D: `what` (png or svg), the figure's CSS size and its
/// surface's CSS height.
#[derive(Clone, Debug, PartialEq)]
pub struct Download3d {
    /// `png` or `svg`.
    pub what: String,
    /// The whole figure's CSS width and height.
    pub size: (u32, u32),
    /// The surface's CSS height.
    pub surface_height: u32,
}

/// Asks the 3-D view for a download of the figure.
pub fn download_3d(download: &Download3d) {
    let detail = object(&[
        ("what", download.what.as_str().into()),
        ("width", download.size.0.into()),
        ("height", download.size.1.into()),
        ("surface", download.surface_height.into()),
    ]);
    send(DOWNLOAD_3D, &detail);
}

/// Calls `handler` with every download asked of the 3-D view.
pub fn on_download_3d(handler: impl Fn(Download3d) + 'static) {
    on(DOWNLOAD_3D, move |detail| {
        let size = |key: &str| number(&detail, key).map_or(0, |x| x as u32);
        handler(Download3d {
            what: get(&detail, "what").as_string().unwrap_or_default(),
            size: (size("width"), size("height")),
            surface_height: size("surface"),
        })
    });
}
