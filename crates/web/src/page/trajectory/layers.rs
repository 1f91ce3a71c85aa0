//! Drawing the trajectory figure: live, on its canvas layers (the surface raster with one
//! `putImageData`, axes and contours, the paths, the error course with its legend), each
//! redrawn only when what it shows changed; and whole, through descent-plot's composite
//! figure, for the downloads and the custom element.

use std::collections::BTreeSet;

use descent_core::Trajectory;
use descent_plot::composite::{self, TrajectoryFigure, TrajectoryFrames};
use descent_plot::course::{self, LegendEntry, Series};
use descent_plot::noise::{self, GradientCloud};
use descent_plot::scene::{self, SurfaceScene, View, ERROR_SERIES};
use descent_plot::{surface, Frame};
use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend};
use web_sys::Document;

use crate::error::WebError;
use crate::model::trajectory::Settings;
use crate::page::dom::Layer;

/// Raster cells across the surface of a static drawing (SVG downloads, the custom element):
/// every cell is a rectangle there.
pub const STATIC_CELLS: usize = 160;

/// The three canvases of the surface, bottom to top.
pub struct SurfaceLayers {
    raster: Layer,
    axes: Layer,
    paths: Layer,
}

impl SurfaceLayers {
    /// The layers `#surface-raster`, `#surface-axes`, `#surface-paths`.
    pub fn new(document: &Document) -> Result<Self, WebError> {
        Ok(SurfaceLayers {
            raster: Layer::new(document, "surface-raster")?,
            axes: Layer::new(document, "surface-axes")?,
            paths: Layer::new(document, "surface-paths")?,
        })
    }

    /// Sizes all three alike.
    pub fn resize(&self, css_width: u32, css_height: u32, ratio: f64) {
        for layer in [&self.raster, &self.axes, &self.paths] {
            layer.resize(css_width, css_height, ratio);
        }
    }

    /// Evaluates the function on one sample per pixel of the data area, paints the raster,
    /// traces the contours and draws axes and colour bar. Returns the data area's frame.
    pub fn draw_surface(&self, settings: &Settings, ratio: f64) -> Result<Frame, WebError> {
        let (width, height) = self.raster.size();
        let view = settings.view;
        let frame = surface::layout(width, height, ratio, view.w1, view.w2);
        let cells = (frame.width as usize, frame.height as usize);
        let config = settings.config_of(settings.selected);
        let scene = SurfaceScene::new(&config.objective(), view, cells);
        self.raster.clear();
        if let Some((rgba, columns, _)) = scene.raster.cells() {
            self.raster
                .put_rgba(rgba, columns as u32, frame.x, frame.y)?;
        }
        let area = self.axes.area()?;
        let frame = surface::draw(&area, &scene.figure(&[], None, ratio, false))?;
        area.present()?;
        Ok(frame)
    }

    /// Draws the runs up to iteration `upto` (all of them when `None`), the `(run, iteration)`
    /// to highlight, the noiseless `ghosts` over them and the gradient `cloud` at the
    /// highlight.
    pub fn draw_paths(
        &self,
        frame: &Frame,
        drawn: &PathsDrawn,
        ratio: f64,
    ) -> Result<(), WebError> {
        let area = self.paths.area()?;
        let paths = scene::paths(drawn.runs, drawn.upto);
        surface::draw_paths(&area, frame, &paths, drawn.highlight, ratio)?;
        // Over the noisy paths, which would hide a thin dashed line.
        noise::draw_ghosts(&area, frame, drawn.ghosts, ratio)?;
        if let Some(cloud) = drawn.cloud {
            noise::draw_cloud(&area, frame, cloud, ratio)?;
        }
        area.present()?;
        Ok(())
    }
}

/// What the path layer shows.
pub struct PathsDrawn<'a> {
    /// The runs.
    pub runs: &'a [Trajectory],
    /// Drawn up to this iteration (whole when `None`).
    pub upto: Option<usize>,
    /// The `(run, iteration)` emphasised.
    pub highlight: Option<(usize, usize)>,
    /// The noiseless paths and their colours.
    pub ghosts: &'a [(Vec<[f64; 2]>, [u8; 3])],
    /// The gradients the highlighted step could have drawn.
    pub cloud: Option<&'a GradientCloud>,
}

/// Which course series are shown, and where the last drawn legend's entries are.
#[derive(Clone, Default)]
pub struct CourseView {
    /// Names of the series the user toggled (state series on, error courses off).
    pub toggled: BTreeSet<String>,
    legend: Vec<(LegendEntry, String)>,
}

