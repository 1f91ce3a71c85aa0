//! Adam and its first relatives: AdamW, AMSGrad, Adamax. One constant per optimizer, one `Form` per convention.

use super::*;

/// `adam`.
pub(super) const ADAM: OptimizerSpec = OptimizerSpec {
    name: "adam",
    label: "Adam",
    family: Family::Adam,
    note: "",
    hyperparameters: &[
        ("lr", 0.001),
        ("beta1", 0.9),
        ("beta2", 0.999),
        ("eps", 1e-8),
    ],
    forms: &[
        Form {
            convention: Convention::Article,
            rule: Rule::Adam {
                eps: Epsilon::OutsideRoot,
                amsgrad: Amsgrad::Off,
                decoupled_decay: false,
            },
            formula: ADAM_FORMULA,
            update: ADAM_UPDATE,
            reference: "Kingma, Ba 2015 (Algorithm 1); part 3 of the series",
            state: &["m1", "m2", "v1", "v2"],
            shared: 0,
            initial: NO_STATE,
            defaults: &[],
        },
        Form {
            convention: Convention::PyTorch,
            rule: Rule::Adam {
                eps: Epsilon::OutsideRoot,
                amsgrad: Amsgrad::Off,
                decoupled_decay: false,
            },
            formula: ADAM_FORMULA,
            update: ADAM_UPDATE,
            reference: "torch.optim.Adam",
            state: &["m1", "m2", "v1", "v2"],
            shared: 0,
            initial: NO_STATE,
            defaults: &[],
        },
        Form {
            convention: Convention::Keras,
            rule: Rule::Adam {
                eps: Epsilon::Hat,
                amsgrad: Amsgrad::Off,
                decoupled_decay: false,
            },
            formula: "m ← beta1·m + (1−beta1)·g;  v ← beta2·v + (1−beta2)·g⊙g;  \
                      w ← w − lr·√(1−beta2^t)/(1−beta1^t)·m ⊘ (√v + eps)",
            update: "−lr·√(1−β2^t)/(1−β1^t)·m⊘(√v+ε̂)",
            reference: "keras.optimizers.Adam (the ε-hat form of Kingma and Ba, section 2)",
            state: &["m1", "m2", "v1", "v2"],
            shared: 0,
            initial: NO_STATE,
            defaults: &[("eps", 1e-7)],
        },
        Form {
            convention: Convention::Optax,
            rule: Rule::Adam {
                eps: Epsilon::OutsideRoot,
                amsgrad: Amsgrad::Off,
                decoupled_decay: false,
            },
            formula: ADAM_FORMULA,
            update: ADAM_UPDATE,
            reference: "optax.adam (eps_root = 0)",
            state: &["m1", "m2", "v1", "v2"],
            shared: 0,
            initial: NO_STATE,
            defaults: &[],
        },
    ],
};

/// `adamw`.
pub(super) const ADAMW: OptimizerSpec = OptimizerSpec {
    name: "adamw",
    label: "AdamW",
    family: Family::Adam,
    note: "",
    hyperparameters: &[
        ("lr", 0.001),
        ("beta1", 0.9),
        ("beta2", 0.999),
        ("eps", 1e-8),
        ("weight_decay", 0.01),
    ],
    forms: &[
        Form {
            convention: Convention::PyTorch,
            rule: Rule::Adam {
                eps: Epsilon::OutsideRoot,
                amsgrad: Amsgrad::Off,
                decoupled_decay: true,
            },
            formula: ADAMW_FORMULA,
            update: ADAMW_UPDATE,
            reference: "Loshchilov, Hutter 2019; torch.optim.AdamW",
            state: &["m1", "m2", "v1", "v2"],
            shared: 0,
            initial: NO_STATE,
            defaults: &[],
        },
        Form {
            convention: Convention::Keras,
            rule: Rule::Adam {
                eps: Epsilon::Hat,
                amsgrad: Amsgrad::Off,
                decoupled_decay: true,
            },
            formula: "w ← w − lr·weight_decay·w;  then Keras's Adam: \
                      w ← w − lr·√(1−beta2^t)/(1−beta1^t)·m ⊘ (√v + eps)",
            update: "−lr·(λ·w + √(1−β2^t)/(1−β1^t)·m⊘(√v+ε̂))",
            reference: "keras.optimizers.AdamW",
            state: &["m1", "m2", "v1", "v2"],
            shared: 0,
            initial: NO_STATE,
            defaults: &[("eps", 1e-7), ("weight_decay", 0.004)],
        },
        Form {
            convention: Convention::Optax,
            rule: Rule::Adam {
                eps: Epsilon::OutsideRoot,
                amsgrad: Amsgrad::Off,
                decoupled_decay: true,
            },
            formula: ADAMW_FORMULA,
            update: ADAMW_UPDATE,
            reference: "optax.adamw (weight_decay = 1e-4, added to the update before the step)",
            state: &["m1", "m2", "v1", "v2"],
            shared: 0,
            initial: NO_STATE,
            defaults: &[("weight_decay", 1e-4)],
        },
    ],
};

