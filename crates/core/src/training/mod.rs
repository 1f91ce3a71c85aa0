//! A training run: the optimizer's step folded over an [`Objective`] (a typed function or a
//! model on a data set), each step with its learning rate η(t) from a [`Schedule`] and its
//! gradient from [`StepGradients`] (mini-batch and noise), stopping early, as every
//! trajectory does, at the first value that is not finite.
//!
//! Row t holds, as in every trajectory, w(t), the full E(w(t)) and the exact ∇E(w(t)) in
//! `g1, g2`. A run whose steps do not use the exact gradient adds the gradient step t used,
//! [`USED_GRADIENT_COLUMNS`]; a run with a schedule adds η(t), [`LR_COLUMN`]. Both describe
//! the step from row t (the last row's are those a continued run would use). Step t is the
//! optimizer state's step count before the step, so a run continued from a state (the JS
//! API's `step`) draws the same noise and batches and uses the same η(t) as one long run.
//!
//! Its parts: the steps' gradients ([`sampling`]) and learning rates ([`schedule`]); the
//! data sets and models it fits are [`crate::data`]'s.

pub mod sampling;
pub mod schedule;

use std::ops::Range;

use crate::curvature::{self, Curvature, Eigen, Symmetric};
use crate::function::BATCH;
use crate::objective::{DataModel, Objective};
use crate::optimizer::{Optimizer, State};
use crate::training::sampling::{Sampling, StepGradients};
use crate::training::schedule::Schedule;
use crate::trajectory::{checks, Limits, Row, Stop, Trajectory};

/// The columns of the gradient each step used.
pub const USED_GRADIENT_COLUMNS: [&str; 2] = ["g1_used", "g2_used"];
/// The column of each step's learning rate η(t).
pub const LR_COLUMN: &str = "lr";

/// Everything a training run needs besides its start.
#[derive(Clone, Copy, Debug)]
pub struct Training<'a> {
    /// What it minimises.
    pub objective: Objective<'a>,
    /// The optimizer with its hyperparameters; its `lr` is η.
    pub optimizer: &'a Optimizer,
    /// η(t).
    pub schedule: Schedule,
    /// The step's gradient.
    pub sampling: Sampling,
}

