//! THE OPTIMIZER TABLE: one declarative entry per optimizer — name, label, hyperparameters
//! with defaults, and per convention (the article's, PyTorch's, Keras's) the update rule, its
//! formula, reference, state columns and default overrides. The CLI, the URL codec, the JS
//! API, the page's controls, the TypeScript types and the docs are generated from it; adding
//! an optimizer is adding an entry here (and, for a new kind of update, a [`Rule`]). Long by
//! design: one screen per optimizer, all of them in one place.

use super::rules::{Epsilon, Rule};

/// Whose form of the optimizers to use: the article's (the default), PyTorch's or Keras's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Convention {
    /// The article series' forms and defaults.
    Article,
    /// `torch.optim`'s forms and defaults.
    PyTorch,
    /// `keras.optimizers`' (Keras 3) forms and defaults.
    Keras,
}

impl Convention {
    /// Every convention, the default first.
    pub const ALL: [Convention; 3] = [Convention::Article, Convention::PyTorch, Convention::Keras];

    /// Its key value: `article`, `pytorch`, `keras`.
    pub fn name(self) -> &'static str {
        match self {
            Convention::Article => "article",
            Convention::PyTorch => "pytorch",
            Convention::Keras => "keras",
        }
    }

    /// How the page and the docs write it.
    pub fn label(self) -> &'static str {
        match self {
            Convention::Article => "Article",
            Convention::PyTorch => "PyTorch",
            Convention::Keras => "Keras",
        }
    }

    /// The convention named `name`.
    pub fn named(name: &str) -> Option<Convention> {
        Convention::ALL.into_iter().find(|c| c.name() == name)
    }
}

/// One convention's form of an optimizer.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Form {
    /// Whose form this is.
    pub convention: Convention,
    /// The update it performs.
    pub rule: Rule,
    /// The update as text, with the vocabulary's keys (`lr`, `beta`, …) as names.
    pub formula: &'static str,
    /// What the update vector w(t) − w(t−1) is, for the first-steps figure's arrows.
    pub update: &'static str,
    /// Where the form is defined.
    pub reference: &'static str,
    /// Its state columns, a pair per state vector (`m1, m2` for m), at most three pairs.
    pub state: &'static [&'static str],
    /// Each state pair's value before the first step (Keras's AdaGrad starts at 0.1).
    pub initial: [f64; 3],
    /// Defaults that differ from the optimizer's own in this convention.
    pub defaults: &'static [(&'static str, f64)],
}

/// One optimizer.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct OptimizerSpec {
    /// Its name in the CLI, URLs and the JS API.
    pub name: &'static str,
    /// How the page writes it.
    pub label: &'static str,
    /// A short note the page's optimizer list adds in parentheses, if any.
    pub note: &'static str,
    /// Its hyperparameters' keys (from the hyperparameter table) with their defaults, in the
    /// order of the page's controls.
    pub hyperparameters: &'static [(&'static str, f64)],
    /// Its forms; the first is the default and stands in for conventions without a form of
    /// their own.
    pub forms: &'static [Form],
}

// Formulas and update labels shared by the forms that take the same step: one text each.
const GD_FORMULA: &str = "w ← w − lr·g";
const MOMENTUM_FORMULA: &str = "m ← alpha·m − lr·g;  w ← w + m";
const RMSPROP_FORMULA: &str = "s ← beta·s + (1−beta)·g⊙g;  w ← w − lr·g⊘√(s + eps)";
const ADAM_FORMULA: &str = "m ← beta1·m + (1−beta1)·g;  v ← beta2·v + (1−beta2)·g⊙g;  \
                          w ← w − lr·(m/(1−beta1^t)) ⊘ (√(v/(1−beta2^t)) + eps)";
const ADADELTA_FORMULA: &str = "v ← rho·v + (1−rho)·g⊙g;  d = √(u + eps)⊘√(v + eps)⊙g;  \
                          u ← rho·u + (1−rho)·d⊙d;  w ← w − lr·d";
