//! The trajectory figure's state as plain Rust: the last valid function, each entry's own
//! hyperparameters, the selected entry, compare mode, start, iterations, view, the training
//! settings ([`super::training`]: data set, noise, batches, schedule); and the rules the
//! controls follow (the page's iteration limit, compare mode's first entries, arrow-key moves,
//! zoom, fitting the view to the paths). No DOM here; the URL codec is in
//! [`super::trajectory_url`].

use descent_core::config::{
    defaults, parse_hyperparameter, parse_rotation, parse_steps, parse_tol,
};
use descent_core::data::neuron::Model;
use descent_core::data::{DataError, DataSet};
use descent_core::optimizer::SliderScale;
use descent_core::presets::{preset_of_function, Preset, PRESETS};
use descent_core::sorting::sort_short_by;
use descent_core::training::sampling::Sampling;
use descent_core::training::schedule::Schedule;
use descent_core::view::View;
use descent_core::{Config, ConfigError, Convention, Function, Hyperparameter, Optimizer};
use descent_core::{OptimizerKind, Trajectory, MAX_STEPS};

use super::entry::Entry;
use super::training::Training;

/// The most iterations the page runs: every control answers within a fraction of a second
/// (100 000 steps took seconds to draw, 5 compared optimizers a minute). The CLI and the JS
/// API go up to the core's [`MAX_STEPS`].
pub const PAGE_MAX_STEPS: usize = 10_000;

/// The slider of the iteration count (the number field goes further).
pub const STEPS_SCALE: SliderScale = SliderScale::Linear {
    min: 0.0,
    max: 1000.0,
};

/// The entries compare mode starts with besides the selected one.
const COMPARE_START: [OptimizerKind; 2] = [OptimizerKind::must("gd"), OptimizerKind::must("adam")];

/// The share of the view an arrow key moves the start by (Shift: ten times as far).
const KEY_MOVE: f64 = 0.01;

/// The margin around the paths when the view is fitted to them.
const FIT_MARGIN: f64 = 0.1;

/// The trajectory figure's settings.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    /// The last function that parsed (what is drawn).
    pub function: Function,
    /// The entry the controls edit (and the only one run outside compare mode).
    pub selected: Entry,
    /// The entries whose hyperparameters differ from their defaults or were set; the others
    /// run at their convention's defaults. Switching entries keeps what was set for each.
    pub tuned: Vec<Optimizer>,
    /// The start point w(0).
    pub start: [f64; 2],
    /// Iterations.
    pub steps: usize,
    /// Runs stop at the first row whose gradient's norm is at most `tol` (0: never).
    pub tol: f64,
    /// What part of the plane is shown.
    pub view: View,
    /// The view of the chosen preset, for "reset view".
    pub home: View,
    /// Whether the error course uses a log scale.
    pub log_course: bool,
    /// The function's surface turned counterclockwise by this many degrees (`rotate`).
    pub rotate: f64,
    /// Whether the runs carry their curvature (`curvature=1`): the glyph, the readout and the
    /// sharpness strip.
    pub curvature: bool,
    /// Compare mode: the entries run side by side, each with its own hyperparameters, sorted
    /// in table order; empty when only the selected entry runs.
    pub compare: Vec<Entry>,
    /// The data set, noise, batches and schedule every entry runs with.
    pub training: Training,
    /// The training example last chosen, while its function or data set is shown (the select
    /// names it; links do not: they write its keys).
    pub example: Option<&'static Preset>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings::from_preset(&PRESETS[0])
    }
}

/// Why the iteration count shown is not the one typed: the page's limit.
pub fn steps_limit_message() -> String {
    format!(
        "the page runs at most {PAGE_MAX_STEPS} iterations, to stay interactive; showing \
         {PAGE_MAX_STEPS} (the CLI and the JS API go up to {MAX_STEPS})"
    )
}

impl Settings {
    /// The settings of a preset, with every optimizer at its defaults.
    pub fn from_preset(preset: &Preset) -> Settings {
        let config = Config::article_example();
        let mut settings = Settings {
            function: config.function,
            selected: Entry::article(defaults::OPTIMIZER),
            tuned: Vec::new(),
            start: defaults::START,
            steps: defaults::STEPS,
            tol: defaults::TOL,
            view: preset.view,
            home: preset.view,
            log_course: false,
            rotate: 0.0,
            curvature: false,
            compare: Vec::new(),
            training: Training::default(),
            example: None,
        };
        settings.apply_preset(preset);
        settings
    }

