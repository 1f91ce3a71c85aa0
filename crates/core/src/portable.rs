//! Elementary functions that return the same bits on every platform: computed with IEEE-754
//! basic arithmetic only (+ − × ÷ and √, each correctly rounded everywhere, and Rust never
//! fuses them), with exact bit manipulations for the exponent.
//!
//! Why: `f64::ln`, `f64::exp` and `f64::cos` call the platform's libm — glibc natively, a Rust
//! port of musl in WebAssembly — and the two may differ in the last bit. The seeded noise, the
//! logistic model and the cosine schedule use these instead, so the CLI (native) and the JS API
//! (wasm) give identical runs. Accuracy: within 2 ulp of std's functions (tested), not
//! correctly rounded.

/// ln 2 split in two: the high part has 21 trailing zero bits, so k·`LN2_HI` is exact for
/// every exponent k of an f64.
const LN2_HI: f64 = f64::from_bits(0x3FE6_2E42_FEE0_0000);
/// ln 2 − `LN2_HI`.
const LN2_LO: f64 = f64::from_bits(0x3DEA_39EF_3579_3C76);
/// 2^54, to lift subnormal numbers into the normal range.
const TWO_TO_54: f64 = 18_014_398_509_481_984.0;
/// The mantissa bits of an f64.
const MANTISSA: u64 = (1 << 52) - 1;
/// Largest x with exp(x) finite.
const EXP_OVERFLOW: f64 = 709.782_712_893_384;
/// Below this exp(x) rounds to 0.
const EXP_UNDERFLOW: f64 = -745.133_219_101_941_1;

/// 2/(2j + 1) for j = 1..=11: ln(1 + f) = 2s + s·Σ 2s²ʲ/(2j + 1).
const ATANH_COEFFICIENTS: [f64; 11] = {
    let mut c = [0.0; 11];
    let mut j = 0;
    while j < 11 {
        c[j] = 2.0 / (2 * j + 3) as f64;
        j += 1;
    }
    c
};

/// 1/(n + 1)! for n = 0..=13.
const EXP_COEFFICIENTS: [f64; 14] = {
    let mut c = [0.0; 14];
    let mut factorial = 1.0;
    let mut n = 0;
    while n < 14 {
        factorial *= (n + 1) as f64;
        c[n] = 1.0 / factorial;
        n += 1;
    }
    c
};

/// 1.5·2^52: x + this − this is x rounded to a whole number (ties to even) for |x| < 2^51.
const ROUNDING: f64 = 6_755_399_441_055_744.0;

/// 2^k for k in [−1022, 1023], built from its bits (exact).
fn two_to(k: i64) -> f64 {
    f64::from_bits(((k + 1023) as u64) << 52)
}

/// The natural logarithm: ln x = k·ln 2 + ln(1 + f) with x = 2^k·(1 + f), 1 + f in
/// (√2/2, √2], and ln(1 + f) = 2·atanh(s), s = f/(2 + f), summed as
/// f − f²/2 + s·(f²/2 + R(s²)) with R(z) = Σ 2zʲ/(2j + 1) to j = 11.
pub fn ln(x: f64) -> f64 {
    if x.is_nan() || x < 0.0 {
        return f64::NAN;
    }
    if x == 0.0 {
        return f64::NEG_INFINITY;
    }
    if x == f64::INFINITY {
        return x;
    }
    let (mut bits, mut k) = (x.to_bits(), 0_i64);
    if bits >> 52 == 0 {
        bits = (x * TWO_TO_54).to_bits();
        k = -54;
    }
    k += (bits >> 52) as i64 - 1023;
    let mut m = f64::from_bits((bits & MANTISSA) | 1.0_f64.to_bits());
    if m > std::f64::consts::SQRT_2 {
        m *= 0.5;
        k += 1;
    }
    // Exact (Sterbenz): m is within a factor 2 of 1.
    ln_reduced(m - 1.0, k as f64)
}

/// k·ln 2 + ln(1 + f) for f in (√2/2 − 1, √2 − 1]: ln(1 + f) = 2·atanh(s), s = f/(2 + f),
/// summed as f − f²/2 + s·(f²/2 + R(s²)) with R(z) = Σ 2zʲ/(2j + 1) to j = 11.
#[inline]
fn ln_reduced(f: f64, k: f64) -> f64 {
    let s = f / (2.0 + f);
    let z = s * s;
    let mut r = 0.0;
    for c in ATANH_COEFFICIENTS.iter().rev() {
        r = r * z + c;
    }
    let r = r * z;
    let half_f_squared = 0.5 * f * f;
    k * LN2_HI - ((half_f_squared - (s * (half_f_squared + r) + k * LN2_LO)) - f)
}

