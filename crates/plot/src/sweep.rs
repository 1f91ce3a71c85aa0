//! A sweep map: every cell of a sweep (a start point over a view, or a pair of hyperparameters)
//! coloured by where its run ended, with axes (logarithmic where the sweep's axis is), a colour
//! bar for a continuous measure, and a legend above the map for the cells coloured by kind
//! (why a run stopped).

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::axes::{self, Axis, YTitle};
use crate::colorbar;
use crate::colormap::Colormap;
use crate::error::{check_range, check_raster};
use crate::frame::Frame;
use crate::legend::{self, Item, LegendEntry, Swatch};
use crate::scale::ColorScale;
use crate::shapes::raster;
use crate::theme::Theme;
use crate::PlotError;

/// One axis of a sweep map.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MapAxis<'a> {
    /// `[min, max]` of the values along it (both > 0 on a log axis).
    pub range: [f64; 2],
    /// Whether the cells are evenly spaced in log(value): ticks at powers of ten.
    pub log: bool,
    /// The axis title.
    pub title: &'a str,
}

impl MapAxis<'_> {
    /// The range in frame coordinates: log10 of the values on a log axis.
    pub fn frame_range(&self) -> [f64; 2] {
        if self.log {
            self.range.map(f64::log10)
        } else {
            self.range
        }
    }

    /// The axis's ticks for `length` pixels, about one per `spacing` pixels.
    fn ticks(&self, length: f64, spacing: f64) -> Axis {
        if self.log {
            Axis::log10(self.frame_range(), length, spacing, self.title)
        } else {
            Axis::linear(self.range, length, spacing, self.title)
        }
    }
}

/// Everything a sweep map shows.
#[derive(Clone, Copy, Debug)]
pub struct SweepFigure<'a> {
    /// The x axis (w1, or the first hyperparameter).
    pub x: MapAxis<'a>,
    /// The y axis (w2, or the second hyperparameter).
    pub y: MapAxis<'a>,
    /// The colour scale of the continuous measure and its title, for the colour bar; `None`
    /// when every cell is coloured by kind.
    pub scale: Option<(ColorScale, &'a str)>,
    /// The colour bar's colours.
    pub colormap: Colormap,
    /// The kinds of cell coloured apart from the scale: their label and colour, listed above
    /// the map.
    pub categories: &'a [(&'a str, [u8; 3])],
    /// RGBA bytes, columns and rows of the cells (row 0 at the top), stretched over the data
    /// area; `None` leaves it transparent for a raster painted underneath.
    pub raster: Option<(&'a [u8], usize, usize)>,
    /// Device pixels per CSS pixel: fonts, line widths and margins scale with it.
    pub pixel_ratio: f64,
}

/// The frame [`draw`] uses on a `width × height` pixel area for `fig` (its raster is not
/// needed), computed without drawing; paint a raster at `(frame.x, frame.y)`.
pub fn layout(width: u32, height: u32, fig: &SweepFigure) -> Frame {
    arrange(width, height, &Theme::new(fig.pixel_ratio), fig).frame
}

/// The frame, its axes and the legend's entries.
struct Layout {
    frame: Frame,
    x_axis: Axis,
    y_axis: Axis,
    entries: Vec<LegendEntry>,
}

