//! Error functions E(w1, w2) typed as text: parsed by meval, compiled once into a flat program
//! that returns the value and the exact gradient (forward-mode automatic differentiation).
//!
//! The syntax is meval's: `+ - * / % ^`, unary minus, parentheses, the constants `pi` and `e`,
//! and the functions in [`FUNCTION_NAMES`] (`log` is the natural logarithm, as in math.js).
//! Precedence is meval's: `-w2^2` is `-(w2^2)` and `2^3^2` is `2^9`.
//!
//! Derivatives where the function has none: `abs` takes the right-hand derivative at 0 (+1);
//! `floor`, `ceil`, `round`, `signum` and the truncation inside `%` have derivative 0 (that of
//! their flat pieces); `max` and `min` follow their leftmost argument at ties.

mod builtin;
mod compile;
mod lanes;
mod nested;
mod program;
mod quadratic;
mod rotate;
mod scalar;
mod spans;

use std::str::FromStr;

pub use builtin::FUNCTION_NAMES;
use compile::{compile, Unknown};
use lanes::{DualLanes, ScalarLanes, ValueLanes};
use program::PointStack;
pub(crate) use program::Program;
pub use rotate::cos_sin_degrees;

use crate::grid::Grid;
use crate::symmetric::Symmetric;
use scalar::Dual;

/// The longest function text accepted, in bytes: room for 100 000 nested parentheses, and
/// short enough to parse in well under 100 ms.
pub const MAX_FUNCTION_LENGTH: usize = 256 * 1024;

/// Points evaluated together: long enough to amortise the per-instruction dispatch, short
/// enough for the scratch stack to stay in cache.
pub const BATCH: usize = 256;

/// Why a function text was not accepted. Columns count characters from 1.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FunctionError {
    /// Nothing but white space.
    #[error("the function is empty: type an expression in w1 and w2, such as 3*w1^2 + 10*w2^2")]
    Empty,
    /// Longer than [`MAX_FUNCTION_LENGTH`].
    #[error("the function is {length} bytes long; the limit is {MAX_FUNCTION_LENGTH}")]
    TooLong {
        /// Its length in bytes.
        length: usize,
    },
    /// A name that is neither `w1`, `w2` nor a constant.
    #[error(
        "unknown variable `{name}` at column {column}: the variables are w1 and w2 (constants: pi, e)"
    )]
    UnknownVariable {
        /// The name as written.
        name: String,
        /// Where it starts.
        column: usize,
    },
    /// A call of a function that does not exist.
    #[error("unknown function `{name}` at column {column}; the functions are {}", FUNCTION_NAMES.join(", "))]
    UnknownFunction {
        /// The name as written.
        name: String,
        /// Where it starts.
        column: usize,
    },
    /// A known function called with the wrong number of arguments.
    #[error("`{name}` at column {column} takes {expected}, not {found}")]
    ArgumentCount {
        /// The function's name.
        name: String,
        /// Where the call starts.
        column: usize,
        /// What it takes, in words.
        expected: &'static str,
        /// How many it was given.
        found: usize,
    },
    /// Text that is not an expression.
    #[error("syntax error at column {column}: {problem}")]
    Syntax {
        /// Where the problem is.
        column: usize,
        /// What is wrong there.
        problem: String,
    },
    /// A bug: the compiler met token sequences meval should not produce.
    #[error("the function could not be compiled (an internal error; please report it)")]
    Internal,
}

impl FunctionError {
    pub(crate) fn internal() -> Self {
        FunctionError::Internal
    }
}

/// An error function of `w1` and `w2`, compiled once and evaluated many times, possibly
/// turned about the origin ([`Function::rotated`]).
#[derive(Clone, Debug)]
pub struct Function {
    source: String,
    /// The counterclockwise turn in degrees (0: as typed).
    rotation: f64,
    program: Program,
    /// The Hessian where it is the same at every point (see [`Function::constant_hessian`]).
    constant_hessian: Option<Symmetric>,
}

