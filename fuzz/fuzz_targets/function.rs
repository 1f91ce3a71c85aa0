//! Fuzzes error functions typed as text: any bytes (read as UTF-8, invalid sequences replaced)
//! go to `Function::parse`, which must never panic; a function that parses is evaluated at
//! points derived from the input and on small grids, which must never panic either, and the
//! invariants below must hold.
//!
//! Invariants checked:
//! - parsing the same text twice gives equal functions, whose source is the text;
//! - evaluating twice gives bit-identical results, through `Function` and through a reused
//!   `Evaluator` alike, and `value` is the value of `value_and_gradient`;
//! - a function whose text never names `w1` has ∂E/∂w1 = 0 everywhere (likewise `w2`);
//! - a grid evaluation equals pointwise evaluation at the grid's sample points, bit for bit
//!   (any NaN equals any NaN), for values alone and for values with gradients.

#![no_main]

use descent_core::{Function, Grid};
use libfuzzer_sys::fuzz_target;

/// Equal bit for bit, except that every NaN equals every NaN.
fn same(a: f64, b: f64) -> bool {
    a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan())
}

/// A value and gradient equal bit for bit (any NaN equals any NaN).
fn same_point(a: (f64, [f64; 2]), b: (f64, [f64; 2])) -> bool {
    same(a.0, b.0) && same(a.1[0], b.1[0]) && same(a.1[1], b.1[1])
}

/// An `f64` from up to 8 bytes of `bytes`, little-endian, zero-padded: any bit pattern,
/// NaNs and infinities included.
fn f64_from(bytes: &[u8]) -> f64 {
    let mut b = [0u8; 8];
    let n = bytes.len().min(8);
    b[..n].copy_from_slice(&bytes[..n]);
    f64::from_le_bytes(b)
}

/// Fixed hard points, plus points made from the input's bytes.
fn points(data: &[u8]) -> Vec<[f64; 2]> {
    let mut p = vec![
        [0.0, 0.0],
        [-0.0, -0.0],
        [1.0, -1.0],
        [-1.0, 1.0],
        [1e308, -1e308],
        [-1e308, 1e308],
        [f64::NAN, 0.0],
        [0.0, f64::NAN],
        [f64::INFINITY, f64::NEG_INFINITY],
        [f64::MIN_POSITIVE, -5e-324],
        [-15.0, 20.0],
    ];
    let head = &data[..data.len().min(8)];
    let tail = &data[data.len().saturating_sub(8)..];
    p.push([f64_from(head), f64_from(tail)]);
    // Small numbers from the bytes, where most functions are defined.
    let sum: u32 = data.iter().map(|&b| u32::from(b)).sum();
    p.push([
        f64::from(sum % 97) / 8.0 - 6.0,
        f64::from(data.len() as u32 % 89) / 8.0 - 5.5,
    ]);
    p
}

/// Small grids: a plain view, one straddling the overflow limits, and one row longer than a
/// batch of the evaluator, so that batches are split.
fn grids(data: &[u8]) -> Vec<Grid> {
    let lo = f64_from(data);
    let mut g = vec![
        Grid {
            w1: [-3.0, 3.0],
            w2: [-2.0, 2.0],
            columns: 3,
            rows: 2,
        },
        Grid {
            w1: [-1e308, 1e308],
            w2: [1e308, -1e308],
            columns: 2,
            rows: 3,
        },
        Grid {
            w1: [lo, 1.0],
            w2: [-1.0, lo],
            columns: 1,
            rows: 1,
        },
        Grid {
            w1: [0.0, 0.0],
            w2: [0.0, 1.0],
            columns: 0,
            rows: 2,
        },
    ];
    // Long rows cost time on long programs: only for short texts.
    if data.len() <= 512 {
        g.push(Grid {
            w1: [-20.0, 20.0],
            w2: [-1.0, 1.0],
            columns: 259,
            rows: 1,
        });
    }
    g
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let Ok(function) = Function::parse(&text) else {
        return;
    };

    let again = Function::parse(&text);
    assert_eq!(again.as_ref(), Ok(&function), "parsing the same text twice");
    assert_eq!(function.source(), &*text);
    let has_w1 = text.contains("w1");
    let has_w2 = text.contains("w2");

    let mut evaluator = function.evaluator();
    for w in points(data) {
        let first = function.value_and_gradient(w);
        let second = function.value_and_gradient(w);
        let reused = evaluator.value_and_gradient(w);
        assert!(same_point(first, second), "evaluating twice at {w:?}");
        assert!(same_point(first, reused), "evaluator at {w:?}");
        assert!(same(function.value(w), first.0), "value at {w:?}");
        if !has_w1 {
            assert_eq!(first.1[0], 0.0, "∂E/∂w1 without w1 at {w:?}");
        }
        if !has_w2 {
            assert_eq!(first.1[1], 0.0, "∂E/∂w2 without w2 at {w:?}");
        }
    }

    for grid in grids(data) {
        let values = function.values_on(&grid);
        let with_gradients = function.values_and_gradients_on(&grid);
        assert_eq!(values.len(), grid.columns * grid.rows);
        assert_eq!(with_gradients.len(), grid.columns * grid.rows);
        for row in 0..grid.rows {
            for column in 0..grid.columns {
                let i = row * grid.columns + column;
                let w = [grid.w1_at(column), grid.w2_at(row)];
                let pointwise = evaluator.value_and_gradient(w);
                assert!(
                    same(values[i], pointwise.0),
                    "grid value {} vs pointwise {} at {w:?} in {grid:?}",
                    values[i],
                    pointwise.0
                );
                assert!(
                    same_point(with_gradients[i], pointwise),
                    "grid gradient {:?} vs pointwise {pointwise:?} at {w:?} in {grid:?}",
                    with_gradients[i]
                );
            }
        }
    }
});
