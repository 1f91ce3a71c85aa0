//! The article's Figure 2 (top): the error surface E(w1, w2) as a viridis raster with contour
//! lines, a colour bar, and optimizer trajectories drawn over it.

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::axes::{self, Axis, YTitle};
use crate::colorbar;
use crate::colormap::trajectory_blue;
use crate::contour::{polylines, Segment};
use crate::dash::Dash;
use crate::error::{check_range, check_raster};
use crate::frame::Frame;
use crate::scale::ColorScale;
use crate::shapes::{dashed_polyline, disc, emphasis, polyline, raster, ring, Clip, Point};
use crate::theme::{Theme, HALO};
use crate::PlotError;

/// A trajectory to draw on the surface.
#[derive(Clone, Debug, PartialEq)]
pub struct Path {
    /// The weights w(t) for t = 0, 1, …, in data coordinates; non-finite points break the line.
    pub points: Vec<[f64; 2]>,
    /// How to colour it.
    pub style: PathStyle,
    /// Name shown in the figure's legend when several labelled paths are drawn.
    pub label: String,
}

/// How a path is coloured.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum PathStyle {
    /// Dark to bright blue by iteration ([`trajectory_blue`] at t / (n − 1)), as in the article.
    Ramp,
    /// One colour (comparing several optimizers).
    Solid([u8; 3]),
    /// One colour in a dash pattern (more compared runs than colours).
    Dashed([u8; 3], Dash),
}

/// Everything Figure 2's surface shows.
#[derive(Clone, Copy, Debug)]
pub struct SurfaceFigure<'a> {
    /// View range of w1 (x axis), `[min, max]`.
    pub w1: [f64; 2],
    /// View range of w2 (y axis), `[min, max]`.
    pub w2: [f64; 2],
    /// The surface's colour scale, for the colour bar and the contour line colours.
    pub scale: ColorScale,
    /// Contour levels and their segments (from [`crate::contour::segments`]).
    pub contours: &'a [(f64, Vec<Segment>)],
    /// Trajectories, drawn in order (later ones on top).
    pub paths: &'a [Path],
    /// `(path index, point index)` of a point to emphasise; ignored when out of range.
    pub highlight: Option<(usize, usize)>,
    /// Device pixels per CSS pixel: fonts, line widths and margins scale with it.
    pub pixel_ratio: f64,
    /// RGBA bytes, columns and rows of the surface raster, stretched over the data area; `None`
    /// leaves the data area transparent for a raster painted underneath (the browser's
    /// `putImageData` layer).
    pub raster: Option<(&'a [u8], usize, usize)>,
}

/// The frame [`draw`] uses on a `width × height` pixel area, computed without drawing: margins
/// for the tick labels and the axis titles w1 and w2 on the left and bottom, the colour bar on
/// the right. Size the raster to `frame.width × frame.height` cells and paint it at
/// `(frame.x, frame.y)`.
pub fn layout(width: u32, height: u32, pixel_ratio: f64, w1: [f64; 2], w2: [f64; 2]) -> Frame {
    arrange(width, height, &Theme::new(pixel_ratio), w1, w2).frame
}

/// The frame and the axes drawn around it.
struct Layout {
    frame: Frame,
    x_axis: Axis,
    y_axis: Axis,
}

/// Computes the frame and its axes: top and bottom margins first, then the y ticks for the
/// resulting height, then the left margin those labels need.
fn arrange(width: u32, height: u32, theme: &Theme, w1: [f64; 2], w2: [f64; 2]) -> Layout {
    let top = (theme.pad() + colorbar::title_height(theme)).round();
    let bottom = (axes::x_axis_height(theme, true) + theme.pad()).round();
    let frame_height = (f64::from(height) - top - bottom).max(0.0);
    let y_axis = Axis::linear(w2, frame_height, theme.px(50.0), "w2");
    let left = (theme.pad() + axes::y_axis_width(theme, &y_axis, YTitle::Beside)).round();
    let right = colorbar::reserve(theme).round();
    let frame_width = (f64::from(width) - left - right).max(0.0);
    let x_axis = Axis::linear(w1, frame_width, theme.px(80.0), "w1");
    Layout {
        frame: Frame {
            x: left as i32,
            y: top as i32,
            width: frame_width as u32,
            height: frame_height as u32,
            x_range: w1,
            y_range: w2,
        },
        x_axis,
        y_axis,
    }
}

