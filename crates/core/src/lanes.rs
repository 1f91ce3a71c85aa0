//! Numbers computed one or two at a time with the same operations in the same order: [`Lanes`]
//! is implemented by `f64` (one lane) and by [`F64x2`] (two lanes, WebAssembly's `f64x2`
//! where the build enables `simd128`, a pair of `f64`s elsewhere). Every operation is an
//! IEEE basic operation or an exact bit manipulation, so that each lane of an [`F64x2`] holds
//! the bits the same code computes on `f64`, natively and in WebAssembly alike.

use std::ops::{Add, Div, Mul, Neg, Sub};

/// Whether [`F64x2`] is WebAssembly's `f64x2` in this build (else a pair of `f64`s).
pub const SIMD: bool = cfg!(all(target_arch = "wasm32", target_feature = "simd128"));

/// One or more `f64` lanes, each computed as the same code would compute it on `f64`.
pub trait Lanes:
    Copy
    + Add<Output = Self>
    + Sub<Output = Self>
    + Mul<Output = Self>
    + Div<Output = Self>
    + Neg<Output = Self>
{
    /// The result of a comparison, lane by lane.
    type Mask: Copy;
    /// `x` in every lane.
    fn splat(x: f64) -> Self;
    /// |x| lane by lane (the sign bit cleared).
    fn abs(self) -> Self;
    /// `self > other` lane by lane (false for NaN).
    fn gt(self, other: Self) -> Self::Mask;
    /// `self >= other` lane by lane (false for NaN).
    fn ge(self, other: Self) -> Self::Mask;
    /// `self < other` lane by lane (false for NaN).
    fn lt(self, other: Self) -> Self::Mask;
    /// `yes` in the lanes where `mask` holds, `no` elsewhere.
    fn select(mask: Self::Mask, yes: Self, no: Self) -> Self;
    /// Whether every lane is within `[lo, hi]` (never for NaN).
    fn all_within(self, lo: f64, hi: f64) -> bool;
    /// `f` of every lane.
    fn map(self, f: impl Fn(f64) -> f64) -> Self;
    /// `table[k & 63]` lane by lane, with k the bits of the lane minus `origin`'s bits, as
    /// signed integers (exact).
    fn look_up(self, origin: f64, table: &[f64; 64]) -> Self;
    /// Each lane with (k >> 6) << 52 added to its bits, k as in [`Lanes::look_up`] from the
    /// lane of `by`: a scaling by 2^(k >> 6) of a normal result (exact).
    fn scale_by_exponent(self, by: Self, origin: f64) -> Self;
}

/// The signed integer k of [`Lanes::look_up`].
#[inline(always)]
fn steps(x: f64, origin: f64) -> i64 {
    x.to_bits() as i64 - origin.to_bits() as i64
}

impl Lanes for f64 {
    type Mask = bool;

    #[inline(always)]
    fn splat(x: f64) -> f64 {
        x
    }

    #[inline(always)]
    fn abs(self) -> f64 {
        f64::abs(self)
    }

    #[inline(always)]
    fn gt(self, other: f64) -> bool {
        self > other
    }

    #[inline(always)]
    fn ge(self, other: f64) -> bool {
        self >= other
    }

    #[inline(always)]
    fn lt(self, other: f64) -> bool {
        self < other
    }

    #[inline(always)]
    fn select(mask: bool, yes: f64, no: f64) -> f64 {
        if mask {
            yes
        } else {
            no
        }
    }

    #[inline(always)]
    fn all_within(self, lo: f64, hi: f64) -> bool {
        (lo..=hi).contains(&self)
    }

    #[inline(always)]
    fn map(self, f: impl Fn(f64) -> f64) -> f64 {
        f(self)
    }

    #[inline(always)]
    fn look_up(self, origin: f64, table: &[f64; 64]) -> f64 {
        table[(steps(self, origin) & 63) as usize]
    }

    #[inline(always)]
    fn scale_by_exponent(self, by: f64, origin: f64) -> f64 {
        f64::from_bits((self.to_bits() as i64 + ((steps(by, origin) >> 6) << 52)) as u64)
    }
}

pub use pair::F64x2;

