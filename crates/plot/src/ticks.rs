//! Axis ticks: round values inside a range and their labels, for linear and logarithmic axes.

/// The smallest "nice" step (1, 2 or 5 × 10^k) that is at least `raw`; 1 for non-positive or
/// non-finite input.
pub fn nice_step(raw: f64) -> f64 {
    if !(raw.is_finite() && raw > 0.0) {
        return 1.0;
    }
    let decade = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * decade)
        .find(|&step| step >= raw * (1.0 - 1e-12))
        .unwrap_or(10.0 * decade)
}

/// Multiples of the finest nice step that give at most `max_count` values inside `[lo, hi]`
/// (ends included), in increasing order; when that step leaves a single tick, the next finer
/// step instead (up to `2 · max_count + 1` ticks: −4…4 in 2 ticks gives −4, −2, 0, 2, 4).
/// Empty for a non-finite range or `max_count == 0`; `[lo]` for an empty range.
pub fn linear(lo: f64, hi: f64, max_count: usize) -> Vec<f64> {
    if !(lo.is_finite() && hi.is_finite()) || max_count == 0 || lo > hi {
        return Vec::new();
    }
    if lo == hi {
        return vec![lo];
    }
    let mut step = nice_step((hi - lo) / max_count as f64);
    loop {
        let ticks = multiples(lo, hi, step);
        if ticks.len() > max_count {
            step = nice_step(step * 1.5);
            continue;
        }
        if ticks.len() < 2 {
            let finer = multiples(lo, hi, finer_step(step));
            if finer.len() <= 2 * max_count + 1 {
                return finer;
            }
        }
        return ticks;
    }
}

/// The nice step below a nice step (5 → 2 → 1 → 0.5).
fn finer_step(step: f64) -> f64 {
    let decade = 10f64.powf((step.log10() + 1e-9).floor());
    let mantissa = (step / decade).round();
    if mantissa >= 5.0 {
        2.0 * decade
    } else if mantissa >= 2.0 {
        decade
    } else {
        0.5 * decade
    }
}

/// The nice step between consecutive values of a tick list (1 when there are fewer than two),
/// free of the rounding error of their difference.
pub fn step_of(ticks: &[f64]) -> f64 {
    match ticks {
        [a, b, ..] => nice_step((b - a).abs() * (1.0 - 1e-9)),
        _ => 1.0,
    }
}

/// Multiples of `step` inside `[lo, hi]` (with a tolerance of 1e-9 steps at both ends); none
/// when there would be more than 10 000 (a step far too small for the range).
pub(crate) fn multiples(lo: f64, hi: f64, step: f64) -> Vec<f64> {
    let first = (lo / step - 1e-9).ceil() as i64;
    let last = (hi / step + 1e-9).floor() as i64;
    if last.saturating_sub(first) > 10_000 {
        return Vec::new();
    }
    (first..=last)
        .map(|k| if k == 0 { 0.0 } else { k as f64 * step })
        .collect()
}

/// Labels for the ticks of a linear axis (as [`linear`] gives them): as many decimals as the
/// step needs; when the largest magnitude reaches a million or the step is below 10⁻⁴, one
/// shared exponent (`0.5e6`, `1.0e6`, `1.5e6`) with as many digits as it takes to tell the
/// ticks apart (`1.000000001e15`, `1.000000002e15`; [`offset_labels`] keeps such labels
/// short); a true minus sign.
pub fn labels(values: &[f64]) -> Vec<String> {
    let step = step_of(values);
    let step_exponent = exponent(step);
    let top = values.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    let shared = (top >= 1e6 || step < 1e-4).then(|| exponent(top));
    values
        .iter()
        .map(|&value| {
            if value.abs() < step * 1e-6 {
                return "0".to_string();
            }
            let text = match shared {
                Some(e) => {
                    let decimals = (e - step_exponent).clamp(0, 16) as usize;
                    format!("{:.decimals$}e{e}", value / 10f64.powi(e))
                }
                None => {
                    let decimals = (-step_exponent).max(0) as usize;
                    format!("{value:.decimals$}")
                }
            };
            text.replace('-', "\u{2212}")
        })
        .collect()
}

/// The most significant digits a tick label needs before an axis switches to offset notation.
const MAX_SIGNIFICANT_DIGITS: i32 = 6;

