//! What each update rule makes of curvature: the per-weight step sizes D(t) its step from
//! w(t) applies to its direction, and the largest preconditioned sharpness λ1(D^½·H·D^½) at
//! which its iteration, linearised on a quadratic with D frozen, is stable. Every rule states
//! both (the matches are exhaustive, so a new rule cannot leave them out); the derivations are
//! in docs/optimizers.md ("Step sizes and the edge of stability").
//!
//! Write a = λ·d for an eigenvalue λ of D^½·H·D^½ (the pre-sharpness, for the sharpest
//! direction). On E = ½·λ·x² with frozen step size d:
//! - without momentum, x ← (1 − a)·x: stable while a < 2;
//! - heavy ball, x(t+1) = (1 + α − a)·x(t) − α·x(t−1): stable while a < 2(1 + α);
//! - PyTorch's and Keras's Nesterov, x(t+1) = (1 + α)(1 − a)·x(t) − α(1 − a)·x(t−1): stable
//!   while a < (2 + 2α)/(1 + 2α);
//! - an exponential average m ← β1·m + (1 − β1)·g followed by x ← x − d·m is the heavy ball
//!   with α = β1 and a scaled by 1 − β1: stable while a < (2 + 2β1)/(1 − β1);
//! - a sign-based step has a fixed length whatever the curvature: no threshold.
//!
//! (By the Jury criterion: z² + p·z + q is stable iff |q| < 1, 1 + p + q > 0 and
//! 1 − p + q > 0.)

use super::hyperparameters::keys::{ALPHA, BETA1, D0, EPS, MOMENTUM_DECAY};
use super::rules::{root, Amsgrad, Coefficients, Epsilon, Rule, StepScalars};
use super::{MAX_SHARED, MAX_STATE_PAIRS};

/// One weight's step, as the step sizes see it: its state slots before and after the step
/// (with the scalars both weights share), and the gradient the step used.
#[derive(Clone, Copy, Debug)]
pub struct StepSlots {
    /// The slots before the step (state after t steps).
    pub before: [f64; MAX_STATE_PAIRS],
    /// The slots after it (state after t + 1 steps).
    pub after: [f64; MAX_STATE_PAIRS],
    /// The shared scalars before the step.
    pub shared_before: [f64; MAX_SHARED],
    /// The shared scalars after it.
    pub shared_after: [f64; MAX_SHARED],
    /// The gradient the step used.
    pub g: f64,
}