/// [`F64x2`] on WebAssembly's SIMD instructions.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod pair {
    use super::Lanes;
    use core::arch::wasm32::*;
    use std::ops::{Add, Div, Mul, Neg, Sub};

    /// Two `f64` lanes in one `v128`.
    #[derive(Clone, Copy, Debug)]
    pub struct F64x2(v128);

    impl F64x2 {
        /// Lanes `a` and `b`.
        #[inline(always)]
        pub fn new(a: f64, b: f64) -> F64x2 {
            F64x2(f64x2(a, b))
        }

        /// The two lanes.
        #[inline(always)]
        pub fn lanes(self) -> [f64; 2] {
            [
                f64x2_extract_lane::<0>(self.0),
                f64x2_extract_lane::<1>(self.0),
            ]
        }

        /// k of [`Lanes::look_up`], lane by lane.
        #[inline(always)]
        fn steps(self, origin: f64) -> v128 {
            i64x2_sub(self.0, i64x2_splat(origin.to_bits() as i64))
        }
    }

    /// The binary operators, each one `f64x2` instruction.
    macro_rules! operator {
        ($trait:ident, $method:ident, $instruction:ident) => {
            impl $trait for F64x2 {
                type Output = F64x2;
                #[inline(always)]
                fn $method(self, other: F64x2) -> F64x2 {
                    F64x2($instruction(self.0, other.0))
                }
            }
        };
    }
    operator!(Add, add, f64x2_add);
    operator!(Sub, sub, f64x2_sub);
    operator!(Mul, mul, f64x2_mul);
    operator!(Div, div, f64x2_div);

    impl Neg for F64x2 {
        type Output = F64x2;
        #[inline(always)]
        fn neg(self) -> F64x2 {
            F64x2(f64x2_neg(self.0))
        }
    }

    impl Lanes for F64x2 {
        type Mask = v128;

        #[inline(always)]
        fn splat(x: f64) -> F64x2 {
            F64x2(f64x2_splat(x))
        }

        #[inline(always)]
        fn abs(self) -> F64x2 {
            F64x2(f64x2_abs(self.0))
        }

        #[inline(always)]
        fn gt(self, other: F64x2) -> v128 {
            f64x2_gt(self.0, other.0)
        }

        #[inline(always)]
        fn ge(self, other: F64x2) -> v128 {
            f64x2_ge(self.0, other.0)
        }

        #[inline(always)]
        fn lt(self, other: F64x2) -> v128 {
            f64x2_lt(self.0, other.0)
        }

        #[inline(always)]
        fn select(mask: v128, yes: F64x2, no: F64x2) -> F64x2 {
            F64x2(v128_bitselect(yes.0, no.0, mask))
        }

        #[inline(always)]
        fn all_within(self, lo: f64, hi: f64) -> bool {
            let above = f64x2_ge(self.0, f64x2_splat(lo));
            let below = f64x2_le(self.0, f64x2_splat(hi));
            i64x2_all_true(v128_and(above, below))
        }

        #[inline(always)]
        fn map(self, f: impl Fn(f64) -> f64) -> F64x2 {
            let [a, b] = self.lanes();
            F64x2::new(f(a), f(b))
        }

        #[inline(always)]
        fn look_up(self, origin: f64, table: &[f64; 64]) -> F64x2 {
            let index = v128_and(self.steps(origin), i64x2_splat(63));
            F64x2::new(
                table[i64x2_extract_lane::<0>(index) as usize],
                table[i64x2_extract_lane::<1>(index) as usize],
            )
        }

        #[inline(always)]
        fn scale_by_exponent(self, by: F64x2, origin: f64) -> F64x2 {
            // k >> 6 (arithmetic) as a logical shift of k + 2^40, which is positive for every
            // k of a finite lane: x86 has no arithmetic shift of 64-bit lanes, which engines
            // then emulate in several instructions. 2^40 is a multiple of 64 (exact).
            const BIAS: i64 = 1 << 40;
            let biased = i64x2_add(by.steps(origin), i64x2_splat(BIAS));
            let shifted = i64x2_sub(u64x2_shr(biased, 6), i64x2_splat(BIAS >> 6));
            F64x2(i64x2_add(self.0, i64x2_shl(shifted, 52)))
        }
    }
}

