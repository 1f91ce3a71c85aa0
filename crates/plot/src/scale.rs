//! How surface values map to colour positions in [0, 1]: linear, or logarithmic above the
//! minimum for surfaces like Rosenbrock's whose values span many decades.

use crate::ticks;

/// A map from values to colour positions in [0, 1].
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ColorScale {
    /// `(v − min) / (max − min)`; a constant surface (`min == max`) maps to 0.5.
    Linear {
        /// Value at colour position 0.
        min: f64,
        /// Value at colour position 1.
        max: f64,
    },
    /// `log10(v − min + offset)` rescaled so that `min` maps to 0 and `max` to 1; `offset > 0`
    /// sets how far below the minimum the logarithm's zero lies, and so how much colour the
    /// smallest values get.
    Log {
        /// Value at colour position 0.
        min: f64,
        /// Value at colour position 1.
        max: f64,
        /// Added to `v − min` before the logarithm; positive.
        offset: f64,
    },
}

/// `fit` picks `Log` when a linear map would put more than half the samples in the bottom
/// tenth of the colours (the median is below `min + LOG_MEDIAN_FRACTION · (max − min)`).
pub const LOG_MEDIAN_FRACTION: f64 = 0.1;

impl ColorScale {
    /// The scale for a set of samples: their finite minimum and maximum, logarithmic when the
    /// values are concentrated near the minimum (Rosenbrock: 0 to 10⁵ with most of the plane
    /// in the valley), linear otherwise (a quadratic bowl). The log offset is the 1st
    /// percentile of `v − min` (at least 10⁻⁶ of the range), so the lowest percent of the
    /// surface shares the darkest colours and the rest spreads over the decades above.
    /// Non-finite values are ignored; no finite value gives `Linear { 0, 1 }`.
    pub fn fit(values: &[f64]) -> ColorScale {
        let (mut min, mut max) = (f64::INFINITY, f64::NEG_INFINITY);
        for &v in values {
            if v.is_finite() {
                min = min.min(v);
                max = max.max(v);
            }
        }
        if min > max {
            return ColorScale::Linear { min: 0.0, max: 1.0 };
        }
        let spread = max - min;
        if !(spread > 0.0 && spread.is_finite()) {
            return ColorScale::Linear { min, max };
        }
        let mut finite: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
        let median = quantile(&mut finite, 0.5);
        if median - min >= LOG_MEDIAN_FRACTION * spread {
            return ColorScale::Linear { min, max };
        }
        log_fit(&mut finite, min, max)
    }

    /// The logarithmic scale [`ColorScale::fit`] would choose for `values`, whether or not it
    /// would choose a logarithmic one (the 3-D view's log height); `fit`'s answer when the
    /// values have no spread.
    pub fn fit_log(values: &[f64]) -> ColorScale {
        match ColorScale::fit(values) {
            ColorScale::Linear { min, max } if max > min && (max - min).is_finite() => {
                let mut finite: Vec<f64> =
                    values.iter().copied().filter(|v| v.is_finite()).collect();
                log_fit(&mut finite, min, max)
            }
            scale => scale,
        }
    }

    /// Colour position of `v` in [0, 1] (clamped); `None` for NaN and ±∞.
    pub fn normalize(&self, v: f64) -> Option<f64> {
        self.normalizer_with(f64::log10)(v)
    }

    /// [`ColorScale::normalize`] for colouring a whole raster: the scale's constants computed
    /// once, and the logarithm of a log scale by [`raster_log10`] (within 10⁻¹² of
    /// `f64::log10`, so a colour differs from the exact one only when it lies that close to a
    /// rounding boundary), a few times faster than libm's in WebAssembly.
    pub fn normalizer(&self) -> impl Fn(f64) -> Option<f64> {
        self.normalizer_with(raster_log10)
    }

    /// The normalisation with `log10` as the logarithm (the bounds' and the values').
    fn normalizer_with(&self, log10: fn(f64) -> f64) -> impl Fn(f64) -> Option<f64> {
        let [min, max] = self.range();
        let log = match *self {
            ColorScale::Linear { .. } => None,
            ColorScale::Log { .. } => {
                let offset = self.offset();
                let (u0, u1) = (log10(offset), log10((max - min).max(0.0) + offset));
                Some((u0, u1, offset))
            }
        };
        move |v: f64| {
            if !v.is_finite() {
                return None;
            }
            let t = match log {
                None if max > min => (v - min) / (max - min),
                None => 0.5,
                Some((u0, u1, offset)) if u1 > u0 => {
                    (log10((v - min).max(0.0) + offset) - u0) / (u1 - u0)
                }
                Some(_) if max > min => (v - min) / (max - min),
                Some(_) => 0.5,
            };
            Some(if t.is_nan() { 0.5 } else { t.clamp(0.0, 1.0) })
        }
    }

