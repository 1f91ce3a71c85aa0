//! The curvature glyph on the surface: at an iterate, the level ellipse of the local quadratic
//! with its principal axes (the sharpest solid, the flattest thin; a direction curving down
//! dashed), and beside it the ellipse the step effectively sees — that of D^½·H·D^½, drawn in
//! the step's own coordinates, round where the step sizes even the curvature out, coloured by
//! whether the step is stable. And the readout's sentences in a box over the surface.

use plotters::coord::Shift;
use plotters::prelude::*;

use descent_core::symmetric::Symmetric;

use crate::frame::Frame;
use crate::shapes::{dashed_polyline, polyline, rect, Clip, Point};
use crate::theme::{colour, text, Anchor, Theme, HALO, INK};
use crate::PlotError;

/// Whether the step from an iterate is stable along its sharpest direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stability {
    /// Its pre-sharpness is below the threshold.
    Stable,
    /// Within 1 % of it.
    Edge,
    /// Above it.
    Unstable,
    /// No threshold (a sign-based step), or numbers that are not finite.
    Unknown,
}

impl Stability {
    /// The colour of the ellipse the step sees.
    pub fn colour(self) -> [u8; 3] {
        match self {
            Stability::Stable => [0x1B, 0x9E, 0x77],
            Stability::Edge => [0xE6, 0x9F, 0x00],
            Stability::Unstable => [0xD5, 0x3E, 0x1F],
            Stability::Unknown => [0x66, 0x66, 0x66],
        }
    }
}

/// The glyph at one iterate.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CurvatureGlyph {
    /// The iterate w(t), in data coordinates.
    pub at: [f64; 2],
    /// The Hessian there.
    pub hessian: Symmetric,
    /// D^½·H·D^½: the curvature the step from there sees.
    pub effective: Symmetric,
    /// How that step fares.
    pub stability: Stability,
}

/// The glyphs' largest half-width, in CSS pixels.
const RADIUS: f64 = 34.0;
/// The sharpest direction's colour; the flattest is drawn in ink.
const SHARP: [u8; 3] = [0xD5, 0x3E, 0x1F];
/// Points along an ellipse.
const SEGMENTS: usize = 72;

/// One principal direction of a symmetric matrix drawn as a glyph: its unit vector and the
/// level set's half-length along it, 1/√|λ| (capped where λ = 0), and whether it curves down.
#[derive(Clone, Copy, Debug)]
struct Axis {
    direction: [f64; 2],
    length: f64,
    curves_down: bool,
}

/// The two axes of `m`, sharpest first, and whether its level set is an ellipse (both
/// eigenvalues positive). Lengths are relative: the longest is 1.
fn axes(m: &Symmetric) -> Option<([Axis; 2], bool)> {
    let e = m.eigen();
    let largest = e.lambda1.abs().max(e.lambda2.abs());
    if !(largest.is_finite() && largest > 0.0) {
        return None;
    }
    // An eigenvalue a million times smaller than the other is drawn as flat.
    let length = |lambda: f64| (largest / lambda.abs().max(largest * 1e-12)).sqrt();
    let (first, second) = (m.first_direction(), m.second_direction());
    let mut pair = [
        Axis {
            direction: first,
            length: length(e.lambda1),
            curves_down: e.lambda1 < 0.0,
        },
        Axis {
            direction: second,
            length: length(e.lambda2),
            curves_down: e.lambda2 < 0.0,
        },
    ];
    // The sharpest is the one of larger |λ|: the shorter axis.
    if pair[1].length < pair[0].length {
        pair.swap(0, 1);
    }
    let longest = pair[1].length;
    for axis in &mut pair {
        axis.length /= longest;
    }
    Some((pair, e.lambda2 > 0.0))
}

/// Draws the glyph's two parts: the level ellipse at `glyph.at` as the surface's axes scale it
/// (`frame`), and the step's ellipse beside it, in the step's coordinates.
pub fn draw_glyph<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    frame: &Frame,
    glyph: &CurvatureGlyph,
    pixel_ratio: f64,
) -> Result<(), PlotError> {
    let theme = Theme::new(pixel_ratio);
    let centre = frame.screen_from_data(glyph.at);
    if !frame.contains(centre.0, centre.1) {
        return Ok(());
    }
    // Pixels per data unit along each axis (y grows downwards on screen).
    let sx = f64::from(frame.width) / (frame.x_range[1] - frame.x_range[0]);
    let sy = f64::from(frame.height) / (frame.y_range[1] - frame.y_range[0]);
    let radius = theme.px(RADIUS);
    if let Some(shape) = axes(&glyph.hessian) {
        let to_screen = |v: [f64; 2]| [v[0] * sx, -v[1] * sy];
        draw_shape(area, &theme, centre, shape, to_screen, radius, INK)?;
    }
    if let Some(shape) = axes(&glyph.effective) {
        // Beside the iterate, inside the frame: right of it, or left near the right edge.
        let offset = 2.5 * radius;
        let side = if centre.0 + offset + radius <= f64::from(frame.right()) {
            1.0
        } else {
            -1.0
        };
        let beside = (centre.0 + side * offset, centre.1);
        let tether = [
            (centre.0 + side * radius, centre.1),
            (beside.0 - side * radius, beside.1),
        ];
        let dots = [theme.px(2.0), theme.px(3.0)];
        dashed_polyline(
            area,
            &Clip::of(frame),
            &tether,
            INK,
            0.6,
            theme.stroke(1.0),
            &dots,
        )?;
        let colour = glyph.stability.colour();
        draw_shape(
            area,
            &theme,
            beside,
            shape,
            |v| [v[0], -v[1]],
            radius,
            colour,
        )?;
    }
    Ok(())
}

