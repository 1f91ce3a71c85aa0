//! Training runs through the one validation: gradient noise, data sets with the one-neuron
//! models, mini-batches and learning-rate schedules, as the CLI, URLs and the JS API give them.

use descent_core::config::Config;
use descent_core::export;
use descent_core::optimizer::OptimizerKind;
use descent_core::training::sampling::noise_draw;
use descent_core::Trajectory;

fn config(pairs: &[(&str, &str)]) -> Config {
    Config::from_pairs(pairs.iter().copied()).unwrap_or_else(|e| panic!("{pairs:?}: {e}"))
}

fn run(pairs: &[(&str, &str)]) -> Trajectory {
    config(pairs).run()
}

fn error(pairs: &[(&str, &str)]) -> String {
    Config::from_pairs(pairs.iter().copied())
        .map(|_| "accepted".to_owned())
        .unwrap_or_else(|e| e.to_string())
}

fn column<'t>(run: &'t Trajectory, name: &str) -> &'t [f64] {
    &run.extra
        .iter()
        .find(|(n, _)| *n == name)
        .unwrap_or_else(|| panic!("no column {name}"))
        .1
}

#[test]
fn zero_noise_and_the_full_batch_give_exactly_the_noiseless_run() {
    for kind in OptimizerKind::all() {
        let name = kind.name();
        let plain = run(&[("optimizer", name), ("steps", "200")]);
        let quiet = run(&[
            ("optimizer", name),
            ("steps", "200"),
            ("noise", "0"),
            ("seed", "17"),
        ]);
        assert_eq!(plain, quiet, "{name}");
        assert_eq!(plain.columns(), quiet.columns());
        // The training loop itself gives the plain trajectory bit for bit.
        let c = config(&[("optimizer", name), ("steps", "200")]);
        let training = c
            .training()
            .run_from(c.start, c.optimizer.initial_state(), c.limits());
        assert_eq!(training, plain, "{name}");
    }
    let whole = run(&[("data", "line"), ("optimizer", "adam"), ("lr", "0.05")]);
    let full_batch = run(&[
        ("data", "line"),
        ("optimizer", "adam"),
        ("lr", "0.05"),
        ("batch", "50"),
        ("seed", "3"),
    ]);
    assert_eq!(whole, full_batch);
    assert_eq!(whole.columns()[..6], ["t", "w1", "w2", "error", "g1", "g2"]);
}

#[test]
fn the_same_seed_gives_the_same_run_and_another_seed_another() {
    let pairs = |seed: &'static str| {
        [
            ("optimizer", "rmsprop"),
            ("noise", "50"),
            ("seed", seed),
            ("steps", "100"),
        ]
    };
    let a = run(&pairs("7"));
    let b = run(&pairs("7"));
    let c = run(&pairs("8"));
    assert_eq!(export::csv(&a), export::csv(&b));
    assert_ne!(a.rows[1].w, c.rows[1].w);
    assert_eq!(
        a.columns(),
        ["t", "w1", "w2", "error", "g1", "g2", "g1_used", "g2_used", "s1", "s2"]
    );
    // Row t: g is the exact gradient at w(t); the step used g + σ·ξ(t).
    let (g1_used, g2_used) = (column(&a, "g1_used"), column(&a, "g2_used"));
    for (t, row) in a.rows.iter().enumerate() {
        let xi = noise_draw(7, t as u64);
        assert_eq!(g1_used[t], row.g[0] + 50.0 * xi[0]);
        assert_eq!(g2_used[t], row.g[1] + 50.0 * xi[1]);
    }
    // And the step from row 0 is RMSProp's with that gradient.
    let rmsprop = config(&pairs("7")).optimizer;
    let (w1, _) = rmsprop.step(
        rmsprop.initial_state(),
        a.rows[0].w,
        [g1_used[0], g2_used[0]],
    );
    assert_eq!(w1, a.rows[1].w);
}

/// E of the linear model on `data` written out as a typed function: (1/N)·Σ (w1·x + w2 − y)².
fn linear_function(data: &descent_core::data::DataSet) -> String {
    let terms: Vec<String> = data
        .points()
        .map(|[x, y]| format!("(w1*({x:?}) + w2 - ({y:?}))^2"))
        .collect();
    format!("({})/{}", terms.join(" + "), data.len())
}

