//! The optimizers: each a row of [`table::TABLE`] (name, hyperparameters, per-convention
//! update rule), a value type [`Optimizer`] holding its hyperparameters, and a pure
//! `step(state, w, g) -> (w, state)` from the form's initial [`State`].

pub mod hyperparameters;
pub mod key;
pub mod rules;
pub mod stability;
pub mod state;
pub mod table;

use std::fmt;
use std::str::FromStr;

pub use hyperparameters::{Hyperparameter, SliderScale, HYPERPARAMETERS};
pub use key::{keys, Key};
pub use rules::{Amsgrad, Coefficients, Rule, Slots, StepScalars, COEFFICIENTS, STEP_SCALARS};
pub use stability::StepSlots;
pub use state::{
    state_from_values, state_values, State, StateSlot, MAX_HYPERPARAMETERS, MAX_SHARED,
    MAX_STATE_PAIRS,
};
pub use table::{Convention, Family, Form, OptimizerSpec, TABLE};

use crate::error::ConfigError;
use key::same_name;

/// Which optimizer, without its hyperparameters: a row of [`TABLE`].
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct OptimizerKind(u8);

impl OptimizerKind {
    /// The optimizer named `name`, found at compile time (a missing name fails the build):
    /// `const ADAM: OptimizerKind = OptimizerKind::must("adam");`.
    pub const fn must(name: &str) -> OptimizerKind {
        let mut i = 0;
        while i < TABLE.len() {
            if same_name(TABLE[i].name, name) {
                return OptimizerKind(i as u8);
            }
            i += 1;
        }
        panic!("no optimizer of that name in the table")
    }

    /// Every optimizer, in table order.
    pub fn all() -> impl DoubleEndedIterator<Item = OptimizerKind> + ExactSizeIterator + Clone {
        (0..TABLE.len()).map(|i| OptimizerKind(i as u8))
    }

    /// The optimizer named `name`.
    pub fn named(name: &str) -> Option<OptimizerKind> {
        OptimizerKind::all().find(|k| k.name() == name)
    }

    /// Its row of the table.
    pub fn spec(self) -> &'static OptimizerSpec {
        &TABLE[self.0 as usize]
    }

    /// Its place in the table (compare mode's order and colours).
    pub fn index(self) -> usize {
        self.0 as usize
    }

    /// The name used by the CLI, URLs and the JS API.
    pub fn name(self) -> &'static str {
        self.spec().name
    }

    /// How the page writes it.
    pub fn label(self) -> &'static str {
        self.spec().label
    }

    /// Its form in `convention`: its own, or its default (first) form if it has none.
    pub fn form(self, convention: Convention) -> &'static Form {
        let forms = self.spec().forms;
        forms
            .iter()
            .find(|f| f.convention == convention)
            .unwrap_or(&forms[0])
    }

    /// Its hyperparameters with their defaults in `convention`, in control order.
    pub fn hyperparameters(
        self,
        convention: Convention,
    ) -> impl Iterator<Item = (&'static Hyperparameter, f64)> + Clone {
        let overrides = self.form(convention).defaults;
        self.spec()
            .hyperparameters
            .iter()
            .filter_map(move |&(key, default)| {
                let default = overrides
                    .iter()
                    .find(|(k, _)| *k == key)
                    .map_or(default, |&(_, d)| d);
                Some((Hyperparameter::named(key)?, default))
            })
    }

    /// The default of `key` in `convention`, if this optimizer has it.
    pub fn default_of(self, key: &str, convention: Convention) -> Option<f64> {
        self.hyperparameters(convention)
            .find(|(h, _)| h.key == key)
            .map(|(_, d)| d)
    }

    /// The error for hyperparameter `key` given to this optimizer, which does not have it.
    pub fn not_used(self, key: &str) -> ConfigError {
        ConfigError::NotUsed {
            key: key.to_owned(),
            optimizer: self.name(),
            accepted: self.keys_text(),
        }
    }

    /// Its hyperparameters' keys, comma-separated (for messages).
    pub fn keys_text(self) -> String {
        let keys: Vec<&str> = self.spec().hyperparameters.iter().map(|p| p.0).collect();
        keys.join(", ")
    }

    /// The names of its state columns in `convention`, in output order.
    pub fn state_columns(self, convention: Convention) -> &'static [&'static str] {
        self.form(convention).state
    }

    /// The optimizer with its default hyperparameters in the article's convention.
    pub fn with_defaults(self) -> Optimizer {
        Optimizer::new(self, Convention::Article)
    }
}

impl fmt::Debug for OptimizerKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl fmt::Display for OptimizerKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for OptimizerKind {
    type Err = ConfigError;

