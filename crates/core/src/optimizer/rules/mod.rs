//! The update rules: one pure function per rule, applied to each weight on its own (every
//! optimizer here is elementwise). The table names which rule each optimizer uses in each
//! convention; the rule reads its hyperparameters from [`Coefficients`].

mod fixes;
mod free;

use std::ops::{Index, IndexMut};

use super::hyperparameters::HYPERPARAMETERS;
use super::keys::{ALPHA, BETA, BETA1, BETA2, EPS, RHO, WEIGHT_DECAY};
use super::Key;
use super::{MAX_SHARED, MAX_STATE_PAIRS};
use crate::real::Real;
use fixes::one_minus_power;

/// Where ε sits in a division by a root of a running square.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Epsilon {
    /// g ⊘ √(s + ε): the article's and Keras's RMSProp and AdaGrad.
    InsideRoot,
    /// g ⊘ (√s + ε): PyTorch's RMSProp and AdaGrad, and Adam.
    OutsideRoot,
    /// Keras's "ε-hat" Adam: η·√(1−β2^t)/(1−β1^t)·m ⊘ (√v + ε), ε added to the uncorrected √v.
    Hat,
}

/// Which maximum of the second moment AMSGrad divides by, if any.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Amsgrad {
    /// Adam: none, the current v.
    Off,
    /// PyTorch's and Keras's: vmax ← max(vmax, v), the uncorrected v.
    Raw,
    /// optax's: v̂max ← max(v̂max, v/(1 − β2^t)), the bias-corrected v̂.
    Corrected,
}

/// Which update an optimizer performs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Rule {
    /// w ← w − η·g.
    Gd,
    /// The article's momentum: m ← α·m − η·g; w ← w + m.
    Momentum,
    /// PyTorch's momentum buffer: b ← α·b + g; w ← w − η·b (with `nesterov`,
    /// w ← w − η·(g + α·b)).
    Buffer {
        /// Whether the step looks ahead along the buffer.
        nesterov: bool,
    },
    /// Keras's Nesterov: m ← α·m − η·g; w ← w + α·m − η·g.
    NesterovKeras,
    /// AdaGrad: s ← s + g²; w ← w − η·g ⊘ root(s, ε).
    AdaGrad {
        /// Where ε sits.
        eps: Epsilon,
    },
    /// RMSProp: s ← β·s + (1−β)·g²; w ← w − η·g ⊘ root(s, ε).
    RmsProp {
        /// Where ε sits.
        eps: Epsilon,
    },
    /// Adam and its relatives: m ← β1·m + (1−β1)·g; v ← β2·v + (1−β2)·g²; bias-corrected.
    Adam {
        /// Where ε sits ([`Epsilon::OutsideRoot`] or [`Epsilon::Hat`]).
        eps: Epsilon,
        /// AMSGrad: divide by the largest v (or v̂) so far.
        amsgrad: Amsgrad,
        /// AdamW: also w ← w − η·λ·w (decoupled weight decay).
        decoupled_decay: bool,
    },
    /// Adamax: m as Adam's; u ← max(β2·u, |g| + ε); w ← w − η/(1−β1^t)·m ⊘ u.
    Adamax,
    /// Keras's Adamax: u ← max(β2·u, |g|); w ← w − η/(1−β1^t)·m ⊘ (u + ε).
    AdamaxKeras,
    /// Adadelta: v ← ρ·v + (1−ρ)·g²; Δ = √(u + ε)/√(v + ε)·g; u ← ρ·u + (1−ρ)·Δ²; w ← w − η·Δ.
    Adadelta,
    /// Lion: c = β1·m + (1−β1)·g; w ← w − η·(sign(c) + λ·w); m ← β2·m + (1−β2)·g.
    Lion,
    /// NAdam: Adam whose step looks ahead along the first moment (Dozat 2016).
    NAdam {
        /// PyTorch's and Keras's momentum schedule μ_t = β1·(1 − ½·0.96^(t·ψ)) with its
        /// running product; without it, optax's constant β1.
        momentum_schedule: bool,
    },
    /// RAdam: Adam with its adaptive step rectified by r_t once the SMA length ρ_t passes 5,
    /// plain momentum SGD before (Liu et al. 2020).
    RAdam {
        /// optax's ρ_t ≥ 5 (and arithmetic) rather than PyTorch's ρ_t > 5.
        threshold_included: bool,
    },
    /// AdaBelief: Adam dividing by the running variance of g − m, the "belief" in the
    /// gradient (Zhuang et al. 2020).
    AdaBelief {
        /// adabelief-pytorch's default: rectified as RAdam, momentum SGD while ρ_t < 5.
        rectified: bool,
    },
    /// Yogi: v ← v − (1−β2)·sign(v − g²)·g², an additive second moment (Zaheer et al. 2018).
    Yogi,
    /// ADOPT: the momentum of g normalised by the previous v, clipped at (t−1)^¼
    /// (Taniguchi et al. 2024).
    Adopt,
    /// Rprop: each weight's own step, grown by η+ while its gradient keeps its sign and shrunk
    /// by η− when it flips; only the sign of g is used (Riedmiller, Braun 1993).
    Rprop {
        /// optax 0.2.8's form: each step applies the update the previous step computed (so
        /// the first does not move), and only a step size that changes is clipped.
        delayed: bool,
    },
    /// Prodigy: Adam at the learning rate d·η, d estimated from the distance travelled
    /// (Mishchenko, Defazio 2024).
    Prodigy {
        /// optax's bias correction √(1 − β2^t)/(1 − β1^t) of d·η (prodigyopt's default has
        /// none).
        bias_correction: bool,
    },
    /// D-Adaptation's Adam (Defazio, Mishchenko 2023).
    DAdapt {
        /// optax's dadapt_adamw (bias correction, decoupled weight decay) rather than
        /// dadaptation's DAdaptAdam.
        adamw: bool,
    },
    /// Schedule-Free AdamW: gradients at y, an interpolation of the average x and the SGD
    /// sequence z; no schedule needed (Defazio et al. 2024).
    ScheduleFree,
}

