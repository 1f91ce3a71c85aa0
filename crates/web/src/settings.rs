//! Everything that defines what the trajectory figure shows, as plain Rust: the last valid
//! function, each optimizer's own hyperparameters, start, iterations, view. No DOM here, so
//! the app's logic is tested natively.

use descent_core::config::{defaults, parse_hyperparameter, parse_start, parse_steps};
use descent_core::{Config, ConfigError, Function, Hyperparameter, Optimizer, OptimizerKind};

use crate::presets::{Preset, PRESETS};

/// A view range of the (w1, w2) plane (descent-plot's, shared with the figures and the CLI).
pub use descent_plot::scene::View;

/// The trajectory figure's settings.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    /// The last function that parsed (what is drawn).
    pub function: Function,
    /// The chosen optimizer.
    pub selected: OptimizerKind,
    /// Each optimizer with its own hyperparameters, in [`OptimizerKind::ALL`] order: switching
    /// optimizers keeps what was set for each.
    pub optimizers: [Optimizer; 5],
    /// The start point w(0).
    pub start: [f64; 2],
    /// Iterations.
    pub steps: usize,
    /// What part of the plane is shown.
    pub view: View,
    /// The view of the chosen preset, for "reset view".
    pub home: View,
    /// Whether the error course uses a log scale.
    pub log_course: bool,
    /// Compare mode: the optimizers run side by side, each with its own hyperparameters;
    /// empty when only the selected optimizer runs.
    pub compare: Vec<OptimizerKind>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings::from_preset(&PRESETS[0])
    }
}

impl Settings {
    /// The settings of a preset, with every optimizer at its defaults.
    pub fn from_preset(preset: &Preset) -> Settings {
        let config = Config::article_example();
        let mut settings = Settings {
            function: config.function,
            selected: defaults::OPTIMIZER,
            optimizers: OptimizerKind::ALL.map(OptimizerKind::with_defaults),
            start: defaults::START,
            steps: defaults::STEPS,
            view: preset.view,
            home: preset.view,
            log_course: false,
            compare: Vec::new(),
        };
        settings.apply_preset(preset);
        settings
    }

    /// Switches to a preset's function, view and start; hyperparameters stay.
    pub fn apply_preset(&mut self, preset: &Preset) {
        if let Ok(function) = Function::parse(preset.function) {
            self.function = function;
        }
        self.view = preset.view;
        self.home = preset.view;
        self.start = preset.start;
    }

    /// The chosen optimizer with its hyperparameters.
    pub fn optimizer(&self) -> Optimizer {
        self.optimizers[index(self.selected)]
    }

    /// Sets hyperparameter `h` of the chosen optimizer from text, validated by the core.
    pub fn set_hyperparameter(&mut self, h: Hyperparameter, text: &str) -> Result<(), ConfigError> {
        let value = parse_hyperparameter(h, text)?;
        let current = self.optimizer();
        let kind = self.selected;
        if current.get(h).is_none() {
            return Err(ConfigError::not_used(h, kind));
        }
        self.optimizers[index(kind)] = kind.with(|k| {
            if k == h {
                value
            } else {
                current.get(k).unwrap_or(f64::NAN)
            }
        });
        Ok(())
    }

    /// Sets the function from text; on error the last valid function stays.
    pub fn set_function(&mut self, text: &str) -> Result<(), ConfigError> {
        self.function = Function::parse(text)?;
        Ok(())
    }

    /// Sets the start point from text `w1,w2`.
    pub fn set_start_text(&mut self, text: &str) -> Result<(), ConfigError> {
        self.start = parse_start(text)?;
        Ok(())
    }

    /// Sets the iteration count from text.
    pub fn set_steps(&mut self, text: &str) -> Result<(), ConfigError> {
        self.steps = parse_steps(text)?;
        Ok(())
    }

    /// The run of the selected optimizer.
    pub fn config(&self) -> Config {
        self.config_of(self.selected)
    }

    /// The run of optimizer `kind` with its own hyperparameters.
    pub fn config_of(&self, kind: OptimizerKind) -> Config {
        Config {
            function: self.function.clone(),
            optimizer: self.optimizers[index(kind)],
            start: self.start,
            steps: self.steps,
        }
    }

    /// Every run the figure shows: the compared optimizers in the order of the series, or the
    /// selected one alone.
    pub fn configs(&self) -> Vec<Config> {
        if self.compare.is_empty() {
            vec![self.config()]
        } else {
            OptimizerKind::ALL
                .into_iter()
                .filter(|k| self.compare.contains(k))
                .map(|k| self.config_of(k))
                .collect()
        }
    }

    /// Turns optimizer `kind` on or off in compare mode.
    pub fn set_compared(&mut self, kind: OptimizerKind, on: bool) {
        self.compare.retain(|&k| k != kind);
        if on {
            self.compare.push(kind);
            self.compare.sort_by_key(|&k| index(k));
        }
    }
}

/// The position of `kind` in [`OptimizerKind::ALL`].
pub fn index(kind: OptimizerKind) -> usize {
    OptimizerKind::ALL
        .iter()
        .position(|&k| k == kind)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_the_article_example() {
        let s = Settings::default();
        assert_eq!(s.config(), Config::article_example());
    }

    #[test]
    fn each_optimizer_keeps_its_own_hyperparameters() {
        let mut s = Settings::default();
        s.set_hyperparameter(Hyperparameter::Lr, "0.2")
            .expect("valid");
        s.selected = OptimizerKind::Adam;
        assert_eq!(s.optimizer().get(Hyperparameter::Lr), Some(0.001));
        s.selected = OptimizerKind::RmsProp;
        assert_eq!(s.optimizer().get(Hyperparameter::Lr), Some(0.2));
        assert_eq!(s.optimizer().get(Hyperparameter::Beta), Some(0.9));
    }

    #[test]
    fn invalid_input_keeps_the_last_valid_values() {
        let mut s = Settings::default();
        let before = s.clone();
        assert!(s.set_function("3*w1^2 +").is_err());
        assert!(s.set_hyperparameter(Hyperparameter::Beta, "1.5").is_err());
        assert!(s.set_hyperparameter(Hyperparameter::Alpha, "0.5").is_err());
        assert!(s.set_steps("-1").is_err());
        assert_eq!(s, before);
    }

    #[test]
    fn compare_mode_runs_each_optimizer_with_its_own_hyperparameters() {
        let mut s = Settings::default();
        assert_eq!(s.configs().len(), 1);
        s.set_hyperparameter(Hyperparameter::Lr, "0.2")
            .expect("valid");
        s.set_compared(OptimizerKind::Adam, true);
        s.set_compared(OptimizerKind::RmsProp, true);
        s.set_compared(OptimizerKind::Gd, true);
        s.set_compared(OptimizerKind::Gd, false);
        let kinds: Vec<_> = s.configs().iter().map(|c| c.optimizer.kind()).collect();
        assert_eq!(kinds, [OptimizerKind::RmsProp, OptimizerKind::Adam]);
        assert_eq!(s.configs()[0].optimizer.get(Hyperparameter::Lr), Some(0.2));
        assert!(s.configs().iter().all(|c| c.start == s.start));
    }
}
