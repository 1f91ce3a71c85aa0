//! Descent's math, in pure Rust with no browser or plotting code: error functions typed as
//! text and compiled with exact gradients, the optimizer table and its update rules,
//! trajectories, the article's amplification measure, and the parameter vocabulary shared by
//! CLI, URL and JS.

pub mod amplification;
pub mod config;
pub mod curvature;
pub mod data;
pub mod error;
pub mod export;
pub mod figure_keys;
pub mod first_steps;
pub mod function;
pub mod grid;
pub mod kernel;
pub mod lanes;
pub mod objective;
pub mod optimizer;
pub mod parse;
pub mod portable;
pub mod presets;
pub mod real;
pub mod sorting;
pub mod sweep;
pub mod symmetric;
pub mod text;
pub mod training;
pub mod trajectory;
pub mod view;
pub mod view3d;
pub mod vocabulary;

pub use config::{Config, MAX_STEPS};
pub use error::ConfigError;
pub use first_steps::FirstSteps;
pub use function::{BatchEvaluator, BatchValues, Evaluator, Function, FunctionError};
pub use grid::Grid;
pub use optimizer::{Convention, Hyperparameter, Optimizer, OptimizerKind, State};
pub use trajectory::{
    trajectory, trajectory_columns, trajectory_columns_with, trajectory_from, trajectory_within,
    Limits, Row, Stop, StopReason, Summary, Trajectory, TrajectoryColumns,
};
