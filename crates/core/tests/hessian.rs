//! Exact Hessians of typed functions: against closed forms (within 1e-10 relative to the
//! Hessian's largest entry), and against central differences of the exact gradient on random
//! well-formed functions of the function grammar (within 1e-6 relative).

use descent_core::symmetric::Symmetric;
use descent_core::Function;
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::TestRunner;

fn f(source: &str) -> Function {
    Function::parse(source).unwrap_or_else(|e| panic!("{source}: {e}"))
}

/// The largest entry's magnitude, at least 1: the scale tolerances are relative to.
fn scale(h: &Symmetric) -> f64 {
    h.entries().iter().fold(1.0_f64, |m, x| m.max(x.abs()))
}

type ClosedForm = fn(f64, f64) -> [f64; 3];

#[test]
fn hessians_match_closed_forms() {
    let cases: Vec<(&str, ClosedForm)> = vec![
        ("3*w1^2 + 10*w2^2", |_, _| [6.0, 0.0, 20.0]),
        ("(1-w1)^2 + 100*(w2-w1^2)^2", |a, b| {
            [2.0 - 400.0 * (b - a * a) + 800.0 * a * a, -400.0 * a, 200.0]
        }),
        ("(w1^2 + w2 - 11)^2 + (w1 + w2^2 - 7)^2", |a, b| {
            [
                12.0 * a * a + 4.0 * b - 42.0,
                4.0 * (a + b),
                12.0 * b * b + 4.0 * a - 26.0,
            ]
        }),
        ("w1^3*w2^2", |a, b| {
            [6.0 * a * b * b, 6.0 * a * a * b, 2.0 * a.powi(3)]
        }),
        ("w1^2 - w2^2", |_, _| [2.0, 0.0, -2.0]),
        ("sin(w1)*cos(w2)", |a, b| {
            [-a.sin() * b.cos(), -a.cos() * b.sin(), -a.sin() * b.cos()]
        }),
        ("sin(100*w1)*cos(50*w2)", |a, b| {
            let (s, c) = ((100.0 * a).sin(), (50.0 * b).cos());
            [
                -1e4 * s * c,
                -5e3 * (100.0 * a).cos() * (50.0 * b).sin(),
                -2.5e3 * s * c,
            ]
        }),
        ("ln(1 + w1^2 + w2^2)", |a, b| {
            let q = 1.0 + a * a + b * b;
            [
                2.0 / q - 4.0 * a * a / (q * q),
                -4.0 * a * b / (q * q),
                2.0 / q - 4.0 * b * b / (q * q),
            ]
        }),
        ("log(w1^2 + 1)*w2", |a, b| {
            let q = a * a + 1.0;
            [b * (2.0 / q - 4.0 * a * a / (q * q)), 2.0 * a / q, 0.0]
        }),
        ("exp(sin(w1*w2))", |a, b| {
            let (u, s, c) = (a * b, (a * b).sin(), (a * b).cos());
            let e = s.exp();
            let second = e * (c * c - s); // d²/du² of exp(sin u)
            [b * b * second, e * c + u * second, a * a * second]
        }),
        ("sqrt(1 + (w1^2 + w2)^2)", |a, b| {
            let p = a * a + b;
            let r = (1.0 + p * p).sqrt();
            let d = p / r; // d/dp
            let dd = 1.0 / r.powi(3); // d²/dp²
            [dd * 4.0 * a * a + d * 2.0, dd * 2.0 * a, dd]
        }),
        ("w1/(1 + w2^2)", |a, b| {
            let q = 1.0 + b * b;
            [
                0.0,
                -2.0 * b / (q * q),
                a * (8.0 * b * b / q.powi(3) - 2.0 / (q * q)),
            ]
        }),
    ];
    let points = [
        [0.3, -0.7],
        [1.2, 0.4],
        [-1.5, 2.25],
        [2.0, -1.0],
        [0.05, 0.9],
    ];
    for (source, closed) in cases {
        let function = f(source);
        let mut evaluator = function.hessian_evaluator();
        for w in points {
            let h = evaluator.hessian(w);
            let [e11, e12, e22] = closed(w[0], w[1]);
            let expected = Symmetric {
                h11: e11,
                h12: e12,
                h22: e22,
            };
            let s = scale(&expected);
            for (got, want) in h.entries().into_iter().zip(expected.entries()) {
                assert!(
                    (got - want).abs() <= 1e-10 * s,
                    "{source} at {w:?}: {h:?} vs {expected:?}"
                );
            }
            assert_eq!(h, function.hessian(w), "one point or many: the same bits");
        }
    }
}

