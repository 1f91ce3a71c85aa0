//! The runs as the trajectory figure shows them: their colours, their paths on the surface,
//! and their series in the error course below it.

use descent_core::curvature::COLUMNS as CURVATURE_COLUMNS;
use descent_core::training::LR_COLUMN;
use descent_core::{Convention, Optimizer, OptimizerKind, Trajectory};

use crate::colormap::PALETTE;
use crate::course::{CourseFigure, Series};
use crate::dash::Dash;
use crate::surface::{Path, PathStyle};

/// The name of the error series in the legend.
pub const ERROR_SERIES: &str = "E(w(t))";
/// The name of the learning-rate series of the strip under the course.
pub const LR_SERIES: &str = "η(t)";

/// The colour of the error series of a single run.
pub(crate) const ERROR_COLOUR: [u8; 3] = [30, 30, 30];
/// An optimizer's colour when several runs are compared: its place in the optimizer table
/// in the Okabe–Ito palette.
pub fn optimizer_colour(kind: OptimizerKind) -> [u8; 3] {
    PALETTE[kind.index() % PALETTE.len()]
}

/// A compared run's colour ([`optimizer_colour`]) and dash: solid in the article's convention
/// for the first eight optimizers of the table, another dash for each other convention and for
/// each further round of the palette's colours.
pub fn run_stroke(optimizer: &Optimizer) -> ([u8; 3], Dash) {
    let kind = optimizer.kind();
    let round = kind.index() / PALETTE.len();
    let convention = Convention::ALL
        .iter()
        .position(|&c| c == optimizer.convention())
        .unwrap_or_default();
    let dash = Dash::ALL[(round * Convention::ALL.len() + convention) % Dash::ALL.len()];
    (optimizer_colour(kind), dash)
}

/// How the legend names a compared run: `RMSProp`, or `RMSProp (PyTorch)` in another
/// convention than the article's.
pub fn run_label(optimizer: &Optimizer) -> String {
    if optimizer.convention() == Convention::ALL[0] {
        optimizer.kind().label().to_owned()
    } else {
        format!(
            "{} ({})",
            optimizer.kind().label(),
            optimizer.convention().label()
        )
    }
}

/// A run's name, by which the page toggles its series: the optimizer's name, with the
/// convention when it is not the article's (`rmsprop:pytorch`, as URLs write it).
pub fn run_name(optimizer: &Optimizer) -> String {
    if optimizer.convention() == Convention::ALL[0] {
        optimizer.name().to_owned()
    } else {
        format!("{}:{}", optimizer.name(), optimizer.convention().name())
    }
}

/// The runs' paths up to iteration `upto` (all of them when `None`): one run dark to bright
/// blue by iteration as in the article, several each in [`optimizer_colour`], labelled with
/// the optimizer's name.
pub fn paths(runs: &[Trajectory], upto: Option<usize>) -> Vec<Path> {
    runs.iter()
        .map(|run| {
            let shown = upto.map_or(run.rows.len(), |t| (t + 1).min(run.rows.len()));
            Path {
                points: run.rows[..shown].iter().map(|r| r.w).collect(),
                style: match run_stroke(&run.optimizer) {
                    _ if runs.len() == 1 => PathStyle::Ramp,
                    (colour, Dash::Solid) => PathStyle::Solid(colour),
                    (colour, dash) => PathStyle::Dashed(colour, dash),
                },
                label: run_name(&run.optimizer),
            }
        })
        .collect()
}

/// The error course's series. One run: its error [`ERROR_SERIES`], then each further column
/// (the gradient a noisy step used, `g1_used`, `g2_used`; the state, `s1`, `s2`, …; not the
/// learning rate, which [`lr_series`] shows under the course) and what the optimizer derives
/// from the state (Adam's bias-corrected moments m̂ and v̂), in palette colours. Several runs: one error course per run, named after its
/// optimizer, in [`optimizer_colour`]. `visible(name)` says which are drawn (the legend lists
/// all).
pub fn course_series(runs: &[Trajectory], visible: impl Fn(&str) -> bool) -> Vec<Series> {
    let labelled = |name: String, label: String, values, (color, dash): ([u8; 3], Dash)| Series {
        visible: visible(&name),
        name,
        label,
        values,
        color,
        dash,
    };
    let series = |name: String, values, stroke| labelled(name.clone(), name, values, stroke);
    let [run] = runs else {
        return runs
            .iter()
            .map(|run| {
                let values = run.rows.iter().map(|r| r.error).collect();
                let (name, label) = (run_name(&run.optimizer), run_label(&run.optimizer));
                labelled(name, label, values, run_stroke(&run.optimizer))
            })
            .collect();
    };
    let columns = run.column_values();
    let base = descent_core::trajectory::BASE_COLUMNS.len();
    let mut all = vec![series(
        ERROR_SERIES.to_owned(),
        columns[3].clone(),
        (ERROR_COLOUR, Dash::Solid),
    )];
    // The used gradient and the state: η(t) has its strip, the curvature its own.
    let further = run.columns().into_iter().enumerate().skip(base);
    let own = |name: &str| name != LR_COLUMN && !CURVATURE_COLUMNS.contains(&name);
    for (k, name) in further.filter(|(_, name)| own(name)) {
        let colour = PALETTE[(k - base) % PALETTE.len()];
        all.push(series(
            (*name).to_owned(),
            columns[k].clone(),
            (colour, Dash::Solid),
        ));
    }
    let names = run.optimizer.form().rule.derived_names();
    if names.is_empty() {
        // Most rules derive nothing: skip the per-row work (it runs at every slider move).
        return all;
    }
    let derived: Vec<Vec<(&str, [f64; 2])>> = run
        .rows
        .iter()
        .map(|r| run.optimizer.derived(&r.state))
        .collect();
    for (k, name) in names.iter().enumerate() {
        for i in 0..2 {
            let values = derived
                .iter()
                .map(|d| d.get(k).map_or(0.0, |(_, pair)| pair[i]))
                .collect();
            let colour = PALETTE[(all.len() - 1) % PALETTE.len()];
            let name = format!("{name}{}", i + 1);
            all.push(series(name, values, (colour, Dash::Solid)));
        }
    }
    all
}

