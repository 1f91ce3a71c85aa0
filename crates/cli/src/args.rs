//! Command-line parsing: every vocabulary flag `--key value` goes, in order, to the core's one
//! validation, so the CLI's messages are the URL's and the JS API's.

use std::ffi::OsString;

use descent_core::config::{parse_hyperparameter, parse_number};
use descent_core::vocabulary;
use descent_core::{Config, ConfigError, FirstSteps, Hyperparameter};
use lexopt::{Arg, Parser, ValueExt};

use crate::figure::{self, Figure};
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
    /// Draw a figure to an SVG or PNG file.
    Figure(Box<Figure>),
    /// Run a sweep and print one row per cell.
    Sweep {
        /// The validated sweep.
        config: Box<descent_core::sweep::SweepConfig>,
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
    let keys: Vec<&str> = match subcommand.as_str() {
        "trajectory" | "steps" => vocabulary::keys(),
        "amplification" => vec!["g1", "g2", "beta", "lr", "eps"],
        "figure" => return parse_figure(&mut parser),
        "sweep" => return crate::sweep::parse(&mut parser),
        "help" => return Ok(Command::Help(help::general())),
        other => {
            return Err(format!(
                "unknown command `{other}`; the commands are trajectory, steps, amplification, \
                 figure, sweep"
            ))
        }
    };
    let Some(Flags { pairs, options }) = flags(&mut parser, &keys, &["format"])? else {
        return Ok(Command::Help(match subcommand.as_str() {
            "steps" => help::steps(),
            "amplification" => help::amplification(),
            _ => help::trajectory(),
        }));
    };
    let format = match options.first().map(|(_, v)| v.as_str()) {
        None | Some("csv") => Format::Csv,
        Some("json") => Format::Json,
        Some(_) => return Err("`--format` must be csv or json".to_owned()),
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

/// `descent figure KIND [OPTIONS]`.
fn parse_figure(parser: &mut Parser) -> Result<Command, String> {
    let kind = match parser.next().map_err(|e| e.to_string())? {
        Some(Arg::Long("help") | Arg::Short('h')) => return Ok(Command::Help(help::figure())),
        Some(Arg::Value(kind)) => kind.string().map_err(|e| e.to_string())?,
        _ => {
            return Err(format!(
                "`figure` needs a kind first: {}",
                figure::KINDS.join(", ")
            ))
        }
    };
    let (keys, options) = figure::flags(&kind)?;
    // A sweep map names its kind of sweep next: `descent figure sweep starts ...`.
    let sweep_kind = if kind == "sweep" {
        crate::sweep::kind(parser)?
    } else {
        None
    };
    let Some(Flags { mut pairs, options }) = flags(parser, &keys, options)? else {
        return Ok(Command::Help(help::figure()));
    };
    pairs.splice(0..0, sweep_kind.map(|kind| ("kind".to_owned(), kind)));
    let figure = figure::request(&kind, &pairs, &options)?;
    Ok(Command::Figure(Box::new(figure)))
}

/// The flags of one command: vocabulary `--key value` pairs in order, and the command's own
/// options (each at most once).
pub struct Flags {
    /// `(key, value)` of the vocabulary's keys, `-` written `_`.
    pub pairs: Vec<(String, String)>,
    /// `(option, value)` of the command's own options.
    pub options: Vec<(String, String)>,
}

/// Reads `--key value` flags with keys from `keys` (a key's `_` written `-`) or `options`;
/// `None` for `--help`.
pub fn flags(
    parser: &mut Parser,
    keys: &[&str],
    options: &[&str],
) -> Result<Option<Flags>, String> {
    let mut flags = Flags {
        pairs: Vec::new(),
        options: Vec::new(),
    };
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        match arg {
            Arg::Long("help") | Arg::Short('h') => return Ok(None),
            Arg::Long(flag)
                if keys.contains(&flag.replace('-', "_").as_str()) || options.contains(&flag) =>
            {
                let flag = flag.to_owned();
                let key = if options.contains(&flag.as_str()) {
                    flag.to_owned()
                } else {
                    flag.replace('-', "_")
                };
                // `value()` takes the next argument even when it starts with `-`, so
                // `--start -15,20` works.
                let value = parser
                    .value()
                    .map_err(|_| format!("`--{flag}` needs a value"))?
                    .string()
                    .map_err(|_| format!("the value of `--{flag}` is not valid UTF-8"))?;
                if !options.contains(&key.as_str()) {
                    flags.pairs.push((key, value));
                } else if flags.options.iter().any(|(k, _)| *k == key) {
                    return Err(format!("`--{flag}` is given more than once"));
                } else {
                    flags.options.push((key, value));
                }
            }
            Arg::Long(key) => {
                let mut names: Vec<String> = keys.iter().map(|k| k.replace('_', "-")).collect();
                names.extend(options.iter().map(|o| (*o).to_owned()));
                return Err(format!(
                    "unknown option `--{key}`; the options are {}",
                    names.join(", ")
                ));
            }
            other => return Err(format!("unexpected {}", other.unexpected())),
        }
    }
    Ok(Some(flags))
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
                range: "a finite number".to_owned(),
            })
        }
    };
    let hyper = |key: &str, default: f64| {
        let h = Hyperparameter::named(key).ok_or_else(|| ConfigError::UnknownKey {
            key: key.to_owned(),
        })?;
        get(key).map_or(Ok(default), |v| parse_hyperparameter(h, v))
    };
    use descent_core::amplification::{DEFAULT_EPS, DEFAULT_LR};
    Ok(Command::Amplification {
        g1: gradient("g1")?,
        g2: gradient("g2")?,
        beta: hyper("beta", 0.9)?,
        lr: hyper("lr", DEFAULT_LR)?,
        eps: hyper("eps", DEFAULT_EPS)?,
    })
}
