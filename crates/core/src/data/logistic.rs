//! The logistic model's mean cross-entropy and its gradient over a whole data set: the hot loop
//! of a logistic training run, which evaluates them at every row (a 1000-step run on 10 000
//! points takes ten million samples).
//!
//! Sample i has u = ±(w1·xᵢ + w2) (+ for y = 0, − for y = 1), loss softplus(u) =
//! max(u, 0) + ln(1 + e) with e = e^−|u|, and slope ∂ℓ/∂z = ±σ(u), where σ(u) is 1/(1 + e)
//! for u ≥ 0 and e/(1 + e) below. One exponential per sample is unavoidable; the logarithm is
//! not: the factors 1 + e of the samples with e ≥ 2^−10 are multiplied together (rescaled by
//! a power of two every [`RESCALE`] samples) and the product's logarithm is taken once, while
//! the samples with smaller e (|u| > 6.9, well classified) add ln(1 + e) from its series, so
//! that a sum of tiny losses keeps its relative accuracy. Each factor's rounding costs at most
//! 2^−53 of its ln(1 + e) ≥ 0.00098, so E stays within about 10^−13 of the sum of the samples'
//! [`crate::data::neuron::Model::loss_and_slope`] (tested).
//!
//! The samples go in blocks: first u of every sample, then the exponentials four side by side
//! ([`portable::exp_lanes`]), then the sums, kept twice (even and odd samples) so that their
//! additions overlap. WebAssembly engines reorder little, and the interleaving gained a third
//! there. A 1000-step run on 10 000 points: 370 ms natively with the sample-by-sample sum,
//! about 70 ms in Chromium and 50 ms natively now (docs/performance.md).
//!
//! Built from IEEE basic arithmetic and [`crate::portable`] only: the same bits natively and in
//! WebAssembly.

use crate::portable;

/// Below this e the loss ln(1 + e) comes from its series, not from the product.
const SERIES_BELOW: f64 = 1.0 / 1024.0;
/// Samples multiplied into the product before it is rescaled: 512 factors of at most 2 stay
/// far below the largest double.
const RESCALE: usize = 512;
/// The mantissa bits of an f64.
const MANTISSA: u64 = (1 << 52) - 1;

/// ln(1 + e) for 0 ≤ e < 2^−10, from its series to e⁶/6 (the rest is below 2^−60·e).
#[inline]
fn ln_1p_small(e: f64) -> f64 {
    e * (1.0 - e * (0.5 - e * (1.0 / 3.0 - e * (0.25 - e * (0.2 - e * (1.0 / 6.0))))))
}

/// The sums over a data set, kept while the samples are visited.
#[derive(Clone, Copy, Debug)]
struct Sums {
    /// Σ max(u, 0).
    linear: f64,
    /// Σ ln(1 + e) of the samples with e < 2^−10.
    small: f64,
    /// Π (1 + e) of the others, times 2^−`exponent`.
    product: f64,
    /// The power of two taken out of `product`.
    exponent: i64,
    /// Σ slope·x.
    g1: f64,
    /// Σ slope.
    g2: f64,
}

impl Sums {
    /// Moves the product's power of two into `exponent` (exact).
    fn rescale(&mut self) {
        let bits = self.product.to_bits();
        let biased = (bits >> 52) as i64;
        // A product of finite factors ≥ 1 is a normal number ≥ 1, unless NaN or infinite
        // (then it is left as it is, and the sum shows it).
        if (1023..2047).contains(&biased) {
            self.exponent += biased - 1023;
            self.product = f64::from_bits((bits & MANTISSA) | 1.0_f64.to_bits());
        }
    }

    /// Σ loss.
    fn loss(&self) -> f64 {
        let k = self.exponent as f64;
        let logarithm = portable::ln(self.product) + k * std::f64::consts::LN_2;
        self.linear + (self.small + logarithm)
    }
}

/// Samples whose exponentials are computed in one pass before they are summed in a second:
/// the first pass has no dependence from one sample to the next.
const BLOCK: usize = 64;
/// Exponentials computed side by side ([`portable::exp_lanes`]).
const LANES: usize = 4;

impl Sums {
    /// No samples yet.
    const EMPTY: Sums = Sums {
        linear: 0.0,
        small: 0.0,
        product: 1.0,
        exponent: 0,
        g1: 0.0,
        g2: 0.0,
    };

    /// Adds the sums of `other` (both rescaled).
    fn merge(&mut self, other: Sums) {
        self.linear += other.linear;
        self.small += other.small;
        self.product *= other.product;
        self.exponent += other.exponent;
        self.g1 += other.g1;
        self.g2 += other.g2;
        self.rescale();
    }

    /// Adds sample (x, y) with u = ±(w1·x + w2) and e = e^−|u|.
    #[inline(always)]
    fn add(&mut self, x: f64, y: f64, u: f64, e: f64) {
        let sign = 1.0 - 2.0 * y;
        let inverse = 1.0 / (1.0 + e);
        let sigma = if u >= 0.0 { inverse } else { e * inverse };
        let slope = sign * sigma;
        self.g1 += slope * x;
        self.g2 += slope;
        // max(u, 0) as a comparison: `f64::max` is a call to fmax in WebAssembly.
        self.linear += if u > 0.0 { u } else { 0.0 };
        let small = e < SERIES_BELOW;
        self.small += if small { ln_1p_small(e) } else { 0.0 };
        self.product *= if small { 1.0 } else { 1.0 + e };
    }
}

