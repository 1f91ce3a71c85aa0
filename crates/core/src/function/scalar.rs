//! The number types the compiled program runs on: plain `f64` for values only, and forward-mode
//! dual numbers that carry the exact partial derivatives with respect to `w1` and `w2`.

use std::ops::{Add, Div, Mul, Neg, Sub};

use super::builtin::Unary;

/// A number the evaluator can compute with: `f64` (value only) or [`Dual`] (value + gradient).
pub(crate) trait Scalar:
    Copy
    + Add<Output = Self>
    + Sub<Output = Self>
    + Mul<Output = Self>
    + Div<Output = Self>
    + Neg<Output = Self>
{
    /// A constant: its derivatives are zero.
    fn constant(c: f64) -> Self;
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
    /// The larger of two, ignoring a NaN as `f64::max` does; at ties (`0` and `-0` too) the
    /// first.
    fn max(self, other: Self) -> Self;
    /// The smaller of two, ignoring a NaN as `f64::min` does; at ties (`0` and `-0` too) the
    /// first.
    fn min(self, other: Self) -> Self;
    /// A built-in function of one argument.
    fn apply(self, f: Unary) -> Self;
}

/// Whether `a` is the maximum of `a` and `b`: larger, tied, or `b` is NaN. One rule for values
/// and dual numbers, so that both paths agree even on `max(0, -0)`, where `f64::max` may
/// return either zero.
#[inline(always)]
fn first_is_max(a: f64, b: f64) -> bool {
    a >= b || b.is_nan()
}

/// Whether `a` is the minimum of `a` and `b`: smaller, tied, or `b` is NaN.
#[inline(always)]
fn first_is_min(a: f64, b: f64) -> bool {
    a <= b || b.is_nan()
}

impl Scalar for f64 {
    fn constant(c: f64) -> Self {
        c
    }
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
        self.powf(e)
    }
    fn rem(self, d: Self) -> Self {
        self % d
    }
    fn atan2(self, x: Self) -> Self {
        f64::atan2(self, x)
    }
    fn max(self, other: Self) -> Self {
        if first_is_max(self, other) {
            self
        } else {
            other
        }
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

/// A value with its exact partial derivatives: forward-mode automatic differentiation.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Dual {
    /// The value.
    pub v: f64,
    /// ∂/∂w1.
    pub d1: f64,
    /// ∂/∂w2.
    pub d2: f64,
}

/// `factor * d`, but exactly 0 when `d` is 0: a variable that does not enter a sub-expression
/// contributes nothing, even where the outer derivative is infinite (∂/∂w2 of `sqrt(w1) + w2`
/// at w1 = 0 is 1, not NaN).
#[inline(always)]
fn chain(factor: f64, d: f64) -> f64 {
    if d == 0.0 {
        0.0
    } else {
        factor * d
    }
}

impl Dual {
    /// Both derivatives scaled by `factor` (the chain rule for a function of one argument).
    #[inline(always)]
    fn scaled(self, v: f64, factor: f64) -> Self {
        Dual {
            v,
            d1: chain(factor, self.d1),
            d2: chain(factor, self.d2),
        }
    }

    /// `da * self' + db * other'`: the chain rule for a function of two arguments.
    #[inline(always)]
    fn combined(v: f64, a: Self, da: f64, b: Self, db: f64) -> Self {
        Dual {
            v,
            d1: chain(da, a.d1) + chain(db, b.d1),
            d2: chain(da, a.d2) + chain(db, b.d2),
        }
    }
}

impl Add for Dual {
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

impl Sub for Dual {
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

impl Mul for Dual {
    type Output = Self;
    #[inline(always)]
    fn mul(self, o: Self) -> Self {
        Dual::combined(self.v * o.v, self, o.v, o, self.v)
    }
}

impl Div for Dual {
    type Output = Self;
    #[inline(always)]
    fn div(self, o: Self) -> Self {
        let q = self.v / o.v;
        // (a/b)' = a'/b - (a/b) b'/b
        Dual::combined(q, self, 1.0 / o.v, o, -q / o.v)
    }
}

impl Neg for Dual {
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

impl Scalar for Dual {
    fn constant(c: f64) -> Self {
        Dual {
            v: c,
            d1: 0.0,
            d2: 0.0,
        }
    }
    fn w1(x: f64) -> Self {
        Dual {
            v: x,
            d1: 1.0,
            d2: 0.0,
        }
    }
    fn w2(x: f64) -> Self {
        Dual {
            v: x,
            d1: 0.0,
            d2: 1.0,
        }
    }
    #[inline(always)]
    fn square(self) -> Self {
        self.scaled(self.v * self.v, 2.0 * self.v)
    }
    fn pow(self, e: Self) -> Self {
        let v = self.v.powf(e.v);
        // d(a^b) = b a^(b-1) da + a^b ln(a) db; the ln term only where b varies, so that a
        // negative base with a constant exponent keeps a finite derivative.
        let d_base = if e.v == 0.0 {
            0.0
        } else {
            e.v * self.v.powf(e.v - 1.0)
        };
        let d_exponent = if e.d1 == 0.0 && e.d2 == 0.0 {
            0.0
        } else {
            v * self.v.ln()
        };
        Dual::combined(v, self, d_base, e, d_exponent)
    }
    fn rem(self, d: Self) -> Self {
        // a % b = a - b trunc(a/b); trunc is flat between its jumps.
        Dual::combined(self.v % d.v, self, 1.0, d, -(self.v / d.v).trunc())
    }
    fn atan2(self, x: Self) -> Self {
        let r2 = self.v * self.v + x.v * x.v;
        Dual::combined(f64::atan2(self.v, x.v), self, x.v / r2, x, -self.v / r2)
    }
    fn max(self, other: Self) -> Self {
        if first_is_max(self.v, other.v) {
            self
        } else {
            other
        }
    }
    fn min(self, other: Self) -> Self {
        if first_is_min(self.v, other.v) {
            self
        } else {
            other
        }
    }
    fn apply(self, f: Unary) -> Self {
        let (v, d) = f.value_and_derivative(self.v);
        self.scaled(v, d)
    }
}
