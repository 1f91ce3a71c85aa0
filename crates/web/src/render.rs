//! Drawing the trajectory figure's layers from the app's data: the surface raster with one
//! `putImageData`, axes and contours, the path layer, and the error course with its legend.

use std::collections::BTreeSet;

use descent_core::{Optimizer, Trajectory};
use descent_plot::course::{self, LegendEntry, Series};
use descent_plot::scene::{self, SurfaceScene, ERROR_SERIES};
use descent_plot::{surface, Frame};
use wasm_bindgen::JsValue;
use web_sys::Document;

use crate::dom::Layer;
use crate::settings::Settings;

/// A message for the page from any drawing error.
fn message(e: impl std::fmt::Display) -> String {
    e.to_string()
}

fn js_message(e: JsValue) -> String {
    e.as_string().unwrap_or_else(|| format!("{e:?}"))
}

/// The three canvases of the surface, bottom to top.
pub struct SurfaceLayers {
    raster: Layer,
    axes: Layer,
    paths: Layer,
}

impl SurfaceLayers {
    /// The layers `#surface-raster`, `#surface-axes`, `#surface-paths`.
    pub fn new(document: &Document) -> Result<Self, JsValue> {
        Ok(SurfaceLayers {
            raster: Layer::new(document, "surface-raster")?,
            axes: Layer::new(document, "surface-axes")?,
            paths: Layer::new(document, "surface-paths")?,
        })
    }

    /// Three canvases outside the page, for exports.
    pub fn detached(document: &Document) -> Result<Self, JsValue> {
        Ok(SurfaceLayers {
            raster: Layer::detached(document)?,
            axes: Layer::detached(document)?,
            paths: Layer::detached(document)?,
        })
    }

    /// Draws the three layers onto `out`, top left at backing pixel (x, y).
    pub fn composite_onto(&self, out: &Layer, x: f64, y: f64) -> Result<(), JsValue> {
        for layer in [&self.raster, &self.axes, &self.paths] {
            out.draw_layer(layer, x, y)?;
        }
        Ok(())
    }

    /// Sizes all three alike.
    pub fn resize(&self, css_width: u32, css_height: u32, ratio: f64) {
        for layer in [&self.raster, &self.axes, &self.paths] {
            layer.resize(css_width, css_height, ratio);
        }
    }

    /// Evaluates the function on one sample per pixel of the data area, paints the raster,
    /// traces the contours and draws axes and colour bar. Returns the data area's frame.
    pub fn draw_surface(&self, settings: &Settings, ratio: f64) -> Result<Frame, String> {
        let (width, height) = self.raster.size();
        let view = settings.view;
        let frame = surface::layout(width, height, ratio, view.w1, view.w2);
        let cells = (frame.width as usize, frame.height as usize);
        let scene = SurfaceScene::new(&settings.function, view, cells);
        self.raster.clear();
        if let Some((rgba, columns, _)) = scene.raster.cells() {
            self.raster
                .put_rgba(rgba, columns as u32, frame.x, frame.y)
                .map_err(js_message)?;
        }
        let area = self.axes.area().map_err(js_message)?;
        let frame =
            surface::draw(&area, &scene.figure(&[], None, ratio, false)).map_err(message)?;
        area.present().map_err(message)?;
        Ok(frame)
    }

    /// Draws the runs up to iteration `upto` (all of them when `None`): one run dark to
    /// bright blue by iteration as in the article, several in the colour-blind-safe palette;
    /// and the `(run, iteration)` to highlight.
    pub fn draw_paths(
        &self,
        frame: &Frame,
        runs: &[Trajectory],
        upto: Option<usize>,
        highlight: Option<(usize, usize)>,
        ratio: f64,
    ) -> Result<(), String> {
        let area = self.paths.area().map_err(js_message)?;
        let paths = scene::paths(runs, upto);
        surface::draw_paths(&area, frame, &paths, highlight, ratio).map_err(message)?;
        area.present().map_err(message)
    }
}

/// Draws the whole surface figure (raster included, `cells` samples across) on any
/// backend at pixel ratio `ratio`: the SVG export and the custom element.
pub fn draw_surface_static<DB: plotters::prelude::DrawingBackend>(
    area: &plotters::prelude::DrawingArea<DB, plotters::coord::Shift>,
    settings: &Settings,
    runs: &[Trajectory],
    upto: Option<usize>,
    cells: usize,
    ratio: f64,
) -> Result<Frame, String> {
    let (width, height) = area.dim_in_pixel();
    let view = settings.view;
    let frame = surface::layout(width, height, ratio, view.w1, view.w2);
    let columns = (frame.width as usize).clamp(2, cells);
    let rows = (columns * frame.height as usize / (frame.width as usize).max(1)).max(2);
    let scene = SurfaceScene::new(&settings.function, view, (columns, rows));
    let paths = scene::paths(runs, upto);
    surface::draw(area, &scene.figure(&paths, None, ratio, true)).map_err(message)
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
            let (ex, ey) = (e.x as f64, e.y as f64);
            x >= ex && x <= ex + e.width as f64 && y >= ey && y <= ey + e.height as f64
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

    /// The course's series ([`scene::course_series`]) with this view's visibility: one run's
    /// error with its state hidden until toggled, or one error course per compared optimizer.
    pub fn series(&self, runs: &[Trajectory], optimizers: &[Optimizer]) -> Vec<Series> {
        let compare = runs.len() > 1;
        scene::course_series(runs, optimizers, |name| self.is_visible(name, compare))
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
) -> Result<Frame, String> {
    let area = layer.area().map_err(js_message)?;
    let figure = scene::course_figure(series, log_scale, highlight, ratio);
    let (frame, legend) = course::draw(&area, &figure).map_err(message)?;
    area.present().map_err(message)?;
    view.legend = legend
        .into_iter()
        .filter_map(|e| Some((e, series.get(e.index)?.name.clone())))
        .collect();
    Ok(frame)
}
