//! The batched engine's plain steps through a sweep kernel: the engine copies its lanes into
//! the arena's planes ([`SweepKernel::planes`]), calls [`SweepKernel::run`] and copies them
//! back. Lanes that share their hyperparameters have the table of per-step scalars written
//! once; lanes with their own have their coefficients and the per-step scalars of the call's
//! steps written before each call ([`SweepKernel::set_lanes`]).

use super::layout::{self, param};
use super::step::input;
use super::{Kernel, KernelHost, SweepLanes};
use crate::function::{Function, BATCH};
use crate::optimizer::{
    Coefficients, Rule, StepScalars, COEFFICIENTS, MAX_SHARED, MAX_STATE_PAIRS,
};

/// The lanes' planes in the arena, [`BATCH`] entries each.
pub(crate) struct SweepPlanes<'a> {
    /// 1 where the lane may step, 0 where not (the kernel clears it where a lane stops).
    pub active: &'a mut [f64],
    /// The iteration of the lane's last row before the call, equal to the optimizer's step
    /// count; where the kernel stopped the lane, the iteration of its last row.
    pub t: &'a mut [f64],
    /// E at the last row.
    pub error: &'a mut [f64],
    /// w1 and w2 of the last row.
    pub w: [&'a mut [f64]; 2],
    /// ∇E at the last row.
    pub g: [&'a mut [f64]; 2],
    /// The optimizer's state, `slots[weight][k]`.
    pub slots: [[&'a mut [f64]; MAX_STATE_PAIRS]; 2],
    /// The state's shared scalars.
    pub shared: [&'a mut [f64]; MAX_SHARED],
}

/// A sweep's kernel with its arena.
#[derive(Clone, Debug)]
pub(crate) struct SweepKernel {
    kernel: Kernel,
    rule: Rule,
    lanes: SweepLanes,
    arena: Vec<f64>,
}

impl SweepKernel {
    /// The kernel for lanes of `rule` on `function` within `tol`, every lane's run starting
    /// from the initial state (its step count is its row's iteration), with coefficients `c`
    /// but those `lanes` gives each lane, and, if the lanes share them, step t's per-step
    /// scalars `scalars[t]`; `None` if the function is too large for one.
    pub(crate) fn new(
        function: &Function,
        rule: Rule,
        lanes: SweepLanes,
        (c, scalars): (&Coefficients, &[StepScalars]),
        tol: f64,
    ) -> Option<SweepKernel> {
        let kernel = Kernel::sweep(function, rule, tol, lanes)?;
        let len = match lanes {
            SweepLanes::Shared => layout::sweep::len(scalars.len()),
            SweepLanes::PerLane(_) => layout::sweep::per_lane_len(),
        };
        let mut arena = vec![0.0; len];
        arena[param::COEFFICIENTS_AT..][..c.values().len()].copy_from_slice(&c.values());
        arena[param::TOL] = tol;
        arena[param::TABLE_LEN] = scalars.len() as f64;
        let table = layout::sweep::table();
        let entries = arena[table..].chunks_exact_mut(layout::TABLE_STRIDE);
        for (entry, scalars) in entries.zip(scalars) {
            entry[..scalars.0.len()].copy_from_slice(&scalars.0);
        }
        Some(SweepKernel {
            kernel,
            rule,
            lanes,
            arena,
        })
    }

    /// For lanes with their own hyperparameters: writes lane i's coefficients `c[i]` and the
    /// per-step scalars of its next `steps` steps after row `t[i]`, at most
    /// [`layout::sweep::WINDOW`] (all, if the rule has none); returns how many steps the
    /// next call may take. Lanes that share theirs may take `steps`.
    pub(crate) fn set_lanes(&mut self, c: &[Coefficients], t: &[usize], steps: usize) -> usize {
        if self.lanes == SweepLanes::Shared {
            return steps;
        }
        let n = c.len().min(t.len()).min(BATCH);
        for j in 0..COEFFICIENTS {
            let plane =
                &mut self.arena[layout::sweep::plane(layout::sweep::coefficient_plane(j))..];
            for (value, c) in plane[..n].iter_mut().zip(c) {
                *value = c.0[j];
            }
        }
        if self.rule.step_scalar_count() == 0 {
            return steps;
        }
        let steps = steps.min(layout::sweep::WINDOW);
        for s in 0..steps {
            for (i, (c, &t)) in c.iter().zip(t).take(n).enumerate() {
                // The step count of the lane's step s of the call.
                let scalars = self.rule.step_scalars(c, (t + s + 1) as u64);
                for (j, &value) in scalars.0.iter().enumerate() {
                    self.arena[layout::sweep::scalar_plane(s, j) + i] = value;
                }
            }
        }
        steps
    }

    /// The planes, to fill before [`SweepKernel::run`] and read after.
    pub(crate) fn planes(&mut self) -> SweepPlanes<'_> {
        use layout::sweep::{input_plane, plane, table, ACTIVE, ERROR, T};
        // The planes in layout order: the three below, then the inputs'.
        const { assert!(ACTIVE == 0 && T == 1 && ERROR == 2) };
        debug_assert_eq!(input_plane(0), ERROR + 1);
        let mut planes = self.arena[plane(0)..table()].chunks_exact_mut(BATCH);
        let mut next = || planes.next().unwrap_or_default();
        let (active, t, error) = (next(), next(), next());
        // The traced inputs' planes in input order: w, ∇E, the slots, the shared scalars.
        const { assert!(input::W[0] == 0 && input::G[0] == 2 && input::SLOTS[0][0] == 4) };
        const { assert!(input::SLOTS[1][0] as usize == 4 + MAX_STATE_PAIRS) };
        const { assert!(input::STATE as usize == 4 + 2 * MAX_STATE_PAIRS + MAX_SHARED) };
        let w = [next(), next()];
        let g = [next(), next()];
        let slots = [(); 2].map(|_| [(); MAX_STATE_PAIRS].map(|_| next()));
        let shared = [(); MAX_SHARED].map(|_| next());
        SweepPlanes {
            active,
            t,
            error,
            w,
            g,
            slots,
            shared,
        }
    }

    /// Up to `max_steps` plain steps of each of the first `n` lanes (the active ones: the
    /// caller keeps every lane `max_steps` rows or more from the end of its run). Returns the
    /// steps taken and the steps each lane still active took, or `None` if `host` could not
    /// run the kernel. A lane the kernel stopped is inactive, its row's iteration in the `t`
    /// plane.
    pub(crate) fn run(
        &mut self,
        host: &mut dyn KernelHost,
        n: usize,
        max_steps: usize,
    ) -> Option<(u64, usize)> {
        let n = n.min(BATCH);
        let arena = &mut self.arena;
        arena[param::COUNT] = n as f64;
        arena[param::MAX_STEPS] = max_steps.min(i32::MAX as usize) as f64;
        let steps = host.run(&self.kernel, arena)?;
        let done = arena[param::STEPS_DONE];
        (done >= 0.0 && done <= max_steps as f64).then_some((u64::from(steps), done as usize))
    }
}
