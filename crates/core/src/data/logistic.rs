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
//! The sums are kept twice, for the even and for the odd samples, and the two are computed
//! side by side as the lanes of an [`F64x2`]: WebAssembly's `f64x2` instructions in the web
//! build (which enables `simd128`), a pair of `f64`s natively. Each lane computes exactly what
//! the same code computes on one `f64` ([`crate::lanes`]; the exponential is
//! [`portable::exp_each`]), so the result has the same bits as the samples summed one at a
//! time ([`mean_loss_and_gradient_one_by_one`], tested) on every platform. A 1000-step run on
//! 10 000 points: docs/performance.md (h').

use crate::lanes::{F64x2, Lanes, SIMD};
use crate::portable;
use std::sync::atomic::{AtomicU64, Ordering};

/// Below this e the loss ln(1 + e) comes from its series, not from the product.
const SERIES_BELOW: f64 = 1.0 / 1024.0;
/// Samples multiplied into the product before it is rescaled: 512 factors of at most 2 stay
/// far below the largest double.
const RESCALE: usize = 512;
/// The mantissa bits of an f64.
const MANTISSA: u64 = (1 << 52) - 1;

/// Evaluations of E and ∇E that ran on WebAssembly's SIMD instructions ([`SIMD`]): the
/// browser tests read it to prove that the paired loop ran there, not only compiled.
static SIMD_EVALUATIONS: AtomicU64 = AtomicU64::new(0);

/// How many evaluations of [`mean_loss_and_gradient`] ran on `f64x2` instructions since the
/// program started (always 0 where [`SIMD`] is false).
pub fn simd_evaluations() -> u64 {
    SIMD_EVALUATIONS.load(Ordering::Relaxed)
}

/// ln(1 + e) for 0 ≤ e < 2^−10, from its series to e⁶/6 (the rest is below 2^−60·e).
#[inline(always)]
fn ln_1p_small<L: Lanes>(e: L) -> L {
    let c = L::splat;
    e * (c(1.0)
        - e * (c(0.5) - e * (c(1.0 / 3.0) - e * (c(0.25) - e * (c(0.2) - e * c(1.0 / 6.0))))))
}

/// The sums over samples, one lane of them (`f64`) or two side by side ([`F64x2`]).
#[derive(Clone, Copy, Debug)]
struct Sums<L> {
    /// Σ max(u, 0).
    linear: L,
    /// Σ ln(1 + e) of the samples with e < 2^−10.
    small: L,
    /// Π (1 + e) of the others (times 2^−`exponent` of its [`Lane`]).
    product: L,
    /// Σ slope·x.
    g1: L,
    /// Σ slope.
    g2: L,
}

impl<L: Lanes> Sums<L> {
    /// Adds sample (x, y) at weights `w` (splat).
    #[inline(always)]
    fn add(&mut self, x: L, y: L, w: [L; 2]) {
        let (u, e) = exponential(x, y, w);
        self.add_with(x, y, u, e);
    }

    /// Adds sample (x, y) whose u and e = e^−|u| are known ([`exponential`]).
    #[inline(always)]
    fn add_with(&mut self, x: L, y: L, u: L, e: L) {
        let one = L::splat(1.0);
        let sign = one - L::splat(2.0) * y;
        let inverse = one / (one + e);
        let sigma = L::select(u.ge(L::splat(0.0)), inverse, e * inverse);
        let slope = sign * sigma;
        self.g1 = self.g1 + slope * x;
        self.g2 = self.g2 + slope;
        // max(u, 0) as a comparison: `f64::max` is a call to fmax in WebAssembly.
        self.linear = self.linear + L::select(u.gt(L::splat(0.0)), u, L::splat(0.0));
        let small = e.lt(L::splat(SERIES_BELOW));
        self.small = self.small + L::select(small, ln_1p_small(e), L::splat(0.0));
        self.product = self.product * L::select(small, one, one + e);
    }
}

/// u = ±(w1·x + w2) of sample (x, y) and e = e^−|u|.
#[inline(always)]
fn exponential<L: Lanes>(x: L, y: L, w: [L; 2]) -> (L, L) {
    // +1 for y = 0, −1 for y = 1 (exact).
    let sign = L::splat(1.0) - L::splat(2.0) * y;
    let u = sign * (w[0] * x + w[1]);
    (u, portable::exp_each(-u.abs()))
}