/// Two functions are equal when their texts and turns are: the program is compiled from them
/// alone. (Comparing programs would make a function with a NaN constant, such as
/// `sqrt(-1) + w1`, unequal to itself.)
impl PartialEq for Function {
    fn eq(&self, other: &Self) -> bool {
        self.source == other.source && self.rotation.to_bits() == other.rotation.to_bits()
    }
}

impl Eq for Function {}

impl FromStr for Function {
    type Err = FunctionError;

    fn from_str(source: &str) -> Result<Self, FunctionError> {
        Function::parse(source)
    }
}

impl Function {
    /// Parses and compiles `source`, an expression in `w1` and `w2`.
    pub fn parse(source: &str) -> Result<Self, FunctionError> {
        if source.len() > MAX_FUNCTION_LENGTH {
            return Err(FunctionError::TooLong {
                length: source.len(),
            });
        }
        if source.trim().is_empty() {
            return Err(FunctionError::Empty);
        }
        let tokens =
            meval::tokenizer::tokenize(source).map_err(|e| spans::parse_error(source, e))?;
        let rpn = meval::shunting_yard::to_rpn(&tokens).map_err(|e| spans::rpn_error(source, e))?;
        let program = compile(&rpn).map_err(|unknown| match unknown {
            Ok(Unknown::Variable(name)) => FunctionError::UnknownVariable {
                name: name.to_owned(),
                column: spans::column_of_name(source, name, false),
            },
            Ok(Unknown::Function(name, None)) => FunctionError::UnknownFunction {
                name: name.to_owned(),
                column: spans::column_of_name(source, name, true),
            },
            Ok(Unknown::Function(name, Some((builtin, found)))) => FunctionError::ArgumentCount {
                name: name.to_owned(),
                column: spans::column_of_name(source, name, true),
                expected: builtin.arity(),
                found,
            },
            Err(e) => e,
        })?;
        Ok(Function::new(source.to_owned(), 0.0, program))
    }

    /// The text the function was parsed from.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The surface turned further counterclockwise about the origin by `degrees` (finite):
    /// E_θ(w) = E(R(−θ)·w), whose gradient and Hessian are the turned ones. A whole number of
    /// turns leaves the function as it is.
    pub fn rotated(&self, degrees: f64) -> Function {
        let (cos, sin) = cos_sin_degrees(degrees);
        if (cos, sin) == (1.0, 0.0) {
            return self.clone();
        }
        Function::new(
            self.source.clone(),
            self.rotation + degrees,
            rotate::rotated(&self.program, cos, sin),
        )
    }

    /// The function of `program`, with its Hessian evaluated once if it is constant.
    fn new(source: String, rotation: f64, program: Program) -> Function {
        let constant_hessian = quadratic::is_quadratic(&program).then(|| {
            let h = HessianEvaluator::nested(&program).hessian([0.0, 0.0]);
            // The nested duals' zeros carry the sign of a product with the point; +0 here.
            Symmetric {
                h11: h.h11 + 0.0,
                h12: h.h12 + 0.0,
                h22: h.h22 + 0.0,
            }
        });
        Function {
            source,
            rotation,
            program,
            constant_hessian,
        }
    }

    /// ∇²E where it is the same at every point: for a polynomial of degree at most 2 in w1
    /// and w2 with finite constants (such as the article's bowl, turned or not), `None` for
    /// any other function.
    pub fn constant_hessian(&self) -> Option<Symmetric> {
        self.constant_hessian
    }

    /// The turn in degrees (0: as typed).
    pub fn rotation(&self) -> f64 {
        self.rotation
    }

    /// The compiled program.
    pub(crate) fn program(&self) -> &Program {
        &self.program
    }

