//! Learning-rate schedules: the rate η(t) of the step from w(t) to w(t + 1) (t = 0 for the
//! first step), scaling the optimizer's η. Each schedule is a row of [`SCHEDULES`] naming its
//! parameters and their defaults; the parameters themselves are rows of [`PARAMETERS`] with
//! symbol, range and slider, as the optimizers' hyperparameters are.
//!
//! η(t) goes to the update rule as its `lr` ([`crate::optimizer::Stepper::step`]): every rule
//! multiplies its whole update by it (Adam's η·m̂ ⊘ (√v̂ + ε), AdamW's decay too), and the
//! article's momentum keeps its form m ← α·m − η(t)·g, while `convention=pytorch` uses
//! PyTorch's buffer b ← α·b + g, w ← w − η(t)·b; the two differ once η changes.

use std::collections::BTreeMap;

use crate::error::ConfigError;
use crate::optimizer::hyperparameters::{Clamp, Range, SliderScale};
use crate::optimizer::Hyperparameter;
use crate::parse::{parse_hyperparameter, parse_whole, MAX_STEPS};
use crate::portable;

/// Which schedule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScheduleKind {
    /// η(t) = η.
    Constant,
    /// η·γ^⌊t/period⌋.
    Step,
    /// η·γ^t.
    Exponential,
    /// η/(1 + γ·t).
    Inverse,
    /// lr_min + (η − lr_min)·(1 + cos(π·min(t, period)/period))/2.
    Cosine,
}

/// A parameter's default in one schedule.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ParameterDefault {
    /// This value.
    Value(f64),
    /// The run's number of steps (the cosine's period: one half-wave over the run).
    RunSteps,
}

/// One row of the schedule table.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ScheduleSpec {
    /// Which schedule.
    pub kind: ScheduleKind,
    /// The `schedule` value.
    pub name: &'static str,
    /// η(t) as the help and the page write it.
    pub formula: &'static str,
    /// The parameters it takes besides `warmup` (which every schedule takes), with defaults.
    pub parameters: &'static [(&'static str, ParameterDefault)],
}

/// Every schedule; the first is the default.
pub static SCHEDULES: &[ScheduleSpec] = &[
    ScheduleSpec {
        kind: ScheduleKind::Constant,
        name: "constant",
        formula: "η",
        parameters: &[],
    },
    ScheduleSpec {
        kind: ScheduleKind::Step,
        name: "step",
        formula: "η·γ^⌊t/period⌋",
        parameters: &[
            ("gamma", ParameterDefault::Value(0.5)),
            ("period", ParameterDefault::Value(100.0)),
        ],
    },
    ScheduleSpec {
        kind: ScheduleKind::Exponential,
        name: "exponential",
        formula: "η·γ^t",
        parameters: &[("gamma", ParameterDefault::Value(0.99))],
    },
    ScheduleSpec {
        kind: ScheduleKind::Inverse,
        name: "inverse",
        formula: "η/(1 + γ·t)",
        parameters: &[("gamma", ParameterDefault::Value(0.01))],
    },
    ScheduleSpec {
        kind: ScheduleKind::Cosine,
        name: "cosine",
        formula: "lr_min + (η − lr_min)·(1 + cos(π·min(t, period)/period))/2",
        parameters: &[
            ("period", ParameterDefault::RunSteps),
            ("lr_min", ParameterDefault::Value(0.0)),
        ],
    },
];

/// Whole numbers from 1 to [`MAX_STEPS`].
const STEP_COUNT: Range = Range {
    min: 1.0,
    min_allowed: true,
    max: MAX_STEPS as f64,
    max_allowed: true,
};

/// The schedules' parameters, in vocabulary order.
pub static PARAMETERS: &[Hyperparameter] = &[GAMMA, PERIOD, LR_MIN, WARMUP];

/// γ of the step, exponential and inverse schedules.
pub const GAMMA: Hyperparameter = Hyperparameter {
    key: "gamma",
    symbol: "γ",
    label: "Schedule factor",
    help: "the schedule's γ: the factor per period (step), per step (exponential), or the \
               slope of 1/(1 + γ·t) (inverse)",
    range: Range::POSITIVE,
    slider: SliderScale::Log {
        min: 1e-4,
        max: 1.0,
    },
    clamp: Clamp {
        below: None,
        above: Some(f64::MAX),
    },
};

