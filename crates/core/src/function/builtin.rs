//! The built-in functions and constants an error function may use: meval's set, plus `log`.

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
    pub(crate) fn value(self, x: f64) -> f64 {
        use Unary::*;
        match self {
            Sqrt => x.sqrt(),
            Exp => x.exp(),
            Ln => x.ln(),
            Abs => x.abs(),
            Sin => x.sin(),
            Cos => x.cos(),
            Tan => x.tan(),
            Asin => x.asin(),
            Acos => x.acos(),
            Atan => x.atan(),
            Sinh => x.sinh(),
            Cosh => x.cosh(),
            Tanh => x.tanh(),
            Asinh => x.asinh(),
            Acosh => x.acosh(),
            Atanh => x.atanh(),
            Floor => x.floor(),
            Ceil => x.ceil(),
            Round => x.round(),
            Signum => x.signum(),
        }
    }

    /// The value and the derivative together, sharing the work where they can.
    #[inline]
    pub(crate) fn value_and_derivative(self, x: f64) -> (f64, f64) {
        use Unary::*;
        match self {
            Sin => x.sin_cos(),
            Cos => {
                let (s, c) = x.sin_cos();
                (c, -s)
            }
            Exp => {
                let e = x.exp();
                (e, e)
            }
            Sqrt => {
                let r = x.sqrt();
                (r, 0.5 / r)
            }
            _ => (self.value(x), self.derivative(x)),
        }
    }

    /// The exact derivative. Conventions where there is none: `abs` takes the right-hand
    /// derivative at 0 (+1); the step functions `floor`, `ceil`, `round` and `signum` have
    /// derivative 0 everywhere, that of their flat pieces.
    #[inline]
    fn derivative(self, x: f64) -> f64 {
        use Unary::*;
        match self {
            Sqrt => 0.5 / x.sqrt(),
            Exp => x.exp(),
            Ln => 1.0 / x,
            Abs => {
                if x >= 0.0 {
                    1.0
                } else if x < 0.0 {
                    -1.0
                } else {
                    f64::NAN
                }
            }
            Sin => x.cos(),
            Cos => -x.sin(),
            Tan => {
                let c = x.cos();
                1.0 / (c * c)
            }
            Asin => 1.0 / ((1.0 - x) * (1.0 + x)).sqrt(),
            Acos => -1.0 / ((1.0 - x) * (1.0 + x)).sqrt(),
            Atan => 1.0 / (1.0 + x * x),
            Sinh => x.cosh(),
            Cosh => x.sinh(),
            Tanh => {
                let c = x.cosh();
                1.0 / (c * c)
            }
            Asinh => 1.0 / x.hypot(1.0),
            Acosh => 1.0 / ((x - 1.0) * (x + 1.0)).sqrt(),
            Atanh => 1.0 / ((1.0 - x) * (1.0 + x)),
            Floor | Ceil | Round | Signum => 0.0,
        }
    }
}
