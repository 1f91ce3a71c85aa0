//! Drawing the trajectory figure's layers from the app's data: the surface raster with one
//! `putImageData`, axes and contours, the path layer, and the error course with its legend.

use std::collections::BTreeSet;

use descent_core::{Grid, Optimizer, OptimizerKind, Trajectory};
use descent_plot::colormap::PALETTE;
use descent_plot::course::{self, CourseFigure, LegendEntry, Series};
use descent_plot::surface::{self, Path, PathStyle, SurfaceFigure};
use descent_plot::{contour, raster, ColorScale, Frame};
use wasm_bindgen::JsValue;
use web_sys::Document;

use crate::dom::Layer;
use crate::settings::Settings;

/// Contour lines are traced on a grid at most this many cells wide: enough for smooth lines,
/// cheap next to the raster.
const CONTOUR_CELLS: usize = 160;
/// How many contour levels to draw.
const CONTOUR_LEVELS: usize = 12;

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
        let grid = Grid {
            w1: view.w1,
            w2: view.w2,
            columns: frame.width as usize,
            rows: frame.height as usize,
        };
        let values = settings.function.values_on(&grid);
        let scale = ColorScale::fit(&values);
        self.raster.clear();
        if !values.is_empty() {
            let rgba = raster::surface_rgba(&values, &scale);
            self.raster
                .put_rgba(&rgba, frame.width, frame.x, frame.y)
                .map_err(js_message)?;
        }
        let contours = contours(settings, &scale, &frame);
        let area = self.axes.area().map_err(js_message)?;
        let figure = SurfaceFigure {
            w1: view.w1,
            w2: view.w2,
            scale,
            contours: &contours,
            paths: &[],
            highlight: None,
            pixel_ratio: ratio,
            raster: None,
        };
        let frame = surface::draw(&area, &figure).map_err(message)?;
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
        let paths = paths(runs, upto);
        surface::draw_paths(&area, frame, &paths, highlight, ratio).map_err(message)?;
        area.present().map_err(message)
    }
}

/// The runs as paths up to iteration `upto` (all of each when `None`): one run dark to bright
/// blue by iteration as in the article, several in the colour-blind-safe palette.
pub fn paths(runs: &[Trajectory], upto: Option<usize>) -> Vec<Path> {
    runs.iter()
        .map(|run| {
            let shown = upto.map_or(run.rows.len(), |t| (t + 1).min(run.rows.len()));
            Path {
                points: run.rows[..shown].iter().map(|r| r.w).collect(),
                style: if runs.len() == 1 {
                    PathStyle::Ramp
                } else {
                    PathStyle::Solid(colour_of(run.optimizer))
                },
                label: run.optimizer.name().to_owned(),
            }
        })
        .collect()
}

/// Draws the whole surface figure (raster included, `cells` samples across) on any
/// backend: the SVG export.
pub fn draw_surface_static<DB: plotters::prelude::DrawingBackend>(
    area: &plotters::prelude::DrawingArea<DB, plotters::coord::Shift>,
    settings: &Settings,
    runs: &[Trajectory],
    upto: Option<usize>,
    cells: usize,
) -> Result<Frame, String> {
    let (width, height) = area.dim_in_pixel();
    let view = settings.view;
    let frame = surface::layout(width, height, 1.0, view.w1, view.w2);
    let columns = (frame.width as usize).clamp(2, cells);
    let rows = (columns * frame.height as usize / (frame.width as usize).max(1)).max(2);
    let grid = Grid {
        w1: view.w1,
        w2: view.w2,
        columns,
        rows,
    };
    let values = settings.function.values_on(&grid);
    let scale = ColorScale::fit(&values);
    let rgba = raster::surface_rgba(&values, &scale);
    let contours = contours(settings, &scale, &frame);
    let paths = paths(runs, upto);
    let figure = SurfaceFigure {
        w1: view.w1,
        w2: view.w2,
        scale,
        contours: &contours,
        paths: &paths,
        highlight: None,
        pixel_ratio: 1.0,
        raster: Some((&rgba, columns, rows)),
    };
    surface::draw(area, &figure).map_err(message)
}

