//! Legends laid out in rows: a swatch and a label per entry, hidden entries greyed and struck
//! through, with each entry's box returned so a page can make it clickable.

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::dash::Dash;
use crate::shapes::{arrow, dashed_polyline, disc, line, pixel, rect, Clip};
use crate::theme::{colour, text, Anchor, Theme, AXIS, INK, MUTED};
use crate::PlotError;

/// Where one legend entry sits, in the drawing area's pixels: click inside to toggle the
/// series `index`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LegendEntry {
    /// Index of the series (or item) the entry stands for.
    pub index: usize,
    /// Left edge.
    pub x: i32,
    /// Top edge.
    pub y: i32,
    /// Width.
    pub width: u32,
    /// Height.
    pub height: u32,
}

/// The small picture in front of a legend label.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Swatch {
    /// A short line in a dash pattern.
    Line([u8; 3], Dash),
    /// A short line with a dot on it (points joined by lines).
    Dots([u8; 3]),
    /// A short arrow.
    Arrow([u8; 3]),
    /// A filled box with a thin outline (an area coloured by kind, such as map cells).
    Box([u8; 3]),
}

/// One legend entry.
#[derive(Clone, Debug)]
pub(crate) struct Item<'a> {
    pub(crate) label: &'a str,
    pub(crate) swatch: Swatch,
    /// Drawn in colour when true; greyed and struck through when false.
    pub(crate) shown: bool,
    /// Starts a new row (grouping entries, e.g. one row per optimizer).
    pub(crate) starts_row: bool,
}

/// Width of the swatch.
fn swatch_width(theme: &Theme) -> f64 {
    theme.px(22.0)
}

/// Inner padding of an entry's box.
fn padding(theme: &Theme) -> f64 {
    theme.px(4.0)
}

/// Height of one row of entries.
pub(crate) fn row_height(theme: &Theme) -> f64 {
    theme.line_height(theme.tick_font()) + 2.0 * padding(theme)
}

/// Lays the items out left to right from `(x, y)`, wrapping before `x + max_width`; returns the
/// boxes and the height used.
pub(crate) fn arrange(
    theme: &Theme,
    items: &[Item],
    x: f64,
    y: f64,
    max_width: f64,
) -> (Vec<LegendEntry>, f64) {
    let spacing = theme.px(10.0);
    let (mut cx, mut cy) = (x, y);
    let mut entries = Vec::with_capacity(items.len());
    for (index, item) in items.iter().enumerate() {
        let width = 2.0 * padding(theme)
            + swatch_width(theme)
            + theme.px(5.0)
            + theme.text_width(item.label, theme.tick_font());
        if cx > x && (item.starts_row || cx + width > x + max_width) {
            cx = x;
            cy += row_height(theme);
        }
        entries.push(LegendEntry {
            index,
            x: cx.round() as i32,
            y: cy.round() as i32,
            width: width.round() as u32,
            height: row_height(theme).round() as u32,
        });
        cx += width + spacing;
    }
    let height = if items.is_empty() {
        0.0
    } else {
        cy - y + row_height(theme)
    };
    (entries, height)
}

/// Moves the entries right by `shift` pixels (to line up with a frame) when they all still end
/// before `limit`.
pub(crate) fn indent(entries: &mut [LegendEntry], shift: f64, limit: f64) {
    let shift = shift.round() as i32;
    let right = entries
        .iter()
        .map(|e| e.x + e.width as i32)
        .max()
        .unwrap_or(0);
    if shift > 0 && f64::from(right + shift) <= limit {
        entries.iter_mut().for_each(|e| e.x += shift);
    }
}

/// Draws the items in the boxes `arrange` gave them.
pub(crate) fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    items: &[Item],
    entries: &[LegendEntry],
) -> Result<(), PlotError> {
    let everywhere = Clip::everywhere();
    for (item, entry) in items.iter().zip(entries) {
        let middle = f64::from(entry.y) + f64::from(entry.height) / 2.0;
        let x0 = f64::from(entry.x) + padding(theme);
        let x1 = x0 + swatch_width(theme);
        let ink = if item.shown { INK } else { MUTED };
        let width = theme.stroke(2.0);
        match item.swatch {
            Swatch::Line(rgb, Dash::Solid) => line(
                area,
                (x0, middle),
                (x1, middle),
                if item.shown { rgb } else { MUTED },
                width,
            )?,
            Swatch::Line(rgb, dash) => {
                let pattern: Vec<f64> = dash.pattern().iter().map(|&l| theme.px(l)).collect();
                dashed_polyline(
                    area,
                    &everywhere,
                    &[(x0, middle), (x1, middle)],
                    if item.shown { rgb } else { MUTED },
                    1.0,
                    width,
                    &pattern,
                )?;
            }
            Swatch::Dots(rgb) => {
                let rgb = if item.shown { rgb } else { MUTED };
                line(area, (x0, middle), (x1, middle), rgb, theme.stroke(1.0))?;
                disc(area, ((x0 + x1) / 2.0, middle), theme.radius(3.5), rgb, 1.0)?;
            }
            Swatch::Box(rgb) => {
                let rgb = if item.shown { rgb } else { MUTED };
                let half = (theme.px(5.0)).round();
                let (top, bottom) = (middle - half, middle + half);
                let corners = [pixel((x0, top)), pixel((x1, bottom))];
                rect(area, corners[0], corners[1], colour(rgb, 1.0))?;
                let outline = ShapeStyle {
                    color: colour(AXIS, 1.0),
                    filled: false,
                    stroke_width: theme.stroke(1.0),
                };
                area.draw(&Rectangle::new(corners, outline))?;
            }
            Swatch::Arrow(rgb) => {
                let rgb = if item.shown { rgb } else { MUTED };
                arrow(
                    area,
                    &everywhere,
                    (x0, middle),
                    (x1, middle),
                    rgb,
                    width,
                    theme.px(8.0),
                )?;
            }
        }
        let label_x = x1 + theme.px(5.0);
        text(
            area,
            item.label,
            (label_x, middle),
            theme.tick_font(),
            ink,
            Anchor::LEFT_MIDDLE,
            false,
        )?;
        if !item.shown {
            let end = label_x + theme.text_width(item.label, theme.tick_font()) * 0.9;
            line(
                area,
                (label_x, middle),
                (end, middle),
                MUTED,
                theme.stroke(1.0),
            )?;
        }
    }
    Ok(())
}
