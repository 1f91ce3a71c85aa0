//! The JS API, the one facade of the wasm module: every `#[wasm_bindgen]` export is here.
//! `trajectory(config)`, `step(config, w, state)` and `sweep(config)` take the vocabulary and
//! give the messages of the CLI; `SweepJob` runs a sweep in chunks (the page's Web Worker);
//! `drawFigure` draws for the custom element; `optimizerTable` describes the
//! optimizers; the explorer's inspection exports (`appTrajectory`, `surfaceFrame`, …) let tests
//! and scripts read what the page shows. Errors are thrown as JS `Error`s (see [`WebError`]).

use descent_core::sweep::SweepConfig;
use descent_core::Config;
use js_sys::{Array, Object};
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

use crate::compute::{self, SweepRun};
use crate::convert::{
    frame_to_js, position, run_to_js, set, state_from_js, step_to_js, sweep_columns_to_js,
    sweep_to_js, table_to_js, trajectory_columns_to_js, trajectory_to_js,
};
use crate::error::WebError;
use crate::js_config::pairs;
use crate::page;

/// Runs when the module loads: installs the panic hook (a panic shows in the page's banner),
/// and on a page with the explorer's elements starts the explorer.
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        page::show_fatal(&info.to_string());
    }));
    page::start();
}

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

/// Draws the figure that `config` describes (the explorer's URL keys, as an object of strings
/// or numbers) on `canvas` at `width` × `height` CSS pixels and device pixel ratio `ratio`.
/// Returns `{ notices: [..], surface: frame | null }`: why keys were not used as given, and
/// where a trajectory figure's surface is (to map clicks to w).
#[wasm_bindgen(js_name = drawFigure)]
pub fn draw_figure(
    canvas: HtmlCanvasElement,
    config: JsValue,
    width: u32,
    height: u32,
    ratio: f64,
) -> Result<Object, WebError> {
    let drawn = page::element::draw_figure(canvas, &pairs(&config)?, (width, height), ratio)?;
    let result = Object::new();
    let notices: Array = drawn.notices.iter().map(|n| JsValue::from_str(n)).collect();
    set(&result, "notices", notices);
    let surface = drawn
        .surface
        .map_or(JsValue::NULL, |f| frame_to_js(&f, drawn.ratio).into());
    set(&result, "surface", surface);
    Ok(result)
}

/// The optimizer table: `{ conventions, hyperparameters, optimizers }`, each optimizer with
/// its name, label, note, hyperparameters and defaults, and its forms (convention, formula,
/// reference, state columns). What the page's controls, URLs and this API are made from.
#[wasm_bindgen(js_name = optimizerTable)]
pub fn optimizer_table() -> Object {
    table_to_js()
}

/// The explorer's current trajectory (the first run), in the shape `trajectory()` returns
/// (`null` on a page without the explorer).
#[wasm_bindgen(js_name = appTrajectory)]
pub fn app_trajectory() -> JsValue {
    page::trajectory::read(|app| app.runs.first().map(|r| trajectory_to_js(r).into()))
        .flatten()
        .unwrap_or(JsValue::NULL)
}

/// Every run the explorer shows (one, or one per compared entry), each in the shape
/// `trajectory()` returns plus `optimizer` and `convention`.
#[wasm_bindgen(js_name = appTrajectories)]
pub fn app_trajectories() -> Array {
    page::trajectory::read(|app| app.runs.iter().map(run_to_js).collect()).unwrap_or_default()
}

/// The explorer's noiseless runs beside its noisy ones (the "show the noiseless path" ghost),
/// each in the shape `trajectory()` returns plus `optimizer` and `convention`; empty when the
/// ghost is off or the steps are exact.
#[wasm_bindgen(js_name = appGhostTrajectories)]
pub fn app_ghost_trajectories() -> Array {
    page::trajectory::read(|app| app.ghosts.iter().map(run_to_js).collect()).unwrap_or_default()
}

