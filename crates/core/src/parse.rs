//! Single values as the vocabulary writes them: numbers in Rust's `f64` syntax, numbers in a
//! key's range, whole numbers in a range. A leaf module: the config and every module that
//! reads keys of its own (schedules, sampling, the amplification figure) parse through it.

use crate::error::ConfigError;
use crate::optimizer::Hyperparameter;

/// The most iterations a run may have: 100 000 RMSProp steps on Rosenbrock take a few
/// milliseconds in the browser, so every run stays interactive.
pub const MAX_STEPS: usize = 100_000;

/// Parses a number as the vocabulary writes it (Rust's `f64` syntax, surrounding spaces
/// allowed).
pub fn parse_number(key: &str, value: &str) -> Result<f64, ConfigError> {
    value
        .trim()
        .parse::<f64>()
        .map_err(|_| ConfigError::NotANumber {
            key: key.to_owned(),
            value: value.to_owned(),
        })
}

/// Parses hyperparameter `h` and checks its range.
pub fn parse_hyperparameter(h: &Hyperparameter, value: &str) -> Result<f64, ConfigError> {
    let x = parse_number(h.key, value)?;
    if h.accepts(x) {
        Ok(x)
    } else {
        Err(ConfigError::OutOfRange {
            key: h.key.to_owned(),
            value: x,
            range: h.range_text(),
        })
    }
}

/// Parses a whole number from `min` to `max` for `key`.
pub fn parse_whole(key: &str, value: &str, min: u64, max: u64) -> Result<u64, ConfigError> {
    value
        .trim()
        .parse::<u64>()
        .ok()
        .filter(|n| (min..=max).contains(n))
        .ok_or_else(|| ConfigError::WholeNumber {
            key: key.to_owned(),
            value: value.to_owned(),
            min,
            max,
        })
}
