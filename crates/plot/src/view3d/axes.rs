//! Axes of the 3-D view: w1 and w2 along the base's edges nearest the viewer, E up the box's
//! leftmost vertical edge. Labels are upright text placed outside the box away from its
//! centre, so they stay readable as the view turns; an axis seen end-on (shorter than a few
//! labels) drops its ticks. The tick positions also place the back panes' grid lines.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::camera::{BoxPoint, Projection, HALF_HEIGHT};
use crate::scale::ColorScale;
use crate::shapes::{line, Point};
use crate::theme::{text, Anchor, Theme, AXIS, INK};
use crate::ticks;
use crate::PlotError;
use descent_core::view::View;

/// One axis as drawn: its edge in box coordinates, the ticks along it (box coordinate of
/// the varying axis, label) and its title.
#[derive(Clone, Debug, PartialEq)]
pub struct BoxAxis {
    /// The edge's ends.
    pub edge: [BoxPoint; 2],
    /// Which coordinate varies along the edge (0: x, 1: y, 2: z).
    pub along: usize,
    /// Box coordinate and label of each tick.
    pub ticks: Vec<(f64, String)>,
    /// The axis title.
    pub title: &'static str,
}

impl BoxAxis {
    /// The box point of a tick at `at` along the edge.
    fn point(&self, at: f64) -> BoxPoint {
        let mut p = self.edge[0];
        p[self.along] = at;
        p
    }
}

/// The three axes of a view, and where their ticks put the panes' grid lines.
#[derive(Clone, Debug, PartialEq)]
pub struct Axes {
    /// w1, w2 and E, in that order; an axis seen end-on has no ticks.
    pub axes: [BoxAxis; 3],
}

/// Fewest CSS pixels per tick along w1 and w2 (labels side by side), and up E (labels
/// stacked).
const TICK_SPACING: [f64; 2] = [70.0, 28.0];
/// Shortest axis, in CSS pixels, that gets ticks.
const MIN_AXIS_LENGTH: f64 = 45.0;

impl Axes {
    /// The axes for `view` and heights through `height`, as `projection` shows them at
    /// `pixel_ratio` device pixels per CSS pixel.
    pub fn new(view: View, height: &ColorScale, projection: &Projection, pixel_ratio: f64) -> Axes {
        let theme = Theme::new(pixel_ratio);
        let h = HALF_HEIGHT;
        let toward = projection.toward();
        // The base edges nearest the viewer (positive `toward` looks from the + side).
        let near_y = if toward[1] >= 0.0 { 1.0 } else { -1.0 };
        let near_x = if toward[0] >= 0.0 { 1.0 } else { -1.0 };
        let corners = [[-1.0, -1.0], [1.0, -1.0], [1.0, 1.0], [-1.0, 1.0]];
        // The vertical edge furthest left on the screen; of two as far left (seen straight
        // along an axis), the one further away.
        let key = |[x, y]: [f64; 2]| {
            let [sx, _, depth] = projection.screen([x, y, 0.0]);
            (sx.round(), depth)
        };
        let left = corners
            .into_iter()
            .min_by(|&a, &b| {
                key(a)
                    .partial_cmp(&key(b))
                    .unwrap_or(std::cmp::Ordering::Equal)
            })
            .unwrap_or([-1.0, -1.0]);
        let w1 = BoxAxis {
            edge: [[-1.0, near_y, -h], [1.0, near_y, -h]],
            along: 0,
            ticks: Vec::new(),
            title: "w1",
        };
        let w2 = BoxAxis {
            edge: [[near_x, -1.0, -h], [near_x, 1.0, -h]],
            along: 1,
            ticks: Vec::new(),
            title: "w2",
        };
        let e = BoxAxis {
            edge: [[left[0], left[1], -h], [left[0], left[1], h]],
            along: 2,
            ticks: Vec::new(),
            title: "E",
        };
        let mut axes = [w1, w2, e];
        for axis in &mut axes {
            let [a, b] = axis.edge.map(|p| projection.screen(p));
            let length = (b[0] - a[0]).hypot(b[1] - a[1]);
            if length < theme.px(MIN_AXIS_LENGTH) {
                continue;
            }
            let spacing = TICK_SPACING[usize::from(axis.along == 2)];
            let count = ((length / theme.px(spacing)) as usize).clamp(2, 8);
            axis.ticks = match axis.along {
                0 => data_ticks(view.w1, count),
                1 => data_ticks(view.w2, count),
                _ => height_ticks(height, count),
            };
        }
        Axes { axes }
    }

