//! The number types the compiled program runs on: plain `f64` for values only, and forward-mode
//! dual numbers that carry the exact partial derivatives with respect to `w1` and `w2`.

use std::ops::{Add, Div, Mul, Neg, Sub};

use super::builtin::Unary;
use crate::real::{MathFn, Real};

/// A number the evaluator can compute with: `f64` (value only), [`Dual`] (value + gradient)
/// or a nested `Dual<Dual>` (value, gradient and Hessian). Constants and the larger of two
/// are [`Real`]'s (a constant's derivatives are zero).
pub(crate) trait Scalar: Real {
    /// The variable `w1` at `x` (∂/∂w1 = 1).
    fn w1(x: f64) -> Self;
    /// The variable `w2` at `x` (∂/∂w2 = 1).
    fn w2(x: f64) -> Self;
    /// `x * x`.
    fn square(self) -> Self;
    /// `self ^ e`, as `f64::powf`.
    fn pow(self, e: Self) -> Self;
    /// `self % d`, the remainder of truncated division as Rust's `%`.
    fn rem(self, d: Self) -> Self;
    /// `atan2(self, x)`: the angle of the point `(x, self)`.
    fn atan2(self, x: Self) -> Self;
    /// The smaller of two, ignoring a NaN as `f64::min` does; at ties (`0` and `-0` too) the
    /// first.
    fn min(self, other: Self) -> Self;
    /// A built-in function of one argument.
    fn apply(self, f: Unary) -> Self;
}

/// Whether `a` is the minimum of `a` and `b`: smaller, tied, or `b` is NaN.
#[inline(always)]
fn first_is_min<R: Real>(a: R, b: R) -> R::Bool {
    R::or(a.at_most(b), b.is_nan())
}

impl Scalar for f64 {
    fn w1(x: f64) -> Self {
        x
    }
    fn w2(x: f64) -> Self {
        x
    }
    fn square(self) -> Self {
        self * self
    }
    fn pow(self, e: Self) -> Self {
        MathFn::Powf.apply(self, e)
    }
    fn rem(self, d: Self) -> Self {
        MathFn::Rem.apply(self, d)
    }
    fn atan2(self, x: Self) -> Self {
        MathFn::Atan2.apply(self, x)
    }
    fn min(self, other: Self) -> Self {
        if first_is_min(self, other) {
            self
        } else {
            other
        }
    }
    fn apply(self, f: Unary) -> Self {
        f.value(self)
    }
}

/// A value with its exact partial derivatives: forward-mode automatic differentiation. The
/// parts are `f64` when the program runs, or traced values when it is compiled into a kernel
/// (`crate::kernel`): the same operations either way.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Dual<R = f64> {
    /// The value.
    pub v: R,
    /// ∂/∂w1.
    pub d1: R,
    /// ∂/∂w2.
    pub d2: R,
}

/// `factor * d`, but exactly 0 when `d` is 0: a variable that does not enter a sub-expression
/// contributes nothing, even where the outer derivative is infinite (∂/∂w2 of `sqrt(w1) + w2`
/// at w1 = 0 is 1, not NaN).
#[inline(always)]
fn chain<R: Real>(factor: R, d: R) -> R {
    let zero = R::constant(0.0);
    R::select(d.is_zero(), || zero, || factor * d)
}

impl<R: Real> Dual<R> {
    /// A constant: its derivatives are zero.
    #[inline(always)]
    pub(crate) fn constant_of(c: R) -> Self {
        let zero = R::constant(0.0);
        Dual {
            v: c,
            d1: zero,
            d2: zero,
        }
    }

    /// The variable `w1` at `x` (∂/∂w1 = 1).
    #[inline(always)]
    pub(crate) fn w1_of(x: R) -> Self {
        Dual {
            v: x,
            d1: R::constant(1.0),
            d2: R::constant(0.0),
        }
    }

    /// The variable `w2` at `x` (∂/∂w2 = 1).
    #[inline(always)]
    pub(crate) fn w2_of(x: R) -> Self {
        Dual {
            v: x,
            d1: R::constant(0.0),
            d2: R::constant(1.0),
        }
    }

