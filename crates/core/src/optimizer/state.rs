//! An optimizer's state between steps, and its sizes: how many state pairs, shared scalars
//! and hyperparameters the largest form takes, read from the table at compile time (so that
//! a new optimizer with a larger state grows every buffer and kernel layout with it).

use super::rules::{Slots, STEP_SCALARS};
use super::table::{Form, TABLE};

/// Over every form of the table (at compile time): the most state pairs, shared scalars and
/// per-step scalars any form needs, and the most hyperparameters any optimizer takes.
const fn sizes() -> [usize; 4] {
    let mut most = [0; 4];
    let mut i = 0;
    while i < TABLE.len() {
        let spec = &TABLE[i];
        if spec.hyperparameters.len() > most[3] {
            most[3] = spec.hyperparameters.len();
        }
        let mut j = 0;
        while j < spec.forms.len() {
            let form = &spec.forms[j];
            let needs = [form.pairs(), form.shared, form.rule.step_scalar_count()];
            let mut k = 0;
            while k < 3 {
                if needs[k] > most[k] {
                    most[k] = needs[k];
                }
                k += 1;
            }
            j += 1;
        }
        i += 1;
    }
    most
}

/// The most state pairs a form keeps, from the table.
pub const MAX_STATE_PAIRS: usize = sizes()[0];
/// The most scalars a form's state shares between the weights, from the table.
pub const MAX_SHARED: usize = sizes()[1];
/// The most hyperparameters an optimizer takes, from the table.
pub const MAX_HYPERPARAMETERS: usize = sizes()[3];
// Every rule's per-step scalars fit.
const _: () = assert!(sizes()[2] <= STEP_SCALARS);

/// An optimizer's memory between steps. Which slots are used depends on the optimizer's form;
/// all are plain numbers so a state can cross to JavaScript and back.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct State {
    /// Steps taken so far (bias corrections need it); it stays at `u64::MAX` rather than
    /// overflow, whatever state a caller continues from.
    pub t: u64,
    /// Per weight (w1, w2), the optimizer's state pairs in the order of its columns.
    pub slots: [[f64; MAX_STATE_PAIRS]; 2],
    /// The scalars both weights share (Prodigy's d), after the pairs' columns.
    pub shared: [f64; MAX_SHARED],
}

impl State {
    /// Whether every number in the state is finite.
    pub fn is_finite(&self) -> bool {
        self.slots
            .iter()
            .flatten()
            .chain(&self.shared)
            .all(|x| x.is_finite())
    }

    /// State pair `k` (columns `2k`, `2k + 1`), e.g. RMSProp's s or Adam's v for k = 1.
    pub fn pair(&self, k: usize) -> [f64; 2] {
        [self.slots[0][k], self.slots[1][k]]
    }

    /// The state as the update rules read it.
    pub fn rule_slots(&self) -> Slots<f64> {
        Slots {
            pairs: self.slots,
            shared: self.shared,
        }
    }

    /// Sets the state from what a rule wrote.
    pub fn set_rule_slots(&mut self, slots: &Slots<f64>) {
        self.slots = slots.pairs;
        self.shared = slots.shared;
    }
}

/// Where state column `c` of a form with `pairs` state pairs lives: weight c % 2 of pair c / 2,
/// then the shared scalars in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StateSlot {
    /// `slots[weight][k]`.
    Pair {
        /// The weight.
        weight: usize,
        /// The pair.
        k: usize,
    },
    /// `shared[k]`.
    Shared(usize),
}

impl StateSlot {
    /// The slot of column `c` of a form with `pairs` pairs.
    pub const fn of_column(pairs: usize, c: usize) -> StateSlot {
        if c < 2 * pairs {
            StateSlot::Pair {
                weight: c % 2,
                k: c / 2,
            }
        } else {
            StateSlot::Shared(c - 2 * pairs)
        }
    }

    /// Its value in `state`.
    pub fn get(self, state: &State) -> f64 {
        match self {
            StateSlot::Pair { weight, k } => state.slots[weight][k],
            StateSlot::Shared(k) => state.shared[k],
        }
    }

    /// Sets its value in `state`.
    pub fn set(self, state: &mut State, value: f64) {
        match self {
            StateSlot::Pair { weight, k } => state.slots[weight][k] = value,
            StateSlot::Shared(k) => state.shared[k] = value,
        }
    }
}

/// The values of `form`'s state columns in `state`.
pub fn state_values(form: &Form, state: &State) -> Vec<f64> {
    (0..form.state.len())
        .map(|c| StateSlot::of_column(form.pairs(), c).get(state))
        .collect()
}

/// A state after `t` steps with the given values of `form`'s state columns (as
/// [`state_values`] returns them); `None` if the count does not match.
pub fn state_from_values(form: &Form, t: u64, values: &[f64]) -> Option<State> {
    if values.len() != form.state.len() {
        return None;
    }
    let mut state = State {
        t,
        ..State::default()
    };
    for (c, &value) in values.iter().enumerate() {
        StateSlot::of_column(form.pairs(), c).set(&mut state, value);
    }
    Some(state)
}
