//! The maps' controls: the kind and colour selects (options from the model's tables), the
//! grid field, the two axes of a map of hyperparameters (a select of the selected optimizer's
//! hyperparameters and a range field each), Draw and Cancel, the progress bar and the status
//! line; written from the settings, and messages shown where the key was typed.

use descent_core::sweep::SweepAxis;
use descent_core::Optimizer;
use descent_plot::scene::SweepColour;
use web_sys::HtmlSelectElement;
use web_sys::{Document, Element, HtmlElement, HtmlInputElement, HtmlProgressElement};

use crate::error::WebError;
use crate::model::sweep::{colour_label, grid_text, range_text, MapKind, MapSettings, Side};
use crate::page::dom::{append, by_id, set_hidden, set_invalid, set_text};

/// One axis's controls: which hyperparameter, its range, its message.
pub struct AxisControls {
    /// The hyperparameter select.
    pub key: HtmlSelectElement,
    /// The range field: `MIN:MAX` or `MIN:MAX:log`.
    pub range: HtmlInputElement,
    error: Element,
}

/// The maps' controls.
pub struct MapControls {
    /// The kind select.
    pub kind: HtmlSelectElement,
    /// The colouring select.
    pub show: HtmlSelectElement,
    /// The grid field.
    pub grid: HtmlInputElement,
    grid_error: Element,
    axes: Element,
    /// The x axis.
    pub x: AxisControls,
    /// The y axis.
    pub y: AxisControls,
    /// Draw map.
    pub draw: HtmlElement,
    progress_row: Element,
    progress: HtmlProgressElement,
    progress_text: Element,
    /// The live region.
    pub status: Element,
}

/// Fills the kind and colouring selects from the model's tables.
pub fn build(document: &Document) -> Result<(), WebError> {
    let kind: Element = by_id(document, "sweep-kind")?;
    for k in MapKind::ALL {
        append(&kind, "option", &[("value", k.name())], k.label())?;
    }
    let show: Element = by_id(document, "sweep-show")?;
    for colour in SweepColour::ALL {
        append(
            &show,
            "option",
            &[("value", colour.name())],
            colour_label(colour),
        )?;
    }
    Ok(())
}

impl AxisControls {
    fn find(document: &Document, side: Side) -> Result<AxisControls, WebError> {
        let id = format!("sweep-{}", side.key());
        Ok(AxisControls {
            key: by_id(document, &id)?,
            range: by_id(document, &format!("{id}-range"))?,
            error: by_id(document, &format!("{id}-error"))?,
        })
    }

    /// Lists `optimizer`'s hyperparameters and shows `axis`.
    fn show(&self, optimizer: &Optimizer, axis: &SweepAxis) {
        self.key.set_text_content(None);
        for (h, _) in optimizer.hyperparameters() {
            let text = format!("{} {} ({})", h.label, h.symbol, h.key);
            let _ = append(&self.key, "option", &[("value", h.key)], &text);
        }
        self.key.set_value(axis.hyperparameter.key);
        self.range.set_value(&range_text(axis));
        self.show_error(None);
    }

    /// Shows `error` under the axis (or clears it).
    pub fn show_error(&self, error: Option<&str>) {
        set_text(&self.error, error.unwrap_or(""));
        set_invalid(&self.range, error.is_some());
    }
}

impl MapControls {
    /// Finds the controls (after [`build`]).
    pub fn find(document: &Document) -> Result<MapControls, WebError> {
        Ok(MapControls {
            kind: by_id(document, "sweep-kind")?,
            show: by_id(document, "sweep-show")?,
            grid: by_id(document, "sweep-grid")?,
            grid_error: by_id(document, "sweep-grid-error")?,
            axes: by_id(document, "sweep-axes-controls")?,
            x: AxisControls::find(document, Side::X)?,
            y: AxisControls::find(document, Side::Y)?,
            draw: by_id(document, "sweep-draw")?,
            progress_row: by_id(document, "sweep-progress-row")?,
            progress: by_id(document, "sweep-progress")?,
            progress_text: by_id(document, "sweep-progress-text")?,
            status: by_id(document, "sweep-status")?,
        })
    }

    /// The controls of axis `side`.
    pub fn axis(&self, side: Side) -> &AxisControls {
        match side {
            Side::X => &self.x,
            Side::Y => &self.y,
        }
    }

    /// Writes `map` into the controls; the axes for `optimizer` (or its message).
    pub fn show(&self, map: &MapSettings, optimizer: &Optimizer) {
        self.kind.set_value(map.kind.name());
        self.show.set_value(map.show.name());
        self.grid.set_value(&grid_text(map.grid));
        self.show_error("grid", None);
        set_hidden(&self.axes, map.kind != MapKind::Params);
        match map.axes(optimizer) {
            Ok((x, y)) => {
                self.x.show(optimizer, &x);
                self.y.show(optimizer, &y);
            }
            Err(e) => {
                self.x.key.set_text_content(None);
                self.y.key.set_text_content(None);
                self.y.show_error(Some(&e.to_string()));
            }
        }
    }

    /// Shows `error` where key `key` is edited: the grid, an axis, or else the status line.
    pub fn show_error(&self, key: &str, error: Option<&str>) {
        match key {
            "grid" => {
                set_text(&self.grid_error, error.unwrap_or(""));
                set_invalid(&self.grid, error.is_some());
            }
            "x" => self.x.show_error(error),
            "y" => self.y.show_error(error),
            _ => {
                if let Some(error) = error {
                    set_text(&self.status, &format!("could not draw the map: {error}"));
                }
            }
        }
    }

    /// Clears every message.
    pub fn clear_errors(&self) {
        for key in ["grid", "x", "y"] {
            self.show_error(key, None);
        }
    }

    /// Shows the progress bar at `done` of `total` cells, or hides it (`None`).
    pub fn show_progress(&self, progress: Option<(usize, usize)>) {
        set_hidden(&self.progress_row, progress.is_none());
        if let Some((done, total)) = progress {
            let fraction = done as f64 / total.max(1) as f64;
            self.progress.set_value(fraction);
            set_text(
                &self.progress_text,
                &format!("{} % ({done} of {total} cells)", (fraction * 100.0).floor()),
            );
        }
    }

    /// Names the Draw button after what it does now.
    pub fn show_drawn(&self, on: bool) {
        set_text(&self.draw, if on { "Redraw map" } else { "Draw map" });
    }
}
