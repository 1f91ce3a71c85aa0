//! Parsing, meval compatibility, exact gradients and error messages of typed error functions.

use descent_core::{Function, FunctionError, Grid};

fn f(source: &str) -> Function {
    Function::parse(source).unwrap_or_else(|e| panic!("{source}: {e}"))
}

/// Relative agreement, with an absolute floor for values near zero.
fn assert_rel(actual: f64, expected: f64, tolerance: f64, what: &str) {
    let scale = expected.abs().max(1e-300);
    assert!(
        (actual - expected).abs() <= tolerance * scale || actual == expected,
        "{what}: {actual} vs {expected} (relative {})",
        (actual - expected).abs() / scale
    );
}

/// Sample points spread over the plane, avoiding exact kinks.
fn points() -> Vec<[f64; 2]> {
    let mut p = Vec::new();
    for i in 0..7 {
        for j in 0..7 {
            p.push([-2.9 + 0.83 * i as f64, -2.7 + 0.87 * j as f64]);
        }
    }
    p
}

type Analytic = fn(f64, f64) -> (f64, f64, f64);
type OneVariable = fn(f64) -> f64;

#[test]
fn gradients_match_analytic_derivatives() {
    let cases: Vec<(&str, Analytic)> = vec![
        ("3*w1^2 + 10*w2^2", |a, b| {
            (3.0 * a * a + 10.0 * b * b, 6.0 * a, 20.0 * b)
        }),
        ("(1-w1)^2 + 100*(w2-w1^2)^2", |a, b| {
            let r = b - a * a;
            (
                (1.0 - a).powi(2) + 100.0 * r * r,
                -2.0 * (1.0 - a) - 400.0 * a * r,
                200.0 * r,
            )
        }),
        ("(w1^2 + w2 - 11)^2 + (w1 + w2^2 - 7)^2", |a, b| {
            let p = a * a + b - 11.0;
            let q = a + b * b - 7.0;
            (p * p + q * q, 4.0 * a * p + 2.0 * q, 2.0 * p + 4.0 * b * q)
        }),
        ("sin(w1) + cos(w2)", |a, b| {
            (a.sin() + b.cos(), a.cos(), -b.sin())
        }),
        ("sin(100*w1)*cos(50*w2)", |a, b| {
            (
                (100.0 * a).sin() * (50.0 * b).cos(),
                100.0 * (100.0 * a).cos() * (50.0 * b).cos(),
                -50.0 * (100.0 * a).sin() * (50.0 * b).sin(),
            )
        }),
        ("exp(w1^2/4) * w2", |a, b| {
            let e = (a * a / 4.0).exp();
            (e * b, e * b * a / 2.0, e)
        }),
        ("w1^2 - w2^2", |a, b| (a * a - b * b, 2.0 * a, -2.0 * b)),
        ("ln(1 + w1^2 + w2^2)", |a, b| {
            let d = 1.0 + a * a + b * b;
            (d.ln(), 2.0 * a / d, 2.0 * b / d)
        }),
        ("sqrt(w1^2 + w2^2 + 1)", |a, b| {
            let r = (a * a + b * b + 1.0).sqrt();
            (r, a / r, b / r)
        }),
        ("tanh(w1) * atan(w2)", |a, b| {
            (
                a.tanh() * b.atan(),
                (1.0 - a.tanh().powi(2)) * b.atan(),
                a.tanh() / (1.0 + b * b),
            )
        }),
        ("atan2(w2, w1)", |a, b| {
            (b.atan2(a), -b / (a * a + b * b), a / (a * a + b * b))
        }),
        ("w1 / (1 + w2^2)", |a, b| {
            let d = 1.0 + b * b;
            (a / d, 1.0 / d, -2.0 * a * b / (d * d))
        }),
        ("2^w1 * w2^3", |a, b| {
            (
                2f64.powf(a) * b.powi(3),
                2f64.powf(a) * 2f64.ln() * b.powi(3),
                2f64.powf(a) * 3.0 * b * b,
            )
        }),
        ("sinh(w1/3) + cosh(w2/3) + asinh(w1*w2)", |a, b| {
            (
                (a / 3.0).sinh() + (b / 3.0).cosh() + (a * b).asinh(),
                (a / 3.0).cosh() / 3.0 + b / (1.0 + a * a * b * b).sqrt(),
                (b / 3.0).sinh() / 3.0 + a / (1.0 + a * a * b * b).sqrt(),
            )
        }),
        ("abs(w1) + max(w1, w2) + min(w1, 2*w2)", |a, b| {
            (
                a.abs() + a.max(b) + a.min(2.0 * b),
                a.signum() + if a >= b { 1.0 } else { 0.0 } + if a <= 2.0 * b { 1.0 } else { 0.0 },
                (if a >= b { 0.0 } else { 1.0 }) + if a <= 2.0 * b { 0.0 } else { 2.0 },
            )
        }),
    ];
    for (source, analytic) in cases {
        let function = f(source);
        let mut evaluator = function.evaluator();
        for w in points() {
            let (value, gradient) = evaluator.value_and_gradient(w);
            let (ev, e1, e2) = analytic(w[0], w[1]);
            let what = format!("{source} at {w:?}");
            assert_rel(value, ev, 1e-13, &format!("value of {what}"));
            assert_rel(gradient[0], e1, 1e-13, &format!("∂/∂w1 of {what}"));
            assert_rel(gradient[1], e2, 1e-13, &format!("∂/∂w2 of {what}"));
        }
    }
}

