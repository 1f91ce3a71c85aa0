//! The gradient a step uses: the exact ∇E(w(t)), or the mean gradient of a mini-batch of B
//! samples, plus σ·ξ(t) with ξ(t) two independent standard normal draws.
//!
//! Both are drawn from `seed` by [`crate::data::random`], each step's and each epoch's numbers from
//! their own stream, so any step can be computed on its own (the JS API steps one at a time)
//! and the noise does not change the batches. Mini-batches are drawn without replacement:
//! epoch e visits the samples in an order shuffled from (seed, e), cut into ⌈N/B⌉ batches
//! (the last one smaller when B does not divide N), so every sample is used once per epoch.
//! With σ = 0 and the full batch the step uses the exact gradient, bit for bit.

use std::collections::BTreeMap;

use crate::data::random::{Purpose, Rng, MAX_SEED};
use crate::error::ConfigError;
use crate::objective::DataModel;
use crate::optimizer::hyperparameters::{Clamp, Range, SliderScale};
use crate::optimizer::Hyperparameter;
use crate::parse::{parse_hyperparameter, parse_whole};

/// The noise key σ.
pub const NOISE: Hyperparameter = Hyperparameter {
    key: "noise",
    symbol: "σ",
    label: "Gradient noise",
    help: "the standard deviation σ of the noise added to each gradient: the step uses \
           g + σ·ξ, ξ two standard normal draws",
    range: Range::NON_NEGATIVE,
    slider: SliderScale::Linear {
        min: 0.0,
        max: 10.0,
    },
    clamp: Clamp {
        below: Some(0.0),
        above: Some(f64::MAX),
    },
};

/// How the steps' gradients are drawn.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Sampling {
    /// σ ≥ 0.
    pub noise: f64,
    /// The seed of the noise and of the batch order, 0 to [`MAX_SEED`].
    pub seed: u64,
    /// The mini-batch size B, less than the data set's N; `None` for the full batch.
    pub batch: Option<usize>,
}

impl Sampling {
    /// Whether every step uses the exact gradient.
    pub fn is_exact(&self) -> bool {
        self.noise == 0.0 && self.batch.is_none()
    }

    /// Reads `noise`, `seed` and `batch` from `given`; `batch` needs a data set and is at most
    /// its size N (B = N is the full batch).
    pub fn from_given(
        given: &BTreeMap<&str, &str>,
        data: Option<&DataModel>,
    ) -> Result<Sampling, ConfigError> {
        let noise = given
            .get(NOISE.key)
            .map_or(Ok(0.0), |text| parse_hyperparameter(&NOISE, text))?;
        let seed = given
            .get("seed")
            .map_or(Ok(0), |text| parse_whole("seed", text, 0, MAX_SEED))?;
        let batch = match (given.get("batch"), data) {
            (None, _) => None,
            (Some(_), None) => {
                return Err(ConfigError::Requires {
                    key: "batch".to_owned(),
                    needed: "data",
                    reason: "mini-batches are drawn from a data set's samples",
                })
            }
            (Some(text), Some(data)) => {
                let n = data.len();
                let b = parse_whole("batch", text, 1, n as u64)? as usize;
                (b < n).then_some(b)
            }
        };
        Ok(Sampling { noise, seed, batch })
    }

    /// The `key = value` pairs that give this sampling back, defaults left out (for URLs).
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if self.noise != 0.0 {
            pairs.push((NOISE.key, crate::text::number(self.noise)));
        }
        if self.seed != 0 {
            pairs.push(("seed", self.seed.to_string()));
        }
        if let Some(b) = self.batch {
            pairs.push(("batch", b.to_string()));
        }
        pairs
    }
}

/// ξ(t): the two standard normal draws of step `t` under `seed`.
pub fn noise_draw(seed: u64, t: u64) -> [f64; 2] {
    Rng::stream(seed, Purpose::Noise, t).normal_pair()
}

/// The mini-batches of a data set of `n` samples in batches of `size`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Batches {
    /// N.
    pub n: usize,
    /// B, from 1 to N.
    pub size: usize,
    /// The seed of the orders.
    pub seed: u64,
}

impl Batches {
    /// Steps per epoch: ⌈N/B⌉.
    pub fn per_epoch(&self) -> u64 {
        self.n.div_ceil(self.size.max(1)) as u64
    }

