//! The one parameter vocabulary of Descent — `function, optimizer, lr, alpha, beta, beta1,
//! beta2, eps, start, steps` — shared by CLI flags, URL keys and the JS API: one config type,
//! one validation, one set of messages.

use std::collections::BTreeMap;

use crate::function::{Function, FunctionError};
use crate::optimizer::{AdaGrad, Adam, Gd, Momentum, Optimizer, OptimizerKind, RmsProp};
use crate::trajectory::{trajectory, Trajectory};

/// The most iterations a run may have: 100 000 RMSProp steps on Rosenbrock take a few
/// milliseconds in the browser, so every run stays interactive.
pub const MAX_STEPS: usize = 100_000;

/// Every key of the vocabulary, in documentation order.
pub const KEYS: [&str; 10] = [
    "function",
    "optimizer",
    "lr",
    "alpha",
    "beta",
    "beta1",
    "beta2",
    "eps",
    "start",
    "steps",
];

/// The article's example, used where a key is missing.
pub mod defaults {
    /// E(w) = 3·w1² + 10·w2².
    pub const FUNCTION: &str = "3*w1^2 + 10*w2^2";
    /// The article's adaptive learning scheme.
    pub const OPTIMIZER: super::OptimizerKind = super::OptimizerKind::RmsProp;
    /// w(0) = (−15, 20).
    pub const START: [f64; 2] = [-15.0, 20.0];
    /// Iterations shown by default.
    pub const STEPS: usize = 300;
}

/// A hyperparameter: a numeric key whose meaning and default depend on the optimizer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hyperparameter {
    /// Learning rate η, > 0.
    Lr,
    /// Momentum α in [0, 1].
    Alpha,
    /// RMSProp's decay β in [0, 1].
    Beta,
    /// Adam's first-moment decay β1 in [0, 1).
    Beta1,
    /// Adam's second-moment decay β2 in [0, 1).
    Beta2,
    /// Smoothing term ε, > 0.
    Eps,
}

impl Hyperparameter {
    /// All of them, in vocabulary order.
    pub const ALL: [Hyperparameter; 6] = [
        Hyperparameter::Lr,
        Hyperparameter::Alpha,
        Hyperparameter::Beta,
        Hyperparameter::Beta1,
        Hyperparameter::Beta2,
        Hyperparameter::Eps,
    ];

    /// Its key.
    pub fn name(self) -> &'static str {
        match self {
            Hyperparameter::Lr => "lr",
            Hyperparameter::Alpha => "alpha",
            Hyperparameter::Beta => "beta",
            Hyperparameter::Beta1 => "beta1",
            Hyperparameter::Beta2 => "beta2",
            Hyperparameter::Eps => "eps",
        }
    }

    /// The hyperparameter with key `name`.
    pub fn named(name: &str) -> Option<Self> {
        Hyperparameter::ALL.into_iter().find(|h| h.name() == name)
    }

    /// The allowed values, as the messages write them.
    pub fn range(self) -> &'static str {
        match self {
            Hyperparameter::Lr | Hyperparameter::Eps => "a finite number > 0",
            Hyperparameter::Alpha | Hyperparameter::Beta => "in [0, 1]",
            Hyperparameter::Beta1 | Hyperparameter::Beta2 => "in [0, 1)",
        }
    }

    /// Whether `value` is allowed.
    pub fn accepts(self, value: f64) -> bool {
        match self {
            Hyperparameter::Lr | Hyperparameter::Eps => value.is_finite() && value > 0.0,
            Hyperparameter::Alpha | Hyperparameter::Beta => (0.0..=1.0).contains(&value),
            Hyperparameter::Beta1 | Hyperparameter::Beta2 => (0.0..1.0).contains(&value),
        }
    }
}

