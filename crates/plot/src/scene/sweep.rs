//! A sweep as a map: each cell's colour from where its run ended — its final error on a log
//! scale, the steps it took to reach the tolerance, why it stopped, or its final
//! pre-sharpness ÷ threshold on a scale diverging at 1 (the edge of stability) — with the
//! map's axes.

use descent_core::figure_keys::MAP_COLOURS;
use descent_core::sweep::{SweepConfig, SweepKind, SweepResult};
use descent_core::{StopReason, Summary};

use super::Raster;
use crate::colormap::Colormap;
use crate::raster::NON_FINITE_RGBA;
use crate::scale::ColorScale;
use crate::sweep::{MapAxis, SweepFigure};

/// What a sweep map's colours show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SweepColour {
    /// E at the run's last row, on a log scale.
    Error,
    /// The steps the run took (to the tolerance, if it has one).
    Steps,
    /// Why the run stopped: converged, diverged, undefined, or not at all.
    Stop,
    /// The pre-sharpness ÷ threshold at the run's last row: below 1 stable, above unstable
    /// (a sweep with `curvature`).
    Sharpness,
}

impl SweepColour {
    /// Every measure, the default first.
    pub const ALL: [SweepColour; 4] = [
        SweepColour::Error,
        SweepColour::Steps,
        SweepColour::Stop,
        SweepColour::Sharpness,
    ];

    /// Its name for options and URLs: one of [`descent_core::figure_keys::MAP_COLOURS`].
    pub fn name(self) -> &'static str {
        let [error, steps, stop, sharpness] = MAP_COLOURS;
        match self {
            SweepColour::Error => error,
            SweepColour::Steps => steps,
            SweepColour::Stop => stop,
            SweepColour::Sharpness => sharpness,
        }
    }

    /// Whether its sweep needs `curvature` (the sharpness at each run's last row).
    pub fn needs_curvature(self) -> bool {
        self == SweepColour::Sharpness
    }

    /// The measure named `name`.
    pub fn named(name: &str) -> Option<SweepColour> {
        SweepColour::ALL.into_iter().find(|c| c.name() == name)
    }
}

/// The colour of runs that took all their steps without meeting a tolerance: light grey.
pub const RAN_OUT_RGB: [u8; 3] = [0xDD, 0xDD, 0xDD];
/// The colour of converged runs on the stop map: bluish green (Okabe–Ito).
pub const CONVERGED_RGB: [u8; 3] = [0x00, 0x9E, 0x73];
/// The colour of diverged runs: vermillion (Okabe–Ito), outside viridis.
pub const DIVERGED_RGB: [u8; 3] = [0xD5, 0x5E, 0x00];
/// The colour of runs whose function is undefined where they went: the grey of non-finite
/// surface values.
pub const UNDEFINED_RGB: [u8; 3] = [NON_FINITE_RGBA[0], NON_FINITE_RGBA[1], NON_FINITE_RGBA[2]];

/// The colour of runs whose rule has no threshold on the sharpness map (a sign-based rule):
/// the light grey of runs that ran out.
pub const NO_THRESHOLD_RGB: [u8; 3] = RAN_OUT_RGB;
/// The sharpness map's scale: pre-sharpness ÷ threshold from 0 to 2, the edge of stability
/// (1) at its centre; values above 2 take its top colour.
pub const SHARPNESS_SCALE: ColorScale = ColorScale::Linear { min: 0.0, max: 2.0 };
/// The sharpness map's colour bar title.
pub const SHARPNESS_TITLE: &str = "final sharpness ÷ threshold";

/// The category of a cell coloured apart from the scale, in legend order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Category {
    Converged,
    RanOut,
    NoThreshold,
    Diverged,
    Undefined,
}

impl Category {
    /// In legend order (their discriminants' order).
    const ALL: [Category; 5] = [
        Category::Converged,
        Category::RanOut,
        Category::NoThreshold,
        Category::Diverged,
        Category::Undefined,
    ];

