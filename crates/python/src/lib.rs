//! The Rust side of the Python package `descent-explorer`: thin glue over the core (runs,
//! sweeps, the vocabulary and its messages) and the CLI's native figures (the widget's
//! picture), and the type stubs generated from the vocabulary. No math and no drawing of its
//! own. The PyO3 module (`descent_explorer._native`) is behind the `python` feature, which
//! maturin turns on; without it the crate is plain Rust that cargo tests.

pub mod figure;
pub mod stubs;

#[cfg(feature = "python")]
mod glue;
