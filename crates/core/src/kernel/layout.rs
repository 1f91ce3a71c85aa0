//! Where a kernel finds its data in the arena, an array of `f64` the engine fills before a
//! call and reads after it: one definition for the code that emits the kernel and the code
//! that calls it. Indices are in numbers (`f64`), from the arena's start.
//!
//! Every arena starts with [`PARAMS`] parameters ([`param`]); whole numbers among them (counts)
//! are stored as `f64` too.

use super::step::input;
use crate::function::BATCH;
use crate::optimizer::{COEFFICIENTS, STEP_SCALARS};

/// The parameters of a call, by index: the coefficients (one per row of the hyperparameter
/// table), the tolerance right after them, then the counts. Every index follows from the
/// table's size, so a new hyperparameter moves the tolerance instead of overlapping it.
pub(crate) mod param {
    use super::COEFFICIENTS;

    /// The first of the optimizer's coefficients, in [`crate::optimizer::Coefficients`]
    /// order.
    pub(crate) const COEFFICIENTS_AT: usize = 0;
    /// The convergence tolerance.
    pub(crate) const TOL: usize = COEFFICIENTS_AT + COEFFICIENTS;
    /// Lanes (evaluation, sweep), or the most rows to write (trajectory).
    pub(crate) const COUNT: usize = TOL + 1;
    /// Sweep: the most steps of each lane.
    pub(crate) const MAX_STEPS: usize = TOL + 2;
    /// Sweep: the entries of the per-step scalars' table.
    pub(crate) const TABLE_LEN: usize = TOL + 3;
    /// Trajectory: the iteration of the last row before the call.
    pub(crate) const FIRST_T: usize = TOL + 4;
    /// Sweep, written by the kernel: the steps every lane still active at the end took.
    pub(crate) const STEPS_DONE: usize = TOL + 5;

    /// The parameter holding traced input `k` (a coefficient or the tolerance).
    pub(crate) fn of_input(k: u32) -> usize {
        if k == super::input::TOL {
            TOL
        } else {
            COEFFICIENTS_AT + (k - super::input::COEFFICIENT) as usize
        }
    }
}

/// Room for the parameters, even (so that the planes after them stay 16-byte aligned).
pub(crate) const PARAMS: usize = (param::STEPS_DONE + 2) & !1;

/// Numbers per entry of a table of per-step scalars: [`STEP_SCALARS`] rounded up to a power of
/// two, so that an entry's address is a shift.
pub(crate) const TABLE_STRIDE: usize = STEP_SCALARS.next_power_of_two();
/// log2 of the entry's size in bytes.
pub(crate) const TABLE_SHIFT: i32 = (TABLE_STRIDE * 8).trailing_zeros() as i32;

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

/// The sweep kernel's arena: the parameters, planes of [`BATCH`] lanes, then the table of
/// per-step scalars: for lanes that share their hyperparameters, entry t holds step t's
/// ([`TABLE_STRIDE`] numbers); for lanes with their own, a plane per scalar and step of the
/// call ([`scalar_plane`]).
pub(crate) mod sweep {
    use super::{input, BATCH, COEFFICIENTS, PARAMS, STEP_SCALARS, TABLE_STRIDE};

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
    /// The planes of each lane's own coefficients follow, one per row of the hyperparameter
    /// table, in [`crate::optimizer::Coefficients`] order.
    const COEFFICIENT_PLANES: usize = INPUTS + input::STATE as usize;
    /// How many planes.
    const PLANES: usize = COEFFICIENT_PLANES + COEFFICIENTS;
    /// The most steps a call takes when each lane has its own per-step scalars.
    pub(crate) const WINDOW: usize = 64;

    /// The plane of traced input `k` (w, ∇E or a state slot).
    pub(crate) fn input_plane(k: u32) -> usize {
        INPUTS + k as usize
    }

    /// The plane of coefficient `j` (its row in the hyperparameter table) of each lane.
    pub(crate) fn coefficient_plane(j: usize) -> usize {
        COEFFICIENT_PLANES + j
    }

    /// Where per-step scalar `j` of the call's step `s` (from 0) starts, one per lane, for
    /// lanes with their own hyperparameters: planes of [`BATCH`] numbers after the table's
    /// start, step by step.
    pub(crate) fn scalar_plane(s: usize, j: usize) -> usize {
        table() + (s * STEP_SCALARS + j) * BATCH
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
        table() + TABLE_STRIDE * entries
    }

    /// The arena's length for lanes with their own per-step scalars ([`WINDOW`] steps).
    pub(crate) fn per_lane_len() -> usize {
        scalar_plane(WINDOW, 0)
    }
}

/// The trajectory kernel's arena: the parameters, the state (w, ∇E and the optimizer's slots as
/// traced inputs, then E), the per-step scalars of the call's steps, and the output columns of
/// [`ROWS`](trajectory::ROWS) rows each.
pub(crate) mod trajectory {
    use super::{input, PARAMS, TABLE_STRIDE};
    use crate::optimizer::{MAX_SHARED, MAX_STATE_PAIRS};

    /// The most rows one call writes (4096 measured about 5 % faster than 1024 for a
    /// 100 000-step `trajectory()` in Chromium: fewer calls and copies into the JS buffer).
    pub(crate) const ROWS: usize = 4096;
    /// How many numbers the state takes.
    const STATE_LEN: usize = input::STATE as usize + 1;
    /// The output columns: t, w1, w2, error, g1, g2, then the state's (every pair, then the
    /// shared scalars).
    pub(crate) const COLUMNS: usize = 6 + 2 * MAX_STATE_PAIRS + MAX_SHARED;

    /// Where traced input `k`'s value is kept between calls; `None`: E.
    pub(crate) fn state(k: Option<u32>) -> usize {
        PARAMS + k.map_or(STATE_LEN - 1, |k| k as usize)
    }

    /// Where the per-step scalars of the call's steps start (entry i: the i-th step's).
    pub(crate) fn table() -> usize {
        PARAMS + STATE_LEN
    }

    /// Where output column `c` starts.
    pub(crate) fn column(c: usize) -> usize {
        table() + TABLE_STRIDE * ROWS + c * ROWS
    }

    /// The arena's length.
    pub(crate) const LEN: usize = PARAMS + STATE_LEN + TABLE_STRIDE * ROWS + COLUMNS * ROWS;
}