    fn colour(self) -> [u8; 3] {
        match self {
            Category::NoThreshold => NO_THRESHOLD_RGB,
            Category::RanOut => RAN_OUT_RGB,
            Category::Converged => CONVERGED_RGB,
            Category::Diverged => DIVERGED_RGB,
            Category::Undefined => UNDEFINED_RGB,
        }
    }

    fn label(self, tol: f64) -> String {
        match self {
            Category::RanOut if tol > 0.0 => "did not reach tol".to_owned(),
            Category::RanOut => "ran all steps".to_owned(),
            Category::Converged => format!("converged (|∇E| ≤ {tol})"),
            Category::NoThreshold => "no threshold (sign-based rule)".to_owned(),
            Category::Diverged => "diverged".to_owned(),
            Category::Undefined => "E undefined".to_owned(),
        }
    }
}

/// Everything a sweep map shows.
#[derive(Clone, Debug, PartialEq)]
pub struct SweepScene {
    /// The x axis's `[min, max]`, whether it is logarithmic, and its title.
    pub x: ([f64; 2], bool, String),
    /// The y axis's.
    pub y: ([f64; 2], bool, String),
    /// The colour scale of the measure and its title; `None` for the stop map.
    pub scale: Option<(ColorScale, &'static str)>,
    /// The scale's colours: viridis, or diverging at the edge of stability.
    pub colormap: Colormap,
    /// The categories present, with their labels and colours, in legend order.
    pub categories: Vec<(String, [u8; 3])>,
    /// One cell per sweep cell, row 0 at the top (the largest y).
    pub raster: Raster,
}

/// Where one cell's run ended, as far as its map needs: its final error, the steps it took,
/// why it stopped and its final pre-sharpness ÷ threshold. A sweep's result gives these
/// ([`CellEnd::all_of`]), and so do the flat columns of the JS API (the page's maps receive
/// those from their Web Worker).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CellEnd {
    /// E at the run's last row (NaN without a row).
    pub error: f64,
    /// The steps taken.
    pub t: f64,
    /// Why it stopped, if it did.
    pub reason: Option<StopReason>,
    /// The pre-sharpness ÷ threshold at the last row; NaN where unknown (a sweep without
    /// `curvature`, a rule without a threshold, a run that diverged).
    pub sharpness: f64,
}

impl CellEnd {
    /// The end of a run summarised by `summary`, its sharpness unknown.
    pub fn of(summary: &Summary) -> CellEnd {
        CellEnd {
            error: summary.error,
            t: summary.t as f64,
            reason: summary.stop.map(|s| s.reason()),
            sharpness: f64::NAN,
        }
    }

    /// The ends of every cell of `result`, with their sharpness if it has `curvature`.
    pub fn all_of(result: &SweepResult) -> Vec<CellEnd> {
        let mut ends: Vec<CellEnd> = result.summaries.iter().map(CellEnd::of).collect();
        for (end, sharpness) in ends.iter_mut().zip(result.sharpness_fractions()) {
            end.sharpness = sharpness;
        }
        ends
    }
}

impl SweepScene {
    /// The map of `result` (of `config`) coloured by `colour`; a hyperparameter axis is titled
    /// with its key, as `x` and `y` name it.
    pub fn new(config: &SweepConfig, result: &SweepResult, colour: SweepColour) -> SweepScene {
        SweepScene::from_ends(config, &CellEnd::all_of(result), colour)
    }

