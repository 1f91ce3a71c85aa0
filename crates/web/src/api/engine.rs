//! The JS API's runs, in the module loaded on demand (`engine`): trajectories (through the
//! compiled kernels where they pay), single steps, sweeps whole or in chunks, and the
//! optimizer table.

use descent_core::sweep::SweepConfig;
use descent_core::Config;
use js_sys::Object;
use wasm_bindgen::prelude::*;

use crate::compute::{self, SweepRun};
use crate::convert::{
    position, state_from_js, step_to_js, sweep_to_js, table_to_js, trajectory_columns_to_js,
};
use crate::error::WebError;
use crate::js_config::pairs;

/// Validates a JS config with the core's one validation.
fn config_from_js(config: &JsValue) -> Result<Config, WebError> {
    let pairs = pairs(config)?;
    Ok(Config::from_pairs(
        pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())),
    )?)
}

/// Runs `config` (vocabulary keys, `convention` included; missing keys take the defaults)
/// and returns every iteration: `{ t, w1, w2, error, g1, g2, …state columns, columns, stopped
/// }`, one `Float64Array` per column; `stopped` is `null` or why the run ended early.
#[wasm_bindgen]
pub fn trajectory(config: JsValue) -> Result<Object, WebError> {
    Ok(trajectory_columns_to_js(&compute::trajectory_columns(
        &config_from_js(&config)?,
    )))
}

/// Validates a JS sweep config with the core's one validation.
fn sweep_config_from_js(config: &JsValue) -> Result<SweepConfig, WebError> {
    let pairs = pairs(config)?;
    Ok(SweepConfig::from_pairs(
        pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())),
    )?)
}

/// Runs the optimizer from every cell of a grid: `kind: "starts"` over `view`, or `kind:
/// "params"` over two hyperparameters `x` and `y` (`"lr=1e-4:1:log"`), `grid` cells a side
/// (`64` or `[128, 64]`), with the vocabulary's run keys (`steps`, `tol`, …). Returns where
/// every run ended, in cell order (y, then x): `{ start1, start2 | x, y, w1, w2, error, t,
/// stop, columns, stopReasons, kind, grid }`, one `Float64Array` per column; `stop` holds 0
/// (ran all its steps) or n, the reason `stopReasons[n − 1]`. Every cell equals the last row
/// of `trajectory()` from that cell.
#[wasm_bindgen]
pub fn sweep(config: JsValue) -> Result<Object, WebError> {
    let config = sweep_config_from_js(&config)?;
    let result = compute::sweep(config.clone());
    Ok(sweep_to_js(&config, &result))
}

/// A sweep run a chunk at a time: `new SweepJob(config)` validates `config` as `sweep` does,
/// `advance(budget)` runs about `budget` more steps and returns whether it is finished,
/// `done` and `total` count cells, and `result()` returns what `sweep` would. A Web Worker
/// posts the progress between chunks and can be stopped between them.
#[wasm_bindgen]
pub struct SweepJob {
    run: Option<SweepRun>,
    total: usize,
}

#[wasm_bindgen]
impl SweepJob {
    /// A job for `config`, nothing computed yet; throws the core's message if it is invalid.
    #[wasm_bindgen(constructor)]
    pub fn new(config: JsValue) -> Result<SweepJob, WebError> {
        let config = sweep_config_from_js(&config)?;
        Ok(SweepJob {
            total: config.cells(),
            run: Some(SweepRun::new(config)),
        })
    }

    /// Runs about `budget` more steps (at least one step of the runs in flight); returns
    /// whether every cell's run has ended.
    pub fn advance(&mut self, budget: f64) -> bool {
        let budget = if budget.is_finite() && budget >= 1.0 {
            budget as u64
        } else {
            1
        };
        self.run
            .as_mut()
            .is_none_or(|run| run.advance(budget).is_finished())
    }

    /// Cells whose run has ended.
    #[wasm_bindgen(getter)]
    pub fn done(&self) -> f64 {
        self.run
            .as_ref()
            .map_or(self.total, |run| run.progress().done) as f64
    }

    /// All cells.
    #[wasm_bindgen(getter)]
    pub fn total(&self) -> f64 {
        self.total as f64
    }

    /// The result in the shape `sweep` returns, running whatever is left first. Once only:
    /// the job is used up.
    pub fn result(&mut self) -> Result<Object, WebError> {
        let run = self.run.take().ok_or_else(|| {
            WebError::Argument("this SweepJob's result was already taken".to_owned())
        })?;
        let config = run.config().clone();
        Ok(sweep_to_js(&config, &run.finish()))
    }
}

/// Not part of the JS API: the math function the engine's compiled kernels import
/// ([`descent_core::real::MathFn::apply_code`]), so that they compute every function that
/// WebAssembly does not round exactly with the interpreter's own code. A kernel calls this
/// module's raw export of it directly (see `crate::kernel`).
#[wasm_bindgen(js_name = __descentKernelMath, skip_typescript)]
pub fn kernel_math(code: u32, x: f64, y: f64) -> f64 {
    descent_core::real::MathFn::apply_code(code, x, y)
}

/// One step of the optimizer in `config` from position `w = [w1, w2]` with the `state` the
/// previous call returned (`null`/`undefined` at the start). Returns the next row:
/// `{ w: [w1, w2], state: { t, …state columns of the optimizer's form }, error: E(w), g: ∇E(w)
/// }` at the new position. Throws if the step leaves the region where E is finite.
#[wasm_bindgen]
pub fn step(config: JsValue, w: JsValue, state: JsValue) -> Result<Object, WebError> {
    let config = config_from_js(&config)?;
    let optimizer = config.optimizer;
    let state = state_from_js(&optimizer, &state)?;
    let run = config.run_from(position(&w)?, state, 1);
    match (run.stop, run.rows.get(1)) {
        (None, Some(row)) => Ok(step_to_js(&optimizer, row)),
        (stop, _) => Err(WebError::Stopped(
            stop.map_or_else(|| "the step was not taken".to_owned(), |s| s.to_string()),
        )),
    }
}

/// The optimizer table: `{ conventions, hyperparameters, optimizers }`, each optimizer with
/// its name, label, note, hyperparameters and defaults, and its forms (convention, formula,
/// reference, state columns). What the page's controls, URLs and this API are made from.
#[wasm_bindgen(js_name = optimizerTable)]
pub fn optimizer_table() -> Object {
    table_to_js()
}
