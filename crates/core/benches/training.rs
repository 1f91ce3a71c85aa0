//! Training runs for the performance table: 1000 Adam steps with mini-batches of 32 on a
//! 10 000-point data set (the interactive case), with the linear and the logistic
//! model, and the parse of the data set's inline form; (h') of docs/performance.md: the
//! logistic run against a hand-written Rust loop doing the same work with std's `exp` and
//! `ln_1p`.

// criterion_group!/criterion_main! generate undocumented public items.
#![allow(missing_docs)]

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use descent_core::Config;

/// 10 000 points `inline:x,y;…` with x spread over [−2, 2): on a noisy line, or labelled 0/1
/// with an overlap.
fn points(logistic: bool) -> String {
    let mut text = String::from("inline:");
    for i in 0..10_000_u32 {
        let x = (f64::from(i) * 0.754_877_666_246_692_7).fract() * 4.0 - 2.0;
        let jitter = f64::from(i.wrapping_mul(7919) % 1000) / 1000.0 - 0.5;
        let y = if logistic {
            f64::from(u8::from(x + jitter > 0.0))
        } else {
            2.0 * x - 1.0 + jitter
        };
        text.push_str(&format!("{x:?},{y:?};"));
    }
    text
}

/// The points of [`points`] as vectors.
fn point_vectors(logistic: bool) -> (Vec<f64>, Vec<f64>) {
    points(logistic)["inline:".len()..]
        .split_terminator(';')
        .map(|p| {
            let (x, y) = p.split_once(',').expect("x,y");
            (x.parse::<f64>().expect("x"), y.parse::<f64>().expect("y"))
        })
        .unzip()
}

/// (h')'s hand-written loop: at each of `steps` + 1 rows the exact E and ∇E over all samples
/// (std's `exp` and `ln_1p`), kept in 10 columns, then a mini-batch gradient of 32 (an LCG's
/// samples) and an Adam step.
fn hand_written_logistic(x: &[f64], y: &[f64], steps: usize) -> Vec<Vec<f64>> {
    let n = x.len();
    let mut columns: Vec<Vec<f64>> = (0..10).map(|_| Vec::with_capacity(steps + 1)).collect();
    let (mut w, mut m, mut v) = ([0.0_f64; 2], [0.0_f64; 2], [0.0_f64; 2]);
    let mut seed = 1_u32;
    let slope_at = |w: [f64; 2], i: usize| {
        let z = w[0] * x[i] + w[1];
        let u = if y[i] == 1.0 { -z } else { z };
        let e = (-u.abs()).exp();
        let sigma = if u >= 0.0 {
            1.0 / (1.0 + e)
        } else {
            e / (1.0 + e)
        };
        (u, e, if y[i] == 1.0 { -sigma } else { sigma })
    };
    for t in 0..=steps {
        let (mut loss, mut g) = (0.0, [0.0; 2]);
        for (i, &xi) in x.iter().enumerate() {
            let (u, e, slope) = slope_at(w, i);
            loss += u.max(0.0) + e.ln_1p();
            g[0] += slope * xi;
            g[1] += slope;
        }
        let row = [
            t as f64,
            w[0],
            w[1],
            loss / n as f64,
            g[0] / n as f64,
            g[1] / n as f64,
            m[0],
            m[1],
            v[0],
            v[1],
        ];
        for (column, value) in columns.iter_mut().zip(row) {
            column.push(value);
        }
        if t == steps {
            break;
        }
        let mut batch = [0.0; 2];
        for _ in 0..32 {
            seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            let i = seed as usize % n;
            let slope = slope_at(w, i).2;
            batch[0] += slope * x[i] / 32.0;
            batch[1] += slope / 32.0;
        }
        let corrections = [
            1.0 - 0.9_f64.powi(t as i32 + 1),
            1.0 - 0.999_f64.powi(t as i32 + 1),
        ];
        for k in 0..2 {
            m[k] = 0.9 * m[k] + 0.1 * batch[k];
            v[k] = 0.999 * v[k] + 0.001 * batch[k] * batch[k];
            w[k] -= 0.01 * (m[k] / corrections[0]) / ((v[k] / corrections[1]).sqrt() + 1e-8);
        }
    }
    columns
}

fn training(c: &mut Criterion) {
    let (x, y) = point_vectors(true);
    c.bench_function(
        "training 1000 steps B=32 N=10000/logistic, hand-written loop",
        |b| b.iter(|| hand_written_logistic(black_box(&x), black_box(&y), 1000)),
    );
    for (model, logistic) in [("linear", false), ("logistic", true)] {
        let data = points(logistic);
        let pairs = [
            ("data", data.as_str()),
            ("model", model),
            ("optimizer", "adam"),
            ("lr", "0.01"),
            ("batch", "32"),
            ("seed", "1"),
            ("steps", "1000"),
        ];
        let config = Config::from_pairs(pairs).expect("valid");
        c.bench_function(&format!("training 1000 steps B=32 N=10000/{model}"), |b| {
            b.iter(|| black_box(&config).run())
        });
        c.bench_function(&format!("parse inline N=10000/{model}"), |b| {
            b.iter(|| Config::from_pairs(black_box(pairs)))
        });
    }
}

criterion_group!(benches, training);
criterion_main!(benches);
