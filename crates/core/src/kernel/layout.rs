//! Where a kernel finds its data in the arena, an array of `f64` the engine fills before a
//! call and reads after it: one definition for the code that emits the kernel and the code
//! that calls it. Indices are in numbers (`f64`), from the arena's start.
//!
//! Every arena starts with [`PARAMS`] parameters ([`param`]); whole numbers among them (counts)
//! are stored as `f64` too.

use super::step::input;
use crate::function::BATCH;
use crate::optimizer::MAX_STATE_PAIRS;

/// The parameters of a call, by index.
pub(crate) mod param {
    /// The first of the optimizer's coefficients, in [`crate::optimizer::Coefficients::values`]
    /// order.
    pub(crate) const COEFFICIENTS: usize = 0;
    /// The convergence tolerance.
    pub(crate) const TOL: usize = 8;
    /// Lanes (evaluation, sweep), or the most rows to write (trajectory).
    pub(crate) const COUNT: usize = 9;
    /// Sweep: the most steps of each lane.
    pub(crate) const MAX_STEPS: usize = 10;
    /// Sweep: stop after a step that fewer lanes than this took.
    pub(crate) const MIN_ACTIVE: usize = 11;
    /// Sweep: 1 if some lanes are inactive from the start (then every step checks which are
    /// active), else 0.
    pub(crate) const MASKED: usize = 12;
    /// Sweep: the entries of the corrections table.
    pub(crate) const TABLE_LEN: usize = 13;
    /// Trajectory: the iteration of the last row before the call.
    pub(crate) const FIRST_T: usize = 14;
    /// Sweep, written by the kernel: the steps every lane still active at the end took.
    pub(crate) const STEPS_DONE: usize = 15;

    /// The parameter holding traced input `k` (a coefficient or the tolerance).
    pub(crate) fn of_input(k: u32) -> usize {
        if k == super::input::TOL {
            TOL
        } else {
            COEFFICIENTS + (k - super::input::COEFFICIENT) as usize
        }
    }
}

/// Room for the parameters.
pub(crate) const PARAMS: usize = 16;

/// The state columns' order in a trajectory's output, as (weight, state vector): column c is
/// weight c % 2 of vector c / 2.
pub(crate) const STATE_ORDER: [(usize, usize); 2 * MAX_STATE_PAIRS] =
    [(0, 0), (1, 0), (0, 1), (1, 1), (0, 2), (1, 2)];

/// The evaluation kernel's arena: the parameters, then planes of [`BATCH`] numbers.
pub(crate) mod evaluation {
    use super::{BATCH, PARAMS};

    /// The planes: w1 and w2 read, E and ∇E written.
    pub(crate) const W1: usize = 0;
    /// w2.
    pub(crate) const W2: usize = 1;
    /// E.
    pub(crate) const ERROR: usize = 2;
    /// ∂E/∂w1.
    pub(crate) const G1: usize = 3;
    /// ∂E/∂w2.
    pub(crate) const G2: usize = 4;

    /// Where plane `p` starts.
    pub(crate) fn plane(p: usize) -> usize {
        PARAMS + p * BATCH
    }

    /// The arena's length.
    pub(crate) const LEN: usize = PARAMS + 5 * BATCH;
}

/// The sweep kernel's arena: the parameters, planes of [`BATCH`] lanes, then the table of bias
/// corrections (entry t: 1 − β1^t, 1 − β2^t).
pub(crate) mod sweep {
    use super::{input, BATCH, PARAMS};

    /// Lanes one iteration of the kernel's loop steps.
    pub(crate) const LANES_AT_ONCE: usize = 4;
    /// Whether the lane may still step (1) or not (0).
    pub(crate) const ACTIVE: usize = 0;
    /// The iteration of the lane's last row before the call, which is also the optimizer's
    /// step count (a sweep's runs start from the initial state); for a lane the kernel stopped,
    /// the iteration of its last row.
    pub(crate) const T: usize = 1;
    /// E at the last row.
    pub(crate) const ERROR: usize = 2;
    /// The planes of the traced step's varying inputs (w, ∇E, the state) follow, in input
    /// order.
    const INPUTS: usize = 3;
    /// How many planes.
    const PLANES: usize = INPUTS + input::CORRECTIONS[0] as usize;

    /// The plane of traced input `k` (w, ∇E or a state slot).
    pub(crate) fn input_plane(k: u32) -> usize {
        INPUTS + k as usize
    }

    /// Where plane `p` starts.
    pub(crate) fn plane(p: usize) -> usize {
        PARAMS + p * BATCH
    }

    /// Where the corrections table starts.
    pub(crate) fn table() -> usize {
        plane(PLANES)
    }

    /// The arena's length with a table of `entries` entries.
    pub(crate) fn len(entries: usize) -> usize {
        table() + 2 * entries
    }
}

/// The trajectory kernel's arena: the parameters, the state (w, ∇E and the optimizer's slots as
/// traced inputs, then E), the bias corrections of the call's steps, and the output columns of
/// [`ROWS`](trajectory::ROWS) rows each.
pub(crate) mod trajectory {
    use super::{input, PARAMS};

    /// The most rows one call writes.
    pub(crate) const ROWS: usize = 1024;
    /// How many numbers the state takes.
    const STATE_LEN: usize = input::CORRECTIONS[0] as usize + 1;
    /// The output columns: t, w1, w2, error, g1, g2, then the state's six.
    pub(crate) const COLUMNS: usize = 12;

    /// Where traced input `k`'s value is kept between calls; `None`: E.
    pub(crate) fn state(k: Option<u32>) -> usize {
        PARAMS + k.map_or(STATE_LEN - 1, |k| k as usize)
    }

    /// Where the corrections of the call's steps start (entry i: the i-th step's).
    pub(crate) fn table() -> usize {
        PARAMS + STATE_LEN
    }

    /// Where output column `c` starts.
    pub(crate) fn column(c: usize) -> usize {
        table() + 2 * ROWS + c * ROWS
    }

    /// The arena's length.
    pub(crate) const LEN: usize = PARAMS + STATE_LEN + 2 * ROWS + COLUMNS * ROWS;
}
