//! Sweeps: one optimizer run from every cell of a grid, either of start points over a view (a
//! basin map: "from where does it reach the minimum?") or of two hyperparameters over ranges
//! ("with which η and β?"), each run kept as where it ended ([`Summary`]). One config type and
//! one validation ([`SweepConfig::from_pairs`]) for the CLI and the JS API; the batched engine
//! ([`engine::Sweep`]) runs it in chunks of work, so a caller can report progress and stop
//! between chunks.
//!
//! Every row equals, bit for bit, the last row of the single trajectory with the same keys from
//! that cell ([`SweepConfig::cell_config`]).
//!
//! For the JS API, a thin wrapper: the config object's keys (`kind`, `view`, `grid`, `x`, `y`
//! and the run keys) go to [`SweepConfig::from_pairs`] as text; [`Sweep::advance`] with a
//! budget of steps (a few million per call) runs a chunk and returns the progress, so a Web
//! Worker can post it and stop between chunks; [`SweepResult::column_values`] gives one flat
//! column per name of [`SweepResult::columns`] (a `Float64Array` each), `stop` as the codes of
//! [`StopReason::code`] whose words are [`StopReason::ALL`]'s names.

pub mod axis;
pub mod engine;
mod lanes;

pub use axis::{
    default_axis, parse_axis, parse_grid, parse_view, resolve_axes, Span, SweepAxis, MAX_GRID,
};
pub use engine::{Progress, Sweep};

use std::collections::BTreeMap;

use crate::config::Config;
use crate::curvature::Curvature;
use crate::error::ConfigError;
use crate::kernel::KernelHost;
use crate::optimizer::{Optimizer, COEFFICIENTS};
use crate::trajectory::{StopReason, Summary};
use crate::view::View;
use crate::vocabulary;

/// The keys of a sweep besides the vocabulary's run keys.
pub const KEYS: [&str; 5] = ["kind", "view", "grid", "x", "y"];
/// The kinds of sweep.
pub const KINDS: [&str; 2] = ["starts", "params"];
/// Cells per side when `grid` is not given.
pub const DEFAULT_GRID: usize = 64;
/// Cells per side of a map drawn at once, on the caller's thread (the custom element, the
/// Python widget and its picture), when `grid` is not given.
pub const ELEMENT_GRID: usize = 32;
/// The index of the `stop` column among a result's columns ([`SweepConfig::columns`]).
pub const STOP_COLUMN: usize = 6;
/// The columns a sweep with `curvature` adds: the trajectory's curvature columns of the same
/// names at each run's last row.
pub const CURVATURE_COLUMNS: [&str; 2] = ["pre_sharpness", "threshold"];
/// The most steps a sweep may take in all (cells × steps, a cell counting at least one): about
/// a few seconds natively, and bounded in the browser.
pub const MAX_WORK: u64 = 100_000_000;

/// What a sweep varies from cell to cell.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum SweepKind {
    /// The start point, over a view: cell (i, j) starts at the centre of the view's cell.
    Starts {
        /// The range of start points.
        view: View,
    },
    /// Two hyperparameters, over ranges: cell (i, j) runs with x and y at their cells' centres.
    Params {
        /// The hyperparameter along the x axis.
        x: SweepAxis,
        /// The hyperparameter along the y axis.
        y: SweepAxis,
    },
}

impl SweepKind {
    /// Its `kind` value: one of [`KINDS`].
    pub fn name(&self) -> &'static str {
        match self {
            SweepKind::Starts { .. } => KINDS[0],
            SweepKind::Params { .. } => KINDS[1],
        }
    }
}

/// A validated sweep: the run every cell shares, what varies, and the grid of cells.
#[derive(Clone, Debug, PartialEq)]
pub struct SweepConfig {
    /// The keys every cell shares: function, optimizer (with the hyperparameters not swept),
    /// steps, tol, and for a sweep of hyperparameters the start.
    pub run: Config,
    /// What varies.
    pub kind: SweepKind,
    /// Cells along the x axis (w1, or `x`) and the y axis (w2, or `y`).
    pub grid: [usize; 2],
}