    /// Box positions of the grid lines on the back panes: the ticks of x, y and z.
    pub fn grid(&self) -> [Vec<f64>; 3] {
        self.axes
            .each_ref()
            .map(|a| a.ticks.iter().map(|t| t.0).collect())
    }
}

/// Ticks of a data range, at box positions in [−1, 1].
fn data_ticks([lo, hi]: [f64; 2], count: usize) -> Vec<(f64, String)> {
    let values = ticks::linear(lo, hi, count);
    let labels = ticks::labels(&values);
    values
        .iter()
        .zip(labels)
        .map(|(&v, label)| (2.0 * (v - lo) / (hi - lo) - 1.0, label))
        .collect()
}

/// Ticks of the height scale (powers of ten on a log scale), at box heights.
fn height_ticks(height: &ColorScale, count: usize) -> Vec<(f64, String)> {
    let values = height.ticks(count);
    let labels = height.tick_labels(&values);
    values
        .iter()
        .zip(labels)
        .filter_map(|(&v, label)| Some(((2.0 * height.normalize(v)? - 1.0) * HALF_HEIGHT, label)))
        .collect()
}

/// Draws the axes' edges, ticks, labels and titles; `origin` is the pixel of the picture's
/// top left corner in `area`.
pub(crate) fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    axes: &Axes,
    projection: &Projection,
    origin: Point,
) -> Result<(), PlotError> {
    let screen = |p: BoxPoint| {
        let [x, y, _] = projection.screen(p);
        (origin.0 + x, origin.1 + y)
    };
    let centre = screen([0.0, 0.0, 0.0]);
    let mut drawn: Vec<[f64; 4]> = Vec::new();
    for axis in &axes.axes {
        let (a, b) = (screen(axis.edge[0]), screen(axis.edge[1]));
        line(area, a, b, AXIS, theme.stroke(1.0))?;
        if axis.ticks.is_empty() {
            continue;
        }
        // Outward: away from the box's centre, across the edge.
        let middle = ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0);
        let out = outward(a, b, middle, centre, axis.along == 2);
        let tick = theme.tick_length();
        let mut furthest: f64 = 0.0;
        for (at, label) in &axis.ticks {
            let p = screen(axis.point(*at));
            line(area, p, (p.0 + out.0 * tick, p.1 + out.1 * tick), AXIS, 1)?;
            let gap = tick + theme.gap();
            let at = (p.0 + out.0 * gap, p.1 + out.1 * gap);
            // A label that would overlap one already drawn (two axes meeting at a corner)
            // is left out.
            let rect = label_rect(theme, label, at, anchor(out));
            if drawn.iter().any(|r| overlap(r, &rect, theme.gap())) {
                continue;
            }
            drawn.push(rect);
            text(area, label, at, theme.tick_font(), INK, anchor(out), false)?;
            furthest = furthest.max(extent(theme, label, out));
        }
        let (title, anchor_of_title) = if axis.along == 2 {
            // E above its axis's top.
            let top = if a.1 < b.1 { a } else { b };
            ((top.0, top.1 - theme.gap() * 2.0), Anchor::CENTRE_BOTTOM)
        } else {
            let distance = tick + theme.gap() * 2.0 + furthest;
            (
                (middle.0 + out.0 * distance, middle.1 + out.1 * distance),
                anchor(out),
            )
        };
        text(
            area,
            axis.title,
            title,
            theme.label_font(),
            INK,
            anchor_of_title,
            false,
        )?;
    }
    Ok(())
}

/// The unit screen direction pointing away from the box across the edge `a`–`b`: the edge's
/// normal on the side away from `centre`; straight left for the vertical E axis.
fn outward(a: Point, b: Point, middle: Point, centre: Point, vertical: bool) -> Point {
    if vertical {
        return (-1.0, 0.0);
    }
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let length = dx.hypot(dy).max(1e-9);
    let normal = (-dy / length, dx / length);
    let away = (middle.0 - centre.0) * normal.0 + (middle.1 - centre.1) * normal.1;
    if away >= 0.0 {
        normal
    } else {
        (-normal.0, -normal.1)
    }
}

