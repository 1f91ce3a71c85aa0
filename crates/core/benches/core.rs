//! Value + gradient on a 400×400 grid for four expressions, the hand-written Rosenbrock
//! closure as the floor to compare with, a 1000-step trajectory on Rosenbrock for every
//! optimizer of the table in its default convention, and what the curvature columns add.

// criterion_group!/criterion_main! generate undocumented public items.
#![allow(missing_docs)]

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use descent_core::{Config, Function, Grid, OptimizerKind};

const GRID: Grid = Grid {
    w1: [-2.0, 2.0],
    w2: [-1.0, 3.0],
    columns: 400,
    rows: 400,
};

fn grid(c: &mut Criterion) {
    let mut group = c.benchmark_group("value+gradient 400x400");
    for (name, source) in [
        ("article", "3*w1^2 + 10*w2^2"),
        ("rosenbrock", "(1-w1)^2 + 100*(w2-w1^2)^2"),
        ("himmelblau", "(w1^2 + w2 - 11)^2 + (w1 + w2^2 - 7)^2"),
        ("sin+cos", "sin(w1) + cos(w2)"),
    ] {
        let function = Function::parse(source).expect("valid");
        group.bench_function(name, |b| {
            b.iter(|| function.values_and_gradients_on(black_box(&GRID)))
        });
    }
    group.finish();

    let rosenbrock = Function::parse("(1-w1)^2 + 100*(w2-w1^2)^2").expect("valid");
    c.bench_function("value only 400x400/rosenbrock", |b| {
        b.iter(|| rosenbrock.values_on(black_box(&GRID)))
    });
    c.bench_function("hand-written closure value 400x400/rosenbrock", |b| {
        b.iter(|| {
            let f = |x: f64, y: f64| (1.0 - x).powi(2) + 100.0 * (y - x * x).powi(2);
            let mut out = Vec::with_capacity(GRID.columns * GRID.rows);
            for r in 0..GRID.rows {
                for col in 0..GRID.columns {
                    out.push(f(GRID.w1_at(col), GRID.w2_at(r)));
                }
            }
            black_box(out)
        })
    });
    let expr: meval::Expr = "(1-w1)^2 + 100*(w2-w1^2)^2".parse().expect("valid");
    let bound = expr.bind2("w1", "w2").expect("binds");
    c.bench_function("meval bind2 value 400x400/rosenbrock", |b| {
        b.iter(|| {
            let mut out = Vec::with_capacity(GRID.columns * GRID.rows);
            for r in 0..GRID.rows {
                for col in 0..GRID.columns {
                    out.push(bound(GRID.w1_at(col), GRID.w2_at(r)));
                }
            }
            black_box(out)
        })
    });
}

fn trajectory(c: &mut Criterion) {
    let mut group = c.benchmark_group("trajectory 1000 steps/rosenbrock");
    for kind in OptimizerKind::all() {
        let config = Config::from_pairs([
            ("function", "(1-w1)^2 + 100*(w2-w1^2)^2"),
            ("optimizer", kind.name()),
            ("start", "-1.5,2"),
            ("steps", "1000"),
        ])
        .expect("valid");
        group.bench_function(kind.name(), |b| b.iter(|| black_box(&config).run()));
    }
    group.finish();
}

/// A 1000-step RMSProp run with and without the curvature columns, as the JS API returns
/// them (`run_columns`), on the article's bowl, Rosenbrock and a nested function: the
/// curvature's cost is the ratio of the two.
fn curvature(c: &mut Criterion) {
    let mut group = c.benchmark_group("trajectory 1000 steps, curvature");
    for (name, function) in [
        ("article", "3*w1^2 + 10*w2^2"),
        ("rosenbrock", "(1-w1)^2 + 100*(w2-w1^2)^2"),
        (
            "nested",
            "exp(sin(w1*w2)) + ln(1 + w1^2) + sqrt(1 + (w1^2 + w2)^2)",
        ),
    ] {
        for curvature in ["0", "1"] {
            let config = Config::from_pairs([
                ("function", function),
                ("start", "-1.5,2"),
                ("steps", "1000"),
                ("curvature", curvature),
            ])
            .expect("valid");
            group.bench_function(format!("{name}/curvature={curvature}"), |b| {
                b.iter(|| black_box(&config).run_columns())
            });
        }
    }
    group.finish();
}

criterion_group!(benches, grid, trajectory, curvature);
criterion_main!(benches);
