//! Training runs for the performance table: 1000 Adam steps with mini-batches of 32 on a
//! 10 000-point data set (the interactive case), with the linear and the logistic
//! model, and the parse of the data set's inline form.

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

fn training(c: &mut Criterion) {
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
