//! The curvature layer's data, from runs with curvature (`curvature=1`): the pre-sharpness of
//! every step with its threshold (the sharpness strip under the error course), the glyph at
//! an iterate (the local quadratic's level ellipse and the one the step sees), and the
//! readout that says it in words. The page, the element, the downloads and `descent figure
//! trajectory --curvature` all take them from here.

use descent_core::curvature::{Curvature, Shape};
use descent_core::text::fixed;
use descent_core::Trajectory;

use super::course::{run_label, run_name, run_stroke, ERROR_COLOUR};
use crate::course::{CourseFigure, Series};
use crate::curvature::{CurvatureGlyph, Stability};
use crate::dash::Dash;
use crate::theme::MUTED;

/// The y axis of the sharpness strip: the largest eigenvalue of D^½·H·D^½.
pub const SHARPNESS_SERIES: &str = "λ1(D½HD½)";
/// The threshold's series in the strip.
pub const THRESHOLD_SERIES: &str = "threshold";

/// Within this fraction of its threshold a step is "at the edge of stability".
pub const EDGE: f64 = 0.01;

/// How the step from an iterate fares: below, at or above its threshold.
pub fn stability(c: &Curvature) -> Stability {
    match c.fraction_of_threshold() {
        Some(f) if (f - 1.0).abs() <= EDGE => Stability::Edge,
        Some(f) if f < 1.0 => Stability::Stable,
        Some(f) if f > 1.0 => Stability::Unstable,
        _ => Stability::Unknown,
    }
}

/// The pre-sharpness of every run with curvature, each followed by its threshold (dashed):
/// one run's in the error's colour with a grey threshold, several runs' each in its course
/// colour. Empty when no run has curvature.
pub fn sharpness_series(runs: &[Trajectory]) -> Vec<Series> {
    let compare = runs.len() > 1;
    let mut all = Vec::new();
    for run in runs.iter().filter(|r| !r.curvature.is_empty()) {
        let o = &run.optimizer;
        let (name, label, (color, dash)) = if compare {
            (run_name(o), run_label(o), run_stroke(o))
        } else {
            let name = SHARPNESS_SERIES.to_owned();
            (name.clone(), name, (ERROR_COLOUR, Dash::Solid))
        };
        let values = run.curvature.iter().map(Curvature::pre_sharpness).collect();
        all.push(Series {
            name: name.clone(),
            label,
            values,
            color,
            dash,
            visible: true,
        });
        let Some(threshold) = run.curvature[0].threshold else {
            continue;
        };
        let (name, label, color) = if compare {
            let name = format!("{name} {THRESHOLD_SERIES}");
            (name.clone(), name, color)
        } else {
            let name = THRESHOLD_SERIES.to_owned();
            (name.clone(), name, MUTED)
        };
        all.push(Series {
            name,
            label,
            values: vec![threshold; run.curvature.len()],
            color,
            dash: Dash::Dashed,
            visible: true,
        });
    }
    all
}

/// The sharpness strip of `series` (from [`sharpness_series`]): t across, the pre-sharpness
/// up on a log axis, `highlight` marking an iteration.
pub fn sharpness_figure(
    series: &[Series],
    highlight: Option<usize>,
    pixel_ratio: f64,
) -> CourseFigure<'_> {
    CourseFigure::over_t(series, SHARPNESS_SERIES, true, highlight, pixel_ratio)
}

/// The glyph of `run` at iteration `t`: at w(t), its Hessian and what the step sees.
pub fn glyph(run: &Trajectory, t: usize) -> Option<CurvatureGlyph> {
    let (row, c) = (run.rows.get(t)?, run.curvature.get(t)?);
    Some(CurvatureGlyph {
        at: row.w,
        hessian: c.hessian,
        effective: c.preconditioned_matrix(),
        stability: stability(c),
    })
}

/// A number to read in a sentence: three significant digits, exponent notation when tiny
/// or huge.
pub fn short(x: f64) -> String {
    if !x.is_finite() {
        return if x.is_nan() {
            "—".to_owned()
        } else {
            format!("{x}")
        };
    }
    if x != 0.0 && (x.abs() < 1e-3 || x.abs() >= 1e5) {
        let text = format!("{x:.2e}");
        return text.replace(".00e", "e").replace("0e", "e");
    }
    let magnitude = if x == 0.0 {
        0
    } else {
        x.abs().log10().floor() as i32
    };
    fixed(x, (2 - magnitude).clamp(0, 6) as usize)
}