impl Rule {
    /// The step size D this rule's step applies to its direction for one weight, with the
    /// learning rate `lr` of the step and its per-step scalars `s` (those of step t + 1).
    pub fn step_size(self, c: &Coefficients, lr: f64, s: StepScalars, slots: StepSlots) -> f64 {
        let StepSlots {
            before,
            after,
            shared_before,
            g,
            ..
        } = slots;
        let [first, second, third] = s.0;
        // Where v̂ = v/(1 − β2^t) divides: D = lr/(√v̂ + ε).
        let adam = |v: f64, bc2: f64| lr / ((v / bc2).sqrt() + c[EPS]);
        match self {
            // The direction is g (or the momentum buffer built from it); the step η.
            Rule::Gd | Rule::Momentum | Rule::Buffer { .. } | Rule::NesterovKeras => lr,
            // The direction is g; s already holds g(t)².
            Rule::AdaGrad { eps } | Rule::RmsProp { eps } => lr / root(after[0], c[EPS], eps),
            // The direction is m̂ = m/(1 − β1^t).
            Rule::Adam { eps, amsgrad, .. } => {
                let v = if amsgrad == Amsgrad::Off {
                    after[1]
                } else {
                    after[2]
                };
                if eps == Epsilon::Hat {
                    lr * second.sqrt() / (v.sqrt() + c[EPS])
                } else if amsgrad == Amsgrad::Corrected {
                    lr / (v.sqrt() + c[EPS])
                } else {
                    lr / ((v / second).sqrt() + c[EPS])
                }
            }
            Rule::Adamax => lr / after[1],
            Rule::AdamaxKeras => lr / (after[1] + c[EPS]),
            // The direction is g; Δ = √(u + ε)/√(v + ε)·g with u before its update.
            Rule::Adadelta => lr * (before[1] + c[EPS]).sqrt() / (after[0] + c[EPS]).sqrt(),
            // The step η·sign(c) is D·c with D = η/|c| (0 where c = 0: no step).
            Rule::Lion => {
                let direction = c[BETA1] * before[0] + (1.0 - c[BETA1]) * g;
                if direction == 0.0 {
                    0.0
                } else {
                    lr / direction.abs()
                }
            }
            // PyTorch's and Keras's NAdam: s = [1 − β2^t, μ_t, μ_(t+1)]; optax's: [1 − β1^t,
            // 1 − β2^t, 1 − β1^(t+1)]. The direction is the look-ahead momentum.
            Rule::NAdam {
                momentum_schedule: true,
            } => adam(after[1], first),
            Rule::NAdam { .. } | Rule::AdaBelief { rectified: false } | Rule::Yogi => {
                adam(after[1], second)
            }
            // s = [1 − β1^t, 1 − β2^t, r_t (0 before rectification)]; the direction is m̂.
            Rule::RAdam { threshold_included } => match (third == 0.0, threshold_included) {
                (true, _) => lr,
                (false, true) => third * adam(after[1], second),
                (false, false) => lr * second.sqrt() * third / (after[1].sqrt() + c[EPS]),
            },
            // s = [step size, 1 where rectified, 1 − β1^t]; the direction is m̂.
            Rule::AdaBelief { .. } => {
                let step = first * third * lr;
                if second == 0.0 {
                    step
                } else {
                    step / (after[1].sqrt() + c[EPS])
                }
            }
            // The direction is the momentum of g normalised by v before the step; the first
            // step (s[2] = β2 of the step = 0) does not move.
            Rule::Adopt => {
                if third == 0.0 {
                    0.0
                } else {
                    lr / before[1].sqrt().max(c[EPS])
                }
            }
            // The step Δ·sign(g) is D·g with D = Δ/|g| (0 where the step is skipped).
            Rule::Rprop { .. } => {
                if g == 0.0 || after[1] == 0.0 {
                    0.0
                } else {
                    after[0] / g.abs()
                }
            }
            // m holds d·g averaged: the direction is that average, D = d·(d·lr·bc)/(√v + d·ε)
            // with d before the step and the new d in ε; s = [bc, 1 on the first step].
            Rule::Prodigy { .. } => {
                let d = if second == 1.0 {
                    c[D0]
                } else {
                    shared_before[0]
                };
                d * d * lr * first / (after[1].sqrt() + slots.shared_after[0] * c[EPS])
            }
            // m holds d·lr·bc·g averaged: D = d·lr·bc/(√v + ε).
            Rule::DAdapt { .. } => {
                let d = if second == 1.0 {
                    c[D0]
                } else {
                    shared_before[0]
                };
                d * lr * first / (after[1].sqrt() + c[EPS])
            }
            // z moves by lr·g/(√v̂ + ε); s = [1 − β2^t, first].
            Rule::ScheduleFree => adam(after[1], first),
        }
    }

    /// The largest pre-sharpness at which the rule's linearised iteration is stable with D
    /// frozen; `None` for a sign-based rule, whose step length ignores curvature.
    pub fn threshold(self, c: &Coefficients) -> Option<f64> {
        match self {
            Rule::Gd | Rule::AdaGrad { .. } | Rule::RmsProp { .. } | Rule::Adadelta => Some(2.0),
            Rule::Momentum | Rule::Buffer { nesterov: false } => Some(2.0 * (1.0 + c[ALPHA])),
            Rule::Buffer { nesterov: true } | Rule::NesterovKeras => {
                Some((2.0 + 2.0 * c[ALPHA]) / (1.0 + 2.0 * c[ALPHA]))
            }
            Rule::Adam { .. }
            | Rule::Adamax
            | Rule::AdamaxKeras
            | Rule::RAdam { .. }
            | Rule::AdaBelief { .. }
            | Rule::Yogi
            | Rule::Adopt
            | Rule::Prodigy { .. }
            | Rule::DAdapt { .. } => Some((2.0 + 2.0 * c[BETA1]) / (1.0 - c[BETA1])),
            // Late in a run μ_t → β1 (ψ > 0; β1/2 for ψ = 0 in PyTorch's form).
            Rule::NAdam { momentum_schedule } => {
                let beta1 = c[BETA1];
                let mu = if momentum_schedule && c[MOMENTUM_DECAY] == 0.0 {
                    beta1 / 2.0
                } else {
                    beta1
                };
                Some((2.0 + 2.0 * beta1) / (1.0 + beta1 - 2.0 * mu * beta1))
            }
            // Late in a run the average's weight c → 0 and z alone responds.
            Rule::ScheduleFree => Some(2.0 / (1.0 - c[BETA1])),
            Rule::Lion | Rule::Rprop { .. } => None,
        }
    }