    /// The value at colour position `t` (the inverse of [`ColorScale::normalize`]).
    pub fn value_at(&self, t: f64) -> f64 {
        match *self {
            ColorScale::Linear { min, max } => min + t * (max - min),
            ColorScale::Log { min, .. } => {
                let (u0, u1) = self.log_bounds();
                min + 10f64.powf(u0 + t * (u1 - u0)) - self.offset()
            }
        }
    }

    /// Whether the scale is logarithmic.
    pub fn is_log(&self) -> bool {
        matches!(self, ColorScale::Log { .. })
    }

    /// The value range `[min, max]`.
    pub fn range(&self) -> [f64; 2] {
        match *self {
            ColorScale::Linear { min, max } | ColorScale::Log { min, max, .. } => [min, max],
        }
    }

    /// Round values inside the range for the colour bar's labels, at most `count`, in
    /// increasing order: nice linear ticks, or for a log scale 0 and powers of ten (then 1-2-5
    /// multiples) spaced at least `1/(count−1)` apart in colour position.
    pub fn ticks(&self, count: usize) -> Vec<f64> {
        let [min, max] = self.range();
        if !self.is_log() || max <= min || max.is_nan() || min.is_nan() || count < 2 {
            return ticks::linear(min, max, count);
        }
        let gap = 1.0 / (count as f64 - 1.0) - 1e-9;
        for mantissas in [&[1.0][..], &[1.0, 2.0, 5.0][..]] {
            let mut chosen: Vec<f64> = Vec::new();
            let mut last_t = f64::NEG_INFINITY;
            for v in round_values(min, max, mantissas) {
                let t = self.normalize(v).unwrap_or(0.0);
                if t - last_t >= gap && chosen.len() < count {
                    chosen.push(v);
                    last_t = t;
                }
            }
            if chosen.len() >= 2 {
                return chosen;
            }
        }
        ticks::linear(min, max, count)
    }

    /// Labels for tick values of this scale (from [`ColorScale::ticks`]), as the colour bar
    /// shows them.
    pub fn tick_labels(&self, values: &[f64]) -> Vec<String> {
        if self.is_log() {
            ticks::format_log_ticks(values)
        } else {
            ticks::labels(values)
        }
    }

    /// The log offset, forced positive.
    fn offset(&self) -> f64 {
        match *self {
            ColorScale::Linear { .. } => 0.0,
            ColorScale::Log { min, max, offset } => {
                let floor = ((max - min).abs() * 1e-12).max(f64::MIN_POSITIVE);
                if offset.is_finite() && offset > floor {
                    offset
                } else {
                    floor
                }
            }
        }
    }

    /// `log10` of `offset` and of `max − min + offset`.
    fn log_bounds(&self) -> (f64, f64) {
        let [min, max] = self.range();
        let offset = self.offset();
        (offset.log10(), ((max - min).max(0.0) + offset).log10())
    }
}

/// The log scale over `[min, max]` of the finite `values`: its offset is their 1st percentile
/// above the minimum, at least 10⁻⁶ of the range.
fn log_fit(finite: &mut [f64], min: f64, max: f64) -> ColorScale {
    let low = quantile(finite, 0.01) - min;
    ColorScale::Log {
        min,
        max,
        offset: low.max((max - min) * 1e-6),
    }
}

/// log10(1 + i/256) for i = 0..=256, and 256/(256 + i): [`raster_log10`]'s table.
fn log_table() -> &'static [(f64, f64); 257] {
    static TABLE: std::sync::OnceLock<[(f64, f64); 257]> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        std::array::from_fn(|i| {
            let c = 1.0 + i as f64 / 256.0;
            (c.log10(), 1.0 / c)
        })
    })
}