/// The step schedule's period and the cosine's half-wave.
pub const PERIOD: Hyperparameter = Hyperparameter {
    key: "period",
    symbol: "T",
    label: "Period",
    help: "steps per factor γ (step), or the length of the cosine's half-wave, after which \
               η stays at lr_min (cosine)",
    range: STEP_COUNT,
    slider: SliderScale::Log {
        min: 1.0,
        max: MAX_STEPS as f64,
    },
    clamp: Clamp {
        below: Some(1.0),
        above: Some(MAX_STEPS as f64),
    },
};

/// The cosine schedule's final rate.
pub const LR_MIN: Hyperparameter = Hyperparameter {
    key: "lr_min",
    symbol: "η_min",
    label: "Final learning rate",
    help: "the cosine schedule's rate at the end of its period",
    range: Range::NON_NEGATIVE,
    slider: SliderScale::Linear { min: 0.0, max: 1.0 },
    clamp: Clamp {
        below: Some(0.0),
        above: Some(f64::MAX),
    },
};

/// The warmup every schedule takes: `warmup = k > 0` multiplies η(t) by min(1, (t + 1)/k).
pub const WARMUP: Hyperparameter = Hyperparameter {
    key: "warmup",
    symbol: "k",
    label: "Warmup",
    help: "steps over which η(t) rises linearly to the schedule's value: the factor \
               min(1, (t + 1)/k)",
    range: Range {
        min: 0.0,
        ..STEP_COUNT
    },
    slider: SliderScale::Linear {
        min: 0.0,
        max: 1000.0,
    },
    clamp: Clamp {
        below: Some(0.0),
        above: Some(MAX_STEPS as f64),
    },
};

/// The schedule parameter `key`.
pub fn parameter(key: &str) -> Option<&'static Hyperparameter> {
    PARAMETERS.iter().find(|p| p.key == key)
}

impl ScheduleKind {
    /// Its row of [`SCHEDULES`].
    pub fn spec(self) -> &'static ScheduleSpec {
        SCHEDULES
            .iter()
            .find(|s| s.kind == self)
            .unwrap_or(&SCHEDULES[0])
    }

    /// The `schedule` value.
    pub fn name(self) -> &'static str {
        self.spec().name
    }

    /// The schedule named `name`.
    pub fn named(name: &str) -> Option<ScheduleKind> {
        SCHEDULES.iter().find(|s| s.name == name).map(|s| s.kind)
    }

    /// Every schedule's name.
    pub fn names() -> Vec<&'static str> {
        SCHEDULES.iter().map(|s| s.name).collect()
    }

    /// Whether it takes parameter `key`.
    pub fn takes(self, key: &str) -> bool {
        key == WARMUP.key || self.spec().parameters.iter().any(|(k, _)| *k == key)
    }
}

/// A learning-rate schedule with its parameters (those its kind does not take are unused).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Schedule {
    /// Which schedule.
    pub kind: ScheduleKind,
    /// γ.
    pub gamma: f64,
    /// The period in steps (≥ 1).
    pub period: u64,
    /// The cosine's final rate.
    pub lr_min: f64,
    /// Warmup steps (0: none).
    pub warmup: u64,
}

impl Default for Schedule {
    /// The constant schedule without warmup: every step uses the optimizer's η.
    fn default() -> Self {
        Schedule {
            kind: ScheduleKind::Constant,
            gamma: 1.0,
            period: 1,
            lr_min: 0.0,
            warmup: 0,
        }
    }
}

impl Schedule {
    /// Whether every step uses the optimizer's η unchanged.
    pub fn is_constant(&self) -> bool {
        self.kind == ScheduleKind::Constant && self.warmup == 0
    }

    /// η(t): the rate of the step from w(t) to w(t + 1) when the optimizer's is `lr`.
    pub fn lr(&self, lr: f64, t: u64) -> f64 {
        let scheduled = match self.kind {
            ScheduleKind::Constant => lr,
            ScheduleKind::Step => lr * portable::powi(self.gamma, t / self.period.max(1)),
            ScheduleKind::Exponential => lr * portable::powi(self.gamma, t),
            ScheduleKind::Inverse => lr / (1.0 + self.gamma * t as f64),
            ScheduleKind::Cosine => {
                let period = self.period.max(1);
                let progress = t.min(period) as f64 / period as f64;
                self.lr_min + (lr - self.lr_min) * portable::cosine_decay(progress)
            }
        };
        if t < self.warmup {
            scheduled * ((t + 1) as f64 / self.warmup as f64)
        } else {
            scheduled
        }
    }