#[test]
fn a_linear_model_with_the_full_batch_equals_its_sum_written_out() {
    for set in ["line", "scaled"] {
        let fit = config(&[("data", set), ("optimizer", "adam"), ("lr", "0.01")]);
        let data = fit.data.as_ref().expect("data").data();
        let function = linear_function(data);
        let typed = run(&[
            ("function", &function),
            ("optimizer", "adam"),
            ("lr", "0.01"),
            ("start", "0,0"),
        ]);
        let trained = fit.run();
        assert_eq!(trained.rows.len(), typed.rows.len(), "{set}");
        for (a, b) in trained.rows.iter().zip(&typed.rows) {
            let close = |x: f64, y: f64| (x - y).abs() <= 1e-9 * x.abs().max(y.abs()).max(1e-3);
            assert!(
                close(a.w[0], b.w[0]) && close(a.w[1], b.w[1]),
                "{set}: {a:?} {b:?}"
            );
            assert!(
                close(a.error, b.error),
                "{set} t={}: {} {}",
                a.t,
                a.error,
                b.error
            );
        }
    }
}

#[test]
fn mini_batches_use_each_sample_once_per_epoch() {
    // With a linear model and σ = 0 the used gradient is the mean of its batch's per-sample
    // gradients; at w = 0 each sample's is (−2·x·y, −2·y), so the batches can be read back.
    let fit = config(&[
        (
            "data",
            "inline:1,1;2,10;3,100;4,1000;5,10000;6,100000;7,1000000",
        ),
        ("batch", "3"),
        ("seed", "11"),
        ("optimizer", "gd"),
        ("lr", "1e-300"),
        ("steps", "9"),
    ]);
    let trained = fit.run();
    let used = column(&trained, "g2_used");
    // Epochs of ⌈7/3⌉ = 3 steps: batches of 3, 3 and 1 samples, covering all 7 each epoch.
    for epoch in 0..3 {
        let mut total = 0.0;
        for k in 0..3 {
            let size = if k == 2 { 1.0 } else { 3.0 };
            total += -used[epoch * 3 + k] * size / 2.0;
        }
        assert!((total - 1_111_111.0).abs() < 1e-6, "epoch {epoch}: {total}");
    }
    assert_ne!(used[..3], used[3..6], "a new order every epoch");
}

#[test]
fn schedules_scale_each_step_and_the_lr_column_shows_it() {
    let trained = run(&[
        ("optimizer", "gd"),
        ("lr", "0.01"),
        ("schedule", "step"),
        ("gamma", "0.5"),
        ("period", "3"),
        ("warmup", "2"),
        ("steps", "8"),
    ]);
    let lrs = column(&trained, "lr");
    assert_eq!(
        lrs,
        [0.005, 0.01, 0.01, 0.005, 0.005, 0.005, 0.0025, 0.0025, 0.0025]
    );
    for (pair, lr) in trained.rows.windows(2).zip(lrs) {
        assert_eq!(pair[1].w[0], pair[0].w[0] - lr * pair[0].g[0]);
    }
    // Momentum keeps its article form m ← α·m − η(t)·g; PyTorch's buffer form differs once
    // η changes.
    let momentum = |convention: &'static str| {
        run(&[
            ("optimizer", "momentum"),
            ("convention", convention),
            ("lr", "0.01"),
            ("alpha", "0.9"),
            ("schedule", "exponential"),
            ("gamma", "0.5"),
            ("steps", "3"),
        ])
    };
    let article = momentum("article");
    let (rows, lrs) = (&article.rows, column(&article, "lr"));
    let mut m = 0.0;
    for t in 0..3 {
        m = 0.9 * m - lrs[t] * rows[t].g[0];
        assert_eq!(rows[t + 1].w[0], rows[t].w[0] + m);
    }
    let pytorch = momentum("pytorch");
    assert_eq!(pytorch.rows[1].w, article.rows[1].w);
    assert_ne!(pytorch.rows[3].w, article.rows[3].w);
}

#[test]
fn a_continued_run_draws_what_the_long_run_drew() {
    let c = config(&[
        ("data", "overlap"),
        ("optimizer", "adam"),
        ("lr", "0.05"),
        ("batch", "16"),
        ("noise", "0.3"),
        ("seed", "4"),
        ("schedule", "cosine"),
        ("steps", "40"),
    ]);
    let long = c.run();
    assert_eq!(long.rows.len(), 41);
    let mut w = c.start;
    let mut state = c.optimizer.initial_state();
    for t in 1..=40 {
        let one = c.run_from(w, state, 1);
        let row = one.rows[1];
        assert_eq!(row.w, long.rows[t].w, "step {t}");
        (w, state) = (row.w, row.state);
    }
    let tail = c.run_from(long.rows[25].w, long.rows[25].state, 15);
    assert_eq!(tail.rows[15].w, long.rows[40].w);
    assert_eq!(column(&tail, "lr")[0], column(&long, "lr")[25]);
    // What the page reads at playback position 25: η(25), the batch and the gradient used.
    let training = c.training();
    assert_eq!(training.lr(25), column(&long, "lr")[25]);
    let row = long.rows[25];
    let mut gradients = training.step_gradients();
    let used = gradients.gradient(25, row.w, row.g);
    assert_eq!(
        used,
        [column(&long, "g1_used")[25], column(&long, "g2_used")[25]]
    );
    assert_eq!(gradients.batch(25).map(<[usize]>::len), Some(16));
}

