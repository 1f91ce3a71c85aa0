//! Axes around a frame: the box, ticks, tick labels and axis titles, and the margins they
//! need.

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::frame::Frame;
use crate::legend::{self, Item, LegendEntry};
use crate::shapes::line;
use crate::theme::{text, Anchor, Theme, AXIS, INK};
use crate::ticks;
use crate::PlotError;

/// One tick: its position in the frame's data coordinates and its label.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Tick {
    pub(crate) at: f64,
    pub(crate) label: String,
}

/// The ticks and title of one axis.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Axis {
    pub(crate) ticks: Vec<Tick>,
    pub(crate) title: String,
}

/// How an axis places its ticks.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Scale {
    /// Round values.
    Linear,
    /// Round values that are whole numbers (iterations).
    Whole,
    /// Frame coordinates are log10 of the values; ticks at powers of ten.
    Log10,
}

/// An axis to lay out: its range in frame coordinates, tick placement, spacing and title.
#[derive(Clone, Copy, Debug)]
pub(crate) struct AxisSpec<'a> {
    pub(crate) range: [f64; 2],
    pub(crate) scale: Scale,
    /// About this many pixels between ticks.
    pub(crate) spacing: f64,
    pub(crate) title: &'a str,
}

impl AxisSpec<'_> {
    /// The axis's ticks for a length of `length` pixels.
    pub(crate) fn axis(&self, length: f64) -> Axis {
        match self.scale {
            Scale::Linear => Axis::linear(self.range, length, self.spacing, self.title),
            Scale::Log10 => Axis::log10(self.range, length, self.spacing, self.title),
            Scale::Whole => {
                let mut axis = Axis::linear(self.range, length, self.spacing, self.title);
                axis.ticks.retain(|t| t.at.fract() == 0.0);
                axis
            }
        }
    }
}

/// How a y axis title is set.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum YTitle {
    /// Horizontal, left of the tick labels (short symbols such as `w2`).
    Beside,
    /// Read bottom to top, left of the tick labels (longer titles such as `E(w(t))`).
    Vertical,
}

impl Axis {
    /// Round ticks over `range` for an axis `length` pixels long, about one per `spacing`
    /// pixels (at least 2); ticks close together far from zero are labelled relative to an
    /// offset that the title names (`w1 − 1e15`).
    pub(crate) fn linear(range: [f64; 2], length: f64, spacing: f64, title: &str) -> Axis {
        let values = ticks::linear(range[0], range[1], tick_count(length, spacing));
        let labelled = ticks::offset_labels(&values);
        Axis {
            ticks: values
                .iter()
                .zip(labelled.labels)
                .map(|(&at, label)| Tick { at, label })
                .collect(),
            title: labelled
                .offset
                .map_or_else(|| title.into(), |o| ticks::offset_title(title, o)),
        }
    }

    /// Ticks for a logarithmic axis whose frame coordinates are `log10` of the values;
    /// `log_range` is in those coordinates.
    pub(crate) fn log10(log_range: [f64; 2], length: f64, spacing: f64, title: &str) -> Axis {
        let [lo, hi] = log_range.map(|e| 10f64.powf(e));
        let values = ticks::log(lo, hi, tick_count(length, spacing));
        let labels = ticks::format_log_ticks(&values);
        Axis {
            ticks: values
                .iter()
                .zip(labels)
                .map(|(&v, label)| Tick {
                    at: v.log10(),
                    label,
                })
                .collect(),
            title: title.into(),
        }
    }

    /// Width of the widest tick label.
    pub(crate) fn label_width(&self, theme: &Theme) -> f64 {
        self.ticks
            .iter()
            .map(|t| theme.text_width(&t.label, theme.tick_font()))
            .fold(0.0, f64::max)
    }
}

/// Tick count for an axis of `length` pixels with about `spacing` pixels between ticks.
fn tick_count(length: f64, spacing: f64) -> usize {
    ((length / spacing).floor() as usize + 1).max(2)
}

/// Pixels below a frame taken by the x axis: ticks, labels and (when `titled`) the title.
pub(crate) fn x_axis_height(theme: &Theme, titled: bool) -> f64 {
    let labels = theme.tick_length() + theme.gap() + theme.line_height(theme.tick_font());
    if titled {
        labels + theme.gap() + theme.line_height(theme.label_font())
    } else {
        labels
    }
}

/// Pixels left of a frame taken by the y axis: ticks, the widest label and the title.
pub(crate) fn y_axis_width(theme: &Theme, axis: &Axis, title: YTitle) -> f64 {
    let labels = theme.tick_length() + theme.gap() + axis.label_width(theme);
    let title_width = match title {
        YTitle::Beside => theme.text_width(&axis.title, theme.label_font()),
        YTitle::Vertical => theme.line_height(theme.label_font()),
    };
    labels + 2.0 * theme.gap() + title_width
}

/// A frame with x and y axes below a legend, filling a `width × height` area.
pub(crate) struct FrameBelowLegend {
    pub(crate) frame: Frame,
    pub(crate) x_axis: Axis,
    pub(crate) y_axis: Axis,
    /// The legend entries, lined up with the frame's left edge when they fit.
    pub(crate) entries: Vec<LegendEntry>,
}