    /// η(t) for t = 0..`steps` (the page's strip under the error course).
    pub fn lrs(&self, lr: f64, steps: usize) -> Vec<f64> {
        (0..steps as u64).map(|t| self.lr(lr, t)).collect()
    }

    /// Reads `schedule`, `gamma`, `period`, `lr_min` and `warmup` from `given`; a parameter
    /// the schedule does not take is an error, a missing one takes the schedule's default
    /// (`steps` for the cosine's period).
    pub fn from_given(given: &BTreeMap<&str, &str>, steps: usize) -> Result<Schedule, ConfigError> {
        let kind = match given.get("schedule") {
            None => ScheduleKind::Constant,
            Some(text) => {
                ScheduleKind::named(text.trim()).ok_or_else(|| ConfigError::NotAChoice {
                    key: "schedule".to_owned(),
                    value: (*text).to_owned(),
                    choices: ScheduleKind::names().join(", "),
                })?
            }
        };
        let mut schedule = Schedule {
            kind,
            ..Schedule::default()
        };
        for p in PARAMETERS {
            let value = match given.get(p.key) {
                Some(_) if !kind.takes(p.key) => {
                    let mut accepted: Vec<&str> =
                        kind.spec().parameters.iter().map(|(k, _)| *k).collect();
                    accepted.push(WARMUP.key);
                    return Err(ConfigError::NotUsedBySchedule {
                        key: p.key.to_owned(),
                        schedule: kind.name(),
                        accepted: accepted.join(", "),
                    });
                }
                Some(text) => parse_parameter(p, text)?,
                None => match kind.spec().parameters.iter().find(|(k, _)| *k == p.key) {
                    Some((_, ParameterDefault::Value(v))) => *v,
                    Some((_, ParameterDefault::RunSteps)) => steps.max(1) as f64,
                    None => continue,
                },
            };
            match p.key {
                "gamma" => schedule.gamma = value,
                "period" => schedule.period = value as u64,
                "lr_min" => schedule.lr_min = value,
                _ => schedule.warmup = value as u64,
            }
        }
        Ok(schedule)
    }

    /// The `key = value` pairs that give this schedule back with `steps` steps, defaults left
    /// out (for URLs).
    pub fn pairs(&self, steps: usize) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if self.kind != ScheduleKind::Constant {
            pairs.push(("schedule", self.kind.name().to_owned()));
        }
        for &(key, default) in self.kind.spec().parameters {
            let value = self.value(key);
            let default = match default {
                ParameterDefault::Value(v) => v,
                ParameterDefault::RunSteps => steps.max(1) as f64,
            };
            if value.to_bits() != default.to_bits() {
                pairs.push((key, crate::text::number(value)));
            }
        }
        if self.warmup > 0 {
            pairs.push((WARMUP.key, self.warmup.to_string()));
        }
        pairs
    }

    /// The value of parameter `key` (`gamma`, `period`, `lr_min` or `warmup`; the page's
    /// controls show it).
    pub fn value(&self, key: &str) -> f64 {
        match key {
            "gamma" => self.gamma,
            "period" => self.period as f64,
            "lr_min" => self.lr_min,
            _ => self.warmup as f64,
        }
    }
}

