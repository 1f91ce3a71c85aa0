//! `--preset NAME`, as the page's `preset=`: a preset from the core's list sets the function
//! (or the data set) and the start (and a figure's view), and for a run its other vocabulary
//! keys (optimizer, hyperparameters, noise, batch, steps); flags given explicitly override it.

use descent_core::presets::{self, Preset};
use descent_core::ConfigError;

/// The preset named `name` (`None` when no `--preset` was given).
pub fn named(name: Option<&str>) -> Result<Option<&'static Preset>, String> {
    let Some(name) = name else {
        return Ok(None);
    };
    presets::preset(name.trim()).map(Some).ok_or_else(|| {
        ConfigError::NotAChoice {
            key: "preset".to_owned(),
            value: name.to_owned(),
            choices: presets::ids_text(),
        }
        .to_string()
    })
}

/// Which of a preset's keys a command takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// The surface alone: function (or data set and model) and start (the first steps).
    Surface,
    /// Every vocabulary key of the preset (a trajectory).
    Run,
}

/// The keys that say what surface a preset shows and where it starts.
const SURFACE_KEYS: [&str; 4] = ["function", "data", "model", "start"];

/// Puts the vocabulary pairs of preset `name` that `scope` takes in front of `pairs`, each
/// unless `pairs` gives its key; returns the preset.
pub fn apply(
    pairs: &mut Vec<(String, String)>,
    name: Option<&str>,
    scope: Scope,
) -> Result<Option<&'static Preset>, String> {
    let preset = named(name)?;
    if let Some(p) = preset {
        let given = |key: &str| pairs.iter().any(|(k, _)| k == key);
        let filled: Vec<(String, String)> = p
            .vocabulary_pairs()
            .into_iter()
            .filter(|(key, _)| scope == Scope::Run || SURFACE_KEYS.contains(key))
            .filter(|(key, _)| !given(key))
            .map(|(key, value)| (key.to_owned(), value))
            .collect();
        pairs.splice(0..0, filled);
    }
    Ok(preset)
}

/// [`apply`] for a sweep of `kind`: a sweep of starts takes the preset's view for its starts
/// (unless `--view` is given) instead of its start; a sweep of hyperparameters runs from the
/// preset's start.
pub fn apply_to_sweep(
    pairs: &mut Vec<(String, String)>,
    name: Option<&str>,
    kind: &str,
) -> Result<(), String> {
    let given = |pairs: &[(String, String)], key: &str| pairs.iter().any(|(k, _)| k == key);
    let start_given = given(pairs, "start");
    let Some(preset) = apply(pairs, name, Scope::Run)? else {
        return Ok(());
    };
    if kind == "starts" {
        if !start_given {
            pairs.retain(|(k, _)| k != "start");
        }
        if !given(pairs, "view") {
            pairs.push(("view".to_owned(), preset.view.text()));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_preset_fills_what_is_missing_and_names_the_choices() {
        let mut pairs = vec![("start".to_owned(), "1,1".to_owned())];
        let p = apply(&mut pairs, Some("rosenbrock"), Scope::Run).expect("known");
        assert_eq!(p.map(|p| p.id), Some("rosenbrock"));
        assert_eq!(
            pairs,
            [
                (
                    "function".to_owned(),
                    "(1-w1)^2 + 100*(w2-w1^2)^2".to_owned()
                ),
                ("start".to_owned(), "1,1".to_owned())
            ]
        );
        let error = apply(&mut pairs, Some("bowl"), Scope::Run).expect_err("unknown");
        assert_eq!(
            error,
            format!(
                "`preset` must be one of {}, not `bowl`",
                presets::ids_text()
            )
        );
        let mut none = Vec::new();
        assert_eq!(apply(&mut none, None, Scope::Run), Ok(None));
        assert!(none.is_empty());
    }

    #[test]
    fn a_training_preset_sets_its_run_keys_for_a_run_only() {
        let text = |pairs: &[(String, String)]| {
            pairs
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let mut run = vec![("lr".to_owned(), "0.02".to_owned())];
        apply(&mut run, Some("scaled-batches"), Scope::Run).expect("known");
        assert_eq!(
            text(&run),
            "start=0.0,0.0 data=scaled optimizer=rmsprop batch=8 schedule=cosine steps=2000 \
             lr=0.02"
        );
        let mut surface = Vec::new();
        apply(&mut surface, Some("scaled-batches"), Scope::Surface).expect("known");
        assert_eq!(text(&surface), "start=0.0,0.0 data=scaled");
    }
}