/// One cell of a sweep: where it sits on both axes, and the run it makes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Cell {
    /// The x axis value at the cell's centre (w1 of the start, or the `x` hyperparameter).
    pub x: f64,
    /// The y axis value at the cell's centre.
    pub y: f64,
    /// The start point.
    pub start: [f64; 2],
    /// The optimizer with this cell's hyperparameters.
    pub optimizer: Optimizer,
}

impl SweepConfig {
    /// Validates `key = value` pairs: [`KEYS`] and the vocabulary's run keys. `kind` is
    /// `starts` (needs `view`; `start` is not allowed) or `params` (needs `x` and `y`, two
    /// different hyperparameters of the optimizer not also given on their own; `view` is not
    /// allowed); `grid` defaults to [`DEFAULT_GRID`]. The run keys are validated as for a
    /// trajectory; the work may not exceed [`MAX_WORK`].
    pub fn from_pairs<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<SweepConfig, ConfigError> {
        let mut own: BTreeMap<&str, &str> = BTreeMap::new();
        let mut run: Vec<(&str, &str)> = Vec::new();
        for (key, value) in pairs {
            if KEYS.contains(&key) {
                if own.insert(key, value).is_some() {
                    return Err(ConfigError::Repeated {
                        key: key.to_owned(),
                    });
                }
            } else if vocabulary::is_key(key) {
                run.push((key, value));
            } else {
                return Err(invalid_key(key));
            }
        }
        let kind_text = own
            .get("kind")
            .copied()
            .ok_or_else(|| ConfigError::Missing {
                key: "kind".to_owned(),
            })?;
        let starts = match kind_text.trim() {
            "starts" => true,
            "params" => false,
            _ => {
                return Err(ConfigError::NotAChoice {
                    key: "kind".to_owned(),
                    value: kind_text.to_owned(),
                    choices: KINDS.join(", "),
                })
            }
        };
        let grid = own
            .get("grid")
            .map_or(Ok([DEFAULT_GRID; 2]), |text| parse_grid(text))?;
        let not_allowed = |key: &str, why: &str| ConfigError::Sweep {
            key: key.to_owned(),
            problem: format!("is not used by a sweep of {kind_text}: {why}"),
        };
        let required = |key: &str| {
            own.get(key).copied().ok_or_else(|| ConfigError::Missing {
                key: key.to_owned(),
            })
        };
        if starts {
            if run.iter().any(|(k, _)| *k == "start") {
                return Err(not_allowed("start", "the starts are the cells of `view`"));
            }
            for key in ["x", "y"] {
                if own.contains_key(key) {
                    return Err(not_allowed(key, "use a sweep of params"));
                }
            }
        } else if own.contains_key("view") {
            return Err(not_allowed("view", "give the one start as `start`"));
        }
        let base = Config::from_pairs(run.iter().copied())?;
        let kind = if starts {
            SweepKind::Starts {
                view: parse_view(required("view")?)?,
            }
        } else {
            let x = parse_axis("x", required("x")?, &base.optimizer)?;
            let y = parse_axis("y", required("y")?, &base.optimizer)?;
            for axis in [x, y] {
                let key = axis.hyperparameter.key;
                if run.iter().any(|(k, _)| *k == key) {
                    return Err(ConfigError::Sweep {
                        key: key.to_owned(),
                        problem: "is swept along an axis: leave out its own value".to_owned(),
                    });
                }
            }
            if x.hyperparameter.key == y.hyperparameter.key {
                return Err(ConfigError::Sweep {
                    key: "y".to_owned(),
                    problem: format!(
                        "must sweep another hyperparameter than `x`, not {} again",
                        x.hyperparameter.key
                    ),
                });
            }
            SweepKind::Params { x, y }
        };
        let config = SweepConfig {
            run: base,
            kind,
            grid,
        };
        config.check_work()?;
        Ok(config)
    }

