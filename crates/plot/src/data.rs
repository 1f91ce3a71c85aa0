//! The data panel of a training run: the data set's points (x across, y up) with each run's
//! model at the playback position, ŷ = w1·x + w2 as a line or σ(w1·x + w2) as a sigmoid, and
//! the samples of that step's mini-batch ringed. Drawn in two layers that share one layout:
//! [`draw_points`] (legend, axes, points; redrawn when the data or the size change) and
//! [`draw_fits`] (the models and the batch; redrawn at every playback position).

use descent_core::data::neuron::Model;
use plotters::coord::Shift;
use plotters::prelude::*;

use crate::axes::{self, AxisSpec, FrameBelowLegend, Scale, YTitle};
use crate::dash::Dash;
use crate::frame::Frame;
use crate::legend::{self, Item, Swatch};
use crate::shapes::{disc, polyline, ring, Clip, Point};
use crate::theme::{Theme, HALO};
use crate::PlotError;

/// The points' colour.
pub const POINT_COLOUR: [u8; 3] = [0x6A, 0x6A, 0x78];
/// The ring around the samples of the current mini-batch.
const BATCH_COLOUR: [u8; 3] = [0xD5, 0x5E, 0x00];
/// Samples of the model curve across the frame (a sigmoid needs them; a line uses two).
const CURVE_SAMPLES: usize = 240;

/// One run's model at one position.
#[derive(Clone, Debug, PartialEq)]
pub struct Fit {
    /// The model.
    pub model: Model,
    /// Its weights w = (w1, w2).
    pub w: [f64; 2],
    /// The curve's colour (the run's).
    pub colour: [u8; 3],
    /// Its legend label, e.g. `rmsprop at t = 40`.
    pub label: String,
}

/// Everything the data panel shows.
#[derive(Clone, Copy, Debug)]
pub struct DataFigure<'a> {
    /// The inputs xᵢ.
    pub x: &'a [f64],
    /// The targets yᵢ.
    pub y: &'a [f64],
    /// The x range shown.
    pub x_range: [f64; 2],
    /// The y range shown.
    pub y_range: [f64; 2],
    /// The runs' models (their labels make the legend, after the points').
    pub fits: &'a [Fit],
    /// Indices of the samples to ring (the current step's mini-batch).
    pub batch: &'a [usize],
    /// The legend label of the points, e.g. `line: 50 points`.
    pub points_label: &'a str,
    /// Device pixels per CSS pixel.
    pub pixel_ratio: f64,
}

/// The ranges that show the points of `x` and `y` with a margin (and, for the logistic model,
/// the whole of [0, 1]); `[-1, 1]` for an empty or degenerate axis.
pub fn ranges(x: &[f64], y: &[f64], model: Model) -> ([f64; 2], [f64; 2]) {
    let span = |values: &[f64]| {
        let (lo, hi) = values
            .iter()
            .filter(|v| v.is_finite())
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| {
                (lo.min(v), hi.max(v))
            });
        if lo.is_finite() && hi > lo {
            let margin = 0.06 * (hi - lo);
            [lo - margin, hi + margin]
        } else if lo.is_finite() {
            let half = (lo.abs() / 10.0).max(1.0);
            [lo - half, lo + half]
        } else {
            [-1.0, 1.0]
        }
    };
    let y_range = match model {
        Model::Linear => span(y),
        Model::Logistic => [-0.08, 1.08],
    };
    (span(x), y_range)
}

/// The legend entries: the points, then each fit.
fn items<'a>(fig: &DataFigure<'a>) -> Vec<Item<'a>> {
    let points = Item {
        label: fig.points_label,
        swatch: Swatch::Dots(POINT_COLOUR),
        shown: true,
        starts_row: false,
    };
    std::iter::once(points)
        .chain(fig.fits.iter().map(|f| Item {
            label: &f.label,
            swatch: Swatch::Line(f.colour, Dash::Solid),
            shown: true,
            starts_row: false,
        }))
        .collect()
}

/// The frame, axes and legend on a `size` area.
fn arrange(fig: &DataFigure, theme: &Theme, size: (u32, u32)) -> FrameBelowLegend {
    let x = AxisSpec {
        range: fig.x_range,
        scale: Scale::Linear,
        spacing: theme.px(80.0),
        title: "x",
    };
    let y = AxisSpec {
        range: fig.y_range,
        scale: Scale::Linear,
        spacing: theme.px(40.0),
        title: "y",
    };
    axes::below_legend(theme, size, &items(fig), x, y, YTitle::Beside)
}

/// The frame [`draw_points`] and [`draw_fits`] use on a `width × height` area (the page maps
/// the pointer with it).
pub fn layout(fig: &DataFigure, width: u32, height: u32) -> Frame {
    arrange(fig, &Theme::new(fig.pixel_ratio), (width, height)).frame
}

