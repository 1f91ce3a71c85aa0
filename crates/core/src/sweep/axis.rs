//! The axes of a sweep: the grid's cell counts (`grid`), the view of start points (`view`) and
//! the hyperparameter ranges (`x`, `y`), parsed with the vocabulary's messages, and the cell
//! centres along each axis.

use crate::error::ConfigError;
use crate::optimizer::{Hyperparameter, Optimizer, SliderScale};
use crate::portable;
use crate::view::View;

/// The most cells along one side of a sweep's grid.
pub const MAX_GRID: usize = 1024;

/// One axis of a sweep: `[min, max]` cut into cells, evenly or evenly in log scale.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Span {
    /// The value at the low edge.
    pub min: f64,
    /// The value at the high edge.
    pub max: f64,
    /// Cells evenly spaced in log(value) (both ends then > 0).
    pub log: bool,
}

impl Span {
    /// An evenly cut span.
    pub fn linear(range: [f64; 2]) -> Span {
        Span {
            min: range[0],
            max: range[1],
            log: false,
        }
    }

    /// The centre of cell `i` of `cells`: `min + (i + ½)·(max − min)/cells`, or on a log axis
    /// the geometric centre `exp(ln min + (i + ½)·(ln max − ln min)/cells)`, through
    /// [`crate::portable`] so that the CLI and the page sweep the same values.
    pub fn centre(&self, i: usize, cells: usize) -> f64 {
        let fraction = (i as f64 + 0.5) / cells as f64;
        if self.log {
            let (lo, hi) = (portable::ln(self.min), portable::ln(self.max));
            portable::exp(lo + fraction * (hi - lo))
        } else {
            self.min + (i as f64 + 0.5) * (self.max - self.min) / cells as f64
        }
    }
}

/// A hyperparameter swept along one axis: `KEY=MIN:MAX[:log]`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SweepAxis {
    /// The hyperparameter.
    pub hyperparameter: &'static Hyperparameter,
    /// Its range and scale.
    pub span: Span,
}

/// The error for sweep key `key`.
fn invalid(key: &str, problem: String) -> ConfigError {
    ConfigError::Sweep {
        key: key.to_owned(),
        problem,
    }
}

/// Parses `grid`: `N` (N × N cells) or `N,M` (N along the x axis, M along the y axis), whole
/// numbers from 1 to [`MAX_GRID`].
pub fn parse_grid(text: &str) -> Result<[usize; 2], ConfigError> {
    let count = |s: &str| {
        s.trim()
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=MAX_GRID).contains(n))
    };
    let grid = match text.split_once(',') {
        None => count(text).map(|n| [n, n]),
        Some((a, b)) => count(a).zip(count(b)).map(|(a, b)| [a, b]),
    };
    grid.ok_or_else(|| {
        invalid(
            "grid",
            format!(
                "must be N or N,M: whole numbers of cells from 1 to {MAX_GRID} along the x \
                 axis (w1) and the y axis (w2), such as 128 or 128,64, not `{text}`"
            ),
        )
    })
}

/// Parses `view`: four finite numbers `w1min,w1max,w2min,w2max` with min < max ([`View::parse`],
/// with the sweep's example in the message).
pub fn parse_view(text: &str) -> Result<View, ConfigError> {
    View::parse(text).map_err(|_| {
        invalid(
            "view",
            format!(
                "must be four finite numbers w1min,w1max,w2min,w2max with min < max, such as \
                 -2,2,-1,3, not `{text}`"
            ),
        )
    })
}

/// Parses axis `key` (`x` or `y`): `KEY=MIN:MAX` or `KEY=MIN:MAX:log`, KEY a hyperparameter of
/// `optimizer` (written as a key or a flag), MIN < MAX both in its range, and > 0 on a log
/// axis.
pub fn parse_axis(key: &str, text: &str, optimizer: &Optimizer) -> Result<SweepAxis, ConfigError> {
    let syntax = || {
        invalid(
            key,
            format!(
                "must be KEY=MIN:MAX or KEY=MIN:MAX:log with KEY a hyperparameter of {} ({}), \
                 such as lr=1e-4:1:log, not `{text}`",
                optimizer.name(),
                optimizer.kind().keys_text()
            ),
        )
    };
    let (name, range) = text.split_once('=').ok_or_else(syntax)?;
    let parts: Vec<&str> = range.split(':').collect();
    let (min, max, log) = match parts[..] {
        [min, max] => (min, max, false),
        [min, max, scale] if scale.trim() == "log" => (min, max, true),
        _ => return Err(syntax()),
    };
    let h = Hyperparameter::named(name.trim()).ok_or_else(syntax)?;
    if optimizer.get(h.key).is_none() {
        return Err(syntax());
    }
    let value = |text: &str| -> Result<f64, ConfigError> {
        crate::config::parse_hyperparameter(h, text)
            .map_err(|e| invalid(key, format!("range: {e}")))
    };
    let (min, max) = (value(min)?, value(max)?);
    if min >= max {
        return Err(invalid(key, format!("must have MIN < MAX, not `{text}`")));
    }
    if log && min <= 0.0 {
        return Err(invalid(
            key,
            format!("is a log axis, whose MIN must be > 0, not `{text}`"),
        ));
    }
    Ok(SweepAxis {
        hyperparameter: h,
        span: Span { min, max, log },
    })
}