    /// D(t) as text, with the vocabulary's keys.
    pub fn step_size_text(self) -> &'static str {
        match self {
            Rule::Gd | Rule::Momentum | Rule::Buffer { .. } | Rule::NesterovKeras => "lr",
            Rule::AdaGrad { eps } | Rule::RmsProp { eps } => match eps {
                Epsilon::InsideRoot => "lr/√(s + eps)",
                Epsilon::OutsideRoot | Epsilon::Hat => "lr/(√s + eps)",
            },
            Rule::Adam {
                eps: Epsilon::Hat,
                amsgrad,
                ..
            } => match amsgrad {
                Amsgrad::Off => "lr·√(1−beta2^t)/(√v + eps), for m̂",
                _ => "lr·√(1−beta2^t)/(√vmax + eps), for m̂",
            },
            Rule::Adam { amsgrad, .. } => match amsgrad {
                Amsgrad::Off => "lr/(√v̂ + eps), for m̂",
                Amsgrad::Raw => "lr/(√(vmax/(1−beta2^t)) + eps), for m̂",
                Amsgrad::Corrected => "lr/(√v̂max + eps), for m̂",
            },
            Rule::Adamax => "lr/u, for m̂",
            Rule::AdamaxKeras => "lr/(u + eps), for m̂",
            Rule::Adadelta => "lr·√(u + eps)/√(v + eps), u before its update",
            Rule::Lion => "lr/|c|, for c",
            Rule::NAdam { .. } => "lr/(√v̂ + eps), for the look-ahead m̂",
            Rule::RAdam {
                threshold_included: false,
            } => "lr·r_t·√(1−beta2^t)/(√v + eps) (lr before rectification), for m̂",
            Rule::RAdam { .. } => "lr·r_t/(√v̂ + eps) (lr before rectification), for m̂",
            Rule::AdaBelief { rectified: true } => {
                "lr·r_t·√(1−beta2^t)/(√s + eps) (lr before rectification), for m̂"
            }
            Rule::AdaBelief { .. } => "lr/(√ŝ + eps), for m̂",
            Rule::Yogi => "lr/(√v̂ + eps), for m̂",
            Rule::Adopt => "lr/max(√v, eps), v before its update, for m",
            Rule::Rprop { .. } => "Δ/|g|, for g",
            Rule::Prodigy { .. } => "d²·lr/(√v + d·eps) (bias-corrected in optax), for m/d",
            Rule::DAdapt { .. } => "d·lr/(√v + eps) (bias-corrected in optax), for m/(d·lr)",
            Rule::ScheduleFree => "lr/(√v̂ + eps), for the step of z",
        }
    }

    /// The threshold as text, with the vocabulary's keys.
    pub fn threshold_text(self) -> &'static str {
        match self {
            Rule::Gd | Rule::AdaGrad { .. } | Rule::RmsProp { .. } | Rule::Adadelta => "2",
            Rule::Momentum | Rule::Buffer { nesterov: false } => "2(1 + alpha)",
            Rule::Buffer { nesterov: true } | Rule::NesterovKeras => "(2 + 2alpha)/(1 + 2alpha)",
            Rule::Adam { .. }
            | Rule::Adamax
            | Rule::AdamaxKeras
            | Rule::RAdam { .. }
            | Rule::AdaBelief { .. }
            | Rule::Yogi
            | Rule::Adopt
            | Rule::Prodigy { .. }
            | Rule::DAdapt { .. } => "(2 + 2beta1)/(1 − beta1)",
            Rule::NAdam { .. } => "(2 + 2beta1)/((1 − beta1)(1 + 2beta1))",
            Rule::ScheduleFree => "2/(1 − beta1)",
            Rule::Lion | Rule::Rprop { .. } => "none (sign-based)",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs `rule` on E = ½·h·w² from a tiny w, with h set so that the pre-sharpness D·h is
    /// `a`: the growth |w(end)|/|w(0)|. The cases below freeze D (a
    /// decay of 1 keeps a running square at its start; the start keeps it above every g).
    fn growth(rule: Rule, c: &Coefficients, start: [f64; 3], a: f64) -> f64 {
        let w0 = 1e-9;
        let mut start_slots = [0.0; MAX_STATE_PAIRS];
        start_slots[..3].copy_from_slice(&start);
        let (mut slots, mut w) = (start_slots, w0);
        let probe = {
            let mut after = start_slots;
            rule.apply(c, c.lr(), rule.step_scalars(c, 1), &mut after, w0, 0.0);
            let slots = StepSlots {
                before: start_slots,
                after,
                shared_before: [0.0; MAX_SHARED],
                shared_after: [0.0; MAX_SHARED],
                g: 0.0,
            };
            rule.step_size(c, c.lr(), rule.step_scalars(c, 1), slots)
        };
        let h = a / probe;
        // Late in a run, where the bias corrections are 1.
        for t in 10_000..13_000u64 {
            let scalars = rule.step_scalars(c, t);
            w = rule.apply(c, c.lr(), scalars, &mut slots, w, h * w);
            if w.is_nan() || w.abs() >= 1e3 * w0 {
                break; // grown a thousandfold (before any g reaches the frozen state): unstable
            }
        }
        w.abs() / w0
    }

    #[test]
    fn thresholds_separate_stable_from_unstable_iterations() {
        use crate::optimizer::hyperparameters::keys::{BETA, BETA2, LR, RHO};
        let mut c = Coefficients::default();
        for (key, value) in [
            (LR, 0.01),
            (ALPHA, 0.9),
            (BETA, 1.0),
            (BETA1, 0.9),
            (BETA2, 1.0),
            (RHO, 1.0),
            (EPS, 1e-8),
        ] {
            c[key] = value;
        }
        let cases = [
            (Rule::Gd, [0.0; 3]),
            (Rule::Momentum, [0.0; 3]),
            (Rule::Buffer { nesterov: false }, [0.0; 3]),
            (Rule::Buffer { nesterov: true }, [0.0; 3]),
            (Rule::NesterovKeras, [0.0; 3]),
            (
                Rule::RmsProp {
                    eps: Epsilon::InsideRoot,
                },
                [4.0, 0.0, 0.0],
            ),
            (
                Rule::RmsProp {
                    eps: Epsilon::OutsideRoot,
                },
                [4.0, 0.0, 0.0],
            ),
            (Rule::Adadelta, [4.0, 9.0, 0.0]),
            (Rule::Adamax, [0.0, 3.0, 0.0]),
            (Rule::AdamaxKeras, [0.0, 3.0, 0.0]),
        ];
        for (rule, start) in cases {
            let Some(threshold) = rule.threshold(&c) else {
                panic!("{rule:?} has a threshold");
            };
            let below = growth(rule, &c, start, 0.97 * threshold);
            let above = growth(rule, &c, start, 1.03 * threshold);
            assert!(below < 1.0, "{rule:?}: grows {below} below {threshold}");
            assert!(above > 1.0, "{rule:?}: shrinks {above} above {threshold}");
        }
        let adam = Rule::Adam {
            eps: Epsilon::OutsideRoot,
            amsgrad: Amsgrad::Off,
            decoupled_decay: false,
        };
        let at_09 = adam.threshold(&c).unwrap_or_default();
        assert!((at_09 - 38.0).abs() < 1e-12, "{at_09}");
        assert_eq!(Rule::Lion.threshold(&c), None);
    }
}