/// Draws the legend, the axes and the points; returns the frame.
pub fn draw_points<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    fig: &DataFigure,
) -> Result<Frame, PlotError> {
    crate::error::check_range("x", fig.x_range)?;
    crate::error::check_range("y", fig.y_range)?;
    let theme = Theme::new(fig.pixel_ratio);
    let FrameBelowLegend {
        frame,
        x_axis,
        y_axis,
        entries,
    } = arrange(fig, &theme, area.dim_in_pixel());
    legend::draw(area, &theme, &items(fig), &entries)?;
    if frame.is_empty() {
        return Ok(frame);
    }
    axes::draw_y_grid(area, &frame, &theme, &y_axis)?;
    let clip = Clip::of(&frame);
    // Smaller dots for many points, which would otherwise cover each other.
    let radius = theme.radius(if fig.x.len() > 500 { 1.5 } else { 3.0 });
    for (&x, &y) in fig.x.iter().zip(fig.y) {
        let p = frame.screen_from_data([x, y]);
        if clip.contains(p) {
            disc(area, p, radius, POINT_COLOUR, 0.75)?;
        }
    }
    axes::draw_box(area, &frame, &theme)?;
    axes::draw_x(area, &frame, &theme, &x_axis, true, true)?;
    axes::draw_y(area, &frame, &theme, &y_axis, YTitle::Beside, true)?;
    Ok(frame)
}

/// The screen points of `fit`'s curve across `frame`.
fn curve(frame: &Frame, fit: &Fit) -> Vec<Point> {
    let [lo, hi] = frame.x_range;
    let samples = match fit.model {
        Model::Linear => 2,
        Model::Logistic => CURVE_SAMPLES,
    };
    (0..samples)
        .map(|i| {
            let x = lo + (hi - lo) * i as f64 / (samples - 1) as f64;
            frame.screen_from_data([x, fit.model.predict(fit.w, x)])
        })
        .collect()
}

/// Draws the batch's rings and each fit's curve inside `frame` (from [`layout`]).
pub fn draw_fits<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    frame: &Frame,
    fig: &DataFigure,
) -> Result<(), PlotError> {
    if frame.is_empty() {
        return Ok(());
    }
    let theme = Theme::new(fig.pixel_ratio);
    let clip = Clip::of(frame);
    for &i in fig.batch {
        if let (Some(&x), Some(&y)) = (fig.x.get(i), fig.y.get(i)) {
            let p = frame.screen_from_data([x, y]);
            if clip.contains(p) {
                ring(area, p, theme.radius(5.0), BATCH_COLOUR, theme.stroke(1.5))?;
            }
        }
    }
    for fit in fig.fits {
        let screen = curve(frame, fit);
        polyline(area, &clip, &screen, HALO, 0.8, theme.stroke(4.5))?;
        polyline(area, &clip, &screen, fit.colour, 1.0, theme.stroke(2.5))?;
    }
    Ok(())
}

/// Draws the whole panel (points and fits) on `area`; returns the frame.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    fig: &DataFigure,
) -> Result<Frame, PlotError> {
    let frame = draw_points(area, fig)?;
    draw_fits(area, &frame, fig)?;
    Ok(frame)
}

#[cfg(test)]
mod tests {
    use super::*;
    use plotters_svg::SVGBackend;

    #[test]
    fn ranges_hold_the_points_and_the_sigmoids_range() {
        let (x, y) = ranges(&[-2.0, 2.0], &[0.0, 1.0], Model::Logistic);
        assert!(x[0] < -2.0 && x[1] > 2.0);
        assert_eq!(y, [-0.08, 1.08]);
        let (x, y) = ranges(&[3.0], &[f64::NAN], Model::Linear);
        assert_eq!((x, y), ([2.0, 4.0], [-1.0, 1.0]));
    }

    #[test]
    fn the_layers_share_one_frame() {
        let x = [-1.0, 0.0, 1.0, 2.0];
        let y = [-3.0, -1.0, 1.0, 3.0];
        let (x_range, y_range) = ranges(&x, &y, Model::Linear);
        let fits = [Fit {
            model: Model::Linear,
            w: [2.0, -1.0],
            colour: [0, 0, 200],
            label: "gd at t = 3".to_owned(),
        }];
        let fig = DataFigure {
            x: &x,
            y: &y,
            x_range,
            y_range,
            fits: &fits,
            batch: &[1, 9],
            points_label: "4 points",
            pixel_ratio: 1.0,
        };
        let mut svg = String::new();
        let frame = {
            let root = SVGBackend::with_string(&mut svg, (400, 300)).into_drawing_area();
            let frame = draw(&root, &fig).expect("drawn");
            root.present().expect("presented");
            frame
        };
        assert_eq!(frame, layout(&fig, 400, 300));
        assert!(svg.contains("gd at t = 3") && svg.contains("4 points"));
        // The line through (−1, −3) and (2, 3) is ŷ = 2x − 1: the curve passes the points.
        let on_line = curve(&frame, &fits[0]);
        let (px, py) = frame.screen_from_data([1.0, 1.0]);
        let [(x0, y0), (x1, y1)] = [on_line[0], on_line[1]];
        let distance =
            ((y1 - y0) * px - (x1 - x0) * py + x1 * y0 - y1 * x0).abs() / (y1 - y0).hypot(x1 - x0);
        assert!(distance < 1e-6, "{distance}");
        let sigmoid = Fit {
            model: Model::Logistic,
            ..fits[0].clone()
        };
        assert_eq!(curve(&frame, &sigmoid).len(), CURVE_SAMPLES);
    }
}