/// log10 x for the colours of a raster: within 10⁻¹² of `f64::log10` for finite x > 0 (0
/// gives −∞, other values `f64::log10`'s answer). x = 2^k·m with m in [1, 2), m = c·(1 + r)
/// with c = 1 + i/256 from the table and 0 ≤ r < 1/256, so log10 x = k·log10 2 + log10 c +
/// ln(1 + r)/ln 10 with ln(1 + r) = r − r²/2 + r³/3 − r⁴/4 (the next term is below 10⁻¹²).
pub fn raster_log10(x: f64) -> f64 {
    if !(x.is_finite() && x >= f64::MIN_POSITIVE) {
        return x.log10();
    }
    let bits = x.to_bits();
    let k = ((bits >> 52) as i64 - 1023) as f64;
    let mantissa = bits & ((1 << 52) - 1);
    let m = f64::from_bits(mantissa | 1.0_f64.to_bits());
    let (log_c, reciprocal) = log_table()[(mantissa >> 44) as usize];
    let r = m * reciprocal - 1.0;
    let ln_1p = r * (1.0 - r * (0.5 - r * (1.0 / 3.0 - r * 0.25)));
    k * std::f64::consts::LOG10_2 + log_c + ln_1p * std::f64::consts::LOG10_E
}

/// 0 and ±m·10^k (m from `mantissas`) inside `[min, max]`, increasing.
fn round_values(min: f64, max: f64, mantissas: &[f64]) -> Vec<f64> {
    let top = min.abs().max(max.abs());
    let k_max = top.log10().ceil() as i32;
    let mut values: Vec<f64> = (k_max - 40..=k_max)
        .flat_map(|k| mantissas.iter().map(move |m| m * 10f64.powi(k)))
        .flat_map(|v| [v, -v])
        .chain([0.0])
        .filter(|v| (min..=max).contains(v))
        .collect();
    // A few hundred values at most: the short sort, one sort instance fewer in the first module.
    descent_core::sorting::sort_short_by(&mut values, f64::total_cmp);
    values.dedup();
    values
}

