//! A run's curvature columns as the JS API's `trajectory()` returns them (`run_columns`,
//! computed a batch of rows at a time without per-row `Curvature`s) are those of the run's
//! `Curvature`s (`run`, what the CLI writes): the same bits for every optimizer, on
//! quadratics (a constant Hessian), curved and non-smooth functions, runs shorter and longer
//! than a batch, runs that stop early and runs without rows.

mod support;

use descent_core::{Config, OptimizerKind};
use support::same;

const FUNCTIONS: [&str; 5] = [
    "3*w1^2 + 10*w2^2",
    "(1-w1)^2 + 100*(w2-w1^2)^2",
    "exp(sin(w1*w2)) + ln(1 + w1^2) + sqrt(1 + (w1^2 + w2)^2)",
    "sqrt(w1^2) + w2^2",
    "w1^2 - 3*w2^2",
];

fn config(pairs: &[(&str, &str)]) -> Config {
    Config::from_pairs(pairs.iter().copied()).unwrap_or_else(|e| panic!("{pairs:?}: {e}"))
}

/// Asserts that `config`'s columns are those of its run kept as rows.
fn check(config: &Config, what: &str) {
    let run = config.run();
    let (names, values) = (run.columns(), run.column_values());
    let recorded = config.run_columns();
    assert_eq!(recorded.names, names, "{what}");
    assert_eq!(recorded.stop, run.stop, "{what}");
    assert_eq!(recorded.values.len(), values.len(), "{what}");
    for (name, (a, b)) in names.iter().zip(recorded.values.iter().zip(&values)) {
        assert_eq!(a.len(), b.len(), "{what}: {name}");
        for (t, (x, y)) in a.iter().zip(b).enumerate() {
            assert!(same(*x, *y), "{what}: {name} at row {t}: {x:?} vs {y:?}");
        }
    }
}

#[test]
fn curvature_columns_are_the_rows_curvatures_values() {
    for kind in OptimizerKind::all() {
        for function in FUNCTIONS {
            for steps in ["0", "1", "255", "256", "257", "600"] {
                let pairs = [
                    ("function", function),
                    ("optimizer", kind.name()),
                    ("start", "-1.5,2"),
                    ("steps", steps),
                    ("curvature", "1"),
                ];
                check(&config(&pairs), &format!("{pairs:?}"));
            }
        }
    }
}

#[test]
fn runs_that_stop_early_or_have_no_rows_keep_their_columns() {
    let cases: [&[(&str, &str)]; 4] = [
        // Diverges: a learning rate far beyond the edge.
        &[("optimizer", "gd"), ("lr", "5"), ("steps", "900")],
        // Converges within its tolerance after a few hundred steps.
        &[
            ("optimizer", "gd"),
            ("lr", "0.05"),
            ("tol", "1e-6"),
            ("steps", "2000"),
        ],
        // Undefined at the start: no rows, no curvature columns.
        &[("function", "ln(w1)"), ("steps", "300")],
        // Undefined after some steps.
        &[
            ("function", "ln(w1 + 1.6) + w2^2"),
            ("optimizer", "gd"),
            ("lr", "0.3"),
        ],
    ];
    for case in cases {
        let pairs = [case, &[("curvature", "1")]].concat();
        let config = config(&pairs);
        assert!(config.run().stop.is_some(), "{pairs:?} stops early");
        check(&config, &format!("{pairs:?}"));
    }
    let none = config(&[("function", "ln(w1)"), ("curvature", "1")]).run_columns();
    assert_eq!(none.names.len(), 6 + 2, "{:?}", none.names);
}
