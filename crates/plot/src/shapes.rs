//! Drawing primitives in device pixels: polylines clipped to a rectangle, dots, arrows and
//! RGBA rasters.

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::dash::dashes;
use crate::frame::Frame;
use crate::theme::{colour, Theme, HALO, INK};
use crate::PlotError;

/// A screen-space point (device pixels, y down).
pub(crate) type Point = (f64, f64);

/// An axis-aligned clipping rectangle in device pixels.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Clip {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

impl Clip {
    /// The data area of `frame`.
    pub(crate) fn of(frame: &Frame) -> Clip {
        Clip {
            x0: f64::from(frame.x),
            y0: f64::from(frame.y),
            x1: f64::from(frame.right()),
            y1: f64::from(frame.bottom()),
        }
    }

    /// No clipping at all (legend swatches).
    pub(crate) fn everywhere() -> Clip {
        Clip {
            x0: f64::MIN,
            y0: f64::MIN,
            x1: f64::MAX,
            y1: f64::MAX,
        }
    }

    /// Whether `p` lies inside (edges included).
    pub(crate) fn contains(&self, p: Point) -> bool {
        p.0 >= self.x0 && p.0 <= self.x1 && p.1 >= self.y0 && p.1 <= self.y1
    }

    /// The part of the segment `a`–`b` inside the rectangle (Liang–Barsky); `None` when it
    /// misses the rectangle or an end is not finite.
    pub(crate) fn segment(&self, a: Point, b: Point) -> Option<(Point, Point)> {
        if !(a.0.is_finite() && a.1.is_finite() && b.0.is_finite() && b.1.is_finite()) {
            return None;
        }
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let (mut t0, mut t1) = (0.0f64, 1.0f64);
        for (p, q) in [
            (-dx, a.0 - self.x0),
            (dx, self.x1 - a.0),
            (-dy, a.1 - self.y0),
            (dy, self.y1 - a.1),
        ] {
            if p == 0.0 {
                if q < 0.0 {
                    return None;
                }
            } else {
                let r = q / p;
                if p < 0.0 {
                    t0 = t0.max(r);
                } else {
                    t1 = t1.min(r);
                }
            }
        }
        (t0 <= t1).then_some({
            (
                (a.0 + t0 * dx, a.1 + t0 * dy),
                (a.0 + t1 * dx, a.1 + t1 * dy),
            )
        })
    }

    /// The pieces of a polyline inside the rectangle; non-finite points break the line.
    pub(crate) fn polyline(&self, points: &[Point]) -> Vec<Vec<Point>> {
        let mut pieces: Vec<Vec<Point>> = Vec::new();
        let mut open = false;
        for pair in points.windows(2) {
            match self.segment(pair[0], pair[1]) {
                Some((a, b)) => {
                    let continues = open && a == pair[0];
                    match pieces.last_mut() {
                        Some(piece) if continues => piece.push(b),
                        _ => pieces.push(vec![a, b]),
                    }
                    open = b == pair[1];
                }
                None => open = false,
            }
        }
        pieces
    }
}

/// Rounds a point to whole device pixels.
pub(crate) fn pixel(p: Point) -> (i32, i32) {
    (p.0.round() as i32, p.1.round() as i32)
}

/// Draws the parts of `points` inside `clip` as lines of `width` pixels.
pub(crate) fn polyline<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    clip: &Clip,
    points: &[Point],
    rgb: [u8; 3],
    alpha: f64,
    width: u32,
) -> Result<(), PlotError> {
    dashed_polyline(area, clip, points, rgb, alpha, width, &[])
}

/// [`polyline`] in dashes of `pattern` (on and off lengths in pixels; empty draws it whole).
pub(crate) fn dashed_polyline<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    clip: &Clip,
    points: &[Point],
    rgb: [u8; 3],
    alpha: f64,
    width: u32,
    pattern: &[f64],
) -> Result<(), PlotError> {
    let style = ShapeStyle {
        color: colour(rgb, alpha),
        filled: false,
        stroke_width: width,
    };
    let stroke_by_pixels = width > 1 && is_bitmap::<DB>();
    let mut pieces = clip.polyline(points);
    if !pattern.is_empty() {
        pieces = pieces.iter().flat_map(|p| dashes(p, pattern)).collect();
    }
    for piece in pieces {
        let mut pixels: Vec<(i32, i32)> = piece.into_iter().map(pixel).collect();
        pixels.dedup();
        if pixels.len() < 2 {
            continue;
        }
        if stroke_by_pixels {
            for p in stroke_pixels(&pixels, width) {
                area.draw_pixel(p, &style.color)?;
            }
        } else {
            area.draw(&PathElement::new(pixels, style))?;
        }
    }
    Ok(())
}

