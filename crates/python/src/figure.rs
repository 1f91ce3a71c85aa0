//! The widget's picture: a figure's keys (the explorer's URL keys, as `<descent-figure>` and
//! the widget take them) turned into the CLI's figure content and drawn natively as a PNG by
//! the same descent-plot code as `descent figure`. Keys that only the interactive figure
//! reads (compare mode, toggled series, the playback position, the log scale) do not change
//! the picture, which shows the selected optimizer's whole run.

use descent_cli::figure::{self, Content, ImageFormat};
use descent_core::amplification;
use descent_core::config::{parse_convention, parse_optimizer};
use descent_core::figure_keys::{FIGURES, FIGURE_KEYS};
use descent_core::first_steps::DEFAULT_PAIR;
use descent_core::presets::PRESETS;
use descent_core::sweep::{self, ELEMENT_GRID};
use descent_core::text::number;
use descent_core::vocabulary;
use descent_core::ConfigError;
use descent_core::Hyperparameter;

/// Key = value pairs, in order.
pub type Pairs = Vec<(String, String)>;

/// The value of `key` in `pairs`, if given.
fn get<'a>(pairs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    pairs
        .iter()
        .rev()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

/// Every key of a figure: the figure keys (`figure` first), then the run's.
pub fn keys() -> Vec<&'static str> {
    let figure = FIGURE_KEYS.iter().map(|k| k.key);
    figure.chain(vocabulary::keys()).collect()
}

/// Validates the figure keys `pairs` as the picture reads them: every key known, and the
/// figure's run, map or maps valid. Returns the trajectory figure's steps (the playback's
/// end; 0 for the other figures); the error is the message of the key that is wrong.
pub fn check(pairs: &[(String, String)]) -> Result<usize, String> {
    let known = keys();
    if let Some((key, _)) = pairs.iter().find(|(k, _)| !known.contains(&k.as_str())) {
        return Err(ConfigError::unknown_key(key, &known).to_string());
    }
    let (kind, pairs, options) = request(pairs)?;
    Ok(match figure::content(kind, pairs, &options)?.0 {
        Content::Trajectory { config, .. } => config.steps,
        _ => 0,
    })
}

/// Draws the figure `pairs` describe as a PNG of `size` pixels at `pixel_ratio`; also returns
/// why its runs stopped early. The error is the message of the key that is wrong.
pub fn png(
    pairs: &[(String, String)],
    size: (u32, u32),
    pixel_ratio: f64,
) -> Result<(Vec<u8>, Vec<String>), String> {
    let (kind, pairs, options) = request(pairs)?;
    let (content, _) = figure::content(kind, pairs, &options)?;
    let (bytes, stops) = figure::render(&content, ImageFormat::Png, size, pixel_ratio)?;
    Ok((bytes, stops.iter().map(ToString::to_string).collect()))
}

/// The CLI's figure request for the figure keys `pairs`: the kind, the vocabulary pairs and
/// the options (`preset`, `view`, `show`), with the element's defaults for a map.
pub fn request(pairs: &[(String, String)]) -> Result<(&'static str, Pairs, Pairs), String> {
    let kind = match get(pairs, "figure") {
        None => FIGURES[0],
        Some(name) => FIGURES
            .into_iter()
            .find(|f| *f == name.trim())
            .ok_or_else(|| {
                format!(
                    "`figure` must be one of {}, not `{name}`",
                    FIGURES.join(", ")
                )
            })?,
    };
    let pick = |keys: &[&str]| -> Pairs {
        pairs
            .iter()
            .filter(|(k, _)| keys.contains(&k.as_str()))
            .cloned()
            .collect()
    };
    let run_keys = vocabulary::keys();
    Ok(match kind {
        "steps" => (kind, steps_pairs(pairs)?, pick(&["preset", "view"])),
        "amplification" => (kind, pick(&amplification::KEYS), Vec::new()),
        "sweep" => {
            let mut keys = run_keys;
            keys.extend(sweep::KEYS);
            let mut run = pick(&keys);
            if get(&run, "kind").is_none() {
                run.insert(0, ("kind".to_owned(), sweep::KINDS[0].to_owned()));
            }
            if get(&run, "grid").is_none() {
                run.push(("grid".to_owned(), ELEMENT_GRID.to_string()));
            }
            let starts = get(&run, "kind") == Some(sweep::KINDS[0]);
            if starts && get(&run, "view").is_none() && get(pairs, "preset").is_none() {
                run.push(("view".to_owned(), PRESETS[0].view.text()));
            }
            if !starts {
                axes(&mut run)?;
            }
            (kind, run, pick(&["preset", "show"]))
        }
        _ => (kind, pick(&run_keys), pick(&["preset", "view"])),
    })
}

/// Fills in a map of hyperparameters' `x` and `y` as the page does: the optimizer's first two
/// hyperparameters over their sliders' ranges, where not given.
fn axes(run: &mut Pairs) -> Result<(), String> {
    if get(run, "x").is_some() && get(run, "y").is_some() {
        return Ok(());
    }
    let optimizer = descent_core::Config::from_pairs(
        run.iter()
            .filter(|(k, _)| vocabulary::is_key(k))
            .map(|(k, v)| (k.as_str(), v.as_str())),
    )
    .map_err(|e| e.to_string())?
    .optimizer;
    let parsed = |key: &str| {
        get(run, key)
            .map(|text| sweep::parse_axis(key, text, &optimizer))
            .transpose()
            .map_err(|e| e.to_string())
    };
    let (x, y) = (parsed("x")?, parsed("y")?);
    let (x, y) = sweep::resolve_axes(&optimizer, x, y).map_err(|e| e.to_string())?;
    run.retain(|(k, _)| k != "x" && k != "y");
    for (key, axis) in [("x", x), ("y", y)] {
        let scale = if axis.span.log { ":log" } else { "" };
        let (min, max) = (number(axis.span.min), number(axis.span.max));
        let text = format!("{}={min}:{max}{scale}", axis.hyperparameter.key);
        run.push((key.to_owned(), text));
    }
    Ok(())
}

