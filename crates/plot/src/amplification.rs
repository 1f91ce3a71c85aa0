//! The article's Figure 3: the amplification measure C_a(g1, g2) as one diverging heat map per
//! β, side by side, with a shared colour bar (red: RMSProp enlarges the step, blue: it shrinks
//! it).

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::axes::{self, Axis, YTitle};
use crate::colorbar::{self, ColorBar};
use crate::colormap::diverging;
use crate::error::{check_range, check_raster};
use crate::frame::Frame;
use crate::shapes::raster;
use crate::theme::{text, Anchor, Theme, INK};
use crate::ticks;
use crate::PlotError;

/// Everything Figure 3 shows.
#[derive(Clone, Copy, Debug)]
pub struct AmplificationFigure<'a> {
    /// Range of the first gradient g1 (x axis), `[min, max]`.
    pub g1: [f64; 2],
    /// Range of the second gradient g2 (y axis), `[min, max]`.
    pub g2: [f64; 2],
    /// One map per β: `(β, RGBA bytes, columns, rows)`, the bytes from
    /// [`crate::raster::diverging_rgba`] with the same `limit`; an empty slice leaves that data
    /// area transparent for a raster painted underneath.
    pub maps: &'a [(f64, &'a [u8], usize, usize)],
    /// The C_a value at the ends of the colour scale (−limit blue, +limit red).
    pub limit: f64,
    /// Device pixels per CSS pixel: fonts, line widths and margins scale with it.
    pub pixel_ratio: f64,
}

/// The frames of `count` square maps on a `width × height` pixel area, left to right, computed
/// without drawing; size each map's raster to its frame.
pub fn layout(
    width: u32,
    height: u32,
    pixel_ratio: f64,
    count: usize,
    g1: [f64; 2],
    g2: [f64; 2],
) -> Vec<Frame> {
    layout_rows(width, height, pixel_ratio, count, count, g1, g2)
}

/// [`layout`] with at most `per_row` maps in each row, rows top to bottom.
pub fn layout_rows(
    width: u32,
    height: u32,
    pixel_ratio: f64,
    count: usize,
    per_row: usize,
    g1: [f64; 2],
    g2: [f64; 2],
) -> Vec<Frame> {
    let theme = Theme::new(pixel_ratio);
    arrange(width, height, &theme, count, per_row, g1, g2).frames
}

/// The frames and the axes shared by all maps.
struct Layout {
    frames: Vec<Frame>,
    x_axis: Axis,
    y_axis: Axis,
}

/// Square maps as large as fit, `per_row` to a row, the group centred; only the first map of
/// each row carries y labels.
fn arrange(
    width: u32,
    height: u32,
    theme: &Theme,
    count: usize,
    per_row: usize,
    g1: [f64; 2],
    g2: [f64; 2],
) -> Layout {
    let (width, height) = (f64::from(width), f64::from(height));
    let per_row = per_row.clamp(1, count.max(1));
    let rows = count.max(1).div_ceil(per_row) as f64;
    let top = theme.pad() + colorbar::title_height(theme);
    let bottom = axes::x_axis_height(theme, true) + theme.pad();
    // Between rows: the x axis of the row above and the titles of the row below.
    let row_gap = bottom + colorbar::title_height(theme);
    let right = colorbar::reserve(theme);
    let available_height = ((height - top - bottom - (rows - 1.0) * row_gap) / rows).max(0.0);
    let slots = per_row as f64;
    // The side sets the ticks, whose labels set the left margin and the gaps between maps,
    // which set the side: two rounds settle it.
    let mut side = available_height;
    let (mut x_axis, mut y_axis) = (
        Axis::linear(g1, side, theme.px(60.0), "g1"),
        Axis::linear(g2, side, theme.px(50.0), "g2"),
    );
    let (mut left, mut gap) = (0.0, 0.0);
    for _ in 0..2 {
        x_axis = Axis::linear(g1, side, theme.px(60.0), "g1");
        y_axis = Axis::linear(g2, side, theme.px(50.0), "g2");
        left = theme.pad() + axes::y_axis_width(theme, &y_axis, YTitle::Beside);
        gap = (x_axis.label_width(theme) + theme.px(8.0)).max(theme.px(16.0));
        if per_row < count {
            // Each row's first map has y labels of its own.
            gap = gap.max(left);
        }
        let available_width = (width - left - right - gap * (slots - 1.0)) / slots;
        side = available_width.min(available_height).max(0.0).floor();
    }
    let used = left + slots * side + (slots - 1.0) * gap + right;
    let x0 = left + ((width - used) / 2.0).max(0.0);
    let used_height = rows * side + (rows - 1.0) * row_gap;
    let total_available = (height - top - bottom).max(0.0);
    let y0 = top + ((total_available - used_height) / 2.0).max(0.0);
    let frames = (0..count)
        .map(|i| {
            let (row, column) = ((i / per_row) as f64, (i % per_row) as f64);
            Frame {
                x: (x0 + column * (side + gap)).round() as i32,
                y: (y0 + row * (side + row_gap)).round() as i32,
                width: side as u32,
                height: side as u32,
                x_range: g1,
                y_range: g2,
            }
        })
        .collect();
    Layout {
        frames,
        x_axis,
        y_axis,
    }
}