impl CourseView {
    /// A view with the series `toggled` flipped from their defaults.
    pub fn with_toggled(toggled: impl IntoIterator<Item = String>) -> Self {
        CourseView {
            toggled: toggled.into_iter().collect(),
            legend: Vec::new(),
        }
    }

    /// Whether series `name` is shown: error courses start visible (every run's, in compare
    /// mode), state series hidden; a click on the legend flips either.
    pub fn is_visible(&self, name: &str, compare: bool) -> bool {
        (compare || name == ERROR_SERIES) != self.toggled.contains(name)
    }

    /// Toggles the legend entry at backing pixel (x, y); returns whether one was hit.
    pub fn toggle_at(&mut self, x: f64, y: f64) -> bool {
        let hit = self.legend.iter().find(|(e, _)| {
            let (ex, ey) = (f64::from(e.x), f64::from(e.y));
            x >= ex && x <= ex + f64::from(e.width) && y >= ey && y <= ey + f64::from(e.height)
        });
        let Some((_, name)) = hit else {
            return false;
        };
        let name = name.clone();
        if !self.toggled.remove(&name) {
            self.toggled.insert(name);
        }
        true
    }

    /// The course's series with this view's visibility.
    pub fn series(&self, runs: &[Trajectory]) -> Vec<Series> {
        let compare = runs.len() > 1;
        scene::course_series(runs, |name| self.is_visible(name, compare))
    }

    /// Remembers where the legend entries of `series` were drawn, for clicks.
    fn remember(&mut self, series: &[Series], legend: Vec<LegendEntry>) {
        self.legend = legend
            .into_iter()
            .filter_map(|e| Some((e, series.get(e.index)?.name.clone())))
            .collect();
    }
}

/// Draws the error course (and the toggled series) under the surface; returns its frame.
pub fn draw_course(
    layer: &Layer,
    series: &[Series],
    view: &mut CourseView,
    log_scale: bool,
    highlight: Option<usize>,
    ratio: f64,
) -> Result<Frame, WebError> {
    let area = layer.area()?;
    let figure = scene::course_figure(series, log_scale, highlight, ratio);
    let (frame, legend) = course::draw(&area, &figure)?;
    area.present()?;
    view.remember(series, legend);
    Ok(frame)
}

/// What a whole trajectory figure shows.
pub struct Whole<'a> {
    /// The settings (function, view, log scale).
    pub settings: &'a Settings,
    /// The runs.
    pub runs: &'a [Trajectory],
    /// Paths drawn up to this iteration (all when `None`), which the course marks.
    pub upto: Option<usize>,
    /// The course's series visibility.
    pub view: &'a CourseView,
}

impl Whole<'_> {
    /// Draws the composite figure on `root`: the surface `surface_height` pixels high over
    /// the course, the raster drawn as `cells` rectangles across (`None`: painted before on
    /// `raster`, a canvas under the area, with `putImageData`).
    pub fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        surface_height: u32,
        ratio: f64,
        raster: Raster,
    ) -> Result<TrajectoryFrames, WebError> {
        let view: View = self.settings.view;
        let (width, _) = root.dim_in_pixel();
        let frame = surface::layout(width, surface_height, ratio, view.w1, view.w2);
        let cells = match raster {
            Raster::Cells(cells) => {
                let columns = (frame.width as usize).clamp(2, cells);
                let rows = (columns * frame.height as usize / (frame.width as usize).max(1)).max(2);
                (columns, rows)
            }
            Raster::Painted(_) => (frame.width as usize, frame.height as usize),
        };
        let config = self.settings.config_of(self.settings.selected);
        let surface = SurfaceScene::new(&config.objective(), view, cells);
        if let (Raster::Painted(layer), Some((rgba, columns, _))) = (raster, surface.raster.cells())
        {
            layer.put_rgba(rgba, columns as u32, frame.x, frame.y)?;
        }
        let paths = scene::paths(self.runs, self.upto);
        let series = self.view.series(self.runs);
        let figure = TrajectoryFigure {
            surface: &surface,
            paths: &paths,
            highlight: None,
            course: scene::course_figure(&series, self.settings.log_course, self.upto, ratio),
            surface_height,
            with_raster: matches!(raster, Raster::Cells(_)),
        };
        Ok(composite::draw_trajectory(root, &figure)?)
    }
}

/// How a whole figure's surface raster is drawn.
#[derive(Clone, Copy)]
pub enum Raster<'a> {
    /// By the figure, this many cells across at most.
    Cells(usize),
    /// With `putImageData` on this canvas, under the figure.
    Painted(&'a Layer),
}
