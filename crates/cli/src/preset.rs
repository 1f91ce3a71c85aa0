//! `--preset NAME`, as the page's `preset=`: a preset from the core's list sets the function
//! and the start (and a figure's view); flags given explicitly override it.

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

/// Puts the function and start of preset `name` in front of `pairs`, each unless `pairs`
/// gives it; returns the preset.
pub fn apply(
    pairs: &mut Vec<(String, String)>,
    name: Option<&str>,
) -> Result<Option<&'static Preset>, String> {
    let preset = named(name)?;
    if let Some(p) = preset {
        let given = |key: &str| pairs.iter().any(|(k, _)| k == key);
        let mut filled = Vec::new();
        if !given("function") {
            filled.push(("function".to_owned(), p.function.to_owned()));
        }
        if !given("start") {
            filled.push((
                "start".to_owned(),
                format!("{:?},{:?}", p.start[0], p.start[1]),
            ));
        }
        pairs.splice(0..0, filled);
    }
    Ok(preset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_preset_fills_what_is_missing_and_names_the_choices() {
        let mut pairs = vec![("start".to_owned(), "1,1".to_owned())];
        let p = apply(&mut pairs, Some("rosenbrock")).expect("known");
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
        let error = apply(&mut pairs, Some("bowl")).expect_err("unknown");
        assert_eq!(
            error,
            format!(
                "`preset` must be one of {}, not `bowl`",
                presets::ids_text()
            )
        );
        let mut none = Vec::new();
        assert_eq!(apply(&mut none, None), Ok(None));
        assert!(none.is_empty());
    }
}