/// ln(1 + x), accurate for small x: for 1 + x in (√2/2, √2] the series of [`ln`] on x
/// itself (1 + x is never rounded), elsewhere Goldberg's u = 1 + x, ln(u)·x/(u − 1), which
/// cancels the rounding of 1 + x.
pub fn ln_1p(x: f64) -> f64 {
    if x > std::f64::consts::FRAC_1_SQRT_2 - 1.0 && x <= std::f64::consts::SQRT_2 - 1.0 {
        return ln_reduced(x, 0.0);
    }
    let u = 1.0 + x;
    if u == 1.0 || x == f64::INFINITY {
        x
    } else {
        ln(u) * x / (u - 1.0)
    }
}

/// e^x: x = k·ln 2 + r with |r| ≤ ln 2 / 2, e^r from its Taylor series to r¹⁴/14!, scaled
/// by 2^k.
pub fn exp(x: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    if x > EXP_OVERFLOW {
        return f64::INFINITY;
    }
    if x < EXP_UNDERFLOW {
        return 0.0;
    }
    // The nearest whole number to x·log2(e) (|x·log2 e| < 2^51): adding and removing 1.5·2^52
    // rounds it exactly, with no call to the platform's `round`.
    let k = (x * std::f64::consts::LOG2_E + ROUNDING) - ROUNDING;
    // Exact: k·LN2_HI is, and x is within a factor 2 of it (or k = 0).
    let high = x - k * LN2_HI;
    let r = high - k * LN2_LO;
    // series = Σ rⁿ/(n + 1)!, so e^r = 1 + r·series.
    let mut series = 0.0;
    for c in EXP_COEFFICIENTS.iter().rev() {
        series = series * r + c;
    }
    let e_r = 1.0 + r * series;
    scale(e_r, k as i64)
}

/// y·2^k for y in [0.5, 2] and k in [−1080, 1025], rounding once into the subnormal range.
fn scale(y: f64, k: i64) -> f64 {
    if k > 1023 {
        y * two_to(1023) * two_to(k - 1023)
    } else if k < -1022 {
        y * two_to(k + 1000) * two_to(-1000)
    } else {
        y * two_to(k)
    }
}

/// cos(π·u/2)² = (1 + cos(π·u))/2 for u in [0, 1]: the cosine schedule's factor, from the
/// Taylor series of cos or sin on [0, π/4].
pub fn cosine_decay(u: f64) -> f64 {
    let u = u.clamp(0.0, 1.0);
    let c = if u <= 0.5 {
        cos_taylor(std::f64::consts::FRAC_PI_2 * u)
    } else {
        // Exact (Sterbenz): 1 − u for u in [0.5, 1].
        sin_taylor(std::f64::consts::FRAC_PI_2 * (1.0 - u))
    };
    c * c
}

/// cos x for |x| ≤ π/4 (Taylor to x¹⁸/18!).
fn cos_taylor(x: f64) -> f64 {
    let z = x * x;
    let mut sum = 1.0;
    for j in (1..=9).rev() {
        sum = 1.0 - z * sum / f64::from((2 * j - 1) * (2 * j));
    }
    sum
}

/// sin x for |x| ≤ π/4 (Taylor to x¹⁹/19!).
fn sin_taylor(x: f64) -> f64 {
    let z = x * x;
    let mut sum = 1.0;
    for j in (1..=9).rev() {
        sum = 1.0 - z * sum / f64::from((2 * j) * (2 * j + 1));
    }
    x * sum
}

/// The largest power [`powi`] takes by repeated squaring.
const SQUARING_MAX: u64 = 32;

/// xⁿ for x ≥ 0 and a whole n ≥ 0 (std's `powf` is the platform's libm, and its `powi` an
/// LLVM intrinsic whose rounding is not specified). Up to n = 32 by repeated squaring
/// (exact for powers of two, within n/2 ulp); beyond, e^(n·ln x), within about
/// (|n·ln x| + 4) ulp, where squaring's error would grow with n.
pub fn powi(x: f64, n: u64) -> f64 {
    if n > SQUARING_MAX && x > 0.0 {
        return exp(n as f64 * ln(x));
    }
    let (mut result, mut base, mut n) = (1.0, x, n);
    while n > 0 {
        if n & 1 == 1 {
            result *= base;
        }
        n >>= 1;
        if n > 0 {
            base *= base;
        }
    }
    result
}

/// softplus(u) = ln(1 + e^u), finite for every finite u: max(u, 0) + ln(1 + e^−|u|).
pub fn softplus(u: f64) -> f64 {
    u.max(0.0) + ln_1p(exp(-u.abs()))
}

