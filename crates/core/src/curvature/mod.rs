//! Curvature: why a step is stable or not. The exact Hessian H of the error at each iterate,
//! its eigenvalues and directions, the per-weight step sizes D(t) of each optimizer's next
//! step, the preconditioned sharpness λ1(D^½·H·D^½) (Cohen et al. 2022, "Adaptive gradient
//! methods at the edge of stability") and the threshold of the form's linearised iteration.

mod matrix;

pub use matrix::{Eigen, Symmetric};
