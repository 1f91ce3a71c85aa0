//! The trajectory figure on the page: the error surface (raster, axes-and-contours and path
//! layers), the error course below it, and the controls. Its state and rules live in
//! [`crate::model::trajectory`]; [`figure`] holds the page's state and draws it, the handlers,
//! playback, downloads and wiring act on it.

mod controls;
mod curvature;
mod curvature_handlers;
mod data_panel;
mod export;
mod figure;
mod handlers;
mod layers;
mod overlay;
mod playback;
mod solid;
mod solid_controls;
mod solid_handlers;
mod solid_whole;
mod strip;
mod training_controls;
mod training_handlers;
mod wiring;

use std::cell::RefCell;

use web_sys::Document;

use crate::error::WebError;
use crate::model::sweep_cells::CellRun;
use crate::model::trajectory::Settings;
use crate::model::trajectory_state::TrajectoryState;
use crate::model::trajectory_url::encode_run;
use crate::page::bridge;

pub use figure::{read, App};

/// A figure that follows the trajectory figure's settings.
type Listener = Box<dyn Fn(&Settings)>;

thread_local! {
    /// Called with the settings after every change of the figure.
    static LISTENERS: RefCell<Vec<Listener>> = RefCell::new(Vec::new());
}

/// Calls `listener` with the figure's settings after every change (the maps follow the
/// figure's run this way, without the figure knowing them).
pub fn on_change(listener: impl Fn(&Settings) + 'static) {
    LISTENERS.with(|l| l.borrow_mut().push(Box::new(listener)));
}

/// Tells the listeners about `settings`.
fn notify(settings: &Settings) {
    LISTENERS.with(|l| {
        if let Ok(listeners) = l.try_borrow() {
            for listener in listeners.iter() {
                listener(settings);
            }
        }
    });
}

/// Loads a map cell's run into the figure (its start point, or its two hyperparameters) and
/// brings the surface into view; returns whether the page has the figure.
pub fn load(run: CellRun) -> bool {
    let mut loaded = false;
    figure::with_app(|app| {
        app.load(run);
        loaded = true;
    });
    loaded
}
pub use layers::{Raster, Whole};

/// Builds the figure on a page that has its elements and draws it.
pub fn mount(
    document: &Document,
    initial: Option<TrajectoryState>,
    readonly: bool,
) -> Result<(), WebError> {
    controls::build(document)?;
    training_controls::build(document)?;
    let mut app = App::new(document, initial, readonly)?;
    app.live = true;
    figure::FIGURE.with(|slot| slot.set(app));
    answer_the_maps();
    wiring::wire(document)?;
    training_handlers::wire(document)
}

/// Tells the maps (in this module or the other, through the [`bridge`]) the figure's run
/// after every change and whenever they ask, and loads the runs of the cells they click.
fn answer_the_maps() {
    on_change(|settings| bridge::publish_run(&encode_run(settings)));
    bridge::on_run_wanted(|| {
        if let Some(pairs) = read(|app| encode_run(&app.state.settings)) {
            bridge::publish_run(&pairs);
        }
    });
    bridge::on_load_run(|pairs| {
        if let Some(run) = CellRun::from_pairs(&pairs) {
            load(run);
        }
    });
}
