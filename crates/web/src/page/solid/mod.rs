//! The trajectory figure's surface in 3-D, in the module loaded on demand (the engine's): the
//! first module's trajectory figure keeps the state (its link holds `3d`, `azimuth`, …) and
//! asks for this part when the 3-D view is shown; this part draws on the figure's three
//! canvases and handles the pointer, keys and wheel on it, talking to the figure through the
//! [`bridge`] (its link and hover in, the camera, hover, marker and clicked start out).
//!
//! - `picture`: the picture, axes and draped paths on the layers, and what was drawn where;
//! - `view`: this part's copy of the figure's state and runs, and what a link change redraws;
//! - `handlers`: drag, touch, keys, wheel, click and hover;
//! - `whole`: the whole figure in 3-D for the downloads and the custom element.

mod handlers;
mod picture;
mod view;
mod whole;

use web_sys::{Document, KeyboardEvent, MouseEvent, PointerEvent, WheelEvent};

use super::bridge::{self, Iterate};
use super::dom::{by_id, listen, Slot};
use crate::error::WebError;
use crate::model::url::Pairs;

pub use view::SolidView;
pub use whole::{draw_element, shows_3d};

thread_local! {
    static VIEW: Slot<SolidView> = Slot::default();
}

/// What the 3-D view tells the trajectory figure, sent once the view's state is released (the
/// figure may answer at once, with `descent-3d`).
#[derive(Clone, Debug, PartialEq)]
pub enum Tell {
    /// The camera turned (`settled`: the view stopped).
    View(Pairs, bool),
    /// The iterate under the pointer, and the pointer's CSS position.
    Hover(Iterate, (f64, f64)),
    /// Start the runs here.
    Start([f64; 2]),
    /// Where the marked iterate is drawn, in CSS pixels.
    Marker(Option<(f64, f64)>),
}

impl Tell {
    fn send(self) {
        match self {
            Tell::View(pairs, settled) => bridge::view_3d(&pairs, settled),
            Tell::Hover(hover, at) => bridge::hover_3d(hover, at),
            Tell::Start(w) => {
                let start = format!("{},{}", w[0], w[1]);
                bridge::load_run(&vec![("start".to_owned(), start)]);
            }
            Tell::Marker(at) => bridge::marker_3d(at),
        }
    }
}

/// Runs `f` on the view, then sends what it has to tell.
pub(crate) fn with_view(f: impl FnOnce(&mut SolidView) -> Vec<Tell>) {
    let mut tells = Vec::new();
    VIEW.with(|slot| slot.with(|view| tells = f(view)));
    for tell in tells {
        tell.send();
    }
}

/// Mounts the 3-D view where the page has the trajectory figure: listens on its surface and
/// to the figure, and asks for the figure's state (drawn at once when it shows 3-D).
pub fn mount(document: &Document) -> Result<(), WebError> {
    if document.get_element_by_id("surface").is_none() {
        return Ok(());
    }
    VIEW.with(|slot| SolidView::new(document).map(|view| slot.set(view)))?;
    let surface: web_sys::EventTarget = by_id(document, "surface")?;
    listen(&surface, "pointerdown", |e: PointerEvent| {
        with_view(|v| v.on_pointer_down(&e))
    });
    listen(&surface, "pointermove", |e: PointerEvent| {
        with_view(|v| v.on_pointer_move(&e))
    });
    for event in ["pointerup", "pointercancel"] {
        listen(&surface, event, |e: PointerEvent| {
            with_view(|v| v.on_pointer_up(&e))
        });
    }
    listen(&surface, "click", |e: MouseEvent| {
        with_view(|v| v.on_click(&e))
    });
    listen(&surface, "keydown", |e: KeyboardEvent| {
        with_view(|v| v.on_key(&e))
    });
    listen(&surface, "wheel", |e: WheelEvent| {
        with_view(|v| v.on_wheel(&e))
    });
    bridge::on_show_3d(|pairs, hover| with_view(|v| v.show(&pairs, hover)));
    bridge::on_download_3d(|download| with_view(|v| v.download(&download)));
    bridge::want_3d_state();
    Ok(())
}
