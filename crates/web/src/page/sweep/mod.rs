//! The maps on the page: where the trajectory figure's run converges, from every start over
//! its view (a basin map) or with every pair of values of two of the optimizer's
//! hyperparameters, coloured by final error, steps or stop reason. Maps are computed by a Web
//! Worker ([`worker`]) with a progress bar and a Cancel button; a change of the run cancels
//! the map being computed and starts the new one; a click (or Enter) on a cell loads its run
//! into the trajectory figure. The rules and URL keys are in [`crate::model::sweep`].

mod controls;
mod draw;
mod figure;
mod inspect;
mod reading;
mod worker;

use web_sys::{Document, Event, EventTarget, KeyboardEvent, MouseEvent};

use crate::error::WebError;
use crate::model::sweep::{MapSettings, Side};
use crate::model::sweep_cells::CellRun;
use crate::model::trajectory::Settings;
use crate::model::trajectory_url::decode_run;
use crate::model::url::Decoder;
use crate::page::bridge;
use crate::page::dom::{by_id, listen};

pub use draw::MapDrawing;
pub use figure::MapFigure;
use figure::{with_map, FIGURE};

/// Builds the maps on a page that has their elements. They follow the trajectory figure when
/// the page has one (`run` is then replaced by its settings, asked for through the
/// [`bridge`], which works whether the figure lives in this module or the other), else the
/// run `run` of the link; `map` is the map the link shows, if any (computed at once).
pub fn mount(document: &Document, run: Settings, map: Option<MapSettings>) -> Result<(), WebError> {
    controls::build(document)?;
    let linked = document.get_element_by_id("trajectory-figure").is_some();
    let figure = MapFigure::new(document, run, map, linked)?;
    figure.show_controls();
    FIGURE.with(|slot| slot.set(figure));
    if linked {
        bridge::on_run(|pairs| {
            let settings = decode_run(&mut Decoder::new(&pairs));
            with_map(|m| m.on_settings(&settings));
        });
        bridge::want_run();
    }
    with_map(|m| {
        m.resize();
        m.request();
        m.publish(false);
    });
    wire(document)
}

/// Calls `handler` on the figure at every `event` of `#id`.
fn on(
    document: &Document,
    id: &str,
    event: &str,
    handler: fn(&mut MapFigure),
) -> Result<(), WebError> {
    let target: EventTarget = by_id(document, id)?;
    listen(&target, event, move |_: Event| with_map(handler));
    Ok(())
}

/// Loads a cell's run, asked for by `f`, into the trajectory figure (outside the map's own
/// borrow: the trajectory figure tells the map about the change).
fn load_with(f: impl FnOnce(&mut MapFigure) -> Option<CellRun>) {
    let mut run = None;
    with_map(|m| run = f(m));
    if let Some(run) = run {
        bridge::load_run(&run.to_pairs());
    }
}

/// Wires the controls and the map.
fn wire(document: &Document) -> Result<(), WebError> {
    on(document, "sweep-kind", "change", MapFigure::on_kind)?;
    on(document, "sweep-show", "change", MapFigure::on_show)?;
    on(document, "sweep-grid", "input", MapFigure::on_grid)?;
    on(document, "sweep-draw", "click", MapFigure::on_draw)?;
    on(document, "sweep-cancel", "click", MapFigure::on_cancel)?;
    for side in [Side::X, Side::Y] {
        let id = format!("sweep-{}", side.key());
        let key: EventTarget = by_id(document, &id)?;
        listen(&key, "change", move |_: Event| {
            with_map(|m| m.on_axis_key(side))
        });
        let range: EventTarget = by_id(document, &format!("{id}-range"))?;
        listen(&range, "input", move |_: Event| {
            with_map(|m| m.on_axis_range(side))
        });
    }
    for what in ["png", "svg"] {
        let button: EventTarget = by_id(document, &format!("download-{what}-sweep"))?;
        listen(&button, "click", move |_: Event| {
            with_map(|m| m.download(what))
        });
    }
    let stack: EventTarget = by_id(document, "sweep")?;
    listen(&stack, "pointermove", |e: MouseEvent| {
        with_map(|m| m.on_pointer_move(&e))
    });
    listen(&stack, "pointerleave", |_: MouseEvent| {
        with_map(MapFigure::on_pointer_leave)
    });
    listen(&stack, "click", |e: MouseEvent| {
        load_with(|m| m.on_click(&e))
    });
    listen(&stack, "keydown", |e: KeyboardEvent| {
        load_with(|m| m.on_key(&e))
    });
    if let Some(window) = web_sys::window() {
        listen(&window, "resize", |_: Event| with_map(MapFigure::resize));
    }
    Ok(())
}
