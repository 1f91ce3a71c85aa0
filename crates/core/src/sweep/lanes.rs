//! The runs in flight in a sweep, stored as a structure of arrays (one vector per quantity,
//! one entry per lane), and the optimizer's step over all of them at once.
//!
//! The step loop is compiled once per common update rule with the rule a constant, so that
//! no lane pays for a match on the rule and the compiler can vectorise across lanes; each lane
//! still runs [`Rule::step_weights`], the single trajectory's arithmetic.

use crate::function::Function;
use crate::kernel::{KernelHost, SweepKernel, SweepLanes};
use crate::optimizer::rules::{Amsgrad, Epsilon};
use crate::optimizer::{
    Coefficients, Rule, Slots, State, StepScalars, Stepper, COEFFICIENTS, MAX_SHARED,
    MAX_STATE_PAIRS,
};

/// The hyperparameters of each lane: one set for all (a sweep of starts) or one per lane (a
/// sweep of hyperparameters).
trait LaneCoefficients {
    /// Lane `i`'s.
    fn at(&self, i: usize) -> &Coefficients;

    /// The per-step scalars of lane `i`'s step `t` with `rule`.
    #[inline(always)]
    fn scalars(&self, rule: Rule, i: usize, t: u64) -> StepScalars {
        rule.step_scalars(self.at(i), t)
    }
}

/// Hyperparameters shared by every lane, with the per-step scalars of each step computed once
/// for all of them (Adam's two powers per step would otherwise dominate).
#[derive(Clone, Debug)]
struct Shared {
    c: Coefficients,
    /// `scalars[t]` for t = 1, 2, … as [`Rule::step_scalars`] computes them (index 0 is
    /// unused); empty for a rule without them.
    scalars: Vec<StepScalars>,
}

impl Shared {
    /// `c` for `rule`, with the scalars of steps 1 to `steps`.
    fn new(rule: Rule, c: Coefficients, steps: usize) -> Shared {
        let scalars = if rule.step_scalar_count() > 0 {
            (0..=steps as u64)
                .map(|t| rule.step_scalars(&c, t))
                .collect()
        } else {
            Vec::new()
        };
        Shared { c, scalars }
    }
}

impl LaneCoefficients for Shared {
    #[inline(always)]
    fn at(&self, _: usize) -> &Coefficients {
        &self.c
    }

    #[inline(always)]
    fn scalars(&self, rule: Rule, _: usize, t: u64) -> StepScalars {
        match self.scalars.get(t as usize) {
            Some(&scalars) => scalars,
            None => rule.step_scalars(&self.c, t),
        }
    }
}

impl LaneCoefficients for [Coefficients] {
    #[inline(always)]
    fn at(&self, i: usize) -> &Coefficients {
        &self[i]
    }
}

/// Runs `$body` with `$rule` rebound to a constant of its variant for the common rules (Adam
/// in its usual form, and those without bias corrections), so that the compiler builds one
/// loop per rule; the others share one loop.
macro_rules! with_constant_rule {
    ($rule:ident, $body:expr) => {
        match $rule {
            Rule::Gd => {
                let $rule = Rule::Gd;
                $body
            }
            Rule::Momentum => {
                let $rule = Rule::Momentum;
                $body
            }
            Rule::Buffer { nesterov: false } => {
                let $rule = Rule::Buffer { nesterov: false };
                $body
            }
            Rule::Buffer { nesterov: true } => {
                let $rule = Rule::Buffer { nesterov: true };
                $body
            }
            Rule::NesterovKeras => {
                let $rule = Rule::NesterovKeras;
                $body
            }
            Rule::AdaGrad {
                eps: Epsilon::InsideRoot,
            } => {
                let $rule = Rule::AdaGrad {
                    eps: Epsilon::InsideRoot,
                };
                $body
            }
            Rule::AdaGrad {
                eps: Epsilon::OutsideRoot,
            } => {
                let $rule = Rule::AdaGrad {
                    eps: Epsilon::OutsideRoot,
                };
                $body
            }
            Rule::RmsProp {
                eps: Epsilon::InsideRoot,
            } => {
                let $rule = Rule::RmsProp {
                    eps: Epsilon::InsideRoot,
                };
                $body
            }
            Rule::RmsProp {
                eps: Epsilon::OutsideRoot,
            } => {
                let $rule = Rule::RmsProp {
                    eps: Epsilon::OutsideRoot,
                };
                $body
            }
            Rule::Adam {
                eps: Epsilon::OutsideRoot,
                amsgrad: Amsgrad::Off,
                decoupled_decay: false,
            } => {
                let $rule = Rule::Adam {
                    eps: Epsilon::OutsideRoot,
                    amsgrad: Amsgrad::Off,
                    decoupled_decay: false,
                };
                $body
            }
            Rule::Adadelta => {
                let $rule = Rule::Adadelta;
                $body
            }
            Rule::Lion => {
                let $rule = Rule::Lion;
                $body
            }
            _ => $body,
        }
    };
}

