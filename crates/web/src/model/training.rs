//! The trajectory figure's training settings as plain Rust: the data set fitted instead of the
//! typed function (a built-in set, or pasted and uploaded CSV), its model, the gradient noise,
//! seed and mini-batch size, the learning-rate schedule, and whether the noiseless path is
//! shown beside the noisy one. Every value is validated by the core (the messages are the
//! CLI's); what a link can carry of pasted data is decided here. No DOM.

use std::collections::BTreeMap;

use descent_core::data::neuron::Model;
use descent_core::data::{parse_csv, DataError, DataSet, BUILTIN_SETS};
use descent_core::objective::{default_model, DataModel};
use descent_core::training::sampling::Sampling;
use descent_core::training::schedule::{Schedule, ScheduleKind};
use descent_core::training::{LR_COLUMN, USED_GRADIENT_COLUMNS};
use descent_core::{Config, ConfigError, Trajectory};

/// The most points a pasted data set may have for a link to carry it inline: 200 points of
/// a few digits each are about 4 KB of URL, which every browser and host keeps.
pub const LINK_MAX_POINTS: usize = 200;

/// The longest inline form a link carries, in characters.
pub const LINK_MAX_CHARS: usize = 4096;

/// What a pasted or uploaded data set is called in messages.
pub const PASTED: &str = "pasted";

/// The learning-rate schedule as the controls set it: the schedule and the parameters given
/// explicitly (the others take the schedule's defaults, the cosine's period the run's steps).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ScheduleSettings {
    kind: Option<ScheduleKind>,
    /// Parameters set explicitly, as validated text.
    given: BTreeMap<&'static str, String>,
}

impl ScheduleSettings {
    /// The schedule chosen (constant by default).
    pub fn kind(&self) -> ScheduleKind {
        self.kind.unwrap_or(ScheduleKind::Constant)
    }

    /// The keys as the core reads them: `schedule` and the given parameters the schedule
    /// takes.
    fn pairs(&self, kind: ScheduleKind) -> BTreeMap<&'static str, &str> {
        // Inserted one by one: collecting into a map would sort the pairs first, another sort
        // in the first module (docs/performance.md, "What the first module holds").
        let mut pairs = BTreeMap::new();
        for (key, text) in self.given.iter().filter(|(key, _)| kind.takes(key)) {
            pairs.insert(*key, text.as_str());
        }
        pairs.insert("schedule", kind.name());
        pairs
    }

    /// The schedule of a run of `steps` steps.
    pub fn schedule(&self, steps: usize) -> Schedule {
        Schedule::from_given(&self.pairs(self.kind()), steps).unwrap_or_default()
    }

    /// Chooses schedule `kind`; parameters given before stay for the schedules that take
    /// them.
    pub fn set_kind(&mut self, kind: ScheduleKind) {
        self.kind = Some(kind);
    }

    /// Sets parameter `key` from `text`, validated by the core for the chosen schedule; on
    /// error nothing changes.
    pub fn set(&mut self, key: &'static str, text: &str, steps: usize) -> Result<(), ConfigError> {
        let kind = self.kind();
        let mut pairs = self.pairs(kind);
        pairs.insert(key, text);
        Schedule::from_given(&pairs, steps)?;
        self.given.insert(key, text.trim().to_owned());
        Ok(())
    }
}

/// The training settings of the trajectory figure.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Training {
    /// The data set and model the run fits instead of the function.
    pub data: Option<DataModel>,
    /// Noise σ, seed and mini-batch size.
    pub sampling: Sampling,
    /// η(t).
    pub schedule: ScheduleSettings,
    /// Whether the path without noise (exact gradients, the same schedule) is drawn too.
    pub ghost: bool,
}

/// Whether `data` is one of the built-in sets (its source is the set's name).
pub fn is_builtin(data: &DataSet) -> bool {
    BUILTIN_SETS.iter().any(|s| s.name == data.source)
}

/// Parses pasted or uploaded CSV text (the core's parser and messages: `line 3: y = `abc`
/// is not a finite number`, the row limit).
pub fn parse_pasted(text: &str) -> Result<DataSet, DataError> {
    parse_csv(text.as_bytes(), PASTED)
}

impl Training {
    /// Whether the steps use anything but the exact gradient (noise or mini-batches).
    pub fn is_noisy(&self) -> bool {
        !self.sampling.is_exact()
    }

