//! Curvature: why a step is stable or not. What the step from an iterate makes of the exact
//! Hessian H there: its per-weight step sizes D(t), the preconditioned matrix D^½·H·D^½ whose
//! largest eigenvalue is the pre-sharpness (Cohen et al. 2022, "Adaptive gradient methods at
//! the edge of stability"), and the threshold of the form's linearised iteration. A run's
//! curvature, row by row, comes from [`crate::training::Training::curvature_of`].

mod step;

pub use crate::symmetric::{Eigen, Symmetric};
pub use step::{step_sizes, step_sizes_between, Curvature, Shape, COLUMNS};
