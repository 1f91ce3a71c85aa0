//! Elementary functions that return the same bits on every platform: computed with IEEE-754
//! basic arithmetic only (+ − × ÷ and √, each correctly rounded everywhere, and Rust never
//! fuses them), with exact bit manipulations for the exponent.
//!
//! Why: `f64::ln`, `f64::exp` and `f64::cos` call the platform's libm — glibc natively, a Rust
//! port of musl in WebAssembly — and the two may differ in the last bit. The seeded noise, the
//! logistic model and the cosine schedule use these instead, so the CLI (native) and the JS API
//! (wasm) give identical runs. Accuracy: within 2 ulp of std's functions (tested), not
//! correctly rounded.

use crate::lanes::Lanes;

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

/// 2^(j/64) for j = 0..=63, each the double nearest to it (computed with 300-bit arithmetic
/// by mpmath; the test checks them against std).
const EXP2_TABLE: [f64; 64] = [
    f64::from_bits(0x3FF0000000000000),
    f64::from_bits(0x3FF02C9A3E778061),
    f64::from_bits(0x3FF059B0D3158574),
    f64::from_bits(0x3FF0874518759BC8),
    f64::from_bits(0x3FF0B5586CF9890F),
    f64::from_bits(0x3FF0E3EC32D3D1A2),
    f64::from_bits(0x3FF11301D0125B51),
    f64::from_bits(0x3FF1429AAEA92DE0),
    f64::from_bits(0x3FF172B83C7D517B),
    f64::from_bits(0x3FF1A35BEB6FCB75),
    f64::from_bits(0x3FF1D4873168B9AA),
    f64::from_bits(0x3FF2063B88628CD6),
    f64::from_bits(0x3FF2387A6E756238),
    f64::from_bits(0x3FF26B4565E27CDD),
    f64::from_bits(0x3FF29E9DF51FDEE1),
    f64::from_bits(0x3FF2D285A6E4030B),
    f64::from_bits(0x3FF306FE0A31B715),
    f64::from_bits(0x3FF33C08B26416FF),
    f64::from_bits(0x3FF371A7373AA9CB),
    f64::from_bits(0x3FF3A7DB34E59FF7),
    f64::from_bits(0x3FF3DEA64C123422),
    f64::from_bits(0x3FF4160A21F72E2A),
    f64::from_bits(0x3FF44E086061892D),
    f64::from_bits(0x3FF486A2B5C13CD0),
    f64::from_bits(0x3FF4BFDAD5362A27),
    f64::from_bits(0x3FF4F9B2769D2CA7),
    f64::from_bits(0x3FF5342B569D4F82),
    f64::from_bits(0x3FF56F4736B527DA),
    f64::from_bits(0x3FF5AB07DD485429),
    f64::from_bits(0x3FF5E76F15AD2148),
    f64::from_bits(0x3FF6247EB03A5585),
    f64::from_bits(0x3FF6623882552225),
    f64::from_bits(0x3FF6A09E667F3BCD),
    f64::from_bits(0x3FF6DFB23C651A2F),
    f64::from_bits(0x3FF71F75E8EC5F74),
    f64::from_bits(0x3FF75FEB564267C9),
    f64::from_bits(0x3FF7A11473EB0187),
    f64::from_bits(0x3FF7E2F336CF4E62),
    f64::from_bits(0x3FF82589994CCE13),
    f64::from_bits(0x3FF868D99B4492ED),
    f64::from_bits(0x3FF8ACE5422AA0DB),
    f64::from_bits(0x3FF8F1AE99157736),
    f64::from_bits(0x3FF93737B0CDC5E5),
    f64::from_bits(0x3FF97D829FDE4E50),
    f64::from_bits(0x3FF9C49182A3F090),
    f64::from_bits(0x3FFA0C667B5DE565),
    f64::from_bits(0x3FFA5503B23E255D),
    f64::from_bits(0x3FFA9E6B5579FDBF),
    f64::from_bits(0x3FFAE89F995AD3AD),
    f64::from_bits(0x3FFB33A2B84F15FB),
    f64::from_bits(0x3FFB7F76F2FB5E47),
    f64::from_bits(0x3FFBCC1E904BC1D2),
    f64::from_bits(0x3FFC199BDD85529C),
    f64::from_bits(0x3FFC67F12E57D14B),
    f64::from_bits(0x3FFCB720DCEF9069),
    f64::from_bits(0x3FFD072D4A07897C),
    f64::from_bits(0x3FFD5818DCFBA487),
    f64::from_bits(0x3FFDA9E603DB3285),
    f64::from_bits(0x3FFDFC97337B9B5F),
    f64::from_bits(0x3FFE502EE78B3FF6),
    f64::from_bits(0x3FFEA4AFA2A490DA),
    f64::from_bits(0x3FFEFA1BEE615A27),
    f64::from_bits(0x3FFF50765B6E4540),
    f64::from_bits(0x3FFFA7C1819E90D8),
];