/// Draws the level set of `shape` around `centre`: its ellipse (for a bowl) and its axes, the
/// directions mapped by `to_screen` and the whole scaled to `radius` pixels.
fn draw_shape<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    centre: Point,
    ([sharp, flat], bowl): ([Axis; 2], bool),
    to_screen: impl Fn([f64; 2]) -> [f64; 2],
    radius: f64,
    rgb: [u8; 3],
) -> Result<(), PlotError> {
    let along = |axis: &Axis, s: f64| {
        let [x, y] = to_screen(axis.direction.map(|d| d * axis.length * s));
        [x, y]
    };
    // The scale that makes the drawn shape `radius` pixels at its widest.
    let widest = (0..SEGMENTS)
        .map(|k| {
            let a = k as f64 * std::f64::consts::TAU / SEGMENTS as f64;
            let [x1, y1] = along(&sharp, a.cos());
            let [x2, y2] = along(&flat, a.sin());
            (x1 + x2).hypot(y1 + y2)
        })
        .fold(0.0_f64, f64::max);
    if !(widest.is_finite() && widest > 0.0) {
        return Ok(());
    }
    let scale = radius / widest;
    let at = |v: [f64; 2]| (centre.0 + v[0] * scale, centre.1 + v[1] * scale);
    let clip = Clip::everywhere();
    if bowl {
        let outline: Vec<Point> = (0..=SEGMENTS)
            .map(|k| {
                let a = k as f64 * std::f64::consts::TAU / SEGMENTS as f64;
                let [x1, y1] = along(&sharp, a.cos());
                let [x2, y2] = along(&flat, a.sin());
                at([x1 + x2, y1 + y2])
            })
            .collect();
        polyline(area, &clip, &outline, HALO, 0.8, theme.stroke(4.0))?;
        polyline(area, &clip, &outline, rgb, 1.0, theme.stroke(2.0))?;
    }
    for (axis, width, colour) in [(flat, 1.0, INK), (sharp, 2.0, SHARP)] {
        let ends = [at(along(&axis, -1.0)), at(along(&axis, 1.0))];
        let dashes = if axis.curves_down {
            vec![theme.px(4.0), theme.px(3.0)]
        } else {
            Vec::new()
        };
        dashed_polyline(
            area,
            &clip,
            &ends,
            HALO,
            0.8,
            theme.stroke(width + 2.0),
            &dashes,
        )?;
        dashed_polyline(
            area,
            &clip,
            &ends,
            colour,
            1.0,
            theme.stroke(width),
            &dashes,
        )?;
    }
    Ok(())
}

/// Draws `lines` in a white box at the top left of `frame` (the readout in a figure saved or
/// drawn by the command line; the page shows it as text beside the figure).
pub fn draw_readout<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    frame: &Frame,
    lines: &[String],
    pixel_ratio: f64,
) -> Result<(), PlotError> {
    if lines.is_empty() || frame.is_empty() {
        return Ok(());
    }
    let theme = Theme::new(pixel_ratio);
    let font = theme.tick_font();
    let step = theme.line_height(font);
    let pad = theme.pad();
    let width = lines
        .iter()
        .map(|l| theme.text_width(l, font))
        .fold(0.0_f64, f64::max)
        .min(f64::from(frame.width) - 2.0 * pad);
    let (x, y) = (f64::from(frame.x) + pad, f64::from(frame.y) + pad);
    let height = step * lines.len() as f64 + pad;
    let corner = |x: f64, y: f64| (x.round() as i32, y.round() as i32);
    let box_end = corner(x + width + pad, y + height);
    rect(area, corner(x, y), box_end, colour(HALO, 0.85))?;
    for (i, line) in lines.iter().enumerate() {
        let at = (x + pad / 2.0, y + pad / 2.0 + step * (i as f64 + 0.5));
        text(area, line, at, font, INK, Anchor::LEFT_MIDDLE, false)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sharpest_axis_is_the_shorter_and_lengths_are_relative() {
        let h = Symmetric {
            h11: 6.0,
            h12: 0.0,
            h22: 24.0,
        };
        let ([sharp, flat], bowl) = axes(&h).unwrap_or_else(|| panic!("a bowl"));
        assert!(bowl);
        assert_eq!(flat.length, 1.0);
        assert!((sharp.length - 0.5).abs() < 1e-15, "{sharp:?}");
        assert!(sharp.direction[1].abs() > 0.999, "λ = 24 is along w2");
        let saddle = Symmetric {
            h11: 2.0,
            h12: 0.0,
            h22: -2.0,
        };
        let ([a, b], bowl) = axes(&saddle).unwrap_or_else(|| panic!("axes"));
        assert!(!bowl && a.curves_down != b.curves_down);
        assert!(axes(&Symmetric::default()).is_none());
    }
}