/// Tick labels relative to an offset, for ticks close together far from zero.
#[derive(Clone, Debug, PartialEq)]
pub struct OffsetLabels {
    /// The round number subtracted from every tick, when the ticks need more than six
    /// significant digits to be told apart (a view of 1e15 … 1e15 + 10⁸).
    pub offset: Option<f64>,
    /// The labels of the ticks, less the offset when there is one.
    pub labels: Vec<String>,
}

/// Labels for the ticks of a linear axis that stay short: as [`labels`], or, when the ticks
/// differ only after the sixth significant digit, the labels of `tick − offset` for the
/// roundest `offset` among the ticks (the axis title then says `w1 − 1e15`; see
/// [`offset_title`]).
pub fn offset_labels(values: &[f64]) -> OffsetLabels {
    let step = step_of(values);
    let top = values.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    let (Some(first), Some(last)) = (values.first(), values.last()) else {
        return OffsetLabels {
            offset: None,
            labels: Vec::new(),
        };
    };
    let digits = exponent(top) - exponent(step) + 1;
    if values.len() < 2 || digits <= MAX_SIGNIFICANT_DIGITS {
        return OffsetLabels {
            offset: None,
            labels: labels(values),
        };
    }
    // The roundest number among the ticks' range: the multiple of the largest power of ten
    // that falls inside it.
    let (lo, hi) = (first.min(*last), first.max(*last));
    let offset = (exponent(step)..=exponent(top))
        .rev()
        .map(|k| 10f64.powi(k))
        .map(|unit| (lo / unit).ceil() * unit)
        .find(|&m| m <= hi)
        .unwrap_or(*first);
    let shifted: Vec<f64> = values.iter().map(|v| v - offset).collect();
    OffsetLabels {
        offset: Some(offset),
        labels: labels(&shifted),
    }
}

/// An axis title with the offset its tick labels leave out: `w1 − 1e15`, `w2 + 2.5e7`.
pub fn offset_title(title: &str, offset: f64) -> String {
    let sign = if offset < 0.0 { '+' } else { '\u{2212}' };
    format!("{title} {sign} {}", offset_text(offset.abs()))
}

/// A number as an offset is written: shortest form, in exponent notation from 10⁵ up
/// (`1e15`, `2.5e7`, `1234.5`), with a true minus sign.
pub fn offset_text(value: f64) -> String {
    let text = if value != 0.0 && (value.abs() >= 1e5 || value.abs() < 1e-3) {
        format!("{value:e}")
    } else {
        format!("{value}")
    };
    text.replace('-', "\u{2212}")
}

/// The decimal exponent of a positive number (`0.05` → −2), robust to rounding; 0 otherwise.
fn exponent(v: f64) -> i32 {
    if v > 0.0 && v.is_finite() {
        (v.log10() + 1e-9).floor() as i32
    } else {
        0
    }
}

/// Ticks for a logarithmic axis over `[lo, hi]` (both > 0): powers of ten (every k-th one when
/// there are too many), else 1-2-5 multiples, else linear ticks; at most `max_count` values.
pub fn log(lo: f64, hi: f64, max_count: usize) -> Vec<f64> {
    if !(lo.is_finite() && hi.is_finite() && lo > 0.0 && lo <= hi) || max_count == 0 {
        return Vec::new();
    }
    let (a, b) = (lo.log10(), hi.log10());
    let first = (a - 1e-9).ceil() as i32;
    let last = (b + 1e-9).floor() as i32;
    let decades = (last - first + 1).max(0) as usize;
    if decades >= 2 {
        let stride = decades.div_ceil(max_count) as i32;
        return (first..=last)
            .filter(|k| k.rem_euclid(stride) == 0)
            .map(|k| 10f64.powi(k))
            .collect();
    }
    let mantissas: Vec<f64> = ((first - 1)..=(last + 1))
        .flat_map(|k| [1.0, 2.0, 5.0].map(|m| m * 10f64.powi(k)))
        .filter(|v| *v >= lo * (1.0 - 1e-9) && *v <= hi * (1.0 + 1e-9))
        .collect();
    if mantissas.len() >= 2 && mantissas.len() <= max_count {
        return mantissas;
    }
    linear(lo, hi, max_count)
        .into_iter()
        .filter(|v| *v > 0.0)
        .collect()
}

