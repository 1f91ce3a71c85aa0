//! Drawing the trajectory figure: live, on its canvas layers (the surface raster with one
//! `putImageData`, axes and contours, the paths, the error course with its legend), each
//! redrawn only when what it shows changed; and whole, through descent-plot's composite
//! figure, for the downloads and the custom element.

use descent_core::Trajectory;
use descent_plot::composite::{self, CurvatureLayer, TrajectoryFigure, TrajectoryFrames};
use descent_plot::course::{self, LegendEntry, Series};
use descent_plot::curvature::{self, CurvatureGlyph};
use descent_plot::noise::{self, GradientCloud};
use descent_plot::scene::{self, SurfaceScene, View};
use descent_plot::{surface, Frame};
use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend};
use web_sys::Document;

use crate::error::WebError;
use crate::model::trajectory::Settings;
use crate::model::trajectory_state::TrajectoryState;
use crate::page::dom::Layer;

/// Raster cells across the surface of a static drawing (SVG downloads, the custom element):
/// every cell is a rectangle there.
pub const STATIC_CELLS: usize = 160;

/// The three canvases of the surface, bottom to top.
pub struct SurfaceLayers {
    pub(super) raster: Layer,
    pub(super) axes: Layer,
    pub(super) paths: Layer,
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
        if let Some(glyph) = &drawn.glyph {
            curvature::draw_glyph(&area, frame, glyph, ratio)?;
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
    /// The curvature glyph at the marked iterate, when the runs carry curvature.
    pub glyph: Option<CurvatureGlyph>,
}

/// Where the last drawn legend's entries are, and which series each names (for clicks).
#[derive(Clone, Default)]
pub struct CourseLegend {
    entries: Vec<(LegendEntry, String)>,
}

impl CourseLegend {
    /// The series whose legend entry is at backing pixel (x, y), if any.
    pub fn hit(&self, x: f64, y: f64) -> Option<&str> {
        let hit = self.entries.iter().find(|(e, _)| {
            let (ex, ey) = (f64::from(e.x), f64::from(e.y));
            x >= ex && x <= ex + f64::from(e.width) && y >= ey && y <= ey + f64::from(e.height)
        });
        hit.map(|(_, name)| name.as_str())
    }

    /// Remembers where the legend entries of `series` were drawn.
    fn remember(&mut self, series: &[Series], legend: Vec<LegendEntry>) {
        self.entries = legend
            .into_iter()
            .filter_map(|e| Some((e, series.get(e.index)?.name.clone())))
            .collect();
    }
}

/// The course's series of `runs`, shown or hidden as `state` says.
pub fn course_series(state: &TrajectoryState, runs: &[Trajectory]) -> Vec<Series> {
    let compare = runs.len() > 1;
    scene::course_series(runs, |name| state.is_series_visible(name, compare))
}

/// Draws the error course (and the toggled series) under the surface; returns its frame.
pub fn draw_course(
    layer: &Layer,
    series: &[Series],
    legend: &mut CourseLegend,
    log_scale: bool,
    highlight: Option<usize>,
    ratio: f64,
) -> Result<Frame, WebError> {
    let area = layer.area()?;
    let figure = scene::course_figure(series, log_scale, highlight, ratio);
    let (frame, drawn) = course::draw(&area, &figure)?;
    area.present()?;
    legend.remember(series, drawn);
    Ok(frame)
}

/// What a whole trajectory figure shows.
pub struct Whole<'a> {
    /// The figure's state (function, view, log scale, toggled series, playback position:
    /// paths are drawn up to it and the course marks it).
    pub state: &'a TrajectoryState,
    /// The runs of its settings.
    pub runs: &'a [Trajectory],
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
        if self.state.view3d.shown {
            return self.draw_solid(root, surface_height, ratio, raster);
        }
        let view: View = self.state.settings.view;
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
        let config = self.state.settings.config_of(self.state.settings.selected);
        let surface = SurfaceScene::new(&config.objective(), view, cells);
        if let (Raster::Painted(layer), Some((rgba, columns, _))) = (raster, surface.raster.cells())
        {
            layer.put_rgba(rgba, columns as u32, frame.x, frame.y)?;
        }
        let upto = self.state.position;
        let paths = scene::paths(self.runs, upto);
        let series = course_series(self.state, self.runs);
        // The curvature at the playback position, or at the selected run's end.
        let marked = self.runs.first().map(|run| {
            let last = run.rows.len().saturating_sub(1);
            (run, upto.unwrap_or(last).min(last))
        });
        let strip = scene::sharpness_series(self.runs);
        let lines = marked.map_or_else(Vec::new, |(run, t)| scene::readout(run, t));
        let figure = TrajectoryFigure {
            surface: &surface,
            paths: &paths,
            highlight: None,
            course: scene::course_figure(&series, self.state.settings.log_course, upto, ratio),
            surface_height,
            with_raster: matches!(raster, Raster::Cells(_)),
            curvature: (!strip.is_empty()).then(|| CurvatureLayer {
                glyph: marked.and_then(|(run, t)| scene::glyph(run, t)),
                readout: &lines,
                strip: scene::sharpness_figure(&strip, marked.map(|(_, t)| t), ratio),
            }),
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
