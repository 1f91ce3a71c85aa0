//! The one loop of a run, shared by every way of keeping its rows: the checks that end it (the
//! same for the batched engine), the recorders that keep rows or columns, and the trajectory
//! functions built on them.

use super::{columns, Row, Stop, Trajectory, BASE_COLUMNS};
use crate::function::{Evaluator, Function};
#[cfg(doc)]
use crate::kernel::MIN_TRAJECTORY_STEPS;
use crate::kernel::{KernelHost, RowBlock, TrajectoryKernel};
use crate::optimizer::{Optimizer, State, StateSlot, Stepper, MAX_SHARED, MAX_STATE_PAIRS};

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
        if stepped_finite(w, state) {
            None
        } else {
            Some(Stop::Diverged { step: t })
        }
    }

    /// Whether a step's new position and state are finite (else it diverged).
    #[inline(always)]
    pub fn stepped_finite(w: [f64; 2], state: &State) -> bool {
        w[0].is_finite() && w[1].is_finite() && state.is_finite()
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

    /// The rows of `block` (computed by a kernel), in order.
    fn record_block(&mut self, block: &RowBlock) {
        for i in 0..block.len() {
            let value = |c: usize| block.columns[c][i];
            let mut state = State {
                t: block.first_steps_taken + i as u64,
                ..block.state_before
            };
            for (c, column) in block.columns[BASE_COLUMNS.len()..].iter().enumerate() {
                StateSlot::of_column(block.pairs, c).set(&mut state, column[i]);
            }
            self.record(&Row {
                t: value(0) as usize,
                w: [value(1), value(2)],
                error: value(3),
                g: [value(4), value(5)],
                state,
            });
        }
    }
}

impl Recorder for Vec<Row> {
    #[inline]
    fn record(&mut self, row: &Row) {
        self.push(*row);
    }
}

/// Rows a [`ColumnRecorder`] gathers before it appends them to its columns.
const CHUNK: usize = 64;
/// The most columns a trajectory has: the base columns, every state pair and the shared
/// scalars.
const MAX_COLUMNS: usize = BASE_COLUMNS.len() + 2 * MAX_STATE_PAIRS + MAX_SHARED;

/// Where a [`ColumnRecorder`] appends its columns' values: vectors natively, the very buffer
/// the JS API returns in the web build (so that no second copy of the columns is made on the
/// way out).
pub trait ColumnStore: Sized {
    /// Empty columns, `columns` of them, with room for `rows` rows each (a run never has more).
    fn with_room(columns: usize, rows: usize) -> Self;
    /// Appends `values` to column `column`.
    fn append(&mut self, column: usize, values: &[f64]);
    /// The store of columns already complete (a run kept as rows first).
    fn from_columns(columns: Vec<Vec<f64>>) -> Self {
        let rows = columns.first().map_or(0, Vec::len);
        let mut store = Self::with_room(columns.len(), rows);
        for (c, values) in columns.iter().enumerate() {
            store.append(c, values);
        }
        store
    }
}

impl ColumnStore for Vec<Vec<f64>> {
    fn with_room(columns: usize, rows: usize) -> Self {
        let rows = rows.min(MAX_PREALLOCATED_ROWS);
        (0..columns).map(|_| Vec::with_capacity(rows)).collect()
    }

    #[inline]
    fn append(&mut self, column: usize, values: &[f64]) {
        self[column].extend_from_slice(values);
    }

    fn from_columns(columns: Vec<Vec<f64>>) -> Self {
        columns
    }
}

/// Writes each row straight into its columns ([`BASE_COLUMNS`], then the optimizer's state
/// columns) in a [`ColumnStore`]: a trajectory as the JS API returns it, without rows in
/// between. Rows are gathered in a small buffer and appended a chunk at a time, which costs
/// less than a push per value (notably in WebAssembly); a kernel's blocks go straight in.
#[derive(Clone, Debug, PartialEq)]
pub struct ColumnRecorder<S = Vec<Vec<f64>>> {
    /// The columns, complete after [`ColumnRecorder::finish`].
    store: S,
    /// `chunk[c][i]`: column c of the i-th row not yet appended.
    chunk: [[f64; CHUNK]; MAX_COLUMNS],
    /// Rows in `chunk`.
    filled: usize,
    /// The form's state pairs.
    pairs: usize,
    /// How many columns.
    columns: usize,
}

impl<S: ColumnStore> ColumnRecorder<S> {
    /// Empty columns for a run of `optimizer`, each with room for `rows` rows.
    pub fn new(optimizer: &Optimizer, rows: usize) -> ColumnRecorder<S> {
        let count = BASE_COLUMNS.len() + optimizer.state_columns().len();
        ColumnRecorder {
            store: S::with_room(count, rows),
            chunk: [[0.0; CHUNK]; MAX_COLUMNS],
            filled: 0,
            pairs: optimizer.form().pairs(),
            columns: count,
        }
    }

    /// Appends the buffered rows to the columns.
    fn flush(&mut self) {
        for (c, buffered) in self.chunk[..self.columns].iter().enumerate() {
            self.store.append(c, &buffered[..self.filled]);
        }
        self.filled = 0;
    }

    /// The columns, every row recorded.
    pub fn finish(mut self) -> S {
        self.flush();
        self.store
    }
}

impl<S: ColumnStore> Recorder for ColumnRecorder<S> {
    #[inline]
    fn record(&mut self, row: &Row) {
        let i = self.filled % CHUNK;
        let (base, state) = self.chunk.split_at_mut(BASE_COLUMNS.len());
        for (buffered, value) in base.iter_mut().zip(row.base_values()) {
            buffered[i] = value;
        }
        for (buffered, value) in state.iter_mut().zip(state_row(&row.state, self.pairs)) {
            buffered[i] = value;
        }
        self.filled = i + 1;
        if self.filled == CHUNK {
            self.flush();
        }
    }

