//! The options of `descent figure`: the vocabulary of the matching command (the amplification
//! figure's is the core's [`AmplificationConfig`]), validated by the core, plus `--out`,
//! `--width`, `--height`, `--view`, `--pixel-ratio` and `--preset`.

use std::path::{Path, PathBuf};

use descent_core::amplification::{self, AmplificationConfig};
use descent_core::view3d::{self, View3d};
use descent_core::{vocabulary, Config, ConfigError, FirstSteps};
use descent_plot::scene::View;

use super::{Content, Figure, ImageFormat};
use crate::data::load_file;
use crate::flags::{option, FlagSpec};
use crate::preset;

/// The figures `descent figure` draws.
pub const KINDS: [&str; 4] = ["trajectory", "steps", "amplification", "sweep"];

/// The options of the steps figure.
const RUN_FIGURE_OPTIONS: [&str; 6] = ["out", "width", "height", "view", "pixel-ratio", "preset"];
/// The options of the trajectory figure: the steps figure's and the 3-D view's settings
/// (core's [`view3d`] keys; `--3d` is a switch).
const TRAJECTORY_OPTIONS: [&str; 10] = [
    "out",
    "width",
    "height",
    "view",
    "pixel-ratio",
    "preset",
    view3d::AZIMUTH.key,
    view3d::ELEVATION.key,
    view3d::ZOOM.key,
    view3d::ZSCALE.key,
];
/// The trajectory figure's switch: `--3d`.
const TRAJECTORY_SWITCHES: [&str; 1] = [view3d::SHOWN.key];
/// The options of the amplification figure (`--view` gives g1's and g2's ranges apart).
const AMPLIFICATION_OPTIONS: [&str; 5] = ["out", "width", "height", "view", "pixel-ratio"];
/// The amplification figure's older flag names: `--betas` is `--beta`.
const AMPLIFICATION_ALIASES: [(&str, &str); 1] = [("betas", "beta")];

/// Default size of the trajectory and steps figures.
pub const DEFAULT_SIZE: (u32, u32) = (900, 700);
/// Default size of the trajectory figure with curvature: taller, for the sharpness strip.
pub const DEFAULT_CURVATURE_SIZE: (u32, u32) = (900, 880);
/// Default size of the amplification figure: four square maps side by side.
pub const DEFAULT_AMPLIFICATION_SIZE: (u32, u32) = (1200, 360);
/// Allowed widths and heights in pixels.
pub const SIZE_RANGE: std::ops::RangeInclusive<u32> = 100..=8000;

/// The flags of figure `kind`.
pub fn flags(kind: &str) -> Result<FlagSpec, String> {
    match kind {
        "trajectory" => Ok(FlagSpec {
            keys: vocabulary::keys(),
            options: &TRAJECTORY_OPTIONS,
            aliases: &[],
            switches: &TRAJECTORY_SWITCHES,
        }),
        "steps" => Ok(FlagSpec {
            keys: vocabulary::keys(),
            options: &RUN_FIGURE_OPTIONS,
            aliases: &[],
            switches: &[],
        }),
        "amplification" => Ok(FlagSpec {
            keys: amplification::KEYS.to_vec(),
            options: &AMPLIFICATION_OPTIONS,
            aliases: &AMPLIFICATION_ALIASES,
            switches: &[],
        }),
        "sweep" => Ok(FlagSpec {
            keys: crate::sweep::keys(),
            options: &super::sweep::OPTIONS,
            aliases: &[],
            switches: &[],
        }),
        other => Err(format!(
            "unknown figure `{other}`; the figures are {}",
            KINDS.join(", ")
        )),
    }
}

/// Validates a figure request: the vocabulary `pairs` through the core (after the preset's),
/// then the options.
pub fn request(
    kind: &str,
    pairs: Vec<(String, String)>,
    options: &[(String, String)],
) -> Result<Figure, String> {
    let (content, default_size) = content(kind, pairs, options)?;
    let option = |name: &str| option(options, name);
    let (out, format) = output(option("out").ok_or(
        "`--out FILE` is required: the file to write, ending in .svg or .png".to_owned(),
    )?)?;
    let width = option("width").map_or(Ok(default_size.0), |v| pixels("width", v))?;
    let height = option("height").map_or(Ok(default_size.1), |v| pixels("height", v))?;
    Ok(Figure {
        content,
        out,
        format,
        size: (width, height),
        pixel_ratio: option("pixel-ratio").map_or(Ok(1.0), pixel_ratio)?,
    })
}

