//! Values across the JS boundary: trajectories as one `Float64Array` per column, frames, step
//! results and the optimizer table as plain objects (config objects: `crate::js_config`).
//! The exports themselves are in [`crate::api`].

use descent_core::optimizer::HYPERPARAMETERS;
use descent_core::optimizer::{state_from_values, state_values, TABLE};
use descent_core::sweep::{SweepConfig, SweepResult};
use descent_core::trajectory::{ColumnStore, Stop, StopReason, TrajectoryColumns};
use descent_core::{Convention, Optimizer, Row, State, Trajectory};
use descent_plot::Frame;
use js_sys::{Array, Float64Array, Object, Reflect};
use wasm_bindgen::prelude::*;

use crate::error::WebError;

/// Sets `object[key] = value`.
pub fn set(object: &Object, key: &str, value: impl Into<JsValue>) {
    // Setting a property on a plain object we created cannot fail.
    let _ = Reflect::set(object, &JsValue::from_str(key), &value.into());
}

/// A JS array of strings.
fn strings<'a>(items: impl IntoIterator<Item = &'a str>) -> Array {
    items.into_iter().map(JsValue::from_str).collect()
}

/// `{ …one Float64Array per column, columns, stopped }` of a run's columns. The columns are
/// consecutive views of one buffer: one allocation for the whole run (a 100 000-step run
/// returns 6 MB, and allocating it column by column took as long as the run).
fn columns_to_js(names: &[&str], values: &[Vec<f64>], stop: Option<Stop>) -> Object {
    let object = Object::new();
    let total: usize = values.iter().map(Vec::len).sum();
    let all = Float64Array::new_with_length(total as u32);
    let mut offset = 0;
    for (name, column) in names.iter().zip(values) {
        let end = offset + column.len() as u32;
        let view = all.subarray(offset, end);
        view.copy_from(column);
        set(&object, name, view);
        offset = end;
    }
    set_columns_and_stop(&object, names, stop);
    object
}

/// `object.columns` (the column names) and `object.stopped` (`null` or why the run stopped).
fn set_columns_and_stop(object: &Object, names: &[&str], stop: Option<Stop>) {
    set(object, "columns", strings(names.iter().copied()));
    set(
        object,
        "stopped",
        stop.map_or(JsValue::NULL, |s| JsValue::from_str(&s.to_string())),
    );
}

/// `{ t, w1, w2, error, g1, g2, …state columns, columns, stopped }`.
pub fn trajectory_to_js(trajectory: &Trajectory) -> Object {
    columns_to_js(
        &trajectory.columns(),
        &trajectory.column_values(),
        trajectory.stop,
    )
}

/// The columns of a run written straight into one `Float64Array`, the buffer the JS API
/// returns ([`trajectory_columns_to_js`]): column c at `c × capacity`, the rows a run can
/// have at most, so that nothing is copied again on the way out unless the run stopped early.
#[derive(Debug)]
pub struct JsColumns {
    /// Every column, each with room for `capacity` rows.
    all: Float64Array,
    /// The rows each column has room for.
    capacity: u32,
    /// The rows in each column.
    lengths: Vec<u32>,
}

impl ColumnStore for JsColumns {
    fn with_room(columns: usize, rows: usize) -> JsColumns {
        // A run has at most `MAX_STEPS` + 1 rows: the buffer fits in a `u32` length.
        let capacity = rows.min(u32::MAX as usize / columns.max(1)) as u32;
        JsColumns {
            all: Float64Array::new_with_length(capacity * columns as u32),
            capacity,
            lengths: vec![0; columns],
        }
    }

    fn append(&mut self, column: usize, values: &[f64]) {
        let start = column as u32 * self.capacity + self.lengths[column];
        self.all
            .subarray(start, start + values.len() as u32)
            .copy_from(values);
        self.lengths[column] += values.len() as u32;
    }
}

/// [`trajectory_to_js`] of a run recorded as columns in the JS API's buffer: the columns are
/// consecutive views of it, moved together (within JS) if the run stopped before its last
/// step.
pub fn trajectory_columns_to_js(run: &TrajectoryColumns<JsColumns>) -> Object {
    let JsColumns {
        all,
        capacity,
        lengths,
    } = &run.values;
    let rows = lengths.first().copied().unwrap_or(0);
    let (buffer, stride) = if rows == *capacity {
        (all.clone(), *capacity)
    } else {
        let compact = Float64Array::new_with_length(rows * lengths.len() as u32);
        for c in 0..lengths.len() as u32 {
            compact.set(&all.subarray(c * capacity, c * capacity + rows), c * rows);
        }
        (compact, rows)
    };
    let object = Object::new();
    for (c, name) in run.names.iter().enumerate() {
        let start = c as u32 * stride;
        set(&object, name, buffer.subarray(start, start + rows));
    }
    set_columns_and_stop(&object, &run.names, run.stop);
    object
}

/// A sweep's result: `{ start1, start2 | x, y, w1, w2, error, t, stop, columns, stopReasons,
/// kind, grid }`, one `Float64Array` per column in cell order; `stop` holds codes (0: ran all
/// its steps, n: `stopReasons[n − 1]`).
pub fn sweep_to_js(config: &SweepConfig, result: &SweepResult) -> Object {
    sweep_columns_to_js(config, &result.column_values())
}

/// [`sweep_to_js`] of the result's columns ([`SweepResult::column_values`]).
pub fn sweep_columns_to_js(config: &SweepConfig, columns: &[Vec<f64>]) -> Object {
    let object = Object::new();
    let names = config.columns();
    for (name, column) in names.iter().zip(columns) {
        set(&object, name, Float64Array::from(&column[..]));
    }
    set(&object, "columns", strings(names.iter().copied()));
    set(
        &object,
        "stopReasons",
        strings(StopReason::ALL.iter().map(|r| r.name())),
    );
    set(&object, "kind", config.kind.name());
    set(&object, "grid", numbers(&config.grid.map(|n| n as f64)));
    object
}

