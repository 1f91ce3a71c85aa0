//! Compare mode's race table under the trajectory figure: one row per compared entry (its
//! steps to the tolerance, final E and why it stopped), sorted by the rules of
//! [`crate::model::race`], rebuilt as text whenever the runs change.

use descent_core::Trajectory;
use web_sys::{Document, Element};

use super::dom::{append, by_id, set_hidden};
use crate::error::WebError;
use crate::model::race::race;

/// The table's container `#race` and its body `#race-body`.
pub struct RaceTable {
    container: Element,
    body: Element,
}

impl RaceTable {
    /// Finds the table's elements.
    pub fn find(document: &Document) -> Result<RaceTable, WebError> {
        Ok(RaceTable {
            container: by_id(document, "race")?,
            body: by_id(document, "race-body")?,
        })
    }

    /// Shows the race of `runs` (with tolerance `tol`) in compare mode, hides it otherwise.
    pub fn show(&self, runs: &[Trajectory], tol: f64, compare: bool) -> Result<(), WebError> {
        set_hidden(&self.container, !compare);
        self.body.set_text_content(None);
        if !compare {
            return Ok(());
        }
        for (place, row) in race(runs).iter().enumerate() {
            let tr = append(&self.body, "tr", &[], "")?;
            append(&tr, "td", &[], &(place + 1).to_string())?;
            append(&tr, "th", &[("scope", "row")], &row.label)?;
            append(&tr, "td", &[], &row.steps_text(tol))?;
            append(&tr, "td", &[], &row.error_text())?;
            append(&tr, "td", &[], &row.stop_text(tol))?;
        }
        Ok(())
    }
}