    fn from_str(name: &str) -> Result<Self, ConfigError> {
        OptimizerKind::named(name.trim()).ok_or_else(|| ConfigError::UnknownOptimizer {
            name: name.to_owned(),
            names: names_text(),
        })
    }
}

/// Every optimizer's name, comma-separated (for messages and help).
pub fn names_text() -> String {
    let names: Vec<&str> = TABLE.iter().map(|s| s.name).collect();
    names.join(", ")
}

/// An optimizer with its convention and hyperparameters.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Optimizer {
    kind: OptimizerKind,
    convention: Convention,
    /// In the order of the table row's hyperparameters.
    values: [f64; MAX_HYPERPARAMETERS],
}

impl Optimizer {
    /// `kind` in `convention` with that convention's defaults.
    pub fn new(kind: OptimizerKind, convention: Convention) -> Optimizer {
        let mut values = [0.0; MAX_HYPERPARAMETERS];
        for (value, (_, default)) in values.iter_mut().zip(kind.hyperparameters(convention)) {
            *value = default;
        }
        Optimizer {
            kind,
            convention,
            values,
        }
    }

    /// Which optimizer this is.
    pub fn kind(&self) -> OptimizerKind {
        self.kind
    }

    /// Its name.
    pub fn name(&self) -> &'static str {
        self.kind.name()
    }

    /// Whose form it uses.
    pub fn convention(&self) -> Convention {
        self.convention
    }

    /// The form it uses.
    pub fn form(&self) -> &'static Form {
        self.kind.form(self.convention)
    }

    /// Its state columns.
    pub fn state_columns(&self) -> &'static [&'static str] {
        self.form().state
    }

    /// Each hyperparameter with its value, in control order.
    pub fn hyperparameters(&self) -> impl Iterator<Item = (&'static Hyperparameter, f64)> + '_ {
        self.kind
            .hyperparameters(self.convention)
            .zip(self.values)
            .map(|((h, _), v)| (h, v))
    }

    /// The value of hyperparameter `key`, if this optimizer has it.
    pub fn get(&self, key: &str) -> Option<f64> {
        self.hyperparameters()
            .find(|(h, _)| h.key == key)
            .map(|(_, v)| v)
    }

    /// Sets hyperparameter `key` to `value` after checking that this optimizer has it and
    /// that the value is in its range.
    pub fn set(&mut self, key: &str, value: f64) -> Result<(), ConfigError> {
        let found = self
            .kind
            .hyperparameters(self.convention)
            .enumerate()
            .find(|(_, (h, _))| h.key == key);
        let Some((i, (h, _))) = found else {
            return Err(self.kind.not_used(key));
        };
        if !h.accepts(value) {
            return Err(ConfigError::OutOfRange {
                key: key.to_owned(),
                value,
                range: h.range_text(),
            });
        }
        self.values[i] = value;
        Ok(())
    }

    /// The same optimizer in `convention`: hyperparameters still at the old convention's
    /// defaults take the new one's, values set by hand stay.
    pub fn with_convention(&self, convention: Convention) -> Optimizer {
        let old = Optimizer::new(self.kind, self.convention);
        let mut new = Optimizer::new(self.kind, convention);
        for i in 0..MAX_HYPERPARAMETERS {
            if self.values[i].to_bits() != old.values[i].to_bits() {
                new.values[i] = self.values[i];
            }
        }
        new
    }

    /// The hyperparameters as the update rules read them.
    pub fn coefficients(&self) -> Coefficients {
        let mut c = Coefficients::default();
        for (h, value) in self.hyperparameters() {
            c[h.place()] = value;
        }
        c
    }

    /// The state before the first step.
    pub fn initial_state(&self) -> State {
        let form = self.form();
        let mut state = State::default();
        for (k, &value) in form.initial.iter().enumerate() {
            if k < form.pairs() {
                state.slots[0][k] = value;
                state.slots[1][k] = value;
            } else {
                state.shared[k - form.pairs()] = value;
            }
        }
        state
    }

    /// Ready to step many times with the hyperparameters read once.
    pub fn stepper(&self) -> Stepper {
        let c = self.coefficients();
        Stepper {
            rule: self.form().rule,
            c,
        }
    }

    /// One step from `w` with gradient `g = ∇E(w)`: the next position and state.
    pub fn step(&self, state: State, w: [f64; 2], g: [f64; 2]) -> ([f64; 2], State) {
        let stepper = self.stepper();
        let mut state = state;
        let mut w = w;
        stepper.step(&mut state, &mut w, g, stepper.c.lr());
        (w, state)
    }

    /// The quantities its rule derives from `state` for display (Adam's m̂ and v̂), each a
    /// pair; none before the first step.
    pub fn derived(&self, state: &State) -> Vec<(&'static str, [f64; 2])> {
        let rule = self.form().rule;
        if state.t == 0 {
            return Vec::new();
        }
        let scalars = rule.step_scalars(&self.coefficients(), state.t);
        let values = state.slots.map(|slots| rule.derived(scalars, &slots));
        rule.derived_names()
            .iter()
            .enumerate()
            .map(|(k, &name)| (name, [values[0][k], values[1][k]]))
            .collect()
    }
}