    /// The work limit: cells × steps (at least one step per cell) ≤ [`MAX_WORK`].
    fn check_work(&self) -> Result<(), ConfigError> {
        let cells = self.cells() as u64;
        let work = cells * (self.run.steps.max(1) as u64);
        if work <= MAX_WORK {
            return Ok(());
        }
        Err(ConfigError::Sweep {
            key: "grid".to_owned(),
            problem: format!(
                "{}×{} = {cells} cells of {} steps is {work} steps in all; a sweep may take at \
                 most {MAX_WORK}: use a coarser grid or fewer steps",
                self.grid[0], self.grid[1], self.run.steps
            ),
        })
    }

    /// The number of cells.
    pub fn cells(&self) -> usize {
        self.grid[0] * self.grid[1]
    }

    /// The column names of the result: the axes (`start1, start2` or `x, y`), then `w1, w2,
    /// error, t, stop` of where each run ended, and with `curvature` its [`CURVATURE_COLUMNS`].
    pub fn columns(&self) -> Vec<&'static str> {
        let axes = match self.kind {
            SweepKind::Starts { .. } => ["start1", "start2"],
            SweepKind::Params { .. } => ["x", "y"],
        };
        let mut columns = vec![axes[0], axes[1], "w1", "w2", "error", "t", "stop"];
        if self.run.curvature {
            columns.extend(CURVATURE_COLUMNS);
        }
        columns
    }

    /// The coefficients that vary from cell to cell, by their row in the hyperparameter table
    /// ([`crate::optimizer::Coefficients`]): those of the two swept hyperparameters, or none.
    pub fn swept(&self) -> [bool; COEFFICIENTS] {
        let mut swept = [false; COEFFICIENTS];
        if let SweepKind::Params { x, y } = self.kind {
            for axis in [x, y] {
                swept[axis.hyperparameter.place().index()] = true;
            }
        }
        swept
    }

    /// The x and y axes' spans.
    pub fn spans(&self) -> [Span; 2] {
        match self.kind {
            SweepKind::Starts { view } => [Span::linear(view.w1), Span::linear(view.w2)],
            SweepKind::Params { x, y } => [x.span, y.span],
        }
    }

    /// Cell `index`: cells are ordered by y (from its min to its max), then by x, so that
    /// cell (i, j) is `index = j·N + i` of an N × M grid.
    pub fn cell(&self, index: usize) -> Cell {
        let (i, j) = self.position(index);
        let [x_span, y_span] = self.spans();
        self.cell_at(
            x_span.centre(i, self.grid[0]),
            y_span.centre(j, self.grid[1]),
        )
    }

    /// The centres of the cells along each axis, `[x by column, y by row]`: what
    /// [`SweepConfig::cell_with`] reads, computed once for the whole grid (a log axis's centre
    /// costs a logarithm and an exponential).
    pub(crate) fn centres(&self) -> [Vec<f64>; 2] {
        let spans = self.spans();
        [0, 1].map(|a| {
            (0..self.grid[a])
                .map(|i| spans[a].centre(i, self.grid[a]))
                .collect()
        })
    }

    /// [`SweepConfig::cell`], its centre taken from `centres` ([`SweepConfig::centres`]).
    pub(crate) fn cell_with(&self, index: usize, centres: &[Vec<f64>; 2]) -> Cell {
        let (i, j) = self.position(index);
        self.cell_at(centres[0][i], centres[1][j])
    }

    /// The column and row of cell `index`.
    fn position(&self, index: usize) -> (usize, usize) {
        (index % self.grid[0], index / self.grid[0])
    }

    /// The cell centred at `(x, y)`.
    fn cell_at(&self, x: f64, y: f64) -> Cell {
        match self.kind {
            SweepKind::Starts { .. } => Cell {
                x,
                y,
                start: [x, y],
                optimizer: self.run.optimizer,
            },
            SweepKind::Params {
                x: x_axis,
                y: y_axis,
            } => {
                let mut optimizer = self.run.optimizer;
                for (axis, value) in [(x_axis, x), (y_axis, y)] {
                    // Validated: the key is the optimizer's, and a centre lies inside the
                    // axis's range, whose ends are in the hyperparameter's range.
                    let set = optimizer.set(axis.hyperparameter.key, value);
                    debug_assert!(set.is_ok(), "{set:?}");
                }
                Cell {
                    x,
                    y,
                    start: self.run.start,
                    optimizer,
                }
            }
        }
    }

    /// The single run of cell `index`: the trajectory whose last row the sweep's row equals.
    pub fn cell_config(&self, index: usize) -> Config {
        let cell = self.cell(index);
        Config {
            start: cell.start,
            optimizer: cell.optimizer,
            ..self.run.clone()
        }
    }

    /// Runs the whole sweep at once.
    pub fn run(&self) -> SweepResult {
        self.run_with(None)
    }

    /// [`SweepConfig::run`] with the plain steps taken by a kernel on `host` (see
    /// [`Sweep::advance_with`]): the same result, bit for bit.
    pub fn run_with(&self, mut host: Option<&mut dyn KernelHost>) -> SweepResult {
        let mut sweep = Sweep::new(self.clone());
        loop {
            let host = host.as_mut().map(|h| &mut **h as &mut dyn KernelHost);
            if sweep.advance_with(u64::MAX, host).is_finished() {
                break;
            }
        }
        sweep.into_result()
    }
}

