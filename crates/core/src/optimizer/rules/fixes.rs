//! The fixes of Adam (NAdam, RAdam, AdaBelief, Yogi, ADOPT) and Rprop: their per-step scalars
//! and one weight's step, in each framework's arithmetic where it matters for the last bits.

use super::{sign, Coefficients, Rule, StepScalars, MAX_STATE_PAIRS};
use crate::optimizer::keys::{
    BETA1, BETA2, EPS, ETA_MINUS, ETA_PLUS, MAX_STEP_SIZE, MIN_STEP_SIZE, MOMENTUM_DECAY,
};
use crate::portable;
use crate::real::Real;

/// 1 − β^t by the portable power, the same bits natively and in wasm.
pub(super) fn one_minus_power(beta: f64, t: u64) -> f64 {
    1.0 - portable::powi(beta, t)
}

/// NAdam's momentum of step t: β1·(1 − ½·0.96^(t·ψ)) (PyTorch's schedule; Keras's is ψ = 1).
fn nadam_momentum(c: &Coefficients, t: u64) -> f64 {
    let power = portable::exp(t as f64 * c[MOMENTUM_DECAY] * portable::ln(0.96));
    c[BETA1] * (1.0 - 0.5 * power)
}

/// RAdam's length of the SMA ρ_t and its limit ρ∞ (Liu et al. 2020, Algorithm 2).
fn radam_rho(c: &Coefficients, t: u64) -> (f64, f64) {
    let beta2 = c[BETA2];
    let rho_inf = 2.0 / (1.0 - beta2) - 1.0;
    let power = portable::powi(beta2, t);
    (rho_inf - 2.0 * t as f64 * power / (1.0 - power), rho_inf)
}

/// The per-step scalars of the rules of this file (see [`Rule::step_scalars`]).
pub(super) fn step_scalars(rule: Rule, c: &Coefficients, t: u64) -> StepScalars {
    let mut s = StepScalars::NONE;
    // 1 − β1^t and 1 − β2^t, computed only by the rules that read them.
    let (bc1, bc2) = (
        || one_minus_power(c[BETA1], t),
        || one_minus_power(c[BETA2], t),
    );
    match rule {
        Rule::NAdam {
            momentum_schedule: true,
        } => {
            s.0 = [
                bc2(),
                nadam_momentum(c, t),
                nadam_momentum(c, t.saturating_add(1)),
            ];
        }
        Rule::NAdam {
            momentum_schedule: false,
        } => {
            s.0 = [bc1(), bc2(), one_minus_power(c[BETA1], t.saturating_add(1))];
        }
        Rule::RAdam { threshold_included } => {
            let (rho, rho_inf) = radam_rho(c, t);
            let rectified = rho > 5.0 || (threshold_included && rho == 5.0);
            let r = ((rho - 4.0) * (rho - 2.0) * rho_inf
                / ((rho_inf - 4.0) * (rho_inf - 2.0) * rho))
                .sqrt();
            s.0 = [bc1(), bc2(), if rectified { r } else { 0.0 }];
        }
        Rule::AdaBelief { rectified: true } => {
            // adabelief-pytorch 0.2's step size, in its order of operations.
            let (n_sma, n_max) = radam_rho(c, t);
            let bc1 = bc1();
            let step_size = if n_sma >= 5.0 {
                ((1.0 - portable::powi(c[BETA2], t)) * (n_sma - 4.0) / (n_max - 4.0)
                    * (n_sma - 2.0)
                    / n_sma
                    * n_max
                    / (n_max - 2.0))
                    .sqrt()
                    / bc1
            } else {
                1.0 / bc1
            };
            s.0 = [step_size, if n_sma >= 5.0 { 1.0 } else { 0.0 }, bc1];
        }
        Rule::AdaBelief { rectified: false } | Rule::Yogi => {
            s.0[..2].copy_from_slice(&[bc1(), bc2()])
        }
        Rule::Adopt => {
            // The clip (t − 1)^¼ of the normalised gradient, and the decays, which the first
            // step sets to 1 and 0 (it only fills v with g²).
            let first = t <= 1;
            let clip = ((t.saturating_sub(1)) as f64).sqrt().sqrt();
            let b1 = if first { 1.0 } else { c[BETA1] };
            let b2 = if first { 0.0 } else { c[BETA2] };
            s.0 = [clip, b1, b2];
        }
        Rule::Rprop { .. } => s.0[0] = if t <= 1 { 1.0 } else { 0.0 },
        _ => {}
    }
    s
}

/// The smaller of two (the first at ties).
#[inline(always)]
fn min<R: Real>(a: R, b: R) -> R {
    R::select(a.at_most(b), || a, || b)
}

