//! The article's worked example, exactly.

use descent_core::{Config, OptimizerKind};

fn run(pairs: &[(&str, &str)]) -> descent_core::Trajectory {
    Config::from_pairs(pairs.iter().copied())
        .expect("valid config")
        .run()
}

fn assert_close(actual: [f64; 2], expected: [f64; 2], tolerance: f64) {
    for i in 0..2 {
        assert!(
            (actual[i] - expected[i]).abs() <= tolerance,
            "component {i}: {actual:?} vs {expected:?} (tolerance {tolerance})"
        );
    }
}

#[test]
fn defaults_are_the_article_example() {
    let config = Config::article_example();
    assert_eq!(config.function.source(), "3*w1^2 + 10*w2^2");
    assert_eq!(config.optimizer.kind(), OptimizerKind::must("rmsprop"));
    assert_eq!(config.start, [-15.0, 20.0]);
    let rows = config.run().rows;
    assert_eq!(rows[0].g, [-90.0, 400.0]);
    assert_eq!(rows[0].error, 3.0 * 225.0 + 10.0 * 400.0);
}

#[test]
fn classical_gradient_descent_first_two_steps() {
    let t = run(&[("optimizer", "gd"), ("lr", "0.001"), ("steps", "2")]);
    // w_c(1) = (-14.91, 19.6) exactly up to rounding of 0.001 * g.
    assert_close(t.rows[1].w, [-14.91, 19.6], 1e-12);
    // w_c(2) = w_c(1) - 0.001 * (6 * -14.91, 20 * 19.6) = (-14.82054, 19.208) ≈ (-14.82, 19.21)
    assert_close(t.rows[2].w, [-14.82054, 19.208], 1e-12);
    assert_close(t.rows[2].w, [-14.82, 19.21], 0.005);
}

#[test]
fn adaptive_scheme_first_two_steps() {
    let t = run(&[
        ("optimizer", "rmsprop"),
        ("lr", "0.05"),
        ("beta", "0.9"),
        ("eps", "1e-8"),
        ("steps", "2"),
    ]);
    // s(1) = 0.1 * (90², 400²) = (810, 16000)
    assert_close(t.rows[1].state.pair(0), [810.0, 16000.0], 1e-9);
    // w_a(1) = w(0) - 0.05 * g ⊘ √(s(1) + ε) ≈ (-14.84, 19.84); the fractional parts agree
    // because g/√(0.1 g²) = ±√10 in both components.
    let step = 0.05 * 10f64.sqrt();
    assert_close(t.rows[1].w, [-15.0 + step, 20.0 - step], 1e-9);
    assert_close(t.rows[1].w, [-14.84, 19.84], 0.005);
    // The article prints s(2) ≈ (1521.81, 30145.02), computed from the rounded w_a(1) =
    // (-14.84, 19.84) and ∇E = (-89.04, 396.8). From the unrounded w_a(1) = (-14.8419, 19.8419)
    // the gradient is (-89.0513, 396.8377) and s(2) = 0.9 s(1) + 0.1 g⊙g ≈ (1522.01, 30148.02).
    let g = [6.0 * (-15.0 + step), 20.0 * (20.0 - step)];
    let s2 = [
        0.9 * 810.0 + 0.1 * g[0] * g[0],
        0.9 * 16000.0 + 0.1 * g[1] * g[1],
    ];
    assert_close(t.rows[2].state.pair(0), s2, 1e-9);
    assert_close(t.rows[2].state.pair(0), [1522.01, 30148.02], 0.005);
    // w_a(2) ≈ (-14.73, 19.73)
    assert_close(t.rows[2].w, [-14.73, 19.73], 0.005);
}
