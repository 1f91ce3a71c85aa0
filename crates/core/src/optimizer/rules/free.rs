//! The learning-rate-free methods: Prodigy and D-Adaptation estimate their own learning rate
//! d from both weights at once (a sum over every weight, as the frameworks take it over every
//! parameter), and Schedule-Free AdamW averages its iterates with weights from its largest
//! learning rate so far. Their steps couple the two weights through shared scalars.

use super::fixes::one_minus_power;
use super::{Coefficients, Rule, Slots, StepScalars};
use crate::optimizer::hyperparameters::keys::{
    BETA1, BETA2, D0, D_COEF, EPS, WEIGHT_DECAY, WEIGHT_LR_POWER,
};
use crate::real::{MathFn, Real};

/// The per-step scalars of the rules of this file (see [`Rule::step_scalars`]).
pub(super) fn step_scalars(rule: Rule, c: &Coefficients, t: u64) -> StepScalars {
    let first = if t <= 1 { 1.0 } else { 0.0 };
    let mut s = StepScalars::NONE;
    match rule {
        Rule::Prodigy { bias_correction }
        | Rule::DAdapt {
            adamw: bias_correction,
        } => {
            // The frameworks' bias correction √(1 − β2^t)/(1 − β1^t), when they use one.
            let bc = if bias_correction {
                one_minus_power(c[BETA2], t).sqrt() / one_minus_power(c[BETA1], t)
            } else {
                1.0
            };
            s.0[..2].copy_from_slice(&[bc, first]);
        }
        Rule::ScheduleFree => s.0[..2].copy_from_slice(&[one_minus_power(c[BETA2], t), first]),
        _ => {}
    }
    s
}

/// One step of both weights for the rules of this file (see [`Rule::step_weights`]).
#[inline(always)]
pub(super) fn step<R: Real>(
    rule: Rule,
    c: &Coefficients<R>,
    lr: R,
    s: StepScalars<R>,
    slots: &mut Slots<R>,
    w: &mut [R; 2],
    g: [R; 2],
) {
    match rule {
        Rule::Prodigy { .. } => prodigy(c, lr, s, slots, w, g),
        Rule::DAdapt { adamw } => dadapt(adamw, c, lr, s, slots, w, g),
        Rule::ScheduleFree => schedule_free(c, lr, s, slots, w, g),
        _ => {}
    }
}

/// Where a shared scalar starts: `initial` on the first step (s[1] = 1), else its value.
#[inline(always)]
fn started<R: Real>(first: R, value: R, initial: R) -> R {
    R::select(first.is_zero(), || value, || initial)
}

/// Prodigy (Mishchenko, Defazio 2024; prodigyopt 1.1's `Prodigy`, optax.contrib.prodigy).
/// Pairs: m, v, s and the start x0; shared: d and the weighted numerator. s = [bias
/// correction, 1 on the first step].
#[inline(always)]
fn prodigy<R: Real>(
    c: &Coefficients<R>,
    lr: R,
    s: StepScalars<R>,
    slots: &mut Slots<R>,
    w: &mut [R; 2],
    g: [R; 2],
) {
    let one = R::constant(1.0);
    let [bc, first, _] = s.0;
    let (beta1, beta2, d0) = (c[BETA1], c[BETA2], c[D0]);
    let beta3 = beta2.sqrt();
    let d = started(first, slots.shared[0], d0);
    let dlr = d * lr * bc;
    let scale = d / d0 * dlr;
    let mut dot = R::constant(0.0);
    let mut l1 = R::constant(0.0);
    for (i, pairs) in slots.pairs.iter_mut().enumerate() {
        pairs[3] = started(first, pairs[3], w[i]);
        dot = dot + g[i] * (pairs[3] - w[i]);
        pairs[0] = beta1 * pairs[0] + d * (one - beta1) * g[i];
        pairs[1] = beta2 * pairs[1] + d * d * (one - beta2) * g[i] * g[i];
        pairs[2] = beta3 * pairs[2] + scale * g[i];
        l1 = l1 + pairs[2].abs();
    }
    let numerator = slots.shared[1] * beta3 + scale * dot;
    let estimate = c[D_COEF] * numerator / l1;
    // Nothing but the moments moves while Σ|s| is 0 (PyTorch returns early then).
    let stuck = l1.is_zero();
    let d_new = R::select(stuck, || d, || d.max(estimate));
    slots.shared = [d_new, R::select(stuck, || slots.shared[1], || numerator)];
    for (i, pairs) in slots.pairs.iter().enumerate() {
        let decayed = w[i] - c[WEIGHT_DECAY] * dlr * w[i];
        let stepped = decayed - dlr * (pairs[0] / (pairs[1].sqrt() + d_new * c[EPS]));
        w[i] = R::select(stuck, || w[i], || stepped);
    }
}