/// One step of one weight for the rules of this file (see [`Rule::apply`]), with the step's
/// scalars and NAdam's running product of momenta (already updated).
#[inline(always)]
pub(super) fn apply<R: Real>(
    rule: Rule,
    c: &Coefficients<R>,
    lr: R,
    (s, product): (StepScalars<R>, R),
    slots: &mut [R; MAX_STATE_PAIRS],
    w: R,
    g: R,
) -> R {
    let one = R::constant(1.0);
    let zero = R::constant(0.0);
    let [s0, s1, s2] = s.0;
    match rule {
        Rule::NAdam {
            momentum_schedule: true,
        } => {
            // PyTorch's arithmetic; s = [1 − β2^t, μ_t, μ_{t+1}], product = Π μ up to t.
            let (bc2, mu, mu_next) = (s0, s1, s2);
            slots[0] = slots[0] + (one - c[BETA1]) * (g - slots[0]);
            slots[1] = c[BETA2] * slots[1] + (one - c[BETA2]) * g * g;
            let denom = (slots[1] / bc2).sqrt() + c[EPS];
            let w = w + (-lr * (one - mu) / (one - product)) * (g / denom);
            w + (-lr * mu_next / (one - product * mu_next)) * (slots[0] / denom)
        }
        Rule::NAdam {
            momentum_schedule: false,
        } => {
            // optax's nadam: m̂ = β1·m/(1 − β1^(t+1)) + (1 − β1)·g/(1 − β1^t).
            let (bc1, bc2, bc1_next) = (s0, s1, s2);
            slots[0] = (one - c[BETA1]) * g + c[BETA1] * slots[0];
            slots[1] = (one - c[BETA2]) * g * g + c[BETA2] * slots[1];
            let m_hat = c[BETA1] * (slots[0] / bc1_next) + (one - c[BETA1]) * (g / bc1);
            w - lr * (m_hat / ((slots[1] / bc2).sqrt() + c[EPS]))
        }
        Rule::RAdam { threshold_included } => {
            let (bc1, bc2, r) = (s0, s1, s2);
            slots[0] = slots[0] + (one - c[BETA1]) * (g - slots[0]);
            slots[1] = c[BETA2] * slots[1] + (one - c[BETA2]) * g * g;
            let m_hat = slots[0] / bc1;
            let v = slots[1];
            let rectified = || {
                if threshold_included {
                    // optax: r·m̂/(√v̂ + ε).
                    w - lr * (r * m_hat / ((v / bc2).sqrt() + c[EPS]))
                } else {
                    // PyTorch: m̂·η·(√(1 − β2^t)/(√v + ε))·r.
                    w - m_hat * lr * (bc2.sqrt() / (v.sqrt() + c[EPS])) * r
                }
            };
            R::select(r.is_zero(), || w - m_hat * lr, rectified)
        }
        Rule::AdaBelief { rectified } => {
            slots[0] = c[BETA1] * slots[0] + (one - c[BETA1]) * g;
            let residual = g - slots[0];
            slots[1] = c[BETA2] * slots[1] + (one - c[BETA2]) * residual * residual + c[EPS];
            if rectified {
                // adabelief-pytorch: s = [step size, 1 where rectified, 1 − β1^t].
                let step = s0 * lr;
                let adaptive = || w - step * (slots[0] / (slots[1].sqrt() + c[EPS]));
                R::select(s1.is_zero(), || w - step * slots[0], adaptive)
            } else {
                let (bc1, bc2) = (s0, s1);
                w - lr * (slots[0] / bc1 / ((slots[1] / bc2).sqrt() + c[EPS]))
            }
        }
        Rule::Yogi => {
            let (bc1, bc2) = (s0, s1);
            let g2 = g * g;
            slots[0] = (one - c[BETA1]) * g + c[BETA1] * slots[0];
            slots[1] = slots[1] - (one - c[BETA2]) * sign(slots[1] - g2) * g2;
            w - lr * (slots[0] / bc1 / ((slots[1] / bc2).sqrt() + c[EPS]))
        }
        Rule::Adopt => {
            // s = [clip, β1 of the step, β2 of the step]; v before its update normalises g.
            let (clip, b1, b2) = (s0, s1, s2);
            let normed = g / slots[1].sqrt().max(c[EPS]);
            let clipped = min(normed.max(-clip), clip);
            slots[0] = (one - b1) * clipped + b1 * slots[0];
            slots[1] = (one - b2) * g * g + b2 * slots[1];
            w - lr * slots[0]
        }
        Rule::Rprop { delayed } => {
            // slots: [step size Δ, previous gradient (PyTorch) or update (optax)]; s0 = 1 on
            // the first step, whose Δ starts at η.
            let step = R::select(s0.is_zero(), || slots[0], || lr);
            let product = g * slots[1];
            let (grows, shrinks) = (zero.less(product), product.less(zero));
            let factor = R::select(
                grows,
                || c[ETA_PLUS],
                || R::select(shrinks, || c[ETA_MINUS], || one),
            );
            let clamped = min((step * factor).max(c[MIN_STEP_SIZE]), c[MAX_STEP_SIZE]);
            if delayed {
                // optax 0.2.8: only a changed Δ is clipped, prev keeps Δ·sign(g) (0 after a
                // flip), and the update it applies is the previous step's prev.
                slots[0] = R::select(product.is_zero(), || step, || clamped);
                let previous = slots[1];
                let step = slots[0];
                slots[1] = R::select(shrinks, || zero, || step * sign(g));
                w - R::select(shrinks, || zero, || previous)
            } else {
                slots[0] = clamped;
                let g = R::select(shrinks, || zero, || g);
                slots[1] = g;
                w - sign(g) * slots[0]
            }
        }
        _ => w,
    }
}
