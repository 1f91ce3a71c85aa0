//! A sweep with `curvature`: every cell's pre-sharpness and threshold at its run's last row
//! equal those of the last row of the single trajectory with `curvature=1` from that cell
//! (both kinds of sweep, several update rules, the batched engine and runs taken singly), and
//! a sweep without it is unchanged.

use descent_core::curvature::Curvature;
use descent_core::sweep::{SweepConfig, SweepResult, CURVATURE_COLUMNS};
use descent_core::StopReason;

fn sweep(pairs: &[(&str, &str)]) -> SweepConfig {
    SweepConfig::from_pairs(pairs.iter().copied()).unwrap_or_else(|e| panic!("{pairs:?}: {e}"))
}

/// `a` equals `b` within 1e-12 of `b`'s size (both NaN counts as equal).
fn close(a: f64, b: f64) -> bool {
    (a.is_nan() && b.is_nan()) || (a - b).abs() <= 1e-12 * b.abs().max(f64::MIN_POSITIVE)
}

/// Checks every cell against its single trajectory with `curvature=1`; returns the result.
fn check(pairs: &[(&str, &str)]) -> SweepResult {
    let config = sweep(pairs);
    assert!(config.run.curvature, "{pairs:?}");
    let result = config.run();
    assert_eq!(result.curvature.len(), config.cells());
    let fractions = result.sharpness_fractions();
    let mut compared = 0;
    for (index, fraction) in fractions.iter().enumerate() {
        let single = config.cell_config(index);
        assert!(single.curvature);
        let run = single.run();
        assert_eq!(run.summary(), result.summaries[index], "cell {index}");
        let reason = run.stop.map(|s| s.reason());
        let ended_badly = matches!(reason, Some(StopReason::Diverged | StopReason::Undefined));
        match (run.curvature.last(), result.curvature[index]) {
            (_, None) => assert!(ended_badly || run.rows.is_empty(), "cell {index}"),
            (Some(last), Some(mine)) => {
                assert!(!ended_badly, "cell {index}");
                let expected = last.fraction_of_threshold().unwrap_or(f64::NAN);
                for (a, b) in [
                    (mine.pre_sharpness(), last.pre_sharpness()),
                    (
                        mine.threshold.unwrap_or(f64::NAN),
                        last.threshold.unwrap_or(f64::NAN),
                    ),
                    (*fraction, expected),
                ] {
                    assert!(close(a, b), "{pairs:?} cell {index}: {a} against {b}");
                }
                compared += 1;
            }
            (None, Some(_)) => panic!("cell {index}: curvature without a row"),
        }
    }
    assert!(
        compared > config.cells() / 2,
        "{pairs:?}: {compared} compared"
    );
    result
}

#[test]
fn every_cell_of_a_map_of_hyperparameters_ends_with_its_single_runs_sharpness() {
    for (optimizer, x, y) in [
        ("rmsprop", "lr=1e-3:0.5:log", "beta=0.5:0.99"),
        ("adam", "lr=1e-3:0.5:log", "beta1=0:0.99"),
        ("momentum", "lr=1e-3:0.2:log", "alpha=0:0.95"),
        ("nesterov", "lr=1e-3:0.2:log", "alpha=0:0.95"),
        ("adagrad", "lr=1e-2:10:log", "eps=1e-8:1e-2:log"),
    ] {
        check(&[
            ("kind", "params"),
            ("function", "3*w1^2 + 10*w2^2"),
            ("optimizer", optimizer),
            ("x", x),
            ("y", y),
            ("grid", "7,6"),
            ("steps", "300"),
            ("curvature", "1"),
        ]);
    }
}

#[test]
fn every_cell_of_a_basin_map_ends_with_its_single_runs_sharpness() {
    for (optimizer, lr, tol) in [
        ("rmsprop", "0.002", "0"),
        ("adam", "0.002", "1e-3"),
        ("momentum", "2e-4", "1e-4"),
    ] {
        check(&[
            ("kind", "starts"),
            ("function", "(1-w1)^2 + 100*(w2-w1^2)^2"),
            ("optimizer", optimizer),
            ("lr", lr),
            ("view", "-2,2,-1,3"),
            ("grid", "8"),
            ("steps", "400"),
            ("tol", tol),
            ("curvature", "1"),
        ]);
    }
}

#[test]
fn runs_taken_singly_keep_their_last_rows_sharpness_too() {
    check(&[
        ("kind", "params"),
        ("function", "3*w1^2 + 10*w2^2"),
        ("optimizer", "rmsprop"),
        ("x", "lr=1e-3:0.5:log"),
        ("y", "beta=0.5:0.99"),
        ("schedule", "cosine"),
        ("grid", "5"),
        ("steps", "200"),
        ("curvature", "1"),
    ]);
}

#[test]
fn constant_rate_rmsprop_on_the_articles_bowl_ends_on_its_edge() {
    let result = check(&[
        ("kind", "params"),
        ("function", "3*w1^2 + 10*w2^2"),
        ("optimizer", "rmsprop"),
        ("x", "lr=0.01:0.1:log"),
        ("y", "beta=0.8:0.95"),
        ("grid", "4"),
        ("steps", "2000"),
        ("curvature", "1"),
    ]);
    for fraction in result.sharpness_fractions() {
        assert!((fraction - 1.0).abs() < 0.01, "{fraction}");
    }
}

#[test]
fn the_curvature_columns_follow_the_others_only_when_asked_for() {
    let pairs = [
        ("kind", "starts"),
        ("function", "3*w1^2 + 10*w2^2"),
        ("optimizer", "lion"),
        ("view", "-20,20,-25,25"),
        ("grid", "3"),
        ("steps", "20"),
    ];
    let plain = sweep(&pairs).run();
    assert_eq!(plain.columns.len(), 7);
    assert!(plain.curvature.is_empty() && plain.sharpness_fractions().is_empty());
    assert_eq!(plain.column_values().len(), 7);
    let with = sweep(&[pairs.as_slice(), &[("curvature", "1")]].concat()).run();
    assert_eq!(with.columns[7..], CURVATURE_COLUMNS);
    assert_eq!(with.summaries, plain.summaries, "the runs are the same");
    let columns = with.column_values();
    assert_eq!(columns[..7], plain.column_values()[..]);
    let sharpness: Vec<f64> = with
        .curvature
        .iter()
        .map(|c| c.as_ref().map_or(f64::NAN, Curvature::pre_sharpness))
        .collect();
    assert_eq!(columns[7].len(), 9);
    for (a, b) in columns[7].iter().zip(&sharpness) {
        assert!(a.is_finite() && a == b, "{a} {b}");
    }
    assert!(
        columns[8].iter().all(|t| t.is_nan()),
        "Lion has no threshold"
    );
    assert!(with.sharpness_fractions().iter().all(|f| f.is_nan()));
}