    /// Both derivatives scaled by `factor` (the chain rule for a function of one argument).
    #[inline(always)]
    pub(super) fn scaled(self, v: R, factor: R) -> Self {
        Dual {
            v,
            d1: chain(factor, self.d1),
            d2: chain(factor, self.d2),
        }
    }

    /// `da * self' + db * other'`: the chain rule for a function of two arguments.
    #[inline(always)]
    pub(super) fn combined(v: R, a: Self, da: R, b: Self, db: R) -> Self {
        Dual {
            v,
            d1: chain(da, a.d1) + chain(db, b.d1),
            d2: chain(da, a.d2) + chain(db, b.d2),
        }
    }

    /// `self` where `first` holds, else `other`, part by part.
    #[inline(always)]
    pub(super) fn chosen(self, first: R::Bool, other: Self) -> Self {
        Dual {
            v: R::select(first, || self.v, || other.v),
            d1: R::select(first, || self.d1, || other.d1),
            d2: R::select(first, || self.d2, || other.d2),
        }
    }
}

impl<R: Real> Add for Dual<R> {
    type Output = Self;
    #[inline(always)]
    fn add(self, o: Self) -> Self {
        Dual {
            v: self.v + o.v,
            d1: self.d1 + o.d1,
            d2: self.d2 + o.d2,
        }
    }
}

impl<R: Real> Sub for Dual<R> {
    type Output = Self;
    #[inline(always)]
    fn sub(self, o: Self) -> Self {
        Dual {
            v: self.v - o.v,
            d1: self.d1 - o.d1,
            d2: self.d2 - o.d2,
        }
    }
}

impl<R: Real> Mul for Dual<R> {
    type Output = Self;
    #[inline(always)]
    fn mul(self, o: Self) -> Self {
        Dual::combined(self.v * o.v, self, o.v, o, self.v)
    }
}

impl<R: Real> Div for Dual<R> {
    type Output = Self;
    #[inline(always)]
    fn div(self, o: Self) -> Self {
        let q = self.v / o.v;
        // (a/b)' = a'/b - (a/b) b'/b
        Dual::combined(q, self, R::constant(1.0) / o.v, o, -q / o.v)
    }
}

impl<R: Real> Neg for Dual<R> {
    type Output = Self;
    #[inline(always)]
    fn neg(self) -> Self {
        Dual {
            v: -self.v,
            d1: -self.d1,
            d2: -self.d2,
        }
    }
}

impl<R: Real> Scalar for Dual<R> {
    fn w1(x: f64) -> Self {
        Dual::w1_of(R::constant(x))
    }
    fn w2(x: f64) -> Self {
        Dual::w2_of(R::constant(x))
    }
    #[inline(always)]
    fn square(self) -> Self {
        self.scaled(self.v * self.v, R::constant(2.0) * self.v)
    }
    fn pow(self, e: Self) -> Self {
        let zero = R::constant(0.0);
        let v = self.v.math(MathFn::Powf, e.v);
        // d(a^b) = b a^(b-1) da + a^b ln(a) db; the ln term only where b varies, so that a
        // negative base with a constant exponent keeps a finite derivative.
        let d_base = R::select(
            e.v.is_zero(),
            || zero,
            || e.v * self.v.math(MathFn::Powf, e.v - R::constant(1.0)),
        );
        let d_exponent = R::select(
            R::and(e.d1.is_zero(), e.d2.is_zero()),
            || zero,
            || v * self.v.math1(MathFn::Ln),
        );
        Dual::combined(v, self, d_base, e, d_exponent)
    }
    fn rem(self, d: Self) -> Self {
        // a % b = a - b trunc(a/b); trunc is flat between its jumps.
        let v = self.v.math(MathFn::Rem, d.v);
        Dual::combined(v, self, R::constant(1.0), d, -(self.v / d.v).trunc())
    }
    fn atan2(self, x: Self) -> Self {
        let r2 = self.v * self.v + x.v * x.v;
        let v = self.v.math(MathFn::Atan2, x.v);
        Dual::combined(v, self, x.v / r2, x, -self.v / r2)
    }
    fn min(self, other: Self) -> Self {
        self.chosen(first_is_min(self.v, other.v), other)
    }
    fn apply(self, f: Unary) -> Self {
        let (v, d) = f.value_and_derivative(self.v);
        self.scaled(v, d)
    }
}
