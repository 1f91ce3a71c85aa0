//! The article's Figure 1 from two runs: each optimizer's points and an arrow for every step
//! it took, over contour lines of the function.

use descent_core::{Config, FirstSteps, Trajectory};

use super::surface::{contours, Contours};
use super::View;
use crate::colormap::PALETTE;
use crate::scale::ColorScale;
use crate::steps::{Arrow, StepSeries, StepsFigure};

/// The margin around the points, as a fraction of the view's larger side.
const MARGIN: f64 = 0.15;
/// Contour grid cells per side and levels.
const CONTOUR_GRID: usize = 160;
const CONTOUR_COUNT: usize = 12;

/// Everything Figure 1 shows.
#[derive(Clone, Debug, PartialEq)]
pub struct StepsScene {
    /// The view range.
    pub view: View,
    /// One series per run: the first in blue, the second in orange.
    pub series: Vec<StepSeries>,
    /// Contour lines of the function over the view.
    pub contours: Contours,
}

impl StepsScene {
    /// The scene of `steps` and their trajectories `runs` (from [`FirstSteps::run`]) over
    /// `view`, or by default close around every point with a 15 % margin
    /// ([`View::close_around`]); when that is not usable (points beyond about 1e19), around the
    /// start, else the article's view.
    pub fn new(steps: &FirstSteps, runs: &[Trajectory; 2], view: Option<View>) -> StepsScene {
        let series: Vec<StepSeries> = steps
            .runs
            .iter()
            .zip(runs)
            .zip(PALETTE)
            .map(|((config, run), colour)| step_series(config, run, colour))
            .collect();
        let points = series.iter().flat_map(|s| s.points.iter().copied());
        let start = steps.runs[0].start;
        let view = view
            .or_else(|| View::close_around(points, MARGIN))
            .or_else(|| View::around([start], MARGIN))
            .unwrap_or(View::ARTICLE);
        let function = &steps.runs[0].objective();
        let grid = descent_core::Grid {
            w1: view.w1,
            w2: view.w2,
            columns: CONTOUR_GRID,
            rows: CONTOUR_GRID,
        };
        let scale = ColorScale::fit(&function.values_on(&grid));
        let contours = contours(
            function,
            view,
            &scale,
            (CONTOUR_GRID, CONTOUR_GRID),
            CONTOUR_COUNT,
        );
        StepsScene {
            view,
            series,
            contours,
        }
    }

    /// The figure, with `highlight` as `(series, point)`.
    pub fn figure(&self, highlight: Option<(usize, usize)>, pixel_ratio: f64) -> StepsFigure<'_> {
        StepsFigure {
            w1: self.view.w1,
            w2: self.view.w2,
            contours: &self.contours,
            series: &self.series,
            highlight,
            pixel_ratio,
        }
    }
}

/// One run as a series in `colour`: its points and, for every step, an arrow for the update
/// actually taken, from w(t−1) to w(t) (the vector w(t) − w(t−1)), named by what that update
/// is for the optimizer ([`arrow_label`]). The series is named after the optimizer and its
/// hyperparameters ([`run_label`]).
pub fn step_series(config: &Config, run: &Trajectory, colour: [u8; 3]) -> StepSeries {
    let arrows = run
        .rows
        .windows(2)
        .map(|pair| Arrow {
            from: pair[0].w,
            vector: [pair[1].w[0] - pair[0].w[0], pair[1].w[1] - pair[0].w[1]],
        })
        .collect();
    StepSeries {
        label: run_label(config),
        color: colour,
        points: run.rows.iter().map(|r| r.w).collect(),
        arrows,
        arrow_label: config.optimizer.form().update.to_owned(),
    }
}

/// A run named with the vocabulary's keys, ε left out: `RMSProp, lr = 0.05, beta = 0.9`
/// (with the convention when it is not the article's: `RMSProp (PyTorch), …`).
pub fn run_label(config: &Config) -> String {
    let optimizer = &config.optimizer;
    let mut name = optimizer.kind().label().to_owned();
    if optimizer.convention() != descent_core::Convention::Article {
        name.push_str(&format!(" ({})", optimizer.convention().label()));
    }
    let values: Vec<String> = optimizer
        .hyperparameters()
        .filter(|(h, _)| h.key != "eps")
        .map(|(h, value)| format!("{} = {}", h.key, number(value)))
        .collect();
    format!("{name}, {}", values.join(", "))
}