    /// An evaluator with its own scratch space: evaluating through it never allocates.
    pub fn evaluator(&self) -> Evaluator<'_> {
        Evaluator {
            program: &self.program,
            stack: PointStack::new(self.program.slots),
        }
    }

    /// An evaluator of many points at a time (see [`BatchEvaluator`]).
    pub fn batch_evaluator(&self) -> BatchEvaluator<'_> {
        BatchEvaluator {
            program: &self.program,
            lanes: DualLanes::default(),
        }
    }

    /// E(w) and ∇E(w) at one point (allocates scratch space: for many points use
    /// [`Function::evaluator`]).
    pub fn value_and_gradient(&self, w: [f64; 2]) -> (f64, [f64; 2]) {
        self.evaluator().value_and_gradient(w)
    }

    /// An evaluator of exact Hessians with its own scratch space (see [`HessianEvaluator`]).
    pub fn hessian_evaluator(&self) -> HessianEvaluator<'_> {
        HessianEvaluator {
            constant: self.constant_hessian,
            ..HessianEvaluator::nested(&self.program)
        }
    }

    /// The exact Hessian ∇²E(w) at one point (for many points use
    /// [`Function::hessian_evaluator`]).
    pub fn hessian(&self, w: [f64; 2]) -> Symmetric {
        self.hessian_evaluator().hessian(w)
    }

    /// E at one point.
    pub fn value(&self, w: [f64; 2]) -> f64 {
        self.value_and_gradient(w).0
    }

    /// E at every sample of `grid`, row by row from the top (largest w2) down.
    pub fn values_on(&self, grid: &Grid) -> Vec<f64> {
        let mut results = Vec::with_capacity(grid.columns * grid.rows);
        let mut stack = vec![0.0; self.program.slots * grid.columns.clamp(1, BATCH)];
        for_each_batch(grid, |w1, w2| {
            let n = w1.len();
            let mut lanes = ValueLanes {
                data: &mut stack[..self.program.slots * n],
                n,
            };
            self.program.run(w1, w2, &mut lanes);
            results.extend_from_slice(&stack[..n]);
        });
        results
    }

    /// E and ∇E at every sample of `grid`, row by row from the top (largest w2) down.
    pub fn values_and_gradients_on(&self, grid: &Grid) -> Vec<(f64, [f64; 2])> {
        let mut results = Vec::with_capacity(grid.columns * grid.rows);
        let mut evaluator = self.batch_evaluator();
        for_each_batch(grid, |w1, w2| {
            let values = evaluator.evaluate(w1, w2);
            let gradients = values.g1.iter().zip(values.g2);
            results.extend(
                values
                    .error
                    .iter()
                    .zip(gradients)
                    .map(|(&e, (&g1, &g2))| (e, [g1, g2])),
            );
        });
        results
    }
}

/// Calls `f` with the grid's points in batches of at most [`BATCH`] points of one row: their
/// w1 and their w2.
fn for_each_batch(grid: &Grid, mut f: impl FnMut(&[f64], &[f64])) {
    let batch = grid.columns.clamp(1, BATCH);
    let w1_row: Vec<f64> = (0..grid.columns).map(|c| grid.w1_at(c)).collect();
    let mut w2_row = vec![0.0; batch];
    for row in 0..grid.rows {
        w2_row.fill(grid.w2_at(row));
        for w1 in w1_row.chunks(batch) {
            f(w1, &w2_row[..w1.len()]);
        }
    }
}

/// Evaluates one function at point after point with no allocation.
#[derive(Debug)]
pub struct Evaluator<'f> {
    program: &'f Program,
    stack: PointStack,
}

impl Evaluator<'_> {
    /// E(w) and the exact gradient ∇E(w).
    #[inline]
    pub fn value_and_gradient(&mut self, w: [f64; 2]) -> (f64, [f64; 2]) {
        let d = self.program.run_point(w[0], w[1], &mut self.stack);
        (d.v, [d.d1, d.d2])
    }
}

/// The variables as nested dual numbers: each one's derivative is 1 at both levels.
const HESSIAN_SEEDS: [fn(f64) -> Dual<Dual>; 2] = [
    |x| Dual::w1_of(Dual::w1_of(x)),
    |x| Dual::w2_of(Dual::w2_of(x)),
];