/// An optimizer's rule with its coefficients, read once for many steps.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Stepper {
    /// The update rule.
    pub rule: Rule,
    /// Its hyperparameters.
    pub c: Coefficients,
}

impl Stepper {
    /// One step in place from `w` with gradient `g` and learning rate `lr` (the optimizer's
    /// own, or a schedule's for this step). Not inlined: inlined, each of its callers (the
    /// plain run, the training run, the first steps) held its own copy of every rule's step,
    /// 7 KiB gzipped of the first WebAssembly module; a call per step costs nothing measurable
    /// (docs/performance.md, "What the first module holds").
    #[inline(never)]
    pub fn step(&self, state: &mut State, w: &mut [f64; 2], g: [f64; 2], lr: f64) {
        state.t = state.t.saturating_add(1);
        let scalars = self.rule.step_scalars(&self.c, state.t);
        let mut slots = state.rule_slots();
        self.rule
            .step_weights(&self.c, lr, scalars, &mut slots, w, g);
        state.set_rule_slots(&slots);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_is_consistent() {
        for kind in OptimizerKind::all() {
            let spec = kind.spec();
            assert_eq!(OptimizerKind::named(spec.name), Some(kind));
            assert!(!spec.forms.is_empty(), "{kind}");
            assert!(spec.hyperparameters.len() <= MAX_HYPERPARAMETERS, "{kind}");
            for (key, default) in spec.hyperparameters {
                let h = Hyperparameter::named(key).unwrap_or_else(|| panic!("{kind}: {key}"));
                assert!(h.accepts(*default), "{kind}: {key} = {default}");
            }
            for form in spec.forms {
                assert!(form.shared <= form.state.len() && form.pairs() <= MAX_STATE_PAIRS);
                assert!((form.state.len() - form.shared) % 2 == 0, "{kind}: pairs");
                assert!(
                    form.initial.len() <= form.pairs() + form.shared,
                    "{kind}: initial"
                );
                for (key, default) in form.defaults {
                    assert!(
                        spec.hyperparameters.iter().any(|(k, _)| k == key),
                        "{kind} {:?}: {key} is not a hyperparameter",
                        form.convention
                    );
                    let h = Hyperparameter::named(key).unwrap_or_else(|| panic!("{key}"));
                    assert!(h.accepts(*default));
                }
                let conventions = spec
                    .forms
                    .iter()
                    .filter(|f| f.convention == form.convention);
                assert_eq!(conventions.count(), 1, "{kind}: one form per convention");
            }
        }
    }

    #[test]
    fn set_checks_the_key_and_the_range() {
        let mut adam = OptimizerKind::must("adam").with_defaults();
        assert!(adam.set("lr", 0.01).is_ok());
        assert_eq!(adam.get("lr"), Some(0.01));
        assert!(adam.set("beta2", 1.0).is_err());
        let error = adam.set("alpha", 0.5).map_err(|e| e.to_string());
        assert_eq!(
            error,
            Err(
                "`alpha` is not a hyperparameter of adam, which takes lr, beta1, beta2, eps".into()
            )
        );
    }

    #[test]
    fn conventions_change_defaults_and_keep_what_was_set() {
        let rmsprop = OptimizerKind::must("rmsprop");
        let torch = Optimizer::new(rmsprop, Convention::PyTorch);
        assert_eq!(torch.get("lr"), Some(0.01));
        assert_eq!(torch.get("beta"), Some(0.99));
        let mut article = rmsprop.with_defaults();
        article.set("eps", 1e-6).unwrap_or_default();
        let keras = article.with_convention(Convention::Keras);
        assert_eq!(keras.get("lr"), Some(0.001));
        assert_eq!(keras.get("eps"), Some(1e-6));
        assert_eq!(
            OptimizerKind::must("lion")
                .form(Convention::Article)
                .convention,
            Convention::PyTorch
        );
    }

    #[test]
    fn state_columns_round_trip() {
        let form = OptimizerKind::must("amsgrad").with_defaults().form();
        let mut state = State {
            t: 3,
            ..State::default()
        };
        state.slots[0][..3].copy_from_slice(&[1.0, 2.0, 3.0]);
        state.slots[1][..3].copy_from_slice(&[4.0, 5.0, 6.0]);
        let values = state_values(form, &state);
        assert_eq!(values, [1.0, 4.0, 2.0, 5.0, 3.0, 6.0]);
        assert_eq!(state_from_values(form, 3, &values), Some(state));
    }
}