/// The hyperparameter values a rule reads, one per row of the hyperparameter table, in its
/// order (those the optimizer does not have are 0): numbers when a run computes, traced values
/// when it is compiled (see [`crate::real`]). Read by key: `c[BETA1]`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Coefficients<T = f64>(pub [T; COEFFICIENTS]);

/// How many coefficients a rule reads: one per hyperparameter.
pub const COEFFICIENTS: usize = HYPERPARAMETERS.len();

impl Default for Coefficients {
    fn default() -> Self {
        Coefficients([0.0; COEFFICIENTS])
    }
}

impl<T: Copy> Coefficients<T> {
    /// Every coefficient, in the hyperparameter table's order.
    pub fn values(&self) -> [T; COEFFICIENTS] {
        self.0
    }

    /// The learning rate η, which every optimizer has.
    pub fn lr(&self) -> T {
        self[super::keys::LR]
    }
}

impl<T> Index<Key> for Coefficients<T> {
    type Output = T;

    #[inline(always)]
    fn index(&self, key: Key) -> &T {
        &self.0[key.index()]
    }
}

impl<T> IndexMut<Key> for Coefficients<T> {
    #[inline(always)]
    fn index_mut(&mut self, key: Key) -> &mut T {
        &mut self.0[key.index()]
    }
}

/// The most per-step scalars a rule needs ([`Rule::step_scalar_count`]).
pub const STEP_SCALARS: usize = 3;

/// The numbers a rule's step needs that depend only on the step count t and the
/// hyperparameters (Adam's bias corrections 1 − β1^t and 1 − β2^t): computed once per step by
/// [`Rule::step_scalars`] outside the traced arithmetic, so that a kernel reads them from a
/// table and every run computes them the same way.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StepScalars<T = f64>(pub [T; STEP_SCALARS]);

impl StepScalars {
    /// No scalars: every entry 1 (so that a rule without them may divide by one).
    pub const NONE: StepScalars = StepScalars([1.0; STEP_SCALARS]);
}

/// sign(x) with sign(0) = 0 (f64::signum gives ±1 at ±0).
#[inline(always)]
fn sign<R: Real>(x: R) -> R {
    let zero = R::constant(0.0);
    R::select(x.equals(zero), || zero, || x.signum())
}

/// The root of the running square `s` with ε where `eps` says: √(s + ε) or √s + ε.
#[inline(always)]
pub(super) fn root<R: Real>(s: R, eps_value: R, eps: Epsilon) -> R {
    match eps {
        Epsilon::InsideRoot => (s + eps_value).sqrt(),
        Epsilon::OutsideRoot | Epsilon::Hat => s.sqrt() + eps_value,
    }
}

/// Divides `g` by the root of the running square `s` with ε where `eps` says.
#[inline(always)]
fn divide_by_root<R: Real>(g: R, s: R, eps_value: R, eps: Epsilon) -> R {
    g / root(s, eps_value, eps)
}

/// One step's state as a rule reads and writes it: per weight its state pairs' components,
/// and the scalars both weights share (numbers, or traced values in a compiled run).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Slots<R> {
    /// `pairs[weight][k]`: state pair k's component for that weight.
    pub pairs: [[R; MAX_STATE_PAIRS]; 2],
    /// The shared scalars.
    pub shared: [R; MAX_SHARED],
}