/// Draws the figure: the raster (when given), contour lines, the paths (a white halo, the line,
/// a dot per iteration, a ring at the start), the highlighted point, axes with ticks, and the
/// colour bar labelled E(w) (log ticks for a log scale). Nothing else is painted, so the
/// canvas stays transparent where the figure draws nothing. Returns the frame, equal to
/// [`layout`] for the area's size.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    fig: &SurfaceFigure,
) -> Result<Frame, PlotError> {
    check_range("w1", fig.w1)?;
    check_range("w2", fig.w2)?;
    if let Some((rgba, columns, rows)) = fig.raster {
        check_raster(rgba.len(), columns, rows)?;
    }
    let theme = Theme::new(fig.pixel_ratio);
    let (width, height) = area.dim_in_pixel();
    let Layout {
        frame,
        x_axis,
        y_axis,
    } = arrange(width, height, &theme, fig.w1, fig.w2);
    if frame.is_empty() {
        return Ok(frame);
    }
    if let Some((rgba, columns, rows)) = fig.raster {
        raster(area, &frame, rgba, columns, rows)?;
    }
    draw_contours(area, &frame, &theme, &fig.scale, fig.contours)?;
    draw_paths(area, &frame, fig.paths, fig.highlight, fig.pixel_ratio)?;
    axes::draw_box(area, &frame, &theme)?;
    axes::draw_x(area, &frame, &theme, &x_axis, true, true)?;
    axes::draw_y(area, &frame, &theme, &y_axis, YTitle::Beside, true)?;
    colorbar::draw_scale(area, &theme, &frame, &fig.scale, "E(w)")?;
    Ok(frame)
}

/// Draws only the paths (halo, line, dots, start ring) and the highlighted `(path, point)`
/// inside `frame` (from [`layout`]): the browser's path layer, redrawn alone when a parameter
/// changes. No legend covers the data: the error course below names the runs in the same
/// colours and dashes.
pub fn draw_paths<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    frame: &Frame,
    paths: &[Path],
    highlight: Option<(usize, usize)>,
    pixel_ratio: f64,
) -> Result<(), PlotError> {
    if frame.is_empty() {
        return Ok(());
    }
    let theme = Theme::new(pixel_ratio);
    for path in paths {
        draw_path(area, frame, &theme, path)?;
    }
    if let Some((p, i)) = highlight {
        if let Some(path) = paths.get(p) {
            draw_highlight(area, frame, &theme, path, i)?;
        }
    }
    Ok(())
}

/// Contour lines, thin and half transparent: white over the dark lower part of viridis, black
/// over the bright upper part.
fn draw_contours<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    frame: &Frame,
    theme: &Theme,
    scale: &ColorScale,
    contours: &[(f64, Vec<Segment>)],
) -> Result<(), PlotError> {
    let clip = Clip::of(frame);
    for (level, segments) in contours {
        let bright = scale.normalize(*level).is_some_and(|t| t > 0.6);
        let (rgb, alpha) = if bright {
            ([0, 0, 0], 0.3)
        } else {
            ([255, 255, 255], 0.45)
        };
        for line in polylines(segments) {
            let screen: Vec<Point> = line.iter().map(|&p| frame.screen_from_data(p)).collect();
            polyline(area, &clip, &screen, rgb, alpha, theme.stroke(1.0))?;
        }
    }
    Ok(())
}