#[test]
fn inverse_trigonometric_and_hyperbolic_derivatives() {
    let cases: Vec<(&str, OneVariable, OneVariable)> = vec![
        ("asin(w1)", f64::asin, |x| 1.0 / (1.0 - x * x).sqrt()),
        ("acos(w1)", f64::acos, |x| -1.0 / (1.0 - x * x).sqrt()),
        ("atanh(w1)", f64::atanh, |x| 1.0 / (1.0 - x * x)),
        ("tan(w1)", f64::tan, |x| 1.0 / x.cos().powi(2)),
        (
            "acosh(w1 + 2)",
            |x| (x + 2.0).acosh(),
            |x| 1.0 / ((x + 2.0).powi(2) - 1.0).sqrt(),
        ),
    ];
    for (source, value, derivative) in cases {
        let function = f(source);
        for x in [-0.9, -0.5, -0.1, 0.3, 0.7, 0.95] {
            let (v, g) = function.value_and_gradient([x, 0.0]);
            assert_rel(v, value(x), 1e-15, source);
            assert_rel(g[0], derivative(x), 1e-13, source);
            assert_eq!(g[1], 0.0, "{source}: ∂/∂w2");
        }
    }
}

#[test]
fn values_agree_with_meval() {
    let sources = [
        "3*w1^2 + 10*w2^2",
        "-w2^2 + 2^3^2 - w1 % 0.7",
        "sqrt(abs(w1)) + exp(-w2) * ln(3 + w1^2) / log(5)",
        "floor(w1) + ceil(w2) + round(w1*w2) + signum(w1 - w2)",
        "max(w1, w2, 0.5) - min(w2, -w1) + atan2(w1, w2)",
        "pi * e * sin(w1) * cos(w2) * tan(w1/10)",
        "(((w1))) * --w2 + +w1",
    ];
    for source in sources {
        let function = f(source);
        let meval_source = source.replace("log(", "ln(");
        let expr: meval::Expr = meval_source.parse().expect("meval parses it");
        let reference = expr.bind2("w1", "w2").expect("meval binds it");
        for w in points() {
            let ours = function.value(w);
            let theirs = reference(w[0], w[1]);
            assert!(
                ours == theirs || (ours - theirs).abs() <= 1e-15 * theirs.abs(),
                "{source} at {w:?}: {ours} vs meval {theirs}"
            );
        }
    }
}

#[test]
fn precedence_is_mevals() {
    assert_eq!(f("-w2^2").value([0.0, 3.0]), -9.0);
    assert_eq!(f("2^3^2").value([0.0, 0.0]), 512.0);
    assert_eq!(f("2*3+4").value([0.0, 0.0]), 10.0);
    assert_eq!(f("log(e)").value([0.0, 0.0]), 1.0);
}

#[test]
fn conventions_at_kinks() {
    // abs: right-hand derivative +1 at 0.
    assert_eq!(f("abs(w1)").value_and_gradient([0.0, 0.0]).1, [1.0, 0.0]);
    // step functions: derivative 0.
    assert_eq!(
        f("floor(w1) + signum(w2)").value_and_gradient([1.0, 0.0]).1,
        [0.0, 0.0]
    );
    // max/min at ties follow the first argument.
    assert_eq!(
        f("max(w1, w2)").value_and_gradient([1.0, 1.0]).1,
        [1.0, 0.0]
    );
    assert_eq!(
        f("min(w2, w1)").value_and_gradient([1.0, 1.0]).1,
        [0.0, 1.0]
    );
    // a variable absent from a sub-expression contributes nothing, even at a singularity.
    let (value, gradient) = f("sqrt(w1) + w2").value_and_gradient([0.0, 2.0]);
    assert_eq!(value, 2.0);
    assert_eq!(gradient, [f64::INFINITY, 1.0]);
    // a negative base with a constant exponent keeps a finite derivative.
    assert_eq!(
        f("w1^3").value_and_gradient([-2.0, 0.0]),
        (-8.0, [12.0, 0.0])
    );
}

