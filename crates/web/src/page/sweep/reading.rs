//! Reading a map: the tooltip of the cell under the pointer or the keyboard cursor (arrow
//! keys, Shift for ten cells), the run a click or Enter loads into the trajectory figure (only
//! from a map that is up to date and beside the trajectory figure), and the downloads.

use web_sys::{KeyboardEvent, MouseEvent};

use super::draw::MapDrawing;
use super::figure::MapFigure;
use crate::model::sweep_cells::{cell_at, cell_moved, cell_rect, cell_run, cell_text, CellRun};
use crate::page::dom::set_text;

impl MapFigure {
    /// The cell under the event, on the map shown.
    fn cell_of(&self, event: &MouseEvent) -> Option<usize> {
        let (config, _) = self.shown.as_ref()?;
        cell_at(config.grid, &self.frame?, self.shell.backing(event))
    }

    /// Shows the tooltip of `cell` next to CSS pixel (x, y), or hides it.
    fn show_cell(&mut self, cell: Option<usize>, (x, y): (i32, i32)) {
        self.cursor = cell.or(self.cursor);
        match (cell, &self.shown) {
            (Some(cell), Some((config, result))) => {
                self.shell
                    .show_tooltip(&cell_text(config, result, cell), x, y);
            }
            _ => self.shell.hide_tooltip(),
        }
        self.draw_marks();
    }

    pub(super) fn on_pointer_move(&mut self, event: &MouseEvent) {
        let cell = self.cell_of(event);
        self.show_cell(cell, (event.offset_x(), event.offset_y()));
    }

    pub(super) fn on_pointer_leave(&mut self) {
        self.shell.hide_tooltip();
    }

    /// The run the click at `event` loads: the cell's, on a map that is up to date and
    /// linked to the trajectory figure.
    pub(super) fn on_click(&mut self, event: &MouseEvent) -> Option<CellRun> {
        let cell = self.cell_of(event)?;
        self.cursor = Some(cell);
        self.draw_marks();
        self.loadable(cell)
    }

    /// The run of `cell` if it can be loaded now, or why not in the status line.
    fn loadable(&self, cell: usize) -> Option<CellRun> {
        let (config, result) = self.shown.as_ref()?;
        if !self.linked {
            return None;
        }
        if self.is_stale() {
            set_text(
                &self.el.status,
                "The map shown is not the one of the current inputs: its cells load once it is \
                 computed again.",
            );
            return None;
        }
        let text = cell_text(config, result, cell);
        let what = text.lines().next().unwrap_or_default();
        set_text(
            &self.el.status,
            &format!("Loaded the run with {what} into the trajectory figure."),
        );
        Some(cell_run(config, cell))
    }

    /// Arrow keys move the cursor a cell (Shift: ten), Enter or Space loads its run.
    pub(super) fn on_key(&mut self, event: &KeyboardEvent) -> Option<CellRun> {
        let grid = self.shown.as_ref()?.0.grid;
        let far = if event.shift_key() { 10 } else { 1 };
        let step = match event.key().as_str() {
            "ArrowLeft" => (-far, 0),
            "ArrowRight" => (far, 0),
            "ArrowUp" => (0, far),
            "ArrowDown" => (0, -far),
            "Enter" | " " => {
                event.prevent_default();
                return self.loadable(self.cursor?);
            }
            _ => return None,
        };
        event.prevent_default();
        let centre = grid[1] / 2 * grid[0] + grid[0] / 2;
        let cell = self.cursor.map_or(centre, |c| cell_moved(grid, c, step));
        let (config, frame) = (&self.shown.as_ref()?.0, self.frame?);
        let (x, y, w, h) = cell_rect(config.grid, &frame, cell);
        let ratio = self.shell.ratio;
        let at = (((x + w) / ratio) as i32, ((y + h) / ratio) as i32);
        self.show_cell(Some(cell), at);
        None
    }

    /// Offers the map as PNG (twice its size) or SVG.
    pub(super) fn download(&self, what: &str) {
        let Some((config, result)) = &self.shown else {
            return;
        };
        let ends = result.ends();
        let drawing = MapDrawing::new(config, Some(&ends), self.map.show);
        let size = self.shell.size;
        let done = if what == "png" {
            self.shell
                .download_png("descent-map.png", size, |layer, ratio| {
                    drawing.draw_layers(layer, layer, ratio).map(|_| ())
                })
        } else {
            self.shell.download_svg("descent-map.svg", size, |root| {
                drawing.draw_cells(root, 1.0).map(|_| ())
            })
        };
        if let Err(e) = done {
            self.fail(&e.status("export the map"));
        }
    }
}
