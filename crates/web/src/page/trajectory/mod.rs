//! The trajectory figure on the page: the error surface (raster, axes-and-contours and path
//! layers), the error course below it, and the controls. Its state and rules live in
//! [`crate::model::trajectory`]; [`figure`] holds the page's state and draws it, the handlers,
//! playback, downloads and wiring act on it.

mod controls;
mod data_panel;
mod export;
mod figure;
mod handlers;
mod layers;
mod overlay;
mod playback;
mod strip;
mod training_controls;
mod training_handlers;
mod wiring;

use web_sys::Document;

use crate::error::WebError;
use crate::model::trajectory::Settings;
use crate::model::trajectory_url::TrajectoryExtras;

pub use figure::{read, App};
pub use layers::{CourseView, Raster, Whole};

/// Builds the figure on a page that has its elements and draws it.
pub fn mount(
    document: &Document,
    initial: Option<(Settings, TrajectoryExtras)>,
    readonly: bool,
) -> Result<(), WebError> {
    controls::build(document)?;
    training_controls::build(document)?;
    let mut app = App::new(document, initial, readonly)?;
    app.live = true;
    figure::FIGURE.with(|slot| slot.set(app));
    wiring::wire(document)?;
    training_handlers::wire(document)
}