/// What figure `kind` shows, validated: the vocabulary `pairs` through the core (after the
/// preset's) and the options that shape the content (`preset`, `view`, `show`); also the
/// figure's default size.
pub fn content(
    kind: &str,
    mut pairs: Vec<(String, String)>,
    options: &[(String, String)],
) -> Result<(Content, (u32, u32)), String> {
    let option = |name: &str| option(options, name);
    let text = |e: ConfigError| e.to_string();
    let (content, default_size) = match kind {
        "amplification" => {
            let view = option("view").map(|v| view(v, "g")).transpose()?;
            if view.is_some() && pairs.iter().any(|(k, _)| k == "range") {
                return Err(
                    "`--view` and `--range` both set the gradient ranges; give one \
                            (`--range R` for both from -R to R)"
                        .to_owned(),
                );
            }
            let pairs = pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()));
            let config = AmplificationConfig::from_pairs(pairs).map_err(text)?;
            (
                Content::Amplification { config, view },
                DEFAULT_AMPLIFICATION_SIZE,
            )
        }
        "sweep" => {
            // `kind` comes first (args.rs puts the word after `sweep` there).
            let kind = pairs.first().map(|(_, v)| v.clone()).unwrap_or_default();
            preset::apply_to_sweep(&mut pairs, option("preset"), &kind)?;
            let pairs = pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()));
            (super::sweep::content(pairs, option("show"))?, DEFAULT_SIZE)
        }
        _ => {
            let scope = if kind == "steps" {
                preset::Scope::Surface
            } else {
                preset::Scope::Run
            };
            let preset = preset::apply(&mut pairs, option("preset"), scope)?;
            let pairs = pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()));
            let view = option("view").map(|v| view(v, "w")).transpose()?;
            if kind == "steps" {
                // The steps figure frames its few points closely: a preset sets its surface
                // and start only.
                let steps =
                    Box::new(FirstSteps::from_pairs_with_data(pairs, &load_file).map_err(text)?);
                (Content::Steps { steps, view }, DEFAULT_SIZE)
            } else {
                let config =
                    Box::new(Config::from_pairs_with_data(pairs, &load_file).map_err(text)?);
                let view = view.or(preset.map(|p| p.view));
                let view3d = view3d_options(options)?;
                let size = if config.curvature {
                    DEFAULT_CURVATURE_SIZE
                } else {
                    DEFAULT_SIZE
                };
                (
                    Content::Trajectory {
                        config,
                        view,
                        view3d,
                    },
                    size,
                )
            }
        }
    };
    Ok((content, default_size))
}

/// The 3-D view from `--3d`, `--azimuth`, `--elevation`, `--zoom` and `--zscale` (core's [`View3d`]);
/// `None` without `--3d`, which the others need.
fn view3d_options(options: &[(String, String)]) -> Result<Option<View3d>, String> {
    let given: Vec<(&str, &str)> = options
        .iter()
        .filter(|(k, _)| view3d::KEYS.contains(&k.as_str()))
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    if !given.iter().any(|(k, _)| *k == view3d::SHOWN.key) {
        return match given.first() {
            Some((key, _)) => Err(format!(
                "`--{key}` sets the 3-D view: add `--{}`",
                view3d::SHOWN.key
            )),
            None => Ok(None),
        };
    }
    View3d::from_pairs(given)
        .map(Some)
        .map_err(|e| e.to_string())
}

/// `--out`: a path ending in `.svg` or `.png` (any case).
fn output(text: &str) -> Result<(PathBuf, ImageFormat), String> {
    let path = PathBuf::from(text);
    let extension = Path::new(text)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("svg") => Ok((path, ImageFormat::Svg)),
        Some("png") => Ok((path, ImageFormat::Png)),
        _ => Err(format!(
            "`--out` must name a .svg or .png file, not `{text}`"
        )),
    }
}

/// `--width`, `--height`: whole pixels in [`SIZE_RANGE`].
fn pixels(name: &str, text: &str) -> Result<u32, String> {
    text.trim()
        .parse::<u32>()
        .ok()
        .filter(|n| SIZE_RANGE.contains(n))
        .ok_or_else(|| {
            format!(
                "`--{name}` must be a whole number of pixels from {} to {}, not `{text}`",
                SIZE_RANGE.start(),
                SIZE_RANGE.end()
            )
        })
}

/// `--pixel-ratio`: a number from 0.5 to 4.
fn pixel_ratio(text: &str) -> Result<f64, String> {
    text.trim()
        .parse::<f64>()
        .ok()
        .filter(|r| (0.5..=4.0).contains(r))
        .ok_or_else(|| format!("`--pixel-ratio` must be a number from 0.5 to 4, not `{text}`"))
}

/// `--view`: four finite numbers `min1,max1,min2,max2` with min < max, of w (or g): core's
/// view, with the message naming the figure's axes.
fn view(text: &str, axis: &str) -> Result<View, String> {
    View::parse(text).map_err(|_| {
        format!(
            "`--view` must be four finite numbers {axis}1min,{axis}1max,{axis}2min,{axis}2max \
             with min < max, such as -20,20,-25,25, not `{text}`"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outputs_need_a_known_extension() {
        assert_eq!(output("a/b.SVG").map(|o| o.1), Ok(ImageFormat::Svg));
        assert_eq!(output("fig.png").map(|o| o.1), Ok(ImageFormat::Png));
        for bad in ["fig.jpg", "fig", ".png", "dir/"] {
            let error = output(bad).expect_err(bad);
            assert!(error.contains(".svg or .png"), "{bad}: {error}");
        }
    }

    #[test]
    fn sizes_and_views_are_checked() {
        assert_eq!(pixels("width", "100"), Ok(100));
        assert_eq!(pixels("height", " 8000 "), Ok(8000));
        for bad in ["99", "8001", "-5", "1e3", "wide"] {
            assert!(pixels("width", bad).is_err(), "{bad}");
        }
        assert_eq!(
            view("-2,2,-1,3", "w"),
            Ok(View {
                w1: [-2.0, 2.0],
                w2: [-1.0, 3.0]
            })
        );
        for bad in [
            "1,2,3",
            "2,1,0,1",
            "0,1,0,inf",
            "0,1,0,1,5",
            "0,1,0,x",
            "0,1,0,1,",
        ] {
            assert!(view(bad, "w").is_err(), "{bad}");
        }
        assert!(view("0,1", "g")
            .expect_err("invalid")
            .contains("g1min,g1max,g2min,g2max"));
        assert_eq!(pixel_ratio("2"), Ok(2.0));
        assert!(pixel_ratio("0").is_err() && pixel_ratio("NaN").is_err());
    }
}
