//! The batched engine: many runs stepped side by side, the function evaluated over all of them
//! one instruction at a time (as the grid evaluation does), each run stopping on its own.
//!
//! Up to [`BATCH`] runs (lanes) are in flight; a lane that stops is replaced by the next cell's
//! run, so the batch stays full. Each lane applies exactly the single trajectory's arithmetic
//! in its order — the same [`crate::optimizer::Stepper::step`], the same compiled program, the same stop checks
//! (`trajectory::checks`) — so its result equals [`crate::trajectory::run`]'s last row bit for bit.
//!
//! Work is done in chunks ([`Sweep::advance`]): a caller (the CLI, a Web Worker) reports
//! progress and may stop between chunks.
//!
//! A sweep with `curvature` keeps each run's state and gradient at its last row, and once
//! every run has ended computes the curvature there ([`SweepResult::curvature`]): the exact
//! Hessians of all cells together, then each cell's step sizes. A sweep without it keeps
//! nothing more.

use crate::config::Config;
use crate::curvature::{self, Curvature, Symmetric};
use crate::function::{BatchEvaluator, BATCH};
use crate::kernel::{KernelHost, SweepKernel, MIN_SWEEP_STEPS};
use crate::optimizer::{State, MAX_SHARED, MAX_STATE_PAIRS};
use crate::trajectory::{checks, Limits, Stop, StopReason, Summary};

use super::lanes::Lanes;
use super::{SweepConfig, SweepKind, SweepResult};

/// The most steps of a kernel call while cells wait for a lane and runs have been stopping:
/// lanes that stop idle until the call returns, and a call costs about as much as one
/// interpreted step of every lane.
const REFILL_STEPS: usize = 64;

/// How far a sweep has come.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    /// Cells whose run has ended.
    pub done: usize,
    /// All cells.
    pub total: usize,
}

impl Progress {
    /// Whether every cell's run has ended.
    pub fn is_finished(&self) -> bool {
        self.done == self.total
    }
}

/// A sweep being run: its config, the lanes in flight and the results so far.
#[derive(Clone, Debug)]
pub struct Sweep {
    config: SweepConfig,
    /// The cells' centres along each axis ([`SweepConfig::centres`]).
    centres: [Vec<f64>; 2],
    lanes: Lanes,
    /// The next cell to start.
    next_cell: usize,
    /// Cells whose run has ended.
    done: usize,
    /// Each cell's result, valid once its run has ended.
    summaries: Vec<Summary>,
    /// The kernel taking the lanes' plain steps, once built.
    kernel: Option<KernelState>,
    /// Whether the kernel's last call stopped a lane (then the next calls are short, so that
    /// waiting cells take the lanes that stop).
    stopping: bool,
    /// With `curvature`, per cell: the state and gradient at the last row of a run that
    /// converged or ran all its steps (the batched engine's runs); empty without it.
    last_steps: Vec<Option<LastStep>>,
    /// With `curvature`, per cell: the curvature at the last row of a run taken singly;
    /// empty without it.
    curvature: Vec<Option<Curvature>>,
}

/// What the curvature at a run's last row needs besides w: the optimizer's state and the
/// exact gradient there.
#[derive(Clone, Copy, Debug)]
struct LastStep {
    state: State,
    g: [f64; 2],
}

/// Whether a sweep has a kernel.
#[derive(Clone, Debug)]
enum KernelState {
    /// Built, and its host ran it.
    Ready(SweepKernel),
    /// None could be built, or its host could not run it: the sweep interprets.
    Unavailable,
}

impl Sweep {
    /// A sweep ready to run; nothing is computed yet.
    pub fn new(config: SweepConfig) -> Sweep {
        let cells = config.cells();
        let unfinished = Summary {
            w: [f64::NAN; 2],
            error: f64::NAN,
            t: 0,
            stop: None,
        };
        let stepper = config.run.optimizer.stepper();
        // A sweep of starts runs one optimizer; a sweep of hyperparameters one rule with
        // coefficients per cell.
        let uniform = match config.kind {
            SweepKind::Starts { .. } => Some(stepper.c),
            SweepKind::Params { .. } => None,
        };
        let kept = if config.run.curvature { cells } else { 0 };
        Sweep {
            lanes: Lanes::new(stepper.rule, uniform, config.run.steps),
            centres: config.centres(),
            config,
            next_cell: 0,
            done: 0,
            summaries: vec![unfinished; cells],
            kernel: None,
            stopping: false,
            last_steps: vec![None; kept],
            curvature: vec![None; kept],
        }
    }

    /// The sweep's config.
    pub fn config(&self) -> &SweepConfig {
        &self.config
    }

    /// How far it has come.
    pub fn progress(&self) -> Progress {
        Progress {
            done: self.done,
            total: self.summaries.len(),
        }
    }

    /// Runs about `budget` more steps (a step of every lane in flight at a time, at least one
    /// such step unless the sweep is finished), then returns the progress.
    pub fn advance(&mut self, budget: u64) -> Progress {
        self.advance_with(budget, None)
    }

