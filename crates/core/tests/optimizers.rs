//! The first two steps of every optimizer, computed by hand, and trajectory stops.

use descent_core::amplification::{amplification, second_update};
use descent_core::{Config, ConfigError, Stop};

/// E = w1² + 2·w2², ∇E = (2·w1, 4·w2), from (1, 1): g(0) = (2, 4).
fn first_two(pairs: &[(&str, &str)]) -> descent_core::Trajectory {
    let mut all = vec![
        ("function", "w1^2 + 2*w2^2"),
        ("start", "1,1"),
        ("steps", "2"),
    ];
    all.extend_from_slice(pairs);
    Config::from_pairs(all).expect("valid").run()
}

fn close(a: [f64; 2], b: [f64; 2]) {
    for i in 0..2 {
        assert!(
            (a[i] - b[i]).abs() <= 1e-14 * b[i].abs().max(1.0),
            "{a:?} vs {b:?}"
        );
    }
}

#[test]
fn gradient_descent() {
    let t = first_two(&[("optimizer", "gd"), ("lr", "0.1")]);
    // w(1) = (1 - 0.2, 1 - 0.4); g(1) = (1.6, 2.4); w(2) = (0.8 - 0.16, 0.6 - 0.24)
    close(t.rows[1].w, [0.8, 0.6]);
    close(t.rows[1].g, [1.6, 2.4]);
    close(t.rows[2].w, [0.64, 0.36]);
}

#[test]
fn momentum() {
    let t = first_two(&[("optimizer", "momentum"), ("lr", "0.1"), ("alpha", "0.5")]);
    // m(1) = -0.1·(2, 4) = (-0.2, -0.4); w(1) = (0.8, 0.6)
    close(t.rows[1].state.pair(0), [-0.2, -0.4]);
    close(t.rows[1].w, [0.8, 0.6]);
    // g(1) = (1.6, 2.4); m(2) = 0.5·m(1) - 0.1·g(1) = (-0.26, -0.44); w(2) = (0.54, 0.16)
    close(t.rows[2].state.pair(0), [-0.26, -0.44]);
    close(t.rows[2].w, [0.54, 0.16]);
}

#[test]
fn adagrad() {
    let t = first_two(&[("optimizer", "adagrad"), ("lr", "0.5"), ("eps", "1e-8")]);
    // s(1) = (4, 16); w(1) = 1 - 0.5·g/√(s + ε) ≈ (0.5, 0.5)
    close(t.rows[1].state.pair(0), [4.0, 16.0]);
    let w1 = [
        1.0 - 0.5 * 2.0 / (4.0f64 + 1e-8).sqrt(),
        1.0 - 0.5 * 4.0 / (16.0f64 + 1e-8).sqrt(),
    ];
    close(t.rows[1].w, w1);
    let g1 = [2.0 * w1[0], 4.0 * w1[1]];
    let s2 = [4.0 + g1[0] * g1[0], 16.0 + g1[1] * g1[1]];
    close(t.rows[2].state.pair(0), s2);
    close(
        t.rows[2].w,
        [
            w1[0] - 0.5 * g1[0] / (s2[0] + 1e-8).sqrt(),
            w1[1] - 0.5 * g1[1] / (s2[1] + 1e-8).sqrt(),
        ],
    );
}

#[test]
fn rmsprop() {
    let t = first_two(&[
        ("optimizer", "rmsprop"),
        ("lr", "0.1"),
        ("beta", "0.5"),
        ("eps", "1e-8"),
    ]);
    // s(1) = 0.5·(4, 16) = (2, 8)
    close(t.rows[1].state.pair(0), [2.0, 8.0]);
    let w1 = [
        1.0 - 0.1 * 2.0 / (2.0f64 + 1e-8).sqrt(),
        1.0 - 0.1 * 4.0 / (8.0f64 + 1e-8).sqrt(),
    ];
    close(t.rows[1].w, w1);
    let g1 = [2.0 * w1[0], 4.0 * w1[1]];
    let s2 = [
        0.5 * 2.0 + 0.5 * g1[0] * g1[0],
        0.5 * 8.0 + 0.5 * g1[1] * g1[1],
    ];
    close(t.rows[2].state.pair(0), s2);
    close(
        t.rows[2].w,
        [
            w1[0] - 0.1 * g1[0] / (s2[0] + 1e-8).sqrt(),
            w1[1] - 0.1 * g1[1] / (s2[1] + 1e-8).sqrt(),
        ],
    );
}

#[test]
fn adam() {
    let t = first_two(&[
        ("optimizer", "adam"),
        ("lr", "0.1"),
        ("beta1", "0.5"),
        ("beta2", "0.75"),
        ("eps", "1e-8"),
    ]);
    // m(1) = 0.5·(2, 4) = (1, 2); v(1) = 0.25·(4, 16) = (1, 4);
    // m̂ = m/0.5 = (2, 4); v̂ = v/0.25 = (4, 16); w(1) = 1 - 0.1·m̂/(√v̂ + ε) ≈ (0.9, 0.9)
    close(t.rows[1].state.pair(0), [1.0, 2.0]);
    close(t.rows[1].state.pair(1), [1.0, 4.0]);
    let w1 = [
        1.0 - 0.1 * 2.0 / (2.0 + 1e-8),
        1.0 - 0.1 * 4.0 / (4.0 + 1e-8),
    ];
    close(t.rows[1].w, w1);
    let g1 = [2.0 * w1[0], 4.0 * w1[1]];
    let m2 = [0.5 * 1.0 + 0.5 * g1[0], 0.5 * 2.0 + 0.5 * g1[1]];
    let v2 = [
        0.75 * 1.0 + 0.25 * g1[0] * g1[0],
        0.75 * 4.0 + 0.25 * g1[1] * g1[1],
    ];
    close(t.rows[2].state.pair(0), m2);
    close(t.rows[2].state.pair(1), v2);
    // bias correction at t = 2: 1 - 0.5² = 0.75, 1 - 0.75² = 0.4375
    let step = |i: usize| 0.1 * (m2[i] / 0.75) / ((v2[i] / 0.4375).sqrt() + 1e-8);
    close(t.rows[2].w, [w1[0] - step(0), w1[1] - step(1)]);
}

