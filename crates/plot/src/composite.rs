//! Composite figures, drawn alike by every caller (the CLI's `figure` command, the custom
//! element, the page and its SVG/PNG downloads) so that they cannot drift: the trajectory
//! figure, the surface over its error course split by one layout constant, and the
//! amplification maps, in one row or wrapped into rows on narrow screens.
//!
//! Rasters are either drawn by the figure (cells as rectangles: SVG downloads) or painted by
//! the caller at the frames the layout functions return (the browser's `putImageData`, the
//! CLI's bitmap blit) before the figure is drawn over them.

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::amplification::{self, AmplificationFigure};
use crate::course::{self, CourseFigure, LegendEntry};
use crate::curvature::{self, CurvatureGlyph};
use crate::frame::Frame;
use crate::scene::{SurfaceScene, View};
use crate::surface::{self, Path};
use crate::PlotError;

/// The error course's height as a share of the surface's height above it.
pub const COURSE_SHARE: f64 = 0.45;

/// The least width, in CSS pixels, of one amplification map: narrower screens wrap the maps
/// into rows.
pub const MIN_MAP_WIDTH: f64 = 150.0;

/// The surface's height when it and its course share `height` pixels.
pub fn surface_height(height: u32) -> u32 {
    (f64::from(height) / (1.0 + COURSE_SHARE)).round() as u32
}

/// The surface's height when it, its course and the sharpness strip share `height` pixels.
pub fn surface_height_with_strip(height: u32) -> u32 {
    (f64::from(height) / (1.0 + COURSE_SHARE / (1.0 - STRIP_SHARE))).round() as u32
}

/// The course's height under a surface `surface_height` pixels high, at least `min` pixels.
pub fn course_height(surface_height: u32, min: u32) -> u32 {
    ((f64::from(surface_height) * COURSE_SHARE).round() as u32).max(min)
}

/// The surface's data frame on a `width × height` trajectory figure (surface and course) at
/// `pixel_ratio`: size the raster to it and paint it there.
pub fn trajectory_frame(width: u32, height: u32, pixel_ratio: f64, view: View) -> Frame {
    surface::layout(width, surface_height(height), pixel_ratio, view.w1, view.w2)
}

/// The sharpness strip's height as a share of the course and strip together.
pub const STRIP_SHARE: f64 = 0.42;

/// The curvature layer of a trajectory figure (`curvature=1`): the glyph at the marked
/// iterate, the readout's sentences over the surface, and the sharpness strip under the
/// course.
#[derive(Clone, Copy, Debug)]
pub struct CurvatureLayer<'a> {
    /// The glyph at the marked iterate, if there is one.
    pub glyph: Option<CurvatureGlyph>,
    /// The readout, drawn in a box at the surface's top left.
    pub readout: &'a [String],
    /// The pre-sharpness over t, with its threshold.
    pub strip: CourseFigure<'a>,
}

/// The trajectory figure: the surface with its paths above the error course.
#[derive(Clone, Copy, Debug)]
pub struct TrajectoryFigure<'a> {
    /// The surface of the function over the view.
    pub surface: &'a SurfaceScene,
    /// The runs' paths.
    pub paths: &'a [Path],
    /// `(path, point)` to emphasise on the surface.
    pub highlight: Option<(usize, usize)>,
    /// The error course.
    pub course: CourseFigure<'a>,
    /// The surface's height in pixels ([`surface_height`] of the whole, or the page's own).
    pub surface_height: u32,
    /// Whether the figure draws the surface raster itself (false: the caller painted it).
    pub with_raster: bool,
    /// The curvature layer, when it is on.
    pub curvature: Option<CurvatureLayer<'a>>,
}

/// What [`draw_trajectory`] drew where: the surface's data frame, the course's data frame and
/// its legend entries (the course's in the course area's own pixels).
#[derive(Clone, Debug, PartialEq)]
pub struct TrajectoryFrames {
    /// The surface's data area.
    pub surface: Frame,
    /// The course's data area, relative to the course's top left.
    pub course: Frame,
    /// The course's legend entries, relative to the course's top left.
    pub legend: Vec<LegendEntry>,
    /// The sharpness strip's data area, relative to its top left, when it is drawn.
    pub strip: Option<Frame>,
}

/// Draws the trajectory figure on `root`: the surface in the top `surface_height` pixels, the
/// course below, and with curvature the glyph and readout on the surface and the sharpness
/// strip under the course ([`STRIP_SHARE`] of the space below the surface).
pub fn draw_trajectory<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    fig: &TrajectoryFigure,
) -> Result<TrajectoryFrames, PlotError> {
    let ratio = fig.course.pixel_ratio;
    let (top, bottom) = root.split_vertically(fig.surface_height);
    let surface_figure = fig
        .surface
        .figure(fig.paths, fig.highlight, ratio, fig.with_raster);
    let surface = surface::draw(&top, &surface_figure)?;
    let Some(layer) = fig.curvature else {
        let (course, legend) = course::draw(&bottom, &fig.course)?;
        return Ok(TrajectoryFrames {
            surface,
            course,
            legend,
            strip: None,
        });
    };
    if let Some(glyph) = &layer.glyph {
        curvature::draw_glyph(&top, &surface, glyph, ratio)?;
    }
    curvature::draw_readout(&top, &surface, layer.readout, ratio)?;
    let below = f64::from(bottom.dim_in_pixel().1);
    let (course_area, strip_area) =
        bottom.split_vertically((below * (1.0 - STRIP_SHARE)).round() as u32);
    let (course, legend) = course::draw(&course_area, &fig.course)?;
    let (strip, _) = course::draw(&strip_area, &layer.strip)?;
    Ok(TrajectoryFrames {
        surface,
        course,
        legend,
        strip: Some(strip),
    })
}

