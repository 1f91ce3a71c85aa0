//! The 3-D view's controls, built into `#view3d-controls` from core's keys: a checkbox that
//! shows the surface in 3-D (`3d`) and, beside it while it is on, one for the log height
//! (`zscale`). Turning, zooming and resetting happen on the figure itself.

use descent_core::view3d::{self, Height, View3d};
use web_sys::{Document, Element, HtmlInputElement};

use crate::error::WebError;
use crate::page::dom::{by_id, checkbox_row, set_hidden};

/// The 3-D view's checkboxes.
pub struct SolidControls {
    /// `3d`: the surface in 3-D.
    pub shown: HtmlInputElement,
    /// `zscale=log`: heights by log E.
    pub log: HtmlInputElement,
    /// The row of the log height, hidden in 2-D.
    log_row: Element,
}

impl SolidControls {
    /// Builds the controls into `#view3d-controls`.
    pub fn build(document: &Document) -> Result<SolidControls, WebError> {
        let container: Element = by_id(document, "view3d-controls")?;
        checkbox_row(
            &container,
            view3d::SHOWN.key,
            "view3d",
            "3-D view of the surface: drag to turn it, the wheel or a pinch zooms",
        )?;
        let log_row = checkbox_row(
            &container,
            view3d::ZSCALE.key,
            "zscale-log",
            "Log height: raise the surface by log E (for values spanning decades)",
        )?;
        Ok(SolidControls {
            shown: by_id(document, "view3d")?,
            log: by_id(document, "zscale-log")?,
            log_row,
        })
    }

    /// Shows `view`'s settings.
    pub fn show(&self, view: &View3d) {
        self.shown.set_checked(view.shown);
        self.log.set_checked(view.height == Height::Log);
        set_hidden(&self.log_row, !view.shown);
    }

    /// The height scale the checkbox asks for.
    pub fn height(&self) -> Height {
        if self.log.checked() {
            Height::Log
        } else {
            Height::Linear
        }
    }
}