/// Well-formed smooth expressions of the function grammar: variables, constants, + − * /,
/// integer powers and the smooth built-in functions, nested.
fn smooth_expression() -> impl Strategy<Value = String> {
    let leaf = proptest::prop_oneof![
        proptest::strategy::Just("w1".to_owned()),
        proptest::strategy::Just("w2".to_owned()),
        (1u8..9).prop_map(|k| format!("{}", f64::from(k) / 4.0)),
    ];
    leaf.prop_recursive(5, 24, 2, |inner| {
        proptest::prop_oneof![
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a} + {b})")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a} - {b})")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a} * {b})")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a} / (1 + {b}^2))")),
            (inner.clone(), 2u8..4).prop_map(|(a, k)| format!("({a})^{k}")),
            inner.clone().prop_map(|a| format!("sin({a})")),
            inner.clone().prop_map(|a| format!("cos({a})")),
            inner.clone().prop_map(|a| format!("tanh({a})")),
            inner.clone().prop_map(|a| format!("atan({a})")),
            inner.clone().prop_map(|a| format!("exp(sin({a}))")),
            inner.clone().prop_map(|a| format!("ln(1 + {a}^2)")),
            inner.clone().prop_map(|a| format!("sqrt(2 + cos({a}))")),
            (inner.clone(), inner).prop_map(|(a, b)| format!("atan2({a}, 2 + cos({b}))")),
        ]
    })
}

/// Central differences of the exact gradient with step `h`: the Hessian's columns.
fn differenced(function: &Function, w: [f64; 2], h: f64) -> Symmetric {
    let g = |dw1: f64, dw2: f64| function.value_and_gradient([w[0] + dw1, w[1] + dw2]).1;
    let (plus1, minus1) = (g(h, 0.0), g(-h, 0.0));
    let (plus2, minus2) = (g(0.0, h), g(0.0, -h));
    let column = |p: [f64; 2], m: [f64; 2], k: usize| (p[k] - m[k]) / (2.0 * h);
    Symmetric {
        h11: column(plus1, minus1, 0),
        h12: 0.5 * (column(plus1, minus1, 1) + column(plus2, minus2, 0)),
        h22: column(plus2, minus2, 1),
    }
}

#[test]
fn hessians_match_differences_of_the_exact_gradient_on_random_functions() {
    let mut runner = TestRunner::deterministic();
    let strategy = smooth_expression();
    let points = [[0.4, -0.3], [-0.9, 0.7], [1.1, 1.3]];
    let (mut compared, mut generated) = (0, 0);
    while generated < 400 {
        let Ok(tree) = strategy.new_tree(&mut runner) else {
            continue;
        };
        generated += 1;
        let source = tree.current();
        let function = f(&source);
        for w in points {
            let exact = function.hessian(w);
            // Differences with two steps that agree with each other: the function is smooth
            // at this scale there (not near a pole), so the comparison means something.
            let (coarse, fine) = (
                differenced(&function, w, 1e-4),
                differenced(&function, w, 5e-5),
            );
            let s = scale(&fine).max(
                function
                    .value_and_gradient(w)
                    .1
                    .iter()
                    .fold(0.0, |m: f64, g| m.max(g.abs())),
            );
            let consistent = coarse
                .entries()
                .iter()
                .zip(fine.entries())
                .all(|(a, b)| (a - b).abs() <= 1e-7 * s);
            if !(consistent && s.is_finite() && s < 1e8) {
                continue;
            }
            compared += 1;
            for (got, want) in exact.entries().into_iter().zip(fine.entries()) {
                assert!(
                    (got - want).abs() <= 1e-6 * s,
                    "{source} at {w:?}: exact {exact:?}, differences {fine:?}"
                );
            }
        }
    }
    assert!(compared > 1000, "only {compared} of 1200 points compared");
}
