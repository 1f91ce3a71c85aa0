//! One run's plain steps through a trajectory kernel, a chunk of rows per call: the arena
//! carries the run's state in and out, and the rows come back as columns ([`RowBlock`]).

use super::layout::{self, param};
use super::step::input;
use super::{Kernel, KernelHost};
use crate::function::Function;
use crate::optimizer::{State, Stepper, MAX_STATE_PAIRS};

/// Rows a kernel computed, as columns of equal length: t, w1, w2, error, g1, g2, then the
/// state values in the form's state-column order (weight c % 2 of pair c / 2, then the shared
/// scalars), as many as the form has state columns.
#[derive(Clone, Debug)]
pub struct RowBlock<'a> {
    /// The columns.
    pub columns: Vec<&'a [f64]>,
    /// The optimizer's step count after the block's first row.
    pub first_steps_taken: u64,
    /// The state before the block: the values of the state slots without a column, which the
    /// rule leaves as they are.
    pub state_before: State,
    /// The form's state pairs (its state columns are theirs, then its shared scalars).
    pub pairs: usize,
}

impl RowBlock<'_> {
    /// How many rows.
    pub fn len(&self) -> usize {
        self.columns.first().map_or(0, |c| c.len())
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A run's kernel with its arena.
pub(crate) struct TrajectoryKernel<'h> {
    kernel: Kernel,
    host: &'h mut dyn KernelHost,
    arena: Vec<f64>,
    stepper: Stepper,
    columns: usize,
    pairs: usize,
}

impl<'h> TrajectoryKernel<'h> {
    /// The kernel for runs of `stepper` on `function` within `tol` (run by `host`) recording
    /// the base columns and the state columns of a form with `pairs` pairs and `shared` shared
    /// scalars (see [`RowBlock`]), or `None` if the function is too large for one.
    pub(crate) fn new(
        function: &Function,
        stepper: &Stepper,
        tol: f64,
        (pairs, shared): (usize, usize),
        host: &'h mut dyn KernelHost,
    ) -> Option<TrajectoryKernel<'h>> {
        let (pairs, shared) = (pairs.min(MAX_STATE_PAIRS), shared.min(input::SHARED.len()));
        let kernel = Kernel::trajectory(function, stepper.rule, tol, (pairs, shared))?;
        let columns = 6 + 2 * pairs + shared;
        let mut arena = vec![0.0; layout::trajectory::LEN];
        arena[param::COEFFICIENTS_AT..][..stepper.c.values().len()]
            .copy_from_slice(&stepper.c.values());
        arena[param::TOL] = tol;
        Some(TrajectoryKernel {
            kernel,
            host,
            arena,
            stepper: *stepper,
            columns,
            pairs,
        })
    }

    /// The most rows one call computes.
    pub(crate) fn rows_per_call(&self) -> usize {
        layout::trajectory::ROWS
    }

    /// Up to `most` plain steps (at most [`TrajectoryKernel::rows_per_call`]) after row `t`,
    /// whose position is `w`, error `error`, gradient `g` and optimizer state `state`, all
    /// updated to the last row computed. Returns the rows, or `None` if the host could not
    /// run the kernel (nothing is changed then).
    pub(crate) fn steps(
        &mut self,
        t: usize,
        w: &mut [f64; 2],
        error: &mut f64,
        g: &mut [f64; 2],
        state: &mut State,
        most: usize,
    ) -> Option<RowBlock<'_>> {
        use layout::trajectory::{column, state as at, table, ROWS};
        use layout::TABLE_STRIDE;
        let rows = most.min(ROWS);
        let state_before = *state;
        let arena = &mut self.arena;
        arena[param::COUNT] = rows as f64;
        arena[param::FIRST_T] = t as f64;
        for j in 0..2 {
            arena[at(Some(input::W[j]))] = w[j];
            arena[at(Some(input::G[j]))] = g[j];
            for k in 0..MAX_STATE_PAIRS {
                arena[at(Some(input::SLOTS[j][k]))] = state.slots[j][k];
            }
        }
        for (&k, &value) in input::SHARED.iter().zip(&state.shared) {
            arena[at(Some(k))] = value;
        }
        arena[at(None)] = *error;
        let rule = self.stepper.rule;
        let count = rule.step_scalar_count();
        if count > 0 {
            for i in 0..rows {
                let taken = state.t.saturating_add(1 + i as u64);
                let scalars = rule.step_scalars(&self.stepper.c, taken);
                arena[table() + TABLE_STRIDE * i..][..count].copy_from_slice(&scalars.0[..count]);
            }
        }
        let done = self.host.run(&self.kernel, arena)? as usize;
        if done > rows {
            return None;
        }
        for j in 0..2 {
            w[j] = arena[at(Some(input::W[j]))];
            g[j] = arena[at(Some(input::G[j]))];
            for k in 0..MAX_STATE_PAIRS {
                state.slots[j][k] = arena[at(Some(input::SLOTS[j][k]))];
            }
        }
        for (&k, value) in input::SHARED.iter().zip(&mut state.shared) {
            *value = arena[at(Some(k))];
        }
        *error = arena[at(None)];
        let first_steps_taken = state.t.saturating_add(1);
        state.t = state.t.saturating_add(done as u64);
        let arena = &self.arena;
        Some(RowBlock {
            columns: (0..self.columns)
                .map(|c| &arena[column(c)..][..done])
                .collect(),
            first_steps_taken,
            state_before,
            pairs: self.pairs,
        })
    }
}
