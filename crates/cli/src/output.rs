//! Trajectories as CSV (a header row of column names, one row per iteration) or JSON (one
//! array per column, as the JS API returns them, plus `stopped`).

use std::io::{self, Write};

use descent_core::export;
pub use descent_core::export::number;
use descent_core::first_steps::updates;
use descent_core::Trajectory;

/// The state columns of every optimizer, in the order the first-steps table uses.
const ALL_STATE_COLUMNS: [&str; 6] = ["m1", "m2", "s1", "s2", "v1", "v2"];

/// The output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Comma-separated values with a header row.
    Csv,
    /// `{"t": [...], "w1": [...], ..., "stopped": null | "reason"}`.
    Json,
}

/// Writes `trajectory` in `format` (the core's one definition of both formats).
pub fn write_trajectory(
    out: &mut impl Write,
    trajectory: &Trajectory,
    format: Format,
) -> io::Result<()> {
    match format {
        Format::Csv => out.write_all(export::csv(trajectory).as_bytes()),
        Format::Json => out.write_all(export::json(trajectory).as_bytes()),
    }
}

/// Writes the first-steps table of two runs: per row the optimizer, the trajectory columns,
/// the update vector `update1, update2` = w(t−1) − w(t) (empty at t = 0), and every state
/// column (empty where the optimizer has none). JSON: an array of one object per run, each
/// as `trajectory --format json` plus `optimizer`, `update1`, `update2`.
pub fn write_steps(out: &mut impl Write, runs: &[Trajectory], format: Format) -> io::Result<()> {
    let cell = |x: Option<f64>| x.map_or_else(String::new, number);
    match format {
        Format::Csv => {
            let mut header = vec!["optimizer"];
            header.extend(descent_core::trajectory::BASE_COLUMNS);
            header.extend(["update1", "update2"]);
            header.extend(ALL_STATE_COLUMNS);
            writeln!(out, "{}", header.join(","))?;
            for run in runs {
                let columns = run.columns();
                for (row, update) in run.rows.iter().zip(updates(run)) {
                    let values = run.values(row);
                    let mut cells = vec![run.optimizer.name().to_owned()];
                    cells.extend(values[..6].iter().map(|&x| number(x)));
                    cells.push(cell(update.map(|u| u[0])));
                    cells.push(cell(update.map(|u| u[1])));
                    for name in ALL_STATE_COLUMNS {
                        let i = columns.iter().position(|c| *c == name);
                        cells.push(cell(i.map(|i| values[i])));
                    }
                    writeln!(out, "{}", cells.join(","))?;
                }
            }
        }
        Format::Json => {
            write!(out, "[")?;
            for (i, run) in runs.iter().enumerate() {
                let mut object = Vec::new();
                write_trajectory(&mut object, run, Format::Json)?;
                let text = String::from_utf8_lossy(&object);
                let updates = updates(run);
                let column = |k: usize| {
                    updates
                        .iter()
                        .map(|u| u.map_or_else(|| "null".to_owned(), |u| number(u[k])))
                        .collect::<Vec<_>>()
                        .join(",")
                };
                let body = text.trim().trim_start_matches('{');
                write!(
                    out,
                    "{}{{\"optimizer\":\"{}\",\"update1\":[{}],\"update2\":[{}],{body}",
                    if i > 0 { "," } else { "" },
                    run.optimizer.name(),
                    column(0),
                    column(1)
                )?;
            }
            writeln!(out, "]")?;
        }
    }
    Ok(())
}