/// Labels for ticks on a logarithmic scale: plain numbers when they all lie between 0.01 and
/// 10 000 (`0.1`, `1`, `100`), otherwise powers of ten as `10⁻³`, `10⁰`, `10⁶` and other values
/// as `2×10⁵` or plain.
pub fn format_log_ticks(values: &[f64]) -> Vec<String> {
    let plain = values
        .iter()
        .all(|v| *v == 0.0 || (0.01..=1e4).contains(&v.abs()));
    values.iter().map(|&v| format_log(v, !plain)).collect()
}

/// Label for one value on a logarithmic scale: a power of ten as `10ᵏ` when `powers` is set or
/// when it is far from 1 (below 0.001 or above 10 000); other values plain with three
/// significant digits from 0.001 to 99 999, `2×10⁵` beyond.
pub fn format_log(value: f64, powers: bool) -> String {
    if value == 0.0 || !value.is_finite() {
        return if value.is_nan() {
            "NaN".into()
        } else if value == 0.0 {
            "0".into()
        } else {
            "∞".into()
        };
    }
    if value < 0.0 {
        return format!("\u{2212}{}", format_log(-value, powers));
    }
    let exponent = value.log10().floor() as i32;
    let mantissa = (value / 10f64.powi(exponent) * 100.0).round() / 100.0;
    let (mantissa, exponent) = if mantissa >= 10.0 {
        (mantissa / 10.0, exponent + 1)
    } else {
        (mantissa, exponent)
    };
    if mantissa == 1.0 && (powers || !(-3..=4).contains(&exponent)) {
        return format!("10{}", superscript(exponent));
    }
    if (-3..=4).contains(&exponent) {
        let decimals = (2 - exponent).max(0) as usize;
        let text = format!("{:.decimals$}", mantissa * 10f64.powi(exponent));
        return trim_zeros(&text);
    }
    format!(
        "{}×10{}",
        trim_zeros(&format!("{mantissa:.2}")),
        superscript(exponent)
    )
}

/// Drops trailing zeros after a decimal point ("2.50" → "2.5", "3.00" → "3").
fn trim_zeros(text: &str) -> String {
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text.to_string()
    }
}

