//! The numbers the engine's arithmetic is written over, so that one definition serves both
//! running and compiling: `f64` when a run computes (the interpreter), and a traced value when
//! the run is compiled into WebAssembly (the kernel, `crate::kernel`), whose operations then
//! become instructions in exactly the written order.
//!
//! Only operations that are exact in IEEE arithmetic are WebAssembly instructions (+ − × ÷,
//! √, abs, floor, ceil, trunc, comparisons). Every other function is a [`MathFn`]: a kernel
//! calls back into the engine's own implementation ([`MathFn::apply`]), so that a compiled
//! run and an interpreted one agree bit for bit on every platform.

use std::ops::{Add, Div, Mul, Neg, Sub};

/// A function that is not an exact IEEE operation: computed by [`MathFn::apply`] everywhere
/// (a kernel imports it rather than computing its own approximation).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MathFn {
    /// eˣ.
    Exp,
    /// ln x.
    Ln,
    /// sin x.
    Sin,
    /// cos x.
    Cos,
    /// tan x.
    Tan,
    /// asin x.
    Asin,
    /// acos x.
    Acos,
    /// atan x.
    Atan,
    /// sinh x.
    Sinh,
    /// cosh x.
    Cosh,
    /// tanh x.
    Tanh,
    /// asinh x.
    Asinh,
    /// acosh x.
    Acosh,
    /// atanh x.
    Atanh,
    /// x rounded half away from zero.
    Round,
    /// xʸ (`f64::powf`).
    Powf,
    /// x % y, the remainder of truncated division.
    Rem,
    /// atan2(x, y): the angle of the point (y, x).
    Atan2,
    /// √(x² + y²) without overflow (`f64::hypot`).
    Hypot,
}

impl MathFn {
    /// Every function, in the order of their codes ([`MathFn::code`]).
    pub const ALL: [MathFn; 19] = [
        MathFn::Exp,
        MathFn::Ln,
        MathFn::Sin,
        MathFn::Cos,
        MathFn::Tan,
        MathFn::Asin,
        MathFn::Acos,
        MathFn::Atan,
        MathFn::Sinh,
        MathFn::Cosh,
        MathFn::Tanh,
        MathFn::Asinh,
        MathFn::Acosh,
        MathFn::Atanh,
        MathFn::Round,
        MathFn::Powf,
        MathFn::Rem,
        MathFn::Atan2,
        MathFn::Hypot,
    ];

    /// Its number: its place in [`MathFn::ALL`] (what a kernel passes to its host).
    pub fn code(self) -> u32 {
        MathFn::ALL
            .iter()
            .position(|&f| f == self)
            .map_or(u32::MAX, |i| i as u32)
    }

    /// The function of code `code`.
    pub fn from_code(code: u32) -> Option<MathFn> {
        MathFn::ALL.get(code as usize).copied()
    }

    /// Whether it takes two arguments (the others ignore `y`).
    pub fn is_binary(self) -> bool {
        matches!(
            self,
            MathFn::Powf | MathFn::Rem | MathFn::Atan2 | MathFn::Hypot
        )
    }

    /// The function's value: the one implementation, for interpreted runs and compiled ones.
    #[inline(always)]
    pub fn apply(self, x: f64, y: f64) -> f64 {
        match self {
            MathFn::Exp => x.exp(),
            MathFn::Ln => x.ln(),
            MathFn::Sin => x.sin(),
            MathFn::Cos => x.cos(),
            MathFn::Tan => x.tan(),
            MathFn::Asin => x.asin(),
            MathFn::Acos => x.acos(),
            MathFn::Atan => x.atan(),
            MathFn::Sinh => x.sinh(),
            MathFn::Cosh => x.cosh(),
            MathFn::Tanh => x.tanh(),
            MathFn::Asinh => x.asinh(),
            MathFn::Acosh => x.acosh(),
            MathFn::Atanh => x.atanh(),
            MathFn::Round => x.round(),
            MathFn::Powf => x.powf(y),
            MathFn::Rem => x % y,
            MathFn::Atan2 => x.atan2(y),
            MathFn::Hypot => x.hypot(y),
        }
    }

    /// [`MathFn::apply`] by code, as a kernel's host calls it (NaN for an unknown code).
    pub fn apply_code(code: u32, x: f64, y: f64) -> f64 {
        MathFn::from_code(code).map_or(f64::NAN, |f| f.apply(x, y))
    }
}

