//! Regression tests for what fuzzing (`scripts/fuzz.sh`, targets in `fuzz/`) found: each test
//! is a crash or broken invariant reduced to its input, kept so it never comes back.

use descent_core::{trajectory_from, Config, Function, Grid, OptimizerKind, State, Stop};

/// `fuzz/` target `function`: a NaN constant (`sqrt(-1)`, folded at compile time) made a
/// function unequal to itself, so the same text parsed twice gave unequal functions and
/// configs.
#[test]
fn a_function_with_a_nan_constant_equals_itself() {
    let text = "sqrt(-1) + w1";
    let f = Function::parse(text).expect("parses");
    assert_eq!(f, f.clone());
    assert_eq!(Function::parse(text), Ok(f));
    let pairs = [("function", text)];
    assert_eq!(Config::from_pairs(pairs), Config::from_pairs(pairs));
}

/// `fuzz/` target `function`: `f64::max(0.0, -0.0)` may return either zero, so the grid (values
/// only) and a point (value and gradient) disagreed on the sign of `max(w2, -w2)` at w2 = 0,
/// and so on the sign of everything built on it. Ties go to the first argument on both paths.
#[test]
fn max_and_min_of_signed_zeros_agree_on_the_grid_and_at_a_point() {
    let grid = Grid {
        w1: [-20.0, 20.0],
        w2: [-1.0, 1.0],
        columns: 259,
        rows: 1,
    };
    for text in [
        "max(w1, w2, -w2) * max(w1)",
        "1 / max(w2, -w2)",
        "1 / max(-w2, w2)",
        "1 / min(w2, -w2)",
        "1 / min(-w2, w2)",
        "1 / max(-0, w1 - w1)",
        "1 / min(w1 - w1, -0)",
    ] {
        let f = Function::parse(text).expect("parses");
        let values = f.values_on(&grid);
        for (column, value) in values.iter().enumerate() {
            let w = [grid.w1_at(column), grid.w2_at(0)];
            let (at_point, _) = f.value_and_gradient(w);
            assert_eq!(
                value.to_bits(),
                at_point.to_bits(),
                "{text} at {w:?}: grid {value}, point {at_point}"
            );
        }
    }
    // The grid's one row is at w2 = 0 exactly: the first argument wins the tie on both paths.
    for (text, expected) in [
        ("1 / max(w2, -w2)", f64::INFINITY),
        ("1 / max(-w2, w2)", f64::NEG_INFINITY),
        ("1 / min(w2, -w2)", f64::INFINITY),
        ("1 / min(-w2, w2)", f64::NEG_INFINITY),
    ] {
        let f = Function::parse(text).expect("parses");
        assert_eq!(f.value([0.0, 0.0]), expected, "{text} at a point");
        for value in f.values_on(&grid) {
            assert_eq!(value, expected, "{text} on the grid");
        }
    }
}

/// `fuzz/` target `optimizer_step`: a trajectory continued from a state that is not finite
/// (as the JS `step` API may be handed) put that state in row 0, though every row is finite.
/// It now stops at once, diverged at step 0, with no rows.
#[test]
fn a_trajectory_continued_from_a_state_that_is_not_finite_stops_at_once() {
    let f = Function::parse("3*w1^2 + 10*w2^2").expect("parses");
    let with = |values: [[f64; 3]; 2]| {
        let mut state = State {
            t: 3,
            ..State::default()
        };
        for (slots, values) in state.slots.iter_mut().zip(values) {
            slots[..3].copy_from_slice(&values);
        }
        state
    };
    let states = [
        with([[0.0, f64::NAN, 0.0], [0.0, 1.0, f64::NAN]]),
        with([[f64::INFINITY, 0.0, 0.0], [0.0, 0.0, 0.0]]),
        with([[f64::NAN; 3], [f64::NAN; 3]]),
    ];
    for kind in OptimizerKind::all() {
        for state in states {
            for steps in [0, 1, 5] {
                let run = trajectory_from(&f, &kind.with_defaults(), [1.0, 2.0], state, steps);
                assert_eq!(run.rows, [], "{kind} from {state:?}");
                assert_eq!(run.stop, Some(Stop::Diverged { step: 0 }), "{kind}");
                let message = run.stop.map(|s| s.to_string()).unwrap_or_default();
                assert!(message.contains("state is not finite"), "{message}");
            }
        }
    }
    // An undefined start is still reported as such, whatever the state.
    let run = trajectory_from(
        &f,
        &OptimizerKind::must("gd").with_defaults(),
        [f64::NAN, 0.0],
        states[0],
        1,
    );
    assert!(matches!(run.stop, Some(Stop::Undefined { step: 0, .. })));
}

/// `fuzz/` target `optimizer_step`: a step from a state with `t = u64::MAX` (the JS `step` API
/// turns a huge `t` into it) overflowed the step count, a panic in debug builds and a wrap to
/// 0 in release builds (Adam then divided by 1 − β^0 = 0). The count now saturates.
#[test]
fn a_step_from_the_largest_step_count_does_not_overflow() {
    let mut state = State {
        t: u64::MAX,
        ..State::default()
    };
    state.slots[0][..3].copy_from_slice(&[0.5, 1.0, 1.0]);
    state.slots[1][..3].copy_from_slice(&[0.25, 2.0, 2.0]);
    for kind in OptimizerKind::all() {
        let (w, next) = kind.with_defaults().step(state, [1.0, 2.0], [0.1, -0.2]);
        assert_eq!(next.t, u64::MAX, "{kind}");
        assert!(
            w.iter().all(|x| x.is_finite()) && next.is_finite(),
            "{kind}"
        );
    }
    let f = Function::parse("3*w1^2 + 10*w2^2").expect("parses");
    let run = trajectory_from(
        &f,
        &OptimizerKind::must("adam").with_defaults(),
        [1.0, 2.0],
        state,
        3,
    );
    assert_eq!(run.stop, None);
    assert_eq!(run.rows.len(), 4);
}

/// `fuzz/` target `config`: with a tolerance larger than the first gradient the run converges
/// at step 0 and keeps that one row; the harness expected a stop to follow the last row, as
/// divergence does. A converged stop names the last row kept.
#[test]
fn a_run_that_converges_at_the_start_keeps_its_start_row() {
    let run = Config::from_pairs([("tol", "1.9e249"), ("steps", "5")])
        .expect("valid")
        .run();
    assert_eq!(run.rows.len(), 1);
    assert!(matches!(run.stop, Some(Stop::Converged { step: 0, .. })));
    assert_eq!(run.stop.map(|s| s.step()), Some(run.rows.len() - 1));
}
