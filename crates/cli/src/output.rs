//! Trajectories as CSV (a header row of column names, one row per iteration) or JSON (one
//! array per column, as the JS API returns them, plus `stopped`).

use std::io::{self, Write};

use descent_core::export;
pub use descent_core::export::number;
use descent_core::first_steps::updates;
use descent_core::{Convention, OptimizerKind, Trajectory};

/// Every state column of the optimizer table, once each: the conventions in order, and in
/// each the optimizers in table order (so the article's `m1, m2, s1, s2, v1, v2` come first,
/// where the first-steps table has always had them).
pub fn all_state_columns() -> Vec<&'static str> {
    let mut columns: Vec<&'static str> = Vec::new();
    for convention in Convention::ALL {
        for kind in OptimizerKind::all() {
            for &column in kind.state_columns(convention) {
                if !columns.contains(&column) {
                    columns.push(column);
                }
            }
        }
    }
    columns
}

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
            let state_columns = all_state_columns();
            header.extend(&state_columns);
            writeln!(out, "{}", header.join(","))?;
            for run in runs {
                let columns = run.columns();
                for (row, update) in run.rows.iter().zip(updates(run)) {
                    let values = run.values(row);
                    let mut cells = vec![run.optimizer.name().to_owned()];
                    cells.extend(values[..6].iter().map(|&x| number(x)));
                    cells.push(cell(update.map(|u| u[0])));
                    cells.push(cell(update.map(|u| u[1])));
                    for name in &state_columns {
                        let i = columns.iter().position(|c| c == name);
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
