//! `descent_explorer._native`: the PyO3 module. Python values become the vocabulary's text
//! (strings as they are, numbers in shortest round-trip form, `True` and `False` as 1 and 0,
//! sequences joined with commas, `None` missing), the core validates and runs, and the columns come back as one buffer of
//! native-endian f64 (numpy views it without a copy). Every error is a `ValueError` with the
//! message the CLI, the URL and the JS API give.

use descent_cli::data::load_file;
use descent_cli::preset;
use descent_core::figure_keys::FIGURE_KEYS;
use descent_core::sweep::SweepConfig;
use descent_core::trajectory::StopReason;
use descent_core::vocabulary::{self, Key, Value};
use descent_core::Config;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyByteArray, PyBytes, PyDict, PyInt, PyString};

use crate::figure::{self, Pairs};

/// A message as the `ValueError` Python raises.
fn value_error(message: impl Into<String>) -> PyErr {
    PyValueError::new_err(message.into())
}

/// A Python value as the vocabulary's text; `None` for `None`.
fn text(key: &str, value: &Bound<'_, PyAny>) -> PyResult<Option<String>> {
    if value.is_none() {
        return Ok(None);
    }
    if value.is_instance_of::<PyString>() {
        return Ok(Some(value.extract()?));
    }
    if let Ok(switch) = value.cast::<PyBool>() {
        return Ok(Some(if switch.is_true() { "1" } else { "0" }.to_owned()));
    }
    if value.is_instance_of::<PyInt>() {
        return Ok(Some(value.str()?.extract()?));
    }
    if let Ok(x) = value.extract::<f64>() {
        return Ok(Some(descent_core::text::number(x)));
    }
    if let Ok(items) = value.try_iter() {
        let mut parts = Vec::new();
        for item in items {
            parts.push(text(key, &item?)?.unwrap_or_default());
        }
        return Ok(Some(parts.join(",")));
    }
    Err(value_error(format!(
        "`{key}` must be text, a number or a sequence of numbers, not {}",
        value.get_type().name()?
    )))
}

/// The `key = value` pairs of keyword arguments, `None` values left out.
fn pairs(keys: Option<&Bound<'_, PyDict>>) -> PyResult<Pairs> {
    let mut pairs = Vec::new();
    for (key, value) in keys.into_iter().flat_map(|d| d.iter()) {
        let key: String = key.extract()?;
        if let Some(value) = text(&key, &value)? {
            pairs.push((key, value));
        }
    }
    Ok(pairs)
}

/// Takes `preset` out of `pairs` (the CLI's `--preset`, an option rather than a key).
fn take_preset(pairs: &mut Pairs) -> Option<String> {
    let at = pairs.iter().rposition(|(k, _)| k == "preset")?;
    let (_, name) = pairs.remove(at);
    pairs.retain(|(k, _)| k != "preset");
    Some(name)
}

/// Columns as one bytearray of native-endian f64, column after column.
fn column_bytes<'py>(py: Python<'py>, columns: &[Vec<f64>]) -> PyResult<Bound<'py, PyByteArray>> {
    let total: usize = columns.iter().map(Vec::len).sum();
    PyByteArray::new_with(py, total * 8, |bytes| {
        let values = columns.iter().flatten();
        for (chunk, x) in bytes.chunks_exact_mut(8).zip(values) {
            chunk.copy_from_slice(&x.to_ne_bytes());
        }
        Ok(())
    })
}

/// `trajectory(**keys)`: the column names, the columns' bytes and why the run stopped early.
#[pyfunction]
#[pyo3(signature = (**keys))]
fn trajectory<'py>(
    py: Python<'py>,
    keys: Option<&Bound<'py, PyDict>>,
) -> PyResult<(Vec<&'static str>, Bound<'py, PyByteArray>, Option<String>)> {
    let mut pairs = pairs(keys)?;
    let name = take_preset(&mut pairs);
    preset::apply(&mut pairs, name.as_deref(), preset::Scope::Run).map_err(value_error)?;
    let given = pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()));
    let config =
        Config::from_pairs_with_data(given, &load_file).map_err(|e| value_error(e.to_string()))?;
    let run = py.detach(|| config.run_columns());
    let stop = run.stop.map(|s| s.to_string());
    Ok((run.names, column_bytes(py, &run.values)?, stop))
}