#[test]
fn logistic_runs_stay_finite_where_the_weights_are_huge() {
    let trained = run(&[
        ("data", "separable"),
        ("optimizer", "gd"),
        ("lr", "1"),
        ("start", "500,0"),
        ("steps", "50"),
    ]);
    assert!(trained.stop.is_none());
    // At w1 = 500 every |z| ≥ 100: the loss is e^−|z|-small but not rounded away.
    let first = trained.rows[0];
    assert!(first.error > 0.0 && first.error < 1e-40, "{}", first.error);
    let far = run(&[("data", "separable"), ("start", "-1000,0"), ("steps", "3")]);
    assert!(far.stop.is_none());
    assert!(
        (far.rows[0].error - 1000.0 * 1.1).abs() < 1e-9,
        "{}",
        far.rows[0].error
    );
}

#[test]
fn bad_combinations_get_one_clear_message_each() {
    assert_eq!(
        error(&[("data", "line"), ("function", "w1^2")]),
        "`data` and `function` exclude each other: a data set's error function is its \
         model's mean loss; give one of them"
    );
    assert_eq!(
        error(&[("model", "logistic")]),
        "`model` needs `data`: a model is fitted to a data set"
    );
    assert_eq!(
        error(&[("data", "line"), ("model", "tanh")]),
        "`model` must be one of linear, logistic, not `tanh`"
    );
    assert_eq!(
        error(&[("data", "iris")]),
        "`data`: unknown data set `iris`; the built-in sets are line, scaled, overlap, \
         separable; pasted points are written inline:x,y;x,y;…"
    );
    assert_eq!(
        error(&[("data", "inline:0,0;1,2"), ("model", "logistic")]),
        "`data`: point 2: y = 2, but the logistic model needs every y to be 0 or 1"
    );
    assert_eq!(
        error(&[("batch", "4")]),
        "`batch` needs `data`: mini-batches are drawn from a data set's samples"
    );
    assert_eq!(
        error(&[("data", "line"), ("batch", "0")]),
        "`batch` must be a whole number from 1 to 50, not `0`"
    );
    assert_eq!(
        error(&[("data", "line"), ("noise", "0.5"), ("seed", "2")]),
        "accepted"
    );
}

#[test]
fn data_runs_start_at_zero_and_take_the_sets_model() {
    let c = config(&[("data", "overlap")]);
    assert_eq!(c.start, [0.0, 0.0]);
    let model = c.data.as_ref().map(|d| d.model().name());
    assert_eq!(model, Some("logistic"));
    let (e0, _) = c.objective().value_and_gradient([0.0, 0.0]);
    assert!((e0 - std::f64::consts::LN_2).abs() < 1e-15);
    assert_eq!(
        config(&[("data", "inline:0,0;1,2")])
            .data
            .map(|d| d.model().name()),
        Some("linear")
    );
}

/// `tol` ends a training run as it ends a plain one: at the first row whose exact gradient is
/// within it, that row kept as the last, with the same rows as the run without `tol` up to it.
#[test]
fn tolerance_stops_training_runs_at_the_first_row_within_it() {
    for extra in [
        &[("noise", "0.5"), ("seed", "3")][..],
        &[("warmup", "50")][..],
        &[("data", "line"), ("batch", "8")][..],
    ] {
        let mut pairs = vec![("optimizer", "adam"), ("lr", "0.05"), ("steps", "3000")];
        pairs.extend_from_slice(extra);
        let free = run(&pairs);
        pairs.push(("tol", "0.05"));
        let stopped = run(&pairs);
        let Some(descent_core::Stop::Converged { step, .. }) = stopped.stop else {
            panic!("{extra:?}: {:?}", stopped.stop);
        };
        let first = free
            .rows
            .iter()
            .position(|r| r.g[0].hypot(r.g[1]) <= 0.05)
            .expect("the free run gets within tol");
        assert_eq!(step, first, "{extra:?}");
        assert_eq!(stopped.rows[..], free.rows[..=first], "{extra:?}");
    }
}
