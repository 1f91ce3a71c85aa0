//! The curvature columns: the article's RMSProp on its own edge of stability, every form's
//! pre-sharpness recomputed by hand from the run's own state columns, turned surfaces and
//! what a diagonal preconditioner makes of them.

use descent_core::curvature::{step_sizes, Symmetric, COLUMNS};
use descent_core::{Config, Function, OptimizerKind};

fn config(pairs: &[(&str, &str)]) -> Config {
    Config::from_pairs(pairs.iter().copied()).unwrap_or_else(|e| panic!("{pairs:?}: {e}"))
}

fn preset(id: &str) -> Config {
    let p = descent_core::presets::preset(id).unwrap_or_else(|| panic!("{id}"));
    let pairs = p.vocabulary_pairs();
    Config::from_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())))
        .unwrap_or_else(|e| panic!("{e}"))
}

/// λ1 of [[a, b], [b, c]] by the textbook formula.
fn largest_eigenvalue(a: f64, b: f64, c: f64) -> f64 {
    0.5 * (a + c) + (0.25 * (a - c) * (a - c) + b * b).sqrt()
}

#[test]
fn the_articles_rmsprop_ends_on_its_edge_of_stability() {
    let run = config(&[("steps", "2000"), ("curvature", "1")]).run();
    let last = run
        .curvature
        .last()
        .copied()
        .unwrap_or_else(|| panic!("rows"));
    assert!((last.pre_sharpness() - 2.0).abs() <= 0.01, "{last:?}");
    assert_eq!(last.threshold, Some(2.0));
    // It settles oscillating at ±η/2 = ±0.025 around the minimum, not at it.
    let w = run.rows.last().map(|r| r.w).unwrap_or_default();
    for x in w {
        assert!((x.abs() - 0.025).abs() <= 1e-6, "{w:?}");
    }
    // At the start it is far below the edge.
    assert!(run.curvature[0].pre_sharpness() < 0.02);
    assert_eq!(run.columns()[run.columns().len() - 7..], COLUMNS);
}

