//! The 3-D view as a figure: [`render`] draws the surface into an [`Image`] (painted by the
//! caller: `putImageData` in the browser, a bitmap in SVG and PNG), then [`draw`] draws the
//! axes, the paths with their hidden parts dimmed and dashed, the start rings, the playback
//! marker and the colour bar over it through plotters, on any backend.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::axes::{self, Axes};
use super::camera::{Camera, Projection};
use super::mesh::Mesh;
use super::path::{drape, runs, DrapedPath, Sample};
use super::raster::{Image, Style, LIGHT};
use crate::colorbar;
use crate::colormap::trajectory_blue;
use crate::course::{self, CourseFigure, LegendEntry};
use crate::frame::Frame;
use crate::scale::ColorScale;
use crate::shapes::{dashed_polyline, disc, emphasis, polyline, ring, Clip};
use crate::surface::{dot_radius, point_colour, Path, PathStyle};
use crate::theme::{Theme, HALO, INK, MUTED};
use crate::PlotError;

/// Everything the 3-D view shows.
#[derive(Clone, Copy, Debug)]
pub struct Figure3d<'a> {
    /// The surface (the full mesh, or a coarse one while the view turns).
    pub mesh: &'a Mesh,
    /// The colour scale (the 2-D figure's), for the colour bar.
    pub colour: ColorScale,
    /// The height scale, for the E axis's ticks.
    pub height: ColorScale,
    /// Where the camera looks from.
    pub camera: Camera,
    /// Trajectories, drawn in order.
    pub paths: &'a [Path],
    /// `(path, point)` to mark: the playback position, or the hovered iterate.
    pub highlight: Option<(usize, usize)>,
    /// Device pixels per CSS pixel.
    pub pixel_ratio: f64,
}

/// Where a rendered view lies and how it was seen: what [`draw`] and the page's pointer need.
#[derive(Clone, Debug, PartialEq)]
pub struct Shot {
    /// The picture's rectangle in the figure's pixels.
    pub frame: Frame,
    /// The camera's mapping onto the picture's own pixels (from its top left corner).
    pub projection: Projection,
    /// The axes as drawn.
    pub axes: Axes,
}

impl Shot {
    /// The data point `(w1, w2)` of the surface at the figure's pixel `(x, y)`, where the ray
    /// through it meets the drawn surface first; `None` where no surface is drawn there.
    pub fn data_at(&self, mesh: &Mesh, image: &Image, x: f64, y: f64) -> Option<[f64; 2]> {
        let (px, py) = (x - f64::from(self.frame.x), y - f64::from(self.frame.y));
        if !(px >= 0.0 && py >= 0.0) {
            return None;
        }
        // The surface point at the pixel's centre, where its depth was taken.
        let (px, py) = (px.floor(), py.floor());
        let depth = image.depth_at(px as usize, py as usize)?;
        let p = self.projection.box_point(px + 0.5, py + 0.5, depth);
        Some(mesh.data_from_box([p[0].clamp(-1.0, 1.0), p[1].clamp(-1.0, 1.0)]))
    }

    /// `path` draped over `mesh` in the figure's pixels, tested against `image`'s depths.
    pub fn drape(&self, mesh: &Mesh, image: &Image, path: &[[f64; 2]]) -> DrapedPath {
        let mut draped = drape(path, mesh, &self.projection, image);
        let (dx, dy) = (f64::from(self.frame.x), f64::from(self.frame.y));
        let shift = |s: &mut Option<Sample>| {
            if let Some(s) = s {
                s.at = (s.at.0 + dx, s.at.1 + dy);
            }
        };
        draped.samples.iter_mut().for_each(shift);
        draped.iterates.iter_mut().for_each(shift);
        draped
    }
}

/// The picture's frame on a `width × height` area: all of it but padding and the colour bar's
/// room on the right (and its title's above).
pub fn layout(width: u32, height: u32, pixel_ratio: f64) -> Frame {
    let theme = Theme::new(pixel_ratio);
    let top = (theme.pad() + colorbar::title_height(&theme)).round();
    let left = theme.pad().round();
    let right = colorbar::reserve(&theme).round();
    let bottom = theme.pad().round();
    Frame {
        x: left as i32,
        y: top as i32,
        width: (f64::from(width) - left - right).max(0.0) as u32,
        height: (f64::from(height) - top - bottom).max(0.0) as u32,
        x_range: [0.0, 1.0],
        y_range: [0.0, 1.0],
    }
}

