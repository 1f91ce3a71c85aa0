//! The article's amplification measure C_a(g1, g2) (section "The decaying parameter β"): how
//! much RMSProp's second update v(2) enlarges (> 0) or shrinks (< 0) the gradient g2 that
//! classical gradient descent would use, given the gradient g1 before it.

use crate::grid::Grid;

/// The article's choices for its figure: η = 1 and ε = 1e-8.
pub const DEFAULT_LR: f64 = 1.0;
/// The article's smoothing term for its figure.
pub const DEFAULT_EPS: f64 = 1e-8;

/// The second update value of the one-dimensional adaptive scheme after gradients g1, g2:
/// `s(2) = (1−β)(β·g1² + g2²)`, `v(2) = η·g2 / √(s(2) + ε)`.
pub fn second_update(g1: f64, g2: f64, beta: f64, lr: f64, eps: f64) -> f64 {
    let s2 = (1.0 - beta) * (beta * g1 * g1 + g2 * g2);
    lr * g2 / (s2 + eps).sqrt()
}

/// `C_a(g1, g2) = |η·v(2)| − |η·g2|`, the article's equation: η times `v(2) − g2` where
/// g2 ≥ 0 and `g2 − v(2)` where g2 < 0.
pub fn amplification(g1: f64, g2: f64, beta: f64, lr: f64, eps: f64) -> f64 {
    let v2 = second_update(g1, g2, beta, lr, eps);
    if g2 >= 0.0 {
        lr * (v2 - g2)
    } else {
        lr * (g2 - v2)
    }
}

/// C_a at every sample of `grid`, read as (g1, g2) instead of (w1, w2), row by row from the
/// top (largest g2) down.
pub fn amplification_on(grid: &Grid, beta: f64, lr: f64, eps: f64) -> Vec<f64> {
    let g1: Vec<f64> = (0..grid.columns).map(|c| grid.w1_at(c)).collect();
    (0..grid.rows)
        .flat_map(|r| {
            let g2 = grid.w2_at(r);
            g1.iter()
                .map(move |&g1| amplification(g1, g2, beta, lr, eps))
        })
        .collect()
}
