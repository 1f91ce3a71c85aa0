//! `descent sweep starts|params`: one optimizer run from every cell of a grid (of start points
//! over a view, or of two hyperparameters over ranges), printed as one row per cell. The keys
//! are validated by the core's `SweepConfig`, as the JS API's.

use descent_core::config::MAX_STEPS;
use descent_core::export;
use descent_core::sweep::{self, SweepConfig, DEFAULT_GRID, MAX_GRID, MAX_WORK};
use descent_core::vocabulary;
use lexopt::{Arg, Parser, ValueExt};

use crate::flags::{flags, option, FlagSpec, Flags};
use crate::output::Format;
use crate::preset;

/// The sweep keys given as flags (`kind` is the command's first word).
const FLAG_KEYS: [&str; 4] = ["view", "grid", "x", "y"];

/// The flags of `descent sweep KIND`: the run keys and the sweep's own.
pub fn keys() -> Vec<&'static str> {
    let mut keys = vocabulary::keys();
    keys.extend(FLAG_KEYS);
    keys
}

/// Reads the kind of sweep, the next word; `None` for `--help` or nothing.
pub fn kind(parser: &mut Parser) -> Result<Option<String>, String> {
    let kind = match parser.next().map_err(|e| e.to_string())? {
        Some(Arg::Long("help") | Arg::Short('h')) | None => return Ok(None),
        Some(Arg::Value(kind)) => kind.string().map_err(|e| e.to_string())?,
        Some(other) => {
            return Err(format!(
                "`sweep` needs a kind first ({}), found {}",
                sweep::KINDS.join(" or "),
                other.unexpected()
            ))
        }
    };
    if sweep::KINDS.contains(&kind.as_str()) {
        Ok(Some(kind))
    } else {
        Err(format!(
            "unknown sweep `{kind}`; the sweeps are {}",
            sweep::KINDS.join(", ")
        ))
    }
}

/// Parses `descent sweep KIND [OPTIONS]` after the word `sweep`: the sweep and its output
/// format, or `None` for `--help`.
pub fn parse(parser: &mut Parser) -> Result<Option<(SweepConfig, Format)>, String> {
    let Some(kind) = kind(parser)? else {
        return Ok(None);
    };
    let spec = FlagSpec {
        keys: keys(),
        options: &["format", "preset"],
        aliases: &[],
        switches: &[],
    };
    let Some(Flags { mut pairs, options }) = flags(parser, &spec)? else {
        return Ok(None);
    };
    preset::apply_to_sweep(&mut pairs, option(&options, "preset"), &kind)?;
    let format = match option(&options, "format") {
        None | Some("csv") => Format::Csv,
        Some("json") => Format::Json,
        Some(_) => return Err("`--format` must be csv or json".to_owned()),
    };
    let pairs = std::iter::once(("kind", kind.as_str()))
        .chain(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let config = SweepConfig::from_pairs(pairs).map_err(|e| e.to_string())?;
    Ok(Some((config, format)))
}

/// Runs the sweep and its text in `format`.
pub fn output(config: &SweepConfig, format: Format) -> String {
    let result = config.run();
    match format {
        Format::Csv => export::sweep_csv(&result),
        Format::Json => export::sweep_json(&result),
    }
}

/// `descent sweep --help`.
pub fn help() -> String {
    format!(
        "descent sweep starts --view W1MIN,W1MAX,W2MIN,W2MAX [--grid N[,M]] [TRAJECTORY OPTIONS]\n\
         descent sweep params --x KEY=MIN:MAX[:log] --y KEY=MIN:MAX[:log] [--grid N[,M]]\n\
         \x20                    [--start W1,W2] [TRAJECTORY OPTIONS]\n\
         \x20                    [--format csv|json]\n\n\
         Runs the optimizer from every cell of an N × M grid (default {DEFAULT_GRID} × \
         {DEFAULT_GRID}, at most\n\
         {MAX_GRID} a side) and prints one row per cell, ordered by the y axis then the x axis,\n\
         each from the cell's centre: x = MIN + (i + 1/2)·(MAX − MIN)/N, or on a log axis the\n\
         geometric centre.\n\
         \x20 starts  the start point varies over the view; columns start1, start2, w1, w2,\n\
         \x20         error, t, stop\n\
         \x20 params  two hyperparameters of the optimizer vary (x along N cells, y along M),\n\
         \x20         from --start (default as for trajectory); columns x, y, w1, w2, error,\n\
         \x20         t, stop\n\
         w1, w2 and error are the run's last row, t its iteration (the steps taken) and stop\n\
         why it ended early: empty, converged (|∇E| ≤ --tol), diverged or undefined (error is\n\
         then empty if the start itself is undefined). Each row equals the last row of\n\
         `descent trajectory` with the same options from that cell. With --curvature, two more\n\
         columns, pre_sharpness and threshold, hold that last row's curvature columns (empty\n\
         where a run diverged or its rule has no threshold).\n\n\
         --preset NAME sets the function and, for a sweep of starts, the view (for params, the\n\
         start), as for trajectory; the flags given win.\n\
         TRAJECTORY OPTIONS are those of `descent trajectory` (--function, --optimizer,\n\
         --convention, the hyperparameters, --steps up to {MAX_STEPS}, --tol); a swept\n\
         hyperparameter is not given on its own. A sweep takes at most {MAX_WORK} steps in all\n\
         (cells × steps).\n\n"
    )
}
