//! Reading `--key value` flags (a switch such as `--curvature` without a value): which keys
//! and options a command takes, the pairs in order, `--function @FILE` read from its file.
//! One reader for every command.

use descent_core::vocabulary::Value;
use lexopt::{Arg, Parser, ValueExt};

use crate::function_file;

/// The flags a command accepts.
pub struct FlagSpec {
    /// Vocabulary keys (`_` written `-` on the command line), sent to the core in order.
    pub keys: Vec<&'static str>,
    /// The command's own options, each at most once.
    pub options: &'static [&'static str],
    /// Options that take no value (`--3d`), recorded among the options with the value `1`.
    pub switches: &'static [&'static str],
    /// Older flag names and the vocabulary key each stands for (`--betas` for `beta`).
    pub aliases: &'static [(&'static str, &'static str)],
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
pub fn flags(parser: &mut Parser, spec: &FlagSpec) -> Result<Option<Flags>, String> {
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
        if spec.switches.contains(&flag.as_str()) {
            if flags.options.iter().any(|(k, _)| *k == flag) {
                return Err(format!("`--{flag}` is given more than once"));
            }
            flags.options.push((flag, "1".to_owned()));
            continue;
        }
        let target = if spec.options.contains(&flag.as_str()) {
            Target::Option
        } else if let Some(&(_, key)) = alias {
            Target::Key(key.to_owned())
        } else if spec.keys.contains(&key.as_str()) {
            Target::Key(key)
        } else {
            // Twenty optimizers' keys make the full list too long for one line: name the
            // options that start like the flag, and point to --help for the rest.
            let names = spec.keys.iter().map(|k| k.replace('_', "-")).chain(
                spec.options
                    .iter()
                    .chain(spec.switches)
                    .map(|o| (*o).to_owned()),
            );
            let prefix: String = flag.chars().take(2).collect();
            let close: Vec<String> = names.filter(|n| n.starts_with(&prefix)).collect();
            let hint = if close.is_empty() || flag.is_empty() {
                String::new()
            } else {
                format!(" (did you mean {}?)", close.join(", "))
            };
            return Err(format!(
                "unknown option `--{flag}`{hint}; `--help` lists the options"
            ));
        };
        // A switch (`--curvature`) takes no value: it turns on.
        if let Target::Key(key) = &target {
            if descent_core::vocabulary::key(key).is_some_and(|k| matches!(k.value, Value::Switch))
            {
                flags.pairs.push((key.clone(), "1".to_owned()));
                continue;
            }
        }
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
