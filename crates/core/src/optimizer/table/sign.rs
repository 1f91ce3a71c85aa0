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
