//! A trajectory: `step` folded over the iterations from a start point, every position, error,
//! gradient and state kept, and the reason it stopped early if it did.

mod run;
mod stop;

pub(crate) use run::checks;
pub use run::{
    converged, run, trajectory, trajectory_columns, trajectory_columns_with, trajectory_from,
    trajectory_within, ColumnRecorder, ColumnStore, Limits, Recorder, TrajectoryColumns,
};
pub use stop::{Stop, StopReason};

use crate::curvature::{self, Curvature};
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
    /// Columns a training run adds after [`BASE_COLUMNS`], one value per row: the gradient
    /// each step used and its learning rate (see [`crate::training`]); empty for a plain run.
    pub extra: Vec<(&'static str, Vec<f64>)>,
    /// The curvature at each row, when it was asked for (`curvature=1`, see
    /// [`crate::training::Training::curvature_of`]):
    /// the [`curvature::COLUMNS`] after the state columns. Empty otherwise.
    pub curvature: Vec<Curvature>,
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
    /// The column names: [`BASE_COLUMNS`], the [`Trajectory::extra`] columns, the
    /// optimizer's state columns, then the curvature's if there is any.
    pub fn columns(&self) -> Vec<&'static str> {
        let mut names = columns(&self.optimizer);
        let extra = self.extra.iter().map(|(name, _)| *name);
        names.splice(BASE_COLUMNS.len()..BASE_COLUMNS.len(), extra);
        if !self.curvature.is_empty() {
            names.extend(curvature::COLUMNS);
        }
        names
    }

    /// Every column's values, in column order (no allocation per row: the figures read
    /// 100 000-row runs through this).
    pub fn column_values(&self) -> Vec<Vec<f64>> {
        let mut columns = ColumnRecorder::<Vec<Vec<f64>>>::new(&self.optimizer, self.rows.len());
        for row in &self.rows {
            columns.record(row);
        }
        let mut columns = columns.finish();
        let extra = self.extra.iter().map(|(_, values)| values.clone());
        columns.splice(BASE_COLUMNS.len()..BASE_COLUMNS.len(), extra);
        if !self.curvature.is_empty() {
            let mut curvature: [Vec<f64>; 7] =
                std::array::from_fn(|_| Vec::with_capacity(self.curvature.len()));
            for row in &self.curvature {
                row.push_to(&mut curvature);
            }
            columns.extend(curvature);
        }
        columns
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

    /// One row's values in column order (`row` one of [`Trajectory::rows`]).
    pub fn values(&self, row: &Row) -> Vec<f64> {
        row.base_values()
            .into_iter()
            .chain(
                self.extra
                    .iter()
                    .filter_map(|(_, values)| values.get(row.t).copied()),
            )
            .chain(state_values(self.optimizer.form(), &row.state))
            .chain(self.curvature.get(row.t).iter().flat_map(|c| c.values()))
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