    /// The epoch of step `t` and the range of its batch in that epoch's order.
    pub fn locate(&self, t: u64) -> (u64, std::ops::Range<usize>) {
        let per_epoch = self.per_epoch().max(1);
        let k = (t % per_epoch) as usize;
        let start = k * self.size;
        (t / per_epoch, start..(start + self.size).min(self.n))
    }

    /// The order in which epoch `epoch` visits the samples.
    pub fn order(&self, epoch: u64) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.n).collect();
        Rng::stream(self.seed, Purpose::Batches, epoch).shuffle(&mut order);
        order
    }
}

/// Draws the gradient of step after step, keeping the current epoch's order.
#[derive(Clone, Debug)]
pub struct StepGradients<'a> {
    sampling: Sampling,
    batches: Option<(&'a DataModel, Batches)>,
    epoch: Option<(u64, Vec<usize>)>,
}

impl<'a> StepGradients<'a> {
    /// The gradients `sampling` gives; `data` is the run's data set, if it has one.
    pub fn new(sampling: Sampling, data: Option<&'a DataModel>) -> StepGradients<'a> {
        let batches = match (sampling.batch, data) {
            (Some(size), Some(data)) => Some((
                data,
                Batches {
                    n: data.len(),
                    size,
                    seed: sampling.seed,
                },
            )),
            _ => None,
        };
        StepGradients {
            sampling,
            batches,
            epoch: None,
        }
    }

    /// The samples of step `t`'s mini-batch (`None` for the full batch).
    pub fn batch(&mut self, t: u64) -> Option<&[usize]> {
        let (_, batches) = self.batches?;
        let (epoch, range) = batches.locate(t);
        if self.epoch.as_ref().is_none_or(|(e, _)| *e != epoch) {
            self.epoch = Some((epoch, batches.order(epoch)));
        }
        self.epoch.as_ref().map(|(_, order)| &order[range])
    }

    /// The gradient step `t` uses at `w`, where the exact gradient is `exact`.
    pub fn gradient(&mut self, t: u64, w: [f64; 2], exact: [f64; 2]) -> [f64; 2] {
        let data = self.batches.map(|(data, _)| data);
        let mut g = match (data, self.batch(t)) {
            (Some(data), Some(batch)) => data.batch_gradient(w, batch),
            _ => exact,
        };
        if self.sampling.noise != 0.0 {
            let xi = noise_draw(self.sampling.seed, t);
            g[0] += self.sampling.noise * xi[0];
            g[1] += self.sampling.noise * xi[1];
        }
        g
    }

    /// What step `t` could have used at `w` (the page's cloud): with mini-batches the
    /// gradient of every batch of step t's epoch; without, `count` draws of `exact` + σ·ξ.
    /// Noise on top of batches adds one draw to each. The draws come from a stream of their
    /// own, so the cloud never changes a run.
    pub fn cloud(&mut self, t: u64, w: [f64; 2], exact: [f64; 2], count: usize) -> Vec<[f64; 2]> {
        let mut rng = Rng::stream(self.sampling.seed, Purpose::Cloud, t);
        let centres: Vec<[f64; 2]> = match self.batches {
            Some((data, batches)) => {
                let (epoch, _) = batches.locate(t);
                let order = batches.order(epoch);
                order
                    .chunks(batches.size)
                    .map(|batch| data.batch_gradient(w, batch))
                    .collect()
            }
            None => vec![exact; count],
        };
        let sigma = self.sampling.noise;
        centres
            .into_iter()
            .map(|[g1, g2]| {
                if sigma == 0.0 {
                    [g1, g2]
                } else {
                    let xi = rng.normal_pair();
                    [g1 + sigma * xi[0], g2 + sigma * xi[1]]
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::neuron::Model;
    use crate::data::DataSet;

    fn line() -> DataModel {
        let set = DataSet::from_value("line")
            .expect("built in")
            .expect("valid");
        DataModel::new(set, Model::Linear).expect("valid")
    }

    #[test]
    fn every_sample_is_used_once_per_epoch() {
        for (n, size) in [(50, 7), (50, 10), (10_000, 32), (3, 2), (5, 1)] {
            let batches = Batches { n, size, seed: 9 };
            let per_epoch = batches.per_epoch();
            let mut orders = Vec::new();
            for epoch in 0..3 {
                let order = batches.order(epoch);
                let mut seen = vec![0_u32; n];
                for t in epoch * per_epoch..(epoch + 1) * per_epoch {
                    let (e, range) = batches.locate(t);
                    assert_eq!(e, epoch);
                    assert!(range.len() <= size && !range.is_empty());
                    for &i in &order[range] {
                        seen[i] += 1;
                    }
                }
                assert!(seen.iter().all(|&c| c == 1), "n={n} B={size} epoch {epoch}");
                orders.push(order);
            }
            if n > 3 {
                assert_ne!(orders[0], orders[1], "the order is reshuffled every epoch");
            }
        }
    }

    #[test]
    fn step_gradients_are_reproducible_and_exact_without_noise() {
        let data = line();
        let exact_sampling = Sampling::default();
        let mut exact = StepGradients::new(exact_sampling, Some(&data));
        let g = [1.5, -2.0];
        assert_eq!(exact.gradient(3, [0.0, 0.0], g), g);
        let noisy = Sampling {
            noise: 2.0,
            seed: 5,
            batch: Some(8),
        };
        let mut a = StepGradients::new(noisy, Some(&data));
        let mut b = StepGradients::new(noisy, Some(&data));
        let w = [0.3, -0.1];
        let forward: Vec<[f64; 2]> = (0..20).map(|t| a.gradient(t, w, g)).collect();
        let backward: Vec<[f64; 2]> = (0..20).rev().map(|t| b.gradient(t, w, g)).collect();
        assert!(
            forward.iter().eq(backward.iter().rev()),
            "steps draw on their own"
        );
        let batch = a.batch(2).expect("mini-batch").to_vec();
        let xi = noise_draw(5, 2);
        let expected = data.batch_gradient(w, &batch);
        assert_eq!(
            forward[2],
            [expected[0] + 2.0 * xi[0], expected[1] + 2.0 * xi[1]]
        );
        let other = Sampling { seed: 6, ..noisy };
        let mut c = StepGradients::new(other, Some(&data));
        assert_ne!(c.gradient(2, w, g), forward[2]);
    }

    #[test]
    fn the_cloud_holds_each_batch_gradient() {
        let data = line();
        let sampling = Sampling {
            batch: Some(10),
            ..Sampling::default()
        };
        let mut gradients = StepGradients::new(sampling, Some(&data));
        let w = [1.0, 0.0];
        let cloud = gradients.cloud(7, w, [0.0; 2], 0);
        assert_eq!(cloud.len(), 5);
        assert!(cloud.contains(&gradients.gradient(7, w, [0.0; 2])));
        let mean = cloud
            .iter()
            .fold([0.0; 2], |m, g| [m[0] + g[0] / 5.0, m[1] + g[1] / 5.0]);
        let exact = data.value_and_gradient(w).1;
        assert!((mean[0] - exact[0]).abs() < 1e-9 && (mean[1] - exact[1]).abs() < 1e-9);
        let noisy = Sampling {
            noise: 1.0,
            ..Sampling::default()
        };
        let cloud = StepGradients::new(noisy, None).cloud(0, w, [3.0, 4.0], 100);
        assert_eq!(cloud.len(), 100);
        assert!(!cloud.contains(&StepGradients::new(noisy, None).gradient(0, w, [3.0, 4.0])));
    }

    #[test]
    fn batch_needs_data_and_fits_in_it() {
        let data = line();
        let read = |pairs: &[(&str, &str)], data: Option<&DataModel>| {
            Sampling::from_given(&pairs.iter().copied().collect(), data).map_err(|e| e.to_string())
        };
        assert_eq!(
            read(&[("batch", "5")], None),
            Err("`batch` needs `data`: mini-batches are drawn from a data set's samples".into())
        );
        assert_eq!(
            read(&[("batch", "51")], Some(&data)),
            Err("`batch` must be a whole number from 1 to 50, not `51`".into())
        );
        assert_eq!(
            read(&[("batch", "50")], Some(&data)).map(|s| s.batch),
            Ok(None)
        );
        assert_eq!(
            read(&[("seed", "-1")], None),
            Err("`seed` must be a whole number from 0 to 9007199254740991, not `-1`".into())
        );
        assert_eq!(
            read(&[("noise", "-1")], None),
            Err("`noise` must be a finite number ≥ 0, not -1".into())
        );
        let sampling = read(
            &[("noise", "0.5"), ("seed", "3"), ("batch", "8")],
            Some(&data),
        )
        .expect("valid");
        let pairs = sampling.pairs();
        let back: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
        assert_eq!(read(&back, Some(&data)), Ok(sampling));
    }
}