#[test]
fn grid_evaluation_matches_pointwise() {
    let function = f("(1-w1)^2 + 100*(w2-w1^2)^2 + sin(3*w1*w2)");
    // 300 columns: more than one batch per row.
    let grid = Grid {
        w1: [-2.0, 2.0],
        w2: [-1.0, 3.0],
        columns: 300,
        rows: 7,
    };
    let values = function.values_on(&grid);
    let with_gradients = function.values_and_gradients_on(&grid);
    assert_eq!(values.len(), 300 * 7);
    for row in 0..grid.rows {
        for column in 0..grid.columns {
            let w = [grid.w1_at(column), grid.w2_at(row)];
            let i = row * grid.columns + column;
            let (value, gradient) = function.value_and_gradient(w);
            assert_eq!(values[i], value);
            assert_eq!(with_gradients[i], (value, gradient));
        }
    }
    assert!(grid.w2_at(0) > grid.w2_at(1), "row 0 is the top");
}

#[test]
fn deep_nesting_does_not_overflow_the_stack() {
    let n = 100_000;
    let parens = format!("{}w1{}", "(".repeat(n), ")".repeat(n));
    assert_eq!(f(&parens).value([3.0, 0.0]), 3.0);
    let sums = format!("{}w2{}", "(w1+".repeat(20_000), ")".repeat(20_000));
    assert_eq!(
        f(&sums).value_and_gradient([1.0, 2.0]),
        (20_002.0, [20_000.0, 1.0])
    );
    let unclosed = "(".repeat(n);
    assert!(matches!(
        Function::parse(&unclosed),
        Err(FunctionError::Syntax { .. })
    ));
}

#[test]
fn too_long_is_a_clear_error() {
    let long = "w1+".repeat(400_000) + "w2";
    let message = Function::parse(&long).expect_err("too long").to_string();
    assert!(message.contains("limit"), "{message}");
}

#[test]
fn errors_name_the_problem_and_where() {
    let message = |s: &str| Function::parse(s).expect_err(s).to_string();
    assert_eq!(
        message("w1 + x"),
        "unknown variable `x` at column 6: the variables are w1 and w2 (constants: pi, e)"
    );
    let unknown = message("w1 + foo(w2)");
    assert!(
        unknown.starts_with("unknown function `foo` at column 6; the functions are sqrt, exp"),
        "{unknown}"
    );
    assert!(
        unknown.contains("atan2") && unknown.contains("log"),
        "{unknown}"
    );
    assert_eq!(
        message("sin(w1, w2)"),
        "`sin` at column 1 takes 1 argument, not 2"
    );
    assert_eq!(
        message("atan2(w1)"),
        "`atan2` at column 1 takes 2 arguments, not 1"
    );
    assert_eq!(
        message("w1 + * w2"),
        "syntax error at column 6: unexpected `*`"
    );
    assert_eq!(
        message("(w1 + w2"),
        "syntax error at column 9: 1 parenthesis opened but not closed: add `)`"
    );
    assert_eq!(
        message("w1 +"),
        "syntax error at column 5: the expression ends where a number, name or `(` was expected"
    );
    assert_eq!(
        message("w1 ÷ 2"),
        "syntax error at column 4: unexpected `÷`"
    );
    assert_eq!(message("   "), FunctionError::Empty.to_string());
    assert_eq!(message(""), FunctionError::Empty.to_string());
}

#[test]
fn undefined_points_give_non_finite_values_not_panics() {
    assert_eq!(f("1/(w1-w1)").value([1.0, 1.0]), f64::INFINITY);
    assert!(f("0/(w1-w1)").value([1.0, 1.0]).is_nan());
    assert!(f("ln(w1-100)").value([1.0, 1.0]).is_nan());
    assert_eq!(f("exp(exp(w1^2))").value([3.0, 0.0]), f64::INFINITY);
}