/// Where the data panel's plot is, in CSS pixels from the top left of `#data-figure`, with
/// its x and y ranges: `{ x, y, width, height, xRange, yRange }` (`null` without a data set).
#[wasm_bindgen(js_name = dataFrame)]
pub fn data_frame() -> JsValue {
    page::trajectory::read(|app| {
        app.data_frame()
            .map(|f| frame_to_js(&f, app.ratio()).into())
    })
    .flatten()
    .unwrap_or(JsValue::NULL)
}

/// The playback position (`null` when the whole path is shown).
#[wasm_bindgen(js_name = playbackPosition)]
pub fn playback_position() -> JsValue {
    page::trajectory::read(|app| app.state.position.map(|t| JsValue::from_f64(t as f64)))
        .flatten()
        .unwrap_or(JsValue::NULL)
}

/// Where the surface's data area is, in CSS pixels from the top left of `#surface`, and the
/// view it shows: `{ x, y, width, height, xRange, yRange }` (`null` before the first drawing).
#[wasm_bindgen(js_name = surfaceFrame)]
pub fn surface_frame() -> JsValue {
    page::trajectory::read(|app| app.frame.map(|f| frame_to_js(&f, app.ratio()).into()))
        .flatten()
        .unwrap_or(JsValue::NULL)
}

/// Where the first-steps figure's data area is, in CSS pixels from the top left of
/// `#first-steps`: `{ x, y, width, height, xRange, yRange }` (`null` without the figure).
#[wasm_bindgen(js_name = stepsFrame)]
pub fn steps_frame() -> JsValue {
    page::steps::read(|f| f.frame.map(|frame| frame_to_js(&frame, f.ratio()).into()))
        .flatten()
        .unwrap_or(JsValue::NULL)
}

/// Where each amplification map is, in CSS pixels from the top left of `#amplification`,
/// with its β: `[{ beta, x, y, width, height, xRange, yRange }, …]`.
#[wasm_bindgen(js_name = amplificationFrames)]
pub fn amplification_frames() -> Array {
    page::amplification::read(|f| {
        f.frames
            .iter()
            .zip(&f.config.betas)
            .map(|(frame, &beta)| {
                let object = frame_to_js(frame, f.ratio());
                set(&object, "beta", beta);
                JsValue::from(object)
            })
            .collect()
    })
    .unwrap_or_default()
}

/// The maps' state: `{ on, computing, done, total, jobs, computedIn, stale, kind, grid,
/// cursor, frame }` (`computedIn`: `"worker"`, `"page"` where the worker could not run, or
/// `"none"`)
/// (`frame` as `surfaceFrame()`'s, relative to `#sweep`, or `null` before a map is drawn;
/// `jobs` counts the maps sent to the worker); `null` on a page without the maps.
#[wasm_bindgen(js_name = sweepState)]
pub fn sweep_state() -> JsValue {
    page::sweep::read(|m| {
        let state = Object::new();
        set(&state, "on", m.on);
        set(&state, "computing", m.pending.is_some());
        set(&state, "done", m.progress.0 as f64);
        set(&state, "total", m.progress.1 as f64);
        set(&state, "jobs", m.jobs);
        set(&state, "computedIn", m.computed_in());
        set(&state, "stale", m.shown.is_some() && m.is_stale());
        set(&state, "kind", m.map.kind.name());
        let grid: Array = m
            .map
            .grid
            .iter()
            .map(|&n| JsValue::from(n as f64))
            .collect();
        set(&state, "grid", grid);
        set(
            &state,
            "cursor",
            m.cursor.map_or(JsValue::NULL, |c| JsValue::from(c as f64)),
        );
        let frame = m
            .frame
            .filter(|_| m.shown.is_some())
            .map_or(JsValue::NULL, |f| frame_to_js(&f, m.ratio()).into());
        set(&state, "frame", frame);
        JsValue::from(state)
    })
    .unwrap_or(JsValue::NULL)
}

/// The map drawn, in the shape `sweep()` returns (`null` before the first map).
#[wasm_bindgen(js_name = sweepResult)]
pub fn sweep_result() -> JsValue {
    page::sweep::read(|m| {
        m.shown
            .as_ref()
            .map(|(config, result)| sweep_columns_to_js(config, &result.columns()).into())
    })
    .flatten()
    .unwrap_or(JsValue::NULL)
}