/// A value as the page's controls and the figures' labels write it: shortest round-trip form,
/// exponent notation when tiny or huge (`0.05`, `1e-8`, `1e300`).
pub fn number(x: f64) -> String {
    if x != 0.0 && (x.abs() < 1e-4 || x.abs() >= 1e6) {
        format!("{x:e}")
    } else {
        format!("{x}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::steps;
    use plotters::prelude::IntoDrawingArea;

    #[test]
    fn the_article_example_has_an_arrow_per_step_taken() {
        let steps = FirstSteps::article_example();
        let scene = StepsScene::new(&steps, &steps.run(), None);
        let [gd, rmsprop] = [&scene.series[0], &scene.series[1]];
        assert_eq!(gd.label, "Gradient descent, lr = 0.001");
        assert_eq!(gd.arrow_label, "−lr·∇E");
        assert_eq!(rmsprop.label, "RMSProp, lr = 0.05, beta = 0.9");
        assert_eq!(rmsprop.arrow_label, "−v(t) = −lr·∇E⊘√(s+ε)");
        assert_eq!((gd.points.len(), gd.arrows.len()), (3, 2));
        assert_eq!(rmsprop.arrows.len(), 2);
        // ∇E(−15, 20) = (−90, 400): gradient descent moves by −0.001·∇E to (−14.91, 19.6).
        assert_eq!(gd.arrows[0].from, [-15.0, 20.0]);
        let v = gd.arrows[0].vector;
        assert!(
            (v[0] - 0.09).abs() < 1e-12 && (v[1] + 0.4).abs() < 1e-12,
            "{v:?}"
        );
        // Each arrow ends where the next one starts: w(t−1) → w(t).
        for s in [gd, rmsprop] {
            for (arrow, next) in s.arrows.iter().zip(&s.points[1..]) {
                let tip = [
                    arrow.from[0] + arrow.vector[0],
                    arrow.from[1] + arrow.vector[1],
                ];
                assert!((tip[0] - next[0]).abs() < 1e-12 && (tip[1] - next[1]).abs() < 1e-12);
            }
        }
        // RMSProp's first step: 0.05·√10·(1, −1).
        let v = rmsprop.arrows[0].vector;
        assert!((v[0] - 0.05 * 10f64.sqrt()).abs() < 1e-9 && (v[0] + v[1]).abs() < 1e-9);
        assert_eq!((gd.color, rmsprop.color), (PALETTE[0], PALETTE[1]));
        for s in &scene.series {
            assert!(s.points.iter().all(|&p| scene.view.contains(p)));
        }
        assert!(scene.view.w1[1] - scene.view.w1[0] < 2.0);
        assert!(!scene.contours.is_empty());
    }

    #[test]
    fn labels_use_the_vocabulary_and_short_numbers() {
        let steps = FirstSteps::from_pairs([
            ("optimizer", "adam"),
            ("eps", "1e-6"),
            ("optimizer", "momentum"),
        ])
        .expect("valid");
        let scene = StepsScene::new(&steps, &steps.run(), Some(View::ARTICLE));
        assert_eq!(
            scene.series[0].label,
            "Adam, lr = 0.001, beta1 = 0.9, beta2 = 0.999"
        );
        assert_eq!(scene.series[0].arrow_label, "−lr·m̂⊘(√v̂+ε)");
        assert_eq!(scene.series[1].label, "Momentum, lr = 0.001, alpha = 0.9");
        assert_eq!(scene.series[1].arrow_label, "m(t)");
        assert_eq!(scene.view, View::ARTICLE);
        assert_eq!(number(1e-8), "1e-8");
        assert_eq!(number(0.05), "0.05");
    }

    /// Starts so far away that steps vanish in rounding used to give an empty view ("the w1
    /// range [1e15, 1e15] is not usable").
    #[test]
    fn far_away_starts_still_draw() {
        for (function, start) in [("0", "1e15,1e15"), ("sin(w1)+cos(w2)", "1e300,1e300")] {
            let steps =
                FirstSteps::from_pairs([("function", function), ("start", start)]).expect("valid");
            let scene = StepsScene::new(&steps, &steps.run(), None);
            assert!(scene.view.is_valid(), "{start}: {:?}", scene.view);
            let mut svg = String::new();
            {
                let root =
                    plotters_svg::SVGBackend::with_string(&mut svg, (640, 480)).into_drawing_area();
                let drawn = steps::draw(&root, &scene.figure(None, 1.0));
                assert!(drawn.is_ok(), "{start}: {drawn:?}");
            }
            assert!(svg.contains("w1"));
        }
        let near =
            FirstSteps::from_pairs([("function", "0"), ("start", "1e15,1e15")]).expect("valid");
        let scene = StepsScene::new(&near, &near.run(), None);
        assert!(scene.view.contains([1e15, 1e15]), "{:?}", scene.view);
    }
}