/// The learning rates η(t) of the runs that have a schedule (the `lr` column): one run's as
/// [`LR_SERIES`] in the error's colour, several runs' each named and coloured as in the
/// course. Empty when no run has a schedule.
pub fn lr_series(runs: &[Trajectory]) -> Vec<Series> {
    runs.iter()
        .filter_map(|run| {
            let (_, values) = run.extra.iter().find(|(name, _)| *name == LR_COLUMN)?;
            let (name, label, (color, dash)) = if runs.len() == 1 {
                let name = LR_SERIES.to_owned();
                (name.clone(), name, (ERROR_COLOUR, Dash::Solid))
            } else {
                let o = &run.optimizer;
                (run_name(o), run_label(o), run_stroke(o))
            };
            Some(Series {
                name,
                label,
                values: values.clone(),
                color,
                dash,
                visible: true,
            })
        })
        .collect()
}

/// The learning-rate strip of `series` (from [`lr_series`]): t across, η(t) up.
pub fn lr_figure(
    series: &[Series],
    highlight: Option<usize>,
    pixel_ratio: f64,
) -> CourseFigure<'_> {
    CourseFigure::over_t(series, LR_SERIES, false, highlight, pixel_ratio)
}

/// The error course figure of `series` (from [`course_series`]): t across, [`ERROR_SERIES`]
/// up, `highlight` marking an iteration.
pub fn course_figure(
    series: &[Series],
    log_scale: bool,
    highlight: Option<usize>,
    pixel_ratio: f64,
) -> CourseFigure<'_> {
    CourseFigure::over_t(series, ERROR_SERIES, log_scale, highlight, pixel_ratio)
}

#[cfg(test)]
mod tests {
    use super::*;
    use descent_core::Config;

    #[test]
    fn one_run_shows_its_error_then_its_state() {
        let config = Config::from_pairs([("steps", "4")]).expect("valid");
        let run = config.run();
        let series = course_series(&[run], |name| name == ERROR_SERIES);
        let names: Vec<&str> = series.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, [ERROR_SERIES, "s1", "s2"]);
        assert_eq!(series[0].values[0], 4675.0);
        assert_eq!(series[0].values.len(), 5);
        assert!(series[0].visible && !series[1].visible);
        assert!(
            (series[1].values[1] - 810.0).abs() < 1e-9,
            "s1(1) = 0.1·90²"
        );
    }

    #[test]
    fn adam_adds_its_corrected_moments_and_several_runs_compare_errors() {
        let adam = Config::from_pairs([("optimizer", "adam"), ("steps", "3")]).expect("valid");
        let series = course_series(&[adam.run()], |_| true);
        let names: Vec<&str> = series.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(
            names,
            [ERROR_SERIES, "m1", "m2", "v1", "v2", "m̂1", "m̂2", "v̂1", "v̂2"]
        );
        // After one step m̂ = g exactly: ∇E(−15, 20) = (−90, 400).
        assert!((series[5].values[1] + 90.0).abs() < 1e-9);
        let gd = Config::from_pairs([("optimizer", "gd"), ("steps", "3")]).expect("valid");
        let runs = [gd.run(), adam.run()];
        let series = course_series(&runs, |_| true);
        let names: Vec<&str> = series.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["gd", "adam"]);
        assert_eq!(
            series[1].color,
            optimizer_colour(OptimizerKind::must("adam"))
        );
        let paths = paths(&runs, Some(1));
        assert_eq!(paths[0].points.len(), 2);
        assert_eq!(paths[0].style, PathStyle::Solid(PALETTE[0]));
        assert_eq!(super::paths(&runs[..1], None)[0].style, PathStyle::Ramp);
    }

    #[test]
    fn the_learning_rate_goes_to_its_strip_and_the_used_gradient_to_the_course() {
        let config = Config::from_pairs([
            ("schedule", "step"),
            ("period", "2"),
            ("noise", "1"),
            ("steps", "4"),
        ])
        .expect("valid");
        let run = config.run();
        let series = course_series(std::slice::from_ref(&run), |_| true);
        let names: Vec<&str> = series.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, [ERROR_SERIES, "g1_used", "g2_used", "s1", "s2"]);
        let strip = lr_series(std::slice::from_ref(&run));
        assert_eq!(strip.len(), 1);
        assert_eq!(strip[0].name, LR_SERIES);
        assert_eq!(strip[0].values, [0.05, 0.05, 0.025, 0.025, 0.0125]);
        let plain = Config::from_pairs([("steps", "4")]).expect("valid").run();
        assert!(lr_series(std::slice::from_ref(&plain)).is_empty());
        let both = lr_series(&[plain, run]);
        assert_eq!(both.len(), 1);
        assert_eq!(both[0].name, "rmsprop");
    }
}