/// [`F64x2`] as a pair of `f64`s, each lane computed as `f64` computes it.
#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
mod pair {
    use super::Lanes;
    use std::ops::{Add, Div, Mul, Neg, Sub};

    /// Two `f64` lanes.
    #[derive(Clone, Copy, Debug)]
    pub struct F64x2([f64; 2]);

    impl F64x2 {
        /// Lanes `a` and `b`.
        #[inline(always)]
        pub fn new(a: f64, b: f64) -> F64x2 {
            F64x2([a, b])
        }

        /// The two lanes.
        #[inline(always)]
        pub fn lanes(self) -> [f64; 2] {
            self.0
        }

        /// `f` of the lanes of `self` and `other`, lane by lane.
        #[inline(always)]
        fn zip<T>(self, other: F64x2, f: impl Fn(f64, f64) -> T) -> [T; 2] {
            [f(self.0[0], other.0[0]), f(self.0[1], other.0[1])]
        }
    }

    /// The binary operators, lane by lane.
    macro_rules! operator {
        ($trait:ident, $method:ident) => {
            impl $trait for F64x2 {
                type Output = F64x2;
                #[inline(always)]
                fn $method(self, other: F64x2) -> F64x2 {
                    F64x2(self.zip(other, f64::$method))
                }
            }
        };
    }
    operator!(Add, add);
    operator!(Sub, sub);
    operator!(Mul, mul);
    operator!(Div, div);

    impl Neg for F64x2 {
        type Output = F64x2;
        #[inline(always)]
        fn neg(self) -> F64x2 {
            F64x2(self.0.map(f64::neg))
        }
    }

    impl Lanes for F64x2 {
        type Mask = [bool; 2];

        #[inline(always)]
        fn splat(x: f64) -> F64x2 {
            F64x2([x; 2])
        }

        #[inline(always)]
        fn abs(self) -> F64x2 {
            F64x2(self.0.map(f64::abs))
        }

        #[inline(always)]
        fn gt(self, other: F64x2) -> [bool; 2] {
            self.zip(other, |a, b| a > b)
        }

        #[inline(always)]
        fn ge(self, other: F64x2) -> [bool; 2] {
            self.zip(other, |a, b| a >= b)
        }

        #[inline(always)]
        fn lt(self, other: F64x2) -> [bool; 2] {
            self.zip(other, |a, b| a < b)
        }

        #[inline(always)]
        fn select(mask: [bool; 2], yes: F64x2, no: F64x2) -> F64x2 {
            F64x2(std::array::from_fn(|i| {
                f64::select(mask[i], yes.0[i], no.0[i])
            }))
        }

        #[inline(always)]
        fn all_within(self, lo: f64, hi: f64) -> bool {
            self.0.iter().all(|x| x.all_within(lo, hi))
        }

        #[inline(always)]
        fn map(self, f: impl Fn(f64) -> f64) -> F64x2 {
            F64x2(self.0.map(f))
        }

        #[inline(always)]
        fn look_up(self, origin: f64, table: &[f64; 64]) -> F64x2 {
            F64x2(self.0.map(|x| x.look_up(origin, table)))
        }

        #[inline(always)]
        fn scale_by_exponent(self, by: F64x2, origin: f64) -> F64x2 {
            F64x2(self.zip(by, |x, by| x.scale_by_exponent(by, origin)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_lane_is_what_f64_computes() {
        let (a, b) = (F64x2::new(1.5, -0.1), F64x2::new(3.0, f64::NAN));
        let lanes = |v: F64x2| v.lanes().map(f64::to_bits);
        let each = |f: fn(f64, f64) -> f64| [f(1.5, 3.0).to_bits(), f(-0.1, f64::NAN).to_bits()];
        assert_eq!(lanes(a / b)[0], each(|x, y| x / y)[0]);
        assert_eq!(lanes(a - b)[0], each(|x, y| x - y)[0]);
        assert!((a * b).lanes()[1].is_nan());
        assert_eq!((-a.abs()).lanes(), [-1.5, -0.1]);
        assert_eq!(F64x2::select(a.gt(b), a, b).lanes()[0], 3.0);
        assert!(F64x2::select(a.lt(b), a, b).lanes()[1].is_nan());
        assert!(!b.all_within(0.0, 10.0) && a.all_within(-1.0, 2.0));
    }
}
