//! The trajectory figure's surface in 3-D on the page: descent-plot's z-buffer picture painted
//! on the raster layer with one `putImageData`, its axes and colour bar on the axes layer,
//! the draped paths and the marker on the path layer; a coarse mesh while the view turns, the
//! full mesh when it stops. What was drawn (where, and the paths' screen points) is kept for
//! the pointer: hovering an iterate, clicking the surface.

use descent_core::view3d::View3d;
use descent_core::Trajectory;
use descent_plot::scene::{self, Surface3dScene};
use descent_plot::view3d::camera::Camera;
use descent_plot::view3d::figure::{self, Shot};
use descent_plot::view3d::path::DrapedPath;
use descent_plot::view3d::raster::Image;

use crate::error::WebError;
use crate::model::trajectory::Settings;
use crate::page::dom::Layer;

/// The name of the browser's performance measure of one frame of the 3-D view (render, paint
/// and overlays), which the performance harness reads.
pub const FRAME_MEASURE: &str = "descent-3d-frame";
/// Frames measured before the browser's list of measures is cleared.
const MEASURES_KEPT: u32 = 1000;

/// The 3-D view's state on the page.
#[derive(Default)]
pub struct Solid {
    /// The surface sampled for the current function, view and height scale.
    scene: Option<Surface3dScene>,
    /// The picture's buffers, reused from frame to frame.
    image: Image,
    /// Where the last picture lies and how it was seen.
    pub shot: Option<Shot>,
    /// The paths as last drawn, in backing pixels.
    draped: Vec<DrapedPath>,
    /// Frames measured since the measures were last cleared.
    measured: u32,
    /// The pointers down on it.
    pub gesture: Gesture,
    /// Whether the last picture drew the coarse mesh (the paths drape over the same).
    coarse: bool,
}

/// The layers the 3-D view's surface is drawn on (the paths have their own).
pub struct Layers<'a> {
    /// The picture.
    pub raster: &'a Layer,
    /// Axes and colour bar.
    pub axes: &'a Layer,
}

impl Solid {
    /// Forgets the sampled surface: the function, view or height scale changed.
    pub fn invalidate(&mut self) {
        self.scene = None;
    }

    /// Renders the surface of the selected run of `settings` as `view3d` shows it (`coarse`
    /// while turning; sampled again after [`Solid::invalidate`]), paints it and draws the axes
    /// and colour bar.
    pub fn draw_surface(
        &mut self,
        layers: &Layers,
        settings: &Settings,
        view3d: &View3d,
        ratio: f64,
        coarse: bool,
    ) -> Result<(), WebError> {
        let scene = match self.scene.take() {
            Some(scene) => scene,
            None => {
                let config = settings.config_of(settings.selected);
                Surface3dScene::new(&config.objective(), settings.view, view3d.height)
            }
        };
        let (width, height) = layers.raster.size();
        let figure = scene.figure(Camera::from(view3d), &[], None, ratio, coarse);
        let shot = figure::render(&figure, width, height, &mut self.image);
        layers.raster.clear();
        if !shot.frame.is_empty() {
            layers.raster.put_rgba(
                self.image.rgba(),
                shot.frame.width,
                shot.frame.x,
                shot.frame.y,
            )?;
        }
        let area = layers.axes.area()?;
        figure::draw_frame(&area, &figure, &shot)?;
        area.present()?;
        self.shot = Some(shot);
        self.scene = Some(scene);
        self.coarse = coarse;
        Ok(())
    }

    /// Draws `runs` up to iteration `upto` draped over the last picture's mesh, with
    /// `highlight` marked; remembers where their iterates are.
    pub fn draw_paths(
        &mut self,
        layer: &Layer,
        runs: &[Trajectory],
        (upto, highlight): (Option<usize>, Option<(usize, usize)>),
        view3d: &View3d,
        ratio: f64,
    ) -> Result<(), WebError> {
        let area = layer.area()?;
        if let (Some(scene), Some(shot)) = (&self.scene, &self.shot) {
            let paths = scene::paths(runs, upto);
            let camera = Camera::from(view3d);
            let figure = scene.figure(camera, &paths, highlight, ratio, self.coarse);
            self.draped = figure::draw_paths(&area, &figure, shot, &self.image)?;
        }
        area.present()?;
        Ok(())
    }

    /// The `(run, iteration)` drawn nearest backing pixel `(x, y)` within `reach` pixels.
    pub fn nearest(&self, at: (f64, f64), reach: f64) -> Option<(usize, usize)> {
        figure::nearest_iterate(&self.draped, at, reach)
    }

    /// Where iteration `t` of run `r` was drawn, in backing pixels.
    pub fn screen_of(&self, (r, t): (usize, usize)) -> Option<(f64, f64)> {
        Some(self.draped.get(r)?.iterates.get(t).copied().flatten()?.at)
    }

    /// The data point of the surface under backing pixel `(x, y)`: where the ray through it
    /// meets the drawn surface.
    pub fn data_at(&self, x: f64, y: f64) -> Option<[f64; 2]> {
        let scene = self.scene.as_ref()?;
        self.shot.as_ref()?.data_at(&scene.mesh, &self.image, x, y)
    }

    /// Records one frame's duration as a browser performance measure from the mark `start`.
    pub fn measure(&mut self, start: &str) {
        let Some(performance) = web_sys::window().and_then(|w| w.performance()) else {
            return;
        };
        let _ = performance.measure_with_start_mark(FRAME_MEASURE, start);
        performance.clear_marks_with_mark_name(start);
        self.measured += 1;
        if self.measured >= MEASURES_KEPT {
            performance.clear_measures_with_measure_name(FRAME_MEASURE);
            self.measured = 0;
        }
    }
}

/// The pointers down on the 3-D view and how far they went.
#[derive(Clone, Debug, Default)]
pub struct Gesture {
    /// Each pointer down: its id and last position in CSS pixels.
    pub(super) pointers: Vec<(i32, (f64, f64))>,
    /// How far they moved since the first went down, in CSS pixels.
    pub(super) travelled: f64,
}

impl Gesture {
    /// Whether pointers are down.
    pub fn is_active(&self) -> bool {
        !self.pointers.is_empty()
    }

    /// The distance between the first two pointers.
    pub(super) fn spread(&self) -> Option<f64> {
        match self.pointers[..] {
            [(_, a), (_, b), ..] => Some((a.0 - b.0).hypot(a.1 - b.1)),
            _ => None,
        }
    }
}