/// How a label sits at its point when it lies in direction `out` from its tick.
fn anchor(out: Point) -> Anchor {
    let h = if out.0 > 0.5 {
        HPos::Left
    } else if out.0 < -0.5 {
        HPos::Right
    } else {
        HPos::Center
    };
    let v = if out.1 > 0.5 {
        VPos::Top
    } else if out.1 < -0.5 {
        VPos::Bottom
    } else {
        VPos::Center
    };
    Anchor { h, v }
}

/// The rectangle `[left, top, right, bottom]` a tick label covers at `at`.
fn label_rect(theme: &Theme, label: &str, at: Point, anchor: Anchor) -> [f64; 4] {
    let (width, height) = (
        theme.text_width(label, theme.tick_font()) * 0.85,
        theme.tick_font(),
    );
    let left = match anchor.h {
        HPos::Left => at.0,
        HPos::Center => at.0 - width / 2.0,
        HPos::Right => at.0 - width,
    };
    let top = match anchor.v {
        VPos::Top => at.1,
        VPos::Center => at.1 - height / 2.0,
        VPos::Bottom => at.1 - height,
    };
    [left, top, left + width, top + height]
}

/// Whether two rectangles come closer than `gap`.
fn overlap(a: &[f64; 4], b: &[f64; 4], gap: f64) -> bool {
    a[0] < b[2] + gap && b[0] < a[2] + gap && a[1] < b[3] + gap && b[1] < a[3] + gap
}

/// How far a label reaches in direction `out` beyond its point.
fn extent(theme: &Theme, label: &str, out: Point) -> f64 {
    let width = theme.text_width(label, theme.tick_font());
    let height = theme.line_height(theme.tick_font());
    out.0.abs() * width + out.1.abs() * height
}

#[cfg(test)]
mod tests {
    use descent_core::view3d::Orbit;

    use super::*;

    fn axes_at(azimuth: f64, elevation: f64) -> Axes {
        let projection = Projection::new(Orbit::new(azimuth, elevation), 150.0, (300.0, 200.0));
        let height = ColorScale::Linear {
            min: 0.0,
            max: 100.0,
        };
        Axes::new(View::ARTICLE, &height, &projection, 1.0)
    }

    #[test]
    fn the_axes_take_the_edges_in_front_and_the_left_corner() {
        // From the front left (azimuth −60: the camera on the side of +w1, −w2).
        let axes = axes_at(-60.0, 30.0);
        assert_eq!(
            axes.axes[0].edge[0][1], -1.0,
            "w1 along the near edge y = −1"
        );
        assert_eq!(axes.axes[1].edge[0][0], 1.0, "w2 along the near edge x = 1");
        assert_eq!(
            axes.axes[2].edge[0][..2],
            [-1.0, -1.0],
            "E up the left corner"
        );
        let labels: Vec<&str> = axes.axes[0].ticks.iter().map(|t| t.1.as_str()).collect();
        assert!(
            labels.contains(&"0") && labels.contains(&"\u{2212}20"),
            "{labels:?}"
        );
        let e: Vec<&str> = axes.axes[2].ticks.iter().map(|t| t.1.as_str()).collect();
        assert!(e.contains(&"0") && e.contains(&"100"), "{e:?}");
        let [x, y, z] = axes.grid();
        assert!(!x.is_empty() && !y.is_empty() && !z.is_empty());
        assert!(x.iter().all(|v| (-1.0..=1.0).contains(v)));
    }

    #[test]
    fn an_axis_seen_end_on_drops_its_ticks() {
        // From straight above, E points at the viewer; looking along w1 hides w1's ticks.
        assert!(axes_at(-90.0, 90.0).axes[2].ticks.is_empty());
        assert!(!axes_at(-90.0, 90.0).axes[0].ticks.is_empty());
        assert!(axes_at(0.0, 0.0).axes[0].ticks.is_empty());
        assert!(!axes_at(0.0, 0.0).axes[1].ticks.is_empty());
    }

    #[test]
    fn labels_sit_away_from_the_box() {
        let out = outward((0.0, 10.0), (10.0, 10.0), (5.0, 10.0), (5.0, 0.0), false);
        assert_eq!(out, (0.0, 1.0));
        let anchor = anchor(out);
        assert!(matches!((anchor.h, anchor.v), (HPos::Center, VPos::Top)));
        assert_eq!(
            outward((0.0, 0.0), (0.0, 9.0), (0.0, 4.0), (9.0, 4.0), true).0,
            -1.0
        );
    }
}
