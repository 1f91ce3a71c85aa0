//! Command-line parsing: every vocabulary flag `--key value` goes to the core's one
//! validation, so the CLI's messages are the URL's and the JS API's.

use std::ffi::OsString;

use descent_core::config::KEYS;
use descent_core::Config;
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
    match subcommand.as_str() {
        "trajectory" => parse_trajectory(&mut parser),
        "help" => Ok(Command::Help(help::general())),
        other => Err(format!(
            "unknown command `{other}`; the command is `trajectory`"
        )),
    }
}

/// `descent trajectory [--key value]... [--format csv|json]`.
fn parse_trajectory(parser: &mut Parser) -> Result<Command, String> {
    let mut pairs: Vec<(String, String)> = Vec::new();
    let mut format = Format::Csv;
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        match arg {
            Arg::Long("help") | Arg::Short('h') => return Ok(Command::Help(help::trajectory())),
            Arg::Long("format") => {
                format = match parser.value().map_err(|e| e.to_string())?.string() {
                    Ok(f) if f == "csv" => Format::Csv,
                    Ok(f) if f == "json" => Format::Json,
                    _ => return Err("`--format` must be csv or json".to_owned()),
                }
            }
            Arg::Long(key) if KEYS.contains(&key) => {
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
                    KEYS.join(", ")
                ))
            }
            other => return Err(format!("unexpected {}", other.unexpected())),
        }
    }
    let config = Config::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .map_err(|e| e.to_string())?;
    Ok(Command::Trajectory { config, format })
}
