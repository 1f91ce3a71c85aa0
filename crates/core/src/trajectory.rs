//! A trajectory: `step` folded over the iterations from a start point, every position, error,
//! gradient and state kept, and the reason it stopped early if it did.

use std::fmt;

use crate::function::{Evaluator, Function};
use crate::optimizer::{state_values, Optimizer, State, Stepper};

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

impl Row {
    /// The values of [`BASE_COLUMNS`]: t, w1, w2, error, g1, g2.
    #[inline]
    pub fn base_values(&self) -> [f64; 6] {
        [
            self.t as f64,
            self.w[0],
            self.w[1],
            self.error,
            self.g[0],
            self.g[1],
        ]
    }
}

/// Why a trajectory ended before its last iteration, or that it met its tolerance.
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
    /// ‖∇E(w)‖ ≤ `tol` at the row of iteration `step` (the last row): the run reached a
    /// stationary point as closely as asked.
    Converged {
        /// The iteration, the run's last row.
        step: usize,
        /// The tolerance met.
        tol: f64,
    },
}

/// Why a run stopped, in one word: the `stop` column of sweeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StopReason {
    /// [`Stop::Converged`].
    Converged,
    /// [`Stop::Diverged`].
    Diverged,
    /// [`Stop::Undefined`].
    Undefined,
}

impl StopReason {
    /// Every reason, in the order of their codes (1, 2, 3; 0 is "did not stop").
    pub const ALL: [StopReason; 3] = [
        StopReason::Converged,
        StopReason::Diverged,
        StopReason::Undefined,
    ];

    /// The word: `converged`, `diverged` or `undefined`.
    pub fn name(self) -> &'static str {
        match self {
            StopReason::Converged => "converged",
            StopReason::Diverged => "diverged",
            StopReason::Undefined => "undefined",
        }
    }

    /// The reason named `name`.
    pub fn named(name: &str) -> Option<StopReason> {
        StopReason::ALL.into_iter().find(|r| r.name() == name)
    }

    /// A number for flat numeric columns (the JS API's `Float64Array`s): 1 + its place in
    /// [`StopReason::ALL`]; [`StopReason::code_of`] gives 0 for a run that did not stop.
    pub fn code(self) -> u8 {
        match self {
            StopReason::Converged => 1,
            StopReason::Diverged => 2,
            StopReason::Undefined => 3,
        }
    }

    /// The code of an optional reason: 0 for none.
    pub fn code_of(reason: Option<StopReason>) -> u8 {
        reason.map_or(0, StopReason::code)
    }
}

impl fmt::Display for StopReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Stop {
    /// The iteration at which the run stopped.
    pub fn step(&self) -> usize {
        match *self {
            Stop::Diverged { step }
            | Stop::Undefined { step, .. }
            | Stop::Converged { step, .. } => step,
        }
    }

