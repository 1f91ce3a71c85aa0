//! The built-in data sets: small, each showing one thing an optimizer meets in training. Their
//! points are generated from the [portable generator](crate::data::random) under fixed seeds and
//! rounded, so they are the same everywhere (the tests pin some of them).

use super::{DataSet, Place};
use crate::data::neuron::Model;
use crate::data::random::{Purpose, Rng};

/// One built-in data set.
#[derive(Clone, Copy, Debug)]
pub struct BuiltinSet {
    /// The `data` value.
    pub name: &'static str,
    /// What it is and what it shows.
    pub description: &'static str,
    /// The model it is made for (the `model` default with this set).
    pub model: Model,
    /// Its points.
    points: fn() -> Vec<[f64; 2]>,
}

/// Every built-in set.
pub static BUILTIN_SETS: &[BuiltinSet] = &[
    BuiltinSet {
        name: "line",
        description: "50 points on the line y = 2x − 1 with noise of σ = 0.5, x from −2 to 2: \
                      a well-conditioned bowl",
        model: Model::Linear,
        points: line,
    },
    BuiltinSet {
        name: "scaled",
        description: "40 points on y = 0.002x + 1 with noise of σ = 0.2, x from 1000 to 3000: \
                      the same fit with x in the thousands, a valley a million times steeper \
                      across than along",
        model: Model::Linear,
        points: scaled,
    },
    BuiltinSet {
        name: "overlap",
        description: "two overlapping classes of 30 points, x drawn around −1 (y = 0) and +1 \
                      (y = 1) with σ = 1: a logistic fit with a finite best w",
        model: Model::Logistic,
        points: overlap,
    },
    BuiltinSet {
        name: "separable",
        description: "two classes split at x = 0 (x = −2…−0.2 with y = 0, 0.2…2 with y = 1): \
                      the loss falls forever as w1 grows, so the weights run off to infinity",
        model: Model::Logistic,
        points: separable,
    },
];

/// The built-in set named `name`.
pub fn named(name: &str) -> Option<&'static BuiltinSet> {
    BUILTIN_SETS.iter().find(|s| s.name == name)
}

/// Every built-in set's name.
pub fn names() -> Vec<&'static str> {
    BUILTIN_SETS.iter().map(|s| s.name).collect()
}

impl BuiltinSet {
    /// Its points as a data set whose source is its name.
    pub fn data_set(&self) -> DataSet {
        let points = (self.points)();
        DataSet {
            source: self.name.to_owned(),
            x: points.iter().map(|p| p[0]).collect(),
            y: points.iter().map(|p| p[1]).collect(),
            places: (1..=points.len()).map(Place::Point).collect(),
        }
    }
}

/// `x` rounded to `decimals` decimals.
fn round(x: f64, decimals: i32) -> f64 {
    let scale = 10f64.powi(decimals);
    (x * scale).round() / scale
}

/// The generator of built-in set number `index`.
fn generator(index: u64) -> Rng {
    Rng::stream(0, Purpose::Data, index)
}

/// y = 2x − 1 + 0.5·ξ at 50 evenly spaced x in [−2, 2].
fn line() -> Vec<[f64; 2]> {
    let mut rng = generator(0);
    (0..50)
        .map(|i| {
            let x = round(-2.0 + 4.0 * f64::from(i) / 49.0, 2);
            [x, round(2.0 * x - 1.0 + 0.5 * rng.normal_pair()[0], 2)]
        })
        .collect()
}

/// y = 0.002·x + 1 + 0.2·ξ at 40 x drawn uniformly from [1000, 3000].
fn scaled() -> Vec<[f64; 2]> {
    let mut rng = generator(1);
    (0..40)
        .map(|_| {
            let x = round(1000.0 + 2000.0 * rng.uniform(), 0);
            [x, round(0.002 * x + 1.0 + 0.2 * rng.normal_pair()[0], 2)]
        })
        .collect()
}

/// 30 points with x ~ N(−1, 1), y = 0, then 30 with x ~ N(1, 1), y = 1.
fn overlap() -> Vec<[f64; 2]> {
    let mut rng = generator(2);
    let mut points = Vec::with_capacity(60);
    for (centre, label) in [(-1.0, 0.0), (1.0, 1.0)] {
        for _ in 0..15 {
            for xi in rng.normal_pair() {
                points.push([round(centre + xi, 2), label]);
            }
        }
    }
    points
}

/// x = −2, −1.8, …, −0.2 with y = 0 and 0.2, …, 2 with y = 1.
fn separable() -> Vec<[f64; 2]> {
    (1..=10)
        .flat_map(|k| {
            let x = round(0.2 * f64::from(k), 1);
            [[-x, 0.0], [x, 1.0]]
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sets_are_pinned() {
        let line = named("line").expect("built in").data_set();
        assert_eq!(line.len(), 50);
        assert_eq!(line.x[..3], [-2.0, -1.92, -1.84]);
        assert_eq!(line.y[..3], PINNED_LINE);
        let scaled = named("scaled").expect("built in").data_set();
        assert_eq!(scaled.len(), 40);
        assert!(scaled.x.iter().all(|x| (1000.0..=3000.0).contains(x)));
        assert_eq!([scaled.x[0], scaled.y[0]], PINNED_SCALED);
        let overlap = named("overlap").expect("built in").data_set();
        assert_eq!(overlap.len(), 60);
        assert_eq!(overlap.y.iter().filter(|&&y| y == 1.0).count(), 30);
        let separable = named("separable").expect("built in").data_set();
        assert_eq!(separable.len(), 20);
        assert!(separable
            .points()
            .all(|[x, y]| (x < 0.0 && y == 0.0) || (x > 0.0 && y == 1.0)));
        for set in BUILTIN_SETS {
            let data = set.data_set();
            assert!(data.points().all(|[_, y]| set.model.accepts_target(y)));
            assert_eq!(data.places.len(), data.len());
        }
    }

    /// The first three targets of `line`.
    const PINNED_LINE: [f64; 3] = [-4.18, -5.06, -4.38];
    /// The first point of `scaled`.
    const PINNED_SCALED: [f64; 2] = [1213.0, 3.38];
}