    fn record_block(&mut self, block: &RowBlock) {
        self.flush();
        // The block's columns are in column order (the state's in state-column order).
        for (c, values) in block.columns.iter().enumerate() {
            self.store.append(c, values);
        }
    }
}

/// The state's values in the state-column order of a form with `pairs` pairs: column c is
/// component c % 2 (the weight) of pair c / 2, then the shared scalars (the rest is 0 and not
/// appended).
#[inline(always)]
fn state_row(state: &State, pairs: usize) -> [f64; 2 * MAX_STATE_PAIRS + MAX_SHARED] {
    std::array::from_fn(|c| {
        if c < 2 * pairs {
            state.slots[c % 2][c / 2]
        } else {
            state.shared.get(c - 2 * pairs).copied().unwrap_or_default()
        }
    })
}

/// A run as columns, recorded without rows in between: what the JS API's `trajectory()`
/// returns (its columns in the JS API's own buffer there, `S`).
#[derive(Clone, Debug, PartialEq)]
pub struct TrajectoryColumns<S = Vec<Vec<f64>>> {
    /// The optimizer that produced it (it names the state columns).
    pub optimizer: Optimizer,
    /// The column names ([`Trajectory::columns`]).
    pub names: Vec<&'static str>,
    /// The columns, equal to [`Trajectory::column_values`] of the same run.
    pub values: S,
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
    trajectory_columns_with(function, optimizer, start, state, limits, None)
}

/// [`trajectory_columns`] with its plain steps run by a kernel on `host` if there is one
/// (see [`crate::kernel`]; a kernel pays off for long runs, [`MIN_TRAJECTORY_STEPS`]): the
/// same columns, bit for bit.
pub fn trajectory_columns_with<S: ColumnStore>(
    function: &Function,
    optimizer: &Optimizer,
    start: [f64; 2],
    state: State,
    limits: Limits,
    host: Option<&mut dyn KernelHost>,
) -> TrajectoryColumns<S> {
    let rows = limits.steps.saturating_add(1);
    let mut recorder = ColumnRecorder::<S>::new(optimizer, rows);
    let stepper = optimizer.stepper();
    let names = columns(optimizer);
    let form = optimizer.form();
    let layout = (form.pairs(), form.shared);
    let mut kernel =
        host.and_then(|host| TrajectoryKernel::new(function, &stepper, limits.tol, layout, host));
    let stop = run_with(
        &mut function.evaluator(),
        &stepper,
        start,
        state,
        limits,
        &mut recorder,
        kernel.as_mut(),
    );
    TrajectoryColumns {
        optimizer: *optimizer,
        names,
        values: recorder.finish(),
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

/// Steps the interpreter takes before the kernel is asked again after a call whose first
/// step was not plain: a run can go on for a while with steps that are not plain without
/// stopping (a gradient within the tolerance in each component but not in norm, finite values
/// whose sum overflows), and a call per step would cost far more than the step.
const INTERPRETED_AFTER_EMPTY_CALL: usize = 32;

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
    run_with(evaluator, stepper, start, state, limits, recorder, None)
}

/// [`run`], its plain steps taken by `kernel` where it can (the same rows, bit for bit): the
/// kernel runs until a step that may stop the run, which this loop then takes.
fn run_with<R: Recorder>(
    evaluator: &mut Evaluator,
    stepper: &Stepper,
    start: [f64; 2],
    state: State,
    limits: Limits,
    recorder: &mut R,
    mut kernel: Option<&mut TrajectoryKernel>,
) -> Option<Stop> {
    let (mut w, mut state) = (start, state);
    let (mut error, mut g) = evaluator.value_and_gradient(w);
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
    let mut t = 1;
    // The first row the kernel is asked for again after a call whose first step was not plain.
    let mut kernel_from = 0;
    while t <= limits.steps {
        if let Some(plain) = kernel.as_deref_mut().filter(|_| t >= kernel_from) {
            let most = limits.steps - t + 1;
            let asked = most.min(plain.rows_per_call());
            match plain.steps(t - 1, &mut w, &mut error, &mut g, &mut state, most) {
                Some(block) => {
                    if block.is_empty() {
                        kernel_from = t + INTERPRETED_AFTER_EMPTY_CALL;
                    }
                    recorder.record_block(&block);
                    t += block.len();
                    if block.len() == asked {
                        continue;
                    }
                }
                // The host could not run it: interpret the rest.
                None => kernel = None,
            }
        }
        stepper.step(&mut state, &mut w, g, stepper.c.lr());
        if let Some(stop) = checks::stepped(t, w, &state) {
            return Some(stop);
        }
        let (e, gradient) = evaluator.value_and_gradient(w);
        if let Some(stop) = checks::evaluated(t, w, e, gradient) {
            return Some(stop);
        }
        (error, g) = (e, gradient);
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
        t += 1;
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
        extra: Vec::new(),
        curvature: Vec::new(),
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
        let mut longest = 0;
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
                // Column by column from each row's values (the per-row path).
                let count = rows.columns().len();
                let by_row: Vec<Vec<f64>> = (0..count)
                    .map(|c| rows.rows.iter().map(|r| rows.values(r)[c]).collect())
                    .collect();
                longest = longest.max(rows.rows.len());
                assert_eq!(columns.values, by_row, "{kind} {function}");
                assert_eq!(rows.column_values(), by_row, "{kind} {function}");
                assert_eq!(columns.stop, rows.stop, "{kind} {function}");
            }
        }
        assert!(
            longest > 2 * super::CHUNK,
            "runs longer than a chunk: {longest} rows"
        );
    }
}