    /// The map of `config` whose cells ended as `ends` says, in cell order; cells beyond the
    /// end of `ends` stay transparent.
    pub fn from_ends(config: &SweepConfig, ends: &[CellEnd], colour: SweepColour) -> SweepScene {
        let tol = config.run.tol;
        let category = |s: &CellEnd| -> Option<Category> {
            match (s.reason, colour) {
                (Some(StopReason::Diverged), _) => Some(Category::Diverged),
                (Some(StopReason::Undefined), _) => Some(Category::Undefined),
                (Some(StopReason::Converged), SweepColour::Stop) => Some(Category::Converged),
                (None, SweepColour::Stop) => Some(Category::RanOut),
                (None, SweepColour::Steps) if tol > 0.0 => Some(Category::RanOut),
                (_, SweepColour::Sharpness) if s.sharpness.is_nan() && !s.error.is_nan() => {
                    Some(Category::NoThreshold)
                }
                _ => None,
            }
        };
        let measure = |s: &CellEnd| match colour {
            SweepColour::Steps => s.t,
            SweepColour::Sharpness => s.sharpness,
            _ => s.error,
        };
        let scaled: Vec<f64> = ends
            .iter()
            .filter(|s| category(s).is_none())
            .map(measure)
            .collect();
        let scale = match colour {
            SweepColour::Error => Some((log_scale(&scaled), "E")),
            SweepColour::Steps => Some((
                ColorScale::Linear {
                    min: 0.0,
                    max: config.run.steps.max(1) as f64,
                },
                "t",
            )),
            SweepColour::Stop => None,
            SweepColour::Sharpness => Some((SHARPNESS_SCALE, SHARPNESS_TITLE)),
        };
        let colormap = match colour {
            SweepColour::Sharpness => Colormap::Diverging,
            _ => Colormap::Viridis,
        };
        let [columns, rows] = config.grid;
        let mut rgba = vec![0; columns * rows * 4];
        let mut present = [false; Category::ALL.len()];
        for (index, s) in ends.iter().enumerate().take(columns * rows) {
            let (i, j) = (index % columns, index / columns);
            let rgb = match (category(s), scale) {
                (Some(c), _) => {
                    present[c as usize] = true;
                    Some(c.colour())
                }
                (None, Some((scale, _))) => scale.normalize(measure(s)).map(|t| colormap.rgb(t)),
                (None, None) => None,
            };
            let [r, g, b] = rgb.unwrap_or(UNDEFINED_RGB);
            let at = ((rows - 1 - j) * columns + i) * 4;
            rgba[at..at + 4].copy_from_slice(&[r, g, b, 255]);
        }
        let categories = Category::ALL
            .iter()
            .zip(present)
            .filter(|(_, present)| *present)
            .map(|(c, _)| (c.label(tol), c.colour()))
            .collect();
        let [x_span, y_span] = config.spans();
        let (x_title, y_title) = match config.kind {
            SweepKind::Starts { .. } => ("w1".to_owned(), "w2".to_owned()),
            SweepKind::Params { x, y } => (
                x.hyperparameter.key.to_owned(),
                y.hyperparameter.key.to_owned(),
            ),
        };
        SweepScene {
            x: ([x_span.min, x_span.max], x_span.log, x_title),
            y: ([y_span.min, y_span.max], y_span.log, y_title),
            scale,
            colormap,
            categories,
            raster: Raster {
                rgba,
                columns,
                rows,
            },
        }
    }

    /// The legend entries as [`SweepFigure::categories`] takes them.
    pub fn category_labels(&self) -> Vec<(&str, [u8; 3])> {
        self.categories
            .iter()
            .map(|(label, rgb)| (label.as_str(), *rgb))
            .collect()
    }

    /// The figure over `categories` (from [`SweepScene::category_labels`]); `with_raster`
    /// false leaves the data area transparent for a raster painted underneath.
    pub fn figure<'a>(
        &'a self,
        categories: &'a [(&'a str, [u8; 3])],
        with_raster: bool,
        pixel_ratio: f64,
    ) -> SweepFigure<'a> {
        let axis = |(range, log, title): &'a ([f64; 2], bool, String)| MapAxis {
            range: *range,
            log: *log,
            title,
        };
        SweepFigure {
            x: axis(&self.x),
            y: axis(&self.y),
            scale: self.scale,
            colormap: self.colormap,
            categories,
            raster: self.raster.cells().filter(|_| with_raster),
            pixel_ratio,
        }
    }
}