/// `amsgrad`.
pub(super) const AMSGRAD: OptimizerSpec = OptimizerSpec {
    name: "amsgrad",
    label: "AMSGrad",
    family: Family::Adam,
    note: "",
    hyperparameters: &[
        ("lr", 0.001),
        ("beta1", 0.9),
        ("beta2", 0.999),
        ("eps", 1e-8),
    ],
    forms: &[
        Form {
            convention: Convention::PyTorch,
            rule: Rule::Adam {
                eps: Epsilon::OutsideRoot,
                amsgrad: Amsgrad::Raw,
                decoupled_decay: false,
            },
            formula: "m, v as Adam's;  vmax ← max(vmax, v);  \
                      w ← w − lr·(m/(1−beta1^t)) ⊘ (√vmax/√(1−beta2^t) + eps)",
            update: "−lr·m̂⊘(√v̂max+ε)",
            reference: "Reddi, Kale, Kumar 2018; torch.optim.Adam(amsgrad = True)",
            state: &["m1", "m2", "v1", "v2", "vmax1", "vmax2"],
            shared: 0,
            initial: NO_STATE,
            defaults: &[],
        },
        Form {
            convention: Convention::Keras,
            rule: Rule::Adam {
                eps: Epsilon::Hat,
                amsgrad: Amsgrad::Raw,
                decoupled_decay: false,
            },
            formula: "m, v as Adam's;  vmax ← max(vmax, v);  \
                      w ← w − lr·√(1−beta2^t)/(1−beta1^t)·m ⊘ (√vmax + eps)",
            update: "−lr·√(1−β2^t)/(1−β1^t)·m⊘(√vmax+ε̂)",
            reference: "keras.optimizers.Adam(amsgrad = True)",
            state: &["m1", "m2", "v1", "v2", "vmax1", "vmax2"],
            shared: 0,
            initial: NO_STATE,
            defaults: &[("eps", 1e-7)],
        },
        Form {
            convention: Convention::Optax,
            rule: Rule::Adam {
                eps: Epsilon::OutsideRoot,
                amsgrad: Amsgrad::Corrected,
                decoupled_decay: false,
            },
            formula: "m, v as Adam's;  v̂max ← max(v̂max, v/(1−beta2^t));  \
                      w ← w − lr·(m/(1−beta1^t)) ⊘ (√v̂max + eps)",
            update: "−lr·m̂⊘(√v̂max+ε)",
            reference: "optax.amsgrad (the maximum of the bias-corrected v̂)",
            state: &["m1", "m2", "v1", "v2", "vmax1", "vmax2"],
            shared: 0,
            initial: NO_STATE,
            defaults: &[],
        },
    ],
};

/// `adamax`.
pub(super) const ADAMAX: OptimizerSpec = OptimizerSpec {
    name: "adamax",
    label: "Adamax",
    family: Family::Adam,
    note: "",
    hyperparameters: &[
        ("lr", 0.002),
        ("beta1", 0.9),
        ("beta2", 0.999),
        ("eps", 1e-8),
    ],
    forms: &[
        Form {
            convention: Convention::PyTorch,
            rule: Rule::Adamax,
            formula: ADAMAX_FORMULA,
            update: "−lr·m̂⊘u",
            reference: "Kingma, Ba 2015 (section 7.1); torch.optim.Adamax",
            state: &["m1", "m2", "u1", "u2"],
            shared: 0,
            initial: NO_STATE,
            defaults: &[],
        },
        Form {
            convention: Convention::Keras,
            rule: Rule::AdamaxKeras,
            formula: "m ← beta1·m + (1−beta1)·g;  u ← max(beta2·u, |g|);  \
                      w ← w − lr/(1−beta1^t)·m ⊘ (u + eps)",
            update: "−lr·m̂⊘(u+ε)",
            reference: "keras.optimizers.Adamax",
            state: &["m1", "m2", "u1", "u2"],
            shared: 0,
            initial: NO_STATE,
            defaults: &[("lr", 0.001), ("eps", 1e-7)],
        },
        Form {
            convention: Convention::Optax,
            rule: Rule::Adamax,
            formula: ADAMAX_FORMULA,
            update: "−lr·m̂⊘u",
            reference: "optax.adamax (u ← max(beta2·u, |g| + eps), as PyTorch's)",
            state: &["m1", "m2", "u1", "u2"],
            shared: 0,
            initial: NO_STATE,
            defaults: &[],
        },
    ],
};