const LION_FORMULA: &str = "c = beta1·m + (1−beta1)·g;  w ← w − lr·(sign(c) + weight_decay·w);  \
                          m ← beta2·m + (1−beta2)·g";
const GD_UPDATE: &str = "−lr·∇E";
const MOMENTUM_UPDATE: &str = "m(t)";
const ROOT_OF_SUM_UPDATE: &str = "−lr·∇E⊘√(s+ε)";
const ROOT_PLUS_EPS_UPDATE: &str = "−lr·∇E⊘(√s+ε)";
const ADAM_UPDATE: &str = "−lr·m̂⊘(√v̂+ε)";
const ADADELTA_UPDATE: &str = "−lr·Δ";
const LION_UPDATE: &str = "−lr·(sign(c) + λ·w)";

/// A form with no state.
const NO_STATE: [f64; 3] = [0.0; 3];

/// PyTorch's and Keras's forms of AdaGrad and RMSProp differ from the article's; all take
/// their defaults from the frameworks' documentation (see docs/optimizers.md).
pub const TABLE: &[OptimizerSpec] = &[
    OptimizerSpec {
        name: "gd",
        label: "Gradient descent",
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
        ],
    },
    OptimizerSpec {
        name: "momentum",
        label: "Momentum",
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
                formula: "b ← alpha·b + g;  w ← w − lr·b",
                update: "−lr·b(t)",
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
        ],
    },
    OptimizerSpec {
        name: "adagrad",
        label: "AdaGrad",
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
                initial: [0.1, 0.0, 0.0],
                defaults: &[("lr", 0.001), ("eps", 1e-7)],
            },
        ],
    },
    OptimizerSpec {
        name: "rmsprop",
        label: "RMSProp",
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
                reference:
                    "Tieleman, Hinton 2012; the article's adaptive scheme, ε inside the root",
                state: &["s1", "s2"],
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
                initial: NO_STATE,
                defaults: &[("lr", 0.001), ("eps", 1e-7)],
            },
        ],
    },
    OptimizerSpec {
        name: "adam",
        label: "Adam",
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
                    amsgrad: false,
                    decoupled_decay: false,
                },
                formula: ADAM_FORMULA,
                update: ADAM_UPDATE,
                reference: "Kingma, Ba 2015 (Algorithm 1); part 3 of the series",
                state: &["m1", "m2", "v1", "v2"],
                initial: NO_STATE,
                defaults: &[],
            },
            Form {
                convention: Convention::PyTorch,
                rule: Rule::Adam {
                    eps: Epsilon::OutsideRoot,
                    amsgrad: false,
                    decoupled_decay: false,
                },
                formula: ADAM_FORMULA,
                update: ADAM_UPDATE,
                reference: "torch.optim.Adam",
                state: &["m1", "m2", "v1", "v2"],
                initial: NO_STATE,
                defaults: &[],
            },
            Form {
                convention: Convention::Keras,
                rule: Rule::Adam {
                    eps: Epsilon::Hat,
                    amsgrad: false,
                    decoupled_decay: false,
                },
                formula: "m ← beta1·m + (1−beta1)·g;  v ← beta2·v + (1−beta2)·g⊙g;  \
                          w ← w − lr·√(1−beta2^t)/(1−beta1^t)·m ⊘ (√v + eps)",
                update: "−lr·√(1−β2^t)/(1−β1^t)·m⊘(√v+ε̂)",
                reference: "keras.optimizers.Adam (the ε-hat form of Kingma and Ba, section 2)",
                state: &["m1", "m2", "v1", "v2"],
                initial: NO_STATE,
                defaults: &[("eps", 1e-7)],
            },
        ],
    },
    OptimizerSpec {
        name: "nesterov",
        label: "Nesterov momentum",
        note: "",
        hyperparameters: &[("lr", 0.001), ("alpha", 0.9)],
        forms: &[
            Form {
                convention: Convention::PyTorch,
                rule: Rule::Buffer { nesterov: true },
                formula: "b ← alpha·b + g;  w ← w − lr·(g + alpha·b)",
                update: "−lr·(∇E + alpha·b)",
                reference:
                    "Sutskever, Martens, Dahl, Hinton 2013; torch.optim.SGD(nesterov = True), \
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
        ],
    },
    OptimizerSpec {
        name: "adamw",
        label: "AdamW",
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
                    amsgrad: false,
                    decoupled_decay: true,
                },
                formula: "m ← beta1·m + (1−beta1)·g;  v ← beta2·v + (1−beta2)·g⊙g;  \
                          w ← w − lr·(m̂ ⊘ (√v̂ + eps) + weight_decay·w)",
                update: "−lr·(m̂⊘(√v̂+ε) + λ·w)",
                reference: "Loshchilov, Hutter 2019; torch.optim.AdamW",
                state: &["m1", "m2", "v1", "v2"],
                initial: NO_STATE,
                defaults: &[],
            },
            Form {
                convention: Convention::Keras,
                rule: Rule::Adam {
                    eps: Epsilon::Hat,
                    amsgrad: false,
                    decoupled_decay: true,
                },
                formula: "w ← w − lr·weight_decay·w;  then Keras's Adam: \
                          w ← w − lr·√(1−beta2^t)/(1−beta1^t)·m ⊘ (√v + eps)",
                update: "−lr·(λ·w + √(1−β2^t)/(1−β1^t)·m⊘(√v+ε̂))",
                reference: "keras.optimizers.AdamW",
                state: &["m1", "m2", "v1", "v2"],
                initial: NO_STATE,
                defaults: &[("eps", 1e-7), ("weight_decay", 0.004)],
            },
        ],
    },
    OptimizerSpec {
        name: "amsgrad",
        label: "AMSGrad",
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
                    amsgrad: true,
                    decoupled_decay: false,
                },
                formula: "m, v as Adam's;  vmax ← max(vmax, v);  \
                          w ← w − lr·(m/(1−beta1^t)) ⊘ (√vmax/√(1−beta2^t) + eps)",
                update: "−lr·m̂⊘(√v̂max+ε)",
                reference: "Reddi, Kale, Kumar 2018; torch.optim.Adam(amsgrad = True)",
                state: &["m1", "m2", "v1", "v2", "vmax1", "vmax2"],
                initial: NO_STATE,
                defaults: &[],
            },
            Form {
                convention: Convention::Keras,
                rule: Rule::Adam {
                    eps: Epsilon::Hat,
                    amsgrad: true,
                    decoupled_decay: false,
                },
                formula: "m, v as Adam's;  vmax ← max(vmax, v);  \
                          w ← w − lr·√(1−beta2^t)/(1−beta1^t)·m ⊘ (√vmax + eps)",
                update: "−lr·√(1−β2^t)/(1−β1^t)·m⊘(√vmax+ε̂)",
                reference: "keras.optimizers.Adam(amsgrad = True)",
                state: &["m1", "m2", "v1", "v2", "vmax1", "vmax2"],
                initial: NO_STATE,
                defaults: &[("eps", 1e-7)],
            },
        ],
    },
    OptimizerSpec {
        name: "adamax",
        label: "Adamax",
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
                formula: "m ← beta1·m + (1−beta1)·g;  u ← max(beta2·u, |g| + eps);  \
                          w ← w − lr/(1−beta1^t)·m ⊘ u",
                update: "−lr·m̂⊘u",
                reference: "Kingma, Ba 2015 (section 7.1); torch.optim.Adamax",
                state: &["m1", "m2", "u1", "u2"],
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
                initial: NO_STATE,
                defaults: &[("lr", 0.001), ("eps", 1e-7)],
            },
        ],
    },
    OptimizerSpec {
        name: "adadelta",
        label: "Adadelta",
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
                initial: NO_STATE,
                defaults: &[("lr", 0.001), ("rho", 0.95), ("eps", 1e-7)],
            },
        ],
    },
    OptimizerSpec {
        name: "lion",
        label: "Lion",
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
                initial: NO_STATE,
                defaults: &[("lr", 0.001)],
            },
        ],
    },
];