/// The runs in flight. Lanes `[0, fresh)` have rows; lanes from `fresh` on were started since
/// the last step and have none yet (their next evaluation is at their start).
#[derive(Clone, Debug)]
pub(super) struct Lanes {
    /// The update rule every lane uses.
    rule: Rule,
    /// The hyperparameters when every lane shares them.
    uniform: Option<Shared>,
    /// Each lane's hyperparameters otherwise.
    coefficients: Vec<Coefficients>,
    /// The first lane without a row.
    pub fresh: usize,
    /// The cell each lane runs.
    pub cell: Vec<usize>,
    /// The iteration of the lane's last row.
    pub t: Vec<usize>,
    /// w1 of the last row (the start while fresh).
    pub w1: Vec<f64>,
    /// w2 of the last row.
    pub w2: Vec<f64>,
    /// E of the last row.
    pub error: Vec<f64>,
    /// ∂E/∂w1 of the last row.
    pub g1: Vec<f64>,
    /// ∂E/∂w2 of the last row.
    pub g2: Vec<f64>,
    /// w1 where the next evaluation happens.
    pub next1: Vec<f64>,
    /// w2 where the next evaluation happens.
    pub next2: Vec<f64>,
    /// The optimizer's step count.
    pub steps_taken: Vec<u64>,
    /// The optimizer's state: `slots[weight][k]` holds state vector k's component for that
    /// weight, one entry per lane.
    pub slots: [[Vec<f64>; MAX_STATE_PAIRS]; 2],
    /// The state's shared scalars, one entry per lane.
    pub shared: [Vec<f64>; MAX_SHARED],
    /// Whether the lane's run ended in this batch step (removed at its end).
    pub ended: Vec<bool>,
}

impl Lanes {
    /// No lanes yet, for runs of `rule` of at most `steps` steps (with `uniform` coefficients
    /// if all runs share them).
    pub(super) fn new(rule: Rule, uniform: Option<Coefficients>, steps: usize) -> Lanes {
        Lanes {
            rule,
            uniform: uniform.map(|c| Shared::new(rule, c, steps)),
            coefficients: Vec::new(),
            fresh: 0,
            cell: Vec::new(),
            t: Vec::new(),
            w1: Vec::new(),
            w2: Vec::new(),
            error: Vec::new(),
            g1: Vec::new(),
            g2: Vec::new(),
            next1: Vec::new(),
            next2: Vec::new(),
            steps_taken: Vec::new(),
            slots: Default::default(),
            shared: Default::default(),
            ended: Vec::new(),
        }
    }

    /// The number of lanes.
    pub(super) fn len(&self) -> usize {
        self.cell.len()
    }

    /// Starts the run of `cell` from `start` in `state` with `stepper`'s hyperparameters.
    pub(super) fn push(&mut self, cell: usize, start: [f64; 2], state: &State, stepper: &Stepper) {
        debug_assert_eq!(stepper.rule, self.rule);
        self.cell.push(cell);
        self.t.push(0);
        self.w1.push(start[0]);
        self.w2.push(start[1]);
        self.error.push(f64::NAN);
        self.g1.push(f64::NAN);
        self.g2.push(f64::NAN);
        self.next1.push(start[0]);
        self.next2.push(start[1]);
        self.steps_taken.push(state.t);
        for (planes, slots) in self.slots.iter_mut().zip(&state.slots) {
            for (plane, &value) in planes.iter_mut().zip(slots) {
                plane.push(value);
            }
        }
        for (plane, &value) in self.shared.iter_mut().zip(&state.shared) {
            plane.push(value);
        }
        if self.uniform.is_none() {
            self.coefficients.push(stepper.c);
        }
        debug_assert!(self
            .uniform
            .as_ref()
            .is_none_or(|shared| shared.c == stepper.c));
        self.ended.push(false);
    }

