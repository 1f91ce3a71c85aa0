//! Trajectories as CSV (a header row of column names, one row per iteration) or JSON (one
//! array per column, as the JS API returns them, plus `stopped`).

use std::io::{self, Write};

use descent_core::Trajectory;

/// The output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Comma-separated values with a header row.
    Csv,
    /// `{"t": [...], "w1": [...], ..., "stopped": null | "reason"}`.
    Json,
}

/// Writes `trajectory` in `format`. Numbers are written in Rust's shortest round-trip form.
pub fn write_trajectory(
    out: &mut impl Write,
    trajectory: &Trajectory,
    format: Format,
) -> io::Result<()> {
    let columns = trajectory.columns();
    match format {
        Format::Csv => {
            writeln!(out, "{}", columns.join(","))?;
            for row in &trajectory.rows {
                let values: Vec<String> = trajectory.values(row).into_iter().map(number).collect();
                writeln!(out, "{}", values.join(","))?;
            }
        }
        Format::Json => {
            let rows: Vec<Vec<f64>> = trajectory
                .rows
                .iter()
                .map(|r| trajectory.values(r))
                .collect();
            write!(out, "{{")?;
            for (i, name) in columns.iter().enumerate() {
                let values: Vec<String> = rows.iter().map(|r| number(r[i])).collect();
                write!(out, "\"{name}\":[{}],", values.join(","))?;
            }
            match trajectory.stop {
                Some(stop) => writeln!(out, "\"stopped\":{}}}", json_string(&stop.to_string()))?,
                None => writeln!(out, "\"stopped\":null}}")?,
            }
        }
    }
    Ok(())
}

/// A number in its shortest round-trip form; whole numbers without a fraction, very large
/// or small ones in exponent notation (valid in CSV and JSON alike).
fn number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x:?}")
    }
}

/// A JSON string literal.
fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
