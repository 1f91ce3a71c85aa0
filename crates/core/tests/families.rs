//! The optimizers people train with, and the frameworks' conventions: the first two steps of
//! each, computed by hand from the published formulas (written out here independently of the
//! update rules), through the one vocabulary.

use descent_core::{Config, Trajectory};

/// E = w1² + 2·w2², ∇E = (2·w1, 4·w2), from (1, 1): g(0) = (2, 4).
fn first_two(pairs: &[(&str, &str)]) -> Trajectory {
    let mut all = vec![
        ("function", "w1^2 + 2*w2^2"),
        ("start", "1,1"),
        ("steps", "2"),
    ];
    all.extend_from_slice(pairs);
    Config::from_pairs(all).expect("valid").run()
}

/// ∇E of [`first_two`]'s function.
fn gradient(w: [f64; 2]) -> [f64; 2] {
    [2.0 * w[0], 4.0 * w[1]]
}

fn close(a: [f64; 2], b: [f64; 2]) {
    for i in 0..2 {
        assert!(
            (a[i] - b[i]).abs() <= 1e-14 * b[i].abs().max(1.0),
            "{a:?} vs {b:?}"
        );
    }
}

/// Applies `f` to both components.
fn each(f: impl Fn(usize) -> f64) -> [f64; 2] {
    [f(0), f(1)]
}

#[test]
fn nesterov_pytorch_form() {
    let t = first_two(&[("optimizer", "nesterov"), ("lr", "0.1"), ("alpha", "0.5")]);
    // b(1) = 0.5·0 + g = (2, 4); w(1) = w − 0.1·(g + 0.5·b) = (0.7, 0.4)
    close(t.rows[1].state.pair(0), [2.0, 4.0]);
    close(t.rows[1].w, [0.7, 0.4]);
    // g(1) = (1.4, 1.6); b(2) = 0.5·b(1) + g(1) = (2.4, 3.6); w(2) = w(1) − 0.1·(g + 0.5·b)
    close(t.rows[2].state.pair(0), [2.4, 3.6]);
    close(
        t.rows[2].w,
        [0.7 - 0.1 * (1.4 + 1.2), 0.4 - 0.1 * (1.6 + 1.8)],
    );
}

#[test]
fn nesterov_keras_form() {
    let t = first_two(&[
        ("optimizer", "nesterov"),
        ("convention", "keras"),
        ("lr", "0.1"),
        ("alpha", "0.5"),
    ]);
    // m(1) = −0.1·g = (−0.2, −0.4); w(1) = w + 0.5·m − 0.1·g = (0.7, 0.4): the same point as
    // PyTorch's form while the learning rate is constant.
    close(t.rows[1].state.pair(0), [-0.2, -0.4]);
    close(t.rows[1].w, [0.7, 0.4]);
    let m2 = [0.5 * -0.2 - 0.1 * 1.4, 0.5 * -0.4 - 0.1 * 1.6];
    close(t.rows[2].state.pair(0), m2);
    close(
        t.rows[2].w,
        [0.7 + 0.5 * m2[0] - 0.1 * 1.4, 0.4 + 0.5 * m2[1] - 0.1 * 1.6],
    );
}

#[test]
fn momentum_pytorch_form_keeps_the_buffer_of_gradients() {
    let t = first_two(&[
        ("optimizer", "momentum"),
        ("convention", "pytorch"),
        ("lr", "0.1"),
        ("alpha", "0.5"),
    ]);
    // b(1) = g = (2, 4); w(1) = w − 0.1·b = (0.8, 0.6); the article's m(1) = −0.1·b(1).
    close(t.rows[1].state.pair(0), [2.0, 4.0]);
    close(t.rows[1].w, [0.8, 0.6]);
    close(t.rows[2].state.pair(0), [0.5 * 2.0 + 1.6, 0.5 * 4.0 + 2.4]);
    close(t.rows[2].w, [0.8 - 0.1 * 2.6, 0.6 - 0.1 * 4.4]);
    assert_eq!(t.columns()[6..], ["b1", "b2"]);
}

#[test]
fn adamw_decays_the_weights_decoupled_from_the_moments() {
    let (lr, b1, b2, eps, wd) = (0.1, 0.5, 0.75, 1e-8, 0.1);
    let t = first_two(&[
        ("optimizer", "adamw"),
        ("lr", "0.1"),
        ("beta1", "0.5"),
        ("beta2", "0.75"),
        ("eps", "1e-8"),
        ("weight_decay", "0.1"),
    ]);
    let mut w = [1.0, 1.0];
    let (mut m, mut v) = ([0.0; 2], [0.0; 2]);
    for step in 1..=2 {
        let g = gradient(w);
        m = each(|i| b1 * m[i] + (1.0 - b1) * g[i]);
        v = each(|i| b2 * v[i] + (1.0 - b2) * g[i] * g[i]);
        let m_hat = each(|i| m[i] / (1.0 - f64::powi(b1, step)));
        let v_hat = each(|i| v[i] / (1.0 - f64::powi(b2, step)));
        // w ← w − η·(m̂ ⊘ (√v̂ + ε) + λ·w)
        w = each(|i| w[i] - lr * (m_hat[i] / (v_hat[i].sqrt() + eps) + wd * w[i]));
        close(t.rows[step as usize].w, w);
        close(t.rows[step as usize].state.pair(0), m);
        close(t.rows[step as usize].state.pair(1), v);
    }
}

