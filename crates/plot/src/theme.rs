//! Sizes (scaled by the device pixel ratio), ink colours, and text drawing shared by all figures.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::FontTransform;

use crate::marks;
use crate::PlotError;

/// Text and tick labels.
pub(crate) const INK: [u8; 3] = [0x22, 0x22, 0x22];
/// Axis lines and ticks.
pub(crate) const AXIS: [u8; 3] = [0x55, 0x55, 0x55];
/// Hidden or secondary items.
pub(crate) const MUTED: [u8; 3] = [0xAA, 0xAA, 0xAA];
/// Halos under lines and markers that cross dark colours.
pub(crate) const HALO: [u8; 3] = [0xFF, 0xFF, 0xFF];

/// Device pixels per CSS pixel, and the figure sizes derived from it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Theme {
    ratio: f64,
}

impl Theme {
    /// A theme for `pixel_ratio` device pixels per CSS pixel (clamped to [0.5, 8]; 1 when
    /// not finite).
    pub(crate) fn new(pixel_ratio: f64) -> Self {
        let ratio = if pixel_ratio.is_finite() {
            pixel_ratio.clamp(0.5, 8.0)
        } else {
            1.0
        };
        Theme { ratio }
    }

    /// Device pixels for `css` CSS pixels.
    pub(crate) fn px(&self, css: f64) -> f64 {
        css * self.ratio
    }

    /// A stroke width in whole device pixels (at least 1).
    pub(crate) fn stroke(&self, css: f64) -> u32 {
        self.px(css).round().max(1.0) as u32
    }

    /// A circle radius in whole device pixels (at least 1).
    pub(crate) fn radius(&self, css: f64) -> u32 {
        self.px(css).round().max(1.0) as u32
    }

    /// Font size of tick labels and legend entries.
    pub(crate) fn tick_font(&self) -> f64 {
        self.px(12.0)
    }

    /// Font size of axis titles and panel titles.
    pub(crate) fn label_font(&self) -> f64 {
        self.px(13.0)
    }

    /// Length of tick marks.
    pub(crate) fn tick_length(&self) -> f64 {
        self.px(4.0)
    }

    /// Gap between a tick mark and its label, and between related texts.
    pub(crate) fn gap(&self) -> f64 {
        self.px(3.0)
    }

    /// Padding at the canvas edges.
    pub(crate) fn pad(&self) -> f64 {
        self.px(6.0)
    }

    /// Height of one text line of `font` pixels.
    pub(crate) fn line_height(&self, font: f64) -> f64 {
        font * 1.2
    }

    /// Estimated width of `text` in a sans-serif font of `font` pixels. Deliberately generous
    /// (0.6 em per character), as layouts must be computed without a font.
    pub(crate) fn text_width(&self, text: &str, font: f64) -> f64 {
        text.chars().count() as f64 * 0.6 * font
    }
}

/// An RGB colour with opacity for plotters.
pub(crate) fn colour(rgb: [u8; 3], alpha: f64) -> RGBAColor {
    RGBAColor(rgb[0], rgb[1], rgb[2], alpha)
}

/// How a text is anchored at its position.
#[derive(Clone, Copy)]
pub(crate) struct Anchor {
    /// Left, centre or right end at the position.
    pub(crate) h: HPos,
    /// Top, middle or bottom at the position.
    pub(crate) v: VPos,
}

impl Anchor {
    pub(crate) const LEFT_MIDDLE: Anchor = Anchor {
        h: HPos::Left,
        v: VPos::Center,
    };
    pub(crate) const RIGHT_MIDDLE: Anchor = Anchor {
        h: HPos::Right,
        v: VPos::Center,
    };
    pub(crate) const CENTRE_TOP: Anchor = Anchor {
        h: HPos::Center,
        v: VPos::Top,
    };
    pub(crate) const CENTRE_MIDDLE: Anchor = Anchor {
        h: HPos::Center,
        v: VPos::Center,
    };
    pub(crate) const CENTRE_BOTTOM: Anchor = Anchor {
        h: HPos::Center,
        v: VPos::Bottom,
    };
    pub(crate) const RIGHT_BOTTOM: Anchor = Anchor {
        h: HPos::Right,
        v: VPos::Bottom,
    };
}

/// Draws `text` at `at` (device pixels) in sans-serif of `font` pixels, read bottom to top when
/// `vertical`.
pub(crate) fn text<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    at: (f64, f64),
    font: f64,
    rgb: [u8; 3],
    anchor: Anchor,
    vertical: bool,
) -> Result<(), PlotError> {
    let fill = colour(rgb, 1.0);
    let mut style = TextStyle::from((FontFamily::SansSerif, backend_font_size::<DB>(font)))
        .color(&fill)
        .pos(Pos::new(anchor.h, anchor.v));
    let at = (at.0.round() as i32, at.1.round() as i32);
    if vertical {
        style = style.transform(FontTransform::Rotate270);
    } else if text.contains(marks::HAT) && marks::needs_drawn_marks::<DB>() {
        return marks::draw_with_hats(area, text, &style, at, font, rgb);
    }
    area.draw_text(text, &style, at)?;
    Ok(())
}

/// The size to ask a backend for so that text comes out `font` CSS pixels high (its em): plotters'
/// SVG backend writes `font-size` as the requested size divided by 1.24 while the canvas backend
/// uses it as is, so SVG gets 1.24 times more to look the same as the canvas. Its bitmap backend
/// (with the `ab_glyph` fonts) makes the font's ascent − descent, not its em, the requested size:
/// 1.16 em in DejaVu Sans, the font the `descent` command embeds.
fn backend_font_size<DB: DrawingBackend>(font: f64) -> f64 {
    let backend = std::any::type_name::<DB>();
    if backend.contains("SVGBackend") {
        font * 1.24
    } else if backend.contains("BitMapBackend") {
        font * 1.16
    } else {
        font
    }
}
