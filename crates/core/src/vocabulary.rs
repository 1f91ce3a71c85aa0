//! The one vocabulary of Descent: every key a run takes, shared by CLI flags (`_` written
//! `-`), URL query keys, JS config keys and the custom element's attributes. The run keys are
//! listed here; the hyperparameter keys come from the optimizer table's
//! [`HYPERPARAMETERS`](crate::optimizer::HYPERPARAMETERS).

use crate::optimizer::{Convention, HYPERPARAMETERS};

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
pub const LEADING_KEYS: &[Key] = &[
    Key {
        key: "function",
        placeholder: "EXPR",
        help: "the error function E(w1, w2), e.g. 3*w1^2 + 10*w2^2",
        value: Value::Text,
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
            "whose form of the optimizers and whose defaults: the article's, PyTorch's or Keras's",
        value: Value::Choice(convention_names),
    },
];

/// The keys that come after the hyperparameters.
pub const TRAILING_KEYS: &[Key] = &[
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
];

/// Every key of a run, in documentation order.
pub fn keys() -> Vec<&'static str> {
    let hyperparameters = HYPERPARAMETERS.iter().map(|h| h.key);
    LEADING_KEYS
        .iter()
        .map(|k| k.key)
        .chain(hyperparameters)
        .chain(TRAILING_KEYS.iter().map(|k| k.key))
        .collect()
}

/// The run key `key` (not a hyperparameter).
pub fn key(key: &str) -> Option<&'static Key> {
    LEADING_KEYS
        .iter()
        .chain(TRAILING_KEYS)
        .find(|k| k.key == key)
}

/// Whether `key` is in the vocabulary.
pub fn is_key(key: &str) -> bool {
    keys().contains(&key)
}
