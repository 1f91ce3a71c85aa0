//! A trajectory: `step` folded over the iterations from a start point, every position, error,
//! gradient and state kept, and the reason it stopped early if it did.

use std::fmt;

use crate::function::Function;
use crate::optimizer::{state_values, Optimizer, State};

/// The columns every trajectory has, before the optimizer's state columns.
pub const BASE_COLUMNS: [&str; 6] = ["t", "w1", "w2", "error", "g1", "g2"];

/// One iteration: the position w(t), E(w(t)), ∇E(w(t)) and the state after t steps.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Row {
    /// The iteration, 0 at the start.
    pub t: usize,
    /// The position w(t).
    pub w: [f64; 2],
    /// E(w(t)).
    pub error: f64,
    /// ∇E(w(t)), the gradient the next step uses.
    pub g: [f64; 2],
    /// The optimizer's state after t steps.
    pub state: State,
}

/// Why a trajectory ended before its last iteration.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Stop {
    /// The step to iteration `step` produced a non-finite position or state, or E or ∇E
    /// overflowed to infinity there; at step 0, the state given to continue from was not
    /// finite.
    Diverged {
        /// The iteration that could not be reached.
        step: usize,
    },
    /// E or ∇E is not a number (NaN) at the position reached at iteration `step`, or not
    /// finite at the start (step 0).
    Undefined {
        /// The iteration.
        step: usize,
        /// The position.
        w: [f64; 2],
    },
}

impl Stop {
    /// The iteration at which the run stopped.
    pub fn step(&self) -> usize {
        match *self {
            Stop::Diverged { step } | Stop::Undefined { step, .. } => step,
        }
    }
}

impl fmt::Display for Stop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Stop::Diverged { step: 0 } => f.write_str(
                "cannot continue: the optimizer's state is not finite (start again from the zero \
                 state)",
            ),
            Stop::Diverged { step } => write!(
                f,
                "diverged at step {step}: the values overflowed to infinity (try a smaller lr)"
            ),
            Stop::Undefined { step, w } => write!(
                f,
                "stopped at step {step}: E or its gradient is not finite at w = ({:?}, {:?}) \
                 (the function is undefined or overflows there)",
                w[0], w[1]
            ),
        }
    }
}

/// The iterations of one run.
#[derive(Clone, Debug, PartialEq)]
pub struct Trajectory {
    /// The optimizer that produced it, with its convention and hyperparameters (it names
    /// the state columns).
    pub optimizer: Optimizer,
    /// Rows t = 0, 1, …; all finite. Empty only if the start point itself is undefined, or
    /// the state to continue from is not finite.
    pub rows: Vec<Row>,
    /// Why it ended early; `None` if every iteration was computed.
    pub stop: Option<Stop>,
    /// Columns a training run adds after [`BASE_COLUMNS`], one value per row: the gradient
    /// each step used and its learning rate (see [`crate::training`]); empty for a plain run.
    pub extra: Vec<(&'static str, Vec<f64>)>,
}

impl Trajectory {
    /// The column names: [`BASE_COLUMNS`], the [`Trajectory::extra`] columns, then the
    /// optimizer's state columns.
    pub fn columns(&self) -> Vec<&'static str> {
        let mut names = columns(&self.optimizer);
        let extra = self.extra.iter().map(|(name, _)| *name);
        names.splice(BASE_COLUMNS.len()..BASE_COLUMNS.len(), extra);
        names
    }