/// The step sizes of the step from row `t` recomputed from the published formulas and the
/// run's own state columns: `now` (row t) and `next` (row t + 1), by column name.
fn by_hand(
    name: &str,
    convention: &str,
    h: &dyn Fn(&str) -> f64,
    now: &dyn Fn(&str) -> f64,
    next: &dyn Fn(&str) -> f64,
    t: f64,
    g: [f64; 2],
) -> [f64; 2] {
    let lr = h("lr");
    let (now_shared, next_shared) = (now, next);
    // Step t + 1's powers and RAdam's SMA length ρ.
    let step = t + 1.0;
    let bc1 = || 1.0 - h("beta1").powf(step);
    let bc2 = || 1.0 - h("beta2").powf(step);
    let rho_inf = || 2.0 / (1.0 - h("beta2")) - 1.0;
    let rho = || rho_inf() - 2.0 * step * h("beta2").powf(step) / bc2();
    let r = || {
        let (rho, rho_inf) = (rho(), rho_inf());
        ((rho - 4.0) * (rho - 2.0) * rho_inf / ((rho_inf - 4.0) * (rho_inf - 2.0) * rho)).sqrt()
    };
    let bias = || {
        if convention == "optax" {
            bc2().sqrt() / bc1()
        } else {
            1.0
        }
    };
    let d = || if t == 0.0 { h("d0") } else { now_shared("d") };
    [0, 1].map(|i| {
        let col = |base: &str| format!("{base}{}", i + 1);
        let (now, next) = (|b: &str| now(&col(b)), |b: &str| next(&col(b)));
        match (name, convention) {
            ("rprop", "optax") if g[i] * now("prev") > 0.0 => now("prev") / g[i],
            ("rprop", "optax") => 0.0,
            ("rprop", _) if next("prev") == 0.0 || g[i] == 0.0 => 0.0,
            ("rprop", _) => next("step") / g[i].abs(),
            ("nadam" | "yogi" | "schedulefree", _) => lr / ((next("v") / bc2()).sqrt() + h("eps")),
            ("adabelief", "optax") => lr / ((next("s") / bc2()).sqrt() + h("eps")),
            ("radam", "optax") if rho() >= 5.0 => {
                lr * r() / ((next("v") / bc2()).sqrt() + h("eps"))
            }
            ("radam", _) if rho() > 5.0 => lr * bc2().sqrt() * r() / (next("v").sqrt() + h("eps")),
            ("adabelief", _) if rho() >= 5.0 => {
                lr * bc2().sqrt() * r() / (next("s").sqrt() + h("eps"))
            }
            ("radam" | "adabelief", _) => lr,
            ("adopt", _) if t == 0.0 => 0.0,
            ("adopt", _) => lr / now("v").sqrt().max(h("eps")),
            ("prodigy", _) => {
                d() * d() * lr * bias() / (next("v").sqrt() + next_shared("d") * h("eps"))
            }
            ("dadapt", _) => d() * lr * bias() / (next("v").sqrt() + h("eps")),
            ("gd" | "momentum" | "nesterov", _) => lr,
            ("adagrad" | "rmsprop", "pytorch") => lr / (next("s").sqrt() + h("eps")),
            ("adagrad" | "rmsprop", _) => lr / (next("s") + h("eps")).sqrt(),
            ("adam" | "adamw", "keras") => {
                lr * (1.0 - h("beta2").powf(t + 1.0)).sqrt() / (next("v").sqrt() + h("eps"))
            }
            ("adam" | "adamw", _) => {
                let v_hat = next("v") / (1.0 - h("beta2").powf(t + 1.0));
                lr / (v_hat.sqrt() + h("eps"))
            }
            // optax keeps the maximum of the bias-corrected v̂.
            ("amsgrad", "optax") => lr / (next("vmax").sqrt() + h("eps")),
            ("amsgrad", "keras") => {
                lr * (1.0 - h("beta2").powf(t + 1.0)).sqrt() / (next("vmax").sqrt() + h("eps"))
            }
            ("amsgrad", _) => {
                let root = next("vmax").sqrt() / (1.0 - h("beta2").powf(t + 1.0)).sqrt();
                lr / (root + h("eps"))
            }
            ("adamax", "keras") => lr / (next("u") + h("eps")),
            ("adamax", _) => lr / next("u"),
            ("adadelta", _) => lr * (now("u") + h("eps")).sqrt() / (next("v") + h("eps")).sqrt(),
            ("lion", _) => lr / (h("beta1") * now("m") + (1.0 - h("beta1")) * g[i]).abs(),
            _ => panic!("no hand formula for the step sizes of {name} ({convention})"),
        }
    })
}

#[test]
fn every_forms_pre_sharpness_matches_a_hand_computation() {
    for kind in OptimizerKind::all() {
        for form in kind.spec().forms {
            let convention = form.convention.name();
            let run = config(&[
                ("function", "3*w1^2 + 10*w2^2"),
                ("rotate", "30"),
                ("optimizer", kind.name()),
                ("convention", convention),
                ("start", "-2,1.5"),
                ("steps", "25"),
                ("curvature", "1"),
            ])
            .run();
            let names = run.columns();
            let optimizer = run.optimizer;
            let h = |key: &str| {
                optimizer
                    .get(key)
                    .unwrap_or_else(|| panic!("{kind}: {key}"))
            };
            // The turned bowl's Hessian: R(30°)·diag(6, 20)·R(30°)ᵀ.
            let (c, s) = (30f64.to_radians().cos(), 30f64.to_radians().sin());
            let (a, b, d) = (
                6.0 * c * c + 20.0 * s * s,
                (6.0 - 20.0) * c * s,
                6.0 * s * s + 20.0 * c * c,
            );
            assert!(run.rows.len() > 20, "{kind} {convention}: {:?}", run.stop);
            for t in 0..run.rows.len() - 1 {
                let values = [run.values(&run.rows[t]), run.values(&run.rows[t + 1])];
                let column = |row: usize| {
                    let values = &values[row];
                    let names = &names;
                    move |name: &str| {
                        let i = names.iter().position(|n| *n == name);
                        values[i.unwrap_or_else(|| panic!("no column {name}"))]
                    }
                };
                let g = [column(0)("g1"), column(0)("g2")];
                let [d1, d2] = by_hand(
                    kind.name(),
                    convention,
                    &h,
                    &column(0),
                    &column(1),
                    t as f64,
                    g,
                );
                let expected = largest_eigenvalue(d1 * a, (d1 * d2).sqrt() * b, d2 * d);
                let got = column(0)("pre_sharpness");
                assert!(
                    (got - expected).abs() <= 1e-10 * expected.abs(),
                    "{kind} ({convention}) row {t}: {got} by hand {expected}"
                );
                let hessian = [column(0)("h11"), column(0)("h12"), column(0)("h22")];
                for (x, y) in hessian.iter().zip([a, b, d]) {
                    assert!((x - y).abs() <= 1e-12 * 20.0, "{kind} Hessian {hessian:?}");
                }
            }
            let threshold = run.curvature[0].threshold;
            assert_eq!(
                threshold.is_none(),
                matches!(kind.name(), "lion" | "rprop"),
                "{kind} {convention}"
            );
        }
    }
}

