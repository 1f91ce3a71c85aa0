//! The figures' data for a size (computed by descent-plot's `scene`), and drawing it on any
//! plotters backend: rasters blitted as bitmaps first, the figures above them, as the page
//! layers its canvases.

use descent_core::Stop;
use descent_plot::composite::{self, CurvatureLayer, TrajectoryFigure};
use descent_plot::course::Series;
use descent_plot::curvature::CurvatureGlyph;
use descent_plot::scene::{
    course_figure, course_series, glyph, paths, raster_size, readout, sharpness_figure,
    sharpness_series, AmplificationScene, StepsScene, SurfaceScene, SweepScene, View, ERROR_SERIES,
};
use descent_plot::surface::Path;
use descent_plot::{steps, sweep, Frame, PlotError};
use plotters::coord::Shift;
use plotters::prelude::*;

use super::bitmap::blit;
use super::Content;

/// The most raster cells sampled for the surface; larger frames stretch the raster.
const MAX_RASTER_CELLS: usize = 4_000_000;
/// The most cells per side of an amplification map.
const MAX_MAP_SIDE: u32 = 2000;

/// A figure's data, sized for its pixels.
pub enum Scene {
    /// The surface with the path, and the error course below.
    Trajectory(Box<TrajectoryScene>),
    /// The same with the surface in 3-D.
    Trajectory3d(Box<super::solid::Trajectory3dScene>),
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
    /// With `--curvature`: the glyph and readout at the last iterate, and the strip's series.
    curvature: Option<CurvatureScene>,
}

/// The curvature layer's data: at the run's last iterate.
struct CurvatureScene {
    glyph: Option<CurvatureGlyph>,
    readout: Vec<String>,
    strip: Vec<Series>,
    last: usize,
}

/// Runs what `content` shows and computes its data for `size` pixels at `ratio`; also returns
/// why runs stopped early.
pub fn prepare(content: &Content, size: (u32, u32), ratio: f64) -> (Scene, Vec<Stop>) {
    let (width, height) = size;
    match content {
        Content::Trajectory {
            config,
            view,
            view3d,
        } => {
            let trajectory = config.run();
            let view = view.unwrap_or_else(|| View::for_run(config, &trajectory));
            let stops = trajectory.stop.into_iter().collect();
            if let Some(settings) = view3d {
                let scene =
                    super::solid::prepare(config, &trajectory, view, *settings, size, ratio);
                return (Scene::Trajectory3d(Box::new(scene)), stops);
            }
            let surface_height = if config.curvature {
                composite::surface_height_with_strip(height)
            } else {
                composite::surface_height(height)
            };
            let frame =
                descent_plot::surface::layout(width, surface_height, ratio, view.w1, view.w2);
            let cells = raster_size(&frame, MAX_RASTER_CELLS);
            let scene = TrajectoryScene {
                surface: SurfaceScene::new(&config.objective(), view, cells),
                frame,
                paths: paths(std::slice::from_ref(&trajectory), None),
                course: course_series(std::slice::from_ref(&trajectory), |name| {
                    name == ERROR_SERIES
                }),
                surface_height,
                curvature: config.curvature.then(|| {
                    let last = trajectory.rows.len().saturating_sub(1);
                    CurvatureScene {
                        glyph: glyph(&trajectory, last),
                        readout: readout(&trajectory, last),
                        strip: sharpness_series(std::slice::from_ref(&trajectory)),
                        last,
                    }
                }),
            };
            (Scene::Trajectory(Box::new(scene)), stops)
        }
        Content::Steps { steps, view } => {
            let runs = steps.run();
            let stops = runs.iter().filter_map(|r| r.stop).collect();
            (Scene::Steps(StepsScene::new(steps, &runs, *view)), stops)
        }
        Content::Amplification { config, view } => {
            let [g1, g2] = view.map_or([config.gradients(); 2], |v| [v.w1, v.w2]);
            let frames = descent_plot::amplification::layout(
                width,
                height,
                ratio,
                config.betas.len(),
                g1,
                g2,
            );
            let side = frames.first().map_or(1, |f| f.width.clamp(1, MAX_MAP_SIDE));
            let scene = AmplificationScene::new(
                &config.betas,
                g1,
                g2,
                config.lr,
                config.eps,
                side as usize,
            );
            (Scene::Amplification(scene, frames), Vec::new())
        }
        Content::Sweep { config, colour } => {
            let prepared = super::sweep::prepare(config, *colour, size, ratio);
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
            blit(root, &scene.frame, &scene.surface.raster)?;
            let figure = TrajectoryFigure {
                surface: &scene.surface,
                paths: &scene.paths,
                highlight: None,
                course: course_figure(&scene.course, false, None, pixel_ratio),
                surface_height: scene.surface_height,
                with_raster: false,
                curvature: scene.curvature.as_ref().map(|c| CurvatureLayer {
                    glyph: c.glyph,
                    readout: &c.readout,
                    strip: sharpness_figure(&c.strip, Some(c.last), pixel_ratio),
                }),
            };
            composite::draw_trajectory(root, &figure)?;
        }
        Scene::Trajectory3d(scene) => super::solid::draw(root, scene, pixel_ratio)?,
        Scene::Steps(scene) => {
            steps::draw(root, &scene.figure(None, pixel_ratio))?;
        }
        Scene::Amplification(scene, frames) => {
            for (frame, (_, raster)) in frames.iter().zip(&scene.maps) {
                blit(root, frame, raster)?;
            }
            let maps = scene.map_cells(false);
            let figure = scene.figure(&maps, pixel_ratio);
            composite::draw_amplification(root, &figure, maps.len())?;
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