    /// Every column's values, in column order (no allocation per row: the JS API and the
    /// figures read 100 000-row runs through this).
    pub fn column_values(&self) -> Vec<Vec<f64>> {
        let state_columns = self.optimizer.state_columns().len();
        let mut columns: Vec<Vec<f64>> = (0..BASE_COLUMNS.len() + state_columns)
            .map(|_| Vec::with_capacity(self.rows.len()))
            .collect();
        for row in &self.rows {
            let base = [
                row.t as f64,
                row.w[0],
                row.w[1],
                row.error,
                row.g[0],
                row.g[1],
            ];
            let (base_columns, state) = columns.split_at_mut(BASE_COLUMNS.len());
            for (column, value) in base_columns.iter_mut().zip(base) {
                column.push(value);
            }
            for (c, column) in state.iter_mut().enumerate() {
                column.push(row.state.slots[c % 2][c / 2]);
            }
        }
        let extra = self.extra.iter().map(|(_, values)| values.clone());
        columns.splice(BASE_COLUMNS.len()..BASE_COLUMNS.len(), extra);
        columns
    }

    /// One row's values in column order (`row` one of [`Trajectory::rows`]).
    pub fn values(&self, row: &Row) -> Vec<f64> {
        [
            row.t as f64,
            row.w[0],
            row.w[1],
            row.error,
            row.g[0],
            row.g[1],
        ]
        .into_iter()
        .chain(
            self.extra
                .iter()
                .filter_map(|(_, values)| values.get(row.t).copied()),
        )
        .chain(state_values(self.optimizer.state_columns(), &row.state))
        .collect()
    }
}

/// The column names of a trajectory of `optimizer`.
pub fn columns(optimizer: &Optimizer) -> Vec<&'static str> {
    BASE_COLUMNS
        .iter()
        .chain(optimizer.state_columns())
        .copied()
        .collect()
}

/// Whether E and ∇E are finite.
fn finite(error: f64, g: [f64; 2]) -> bool {
    error.is_finite() && g[0].is_finite() && g[1].is_finite()
}

/// Runs `optimizer` for `steps` iterations from `start` on `function`, stopping early (and
/// saying why) at the first non-finite value.
pub fn trajectory(
    function: &Function,
    optimizer: &Optimizer,
    start: [f64; 2],
    steps: usize,
) -> Trajectory {
    trajectory_from(function, optimizer, start, optimizer.initial_state(), steps)
}

/// [`trajectory`] continued from `state` (an earlier run's last state) instead of the initial
/// one; row
/// `t` is `t` steps after `start`. A state that is not finite stops it at once
/// ([`Stop::Diverged`] at step 0), as it would stop the first step.
pub fn trajectory_from(
    function: &Function,
    optimizer: &Optimizer,
    start: [f64; 2],
    state: State,
    steps: usize,
) -> Trajectory {
    let mut evaluator = function.evaluator();
    let stepper = optimizer.stepper();
    let mut rows = Vec::with_capacity(steps + 1);
    let mut stop = None;
    let (error, g) = evaluator.value_and_gradient(start);
    let start_defined = finite(error, g) && start.iter().all(|x| x.is_finite());
    if start_defined && state.is_finite() {
        let mut row = Row {
            t: 0,
            w: start,
            error,
            g,
            state,
        };
        rows.push(row);
        for t in 1..=steps {
            let (mut w, mut state) = (row.w, row.state);
            stepper.step(&mut state, &mut w, row.g, stepper.c.lr);
            if !(w[0].is_finite() && w[1].is_finite() && state.is_finite()) {
                stop = Some(Stop::Diverged { step: t });
                break;
            }
            let (error, g) = evaluator.value_and_gradient(w);
            if !finite(error, g) {
                let overflowed = [error, g[0], g[1]].iter().all(|x| !x.is_nan());
                stop = Some(if overflowed {
                    Stop::Diverged { step: t }
                } else {
                    Stop::Undefined { step: t, w }
                });
                break;
            }
            row = Row {
                t,
                w,
                error,
                g,
                state,
            };
            rows.push(row);
        }
    } else if !start_defined {
        stop = Some(Stop::Undefined { step: 0, w: start });
    } else {
        stop = Some(Stop::Diverged { step: 0 });
    }
    Trajectory {
        optimizer: *optimizer,
        rows,
        stop,
        extra: Vec::new(),
    }
}