/// The legend items of the categories.
fn items<'a>(categories: &'a [(&'a str, [u8; 3])]) -> Vec<Item<'a>> {
    categories
        .iter()
        .map(|&(label, rgb)| Item {
            label,
            swatch: Swatch::Box(rgb),
            shown: true,
            starts_row: false,
        })
        .collect()
}

/// The legend in rows at the top, the x axis at the bottom, the y axis for the height left,
/// and on the right the colour bar (or room for the last x label).
fn arrange(width: u32, height: u32, theme: &Theme, fig: &SweepFigure) -> Layout {
    let (width, height) = (f64::from(width), f64::from(height));
    let pad = theme.pad();
    let (mut entries, legend_height) =
        legend::arrange(theme, &items(fig.categories), pad, pad, width - 2.0 * pad);
    let above_bar = if fig.scale.is_some() {
        colorbar::title_height(theme)
    } else {
        0.0
    };
    let legend_room = if entries.is_empty() {
        0.0
    } else {
        legend_height + theme.px(8.0)
    };
    let top = (pad + legend_room.max(above_bar)).round();
    let bottom = (axes::x_axis_height(theme, true) + pad).round();
    let frame_height = (height - top - bottom).max(0.0);
    let y_axis = fig.y.ticks(frame_height, theme.px(50.0));
    let left = (pad + axes::y_axis_width(theme, &y_axis, YTitle::Beside)).round();
    let right = if fig.scale.is_some() {
        colorbar::reserve(theme)
    } else {
        axes::right_margin(theme, &fig.x.ticks(width - left, theme.px(80.0)))
    }
    .round();
    let frame_width = (width - left - right).max(0.0);
    legend::indent(&mut entries, left - pad, width - pad);
    Layout {
        frame: Frame {
            x: left as i32,
            y: top as i32,
            width: frame_width as u32,
            height: frame_height as u32,
            x_range: fig.x.frame_range(),
            y_range: fig.y.frame_range(),
        },
        x_axis: fig.x.ticks(frame_width, theme.px(80.0)),
        y_axis,
        entries,
    }
}

/// Draws the map: the raster (when given), the box, both axes with ticks (powers of ten on a
/// log axis), the colour bar of the scale and the legend of the categories. Returns the frame,
/// equal to [`layout`] for the area's size.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    fig: &SweepFigure,
) -> Result<Frame, PlotError> {
    for (name, axis) in [("x", &fig.x), ("y", &fig.y)] {
        check_range(name, axis.range)?;
        if axis.log && axis.range[0] <= 0.0 {
            return Err(PlotError::InvalidRange {
                axis: name,
                min: axis.range[0],
                max: axis.range[1],
            });
        }
    }
    if let Some((rgba, columns, rows)) = fig.raster {
        check_raster(rgba.len(), columns, rows)?;
    }
    let theme = Theme::new(fig.pixel_ratio);
    let (width, height) = area.dim_in_pixel();
    let Layout {
        frame,
        x_axis,
        y_axis,
        entries,
    } = arrange(width, height, &theme, fig);
    legend::draw(area, &theme, &items(fig.categories), &entries)?;
    if frame.is_empty() {
        return Ok(frame);
    }
    if let Some((rgba, columns, rows)) = fig.raster {
        raster(area, &frame, rgba, columns, rows)?;
    }
    axes::draw_box(area, &frame, &theme)?;
    axes::draw_x(area, &frame, &theme, &x_axis, true, true)?;
    axes::draw_y(area, &frame, &theme, &y_axis, YTitle::Beside, true)?;
    if let Some((scale, title)) = fig.scale {
        colorbar::draw_scale_in(area, &theme, &frame, &scale, fig.colormap, title)?;
    }
    Ok(frame)
}

#[cfg(test)]
mod tests {
    use super::*;
    use plotters_svg::SVGBackend;

    fn figure<'a>(categories: &'a [(&'a str, [u8; 3])], log: bool) -> SweepFigure<'a> {
        SweepFigure {
            x: MapAxis {
                range: [1e-3, 10.0],
                log,
                title: "lr",
            },
            y: MapAxis {
                range: [0.0, 0.9],
                log: false,
                title: "beta",
            },
            scale: Some((
                ColorScale::Linear {
                    min: 0.0,
                    max: 500.0,
                },
                "t",
            )),
            colormap: Colormap::Viridis,
            categories,
            raster: Some((&[0, 0, 0, 255, 255, 255, 255, 255], 2, 1)),
            pixel_ratio: 1.0,
        }
    }

    fn svg(fig: &SweepFigure) -> Result<(String, Frame), PlotError> {
        let mut svg = String::new();
        let frame = {
            let root = SVGBackend::with_string(&mut svg, (600, 400)).into_drawing_area();
            let frame = draw(&root, fig)?;
            root.present()?;
            frame
        };
        Ok((svg, frame))
    }

    #[test]
    fn a_map_draws_where_its_layout_says_with_log_ticks() {
        let categories = [("diverged", [213, 94, 0])];
        let fig = figure(&categories, true);
        let (svg, frame) = svg(&fig).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(frame, layout(600, 400, &fig));
        assert_eq!(frame.x_range, [-3.0, 1.0], "log10 of the range");
        for text in ["10⁻³", "10⁰", "beta", "diverged", "500"] {
            assert!(svg.contains(text), "{text}");
        }
        let linear = figure(&[], false);
        assert_eq!(layout(600, 400, &linear).x_range, [1e-3, 10.0]);
        assert!(layout(600, 400, &linear).y < frame.y, "no legend row");
    }

    #[test]
    fn unusable_ranges_and_rasters_are_errors() {
        let mut fig = figure(&[], true);
        fig.x.range = [0.0, 1.0];
        assert!(matches!(
            svg(&fig),
            Err(PlotError::InvalidRange { axis: "x", .. })
        ));
        let mut fig = figure(&[], false);
        fig.raster = Some((&[0, 0, 0], 1, 1));
        assert!(matches!(svg(&fig), Err(PlotError::RasterSize { .. })));
    }
}