/// `κ = 3.33`, or what the shape is instead (`saddle`).
pub fn shape_text(shape: Shape) -> String {
    match shape {
        Shape::Bowl { condition } => format!("κ = {}", short(condition)),
        Shape::Valley => "a flat floor (κ = ∞)".to_owned(),
        Shape::Saddle => "a saddle".to_owned(),
        Shape::Concave => "concave".to_owned(),
    }
}

/// The readout of `run` at iteration `t` in three sentences: the curvature there, what the
/// step's sizes make of it, and the pre-sharpness against the threshold.
pub fn readout(run: &Trajectory, t: usize) -> Vec<String> {
    let Some(c) = run.curvature.get(t) else {
        return Vec::new();
    };
    let (h, p) = (c.eigen, c.preconditioned);
    let [d1, d2] = c.step_sizes;
    let sharpness = short(c.pre_sharpness());
    let verdict = match (c.threshold, stability(c)) {
        (None, _) => format!(
            "Pre-sharpness {sharpness}; no threshold: a sign-based step has the same length \
             whatever the curvature"
        ),
        (Some(threshold), s) => {
            let (relation, words) = match s {
                Stability::Edge => ("≈", "on the edge of stability"),
                Stability::Unstable => (">", "unstable along the sharpest direction"),
                Stability::Stable | Stability::Unknown => ("<", "stable"),
            };
            format!(
                "Pre-sharpness λ1(D½HD½) = {sharpness} {relation} {}: the next step is {words}",
                short(threshold)
            )
        }
    };
    vec![
        format!(
            "At t = {t}: λ1 = {}, λ2 = {}, {}",
            short(h.lambda1),
            short(h.lambda2),
            shape_text(Shape::of(&h))
        ),
        format!(
            "Step sizes D = ({}, {}): the step sees {}",
            short(d1),
            short(d2),
            shape_text(Shape::of(&p))
        ),
        verdict,
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use descent_core::Config;

    fn run(pairs: &[(&str, &str)]) -> Trajectory {
        Config::from_pairs(pairs.iter().copied())
            .unwrap_or_else(|e| panic!("{e}"))
            .run()
    }

    #[test]
    fn the_articles_run_reads_as_it_reaches_its_edge() {
        let article = run(&[("steps", "2000"), ("curvature", "1")]);
        let first = readout(&article, 0);
        assert_eq!(first[0], "At t = 0: λ1 = 20, λ2 = 6, κ = 3.33");
        assert!(first[1].ends_with("the step sees κ = 1.33"), "{first:?}");
        assert!(
            first[2].ends_with("< 2: the next step is stable"),
            "{first:?}"
        );
        let last = readout(&article, 2000);
        assert!(
            last[2].contains("= 2 ≈ 2: the next step is on the edge of stability"),
            "{last:?}"
        );
        let series = sharpness_series(std::slice::from_ref(&article));
        let names: Vec<&str> = series.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, [SHARPNESS_SERIES, THRESHOLD_SERIES]);
        assert_eq!(series[1].values[0], 2.0);
        assert_eq!(
            glyph(&article, 2000).map(|g| g.stability),
            Some(Stability::Edge)
        );
    }

    #[test]
    fn saddles_sign_based_steps_and_runs_without_curvature() {
        let saddle = run(&[
            ("function", "w1^2 - w2^2"),
            ("optimizer", "lion"),
            ("start", "-2.5,0.05"),
            ("steps", "3"),
            ("curvature", "1"),
        ]);
        let lines = readout(&saddle, 1);
        assert!(lines[0].ends_with("λ1 = 2, λ2 = -2, a saddle"), "{lines:?}");
        assert!(lines[2].starts_with("Pre-sharpness"), "{lines:?}");
        assert!(lines[2].contains("no threshold"), "{lines:?}");
        assert_eq!(sharpness_series(std::slice::from_ref(&saddle)).len(), 1);
        let plain = run(&[("steps", "3")]);
        assert!(sharpness_series(std::slice::from_ref(&plain)).is_empty());
        assert!(readout(&plain, 1).is_empty() && glyph(&plain, 1).is_none());
        let compared =
            sharpness_series(&[saddle.clone(), run(&[("steps", "3"), ("curvature", "1")])]);
        let names: Vec<&str> = compared.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["lion", "rmsprop", "rmsprop threshold"]);
    }

    #[test]
    fn short_numbers() {
        assert_eq!(short(3.3333), "3.33");
        assert_eq!(short(20.0), "20");
        assert_eq!(short(0.0105), "0.0105");
        assert_eq!(short(2.0000000364), "2");
        assert_eq!(short(39475729.86), "3.95e7");
        assert_eq!(short(2.5e-7), "2.5e-7");
        assert_eq!(short(-2.0), "-2");
    }
}
