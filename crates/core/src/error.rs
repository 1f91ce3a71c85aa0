//! Why a set of parameters was not accepted: one error type for the CLI, URLs and the JS API,
//! whose messages say how to fix the input.

use crate::data::DataError;
use crate::function::FunctionError;

/// Why a set of parameters was not accepted; each message says how to fix it.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ConfigError {
    /// A key outside the vocabulary.
    #[error("unknown parameter `{key}`; the parameters are {keys}")]
    UnknownKey {
        /// The key as given.
        key: String,
        /// The keys accepted where it was given, comma-separated.
        keys: String,
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
    /// A value that is not a whole number in range.
    #[error("`{key}` must be a whole number from {min} to {max}, not `{value}`")]
    WholeNumber {
        /// The key.
        key: String,
        /// The value as given.
        value: String,
        /// The smallest allowed.
        min: u64,
        /// The largest allowed.
        max: u64,
    },
    /// Two keys given together that exclude each other.
    #[error("`{key}` and `{other}` exclude each other: {reason}")]
    Excludes {
        /// The key.
        key: String,
        /// The key it excludes.
        other: &'static str,
        /// Why, and what to do.
        reason: &'static str,
    },
    /// A key given without the key it needs.
    #[error("`{key}` needs `{needed}`: {reason}")]
    Requires {
        /// The key.
        key: String,
        /// The key it needs.
        needed: &'static str,
        /// Why.
        reason: &'static str,
    },
    /// A schedule parameter the chosen schedule does not take.
    #[error("`{key}` is not used by the {schedule} schedule, which takes {accepted}")]
    NotUsedBySchedule {
        /// The key.
        key: String,
        /// The schedule's name.
        schedule: &'static str,
        /// Its parameters, comma-separated.
        accepted: String,
    },
    /// A data set that cannot be read or does not suit the model.
    #[error("`data`: {0}")]
    Data(#[from] DataError),
    /// A view that is not four numbers `w1min,w1max,w2min,w2max` with min < max.
    #[error(
        "`view` must be four numbers w1min,w1max,w2min,w2max{}, not `{value}`",
        if *.numbers { " with min < max" } else { "" }
    )]
    View {
        /// The value as given.
        value: String,
        /// Whether it was numbers (then too few, too many, or not in order).
        numbers: bool,
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
    /// The error for `key` where only `keys` are accepted.
    pub fn unknown_key(key: &str, keys: &[&str]) -> Self {
        ConfigError::UnknownKey {
            key: key.to_owned(),
            keys: keys.join(", "),
        }
    }

    /// The key the error is about.
    pub fn key(&self) -> &str {
        match self {
            ConfigError::UnknownKey { key, .. }
            | ConfigError::Missing { key }
            | ConfigError::Repeated { key }
            | ConfigError::NotUsed { key, .. }
            | ConfigError::NotANumber { key, .. }
            | ConfigError::OutOfRange { key, .. }
            | ConfigError::NotAChoice { key, .. }
            | ConfigError::WholeNumber { key, .. }
            | ConfigError::Excludes { key, .. }
            | ConfigError::Requires { key, .. }
            | ConfigError::NotUsedBySchedule { key, .. }
            | ConfigError::Sweep { key, .. } => key,
            ConfigError::Data(_) => "data",
            ConfigError::UnknownOptimizer { .. } => "optimizer",
            ConfigError::Start { .. } => "start",
            ConfigError::Steps { .. } => "steps",
            ConfigError::View { .. } => "view",
            ConfigError::Function(_) => "function",
        }
    }
}