impl<'a> Training<'a> {
    /// The data model, if the objective is one.
    pub fn data(&self) -> Option<&'a DataModel> {
        match self.objective {
            Objective::Data(d) => Some(d),
            Objective::Function(_) => None,
        }
    }

    /// The step gradients of this run: which samples step t uses, the gradient it uses at a
    /// point, and the cloud of gradients it could have used there.
    pub fn step_gradients(&self) -> StepGradients<'a> {
        StepGradients::new(self.sampling, self.data())
    }

    /// η(t), the learning rate of step `t`.
    pub fn lr(&self, t: u64) -> f64 {
        self.schedule.lr(self.optimizer.stepper().c.lr(), t)
    }

    /// Gradient steps from `start` with the optimizer's state `state` (its initial state for a
    /// fresh run), `limits.steps` of them unless a value stops being finite or a row's exact
    /// gradient is within `limits.tol` (the single trajectory's checks, in the same order).
    pub fn run_from(&self, start: [f64; 2], state: State, limits: Limits) -> Trajectory {
        let steps = limits.steps;
        let mut evaluator = self.objective.evaluator();
        let mut gradients = self.step_gradients();
        let stepper = self.optimizer.stepper();
        let eta = stepper.c.lr();
        let with_used = !self.sampling.is_exact();
        let with_lr = !self.schedule.is_constant();
        let mut used = Vec::new();
        let mut lrs = Vec::new();
        let mut rows = Vec::with_capacity(steps + 1);
        let mut stop: Option<Stop>;
        // The step from row `t`: its gradient and rate, and whether both are finite.
        let mut next_step = |row: &Row| {
            let step = row.state.t;
            let g = gradients.gradient(step, row.w, row.g);
            (g, self.schedule.lr(eta, step))
        };
        let (error, g) = evaluator.value_and_gradient(start);
        let mut row = Row {
            t: 0,
            w: start,
            error,
            g,
            state,
        };
        let mut step = next_step(&row);
        if !(defined(error, g, step) && start.iter().all(|x| x.is_finite())) {
            stop = Some(Stop::Undefined { step: 0, w: start });
        } else if !state.is_finite() {
            stop = Some(Stop::Diverged { step: 0 });
        } else {
            rows.push(row);
            used.push(step.0);
            lrs.push(step.1);
            stop = checks::row(0, row.g, limits.tol);
            let converged_at_start = stop.is_some();
            for t in (1..=steps).filter(|_| !converged_at_start) {
                let (mut w, mut state) = (row.w, row.state);
                stepper.step(&mut state, &mut w, step.0, step.1);
                if !(w[0].is_finite() && w[1].is_finite() && state.is_finite()) {
                    stop = Some(Stop::Diverged { step: t });
                    break;
                }
                let (error, g) = evaluator.value_and_gradient(w);
                row = Row {
                    t,
                    w,
                    error,
                    g,
                    state,
                };
                step = next_step(&row);
                if !defined(error, g, step) {
                    let values = [error, g[0], g[1], step.0[0], step.0[1], step.1];
                    stop = Some(if values.iter().any(|x| x.is_nan()) {
                        Stop::Undefined { step: t, w }
                    } else {
                        Stop::Diverged { step: t }
                    });
                    break;
                }
                rows.push(row);
                used.push(step.0);
                lrs.push(step.1);
                stop = checks::row(t, g, limits.tol);
                if stop.is_some() {
                    break;
                }
            }
        }
        let mut extra = Vec::new();
        if with_used {
            for (k, name) in USED_GRADIENT_COLUMNS.into_iter().enumerate() {
                extra.push((name, used.iter().map(|g| g[k]).collect()));
            }
        }
        if with_lr {
            extra.push((LR_COLUMN, lrs));
        }
        Trajectory {
            optimizer: *self.optimizer,
            rows,
            stop,
            extra,
            curvature: Vec::new(),
        }
    }
}

