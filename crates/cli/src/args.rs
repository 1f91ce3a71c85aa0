//! Command-line parsing: every vocabulary flag `--key value` goes, in order, to the core's one
//! validation, so the CLI's messages are the URL's and the JS API's.

use std::ffi::OsString;

use descent_core::config::{parse_hyperparameter, parse_number, ConfigError, KEYS};
use descent_core::{Config, FirstSteps, Hyperparameter};
use lexopt::{Arg, Parser, ValueExt};

use crate::help;
use crate::output::Format;

/// What to do.
pub enum Command {
    /// Print this text.
    Help(String),
    /// Run a trajectory and print it.
    Trajectory {
        /// The validated run.
        config: Config,
        /// CSV or JSON.
        format: Format,
    },
    /// Run the first steps of two optimizers and print both with their vectors.
    Steps {
        /// The validated pair of runs.
        steps: FirstSteps,
        /// CSV or JSON.
        format: Format,
    },
    /// Print the amplification measure C_a(g1, g2).
    Amplification {
        /// First gradient.
        g1: f64,
        /// Second gradient.
        g2: f64,
        /// RMSProp's decay β.
        beta: f64,
        /// Learning rate η.
        lr: f64,
        /// Smoothing term ε.
        eps: f64,
    },
}

/// Parses the arguments after the program name.
pub fn parse(args: impl IntoIterator<Item = OsString>) -> Result<Command, String> {
    let mut parser = Parser::from_args(args);
    let subcommand = match parser.next().map_err(|e| e.to_string())? {
        None => return Ok(Command::Help(help::general())),
        Some(Arg::Long("help") | Arg::Short('h')) => return Ok(Command::Help(help::general())),
        Some(Arg::Long("version") | Arg::Short('V')) => {
            return Ok(Command::Help(format!(
                "descent {}\n",
                env!("CARGO_PKG_VERSION")
            )))
        }
        Some(Arg::Value(name)) => name.string().map_err(|e| e.to_string())?,
        Some(other) => {
            return Err(format!(
                "expected a command first, found {}",
                other.unexpected()
            ))
        }
    };
    let keys: &[&str] = match subcommand.as_str() {
        "trajectory" | "steps" => &KEYS,
        "amplification" => &["g1", "g2", "beta", "lr", "eps"],
        "help" => return Ok(Command::Help(help::general())),
        other => {
            return Err(format!(
                "unknown command `{other}`; the commands are trajectory, steps, amplification"
            ))
        }
    };
    let Some(Flags { pairs, format }) = flags(&mut parser, keys)? else {
        return Ok(Command::Help(match subcommand.as_str() {
            "steps" => help::steps(),
            "amplification" => help::amplification(),
            _ => help::trajectory(),
        }));
    };
    let pairs = || pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()));
    let text = |e: ConfigError| e.to_string();
    match subcommand.as_str() {
        "steps" => Ok(Command::Steps {
            steps: FirstSteps::from_pairs(pairs()).map_err(text)?,
            format,
        }),
        "amplification" => amplification(&pairs().collect::<Vec<_>>()).map_err(text),
        _ => Ok(Command::Trajectory {
            config: Config::from_pairs(pairs()).map_err(text)?,
            format,
        }),
    }
}

/// The flags of one command: `--key value` pairs in order, and the output format.
struct Flags {
    pairs: Vec<(String, String)>,
    format: Format,
}

/// Reads `--key value` flags with keys from `keys`, and `--format`; `None` for `--help`.
fn flags(parser: &mut Parser, keys: &[&str]) -> Result<Option<Flags>, String> {
    let mut pairs = Vec::new();
    let mut format = Format::Csv;
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        match arg {
            Arg::Long("help") | Arg::Short('h') => return Ok(None),
            Arg::Long("format") => {
                format = match parser.value().map_err(|e| e.to_string())?.string() {
                    Ok(f) if f == "csv" => Format::Csv,
                    Ok(f) if f == "json" => Format::Json,
                    _ => return Err("`--format` must be csv or json".to_owned()),
                }
            }
            Arg::Long(key) if keys.contains(&key) => {
                let key = key.to_owned();
                // `value()` takes the next argument even when it starts with `-`, so
                // `--start -15,20` works.
                let value = parser
                    .value()
                    .map_err(|_| format!("`--{key}` needs a value"))?
                    .string()
                    .map_err(|_| format!("the value of `--{key}` is not valid UTF-8"))?;
                pairs.push((key, value));
            }
            Arg::Long(key) => {
                return Err(format!(
                    "unknown option `--{key}`; the options are {}, format",
                    keys.join(", ")
                ))
            }
            other => return Err(format!("unexpected {}", other.unexpected())),
        }
    }
    Ok(Some(Flags { pairs, format }))
}

/// `descent amplification`: g1 and g2 required, β, η and ε with the article's defaults.
fn amplification(pairs: &[(&str, &str)]) -> Result<Command, ConfigError> {
    let get = |key: &str| pairs.iter().rev().find(|(k, _)| *k == key).map(|&(_, v)| v);
    let gradient = |key: &str| -> Result<f64, ConfigError> {
        let text = get(key).ok_or_else(|| ConfigError::Missing {
            key: key.to_owned(),
        })?;
        let x = parse_number(key, text)?;
        if x.is_finite() {
            Ok(x)
        } else {
            Err(ConfigError::OutOfRange {
                key: key.to_owned(),
                value: x,
                range: "a finite number",
            })
        }
    };
    let hyper = |h: Hyperparameter, default: f64| {
        get(h.name()).map_or(Ok(default), |v| parse_hyperparameter(h, v))
    };
    use descent_core::amplification::{DEFAULT_EPS, DEFAULT_LR};
    Ok(Command::Amplification {
        g1: gradient("g1")?,
        g2: gradient("g2")?,
        beta: hyper(Hyperparameter::Beta, 0.9)?,
        lr: hyper(Hyperparameter::Lr, DEFAULT_LR)?,
        eps: hyper(Hyperparameter::Eps, DEFAULT_EPS)?,
    })
}