/// Room kept for the axes' labels and titles around the box, in CSS pixels (sideways, up and
/// down), at most 11 % of the frame's width and 9 % of its height.
const LABEL_ROOM: (f64, f64) = (56.0, 40.0);

/// Renders `fig`'s surface for a `width × height` area into `image` (resized to the frame)
/// and says where it lies.
pub fn render(fig: &Figure3d, width: u32, height: u32, image: &mut Image) -> Shot {
    let theme = Theme::new(fig.pixel_ratio);
    let mut frame = layout(width, height, fig.pixel_ratio);
    // Small figures (a phone) keep less room, in proportion.
    let margin = (
        theme.px(LABEL_ROOM.0).min(0.11 * f64::from(frame.width)),
        theme.px(LABEL_ROOM.1).min(0.09 * f64::from(frame.height)),
    );
    // A wide area gets a frame only as wide as the box needs at zoom 1, centred with its
    // colour bar, so that the bar stays beside the box.
    let unzoomed = Camera {
        zoom: 1.0,
        ..fig.camera
    };
    let fit = Projection::fitted(
        &unzoomed,
        f64::from(frame.width),
        f64::from(frame.height),
        margin,
    );
    let needed = (2.0 * (std::f64::consts::SQRT_2 * fit.scale() + margin.0)).ceil() as u32;
    if needed < frame.width {
        frame.x += ((frame.width - needed) / 2) as i32;
        frame.width = needed;
    }
    let projection = Projection::fitted(
        &fig.camera,
        f64::from(frame.width),
        f64::from(frame.height),
        margin,
    );
    let axes = Axes::new(fig.mesh.view(), &fig.height, &projection, fig.pixel_ratio);
    let [xs, ys, zs] = axes.grid();
    image.resize(frame.width as usize, frame.height as usize);
    let style = Style {
        light: LIGHT,
        grid: Some([&xs, &ys, &zs]),
    };
    image.render(fig.mesh, &projection, &style);
    Shot {
        frame,
        projection,
        axes,
    }
}

/// Draws the axes, paths, marker and colour bar of `fig` over its picture, painted at
/// `shot.frame` from `image` (both from [`render`]).
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    fig: &Figure3d,
    shot: &Shot,
    image: &Image,
) -> Result<(), PlotError> {
    draw_frame(area, fig, shot)?;
    draw_paths(area, fig, shot, image)?;
    Ok(())
}

/// Draws the axes and the colour bar: what stays while only the paths change.
pub fn draw_frame<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    fig: &Figure3d,
    shot: &Shot,
) -> Result<(), PlotError> {
    let theme = Theme::new(fig.pixel_ratio);
    let frame = &shot.frame;
    if frame.is_empty() {
        return Ok(());
    }
    let origin = (f64::from(frame.x), f64::from(frame.y));
    axes::draw(area, &theme, &shot.axes, &shot.projection, origin)?;
    colorbar::draw_scale(area, &theme, frame, &fig.colour, "E(w)")?;
    Ok(())
}

/// Draws the paths (their hidden parts dimmed and dashed), start rings and the marker;
/// returns the paths as drawn, in the figure's pixels (for hovering their iterates).
pub fn draw_paths<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    fig: &Figure3d,
    shot: &Shot,
    image: &Image,
) -> Result<Vec<DrapedPath>, PlotError> {
    let theme = Theme::new(fig.pixel_ratio);
    let frame = &shot.frame;
    let draped: Vec<DrapedPath> = fig
        .paths
        .iter()
        .map(|p| shot.drape(fig.mesh, image, &p.points))
        .collect();
    if frame.is_empty() {
        return Ok(draped);
    }
    let clip = Clip::of(frame);
    for (path, draped) in fig.paths.iter().zip(&draped) {
        draw_path(area, &theme, &clip, path, draped)?;
    }
    let marked = fig.highlight.and_then(|(p, i)| {
        let at = draped.get(p)?.iterates.get(i).copied().flatten()?;
        Some((fig.paths.get(p)?, i, at))
    });
    if let Some((path, i, at)) = marked {
        let rgb = point_colour(path.style, i, path.points.len());
        mark(area, &theme, &clip, at, rgb)?;
    }
    Ok(draped)
}

/// The `(path, iterate)` nearest to the figure's pixel `(x, y)` within `radius` pixels, among
/// `draped` paths (from [`draw_paths`]); iterates hidden by the surface count too.
pub fn nearest_iterate(
    draped: &[DrapedPath],
    (x, y): (f64, f64),
    radius: f64,
) -> Option<(usize, usize)> {
    draped
        .iter()
        .enumerate()
        .flat_map(|(p, path)| {
            path.iterates
                .iter()
                .enumerate()
                .filter_map(move |(i, s)| Some(((p, i), s.as_ref()?.at)))
        })
        .map(|(id, at)| (id, (at.0 - x).hypot(at.1 - y)))
        .filter(|&(_, d)| d <= radius)
        // The later of equally near iterates: the one drawn on top.
        .min_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(id, _)| id)
}

