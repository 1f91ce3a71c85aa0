//! The article's Figure 2 (bottom): the error course E(w(t)) over the iterations t, with the
//! optimizer's state series (s1, s2; m1, m2; v1, v2) that a click on the legend shows or hides.

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::axes::{self, AxisSpec, FrameBelowLegend, Scale, YTitle};
use crate::dash::Dash;
use crate::frame::Frame;
pub use crate::legend::LegendEntry;
use crate::legend::{self, Item, Swatch};
use crate::shapes::{dashed_polyline, disc, line, Clip, Point};
use crate::theme::{Theme, HALO, MUTED};
use crate::PlotError;

/// One series over t = 0, 1, ….
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    /// What the series is, e.g. `E(w(t))`, `s1` or a compared run's `rmsprop:pytorch` (the
    /// page toggles series by it).
    pub name: String,
    /// What the legend says, e.g. `RMSProp (PyTorch)`; usually the name.
    pub label: String,
    /// Value at each t; non-finite values (and values ≤ 0 on a log axis) leave gaps.
    pub values: Vec<f64>,
    /// Line colour.
    pub color: [u8; 3],
    /// Dash pattern (compared runs that share a colour differ in it).
    pub dash: Dash,
    /// Drawn when true; listed in the legend, greyed and struck through, when false.
    pub visible: bool,
}

/// Everything the error course figure shows.
#[derive(Clone, Copy, Debug)]
pub struct CourseFigure<'a> {
    /// All series, visible or not (the legend lists them all).
    pub series: &'a [Series],
    /// Logarithmic y axis (the frame's y range then holds log10 of the values).
    pub log_scale: bool,
    /// The iteration t to mark with a vertical line (the surface's highlighted point).
    pub highlight: Option<usize>,
    /// Device pixels per CSS pixel: fonts, line widths and margins scale with it.
    pub pixel_ratio: f64,
    /// Title of the x axis, `t` in the article.
    pub x_label: &'a str,
    /// Title of the y axis, `E(w(t))` in the article.
    pub y_label: &'a str,
}

impl<'a> CourseFigure<'a> {
    /// A figure of `series` over the iterations t, its y axis titled `y_label`.
    pub fn over_t(
        series: &'a [Series],
        y_label: &'a str,
        log_scale: bool,
        highlight: Option<usize>,
        pixel_ratio: f64,
    ) -> CourseFigure<'a> {
        CourseFigure {
            series,
            log_scale,
            highlight,
            pixel_ratio,
            x_label: "t",
            y_label,
        }
    }
}