    /// Switches to a preset's function (a surface preset leaves a data set for it), view and
    /// start; hyperparameters stay. A preset's other keys are applied by
    /// [`super::trajectory_url::preset_settings`].
    pub fn apply_preset(&mut self, preset: &Preset) {
        self.example = None;
        if let Some(Ok(function)) = preset.function.map(Function::parse) {
            self.function = function;
            self.rotate = 0.0;
            self.training.clear_data();
        }
        self.view = preset.view;
        self.home = preset.view;
        self.start = preset.start;
    }

    /// The example shown: for a function the surface preset that draws it, for a data set the
    /// preset that fits it; `None` for a function typed by hand or pasted data.
    pub fn preset(&self) -> Option<&'static Preset> {
        if self.example.is_some() {
            return self.example;
        }
        match &self.training.data {
            None => preset_of_function(self.function.source()),
            Some(data) => PRESETS.iter().find(|p| {
                p.pairs
                    .iter()
                    .any(|&(k, v)| k == "data" && v == data.data().source)
            }),
        }
    }

    /// Fits `set` (with `model`, or the set's own) instead of the function: the start goes to
    /// the data runs' w(0) and the view to the path from there ([`View::for_run`]), which
    /// "reset view" then returns to. On error (targets the model cannot fit) nothing changes.
    pub fn set_data(&mut self, set: DataSet, model: Option<Model>) -> Result<(), DataError> {
        self.training.set_data(set, model)?;
        self.example = None;
        self.start = defaults::DATA_START;
        self.fit_home();
        Ok(())
    }

    /// Fits the typed function again, in the view and from the start of its preset (or the
    /// article's).
    pub fn clear_data(&mut self) {
        self.training.clear_data();
        self.example = None;
        let home = self.preset().unwrap_or(&PRESETS[0]);
        self.view = home.view;
        self.home = home.view;
        self.start = home.start;
    }

    /// Sets the view and "reset view" to the selected run's path ([`View::for_run`]).
    pub fn fit_home(&mut self) {
        let config = self.config_of(self.selected);
        let view = View::for_run(&config, &config.run());
        self.view = view;
        self.home = view;
    }

    /// Entry `entry` with its hyperparameters.
    pub fn optimizer_of(&self, entry: Entry) -> Optimizer {
        self.tuned
            .iter()
            .find(|o| o.kind() == entry.kind && o.convention() == entry.convention)
            .copied()
            .unwrap_or_else(|| Optimizer::new(entry.kind, entry.convention))
    }

    /// Stores `optimizer` as its entry's hyperparameters.
    pub fn store(&mut self, optimizer: Optimizer) {
        let same = |o: &Optimizer| {
            o.kind() == optimizer.kind() && o.convention() == optimizer.convention()
        };
        match self.tuned.iter_mut().find(|o| same(o)) {
            Some(slot) => *slot = optimizer,
            None => self.tuned.push(optimizer),
        }
    }

    /// The selected entry with its hyperparameters.
    pub fn optimizer(&self) -> Optimizer {
        self.optimizer_of(self.selected)
    }

    /// Selects optimizer `kind` in the selected entry's convention.
    pub fn select(&mut self, kind: OptimizerKind) {
        self.selected = Entry::new(kind, self.selected.convention);
    }

    /// Switches the selected entry to `convention`: an entry not set before starts from the
    /// current one's values ([`Optimizer::with_convention`]: values at the old defaults take
    /// the new defaults, values set by hand stay).
    pub fn set_convention(&mut self, convention: Convention) {
        let entry = Entry::new(self.selected.kind, convention);
        if !self.is_tuned(entry) {
            let moved = self.optimizer().with_convention(convention);
            if moved != Optimizer::new(entry.kind, convention) {
                self.store(moved);
            }
        }
        self.selected = entry;
    }

    /// Whether `entry` has values of its own.
    fn is_tuned(&self, entry: Entry) -> bool {
        self.tuned
            .iter()
            .any(|o| o.kind() == entry.kind && o.convention() == entry.convention)
    }

    /// Sets hyperparameter `key` of the selected entry from text, validated by the core.
    pub fn set_hyperparameter(&mut self, key: &str, text: &str) -> Result<(), ConfigError> {
        let mut optimizer = self.optimizer();
        let h = Hyperparameter::named(key)
            .filter(|h| optimizer.get(h.key).is_some())
            .ok_or_else(|| optimizer.kind().not_used(key))?;
        optimizer.set(h.key, parse_hyperparameter(h, text)?)?;
        self.store(optimizer);
        Ok(())
    }

    /// Sets the function from text; on error the last valid function stays.
    pub fn set_function(&mut self, text: &str) -> Result<(), ConfigError> {
        self.function = Function::parse(text)?;
        self.example = None;
        Ok(())
    }

    /// Sets the iteration count from text; returns whether the page's limit cut it down
    /// (the count is then [`PAGE_MAX_STEPS`]).
    pub fn set_steps(&mut self, text: &str) -> Result<bool, ConfigError> {
        let steps = parse_steps(text)?;
        self.steps = steps.min(PAGE_MAX_STEPS);
        Ok(steps > PAGE_MAX_STEPS)
    }

    /// Sets the tolerance from text, validated by the core.
    pub fn set_tol(&mut self, text: &str) -> Result<(), ConfigError> {
        self.tol = parse_tol(text)?;
        Ok(())
    }

    /// Sets the surface's turn from text (degrees), validated by the core.
    pub fn set_rotate(&mut self, text: &str) -> Result<(), ConfigError> {
        self.rotate = parse_rotation(text)?;
        Ok(())
    }

    /// The run of `entry` with its own hyperparameters. A data run's `function` is the
    /// default one, as the core's validation gives it (the typed one waits for the data to be
    /// cleared).
    pub fn config_of(&self, entry: Entry) -> Config {
        let function = match self.training.data {
            None => self.function.rotated(self.rotate),
            Some(_) => {
                Function::parse(defaults::FUNCTION).unwrap_or_else(|_| self.function.clone())
            }
        };
        let mut config = Config {
            function,
            optimizer: self.optimizer_of(entry),
            start: self.start,
            steps: self.steps,
            data: None,
            sampling: Sampling::default(),
            schedule: Schedule::default(),
            tol: self.tol,
            curvature: self.curvature,
        };
        self.training.apply(&mut config);
        config
    }

    /// The noiseless runs beside [`Settings::configs`] (exact gradients, the same schedule),
    /// when the ghost is on and the steps are noisy; empty otherwise.
    pub fn ghost_configs(&self) -> Vec<Config> {
        if !(self.training.ghost && self.training.is_noisy()) {
            return Vec::new();
        }
        self.configs()
            .into_iter()
            .map(|config| Config {
                sampling: Sampling::default(),
                ..config
            })
            .collect()
    }

    /// The entries the figure runs: the compared ones in order, or the selected one alone.
    pub fn entries(&self) -> Vec<Entry> {
        if self.compare.is_empty() {
            vec![self.selected]
        } else {
            self.compare.clone()
        }
    }

    /// Every run the figure shows, in the order of [`Settings::entries`].
    pub fn configs(&self) -> Vec<Config> {
        self.entries()
            .into_iter()
            .map(|e| self.config_of(e))
            .collect()
    }

    /// Turns `entry` on or off in compare mode.
    pub fn set_compared(&mut self, entry: Entry, on: bool) {
        self.compare.retain(|&e| e != entry);
        if on {
            self.compare.push(entry);
            sort_short_by(&mut self.compare, Ord::cmp);
        }
    }

    /// Turns compare mode on (with the selected entry, gradient descent and Adam, in the
    /// selected convention) or off.
    pub fn set_compare_mode(&mut self, on: bool) {
        if !on {
            self.compare.clear();
        } else if self.compare.is_empty() {
            let convention = self.selected.convention;
            self.set_compared(self.selected, true);
            for kind in COMPARE_START {
                self.set_compared(Entry::new(kind, convention), true);
            }
        }
    }

    /// Moves the start by one arrow-key step `(dx, dy)` (each −1, 0 or 1): 1 % of the view,
    /// 10 % with `large`, staying inside the view.
    pub fn nudge_start(&mut self, (dx, dy): (f64, f64), large: bool) {
        let fraction = if large { 10.0 * KEY_MOVE } else { KEY_MOVE };
        let view = self.view;
        let [a, b] = self.start;
        let clamp = |x: f64, [lo, hi]: [f64; 2]| x.clamp(lo, hi);
        self.start = [
            clamp(a + dx * fraction * (view.w1[1] - view.w1[0]), view.w1),
            clamp(b + dy * fraction * (view.w2[1] - view.w2[0]), view.w2),
        ];
    }

    /// Zooms the view about `center` by one wheel movement `delta_y` (negative zooms in);
    /// returns whether the view changed (views too small or too large are refused).
    pub fn zoom(&mut self, center: [f64; 2], delta_y: f64) -> bool {
        let factor = (delta_y * 0.0015).clamp(-0.5, 0.5).exp();
        let view = self.view.zoomed(center, factor);
        let usable = view.is_valid() && view != self.view;
        if usable {
            self.view = view;
        }
        usable
    }

    /// Fits the view to every point of `runs` with a margin; returns whether it changed
    /// (runs without a finite point, or spread beyond a usable view, leave it).
    pub fn fit_view(&mut self, runs: &[Trajectory]) -> bool {
        let points = runs.iter().flat_map(|r| r.rows.iter().map(|row| row.w));
        match View::around(points, FIT_MARGIN) {
            Some(view) if view != self.view => {
                self.view = view;
                true
            }
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(name: &str) -> OptimizerKind {
        OptimizerKind::named(name).expect("in the table")
    }

    #[test]
    fn defaults_are_the_article_example() {
        let s = Settings::default();
        assert_eq!(s.configs(), [Config::article_example()]);
        assert_eq!(s.preset().map(|p| p.id), Some("article"));
    }

    #[test]
    fn each_entry_keeps_its_own_hyperparameters() {
        let mut s = Settings::default();
        s.set_hyperparameter("lr", "0.2").expect("valid");
        s.select(kind("adam"));
        assert_eq!(s.optimizer().get("lr"), Some(0.001));
        s.select(kind("rmsprop"));
        assert_eq!(s.optimizer().get("lr"), Some(0.2));
        assert_eq!(s.optimizer().get("beta"), Some(0.9));
    }

    #[test]
    fn a_convention_change_keeps_hand_set_values_and_takes_new_defaults() {
        let mut s = Settings::default();
        s.set_hyperparameter("eps", "1e-6").expect("valid");
        s.set_convention(Convention::PyTorch);
        let torch = s.optimizer();
        assert_eq!(torch.convention(), Convention::PyTorch);
        assert_eq!(torch.get("lr"), Some(0.01));
        assert_eq!(torch.get("beta"), Some(0.99));
        assert_eq!(torch.get("eps"), Some(1e-6));
        s.select(kind("adam"));
        assert_eq!(s.selected, Entry::new(kind("adam"), Convention::PyTorch));
        s.set_convention(Convention::Article);
        s.select(kind("rmsprop"));
        assert_eq!(s.optimizer().get("eps"), Some(1e-6));
        assert_eq!(s.optimizer().get("lr"), Some(0.05));
    }

    #[test]
    fn invalid_input_keeps_the_last_valid_values() {
        let mut s = Settings::default();
        let before = s.clone();
        assert!(s.set_function("3*w1^2 +").is_err());
        assert!(s.set_hyperparameter("beta", "1.5").is_err());
        assert!(s.set_hyperparameter("alpha", "0.5").is_err());
        assert!(s.set_hyperparameter("nope", "0.5").is_err());
        assert!(s.set_steps("-1").is_err());
        assert!(s.set_tol("-0.1").is_err());
        assert_eq!(s, before);
        assert_eq!(s.set_tol("1e-3"), Ok(()));
        assert_eq!(s.configs()[0].tol, 1e-3);
        s.tol = before.tol;
        assert_eq!(s.set_steps("100000"), Ok(true));
        assert_eq!(s.steps, PAGE_MAX_STEPS);
        assert!(steps_limit_message().contains("up to 100000"));
    }

    #[test]
    fn compare_mode_runs_each_entry_with_its_own_hyperparameters() {
        let mut s = Settings::default();
        s.set_hyperparameter("lr", "0.2").expect("valid");
        s.set_compare_mode(true);
        let names: Vec<String> = s.entries().iter().map(|e| e.to_string()).collect();
        assert_eq!(names, ["gd", "rmsprop", "adam"]);
        s.set_compared(Entry::new(kind("rmsprop"), Convention::PyTorch), true);
        s.set_compared(Entry::article(kind("gd")), false);
        let names: Vec<String> = s.entries().iter().map(|e| e.to_string()).collect();
        assert_eq!(names, ["rmsprop", "rmsprop:pytorch", "adam"]);
        let configs = s.configs();
        assert_eq!(configs[0].optimizer.get("lr"), Some(0.2));
        assert_eq!(configs[1].optimizer.get("lr"), Some(0.01));
        assert!(configs.iter().all(|c| c.start == s.start));
        s.set_compare_mode(false);
        assert_eq!(s.entries(), [s.selected]);
    }

    #[test]
    fn keys_zoom_and_fit_change_the_start_and_the_view() {
        let mut s = Settings::default();
        s.nudge_start((1.0, 0.0), false);
        assert_eq!(s.start, [-14.6, 20.0]);
        s.nudge_start((0.0, 1.0), true);
        assert_eq!(s.start, [-14.6, 25.0], "stays inside the view");
        assert!(s.zoom([0.0, 0.0], -100.0));
        assert!(s.view.w1[1] < 20.0);
        s.set_function("abs(w1) + abs(w2)").expect("valid");
        s.start = [3.0, 2.0];
        let runs: Vec<Trajectory> = s.configs().iter().map(Config::run).collect();
        assert!(s.fit_view(&runs));
        assert!(s.view.contains([3.0, 2.0]) && s.view.w1[1] - s.view.w1[0] < 10.0);
        assert!(!s.fit_view(&runs), "already fitted");
        assert!(s.preset().is_none());
    }
}
