//! The update rules: one pure function per rule, applied to each weight on its own (every
//! optimizer here is elementwise). The table names which rule each optimizer uses in each
//! convention; the rule reads its hyperparameters from [`Coefficients`].

use crate::real::Real;

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

/// Which update an optimizer performs. Every rule keeps at most three pairs of state.
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
        /// AMSGrad: divide by the largest v so far.
        amsgrad: bool,
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
}

/// The hyperparameter values a rule reads (those the optimizer does not have are 0): numbers
/// when a run computes, traced values when it is compiled (see [`crate::real`]).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Coefficients<T = f64> {
    /// Learning rate η (a schedule may scale it per step; see [`Rule::apply`]).
    pub lr: T,
    /// Momentum α.
    pub alpha: T,
    /// RMSProp's decay β.
    pub beta: T,
    /// First-moment decay β1.
    pub beta1: T,
    /// Second-moment decay β2.
    pub beta2: T,
    /// Adadelta's decay ρ.
    pub rho: T,
    /// Smoothing term ε.
    pub eps: T,
    /// Weight decay λ.
    pub weight_decay: T,
}

/// How many coefficients a rule reads ([`Coefficients::values`]).
pub const COEFFICIENTS: usize = 8;

impl<T: Copy> Coefficients<T> {
    /// Every coefficient, in field order.
    pub fn values(&self) -> [T; COEFFICIENTS] {
        [
            self.lr,
            self.alpha,
            self.beta,
            self.beta1,
            self.beta2,
            self.rho,
            self.eps,
            self.weight_decay,
        ]
    }

    /// The coefficients of [`Coefficients::values`].
    pub fn from_values(values: [T; COEFFICIENTS]) -> Self {
        let [lr, alpha, beta, beta1, beta2, rho, eps, weight_decay] = values;
        Coefficients {
            lr,
            alpha,
            beta,
            beta1,
            beta2,
            rho,
            eps,
            weight_decay,
        }
    }
}

/// The bias corrections 1 − β1^t and 1 − β2^t of step `t` (t ≥ 1), computed once per step
/// (numbers, or traced values in a compiled run).
#[derive(Clone, Copy, Debug)]
pub struct Corrections<T = f64> {
    /// 1 − β1^t.
    pub first: T,
    /// 1 − β2^t.
    pub second: T,
}

impl Corrections {
    /// No correction: both 1.
    pub const NONE: Corrections = Corrections {
        first: 1.0,
        second: 1.0,
    };

