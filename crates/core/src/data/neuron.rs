//! The one-neuron models: z = w1·x + w2, and a loss ℓ(z, y) per sample whose mean over a data
//! set is the error E(w1, w2). Each loss comes with its exact slope ∂ℓ/∂z, so
//! ∇ℓ = ∂ℓ/∂z·(x, 1).

use crate::portable;

/// Which model.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Model {
    /// Linear regression: ŷ = z, ℓ = (z − y)².
    Linear,
    /// Logistic regression: ŷ = σ(z), ℓ = −[y·ln σ(z) + (1 − y)·ln(1 − σ(z))], y ∈ {0, 1}.
    Logistic,
}

/// One row of the model table.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ModelSpec {
    /// Which model.
    pub model: Model,
    /// The `model` value.
    pub name: &'static str,
    /// Its prediction ŷ(x).
    pub prediction: &'static str,
    /// Its loss ℓᵢ of one sample.
    pub loss: &'static str,
}

/// Every model; the first is the default for data sets that do not name one.
pub static MODELS: &[ModelSpec] = &[
    ModelSpec {
        model: Model::Linear,
        name: "linear",
        prediction: "ŷ = w1·x + w2",
        loss: "(w1·xᵢ + w2 − yᵢ)²",
    },
    ModelSpec {
        model: Model::Logistic,
        name: "logistic",
        prediction: "ŷ = σ(w1·x + w2)",
        loss: "−[yᵢ·ln σ(zᵢ) + (1 − yᵢ)·ln(1 − σ(zᵢ))], zᵢ = w1·xᵢ + w2, yᵢ ∈ {0, 1}",
    },
];

impl Model {
    /// Its row of [`MODELS`].
    pub fn spec(self) -> &'static ModelSpec {
        MODELS
            .iter()
            .find(|s| s.model == self)
            .unwrap_or(&MODELS[0])
    }

    /// The `model` value.
    pub fn name(self) -> &'static str {
        self.spec().name
    }

    /// The model named `name`.
    pub fn named(name: &str) -> Option<Model> {
        MODELS.iter().find(|s| s.name == name).map(|s| s.model)
    }

    /// Every model's name.
    pub fn names() -> Vec<&'static str> {
        MODELS.iter().map(|s| s.name).collect()
    }

    /// Whether `y` is a target this model can fit (logistic: 0 or 1).
    pub fn accepts_target(self, y: f64) -> bool {
        match self {
            Model::Linear => y.is_finite(),
            Model::Logistic => y == 0.0 || y == 1.0,
        }
    }

    /// The prediction ŷ at `x` with weights `w` (the page's model line or curve).
    pub fn predict(self, w: [f64; 2], x: f64) -> f64 {
        let z = w[0] * x + w[1];
        match self {
            Model::Linear => z,
            Model::Logistic => portable::sigmoid(z),
        }
    }

    /// ∂²ℓ/∂z², the loss's curvature at z (the same for either target): 2 for the squared
    /// error, σ(z)·(1 − σ(z)) = e/(1 + e)² with e = e^−|z| for the cross-entropy.
    #[inline]
    pub fn curvature(self, z: f64) -> f64 {
        match self {
            Model::Linear => 2.0,
            Model::Logistic => {
                let e = portable::exp(-z.abs());
                e / ((1.0 + e) * (1.0 + e))
            }
        }
    }

    /// ℓ(z, y) and ∂ℓ/∂z. The logistic loss is softplus((1 − 2y)·z), and its slope
    /// σ(z) − y is written −σ(−z) for y = 1: both finite and accurate for any finite z (at
    /// z = ±1000 the loss is 1000 or 0 and the slope ±1 or 0).
    #[inline]
    pub fn loss_and_slope(self, z: f64, y: f64) -> (f64, f64) {
        match self {
            Model::Linear => {
                let r = z - y;
                (r * r, 2.0 * r)
            }
            Model::Logistic => {
                // u = z for y = 0, −z for y = 1: ℓ = softplus(u), ∂ℓ/∂z = ±σ(u).
                let (u, sign) = if y == 1.0 { (-z, -1.0) } else { (z, 1.0) };
                let e = portable::exp(-u.abs());
                let softplus = u.max(0.0) + portable::ln_1p(e);
                let sigma = if u >= 0.0 {
                    1.0 / (1.0 + e)
                } else {
                    e / (1.0 + e)
                };
                (softplus, sign * sigma)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cross_entropy_is_stable_at_a_thousand() {
        let logistic = Model::Logistic;
        assert_eq!(logistic.loss_and_slope(1000.0, 0.0), (1000.0, 1.0));
        assert_eq!(logistic.loss_and_slope(1000.0, 1.0), (0.0, -0.0));
        assert_eq!(logistic.loss_and_slope(-1000.0, 0.0), (0.0, 0.0));
        assert_eq!(logistic.loss_and_slope(-1000.0, 1.0), (1000.0, -1.0));
        // Far from the decision boundary the loss is e^−|z|, not rounded to 0 by 1 − σ.
        let (loss, slope) = logistic.loss_and_slope(40.0, 1.0);
        assert!((loss / (-40f64).exp() - 1.0).abs() < 1e-12, "{loss}");
        assert!((slope / -(-40f64).exp() - 1.0).abs() < 1e-12, "{slope}");
    }

    #[test]
    fn the_losses_match_their_textbook_formulas() {
        for z in [-3.0, -0.5, 0.0, 0.25, 2.0] {
            for y in [0.0, 1.0] {
                let s = 1.0 / (1.0 + f64::exp(-z));
                let textbook = -(y * s.ln() + (1.0 - y) * (1.0 - s).ln());
                let (loss, slope) = Model::Logistic.loss_and_slope(z, y);
                assert!((loss - textbook).abs() < 1e-14, "z={z} y={y}");
                assert!((slope - (s - y)).abs() < 1e-15, "z={z} y={y}");
                // The slope is the loss's derivative.
                let h = 1e-6;
                let numeric = (Model::Logistic.loss_and_slope(z + h, y).0
                    - Model::Logistic.loss_and_slope(z - h, y).0)
                    / (2.0 * h);
                assert!((numeric - slope).abs() < 1e-8);
            }
        }
        assert_eq!(Model::Linear.loss_and_slope(3.0, 1.0), (4.0, 4.0));
    }

    #[test]
    fn the_curvature_is_the_slopes_derivative() {
        for z in [-30.0, -2.0, -0.1, 0.0, 0.7, 5.0] {
            let h = 1e-5;
            for y in [0.0, 1.0] {
                let slope = |z| Model::Logistic.loss_and_slope(z, y).1;
                let numeric = (slope(z + h) - slope(z - h)) / (2.0 * h);
                let exact = Model::Logistic.curvature(z);
                assert!((numeric - exact).abs() <= 1e-9 * exact.max(1e-3), "z={z}");
            }
        }
        assert_eq!(Model::Logistic.curvature(0.0), 0.25);
        assert_eq!(Model::Linear.curvature(3.0), 2.0);
    }

    #[test]
    fn names_and_targets() {
        assert_eq!(Model::named("logistic"), Some(Model::Logistic));
        assert_eq!(Model::names(), ["linear", "logistic"]);
        assert!(Model::Logistic.accepts_target(1.0) && !Model::Logistic.accepts_target(0.5));
        assert_eq!(Model::Logistic.predict([0.0, 0.0], 3.0), 0.5);
        assert_eq!(Model::Linear.predict([2.0, 1.0], 3.0), 7.0);
    }
}