/// D-Adaptation's Adam (Defazio, Mishchenko 2023; dadaptation 3.2's `DAdaptAdam`, or with
/// `adamw` optax.contrib.dadapt_adamw: bias correction and decoupled weight decay). Pairs: m,
/// v, s; shared: d and the weighted numerator. s = [bias correction, 1 on the first step].
#[inline(always)]
fn dadapt<R: Real>(
    adamw: bool,
    c: &Coefficients<R>,
    lr: R,
    s: StepScalars<R>,
    slots: &mut Slots<R>,
    w: &mut [R; 2],
    g: [R; 2],
) {
    let one = R::constant(1.0);
    let [bc, first, _] = s.0;
    let (beta1, beta2) = (c[BETA1], c[BETA2]);
    let root_beta2 = beta2.sqrt();
    let d = started(first, slots.shared[0], c[D0]);
    let dlr = d * lr * bc;
    let mut dot = R::constant(0.0);
    let mut l1 = R::constant(0.0);
    for (i, pairs) in slots.pairs.iter_mut().enumerate() {
        // DAdaptAdam's weight decay (decouple = False) adds to the gradient.
        let g = if adamw {
            g[i]
        } else {
            g[i] + c[WEIGHT_DECAY] * w[i]
        };
        dot = dot + g * (pairs[2] / (pairs[1].sqrt() + c[EPS]));
        pairs[0] = beta1 * pairs[0] + dlr * (one - beta1) * g;
        pairs[1] = beta2 * pairs[1] + (one - beta2) * g * g;
        pairs[2] = root_beta2 * pairs[2] + dlr * (one - root_beta2) * g;
        l1 = l1 + pairs[2].abs();
    }
    let numerator = root_beta2 * slots.shared[1] + (one - root_beta2) * (dlr * dot);
    let estimate = numerator / ((one - root_beta2) * l1);
    let stuck = l1.is_zero();
    let d_new = R::select(stuck, || d, || d.max(estimate));
    slots.shared = [d_new, R::select(stuck, || slots.shared[1], || numerator)];
    for (i, pairs) in slots.pairs.iter().enumerate() {
        let decay = if adamw {
            c[WEIGHT_DECAY] * dlr * w[i]
        } else {
            R::constant(0.0)
        };
        let stepped = w[i] - decay - pairs[0] / (pairs[1].sqrt() + c[EPS]);
        w[i] = R::select(stuck, || w[i], || stepped);
    }
}

/// Schedule-Free AdamW (Defazio et al. 2024; schedulefree 1.4's `AdamWScheduleFree` in train
/// mode, optax.contrib.schedule_free_adamw): w is y, where the gradient is taken. Pairs: z, v
/// and the average x (for display); shared: the largest learning rate so far and the sum of
/// the weights. s = [1 − β2^t, 1 on the first step].
#[inline(always)]
fn schedule_free<R: Real>(
    c: &Coefficients<R>,
    lr: R,
    s: StepScalars<R>,
    slots: &mut Slots<R>,
    w: &mut [R; 2],
    g: [R; 2],
) {
    let one = R::constant(1.0);
    let [bc2, first, _] = s.0;
    let (beta1, beta2) = (c[BETA1], c[BETA2]);
    let lr_max = slots.shared[0].max(lr);
    let weight = lr_max.math(MathFn::Powf, c[WEIGHT_LR_POWER]);
    let weight_sum = slots.shared[1] + weight;
    let ck = R::select(
        weight_sum.is_zero(),
        || R::constant(0.0),
        || weight / weight_sum,
    );
    slots.shared = [lr_max, weight_sum];
    for (i, pairs) in slots.pairs.iter_mut().enumerate() {
        let y = w[i];
        let z = started(first, pairs[0], y);
        pairs[1] = beta2 * pairs[1] + (one - beta2) * g[i] * g[i];
        let normalised = g[i] / ((pairs[1] / bc2).sqrt() + c[EPS]) + c[WEIGHT_DECAY] * y;
        // y ← lerp(y, z, ck) as torch computes it, then the gradient step.
        let toward = R::select(
            ck.less(R::constant(0.5)),
            || y + ck * (z - y),
            || z - (z - y) * (one - ck),
        );
        let y = toward + normalised * (lr * (beta1 * (one - ck) - one));
        let z = z - lr * normalised;
        pairs[0] = z;
        pairs[2] = (y - (one - beta1) * z) / beta1;
        w[i] = y;
    }
}
