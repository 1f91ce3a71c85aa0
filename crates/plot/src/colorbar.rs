//! A vertical colour bar with ticks, labels and a title above it.

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::colormap::Colormap;
use crate::frame::Frame;
use crate::scale::ColorScale;
use crate::shapes::{line, rect};
use crate::theme::{colour, text, Anchor, Theme, AXIS, INK};
use crate::PlotError;

/// Characters reserved for colour bar labels (`−1500`, `10⁻³`, `2×10⁵`).
const LABEL_CHARS: usize = 6;

/// What a colour bar shows.
pub(crate) struct ColorBar<'a> {
    /// Colour at position t in [0, 1], bottom to top.
    pub(crate) colour: &'a dyn Fn(f64) -> [u8; 3],
    /// Tick positions t in [0, 1] and their labels.
    pub(crate) ticks: Vec<(f64, String)>,
    /// Title above the bar.
    pub(crate) title: &'a str,
}

/// Gap between the data area and the bar.
fn gap_before(theme: &Theme) -> f64 {
    theme.px(14.0)
}

/// Width of the bar itself.
fn bar_width(theme: &Theme) -> f64 {
    theme.px(12.0)
}

/// Horizontal room a colour bar needs right of the data area, labels and padding included.
pub(crate) fn reserve(theme: &Theme) -> f64 {
    let label = theme.tick_font() * 0.6 * LABEL_CHARS as f64;
    gap_before(theme) + bar_width(theme) + theme.tick_length() + theme.gap() + label + theme.pad()
}

/// How many ticks a bar `height` pixels tall can carry: about one per 45 CSS pixels, 3 to 8.
pub(crate) fn tick_count(theme: &Theme, height: u32) -> usize {
    ((f64::from(height) / theme.px(45.0)) as usize + 1).clamp(3, 8)
}

/// Vertical room the title needs above the bar.
pub(crate) fn title_height(theme: &Theme) -> f64 {
    theme.line_height(theme.label_font()) + theme.gap()
}

/// Draws the bar right of `right` (the data area's right edge), from `top` down `height`
/// pixels.
pub(crate) fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    right: i32,
    top: i32,
    height: u32,
    bar: &ColorBar,
) -> Result<(), PlotError> {
    if height == 0 {
        return Ok(());
    }
    let x0 = right + gap_before(theme).round() as i32;
    let x1 = x0 + bar_width(theme).round() as i32;
    let bottom = top + height as i32;
    // One band per pixel row, merged while the colour does not change.
    let mut band_start = bottom;
    let mut band_colour = (bar.colour)(0.5 / f64::from(height));
    for row in 1..=height {
        let y = bottom - row as i32;
        let next = if row < height {
            Some((bar.colour)((f64::from(row) + 0.5) / f64::from(height)))
        } else {
            None
        };
        if next != Some(band_colour) {
            rect(area, (x0, y), (x1, band_start), colour(band_colour, 1.0))?;
            band_start = y;
            if let Some(c) = next {
                band_colour = c;
            }
        }
    }
    let outline = ShapeStyle {
        color: colour(AXIS, 1.0),
        filled: false,
        stroke_width: theme.stroke(1.0),
    };
    area.draw(&Rectangle::new([(x0, top), (x1, bottom)], outline))?;
    let x1 = f64::from(x1);
    for (t, label) in &bar.ticks {
        let y = f64::from(bottom) - t.clamp(0.0, 1.0) * f64::from(height);
        line(
            area,
            (x1, y),
            (x1 + theme.tick_length(), y),
            AXIS,
            theme.stroke(1.0),
        )?;
        let at = (x1 + theme.tick_length() + theme.gap(), y);
        text(
            area,
            label,
            at,
            theme.tick_font(),
            INK,
            Anchor::LEFT_MIDDLE,
            false,
        )?;
    }
    // Centred over the bar, or ending at the area's right edge if it is too long for that.
    let centre = (f64::from(x0) + x1) / 2.0;
    let half_title = theme.label_font() * 0.3 * bar.title.chars().count() as f64;
    let right_edge = f64::from(area.dim_in_pixel().0) - theme.pad();
    let (x, anchor) = if centre + half_title <= right_edge {
        (centre, Anchor::CENTRE_BOTTOM)
    } else {
        (right_edge, Anchor::RIGHT_BOTTOM)
    };
    let at = (x, f64::from(top) - theme.gap());
    text(area, bar.title, at, theme.label_font(), INK, anchor, false)?;
    Ok(())
}

/// Draws a viridis bar for `scale` right of `frame`, as tall as it, with the scale's ticks
/// (powers of ten on a log scale) and `title` above it.
pub(crate) fn draw_scale<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    frame: &Frame,
    scale: &ColorScale,
    title: &str,
) -> Result<(), PlotError> {
    draw_scale_in(area, theme, frame, scale, Colormap::Viridis, title)
}

/// [`draw_scale`] in the colours of `colormap`.
pub(crate) fn draw_scale_in<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    frame: &Frame,
    scale: &ColorScale,
    colormap: Colormap,
    title: &str,
) -> Result<(), PlotError> {
    let values = scale.ticks(tick_count(theme, frame.height));
    let labels = scale.tick_labels(&values);
    let bar = ColorBar {
        colour: &|t| colormap.rgb(t),
        ticks: values
            .iter()
            .zip(labels)
            .filter_map(|(&v, label)| Some((scale.normalize(v)?, label)))
            .collect(),
        title,
    };
    draw(area, theme, frame.right(), frame.y, frame.height, &bar)
}