/// Parses parameter `p`: a number in its range, whole for `period` and `warmup`.
fn parse_parameter(p: &Hyperparameter, text: &str) -> Result<f64, ConfigError> {
    if p.key == PERIOD.key || p.key == WARMUP.key {
        parse_whole(p.key, text, p.range.min as u64, p.range.max as u64).map(|n| n as f64)
    } else {
        parse_hyperparameter(p, text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schedule(pairs: &[(&str, &str)], steps: usize) -> Result<Schedule, String> {
        Schedule::from_given(&pairs.iter().copied().collect(), steps).map_err(|e| e.to_string())
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-12 * b.abs().max(1e-300)
    }

    #[test]
    fn each_schedule_follows_its_formula() {
        let eta = 0.05;
        /// Keys, and η(t) by the formula.
        type Case = (&'static [(&'static str, &'static str)], fn(f64) -> f64);
        let cases: [Case; 5] = [
            (&[], |_| 0.05),
            (
                &[("schedule", "step"), ("gamma", "0.5"), ("period", "7")],
                |t| 0.05 * 0.5f64.powf((t / 7.0).floor()),
            ),
            (&[("schedule", "exponential"), ("gamma", "0.97")], |t| {
                0.05 * 0.97f64.powf(t)
            }),
            (&[("schedule", "inverse"), ("gamma", "0.3")], |t| {
                0.05 / (1.0 + 0.3 * t)
            }),
            (
                &[
                    ("schedule", "cosine"),
                    ("period", "40"),
                    ("lr_min", "0.001"),
                ],
                |t| {
                    let pi = std::f64::consts::PI;
                    0.001 + (0.05 - 0.001) * (1.0 + (pi * t.min(40.0) / 40.0).cos()) / 2.0
                },
            ),
        ];
        for (pairs, formula) in cases {
            let s = schedule(pairs, 300).expect("valid");
            for t in 0..120_u64 {
                let (got, want) = (s.lr(eta, t), formula(t as f64));
                assert!(
                    close(got, want) || (got - want).abs() < 1e-17,
                    "{pairs:?} t={t}: {got} vs {want}"
                );
            }
        }
    }

    #[test]
    fn warmup_rises_linearly_then_leaves_the_schedule_alone() {
        let s = schedule(&[("schedule", "inverse"), ("warmup", "4")], 300).expect("valid");
        let plain = schedule(&[("schedule", "inverse")], 300).expect("valid");
        for t in 0..10_u64 {
            let factor = ((t + 1) as f64 / 4.0).min(1.0);
            assert!(close(s.lr(1.0, t), plain.lr(1.0, t) * factor), "t={t}");
        }
        let constant = schedule(&[("warmup", "10")], 300).expect("valid");
        assert_eq!(constant.lr(0.5, 0), 0.05);
        assert_eq!(constant.lr(0.5, 9), 0.5);
        assert_eq!(constant.lr(0.5, 1000), 0.5);
        assert!(!constant.is_constant());
    }

    #[test]
    fn defaults_come_from_the_table_and_the_cosine_spans_the_run() {
        let cosine = schedule(&[("schedule", "cosine")], 250).expect("valid");
        assert_eq!((cosine.period, cosine.lr_min), (250, 0.0));
        assert_eq!(cosine.lr(1.0, 250), 0.0);
        assert_eq!(cosine.lr(1.0, 0), 1.0);
        let step = schedule(&[("schedule", "step")], 300).expect("valid");
        assert_eq!((step.gamma, step.period), (0.5, 100));
        assert_eq!(step.lr(1.0, 99), 1.0);
        assert_eq!(step.lr(1.0, 100), 0.5);
        assert!(schedule(&[], 300).expect("valid").is_constant());
        assert_eq!(cosine.lrs(1.0, 3).len(), 3);
    }

    #[test]
    fn bad_parameters_get_one_clear_message_each() {
        assert_eq!(
            schedule(&[("gamma", "0.5")], 300),
            Err("`gamma` is not used by the constant schedule, which takes warmup".into())
        );
        assert_eq!(
            schedule(&[("schedule", "cosine"), ("gamma", "0.5")], 300),
            Err(
                "`gamma` is not used by the cosine schedule, which takes period, lr_min, warmup"
                    .into()
            )
        );
        assert_eq!(
            schedule(&[("schedule", "linear")], 300),
            Err(
                "`schedule` must be one of constant, step, exponential, inverse, cosine, not \
                 `linear`"
                    .into()
            )
        );
        assert_eq!(
            schedule(&[("schedule", "step"), ("period", "0")], 300),
            Err("`period` must be a whole number from 1 to 100000, not `0`".into())
        );
        assert_eq!(
            schedule(&[("warmup", "2.5")], 300),
            Err("`warmup` must be a whole number from 0 to 100000, not `2.5`".into())
        );
        assert_eq!(
            schedule(&[("schedule", "exponential"), ("gamma", "0")], 300),
            Err("`gamma` must be a finite number > 0, not 0".into())
        );
    }

    #[test]
    fn pairs_round_trip() {
        for pairs in [
            &[
                ("schedule", "cosine"),
                ("period", "40"),
                ("lr_min", "0.001"),
            ][..],
            &[("schedule", "step"), ("warmup", "5")],
            &[("schedule", "cosine")],
            &[],
        ] {
            let s = schedule(pairs, 300).expect("valid");
            let written: Vec<(&str, String)> = s.pairs(300);
            let back: Vec<(&str, &str)> = written.iter().map(|(k, v)| (*k, v.as_str())).collect();
            assert_eq!(schedule(&back, 300), Ok(s), "{pairs:?}");
            assert_eq!(written.len(), pairs.len(), "{pairs:?}: {written:?}");
        }
    }
}
