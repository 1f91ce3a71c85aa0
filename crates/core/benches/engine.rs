//! The evaluation and trajectory engine against hand-written Rust with the analytic gradient,
//! in the same process: one trajectory of 100 000 RMSProp steps on Rosenbrock (the issue's
//! (g), natively), and a basin map of 128 × 128 starts × 500 RMSProp steps through the batched
//! engine (the issue's (f), natively), and a map of the learning rate × β of 128 × 128 cells ×
//! 500 RMSProp steps (issue 21's (p), natively). The ratios are reported in
//! docs/performance.md.
//!
//! ```sh
//! cargo bench -p descent-core --bench engine -- --warm-up-time 1 --measurement-time 5
//! ```

// criterion_group!/criterion_main! generate undocumented public items.
#![allow(missing_docs)]

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use descent_core::sweep::SweepConfig;
use descent_core::{Config, Function};

const ROSENBROCK: &str = "(1-w1)^2 + 100*(w2-w1^2)^2";
const STEPS: usize = 100_000;

/// Rosenbrock's value and analytic gradient.
#[inline(always)]
fn rosenbrock(w: [f64; 2]) -> (f64, [f64; 2]) {
    let a = 1.0 - w[0];
    let b = w[1] - w[0] * w[0];
    (
        a * a + 100.0 * b * b,
        [-2.0 * a - 400.0 * w[0] * b, 200.0 * b],
    )
}

/// One RMSProp step in the article's form (ε inside the root), as the engine computes it.
#[inline(always)]
fn rmsprop(w: &mut [f64; 2], s: &mut [f64; 2], g: [f64; 2], lr: f64, beta: f64) {
    for i in 0..2 {
        s[i] = beta * s[i] + (1.0 - beta) * g[i] * g[i];
        w[i] -= lr * (g[i] / (s[i] + 1e-8).sqrt());
    }
}

/// The hand-written trajectory: every row's t, w, E, ∇E and state kept in columns, as
/// `trajectory()` returns them to JavaScript.
fn hand_written_trajectory(start: [f64; 2], steps: usize) -> Vec<Vec<f64>> {
    let mut columns: Vec<Vec<f64>> = (0..8).map(|_| Vec::with_capacity(steps + 1)).collect();
    let (mut w, mut s) = (start, [0.0; 2]);
    for t in 0..=steps {
        let (e, g) = rosenbrock(w);
        for (column, value) in columns
            .iter_mut()
            .zip([t as f64, w[0], w[1], e, g[0], g[1], s[0], s[1]])
        {
            column.push(value);
        }
        rmsprop(&mut w, &mut s, g, 0.001, 0.9);
    }
    columns
}

fn single_trajectory(c: &mut Criterion) {
    let config = Config::from_pairs([
        ("function", ROSENBROCK),
        ("optimizer", "rmsprop"),
        ("lr", "0.001"),
        ("beta", "0.9"),
        ("eps", "1e-8"),
        ("start", "-1.5,2"),
        ("steps", "100000"),
    ])
    .expect("valid");
    // The same numbers up to rounding (the engine's arithmetic order differs slightly).
    let engine = config.run_columns().values;
    let hand = hand_written_trajectory([-1.5, 2.0], STEPS);
    assert!((engine[1][STEPS] - hand[1][STEPS]).abs() < 1e-6);

    let mut group = c.benchmark_group("trajectory 100k rmsprop rosenbrock");
    group.throughput(Throughput::Elements(STEPS as u64));
    group.bench_function("engine rows", |b| b.iter(|| black_box(&config).run()));
    group.bench_function("engine columns", |b| {
        b.iter(|| black_box(&config).run_columns())
    });
    group.bench_function("hand-written columns", |b| {
        b.iter(|| hand_written_trajectory(black_box([-1.5, 2.0]), STEPS))
    });
    group.finish();

    let function = Function::parse(ROSENBROCK).expect("valid");
    let mut group = c.benchmark_group("value+gradient at 100k single points rosenbrock");
    group.throughput(Throughput::Elements(STEPS as u64));
    group.bench_function("evaluator", |b| {
        let mut evaluator = function.evaluator();
        b.iter(|| {
            let mut sum = 0.0;
            for i in 0..STEPS {
                let (e, g) = evaluator.value_and_gradient([black_box(i as f64 * 1e-5), 0.5]);
                sum += e + g[0] + g[1];
            }
            sum
        })
    });
    group.bench_function("hand-written", |b| {
        b.iter(|| {
            let mut sum = 0.0;
            for i in 0..STEPS {
                let (e, g) = rosenbrock([black_box(i as f64 * 1e-5), 0.5]);
                sum += e + g[0] + g[1];
            }
            sum
        })
    });
    group.finish();
}

/// The basin map: 128 × 128 starts over [−2, 2] × [−1, 3], 500 RMSProp steps each.
const SIDE: usize = 128;
const SWEEP_STEPS: usize = 500;

