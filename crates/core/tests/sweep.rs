//! Sweeps equal single trajectories: every checked cell of a sweep (of starts or of
//! hyperparameters, every optimizer, several conventions, with and without a tolerance) is,
//! bit for bit, the last row of `Config::from_pairs(...).run()` with that cell's keys.

mod support;

use std::collections::BTreeSet;

use descent_core::export::number;
use descent_core::sweep::{Sweep, SweepConfig, SweepKind, SweepResult};
use descent_core::{Config, Convention, OptimizerKind, StopReason, Summary};

/// A small deterministic generator (xorshift64*), so failures reproduce.
struct Random(u64);

impl Random {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) as usize % n
    }
}

fn sweep(pairs: &[(&str, &str)]) -> SweepConfig {
    SweepConfig::from_pairs(pairs.iter().copied()).unwrap_or_else(|e| panic!("{pairs:?}: {e}"))
}

/// The single trajectory of cell `index` through the public path: the config's own keys plus
/// the cell's start or hyperparameters written as text (shortest round-trip form).
fn single(pairs: &[(&str, &str)], config: &SweepConfig, index: usize) -> Summary {
    let cell = config.cell(index);
    let mut keys: Vec<(String, String)> = pairs
        .iter()
        .filter(|(k, _)| !matches!(*k, "kind" | "view" | "grid" | "x" | "y"))
        .map(|&(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
    match config.kind {
        SweepKind::Starts { .. } => {
            keys.push((
                "start".into(),
                format!("{},{}", number(cell.x), number(cell.y)),
            ));
        }
        SweepKind::Params { x, y } => {
            keys.push((x.hyperparameter.key.into(), number(cell.x)));
            keys.push((y.hyperparameter.key.into(), number(cell.y)));
        }
    }
    let run = Config::from_pairs(keys.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .unwrap_or_else(|e| panic!("cell {index}: {e}"));
    assert_eq!(run, config.cell_config(index), "cell {index}");
    run.run().summary()
}

/// Compares `count` random cells (all of them when `count` is at least the cell count) and
/// returns the stop reasons seen.
fn compare(
    pairs: &[(&str, &str)],
    count: usize,
    random: &mut Random,
    seen: &mut BTreeSet<Option<&'static str>>,
) -> SweepResult {
    let config = sweep(pairs);
    let result = config.run();
    assert_eq!(result.summaries.len(), config.cells());
    let cells: Vec<usize> = if count >= config.cells() {
        (0..config.cells()).collect()
    } else {
        (0..count).map(|_| random.below(config.cells())).collect()
    };
    for index in cells {
        let expected = single(pairs, &config, index);
        let actual = result.summaries[index];
        assert!(
            actual.same_bits(&expected),
            "{pairs:?} cell {index}:\n sweep  {actual:?}\n single {expected:?}"
        );
        assert_eq!(actual.stop, expected.stop, "{pairs:?} cell {index}");
        seen.insert(actual.stop.map(|s| s.reason().name()));
    }
    result
}

/// Functions with a minimum, a valley, an undefined half-plane and an overflow.
const FUNCTIONS: [&str; 4] = [
    "3*w1^2 + 10*w2^2",
    "(1-w1)^2 + 100*(w2-w1^2)^2",
    "sqrt(w1) + w2^2",
    "exp(w1^2) + w2^2",
];

#[test]
fn starts_sweeps_equal_single_trajectories_for_every_optimizer() {
    let mut random = Random(0x5EED);
    let mut seen = BTreeSet::new();
    for kind in OptimizerKind::all() {
        for convention in Convention::ALL {
            for (f, function) in FUNCTIONS.iter().enumerate() {
                for tol in ["0", "0.5", "1e-3"] {
                    let lr = if f == 0 { "0.3" } else { "0.01" };
                    let pairs = [
                        ("kind", "starts"),
                        ("function", function),
                        ("optimizer", kind.name()),
                        ("convention", convention.name()),
                        ("lr", lr),
                        ("view", "-3,3.5,-2,4"),
                        ("grid", "9,7"),
                        ("steps", "150"),
                        ("tol", tol),
                    ];
                    let count = if convention == Convention::Article {
                        63
                    } else {
                        12
                    };
                    compare(&pairs, count, &mut random, &mut seen);
                }
            }
        }
    }
    for reason in [None, Some("converged"), Some("diverged"), Some("undefined")] {
        assert!(
            seen.contains(&reason),
            "no run ended with {reason:?}: {seen:?}"
        );
    }
}

#[test]
fn params_sweeps_equal_single_trajectories_for_every_optimizer() {
    let mut random = Random(0xC0FFEE);
    let mut seen = BTreeSet::new();
    let mut swept = 0;
    for kind in OptimizerKind::all() {
        for convention in Convention::ALL {
            let Some((x, y)) = support::params_axes(kind, convention) else {
                continue;
            };
            for function in FUNCTIONS {
                for tol in ["0", "1e-2"] {
                    let pairs = [
                        ("kind", "params"),
                        ("function", function),
                        ("optimizer", kind.name()),
                        ("convention", convention.name()),
                        ("x", x.as_str()),
                        ("y", y.as_str()),
                        ("grid", "8,5"),
                        ("start", "-1.2,1.5"),
                        ("steps", "120"),
                        ("tol", tol),
                    ];
                    compare(&pairs, 15, &mut random, &mut seen);
                    swept += 1;
                }
            }
        }
    }
    // Every optimizer but gd (which has one hyperparameter) in every convention.
    assert_eq!(
        swept,
        (OptimizerKind::all().len() - 1) * Convention::ALL.len() * FUNCTIONS.len() * 2
    );
    for reason in [None, Some("converged"), Some("diverged")] {
        assert!(
            seen.contains(&reason),
            "no run ended with {reason:?}: {seen:?}"
        );
    }
}

#[test]
fn chunks_of_any_size_give_the_same_result() {
    let config = sweep(&[
        ("kind", "starts"),
        ("function", "(1-w1)^2 + 100*(w2-w1^2)^2"),
        ("optimizer", "adam"),
        ("lr", "0.05"),
        ("view", "-2,2,-1,3"),
        ("grid", "40,30"),
        ("steps", "300"),
        ("tol", "1e-4"),
    ]);
    let whole = config.run();
    for budget in [1, 999, 50_000] {
        let mut sweep = Sweep::new(config.clone());
        let mut previous = 0;
        let mut calls = 0;
        loop {
            let progress = sweep.advance(budget);
            assert!(progress.done >= previous && progress.total == 1200);
            previous = progress.done;
            calls += 1;
            if progress.is_finished() {
                break;
            }
        }
        assert!(calls > 1, "budget {budget}: {calls} calls");
        let result = sweep.into_result();
        assert_eq!(result.columns, whole.columns);
        for (a, b) in result.summaries.iter().zip(&whole.summaries) {
            assert!(a.same_bits(b) && a.stop == b.stop);
        }
    }
}

#[test]
fn cells_are_ordered_by_y_then_x_at_their_centres() {
    let config = sweep(&[("kind", "starts"), ("view", "0,4,10,12"), ("grid", "4,2")]);
    let starts: Vec<[f64; 2]> = (0..8).map(|i| config.cell(i).start).collect();
    assert_eq!(starts[0], [0.5, 10.5]);
    assert_eq!(starts[3], [3.5, 10.5]);
    assert_eq!(starts[4], [0.5, 11.5]);
    let result = config.run();
    assert_eq!(
        result.columns,
        ["start1", "start2", "w1", "w2", "error", "t", "stop"]
    );
    let columns = result.column_values();
    assert_eq!(columns[0][..4], [0.5, 1.5, 2.5, 3.5]);
    assert_eq!(columns[1][..5], [10.5, 10.5, 10.5, 10.5, 11.5]);
    assert!(columns[5].iter().all(|&t| t == 300.0), "the default steps");
    let params = sweep(&[
        ("kind", "params"),
        ("x", "lr=0.001:0.1:log"),
        ("y", "beta=0.5:0.9"),
        ("grid", "2"),
    ]);
    let cell = params.cell(3);
    assert!(
        (cell.x - 0.031_622_776_601_683_8).abs() < 1e-15,
        "{}",
        cell.x
    );
    assert_eq!(cell.y, 0.8);
    assert_eq!(cell.optimizer.get("lr"), Some(cell.x));
    assert_eq!(cell.optimizer.get("beta"), Some(0.8));
    assert_eq!(params.run().columns[..2], ["x", "y"]);
}

#[test]
fn stop_reasons_have_codes_for_numeric_columns() {
    let config = sweep(&[
        ("kind", "starts"),
        ("function", "sqrt(w1) + w2^2"),
        ("view", "-2,6,-1,1"),
        ("grid", "2,1"),
        ("steps", "5"),
    ]);
    let result = config.run();
    let reasons: Vec<Option<StopReason>> = result.reasons().collect();
    assert_eq!(reasons, [Some(StopReason::Undefined), None]);
    let columns = result.column_values();
    assert_eq!(columns[6], [3.0, 0.0]);
    assert!(columns[4][0].is_nan(), "no row: E is NaN");
    assert_eq!([columns[2][0], columns[3][0]], [0.0, 0.0], "the start");
    for reason in StopReason::ALL {
        assert_eq!(StopReason::named(reason.name()), Some(reason));
    }
}

#[test]
fn bad_sweeps_say_what_to_fix() {
    let error = |pairs: &[(&str, &str)]| {
        SweepConfig::from_pairs(pairs.iter().copied())
            .map(|_| ())
            .map_err(|e| e.to_string())
            .expect_err("invalid")
    };
    assert_eq!(error(&[]), "`kind` is required");
    assert_eq!(
        error(&[("kind", "grid")]),
        "`kind` must be one of starts, params, not `grid`"
    );
    assert_eq!(error(&[("kind", "starts")]), "`view` is required");
    assert_eq!(
        error(&[("kind", "starts"), ("view", "0,1,0,1"), ("start", "1,2")]),
        "`start` is not used by a sweep of starts: the starts are the cells of `view`"
    );
    assert_eq!(
        error(&[("kind", "params"), ("view", "0,1,0,1")]),
        "`view` is not used by a sweep of params: give the one start as `start`"
    );
    assert_eq!(
        error(&[("kind", "params"), ("x", "lr=0.1:1")]),
        "`y` is required"
    );
    assert_eq!(
        error(&[("kind", "params"), ("x", "lr=0.1:1"), ("y", "lr=0.01:1")]),
        "`y` must sweep another hyperparameter than `x`, not lr again"
    );
    assert_eq!(
        error(&[
            ("kind", "params"),
            ("x", "lr=0.1:1"),
            ("y", "beta=0:0.5"),
            ("lr", "0.2")
        ]),
        "`lr` is swept along an axis: leave out its own value"
    );
    assert_eq!(
        error(&[
            ("kind", "starts"),
            ("view", "0,1,0,1"),
            ("grid", "1024"),
            ("steps", "1000")
        ]),
        "`grid` 1024×1024 = 1048576 cells of 1000 steps is 1048576000 steps in all; a sweep may \
         take at most 100000000: use a coarser grid or fewer steps"
    );
    assert!(error(&[("kind", "starts"), ("colour", "red")])
        .starts_with("`colour` is not a parameter of a sweep; the parameters are kind, view, grid, x, y, function,"));
    assert_eq!(
        error(&[("kind", "starts"), ("view", "0,1,0,1"), ("tol", "-1")]),
        "`tol` must be a finite number ≥ 0 (0: never stop early), not -1"
    );
    assert_eq!(
        error(&[
            ("kind", "starts"),
            ("view", "0,1,0,1"),
            ("grid", "8"),
            ("grid", "9")
        ]),
        "`grid` is given more than once"
    );
}

#[test]
fn no_steps_and_a_start_at_the_minimum_are_rows_of_their_own() {
    let mut random = Random(7);
    let mut seen = BTreeSet::new();
    let no_steps = [
        ("kind", "starts"),
        ("view", "-3,3,-2,2"),
        ("grid", "5,3"),
        ("steps", "0"),
    ];
    let result = compare(&no_steps, 15, &mut random, &mut seen);
    assert!(result
        .summaries
        .iter()
        .all(|s| s.t == 0 && s.stop.is_none()));
    // The one cell's centre is the bowl's minimum, where ∇E = 0.
    let at_minimum = [
        ("kind", "starts"),
        ("view", "-1,1,-1,1"),
        ("grid", "1"),
        ("tol", "1e-12"),
    ];
    let result = compare(&at_minimum, 1, &mut random, &mut seen);
    assert_eq!(result.summaries[0].t, 0);
    assert_eq!(
        seen.into_iter().collect::<Vec<_>>(),
        [None, Some("converged")]
    );
}

#[test]
fn training_runs_are_swept_one_trajectory_at_a_time() {
    let mut random = Random(0x7EA1);
    let mut seen = BTreeSet::new();
    for pairs in [
        &[
            ("kind", "starts"),
            ("function", "(1-w1)^2 + 100*(w2-w1^2)^2"),
            ("lr", "0.01"),
            ("noise", "0.5"),
            ("seed", "3"),
            ("schedule", "cosine"),
            ("view", "-2,2,-1,3"),
            ("grid", "5,4"),
            ("steps", "60"),
        ][..],
        &[
            ("kind", "params"),
            ("data", "line"),
            ("batch", "4"),
            ("optimizer", "adam"),
            ("x", "lr=1e-3:1:log"),
            ("y", "beta1=0:0.99"),
            ("grid", "3"),
            ("steps", "40"),
            ("tol", "1e-3"),
        ],
    ] {
        compare(pairs, usize::MAX, &mut random, &mut seen);
        let config = sweep(pairs);
        assert_eq!(config.kind.name(), pairs[0].1);
        let mut chunked = Sweep::new(config.clone());
        let mut calls = 0;
        while !chunked.advance(1).is_finished() {
            calls += 1;
        }
        assert_eq!(
            calls + 1,
            config.cells(),
            "one cell per call of a small budget"
        );
        assert_eq!(chunked.into_result(), config.run());
    }
}

#[test]
fn stop_codes_read_back() {
    for code in [0u8, 1, 2, 3] {
        let reason = StopReason::from_code(f64::from(code)).expect("a code");
        assert_eq!(StopReason::code_of(reason), code);
    }
    for bad in [4.0, -1.0, 0.5, f64::NAN] {
        assert_eq!(StopReason::from_code(bad), Err(()));
    }
}