/// The logistic function σ(u) = 1/(1 + e^−u), with e raised to −|u| only (no overflow).
pub fn sigmoid(u: f64) -> f64 {
    let e = exp(-u.abs());
    if u >= 0.0 {
        1.0 / (1.0 + e)
    } else {
        e / (1.0 + e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// How many representable doubles lie between `a` and `b`.
    fn ulps(a: f64, b: f64) -> u64 {
        if a == b {
            return 0;
        }
        let key = |x: f64| {
            let bits = x.to_bits() as i64;
            if bits < 0 {
                i64::MIN - bits
            } else {
                bits
            }
        };
        key(a).abs_diff(key(b))
    }

    /// Doubles spread over `[lo, hi]`, with a fixed pseudo-random jitter.
    fn samples(lo: f64, hi: f64, count: u32) -> impl Iterator<Item = f64> {
        (0..count).map(move |i| {
            let jitter = f64::from(i.wrapping_mul(2_654_435_761) % 1000) / 1000.0;
            lo + (hi - lo) * (f64::from(i) + jitter) / f64::from(count)
        })
    }

    #[test]
    fn the_split_of_ln_2_adds_up() {
        assert_eq!(LN2_HI + LN2_LO, std::f64::consts::LN_2);
        assert_eq!(LN2_HI.to_bits() & ((1 << 21) - 1), 0);
    }

    #[test]
    fn ln_is_within_two_ulp_of_std() {
        let mut worst = 0;
        for x in samples(1e-3, 20.0, 200_000)
            .chain(samples(0.5, 2.0, 100_000))
            .chain((0..2000).map(|i| 10f64.powf(f64::from(i) / 10.0 - 100.0)))
            .chain([f64::MIN_POSITIVE, 5e-324, 1e-310, f64::MAX, 1.0, 2.0, 0.1])
        {
            worst = worst.max(ulps(ln(x), x.ln()));
        }
        assert!(worst <= 2, "worst {worst} ulp");
        assert_eq!(ln(1.0), 0.0);
        assert_eq!(ln(0.0), f64::NEG_INFINITY);
        assert_eq!(ln(f64::INFINITY), f64::INFINITY);
        assert!(ln(-1.0).is_nan() && ln(f64::NAN).is_nan());
    }

    #[test]
    fn exp_is_within_two_ulp_of_std() {
        let mut worst = 0;
        for x in samples(-745.0, 709.7, 300_000).chain(samples(-1.0, 1.0, 100_000)) {
            worst = worst.max(ulps(exp(x), x.exp()));
        }
        assert!(worst <= 2, "worst {worst} ulp");
        assert_eq!(exp(0.0), 1.0);
        assert_eq!(exp(710.0), f64::INFINITY);
        assert_eq!(exp(-746.0), 0.0);
        assert_eq!(exp(f64::NEG_INFINITY), 0.0);
        assert!(exp(f64::NAN).is_nan());
    }

    #[test]
    fn ln_1p_is_accurate_for_tiny_and_large_arguments() {
        let mut worst = 0;
        for x in
            samples(-0.9, 10.0, 100_000).chain((0..600).map(|i| 10f64.powf(-f64::from(i) / 20.0)))
        {
            worst = worst.max(ulps(ln_1p(x), x.ln_1p()));
        }
        assert!(worst <= 4, "worst {worst} ulp");
        assert_eq!(ln_1p(1e-300), 1e-300);
        assert_eq!(ln_1p(f64::INFINITY), f64::INFINITY);
        assert_eq!(ln_1p(-1.0), f64::NEG_INFINITY);
    }

    #[test]
    fn the_cosine_factor_matches_its_formula() {
        for u in samples(0.0, 1.0, 10_000).chain([0.0, 0.5, 1.0]) {
            let formula = (1.0 + (std::f64::consts::PI * u).cos()) / 2.0;
            let difference = (cosine_decay(u) - formula).abs();
            assert!(difference <= 4.5e-16, "{u}: {difference:e}");
        }
        assert_eq!(cosine_decay(0.0), 1.0);
        assert_eq!(cosine_decay(1.0), 0.0);
    }

    #[test]
    fn whole_powers_are_close_to_std() {
        assert_eq!(powi(0.5, 10), 0.5f64.powi(10));
        assert_eq!(powi(3.0, 0), 1.0);
        assert_eq!(powi(0.0, 5), 0.0);
        assert_eq!(powi(0.0, 500), 0.0);
        assert_eq!(powi(0.9, 1), 0.9);
        for (x, n) in [
            (0.9, 7),
            (0.99, 32),
            (0.99, 300),
            (0.5, 77),
            (0.999, 1000),
            (0.999, 100_000),
            (1.01, 1000),
        ] {
            let relative = (powi(x, n) / x.powf(n as f64) - 1.0).abs();
            let bound = if n <= SQUARING_MAX {
                n as f64 / 2.0
            } else {
                (n as f64 * x.ln()).abs() + 4.0
            };
            assert!(relative <= bound * f64::EPSILON, "{x}^{n}: {relative:e}");
        }
    }

    #[test]
    fn softplus_and_sigmoid_are_finite_at_a_thousand() {
        assert_eq!(softplus(1000.0), 1000.0);
        assert_eq!(softplus(-1000.0), 0.0);
        assert_eq!(sigmoid(1000.0), 1.0);
        assert_eq!(sigmoid(-1000.0), 0.0);
        assert_eq!(softplus(0.0), std::f64::consts::LN_2);
        assert_eq!(sigmoid(0.0), 0.5);
        // ln(1 + e^−30) ≈ e^−30: no cancellation.
        assert!((softplus(-30.0) / (-30f64).exp() - 1.0).abs() < 1e-12);
    }
}
