//! The curvature at one iterate: the exact Hessian at w(t), and what the step from w(t) makes
//! of it through its per-weight step sizes D(t) — the preconditioned matrix D^½·H·D^½, whose
//! largest eigenvalue (the pre-sharpness) is compared with the form's threshold.

use crate::optimizer::{State, StepSlots, Stepper};
use crate::symmetric::{Eigen, Symmetric};

/// The curvature columns, after the optimizer's state columns.
pub const COLUMNS: [&str; 7] = [
    "h11",
    "h12",
    "h22",
    "lambda1",
    "lambda2",
    "pre_sharpness",
    "threshold",
];

/// The curvature at one iterate and what the step from it makes of it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Curvature {
    /// The exact Hessian H at w(t).
    pub hessian: Symmetric,
    /// H's eigenvalues (its directions: [`Symmetric::first_direction`]).
    pub eigen: Eigen,
    /// The per-weight step sizes D(t) of the step from w(t).
    pub step_sizes: [f64; 2],
    /// The eigenvalues of D^½·H·D^½: the curvature the step sees.
    pub preconditioned: Eigen,
    /// The largest pre-sharpness at which the step is stable; `None` for a sign-based form.
    pub threshold: Option<f64>,
}

/// How a quadratic model with eigenvalues λ1 ≥ λ2 is shaped.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Shape {
    /// Both eigenvalues positive: a bowl with condition number κ = λ1/λ2.
    Bowl {
        /// κ = λ1/λ2 ≥ 1.
        condition: f64,
    },
    /// λ2 = 0 < λ1: a valley with a flat floor (κ infinite).
    Valley,
    /// λ1 > 0 > λ2: a saddle.
    Saddle,
    /// λ1 ≤ 0: flat or curving down in every direction.
    Concave,
}

impl Shape {
    /// The shape of `eigen`.
    pub fn of(eigen: &Eigen) -> Shape {
        let Eigen {
            lambda1, lambda2, ..
        } = *eigen;
        if lambda1 <= 0.0 {
            Shape::Concave
        } else if lambda2 > 0.0 {
            Shape::Bowl {
                condition: lambda1 / lambda2,
            }
        } else if lambda2 == 0.0 {
            Shape::Valley
        } else {
            Shape::Saddle
        }
    }
}

impl Curvature {
    /// The curvature of Hessian `hessian` as a step with step sizes `step_sizes` and
    /// threshold `threshold` sees it.
    pub fn new(hessian: Symmetric, step_sizes: [f64; 2], threshold: Option<f64>) -> Curvature {
        Curvature {
            hessian,
            eigen: hessian.eigen(),
            step_sizes,
            preconditioned: hessian.preconditioned(step_sizes).eigen(),
            threshold,
        }
    }

    /// D^½·H·D^½, the matrix the step effectively sees.
    pub fn preconditioned_matrix(&self) -> Symmetric {
        self.hessian.preconditioned(self.step_sizes)
    }

    /// λ1(D^½·H·D^½): for gradient descent η·λ1.
    pub fn pre_sharpness(&self) -> f64 {
        self.preconditioned.lambda1
    }

    /// Whether the step is stable along the sharpest direction (pre-sharpness below the
    /// threshold); `None` where the form has no threshold or the numbers are not finite.
    pub fn is_stable(&self) -> Option<bool> {
        let threshold = self.threshold?;
        let sharpness = self.pre_sharpness();
        (sharpness.is_finite() && threshold.is_finite()).then_some(sharpness < threshold)
    }

    /// The pre-sharpness as a fraction of the threshold (1 at the edge of stability).
    pub fn fraction_of_threshold(&self) -> Option<f64> {
        self.threshold.map(|t| self.pre_sharpness() / t)
    }

    /// Appends [`Curvature::values`] to `columns`, one per column.
    #[inline]
    pub fn push_to(&self, columns: &mut [Vec<f64>; 7]) {
        for (column, value) in columns.iter_mut().zip(self.values()) {
            column.push(value);
        }
    }

    /// The values of [`COLUMNS`] (NaN for a missing threshold).
    pub fn values(&self) -> [f64; 7] {
        [
            self.hessian.h11,
            self.hessian.h12,
            self.hessian.h22,
            self.eigen.lambda1,
            self.eigen.lambda2,
            self.pre_sharpness(),
            self.threshold.unwrap_or(f64::NAN),
        ]
    }
}

/// The step sizes of the step `stepper` takes from `w` in `state` with gradient `g` and
/// learning rate `lr` (the step is taken on copies, with the run's arithmetic, so the state
/// after it is the next row's; the learning-rate-free methods' estimate d depends on w). Where
/// the run has that next row, [`step_sizes_between`] reads the same numbers from it.
pub fn step_sizes(stepper: &Stepper, w: [f64; 2], state: &State, g: [f64; 2], lr: f64) -> [f64; 2] {
    let mut after = *state;
    stepper.step(&mut after, &mut w.clone(), g, lr);
    step_sizes_between(stepper, state, &after, g, lr)
}

/// The step sizes of the step that took the optimizer's state from `before` to `after` with
/// gradient `g` and learning rate `lr`: a run's own rows t and t + 1, no step retaken.
#[inline]
pub fn step_sizes_between(
    stepper: &Stepper,
    before: &State,
    after: &State,
    g: [f64; 2],
    lr: f64,
) -> [f64; 2] {
    let scalars = stepper.rule.step_scalars(&stepper.c, after.t);
    [0, 1].map(|i| {
        let slots = StepSlots {
            before: before.slots[i],
            after: after.slots[i],
            shared_before: before.shared,
            shared_after: after.shared,
            g: g[i],
        };
        stepper.rule.step_size(&stepper.c, lr, scalars, slots)
    })
}
