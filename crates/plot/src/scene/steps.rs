//! The article's Figure 1 from two runs: each optimizer's points and the vectors behind its
//! steps, over contour lines of the function.

use descent_core::first_steps::updates;
use descent_core::{Config, FirstSteps, Hyperparameter, OptimizerKind, Trajectory};

use super::surface::{contours, Contours};
use super::View;
use crate::colormap::PALETTE;
use crate::scale::ColorScale;
use crate::steps::{Arrow, StepSeries, StepsFigure};

/// The margin around the points and arrows, as a fraction of the view's larger side.
const MARGIN: f64 = 0.15;
/// Contour grid cells per side and levels.
const CONTOUR_GRID: usize = 160;
const CONTOUR_COUNT: usize = 12;

/// Everything Figure 1 shows.
#[derive(Clone, Debug, PartialEq)]
pub struct StepsScene {
    /// The view range.
    pub view: View,
    /// One series per run: gradient descent's in blue, the other's in orange.
    pub series: Vec<StepSeries>,
    /// Contour lines of the function over the view.
    pub contours: Contours,
}

impl StepsScene {
    /// The scene of `steps` and their trajectories `runs` (from [`FirstSteps::run`]) over
    /// `view`, or by default over every point and arrow tip with a 15 % margin.
    pub fn new(steps: &FirstSteps, runs: &[Trajectory; 2], view: Option<View>) -> StepsScene {
        let series: Vec<StepSeries> = steps
            .runs
            .iter()
            .zip(runs)
            .zip(PALETTE)
            .map(|((config, run), colour)| step_series(config, run, colour))
            .collect();
        let tips = series.iter().flat_map(|s| {
            s.arrows
                .iter()
                .map(|a| [a.from[0] + a.vector[0], a.from[1] + a.vector[1]])
                .chain(s.points.iter().copied())
        });
        let start = steps.runs[0].start;
        let view = view
            .or_else(|| View::around(tips, MARGIN))
            .or_else(|| View::around([start], MARGIN))
            .unwrap_or(View::ARTICLE);
        let function = &steps.runs[0].function;
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

/// One run as a series in `colour`: its points and, at every point but the last, the vector
/// behind the next step — for gradient descent the gradient ∇E scaled by η (labelled
/// `∇E × η`), otherwise the update vector v(t) = w(t−1) − w(t) (labelled `v(t)`), as in the
/// article. The label names the optimizer and its hyperparameters (ε only when not the
/// default).
pub fn step_series(config: &Config, run: &Trajectory, colour: [u8; 3]) -> StepSeries {
    let kind = config.optimizer.kind();
    let lr = config.optimizer.get(Hyperparameter::Lr).unwrap_or(f64::NAN);
    let (arrows, arrow_label) = if kind == OptimizerKind::Gd {
        let arrows = run.rows.iter().take(run.rows.len().saturating_sub(1));
        let arrows = arrows.map(|r| Arrow {
            from: r.w,
            vector: [lr * r.g[0], lr * r.g[1]],
        });
        (arrows.collect(), format!("∇E × {}", number(lr)))
    } else {
        let arrows = run.rows.iter().zip(updates(run).into_iter().skip(1));
        let arrows = arrows.filter_map(|(r, v)| {
            Some(Arrow {
                from: r.w,
                vector: v?,
            })
        });
        (arrows.collect(), "v(t)".to_owned())
    };
    StepSeries {
        label: label(config),
        color: colour,
        points: run.rows.iter().map(|r| r.w).collect(),
        arrows,
        arrow_label,
    }
}

/// `gradient descent, η = 0.001`, `RMSProp, η = 0.05, β = 0.9`.
fn label(config: &Config) -> String {
    let kind = config.optimizer.kind();
    let name = match kind {
        OptimizerKind::Gd => "gradient descent",
        OptimizerKind::Momentum => "momentum",
        OptimizerKind::AdaGrad => "AdaGrad",
        OptimizerKind::RmsProp => "RMSProp",
        OptimizerKind::Adam => "Adam",
    };
    let mut parts = vec![name.to_owned()];
    for &(h, default) in kind.hyperparameters() {
        let Some(value) = config.optimizer.get(h) else {
            continue;
        };
        if h == Hyperparameter::Eps && value == default {
            continue;
        }
        let symbol = match h {
            Hyperparameter::Lr => "η",
            Hyperparameter::Alpha => "α",
            Hyperparameter::Beta => "β",
            Hyperparameter::Beta1 => "β1",
            Hyperparameter::Beta2 => "β2",
            Hyperparameter::Eps => "ε",
        };
        parts.push(format!("{symbol} = {}", number(value)));
    }
    parts.join(", ")
}

/// A hyperparameter as a label writes it: `0.001`, `0.9`, `1e-8`.
fn number(x: f64) -> String {
    if x != 0.0 && (x.abs() < 1e-4 || x.abs() >= 1e6) {
        format!("{x:e}")
    } else {
        format!("{x}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_article_example_has_gradients_and_update_vectors() {
        let steps = FirstSteps::article_example();
        let scene = StepsScene::new(&steps, &steps.run(), None);
        let [gd, rmsprop] = [&scene.series[0], &scene.series[1]];
        assert_eq!(gd.label, "gradient descent, η = 0.001");
        assert_eq!(gd.arrow_label, "∇E × 0.001");
        assert_eq!(rmsprop.label, "RMSProp, η = 0.05, β = 0.9");
        assert_eq!(rmsprop.arrow_label, "v(t)");
        assert_eq!((gd.points.len(), gd.arrows.len()), (3, 2));
        assert_eq!(rmsprop.arrows.len(), 2);
        // ∇E(−15, 20) = (−90, 400); v(1) ≈ 0.05·√10·(−1, 1).
        assert_eq!(gd.arrows[0].vector, [-0.09, 0.4]);
        let v = rmsprop.arrows[0].vector;
        assert!((v[0] + 0.05 * 10f64.sqrt()).abs() < 1e-9 && (v[0] + v[1]).abs() < 1e-9);
        assert_eq!((gd.color, rmsprop.color), (PALETTE[0], PALETTE[1]));
        for s in &scene.series {
            assert!(s.points.iter().all(|&p| scene.view.contains(p)));
        }
        assert!(scene.view.w1[1] - scene.view.w1[0] < 2.0);
        assert!(!scene.contours.is_empty());
    }

    #[test]
    fn labels_show_non_default_eps_and_short_numbers() {
        let steps = FirstSteps::from_pairs([
            ("optimizer", "adam"),
            ("eps", "1e-6"),
            ("optimizer", "momentum"),
        ])
        .expect("valid");
        let scene = StepsScene::new(&steps, &steps.run(), Some(View::ARTICLE));
        assert_eq!(
            scene.series[0].label,
            "Adam, η = 0.001, β1 = 0.9, β2 = 0.999, ε = 1e-6"
        );
        assert_eq!(scene.series[1].label, "momentum, η = 0.001, α = 0.9");
        assert_eq!(scene.view, View::ARTICLE);
    }
}