impl OptimizerKind {
    /// Its hyperparameters with their defaults.
    pub fn hyperparameters(self) -> &'static [(Hyperparameter, f64)] {
        use Hyperparameter::*;
        match self {
            OptimizerKind::Gd => &[(Lr, 0.001)],
            OptimizerKind::Momentum => &[(Lr, 0.001), (Alpha, 0.9)],
            OptimizerKind::AdaGrad => &[(Lr, 0.5), (Eps, 1e-8)],
            OptimizerKind::RmsProp => &[(Lr, 0.05), (Beta, 0.9), (Eps, 1e-8)],
            OptimizerKind::Adam => &[(Lr, 0.001), (Beta1, 0.9), (Beta2, 0.999), (Eps, 1e-8)],
        }
    }

    /// The default of hyperparameter `h`, if this optimizer has it.
    pub fn default_of(self, h: Hyperparameter) -> Option<f64> {
        self.hyperparameters()
            .iter()
            .find(|(k, _)| *k == h)
            .map(|&(_, d)| d)
    }

    /// The optimizer with hyperparameter values from `value` (called for each of its own).
    pub fn with(self, value: impl Fn(Hyperparameter) -> f64) -> Optimizer {
        use Hyperparameter::*;
        match self {
            OptimizerKind::Gd => Optimizer::Gd(Gd { lr: value(Lr) }),
            OptimizerKind::Momentum => Optimizer::Momentum(Momentum {
                lr: value(Lr),
                alpha: value(Alpha),
            }),
            OptimizerKind::AdaGrad => Optimizer::AdaGrad(AdaGrad {
                lr: value(Lr),
                eps: value(Eps),
            }),
            OptimizerKind::RmsProp => Optimizer::RmsProp(RmsProp {
                lr: value(Lr),
                beta: value(Beta),
                eps: value(Eps),
            }),
            OptimizerKind::Adam => Optimizer::Adam(Adam {
                lr: value(Lr),
                beta1: value(Beta1),
                beta2: value(Beta2),
                eps: value(Eps),
            }),
        }
    }

    /// The optimizer with its default hyperparameters.
    pub fn with_defaults(self) -> Optimizer {
        self.with(|h| self.default_of(h).unwrap_or(f64::NAN))
    }
}

impl Optimizer {
    /// The value of hyperparameter `h`, if this optimizer has it.
    pub fn get(&self, h: Hyperparameter) -> Option<f64> {
        use Hyperparameter::*;
        match (self, h) {
            (Optimizer::Gd(o), Lr) => Some(o.lr),
            (Optimizer::Momentum(o), Lr) => Some(o.lr),
            (Optimizer::Momentum(o), Alpha) => Some(o.alpha),
            (Optimizer::AdaGrad(o), Lr) => Some(o.lr),
            (Optimizer::AdaGrad(o), Eps) => Some(o.eps),
            (Optimizer::RmsProp(o), Lr) => Some(o.lr),
            (Optimizer::RmsProp(o), Beta) => Some(o.beta),
            (Optimizer::RmsProp(o), Eps) => Some(o.eps),
            (Optimizer::Adam(o), Lr) => Some(o.lr),
            (Optimizer::Adam(o), Beta1) => Some(o.beta1),
            (Optimizer::Adam(o), Beta2) => Some(o.beta2),
            (Optimizer::Adam(o), Eps) => Some(o.eps),
            _ => None,
        }
    }
}

/// Why a set of parameters was not accepted; each message says how to fix it.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ConfigError {
    /// A key outside the vocabulary.
    #[error("unknown parameter `{key}`; the parameters are {}", KEYS.join(", "))]
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
    #[error("unknown optimizer `{name}`; choose one of gd, momentum, adagrad, rmsprop, adam")]
    UnknownOptimizer {
        /// The name as given.
        name: String,
    },
    /// A hyperparameter the chosen optimizer does not have.
    #[error("`{key}` is not a hyperparameter of {optimizer}, which takes {accepted}")]
    NotUsed {
        /// The key.
        key: String,
        /// The chosen optimizer.
        optimizer: OptimizerKind,
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
        range: &'static str,
    },
    /// A start point that is not two finite numbers.
    #[error("`start` must be two finite numbers w1,w2 such as -15,20, not `{value}`")]
    Start {
        /// The value as given.
        value: String,
    },
    /// An iteration count that is not a whole number in range.
    #[error("`steps` must be a whole number from 0 to {MAX_STEPS}, not `{value}`")]
    Steps {
        /// The value as given.
        value: String,
    },
    /// A function text that does not parse.
    #[error("`function`: {0}")]
    Function(#[from] FunctionError),
}

impl ConfigError {
    /// The error for hyperparameter `h` given to an optimizer that does not have it.
    pub fn not_used(h: Hyperparameter, kind: OptimizerKind) -> Self {
        ConfigError::NotUsed {
            key: h.name().to_owned(),
            optimizer: kind,
            accepted: kind
                .hyperparameters()
                .iter()
                .map(|(k, _)| k.name())
                .collect::<Vec<_>>()
                .join(", "),
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
            | ConfigError::OutOfRange { key, .. } => key,
            ConfigError::UnknownOptimizer { .. } => "optimizer",
            ConfigError::Start { .. } => "start",
            ConfigError::Steps { .. } => "steps",
            ConfigError::Function(_) => "function",
        }
    }
}

