//! The whole trajectory figure with its surface in 3-D, for the downloads and the custom
//! element: the picture rendered at the drawing's size and pixel ratio, painted under
//! descent-plot's 3-D composite (PNG and the element: `putImageData` on their canvas, over
//! white; SVG: one embedded PNG image), with the course below.

use descent_plot::composite::TrajectoryFrames;
use descent_plot::scene::{self, Surface3dScene};
use descent_plot::surface::Path;
use descent_plot::view3d::camera::Camera;
use descent_plot::view3d::figure::{self, Shot, Trajectory3d};
use descent_plot::view3d::raster::Image;
use descent_plot::Frame;
use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend};

use super::layers::{course_series, Raster, Whole};
use crate::error::WebError;
use crate::page::dom::{self, Layer};

/// A rendered 3-D view and what it shows.
struct Rendered {
    scene: Surface3dScene,
    paths: Vec<Path>,
    image: Image,
    shot: Shot,
}

/// `rgba` with its transparent pixels (nothing drawn there) made white, for canvases whose
/// white background `putImageData` would otherwise replace.
fn over_white(rgba: &[u8]) -> Vec<u8> {
    let mut out = rgba.to_vec();
    for pixel in out.chunks_exact_mut(4).filter(|p| p[3] == 0) {
        pixel.copy_from_slice(&[255, 255, 255, 255]);
    }
    out
}

impl Whole<'_> {
    /// The 3-D view rendered for a figure `width` pixels wide whose surface is
    /// `surface_height` high, at `ratio`.
    fn render_solid(&self, width: u32, surface_height: u32, ratio: f64) -> Rendered {
        let settings = &self.state.settings;
        let view3d = &self.state.view3d;
        let config = settings.config_of(settings.selected);
        let scene = Surface3dScene::new(&config.objective(), settings.view, view3d.height);
        let paths = scene::paths(self.runs, self.state.position);
        let mut image = Image::default();
        let figure = scene.figure(Camera::from(view3d), &[], None, ratio, false);
        let shot = figure::render(&figure, width, surface_height, &mut image);
        Rendered {
            scene,
            paths,
            image,
            shot,
        }
    }

    /// Draws the figure with its surface in 3-D on `root` (see [`Whole::draw`]): the picture
    /// painted on the canvas under the area, or left for the caller (SVG: [`Whole::solid_png`]).
    pub(super) fn draw_solid<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        surface_height: u32,
        ratio: f64,
        raster: Raster,
    ) -> Result<TrajectoryFrames, WebError> {
        let (width, _) = root.dim_in_pixel();
        let rendered = self.render_solid(width, surface_height, ratio);
        let Rendered {
            scene,
            paths,
            image,
            shot,
        } = &rendered;
        if let (Raster::Painted(layer), false) = (raster, shot.frame.is_empty()) {
            let rgba = over_white(image.rgba());
            layer.put_rgba(&rgba, shot.frame.width, shot.frame.x, shot.frame.y)?;
        }
        let upto = self.state.position;
        let series = course_series(self.state, self.runs);
        let camera = Camera::from(&self.state.view3d);
        let figure = Trajectory3d {
            view: scene.figure(camera, paths, None, ratio, false),
            course: scene::course_figure(&series, self.state.settings.log_course, upto, ratio),
            surface_height,
        };
        let (course, legend) = figure::draw_trajectory(root, &figure, shot, image)?;
        Ok(TrajectoryFrames {
            surface: shot.frame,
            course,
            legend,
            strip: None,
        })
    }

    /// The 3-D picture of a figure `width` CSS pixels wide with a surface `surface_height`
    /// high, as a PNG `data:` URL, and where it goes (for an SVG, at pixel ratio 1).
    pub fn solid_png(&self, width: u32, surface_height: u32) -> Result<(Frame, String), WebError> {
        let Rendered { image, shot, .. } = self.render_solid(width, surface_height, 1.0);
        let layer = Layer::detached(&dom::document()?)?;
        let frame = shot.frame;
        layer.resize(frame.width.max(1), frame.height.max(1), 1.0);
        if !frame.is_empty() {
            layer.put_rgba(image.rgba(), frame.width, 0, 0)?;
        }
        Ok((frame, layer.png_url()?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transparent_pixels_turn_white_and_drawn_ones_stay() {
        let rgba = [10, 20, 30, 255, 1, 2, 3, 0];
        assert_eq!(over_white(&rgba), [10, 20, 30, 255, 255, 255, 255, 255]);
    }
}