/// Pairs of samples whose exponentials are computed in one pass before they are summed in a
/// second: the first pass has no dependence from one pair to the next, which keeps a
/// processor busy even when its engine reorders little (WebAssembly).
const BLOCK: usize = 32;

impl Sums<F64x2> {
    /// The even lane's sums and the odd lane's, side by side.
    #[inline]
    fn join([even, odd]: [Sums<f64>; 2]) -> Sums<F64x2> {
        let pair = |field: fn(&Sums<f64>) -> f64| F64x2::new(field(&even), field(&odd));
        Sums {
            linear: pair(|s| s.linear),
            small: pair(|s| s.small),
            product: pair(|s| s.product),
            g1: pair(|s| s.g1),
            g2: pair(|s| s.g2),
        }
    }

    /// The two lanes' sums.
    #[inline]
    fn split(self) -> [Sums<f64>; 2] {
        let [linear, small, product, g1, g2] =
            [self.linear, self.small, self.product, self.g1, self.g2].map(F64x2::lanes);
        [0, 1].map(|i| Sums {
            linear: linear[i],
            small: small[i],
            product: product[i],
            g1: g1[i],
            g2: g2[i],
        })
    }
}

/// One lane's sums, the power of two taken out of its product.
#[derive(Clone, Copy, Debug)]
struct Lane {
    /// The sums.
    sums: Sums<f64>,
    /// The power of two taken out of `sums.product`.
    exponent: i64,
}

impl Lane {
    /// No samples yet.
    const EMPTY: Lane = Lane {
        sums: Sums {
            linear: 0.0,
            small: 0.0,
            product: 1.0,
            g1: 0.0,
            g2: 0.0,
        },
        exponent: 0,
    };

    /// Moves the product's power of two into `exponent` (exact).
    fn rescale(&mut self) {
        let bits = self.sums.product.to_bits();
        let biased = (bits >> 52) as i64;
        // A product of finite factors ≥ 1 is a normal number ≥ 1, unless NaN or infinite
        // (then it is left as it is, and the sum shows it).
        if (1023..2047).contains(&biased) {
            self.exponent += biased - 1023;
            self.sums.product = f64::from_bits((bits & MANTISSA) | 1.0_f64.to_bits());
        }
    }

    /// Adds the sums of `other` (both rescaled).
    fn merge(&mut self, other: Lane) {
        let (sums, more) = (&mut self.sums, other.sums);
        sums.linear += more.linear;
        sums.small += more.small;
        sums.product *= more.product;
        self.exponent += other.exponent;
        sums.g1 += more.g1;
        sums.g2 += more.g2;
        self.rescale();
    }

    /// The mean loss and gradient over `n` samples of the even lane merged with the odd.
    fn mean([mut even, odd]: [Lane; 2], n: usize) -> (f64, [f64; 2]) {
        even.merge(odd);
        let sums = even.sums;
        let k = even.exponent as f64;
        let logarithm = portable::ln(sums.product) + k * std::f64::consts::LN_2;
        let loss = sums.linear + (sums.small + logarithm);
        let n = n.max(1) as f64;
        (loss / n, [sums.g1 / n, sums.g2 / n])
    }
}

/// The mean loss E(w) and its gradient ∇E(w) over the samples (`x`, `y`), y ∈ {0, 1}: the
/// even and the odd samples side by side in the lanes of an [`F64x2`].
pub fn mean_loss_and_gradient(x: &[f64], y: &[f64], w: [f64; 2]) -> (f64, [f64; 2]) {
    if SIMD {
        SIMD_EVALUATIONS.fetch_add(1, Ordering::Relaxed);
    }
    let mut lanes = [Lane::EMPTY; 2];
    let w_pair = w.map(F64x2::splat);
    for (xs, ys) in x.chunks(RESCALE).zip(y.chunks(RESCALE)) {
        let mut pair = Sums::join(lanes.map(|lane| lane.sums));
        let whole = xs.len() / 2 * 2;
        for (xb, yb) in xs[..whole]
            .chunks(2 * BLOCK)
            .zip(ys[..whole].chunks(2 * BLOCK))
        {
            let samples = || {
                xb.chunks_exact(2)
                    .zip(yb.chunks_exact(2))
                    .map(|(x, y)| (F64x2::new(x[0], x[1]), F64x2::new(y[0], y[1])))
            };
            let mut exponentials = [(F64x2::splat(0.0), F64x2::splat(0.0)); BLOCK];
            for ((x, y), ue) in samples().zip(&mut exponentials) {
                *ue = exponential(x, y, w_pair);
            }
            for ((x, y), &(u, e)) in samples().zip(&exponentials) {
                pair.add_with(x, y, u, e);
            }
        }
        let [even, odd] = pair.split();
        (lanes[0].sums, lanes[1].sums) = (even, odd);
        if let (&[x_last], &[y_last]) = (
            xs.chunks_exact(2).remainder(),
            ys.chunks_exact(2).remainder(),
        ) {
            lanes[0].sums.add(x_last, y_last, w);
        }
        for lane in &mut lanes {
            lane.rescale();
        }
    }
    Lane::mean(lanes, x.len())
}