impl Rule {
    /// How many per-step scalars the rule reads ([`Rule::step_scalars`]).
    pub const fn step_scalar_count(self) -> usize {
        match self {
            Rule::Adam { .. } | Rule::Adamax | Rule::AdamaxKeras => 2,
            Rule::AdaBelief { rectified: false } | Rule::Yogi => 2,
            Rule::Prodigy { .. } | Rule::DAdapt { .. } | Rule::ScheduleFree => 2,
            Rule::NAdam { .. } | Rule::RAdam { .. } | Rule::AdaBelief { .. } | Rule::Adopt => 3,
            Rule::Rprop { .. } => 1,
            Rule::Gd
            | Rule::Momentum
            | Rule::Buffer { .. }
            | Rule::NesterovKeras
            | Rule::AdaGrad { .. }
            | Rule::RmsProp { .. }
            | Rule::Adadelta
            | Rule::Lion => 0,
        }
    }

    /// Whether the rule's step couples the two weights (through state both share).
    const fn is_coupled(self) -> bool {
        matches!(
            self,
            Rule::Prodigy { .. } | Rule::DAdapt { .. } | Rule::ScheduleFree
        )
    }

    /// The per-step scalars of step `t` (≥ 1) with coefficients `c`; unused entries are 1.
    pub fn step_scalars(self, c: &Coefficients, t: u64) -> StepScalars {
        let mut s = StepScalars::NONE;
        if self.step_scalar_count() == 0 {
            // Nothing to compute (the powers below cost more than a whole plain step).
            return s;
        }
        match self {
            Rule::Adam { .. } | Rule::Adamax | Rule::AdamaxKeras => {
                s.0[0] = one_minus_power(c[BETA1], t);
                s.0[1] = one_minus_power(c[BETA2], t);
            }
            _ if self.is_coupled() => return free::step_scalars(self, c, t),
            _ => return fixes::step_scalars(self, c, t),
        }
        s
    }