/// An optimizer's colour in compare mode: its place in the Okabe–Ito palette.
pub fn colour_of(kind: OptimizerKind) -> [u8; 3] {
    PALETTE[crate::settings::index(kind) % PALETTE.len()]
}

/// Contour lines of the settings' function over its view, on a coarse grid.
fn contours(
    settings: &Settings,
    scale: &ColorScale,
    frame: &Frame,
) -> Vec<(f64, Vec<[[f64; 2]; 2]>)> {
    let columns = (frame.width as usize).clamp(2, CONTOUR_CELLS);
    let rows =
        ((columns as f64) * frame.height as f64 / frame.width.max(1) as f64).round() as usize;
    let grid = Grid {
        w1: settings.view.w1,
        w2: settings.view.w2,
        columns,
        rows: rows.max(2),
    };
    let values = settings.function.values_on(&grid);
    contour::levels(scale, CONTOUR_LEVELS)
        .into_iter()
        .map(|level| (level, contour::segments(&values, &grid, level)))
        .collect()
}

/// Which course series are shown, and where the last drawn legend's entries are.
#[derive(Clone, Default)]
pub struct CourseView {
    /// Names of the series the user toggled (state series on, error courses off).
    pub toggled: BTreeSet<String>,
    legend: Vec<(LegendEntry, String)>,
}

impl CourseView {
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
}

/// The name of the error series in the legend.
pub const ERROR_SERIES: &str = "E(w(t))";

/// The course's series. One run: its error, then each state column (and Adam's
/// bias-corrected moments m̂, v̂), the state hidden until toggled. Several runs: one error
/// course per optimizer, in its colour.
pub fn course_series(
    runs: &[Trajectory],
    optimizers: &[Optimizer],
    view: &CourseView,
) -> Vec<Series> {
    let series = |name: String, values: Vec<f64>, color: [u8; 3]| {
        let visible = view.is_visible(&name, runs.len() > 1);
        Series {
            name,
            values,
            color,
            visible,
        }
    };
    if let ([run], [optimizer]) = (runs, optimizers) {
        let columns = run.column_values();
        let column = |i: usize| columns[i].clone();
        let mut all = vec![series(ERROR_SERIES.to_owned(), column(3), [30, 30, 30])];
        for (k, name) in run.columns().iter().enumerate().skip(6) {
            all.push(series(
                (*name).to_owned(),
                column(k),
                PALETTE[(k - 6) % PALETTE.len()],
            ));
        }
        if let Optimizer::Adam(adam) = optimizer {
            let corrected: Vec<([f64; 2], [f64; 2])> = run
                .rows
                .iter()
                .map(|r| {
                    if r.t == 0 {
                        ([0.0; 2], [0.0; 2])
                    } else {
                        adam.bias_corrected(&r.state)
                    }
                })
                .collect();
            for (i, name) in ["m̂1", "m̂2", "v̂1", "v̂2"].into_iter().enumerate() {
                let values = corrected
                    .iter()
                    .map(|(m, v)| if i < 2 { m[i] } else { v[i - 2] })
                    .collect();
                all.push(series(
                    name.to_owned(),
                    values,
                    PALETTE[(4 + i) % PALETTE.len()],
                ));
            }
        }
        all
    } else {
        runs.iter()
            .map(|run| {
                let values = run.rows.iter().map(|r| r.error).collect();
                series(
                    run.optimizer.name().to_owned(),
                    values,
                    colour_of(run.optimizer),
                )
            })
            .collect()
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
    let figure = CourseFigure {
        series,
        log_scale,
        highlight,
        pixel_ratio: ratio,
        x_label: "t",
        y_label: "E(w(t))",
    };
    let (frame, legend) = course::draw(&area, &figure).map_err(message)?;
    area.present().map_err(message)?;
    view.legend = legend
        .into_iter()
        .filter_map(|e| Some((e, series.get(e.index)?.name.clone())))
        .collect();
    Ok(frame)
}
