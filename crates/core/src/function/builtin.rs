//! The built-in functions and constants an error function may use: meval's set, plus `log`.

use crate::real::{MathFn, Real};

/// A built-in function of one argument, with its value (as meval computes it) and derivative.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Unary {
    Sqrt,
    Exp,
    Ln,
    Abs,
    Sin,
    Cos,
    Tan,
    Asin,
    Acos,
    Atan,
    Sinh,
    Cosh,
    Tanh,
    Asinh,
    Acosh,
    Atanh,
    Floor,
    Ceil,
    Round,
    Signum,
}

/// A built-in function of two or more arguments.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Binary {
    Add,
    Sub,
    Mul,
    Div,
    Rem,
    Pow,
    Atan2,
    Max,
    Min,
}

/// A function name as written in an expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Builtin {
    /// `name(x)`.
    Unary(Unary),
    /// `atan2(y, x)`.
    Atan2,
    /// `max(a, b, ...)` or `min(a, b, ...)`: one argument or more.
    Fold(Binary),
}

/// Every function name, in the order the error messages list them.
pub const FUNCTION_NAMES: [&str; 24] = [
    "sqrt", "exp", "ln", "log", "abs", "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh",
    "tanh", "asinh", "acosh", "atanh", "floor", "ceil", "round", "signum", "atan2", "max", "min",
];

impl Builtin {
    /// The function called `name`, if there is one.
    pub(crate) fn named(name: &str) -> Option<Self> {
        use Unary::*;
        let unary = match name {
            "sqrt" => Sqrt,
            "exp" => Exp,
            "ln" | "log" => Ln,
            "abs" => Abs,
            "sin" => Sin,
            "cos" => Cos,
            "tan" => Tan,
            "asin" => Asin,
            "acos" => Acos,
            "atan" => Atan,
            "sinh" => Sinh,
            "cosh" => Cosh,
            "tanh" => Tanh,
            "asinh" => Asinh,
            "acosh" => Acosh,
            "atanh" => Atanh,
            "floor" => Floor,
            "ceil" => Ceil,
            "round" => Round,
            "signum" => Signum,
            "atan2" => return Some(Builtin::Atan2),
            "max" => return Some(Builtin::Fold(Binary::Max)),
            "min" => return Some(Builtin::Fold(Binary::Min)),
            _ => return None,
        };
        Some(Builtin::Unary(unary))
    }

    /// Whether the function takes `count` arguments.
    pub(crate) fn accepts(self, count: usize) -> bool {
        match self {
            Builtin::Unary(_) => count == 1,
            Builtin::Atan2 => count == 2,
            Builtin::Fold(_) => count >= 1,
        }
    }

    /// How many arguments the function takes, in words.
    pub(crate) fn arity(self) -> &'static str {
        match self {
            Builtin::Unary(_) => "1 argument",
            Builtin::Atan2 => "2 arguments",
            Builtin::Fold(_) => "1 or more arguments",
        }
    }
}

/// The value of a named constant.
pub(crate) fn constant(name: &str) -> Option<f64> {
    match name {
        "pi" => Some(std::f64::consts::PI),
        "e" => Some(std::f64::consts::E),
        _ => None,
    }
}

impl Unary {
    /// The function's value, computed as meval computes it.
    #[inline]
    pub(crate) fn value<R: Real>(self, x: R) -> R {
        use Unary::*;
        let f = match self {
            Sqrt => return x.sqrt(),
            Abs => return x.abs(),
            Floor => return x.floor(),
            Ceil => return x.ceil(),
            Signum => return x.signum(),
            Exp => MathFn::Exp,
            Ln => MathFn::Ln,
            Sin => MathFn::Sin,
            Cos => MathFn::Cos,
            Tan => MathFn::Tan,
            Asin => MathFn::Asin,
            Acos => MathFn::Acos,
            Atan => MathFn::Atan,
            Sinh => MathFn::Sinh,
            Cosh => MathFn::Cosh,
            Tanh => MathFn::Tanh,
            Asinh => MathFn::Asinh,
            Acosh => MathFn::Acosh,
            Atanh => MathFn::Atanh,
            Round => MathFn::Round,
        };
        x.math1(f)
    }

    /// The value and the derivative together, sharing the work where they can.
    #[inline]
    pub(crate) fn value_and_derivative<R: Real>(self, x: R) -> (R, R) {
        use Unary::*;
        match self {
            Sin => x.sin_cos(),
            Cos => {
                let (sin, cos) = x.sin_cos();
                (cos, -sin)
            }
            Exp => {
                let e = x.math1(MathFn::Exp);
                (e, e)
            }
            Sqrt => {
                let r = x.sqrt();
                (r, R::constant(0.5) / r)
            }
            _ => (self.value(x), self.derivative(x)),
        }
    }

    /// The exact derivative. Conventions where there is none: `abs` takes the right-hand
    /// derivative at 0 (+1); the step functions `floor`, `ceil`, `round` and `signum` have
    /// derivative 0 everywhere, that of their flat pieces.
    #[inline]
    fn derivative<R: Real>(self, x: R) -> R {
        use Unary::*;
        let one = R::constant(1.0);
        match self {
            Sqrt => R::constant(0.5) / x.sqrt(),
            Exp => x.math1(MathFn::Exp),
            Ln => one / x,
            Abs => R::select(
                x.at_least(R::constant(0.0)),
                || one,
                || {
                    R::select(
                        x.less(R::constant(0.0)),
                        || R::constant(-1.0),
                        || R::constant(f64::NAN),
                    )
                },
            ),
            Sin => x.math1(MathFn::Cos),
            Cos => -x.math1(MathFn::Sin),
            Tan => {
                let c = x.math1(MathFn::Cos);
                one / (c * c)
            }
            Asin => one / ((one - x) * (one + x)).sqrt(),
            Acos => R::constant(-1.0) / ((one - x) * (one + x)).sqrt(),
            Atan => one / (one + x * x),
            Sinh => x.math1(MathFn::Cosh),
            Cosh => x.math1(MathFn::Sinh),
            Tanh => {
                let c = x.math1(MathFn::Cosh);
                one / (c * c)
            }
            Asinh => one / x.math(MathFn::Hypot, one),
            Acosh => one / ((x - one) * (x + one)).sqrt(),
            Atanh => one / ((one - x) * (one + x)),
            Floor | Ceil | Round | Signum => R::constant(0.0),
        }
    }
}