/// Whether `DB` is plotters' bitmap backend, which turns a thick polyline into one polygon (the
/// sharp turns and self-crossings of a zig-zagging path make it throw long spikes) and draws
/// thick circles with gaps: [`polyline`] and [`ring`] set their pixels themselves there.
/// Always false without the feature `bitmap`, so that builds without that backend leave the
/// pixel-by-pixel code out.
fn is_bitmap<DB: DrawingBackend>() -> bool {
    crate::draws_bitmap_pixels() && std::any::type_name::<DB>().contains("BitMapBackend")
}

/// The pixels within `width / 2` of the polyline through `points` (round caps and joins), each
/// once, so a translucent line is blended once where its segments meet.
fn stroke_pixels(points: &[(i32, i32)], width: u32) -> Vec<(i32, i32)> {
    let radius = f64::from(width) / 2.0;
    let reach = radius.ceil() as i32;
    let mut pixels = Vec::new();
    for pair in points.windows(2) {
        let [(ax, ay), (bx, by)] = [pair[0], pair[1]];
        let (dx, dy) = (f64::from(bx - ax), f64::from(by - ay));
        let length_squared = (dx * dx + dy * dy).max(f64::MIN_POSITIVE);
        for y in ay.min(by) - reach..=ay.max(by) + reach {
            for x in ax.min(bx) - reach..=ax.max(bx) + reach {
                let (px, py) = (f64::from(x - ax), f64::from(y - ay));
                let t = ((px * dx + py * dy) / length_squared).clamp(0.0, 1.0);
                let (ex, ey) = (px - t * dx, py - t * dy);
                if ex * ex + ey * ey <= radius * radius {
                    pixels.push((x, y));
                }
            }
        }
    }
    pixels.sort_unstable();
    pixels.dedup();
    pixels
}

/// A straight line between two pixels, unclipped (axes, ticks).
pub(crate) fn line<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    a: Point,
    b: Point,
    rgb: [u8; 3],
    width: u32,
) -> Result<(), PlotError> {
    let style = ShapeStyle {
        color: colour(rgb, 1.0),
        filled: false,
        stroke_width: width,
    };
    area.draw(&PathElement::new(vec![pixel(a), pixel(b)], style))?;
    Ok(())
}

/// A filled disc.
pub(crate) fn disc<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    centre: Point,
    radius: u32,
    rgb: [u8; 3],
    alpha: f64,
) -> Result<(), PlotError> {
    area.draw(&Circle::new(
        pixel(centre),
        radius,
        colour(rgb, alpha).filled(),
    ))?;
    Ok(())
}

/// A circle outline.
pub(crate) fn ring<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    centre: Point,
    radius: u32,
    rgb: [u8; 3],
    width: u32,
) -> Result<(), PlotError> {
    let style = ShapeStyle {
        color: colour(rgb, 1.0),
        filled: false,
        stroke_width: width,
    };
    if width > 1 && is_bitmap::<DB>() {
        // The bitmap backend draws thick circles as squarish, gappy outlines.
        let (cx, cy) = pixel(centre);
        let (inner, outer) = (
            f64::from(radius) - f64::from(width) / 2.0,
            f64::from(radius) + f64::from(width) / 2.0,
        );
        let reach = outer.ceil() as i32;
        for dy in -reach..=reach {
            for dx in -reach..=reach {
                let distance = f64::from(dx).hypot(f64::from(dy));
                if distance >= inner && distance < outer {
                    area.draw_pixel((cx + dx, cy + dy), &style.color)?;
                }
            }
        }
        return Ok(());
    }
    area.draw(&Circle::new(pixel(centre), radius, style))?;
    Ok(())
}

/// An emphasised point (the one a slider or hover selects): a dot of `rgb` inside a white disc
/// with a dark outline.
pub(crate) fn emphasis<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    p: Point,
    rgb: [u8; 3],
) -> Result<(), PlotError> {
    disc(area, p, theme.radius(8.0), HALO, 1.0)?;
    ring(area, p, theme.radius(8.0), INK, theme.stroke(1.0))?;
    disc(area, p, theme.radius(5.0), rgb, 1.0)
}

/// A filled rectangle from `(x0, y0)` to `(x1, y1)` (whole pixels, end exclusive).
pub(crate) fn rect<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    (x0, y0): (i32, i32),
    (x1, y1): (i32, i32),
    color: RGBAColor,
) -> Result<(), PlotError> {
    area.draw(&Rectangle::new([(x0, y0), (x1, y1)], color.filled()))?;
    Ok(())
}

