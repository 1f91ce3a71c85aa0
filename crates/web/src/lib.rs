//! Descent in the browser: the JS API (`trajectory`, `step`, `drawFigure`, …) exported from
//! the wasm module, and the explorer page. The only crate that touches wasm-bindgen, web-sys,
//! js-sys and plotters-canvas. Its parts, dependencies pointing up the list:
//! - [`compute`]: the engine's call sites (trajectories, sweeps in chunks), in one place;
//! - [`model`]: each figure's plain state (defaults, parsing, limits, rules, URL keys) and the
//!   texts the page shows; no DOM, tested natively;
//! - [`error`]: the one error type, converted to a JS `Error` and to status text once each;
//! - `js_config`: JS config objects as vocabulary pairs, any JS value answered;
//! - `convert`: results across the JS boundary;
//! - `kernel`: the browser running the engine's compiled kernels;
//! - `page`: the DOM side (controls generated from core's tables, the figure shell, the
//!   figures, sharing, the custom element's drawing, the bridge between the two modules);
//! - `api`: the JS facade's exports.
//!
//! Features choose what a WebAssembly module holds: `page` (the first module: the first
//! figures), `engine` (loaded on demand: the batched engine, kernels, maps and the JS API), or
//! both (the default: everything in one module, as tests and tools build it). A build of one
//! feature leaves the other's code unused, hence `dead_code` is allowed there only.

#![cfg_attr(
    not(all(feature = "page", feature = "engine")),
    allow(dead_code, unused_imports)
)]

mod api;
pub mod compute;
mod convert;
pub mod error;
mod js_config;
#[cfg(feature = "engine")]
mod kernel;
pub mod model;
mod page;
pub mod typescript;