#[test]
fn steps_zero_is_the_start_row_alone() {
    let t = Config::from_pairs([("steps", "0")]).expect("valid").run();
    assert_eq!(t.rows.len(), 1);
    assert_eq!(t.stop, None);
}

#[test]
fn divergence_stops_with_the_step() {
    let t = Config::from_pairs([("optimizer", "gd"), ("lr", "1e300"), ("steps", "50")])
        .expect("valid")
        .run();
    let stop = t.stop.expect("stopped");
    assert!(
        matches!(stop, Stop::Diverged { .. } | Stop::Undefined { .. }),
        "{stop:?}"
    );
    assert_eq!(t.rows.len(), stop.step());
    assert!(t
        .rows
        .iter()
        .all(|r| r.w.iter().chain(&r.g).all(|x| x.is_finite())));
    assert!(stop.to_string().contains(&format!("step {}", stop.step())));
}

#[test]
fn undefined_function_stops_at_the_start() {
    let t = Config::from_pairs([("function", "ln(w1-100)")])
        .expect("valid")
        .run();
    assert!(t.rows.is_empty());
    assert_eq!(
        t.stop,
        Some(Stop::Undefined {
            step: 0,
            w: [-15.0, 20.0]
        })
    );
}

#[test]
fn vocabulary_errors_say_how_to_fix() {
    let error =
        |pairs: &[(&str, &str)]| Config::from_pairs(pairs.iter().copied()).expect_err("invalid");
    assert_eq!(
        error(&[("optimizer", "adam"), ("beta", "0.9")]).to_string(),
        "`beta` is not a hyperparameter of adam, which takes lr, beta1, beta2, eps"
    );
    assert_eq!(
        error(&[("lr", "-1")]).to_string(),
        "`lr` must be a finite number > 0, not -1"
    );
    assert_eq!(
        error(&[("lr", "NaN")]).to_string(),
        "`lr` must be a finite number > 0, not NaN"
    );
    assert_eq!(
        error(&[("beta", "abc")]).to_string(),
        "`beta` must be a number, not `abc`"
    );
    assert_eq!(error(&[("optimizer", "sgd")]).key(), "optimizer");
    assert!(matches!(
        error(&[("steps", "100001")]),
        ConfigError::Steps { .. }
    ));
    assert!(matches!(
        error(&[("start", "1")]),
        ConfigError::Start { .. }
    ));
    assert!(matches!(
        error(&[("speed", "1")]),
        ConfigError::UnknownKey { .. }
    ));
    assert!(matches!(
        error(&[("lr", "1"), ("lr", "2")]),
        ConfigError::Repeated { .. }
    ));
    assert_eq!(error(&[("function", "w3")]).key(), "function");
}

#[test]
fn amplification_follows_the_article() {
    // β = 0: s(2) = g2², v(2) = g2/|g2| (ε aside): |v(2)| ≈ 1, so C_a ≈ 1 - |g2|.
    assert!((amplification(5.0, 0.5, 0.0, 1.0, 1e-8) - 0.5).abs() < 1e-7);
    assert!((amplification(5.0, -3.0, 0.0, 1.0, 1e-8) + 2.0).abs() < 1e-7);
    // β = 0.9, g1 = 1, g2 = 2: s(2) = 0.1·(0.9 + 4) = 0.49, v(2) = 2/0.7.
    let v2 = second_update(1.0, 2.0, 0.9, 1.0, 0.0);
    assert!((v2 - 2.0 / 0.7).abs() < 1e-12);
    assert!((amplification(1.0, 2.0, 0.9, 1.0, 0.0) - (2.0 / 0.7 - 2.0)).abs() < 1e-12);
    // Symmetric in the sign of g2.
    assert_eq!(
        amplification(0.3, -0.2, 0.5, 1.0, 1e-8),
        amplification(0.3, 0.2, 0.5, 1.0, 1e-8)
    );
}

#[test]
fn column_values_agree_with_row_values() {
    for optimizer in descent_core::OptimizerKind::all().map(|k| k.name()) {
        let t = Config::from_pairs([("optimizer", optimizer), ("steps", "5")])
            .expect("valid")
            .run();
        let columns = t.column_values();
        assert_eq!(columns.len(), t.columns().len(), "{optimizer}");
        for (i, row) in t.rows.iter().enumerate() {
            let values = t.values(row);
            let from_columns: Vec<f64> = columns.iter().map(|c| c[i]).collect();
            assert_eq!(values, from_columns, "{optimizer} row {i}");
        }
    }
}
