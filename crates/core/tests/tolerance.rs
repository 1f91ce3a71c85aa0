//! The tolerance `tol`: a run stops at the first row whose gradient's norm is at most `tol`,
//! with that row kept and the reason `converged`.

use descent_core::trajectory::converged;
use descent_core::{Config, Stop, StopReason};

fn run(pairs: &[(&str, &str)]) -> descent_core::Trajectory {
    Config::from_pairs(pairs.iter().copied())
        .unwrap_or_else(|e| panic!("{e}"))
        .run()
}

fn norm(g: [f64; 2]) -> f64 {
    g[0].hypot(g[1])
}

#[test]
fn a_run_stops_at_the_first_row_within_tol() {
    let pairs = [("optimizer", "gd"), ("lr", "0.05"), ("steps", "1000")];
    let full = run(&pairs);
    assert_eq!(full.stop, None);
    for tol in ["10", "0.5", "1e-6"] {
        let with_tol = run(&[pairs[0], pairs[1], pairs[2], ("tol", tol)]);
        let tol: f64 = tol.parse().unwrap_or_default();
        let last = with_tol.rows.last().expect("rows");
        assert_eq!(
            with_tol.stop,
            Some(Stop::Converged { step: last.t, tol }),
            "tol {tol}"
        );
        assert!(norm(last.g) <= tol);
        assert!(
            with_tol.rows[..last.t].iter().all(|r| norm(r.g) > tol),
            "tol {tol}: an earlier row was within"
        );
        assert_eq!(
            with_tol.rows[..],
            full.rows[..=last.t],
            "the same rows up to there"
        );
    }
    let message = run(&[pairs[0], pairs[1], ("tol", "0.5")])
        .stop
        .map(|s| s.to_string());
    assert!(
        message.is_some_and(|m| m.starts_with("converged at step ") && m.ends_with("tol = 0.5")),
    );
}

#[test]
fn the_start_and_the_last_row_are_checked_too() {
    let at_minimum = run(&[("start", "0,0"), ("tol", "1e-9")]);
    assert_eq!(at_minimum.rows.len(), 1);
    assert_eq!(
        at_minimum.stop,
        Some(Stop::Converged { step: 0, tol: 1e-9 })
    );
    // Without tol, a run from the minimum takes all its steps.
    assert_eq!(run(&[("start", "0,0"), ("steps", "3")]).rows.len(), 4);
    // The step at which gd with lr 0.05 first gets within 0.5, as the last of the steps.
    let pairs = [("optimizer", "gd"), ("lr", "0.05"), ("tol", "0.5")];
    let step = run(&pairs).stop.map_or(0, |s| s.step());
    let steps = step.to_string();
    let exact = run(&[pairs[0], pairs[1], pairs[2], ("steps", &steps)]);
    assert_eq!(exact.stop.map(|s| s.reason()), Some(StopReason::Converged));
    assert_eq!(exact.rows.len(), step + 1);
}

#[test]
fn tol_is_a_finite_number_at_least_zero() {
    let error = |tol: &str| {
        Config::from_pairs([("tol", tol)])
            .map(|_| ())
            .map_err(|e| e.to_string())
    };
    assert_eq!(error("0"), Ok(()));
    assert_eq!(error(" 1e-3 "), Ok(()));
    assert_eq!(
        error("-1"),
        Err("`tol` must be a finite number ≥ 0 (0: never stop early), not -1".into())
    );
    assert_eq!(
        error("inf"),
        Err("`tol` must be a finite number ≥ 0 (0: never stop early), not inf".into())
    );
    assert_eq!(
        error("NaN"),
        Err("`tol` must be a finite number ≥ 0 (0: never stop early), not NaN".into())
    );
    assert_eq!(
        error("small"),
        Err("`tol` must be a number, not `small`".into())
    );
    assert!(descent_core::vocabulary::keys().contains(&"tol"));
}

#[test]
fn the_norm_neither_overflows_nor_underflows() {
    assert!(converged([3.0, 4.0], 5.0));
    assert!(!converged([3.0, 4.0], 4.999_999));
    assert!(!converged([0.0, 0.0], 0.0), "tol 0 never stops");
    assert!(converged([1e200, 1e200], 2e200));
    assert!(!converged([1e-200, 1e-200], 1.4e-200));
    assert!(converged([1e-200, 1e-200], 1.5e-200));
}