/// 64/ln 2: x·this is x in units of ln 2 / 64, the spacing of [`EXP2_TABLE`].
const STEPS_PER_LN2: f64 = 64.0 * std::f64::consts::LOG2_E;

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

/// e^x: x = (64·m + j)·ln 2/64 + r with |r| ≤ ln 2/128, so e^x = 2^m · 2^(j/64) · e^r, with
/// 2^(j/64) from a table and e^r − 1 from its Taylor series to r⁵/5! (the next term is below
/// 2^−54). About three times faster than the plain series on [−ln 2/2, ln 2/2] it replaces,
/// which matters for the logistic model (one exponential per sample and step).
pub fn exp(x: f64) -> f64 {
    // Inside [−707, 709.7] the result is a normal number, scaled by adding to its exponent
    // bits; NaN, the ends and the subnormal range take the careful path.
    if !((-707.0..=EXP_OVERFLOW).contains(&x)) {
        return exp_edge(x);
    }
    exp_normal(x)
}

/// [`exp`] of every lane of `x` (one or two at a time, see [`Lanes`]): the same bits.
#[inline(always)]
pub fn exp_each<L: Lanes>(x: L) -> L {
    if x.all_within(-707.0, EXP_OVERFLOW) {
        exp_normal(x)
    } else {
        x.map(exp)
    }
}

/// [`exp`] of lanes within [−707, 709.7], whose results are normal numbers.
#[inline(always)]
fn exp_normal<L: Lanes>(x: L) -> L {
    let (shifted, r) = reduce(x);
    let t = shifted.look_up(ROUNDING, &EXP2_TABLE);
    (t + t * expm1_series(r)).scale_by_exponent(shifted, ROUNDING)
}

/// x·64/ln 2 + 1.5·2^52, whose bits minus those of 1.5·2^52 are k, the nearest whole number
/// to x·64/ln 2 (|x·64/ln 2| < 2^51), and r = x − k·ln 2/64.
#[inline(always)]
fn reduce<L: Lanes>(x: L) -> (L, L) {
    // Adding 1.5·2^52 rounds x·64/ln 2 to a whole number exactly (no call to the platform's
    // `round`), and leaves it in the low bits of the sum.
    let shifted = x * L::splat(STEPS_PER_LN2) + L::splat(ROUNDING);
    let kf = shifted - L::splat(ROUNDING);
    // Exact: k·LN2_HI/64 is (|k| < 2^17 and LN2_HI ends in 21 zero bits), and x is within a
    // factor 2 of it (or k = 0).
    let high = x - kf * L::splat(LN2_HI / 64.0);
    (shifted, high - kf * L::splat(LN2_LO / 64.0))
}

/// e^r − 1 = r + r²/2 + r³/6 + r⁴/24 + r⁵/120, in two independent halves.
#[inline(always)]
fn expm1_series<L: Lanes>(r: L) -> L {
    let r2 = r * r;
    let c = L::splat;
    r + r2 * (c(0.5) + r * c(1.0 / 6.0)) + (r2 * r2) * (c(1.0 / 24.0) + r * c(1.0 / 120.0))
}

/// e^x for NaN, x beyond the finite range and x < −707 (results near or in the subnormal
/// range, scaled in two steps).
#[cold]
fn exp_edge(x: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    if x > EXP_OVERFLOW {
        return f64::INFINITY;
    }
    if x < EXP_UNDERFLOW {
        return 0.0;
    }
    let (shifted, r) = reduce(x);
    let t = shifted.look_up(ROUNDING, &EXP2_TABLE);
    let k = shifted.to_bits() as i64 - ROUNDING.to_bits() as i64;
    scale(t + t * expm1_series(r), k >> 6)
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
    use crate::lanes::F64x2;

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
    fn the_table_holds_the_powers_of_two() {
        for (j, &t) in EXP2_TABLE.iter().enumerate() {
            assert!(ulps(t, (j as f64 / 64.0).exp2()) <= 1, "2^({j}/64)");
        }
        assert_eq!(EXP2_TABLE[32], std::f64::consts::SQRT_2);
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
    fn exponentials_two_at_a_time_are_the_same_bits() {
        for x in samples(-745.0, 709.7, 10_000) {
            for pair in [[x, -x.abs()], [x / 3.0, -708.0], [-x.abs(), f64::NAN]] {
                let each = exp_each(F64x2::new(pair[0], pair[1])).lanes();
                let one = pair.map(exp);
                assert_eq!(each.map(f64::to_bits), one.map(f64::to_bits), "{pair:?}");
            }
        }
        assert!(exp_each(F64x2::new(f64::NAN, 1.0)).lanes()[0].is_nan());
        assert_eq!(
            exp_each(F64x2::new(800.0, 0.0)).lanes(),
            [f64::INFINITY, 1.0]
        );
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
