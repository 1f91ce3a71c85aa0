//! The race table of compare mode: per compared entry its steps to the tolerance, its final
//! error and why it stopped, sorted: runs that converged first (fewest steps first), then the
//! runs that took all their steps (lowest final E first), then the runs that diverged or went
//! where E is undefined (lowest final E first). Plain data; the page builds the table.

use std::cmp::Ordering;

use descent_core::sorting::sort_short_by;
use descent_core::{StopReason, Trajectory};

use super::format::{entry_of, number, short};

/// One row of the race table.
#[derive(Clone, Debug, PartialEq)]
pub struct RaceRow {
    /// The entry's label: `RMSProp (PyTorch)`.
    pub label: String,
    /// The steps it took to reach the tolerance, if it did.
    pub steps_to_tol: Option<usize>,
    /// E at its last row (NaN without a row).
    pub final_error: f64,
    /// Why it stopped, if it did.
    pub stop: Option<StopReason>,
    /// The iteration at which it stopped, or its last row's.
    pub last: usize,
}

impl RaceRow {
    /// The row of one run.
    pub fn of(run: &Trajectory) -> RaceRow {
        let summary = run.summary();
        let stop = summary.stop.map(|s| s.reason());
        RaceRow {
            label: entry_of(run).label(),
            steps_to_tol: (stop == Some(StopReason::Converged)).then_some(summary.t),
            final_error: summary.error,
            stop,
            last: summary.stop.map_or(summary.t, |s| s.step()),
        }
    }

    /// Where the row sorts: converged, then ran out, then stopped by a failure.
    fn group(&self) -> u8 {
        match self.stop {
            Some(StopReason::Converged) => 0,
            None => 1,
            Some(_) => 2,
        }
    }

    /// What the steps column says: the steps, or a dash (with why when there is no `tol`).
    pub fn steps_text(&self, tol: f64) -> String {
        match self.steps_to_tol {
            Some(t) => t.to_string(),
            None if tol == 0.0 => "— (set tol)".to_owned(),
            None => "—".to_owned(),
        }
    }

    /// What the final-E column says.
    pub fn error_text(&self) -> String {
        if self.final_error.is_nan() {
            "undefined".to_owned()
        } else {
            short(self.final_error)
        }
    }

    /// What the stop column says: `converged at step 412`, `ran all 300 steps`, `diverged at
    /// step 67`.
    pub fn stop_text(&self, tol: f64) -> String {
        match self.stop {
            Some(StopReason::Converged) => {
                format!("converged at step {} (|∇E| ≤ {})", self.last, number(tol))
            }
            Some(reason) => format!("{} at step {}", reason.name(), self.last),
            None => format!("ran all {} steps", self.last),
        }
    }
}

/// Orders two runs' rows: by group, then steps (converged) or final E (NaN last).
fn order(a: &RaceRow, b: &RaceRow) -> Ordering {
    let by_error = || {
        let key = |r: &RaceRow| (r.final_error.is_nan(), r.final_error);
        let (ka, kb) = (key(a), key(b));
        ka.0.cmp(&kb.0).then(ka.1.total_cmp(&kb.1))
    };
    a.group()
        .cmp(&b.group())
        .then(a.steps_to_tol.cmp(&b.steps_to_tol))
        .then_with(by_error)
}

/// The race table of `runs`, sorted (ties keep the runs' order).
pub fn race(runs: &[Trajectory]) -> Vec<RaceRow> {
    let mut rows: Vec<RaceRow> = runs.iter().map(RaceRow::of).collect();
    sort_short_by(&mut rows, order);
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::entry::Entry;
    use crate::model::trajectory::Settings;
    use descent_core::{Config, OptimizerKind};

    #[test]
    fn converged_runs_lead_by_steps_then_the_rest_by_final_error() {
        let mut s = Settings {
            steps: 3000,
            ..Settings::default()
        };
        s.set_tol("1e-3").expect("valid");
        for name in ["gd", "momentum", "rmsprop", "adam", "nesterov"] {
            s.set_compared(
                Entry::article(OptimizerKind::named(name).expect("in the table")),
                true,
            );
        }
        s.select(OptimizerKind::must("gd"));
        s.set_hyperparameter("lr", "1").expect("valid");
        let runs: Vec<Trajectory> = s.configs().iter().map(Config::run).collect();
        let rows = race(&runs);
        assert_eq!(rows.len(), 5);
        let groups: Vec<u8> = rows.iter().map(RaceRow::group).collect();
        assert!(groups.windows(2).all(|w| w[0] <= w[1]), "{rows:?}");
        assert_eq!(
            rows[4].label, "Gradient descent",
            "lr = 1 diverges: {rows:?}"
        );
        assert_eq!(rows[4].stop, Some(StopReason::Diverged));
        assert!(rows[4].stop_text(1e-3).starts_with("diverged at step "));
        for pair in rows.windows(2).filter(|w| w[0].group() == w[1].group()) {
            assert!(order(&pair[0], &pair[1]) != Ordering::Greater, "{pair:?}");
        }
        let converged: Vec<&RaceRow> = rows.iter().filter(|r| r.group() == 0).collect();
        assert!(converged.len() >= 2, "{rows:?}");
        for row in converged {
            assert_eq!(row.steps_text(1e-3), row.last.to_string());
            assert!(row.stop_text(1e-3).contains("(|∇E| ≤ 0.001)"));
        }
        let plain = RaceRow::of(&Config::article_example().run());
        assert_eq!(plain.steps_text(0.0), "— (set tol)");
        assert_eq!(plain.stop_text(0.0), "ran all 300 steps");
    }
}
