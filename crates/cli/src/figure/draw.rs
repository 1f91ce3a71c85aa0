//! The figures' data for a size (computed by descent-plot's `scene`), and drawing it on any
//! plotters backend: rasters blitted as bitmaps first, the figures above them, as the page
//! layers its canvases.

use descent_core::Stop;
use descent_plot::course::{self, Series};
use descent_plot::scene::{
    course_figure, course_series, paths, raster_size, AmplificationScene, Raster, StepsScene,
    SurfaceScene, SweepScene, View, ERROR_SERIES,
};
use descent_plot::surface::{self, Path};
use descent_plot::{amplification, steps, sweep, Frame, PlotError};
use plotters::coord::Shift;
use plotters::element::BitMapElement;
use plotters::prelude::*;

use super::{Content, Figure};

/// The share of the trajectory figure's height the surface takes, above the error course.
const SURFACE_SHARE: f64 = 0.7;
/// The most raster cells sampled for the surface; larger frames stretch the raster.
const MAX_RASTER_CELLS: usize = 4_000_000;
/// The most cells per side of an amplification map.
const MAX_MAP_SIDE: u32 = 2000;
/// The figures' background.
pub const BACKGROUND: [u8; 3] = [255, 255, 255];

/// A figure's data, sized for its pixels.
pub enum Scene {
    /// The surface with the path, and the error course below.
    Trajectory(Box<TrajectoryScene>),
    /// The first steps.
    Steps(StepsScene),
    /// The amplification maps and their frames.
    Amplification(AmplificationScene, Vec<Frame>),
    /// A sweep map and its frame.
    Sweep(Box<(SweepScene, Frame)>),
}

/// The trajectory figure's data.
pub struct TrajectoryScene {
    surface: SurfaceScene,
    frame: Frame,
    paths: Vec<Path>,
    course: Vec<Series>,
    surface_height: u32,
}

/// Runs what `figure` shows and computes its data; also returns why runs stopped early.
pub fn prepare(figure: &Figure) -> (Scene, Vec<Stop>) {
    let (width, height) = figure.size;
    let ratio = figure.pixel_ratio;
    match &figure.content {
        Content::Trajectory { config, view } => {
            let trajectory = config.run();
            let view = view.unwrap_or_else(|| View::for_trajectory(&config.function, &trajectory));
            let surface_height = (f64::from(height) * SURFACE_SHARE).round() as u32;
            let frame = surface::layout(width, surface_height, ratio, view.w1, view.w2);
            let cells = raster_size(&frame, MAX_RASTER_CELLS);
            let scene = TrajectoryScene {
                surface: SurfaceScene::new(&config.function, view, cells),
                frame,
                paths: paths(std::slice::from_ref(&trajectory), None),
                course: course_series(std::slice::from_ref(&trajectory), |name| {
                    name == ERROR_SERIES
                }),
                surface_height,
            };
            (
                Scene::Trajectory(Box::new(scene)),
                trajectory.stop.into_iter().collect(),
            )
        }
        Content::Steps { steps, view } => {
            let runs = steps.run();
            let stops = runs.iter().filter_map(|r| r.stop).collect();
            (Scene::Steps(StepsScene::new(steps, &runs, *view)), stops)
        }
        Content::Amplification {
            betas,
            g1,
            g2,
            lr,
            eps,
        } => {
            let frames = amplification::layout(width, height, ratio, betas.len(), *g1, *g2);
            let side = frames.first().map_or(1, |f| f.width.clamp(1, MAX_MAP_SIDE));
            let scene = AmplificationScene::new(betas, *g1, *g2, *lr, *eps, side as usize);
            (Scene::Amplification(scene, frames), Vec::new())
        }
        Content::Sweep { config, colour } => {
            let prepared = super::sweep::prepare(config, *colour, figure.size, ratio);
            (Scene::Sweep(Box::new(prepared)), Vec::new())
        }
    }
}

/// Draws `scene` on `root` (already filled with the background).
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    scene: &Scene,
    pixel_ratio: f64,
) -> Result<(), PlotError> {
    match scene {
        Scene::Trajectory(scene) => {
            let (top, bottom) = root.split_vertically(scene.surface_height);
            blit(&top, &scene.frame, &scene.surface.raster)?;
            let figure = scene.surface.figure(&scene.paths, None, pixel_ratio, false);
            surface::draw(&top, &figure)?;
            course::draw(
                &bottom,
                &course_figure(&scene.course, false, None, pixel_ratio),
            )?;
        }
        Scene::Steps(scene) => {
            steps::draw(root, &scene.figure(None, pixel_ratio))?;
        }
        Scene::Amplification(scene, frames) => {
            for (frame, (_, raster)) in frames.iter().zip(&scene.maps) {
                blit(root, frame, raster)?;
            }
            let maps = scene.map_cells(false);
            amplification::draw(root, &scene.figure(&maps, pixel_ratio))?;
        }
        Scene::Sweep(prepared) => {
            let (scene, frame) = prepared.as_ref();
            blit(root, frame, &scene.raster)?;
            let categories = scene.category_labels();
            sweep::draw(root, &scene.figure(&categories, false, pixel_ratio))?;
        }
    }
    Ok(())
}

/// Paints `raster` stretched over `frame` as one bitmap: a pixel copy on the bitmap backend,
/// one embedded PNG image in SVG.
fn blit<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    frame: &Frame,
    raster: &Raster,
) -> Result<(), PlotError> {
    if frame.is_empty() || raster.is_empty() {
        return Ok(());
    }
    let rgb = raster.rgb(frame.width, frame.height, BACKGROUND);
    let size = (frame.width, frame.height);
    if let Some(bitmap) = BitMapElement::with_owned_buffer((frame.x, frame.y), size, rgb) {
        area.draw(&bitmap)?;
    }
    Ok(())
}