/// The hand-written sweep: each start's run in turn, keeping where it ended.
fn hand_written_sweep() -> Vec<[f64; 3]> {
    let mut ends = Vec::with_capacity(SIDE * SIDE);
    for j in 0..SIDE {
        for i in 0..SIDE {
            let start = [
                -2.0 + (i as f64 + 0.5) * 4.0 / SIDE as f64,
                -1.0 + (j as f64 + 0.5) * 4.0 / SIDE as f64,
            ];
            let (mut w, mut s) = (start, [0.0; 2]);
            let (mut e, mut g) = rosenbrock(w);
            for _ in 0..SWEEP_STEPS {
                rmsprop(&mut w, &mut s, g, 0.01, 0.9);
                (e, g) = rosenbrock(w);
            }
            ends.push([w[0], w[1], e]);
        }
    }
    ends
}

fn sweep(c: &mut Criterion) {
    let config = SweepConfig::from_pairs([
        ("kind", "starts"),
        ("function", ROSENBROCK),
        ("optimizer", "rmsprop"),
        ("lr", "0.01"),
        ("view", "-2,2,-1,3"),
        ("grid", "128"),
        ("steps", "500"),
    ])
    .expect("valid");
    assert_ends_agree(&config, &hand_written_sweep());

    let mut group = c.benchmark_group("sweep 128x128 starts x 500 rmsprop steps rosenbrock");
    group.throughput(Throughput::Elements((SIDE * SIDE * SWEEP_STEPS) as u64));
    group.sample_size(10);
    group.bench_function("batched engine", |b| b.iter(|| black_box(&config).run()));
    // The sharpness map's sweep: the same runs, then each cell's curvature at its last row.
    let mut with_curvature = config.clone();
    with_curvature.run.curvature = true;
    group.bench_function("batched engine, curvature at the end", |b| {
        b.iter(|| black_box(&with_curvature).run())
    });
    group.bench_function("single trajectories", |b| {
        b.iter(|| {
            (0..config.cells())
                .map(|i| config.cell_config(i).run().summary())
                .collect::<Vec<_>>()
        })
    });
    group.bench_function("hand-written closure", |b| b.iter(hand_written_sweep));
    group.finish();
}

/// That the engine's sweep and the hand-written one run the same algorithm: their ends agree
/// but for rounding, which a few runs amplify (at least 90 % of the cells within 1e-2).
fn assert_ends_agree(config: &SweepConfig, hand: &[[f64; 3]]) {
    let engine = config.run();
    let close = engine
        .summaries
        .iter()
        .zip(hand)
        .filter(|(a, b)| (a.w[0] - b[0]).abs() < 1e-2 && (a.w[1] - b[1]).abs() < 1e-2)
        .count();
    eprintln!("{close} of {} ends agree to 1e-2", hand.len());
    assert!(close * 100 >= hand.len() * 90, "{close} of {}", hand.len());
}

/// The hand-written lr × β map: lr from 1e-4 to 1e-2 on a log axis, β from 0.5 to 0.99, each
/// cell's run from (−1.5, 2) in turn, keeping where it ended.
fn hand_written_params_sweep() -> Vec<[f64; 3]> {
    let mut ends = Vec::with_capacity(SIDE * SIDE);
    let (lo, hi) = (1e-4f64.ln(), 1e-2f64.ln());
    for j in 0..SIDE {
        let beta = 0.5 + (j as f64 + 0.5) * (0.99 - 0.5) / SIDE as f64;
        for i in 0..SIDE {
            let lr = (lo + (i as f64 + 0.5) / SIDE as f64 * (hi - lo)).exp();
            let (mut w, mut s) = ([-1.5, 2.0], [0.0; 2]);
            let (mut e, mut g) = rosenbrock(w);
            for _ in 0..SWEEP_STEPS {
                rmsprop(&mut w, &mut s, g, lr, beta);
                (e, g) = rosenbrock(w);
            }
            ends.push([w[0], w[1], e]);
        }
    }
    ends
}

fn params_sweep(c: &mut Criterion) {
    let config = SweepConfig::from_pairs([
        ("kind", "params"),
        ("function", ROSENBROCK),
        ("optimizer", "rmsprop"),
        ("start", "-1.5,2"),
        ("x", "lr=1e-4:1e-2:log"),
        ("y", "beta=0.5:0.99"),
        ("grid", "128"),
        ("steps", "500"),
    ])
    .expect("valid");
    assert_ends_agree(&config, &hand_written_params_sweep());

    let mut group = c.benchmark_group("sweep 128x128 lr x beta x 500 rmsprop steps rosenbrock");
    group.throughput(Throughput::Elements((SIDE * SIDE * SWEEP_STEPS) as u64));
    group.sample_size(10);
    group.bench_function("batched engine", |b| b.iter(|| black_box(&config).run()));
    group.bench_function("hand-written closure", |b| {
        b.iter(hand_written_params_sweep)
    });
    group.finish();
}

criterion_group!(benches, single_trajectory, sweep, params_sweep);
criterion_main!(benches);
