//! The one vocabulary of Descent: every key a run takes, shared by CLI flags (`_` written
//! `-`), URL query keys, JS config keys and the custom element's attributes. The run keys are
//! listed here; the hyperparameter keys come from the optimizer table's
//! [`HYPERPARAMETERS`](crate::optimizer::HYPERPARAMETERS).

use crate::data::neuron::Model;
use crate::optimizer::{Convention, HYPERPARAMETERS};
use crate::training::sampling::NOISE;
use crate::training::schedule::{ScheduleKind, GAMMA, LR_MIN, PERIOD, WARMUP};

/// What kind of value a key takes (for help texts, forms and the TypeScript types).
#[derive(Clone, Copy, Debug)]
pub enum Value {
    /// Free text (an expression).
    Text,
    /// One of a fixed list of names.
    Choice(fn() -> Vec<&'static str>),
    /// A number.
    Number,
    /// A whole number ≥ 0.
    Count,
    /// Two numbers `w1,w2`.
    Point,
    /// On (`1`, `true`) or off (`0`, `false`); a command-line flag without a value.
    Switch,
}

/// One key of a run besides the hyperparameters.
#[derive(Clone, Copy, Debug)]
pub struct Key {
    /// The key.
    pub key: &'static str,
    /// Its value in usage lines: `EXPR`, `NAME`, `W1,W2`, `N`.
    pub placeholder: &'static str,
    /// What it sets, for help texts and doc comments.
    pub help: &'static str,
    /// What it takes.
    pub value: Value,
}

impl Key {
    /// The key as a command-line flag, without the dashes.
    pub fn flag(&self) -> String {
        self.key.replace('_', "-")
    }
}

/// The optimizers' names.
fn optimizer_names() -> Vec<&'static str> {
    crate::optimizer::TABLE.iter().map(|s| s.name).collect()
}

/// The conventions' names.
fn convention_names() -> Vec<&'static str> {
    Convention::ALL.iter().map(|c| c.name()).collect()
}

/// The keys that come before the hyperparameters, in documentation order.
pub static LEADING_KEYS: &[Key] = &[
    Key {
        key: "function",
        placeholder: "EXPR",
        help: "the error function E(w1, w2), e.g. 3*w1^2 + 10*w2^2",
        value: Value::Text,
    },
    Key {
        key: "rotate",
        placeholder: "DEG",
        help: "turns the function's surface counterclockwise about the origin by DEG degrees \
               (-360 to 360): E(R(−θ)·w), its gradient and Hessian turned with it",
        value: Value::Number,
    },
    Key {
        key: "data",
        placeholder: "NAME|FILE",
        help: "a data set to fit instead of a function: a built-in set's name, \
               inline:x,y;x,y;… or, on the command line, a CSV file with the header x,y",
        value: Value::Text,
    },
    Key {
        key: "model",
        placeholder: "NAME",
        help: "the one-neuron model fitted to the data: linear (mean squared error) or \
               logistic (mean cross-entropy); default: the data set's own, else linear",
        value: Value::Choice(Model::names),
    },
    Key {
        key: "optimizer",
        placeholder: "NAME",
        help: "which optimizer walks down the surface",
        value: Value::Choice(optimizer_names),
    },
    Key {
        key: "convention",
        placeholder: "NAME",
        help:
            "whose form of the optimizers and whose defaults: the article's, PyTorch's, Keras's or optax's",
        value: Value::Choice(convention_names),
    },
];

/// The keys of the learning-rate schedule and of the step's gradient, after the
/// hyperparameters.
pub static TRAINING_KEYS: &[Key] = &[
    Key {
        key: "schedule",
        placeholder: "NAME",
        help: "the learning-rate schedule η(t) scaling the optimizer's η",
        value: Value::Choice(ScheduleKind::names),
    },
    Key {
        key: GAMMA.key,
        placeholder: "X",
        help: GAMMA.help,
        value: Value::Number,
    },
    Key {
        key: PERIOD.key,
        placeholder: "N",
        help: PERIOD.help,
        value: Value::Count,
    },
    Key {
        key: LR_MIN.key,
        placeholder: "X",
        help: LR_MIN.help,
        value: Value::Number,
    },
    Key {
        key: WARMUP.key,
        placeholder: "N",
        help: WARMUP.help,
        value: Value::Count,
    },
    Key {
        key: NOISE.key,
        placeholder: "SIGMA",
        help: NOISE.help,
        value: Value::Number,
    },
    Key {
        key: "seed",
        placeholder: "N",
        help: "the seed of the noise and of the mini-batch order: the same seed gives the same \
               run",
        value: Value::Count,
    },
    Key {
        key: "batch",
        placeholder: "B",
        help: "the mini-batch size: each step uses the mean gradient of B samples, each sample \
               once per epoch (default: the whole data set)",
        value: Value::Count,
    },
];

/// The keys that come after the hyperparameters.
pub static TRAILING_KEYS: &[Key] = &[
    Key {
        key: "start",
        placeholder: "W1,W2",
        help: "the start point w(0)",
        value: Value::Point,
    },
    Key {
        key: "steps",
        placeholder: "N",
        help: "the number of iterations",
        value: Value::Count,
    },
    Key {
        key: "tol",
        placeholder: "T",
        help: "stop at the first iteration where the gradient's norm |∇E(w)| is at most T \
               (stop reason `converged`); 0, the default, never stops",
        value: Value::Number,
    },
    Key {
        key: "curvature",
        placeholder: "1",
        help: "adds the columns h11,h12,h22 (the exact Hessian H at w(t)), lambda1,lambda2 \
               (its eigenvalues), pre_sharpness (the largest eigenvalue of D^½·H·D^½, D the \
               per-weight step sizes of the step from w(t)) and threshold (the pre-sharpness \
               above which that step is unstable; empty for sign-based optimizers)",
        value: Value::Switch,
    },
];

/// Every key of a run, in documentation order.
pub fn keys() -> Vec<&'static str> {
    let hyperparameters = HYPERPARAMETERS.iter().map(|h| h.key);
    LEADING_KEYS
        .iter()
        .map(|k| k.key)
        .chain(hyperparameters)
        .chain(TRAINING_KEYS.iter().map(|k| k.key))
        .chain(TRAILING_KEYS.iter().map(|k| k.key))
        .collect()
}

/// The run key `key` (not a hyperparameter).
pub fn key(key: &str) -> Option<&'static Key> {
    LEADING_KEYS
        .iter()
        .chain(TRAINING_KEYS)
        .chain(TRAILING_KEYS)
        .find(|k| k.key == key)
}

/// Whether `key` is in the vocabulary.
pub fn is_key(key: &str) -> bool {
    keys().contains(&key)
}
