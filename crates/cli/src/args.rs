//! Command-line parsing: every vocabulary flag `--key value` goes, in order, to the core's one
//! validation, so the CLI's messages are the URL's and the JS API's. `--preset NAME` fills in
//! a preset's function and start (explicit flags win), and `--function @FILE` reads the
//! function from a file (`@-`: standard input).

use std::ffi::OsString;

use descent_core::amplification::{self, AmplificationConfig};
use descent_core::{vocabulary, Config, ConfigError, FirstSteps};
use lexopt::{Arg, Parser, ValueExt};

use crate::data::load_file;
use crate::figure::{self, Figure};
use crate::flags::{flags, option, FlagSpec, Flags};
use crate::help;
use crate::measure::{self, GRADIENT_KEYS};
use crate::output::Format;
use crate::preset;

/// What to do.
pub enum Command {
    /// Print this text.
    Help(String),
    /// Run a trajectory and print it.
    Trajectory {
        /// The validated run.
        config: Box<Config>,
        /// CSV or JSON.
        format: Format,
    },
    /// Run the first steps of two optimizers and print both with their vectors.
    Steps {
        /// The validated pair of runs.
        steps: Box<FirstSteps>,
        /// CSV or JSON.
        format: Format,
    },
    /// Print the amplification measure C_a(g1, g2), one line per β.
    Amplification {
        /// The gradients g1 and g2.
        g: [f64; 2],
        /// The βs, η and ε (its gradient range is not used).
        config: AmplificationConfig,
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

/// The options of `trajectory` and `steps` besides the vocabulary.
const RUN_OPTIONS: [&str; 2] = ["format", "preset"];

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
    let spec = match subcommand.as_str() {
        "trajectory" | "steps" => FlagSpec {
            keys: vocabulary::keys(),
            options: &RUN_OPTIONS,
            aliases: &[],
            switches: &[],
        },
        "amplification" => FlagSpec {
            keys: GRADIENT_KEYS
                .into_iter()
                .chain(amplification::KEYS.into_iter().filter(|k| *k != "range"))
                .collect(),
            options: &[],
            aliases: &[],
            switches: &[],
        },
        "figure" => return parse_figure(&mut parser),
        "sweep" => {
            return Ok(match crate::sweep::parse(&mut parser)? {
                Some((config, format)) => Command::Sweep {
                    config: Box::new(config),
                    format,
                },
                None => Command::Help(help::sweep()),
            })
        }
        "help" => return Ok(Command::Help(help::general())),
        other => {
            return Err(format!(
                "unknown command `{other}`; the commands are trajectory, steps, amplification, \
                 figure, sweep"
            ))
        }
    };
    let Some(Flags { mut pairs, options }) = flags(&mut parser, &spec)? else {
        return Ok(Command::Help(match subcommand.as_str() {
            "steps" => help::steps(),
            "amplification" => help::amplification(),
            _ => help::trajectory(),
        }));
    };
    let option = |name: &str| option(&options, name);
    let scope = if subcommand == "steps" {
        preset::Scope::Surface
    } else {
        preset::Scope::Run
    };
    preset::apply(&mut pairs, option("preset"), scope)?;
    let format = match option("format") {
        None | Some("csv") => Format::Csv,
        Some("json") => Format::Json,
        Some(_) => return Err("`--format` must be csv or json".to_owned()),
    };
    let pairs = || pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()));
    let text = |e: ConfigError| e.to_string();
    match subcommand.as_str() {
        "steps" => Ok(Command::Steps {
            steps: Box::new(FirstSteps::from_pairs_with_data(pairs(), &load_file).map_err(text)?),
            format,
        }),
        "amplification" => {
            let (g, config) = measure::parse(pairs()).map_err(text)?;
            Ok(Command::Amplification { g, config })
        }
        _ => Ok(Command::Trajectory {
            config: Box::new(Config::from_pairs_with_data(pairs(), &load_file).map_err(text)?),
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
    let spec = figure::flags(&kind)?;
    // A sweep map names its kind of sweep next: `descent figure sweep starts ...`.
    let sweep_kind = if kind == "sweep" {
        crate::sweep::kind(parser)?
    } else {
        None
    };
    let Some(Flags { mut pairs, options }) = flags(parser, &spec)? else {
        return Ok(Command::Help(help::figure()));
    };
    pairs.splice(0..0, sweep_kind.map(|kind| ("kind".to_owned(), kind)));
    let figure = figure::request(&kind, pairs, &options)?;
    Ok(Command::Figure(Box::new(figure)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_measure_defaults_to_the_articles_beta() {
        assert_eq!(measure::default_beta(), 0.9);
    }
}