impl Training<'_> {
    /// The curvature at every row of `run`, a run of this training: each row's exact Hessian,
    /// and the step from it with the gradient and learning rate that step used (the run's
    /// [`USED_GRADIENT_COLUMNS`] and [`LR_COLUMN`] where it has them; the last row's are those
    /// a longer run would use).
    pub fn curvature_of(&self, run: &Trajectory) -> Vec<Curvature> {
        let mut curvature = Vec::with_capacity(run.rows.len());
        let threshold = threshold_of(run);
        self.for_each_curvature_batch(run, 0..run.rows.len(), |hessians, step_sizes| {
            let pairs = hessians.iter().zip(step_sizes);
            curvature.extend(pairs.map(|(&h, &d)| Curvature::new(h, d, threshold)));
        });
        curvature
    }

    /// The curvature at the last row of `run` (as [`Training::curvature_of`] gives it there),
    /// without the other rows'; `None` for a run without rows.
    pub fn last_curvature(&self, run: &Trajectory) -> Option<Curvature> {
        let last = run.rows.len().checked_sub(1)?;
        let threshold = threshold_of(run);
        let mut curvature = None;
        self.for_each_curvature_batch(run, last..run.rows.len(), |hessians, step_sizes| {
            curvature = Some(Curvature::new(hessians[0], step_sizes[0], threshold));
        });
        curvature
    }

    /// [`Training::curvature_of`] as its [`curvature::COLUMNS`], one value per row (what the
    /// JS API returns; the same values as [`Curvature::values`]), computed a batch of rows at
    /// a time without the rows' [`Curvature`]s: only the pre-sharpness of D^½·H·D^½, and H's
    /// eigenvalues once for a run of rows with the same Hessian (every row of a quadratic).
    pub fn curvature_columns(&self, run: &Trajectory) -> [Vec<f64>; 7] {
        let rows = run.rows.len();
        let mut columns: [Vec<f64>; 7] = std::array::from_fn(|_| Vec::with_capacity(rows));
        let threshold = threshold_of(run);
        let mut last: Option<(Symmetric, Eigen)> = None;
        self.for_each_curvature_batch(run, 0..rows, |hessians, step_sizes| {
            let [h11, h12, h22, lambda1, lambda2, pre_sharpness, _] = &mut columns;
            for (h, d) in hessians.iter().zip(step_sizes) {
                let eigen = match last {
                    Some((same, eigen)) if same == *h => eigen,
                    _ => h.eigen(),
                };
                last = Some((*h, eigen));
                h11.push(h.h11);
                h12.push(h.h12);
                h22.push(h.h22);
                lambda1.push(eigen.lambda1);
                lambda2.push(eigen.lambda2);
                pre_sharpness.push(h.preconditioned(*d).largest_eigenvalue());
            }
        });
        columns[6].resize(rows, threshold.unwrap_or(f64::NAN));
        columns
    }

    /// Calls `f` with the exact Hessians and the step sizes D(t) at the rows of `run` in
    /// `range`, in order, a batch of at most [`BATCH`] rows at a time (see
    /// [`Training::curvature_of`]).
    fn for_each_curvature_batch(
        &self,
        run: &Trajectory,
        range: Range<usize>,
        mut f: impl FnMut(&[Symmetric], &[[f64; 2]]),
    ) {
        let stepper = run.optimizer.stepper();
        let column = |name: &str| {
            let found = run.extra.iter().find(|(n, _)| *n == name);
            found.map(|(_, values)| values.as_slice())
        };
        let used = USED_GRADIENT_COLUMNS.map(column);
        let lrs = column(LR_COLUMN);
        let mut hessians = self.objective.hessians();
        // A batch of rows at a time, in scratch on the stack, one quantity after the other for
        // the whole batch (the Hessians in one pass, then the step sizes, then what the caller
        // makes of them), so that the rows' independent computations overlap.
        for (chunk, rows) in run.rows[range.clone()].chunks(BATCH).enumerate() {
            let n = rows.len();
            let mut w1 = [0.0; BATCH];
            let mut w2 = [0.0; BATCH];
            for ((w1, w2), row) in w1.iter_mut().zip(&mut w2).zip(rows) {
                [*w1, *w2] = row.w;
            }
            let mut chunk_hessians = [Symmetric::default(); BATCH];
            hessians.hessians(&w1[..n], &w2[..n], &mut chunk_hessians[..n]);
            let first = range.start + chunk * BATCH;
            // The gradient and learning rate of the step from row `first + k`.
            let step = |k: usize| {
                let i = first + k;
                let g = match used {
                    [Some(g1), Some(g2)] => [g1[i], g2[i]],
                    _ => rows[k].g,
                };
                (g, lrs.map_or(stepper.c.lr(), |lrs| lrs[i]))
            };
            // The state after the step is the next row's; only the run's last row retakes it
            // (apart, so that the loop's results stay in registers).
            let mut step_sizes = [[0.0; 2]; BATCH];
            let with_next = n.min(run.rows.len() - 1 - first);
            let pairs = rows.iter().zip(&run.rows[first + 1..]).zip(&mut step_sizes);
            for (k, ((row, next), d)) in pairs.enumerate() {
                let (g, lr) = step(k);
                *d = curvature::step_sizes_between(&stepper, &row.state, &next.state, g, lr);
            }
            if with_next < n {
                let (row, (g, lr)) = (&rows[n - 1], step(n - 1));
                step_sizes[n - 1] = curvature::step_sizes(&stepper, row.w, &row.state, g, lr);
            }
            f(&chunk_hessians[..n], &step_sizes[..n]);
        }
    }
}

/// The threshold of `run`'s optimizer.
fn threshold_of(run: &Trajectory) -> Option<f64> {
    let stepper = run.optimizer.stepper();
    stepper.rule.threshold(&stepper.c)
}

/// Whether E, ∇E and the step's gradient and rate are all finite.
fn defined(error: f64, g: [f64; 2], (used, lr): ([f64; 2], f64)) -> bool {
    [error, g[0], g[1], used[0], used[1], lr]
        .iter()
        .all(|x| x.is_finite())
}
