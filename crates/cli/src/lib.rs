//! The library behind the `descent` command: its argument parsing and outputs, and the page's
//! figures drawn natively to SVG or PNG ([`figure`]), which the Python package's glue uses
//! too. Not the explorer itself, and no math of its own: the core validates and runs.

pub mod args;
pub mod data;
pub mod figure;
mod flags;
mod function_file;
mod help;
mod measure;
pub mod output;
pub mod preset;
pub mod sweep;
mod training_help;