/// One path: its hidden runs thin, faint and dashed, then its visible runs with a halo in the
/// path's style, a dot per iterate (faint when hidden), and the start ring.
fn draw_path<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    clip: &Clip,
    path: &Path,
    draped: &DrapedPath,
) -> Result<(), PlotError> {
    let n = path.points.len();
    let step_colour = |s: &Sample| match path.style {
        // As in the 2-D figure: step i takes the ramp's colour at its middle.
        PathStyle::Ramp => trajectory_blue((s.step as f64 + 0.5) / (n.max(2) - 1) as f64),
        _ => point_colour(path.style, 0, n),
    };
    let pieces = runs(&draped.samples, |s| (s.visible, step_colour(s)));
    let hidden_dash = [theme.px(3.0), theme.px(3.0)];
    for ((_, rgb), points) in pieces.iter().filter(|((visible, _), _)| !visible) {
        dashed_polyline(
            area,
            clip,
            points,
            *rgb,
            0.55,
            theme.stroke(1.0),
            &hidden_dash,
        )?;
    }
    let width = theme.stroke(1.5);
    for ((_, _), points) in pieces.iter().filter(|((visible, _), _)| *visible) {
        polyline(area, clip, points, HALO, 0.7, width + 2 * theme.stroke(1.0))?;
    }
    for ((_, rgb), points) in pieces.iter().filter(|((visible, _), _)| *visible) {
        match path.style {
            PathStyle::Dashed(_, dash) => {
                let pattern: Vec<f64> = dash.pattern().iter().map(|&l| theme.px(l)).collect();
                dashed_polyline(area, clip, points, *rgb, 1.0, width, &pattern)?;
            }
            _ => polyline(area, clip, points, *rgb, 1.0, width)?,
        }
    }
    let radius = theme.radius(dot_radius(n));
    for (i, iterate) in draped.iterates.iter().enumerate() {
        if let Some(s) = iterate.filter(|s| clip.contains(s.at)) {
            let alpha = if s.visible { 1.0 } else { 0.3 };
            disc(area, s.at, radius, point_colour(path.style, i, n), alpha)?;
        }
    }
    if let Some(Some(start)) = draped.iterates.first() {
        if clip.contains(start.at) {
            let rgb = if start.visible {
                point_colour(path.style, 0, n)
            } else {
                MUTED
            };
            ring(area, start.at, theme.radius(6.5), HALO, theme.stroke(4.0))?;
            ring(area, start.at, theme.radius(6.5), rgb, theme.stroke(2.0))?;
        }
    }
    Ok(())
}

/// The playback marker: the 2-D figure's emphasis where the iterate is in sight, a hollow
/// ring where the surface hides it.
fn mark<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    clip: &Clip,
    at: Sample,
    rgb: [u8; 3],
) -> Result<(), PlotError> {
    if !clip.contains(at.at) {
        return Ok(());
    }
    if at.visible {
        emphasis(area, theme, at.at, rgb)
    } else {
        ring(area, at.at, theme.radius(8.0), HALO, theme.stroke(3.0))?;
        ring(area, at.at, theme.radius(8.0), INK, theme.stroke(1.0))
    }
}

/// The trajectory figure with its surface in 3-D: the view in the top `surface_height`
/// pixels, the error course below, as the 2-D composite lays them out.
pub struct Trajectory3d<'a> {
    /// The 3-D view.
    pub view: Figure3d<'a>,
    /// The error course.
    pub course: CourseFigure<'a>,
    /// The view's height in pixels.
    pub surface_height: u32,
}

/// Draws `fig`'s overlay and its course on `root`, over the picture painted at the shot's
/// frame (its top left in the top area, which starts at the root's top left); returns the
/// course's frame and legend entries (relative to the course's top left), as
/// [`crate::course::draw`] does.
pub fn draw_trajectory<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    fig: &Trajectory3d,
    shot: &Shot,
    image: &Image,
) -> Result<(Frame, Vec<LegendEntry>), PlotError> {
    let (top, bottom) = root.split_vertically(fig.surface_height);
    draw(&top, &fig.view, shot, image)?;
    course::draw(&bottom, &fig.course)
}
