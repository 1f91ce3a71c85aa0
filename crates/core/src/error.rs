//! Why a set of parameters was not accepted: one error type for the CLI, URLs and the JS API,
//! whose messages say how to fix the input.

use crate::function::FunctionError;
use crate::optimizer::OptimizerKind;
use crate::vocabulary;

/// Why a set of parameters was not accepted; each message says how to fix it.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ConfigError {
    /// A key outside the vocabulary.
    #[error("unknown parameter `{key}`; the parameters are {}", vocabulary::keys().join(", "))]
    UnknownKey {
        /// The key as given.
        key: String,
    },
    /// A required key that is missing.
    #[error("`{key}` is required")]
    Missing {
        /// The key.
        key: String,
    },
    /// The same key twice.
    #[error("`{key}` is given more than once")]
    Repeated {
        /// The key.
        key: String,
    },
    /// An optimizer name that does not exist.
    #[error("unknown optimizer `{name}`; choose one of {names}")]
    UnknownOptimizer {
        /// The name as given.
        name: String,
        /// The optimizers' names, comma-separated.
        names: String,
    },
    /// A hyperparameter the chosen optimizer does not have.
    #[error("`{key}` is not a hyperparameter of {optimizer}, which takes {accepted}")]
    NotUsed {
        /// The key.
        key: String,
        /// The chosen optimizer's name.
        optimizer: &'static str,
        /// Its hyperparameters, comma-separated.
        accepted: String,
    },
    /// A value that is not a number.
    #[error("`{key}` must be a number, not `{value}`")]
    NotANumber {
        /// The key.
        key: String,
        /// The value as given.
        value: String,
    },
    /// A number outside the allowed range.
    #[error("`{key}` must be {range}, not {value}")]
    OutOfRange {
        /// The key.
        key: String,
        /// The value.
        value: f64,
        /// The allowed range, in words.
        range: String,
    },
    /// A value that is not one of a key's choices.
    #[error("`{key}` must be one of {choices}, not `{value}`")]
    NotAChoice {
        /// The key.
        key: String,
        /// The value as given.
        value: String,
        /// The choices, comma-separated.
        choices: String,
    },
    /// A start point that is not two finite numbers.
    #[error("`start` must be two finite numbers w1,w2 such as -15,20, not `{value}`")]
    Start {
        /// The value as given.
        value: String,
    },
    /// An iteration count that is not a whole number in range.
    #[error("`steps` must be a whole number from 0 to {max}, not `{value}`")]
    Steps {
        /// The value as given.
        value: String,
        /// The largest count allowed.
        max: usize,
    },
    /// A value of a sweep key (`kind`, `view`, `grid`, `x`, `y`) that is not accepted, or a
    /// sweep too large to run.
    #[error("`{key}` {problem}")]
    Sweep {
        /// The key.
        key: String,
        /// What is wrong and what is accepted, after the key.
        problem: String,
    },
    /// A function text that does not parse.
    #[error("`function`: {0}")]
    Function(#[from] FunctionError),
}

impl ConfigError {
    /// The error for hyperparameter `key` given to an optimizer that does not have it.
    pub fn not_used(key: &str, kind: OptimizerKind) -> Self {
        ConfigError::NotUsed {
            key: key.to_owned(),
            optimizer: kind.name(),
            accepted: kind.keys_text(),
        }
    }

    /// The key the error is about.
    pub fn key(&self) -> &str {
        match self {
            ConfigError::UnknownKey { key }
            | ConfigError::Missing { key }
            | ConfigError::Repeated { key }
            | ConfigError::NotUsed { key, .. }
            | ConfigError::NotANumber { key, .. }
            | ConfigError::OutOfRange { key, .. }
            | ConfigError::NotAChoice { key, .. }
            | ConfigError::Sweep { key, .. } => key,
            ConfigError::UnknownOptimizer { .. } => "optimizer",
            ConfigError::Start { .. } => "start",
            ConfigError::Steps { .. } => "steps",
            ConfigError::Function(_) => "function",
        }
    }
}
