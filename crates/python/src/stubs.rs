//! The package's type stubs (`descent_explorer/__init__.pyi`), generated from core's
//! vocabulary and optimizer table so that a type checker knows every key, optimizer, preset
//! and figure the package takes, and cannot drift from them: `scripts/python-wheel.sh` writes
//! the file with `cargo run -p descent-python --example stubs` before it builds the wheel.
//! The runtime (`_api.py`, `_widget.py`) reads the same keys from the native module.

use std::fmt::Write as _;

use descent_core::figure_keys::FIGURE_KEYS;
use descent_core::optimizer::HYPERPARAMETERS;
use descent_core::sweep;
use descent_core::vocabulary::{self, Key, Value};

/// The package's hand-written API around the generated key types (classes, functions).
const API: &str = include_str!("stubs_api.pyi");

/// A Python string literal.
fn literal(text: &str) -> String {
    format!("{text:?}")
}

/// `Literal["a", "b"]` of `names`.
fn literal_type(names: &[&str]) -> String {
    let names: Vec<String> = names.iter().map(|n| literal(n)).collect();
    format!("Literal[{}]", names.join(", "))
}

/// The type of a key that takes `value`, where `loose` also allows the widget's text and
/// per-run lists.
fn value_type(value: Value) -> String {
    match value {
        Value::Text => "str".to_owned(),
        Value::Choice(names) => literal_type(&names()),
        Value::Number => "float | str".to_owned(),
        Value::Count => "int | str".to_owned(),
        Value::Point => "str | Sequence[float]".to_owned(),
        Value::Switch => "bool | int | str".to_owned(),
    }
}

/// The type of a sweep key (`kind`, `view`, `grid`, `x`, `y`).
fn sweep_key_type(key: &str) -> String {
    match key {
        "kind" => literal_type(&sweep::KINDS),
        "view" => "str | Sequence[float]".to_owned(),
        "grid" => "int | str | Sequence[int]".to_owned(),
        _ => "str".to_owned(),
    }
}

/// One documented field of a TypedDict or class.
fn field(out: &mut String, key: &str, ty: &str, help: &str) {
    let _ = writeln!(out, "    {key}: {ty}");
    let help = help.replace('\\', "\\\\").replace("\"\"\"", "'''");
    let _ = writeln!(out, "    \"\"\"{help}\"\"\"");
}

/// The run keys with their types and help, in documentation order; hyperparameters as
/// `hyperparameter`.
fn run_keys(hyperparameter: &str) -> Vec<(&'static str, String, &'static str)> {
    vocabulary::keys()
        .into_iter()
        .map(|key| match vocabulary::key(key) {
            Some(Key { help, value, .. }) => (key, value_type(*value), *help),
            None => {
                let help = HYPERPARAMETERS
                    .iter()
                    .find(|h| h.key == key)
                    .map_or("", |h| h.help);
                (key, hyperparameter.to_owned(), help)
            }
        })
        .collect()
}

/// The stub file.
pub fn stubs() -> String {
    let mut out = String::new();
    out.push_str(
        "# Generated from Descent's vocabulary and optimizer table by\n\
         # `cargo run -p descent-python --example stubs`: do not edit.\n",
    );
    out.push_str(API);
    let optimizers: Vec<&str> = descent_core::OptimizerKind::all()
        .map(|k| k.name())
        .collect();
    let _ = writeln!(out, "\nOptimizerName = {}", literal_type(&optimizers));
    let preset_key = FIGURE_KEYS.iter().find(|k| k.key == "preset");
    if let Some(Key { value, .. }) = preset_key {
        let _ = writeln!(out, "PresetName = {}", value_type(*value));
    }

    out.push_str("\nclass RunKeys(TypedDict, total=False):\n");
    out.push_str(
        "    \"\"\"The keys of `trajectory()`: the vocabulary of the CLI, URLs and JS API.\"\"\"\n",
    );
    for (key, ty, help) in run_keys("float | str") {
        field(&mut out, key, &ty, help);
    }
    field(&mut out, "preset", "PresetName", "an example surface: sets the function and start (and a training example its other keys); the keys given override it");

    out.push_str("\nclass SweepKeys(RunKeys, total=False):\n");
    out.push_str("    \"\"\"The keys of `sweep()`: the run keys and the sweep's own.\"\"\"\n");
    for key in sweep::KEYS {
        field(
            &mut out,
            key,
            &sweep_key_type(key),
            "see docs/js-api.md, sweep()",
        );
    }

    out.push_str("\nclass FigureKeys(TypedDict, total=False):\n");
    out.push_str("    \"\"\"The keys of `Figure()`: the explorer's URL keys.\"\"\"\n");
    let loose = "float | str | Sequence[float]";
    for key in FIGURE_KEYS {
        field(&mut out, key.key, &value_type(key.value), key.help);
    }
    for (key, ty, help) in run_keys(loose) {
        field(&mut out, key, &ty, help);
    }

    out.push_str("\nclass Figure(anywidget.AnyWidget):\n");
    out.push_str(
        "    \"\"\"A Descent figure in a notebook; its keys are traits that sync both ways.\"\"\"\n",
    );
    out.push_str("    def __init__(self, **keys: Unpack[FigureKeys]) -> None: ...\n");
    out.push_str("    notices: list[str]\n    \"\"\"Why keys were not used as given (from the front end).\"\"\"\n");
    out.push_str("    def png(self, width: int = 720, height: int = 860, pixel_ratio: float = 1.0) -> bytes: ...\n");
    for key in FIGURE_KEYS {
        let ty = format!("{} | None", value_type(key.value));
        field(&mut out, key.key, &ty, key.help);
    }
    for (key, ty, help) in run_keys(loose) {
        field(&mut out, key, &format!("{ty} | None"), help);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_optimizer_and_figure_is_typed() {
        let stubs = stubs();
        for key in vocabulary::keys()
            .iter()
            .chain(FIGURE_KEYS.iter().map(|k| &k.key))
        {
            assert!(stubs.contains(&format!("\n    {key}: ")), "{key}");
        }
        for kind in descent_core::OptimizerKind::all() {
            assert!(stubs.contains(&literal(kind.name())), "{}", kind.name());
        }
        assert!(stubs.contains(
            "figure: Literal[\"trajectory\", \"steps\", \"amplification\", \"sweep\"] | None"
        ));
        assert!(stubs.contains("def trajectory(**keys: Unpack[RunKeys]) -> Trajectory: ..."));
    }
}