/// An arrow from `from` to `to`: a shaft of `width` pixels and a filled triangular head of
/// length `head` (shortened for short arrows); clipped to `clip` (the head only when the tip is
/// inside).
#[allow(clippy::too_many_arguments)]
pub(crate) fn arrow<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    clip: &Clip,
    from: Point,
    to: Point,
    rgb: [u8; 3],
    width: u32,
    head: f64,
) -> Result<(), PlotError> {
    let (dx, dy) = (to.0 - from.0, to.1 - from.1);
    let length = dx.hypot(dy);
    if !(length.is_finite() && length > 0.5) {
        return Ok(());
    }
    let head = head.min(length * 0.45);
    let (ux, uy) = (dx / length, dy / length);
    let base = (to.0 - ux * head, to.1 - uy * head);
    polyline(area, clip, &[from, base], rgb, 1.0, width)?;
    if clip.contains(to) {
        let half = head * 0.42;
        let left = (base.0 - uy * half, base.1 + ux * half);
        let right = (base.0 + uy * half, base.1 - ux * half);
        let triangle = vec![pixel(to), pixel(left), pixel(right)];
        area.draw(&Polygon::new(triangle, colour(rgb, 1.0).filled()))?;
    }
    Ok(())
}

/// Paints an RGBA raster of `columns × rows` cells over the frame's data area, each cell a
/// rectangle on whole pixels; runs of equal colour in a row become one rectangle.
pub(crate) fn raster<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    frame: &Frame,
    rgba: &[u8],
    columns: usize,
    rows: usize,
) -> Result<(), PlotError> {
    let edge = |i: usize, cells: usize, pixels: u32, origin: i32| {
        origin + (i as u64 * u64::from(pixels) / cells as u64) as i32
    };
    for r in 0..rows {
        let (y0, y1) = (
            edge(r, rows, frame.height, frame.y),
            edge(r + 1, rows, frame.height, frame.y),
        );
        if y1 == y0 {
            continue;
        }
        let row = &rgba[r * columns * 4..(r + 1) * columns * 4];
        let mut start = 0;
        while start < columns {
            let cell = &row[start * 4..start * 4 + 4];
            let mut end = start + 1;
            while end < columns && &row[end * 4..end * 4 + 4] == cell {
                end += 1;
            }
            let (x0, x1) = (
                edge(start, columns, frame.width, frame.x),
                edge(end, columns, frame.width, frame.x),
            );
            if x1 > x0 && cell[3] > 0 {
                let color = RGBAColor(cell[0], cell[1], cell[2], f64::from(cell[3]) / 255.0);
                rect(area, (x0, y0), (x1, y1), color)?;
            }
            start = end;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thick_strokes_cover_each_pixel_once_with_round_ends() {
        let pixels = stroke_pixels(&[(0, 0), (10, 0), (10, 10)], 3);
        let mut sorted = pixels.clone();
        sorted.dedup();
        assert_eq!(sorted.len(), pixels.len());
        assert!(pixels.contains(&(5, -1)) && pixels.contains(&(5, 1)));
        assert!(!pixels.contains(&(5, 2)) && !pixels.contains(&(-2, 0)));
        assert!(pixels.contains(&(11, 5)) && pixels.contains(&(10, 11)));
        // A sharp reversal stays within the width instead of throwing a spike.
        let zigzag = stroke_pixels(&[(0, 0), (20, 1), (0, 2), (20, 3)], 5);
        assert!(zigzag
            .iter()
            .all(|&(x, y)| (-3..=23).contains(&x) && (-3..=6).contains(&y)));
    }

    const BOX: Clip = Clip {
        x0: 0.0,
        y0: 0.0,
        x1: 10.0,
        y1: 10.0,
    };

    #[test]
    fn segments_are_clipped_to_the_box() {
        assert_eq!(
            BOX.segment((1.0, 1.0), (9.0, 9.0)),
            Some(((1.0, 1.0), (9.0, 9.0)))
        );
        assert_eq!(
            BOX.segment((-5.0, 5.0), (15.0, 5.0)),
            Some(((0.0, 5.0), (10.0, 5.0)))
        );
        assert_eq!(BOX.segment((-5.0, -5.0), (-1.0, 20.0)), None);
        assert_eq!(BOX.segment((5.0, 5.0), (f64::NAN, 5.0)), None);
        assert_eq!(
            BOX.segment((5.0, 5.0), (5.0, 1e300)),
            Some(((5.0, 5.0), (5.0, 10.0)))
        );
    }

    #[test]
    fn polylines_split_where_they_leave_the_box() {
        let pieces = BOX.polyline(&[(1.0, 1.0), (5.0, 5.0), (20.0, 5.0), (5.0, 8.0), (2.0, 8.0)]);
        assert_eq!(pieces.len(), 2);
        assert_eq!(pieces[0], vec![(1.0, 1.0), (5.0, 5.0), (10.0, 5.0)]);
        assert_eq!(pieces[1], vec![(10.0, 7.0), (5.0, 8.0), (2.0, 8.0)]);
        let broken = BOX.polyline(&[
            (1.0, 1.0),
            (2.0, 2.0),
            (f64::NAN, 0.0),
            (3.0, 3.0),
            (4.0, 4.0),
        ]);
        assert_eq!(broken.len(), 2);
    }
}