    /// Fits `set` with `model` (its own model for a built-in set when `None`); a batch size
    /// the new set cannot hold becomes the full batch. On error (targets the model cannot
    /// fit) nothing changes.
    pub fn set_data(&mut self, set: DataSet, model: Option<Model>) -> Result<(), DataError> {
        let model = model.unwrap_or_else(|| default_model(&set.source));
        let fitted = DataModel::new(set, model)?;
        if self.sampling.batch.is_some_and(|b| b >= fitted.len()) {
            self.sampling.batch = None;
        }
        self.data = Some(fitted);
        Ok(())
    }

    /// Fits the typed function again: no data, so no mini-batches.
    pub fn clear_data(&mut self) {
        self.data = None;
        self.sampling.batch = None;
    }

    /// Switches the model of the data set (without one there is nothing to switch); on
    /// error (targets it cannot fit) nothing changes.
    pub fn set_model(&mut self, model: Model) -> Result<(), DataError> {
        match &self.data {
            Some(data) => {
                let set = data.data().clone();
                self.set_data(set, Some(model))
            }
            None => Ok(()),
        }
    }

    /// Sets `noise`, `seed` or `batch` from `text`, validated by the core with this data set
    /// (a batch of N is the full batch); on error nothing changes.
    pub fn set_sampling(&mut self, key: &str, text: &str) -> Result<(), ConfigError> {
        let current = self.sampling.pairs();
        let mut given = BTreeMap::new();
        for (k, v) in &current {
            given.insert(*k, v.as_str());
        }
        given.insert(key, text);
        self.sampling = Sampling::from_given(&given, self.data.as_ref())?;
        Ok(())
    }

    /// Puts the data set, sampling and schedule into `config` (whose `steps` is set).
    pub fn apply(&self, config: &mut Config) {
        config.data = self.data.clone();
        config.sampling = self.sampling;
        config.schedule = self.schedule.schedule(config.steps);
    }

    /// The `data` value a link writes: a built-in set's name, or a small pasted set inline;
    /// `Err` with the reason when the pasted set is too large for a link.
    pub fn link_data(&self) -> Option<Result<String, String>> {
        let data = self.data.as_ref()?.data();
        if is_builtin(data) {
            return Some(Ok(data.source.clone()));
        }
        let inline = data.to_inline();
        Some(
            if data.len() <= LINK_MAX_POINTS && inline.len() <= LINK_MAX_CHARS {
                Ok(inline)
            } else {
                Err(link_limit_message(data.len()))
            },
        )
    }
}

/// Why a link leaves out a pasted data set of `points` points.
pub fn link_limit_message(points: usize) -> String {
    format!(
        "{points} points are too many for a link (it carries pasted data up to \
         {LINK_MAX_POINTS} points): Copy link and Embed give this figure without its data, \
         on the function"
    )
}

/// A sentence on the data set for the page: how many points, which model.
pub fn data_summary(data: &DataModel) -> String {
    let set = data.data();
    let name = if is_builtin(set) {
        format!("`{}`", set.source)
    } else {
        "your data".to_owned()
    };
    format!(
        "{name}: {} points, {} model, {}",
        set.len(),
        data.model().name(),
        data.model().spec().prediction
    )
}

/// The text a pasted set is shown as in the paste field: CSV with the header `x,y`.
pub fn pasted_text(data: &DataSet) -> String {
    data.to_csv()
}

/// The value of extra column `name` of `run` at iteration `t`, if the run has it.
fn extra_at(run: &Trajectory, name: &str, t: usize) -> Option<f64> {
    let (_, values) = run.extra.iter().find(|(n, _)| *n == name)?;
    values.get(t).copied()
}

/// The gradient the step from row `t` of `run` used (a noisy run's `g1_used`, `g2_used`).
pub fn used_gradient(run: &Trajectory, t: usize) -> Option<[f64; 2]> {
    let [g1, g2] = USED_GRADIENT_COLUMNS;
    Some([extra_at(run, g1, t)?, extra_at(run, g2, t)?])
}

/// The learning rate η(t) of the step from row `t` of `run` (a run with a schedule's `lr`).
pub fn learning_rate(run: &Trajectory, t: usize) -> Option<f64> {
    extra_at(run, LR_COLUMN, t)
}

