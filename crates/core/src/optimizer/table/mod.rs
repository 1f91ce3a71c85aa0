//! THE OPTIMIZER TABLE: one declarative entry per optimizer — name, label, family,
//! hyperparameters with defaults, and per convention (the article's, PyTorch's, Keras's,
//! optax's) the update rule, its formula, reference, state columns and default overrides. The
//! CLI, the URL codec, the JS API, the page's controls, the TypeScript types and the docs are
//! generated from it; adding an optimizer is adding an entry (and, for a new kind of update, a
//! [`Rule`]). The entries live in one file per family, one constant per optimizer; [`TABLE`]
//! lists them in order.

mod adam;
mod adaptive;
mod classical;
mod fixes;
mod free;
mod sign;

use super::rules::{Amsgrad, Epsilon, Rule};

/// Whose form of the optimizers to use: the article's (the default), PyTorch's, Keras's or
/// optax's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Convention {
    /// The article series' forms and defaults.
    Article,
    /// `torch.optim`'s forms and defaults.
    PyTorch,
    /// `keras.optimizers`' (Keras 3) forms and defaults.
    Keras,
    /// optax's (0.2.8) forms and defaults; the learning rate, which optax does not default,
    /// is the optimizer's own.
    Optax,
}

impl Convention {
    /// Every convention, the default first.
    pub const ALL: [Convention; 4] = [
        Convention::Article,
        Convention::PyTorch,
        Convention::Keras,
        Convention::Optax,
    ];

    /// Its key value: `article`, `pytorch`, `keras`, `optax`.
    pub fn name(self) -> &'static str {
        match self {
            Convention::Article => "article",
            Convention::PyTorch => "pytorch",
            Convention::Keras => "keras",
            Convention::Optax => "optax",
        }
    }

    /// How the page and the docs write it.
    pub fn label(self) -> &'static str {
        match self {
            Convention::Article => "Article",
            Convention::PyTorch => "PyTorch",
            Convention::Keras => "Keras",
            Convention::Optax => "optax",
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
    /// Its state columns: a pair per state vector (`m1, m2` for m), then the scalars both
    /// weights share (the last [`Form::shared`] columns).
    pub state: &'static [&'static str],
    /// How many of the state columns are shared scalars.
    pub shared: usize,
    /// The first state vectors' values before the first step, the pairs' then the shared
    /// scalars' (Keras's AdaGrad starts at 0.1, NAdam's product of momenta at 1); the others
    /// start at 0.
    pub initial: &'static [f64],
    /// Defaults that differ from the optimizer's own in this convention.
    pub defaults: &'static [(&'static str, f64)],
}

/// Which family an optimizer belongs to (the page groups its list by family).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Family {
    /// Gradient descent and momentum.
    Classical,
    /// A learning rate per weight from the gradients' squares: AdaGrad, RMSProp, Adadelta.
    Adaptive,
    /// Adam and the fixes of Adam.
    Adam,
    /// Steps whose length ignores the gradient's size: Rprop, Lion.
    Sign,
    /// Methods that estimate their own learning rate.
    LearningRateFree,
}

impl Family {
    /// Every family, in the page's order.
    pub const ALL: [Family; 5] = [
        Family::Classical,
        Family::Adaptive,
        Family::Adam,
        Family::Sign,
        Family::LearningRateFree,
    ];

    /// How the page writes it.
    pub fn label(self) -> &'static str {
        match self {
            Family::Classical => "Classical",
            Family::Adaptive => "Adaptive",
            Family::Adam => "Adam's family",
            Family::Sign => "Sign-based",
            Family::LearningRateFree => "Learning-rate-free",
        }
    }
}

impl Form {
    /// How many state pairs it keeps.
    pub const fn pairs(&self) -> usize {
        (self.state.len() - self.shared) / 2
    }
}

/// One optimizer.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct OptimizerSpec {
    /// Its name in the CLI, URLs and the JS API.
    pub name: &'static str,
    /// How the page writes it.
    pub label: &'static str,
    /// Its family.
    pub family: Family,
    /// One line on what it fixes, with its reference (the page shows it under the select).
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
const BUFFER_FORMULA: &str = "b ← alpha·b + g;  w ← w − lr·b";
const NESTEROV_BUFFER_FORMULA: &str = "b ← alpha·b + g;  w ← w − lr·(g + alpha·b)";
const ADAMW_FORMULA: &str = "m ← beta1·m + (1−beta1)·g;  v ← beta2·v + (1−beta2)·g⊙g;  \
                          w ← w − lr·(m̂ ⊘ (√v̂ + eps) + weight_decay·w)";
const ADAMAX_FORMULA: &str = "m ← beta1·m + (1−beta1)·g;  u ← max(beta2·u, |g| + eps);  \
                          w ← w − lr/(1−beta1^t)·m ⊘ u";
const LION_FORMULA: &str = "c = beta1·m + (1−beta1)·g;  w ← w − lr·(sign(c) + weight_decay·w);  \
                          m ← beta2·m + (1−beta2)·g";
const GD_UPDATE: &str = "−lr·∇E";
const MOMENTUM_UPDATE: &str = "m(t)";
const ROOT_OF_SUM_UPDATE: &str = "−lr·∇E⊘√(s+ε)";
const ROOT_PLUS_EPS_UPDATE: &str = "−lr·∇E⊘(√s+ε)";
const ADAM_UPDATE: &str = "−lr·m̂⊘(√v̂+ε)";
const ADADELTA_UPDATE: &str = "−lr·Δ";
const BUFFER_UPDATE: &str = "−lr·b(t)";
const NESTEROV_BUFFER_UPDATE: &str = "−lr·(∇E + alpha·b)";
const ADAMW_UPDATE: &str = "−lr·(m̂⊘(√v̂+ε) + λ·w)";
const LION_UPDATE: &str = "−lr·(sign(c) + λ·w)";

/// A form whose state starts at zero.
const NO_STATE: &[f64] = &[];

/// Every optimizer, in the order of the page's colours (new ones are added at the end, so
/// that compare mode's colours stay). The forms take their defaults from the frameworks'
/// documentation (see docs/optimizers.md).
pub static TABLE: &[OptimizerSpec] = &[
    classical::GD,
    classical::MOMENTUM,
    adaptive::ADAGRAD,
    adaptive::RMSPROP,
    adam::ADAM,
    classical::NESTEROV,
    adam::ADAMW,
    adam::AMSGRAD,
    adam::ADAMAX,
    adaptive::ADADELTA,
    sign::LION,
    sign::RPROP,
    fixes::NADAM,
    fixes::RADAM,
    fixes::ADABELIEF,
    fixes::YOGI,
    fixes::ADOPT,
    free::PRODIGY,
    free::DADAPT,
    free::SCHEDULEFREE,
];