/// A real number the engine computes with: `f64`, or a traced value that records each
/// operation. Comparisons give a [`Real::Bool`] and [`Real::select`] chooses between two
/// values by one, so that code written over `Real` has no branches on values.
pub trait Real:
    Copy
    + Add<Output = Self>
    + Sub<Output = Self>
    + Mul<Output = Self>
    + Div<Output = Self>
    + Neg<Output = Self>
{
    /// The result of a comparison.
    type Bool: Copy;

    /// The number `c`.
    fn constant(c: f64) -> Self;
    /// `self == other` (false if either is NaN). A number with derivatives compares its
    /// value: comparisons choose the piece of a piecewise function.
    fn equals(self, other: Self) -> Self::Bool;
    /// Whether the number is exactly 0, derivatives included (a dual number with a zero
    /// value and a nonzero derivative is not zero).
    #[inline(always)]
    fn is_zero(self) -> Self::Bool {
        self.equals(Self::constant(0.0))
    }
    /// `self < other`.
    fn less(self, other: Self) -> Self::Bool;
    /// `self <= other`.
    fn at_most(self, other: Self) -> Self::Bool;
    /// `self >= other`.
    fn at_least(self, other: Self) -> Self::Bool;
    /// Whether `self` is NaN.
    fn is_nan(self) -> Self::Bool;
    /// Both.
    fn and(a: Self::Bool, b: Self::Bool) -> Self::Bool;
    /// Either.
    fn or(a: Self::Bool, b: Self::Bool) -> Self::Bool;
    /// The condition's value if it is known now: always for numbers; for a traced value only
    /// where it does not depend on the run's values.
    fn known(condition: Self::Bool) -> Option<bool>;
    /// `then()` where `condition` holds, else `otherwise()` (a traced value may compute both
    /// and choose).
    fn select(
        condition: Self::Bool,
        then: impl FnOnce() -> Self,
        otherwise: impl FnOnce() -> Self,
    ) -> Self;
    /// √x, correctly rounded.
    fn sqrt(self) -> Self;
    /// |x|.
    fn abs(self) -> Self;
    /// ⌊x⌋.
    fn floor(self) -> Self;
    /// ⌈x⌉.
    fn ceil(self) -> Self;
    /// x rounded toward zero.
    fn trunc(self) -> Self;
    /// 1 with the sign of x; NaN for NaN (`f64::signum`).
    fn signum(self) -> Self;
    /// `f(self, y)` (`y` unused by a function of one argument).
    fn math(self, f: MathFn, y: Self) -> Self;

    /// `f(self)`, a function of one argument.
    #[inline(always)]
    fn math1(self, f: MathFn) -> Self {
        self.math(f, self)
    }

    /// `(sin self, cos self)`: nested duals share the inner parts' sines and cosines (the
    /// same bits as computing the two apart, with half the library calls).
    #[inline(always)]
    fn sin_cos(self) -> (Self, Self) {
        (self.math1(MathFn::Sin), self.math1(MathFn::Cos))
    }

    /// The larger of two, ignoring a NaN as `f64::max` does; at ties (`0` and `-0` too) the
    /// first, so that every platform gives the same bits.
    #[inline(always)]
    fn max(self, other: Self) -> Self {
        let first = Self::or(self.at_least(other), other.is_nan());
        Self::select(first, || self, || other)
    }
}

impl Real for f64 {
    type Bool = bool;

    #[inline(always)]
    fn constant(c: f64) -> Self {
        c
    }
    #[inline(always)]
    fn equals(self, other: Self) -> bool {
        self == other
    }
    #[inline(always)]
    fn less(self, other: Self) -> bool {
        self < other
    }
    #[inline(always)]
    fn at_most(self, other: Self) -> bool {
        self <= other
    }
    #[inline(always)]
    fn at_least(self, other: Self) -> bool {
        self >= other
    }
    #[inline(always)]
    fn is_nan(self) -> bool {
        f64::is_nan(self)
    }
    #[inline(always)]
    fn and(a: bool, b: bool) -> bool {
        a && b
    }
    #[inline(always)]
    fn or(a: bool, b: bool) -> bool {
        a || b
    }
    #[inline(always)]
    fn known(condition: bool) -> Option<bool> {
        Some(condition)
    }
    #[inline(always)]
    fn select(condition: bool, then: impl FnOnce() -> f64, otherwise: impl FnOnce() -> f64) -> f64 {
        if condition {
            then()
        } else {
            otherwise()
        }
    }
    #[inline(always)]
    fn sqrt(self) -> Self {
        f64::sqrt(self)
    }
    #[inline(always)]
    fn abs(self) -> Self {
        f64::abs(self)
    }
    #[inline(always)]
    fn floor(self) -> Self {
        f64::floor(self)
    }
    #[inline(always)]
    fn ceil(self) -> Self {
        f64::ceil(self)
    }
    #[inline(always)]
    fn trunc(self) -> Self {
        f64::trunc(self)
    }
    #[inline(always)]
    fn signum(self) -> Self {
        f64::signum(self)
    }
    #[inline(always)]
    fn math(self, f: MathFn, y: Self) -> Self {
        f.apply(self, y)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_name_each_function_once() {
        for (i, f) in MathFn::ALL.iter().enumerate() {
            assert_eq!(f.code(), i as u32);
            assert_eq!(MathFn::from_code(i as u32), Some(*f));
        }
        assert_eq!(MathFn::from_code(MathFn::ALL.len() as u32), None);
        assert!(MathFn::apply_code(99, 1.0, 1.0).is_nan());
        assert_eq!(MathFn::apply_code(MathFn::Powf.code(), 2.0, 10.0), 1024.0);
    }

    #[test]
    fn max_ignores_nan_and_keeps_the_first_at_ties() {
        assert_eq!(Real::max(1.0, f64::NAN), 1.0);
        assert_eq!(Real::max(f64::NAN, 2.0), 2.0);
        assert!(Real::max(f64::NAN, f64::NAN).is_nan());
        assert_eq!(Real::max(0.0_f64, -0.0).to_bits(), 0.0_f64.to_bits());
        assert_eq!(Real::max(-0.0_f64, 0.0).to_bits(), (-0.0_f64).to_bits());
        assert_eq!(Real::max(3.0, 2.0), 3.0);
        assert_eq!(Real::max(-3.0, 2.0), 2.0);
    }
}