/// `sweep(**keys)`: the column names, the columns' bytes (`stop` as codes), the stop reasons
/// the codes name, the kind and the grid.
#[pyfunction]
#[pyo3(signature = (**keys))]
#[allow(clippy::type_complexity)]
fn sweep<'py>(
    py: Python<'py>,
    keys: Option<&Bound<'py, PyDict>>,
) -> PyResult<(
    Vec<&'static str>,
    Bound<'py, PyByteArray>,
    Vec<&'static str>,
    &'static str,
    [usize; 2],
)> {
    let mut pairs = pairs(keys)?;
    let name = take_preset(&mut pairs);
    let kind = pairs
        .iter()
        .find(|(k, _)| k == "kind")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    preset::apply_to_sweep(&mut pairs, name.as_deref(), &kind).map_err(value_error)?;
    let given = pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()));
    let config = SweepConfig::from_pairs(given).map_err(|e| value_error(e.to_string()))?;
    let result = py.detach(|| config.run());
    let reasons = StopReason::ALL.iter().map(|r| r.name()).collect();
    Ok((
        config.columns().to_vec(),
        column_bytes(py, &result.column_values())?,
        reasons,
        config.kind.name(),
        config.grid,
    ))
}

/// `figure_png(width, height, pixel_ratio, **keys)`: the figure's PNG, drawn natively, and
/// why its runs stopped early.
#[pyfunction]
#[pyo3(signature = (width, height, pixel_ratio, **keys))]
fn figure_png<'py>(
    py: Python<'py>,
    width: u32,
    height: u32,
    pixel_ratio: f64,
    keys: Option<&Bound<'py, PyDict>>,
) -> PyResult<(Bound<'py, PyBytes>, Vec<String>)> {
    let pairs = pairs(keys)?;
    let (bytes, stops) = py
        .detach(|| figure::png(&pairs, (width, height), pixel_ratio))
        .map_err(value_error)?;
    Ok((PyBytes::new(py, &bytes), stops))
}

/// `figure_check(**keys)`: raises the `ValueError` of the first wrong figure key; returns the
/// trajectory figure's steps (0 for the other figures).
#[pyfunction]
#[pyo3(signature = (**keys))]
fn figure_check(keys: Option<&Bound<'_, PyDict>>) -> PyResult<usize> {
    figure::check(&pairs(keys)?).map_err(value_error)
}

/// What a key takes, as the stubs and the widget name it.
fn value_kind(value: Value) -> (&'static str, Vec<&'static str>) {
    match value {
        Value::Text => ("text", Vec::new()),
        Value::Choice(names) => ("choice", names()),
        Value::Number => ("number", Vec::new()),
        Value::Count => ("count", Vec::new()),
        Value::Point => ("point", Vec::new()),
        Value::Switch => ("switch", Vec::new()),
    }
}

/// `keys()`: every key a run or a figure takes, in documentation order, as `(key, kind,
/// choices, help)`; `kind` is text, choice, number, count, point, switch or hyperparameter.
#[pyfunction]
fn keys() -> Vec<(&'static str, &'static str, Vec<&'static str>, &'static str)> {
    let run = vocabulary::keys()
        .into_iter()
        .map(|key| match vocabulary::key(key) {
            Some(Key { help, value, .. }) => {
                let (kind, choices) = value_kind(*value);
                (key, kind, choices, *help)
            }
            None => {
                let help = descent_core::Hyperparameter::named(key).map_or("", |h| h.help);
                (key, "hyperparameter", Vec::new(), help)
            }
        });
    let figure = FIGURE_KEYS.iter().map(|k| {
        let (kind, choices) = value_kind(k.value);
        (k.key, kind, choices, k.help)
    });
    run.chain(figure).collect()
}

/// The extension module.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(trajectory, m)?)?;
    m.add_function(wrap_pyfunction!(sweep, m)?)?;
    m.add_function(wrap_pyfunction!(figure_png, m)?)?;
    m.add_function(wrap_pyfunction!(figure_check, m)?)?;
    m.add_function(wrap_pyfunction!(keys, m)?)?;
    m.add("SWEEP_KEYS", descent_core::sweep::KEYS.to_vec())?;
    Ok(())
}
