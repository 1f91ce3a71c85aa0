//! The adaptive learning rates of the article: AdaGrad, RMSProp and Adadelta. One constant per optimizer, one `Form` per convention.

use super::*;

/// `adagrad`.
pub(super) const ADAGRAD: OptimizerSpec = OptimizerSpec {
    name: "adagrad",
    label: "AdaGrad",
    family: Family::Adaptive,
    note: "",
    hyperparameters: &[("lr", 0.5), ("eps", 1e-8)],
    forms: &[
        Form {
            convention: Convention::Article,
            rule: Rule::AdaGrad {
                eps: Epsilon::InsideRoot,
            },
            formula: "s ← s + g⊙g;  w ← w − lr·g⊘√(s + eps)",
            update: ROOT_OF_SUM_UPDATE,
            reference: "Duchi, Hazan, Singer 2011; the article's form, ε inside the root",
            state: &["s1", "s2"],
            shared: 0,
            initial: NO_STATE,
            defaults: &[],
        },
        Form {
            convention: Convention::PyTorch,
            rule: Rule::AdaGrad {
                eps: Epsilon::OutsideRoot,
            },
            formula: "s ← s + g⊙g;  w ← w − lr·g⊘(√s + eps)",
            update: ROOT_PLUS_EPS_UPDATE,
            reference: "torch.optim.Adagrad (initial_accumulator_value = 0, lr_decay = 0)",
            state: &["s1", "s2"],
            shared: 0,
            initial: NO_STATE,
            defaults: &[("lr", 0.01), ("eps", 1e-10)],
        },
        Form {
            convention: Convention::Keras,
            rule: Rule::AdaGrad {
                eps: Epsilon::InsideRoot,
            },
            formula: "s ← s + g⊙g, from s = 0.1;  w ← w − lr·g⊘√(s + eps)",
            update: ROOT_OF_SUM_UPDATE,
            reference: "keras.optimizers.Adagrad (initial_accumulator_value = 0.1)",
            state: &["s1", "s2"],
            shared: 0,
            initial: &[0.1],
            defaults: &[("lr", 0.001), ("eps", 1e-7)],
        },
        Form {
            convention: Convention::Optax,
            rule: Rule::AdaGrad {
                eps: Epsilon::InsideRoot,
            },
            formula: "s ← s + g⊙g, from s = 0.1;  w ← w − lr·g⊘√(s + eps)",
            update: ROOT_OF_SUM_UPDATE,
            reference:
                "optax.adagrad (optax.scale_by_rss: initial_accumulator_value = 0.1, ε inside \
                        the root)",
            state: &["s1", "s2"],
            shared: 0,
            initial: &[0.1],
            defaults: &[("eps", 1e-7)],
        },
    ],
};

/// `rmsprop`.
pub(super) const RMSPROP: OptimizerSpec = OptimizerSpec {
    name: "rmsprop",
    label: "RMSProp",
    family: Family::Adaptive,
    note: "the article's adaptive scheme",
    hyperparameters: &[("lr", 0.05), ("beta", 0.9), ("eps", 1e-8)],
    forms: &[
        Form {
            convention: Convention::Article,
            rule: Rule::RmsProp {
                eps: Epsilon::InsideRoot,
            },
            formula: RMSPROP_FORMULA,
            update: "−v(t) = −lr·∇E⊘√(s+ε)",
            reference: "Tieleman, Hinton 2012; the article's adaptive scheme, ε inside the root",
            state: &["s1", "s2"],
            shared: 0,
            initial: NO_STATE,
            defaults: &[],
        },
        Form {
            convention: Convention::PyTorch,
            rule: Rule::RmsProp {
                eps: Epsilon::OutsideRoot,
            },
            formula: "s ← beta·s + (1−beta)·g⊙g;  w ← w − lr·g⊘(√s + eps)",
            update: ROOT_PLUS_EPS_UPDATE,
            reference: "torch.optim.RMSprop (beta is PyTorch's alpha; centered = False)",
            state: &["s1", "s2"],
            shared: 0,
            initial: NO_STATE,
            defaults: &[("lr", 0.01), ("beta", 0.99)],
        },
        Form {
            convention: Convention::Keras,
            rule: Rule::RmsProp {
                eps: Epsilon::InsideRoot,
            },
            formula: RMSPROP_FORMULA,
            update: ROOT_OF_SUM_UPDATE,
            reference: "keras.optimizers.RMSprop (beta is Keras's rho; centered = False)",
            state: &["s1", "s2"],
            shared: 0,
            initial: NO_STATE,
            defaults: &[("lr", 0.001), ("eps", 1e-7)],
        },
        Form {
            convention: Convention::Optax,
            rule: Rule::RmsProp {
                eps: Epsilon::InsideRoot,
            },
            formula: RMSPROP_FORMULA,
            update: ROOT_OF_SUM_UPDATE,
            reference:
                "optax.rmsprop (beta is optax's decay; eps_in_sqrt = True, centered = False)",
            state: &["s1", "s2"],
            shared: 0,
            initial: NO_STATE,
            defaults: &[],
        },
    ],
};

/// `adadelta`.
pub(super) const ADADELTA: OptimizerSpec = OptimizerSpec {
    name: "adadelta",
    label: "Adadelta",
    family: Family::Adaptive,
    note: "",
    hyperparameters: &[("lr", 1.0), ("rho", 0.9), ("eps", 1e-6)],
    forms: &[
        Form {
            convention: Convention::PyTorch,
            rule: Rule::Adadelta,
            formula: ADADELTA_FORMULA,
            update: ADADELTA_UPDATE,
            reference: "Zeiler 2012; torch.optim.Adadelta",
            state: &["v1", "v2", "u1", "u2"],
            shared: 0,
            initial: NO_STATE,
            defaults: &[],
        },
        Form {
            convention: Convention::Keras,
            rule: Rule::Adadelta,
            formula: ADADELTA_FORMULA,
            update: ADADELTA_UPDATE,
            reference: "keras.optimizers.Adadelta",
            state: &["v1", "v2", "u1", "u2"],
            shared: 0,
            initial: NO_STATE,
            defaults: &[("lr", 0.001), ("rho", 0.95), ("eps", 1e-7)],
        },
        Form {
            convention: Convention::Optax,
            rule: Rule::Adadelta,
            formula: ADADELTA_FORMULA,
            update: ADADELTA_UPDATE,
            reference: "optax.adadelta (learning_rate given: optax's None would add the update)",
            state: &["v1", "v2", "u1", "u2"],
            shared: 0,
            initial: NO_STATE,
            defaults: &[],
        },
    ],
};