/// The seed after `seed`, for the "another seed" button (wrapping at the largest seed).
pub fn next_seed(seed: u64) -> u64 {
    if seed >= descent_core::data::random::MAX_SEED {
        0
    } else {
        seed + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use descent_core::data::MAX_POINTS;

    fn builtin(name: &str) -> DataSet {
        DataSet::from_value(name).expect("built in").expect("valid")
    }

    #[test]
    fn schedules_take_their_own_parameters_and_follow_the_steps() {
        let mut s = ScheduleSettings::default();
        assert!(s.schedule(300).is_constant());
        assert_eq!(
            s.set("gamma", "0.5", 300).map_err(|e| e.to_string()),
            Err("`gamma` is not used by the constant schedule, which takes warmup".into())
        );
        s.set_kind(ScheduleKind::Cosine);
        assert_eq!(s.schedule(300).period, 300, "the cosine spans the run");
        assert_eq!(s.schedule(40).period, 40);
        s.set("lr_min", "0.001", 300).expect("valid");
        assert!(s.set("period", "0", 300).is_err());
        s.set("period", "50", 300).expect("valid");
        assert_eq!(s.schedule(300).period, 50);
        s.set_kind(ScheduleKind::Step);
        let step = s.schedule(300);
        assert_eq!((step.gamma, step.period), (0.5, 50), "the period stays");
        s.set_kind(ScheduleKind::Cosine);
        assert_eq!(s.schedule(300).lr_min, 0.001);
    }

    #[test]
    fn data_sets_bring_their_model_and_batches_fit_in_them() {
        let mut t = Training::default();
        t.set_data(builtin("line"), None).expect("valid");
        t.set_sampling("batch", "40").expect("valid");
        assert_eq!(t.sampling.batch, Some(40));
        assert!(t.is_noisy());
        t.set_data(builtin("separable"), None).expect("valid");
        assert_eq!(t.data.as_ref().map(DataModel::model), Some(Model::Logistic));
        assert_eq!(t.sampling.batch, None, "40 of 20 points: the full batch");
        assert!(t.set_sampling("batch", "21").is_err());
        let before = t.clone();
        let linear_targets = builtin("line");
        assert_eq!(
            t.set_data(linear_targets, Some(Model::Logistic))
                .map_err(|e| e.to_string()),
            Err("point 1: y = -4.18, but the logistic model needs every y to be 0 or 1".into())
        );
        assert_eq!(t, before);
        t.set_model(Model::Linear).expect("any targets");
        t.clear_data();
        assert_eq!(
            t.set_sampling("batch", "5").map_err(|e| e.to_string()),
            Err("`batch` needs `data`: mini-batches are drawn from a data set's samples".into())
        );
        assert!(t.set_sampling("noise", "-1").is_err());
        t.set_sampling("noise", "0.5").expect("valid");
        t.set_sampling("seed", "7").expect("valid");
        assert_eq!((t.sampling.noise, t.sampling.seed), (0.5, 7));
        assert_eq!(next_seed(7), 8);
        let mut config = Config::article_example();
        config.steps = 3;
        t.apply(&mut config);
        let run = config.run();
        let used = used_gradient(&run, 1).expect("noisy");
        assert_ne!(used, run.rows[1].g);
        assert_eq!(learning_rate(&run, 1), None, "no schedule");
        assert_eq!(next_seed(descent_core::data::random::MAX_SEED), 0);
    }

    #[test]
    fn pasted_data_names_its_bad_line_and_links_carry_it_when_small() {
        assert_eq!(
            parse_pasted("x,y\n1,2\n3,abc\n").map_err(|e| e.to_string()),
            Err("line 3: y = `abc` is not a finite number".into())
        );
        let many = format!("x,y\n{}", "1,2\n".repeat(MAX_POINTS + 1));
        assert_eq!(
            parse_pasted(&many).map_err(|e| e.to_string()),
            Err(
                "more than 10000 data rows; the limit is 10000 points (use a sample of the data)"
                    .into()
            )
        );
        let mut t = Training::default();
        assert_eq!(t.link_data(), None);
        t.set_data(parse_pasted("x,y\n1,2\n3,4.5\n").expect("valid"), None)
            .expect("valid");
        assert_eq!(t.link_data(), Some(Ok("inline:1,2;3,4.5".to_owned())));
        let big = format!("x,y\n{}", "1.25,2.5\n".repeat(LINK_MAX_POINTS + 1));
        t.set_data(parse_pasted(&big).expect("valid"), None)
            .expect("valid");
        let message = t.link_data().and_then(Result::err).expect("too large");
        assert!(
            message.starts_with("201 points are too many for a link"),
            "{message}"
        );
        t.set_data(builtin("overlap"), None).expect("valid");
        assert_eq!(t.link_data(), Some(Ok("overlap".to_owned())));
        let summary = data_summary(t.data.as_ref().expect("data"));
        assert_eq!(
            summary,
            "`overlap`: 60 points, logistic model, ŷ = σ(w1·x + w2)"
        );
    }
}
