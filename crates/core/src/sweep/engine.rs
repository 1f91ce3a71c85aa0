//! The batched engine: many runs stepped side by side, the function evaluated over all of them
//! one instruction at a time (as the grid evaluation does), each run stopping on its own.
//!
//! Up to [`BATCH`] runs (lanes) are in flight; a lane that stops is replaced by the next cell's
//! run, so the batch stays full. Each lane applies exactly the single trajectory's arithmetic
//! in its order — the same [`Stepper::step`], the same compiled program, the same stop checks
//! ([`checks`]) — so its result equals [`crate::trajectory::run`]'s last row bit for bit.
//!
//! Work is done in chunks ([`Sweep::advance`]): a caller (the CLI, a Web Worker) reports
//! progress and may stop between chunks.

use crate::function::{BatchEvaluator, BATCH};
use crate::optimizer::{State, Stepper};
use crate::trajectory::{checks, Limits, Stop, Summary};

use super::{SweepConfig, SweepResult};

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
    lanes: Lanes,
    /// The next cell to start.
    next_cell: usize,
    /// Cells whose run has ended.
    done: usize,
    /// Each cell's result, valid once its run has ended.
    summaries: Vec<Summary>,
}

/// The runs in flight, one entry per lane in each vector (structure of arrays: the positions
/// are the function's batched input as they stand).
#[derive(Clone, Debug, Default)]
struct Lanes {
    /// The cell each lane runs.
    cell: Vec<usize>,
    /// Whether the lane has no row yet: its next evaluation is at its start.
    fresh: Vec<bool>,
    /// The iteration of the lane's last row.
    t: Vec<usize>,
    /// w1 of the last row (the start while fresh).
    w1: Vec<f64>,
    /// w2 of the last row.
    w2: Vec<f64>,
    /// E of the last row.
    error: Vec<f64>,
    /// ∂E/∂w1 of the last row.
    g1: Vec<f64>,
    /// ∂E/∂w2 of the last row.
    g2: Vec<f64>,
    /// w1 where the next evaluation happens.
    next1: Vec<f64>,
    /// w2 where the next evaluation happens.
    next2: Vec<f64>,
    /// The optimizer's state after the last step.
    state: Vec<State>,
    /// The lane's optimizer with its hyperparameters.
    stepper: Vec<Stepper>,
    /// Whether the lane's run ended in this batch step (removed at its end).
    ended: Vec<bool>,
}

impl Lanes {
    fn len(&self) -> usize {
        self.cell.len()
    }

    /// Starts the run of `cell` from `start`.
    fn push(&mut self, cell: usize, start: [f64; 2], state: State, stepper: Stepper) {
        self.cell.push(cell);
        self.fresh.push(true);
        self.t.push(0);
        self.w1.push(start[0]);
        self.w2.push(start[1]);
        self.error.push(f64::NAN);
        self.g1.push(f64::NAN);
        self.g2.push(f64::NAN);
        self.next1.push(start[0]);
        self.next2.push(start[1]);
        self.state.push(state);
        self.stepper.push(stepper);
        self.ended.push(false);
    }

    /// Removes the lanes whose run ended (the last lanes move into their places).
    fn remove_ended(&mut self) {
        for i in (0..self.len()).rev() {
            if self.ended[i] {
                self.cell.swap_remove(i);
                self.fresh.swap_remove(i);
                self.t.swap_remove(i);
                self.w1.swap_remove(i);
                self.w2.swap_remove(i);
                self.error.swap_remove(i);
                self.g1.swap_remove(i);
                self.g2.swap_remove(i);
                self.next1.swap_remove(i);
                self.next2.swap_remove(i);
                self.state.swap_remove(i);
                self.stepper.swap_remove(i);
                self.ended.swap_remove(i);
            }
        }
    }

    /// The last row of lane `i` with why it stopped.
    fn summary(&self, i: usize, stop: Option<Stop>) -> Summary {
        Summary {
            w: [self.w1[i], self.w2[i]],
            error: self.error[i],
            t: self.t[i],
            stop,
        }
    }
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
        Sweep {
            config,
            lanes: Lanes::default(),
            next_cell: 0,
            done: 0,
            summaries: vec![unfinished; cells],
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
        }
        self.progress()
    }

    /// The results, running whatever is left first.
    pub fn into_result(mut self) -> SweepResult {
        while !self.advance(u64::MAX).is_finished() {}
        let cells = self.summaries.len();
        let (x, y) = (0..cells)
            .map(|index| {
                let cell = self.config.cell(index);
                (cell.x, cell.y)
            })
            .unzip();
        SweepResult {
            columns: self.config.columns(),
            x,
            y,
            summaries: self.summaries,
        }
    }

    /// Starts the next cells' runs until the batch is full.
    fn fill(&mut self) {
        while self.lanes.len() < BATCH && self.next_cell < self.summaries.len() {
            let cell = self.config.cell(self.next_cell);
            let optimizer = &cell.optimizer;
            self.lanes.push(
                self.next_cell,
                cell.start,
                optimizer.initial_state(),
                optimizer.stepper(),
            );
            self.next_cell += 1;
        }
    }

    /// One step of every lane: the optimizer's step (none for a fresh lane), E and ∇E at the
    /// new positions together, then each lane's checks in the single trajectory's order.
    fn step(&mut self, evaluator: &mut BatchEvaluator, limits: Limits) {
        let Sweep {
            lanes,
            summaries,
            done,
            ..
        } = self;
        let mut end = |lanes: &mut Lanes, i: usize, summary: Summary| {
            lanes.ended[i] = true;
            summaries[lanes.cell[i]] = summary;
            *done += 1;
        };
        for i in 0..lanes.len() {
            if lanes.fresh[i] {
                continue;
            }
            let t = lanes.t[i] + 1;
            let mut w = [lanes.w1[i], lanes.w2[i]];
            let stepper = &lanes.stepper[i];
            stepper.step(&mut lanes.state[i], &mut w, [lanes.g1[i], lanes.g2[i]], stepper.c.lr);
            [lanes.next1[i], lanes.next2[i]] = w;
            if let Some(stop) = checks::stepped(t, w, &lanes.state[i]) {
                end(lanes, i, lanes.summary(i, Some(stop)));
            }
        }
        let values = evaluator.evaluate(&lanes.next1, &lanes.next2);
        for i in 0..lanes.len() {
            if lanes.ended[i] {
                continue;
            }
            let w = [lanes.next1[i], lanes.next2[i]];
            let (error, g) = (values.error[i], [values.g1[i], values.g2[i]]);
            let t = if lanes.fresh[i] {
                lanes.fresh[i] = false;
                if let Some(stop) = checks::start(w, error, g, &lanes.state[i]) {
                    end(lanes, i, Summary::without_rows(w, stop));
                    continue;
                }
                0
            } else {
                let t = lanes.t[i] + 1;
                if let Some(stop) = checks::evaluated(t, w, error, g) {
                    end(lanes, i, lanes.summary(i, Some(stop)));
                    continue;
                }
                t
            };
            lanes.t[i] = t;
            [lanes.w1[i], lanes.w2[i]] = w;
            lanes.error[i] = error;
            [lanes.g1[i], lanes.g2[i]] = g;
            let stop = checks::row(t, g, limits.tol);
            if stop.is_some() || t >= limits.steps {
                end(lanes, i, lanes.summary(i, stop));
            }
        }
        lanes.remove_ended();
    }
}