#[test]
fn amsgrad_divides_by_the_largest_second_moment() {
    // lr 0.7 makes the second gradient smaller than the first, so v shrinks and vmax holds.
    let (lr, b1, b2, eps) = (0.7, 0.5, 0.75, 1e-8);
    let t = first_two(&[
        ("optimizer", "amsgrad"),
        ("lr", "0.7"),
        ("beta1", "0.5"),
        ("beta2", "0.75"),
        ("eps", "1e-8"),
    ]);
    let mut w = [1.0, 1.0];
    let (mut m, mut v, mut v_max) = ([0.0; 2], [0.0; 2], [0.0f64; 2]);
    for step in 1..=2 {
        let g = gradient(w);
        m = each(|i| b1 * m[i] + (1.0 - b1) * g[i]);
        v = each(|i| b2 * v[i] + (1.0 - b2) * g[i] * g[i]);
        v_max = each(|i| v_max[i].max(v[i]));
        let c1 = 1.0 - f64::powi(b1, step);
        let c2 = 1.0 - f64::powi(b2, step);
        // PyTorch: w ← w − (η/c1)·m ⊘ (√vmax/√c2 + ε)
        w = each(|i| w[i] - lr / c1 * m[i] / (v_max[i].sqrt() / c2.sqrt() + eps));
        close(t.rows[step as usize].w, w);
    }
    let row = &t.rows[2];
    assert!(
        row.state.pair(1)[0] < row.state.pair(2)[0],
        "v shrank, vmax held"
    );
    close(row.state.pair(2), [1.0, 4.0]);
    assert_eq!(t.columns()[6..], ["m1", "m2", "v1", "v2", "vmax1", "vmax2"]);
}

#[test]
fn adamax_divides_by_the_infinity_norm() {
    let (lr, b1, b2, eps): (f64, f64, f64, f64) = (0.1, 0.5, 0.75, 1e-8);
    let t = first_two(&[
        ("optimizer", "adamax"),
        ("lr", "0.1"),
        ("beta1", "0.5"),
        ("beta2", "0.75"),
        ("eps", "1e-8"),
    ]);
    let mut w = [1.0, 1.0];
    let (mut m, mut u) = ([0.0; 2], [0.0f64; 2]);
    for step in 1..=2 {
        let g = gradient(w);
        m = each(|i| b1 * m[i] + (1.0 - b1) * g[i]);
        u = each(|i| (b2 * u[i]).max(g[i].abs() + eps));
        w = each(|i| w[i] - lr / (1.0 - f64::powi(b1, step)) * m[i] / u[i]);
        close(t.rows[step as usize].w, w);
        close(t.rows[step as usize].state.pair(1), u);
    }
}

#[test]
fn adadelta_scales_by_the_ratio_of_running_roots() {
    let (lr, rho, eps) = (1.0, 0.5, 1e-6);
    let t = first_two(&[("optimizer", "adadelta"), ("rho", "0.5")]);
    let mut w = [1.0, 1.0];
    let (mut v, mut u) = ([0.0; 2], [0.0; 2]);
    for step in 1..=2 {
        let g = gradient(w);
        v = each(|i| rho * v[i] + (1.0 - rho) * g[i] * g[i]);
        let delta = each(|i| ((u[i] + eps) / (v[i] + eps)).sqrt() * g[i]);
        u = each(|i| rho * u[i] + (1.0 - rho) * delta[i] * delta[i]);
        w = each(|i| w[i] - lr * delta[i]);
        close(t.rows[step].w, w);
        close(t.rows[step].state.pair(0), v);
        close(t.rows[step].state.pair(1), u);
    }
    // The first step is tiny: √ε/√v·g ≈ 1e-3·sign(g).
    assert!((1.0 - t.rows[1].w[0] - 1e-3 * 2.0 / 2f64.sqrt()).abs() < 1e-6);
}

#[test]
fn lion_steps_by_the_sign_with_decay() {
    let t = first_two(&[
        ("optimizer", "lion"),
        ("lr", "0.1"),
        ("beta1", "0.5"),
        ("beta2", "0.75"),
        ("weight_decay", "0.1"),
    ]);
    // c = 0.5·(2, 4) → sign (1, 1); w(1) = w − 0.1·(1 + 0.1·w) = (0.89, 0.89); m(1) = 0.25·g
    close(t.rows[1].w, [0.89, 0.89]);
    close(t.rows[1].state.pair(0), [0.5, 1.0]);
    // g(1) = (1.78, 3.56): still positive, so the same sign step again.
    close(
        t.rows[2].w,
        [0.89 - 0.1 * (1.0 + 0.089), 0.89 - 0.1 * (1.0 + 0.089)],
    );
    // A zero direction does not move: E = w2² leaves w1 alone.
    let still = Config::from_pairs([("function", "w2^2"), ("optimizer", "lion"), ("steps", "3")])
        .expect("valid")
        .run();
    assert!(still.rows.iter().all(|r| r.w[0] == -15.0));
}