/// Lays out a legend in rows at the top, the x axis at the bottom, the y ticks for the height
/// left, the left margin for their labels, and a right margin for the last x label.
pub(crate) fn below_legend(
    theme: &Theme,
    (width, height): (u32, u32),
    items: &[Item],
    x: AxisSpec,
    y: AxisSpec,
    y_title: YTitle,
) -> FrameBelowLegend {
    let (width, height) = (f64::from(width), f64::from(height));
    let pad = theme.pad();
    let (mut entries, legend_height) = legend::arrange(theme, items, pad, pad, width - 2.0 * pad);
    let top = (pad + legend_height + theme.px(8.0)).round();
    let bottom = (x_axis_height(theme, true) + pad).round();
    let frame_height = (height - top - bottom).max(0.0);
    let y_axis = y.axis(frame_height);
    let left = (pad + y_axis_width(theme, &y_axis, y_title)).round();
    let right = right_margin(theme, &x.axis(width - left)).round();
    let frame_width = (width - left - right).max(0.0);
    legend::indent(&mut entries, left - pad, width - pad);
    FrameBelowLegend {
        frame: Frame {
            x: left as i32,
            y: top as i32,
            width: frame_width as u32,
            height: frame_height as u32,
            x_range: x.range,
            y_range: y.range,
        },
        x_axis: x.axis(frame_width),
        y_axis,
        entries,
    }
}

/// Pixels right of a frame without a colour bar: room for half of the widest x label (a tick
/// may sit on the right edge), at least 16 CSS pixels.
pub(crate) fn right_margin(theme: &Theme, x_axis: &Axis) -> f64 {
    (x_axis.label_width(theme) / 2.0 + theme.pad()).max(theme.px(16.0))
}

/// The frame's outline.
pub(crate) fn draw_box<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    frame: &Frame,
    theme: &Theme,
) -> Result<(), PlotError> {
    let (x0, y0) = (f64::from(frame.x), f64::from(frame.y));
    let (x1, y1) = (f64::from(frame.right()), f64::from(frame.bottom()));
    let corners = vec![(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)];
    let pixels: Vec<(i32, i32)> = corners.into_iter().map(crate::shapes::pixel).collect();
    let style = ShapeStyle {
        color: crate::theme::colour(AXIS, 1.0),
        filled: false,
        stroke_width: theme.stroke(1.0),
    };
    area.draw(&PathElement::new(pixels, style))?;
    Ok(())
}

/// Ticks below the frame, with labels when `labelled` and the title centred below them when
/// `titled`.
pub(crate) fn draw_x<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    frame: &Frame,
    theme: &Theme,
    axis: &Axis,
    labelled: bool,
    titled: bool,
) -> Result<(), PlotError> {
    let bottom = f64::from(frame.bottom());
    let width = theme.stroke(1.0);
    for tick in &axis.ticks {
        let (x, _) = frame.screen_from_data([tick.at, frame.y_range[0]]);
        line(
            area,
            (x, bottom),
            (x, bottom + theme.tick_length()),
            AXIS,
            width,
        )?;
        if labelled {
            let at = (x, bottom + theme.tick_length() + theme.gap());
            text(
                area,
                &tick.label,
                at,
                theme.tick_font(),
                INK,
                Anchor::CENTRE_TOP,
                false,
            )?;
        }
    }
    if titled {
        let centre = f64::from(frame.x) + f64::from(frame.width) / 2.0;
        let top = bottom + x_axis_height(theme, false) + theme.gap();
        text(
            area,
            &axis.title,
            (centre, top),
            theme.label_font(),
            INK,
            Anchor::CENTRE_TOP,
            false,
        )?;
    }
    Ok(())
}

/// Ticks left of the frame, with labels and the title when `labelled`.
pub(crate) fn draw_y<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    frame: &Frame,
    theme: &Theme,
    axis: &Axis,
    title: YTitle,
    labelled: bool,
) -> Result<(), PlotError> {
    let left = f64::from(frame.x);
    let width = theme.stroke(1.0);
    for tick in &axis.ticks {
        let (_, y) = frame.screen_from_data([frame.x_range[0], tick.at]);
        line(
            area,
            (left - theme.tick_length(), y),
            (left, y),
            AXIS,
            width,
        )?;
        if labelled {
            let at = (left - theme.tick_length() - theme.gap(), y);
            text(
                area,
                &tick.label,
                at,
                theme.tick_font(),
                INK,
                Anchor::RIGHT_MIDDLE,
                false,
            )?;
        }
    }
    if labelled {
        let middle = f64::from(frame.y) + f64::from(frame.height) / 2.0;
        let right =
            left - theme.tick_length() - theme.gap() - axis.label_width(theme) - 2.0 * theme.gap();
        match title {
            YTitle::Beside => {
                let at = (right, middle);
                text(
                    area,
                    &axis.title,
                    at,
                    theme.label_font(),
                    INK,
                    Anchor::RIGHT_MIDDLE,
                    false,
                )?
            }
            YTitle::Vertical => {
                let at = (right - theme.line_height(theme.label_font()) / 2.0, middle);
                text(
                    area,
                    &axis.title,
                    at,
                    theme.label_font(),
                    INK,
                    Anchor::CENTRE_MIDDLE,
                    true,
                )?
            }
        }
    }
    Ok(())
}

/// Faint horizontal lines at the y ticks, inside the frame.
pub(crate) fn draw_y_grid<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    frame: &Frame,
    theme: &Theme,
    axis: &Axis,
) -> Result<(), PlotError> {
    const GRID: [u8; 3] = [0xE4, 0xE4, 0xE4];
    let (x0, x1) = (f64::from(frame.x), f64::from(frame.right()));
    for tick in &axis.ticks {
        let (_, y) = frame.screen_from_data([frame.x_range[0], tick.at]);
        line(area, (x0, y), (x1, y), GRID, theme.stroke(1.0))?;
    }
    Ok(())
}
