//! Command-line parsing: every vocabulary flag `--key value` goes, in order, to the core's one
//! validation, so the CLI's messages are the URL's and the JS API's. `--preset NAME` fills in
//! a preset's function and start (explicit flags win), and `--function @FILE` reads the
//! function from a file (`@-`: standard input).

use std::ffi::OsString;

use descent_core::amplification::{self, AmplificationConfig};
use descent_core::config::parse_number;
use descent_core::{vocabulary, Config, ConfigError, Convention, FirstSteps, OptimizerKind};
use lexopt::{Arg, Parser, ValueExt};

use crate::data::load_file;
use crate::figure::{self, Figure};
use crate::help;
use crate::output::Format;
use crate::{function_file, preset};

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
}

/// The flags a command accepts.
pub struct FlagSpec {
    /// Vocabulary keys (`_` written `-` on the command line), sent to the core in order.
    pub keys: Vec<&'static str>,
    /// The command's own options, each at most once.
    pub options: &'static [&'static str],
    /// Older flag names and the vocabulary key each stands for (`--betas` for `beta`).
    pub aliases: &'static [(&'static str, &'static str)],
}

/// The options of `trajectory` and `steps` besides the vocabulary.
const RUN_OPTIONS: [&str; 2] = ["format", "preset"];
/// The amplification measure's own keys: the two gradients.
const GRADIENT_KEYS: [&str; 2] = ["g1", "g2"];

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
        },
        "amplification" => FlagSpec {
            keys: GRADIENT_KEYS
                .into_iter()
                .chain(amplification::KEYS.into_iter().filter(|k| *k != "range"))
                .collect(),
            options: &[],
            aliases: &[],
        },
        "figure" => return parse_figure(&mut parser),
        "help" => return Ok(Command::Help(help::general())),
        other => {
            return Err(format!(
                "unknown command `{other}`; the commands are trajectory, steps, amplification, \
                 figure"
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
        "amplification" => measure(pairs()).map_err(text),
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
    let Some(Flags { pairs, options }) = flags(parser, &spec)? else {
        return Ok(Command::Help(help::figure()));
    };
    let figure = figure::request(&kind, pairs, &options)?;
    Ok(Command::Figure(Box::new(figure)))
}

/// The flags of one command: vocabulary `--key value` pairs in order, and the command's own
/// options (each at most once).
pub struct Flags {
    /// Vocabulary keys (with `_`) and their values, in the order given.
    pub pairs: Vec<(String, String)>,
    /// The command's own options and their values.
    pub options: Vec<(String, String)>,
}

/// The value of option `name`, if given.
pub fn option<'a>(options: &'a [(String, String)], name: &str) -> Option<&'a str> {
    options
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// Reads the `--key value` flags of `spec`; `None` for `--help`.
fn flags(parser: &mut Parser, spec: &FlagSpec) -> Result<Option<Flags>, String> {
    let mut flags = Flags {
        pairs: Vec::new(),
        options: Vec::new(),
    };
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        let flag = match arg {
            Arg::Long("help") | Arg::Short('h') => return Ok(None),
            Arg::Long(flag) => flag.to_owned(),
            other => return Err(format!("unexpected {}", other.unexpected())),
        };
        let key = flag.replace('-', "_");
        let alias = spec.aliases.iter().find(|(old, _)| *old == flag);
        let target = if spec.options.contains(&flag.as_str()) {
            Target::Option
        } else if let Some(&(_, key)) = alias {
            Target::Key(key.to_owned())
        } else if spec.keys.contains(&key.as_str()) {
            Target::Key(key)
        } else {
            let mut names: Vec<String> = spec.keys.iter().map(|k| k.replace('_', "-")).collect();
            names.extend(spec.options.iter().map(|o| (*o).to_owned()));
            return Err(format!(
                "unknown option `--{flag}`; the options are {}",
                names.join(", ")
            ));
        };
        // `value()` takes the next argument even when it starts with `-`, so
        // `--start -15,20` works.
        let value = parser
            .value()
            .map_err(|_| format!("`--{flag}` needs a value"))?
            .string()
            .map_err(|_| format!("the value of `--{flag}` is not valid UTF-8"))?;
        match target {
            Target::Key(key) if key == "function" => {
                let source = function_file::read(&value)?;
                flags.pairs.push((key, source));
            }
            Target::Key(key) => flags.pairs.push((key, value)),
            Target::Option if flags.options.iter().any(|(k, _)| *k == flag) => {
                return Err(format!("`--{flag}` is given more than once"));
            }
            Target::Option => flags.options.push((flag, value)),
        }
    }
    Ok(Some(flags))
}

/// Where a flag's value goes.
enum Target {
    /// To the vocabulary pairs, under this key.
    Key(String),
    /// To the command's options.
    Option,
}

/// `descent amplification`: g1 and g2 required; β (a list; RMSProp's article default when
/// missing), η and ε as the amplification figure reads them.
fn measure<'a>(pairs: impl Iterator<Item = (&'a str, &'a str)>) -> Result<Command, ConfigError> {
    let (gradients, rest): (Vec<_>, Vec<_>) = pairs.partition(|(k, _)| GRADIENT_KEYS.contains(k));
    let gradient = |key: &str| -> Result<f64, ConfigError> {
        let mut given = gradients.iter().filter(|(k, _)| *k == key);
        let text = match (given.next(), given.next()) {
            (Some(&(_, text)), None) => text,
            (None, _) => {
                return Err(ConfigError::Missing {
                    key: key.to_owned(),
                })
            }
            (Some(_), Some(_)) => {
                return Err(ConfigError::Repeated {
                    key: key.to_owned(),
                })
            }
        };
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
    let g = [gradient("g1")?, gradient("g2")?];
    let beta_given = rest.iter().any(|(k, _)| *k == "beta");
    let mut config = AmplificationConfig::from_pairs(rest)?;
    if !beta_given {
        config.betas = vec![measure_default_beta()];
    }
    Ok(Command::Amplification { g, config })
}

/// The β of `descent amplification` without `--beta`: the article's RMSProp default (the
/// table has it; a test checks).
pub fn measure_default_beta() -> f64 {
    OptimizerKind::must("rmsprop")
        .default_of("beta", Convention::Article)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_measure_defaults_to_the_articles_beta() {
        assert_eq!(measure_default_beta(), 0.9);
    }
}
