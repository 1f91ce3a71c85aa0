//! Kernels equal the interpreter bit for bit: the generated WebAssembly, run natively in the
//! Wasmi interpreter (as the browser runs it), gives the same E and ∇E at every point (every
//! built-in, NaN, infinities, overflow, random expressions), the same trajectories (every
//! optimizer and convention, runs that converge, diverge or become undefined) and the same
//! sweeps, of starts and of hyperparameters, as the interpreted engine and single runs.
//! Long by design: one host and one set of comparison helpers serve every kernel's checks.

mod support;

use descent_core::kernel::{
    evaluation_arena, evaluation_results, Kernel, KernelHost, SweepLanes, Width,
};
use descent_core::optimizer::Convention;
use descent_core::sweep::SweepConfig;
use descent_core::{
    trajectory_columns_with, Config, Function, Limits, OptimizerKind, TrajectoryColumns,
};
use proptest::prelude::*;
use support::{any_f64, expression_text, same, WasmiHost};

/// Functions covering every operation and built-in, with arguments that reach their edges.
const FUNCTIONS: &[&str] = &[
    "(1-w1)^2 + 100*(w2-w1^2)^2",
    "3*w1^2 + 10*w2^2",
    "(w1^2 + w2 - 11)^2 + (w1 + w2^2 - 7)^2",
    "w1",
    "-w2",
    "7",
    "pi*e",
    "w1*w2 - w1/w2 + w2/3 - 2/w1",
    "w1^w2",
    "w1^3 + 2^w1 + w1^0 + w1^-1 + w2^0.5 + (-2)^w2",
    "w1 % w2 + w1 % 3 + 5 % w2",
    "atan2(w1, w2) + atan2(w2, 2) + atan2(1, w1)",
    "max(w1, w2) + min(w1, w2, 0) + max(w1) + max(w1, -w1)",
    "sqrt(w1) + exp(w2) + ln(w1) + log(w2) + abs(w1 - w2)",
    "sin(w1) + cos(w2) + tan(w1*w2)",
    "asin(w1) + acos(w2) + atan(w1 + w2)",
    "sinh(w1) + cosh(w2) + tanh(w1 - w2)",
    "asinh(w1) + acosh(w2) + atanh(w1 / 4)",
    "floor(w1) + ceil(w2) + round(w1*w2) + signum(w1 - w2)",
    "sqrt(w1^2 + w2^2) * exp(-(w1^2 + w2^2)/2)",
    "sin(w1)^2 / (1 + w2^2) - ln(1 + abs(w1*w2))",
    "exp(exp(w1^2))",
    "1/(w1-w1)",
    "w1^2 * 1e200 + w2^2 * 1e200",
];

/// Points at and around the edges: zeros of both signs, ±1, domain ends, huge, tiny,
/// infinite and NaN values.
const VALUES: &[f64] = &[
    0.0,
    -0.0,
    1.0,
    -1.0,
    0.5,
    -2.5,
    3.0,
    1e-310,
    1e200,
    -1e200,
    1e308,
    f64::INFINITY,
    f64::NEG_INFINITY,
    f64::NAN,
    710.0,
    -745.5,
];

/// Every pair of [`VALUES`], as two columns.
fn points() -> (Vec<f64>, Vec<f64>) {
    VALUES
        .iter()
        .flat_map(|&a| VALUES.iter().map(move |&b| (a, b)))
        .unzip()
}

/// Checks the evaluation kernels of `function` (one point at a time, and two) against the
/// interpreter at the given points.
fn check_evaluation(host: &mut WasmiHost, function: &Function, w1: &[f64], w2: &[f64]) {
    for width in [Width::One, Width::Two] {
        check_evaluation_by(host, function, width, w1, w2);
    }
}

fn check_evaluation_by(
    host: &mut WasmiHost,
    function: &Function,
    width: Width,
    w1: &[f64],
    w2: &[f64],
) {
    let kernel = Kernel::evaluation(function, width).expect("small enough for a kernel");
    let mut evaluator = function.batch_evaluator();
    for (w1, w2) in w1.chunks(256).zip(w2.chunks(256)) {
        let mut arena = evaluation_arena(w1, w2);
        let n = host.run(&kernel, &mut arena).expect("the kernel runs") as usize;
        assert_eq!(n, w1.len());
        let expected = evaluator.evaluate(w1, w2);
        let got = evaluation_results(&arena, n);
        for (part, (got, expected)) in got
            .iter()
            .zip([expected.error, expected.g1, expected.g2])
            .enumerate()
        {
            for i in 0..n {
                assert!(
                    same(got[i], expected[i]),
                    "{} ({width:?}): part {part} at ({:?}, {:?}): kernel {:?}, interpreter {:?}",
                    function.source(),
                    w1[i],
                    w2[i],
                    got[i],
                    expected[i]
                );
            }
        }
    }
}