/// e^−|u| of each of `us` into `es`, [`LANES`] side by side.
fn exponentials(us: &[f64], es: &mut [f64]) {
    let whole = us.len() / LANES * LANES;
    let lanes = us[..whole].chunks_exact(LANES);
    for (u, e) in lanes.zip(es[..whole].chunks_exact_mut(LANES)) {
        let mut arguments = [0.0; LANES];
        for (a, &u) in arguments.iter_mut().zip(u) {
            *a = -u.abs();
        }
        e.copy_from_slice(&portable::exp_lanes(arguments));
    }
    for (u, e) in us[whole..].iter().zip(&mut es[whole..]) {
        *e = portable::exp(-u.abs());
    }
}

/// The mean loss E(w) and its gradient ∇E(w) over the samples (`x`, `y`), y ∈ {0, 1}.
pub fn mean_loss_and_gradient(x: &[f64], y: &[f64], w: [f64; 2]) -> (f64, [f64; 2]) {
    // Even and odd samples add to sums of their own.
    let mut sums = [Sums::EMPTY; 2];
    let (mut us, mut es) = ([0.0; BLOCK], [0.0; BLOCK]);
    for (xs, ys) in x.chunks(RESCALE).zip(y.chunks(RESCALE)) {
        for (xb, yb) in xs.chunks(BLOCK).zip(ys.chunks(BLOCK)) {
            let n = xb.len();
            for ((u, &xi), &yi) in us.iter_mut().zip(xb).zip(yb) {
                // +1 for y = 0, −1 for y = 1 (exact).
                *u = (1.0 - 2.0 * yi) * (w[0] * xi + w[1]);
            }
            exponentials(&us[..n], &mut es[..n]);
            let [even, odd] = &mut sums;
            let pairs = n / 2 * 2;
            for k in (0..pairs).step_by(2) {
                even.add(xb[k], yb[k], us[k], es[k]);
                odd.add(xb[k + 1], yb[k + 1], us[k + 1], es[k + 1]);
            }
            if pairs < n {
                even.add(xb[pairs], yb[pairs], us[pairs], es[pairs]);
            }
        }
        for lane in &mut sums {
            lane.rescale();
        }
    }
    let [mut sums, odd] = sums;
    sums.merge(odd);
    let n = x.len().max(1) as f64;
    (sums.loss() / n, [sums.g1 / n, sums.g2 / n])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::neuron::Model;
    use crate::data::random::{Purpose, Rng};

    /// E and ∇E summed sample by sample with the model's own loss and slope.
    fn by_samples(x: &[f64], y: &[f64], w: [f64; 2]) -> (f64, [f64; 2]) {
        let (mut loss, mut g) = (0.0, [0.0; 2]);
        for (&xi, &yi) in x.iter().zip(y) {
            let (l, slope) = Model::Logistic.loss_and_slope(w[0] * xi + w[1], yi);
            loss += l;
            g[0] += slope * xi;
            g[1] += slope;
        }
        let n = x.len() as f64;
        (loss / n, [g[0] / n, g[1] / n])
    }

    #[test]
    fn the_sums_agree_with_the_samples_losses() {
        let mut rng = Rng::stream(3, Purpose::Data, 99);
        let n = 5000;
        let x: Vec<f64> = (0..n).map(|_| 4.0 * rng.normal_pair()[0]).collect();
        let y: Vec<f64> = x
            .iter()
            .map(|&x| f64::from(u8::from(x + rng.normal_pair()[0] > 0.0)))
            .collect();
        // From a poor fit (E near ln 2) to far beyond the best one (tiny and huge losses).
        for w in [
            [0.0, 0.0],
            [1.0, 0.2],
            [3.0, -1.0],
            [40.0, 0.0],
            [-25.0, 3.0],
            [300.0, 7.0],
        ] {
            let (value, g) = mean_loss_and_gradient(&x, &y, w);
            let (expected, g_expected) = by_samples(&x, &y, w);
            assert!(
                (value - expected).abs() <= 1e-13 * expected,
                "{w:?}: {value} vs {expected}"
            );
            for k in 0..2 {
                let scale = g_expected[0].abs() + g_expected[1].abs();
                assert!(
                    (g[k] - g_expected[k]).abs() <= 1e-13 * scale,
                    "{w:?}: {g:?} vs {g_expected:?}"
                );
            }
        }
    }

    #[test]
    fn tiny_losses_keep_their_relative_accuracy() {
        // Every sample far on its side: each loss about e^−30.
        let x = [-3.0, -2.0, 2.0, 3.0];
        let y = [0.0, 0.0, 1.0, 1.0];
        let (value, _) = mean_loss_and_gradient(&x, &y, [15.0, 0.0]);
        let (expected, _) = by_samples(&x, &y, [15.0, 0.0]);
        assert!(
            (value / expected - 1.0).abs() < 1e-14,
            "{value} vs {expected}"
        );
        assert_eq!(
            mean_loss_and_gradient(&x, &y, [1000.0, 0.0]),
            (0.0, [0.0, 0.0])
        );
        let (value, g) = mean_loss_and_gradient(&x, &y, [-1000.0, 0.0]);
        assert_eq!(value, 2500.0);
        assert_eq!(g, [-2.5, 0.0]);
        let (value, _) = mean_loss_and_gradient(&x, &y, [f64::NAN, 0.0]);
        assert!(value.is_nan());
    }
}