/// The first-steps figure's keys as `descent figure steps` takes them: the URL's lists, one
/// value per run (`optimizer=momentum,adam`, `lr=0.01,`), become each run's own keys after its
/// `optimizer`; a run takes the hyperparameters its optimizer has.
fn steps_pairs(pairs: &[(String, String)]) -> Result<Pairs, String> {
    let mut out: Pairs = ["function", "data", "model", "start", "steps"]
        .iter()
        .filter_map(|k| get(pairs, k).map(|v| ((*k).to_owned(), v.to_owned())))
        .collect();
    let side = |key: &str, i: usize| {
        get(pairs, key)
            .and_then(|v| v.split(',').nth(i))
            .map(str::trim)
            .filter(|v| !v.is_empty())
    };
    for (i, default) in DEFAULT_PAIR.iter().enumerate() {
        let kind = side("optimizer", i)
            .map_or(Ok(*default), parse_optimizer)
            .map_err(|e| e.to_string())?;
        out.push(("optimizer".to_owned(), kind.name().to_owned()));
        let convention = match side("convention", i) {
            Some(text) => {
                out.push(("convention".to_owned(), text.to_owned()));
                parse_convention(text).map_err(|e| e.to_string())?
            }
            None => descent_core::config::defaults::CONVENTION,
        };
        for (h, _) in kind.hyperparameters(convention) {
            let h: &Hyperparameter = h;
            if let Some(value) = side(h.key, i) {
                out.push((h.key.to_owned(), value.to_owned()));
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(text: &[(&str, &str)]) -> Pairs {
        text.iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn a_trajectory_figure_takes_the_run_keys_and_its_view() {
        let (kind, run, options) = request(&pairs(&[
            ("preset", "rosenbrock"),
            ("optimizer", "adam"),
            ("compare", "gd,adam"),
            ("t", "40"),
            ("view", "-2,2,-1,3"),
        ]))
        .expect("valid");
        assert_eq!(kind, "trajectory");
        assert_eq!(run, pairs(&[("optimizer", "adam")]));
        assert_eq!(
            options,
            pairs(&[("preset", "rosenbrock"), ("view", "-2,2,-1,3")])
        );
    }

    #[test]
    fn the_steps_figure_splits_its_lists_per_run() {
        let (_, run, _) = request(&pairs(&[
            ("figure", "steps"),
            ("optimizer", "momentum,adam"),
            ("lr", "0.01,"),
            ("beta1", ",0.8"),
            ("steps", "3"),
        ]))
        .expect("valid");
        assert_eq!(
            run,
            pairs(&[
                ("steps", "3"),
                ("optimizer", "momentum"),
                ("lr", "0.01"),
                ("optimizer", "adam"),
                ("beta1", "0.8"),
            ])
        );
    }

    #[test]
    fn a_map_takes_the_elements_defaults() {
        let (_, run, _) = request(&pairs(&[
            ("figure", "sweep"),
            ("optimizer", "adam"),
            ("kind", "params"),
        ]))
        .expect("valid");
        assert_eq!(get(&run, "grid"), Some("32"));
        assert!(
            get(&run, "x").is_some_and(|x| x.starts_with("lr=")),
            "{run:?}"
        );
        assert!(
            get(&run, "y").is_some_and(|y| y.starts_with("beta1=")),
            "{run:?}"
        );
        let (_, starts, _) = request(&pairs(&[("figure", "sweep")])).expect("valid");
        assert_eq!(get(&starts, "view"), Some(PRESETS[0].view.text().as_str()));
    }

    #[test]
    fn pictures_are_pngs_and_bad_keys_say_so() {
        let (png_bytes, stops) = png(&pairs(&[("steps", "20")]), (300, 360), 1.0).expect("drawn");
        assert!(png_bytes.starts_with(b"\x89PNG"));
        assert!(stops.is_empty());
        let error = png(&pairs(&[("figure", "bars")]), (300, 300), 1.0).expect_err("unknown");
        assert!(
            error.contains("trajectory, steps, amplification, sweep"),
            "{error}"
        );
        let error = png(&pairs(&[("lr", "-1")]), (300, 300), 1.0).expect_err("invalid");
        assert!(error.starts_with("`lr` must be"), "{error}");
        let error = check(&pairs(&[("colour", "red")])).expect_err("unknown");
        assert!(
            error.starts_with(
                "unknown parameter `colour`; the parameters are figure, preset, view, "
            ),
            "{error}"
        );
        assert_eq!(
            check(&pairs(&[("figure", "amplification"), ("beta", "0,0.9")])),
            Ok(0)
        );
        assert_eq!(check(&pairs(&[("preset", "scaled-batches")])), Ok(2000));
        assert_eq!(check(&pairs(&[("steps", "40")])), Ok(40));
    }
}