    /// [`Sweep::advance`], the lanes' plain steps taken by a kernel on `host` if there is one
    /// (see [`crate::kernel`]): the same results, bit for bit. Between the kernel's calls, one
    /// step of every lane is interpreted: it starts new runs, ends finished ones and takes the
    /// steps the kernel left.
    pub fn advance_with(&mut self, budget: u64, mut host: Option<&mut dyn KernelHost>) -> Progress {
        if !self.config.run.is_plain() {
            return self.advance_singly(budget);
        }
        let function = self.config.run.function.clone();
        let mut evaluator = function.batch_evaluator();
        let limits = self.config.run.limits();
        let mut spent: u64 = 0;
        loop {
            self.fill();
            if self.lanes.len() == 0 {
                break;
            }
            spent = spent.saturating_add(self.lanes.len() as u64);
            self.step(&mut evaluator, limits);
            if spent >= budget {
                break;
            }
            if let Some(host) = host.as_deref_mut().filter(|_| self.is_large()) {
                spent = spent.saturating_add(self.plain_steps(host, budget - spent));
                if spent >= budget {
                    break;
                }
            }
        }
        self.progress()
    }

    /// Whether the sweep is large enough for a kernel ([`MIN_SWEEP_STEPS`]).
    fn is_large(&self) -> bool {
        let steps = self.config.run.steps as u64;
        (self.summaries.len() as u64).saturating_mul(steps) >= MIN_SWEEP_STEPS
    }

    /// Plain steps of the lanes in flight through the kernel (built on first use), about
    /// `budget` of them; returns how many were taken.
    fn plain_steps(&mut self, host: &mut dyn KernelHost, budget: u64) -> u64 {
        let lanes = self.lanes.len();
        if lanes == 0 {
            return 0;
        }
        let limits = self.config.run.limits();
        let kernel = self.kernel.get_or_insert_with(|| {
            self.lanes
                .kernel(&self.config.run.function, limits.tol, self.config.swept())
                .map_or(KernelState::Unavailable, KernelState::Ready)
        });
        let KernelState::Ready(kernel) = kernel else {
            return 0;
        };
        let max_steps = (budget / lanes as u64).max(1) as usize;
        // While cells wait and runs stop, return every few steps to start them in the lanes
        // that stopped.
        let waiting = self.next_cell < self.summaries.len();
        let max_steps = if waiting && self.stopping {
            max_steps.min(REFILL_STEPS)
        } else {
            max_steps
        };
        // The last step of a run is interpreted, which ends it.
        let limit = limits.steps.saturating_sub(1);
        match self.lanes.run_kernel(kernel, host, max_steps, limit) {
            Some((steps, stopping)) => {
                self.stopping = stopping;
                steps
            }
            None => {
                self.kernel = Some(KernelState::Unavailable);
                0
            }
        }
    }

    /// [`Sweep::advance`] for runs the batched engine does not take (noise, mini-batches, a
    /// data set, a schedule): each cell's single trajectory in turn, at least one per call.
    fn advance_singly(&mut self, budget: u64) -> Progress {
        let per_cell = self.config.run.steps.max(1) as u64;
        let mut spent: u64 = 0;
        while self.next_cell < self.summaries.len() {
            let index = self.next_cell;
            // The curvature of the last row only, not of every row.
            let config = Config {
                curvature: false,
                ..self.config.cell_config(index)
            };
            let run = config.run();
            let summary = run.summary();
            if let Some(slot) = self.curvature.get_mut(index) {
                *slot = ends_well(&summary)
                    .then(|| config.training().last_curvature(&run))
                    .flatten();
            }
            self.summaries[index] = summary;
            self.next_cell += 1;
            self.done += 1;
            spent = spent.saturating_add(per_cell);
            if spent >= budget {
                break;
            }
        }
        self.progress()
    }

    /// The results, running whatever is left first.
    pub fn into_result(mut self) -> SweepResult {
        while !self.advance(u64::MAX).is_finished() {}
        let cells = self.summaries.len();
        let (x, y) = (0..cells)
            .map(|index| {
                let cell = self.config.cell_with(index, &self.centres);
                (cell.x, cell.y)
            })
            .unzip();
        let curvature = self.last_curvature();
        SweepResult {
            columns: self.config.columns(),
            x,
            y,
            summaries: self.summaries,
            curvature,
        }
    }

    /// With `curvature`, each cell's at its run's last row (see [`SweepResult::curvature`]):
    /// the kept states' exact Hessians all at once, then each cell's step sizes with its own
    /// optimizer; empty without it.
    fn last_curvature(&mut self) -> Vec<Option<Curvature>> {
        let kept: Vec<(usize, LastStep)> = self
            .last_steps
            .iter()
            .enumerate()
            .filter_map(|(index, last)| Some((index, (*last)?)))
            .collect();
        let w1: Vec<f64> = kept.iter().map(|(i, _)| self.summaries[*i].w[0]).collect();
        let w2: Vec<f64> = kept.iter().map(|(i, _)| self.summaries[*i].w[1]).collect();
        let mut hessians = vec![Symmetric::default(); kept.len()];
        let objective = self.config.run.objective();
        objective.hessians().hessians(&w1, &w2, &mut hessians);
        let mut curvature = std::mem::take(&mut self.curvature);
        for ((index, last), hessian) in kept.into_iter().zip(hessians) {
            let stepper = self.config.cell(index).optimizer.stepper();
            let w = self.summaries[index].w;
            let d = curvature::step_sizes(&stepper, w, &last.state, last.g, stepper.c.lr());
            let threshold = stepper.rule.threshold(&stepper.c);
            curvature[index] = Some(Curvature::new(hessian, d, threshold));
        }
        curvature
    }