    /// Removes the lanes whose run ended (the last lanes move into their places); every lane
    /// left has a row.
    pub(super) fn remove_ended(&mut self) {
        for i in (0..self.len()).rev() {
            if !self.ended[i] {
                continue;
            }
            self.cell.swap_remove(i);
            self.t.swap_remove(i);
            self.w1.swap_remove(i);
            self.w2.swap_remove(i);
            self.error.swap_remove(i);
            self.g1.swap_remove(i);
            self.g2.swap_remove(i);
            self.next1.swap_remove(i);
            self.next2.swap_remove(i);
            self.steps_taken.swap_remove(i);
            for plane in self.slots.iter_mut().flatten().chain(&mut self.shared) {
                plane.swap_remove(i);
            }
            if self.uniform.is_none() {
                self.coefficients.swap_remove(i);
            }
            self.ended.swap_remove(i);
        }
        self.fresh = self.len();
    }

    /// A kernel for these lanes' plain steps within `tol` on `function`, unless the function
    /// is too large: the lanes share their coefficients (a sweep of starts), or each has its
    /// own values of those marked in `own` and shares the others (a sweep of hyperparameters).
    pub(super) fn kernel(
        &self,
        function: &Function,
        tol: f64,
        own: [bool; COEFFICIENTS],
    ) -> Option<SweepKernel> {
        let (rule, no_scalars) = (self.rule, &[][..]);
        match &self.uniform {
            Some(shared) => {
                let values = (&shared.c, shared.scalars.as_slice());
                SweepKernel::new(function, rule, SweepLanes::Shared, values, tol)
            }
            None => {
                let c = self.coefficients.first()?;
                SweepKernel::new(
                    function,
                    rule,
                    SweepLanes::PerLane(own),
                    (c, no_scalars),
                    tol,
                )
            }
        }
    }

    /// Plain steps of every lane (all of which have rows) through `kernel` on `host` (see
    /// [`SweepKernel::run`]), at most `max_steps` each and none past row `limit`; returns how
    /// many, and whether the kernel stopped a lane, or `None` if the host could not run it
    /// (nothing changed then).
    pub(super) fn run_kernel(
        &mut self,
        kernel: &mut SweepKernel,
        host: &mut dyn KernelHost,
        max_steps: usize,
        limit: usize,
    ) -> Option<(u64, bool)> {
        let n = self.len();
        debug_assert_eq!(self.fresh, n, "every lane has a row");
        // The kernel counts steps by rows: every run started from the initial state.
        if (0..n).any(|i| self.steps_taken[i] != self.t[i] as u64) {
            return Some((0, false));
        }
        // No lane may pass the limit: the kernel does not check it.
        let room = self.t.iter().map(|&t| limit.saturating_sub(t)).min();
        let max_steps = max_steps.min(room.unwrap_or(0));
        if max_steps == 0 {
            return Some((0, false));
        }
        let max_steps = kernel.set_lanes(&self.coefficients, &self.t, max_steps);
        let planes = kernel.planes();
        planes.active[..n].fill(1.0);
        planes.active[n..].fill(0.0);
        for i in 0..n {
            planes.t[i] = self.t[i] as f64;
        }
        planes.error[..n].copy_from_slice(&self.error);
        let mine = [[&self.w1, &self.w2], [&self.g1, &self.g2]];
        for (theirs, mine) in [planes.w, planes.g].into_iter().zip(mine) {
            for (plane, values) in theirs.into_iter().zip(mine) {
                plane[..n].copy_from_slice(values);
            }
        }
        for (theirs, mine) in planes.slots.into_iter().zip(&self.slots) {
            for (plane, values) in theirs.into_iter().zip(mine) {
                plane[..n].copy_from_slice(values);
            }
        }
        for (plane, values) in planes.shared.into_iter().zip(&self.shared) {
            plane[..n].copy_from_slice(values);
        }
        let (steps, done) = kernel.run(host, n, max_steps)?;
        let planes = kernel.planes();
        let stopped = planes.active[..n].contains(&0.0);
        for i in 0..n {
            if planes.active[i] != 0.0 {
                self.t[i] += done;
            } else {
                self.t[i] = planes.t[i] as usize;
            }
            self.steps_taken[i] = self.t[i] as u64;
        }
        self.error.copy_from_slice(&planes.error[..n]);
        let mine = [[&mut self.w1, &mut self.w2], [&mut self.g1, &mut self.g2]];
        for (theirs, mine) in [planes.w, planes.g].into_iter().zip(mine) {
            for (plane, values) in theirs.into_iter().zip(mine) {
                values.copy_from_slice(&plane[..n]);
            }
        }
        for (theirs, mine) in planes.slots.into_iter().zip(&mut self.slots) {
            for (plane, values) in theirs.into_iter().zip(mine) {
                values.copy_from_slice(&plane[..n]);
            }
        }
        for (plane, values) in planes.shared.into_iter().zip(&mut self.shared) {
            values.copy_from_slice(&plane[..n]);
        }
        Some((steps, stopped))
    }

