//! Dual numbers are real numbers too: with [`Real`] implemented for [`Dual`], the compiled
//! program runs on `Dual<Dual<f64>>`, whose parts are the exact second derivatives (forward
//! mode over forward mode). Every operation reuses the first-order rules of [`Scalar`], so the
//! derivatives of a function are written once.

use super::builtin::Unary;
use super::scalar::{Dual, Scalar};
use crate::real::{MathFn, Real};

/// The built-in function of one argument that computes `f` (none for the binary ones).
fn unary_of(f: MathFn) -> Option<Unary> {
    Some(match f {
        MathFn::Exp => Unary::Exp,
        MathFn::Ln => Unary::Ln,
        MathFn::Sin => Unary::Sin,
        MathFn::Cos => Unary::Cos,
        MathFn::Tan => Unary::Tan,
        MathFn::Asin => Unary::Asin,
        MathFn::Acos => Unary::Acos,
        MathFn::Atan => Unary::Atan,
        MathFn::Sinh => Unary::Sinh,
        MathFn::Cosh => Unary::Cosh,
        MathFn::Tanh => Unary::Tanh,
        MathFn::Asinh => Unary::Asinh,
        MathFn::Acosh => Unary::Acosh,
        MathFn::Atanh => Unary::Atanh,
        MathFn::Round => Unary::Round,
        MathFn::Powf | MathFn::Rem | MathFn::Atan2 | MathFn::Hypot => return None,
    })
}

impl<R: Real> Real for Dual<R> {
    type Bool = R::Bool;

