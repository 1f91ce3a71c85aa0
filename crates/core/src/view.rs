//! A view range of the (w1, w2) plane, and how to choose one around a trajectory or a few
//! steps.

use crate::config::{defaults, Config};
use crate::error::ConfigError;
use crate::function::Function;
use crate::trajectory::Trajectory;

/// A view range of the (w1, w2) plane.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct View {
    /// `[min, max]` of w1.
    pub w1: [f64; 2],
    /// `[min, max]` of w2.
    pub w2: [f64; 2],
}

/// The margin around a trajectory, as a fraction of the view's larger side.
const TRAJECTORY_MARGIN: f64 = 0.1;
/// The least longer side of [`View::close_around`].
const MIN_CLOSE_SPAN: f64 = 1e-6;
/// The least longer side of [`View::close_around`] relative to the largest coordinate: with
/// the tenth and the margins this leaves each side above the 10⁻⁹ relative width that
/// [`View::is_valid`] asks for.
const MIN_CLOSE_RELATIVE_SPAN: f64 = 1e-8;

/// The smallest box holding some points: `[min, max]` of w1 and of w2.
struct Bounds {
    w1: [f64; 2],
    w2: [f64; 2],
}

impl Bounds {
    /// The box of the finite points; `None` without one.
    fn of(points: impl IntoIterator<Item = [f64; 2]>) -> Option<Bounds> {
        let mut bounds: Option<Bounds> = None;
        for p in points
            .into_iter()
            .filter(|p| p[0].is_finite() && p[1].is_finite())
        {
            let b = bounds.get_or_insert(Bounds {
                w1: [p[0], p[0]],
                w2: [p[1], p[1]],
            });
            for (range, x) in [&mut b.w1, &mut b.w2].into_iter().zip(p) {
                range[0] = range[0].min(x);
                range[1] = range[1].max(x);
            }
        }
        bounds
    }

    /// The longer side.
    fn longest(&self) -> f64 {
        (self.w1[1] - self.w1[0]).max(self.w2[1] - self.w2[0])
    }

    /// The largest |coordinate|.
    fn magnitude(&self) -> f64 {
        [self.w1, self.w2]
            .iter()
            .flatten()
            .fold(0.0f64, |m, x| m.max(x.abs()))
    }

    /// The view with each side widened about its centre to at least `side`, then `pad` added
    /// at both ends; `None` when not [valid](View::is_valid).
    fn widened(&self, side: f64, pad: f64) -> Option<View> {
        let widen = |[lo, hi]: [f64; 2]| {
            let grow = ((side - (hi - lo)) / 2.0).max(0.0) + pad;
            [lo - grow, hi + grow]
        };
        let view = View {
            w1: widen(self.w1),
            w2: widen(self.w2),
        };
        view.is_valid().then_some(view)
    }
}

impl View {
    /// The article's view of its example E(w) = 3·w1² + 10·w2²: [−20, 20] × [−25, 25].
    pub const ARTICLE: View = View {
        w1: [-20.0, 20.0],
        w2: [-25.0, 25.0],
    };

    /// Parses `w1min,w1max,w2min,w2max`: four numbers making a [valid](View::is_valid) view.
    pub fn parse(text: &str) -> Result<View, ConfigError> {
        let values: Vec<f64> = text
            .split(',')
            .map(|x| x.trim().parse::<f64>())
            .collect::<Result<_, _>>()
            .map_err(|_| ConfigError::View {
                value: text.to_owned(),
                numbers: false,
            })?;
        let view = match values[..] {
            [a, b, c, d] => Some(View {
                w1: [a, b],
                w2: [c, d],
            }),
            _ => None,
        };
        view.filter(View::is_valid)
            .ok_or_else(|| ConfigError::View {
                value: text.to_owned(),
                numbers: true,
            })
    }

    /// The text [`View::parse`] reads: `w1min,w1max,w2min,w2max`, numbers in shortest
    /// round-trip form.
    pub fn text(&self) -> String {
        format!(
            "{},{},{},{}",
            self.w1[0], self.w1[1], self.w2[0], self.w2[1]
        )
    }