    /// Steps lanes `[0, fresh)` from their last row into `next1`, `next2`, marking as ended
    /// those whose new position or state is not finite; the caller records why.
    pub(super) fn step(&mut self) {
        let rule = self.rule;
        if let Some(shared) = self.uniform.take() {
            with_constant_rule!(rule, step_lanes(rule, &shared, self));
            self.uniform = Some(shared);
        } else {
            let coefficients = std::mem::take(&mut self.coefficients);
            with_constant_rule!(rule, step_lanes(rule, coefficients.as_slice(), self));
            self.coefficients = coefficients;
        }
    }
}

/// The step loop over lanes `[0, fresh)`; inlined into each arm of [`with_constant_rule`].
#[inline(always)]
fn step_lanes<C: LaneCoefficients + ?Sized>(rule: Rule, c: &C, lanes: &mut Lanes) {
    let n = lanes.fresh;
    // Slices of exactly n lanes, so that indexing them by i < n needs no bounds checks.
    let (w1, w2) = (&lanes.w1[..n], &lanes.w2[..n]);
    let (g1, g2) = (&lanes.g1[..n], &lanes.g2[..n]);
    let (next1, next2) = (&mut lanes.next1[..n], &mut lanes.next2[..n]);
    let steps_taken = &mut lanes.steps_taken[..n];
    let ended = &mut lanes.ended[..n];
    let [a, b] = &mut lanes.slots;
    let a: [&mut [f64]; MAX_STATE_PAIRS] = a.each_mut().map(|p| &mut p[..n]);
    let b: [&mut [f64]; MAX_STATE_PAIRS] = b.each_mut().map(|p| &mut p[..n]);
    let shared: [&mut [f64]; MAX_SHARED] = lanes.shared.each_mut().map(|p| &mut p[..n]);
    let (mut a, mut b, mut shared) = (a, b, shared);
    for i in 0..n {
        let t = steps_taken[i].saturating_add(1);
        let scalars = c.scalars(rule, i, t);
        let c = c.at(i);
        let mut slots = Slots {
            pairs: [a.each_ref().map(|p| p[i]), b.each_ref().map(|p| p[i])],
            shared: shared.each_ref().map(|p| p[i]),
        };
        let mut w = [w1[i], w2[i]];
        rule.step_weights(c, c.lr(), scalars, &mut slots, &mut w, [g1[i], g2[i]]);
        steps_taken[i] = t;
        for (plane, value) in a.iter_mut().zip(slots.pairs[0]) {
            plane[i] = value;
        }
        for (plane, value) in b.iter_mut().zip(slots.pairs[1]) {
            plane[i] = value;
        }
        for (plane, value) in shared.iter_mut().zip(slots.shared) {
            plane[i] = value;
        }
        [next1[i], next2[i]] = w;
        ended[i] = !(w[0].is_finite()
            && w[1].is_finite()
            && slots
                .pairs
                .iter()
                .flatten()
                .chain(&slots.shared)
                .all(|x| x.is_finite()));
    }
}