/// Screens narrower than this, in CSS pixels, wrap the amplification maps into rows.
pub const NARROW_WIDTH: f64 = 600.0;

/// How many amplification maps a figure `css_width` CSS pixels wide shows side by side: all
/// of them from [`NARROW_WIDTH`] on, else two, or one when two would be narrower than
/// [`MIN_MAP_WIDTH`].
pub fn maps_per_row(css_width: f64, count: usize) -> usize {
    let count = count.max(1);
    if css_width >= NARROW_WIDTH {
        return count;
    }
    // Room for the y labels and the colour bar, and a gap per map.
    let fits = ((css_width - 110.0) / (MIN_MAP_WIDTH + 30.0)).floor();
    (fits.clamp(1.0, 2.0) as usize).min(count)
}

/// How many maps of `fig` to put in a row on a `width × height` area whose height is given
/// (the custom element's): all, two or one, whichever makes the maps largest.
pub fn fitting_per_row(width: u32, height: u32, fig: &AmplificationFigure) -> usize {
    let count = fig.maps.len().max(1);
    [count, 2.min(count), 1]
        .into_iter()
        .max_by_key(|&per_row| {
            let frames = amplification_frames(width, height, fig, per_row);
            // Ties keep the earlier (wider) arrangement.
            (
                frames.first().map_or(0, |f| f.width),
                std::cmp::Reverse(count / per_row),
            )
        })
        .unwrap_or(count)
}

/// The height in CSS pixels of the amplification figure `css_width` wide with `count` maps:
/// one row as wide as the figure allows (between 200 and 360 pixels high), or rows of square
/// maps on narrow screens.
pub fn amplification_height(css_width: f64, count: usize) -> f64 {
    let per_row = maps_per_row(css_width, count);
    if per_row >= count {
        return (css_width / 3.6).clamp(200.0, 360.0).round();
    }
    let rows = count.div_ceil(per_row) as f64;
    let side = (css_width - 110.0) / per_row as f64 - 20.0;
    (rows * (side + 60.0) + 20.0).round()
}

/// The frames of the amplification maps of `fig` on a `width × height` area with `per_row`
/// maps in each row.
pub fn amplification_frames(
    width: u32,
    height: u32,
    fig: &AmplificationFigure,
    per_row: usize,
) -> Vec<Frame> {
    amplification::layout_rows(
        width,
        height,
        fig.pixel_ratio,
        fig.maps.len(),
        per_row,
        fig.g1,
        fig.g2,
    )
}

/// Draws the amplification maps of `fig` with `per_row` maps in each row.
pub fn draw_amplification<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    fig: &AmplificationFigure,
    per_row: usize,
) -> Result<Vec<Frame>, PlotError> {
    amplification::draw_rows(root, fig, per_row)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_course_takes_its_share_of_the_surface() {
        assert_eq!(surface_height(1450), 1000);
        assert_eq!(course_height(1000, 160), 450);
        assert_eq!(course_height(200, 160), 160);
    }

    #[test]
    fn a_given_height_keeps_the_arrangement_with_the_largest_maps() {
        let betas = [0.0, 0.5, 0.9, 0.99];
        let scene =
            crate::scene::AmplificationScene::new(&betas, [-4.0, 4.0], [-4.0, 4.0], 1.0, 1e-8, 1);
        let maps = scene.map_cells(false);
        let fig = scene.figure(&maps, 1.0);
        assert_eq!(fitting_per_row(1200, 360, &fig), 4, "a wide strip: one row");
        assert_eq!(
            fitting_per_row(360, 1500, &fig),
            1,
            "a tall column: one per row"
        );
        assert_eq!(
            fitting_per_row(400, 128, &fig),
            4,
            "a short element stays one row"
        );
    }

    #[test]
    fn maps_wrap_on_narrow_screens() {
        assert_eq!(maps_per_row(1100.0, 4), 4);
        assert_eq!(maps_per_row(700.0, 6), 6);
        assert_eq!(maps_per_row(390.0, 4), 1);
        assert_eq!(maps_per_row(500.0, 4), 2);
        assert_eq!(maps_per_row(360.0, 1), 1);
        assert!(amplification_height(500.0, 4) > 400.0);
        assert_eq!(amplification_height(1080.0, 4), 300.0);
    }
}