/// The step sizes are read from the next row's recorded state, not by retaking the step: for
/// every form (with a schedule and noisy gradients, whose rates and gradients are the run's
/// own columns) they equal, bit for bit, those of the step retaken from the row.
#[test]
fn step_sizes_read_from_the_next_row_are_those_of_the_step_retaken() {
    for kind in OptimizerKind::all() {
        for form in kind.spec().forms {
            let run = config(&[
                ("function", "(1-w1)^2 + 100*(w2-w1^2)^2"),
                ("optimizer", kind.name()),
                ("convention", form.convention.name()),
                ("start", "-1.5,2"),
                ("schedule", "cosine"),
                ("noise", "30"),
                ("steps", "40"),
                ("curvature", "1"),
            ])
            .run();
            let stepper = run.optimizer.stepper();
            let names = run.columns();
            let column = |name: &str| names.iter().position(|n| *n == name);
            let [g1, g2, lr] = ["g1_used", "g2_used", "lr"].map(column);
            for (row, curvature) in run.rows.iter().zip(&run.curvature) {
                let values = run.values(row);
                let at = |c: Option<usize>| values[c.unwrap_or_else(|| panic!("{kind}"))];
                let retaken = step_sizes(&stepper, row.w, &row.state, [at(g1), at(g2)], at(lr));
                assert_eq!(
                    retaken.map(f64::to_bits),
                    curvature.step_sizes.map(f64::to_bits),
                    "{kind} ({}) row {}",
                    form.convention.name(),
                    row.t
                );
            }
        }
    }
}

#[test]
fn a_turned_surface_is_the_surface_at_turned_points() {
    let base = Function::parse("(1-w1)^2 + 100*(w2-w1^2)^2 + sin(w1*w2)")
        .unwrap_or_else(|e| panic!("{e}"));
    for degrees in [30.0, -75.0, 90.0, 200.0] {
        let turned = base.rotated(degrees);
        assert_eq!(turned.rotation(), degrees);
        let (c, s) = (
            f64::to_radians(degrees).cos(),
            f64::to_radians(degrees).sin(),
        );
        for w in [[0.3, -0.7], [1.2, 0.4], [-1.5, 2.25]] {
            // u = R(−θ)·w.
            let u = [c * w[0] + s * w[1], -s * w[0] + c * w[1]];
            let (value, g) = turned.value_and_gradient(w);
            let (value_u, g_u) = base.value_and_gradient(u);
            let scale = value_u.abs().max(1.0);
            assert!(
                (value - value_u).abs() <= 1e-12 * scale,
                "{degrees}: {value} {value_u}"
            );
            // ∇E_θ(w) = R(θ)·∇E(u).
            let expected = [c * g_u[0] - s * g_u[1], s * g_u[0] + c * g_u[1]];
            let g_scale = g_u[0].hypot(g_u[1]).max(1.0);
            for k in 0..2 {
                assert!(
                    (g[k] - expected[k]).abs() <= 1e-12 * g_scale,
                    "{degrees} {w:?}"
                );
            }
            // ∇²E_θ(w) = R(θ)·H(u)·R(θ)ᵀ.
            let expected: Symmetric = base.hessian(u).rotated(c, s);
            let h = turned.hessian(w);
            let h_scale = expected
                .entries()
                .iter()
                .fold(1.0_f64, |m, x| m.max(x.abs()));
            for (x, y) in h.entries().iter().zip(expected.entries()) {
                assert!(
                    (x - y).abs() <= 1e-12 * h_scale,
                    "{degrees} {w:?}: {h:?} {expected:?}"
                );
            }
        }
    }
    assert_eq!(
        base.rotated(360.0),
        base,
        "a whole turn leaves it as it was"
    );
}