/// The `q`-quantile (0 ≤ q ≤ 1) of a non-empty slice, reordering it.
fn quantile(values: &mut [f64], q: f64) -> f64 {
    let index = ((values.len() - 1) as f64 * q).round() as usize;
    let (_, value, _) = values.select_nth_unstable_by(index, f64::total_cmp);
    *value
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sampled(f: impl Fn(f64, f64) -> f64, w1: [f64; 2], w2: [f64; 2], n: usize) -> Vec<f64> {
        let grid = descent_core::Grid {
            w1,
            w2,
            columns: n,
            rows: n,
        };
        (0..n)
            .flat_map(|r| (0..n).map(move |c| (r, c)))
            .map(|(r, c)| f(grid.w1_at(c), grid.w2_at(r)))
            .collect()
    }

    fn rosenbrock(w1: f64, w2: f64) -> f64 {
        (1.0 - w1).powi(2) + 100.0 * (w2 - w1 * w1).powi(2)
    }

    #[test]
    fn rosenbrock_gets_a_log_scale() {
        let values = sampled(rosenbrock, [-2.0, 2.0], [-1.0, 3.0], 120);
        let scale = ColorScale::fit(&values);
        assert!(scale.is_log(), "{scale:?}");
        let ColorScale::Log { min, max, offset } = scale else {
            unreachable!()
        };
        assert!((0.0..0.1).contains(&min), "{min}");
        assert!(max > 2000.0 && max < 2600.0, "{max}");
        assert!(offset > 0.0 && offset < 10.0, "{offset}");
        // Half of the surface lies in the lower 70 % of the colours, not squeezed into 5 %.
        let mut t: Vec<f64> = values.iter().filter_map(|&v| scale.normalize(v)).collect();
        assert!(quantile(&mut t, 0.5) > 0.3);
    }

    #[test]
    fn the_raster_logarithm_is_log10_to_twelve_digits() {
        let mut x = 1e-300;
        while x < 1e300 {
            for y in [
                x,
                x * 1.000_123,
                x * 1.5,
                x * 1.999_999,
                x * std::f64::consts::PI,
            ] {
                let (fast, exact) = (raster_log10(y), y.log10());
                assert!((fast - exact).abs() < 1e-12, "{y}: {fast} vs {exact}");
            }
            x *= 7.3;
        }
        assert_eq!(raster_log10(0.0), f64::NEG_INFINITY);
        assert!(raster_log10(-1.0).is_nan());
        assert_eq!(raster_log10(1.0), 0.0);
        let scale = ColorScale::Log {
            min: 0.0,
            max: 1e5,
            offset: 1e-3,
        };
        let colour = scale.normalizer();
        for v in [0.0, 1e-3, 0.5, 17.0, 4e4, 1e5] {
            let (fast, exact) = (
                colour(v).unwrap_or(-1.0),
                scale.normalize(v).unwrap_or(-1.0),
            );
            assert!((fast - exact).abs() < 1e-12, "{v}");
        }
    }

    #[test]
    fn a_log_fit_can_be_asked_for() {
        let bowl = sampled(|a, b| a * a + b * b, [-1.0, 1.0], [-1.0, 1.0], 50);
        assert!(!ColorScale::fit(&bowl).is_log());
        let log = ColorScale::fit_log(&bowl);
        assert!(log.is_log());
        assert_eq!(log.range(), ColorScale::fit(&bowl).range());
        let values = sampled(rosenbrock, [-2.0, 2.0], [-1.0, 3.0], 60);
        assert_eq!(ColorScale::fit_log(&values), ColorScale::fit(&values));
        assert_eq!(
            ColorScale::fit_log(&[3.0, 3.0]),
            ColorScale::fit(&[3.0, 3.0])
        );
    }

    #[test]
    fn wide_rosenbrock_is_log_too() {
        let values = sampled(rosenbrock, [-5.0, 5.0], [-5.0, 25.0], 80);
        assert!(ColorScale::fit(&values).is_log());
    }

    #[test]
    fn the_article_bowl_gets_a_linear_scale() {
        let values = sampled(
            |a, b| 3.0 * a * a + 10.0 * b * b,
            [-20.0, 20.0],
            [-20.0, 20.0],
            100,
        );
        let scale = ColorScale::fit(&values);
        assert!(!scale.is_log(), "{scale:?}");
        let [min, max] = scale.range();
        assert!(min < 1.0 && max > 5000.0);
        assert_eq!(scale.normalize(min), Some(0.0));
        assert_eq!(scale.normalize(max), Some(1.0));
    }

    #[test]
    fn degenerate_inputs_still_work() {
        let empty = ColorScale::fit(&[]);
        assert_eq!(empty, ColorScale::Linear { min: 0.0, max: 1.0 });
        let constant = ColorScale::fit(&[2.0, 2.0, f64::NAN]);
        assert_eq!(constant.normalize(2.0), Some(0.5));
        assert_eq!(constant.ticks(5), vec![2.0]);
        assert_eq!(ColorScale::fit(&[f64::NAN, f64::INFINITY]), empty);
        assert_eq!(constant.normalize(f64::NAN), None);
        assert_eq!(constant.normalize(f64::NEG_INFINITY), None);
    }

    #[test]
    fn non_finite_values_are_ignored_by_fit() {
        let scale = ColorScale::fit(&[0.0, f64::INFINITY, 1.0, f64::NAN, 2.0]);
        assert_eq!(scale, ColorScale::Linear { min: 0.0, max: 2.0 });
    }

    #[test]
    fn log_normalize_and_value_at_are_inverse_and_monotone() {
        let scale = ColorScale::Log {
            min: 0.0,
            max: 1e5,
            offset: 0.1,
        };
        assert_eq!(scale.normalize(0.0), Some(0.0));
        assert_eq!(scale.normalize(1e5), Some(1.0));
        assert_eq!(scale.normalize(-5.0), Some(0.0));
        let mut previous = 0.0;
        for v in [0.01, 0.1, 1.0, 10.0, 100.0, 1e4] {
            let t = scale.normalize(v).unwrap_or(-1.0);
            assert!(t > previous);
            assert!((scale.value_at(t) - v).abs() < 1e-9 * v.max(1.0));
            previous = t;
        }
    }

    #[test]
    fn log_ticks_are_round_and_spread() {
        let scale = ColorScale::Log {
            min: 0.0,
            max: 2500.0,
            offset: 0.5,
        };
        let ticks = scale.ticks(6);
        assert!(ticks.len() >= 3 && ticks.len() <= 6, "{ticks:?}");
        assert_eq!(ticks[0], 0.0);
        assert!(ticks.contains(&10.0) && ticks.contains(&100.0) && ticks.contains(&1000.0));
        let linear = ColorScale::Linear {
            min: -1.0,
            max: 9.0,
        };
        assert_eq!(linear.ticks(6), vec![0.0, 2.0, 4.0, 6.0, 8.0]);
    }
}