/// The axis a map gives hyperparameter `h` when none is chosen: its slider's range, on a log
/// scale where the slider is logarithmic in the value.
pub fn default_axis(h: &'static Hyperparameter) -> SweepAxis {
    let [min, max] = h.slider.ends();
    SweepAxis {
        hyperparameter: h,
        span: Span {
            min,
            max,
            log: matches!(h.slider, SliderScale::Log { .. }),
        },
    }
}

/// The two axes of a map of hyperparameters of `optimizer`: the chosen `x` and `y` where the
/// optimizer has them, otherwise its first hyperparameters over their [`default_axis`] (the
/// two different); an error for an optimizer with a single hyperparameter.
pub fn resolve_axes(
    optimizer: &Optimizer,
    x: Option<SweepAxis>,
    y: Option<SweepAxis>,
) -> Result<(SweepAxis, SweepAxis), ConfigError> {
    let own: Vec<&'static Hyperparameter> = optimizer.hyperparameters().map(|(h, _)| h).collect();
    let taken =
        |axis: Option<SweepAxis>| axis.filter(|a| optimizer.get(a.hyperparameter.key).is_some());
    let (x, y) = (taken(x), taken(y));
    let other = |not: Option<SweepAxis>| {
        own.iter()
            .find(|h| not.is_none_or(|a| a.hyperparameter.key != h.key))
            .map(|h| default_axis(h))
    };
    let x = x.filter(|a| y.is_none_or(|b| b.hyperparameter.key != a.hyperparameter.key));
    let x = x.or_else(|| other(y));
    let y = y.or_else(|| other(x));
    match (x, y) {
        (Some(x), Some(y)) if x.hyperparameter.key != y.hyperparameter.key => Ok((x, y)),
        _ => Err(invalid(
            "y",
            format!(
                "needs a second hyperparameter, and {} has only {}: choose an optimizer with \
                 two for a map of hyperparameters",
                optimizer.name(),
                optimizer.kind().keys_text()
            ),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::optimizer::OptimizerKind;

    fn message<T: std::fmt::Debug>(result: Result<T, ConfigError>) -> String {
        result.map_err(|e| e.to_string()).expect_err("invalid")
    }

    #[test]
    fn grids_are_one_or_two_counts() {
        assert_eq!(parse_grid("128"), Ok([128, 128]));
        assert_eq!(parse_grid(" 3 , 1024"), Ok([3, 1024]));
        for bad in ["0", "1025", "2,0", "2,", "a", "", "2,3,4", "-1", "1.5"] {
            assert!(
                message(parse_grid(bad)).starts_with("`grid` must be N or N,M"),
                "{bad}"
            );
        }
    }

    #[test]
    fn views_are_four_ordered_numbers() {
        let view = parse_view("-2, 2,-1,3");
        assert_eq!(
            view,
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
            assert_eq!(
                message(parse_view(bad)),
                format!(
                    "`view` must be four finite numbers w1min,w1max,w2min,w2max with min < max, \
                     such as -2,2,-1,3, not `{bad}`"
                )
            );
        }
    }

    #[test]
    fn axes_name_a_hyperparameter_and_its_range() {
        let adam = OptimizerKind::must("adam").with_defaults();
        let axis = parse_axis("x", "lr=1e-4:1:log", &adam);
        assert_eq!(
            axis.map(|a| (a.hyperparameter.key, a.span)),
            Ok((
                "lr",
                Span {
                    min: 1e-4,
                    max: 1.0,
                    log: true
                }
            ))
        );
        let lion = OptimizerKind::must("lion").with_defaults();
        assert!(parse_axis("y", "weight-decay=0:0.5", &lion).is_ok());
        assert_eq!(
            message(parse_axis("x", "alpha=0:1", &adam)),
            "`x` must be KEY=MIN:MAX or KEY=MIN:MAX:log with KEY a hyperparameter of adam (lr, \
             beta1, beta2, eps), such as lr=1e-4:1:log, not `alpha=0:1`"
        );
        assert_eq!(
            message(parse_axis("y", "beta1=0:1.5", &adam)),
            "`y` range: `beta1` must be in [0, 1), not 1.5"
        );
        assert_eq!(
            message(parse_axis("x", "lr=0.1:0.01", &adam)),
            "`x` must have MIN < MAX, not `lr=0.1:0.01`"
        );
        assert_eq!(
            message(parse_axis("x", "beta1=0:0.9:log", &adam)),
            "`x` is a log axis, whose MIN must be > 0, not `beta1=0:0.9:log`"
        );
        for bad in ["lr", "lr=1", "lr=1:2:ln", "lr=1:2:log:3", "=1:2"] {
            assert!(message(parse_axis("x", bad, &adam)).contains("must be KEY=MIN:MAX"));
        }
    }

    #[test]
    fn centres_are_in_the_middle_of_their_cells() {
        let linear = Span::linear([-2.0, 2.0]);
        assert_eq!(linear.centre(0, 4), -1.5);
        assert_eq!(linear.centre(3, 4), 1.5);
        let log = Span {
            min: 1e-4,
            max: 1.0,
            log: true,
        };
        assert!((log.centre(0, 2) - 1e-3).abs() < 1e-15);
        assert!((log.centre(1, 2) - 1e-1).abs() < 1e-13);
    }
}