    /// Why, in one word.
    pub fn reason(&self) -> StopReason {
        match self {
            Stop::Diverged { .. } => StopReason::Diverged,
            Stop::Undefined { .. } => StopReason::Undefined,
            Stop::Converged { .. } => StopReason::Converged,
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
            Stop::Converged { step, tol } => write!(
                f,
                "converged at step {step}: the gradient's norm |∇E(w)| is at most tol = {tol:?}"
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
    /// Why it ended early, or that its last row met the tolerance; `None` if every iteration
    /// was computed and none met it.
    pub stop: Option<Stop>,
}

/// Where a run ended: its last row's position, error and iteration, and why it stopped. This
/// is what a sweep keeps of each run.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Summary {
    /// w at the last row; the start if there is no row.
    pub w: [f64; 2],
    /// E at the last row; NaN if there is no row.
    pub error: f64,
    /// The last row's iteration: the steps taken (0 if there is no row).
    pub t: usize,
    /// Why it stopped, if it did.
    pub stop: Option<Stop>,
}

impl Summary {
    /// The summary of a run that stopped before its first row (`stop` at step 0).
    pub fn without_rows(start: [f64; 2], stop: Stop) -> Summary {
        Summary {
            w: start,
            error: f64::NAN,
            t: 0,
            stop: Some(stop),
        }
    }

    /// Whether two summaries are the same bit for bit (NaN equal to itself, 0 unequal to −0).
    pub fn same_bits(&self, other: &Summary) -> bool {
        let bits = |s: &Summary| [s.w[0].to_bits(), s.w[1].to_bits(), s.error.to_bits()];
        bits(self) == bits(other)
            && self.t == other.t
            && self.stop.map(|s| s.reason()) == other.stop.map(|s| s.reason())
    }
}

impl Trajectory {
    /// The column names: [`BASE_COLUMNS`] then the optimizer's state columns.
    pub fn columns(&self) -> Vec<&'static str> {
        columns(&self.optimizer)
    }

    /// Every column's values, in column order (no allocation per row: the figures read
    /// 100 000-row runs through this).
    pub fn column_values(&self) -> Vec<Vec<f64>> {
        let mut columns = ColumnRecorder::new(&self.optimizer, self.rows.len());
        for row in &self.rows {
            columns.record(row);
        }
        columns.values
    }

    /// Where the run ended: the last row, or the start point with E = NaN if there is none
    /// (a start where E is undefined; the start's position is then `stop`'s, or NaN if the
    /// state to continue from was not finite).
    pub fn summary(&self) -> Summary {
        match (self.rows.last(), self.stop) {
            (Some(row), stop) => Summary {
                w: row.w,
                error: row.error,
                t: row.t,
                stop,
            },
            (None, Some(stop @ Stop::Undefined { w, .. })) => Summary::without_rows(w, stop),
            (None, stop) => Summary {
                w: [f64::NAN; 2],
                error: f64::NAN,
                t: 0,
                stop,
            },
        }
    }

    /// One row's values in column order.
    pub fn values(&self, row: &Row) -> Vec<f64> {
        row.base_values()
            .into_iter()
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

/// Whether ‖g‖ ≤ `tol`, the Euclidean norm computed without overflow or underflow; never for
/// `tol` = 0 (no tolerance). Both components are compared first, as ‖g‖ is at least each.
#[inline]
pub fn converged(g: [f64; 2], tol: f64) -> bool {
    tol > 0.0 && g[0].abs() <= tol && g[1].abs() <= tol && g[0].hypot(g[1]) <= tol
}

/// The checks that end a run, in the order a run applies them: one definition for the single
/// trajectory and the batched engine, so that both stop at the same row for the same reason.
pub(crate) mod checks {
    use super::{converged, finite, Stop};
    use crate::optimizer::State;

    /// At the start: E and ∇E at `start` (and `start` itself) finite, then the state.
    #[inline]
    pub fn start(start: [f64; 2], error: f64, g: [f64; 2], state: &State) -> Option<Stop> {
        if !(finite(error, g) && start.iter().all(|x| x.is_finite())) {
            Some(Stop::Undefined { step: 0, w: start })
        } else if !state.is_finite() {
            Some(Stop::Diverged { step: 0 })
        } else {
            None
        }
    }

    /// After the step to iteration `t`: the new position and state finite.
    #[inline]
    pub fn stepped(t: usize, w: [f64; 2], state: &State) -> Option<Stop> {
        if stepped_finite(w, &state.slots) {
            None
        } else {
            Some(Stop::Diverged { step: t })
        }
    }

    /// Whether a step's new position and state slots are finite (else it diverged).
    #[inline(always)]
    pub fn stepped_finite(w: [f64; 2], slots: &[[f64; 3]; 2]) -> bool {
        w[0].is_finite() && w[1].is_finite() && slots.iter().flatten().all(|x| x.is_finite())
    }

    /// E and ∇E at the position `w` of iteration `t`: infinite is divergence, NaN undefined.
    #[inline]
    pub fn evaluated(t: usize, w: [f64; 2], error: f64, g: [f64; 2]) -> Option<Stop> {
        if finite(error, g) {
            None
        } else if [error, g[0], g[1]].iter().all(|x| !x.is_nan()) {
            Some(Stop::Diverged { step: t })
        } else {
            Some(Stop::Undefined { step: t, w })
        }
    }

    /// After row `t` is kept: its gradient within `tol`.
    #[inline]
    pub fn row(t: usize, g: [f64; 2], tol: f64) -> Option<Stop> {
        converged(g, tol).then_some(Stop::Converged { step: t, tol })
    }
}

/// Receives the rows of a run as they are computed (a trajectory keeps them all, a column
/// writer writes each into its columns, a sweep only the last).
pub trait Recorder {
    /// Row `row.t`, finite.
    fn record(&mut self, row: &Row);
}

impl Recorder for Vec<Row> {
    #[inline]
    fn record(&mut self, row: &Row) {
        self.push(*row);
    }
}

/// Writes each row straight into its columns ([`BASE_COLUMNS`], then the optimizer's state
/// columns): a trajectory as the JS API returns it, without rows in between.
#[derive(Clone, Debug, PartialEq)]
pub struct ColumnRecorder {
    /// One vector per column.
    pub values: Vec<Vec<f64>>,
}

impl ColumnRecorder {
    /// Empty columns for a run of `optimizer`, each with room for `rows` rows.
    pub fn new(optimizer: &Optimizer, rows: usize) -> ColumnRecorder {
        let count = BASE_COLUMNS.len() + optimizer.state_columns().len();
        ColumnRecorder {
            values: (0..count).map(|_| Vec::with_capacity(rows)).collect(),
        }
    }
}

impl Recorder for ColumnRecorder {
    #[inline]
    fn record(&mut self, row: &Row) {
        let (base, state) = self.values.split_at_mut(BASE_COLUMNS.len());
        for (column, value) in base.iter_mut().zip(row.base_values()) {
            column.push(value);
        }
        // State column c is component c % 2 (the weight) of state vector c / 2.
        for (c, column) in state.iter_mut().enumerate() {
            column.push(row.state.slots[c % 2][c / 2]);
        }
    }
}

/// A run as columns, recorded without rows in between: what the JS API's `trajectory()`
/// returns.
#[derive(Clone, Debug, PartialEq)]
pub struct TrajectoryColumns {
    /// The optimizer that produced it (it names the state columns).
    pub optimizer: Optimizer,
    /// The column names ([`Trajectory::columns`]).
    pub names: Vec<&'static str>,
    /// One vector per column, equal to [`Trajectory::column_values`] of the same run.
    pub values: Vec<Vec<f64>>,
    /// Why it stopped, as [`Trajectory::stop`].
    pub stop: Option<Stop>,
}

/// [`trajectory_within`] recorded as columns.
pub fn trajectory_columns(
    function: &Function,
    optimizer: &Optimizer,
    start: [f64; 2],
    state: State,
    limits: Limits,
) -> TrajectoryColumns {
    let rows = limits.steps.saturating_add(1).min(MAX_PREALLOCATED_ROWS);
    let mut recorder = ColumnRecorder::new(optimizer, rows);
    let stop = run(
        &mut function.evaluator(),
        &optimizer.stepper(),
        start,
        state,
        limits,
        &mut recorder,
    );
    TrajectoryColumns {
        optimizer: *optimizer,
        names: columns(optimizer),
        values: recorder.values,
        stop,
    }
}

/// When a run ends at the latest.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Limits {
    /// The most iterations.
    pub steps: usize,
    /// Stop at the first row with ‖∇E(w)‖ ≤ `tol` ([`Stop::Converged`]); 0 never stops.
    pub tol: f64,
}

/// The one loop of a run: the optimizer of `stepper` from `start` in `state`, each row handed
/// to `recorder`, until `limits` or the first non-finite value (`checks`). Returns why it
/// stopped. Row `t` is `t` steps after `start`.
///
/// The order: E and ∇E at the start (an undefined start, then a state that is not finite,
/// stop it with no row); row 0; its tolerance. Then per step t = 1, 2, …: the step (a
/// non-finite position or state is [`Stop::Diverged`] at t), E and ∇E at the new position
/// (infinite: diverged; NaN: undefined), row t, its tolerance.
pub fn run<R: Recorder>(
    evaluator: &mut Evaluator,
    stepper: &Stepper,
    start: [f64; 2],
    state: State,
    limits: Limits,
    recorder: &mut R,
) -> Option<Stop> {
    let (mut w, mut state) = (start, state);
    let (error, mut g) = evaluator.value_and_gradient(w);
    if let Some(stop) = checks::start(w, error, g, &state) {
        return Some(stop);
    }
    recorder.record(&Row {
        t: 0,
        w,
        error,
        g,
        state,
    });
    if let Some(stop) = checks::row(0, g, limits.tol) {
        return Some(stop);
    }
    for t in 1..=limits.steps {
        stepper.step(&mut state, &mut w, g, stepper.c.lr);
        if let Some(stop) = checks::stepped(t, w, &state) {
            return Some(stop);
        }
        let (error, gradient) = evaluator.value_and_gradient(w);
        if let Some(stop) = checks::evaluated(t, w, error, gradient) {
            return Some(stop);
        }
        g = gradient;
        recorder.record(&Row {
            t,
            w,
            error,
            g,
            state,
        });
        if let Some(stop) = checks::row(t, g, limits.tol) {
            return Some(stop);
        }
    }
    None
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
/// one; row `t` is `t` steps after `start`. A state that is not finite stops it at once
/// ([`Stop::Diverged`] at step 0), as it would stop the first step.
pub fn trajectory_from(
    function: &Function,
    optimizer: &Optimizer,
    start: [f64; 2],
    state: State,
    steps: usize,
) -> Trajectory {
    trajectory_within(
        function,
        optimizer,
        start,
        state,
        Limits { steps, tol: 0.0 },
    )
}

/// [`trajectory_from`] within `limits`: also stops at the first row whose gradient is within
/// `limits.tol`.
pub fn trajectory_within(
    function: &Function,
    optimizer: &Optimizer,
    start: [f64; 2],
    state: State,
    limits: Limits,
) -> Trajectory {
    let mut rows = Vec::with_capacity(limits.steps.saturating_add(1).min(MAX_PREALLOCATED_ROWS));
    let stop = run(
        &mut function.evaluator(),
        &optimizer.stepper(),
        start,
        state,
        limits,
        &mut rows,
    );
    Trajectory {
        optimizer: *optimizer,
        rows,
        stop,
    }
}

/// The most rows reserved before a run (more are added as needed): a caller's huge step
/// count must not reserve memory the run may never use.
const MAX_PREALLOCATED_ROWS: usize = 1 << 20;

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use crate::optimizer::{Convention, OptimizerKind};

    #[test]
    fn columns_recorded_directly_equal_the_rows_columns() {
        for kind in OptimizerKind::all() {
            for (function, tol) in [("3*w1^2 + 10*w2^2", "0"), ("sqrt(w1) + w2^2", "1e-3")] {
                let convention = Convention::ALL[kind.index() % 3].name();
                let pairs = [
                    ("function", function),
                    ("optimizer", kind.name()),
                    ("convention", convention),
                    ("start", "2,-1"),
                    ("steps", "400"),
                    ("tol", tol),
                ];
                let config = Config::from_pairs(pairs).unwrap_or_else(|e| panic!("{e}"));
                let rows = config.run();
                let columns = config.run_columns();
                assert_eq!(columns.names, rows.columns(), "{kind}");
                assert_eq!(columns.values, rows.column_values(), "{kind} {function}");
                assert_eq!(columns.stop, rows.stop, "{kind} {function}");
            }
        }
    }
}
