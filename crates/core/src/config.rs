//! A validated run from the vocabulary's `key = value` pairs: one config type, one
//! validation, one set of messages for the CLI, URLs and the JS API.

use std::collections::BTreeMap;

use crate::curvature;
use crate::data::{no_files, LoadData};
use crate::error::ConfigError;
use crate::function::Function;
use crate::kernel::{KernelHost, MIN_TRAJECTORY_STEPS};
use crate::objective::{data_model_from_given, DataModel, Objective};
use crate::optimizer::{Convention, Optimizer, OptimizerKind, State, HYPERPARAMETERS};
use crate::text::number;
use crate::training::sampling::Sampling;
use crate::training::schedule::Schedule;
use crate::training::Training;
use crate::trajectory::{
    trajectory_columns_with, trajectory_within, ColumnStore, Limits, Trajectory, TrajectoryColumns,
};
use crate::vocabulary;

pub use crate::parse::{
    parse_hyperparameter, parse_number, parse_rotation, parse_switch, MAX_ROTATION, MAX_STEPS,
};

/// The article's example, used where a key is missing.
pub mod defaults {
    use crate::optimizer::{Convention, OptimizerKind};

    /// E(w) = 3·w1² + 10·w2².
    pub const FUNCTION: &str = "3*w1^2 + 10*w2^2";
    /// The article's adaptive learning scheme.
    pub const OPTIMIZER: OptimizerKind = OptimizerKind::must("rmsprop");
    /// The article's forms and defaults.
    pub const CONVENTION: Convention = Convention::Article;
    /// w(0) = (−15, 20).
    pub const START: [f64; 2] = [-15.0, 20.0];
    /// Iterations shown by default.
    pub const STEPS: usize = 300;
    /// w(0) of a model on a data set: every weight starts at zero.
    pub const DATA_START: [f64; 2] = [0.0, 0.0];
    /// No tolerance: every run takes all its steps unless it diverges.
    pub const TOL: f64 = 0.0;
}

/// A validated run: what to minimise, how, from where, for how long.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// The error function E(w1, w2).
    pub function: Function,
    /// The optimizer, its convention and its hyperparameters.
    pub optimizer: Optimizer,
    /// The start point w(0).
    pub start: [f64; 2],
    /// The number of iterations.
    pub steps: usize,
    /// The data set and model when the run fits one (`data` given). `function` is then the
    /// default function and unused: read what the run minimises from [`Config::objective`].
    pub data: Option<DataModel>,
    /// How each step's gradient is drawn: noise σ, seed, mini-batch size.
    pub sampling: Sampling,
    /// The learning-rate schedule η(t).
    pub schedule: Schedule,
    /// Stop at the first row whose gradient's norm is at most `tol`; 0 never stops.
    pub tol: f64,
    /// Whether its columns include the curvature at each row ([`crate::curvature`]).
    pub curvature: bool,
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
            max: MAX_STEPS,
        })
}

/// Parses `tol`: a finite number ≥ 0 (0: no tolerance).
pub fn parse_tol(value: &str) -> Result<f64, ConfigError> {
    let tol = parse_number("tol", value)?;
    if tol.is_finite() && tol >= 0.0 {
        Ok(tol)
    } else {
        Err(ConfigError::OutOfRange {
            key: "tol".to_owned(),
            value: tol,
            range: "a finite number ≥ 0 (0: never stop early)".to_owned(),
        })
    }
}

/// Parses an optimizer name.
pub fn parse_optimizer(value: &str) -> Result<OptimizerKind, ConfigError> {
    value.parse()
}

/// Parses a convention name.
pub fn parse_convention(value: &str) -> Result<Convention, ConfigError> {
    Convention::named(value.trim()).ok_or_else(|| ConfigError::NotAChoice {
        key: "convention".to_owned(),
        value: value.to_owned(),
        choices: Convention::ALL.map(Convention::name).join(", "),
    })
}

/// Sets the hyperparameters given in `given` on `optimizer`, in vocabulary order; a key the
/// optimizer does not have is an error.
pub fn set_hyperparameters(
    optimizer: &mut Optimizer,
    given: &BTreeMap<&str, &str>,
) -> Result<(), ConfigError> {
    for h in HYPERPARAMETERS {
        if let Some(text) = given.get(h.key) {
            if optimizer.get(h.key).is_none() {
                return Err(optimizer.kind().not_used(h.key));
            }
            optimizer.set(h.key, parse_hyperparameter(h, text)?)?;
        }
    }
    Ok(())
}

impl Config {
    /// The article's example with every default.
    pub fn article_example() -> Config {
        Config::from_pairs([]).unwrap_or_else(|_| unreachable!("the defaults are valid"))
    }