/// Draws each map (its raster when the slice is non-empty) with the title `β = …` above it,
/// axes g1 and g2 (y labels on the first map only), and a colour bar labelled `Cₐ` right of the
/// last map. Returns the frames, equal to [`layout`] for the area's size.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    fig: &AmplificationFigure,
) -> Result<Vec<Frame>, PlotError> {
    draw_rows(area, fig, fig.maps.len())
}

/// [`draw`] with at most `per_row` maps in each row (y labels on each row's first map, the
/// colour bar right of the first row), equal to [`layout_rows`].
pub fn draw_rows<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    fig: &AmplificationFigure,
    per_row: usize,
) -> Result<Vec<Frame>, PlotError> {
    check_range("g1", fig.g1)?;
    check_range("g2", fig.g2)?;
    check_range("C_a colour", [-fig.limit, fig.limit])?;
    for &(_, rgba, columns, rows) in fig.maps {
        if !rgba.is_empty() {
            check_raster(rgba.len(), columns, rows)?;
        }
    }
    let theme = Theme::new(fig.pixel_ratio);
    let (width, height) = area.dim_in_pixel();
    let per_row = per_row.clamp(1, fig.maps.len().max(1));
    let Layout {
        frames,
        x_axis,
        y_axis,
    } = arrange(
        width,
        height,
        &theme,
        fig.maps.len(),
        per_row,
        fig.g1,
        fig.g2,
    );
    for (i, (frame, &(beta, rgba, columns, rows))) in frames.iter().zip(fig.maps).enumerate() {
        if frame.is_empty() {
            continue;
        }
        if !rgba.is_empty() {
            raster(area, frame, rgba, columns, rows)?;
        }
        axes::draw_box(area, frame, &theme)?;
        axes::draw_x(area, frame, &theme, &x_axis, true, true)?;
        axes::draw_y(
            area,
            frame,
            &theme,
            &y_axis,
            YTitle::Beside,
            i % per_row == 0,
        )?;
        let centre = f64::from(frame.x) + f64::from(frame.width) / 2.0;
        let at = (centre, f64::from(frame.y) - theme.gap());
        text(
            area,
            &beta_title(beta),
            at,
            theme.label_font(),
            INK,
            Anchor::CENTRE_BOTTOM,
            false,
        )?;
    }
    let end_of_first_row = frames.get(per_row.min(frames.len()).saturating_sub(1));
    if let Some(last) = end_of_first_row.filter(|f| !f.is_empty()) {
        let count = colorbar::tick_count(&theme, last.height);
        let values = ticks::linear(-fig.limit, fig.limit, count);
        let labels = ticks::labels(&values);
        let bar = ColorBar {
            colour: &|t| diverging(2.0 * t - 1.0),
            ticks: values
                .iter()
                .zip(labels)
                .map(|(&v, label)| ((v / fig.limit + 1.0) / 2.0, label))
                .collect(),
            title: "Cₐ",
        };
        colorbar::draw(area, &theme, last.right(), last.y, last.height, &bar)?;
    }
    Ok(frames)
}

/// `β = 0.9`, with at most four decimals.
fn beta_title(beta: f64) -> String {
    let rounded = (beta * 1e4).round() / 1e4;
    format!("β = {rounded}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_short() {
        assert_eq!(beta_title(0.9), "β = 0.9");
        assert_eq!(beta_title(0.0), "β = 0");
        assert_eq!(beta_title(0.1 + 0.2), "β = 0.3");
        assert_eq!(beta_title(0.99), "β = 0.99");
    }
}
