//! Error functions whose Hessian is the same at every point: polynomials of degree at most 2
//! in w1 and w2 with finite constants (the article's bowl, and any turn of it). Recognised
//! from the compiled program by the degree of each slot, so that a run's curvature evaluates
//! the Hessian once instead of at every row.
//!
//! Why the constant is exact: in such a program every second-derivative part that nested dual
//! numbers compute is a sum of products of constants, plus products of a finite
//! point-dependent part with an exact zero (the second derivative of a linear sub-expression,
//! or a derivative of a constant). Wherever the program's values and first derivatives are
//! finite, those terms are ±0, so the nested duals give the constant's bits there, up to the
//! sign of a zero entry (which the constant keeps as +0). Where the values overflow, the
//! nested duals' zero tests keep them exact too (the tests below find the same bits there).

use super::builtin::Binary;
use super::program::{Op, Program};

/// Whether `program` computes a polynomial of degree at most 2 in w1 and w2 whose constants
/// are all finite (division only by finite nonzero constants; no built-in functions, no `%`,
/// no powers other than squares).
pub(super) fn is_quadratic(program: &Program) -> bool {
    let mut degrees = vec![0_u8; program.slots + 2];
    for instr in &program.instrs {
        let k = instr.slot;
        let x = degrees[k];
        let degree = match instr.op {
            Op::W1 | Op::W2 => Some(1),
            Op::Const(c) => c.is_finite().then_some(0),
            Op::Neg => Some(x),
            Op::Square => Some(2 * x),
            Op::Unary(_) => None,
            Op::Binary(op) => {
                let y = degrees[k + 1];
                match op {
                    Binary::Add | Binary::Sub => Some(x.max(y)),
                    Binary::Mul => Some(x + y),
                    _ => None,
                }
            }
            Op::BinaryConstRight(_, c) | Op::BinaryConstLeft(_, c) if !c.is_finite() => None,
            Op::BinaryConstRight(op, c) => match op {
                Binary::Add | Binary::Sub | Binary::Mul => Some(x),
                Binary::Div if c != 0.0 => Some(x),
                _ => None,
            },
            Op::BinaryConstLeft(op, _) => match op {
                Binary::Add | Binary::Sub | Binary::Mul => Some(x),
                _ => None,
            },
        };
        match degree {
            Some(d) if d <= 2 => degrees[k] = d,
            _ => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::super::HessianEvaluator;
    use crate::symmetric::Symmetric;
    use crate::Function;

    fn quadratic(source: &str) -> bool {
        let function = Function::parse(source).unwrap_or_else(|e| panic!("{source}: {e}"));
        super::is_quadratic(function.program())
    }

    #[test]
    fn polynomials_of_degree_two_qualify_and_nothing_else() {
        for source in [
            "3*w1^2 + 10*w2^2",
            "w1*w2",
            "(w1 - 2*w2)^2 / 4 - w1 + 7",
            "-(w1 + 1)*(w2 - 3) + 0.5*w1^2",
            "w1",
            "5",
            "w1^2 - w2^2",
            "2 - w1/3",
        ] {
            assert!(quadratic(source), "{source} is a quadratic");
        }
        for source in [
            "(1-w1)^2 + 100*(w2-w1^2)^2",
            "w1^3",
            "w1*w1*w2",
            "(w1^2)^2",
            "w1/w2",
            "1/w1",
            "sqrt(w1^2)",
            "abs(w1)",
            "w1^2.5",
            "w1 % 2",
            "max(w1, w2)",
            "w1/0 + w2^2",
            "sqrt(-1) + w1",
            "1e308*10*w1^2",
            "exp(w1)",
        ] {
            assert!(!quadratic(source), "{source} is not a quadratic");
        }
    }

    /// A random expression of degree at most `degree` (xorshift64 state in `seed`), with
    /// constants from tiny to huge, so that some points overflow.
    fn random_quadratic(seed: &mut u64, degree: u8, depth: u8) -> String {
        let mut next = || {
            *seed ^= *seed << 13;
            *seed ^= *seed >> 7;
            *seed ^= *seed << 17;
            *seed
        };
        const CONSTANTS: [&str; 8] = ["0", "1", "0.3", "-2.5", "7e-3", "1e150", "3e-200", "1e300"];
        let pick = next() % 8;
        if depth == 0 || pick < 2 {
            return match (degree, next() % 3) {
                (0, _) | (_, 0) => CONSTANTS[(next() % 8) as usize].to_owned(),
                (_, 1) => "w1".to_owned(),
                _ => "w2".to_owned(),
            };
        }
        let mut sub = |d: u8| random_quadratic(seed, d, depth - 1);
        match pick {
            2 => format!("({} + {})", sub(degree), sub(degree)),
            3 => format!("({} - {})", sub(degree), sub(degree)),
            4 if degree == 2 => format!("({} * {})", sub(1), sub(1)),
            4 => format!("({} * {})", sub(degree), sub(0)),
            5 if degree == 2 => format!("({})^2", sub(1)),
            6 => format!(
                "({} / {})",
                sub(degree),
                ["3", "-0.7", "1e-200"][(pick % 3) as usize]
            ),
            _ => format!("-({})", sub(degree)),
        }
    }

    /// Whether two Hessians are the same bits, or NaN in the same entries, or zeros of either
    /// sign.
    fn same(a: Symmetric, b: Symmetric) -> bool {
        a.entries().iter().zip(b.entries()).all(|(&x, y)| {
            x.to_bits() == y.to_bits() || (x.is_nan() && y.is_nan()) || (x == 0.0 && y == 0.0)
        })
    }

    #[test]
    fn the_constant_hessian_is_the_nested_duals_at_every_finite_point() {
        let points = [
            [0.0, 0.0],
            [-0.0, 1.0],
            [-1.5, 2.0],
            [1e-300, -3e-310],
            [1e150, -2e100],
            [-7e200, 1e-5],
            [1e308, 1e308],
            [0.25, -1e300],
        ];
        let (mut seed, mut compared, mut overflowing, mut skipped) =
            (0x9e37_79b9_7f4a_7c15_u64, 0, 0, 0);
        for _ in 0..2000 {
            let source = random_quadratic(&mut seed, 2, 5);
            let function = Function::parse(&source).unwrap_or_else(|e| panic!("{source}: {e}"));
            // Constants folded beyond f64 (such as (1e300 + 1e300)^2) make it no quadratic.
            let Some(h) = function.constant_hessian() else {
                skipped += 1;
                continue;
            };
            assert!(h
                .entries()
                .iter()
                .all(|x| x.to_bits() != (-0.0_f64).to_bits()));
            let mut constant = function.hessian_evaluator();
            let mut nested = HessianEvaluator::nested(function.program());
            for w in points {
                let (value, gradient) = function.value_and_gradient(w);
                let expected = nested.hessian(w);
                assert_eq!(constant.hessian(w), h, "{source} at {w:?}");
                // The fast path ran: no program was run on nested duals.
                assert!(constant.lanes.results().is_empty(), "{source} at {w:?}");
                if value.is_finite() && gradient.iter().all(|g| g.is_finite()) {
                    assert!(
                        same(h, expected),
                        "{source} at {w:?}: {h:?} vs {expected:?}"
                    );
                    compared += 1;
                } else {
                    // Their zero tests keep the nested duals' second derivatives exact here too.
                    assert!(
                        same(h, expected),
                        "{source} at {w:?}: {h:?} vs {expected:?}"
                    );
                    overflowing += 1;
                }
            }
            // Not finite: the nested duals, as for any function.
            for w in [
                [f64::INFINITY, 0.0],
                [1.0, f64::NAN],
                [f64::NEG_INFINITY, 2.0],
            ] {
                let (got, expected) = (constant.hessian(w), nested.hessian(w));
                assert_eq!(constant.lanes.results().len(), 1, "{source}: they ran");
                assert!(
                    got.entries().iter().zip(expected.entries()).all(|(&x, y)| {
                        x.to_bits() == y.to_bits() || (x.is_nan() && y.is_nan())
                    }),
                    "{source} at {w:?}: {got:?} vs {expected:?}"
                );
            }
        }
        assert!(
            compared > 8000 && overflowing > 1000 && skipped < 200,
            "{compared} compared, {overflowing} overflowing, {skipped} not quadratic"
        );
    }

    #[test]
    fn a_batch_with_infinite_points_takes_the_constant_at_its_finite_ones() {
        let function = Function::parse("3*w1^2 + 10*w2^2").expect("valid");
        let h = function.constant_hessian().expect("a quadratic");
        assert_eq!(h.entries(), [6.0, 0.0, 20.0]);
        let mut out = [Symmetric::default(); 3];
        let (w1, w2) = ([1.0, f64::INFINITY, -2.0], [0.5, 0.0, 1e300]);
        function.hessian_evaluator().hessians(&w1, &w2, &mut out);
        assert_eq!((out[0], out[2]), (h, h));
        let nested = HessianEvaluator::nested(function.program()).hessian([w1[1], w2[1]]);
        assert!(same(out[1], nested), "{:?} vs {nested:?}", out[1]);
        // Turned, the bowl stays a quadratic; its Hessian turns with it.
        let turned = function.rotated(30.0);
        let (c, s) = crate::function::cos_sin_degrees(30.0);
        let expected = h.rotated(c, s);
        let got = turned.constant_hessian().expect("a quadratic");
        for (x, y) in got.entries().iter().zip(expected.entries()) {
            assert!((x - y).abs() <= 1e-14 * 20.0, "{got:?} vs {expected:?}");
        }
        assert_eq!(
            Function::parse("w1^3").expect("valid").constant_hessian(),
            None
        );
    }
}
