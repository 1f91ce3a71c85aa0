//! Descent's math, in pure Rust with no browser or plotting code: error functions typed as
//! text and compiled with exact gradients, the optimizers of the series, trajectories, the
//! article's amplification measure, and the parameter vocabulary shared by CLI, URL and JS.

pub mod amplification;
pub mod config;
pub mod export;
pub mod first_steps;
pub mod function;
pub mod grid;
pub mod optimizer;
pub mod trajectory;

pub use config::{Config, ConfigError, Hyperparameter, MAX_STEPS};
pub use first_steps::FirstSteps;
pub use function::{Evaluator, Function, FunctionError};
pub use grid::Grid;
pub use optimizer::{AdaGrad, Adam, Gd, Momentum, Optimizer, OptimizerKind, RmsProp, State};
pub use trajectory::{trajectory, trajectory_from, Row, Stop, Trajectory};