#[test]
fn evaluation_kernels_equal_the_interpreter_at_every_edge() {
    let mut host = WasmiHost::default();
    let (w1, w2) = points();
    for source in FUNCTIONS {
        let function = Function::parse(source).unwrap_or_else(|e| panic!("{source}: {e}"));
        check_evaluation(&mut host, &function, &w1, &w2);
    }
    assert_eq!(host.calls, 2 * FUNCTIONS.len() * w1.len().div_ceil(256));
}

#[test]
fn a_function_too_large_for_a_kernel_has_none() {
    // Distinct terms (equal ones would be computed once).
    let huge = (0..3000)
        .map(|k| format!("sin(w1*w2 + {k})"))
        .collect::<Vec<_>>()
        .join(" + ");
    let function = Function::parse(&huge).expect("valid");
    assert!(Kernel::evaluation(&function, Width::Two).is_none());
    let rule = OptimizerKind::must("adam").with_defaults().form().rule;
    assert!(Kernel::trajectory(&function, rule, 0.0, (3, 0)).is_none());
    assert!(Kernel::sweep(&function, rule, 1e-3, SweepLanes::Shared).is_none());
}

/// Well-formed expressions of every operation and built-in, nested a few levels.
fn expression() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("w1".to_owned()),
        Just("w2".to_owned()),
        Just("pi".to_owned()),
        prop_oneof![Just(0.0), Just(2.0), Just(0.5), Just(1e300), -10.0..10.0f64]
            .prop_map(|x| format!("{x:?}")),
    ];
    leaf.prop_recursive(4, 24, 2, |inner| {
        let unary = prop::sample::select(descent_core::function::FUNCTION_NAMES.to_vec())
            .prop_filter("one argument", |f| !matches!(*f, "atan2" | "max" | "min"));
        let binary =
            prop::sample::select(vec!["+", "-", "*", "/", "%", "^", "atan2", "max", "min"]);
        prop_oneof![
            (unary, inner.clone()).prop_map(|(f, x)| format!("{f}({x})")),
            inner.clone().prop_map(|x| format!("-({x})")),
            (binary, inner.clone(), inner).prop_map(|(op, a, b)| match op {
                "atan2" | "max" | "min" => format!("{op}({a}, {b})"),
                _ => format!("({a}) {op} ({b})"),
            }),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn evaluation_kernels_equal_the_interpreter_on_random_formulas(
        text in expression(),
        w1 in prop::collection::vec(any_f64(), 1..8),
        w2 in prop::collection::vec(any_f64(), 8),
    ) {
        let function = Function::parse(&text).unwrap_or_else(|e| panic!("{text}: {e}"));
        let mut host = WasmiHost::default();
        let n = w1.len();
        check_evaluation(&mut host, &function, &w1, &w2[..n]);
    }

    #[test]
    fn evaluation_kernels_equal_the_interpreter_on_random_expressions(
        text in expression_text(),
        w1 in prop::collection::vec(any_f64(), 1..8),
        w2 in prop::collection::vec(any_f64(), 8),
    ) {
        if let Ok(function) = Function::parse(&text) {
            let mut host = WasmiHost::default();
            let n = w1.len();
            check_evaluation(&mut host, &function, &w1, &w2[..n]);
        }
    }
}

/// The run of `pairs` recorded through a kernel and by the interpreter.
fn both_ways(
    pairs: &[(&str, &str)],
    host: &mut WasmiHost,
) -> (TrajectoryColumns, TrajectoryColumns) {
    let config = Config::from_pairs(pairs.iter().copied()).unwrap_or_else(|e| panic!("{e}"));
    let interpreted = config.run_columns();
    let compiled = trajectory_columns_with(
        &config.function,
        &config.optimizer,
        config.start,
        config.optimizer.initial_state(),
        config.limits(),
        Some(host),
    );
    (compiled, interpreted)
}

/// Asserts two recordings of a run equal bit for bit.
fn assert_same_run(compiled: &TrajectoryColumns, interpreted: &TrajectoryColumns, what: &str) {
    assert_eq!(compiled.names, interpreted.names, "{what}");
    assert_eq!(compiled.stop, interpreted.stop, "{what}");
    for (name, (a, b)) in compiled
        .names
        .iter()
        .zip(compiled.values.iter().zip(&interpreted.values))
    {
        assert_eq!(a.len(), b.len(), "{what}: column {name}");
        for (t, (x, y)) in a.iter().zip(b).enumerate() {
            assert!(
                x.to_bits() == y.to_bits(),
                "{what}: column {name} row {t}: kernel {x:?}, interpreter {y:?}"
            );
        }
    }
}

#[test]
fn trajectories_through_kernels_equal_the_interpreter_for_every_optimizer() {
    let mut host = WasmiHost::default();
    let cases: &[(&str, &str, &str, &str)] = &[
        // function, start, steps, tol
        ("(1-w1)^2 + 100*(w2-w1^2)^2", "-1.5,2", "2500", "0"),
        ("3*w1^2 + 10*w2^2", "2,-1", "1500", "1e-6"),
        (
            "sin(w1) + cos(w2) + sqrt(w1^2 + w2^2 + 1)",
            "1,2",
            "1100",
            "0",
        ),
        ("sqrt(w1) + w2^2", "0.3,1", "600", "0"),
        (
            "max(w1, w2)^2 + abs(w1)*atan2(w2, 1 + w1^2)",
            "1.5,-0.5",
            "700",
            "1e-9",
        ),
    ];
    let (mut runs, mut rows) = (0, 0);
    for kind in OptimizerKind::all() {
        for convention in Convention::ALL {
            for &(function, start, steps, tol) in cases {
                let pairs = [
                    ("function", function),
                    ("optimizer", kind.name()),
                    ("convention", convention.name()),
                    ("start", start),
                    ("steps", steps),
                    ("tol", tol),
                ];
                let (compiled, interpreted) = both_ways(&pairs, &mut host);
                assert_same_run(&compiled, &interpreted, &format!("{pairs:?}"));
                runs += 1;
                rows += interpreted.values[0].len() as u64;
            }
        }
    }
    assert!(
        host.calls >= runs,
        "{} kernel calls for {runs} runs",
        host.calls
    );
    // Most rows came from the kernels (not all: the interpreter takes the first row and the
    // steps that may stop a run).
    assert!(
        host.computed * 10 >= rows * 9,
        "{} of {rows} rows from kernels",
        host.computed
    );
}

#[test]
fn runs_that_stop_stop_at_the_same_row_for_the_same_reason() {
    let mut host = WasmiHost::default();
    let cases: &[&[(&str, &str)]] = &[
        // Diverges: E overflows.
        &[
            ("function", "w1^2 * 1e300 + w2^2"),
            ("optimizer", "gd"),
            ("lr", "1"),
            ("start", "1,1"),
            ("steps", "3000"),
        ],
        // Undefined: sqrt of a negative once the run crosses 0.
        &[
            ("function", "sqrt(w1) + w1"),
            ("optimizer", "gd"),
            ("lr", "0.01"),
            ("start", "3,0"),
            ("steps", "3000"),
        ],
        // Converges after some rows.
        &[
            ("function", "3*w1^2 + 10*w2^2"),
            ("optimizer", "gd"),
            ("lr", "0.01"),
            ("start", "2,-1"),
            ("steps", "5000"),
            ("tol", "1e-4"),
        ],
        // Every component within tol but not the norm: each step is left to the interpreter,
        // and the kernel takes over again after it.
        &[
            ("function", "8e-7*w1 + 8e-7*w2 + 1e-3*max(w1 - 5, 0)^2"),
            ("optimizer", "momentum"),
            ("start", "0,0"),
            ("steps", "1300"),
            ("tol", "1e-6"),
        ],
        // A state that grows without bound.
        &[
            ("function", "exp(w1)"),
            ("optimizer", "adagrad"),
            ("lr", "1e300"),
            ("start", "0,0"),
            ("steps", "2000"),
        ],
    ];
    let mut stops = Vec::new();
    for pairs in cases {
        let (compiled, interpreted) = both_ways(pairs, &mut host);
        assert_same_run(&compiled, &interpreted, &format!("{pairs:?}"));
        stops.push(interpreted.stop.map(|s| s.reason()));
    }
    use descent_core::StopReason::*;
    assert!(stops.contains(&Some(Diverged)), "{stops:?}");
    assert!(stops.contains(&Some(Undefined)), "{stops:?}");
    assert!(stops.contains(&Some(Converged)), "{stops:?}");
    assert!(stops.contains(&None), "{stops:?}");
}

#[test]
fn steps_whose_checked_values_sum_beyond_the_largest_number_are_interpreted() {
    // E + ∂E/∂w1 = 1e307·(w1 + 1) overflows while w1 > 16.97 (about 50 steps of 0.01), every
    // value finite: the kernel leaves those steps to the interpreter, then takes the rest.
    let mut host = WasmiHost::default();
    let pairs = [
        ("function", "1e307*w1"),
        ("optimizer", "gd"),
        ("lr", "1e-309"),
        ("start", "17.5,0"),
        ("steps", "3000"),
    ];
    let (compiled, interpreted) = both_ways(&pairs, &mut host);
    assert_same_run(&compiled, &interpreted, "sum beyond f64::MAX");
    assert_eq!(interpreted.stop, None);
    let rows = host.computed;
    assert!((2900..2960).contains(&rows), "kernel rows: {rows}");
    // After a call whose first step is not plain, the interpreter takes a few steps before
    // the kernel is asked again: not a call per step.
    assert!(host.calls <= 10, "kernel calls: {}", host.calls);
}

#[test]
fn a_run_continued_from_a_state_equals_the_interpreter() {
    let mut host = WasmiHost::default();
    let config = Config::from_pairs([
        ("function", "(1-w1)^2 + 100*(w2-w1^2)^2"),
        ("optimizer", "adam"),
        ("start", "-1,1"),
        ("steps", "1500"),
    ])
    .expect("valid");
    let before = config.run();
    let last = before.rows.last().expect("rows");
    let limits = Limits {
        steps: 1200,
        tol: 0.0,
    };
    let (w, state) = (last.w, last.state);
    let compiled = trajectory_columns_with(
        &config.function,
        &config.optimizer,
        w,
        state,
        limits,
        Some(&mut host),
    );
    let interpreted =
        descent_core::trajectory_columns(&config.function, &config.optimizer, w, state, limits);
    assert_same_run(&compiled, &interpreted, "continued");
    assert_eq!(host.computed, 1200);
}

/// Runs the sweep of `pairs` through kernels and by the interpreter; asserts they agree bit
/// for bit, and with single trajectories of some cells, and returns the share of the steps the
/// kernels took.
fn check_sweep(pairs: &[(&str, &str)]) -> f64 {
    let config = SweepConfig::from_pairs(pairs.iter().copied()).unwrap_or_else(|e| panic!("{e}"));
    let mut host = WasmiHost::default();
    let compiled = config.run_with(Some(&mut host));
    let interpreted = config.run();
    assert_eq!(compiled.columns, interpreted.columns);
    for (cell, (a, b)) in compiled
        .summaries
        .iter()
        .zip(&interpreted.summaries)
        .enumerate()
    {
        let bits = |s: &descent_core::Summary| (s.w.map(f64::to_bits), s.error.to_bits(), s.t);
        assert_eq!(bits(a), bits(b), "{pairs:?} cell {cell}: {a:?} vs {b:?}");
        assert_eq!(a.stop, b.stop, "{pairs:?} cell {cell}");
    }
    // And equal the single trajectories of their cells.
    for cell in (0..config.cells()).step_by(37) {
        let single = config.cell_config(cell).run().summary();
        let summary = &compiled.summaries[cell];
        assert!(
            summary.same_bits(&single),
            "{pairs:?} cell {cell}: {summary:?} vs {single:?}"
        );
        assert_eq!(summary.stop, single.stop, "{pairs:?} cell {cell}");
    }
    let sharpness = |r: &descent_core::sweep::SweepResult| r.column_values()[7..].to_vec();
    let bits = |columns: Vec<Vec<f64>>| -> Vec<Vec<u64>> {
        let bits = |c: &Vec<f64>| c.iter().map(|v| v.to_bits()).collect();
        columns.iter().map(bits).collect()
    };
    assert_eq!(bits(sharpness(&compiled)), bits(sharpness(&interpreted)));
    let steps: usize = interpreted.summaries.iter().map(|s| s.t).sum();
    host.computed as f64 / steps.max(1) as f64
}

#[test]
fn sweeps_through_kernels_equal_the_interpreter() {
    // Large enough for kernels.
    const { assert!(23 * 19 * 240 >= descent_core::kernel::MIN_SWEEP_STEPS) };
    for kind in OptimizerKind::all() {
        for (convention, tol) in [("article", "0"), ("pytorch", "1e-3"), ("keras", "0")] {
            let pairs = [
                ("kind", "starts"),
                ("function", "(1-w1)^2 + 100*(w2-w1^2)^2"),
                ("optimizer", kind.name()),
                ("convention", convention),
                ("view", "-2,2,-1,3"),
                ("grid", "23,19"),
                ("steps", "240"),
                ("tol", tol),
            ];
            let share = check_sweep(&pairs);
            assert!(share > 0.5, "{pairs:?}: kernels took {share} of the steps");
        }
    }
}

#[test]
fn sweeps_whose_runs_stop_equal_the_interpreter() {
    // Runs that diverge, become undefined, converge and run out, in one sweep.
    let share = check_sweep(&[
        ("kind", "starts"),
        ("function", "sqrt(w1 + 2) + 1e-3*w2^2 + exp(w2^3)"),
        ("optimizer", "rmsprop"),
        ("lr", "0.5"),
        ("view", "-2.5,2,-3,3"),
        ("grid", "40"),
        ("steps", "300"),
        ("tol", "1e-3"),
    ]);
    assert!(share > 0.5, "{share}");
    // More cells than a batch, of varied lengths: lanes are refilled between kernel calls.
    let share = check_sweep(&[
        ("kind", "starts"),
        ("function", "3*w1^2 + 10*w2^2"),
        ("optimizer", "adam"),
        ("lr", "0.1"),
        ("view", "-3,3,-3,3"),
        ("grid", "30"),
        ("steps", "400"),
        ("tol", "1e-5"),
    ]);
    assert!(share > 0.5, "{share}");
}

#[test]
fn a_sweep_with_curvature_through_kernels_keeps_the_last_rows_states() {
    // The kernel takes most steps; each run's last row is interpreted and its state kept.
    let pairs = [
        ("kind", "starts"),
        ("function", "3*w1^2 + 10*w2^2"),
        ("optimizer", "rmsprop"),
        ("lr", "0.05"),
        ("view", "-20,20,-25,25"),
        ("grid", "30"),
        ("steps", "400"),
        ("curvature", "1"),
    ];
    let share = check_sweep(&pairs);
    assert!(share > 0.5, "{share}");
    let config = SweepConfig::from_pairs(pairs).unwrap_or_else(|e| panic!("{e}"));
    let single = config.cell_config(77).run();
    let mut host = WasmiHost::default();
    let compiled = config.run_with(Some(&mut host));
    let last = single.curvature.last().map(|c| c.pre_sharpness());
    let cell = compiled.curvature[77].map(|c| c.pre_sharpness());
    assert_eq!(cell.map(f64::to_bits), last.map(f64::to_bits));
}

#[test]
fn small_sweeps_are_interpreted() {
    let share = check_sweep(&[
        ("kind", "starts"),
        ("function", "3*w1^2 + 10*w2^2"),
        ("optimizer", "adam"),
        ("view", "-3,3,-3,3"),
        ("grid", "10"),
        ("steps", "100"),
    ]);
    assert_eq!(
        share, 0.0,
        "a kernel would take longer to compile than this sweep"
    );
}

#[test]
fn sweeps_of_hyperparameters_through_kernels_equal_the_interpreter_for_every_rule() {
    let mut swept = 0;
    for kind in OptimizerKind::all() {
        for (convention, tol) in [
            (Convention::Article, "0"),
            (Convention::PyTorch, "1e-3"),
            (Convention::Keras, "0"),
        ] {
            let Some((x, y)) = support::params_axes(kind, convention) else {
                continue;
            };
            let pairs = [
                ("kind", "params"),
                ("function", "(1-w1)^2 + 100*(w2-w1^2)^2"),
                ("optimizer", kind.name()),
                ("convention", convention.name()),
                ("start", "-1.2,1.5"),
                ("x", x.as_str()),
                ("y", y.as_str()),
                ("grid", "23,19"),
                ("steps", "240"),
                ("tol", tol),
            ];
            let share = check_sweep(&pairs);
            assert!(share > 0.5, "{pairs:?}: kernels took {share} of the steps");
            swept += 1;
        }
    }
    // Every optimizer but gd (one hyperparameter) in three conventions.
    assert_eq!(swept, (OptimizerKind::all().len() - 1) * 3);
}

#[test]
fn the_issues_lr_beta_map_runs_through_a_kernel() {
    // The map of issue 21 (p), smaller: lr on a log axis × β, RMSProp on Rosenbrock.
    let share = check_sweep(&[
        ("kind", "params"),
        ("function", "(1-w1)^2 + 100*(w2-w1^2)^2"),
        ("optimizer", "rmsprop"),
        ("start", "-1.5,2"),
        ("x", "lr=1e-4:1e-2:log"),
        ("y", "beta=0.5:0.99"),
        ("grid", "32"),
        ("steps", "200"),
    ]);
    assert!(share > 0.9, "{share}");
}