/// A validated run: what to minimise, how, from where, for how long.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// The error function E(w1, w2).
    pub function: Function,
    /// The optimizer and its hyperparameters.
    pub optimizer: Optimizer,
    /// The start point w(0).
    pub start: [f64; 2],
    /// The number of iterations.
    pub steps: usize,
}

/// Parses a number as the vocabulary writes it (Rust's `f64` syntax, surrounding spaces
/// allowed).
pub fn parse_number(key: &str, value: &str) -> Result<f64, ConfigError> {
    value
        .trim()
        .parse::<f64>()
        .map_err(|_| ConfigError::NotANumber {
            key: key.to_owned(),
            value: value.to_owned(),
        })
}

/// Parses `start`: two finite numbers separated by a comma.
pub fn parse_start(value: &str) -> Result<[f64; 2], ConfigError> {
    let bad = || ConfigError::Start {
        value: value.to_owned(),
    };
    let (a, b) = value.split_once(',').ok_or_else(bad)?;
    let parse = |s: &str| s.trim().parse::<f64>().ok().filter(|x| x.is_finite());
    Ok([parse(a).ok_or_else(bad)?, parse(b).ok_or_else(bad)?])
}

/// Parses `steps`: a whole number from 0 to [`MAX_STEPS`].
pub fn parse_steps(value: &str) -> Result<usize, ConfigError> {
    value
        .trim()
        .parse::<usize>()
        .ok()
        .filter(|&n| n <= MAX_STEPS)
        .ok_or_else(|| ConfigError::Steps {
            value: value.to_owned(),
        })
}

/// Parses hyperparameter `h` and checks its range.
pub fn parse_hyperparameter(h: Hyperparameter, value: &str) -> Result<f64, ConfigError> {
    let x = parse_number(h.name(), value)?;
    if h.accepts(x) {
        Ok(x)
    } else {
        Err(ConfigError::OutOfRange {
            key: h.name().to_owned(),
            value: x,
            range: h.range(),
        })
    }
}

/// Parses an optimizer name.
pub fn parse_optimizer(value: &str) -> Result<OptimizerKind, ConfigError> {
    value
        .trim()
        .parse()
        .map_err(|()| ConfigError::UnknownOptimizer {
            name: value.to_owned(),
        })
}

impl Config {
    /// The article's example with every default.
    pub fn article_example() -> Config {
        Config::from_pairs([]).unwrap_or_else(|_| unreachable!("the defaults are valid"))
    }

    /// Validates `key = value` pairs; missing keys take the defaults of the chosen optimizer.
    /// The first problem found is returned: unknown or repeated keys, then values in
    /// vocabulary order.
    pub fn from_pairs<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Config, ConfigError> {
        let mut given: BTreeMap<&str, &str> = BTreeMap::new();
        for (key, value) in pairs {
            if !KEYS.contains(&key) {
                return Err(ConfigError::UnknownKey {
                    key: key.to_owned(),
                });
            }
            if given.insert(key, value).is_some() {
                return Err(ConfigError::Repeated {
                    key: key.to_owned(),
                });
            }
        }
        let kind = given
            .get("optimizer")
            .map_or(Ok(defaults::OPTIMIZER), |v| parse_optimizer(v))?;
        let mut values = Vec::new();
        for h in Hyperparameter::ALL {
            let value = given.get(h.name()).copied();
            match (kind.default_of(h), value) {
                (None, Some(_)) => return Err(ConfigError::not_used(h, kind)),
                (None, None) => {}
                (Some(default), None) => values.push((h, default)),
                (Some(_), Some(v)) => values.push((h, parse_hyperparameter(h, v)?)),
            }
        }
        let start = given
            .get("start")
            .map_or(Ok(defaults::START), |v| parse_start(v))?;
        let steps = given
            .get("steps")
            .map_or(Ok(defaults::STEPS), |v| parse_steps(v))?;
        let function = Function::parse(given.get("function").unwrap_or(&defaults::FUNCTION))?;
        let optimizer = kind.with(|h| {
            values
                .iter()
                .find(|(k, _)| *k == h)
                .map_or(f64::NAN, |&(_, v)| v)
        });
        Ok(Config {
            function,
            optimizer,
            start,
            steps,
        })
    }

    /// Runs the optimizer: the trajectory of `steps` iterations from `start`.
    pub fn run(&self) -> Trajectory {
        trajectory(&self.function, &self.optimizer, self.start, self.steps)
    }
}
