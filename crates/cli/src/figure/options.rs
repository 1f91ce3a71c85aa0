//! The options of `descent figure`: the vocabulary of the matching command, validated by the
//! core, plus `--out`, `--width`, `--height`, `--view`, `--pixel-ratio` (and `--betas`).

use std::path::{Path, PathBuf};

use descent_core::amplification::{DEFAULT_EPS, DEFAULT_LR};
use descent_core::config::parse_hyperparameter;
use descent_core::vocabulary;
use descent_core::{Config, ConfigError, FirstSteps, Hyperparameter};
use descent_plot::scene::View;

use super::{Content, Figure, ImageFormat};

/// The figures `descent figure` draws.
pub const KINDS: [&str; 4] = ["trajectory", "steps", "amplification", "sweep"];

/// The options every figure takes.
const FIGURE_OPTIONS: [&str; 5] = ["out", "width", "height", "view", "pixel-ratio"];
/// The amplification figure's options: those, and the list of β.
const AMPLIFICATION_OPTIONS: [&str; 6] = ["out", "width", "height", "view", "pixel-ratio", "betas"];
/// The amplification figure's vocabulary keys.
const AMPLIFICATION_KEYS: [&str; 2] = ["lr", "eps"];

/// Default size of the trajectory and steps figures.
pub const DEFAULT_SIZE: (u32, u32) = (900, 700);
/// Default size of the amplification figure: four square maps side by side.
pub const DEFAULT_AMPLIFICATION_SIZE: (u32, u32) = (1200, 360);
/// Allowed widths and heights in pixels.
pub const SIZE_RANGE: std::ops::RangeInclusive<u32> = 100..=8000;
/// The β of the article's Figure 3.
pub const DEFAULT_BETAS: [f64; 4] = [0.0, 0.5, 0.9, 0.99];
/// The most maps the amplification figure draws (as on the page).
pub const MAX_BETAS: usize = 6;
/// The gradient range of the amplification maps, for g1 and g2 alike.
pub const DEFAULT_GRADIENTS: [f64; 2] = [-4.0, 4.0];

/// The vocabulary keys and the options of figure `kind`.
pub fn flags(kind: &str) -> Result<(Vec<&'static str>, &'static [&'static str]), String> {
    match kind {
        "trajectory" | "steps" => Ok((vocabulary::keys(), &FIGURE_OPTIONS)),
        "amplification" => Ok((AMPLIFICATION_KEYS.to_vec(), &AMPLIFICATION_OPTIONS)),
        "sweep" => Ok((crate::sweep::keys(), &super::sweep::OPTIONS)),
        other => Err(format!(
            "unknown figure `{other}`; the figures are {}",
            KINDS.join(", ")
        )),
    }
}

/// Validates a figure request: the vocabulary `pairs` through the core, then the options.
pub fn request(
    kind: &str,
    pairs: &[(String, String)],
    options: &[(String, String)],
) -> Result<Figure, String> {
    let option = |name: &str| {
        options
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    let pairs = || pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()));
    let text = |e: ConfigError| e.to_string();
    let (content, default_size) = match kind {
        "steps" => {
            let steps = FirstSteps::from_pairs(pairs()).map_err(text)?;
            let view = option("view").map(|v| view(v, "w")).transpose()?;
            (Content::Steps { steps, view }, DEFAULT_SIZE)
        }
        "amplification" => {
            let hyper = |key: &str, default: f64| -> Result<f64, String> {
                let h = Hyperparameter::named(key).ok_or_else(|| format!("no key {key}"))?;
                let mut given = pairs().filter(|(k, _)| *k == h.key);
                match (given.next(), given.next()) {
                    (None, _) => Ok(default),
                    (Some((_, v)), None) => parse_hyperparameter(h, v).map_err(text),
                    (Some(_), Some(_)) => Err(text(ConfigError::Repeated {
                        key: h.key.to_owned(),
                    })),
                }
            };
            let range = match option("view") {
                Some(v) => view(v, "g")?,
                None => View {
                    w1: DEFAULT_GRADIENTS,
                    w2: DEFAULT_GRADIENTS,
                },
            };
            let content = Content::Amplification {
                betas: option("betas").map_or(Ok(DEFAULT_BETAS.to_vec()), betas)?,
                g1: range.w1,
                g2: range.w2,
                lr: hyper("lr", DEFAULT_LR)?,
                eps: hyper("eps", DEFAULT_EPS)?,
            };
            (content, DEFAULT_AMPLIFICATION_SIZE)
        }
        "sweep" => (
            super::sweep::content(pairs(), option("show"))?,
            DEFAULT_SIZE,
        ),
        _ => {
            let config = Config::from_pairs(pairs()).map_err(text)?;
            let view = option("view").map(|v| view(v, "w")).transpose()?;
            (Content::Trajectory { config, view }, DEFAULT_SIZE)
        }
    };
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

/// `--view`: four finite numbers `min1,max1,min2,max2` with min < max, of w (or g).
fn view(text: &str, axis: &str) -> Result<View, String> {
    let numbers: Vec<f64> = text
        .split(',')
        .filter_map(|s| s.trim().parse::<f64>().ok())
        .collect();
    let view = match numbers[..] {
        [a, b, c, d] if text.split(',').count() == 4 => Some(View {
            w1: [a, b],
            w2: [c, d],
        }),
        _ => None,
    };
    view.filter(View::is_valid).ok_or_else(|| {
        format!(
            "`--view` must be four finite numbers {axis}1min,{axis}1max,{axis}2min,{axis}2max \
             with min < max, such as -20,20,-25,25, not `{text}`"
        )
    })
}

/// `--betas`: 1 to [`MAX_BETAS`] values of β, comma-separated, each checked by the core.
fn betas(text: &str) -> Result<Vec<f64>, String> {
    let betas = text
        .split(',')
        .map(|b| {
            let beta = Hyperparameter::named("beta").ok_or("no key beta")?;
            parse_hyperparameter(beta, b).map_err(|e| e.to_string())
        })
        .collect::<Result<Vec<f64>, String>>()?;
    if betas.len() > MAX_BETAS {
        return Err(format!(
            "`--betas` takes 1 to {MAX_BETAS} values, not {}",
            betas.len()
        ));
    }
    Ok(betas)
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
    fn sizes_views_and_betas_are_checked() {
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
        assert_eq!(betas("0, 0.5,1"), Ok(vec![0.0, 0.5, 1.0]));
        assert_eq!(
            betas("0.5,2"),
            Err("`beta` must be in [0, 1], not 2".to_owned())
        );
        assert!(betas("0,0,0,0,0,0,0")
            .expect_err("invalid")
            .contains("1 to 6"));
        assert!(betas("").is_err());
        assert_eq!(pixel_ratio("2"), Ok(2.0));
        assert!(pixel_ratio("0").is_err() && pixel_ratio("NaN").is_err());
    }
}
