//! Baseline probe (temporary).
#![allow(missing_docs)]
use criterion::{black_box, criterion_group, criterion_main, Criterion};
use descent_core::{Config, Function};

const ROSENBROCK: &str = "(1-w1)^2 + 100*(w2-w1^2)^2";

fn hand(steps: usize) -> Vec<[f64; 6]> {
    let mut rows = Vec::with_capacity(steps + 1);
    let (mut w, mut s) = ([-1.5f64, 2.0], [0.0f64; 2]);
    for _ in 0..=steps {
        let a = 1.0 - w[0];
        let b = w[1] - w[0] * w[0];
        let e = a * a + 100.0 * b * b;
        let g = [-2.0 * a - 400.0 * w[0] * b, 200.0 * b];
        rows.push([w[0], w[1], e, g[0], g[1], s[0]]);
        for i in 0..2 {
            s[i] = 0.9 * s[i] + 0.1 * g[i] * g[i];
            w[i] -= 0.001 * g[i] / (s[i] + 1e-8).sqrt();
        }
    }
    rows
}

fn single(c: &mut Criterion) {
    let config = Config::from_pairs([
        ("function", ROSENBROCK), ("optimizer", "rmsprop"), ("lr", "0.001"), ("beta", "0.9"),
        ("eps", "1e-8"), ("start", "-1.5,2"), ("steps", "100000"),
    ]).expect("valid");
    c.bench_function("trajectory 100k", |b| b.iter(|| black_box(&config).run()));
    c.bench_function("trajectory 100k + columns", |b| b.iter(|| black_box(&config).run().column_values()));
    c.bench_function("hand 100k", |b| b.iter(|| hand(black_box(100_000))));
    let f = Function::parse(ROSENBROCK).expect("valid");
    let grid = descent_core::Grid { w1: [-2.0, 2.0], w2: [-1.0, 3.0], columns: 400, rows: 400 };
    c.bench_function("grid vg 400", |b| b.iter(|| f.values_and_gradients_on(black_box(&grid))));
    c.bench_function("grid v 400", |b| b.iter(|| f.values_on(black_box(&grid))));
    c.bench_function("eval 100k single", |b| b.iter(|| {
        let mut e = f.evaluator();
        let mut acc = 0.0;
        for i in 0..100_000 { acc += e.value_and_gradient([black_box(i as f64 * 1e-5), 0.5]).0; }
        acc
    }));
}
fn probe(c: &mut Criterion) {
    let f = Function::parse(ROSENBROCK).expect("valid");
    c.bench_function("eval 100k lanes1", |b| b.iter(|| {
        let mut e = f.evaluator();
        let mut l = descent_core::function::DualLanesPub::default();
        let mut acc = 0.0;
        for i in 0..100_000 { acc += e.probe_lanes([black_box(i as f64 * 1e-5), 0.5], &mut l).0; }
        acc
    }));
}
criterion_group!(p, probe);
criterion_group!(benches, single);
criterion_main!(benches, p);