    /// Validates `key = value` pairs; missing keys take the defaults of the chosen optimizer
    /// in the chosen convention. The first problem found is returned: unknown or repeated
    /// keys, then values in vocabulary order.
    pub fn from_pairs<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Config, ConfigError> {
        Config::from_pairs_with_data(pairs, &no_files)
    }

    /// [`Config::from_pairs`] where `load` reads `data` values that are no built-in set nor
    /// inline data (the command line's CSV files).
    pub fn from_pairs_with_data<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
        load: LoadData,
    ) -> Result<Config, ConfigError> {
        let mut given: BTreeMap<&str, &str> = BTreeMap::new();
        for (key, value) in pairs {
            if !vocabulary::is_key(key) {
                return Err(ConfigError::unknown_key(key, &vocabulary::keys()));
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
        let convention = given
            .get("convention")
            .map_or(Ok(defaults::CONVENTION), |v| parse_convention(v))?;
        let mut optimizer = Optimizer::new(kind, convention);
        set_hyperparameters(&mut optimizer, &given)?;
        let data = data_model_from_given(&given, load)?;
        let steps = given
            .get("steps")
            .map_or(Ok(defaults::STEPS), |v| parse_steps(v))?;
        let schedule = Schedule::from_given(&given, steps)?;
        let sampling = Sampling::from_given(&given, data.as_ref())?;
        let default_start = if data.is_some() {
            defaults::DATA_START
        } else {
            defaults::START
        };
        let start = given
            .get("start")
            .map_or(Ok(default_start), |v| parse_start(v))?;
        let tol = given
            .get("tol")
            .map_or(Ok(defaults::TOL), |v| parse_tol(v))?;
        let mut function = Function::parse(given.get("function").unwrap_or(&defaults::FUNCTION))?;
        if let Some(value) = given.get("rotate") {
            if data.is_some() {
                return Err(ConfigError::Excludes {
                    key: "rotate".to_owned(),
                    other: "data",
                    reason: "rotate turns a typed function's surface; a data set's surface is \
                             its model's loss",
                });
            }
            function = function.rotated(parse_rotation(value)?);
        }
        let curvature = given
            .get("curvature")
            .map_or(Ok(false), |v| parse_switch("curvature", v))?;
        Ok(Config {
            function,
            optimizer,
            start,
            steps,
            data,
            sampling,
            schedule,
            tol,
            curvature,
        })
    }

    /// The `key = value` pairs that give this config back ([`Config::from_pairs`] of them
    /// equals it), keys at their defaults left out: what a caller sends on to another
    /// validation (the page's maps send the trajectory figure's run to a sweep).
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        match &self.data {
            Some(data) => pairs.extend(data.pairs()),
            None if self.function.source() != defaults::FUNCTION => {
                pairs.push(("function", self.function.source().to_owned()));
            }
            None => {}
        }
        if self.function.rotation() != 0.0 {
            pairs.push(("rotate", number(self.function.rotation())));
        }
        let (kind, convention) = (self.optimizer.kind(), self.optimizer.convention());
        if kind != defaults::OPTIMIZER {
            pairs.push(("optimizer", kind.name().to_owned()));
        }
        if convention != defaults::CONVENTION {
            pairs.push(("convention", convention.name().to_owned()));
        }
        for ((h, value), (_, default)) in self
            .optimizer
            .hyperparameters()
            .zip(kind.hyperparameters(convention))
        {
            if value.to_bits() != default.to_bits() {
                pairs.push((h.key, number(value)));
            }
        }
        pairs.extend(self.sampling.pairs());
        pairs.extend(self.schedule.pairs(self.steps));
        let default_start = if self.data.is_some() {
            defaults::DATA_START
        } else {
            defaults::START
        };
        if self.start != default_start {
            let [a, b] = self.start;
            pairs.push(("start", format!("{},{}", number(a), number(b))));
        }
        if self.steps != defaults::STEPS {
            pairs.push(("steps", self.steps.to_string()));
        }
        if self.tol != defaults::TOL {
            pairs.push(("tol", number(self.tol)));
        }
        if self.curvature {
            pairs.push(("curvature", "1".to_owned()));
        }
        pairs
    }

    /// What the run minimises: the data model if there is one, else the function.
    pub fn objective(&self) -> Objective<'_> {
        self.data
            .as_ref()
            .map_or(Objective::Function(&self.function), Objective::Data)
    }

    /// Whether the run is a plain descent of the function: no data, exact gradients and a
    /// constant learning rate.
    pub fn is_plain(&self) -> bool {
        self.data.is_none() && self.sampling.is_exact() && self.schedule.is_constant()
    }

    /// When its runs end at the latest: `steps` and `tol`.
    pub fn limits(&self) -> Limits {
        Limits {
            steps: self.steps,
            tol: self.tol,
        }
    }

    /// Runs the optimizer: the trajectory of `steps` iterations from `start`, or fewer if a
    /// row's gradient is within `tol`.
    pub fn run(&self) -> Trajectory {
        let mut run = self.run_from(self.start, self.optimizer.initial_state(), self.steps);
        if self.curvature {
            run.curvature = self.training().curvature_of(&run);
        }
        run
    }

    /// `steps` iterations from `start` with the optimizer's `state` (an earlier run's last
    /// state; the schedule, noise and batches go on from its step count), or fewer if a
    /// row's gradient is within `tol`.
    pub fn run_from(&self, start: [f64; 2], state: State, steps: usize) -> Trajectory {
        let limits = Limits {
            steps,
            tol: self.tol,
        };
        if self.is_plain() {
            return trajectory_within(&self.function, &self.optimizer, start, state, limits);
        }
        self.training().run_from(start, state, limits)
    }

    /// [`Config::run`] as columns (equal to its [`Trajectory::column_values`]): the JS API's
    /// `trajectory()`. A plain run is recorded straight into columns, without rows.
    pub fn run_columns(&self) -> TrajectoryColumns {
        self.run_columns_with(None)
    }

    /// [`Config::run_columns`] with a long plain run's steps (at least
    /// [`MIN_TRAJECTORY_STEPS`]) taken by a kernel on `host` (see [`crate::kernel`]): the
    /// same columns, bit for bit, in a store of type `S` (vectors natively, the JS API's
    /// buffer in the web build). A run with curvature, or a training run, keeps its rows first.
    pub fn run_columns_with<S: ColumnStore>(
        &self,
        host: Option<&mut dyn KernelHost>,
    ) -> TrajectoryColumns<S> {
        if self.is_plain() && !self.curvature {
            let host = host.filter(|_| self.steps >= MIN_TRAJECTORY_STEPS);
            return trajectory_columns_with(
                &self.function,
                &self.optimizer,
                self.start,
                self.optimizer.initial_state(),
                self.limits(),
                host,
            );
        }
        let run = self.run_from(self.start, self.optimizer.initial_state(), self.steps);
        let (mut names, mut values) = (run.columns(), run.column_values());
        // As `Trajectory::columns` names them: where there is a row.
        if self.curvature && !run.rows.is_empty() {
            names.extend(curvature::COLUMNS);
            values.extend(self.training().curvature_columns(&run));
        }
        TrajectoryColumns {
            optimizer: run.optimizer,
            names,
            values: S::from_columns(values),
            stop: run.stop,
        }
    }

    /// The run as a training run: objective, optimizer, schedule and sampling (the page reads
    /// η(t), the batches and the gradient cloud through it).
    pub fn training(&self) -> Training<'_> {
        Training {
            objective: self.objective(),
            optimizer: &self.optimizer,
            schedule: self.schedule,
            sampling: self.sampling,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_give_the_config_back_and_leave_out_defaults() {
        assert!(Config::article_example().pairs().is_empty());
        let cases: [&[(&str, &str)]; 6] = [
            &[
                ("function", "(1-w1)^2 + 100*(w2-w1^2)^2"),
                ("optimizer", "adam"),
                ("convention", "pytorch"),
                ("lr", "0.02"),
                ("beta2", "0.9"),
                ("start", "-1.5,2.25"),
                ("steps", "500"),
                ("tol", "1e-3"),
            ],
            &[("optimizer", "gd"), ("lr", "0.1"), ("start", "0.1,1e-300")],
            &[
                ("noise", "0.5"),
                ("seed", "7"),
                ("schedule", "cosine"),
                ("lr_min", "0.001"),
                ("warmup", "10"),
                ("steps", "40"),
            ],
            &[("data", "line"), ("batch", "4"), ("optimizer", "momentum")],
            &[
                ("data", "separable"),
                ("model", "linear"),
                ("start", "0.5,0"),
            ],
            &[("rotate", "45"), ("curvature", "1"), ("optimizer", "adam")],
        ];
        for case in cases {
            let config = Config::from_pairs(case.iter().copied()).expect("valid");
            let pairs = config.pairs();
            let again = Config::from_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())));
            assert_eq!(again.as_ref(), Ok(&config), "{case:?} -> {pairs:?}");
            let given: Vec<&str> = case.iter().map(|(k, _)| *k).collect();
            assert!(
                pairs.iter().all(|(k, _)| given.contains(k)),
                "{case:?} -> {pairs:?}"
            );
        }
    }
}