/// The error for a key that is neither a sweep key nor a run key.
fn invalid_key(key: &str) -> ConfigError {
    let mut keys: Vec<&str> = KEYS.to_vec();
    keys.extend(vocabulary::keys());
    ConfigError::Sweep {
        key: key.to_owned(),
        problem: format!(
            "is not a parameter of a sweep; the parameters are {}",
            keys.join(", ")
        ),
    }
}

/// Where every cell's run ended, in cell order ([`SweepConfig::cell`]).
#[derive(Clone, Debug, PartialEq)]
pub struct SweepResult {
    /// The column names ([`SweepConfig::columns`]).
    pub columns: Vec<&'static str>,
    /// Each cell's x axis value.
    pub x: Vec<f64>,
    /// Each cell's y axis value.
    pub y: Vec<f64>,
    /// Each cell's run: its last row and why it stopped.
    pub summaries: Vec<Summary>,
    /// With `curvature`, each cell's curvature at its run's last row, equal to the last row's
    /// of its single trajectory with `curvature`; `None` for a run that diverged, met an
    /// undefined E, or has no row. Empty without `curvature`.
    pub curvature: Vec<Option<Curvature>>,
}

impl SweepResult {
    /// Why each run stopped, if it did.
    pub fn reasons(&self) -> impl Iterator<Item = Option<StopReason>> + '_ {
        self.summaries.iter().map(|s| s.stop.map(|s| s.reason()))
    }

    /// Each cell's pre-sharpness ÷ threshold at its run's last row (1 on the edge of
    /// stability); NaN where [`SweepResult::curvature`] has none or the rule no threshold.
    /// Empty without `curvature`.
    pub fn sharpness_fractions(&self) -> Vec<f64> {
        let fraction = |c: &Option<Curvature>| c.and_then(|c| c.fraction_of_threshold());
        self.curvature
            .iter()
            .map(|c| fraction(c).unwrap_or(f64::NAN))
            .collect()
    }

    /// Every column's values, in column order: `t` as a number, `stop` as
    /// [`StopReason::code_of`] (0: ran all its steps), then with `curvature` the
    /// pre-sharpness and threshold (NaN where there is none). The JS API returns these as
    /// `Float64Array`s.
    pub fn column_values(&self) -> Vec<Vec<f64>> {
        let each = |f: fn(&Summary) -> f64| self.summaries.iter().map(f).collect::<Vec<f64>>();
        let mut columns = vec![
            self.x.clone(),
            self.y.clone(),
            each(|s| s.w[0]),
            each(|s| s.w[1]),
            each(|s| s.error),
            each(|s| s.t as f64),
            each(|s| f64::from(StopReason::code_of(s.stop.map(|s| s.reason())))),
        ];
        if !self.curvature.is_empty() {
            let each = |f: fn(&Curvature) -> f64| {
                let values = self
                    .curvature
                    .iter()
                    .map(|c| c.as_ref().map_or(f64::NAN, f));
                values.collect::<Vec<f64>>()
            };
            columns.push(each(Curvature::pre_sharpness));
            columns.push(each(|c| c.threshold.unwrap_or(f64::NAN)));
        }
        columns
    }
}