/// [`trajectory_to_js`] plus `optimizer` (its name) and `convention`.
pub fn run_to_js(trajectory: &Trajectory) -> JsValue {
    let object = trajectory_to_js(trajectory);
    set(&object, "optimizer", trajectory.optimizer.name());
    set(
        &object,
        "convention",
        trajectory.optimizer.convention().name(),
    );
    object.into()
}

/// A plot frame in CSS pixels: `{ x, y, width, height, xRange: [min, max], yRange: [min, max] }`.
pub fn frame_to_js(frame: &Frame, ratio: f64) -> Object {
    let object = Object::new();
    let css = |px: f64| JsValue::from_f64(px / ratio);
    set(&object, "x", css(frame.x as f64));
    set(&object, "y", css(frame.y as f64));
    set(&object, "width", css(frame.width as f64));
    set(&object, "height", css(frame.height as f64));
    set(&object, "xRange", numbers(&frame.x_range));
    set(&object, "yRange", numbers(&frame.y_range));
    object
}

/// A JS array of numbers.
fn numbers(values: &[f64]) -> Array {
    values.iter().map(|&v| JsValue::from_f64(v)).collect()
}

/// Two finite numbers `[w1, w2]`.
pub fn position(w: &JsValue) -> Result<[f64; 2], WebError> {
    let bad = || WebError::Argument("`w` must be two finite numbers [w1, w2]".to_owned());
    if !(Array::is_array(w) || w.is_instance_of::<Float64Array>()) {
        return Err(bad());
    }
    let values: Vec<f64> = Array::from(w).iter().filter_map(|v| v.as_f64()).collect();
    match values[..] {
        [a, b] if a.is_finite() && b.is_finite() => Ok([a, b]),
        _ => Err(bad()),
    }
}

/// A state object `{ t, …state columns }` as `step` returns it; `null`/`undefined` is the
/// optimizer's initial state.
pub fn state_from_js(optimizer: &Optimizer, state: &JsValue) -> Result<State, WebError> {
    if state.is_undefined() || state.is_null() {
        return Ok(optimizer.initial_state());
    }
    let columns = optimizer.state_columns();
    let bad = || {
        WebError::Argument(format!(
            "`state` must be null or the state the previous step of {} returned: {{ t, {} }}",
            optimizer.name(),
            columns.join(", ")
        ))
    };
    let get = |key: &str| {
        Reflect::get(state, &JsValue::from_str(key))
            .ok()
            .and_then(|v| v.as_f64())
    };
    let t = get("t")
        .filter(|t| t.fract() == 0.0 && (0.0..=1e15).contains(t))
        .ok_or_else(bad)?;
    let values = columns
        .iter()
        .map(|c| get(c).filter(|x| x.is_finite()))
        .collect::<Option<Vec<f64>>>()
        .ok_or_else(bad)?;
    state_from_values(optimizer.form(), t as u64, &values).ok_or_else(bad)
}

/// `{ w: [w1, w2], state: { t, …state columns }, error, g }` of one row.
pub fn step_to_js(optimizer: &Optimizer, row: &Row) -> Object {
    let result = Object::new();
    set(&result, "w", numbers(&row.w));
    set(&result, "error", row.error);
    set(&result, "g", numbers(&row.g));
    let state = Object::new();
    set(&state, "t", row.state.t as f64);
    let columns = optimizer.state_columns();
    for (name, value) in columns
        .iter()
        .zip(state_values(optimizer.form(), &row.state))
    {
        set(&state, name, value);
    }
    set(&result, "state", state);
    result
}

/// The optimizer table: `{ conventions: [{ name, label }], hyperparameters: [{ key, symbol,
/// label, help, range }], optimizers: [{ name, label, note, hyperparameters: [{ key, default
/// }], forms: [{ convention, formula, reference, state }] }] }`.
pub fn table_to_js() -> Object {
    let table = Object::new();
    let conventions: Array = Convention::ALL
        .iter()
        .map(|c| {
            let o = Object::new();
            set(&o, "name", c.name());
            set(&o, "label", c.label());
            JsValue::from(o)
        })
        .collect();
    set(&table, "conventions", conventions);
    let hyperparameters: Array = HYPERPARAMETERS
        .iter()
        .map(|h| {
            let o = Object::new();
            set(&o, "key", h.key);
            set(&o, "symbol", h.symbol);
            set(&o, "label", h.label);
            set(&o, "help", h.help);
            set(&o, "range", h.range_text());
            JsValue::from(o)
        })
        .collect();
    set(&table, "hyperparameters", hyperparameters);
    let optimizers: Array = TABLE
        .iter()
        .map(|spec| {
            let o = Object::new();
            set(&o, "name", spec.name);
            set(&o, "label", spec.label);
            set(&o, "note", spec.note);
            let keys: Array = spec
                .hyperparameters
                .iter()
                .map(|&(key, default)| {
                    let h = Object::new();
                    set(&h, "key", key);
                    set(&h, "default", default);
                    JsValue::from(h)
                })
                .collect();
            set(&o, "hyperparameters", keys);
            let forms: Array = spec
                .forms
                .iter()
                .map(|form| {
                    let f = Object::new();
                    set(&f, "convention", form.convention.name());
                    set(&f, "formula", form.formula);
                    set(&f, "reference", form.reference);
                    set(&f, "state", strings(form.state.iter().copied()));
                    JsValue::from(f)
                })
                .collect();
            set(&o, "forms", forms);
            JsValue::from(o)
        })
        .collect();
    set(&table, "optimizers", optimizers);
    table
}