    /// The corrections of step `t` with decays β1 and β2 (powers by the
    /// [portable](crate::portable::powi) function, so native and wasm runs agree bit for bit).
    pub fn at(t: u64, beta1: f64, beta2: f64) -> Corrections {
        Corrections {
            first: 1.0 - crate::portable::powi(beta1, t),
            second: 1.0 - crate::portable::powi(beta2, t),
        }
    }
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

impl Rule {
    /// Whether the rule needs the bias corrections of the step.
    pub fn corrects_bias(self) -> bool {
        matches!(self, Rule::Adam { .. } | Rule::Adamax | Rule::AdamaxKeras)
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

    /// The values of [`Rule::derived_names`] for one weight's `slots` after a step with
    /// `corrections` (unused entries are 0).
    pub fn derived(self, corrections: Corrections, slots: &[f64; 3]) -> [f64; 2] {
        match self {
            Rule::Adam { amsgrad, .. } => {
                let v = if amsgrad { slots[2] } else { slots[1] };
                [slots[0] / corrections.first, v / corrections.second]
            }
            Rule::Adamax | Rule::AdamaxKeras => [slots[0] / corrections.first, 0.0],
            _ => [0.0; 2],
        }
    }

    /// The corrections step `t` (≥ 1) uses: those of [`Corrections::at`] for a rule that
    /// corrects its bias, none (1) otherwise.
    #[inline(always)]
    pub fn corrections(self, c: &Coefficients, t: u64) -> Corrections {
        if self.corrects_bias() {
            Corrections::at(t, c.beta1, c.beta2)
        } else {
            Corrections::NONE
        }
    }

    /// One step of both weights `w` with gradients `g` and their state `slots`, with the
    /// `corrections` of its step ([`Rule::corrections`]): the arithmetic of
    /// [`super::Stepper::step`], shared with the batched engine so that both agree bit for
    /// bit.
    #[inline(always)]
    pub fn step_weights<R: Real>(
        self,
        c: &Coefficients<R>,
        lr: R,
        corrections: Corrections<R>,
        slots: [&mut [R; 3]; 2],
        w: &mut [R; 2],
        g: [R; 2],
    ) {
        for (i, slots) in slots.into_iter().enumerate() {
            w[i] = self.apply(c, lr, corrections, slots, w[i], g[i]);
        }
    }

    /// One step of one weight: `w` with gradient `g` and this weight's state `slots`, after
    /// which the step count is `t` (≥ 1; `corrections` are those of `t` when the rule needs
    /// them). `lr` is this step's learning rate. Returns the new weight; updates `slots`.
    /// Written over [`Real`], so that a compiled run performs exactly these operations.
    #[inline(always)]
    pub fn apply<R: Real>(
        self,
        c: &Coefficients<R>,
        lr: R,
        corrections: Corrections<R>,
        slots: &mut [R; 3],
        w: R,
        g: R,
    ) -> R {
        let one = R::constant(1.0);
        match self {
            Rule::Gd => w - lr * g,
            Rule::Momentum => {
                slots[0] = c.alpha * slots[0] - lr * g;
                w + slots[0]
            }
            Rule::Buffer { nesterov } => {
                slots[0] = c.alpha * slots[0] + g;
                if nesterov {
                    w - lr * (g + c.alpha * slots[0])
                } else {
                    w - lr * slots[0]
                }
            }
            Rule::NesterovKeras => {
                slots[0] = c.alpha * slots[0] - lr * g;
                w + c.alpha * slots[0] - lr * g
            }
            Rule::AdaGrad { eps } => {
                slots[0] = slots[0] + g * g;
                w - lr * divide_by_root(g, slots[0], c.eps, eps)
            }
            Rule::RmsProp { eps } => {
                slots[0] = c.beta * slots[0] + (one - c.beta) * g * g;
                w - lr * divide_by_root(g, slots[0], c.eps, eps)
            }
            Rule::Adam {
                eps,
                amsgrad,
                decoupled_decay,
            } => {
                // PyTorch's order and arithmetic: w ← w·(1 − η·λ), then the Adam update.
                let decayed = if decoupled_decay {
                    w * (one - lr * c.weight_decay)
                } else {
                    w
                };
                slots[0] = c.beta1 * slots[0] + (one - c.beta1) * g;
                slots[1] = c.beta2 * slots[1] + (one - c.beta2) * g * g;
                let v = if amsgrad {
                    slots[2] = slots[2].max(slots[1]);
                    slots[2]
                } else {
                    slots[1]
                };
                if eps == Epsilon::Hat {
                    let step = lr * corrections.second.sqrt() / corrections.first;
                    decayed - step * slots[0] / (v.sqrt() + c.eps)
                } else {
                    let m_hat = slots[0] / corrections.first;
                    let v_hat = v / corrections.second;
                    decayed - lr * m_hat / (v_hat.sqrt() + c.eps)
                }
            }
            Rule::Adamax => {
                slots[0] = c.beta1 * slots[0] + (one - c.beta1) * g;
                slots[1] = (c.beta2 * slots[1]).max(g.abs() + c.eps);
                w - lr / corrections.first * slots[0] / slots[1]
            }
            Rule::AdamaxKeras => {
                slots[0] = c.beta1 * slots[0] + (one - c.beta1) * g;
                slots[1] = (c.beta2 * slots[1]).max(g.abs());
                w - lr / corrections.first * slots[0] / (slots[1] + c.eps)
            }
            Rule::Adadelta => {
                slots[0] = c.rho * slots[0] + (one - c.rho) * g * g;
                let delta = (slots[1] + c.eps).sqrt() / (slots[0] + c.eps).sqrt() * g;
                slots[1] = c.rho * slots[1] + (one - c.rho) * delta * delta;
                w - lr * delta
            }
            Rule::Lion => {
                let direction = sign(c.beta1 * slots[0] + (one - c.beta1) * g);
                slots[0] = c.beta2 * slots[0] + (one - c.beta2) * g;
                // The authors' arithmetic: w ← w·(1 − η·λ) − η·sign(c).
                w * (one - lr * c.weight_decay) - lr * direction
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_of_zero_is_zero() {
        assert_eq!(sign(0.0), 0.0);
        assert_eq!(sign(-0.0), 0.0);
        assert_eq!(sign(-3.0), -1.0);
    }

    #[test]
    fn lion_does_not_move_where_the_direction_is_zero() {
        let c = Coefficients {
            lr: 0.1,
            beta1: 0.9,
            beta2: 0.99,
            ..Coefficients::default()
        };
        let mut slots = [0.0; 3];
        let corrections = Corrections::at(1, 0.9, 0.99);
        assert_eq!(
            Rule::Lion.apply(&c, 0.1, corrections, &mut slots, 2.0, 0.0),
            2.0
        );
        assert_eq!(
            Rule::Lion.apply(&c, 0.1, corrections, &mut slots, 2.0, -5.0),
            2.1
        );
    }
}
