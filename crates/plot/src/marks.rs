//! The combining hat of m̂, v̂ and ε̂ on backends that lay text out one character at a time.
//!
//! plotters' bitmap backend (with its `ab_glyph` fonts) draws every character's outline with
//! its left edge at the pen position and ignores mark positioning, so the zero-width combining
//! circumflex U+0302 lands on the *next* character: `m̂1` reads `m1`, the same as the
//! uncorrected `m1`. On that backend the text is drawn without the mark, and a hat is drawn
//! as two short strokes over the character it belongs to. SVG and the browser's canvas
//! position marks themselves and get the text unchanged.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use crate::PlotError;

/// The combining circumflex accent.
pub(crate) const HAT: char = '\u{302}';

/// Whether `DB` draws text character by character without placing combining marks.
pub(crate) fn needs_drawn_marks<DB: DrawingBackend>() -> bool {
    std::any::type_name::<DB>().contains("BitMapBackend")
}

/// `text` without its hats, and the character index (in that text) of every character that
/// carries one; a hat with nothing before it is dropped.
pub(crate) fn split_hats(text: &str) -> (String, Vec<usize>) {
    let mut base = String::with_capacity(text.len());
    let mut hatted = Vec::new();
    let mut count = 0;
    for c in text.chars() {
        if c == HAT {
            if count > 0 && hatted.last() != Some(&(count - 1)) {
                hatted.push(count - 1);
            }
        } else {
            base.push(c);
            count += 1;
        }
    }
    (base, hatted)
}

/// How high a character reaches above the baseline, in em: x-height for short lower-case
/// letters (m, v, ε), cap height otherwise.
fn top_of(c: char) -> f64 {
    let short = c.is_lowercase() && !"bdfhklt".contains(c) || "αεημνρσυω".contains(c);
    if short {
        0.56
    } else {
        0.74
    }
}

/// Draws `text`, anchored at `at` with `style` (whose font is `em` pixels per em), with each
/// hat drawn as strokes over its character, in `rgb`.
pub(crate) fn draw_with_hats<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    style: &TextStyle,
    at: (i32, i32),
    em: f64,
    rgb: [u8; 3],
) -> Result<(), PlotError> {
    let (base, hatted) = split_hats(text);
    area.draw_text(&base, style, at)?;
    if hatted.is_empty() {
        return Ok(());
    }
    let width =
        |s: &str| -> Result<f64, PlotError> { Ok(f64::from(area.estimate_text_size(s, style)?.0)) };
    let (total, height) = area.estimate_text_size(&base, style)?;
    let left = f64::from(at.0)
        - match style.pos.h_pos {
            HPos::Left => 0.0,
            HPos::Center => f64::from(total / 2),
            HPos::Right => f64::from(total),
        };
    let top = f64::from(at.1)
        - match style.pos.v_pos {
            VPos::Top => 0.0,
            VPos::Center => f64::from(height / 2),
            VPos::Bottom => f64::from(height),
        };
    // The bitmap backend puts the baseline half the requested size below the layout's top.
    let baseline = top + style.font.get_size() / 2.0;
    let stroke = (em / 12.0).round().max(1.0) as u32;
    let chars: Vec<char> = base.chars().collect();
    for i in hatted {
        let before: String = chars[..i].iter().collect();
        let x0 = left + width(&before)?;
        let centre = x0 + width(&chars[i].to_string())? / 2.0;
        let bottom = baseline - (top_of(chars[i]) + 0.14) * em;
        let apex = bottom - 0.15 * em;
        let half = 0.18 * em;
        let corner = |x: f64, y: f64| (x.round() as i32, y.round() as i32);
        let strokes = vec![
            corner(centre - half, bottom),
            corner(centre, apex),
            corner(centre + half, bottom),
        ];
        let ink = ShapeStyle {
            color: RGBColor(rgb[0], rgb[1], rgb[2]).to_rgba(),
            filled: false,
            stroke_width: stroke,
        };
        area.draw(&PathElement::new(strokes, ink))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hats_belong_to_the_character_before_them() {
        assert_eq!(split_hats("m̂1"), ("m1".to_owned(), vec![0]));
        assert_eq!(
            split_hats("−lr·m̂⊘(√v̂+ε̂)"),
            ("−lr·m⊘(√v+ε)".to_owned(), vec![4, 8, 10])
        );
        assert_eq!(split_hats("v1"), ("v1".to_owned(), vec![]));
        assert_eq!(split_hats("\u{302}x"), ("x".to_owned(), vec![]));
    }

    #[test]
    fn only_the_bitmap_backend_needs_drawn_marks() {
        assert!(!needs_drawn_marks::<plotters_svg::SVGBackend>());
    }
}