#[test]
fn rmsprop_and_adagrad_in_pytorch_put_eps_outside_the_root() {
    let t = first_two(&[
        ("optimizer", "rmsprop"),
        ("convention", "pytorch"),
        ("lr", "0.1"),
        ("beta", "0.5"),
        ("eps", "0.5"),
    ]);
    // s(1) = 0.5·(4, 16) = (2, 8); w(1) = w − 0.1·g ⊘ (√s + 0.5)
    let w1 = each(|i| 1.0 - 0.1 * [2.0, 4.0][i] / ([2.0f64, 8.0][i].sqrt() + 0.5));
    close(t.rows[1].w, w1);
    let t = first_two(&[
        ("optimizer", "adagrad"),
        ("convention", "pytorch"),
        ("lr", "0.1"),
        ("eps", "0.5"),
    ]);
    let w1 = each(|i| 1.0 - 0.1 * [2.0, 4.0][i] / ([4.0f64, 16.0][i].sqrt() + 0.5));
    close(t.rows[1].w, w1);
}

#[test]
fn keras_adagrad_starts_its_accumulator_at_a_tenth() {
    let t = first_two(&[
        ("optimizer", "adagrad"),
        ("convention", "keras"),
        ("lr", "0.1"),
    ]);
    assert_eq!(t.rows[0].state.pair(0), [0.1, 0.1]);
    // s(1) = 0.1 + g² = (4.1, 16.1); w(1) = w − 0.1·g ⊘ √(s + 1e-7)
    close(t.rows[1].state.pair(0), [4.1, 16.1]);
    let w1 = each(|i| 1.0 - 0.1 * [2.0, 4.0][i] / ([4.1f64, 16.1][i] + 1e-7).sqrt());
    close(t.rows[1].w, w1);
}

#[test]
fn keras_adam_uses_the_eps_hat_form() {
    let (lr, b1, b2, eps) = (0.1, 0.5, 0.75, 0.5);
    let t = first_two(&[
        ("optimizer", "adam"),
        ("convention", "keras"),
        ("lr", "0.1"),
        ("beta1", "0.5"),
        ("beta2", "0.75"),
        ("eps", "0.5"),
    ]);
    let mut w = [1.0, 1.0];
    let (mut m, mut v) = ([0.0; 2], [0.0; 2]);
    for step in 1..=2 {
        let g = gradient(w);
        m = each(|i| b1 * m[i] + (1.0 - b1) * g[i]);
        v = each(|i| b2 * v[i] + (1.0 - b2) * g[i] * g[i]);
        // α_t = η·√(1 − β2^t)/(1 − β1^t); w ← w − α_t·m ⊘ (√v + ε̂)
        let alpha = lr * (1.0 - f64::powi(b2, step)).sqrt() / (1.0 - f64::powi(b1, step));
        w = each(|i| w[i] - alpha * m[i] / (v[i].sqrt() + eps));
        close(t.rows[step as usize].w, w);
    }
    // With the article's form the same ε gives another point: ε sits elsewhere.
    let article = first_two(&[
        ("optimizer", "adam"),
        ("lr", "0.1"),
        ("beta1", "0.5"),
        ("beta2", "0.75"),
        ("eps", "0.5"),
    ]);
    assert!((article.rows[1].w[0] - t.rows[1].w[0]).abs() > 1e-3);
}

#[test]
fn conventions_bring_their_defaults_and_explicit_values_win() {
    let run = |pairs: &[(&str, &str)]| Config::from_pairs(pairs.iter().copied()).expect("valid");
    let torch = run(&[("convention", "pytorch")]);
    assert_eq!(torch.optimizer.get("lr"), Some(0.01));
    assert_eq!(torch.optimizer.get("beta"), Some(0.99));
    let keras = run(&[("convention", "keras"), ("optimizer", "adam")]);
    assert_eq!(keras.optimizer.get("eps"), Some(1e-7));
    let explicit = run(&[("convention", "keras"), ("lr", "0.05")]);
    assert_eq!(explicit.optimizer.get("lr"), Some(0.05));
    assert_eq!(explicit.optimizer.get("eps"), Some(1e-7));
    assert_eq!(
        Config::from_pairs([("convention", "jax")])
            .map_err(|e| e.to_string())
            .err()
            .as_deref(),
        Some("`convention` must be one of article, pytorch, keras, optax, not `jax`")
    );
}