    /// Starts the next cells' runs until the batch is full.
    fn fill(&mut self) {
        while self.lanes.len() < BATCH && self.next_cell < self.summaries.len() {
            let cell = self.config.cell_with(self.next_cell, &self.centres);
            let optimizer = &cell.optimizer;
            self.lanes.push(
                self.next_cell,
                cell.start,
                &optimizer.initial_state(),
                &optimizer.stepper(),
            );
            self.next_cell += 1;
        }
    }

    /// One step of every lane: the optimizer's step (none for a lane without a row yet), E
    /// and ∇E at the new positions together, then each lane's checks in the single
    /// trajectory's order.
    fn step(&mut self, evaluator: &mut BatchEvaluator, limits: Limits) {
        self.lanes.step();
        let Sweep {
            lanes,
            summaries,
            done,
            last_steps,
            ..
        } = self;
        let (n, fresh) = (lanes.len(), lanes.fresh);
        // Slices of exactly n lanes, so that indexing them by i < n needs no bounds checks.
        let (cell, t) = (&lanes.cell[..n], &mut lanes.t[..n]);
        let (w1, w2) = (&mut lanes.w1[..n], &mut lanes.w2[..n]);
        let (error, g1, g2) = (
            &mut lanes.error[..n],
            &mut lanes.g1[..n],
            &mut lanes.g2[..n],
        );
        let (next1, next2) = (&lanes.next1[..n], &lanes.next2[..n]);
        let ended = &mut lanes.ended[..n];
        let mut end = |ended: &mut [bool], i: usize, summary: Summary| {
            ended[i] = true;
            summaries[cell[i]] = summary;
            *done += 1;
        };
        let last_row = |i: usize, w1: &[f64], w2: &[f64], error: &[f64], t: &[usize]| Summary {
            w: [w1[i], w2[i]],
            error: error[i],
            t: t[i],
            stop: None,
        };
        for i in 0..fresh {
            if ended[i] {
                let stop = Some(Stop::Diverged { step: t[i] + 1 });
                end(
                    ended,
                    i,
                    Summary {
                        stop,
                        ..last_row(i, w1, w2, error, t)
                    },
                );
            }
        }
        let values = evaluator.evaluate(next1, next2);
        let (e, d1, d2) = (&values.error[..n], &values.g1[..n], &values.g2[..n]);
        for i in 0..n {
            if ended[i] {
                continue;
            }
            let w = [next1[i], next2[i]];
            let g = [d1[i], d2[i]];
            let row = if i >= fresh {
                let state = state_of(&lanes.slots, &lanes.shared, &lanes.steps_taken, i);
                if let Some(stop) = checks::start(w, e[i], g, &state) {
                    end(ended, i, Summary::without_rows(w, stop));
                    continue;
                }
                0
            } else {
                let row = t[i] + 1;
                if let Some(stop) = checks::evaluated(row, w, e[i], g) {
                    let stop = Some(stop);
                    end(
                        ended,
                        i,
                        Summary {
                            stop,
                            ..last_row(i, w1, w2, error, t)
                        },
                    );
                    continue;
                }
                row
            };
            t[i] = row;
            [w1[i], w2[i]] = w;
            error[i] = e[i];
            [g1[i], g2[i]] = g;
            let stop = checks::row(row, g, limits.tol);
            if stop.is_some() || row >= limits.steps {
                if let Some(last) = last_steps.get_mut(cell[i]) {
                    let state = state_of(&lanes.slots, &lanes.shared, &lanes.steps_taken, i);
                    *last = Some(LastStep { state, g });
                }
                end(
                    ended,
                    i,
                    Summary {
                        stop,
                        ..last_row(i, w1, w2, error, t)
                    },
                );
            }
        }
        lanes.remove_ended();
    }
}

/// Lane `i`'s optimizer state, from the lanes' planes.
fn state_of(
    slots: &[[Vec<f64>; MAX_STATE_PAIRS]; 2],
    shared: &[Vec<f64>; MAX_SHARED],
    steps_taken: &[u64],
    i: usize,
) -> State {
    State {
        t: steps_taken[i],
        slots: slots
            .each_ref()
            .map(|planes| planes.each_ref().map(|p| p[i])),
        shared: shared.each_ref().map(|p| p[i]),
    }
}

/// Whether a run ended where its curvature is kept: it converged or ran all its steps (not
/// diverged, nor where E is undefined).
fn ends_well(summary: &Summary) -> bool {
    !matches!(
        summary.stop.map(|s| s.reason()),
        Some(StopReason::Diverged | StopReason::Undefined)
    )
}