    #[inline(always)]
    fn constant(c: f64) -> Self {
        Dual::constant_of(R::constant(c))
    }
    #[inline(always)]
    fn equals(self, other: Self) -> R::Bool {
        self.v.equals(other.v)
    }
    #[inline(always)]
    fn less(self, other: Self) -> R::Bool {
        self.v.less(other.v)
    }
    #[inline(always)]
    fn at_most(self, other: Self) -> R::Bool {
        self.v.at_most(other.v)
    }
    #[inline(always)]
    fn at_least(self, other: Self) -> R::Bool {
        self.v.at_least(other.v)
    }
    #[inline(always)]
    fn is_nan(self) -> R::Bool {
        self.v.is_nan()
    }
    #[inline(always)]
    fn is_zero(self) -> R::Bool {
        R::and(
            R::and(self.v.is_zero(), self.d1.is_zero()),
            self.d2.is_zero(),
        )
    }
    #[inline(always)]
    fn and(a: R::Bool, b: R::Bool) -> R::Bool {
        R::and(a, b)
    }
    #[inline(always)]
    fn or(a: R::Bool, b: R::Bool) -> R::Bool {
        R::or(a, b)
    }
    #[inline(always)]
    fn known(condition: R::Bool) -> Option<bool> {
        R::known(condition)
    }
    #[inline(always)]
    fn select(
        condition: R::Bool,
        then: impl FnOnce() -> Self,
        otherwise: impl FnOnce() -> Self,
    ) -> Self {
        // Only the branch taken where the condition is known (always, on numbers).
        match R::known(condition) {
            Some(true) => then(),
            Some(false) => otherwise(),
            None => then().chosen(condition, otherwise()),
        }
    }
    #[inline(always)]
    fn sqrt(self) -> Self {
        self.apply(Unary::Sqrt)
    }
    #[inline(always)]
    fn abs(self) -> Self {
        self.apply(Unary::Abs)
    }
    #[inline(always)]
    fn floor(self) -> Self {
        self.apply(Unary::Floor)
    }
    #[inline(always)]
    fn ceil(self) -> Self {
        self.apply(Unary::Ceil)
    }
    #[inline(always)]
    fn trunc(self) -> Self {
        // Flat between its jumps, like floor and ceil.
        Dual::constant_of(self.v.trunc())
    }
    #[inline(always)]
    fn signum(self) -> Self {
        self.apply(Unary::Signum)
    }
    #[inline(always)]
    fn sin_cos(self) -> (Self, Self) {
        // What `apply` makes of `Unary::Sin` and `Unary::Cos`, from one pair of inner values.
        let (sin, cos) = self.v.sin_cos();
        (self.scaled(sin, cos), self.scaled(cos, -sin))
    }
    fn math(self, f: MathFn, y: Self) -> Self {
        if let Some(unary) = unary_of(f) {
            return self.apply(unary);
        }
        match f {
            MathFn::Powf => Scalar::pow(self, y),
            MathFn::Rem => Scalar::rem(self, y),
            MathFn::Atan2 => Scalar::atan2(self, y),
            _ => {
                // hypot(x, y): ∂/∂x = x/h, ∂/∂y = y/h.
                let h = self.v.math(MathFn::Hypot, y.v);
                Dual::combined(h, self, self.v / h, y, y.v / h)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// f(x) through `Real` on nested duals seeded at `x`: (f, f', f'').
    fn second(f: impl Fn(Dual<Dual>) -> Dual<Dual>, x: f64) -> [f64; 3] {
        let seed = Dual::w1_of(Dual::w1_of(x));
        let y = f(seed);
        [y.v.v, y.v.d1, y.d1.d1]
    }

    /// The nine parts of a nested dual, as bits.
    /// The parts' bits, every NaN as one: IEEE 754 leaves a NaN's sign and payload to the
    /// compiler (a release build folds `-NaN` differently from a debug build).
    fn bits(x: Dual<Dual>) -> Vec<u64> {
        let parts = [x.v, x.d1, x.d2]
            .into_iter()
            .flat_map(|p| [p.v, p.d1, p.d2]);
        parts
            .map(|p| if p.is_nan() { f64::NAN } else { p }.to_bits())
            .collect()
    }

    #[test]
    fn sin_cos_gives_the_bits_of_sine_and_cosine_taken_apart() {
        let points = [0.0, -0.0, 1e-300, 0.3, -2.7, 1e10, f64::INFINITY, f64::NAN];
        for x in points {
            for y in points {
                // Seeds as the Hessians' and as inner sub-expressions' (zeros, infinities).
                let seeds = [
                    Dual::w1_of(Dual::w1_of(x)),
                    Dual::w2_of(Dual::w1_of(x)),
                    Dual::w1_of(Dual::w1_of(x)) * Dual::w2_of(Dual::w2_of(y)),
                    Dual::w1_of(Dual::w1_of(x)).sqrt() + Dual::w2_of(Dual::w2_of(y)),
                ];
                for z in seeds {
                    let (sin, cos) = z.sin_cos();
                    // What `apply` made of them before sharing: each from its own inner values.
                    let apart_sin = z.scaled(z.v.math1(MathFn::Sin), z.v.math1(MathFn::Cos));
                    let apart_cos = z.scaled(z.v.math1(MathFn::Cos), -z.v.math1(MathFn::Sin));
                    assert_eq!(bits(sin), bits(apart_sin), "sin at {z:?}");
                    assert_eq!(bits(cos), bits(apart_cos), "cos at {z:?}");
                    assert_eq!(bits(z.math1(MathFn::Sin)), bits(apart_sin), "sin at {z:?}");
                    assert_eq!(bits(z.math1(MathFn::Cos)), bits(apart_cos), "cos at {z:?}");
                }
            }
        }
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-12 * b.abs().max(1.0)
    }

    #[test]
    fn every_math_function_has_its_second_derivative() {
        let x = 0.3_f64;
        let cases: [(MathFn, f64, f64); 14] = [
            (MathFn::Exp, x.exp(), x.exp()),
            (MathFn::Ln, 1.0 / x, -1.0 / (x * x)),
            (MathFn::Sin, x.cos(), -x.sin()),
            (MathFn::Cos, -x.sin(), -x.cos()),
            (
                MathFn::Tan,
                1.0 / x.cos().powi(2),
                2.0 * x.tan() / x.cos().powi(2),
            ),
            (
                MathFn::Asin,
                1.0 / (1.0 - x * x).sqrt(),
                x / (1.0 - x * x).powf(1.5),
            ),
            (
                MathFn::Acos,
                -1.0 / (1.0 - x * x).sqrt(),
                -x / (1.0 - x * x).powf(1.5),
            ),
            (
                MathFn::Atan,
                1.0 / (1.0 + x * x),
                -2.0 * x / (1.0 + x * x).powi(2),
            ),
            (MathFn::Sinh, x.cosh(), x.sinh()),
            (MathFn::Cosh, x.sinh(), x.cosh()),
            (
                MathFn::Tanh,
                1.0 / x.cosh().powi(2),
                -2.0 * x.tanh() / x.cosh().powi(2),
            ),
            (
                MathFn::Asinh,
                1.0 / (x * x + 1.0).sqrt(),
                -x / (x * x + 1.0).powf(1.5),
            ),
            (
                MathFn::Atanh,
                1.0 / (1.0 - x * x),
                2.0 * x / (1.0 - x * x).powi(2),
            ),
            (MathFn::Round, 0.0, 0.0),
        ];
        for (f, d1, d2) in cases {
            let [v, got1, got2] = second(|s| s.math1(f), x);
            assert_eq!(v, f.apply(x, x), "{f:?}");
            assert!(close(got1, d1) && close(got2, d2), "{f:?}: {got1} {got2}");
        }
        let [_, d1, d2] = second(|s| s.math1(MathFn::Acosh), 2.0);
        assert!(close(d1, 1.0 / 3f64.sqrt()) && close(d2, -2.0 / 3f64.powf(1.5)));
    }

    #[test]
    fn binary_functions_and_roots() {
        // x^3: 3x², 6x; hypot(x, 2): x/h, 4/h³; sqrt: ½x^-½, -¼x^-3/2.
        let x = 1.7_f64;
        let [_, d1, d2] = second(|s| s.math(MathFn::Powf, Dual::constant(3.0)), x);
        assert!(close(d1, 3.0 * x * x) && close(d2, 6.0 * x));
        let h = x.hypot(2.0);
        let [_, d1, d2] = second(|s| s.math(MathFn::Hypot, Dual::constant(2.0)), x);
        assert!(close(d1, x / h) && close(d2, 4.0 / h.powi(3)));
        let [_, d1, d2] = second(|s| s.sqrt(), x);
        assert!(close(d1, 0.5 / x.sqrt()) && close(d2, -0.25 / x.powf(1.5)));
        let [_, d1, d2] = second(|s| s.abs() * s, -x);
        assert!(close(d1, 2.0 * x) && close(d2, -2.0));
    }

    /// The whole nested dual of `source` at `w`, as the Hessian evaluator computes it.
    fn nested_at(source: &str, w: [f64; 2]) -> Dual<Dual> {
        let Ok(function) = super::super::Function::parse(source) else {
            panic!("{source} does not parse");
        };
        let mut lanes = super::super::ScalarLanes::default();
        lanes.resize(function.program.slots, 1);
        function
            .program
            .run_seeded(&[w[0]], &[w[1]], &mut lanes, super::super::HESSIAN_SEEDS);
        lanes.results()[0]
    }

    /// Why a second-order number of six parts (value, two first and three second
    /// derivatives) cannot replace `Dual<Dual>` bit for bit: the nested type computes the
    /// mixed derivative twice by different formulas (their mean is the Hessian's h12), and
    /// each first derivative twice under different zero tests (the inner level tests the
    /// number, the outer level it and its two second derivatives).
    #[test]
    fn nested_duals_carry_two_mixed_derivatives_and_two_copies_of_the_gradient() {
        let source = "sin(w1*w2)*cos(w1 + w2^2) + exp(w1)*w2^3";
        let (mut differ, mut agree) = (0, 0);
        for k in 0..64 {
            let w = [0.37 * f64::from(k) - 7.0, 1.3 - 0.21 * f64::from(k)];
            let d = nested_at(source, w);
            if d.d1.d2.to_bits() == d.d2.d1.to_bits() {
                agree += 1;
            } else {
                differ += 1;
                assert!((d.d1.d2 - d.d2.d1).abs() <= 1e-12 * d.d1.d2.abs());
            }
            // On smooth ground both copies of the gradient are the same bits.
            assert_eq!(d.v.d1.to_bits(), d.d1.v.to_bits());
            assert_eq!(d.v.d2.to_bits(), d.d2.v.to_bits());
        }
        assert!(differ > 0 && agree > 0, "{differ} differ, {agree} agree");
        // sqrt(w1²) at 0: the inner derivative of w1² is 0 (its second is 2), so the inner
        // level keeps sqrt's derivative ∞ out (0) and the outer one multiplies it (∞·0).
        let d = nested_at("sqrt(w1^2)", [0.0, 0.5]);
        assert_eq!(d.v.d1.to_bits(), 0.0_f64.to_bits());
        assert!(d.d1.v.is_nan());
    }

    #[test]
    fn a_zero_first_derivative_keeps_its_second() {
        // exp(x²) at 0: the inner derivative is 0 there, the second is 2.
        let [v, d1, d2] = second(|s| (s * s).math1(MathFn::Exp), 0.0);
        assert_eq!([v, d1, d2], [1.0, 0.0, 2.0]);
    }
}
