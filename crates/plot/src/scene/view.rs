//! A view range of the (w1, w2) plane, and how to choose one around a trajectory.

use descent_core::config::defaults;
use descent_core::{Function, Trajectory};

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

impl View {
    /// The article's view of its example E(w) = 3·w1² + 10·w2²: [−20, 20] × [−25, 25].
    pub const ARTICLE: View = View {
        w1: [-20.0, 20.0],
        w2: [-25.0, 25.0],
    };

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

    /// The smallest view holding every finite point, its shorter side widened to at least half
    /// the longer one, then `margin` (a fraction of the longer side) added on every side; a
    /// single point gets a square of side 2·max(1, |w|/10) around it. `None` without a finite
    /// point, or when the result is not [valid](View::is_valid).
    pub fn around(points: impl IntoIterator<Item = [f64; 2]>, margin: f64) -> Option<View> {
        let mut bounds: Option<[[f64; 2]; 2]> = None;
        for p in points
            .into_iter()
            .filter(|p| p[0].is_finite() && p[1].is_finite())
        {
            let b = bounds.get_or_insert([[p[0], p[0]], [p[1], p[1]]]);
            for (range, x) in b.iter_mut().zip(p) {
                range[0] = range[0].min(x);
                range[1] = range[1].max(x);
            }
        }
        let [w1, w2] = bounds?;
        let longest = (w1[1] - w1[0]).max(w2[1] - w2[0]);
        let (side, pad) = if longest > 0.0 {
            (0.5 * longest, margin * longest)
        } else {
            let size = w1[0].abs().max(w2[0].abs()) / 10.0;
            (0.0, size.max(1.0))
        };
        let widen = |[lo, hi]: [f64; 2]| {
            let grow = ((side - (hi - lo)) / 2.0).max(0.0) + pad;
            [lo - grow, hi + grow]
        };
        let view = View {
            w1: widen(w1),
            w2: widen(w2),
        };
        view.is_valid().then_some(view)
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use descent_core::Config;

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