    /// Whether the view is usable: finite, non-empty, not absurdly small or large.
    pub fn is_valid(&self) -> bool {
        [self.w1, self.w2].iter().all(|[lo, hi]| {
            lo.is_finite()
                && hi.is_finite()
                && hi - lo > 1e-9 * (lo.abs() + hi.abs() + 1.0)
                && hi - lo < 1e12
        })
    }

    /// Whether `p` lies in the view (edges included).
    pub fn contains(&self, p: [f64; 2]) -> bool {
        (self.w1[0]..=self.w1[1]).contains(&p[0]) && (self.w2[0]..=self.w2[1]).contains(&p[1])
    }

    /// The view scaled by `factor` (< 1 zooms in) about `center`, which stays in place.
    pub fn zoomed(&self, center: [f64; 2], factor: f64) -> View {
        let scale = |[lo, hi]: [f64; 2], c: f64| [c + (lo - c) * factor, c + (hi - c) * factor];
        View {
            w1: scale(self.w1, center[0]),
            w2: scale(self.w2, center[1]),
        }
    }

    /// The smallest view holding every finite point, its shorter side widened to at least half
    /// the longer one, then `margin` (a fraction of the longer side) added on every side; a
    /// single point gets a square of side 2·max(1, |w|/10) around it. `None` without a finite
    /// point, or when the result is not [valid](View::is_valid).
    pub fn around(points: impl IntoIterator<Item = [f64; 2]>, margin: f64) -> Option<View> {
        let bounds = Bounds::of(points)?;
        let longest = bounds.longest();
        if longest > 0.0 {
            bounds.widened(0.5 * longest, margin * longest)
        } else {
            let size = bounds.w1[0].abs().max(bounds.w2[0].abs()) / 10.0;
            bounds.widened(0.0, size.max(1.0))
        }
    }

    /// A close view of a few points (the first steps): the smallest view holding every finite
    /// point, its shorter side widened to at least a tenth of the longer one, then `margin` (a
    /// fraction of the longer side) added on every side. The longer side counts as at least
    /// max(10⁻⁶, 10⁻⁸·|w|) for the largest coordinate |w|, so that points that barely move,
    /// even far from the origin (1e15 is 0.125 away from its neighbours), still get a view
    /// wide enough to draw. `None` without a finite point, or when the result is not
    /// [valid](View::is_valid) (points beyond about 1e19).
    pub fn close_around(points: impl IntoIterator<Item = [f64; 2]>, margin: f64) -> Option<View> {
        let bounds = Bounds::of(points)?;
        let longest = bounds
            .longest()
            .max(MIN_CLOSE_SPAN)
            .max(MIN_CLOSE_RELATIVE_SPAN * bounds.magnitude());
        bounds.widened(0.1 * longest, margin * longest)
    }

    /// The view for a trajectory of `function`: the article's view for the article's function
    /// while the trajectory stays inside it, otherwise the trajectory's points with a 10 %
    /// margin ([`View::around`]), and the article's view when even that is not usable.
    pub fn for_trajectory(function: &Function, trajectory: &Trajectory) -> View {
        let points = || trajectory.rows.iter().map(|r| r.w);
        let compact = |s: &str| s.split_whitespace().collect::<String>();
        if compact(function.source()) == compact(defaults::FUNCTION)
            && points().all(|p| View::ARTICLE.contains(p))
        {
            return View::ARTICLE;
        }
        View::around(points(), TRAJECTORY_MARGIN).unwrap_or(View::ARTICLE)
    }