    /// The names of the quantities the rule derives from its state for display, per weight
    /// (Adam's bias-corrected moments m̂ and v̂).
    pub fn derived_names(self) -> &'static [&'static str] {
        match self {
            Rule::Adam { .. } => &["m̂", "v̂"],
            Rule::Adamax | Rule::AdamaxKeras => &["m̂"],
            _ => &[],
        }
    }

    /// The values of [`Rule::derived_names`] for one weight's state `pairs` after a step with
    /// per-step scalars `s` (unused entries are 0).
    pub fn derived(self, s: StepScalars, pairs: &[f64; MAX_STATE_PAIRS]) -> [f64; 2] {
        let [first, second, ..] = s.0;
        match self {
            Rule::Adam { amsgrad, .. } => {
                let v_hat = match amsgrad {
                    Amsgrad::Off => pairs[1] / second,
                    Amsgrad::Raw => pairs[2] / second,
                    Amsgrad::Corrected => pairs[2],
                };
                [pairs[0] / first, v_hat]
            }
            Rule::Adamax | Rule::AdamaxKeras => [pairs[0] / first, 0.0],
            _ => [0.0; 2],
        }
    }

    /// One step of both weights `w` with gradients `g` and their state `slots`, with the
    /// per-step scalars `s` of its step ([`Rule::step_scalars`]) and this step's learning rate
    /// `lr` (the optimizer's own, or a schedule's): the arithmetic of [`super::Stepper::step`],
    /// shared with the batched engine and traced into kernels, so that all agree bit for bit.
    /// Written over [`Real`], so that a compiled run performs exactly these operations.
    #[inline(always)]
    pub fn step_weights<R: Real>(
        self,
        c: &Coefficients<R>,
        lr: R,
        s: StepScalars<R>,
        slots: &mut Slots<R>,
        w: &mut [R; 2],
        g: [R; 2],
    ) {
        if self.is_coupled() {
            return free::step(self, c, lr, s, slots, w, g);
        }
        let product = if let Rule::NAdam {
            momentum_schedule: true,
        } = self
        {
            // The running product of the momenta μ_1…μ_t, once per step (it starts at 1).
            slots.shared[0] = slots.shared[0] * s.0[1];
            slots.shared[0]
        } else {
            R::constant(1.0)
        };
        for (i, pairs) in slots.pairs.iter_mut().enumerate() {
            w[i] = match self {
                Rule::NAdam { .. }
                | Rule::RAdam { .. }
                | Rule::AdaBelief { .. }
                | Rule::Yogi
                | Rule::Adopt
                | Rule::Rprop { .. } => fixes::apply(self, c, lr, (s, product), pairs, w[i], g[i]),
                _ => self.apply(c, lr, s, pairs, w[i], g[i]),
            };
        }
    }

    /// One step of one weight of an elementwise rule: `w` with gradient `g` and this weight's
    /// state `slots`. Returns the new weight; updates `slots`.
    #[inline(always)]
    pub(super) fn apply<R: Real>(
        self,
        c: &Coefficients<R>,
        lr: R,
        s: StepScalars<R>,
        slots: &mut [R; MAX_STATE_PAIRS],
        w: R,
        g: R,
    ) -> R {
        let one = R::constant(1.0);
        let [first, second, ..] = s.0;
        match self {
            Rule::Gd => w - lr * g,
            Rule::Momentum => {
                slots[0] = c[ALPHA] * slots[0] - lr * g;
                w + slots[0]
            }
            Rule::Buffer { nesterov } => {
                slots[0] = c[ALPHA] * slots[0] + g;
                if nesterov {
                    w - lr * (g + c[ALPHA] * slots[0])
                } else {
                    w - lr * slots[0]
                }
            }
            Rule::NesterovKeras => {
                slots[0] = c[ALPHA] * slots[0] - lr * g;
                w + c[ALPHA] * slots[0] - lr * g
            }
            Rule::AdaGrad { eps } => {
                slots[0] = slots[0] + g * g;
                w - lr * divide_by_root(g, slots[0], c[EPS], eps)
            }
            Rule::RmsProp { eps } => {
                slots[0] = c[BETA] * slots[0] + (one - c[BETA]) * g * g;
                w - lr * divide_by_root(g, slots[0], c[EPS], eps)
            }
            Rule::Adam {
                eps,
                amsgrad,
                decoupled_decay,
            } => {
                // PyTorch's order and arithmetic: w ← w·(1 − η·λ), then the Adam update.
                let decayed = if decoupled_decay {
                    w * (one - lr * c[WEIGHT_DECAY])
                } else {
                    w
                };
                slots[0] = c[BETA1] * slots[0] + (one - c[BETA1]) * g;
                slots[1] = c[BETA2] * slots[1] + (one - c[BETA2]) * g * g;
                if eps == Epsilon::Hat {
                    let v = if amsgrad == Amsgrad::Raw {
                        slots[2] = slots[2].max(slots[1]);
                        slots[2]
                    } else {
                        slots[1]
                    };
                    let step = lr * second.sqrt() / first;
                    return decayed - step * slots[0] / (v.sqrt() + c[EPS]);
                }
                let m_hat = slots[0] / first;
                let v_hat = match amsgrad {
                    Amsgrad::Off => slots[1] / second,
                    Amsgrad::Raw => {
                        slots[2] = slots[2].max(slots[1]);
                        slots[2] / second
                    }
                    Amsgrad::Corrected => {
                        slots[2] = slots[2].max(slots[1] / second);
                        slots[2]
                    }
                };
                decayed - lr * m_hat / (v_hat.sqrt() + c[EPS])
            }
            Rule::Adamax => {
                slots[0] = c[BETA1] * slots[0] + (one - c[BETA1]) * g;
                slots[1] = (c[BETA2] * slots[1]).max(g.abs() + c[EPS]);
                w - lr / first * slots[0] / slots[1]
            }
            Rule::AdamaxKeras => {
                slots[0] = c[BETA1] * slots[0] + (one - c[BETA1]) * g;
                slots[1] = (c[BETA2] * slots[1]).max(g.abs());
                w - lr / first * slots[0] / (slots[1] + c[EPS])
            }
            Rule::Adadelta => {
                slots[0] = c[RHO] * slots[0] + (one - c[RHO]) * g * g;
                let delta = (slots[1] + c[EPS]).sqrt() / (slots[0] + c[EPS]).sqrt() * g;
                slots[1] = c[RHO] * slots[1] + (one - c[RHO]) * delta * delta;
                w - lr * delta
            }
            Rule::Lion => {
                let direction = sign(c[BETA1] * slots[0] + (one - c[BETA1]) * g);
                slots[0] = c[BETA2] * slots[0] + (one - c[BETA2]) * g;
                // The authors' arithmetic: w ← w·(1 − η·λ) − η·sign(c).
                w * (one - lr * c[WEIGHT_DECAY]) - lr * direction
            }
            // The other rules step in `fixes` and `free`.
            _ => w,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::keys::LR;
    use super::*;

    #[test]
    fn sign_of_zero_is_zero() {
        assert_eq!(sign(0.0), 0.0);
        assert_eq!(sign(-0.0), 0.0);
        assert_eq!(sign(-3.0), -1.0);
    }

    #[test]
    fn lion_does_not_move_where_the_direction_is_zero() {
        let mut c = Coefficients::default();
        (c[LR], c[BETA1], c[BETA2]) = (0.1, 0.9, 0.99);
        let mut slots = [0.0; MAX_STATE_PAIRS];
        let s = Rule::Lion.step_scalars(&c, 1);
        assert_eq!(Rule::Lion.apply(&c, 0.1, s, &mut slots, 2.0, 0.0), 2.0);
        assert_eq!(Rule::Lion.apply(&c, 0.1, s, &mut slots, 2.0, -5.0), 2.1);
    }
}