/// The colour of point `i` of an `n`-point path.
pub(crate) fn point_colour(style: PathStyle, i: usize, n: usize) -> [u8; 3] {
    match style {
        PathStyle::Solid(rgb) | PathStyle::Dashed(rgb, _) => rgb,
        PathStyle::Ramp => trajectory_blue(if n > 1 {
            i as f64 / (n - 1) as f64
        } else {
            0.0
        }),
    }
}

/// Dot radius in CSS pixels: smaller for long paths, whose dots crowd.
pub(crate) fn dot_radius(n: usize) -> f64 {
    match n {
        0..=100 => 2.5,
        101..=300 => 2.0,
        _ => 1.5,
    }
}

/// One path: halo, line (coloured per segment for a ramp), dots, start ring.
fn draw_path<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    frame: &Frame,
    theme: &Theme,
    path: &Path,
) -> Result<(), PlotError> {
    let clip = Clip::of(frame);
    let screen: Vec<Point> = path
        .points
        .iter()
        .map(|&p| frame.screen_from_data(p))
        .collect();
    let n = screen.len();
    let line_width = theme.stroke(1.5);
    polyline(
        area,
        &clip,
        &screen,
        HALO,
        0.7,
        line_width + 2 * theme.stroke(1.0),
    )?;
    match path.style {
        PathStyle::Solid(rgb) => polyline(area, &clip, &screen, rgb, 1.0, line_width)?,
        PathStyle::Dashed(rgb, dash) => {
            let pattern: Vec<f64> = dash.pattern().iter().map(|&l| theme.px(l)).collect();
            dashed_polyline(area, &clip, &screen, rgb, 1.0, line_width, &pattern)?;
        }
        PathStyle::Ramp => {
            // Segment i takes the ramp's colour at its middle; a run of segments of one
            // colour is drawn as one polyline (a 1000-step path has about 150 colours).
            let colour_of = |i: usize| trajectory_blue((i as f64 + 0.5) / (n - 1) as f64);
            let mut first = 0;
            while first + 1 < n {
                let rgb = colour_of(first);
                let mut last = first + 1;
                while last + 1 < n && colour_of(last) == rgb {
                    last += 1;
                }
                polyline(area, &clip, &screen[first..=last], rgb, 1.0, line_width)?;
                first = last;
            }
        }
    }
    let radius = theme.radius(dot_radius(n));
    // A dot under a later one (within a device pixel of it, as where a run converges) adds
    // nothing to see: only the later one is drawn, in iteration order.
    let mut shown = vec![false; n];
    let mut later: Option<Point> = None;
    for (i, &p) in screen.iter().enumerate().rev() {
        let covered = later.is_some_and(|q| (p.0 - q.0).hypot(p.1 - q.1) < 1.0);
        if clip.contains(p) && !covered {
            shown[i] = true;
            later = Some(p);
        }
    }
    for (i, &p) in screen.iter().enumerate().filter(|&(i, _)| shown[i]) {
        disc(area, p, radius, point_colour(path.style, i, n), 1.0)?;
    }
    if let Some(&start) = screen.first() {
        if clip.contains(start) {
            ring(area, start, theme.radius(6.5), HALO, theme.stroke(4.0))?;
            ring(
                area,
                start,
                theme.radius(6.5),
                point_colour(path.style, 0, n),
                theme.stroke(2.0),
            )?;
        }
    }
    Ok(())
}

/// The highlighted point: a larger dot in the path's colour inside a white and a dark ring.
fn draw_highlight<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    frame: &Frame,
    theme: &Theme,
    path: &Path,
    i: usize,
) -> Result<(), PlotError> {
    let Some(&p) = path.points.get(i) else {
        return Ok(());
    };
    let p = frame.screen_from_data(p);
    if Clip::of(frame).contains(p) {
        emphasis(
            area,
            theme,
            p,
            point_colour(path.style, i, path.points.len()),
        )?;
    }
    Ok(())
}
