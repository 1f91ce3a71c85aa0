//! The 3-D view's copy of the trajectory figure's state (decoded from the figure's link, as a
//! link opens it) and runs (run again only when the run's keys change), and its drawing: the
//! whole view when the surface, the camera or the size changed, the paths alone when only the
//! playback position or the hover did.

use descent_core::view3d::{Height, View3d};
use descent_core::Trajectory;
use web_sys::{Document, HtmlElement};

use super::picture::{Layers, Solid};
use super::Tell;
use crate::compute;
use crate::error::WebError;
use crate::model::trajectory_state::{decode_trajectory, TrajectoryState};
use crate::model::trajectory_url::encode_run;
use crate::model::url::{Decoder, Pairs};
use crate::page::bridge::Iterate;
use crate::page::dom::{by_id, pixel_ratio, Layer};

/// The mark a frame's measure starts from.
const FRAME_START: &str = "descent-3d-frame-start";
/// The run keys the surface depends on (with the view and the height scale).
const SURFACE_KEYS: [&str; 5] = ["preset", "function", "data", "model", "rotate"];

/// The 3-D view on the page.
pub struct SolidView {
    /// The figure's state, as its last link said.
    pub(super) state: TrajectoryState,
    /// Its runs.
    pub(super) runs: Vec<Trajectory>,
    /// The run keys the runs were computed for.
    run_key: Pairs,
    /// What the drawn surface was sampled for, and the camera, size and ratio it was drawn
    /// at: a change of any redraws the picture.
    drawn: Option<(Pairs, View3d, (u32, u32), f64)>,
    /// The iterate the figure hovers.
    pub(super) hover: Iterate,
    /// The picture and what was drawn where.
    pub(super) solid: Solid,
    raster: Layer,
    axes: Layer,
    paths: Layer,
    /// The figure's stack of canvases.
    pub(super) stack: HtmlElement,
}

impl SolidView {
    /// The view of the page's trajectory figure (`#surface` and its three canvases).
    pub fn new(document: &Document) -> Result<SolidView, WebError> {
        Ok(SolidView {
            state: TrajectoryState::default(),
            runs: Vec::new(),
            run_key: Vec::new(),
            drawn: None,
            hover: None,
            solid: Solid::default(),
            raster: Layer::new(document, "surface-raster")?,
            axes: Layer::new(document, "surface-axes")?,
            paths: Layer::new(document, "surface-paths")?,
            stack: by_id(document, "surface")?,
        })
    }

    /// Device pixels per CSS pixel.
    pub(super) fn ratio(&self) -> f64 {
        pixel_ratio()
    }

    /// Takes the figure's link and hover: runs again if the run changed, redraws what changed
    /// (nothing while the figure shows the contour map).
    pub fn show(&mut self, pairs: &Pairs, hover: Iterate) -> Vec<Tell> {
        let state = decode_trajectory(&mut Decoder::new(pairs));
        let run_key = encode_run(&state.settings);
        if run_key != self.run_key {
            let configs = state.settings.configs();
            self.runs = configs.iter().map(compute::trajectory).collect();
            self.run_key = run_key;
        }
        self.state = state;
        self.hover = hover;
        if !self.state.view3d.shown {
            self.drawn = None;
            return Vec::new();
        }
        if self.drawn.as_ref() == Some(&self.drawing()) {
            self.draw_paths();
        } else {
            self.draw(self.solid.gesture.is_active());
        }
        vec![Tell::Marker(self.marker())]
    }

    /// What the picture depends on: the surface's keys, the camera and height, the size.
    fn drawing(&self) -> (Pairs, View3d, (u32, u32), f64) {
        let surface: Pairs = self
            .run_key
            .iter()
            .filter(|(k, _)| SURFACE_KEYS.contains(&k.as_str()))
            .cloned()
            .chain([("view".to_owned(), self.state.settings.view.text())])
            .collect();
        (surface, self.state.view3d, self.raster.size(), self.ratio())
    }

    /// Draws the view whole (`coarse` while it turns): picture, axes and paths; one measured
    /// frame.
    pub(super) fn draw(&mut self, coarse: bool) {
        let performance = web_sys::window().and_then(|w| w.performance());
        if let Some(p) = &performance {
            let _ = p.mark(FRAME_START);
        }
        let drawing = self.drawing();
        if self.drawn.as_ref().map(|d| &d.0) != Some(&drawing.0) {
            self.solid.invalidate();
        }
        let layers = Layers {
            raster: &self.raster,
            axes: &self.axes,
        };
        let ratio = self.ratio();
        let drawn = self.solid.draw_surface(
            &layers,
            &self.state.settings,
            &self.state.view3d,
            ratio,
            coarse,
        );
        match drawn {
            Ok(()) => self.drawn = Some(drawing),
            Err(e) => web_sys::console::error_1(&e.status("draw the surface in 3-D").into()),
        }
        self.draw_paths();
        if performance.is_some() {
            self.solid.measure(FRAME_START);
        }
        self.describe();
        let _ = self.stack.set_attribute("data-view3d", "drawn");
    }

    /// Redraws the paths, up to the playback position, the hovered iterate (else the
    /// position) marked.
    pub(super) fn draw_paths(&mut self) {
        let highlight = self.hover.or(self.state.position.map(|t| (0, t)));
        let drawn = self.solid.draw_paths(
            &self.paths,
            &self.runs,
            (self.state.position, highlight),
            &self.state.view3d,
            self.ratio(),
        );
        if let Err(e) = drawn {
            web_sys::console::error_1(&e.status("draw the trajectory in 3-D").into());
        }
    }

    /// Where the marked iterate (hovered, else the playback position) is drawn, in CSS pixels.
    fn marker(&self) -> Option<(f64, f64)> {
        let marked = self.hover.or(self.state.position.map(|t| (0, t)))?;
        let (x, y) = self.solid.screen_of(marked)?;
        let ratio = self.ratio();
        Some((x / ratio, y / ratio))
    }

    /// The figure's text alternative in 3-D: the view, and how to turn it (the status line
    /// it describes itself with says where each path ends).
    fn describe(&self) {
        let view = &self.state.view3d;
        let height = match view.height {
            Height::Linear => "",
            Height::Log => ", heights by log E",
        };
        let label = format!(
            "The error surface in 3-D, seen from azimuth {}° and elevation {}°{height}, with \
             the trajectory draped over it. Drag or use the arrow keys to turn it, + and − to \
             zoom; click the surface to start there.",
            view.orbit.azimuth, view.orbit.elevation
        );
        let _ = self.stack.set_attribute("aria-label", &label);
    }
}
