//! Descent's second WebAssembly module, loaded on demand: `descent-web` built with its
//! `engine` feature only (the batched engine and its kernels, the maps and their Web Worker,
//! and the JS API), so that the first module (`descent-web` with `page`) stays small. One
//! source: this crate only links that build; see docs/performance.md ("The split").

pub use descent_web;
