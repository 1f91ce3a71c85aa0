//! The sign-based methods, whose step length ignores the gradient's size: Lion. One constant per optimizer, one `Form` per convention.

use super::*;

/// `lion`.
pub(super) const LION: OptimizerSpec = OptimizerSpec {
    name: "lion",
    label: "Lion",
    family: Family::Sign,
    note: "",
    hyperparameters: &[
        ("lr", 0.0001),
        ("beta1", 0.9),
        ("beta2", 0.99),
        ("weight_decay", 0.0),
    ],
    forms: &[
        Form {
            convention: Convention::PyTorch,
            rule: Rule::Lion,
            formula: LION_FORMULA,
            update: LION_UPDATE,
            reference: "Chen et al. 2023 (Algorithm 2), as in the authors' lion-pytorch; \
                        sign(0) = 0",
            state: &["m1", "m2"],
            shared: 0,
            initial: NO_STATE,
            defaults: &[],
        },
        Form {
            convention: Convention::Keras,
            rule: Rule::Lion,
            formula: LION_FORMULA,
            update: LION_UPDATE,
            reference: "keras.optimizers.Lion",
            state: &["m1", "m2"],
            shared: 0,
            initial: NO_STATE,
            defaults: &[("lr", 0.001)],
        },
        Form {
            convention: Convention::Optax,
            rule: Rule::Lion,
            formula: LION_FORMULA,
            update: LION_UPDATE,
            reference: "optax.lion (weight_decay = 1e-3)",
            state: &["m1", "m2"],
            shared: 0,
            initial: NO_STATE,
            defaults: &[("weight_decay", 1e-3)],
        },
    ],
};

/// `rprop`.
pub(super) const RPROP: OptimizerSpec = OptimizerSpec {
    name: "rprop",
    label: "Rprop",
    family: Family::Sign,
    note: "a step per weight that grows while its gradient keeps its sign: only the sign \
           survives (Riedmiller, Braun 1993)",
    hyperparameters: &[
        ("lr", 0.01),
        ("eta_minus", 0.5),
        ("eta_plus", 1.2),
        ("min_step_size", 1e-6),
        ("max_step_size", 50.0),
    ],
    forms: &[
        Form {
            convention: Convention::PyTorch,
            rule: Rule::Rprop { clamp_always: true },
            formula: RPROP_FORMULA,
            update: "−Δ⊙sign(g)",
            reference: "Riedmiller, Braun 1993; torch.optim.Rprop (etas, step_sizes)",
            state: RPROP_STATE,
            shared: 0,
            initial: NO_STATE,
            defaults: &[],
        },
        Form {
            convention: Convention::Optax,
            rule: Rule::Rprop {
                clamp_always: false,
            },
            formula: RPROP_FORMULA,
            update: "−Δ⊙sign(g)",
            reference: "optax.rprop (a step size that does not change is not clamped)",
            state: RPROP_STATE,
            shared: 0,
            initial: NO_STATE,
            defaults: &[],
        },
    ],
};

/// Rprop's state: each weight's step Δ (from lr) and its previous gradient.
const RPROP_STATE: &[&str] = &["step1", "step2", "prev1", "prev2"];
const RPROP_FORMULA: &str = "Δ ← clamp(Δ·(eta_plus if g·prev > 0, eta_minus if < 0, else 1), \
                             min_step_size, max_step_size), from Δ = lr;  \
                             g ← 0 where g·prev < 0;  w ← w − Δ⊙sign(g);  prev ← g";