    /// The view for `config`'s run `trajectory`: [`View::for_trajectory`] of its function, or
    /// for a model on a data set the trajectory's points with a 10 % margin.
    pub fn for_run(config: &Config, trajectory: &Trajectory) -> View {
        match config.data {
            None => View::for_trajectory(&config.function, trajectory),
            Some(_) => View::around(trajectory.rows.iter().map(|r| r.w), TRAJECTORY_MARGIN)
                .unwrap_or(View::ARTICLE),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn around_widens_the_short_side_and_adds_the_margin() {
        let close = |a: [f64; 2], b: [f64; 2]| (a[0] - b[0]).abs() + (a[1] - b[1]).abs() < 1e-12;
        let view = View::around([[0.0, 0.0], [4.0, 1.0]], 0.1).expect("valid");
        // Longer side 4: the short side grows to 2 about its centre 0.5, then 0.4 on each side.
        assert!(
            close(view.w1, [-0.4, 4.4]) && close(view.w2, [-0.9, 1.9]),
            "{view:?}"
        );
        let single = View::around([[30.0, -5.0]], 0.1).expect("valid");
        assert!(close(single.w1, [27.0, 33.0]) && close(single.w2, [-8.0, -2.0]));
        assert_eq!(View::around([[f64::NAN, 0.0]], 0.1), None);
        assert_eq!(View::around([[0.0, 0.0], [1e300, 0.0]], 0.1), None);
    }

    #[test]
    fn close_views_stay_usable_far_from_the_origin() {
        let view = View::close_around([[-15.0, 20.0], [-14.91, 19.6]], 0.15).expect("valid");
        // Longer side 0.4: w1's 0.09 is already wider than a tenth of it; 0.06 on every side.
        assert!((view.w2[1] - view.w2[0] - 0.52).abs() < 1e-12, "{view:?}");
        assert!((view.w1[1] - view.w1[0] - 0.21).abs() < 1e-12, "{view:?}");
        let still = View::close_around([[3.0, 4.0]], 0.15).expect("valid");
        assert!(still.contains([3.0, 4.0]) && still.w1[1] - still.w1[0] < 1e-5);
        let far = View::close_around([[1e15, 1e15], [1e15, 1e15]], 0.15).expect("valid");
        assert!(
            far.contains([1e15, 1e15]) && far.w1[0] < far.w1[1],
            "{far:?}"
        );
        assert_eq!(View::close_around([[1e300, 1e300]], 0.15), None);
        assert_eq!(View::close_around([[f64::INFINITY, 0.0]], 0.15), None);
    }

    #[test]
    fn views_parse_and_print_alike() {
        let view = View::parse("-2, 2,-1,3").expect("valid");
        assert_eq!(view.text(), "-2,2,-1,3");
        assert_eq!(View::parse(&View::ARTICLE.text()), Ok(View::ARTICLE));
        let message = |t: &str| View::parse(t).map_err(|e| e.to_string()).err();
        assert_eq!(
            message("1,2,3").as_deref(),
            Some("`view` must be four numbers w1min,w1max,w2min,w2max with min < max, not `1,2,3`")
        );
        assert_eq!(
            message("a,b").as_deref(),
            Some("`view` must be four numbers w1min,w1max,w2min,w2max, not `a,b`")
        );
        assert!(View::parse("1,0,0,1").is_err());
    }

    #[test]
    fn zoom_keeps_the_centre_in_place() {
        let v = View {
            w1: [-2.0, 2.0],
            w2: [0.0, 4.0],
        };
        let z = v.zoomed([1.0, 1.0], 0.5);
        assert_eq!(
            z,
            View {
                w1: [-0.5, 1.5],
                w2: [0.5, 2.5]
            }
        );
        assert!(z.is_valid());
        assert!(!v.zoomed([0.0, 0.0], 1e-20).is_valid());
    }

    #[test]
    fn the_article_keeps_its_view_until_the_path_leaves_it() {
        let article = Config::article_example();
        let view = View::for_trajectory(&article.function, &article.run());
        assert_eq!(view, View::ARTICLE);
        let far = Config::from_pairs([("start", "40,0")]).expect("valid");
        let view = View::for_trajectory(&far.function, &far.run());
        assert!(view.contains([40.0, 0.0]) && view.w1[1] < 50.0, "{view:?}");
        let rosenbrock = Config::from_pairs([
            ("function", "(1-w1)^2 + 100*(w2-w1^2)^2"),
            ("start", "-1,2"),
        ])
        .expect("valid");
        let view = View::for_trajectory(&rosenbrock.function, &rosenbrock.run());
        assert!(view.contains([-1.0, 2.0]) && view.w1[1] - view.w1[0] < 10.0);
    }
}