#[test]
fn a_diagonal_rate_rounds_an_aligned_bowl_but_not_a_turned_one() {
    let effective = |config: Config| {
        let p = config.run().curvature[0].preconditioned;
        p.lambda1 / p.lambda2
    };
    let turned = effective(preset("rotated-bowl"));
    assert!((18.0..22.0).contains(&turned), "turned: {turned}");
    let aligned = effective(config(&[
        ("function", "0.1*w1^2 + 2*w2^2"),
        ("start", "-5,-2"),
        ("lr", "0.1"),
        ("curvature", "1"),
    ]));
    assert!((aligned - 2.5).abs() < 1e-6, "aligned: {aligned}");
    // The article's bowl: RMSProp's first step sees κ ≈ 1.3 aligned and κ(H) = 10/3 turned.
    let article = effective(config(&[("curvature", "1")]));
    let article_turned = effective(preset("rotated-article"));
    assert!((article - 4.0 / 3.0).abs() < 1e-6, "{article}");
    assert!(
        (article_turned - 10.0 / 3.0).abs() < 0.05,
        "{article_turned}"
    );
}

#[test]
fn curvature_leaves_the_run_alone_and_is_written_where_it_exists() {
    let plain = config(&[("optimizer", "lion"), ("steps", "50")]);
    let with = config(&[("optimizer", "lion"), ("steps", "50"), ("curvature", "1")]);
    let (a, b) = (plain.run(), with.run());
    assert_eq!(a.rows, b.rows);
    assert_eq!(
        with.run_columns().values[..a.columns().len()],
        plain.run_columns().values[..]
    );
    assert_eq!(with.run_columns().names, b.columns());
    // Lion has no threshold: an empty CSV cell, a JSON null.
    let csv = descent_core::export::csv(&b);
    let first = csv.lines().nth(1).unwrap_or_default();
    assert!(first.ends_with(','), "{first}");
    assert!(descent_core::export::json(&b).contains("\"threshold\":[null,"));
    assert_eq!(
        with.pairs(),
        [
            ("optimizer", "lion".to_owned()),
            ("steps", "50".to_owned()),
            ("curvature", "1".to_owned())
        ]
    );
}

#[test]
fn rotate_and_curvature_are_validated() {
    let error = |pairs: &[(&str, &str)]| {
        Config::from_pairs(pairs.iter().copied())
            .map(|_| ())
            .map_err(|e| e.to_string())
    };
    assert_eq!(
        error(&[("rotate", "400")]),
        Err("`rotate` must be degrees from -360 to 360, not 400".into())
    );
    assert_eq!(
        error(&[("curvature", "yes")]),
        Err("`curvature` must be one of 1 (on), 0 (off), not `yes`".into())
    );
    assert!(error(&[("data", "line"), ("rotate", "10")]).is_err_and(|e| e.contains("exclude")));
    assert_eq!(error(&[("curvature", "true"), ("rotate", "-45.5")]), Ok(()));
}

#[test]
fn the_scaled_regressions_hessian_is_its_moments() {
    let run = preset("scaled-curvature").run();
    let data = run_data();
    let n = data.len() as f64;
    let mean_x = data.iter().map(|p| p[0]).sum::<f64>() / n;
    let mean_xx = data.iter().map(|p| p[0] * p[0]).sum::<f64>() / n;
    let h = run.curvature[0].hessian;
    assert!((h.h11 / (2.0 * mean_xx) - 1.0).abs() < 1e-12, "{h:?}");
    assert!(
        (h.h12 / (2.0 * mean_x) - 1.0).abs() < 1e-12 && h.h22 == 2.0,
        "{h:?}"
    );
    assert!(run.curvature[0].eigen.lambda1 / run.curvature[0].eigen.lambda2 > 1e6);
}

/// The scaled data set's points.
fn run_data() -> Vec<[f64; 2]> {
    let set = descent_core::data::DataSet::from_value("scaled")
        .and_then(Result::ok)
        .unwrap_or_else(|| panic!("the scaled set"));
    set.points().collect()
}