/// A log colour scale over the finite values: `log10(v − min + offset)` with the offset a
/// millionth of the range (at least the smallest positive number), so that errors spanning
/// many decades above the minimum each get their share of the colours.
fn log_scale(values: &[f64]) -> ColorScale {
    let finite = values.iter().copied().filter(|v| v.is_finite());
    let min = finite.clone().fold(f64::INFINITY, f64::min);
    let max = finite.fold(f64::NEG_INFINITY, f64::max);
    if !(min.is_finite() && max.is_finite()) {
        return ColorScale::Linear { min: 0.0, max: 1.0 };
    }
    let smallest_positive = values
        .iter()
        .map(|v| v - min)
        .filter(|d| *d > 0.0 && d.is_finite())
        .fold(f64::INFINITY, f64::min);
    ColorScale::Log {
        min,
        max,
        offset: smallest_positive
            .min((max - min) * 1e-6)
            .max(f64::MIN_POSITIVE),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scene(pairs: &[(&str, &str)], colour: SweepColour) -> SweepScene {
        let config =
            SweepConfig::from_pairs(pairs.iter().copied()).unwrap_or_else(|e| panic!("{e}"));
        SweepScene::new(&config, &config.run(), colour)
    }

    /// The RGB of map cell (i, j), j counted from the bottom.
    fn cell(scene: &SweepScene, i: usize, j: usize) -> [u8; 3] {
        let r = &scene.raster;
        let at = ((r.rows - 1 - j) * r.columns + i) * 4;
        [r.rgba[at], r.rgba[at + 1], r.rgba[at + 2]]
    }

    const UNDEFINED_LEFT: [(&str, &str); 5] = [
        ("kind", "starts"),
        ("function", "sqrt(w1) + w2^2"),
        ("view", "-1,7,-1,1"),
        ("grid", "4,2"),
        ("steps", "50"),
    ];

    #[test]
    fn the_stop_map_colours_each_reason() {
        let pairs = [UNDEFINED_LEFT.as_slice(), &[("tol", "0.8")]].concat();
        let map = scene(&pairs, SweepColour::Stop);
        assert_eq!(map.scale, None);
        assert_eq!((map.raster.columns, map.raster.rows), (4, 2));
        assert_eq!(
            cell(&map, 0, 0),
            UNDEFINED_RGB,
            "w1 = 0: undefined at the start"
        );
        let labels: Vec<&str> = map.categories.iter().map(|c| c.0.as_str()).collect();
        assert!(labels.contains(&"E undefined"), "{labels:?}");
        assert!(
            labels
                .iter()
                .any(|l| l.starts_with("converged") || *l == "did not reach tol"),
            "{labels:?}"
        );
    }

    #[test]
    fn the_error_map_is_log_scaled_with_stopped_runs_apart() {
        let map = scene(&UNDEFINED_LEFT, SweepColour::Error);
        let Some((scale, "E")) = map.scale else {
            panic!("{:?}", map.scale)
        };
        assert!(scale.is_log());
        assert_eq!(cell(&map, 0, 1), UNDEFINED_RGB);
        assert_ne!(cell(&map, 3, 1), UNDEFINED_RGB);
        assert_eq!(map.categories.len(), 1, "{:?}", map.categories);
        let steps = scene(&UNDEFINED_LEFT, SweepColour::Steps);
        assert_eq!(
            steps.scale.map(|s| s.0),
            Some(ColorScale::Linear {
                min: 0.0,
                max: 50.0
            })
        );
    }

    #[test]
    fn a_map_from_flat_columns_equals_the_map_from_the_result() {
        let config = SweepConfig::from_pairs(UNDEFINED_LEFT.iter().copied())
            .unwrap_or_else(|e| panic!("{e}"));
        let result = config.run();
        let columns = result.column_values();
        let ends: Vec<CellEnd> = (0..config.cells())
            .map(|i| CellEnd {
                error: columns[4][i],
                t: columns[5][i],
                reason: StopReason::from_code(columns[6][i]).expect("a code"),
                sharpness: f64::NAN,
            })
            .collect();
        for colour in SweepColour::ALL {
            assert_eq!(
                SweepScene::from_ends(&config, &ends, colour),
                SweepScene::new(&config, &result, colour)
            );
        }
        let partial = SweepScene::from_ends(&config, &ends[..3], SweepColour::Error);
        assert_eq!(
            partial.raster.rgba[partial.raster.rgba.len() - 1],
            0,
            "not yet run"
        );
    }

    #[test]
    fn hyperparameter_axes_keep_their_log_scale_and_names() {
        let map = scene(
            &[
                ("kind", "params"),
                ("x", "lr=1e-4:1:log"),
                ("y", "beta=0.5:0.99"),
                ("grid", "3"),
                ("steps", "10"),
            ],
            SweepColour::Error,
        );
        assert_eq!(map.x, ([1e-4, 1.0], true, "lr".to_owned()));
        assert_eq!(map.y, ([0.5, 0.99], false, "beta".to_owned()));
        for name in MAP_COLOURS {
            assert_eq!(SweepColour::named(name).map(SweepColour::name), Some(name));
        }
    }

    #[test]
    fn the_sharpness_map_diverges_at_the_edge_of_stability() {
        let pairs = [
            ("kind", "params"),
            ("function", "3*w1^2 + 10*w2^2"),
            ("optimizer", "rmsprop"),
            ("x", "lr=1e-3:20:log"),
            ("y", "beta=0.5:0.99"),
            ("grid", "6"),
            ("steps", "1000"),
            ("curvature", "1"),
        ];
        let config = SweepConfig::from_pairs(pairs).unwrap_or_else(|e| panic!("{e}"));
        let result = config.run();
        let map = SweepScene::new(&config, &result, SweepColour::Sharpness);
        assert_eq!(map.scale, Some((SHARPNESS_SCALE, SHARPNESS_TITLE)));
        assert_eq!(map.colormap, Colormap::Diverging);
        let fractions = result.sharpness_fractions();
        let mut on_edge = 0;
        for (index, fraction) in fractions.iter().enumerate() {
            let (i, j) = (index % 6, index / 6);
            let expected = match result.summaries[index].stop.map(|s| s.reason()) {
                Some(StopReason::Diverged) => DIVERGED_RGB,
                _ => Colormap::Diverging.rgb(fraction / 2.0),
            };
            assert_eq!(cell(&map, i, j), expected, "cell {index}: {fraction}");
            on_edge += usize::from((fraction - 1.0).abs() < 0.01);
        }
        assert!(
            on_edge >= 6,
            "constant-η RMSProp ends on its edge: {fractions:?}"
        );
        let labels: Vec<&str> = map.categories.iter().map(|c| c.0.as_str()).collect();
        assert!(labels.is_empty(), "RMSProp's steps are bounded: {labels:?}");
        let edge = Colormap::Diverging.rgb(0.5);
        assert!(edge.iter().all(|&c| c > 0xE0), "near-white at 1: {edge:?}");
        let without = SweepScene::new(&config, &result, SweepColour::Error);
        assert_eq!(without.colormap, Colormap::Viridis);
        let lion = scene(
            &[
                ("kind", "starts"),
                ("optimizer", "lion"),
                ("view", "-2,2,-2,2"),
                ("grid", "2"),
                ("steps", "5"),
                ("curvature", "1"),
            ],
            SweepColour::Sharpness,
        );
        assert_eq!(lion.categories[0].0, "no threshold (sign-based rule)");
        assert_eq!(cell(&lion, 0, 0), NO_THRESHOLD_RGB);
    }
}
