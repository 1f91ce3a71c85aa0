//! Trajectories and sweeps as text: CSV (a header row of column names, one row per iteration
//! or cell) and JSON (one array per column, as the JS API returns them). The CLI prints these
//! and the page downloads them.

use crate::sweep::{SweepResult, STOP_COLUMN};
pub use crate::text::{json_string, number};
use crate::trajectory::{StopReason, Trajectory};

/// The trajectory as CSV: `t,w1,w2,error,g1,g2,…state` then one line per iteration; an
/// empty cell where a value does not exist (a curvature threshold of a sign-based form).
pub fn csv(trajectory: &Trajectory) -> String {
    let columns = trajectory.column_values();
    let mut out = trajectory.columns().join(",");
    out.push('\n');
    for i in 0..trajectory.rows.len() {
        let values: Vec<String> = columns.iter().map(|c| cell(c[i], "")).collect();
        out.push_str(&values.join(","));
        out.push('\n');
    }
    out
}

/// The trajectory as JSON: `{"t":[…],"w1":[…],…,"stopped":null|"why"}`, `null` where a
/// value does not exist.
pub fn json(trajectory: &Trajectory) -> String {
    let mut out = String::from("{");
    for (name, column) in trajectory.columns().iter().zip(trajectory.column_values()) {
        let values: Vec<String> = column.into_iter().map(|x| cell(x, "null")).collect();
        out.push_str(&format!("\"{name}\":[{}],", values.join(",")));
    }
    let stopped = trajectory
        .stop
        .map_or_else(|| "null".to_owned(), |s| json_string(&s.to_string()));
    out.push_str(&format!("\"stopped\":{stopped}}}\n"));
    out
}

/// A cell: a number, or nothing (CSV: an empty cell, JSON: `null`) where there is none (a
/// sweep's run without a row, whose E is NaN; a missing threshold).
fn cell(x: f64, missing: &str) -> String {
    if x.is_finite() {
        number(x)
    } else {
        missing.to_owned()
    }
}

/// The sweep as CSV: its columns (`start1,start2` or `x,y`, then `w1,w2,error,t,stop`, and
/// with `curvature` `pre_sharpness,threshold`) and one line per cell in cell order; `stop` is
/// empty or the reason's word, a number empty where it is missing (`error` where the start
/// itself is undefined, the curvature where a run diverged or its rule has no threshold).
pub fn sweep_csv(result: &SweepResult) -> String {
    let mut out = result.columns.join(",");
    out.push('\n');
    let columns = result.column_values();
    let rows = result.x.iter().zip(&result.y).zip(&result.summaries);
    for (index, ((&x, &y), s)) in rows.enumerate() {
        let reason = s.stop.map_or("", |s| s.reason().name());
        let mut cells = vec![
            number(x),
            number(y),
            cell(s.w[0], ""),
            cell(s.w[1], ""),
            cell(s.error, ""),
            s.t.to_string(),
            reason.to_owned(),
        ];
        cells.extend(
            columns[STOP_COLUMN + 1..]
                .iter()
                .map(|c| cell(c[index], "")),
        );
        out.push_str(&cells.join(","));
        out.push('\n');
    }
    out
}

/// The sweep as JSON: one array per column, `null` for a missing number or no stop reason:
/// `{"start1":[…],…,"t":[…],"stop":[null,"converged",…]}`.
pub fn sweep_json(result: &SweepResult) -> String {
    let columns = result.column_values();
    let mut fields = Vec::new();
    for (index, (name, column)) in result.columns.iter().zip(&columns).enumerate() {
        let values: Vec<String> = if index == STOP_COLUMN {
            let reason = |r: Option<StopReason>| {
                r.map_or_else(|| "null".to_owned(), |r| json_string(r.name()))
            };
            result.reasons().map(reason).collect()
        } else {
            column.iter().map(|&x| cell(x, "null")).collect()
        };
        fields.push(format!("\"{name}\":[{}]", values.join(",")));
    }
    format!("{{{}}}\n", fields.join(","))
}
