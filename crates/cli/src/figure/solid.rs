//! The trajectory figure with its surface in 3-D (`--3d`): the view rendered by descent-plot's
//! z-buffer raster, blitted as a bitmap, with the axes, path and colour bar drawn over it and
//! the error course below, as the page draws it.

use descent_core::view3d::View3d;
use descent_core::{Config, Trajectory};
use descent_plot::composite;
use descent_plot::course::Series;
use descent_plot::scene::{
    course_figure, course_series, paths, Raster, Surface3dScene, View, ERROR_SERIES,
};
use descent_plot::surface::Path;
use descent_plot::view3d::camera::Camera;
use descent_plot::view3d::figure::{self, Shot, Trajectory3d};
use descent_plot::view3d::raster::Image;
use descent_plot::PlotError;
use plotters::coord::Shift;
use plotters::prelude::*;

/// The 3-D trajectory figure's data, its surface already rendered.
pub struct Trajectory3dScene {
    surface: Surface3dScene,
    camera: Camera,
    paths: Vec<Path>,
    course: Vec<Series>,
    surface_height: u32,
    image: Image,
    shot: Shot,
}

/// Samples the surface of `config` over `view`, renders it as `settings` turn it for a
/// `width × height` figure, and keeps the run's path and course.
pub fn prepare(
    config: &Config,
    trajectory: &Trajectory,
    view: View,
    settings: View3d,
    (width, height): (u32, u32),
    pixel_ratio: f64,
) -> Trajectory3dScene {
    let surface = Surface3dScene::new(&config.objective(), view, settings.height);
    let paths = paths(std::slice::from_ref(trajectory), None);
    let camera = Camera::from(&settings);
    let surface_height = composite::surface_height(height);
    let mut image = Image::default();
    let shot = figure::render(
        &surface.figure(camera, &paths, None, pixel_ratio, false),
        width,
        surface_height,
        &mut image,
    );
    Trajectory3dScene {
        course: course_series(std::slice::from_ref(trajectory), |name| {
            name == ERROR_SERIES
        }),
        surface,
        camera,
        paths,
        surface_height,
        image,
        shot,
    }
}

/// Draws `scene` on `root` (filled with the background): the picture, then the figure.
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    scene: &Trajectory3dScene,
    pixel_ratio: f64,
) -> Result<(), PlotError> {
    let picture = Raster {
        rgba: scene.image.rgba().to_vec(),
        columns: scene.image.width(),
        rows: scene.image.height(),
    };
    super::bitmap::blit(root, &scene.shot.frame, &picture)?;
    let figure = Trajectory3d {
        view: scene
            .surface
            .figure(scene.camera, &scene.paths, None, pixel_ratio, false),
        course: course_figure(&scene.course, false, None, pixel_ratio),
        surface_height: scene.surface_height,
    };
    figure::draw_trajectory(root, &figure, &scene.shot, &scene.image)?;
    Ok(())
}
