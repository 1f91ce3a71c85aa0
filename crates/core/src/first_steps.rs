//! The article's first figure: the first few steps of two optimizers (by default classical
//! gradient descent and the adaptive scheme) from one start on one surface, with the
//! gradients and update vectors of every step.

use crate::config::Config;
use crate::data::{no_files, LoadData};
use crate::error::ConfigError;
use crate::optimizer::{Hyperparameter, OptimizerKind};
use crate::trajectory::Trajectory;

/// The most steps the figure shows.
pub const MAX_FIRST_STEPS: usize = 10;
/// Steps shown by default: the article's two.
pub const DEFAULT_FIRST_STEPS: &str = "2";
/// The default pair: the article's classical gradient descent (η_c = 0.001) against its
/// adaptive scheme (η_a = 0.05, β = 0.9, ε = 1e-8).
pub const DEFAULT_PAIR: [OptimizerKind; 2] =
    [OptimizerKind::must("gd"), OptimizerKind::must("rmsprop")];

/// Two runs of a few steps from the same start on the same function.
#[derive(Clone, Debug, PartialEq)]
pub struct FirstSteps {
    /// The two runs, each a validated config (same function, start and steps).
    pub runs: [Config; 2],
}

/// Whether `key` is shared by both runs: every key but the optimizer, its convention and its
/// hyperparameters (the surface or data, start, steps, tol, schedule, noise and batches).
fn is_shared(key: &str) -> bool {
    !matches!(key, "optimizer" | "convention") && Hyperparameter::named(key).is_none()
}

impl FirstSteps {
    /// Validates `pairs`: `function` (or `data`), `start`, `steps` (1 to
    /// [`MAX_FIRST_STEPS`]) and the schedule and sampling keys for both; then each
    /// `optimizer` key starts the next run's own keys, and hyperparameters apply to the run
    /// whose `optimizer` came last (the first run before any). Runs without an `optimizer`
    /// key are [`DEFAULT_PAIR`] with default hyperparameters.
    pub fn from_pairs<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<FirstSteps, ConfigError> {
        FirstSteps::from_pairs_with_data(pairs, &no_files)
    }

    /// [`FirstSteps::from_pairs`] where `load` reads `data` values that are no built-in set
    /// nor inline data (the command line's CSV files).
    pub fn from_pairs_with_data<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
        load: LoadData,
    ) -> Result<FirstSteps, ConfigError> {
        let mut shared: Vec<(&str, &str)> = Vec::new();
        let mut own: [Vec<(&str, &str)>; 2] = [Vec::new(), Vec::new()];
        let mut run = 0;
        let mut optimizers_seen = 0;
        for (key, value) in pairs {
            if is_shared(key) {
                shared.push((key, value));
                continue;
            }
            if key == "optimizer" {
                if optimizers_seen == 2 {
                    return Err(ConfigError::Repeated {
                        key: key.to_owned(),
                    });
                }
                run = optimizers_seen;
                optimizers_seen += 1;
            }
            own[run].push((key, value));
        }
        let steps = shared.iter().find(|(k, _)| *k == "steps").map(|&(_, v)| v);
        if let Some(text) = steps {
            let n: f64 = crate::config::parse_number("steps", text)?;
            if !(1.0..=MAX_FIRST_STEPS as f64).contains(&n) || n.fract() != 0.0 {
                return Err(ConfigError::OutOfRange {
                    key: "steps".to_owned(),
                    value: n,
                    range: format!("a whole number from 1 to {MAX_FIRST_STEPS}"),
                });
            }
        } else {
            shared.push(("steps", DEFAULT_FIRST_STEPS));
        }
        let config = |i: usize| {
            let mut pairs = shared.clone();
            if !own[i].iter().any(|(k, _)| *k == "optimizer") {
                pairs.push(("optimizer", DEFAULT_PAIR[i].name()));
            }
            pairs.extend(own[i].iter().copied());
            Config::from_pairs_with_data(pairs, load)
        };
        Ok(FirstSteps {
            runs: [config(0)?, config(1)?],
        })
    }

    /// The article's example: gradient descent against RMSProp, two steps from (−15, 20).
    pub fn article_example() -> FirstSteps {
        FirstSteps::from_pairs([]).unwrap_or_else(|_| unreachable!("the defaults are valid"))
    }

    /// Both trajectories.
    pub fn run(&self) -> [Trajectory; 2] {
        [self.runs[0].run(), self.runs[1].run()]
    }
}

/// The update vectors v(t) = w(t−1) − w(t) of a trajectory, `None` for t = 0 (for RMSProp
/// this is the article's η·∇E ⊘ √(s(t) + ε)).
pub fn updates(trajectory: &Trajectory) -> Vec<Option<[f64; 2]>> {
    let rows = &trajectory.rows;
    (0..rows.len())
        .map(|t| {
            let previous = rows.get(t.checked_sub(1)?)?;
            Some([previous.w[0] - rows[t].w[0], previous.w[1] - rows[t].w[1]])
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::defaults;

    #[test]
    fn defaults_reproduce_the_article() {
        let steps = FirstSteps::article_example();
        assert_eq!(steps.runs[0].start, defaults::START);
        let [classic, adaptive] = steps.run();
        assert_eq!(classic.optimizer.kind(), DEFAULT_PAIR[0]);
        assert_eq!(adaptive.optimizer.kind(), DEFAULT_PAIR[1]);
        assert_eq!(classic.rows.len(), 3);
        let v = updates(&adaptive);
        assert_eq!(v[0], None);
        // v(1) = 0.05·∇E(w(0)) ⊘ √(s(1) + ε) ≈ (−0.158, 0.158): the same magnitude in both
        // components, as the article notes.
        let v1 = v[1].unwrap_or_default();
        assert!(
            (v1[0] + 0.05 * 10f64.sqrt()).abs() < 1e-9
                && (v1[1] - 0.05 * 10f64.sqrt()).abs() < 1e-9
        );
    }

    #[test]
    fn optimizer_keys_start_each_run() {
        let steps = FirstSteps::from_pairs([
            ("optimizer", "momentum"),
            ("alpha", "0.5"),
            ("optimizer", "adam"),
            ("lr", "0.1"),
            ("steps", "5"),
        ])
        .expect("valid");
        assert_eq!(steps.runs[0].optimizer.name(), "momentum");
        assert_eq!(steps.runs[1].optimizer.name(), "adam");
        assert_eq!(steps.runs[1].steps, 5);
        assert_eq!(steps.runs[1].optimizer.get("lr"), Some(0.1));
        assert_eq!(steps.runs[0].optimizer.get("lr"), Some(0.001));
    }

    #[test]
    fn bad_input_says_what_is_wrong() {
        let error = |p: &[(&str, &str)]| {
            FirstSteps::from_pairs(p.iter().copied())
                .expect_err("invalid")
                .to_string()
        };
        assert_eq!(
            error(&[("steps", "11")]),
            "`steps` must be a whole number from 1 to 10, not 11"
        );
        assert_eq!(
            error(&[("steps", "0")]),
            "`steps` must be a whole number from 1 to 10, not 0"
        );
        assert!(error(&[("beta", "0.9")]).contains("not a hyperparameter of gd"));
        assert!(error(&[
            ("optimizer", "gd"),
            ("optimizer", "gd"),
            ("optimizer", "gd")
        ])
        .contains("more than once"));
    }
}
