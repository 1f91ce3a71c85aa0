//! The JS API: `trajectory(config)` and `step(config, w, state)`, with the vocabulary and the
//! messages of the CLI. Results cross the boundary as one `Float64Array` per column.

use descent_core::{trajectory_from, Config, OptimizerKind, State, Trajectory};
use js_sys::{Array, Float64Array, Object, Reflect};
use wasm_bindgen::prelude::*;

/// A plot frame in CSS pixels: `{ x, y, width, height, xRange: [min, max], yRange: [min, max] }`.
pub(crate) fn frame_to_js(frame: &descent_plot::Frame, ratio: f64) -> JsValue {
    let object = Object::new();
    let css = |px: f64| JsValue::from_f64(px / ratio);
    set(&object, "x", css(frame.x as f64));
    set(&object, "y", css(frame.y as f64));
    set(&object, "width", css(frame.width as f64));
    set(&object, "height", css(frame.height as f64));
    let range = |r: [f64; 2]| -> Array { r.iter().map(|&v| JsValue::from_f64(v)).collect() };
    set(&object, "xRange", range(frame.x_range));
    set(&object, "yRange", range(frame.y_range));
    object.into()
}

/// Sets `object[key] = value`.
pub(crate) fn set(object: &Object, key: &str, value: impl Into<JsValue>) {
    // Setting a property on a plain object we created cannot fail.
    let _ = Reflect::set(object, &JsValue::from_str(key), &value.into());
}

/// A JS value as the vocabulary's text: strings as they are, numbers in shortest round-trip
/// form, arrays (`start: [-15, 20]`) joined with commas.
fn text_of(value: &JsValue) -> String {
    if let Some(s) = value.as_string() {
        s
    } else if let Some(x) = value.as_f64() {
        x.to_string()
    } else if Array::is_array(value) || value.is_instance_of::<Float64Array>() {
        Array::from(value)
            .iter()
            .map(|v| text_of(&v))
            .collect::<Vec<_>>()
            .join(",")
    } else {
        String::from(js_sys::JsString::from(value.clone()))
    }
}

/// The `key = value` pairs of a JS config object; `undefined`/`null` values count as missing.
pub(crate) fn pairs(config: &JsValue) -> Result<Vec<(String, String)>, JsError> {
    if config.is_undefined() || config.is_null() {
        return Ok(Vec::new());
    }
    if !config.is_object() || Array::is_array(config) {
        return Err(JsError::new(
            "the config must be an object such as { optimizer: \"rmsprop\", lr: 0.05 }",
        ));
    }
    Ok(Object::entries(config.unchecked_ref())
        .iter()
        .filter_map(|entry| {
            let entry = Array::from(&entry);
            let value = entry.get(1);
            let key = entry.get(0).as_string()?;
            (!value.is_undefined() && !value.is_null()).then(|| (key, text_of(&value)))
        })
        .collect())
}

/// Validates a JS config with the core's one validation.
pub(crate) fn config_from_js(config: &JsValue) -> Result<Config, JsError> {
    let pairs = pairs(config)?;
    Config::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .map_err(|e| JsError::new(&e.to_string()))
}

/// `{ t, w1, w2, error, g1, g2, …state columns, columns, stopped }`.
pub(crate) fn trajectory_to_js(trajectory: &Trajectory) -> Object {
    let object = Object::new();
    let columns = trajectory.columns();
    for (name, column) in columns.iter().zip(trajectory.column_values()) {
        set(&object, name, Float64Array::from(&column[..]));
    }
    let names: Array = columns.iter().map(|c| JsValue::from_str(c)).collect();
    set(&object, "columns", names);
    set(
        &object,
        "stopped",
        trajectory
            .stop
            .map_or(JsValue::NULL, |s| JsValue::from_str(&s.to_string())),
    );
    object
}

/// Runs `config` (vocabulary keys; missing keys take the defaults) and returns every
/// iteration: `{ t, w1, w2, error, g1, g2, …state columns, columns, stopped }`, one
/// `Float64Array` per column; `stopped` is `null` or why the run ended early.
#[wasm_bindgen]
pub fn trajectory(config: JsValue) -> Result<Object, JsError> {
    Ok(trajectory_to_js(&config_from_js(&config)?.run()))
}

/// Two finite numbers `[w1, w2]`.
fn position(w: &JsValue) -> Result<[f64; 2], JsError> {
    let bad = || JsError::new("`w` must be two finite numbers [w1, w2]");
    if !(Array::is_array(w) || w.is_instance_of::<Float64Array>()) {
        return Err(bad());
    }
    let values: Vec<f64> = Array::from(w).iter().filter_map(|v| v.as_f64()).collect();
    match values[..] {
        [a, b] if a.is_finite() && b.is_finite() => Ok([a, b]),
        _ => Err(bad()),
    }
}

/// A state object `{ t, …state columns }` as returned by `step`; `null`/`undefined` is the
/// zero state.
fn state_from_js(kind: OptimizerKind, state: &JsValue) -> Result<State, JsError> {
    if state.is_undefined() || state.is_null() {
        return Ok(State::default());
    }
    let columns = kind.state_columns();
    let bad = || {
        JsError::new(&format!(
            "`state` must be null or the state the previous step of {kind} returned: {{ t, {} }}",
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
    kind.state_from_values(t as u64, &values).ok_or_else(bad)
}

/// One step of the optimizer in `config` from position `w = [w1, w2]` with the `state` the
/// previous call returned (`null`/`undefined` at the start). Returns the next row:
/// `{ w: [w1, w2], state: { t, …state columns }, error: E(w), g: ∇E(w) }` at the new position.
/// Throws if the step leaves the region where E is finite.
#[wasm_bindgen]
pub fn step(config: JsValue, w: JsValue, state: JsValue) -> Result<Object, JsError> {
    let config = config_from_js(&config)?;
    let kind = config.optimizer.kind();
    let state = state_from_js(kind, &state)?;
    let run = trajectory_from(&config.function, &config.optimizer, position(&w)?, state, 1);
    let row = match (run.stop, run.rows.get(1)) {
        (None, Some(&row)) => row,
        (stop, _) => {
            let reason =
                stop.map_or_else(|| "the step was not taken".to_owned(), |s| s.to_string());
            return Err(JsError::new(&reason));
        }
    };
    let result = Object::new();
    let pair = |p: [f64; 2]| -> Array { p.iter().map(|&x| JsValue::from_f64(x)).collect() };
    set(&result, "w", pair(row.w));
    set(&result, "error", row.error);
    set(&result, "g", pair(row.g));
    let state = Object::new();
    set(&state, "t", row.state.t as f64);
    for (name, value) in kind
        .state_columns()
        .iter()
        .zip(kind.state_values(&row.state))
    {
        set(&state, name, value);
    }
    set(&result, "state", state);
    Ok(result)
}