/// Evaluates the exact Hessian of one function at point after point: the program run on
/// nested dual numbers (forward mode over forward mode), no finite differences, a batch of
/// points one instruction at a time; for a function whose Hessian is constant
/// ([`Function::constant_hessian`]), that constant at every finite point.
#[derive(Debug)]
pub struct HessianEvaluator<'f> {
    program: &'f Program,
    lanes: ScalarLanes<Dual<Dual>>,
    /// The Hessian at every finite point, if it is constant.
    constant: Option<Symmetric>,
}

impl<'f> HessianEvaluator<'f> {
    /// The evaluator that runs `program` on nested duals at every point.
    fn nested(program: &'f Program) -> Self {
        HessianEvaluator {
            program,
            lanes: ScalarLanes::default(),
            constant: None,
        }
    }

    /// ∇²E(w).
    pub fn hessian(&mut self, w: [f64; 2]) -> Symmetric {
        let mut h = [Symmetric::default()];
        self.hessians(&[w[0]], &[w[1]], &mut h);
        h[0]
    }

    /// ∇²E at the points `(w1[i], w2[i])` into `out` (all three equally long), in batches
    /// of [`BATCH`] points: the same bits as one point at a time. The off-diagonal entry is
    /// the mean of ∂²E/∂w1∂w2 and ∂²E/∂w2∂w1, which forward mode computes separately (equal
    /// but for rounding).
    ///
    /// A constant Hessian is given at every finite point: the nested duals' bits (up to the
    /// sign of a zero entry, +0 here), checked on random quadratics even where the values
    /// overflow. At an infinite or NaN point the nested duals run as for any function.
    pub fn hessians(&mut self, w1: &[f64], w2: &[f64], out: &mut [Symmetric]) {
        let Some(h) = self.constant else {
            return self.nested_hessians(w1, w2, out);
        };
        let finite = |(&a, &b): (&f64, &f64)| a.is_finite() && b.is_finite();
        if !w1.iter().zip(w2).all(finite) {
            self.nested_hessians(w1, w2, out);
        }
        for (point, out) in w1.iter().zip(w2).zip(out) {
            if finite(point) {
                *out = h;
            }
        }
    }

    /// [`HessianEvaluator::hessians`] on nested duals at every point.
    fn nested_hessians(&mut self, w1: &[f64], w2: &[f64], out: &mut [Symmetric]) {
        for ((w1, w2), out) in w1
            .chunks(BATCH)
            .zip(w2.chunks(BATCH))
            .zip(out.chunks_mut(BATCH))
        {
            self.lanes.resize(self.program.slots, w1.len());
            self.program
                .run_seeded(w1, w2, &mut self.lanes, HESSIAN_SEEDS);
            for (h, d) in out.iter_mut().zip(self.lanes.results()) {
                *h = Symmetric {
                    h11: d.d1.d1,
                    h12: 0.5 * (d.d1.d2 + d.d2.d1),
                    h22: d.d2.d2,
                };
            }
        }
    }
}

/// Evaluates one function at many points at a time, one instruction over the whole batch
/// (as the grid evaluation does), with the same results bit for bit as [`Evaluator`]. Its
/// scratch space grows to the largest batch it has seen and is then reused.
#[derive(Debug)]
pub struct BatchEvaluator<'f> {
    program: &'f Program,
    lanes: DualLanes,
}

impl BatchEvaluator<'_> {
    /// E and ∇E at the points `(w1[i], w2[i])` (equally long; the longer is cut). Batches of
    /// about [`BATCH`] points use the cache best.
    pub fn evaluate(&mut self, w1: &[f64], w2: &[f64]) -> BatchValues<'_> {
        let n = w1.len().min(w2.len());
        self.lanes.resize(self.program.slots, n);
        self.program.run(&w1[..n], &w2[..n], &mut self.lanes);
        let (error, g1, g2) = self.lanes.results();
        BatchValues { error, g1, g2 }
    }
}

/// E and ∇E at a batch of points, one entry per point.
#[derive(Clone, Copy, Debug)]
pub struct BatchValues<'a> {
    /// E(w).
    pub error: &'a [f64],
    /// ∂E/∂w1.
    pub g1: &'a [f64],
    /// ∂E/∂w2.
    pub g2: &'a [f64],
}
