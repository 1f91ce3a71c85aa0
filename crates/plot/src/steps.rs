//! The article's Figure 1: the first steps of two optimizers over contour lines, with a vector
//! per step drawn as an arrow (the figures draw the update taken, w(t) − w(t−1); see
//! [`crate::scene::step_series`]).

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::axes::{self, AxisSpec, FrameBelowLegend, Scale, YTitle};
use crate::contour::{polylines, Segment};
use crate::error::check_range;
use crate::frame::Frame;
use crate::legend::{self, Item, Swatch};
use crate::shapes::{arrow, disc, emphasis, polyline, Clip, Point};
use crate::theme::{Theme, HALO};
use crate::PlotError;

/// A vector drawn as an arrow from a point.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Arrow {
    /// Where the arrow starts, in data coordinates.
    pub from: [f64; 2],
    /// The vector, in data units (the series' `arrow_label` says what it is).
    pub vector: [f64; 2],
}

/// One optimizer's first steps.
#[derive(Clone, Debug, PartialEq)]
pub struct StepSeries {
    /// Legend label of the points, e.g. `gradient descent, lr = 0.001`.
    pub label: String,
    /// Colour of points, lines and arrows.
    pub color: [u8; 3],
    /// The weights w(0), w(1), …, joined by lines.
    pub points: Vec<[f64; 2]>,
    /// The vectors behind the steps.
    pub arrows: Vec<Arrow>,
    /// Legend label of the arrows, saying what they are, e.g. `−lr·∇E`.
    pub arrow_label: String,
}

/// Everything Figure 1 shows.
#[derive(Clone, Copy, Debug)]
pub struct StepsFigure<'a> {
    /// View range of w1 (x axis).
    pub w1: [f64; 2],
    /// View range of w2 (y axis).
    pub w2: [f64; 2],
    /// Contour levels and their segments, drawn as thin grey lines.
    pub contours: &'a [(f64, Vec<Segment>)],
    /// The optimizers to compare.
    pub series: &'a [StepSeries],
    /// `(series index, point index)` of a point to emphasise; ignored when out of range.
    pub highlight: Option<(usize, usize)>,
    /// Device pixels per CSS pixel: fonts, line widths and margins scale with it.
    pub pixel_ratio: f64,
}

/// Grey of the contour lines.
const CONTOUR: [u8; 3] = [0x8C, 0x8C, 0x8C];

/// Draws contours, arrows, the joined points, the highlighted point, axes w1 and w2, and a
/// legend above the plot (one entry for each series' points and one for its arrows). Returns
/// the frame.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    fig: &StepsFigure,
) -> Result<Frame, PlotError> {
    check_range("w1", fig.w1)?;
    check_range("w2", fig.w2)?;
    let theme = Theme::new(fig.pixel_ratio);
    let items: Vec<Item> = fig
        .series
        .iter()
        .flat_map(|s| {
            let points = Item {
                label: &s.label,
                swatch: Swatch::Dots(s.color),
                shown: true,
                starts_row: true,
            };
            let arrows = Item {
                label: &s.arrow_label,
                swatch: Swatch::Arrow(s.color),
                shown: true,
                starts_row: false,
            };
            [
                Some(points),
                (!s.arrows.is_empty() && !s.arrow_label.is_empty()).then_some(arrows),
            ]
        })
        .flatten()
        .collect();
    let x = AxisSpec {
        range: fig.w1,
        scale: Scale::Linear,
        spacing: theme.px(80.0),
        title: "w1",
    };
    let y = AxisSpec {
        range: fig.w2,
        scale: Scale::Linear,
        spacing: theme.px(50.0),
        title: "w2",
    };
    let FrameBelowLegend {
        frame,
        x_axis,
        y_axis,
        entries,
    } = axes::below_legend(&theme, area.dim_in_pixel(), &items, x, y, YTitle::Beside);
    legend::draw(area, &theme, &items, &entries)?;
    if frame.is_empty() {
        return Ok(frame);
    }

    let clip = Clip::of(&frame);
    for (_, segments) in fig.contours {
        for line in polylines(segments) {
            let screen: Vec<Point> = line.iter().map(|&p| frame.screen_from_data(p)).collect();
            polyline(area, &clip, &screen, CONTOUR, 0.7, theme.stroke(1.0))?;
        }
    }
    for series in fig.series {
        for a in &series.arrows {
            let from = frame.screen_from_data(a.from);
            let to = frame.screen_from_data([a.from[0] + a.vector[0], a.from[1] + a.vector[1]]);
            arrow(
                area,
                &clip,
                from,
                to,
                series.color,
                theme.stroke(2.0),
                theme.px(10.0),
            )?;
        }
    }
    for series in fig.series {
        let screen: Vec<Point> = series
            .points
            .iter()
            .map(|&p| frame.screen_from_data(p))
            .collect();
        polyline(area, &clip, &screen, series.color, 0.8, theme.stroke(1.5))?;
        for &p in screen.iter().filter(|&&p| clip.contains(p)) {
            disc(area, p, theme.radius(5.0), HALO, 1.0)?;
            disc(area, p, theme.radius(3.5), series.color, 1.0)?;
        }
    }
    if let Some((s, i)) = fig.highlight {
        if let Some((series, &p)) = fig.series.get(s).and_then(|s| Some((s, s.points.get(i)?))) {
            let p = frame.screen_from_data(p);
            if clip.contains(p) {
                emphasis(area, &theme, p, series.color)?;
            }
        }
    }
    axes::draw_box(area, &frame, &theme)?;
    axes::draw_x(area, &frame, &theme, &x_axis, true, true)?;
    axes::draw_y(area, &frame, &theme, &y_axis, YTitle::Beside, true)?;
    Ok(frame)
}