/// Draws the visible series over t = 0 … (longest length − 1), the marker at `highlight`, axes
/// and a legend above the plot listing every series. Returns the frame (x: t; y: the value, or
/// its log10 on a log axis) and the legend entries' boxes, so the page can toggle a series
/// when its entry is clicked.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    fig: &CourseFigure,
) -> Result<(Frame, Vec<LegendEntry>), PlotError> {
    let theme = Theme::new(fig.pixel_ratio);
    let items: Vec<Item> = fig
        .series
        .iter()
        .map(|s| Item {
            label: &s.label,
            swatch: Swatch::Line(s.color, s.dash),
            shown: s.visible,
            starts_row: false,
        })
        .collect();

    let steps = fig.series.iter().map(|s| s.values.len()).max().unwrap_or(0);
    let x = AxisSpec {
        range: [0.0, (steps.saturating_sub(1) as f64).max(1.0)],
        scale: Scale::Whole,
        spacing: theme.px(70.0),
        title: fig.x_label,
    };
    let y = AxisSpec {
        range: value_range(fig.series, fig.log_scale),
        scale: if fig.log_scale {
            Scale::Log10
        } else {
            Scale::Linear
        },
        spacing: theme.px(40.0),
        title: fig.y_label,
    };
    let FrameBelowLegend {
        frame,
        x_axis,
        y_axis,
        entries,
    } = axes::below_legend(&theme, area.dim_in_pixel(), &items, x, y, YTitle::Vertical);
    legend::draw(area, &theme, &items, &entries)?;
    if frame.is_empty() {
        return Ok((frame, entries));
    }

    axes::draw_y_grid(area, &frame, &theme, &y_axis)?;
    let clip = Clip::of(&frame);
    for series in fig.series.iter().filter(|s| s.visible) {
        let screen = screen_points(&frame, &series.values, fig.log_scale);
        let pattern: Vec<f64> = series.dash.pattern().iter().map(|&l| theme.px(l)).collect();
        let width = theme.stroke(1.5);
        dashed_polyline(area, &clip, &screen, series.color, 1.0, width, &pattern)?;
        // Points without a drawable neighbour (a course of one step, values between gaps)
        // would not show as lines: mark them with a dot.
        let drawable = |i: Option<usize>| {
            i.and_then(|i| screen.get(i))
                .is_some_and(|p| p.0.is_finite() && p.1.is_finite())
        };
        for (i, &p) in screen.iter().enumerate() {
            if clip.contains(p) && !drawable(i.checked_sub(1)) && !drawable(Some(i + 1)) {
                disc(area, p, theme.radius(2.0), series.color, 1.0)?;
            }
        }
    }
    if let Some(t) = fig.highlight.filter(|&t| t < steps) {
        let (x, _) = frame.screen_from_data([t as f64, frame.y_range[0]]);
        line(
            area,
            (x, f64::from(frame.y)),
            (x, f64::from(frame.bottom())),
            MUTED,
            theme.stroke(1.0),
        )?;
        for series in fig.series.iter().filter(|s| s.visible) {
            let Some(&v) = series.values.get(t) else {
                continue;
            };
            let p = screen_point(&frame, t, v, fig.log_scale);
            if clip.contains(p) {
                disc(area, p, theme.radius(4.5), HALO, 1.0)?;
                disc(area, p, theme.radius(3.0), series.color, 1.0)?;
            }
        }
    }
    axes::draw_box(area, &frame, &theme)?;
    axes::draw_x(area, &frame, &theme, &x_axis, true, true)?;
    axes::draw_y(area, &frame, &theme, &y_axis, YTitle::Vertical, true)?;
    Ok((frame, entries))
}

/// The y range over the visible series' finite values (positive ones, as log10, on a log axis),
/// padded by 5 % on each side; a default range when there is nothing to show.
fn value_range(series: &[Series], log_scale: bool) -> [f64; 2] {
    let values = series
        .iter()
        .filter(|s| s.visible)
        .flat_map(|s| s.values.iter().copied())
        .filter(|v| v.is_finite() && (!log_scale || *v > 0.0))
        .map(|v| if log_scale { v.log10() } else { v });
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    if !(lo.is_finite() && hi.is_finite()) {
        return [0.0, 1.0];
    }
    if hi - lo < 1e-12 * lo.abs().max(1.0) {
        return [lo - 0.5, hi + 0.5];
    }
    let pad = 0.05 * (hi - lo);
    // A non-negative linear series (an error course) keeps its axis at zero.
    let lo = if !log_scale && lo >= 0.0 && lo - pad < 0.0 {
        0.0
    } else {
        lo - pad
    };
    [lo, hi + pad]
}

/// Screen position of value `v` at iteration `t`; NaN for values the axis cannot show.
fn screen_point(frame: &Frame, t: usize, v: f64, log_scale: bool) -> Point {
    let y = if log_scale {
        if v > 0.0 {
            v.log10()
        } else {
            f64::NAN
        }
    } else {
        v
    };
    frame.screen_from_data([t as f64, y])
}

/// Screen positions of a whole series.
fn screen_points(frame: &Frame, values: &[f64], log_scale: bool) -> Vec<Point> {
    values
        .iter()
        .enumerate()
        .map(|(t, &v)| screen_point(frame, t, v, log_scale))
        .collect()
}