/// [`mean_loss_and_gradient`] one sample at a time in plain `f64` (sample i into the sums of
/// lane i mod 2): the reference the paired loop is tested against, bit for bit.
pub fn mean_loss_and_gradient_one_by_one(x: &[f64], y: &[f64], w: [f64; 2]) -> (f64, [f64; 2]) {
    let mut lanes = [Lane::EMPTY; 2];
    for (xs, ys) in x.chunks(RESCALE).zip(y.chunks(RESCALE)) {
        for (i, (&x, &y)) in xs.iter().zip(ys).enumerate() {
            lanes[i % 2].sums.add(x, y, w);
        }
        for lane in &mut lanes {
            lane.rescale();
        }
    }
    Lane::mean(lanes, x.len())
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

    /// The bits of E and ∇E.
    fn bits((value, g): (f64, [f64; 2])) -> [u64; 3] {
        [value.to_bits(), g[0].to_bits(), g[1].to_bits()]
    }

    #[test]
    fn two_at_a_time_is_one_by_one_bit_for_bit() {
        let mut rng = Rng::stream(5, Purpose::Data, 7);
        // Odd and even sizes, across the blocks and the rescaling of the product.
        for n in [1, 2, 3, 63, 64, 65, 511, 512, 513, 1025, 4099] {
            let x: Vec<f64> = (0..n).map(|_| 3.0 * rng.normal_pair()[0]).collect();
            let y: Vec<f64> = x
                .iter()
                .map(|&x| f64::from(u8::from(x + rng.normal_pair()[0] > 0.0)))
                .collect();
            for scale in [0.1, 1.0, 10.0, 300.0] {
                let [a, b] = rng.normal_pair();
                let w = [scale * a, scale * b];
                assert_eq!(
                    bits(mean_loss_and_gradient(&x, &y, w)),
                    bits(mean_loss_and_gradient_one_by_one(&x, &y, w)),
                    "{n} samples at {w:?}"
                );
            }
        }
    }

    #[test]
    fn a_training_run_has_the_bits_of_the_one_by_one_sums() {
        // (h') of docs/performance.md, shortened: Adam, mini-batches of 32 on 2000 points.
        let points: Vec<String> = (0..2000_u32)
            .map(|i| {
                let x = (f64::from(i) * 0.754_877_666_246_692_7).fract() * 4.0 - 2.0;
                let jitter = f64::from(i.wrapping_mul(7919) % 1000) / 1000.0 - 0.5;
                format!("{x:?},{}", u8::from(x + jitter > 0.0))
            })
            .collect();
        let data = format!("inline:{}", points.join(";"));
        let pairs = [
            ("data", data.as_str()),
            ("model", "logistic"),
            ("optimizer", "adam"),
            ("lr", "0.05"),
            ("batch", "32"),
            ("seed", "1"),
            ("steps", "200"),
        ];
        let config = crate::Config::from_pairs(pairs).expect("valid");
        let run = config.run();
        assert_eq!(run.rows.len(), 201);
        let set = crate::data::DataSet::from_value(&data)
            .expect("inline")
            .expect("valid");
        for row in &run.rows {
            let expected = mean_loss_and_gradient_one_by_one(&set.x, &set.y, row.w);
            assert_eq!(bits((row.error, row.g)), bits(expected), "row {}", row.t);
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