/// An integer in Unicode superscript digits (`-12` → `⁻¹²`).
pub fn superscript(n: i32) -> String {
    const DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    let mut text = String::new();
    if n < 0 {
        text.push('⁻');
    }
    for c in n.unsigned_abs().to_string().chars() {
        if let Some(d) = c.to_digit(10) {
            text.push(DIGITS[d as usize]);
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_steps() {
        assert_eq!(nice_step(0.7), 1.0);
        assert_eq!(nice_step(1.3), 2.0);
        assert_eq!(nice_step(3.0), 5.0);
        assert_eq!(nice_step(6.0), 10.0);
        assert_eq!(nice_step(0.023), 0.05);
        assert_eq!(nice_step(-1.0), 1.0);
    }

    #[test]
    fn linear_ticks_are_round_and_inside() {
        assert_eq!(linear(-2.0, 2.0, 5), vec![-2.0, -1.0, 0.0, 1.0, 2.0]);
        assert_eq!(linear(-1.0, 3.0, 3), vec![0.0, 2.0]);
        assert_eq!(linear(-4.0, 4.0, 4), vec![-4.0, -2.0, 0.0, 2.0, 4.0]);
        assert_eq!(linear(-4.0, 4.0, 2), vec![-4.0, -2.0, 0.0, 2.0, 4.0]);
        assert_eq!(linear(0.0, 1000.0, 3), vec![0.0, 500.0, 1000.0]);
        let t = linear(0.13, 0.91, 6);
        assert!(t.len() <= 6 && t.len() >= 3, "{t:?}");
        assert!(t.iter().all(|v| (0.13..=0.91).contains(v)));
        assert_eq!(linear(1.0, 1.0, 4), vec![1.0]);
        assert!(linear(0.0, f64::NAN, 4).is_empty());
        assert!(linear(0.0, 1.0, 0).is_empty());
    }

    #[test]
    fn linear_labels() {
        let l = |v: &[f64]| labels(v);
        assert_eq!(l(&[0.0, 0.5, 1.0]), ["0", "0.5", "1.0"]);
        assert_eq!(l(&[-2.0, -1.0, 0.0]), ["\u{2212}2", "\u{2212}1", "0"]);
        assert_eq!(l(&[-0.2, 1e-17, 0.2]), ["\u{2212}0.2", "0", "0.2"]);
        assert_eq!(l(&[0.2, 0.25, 0.3]), ["0.20", "0.25", "0.30"]);
        assert_eq!(
            l(&[0.0, 5e5, 1e6, 1.5e6, 2e6]),
            ["0", "0.5e6", "1.0e6", "1.5e6", "2.0e6"]
        );
        assert_eq!(l(&[1000.0, 1500.0]), ["1000", "1500"]);
        assert_eq!(
            l(&[-15.3, -15.200000000000001]),
            ["\u{2212}15.3", "\u{2212}15.2"]
        );
        assert_eq!(l(&[1e-5, 2e-5]), ["1e\u{2212}5", "2e\u{2212}5"]);
        assert_eq!(step_of(&[-15.3, -15.200000000000001]), 0.1);
        // Ticks a million apart at 1e15 differ in the tenth digit: every label says so.
        let far: Vec<f64> = (0..4).map(|k| 1e15 + f64::from(k) * 2e6).collect();
        let text = l(&far);
        assert_eq!(text[0], "1.000000000e15");
        assert_eq!(text[1], "1.000000002e15");
        let mut unique = text.clone();
        unique.dedup();
        assert_eq!(unique.len(), 4, "{text:?}");
    }

    #[test]
    fn ticks_close_together_far_from_zero_get_an_offset() {
        let far: Vec<f64> = linear(1e15, 1e15 + 1e8, 6);
        let labelled = offset_labels(&far);
        assert_eq!(labelled.offset, Some(1e15));
        assert_eq!(labelled.labels[0], "0");
        assert_eq!(labelled.labels[1], "0.2e8");
        assert_eq!(offset_title("w1", 1e15), "w1 \u{2212} 1e15");
        let near_a_million = linear(1e6, 1e6 + 1.0, 6);
        let labelled = offset_labels(&near_a_million);
        assert_eq!(labelled.offset, Some(1e6));
        assert_eq!(labelled.labels, ["0", "0.2", "0.4", "0.6", "0.8", "1.0"]);
        let negative = offset_labels(&linear(-2.5e7 - 10.0, -2.5e7, 5));
        // The roundest number from −25 000 010 to −25 000 000.
        assert_eq!(negative.offset, Some(-2.5e7));
        assert_eq!(offset_title("w2", -2.5e7), "w2 + 2.5e7");
        assert_eq!(
            negative.labels.first().map(String::as_str),
            Some("\u{2212}10")
        );
        let around = offset_labels(&linear(1e15 - 2e6, 1e15 + 1.5e6, 8));
        assert_eq!(around.offset, Some(1e15));
        // Ordinary axes keep their labels and no offset.
        let plain = offset_labels(&[-20.0, -10.0, 0.0, 10.0, 20.0]);
        assert_eq!(plain.offset, None);
        assert_eq!(plain.labels, labels(&[-20.0, -10.0, 0.0, 10.0, 20.0]));
        assert_eq!(offset_labels(&[100_000.0, 100_002.0]).offset, None);
        assert_eq!(offset_labels(&[]).labels, Vec::<String>::new());
        assert_eq!(offset_text(1234.5), "1234.5");
    }

    #[test]
    fn log_ticks() {
        assert_eq!(log(0.5, 2000.0, 10), vec![1.0, 10.0, 100.0, 1000.0]);
        let many = log(1e-30, 1e3, 6);
        assert!(many.len() <= 6 && many.len() >= 3, "{many:?}");
        assert_eq!(log(3.0, 30.0, 10), vec![5.0, 10.0, 20.0]);
        assert!(log(-1.0, 2.0, 5).is_empty());
    }

    #[test]
    fn log_labels() {
        assert_eq!(format_log(1000.0, false), "1000");
        assert_eq!(format_log(1e5, false), "10⁵");
        assert_eq!(format_log(1e-4, false), "10⁻⁴");
        assert_eq!(format_log(0.001, false), "0.001");
        assert_eq!(format_log(0.001, true), "10⁻³");
        assert_eq!(format_log(1.0, true), "10⁰");
        assert_eq!(format_log(2e5, false), "2×10⁵");
        assert_eq!(format_log(0.0, true), "0");
        assert_eq!(format_log(-20.0, false), "\u{2212}20");
        assert_eq!(format_log(2.5, true), "2.5");
        assert_eq!(
            format_log_ticks(&[0.0, 0.01, 10.0, 1000.0]),
            ["0", "0.01", "10", "1000"]
        );
        assert_eq!(
            format_log_ticks(&[1.0, 100.0, 1e4, 1e6]),
            ["10⁰", "10²", "10⁴", "10⁶"]
        );
    }
}
