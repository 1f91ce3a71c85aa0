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

/// Parses a number that must lie in `[min, max]`; the error says so with `what` (`"degrees"`,
/// or empty for a plain number).
pub fn parse_within(
    key: &str,
    value: &str,
    [min, max]: [f64; 2],
    what: &str,
) -> Result<f64, ConfigError> {
    let x = parse_number(key, value)?;
    if (min..=max).contains(&x) {
        return Ok(x);
    }
    let unit = if what.is_empty() {
        String::new()
    } else {
        format!(" of {what}")
    };
    Err(ConfigError::OutOfRange {
        key: key.to_owned(),
        value: x,
        range: format!("a number{unit} from {min} to {max}"),
    })
}

/// Calls `set(key, value)` for each pair in order, refusing a key given twice.
pub fn each_once<'a>(
    pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    mut set: impl FnMut(&'a str, &'a str) -> Result<(), ConfigError>,
) -> Result<(), ConfigError> {
    let mut seen: Vec<&str> = Vec::new();
    for (key, value) in pairs {
        if seen.contains(&key) {
            return Err(ConfigError::Repeated {
                key: key.to_owned(),
            });
        }
        seen.push(key);
        set(key, value)?;
    }
    Ok(())
}

/// Parses a switch: `1` or `true` turns it on, `0` or `false` off.
pub fn parse_switch(key: &str, value: &str) -> Result<bool, ConfigError> {
    match value.trim() {
        "1" | "true" => Ok(true),
        "0" | "false" => Ok(false),
        _ => Err(ConfigError::NotAChoice {
            key: key.to_owned(),
            value: value.to_owned(),
            choices: "1 (on), 0 (off)".to_owned(),
        }),
    }
}

/// The largest turn `rotate` takes, in degrees either way.
pub const MAX_ROTATION: f64 = 360.0;

/// Parses `rotate`: degrees from −360 to 360.
pub fn parse_rotation(value: &str) -> Result<f64, ConfigError> {
    let degrees = parse_number("rotate", value)?;
    if degrees.abs() <= MAX_ROTATION {
        Ok(degrees)
    } else {
        Err(ConfigError::OutOfRange {
            key: "rotate".to_owned(),
            value: degrees,
            range: format!("degrees from -{MAX_ROTATION} to {MAX_ROTATION}"),
        })
    }
}
