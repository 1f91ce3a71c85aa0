//! The classical methods: gradient descent and the two momenta (the series' part 1). One constant per optimizer, one `Form` per convention.

use super::*;

/// `gd`.
pub(super) const GD: OptimizerSpec = OptimizerSpec {
    name: "gd",
    label: "Gradient descent",
    family: Family::Classical,
    note: "",
    hyperparameters: &[("lr", 0.001)],
    forms: &[
        Form {
            convention: Convention::Article,
            rule: Rule::Gd,
            formula: GD_FORMULA,
            update: GD_UPDATE,
            reference: "Cauchy 1847; the article's classical gradient descent (η_c = 0.001)",
            state: &[],
            initial: NO_STATE,
            defaults: &[],
        },
        Form {
            convention: Convention::PyTorch,
            rule: Rule::Gd,
            formula: GD_FORMULA,
            update: GD_UPDATE,
            reference: "torch.optim.SGD (momentum = 0)",
            state: &[],
            initial: NO_STATE,
            defaults: &[],
        },
        Form {
            convention: Convention::Keras,
            rule: Rule::Gd,
            formula: GD_FORMULA,
            update: GD_UPDATE,
            reference: "keras.optimizers.SGD (momentum = 0)",
            state: &[],
            initial: NO_STATE,
            defaults: &[("lr", 0.01)],
        },
        Form {
            convention: Convention::Optax,
            rule: Rule::Gd,
            formula: GD_FORMULA,
            update: GD_UPDATE,
            reference: "optax.sgd (momentum = None)",
            state: &[],
            initial: NO_STATE,
            defaults: &[],
        },
    ],
};

/// `momentum`.
pub(super) const MOMENTUM: OptimizerSpec = OptimizerSpec {
    name: "momentum",
    label: "Momentum",
    family: Family::Classical,
    note: "",
    hyperparameters: &[("lr", 0.001), ("alpha", 0.9)],
    forms: &[
        Form {
            convention: Convention::Article,
            rule: Rule::Momentum,
            formula: MOMENTUM_FORMULA,
            update: MOMENTUM_UPDATE,
            reference: "Rumelhart, Hinton, Williams 1986; part 1 of the series",
            state: &["m1", "m2"],
            initial: NO_STATE,
            defaults: &[],
        },
        Form {
            convention: Convention::PyTorch,
            rule: Rule::Buffer { nesterov: false },
            formula: BUFFER_FORMULA,
            update: BUFFER_UPDATE,
            reference: "torch.optim.SGD(momentum = alpha)",
            state: &["b1", "b2"],
            initial: NO_STATE,
            defaults: &[],
        },
        Form {
            convention: Convention::Keras,
            rule: Rule::Momentum,
            formula: MOMENTUM_FORMULA,
            update: MOMENTUM_UPDATE,
            reference: "keras.optimizers.SGD(momentum = alpha)",
            state: &["m1", "m2"],
            initial: NO_STATE,
            defaults: &[("lr", 0.01)],
        },
        Form {
            convention: Convention::Optax,
            rule: Rule::Buffer { nesterov: false },
            formula: BUFFER_FORMULA,
            update: BUFFER_UPDATE,
            reference: "optax.sgd(momentum = alpha): optax.trace, the same buffer as PyTorch's",
            state: &["b1", "b2"],
            initial: NO_STATE,
            defaults: &[],
        },
    ],
};

/// `nesterov`.
pub(super) const NESTEROV: OptimizerSpec = OptimizerSpec {
    name: "nesterov",
    label: "Nesterov momentum",
    family: Family::Classical,
    note: "",
    hyperparameters: &[("lr", 0.001), ("alpha", 0.9)],
    forms: &[
        Form {
            convention: Convention::PyTorch,
            rule: Rule::Buffer { nesterov: true },
            formula: NESTEROV_BUFFER_FORMULA,
            update: NESTEROV_BUFFER_UPDATE,
            reference: "Sutskever, Martens, Dahl, Hinton 2013; torch.optim.SGD(nesterov = True), \
                        optax.sgd(nesterov = True)",
            state: &["b1", "b2"],
            initial: NO_STATE,
            defaults: &[],
        },
        Form {
            convention: Convention::Keras,
            rule: Rule::NesterovKeras,
            formula: "m ← alpha·m − lr·g;  w ← w + alpha·m − lr·g",
            update: "alpha·m(t) − lr·∇E",
            reference: "keras.optimizers.SGD(momentum = alpha, nesterov = True)",
            state: &["m1", "m2"],
            initial: NO_STATE,
            defaults: &[("lr", 0.01)],
        },
        Form {
            convention: Convention::Optax,
            rule: Rule::Buffer { nesterov: true },
            formula: NESTEROV_BUFFER_FORMULA,
            update: NESTEROV_BUFFER_UPDATE,
            reference: "optax.sgd(momentum = alpha, nesterov = True): optax.trace, as PyTorch's",
            state: &["b1", "b2"],
            initial: NO_STATE,
            defaults: &[],
        },
    ],
};
