//! The maps' state on the page: the trajectory figure's run they follow, the map's settings,
//! the map drawn and the one being computed by the worker; requesting a map (cancelling the
//! one running when an input changed), progress, results, the controls' handlers and the URL.
//! Reading a map (hover, keyboard, clicks, downloads) is in [`super::reading`].

use descent_core::sweep::{parse_axis, parse_grid, SweepConfig};
use descent_plot::scene::SweepColour;
use descent_plot::Frame;
use plotters::prelude::*;
use web_sys::Document;

use super::controls::MapControls;
use super::draw::MapDrawing;
use super::worker::{MapWorker, Message};
use crate::compute;
use crate::error::WebError;
use crate::model::sweep::{covers, default_axis, MapKind, MapSettings, Side};
use crate::model::sweep_cells::{cell_rect, summary, MapResult};
use crate::model::sweep_url::encode_map;
use crate::model::trajectory::Settings;
use crate::model::trajectory_url::encode_run;
use crate::model::url::{FigureKind, Pairs};
use crate::page::bridge::{self, Share};
use crate::page::dom::{set_hidden, set_text, Layer, Slot};
use crate::page::shell::Shell;

thread_local! {
    pub(super) static FIGURE: Slot<MapFigure> = Slot::default();
}

/// Runs `f` on the figure, unless it is missing or busy.
pub(super) fn with_map(f: impl FnOnce(&mut MapFigure)) {
    FIGURE.with(|slot| slot.with(f));
}

/// Reads the figure, if the page has one.
pub fn read<R>(f: impl FnOnce(&MapFigure) -> R) -> Option<R> {
    FIGURE.with(|slot| slot.read(f))
}

/// The map's height over its width.
const ASPECT: f64 = 0.82;

/// The maps' state and layers.
pub struct MapFigure {
    pub(super) shell: Shell,
    raster: Layer,
    axes: Layer,
    marks: Layer,
    pub(super) el: MapControls,
    /// The trajectory figure's settings: the run every cell makes.
    pub(super) run: Settings,
    /// The map's settings.
    pub(super) map: MapSettings,
    /// Whether a map is shown (it then follows every change of its inputs).
    pub(super) on: bool,
    /// The map drawn: its sweep and where each run ended.
    pub(super) shown: Option<(SweepConfig, MapResult)>,
    /// The sweep being computed, with its job's id.
    pub(super) pending: Option<(u32, SweepConfig)>,
    /// The pending sweep's progress: cells done and all cells.
    pub(super) progress: (usize, usize),
    /// The map's data area in backing pixels, once drawn.
    pub(super) frame: Option<Frame>,
    /// The cell the keyboard (or the pointer) is on.
    pub(super) cursor: Option<usize>,
    worker: MapWorker,
    /// Whether the worker failed to start: maps are then computed on the page's thread.
    worker_failed: bool,
    /// Jobs sent so far.
    pub(super) jobs: u32,
    /// Whether the page has the trajectory figure, into which a cell's run loads.
    pub(super) linked: bool,
}

impl MapFigure {
    /// Finds the page's elements; the map follows `run` and shows `map` (drawn at once when
    /// given).
    pub(super) fn new(
        document: &Document,
        run: Settings,
        map: Option<MapSettings>,
        linked: bool,
    ) -> Result<MapFigure, WebError> {
        Ok(MapFigure {
            shell: Shell::new(document, "sweep", "sweep-tooltip")?,
            raster: Layer::new(document, "sweep-raster")?,
            axes: Layer::new(document, "sweep-axes")?,
            marks: Layer::new(document, "sweep-marks")?,
            el: MapControls::find(document)?,
            run,
            on: map.is_some(),
            map: map.unwrap_or_default(),
            shown: None,
            pending: None,
            progress: (0, 0),
            frame: None,
            cursor: None,
            worker: MapWorker::new(|message| with_map(|m| m.on_message(message))),
            worker_failed: false,
            jobs: 0,
            linked,
        })
    }

    /// Where maps are computed: `"worker"` (the Web Worker, once started), `"page"` (the
    /// worker could not start or failed: the page's thread) or `"none"` before the first map.
    pub fn computed_in(&self) -> &'static str {
        if self.worker_failed {
            "page"
        } else if self.jobs > 0 {
            "worker"
        } else {
            "none"
        }
    }

    /// The pixel ratio the figure was drawn at.
    pub fn ratio(&self) -> f64 {
        self.shell.ratio
    }

    /// Whether the map drawn is not the one its inputs ask for now (being recomputed, or
    /// cancelled before it was).
    pub fn is_stale(&self) -> bool {
        let wanted = self.map.sweep_config(&self.run).ok();
        match (&self.shown, wanted) {
            (Some((shown, _)), Some(wanted)) => !covers(shown, &wanted),
            (shown, wanted) => shown.is_some() || wanted.is_some(),
        }
    }

    /// Writes the settings into the controls.
    pub(super) fn show_controls(&self) {
        self.el.show(&self.map, &self.run.optimizer());
        self.el.show_drawn(self.on);
        set_hidden(&self.shell.stack, !self.on);
    }

    /// Measures the width and redraws.
    pub(super) fn resize(&mut self) {
        if !self.on {
            return;
        }
        let (width, height) = self
            .shell
            .measure(|w| (f64::from(w) * ASPECT).round() as u32);
        for layer in [&self.raster, &self.axes, &self.marks] {
            layer.resize(width, height, self.shell.ratio);
        }
        self.redraw();
    }

    /// Draws the map shown, or the axes of the one being computed.
    fn redraw(&mut self) {
        let ends = self.shown.as_ref().map(|(_, r)| r.ends());
        let config = match (&self.shown, &self.pending) {
            (Some((config, _)), _) => config,
            (None, Some((_, config))) => config,
            (None, None) => return,
        };
        let drawing = MapDrawing::new(config, ends.as_deref(), self.map.show);
        match drawing.draw_layers(&self.raster, &self.axes, self.shell.ratio) {
            Ok(frame) => self.frame = Some(frame),
            Err(e) => self.fail(&e.status("draw the map")),
        }
        self.draw_marks();
        let stale = self.shown.is_some() && self.is_stale();
        let _ = if stale {
            self.shell.stack.class_list().add_1("stale")
        } else {
            self.shell.stack.class_list().remove_1("stale")
        };
    }

    /// Outlines the cursor's cell.
    pub(super) fn draw_marks(&self) {
        self.marks.clear();
        let (Some((config, _)), Some(frame), Some(cursor)) = (&self.shown, self.frame, self.cursor)
        else {
            return;
        };
        let (x, y, w, h) = cell_rect(config.grid, &frame, cursor);
        let Ok(area) = self.marks.area_keep() else {
            return;
        };
        let width = (2.0 * self.shell.ratio).round() as u32;
        let corners = [(x as i32, y as i32), ((x + w) as i32, (y + h) as i32)];
        let _ = area.draw(&Rectangle::new(corners, BLACK.stroke_width(width.max(1))));
        let _ = area.present();
    }

    /// Says in the status line (and the console) what went wrong.
    pub(super) fn fail(&self, message: &str) {
        web_sys::console::error_1(&message.into());
        set_text(&self.el.status, message);
    }

    /// Asks for the map of the current inputs: a message at its control if they are not
    /// valid; a redraw if it is the map shown (a new colouring); otherwise the running job is
    /// replaced by a new one.
    pub(super) fn request(&mut self) {
        if !self.on {
            return;
        }
        let config = match self.map.sweep_config(&self.run) {
            Ok(config) => config,
            Err(e) => {
                self.cancel_pending();
                self.el.show_error(e.key(), Some(&e.to_string()));
                return;
            }
        };
        self.el.clear_errors();
        if self.shown.as_ref().is_some_and(|(c, _)| covers(c, &config)) {
            self.cancel_pending();
            self.redraw();
            return;
        }
        if self.pending.as_ref().is_some_and(|(_, c)| *c == config) {
            return;
        }
        self.cancel_pending();
        self.start(config);
    }

    /// Sends `config` to the worker (or, if it cannot start, computes it here).
    fn start(&mut self, config: SweepConfig) {
        self.jobs += 1;
        let id = self.jobs;
        let cells = config.cells();
        let pairs = self.map.sweep_pairs(&self.run).unwrap_or_default();
        self.pending = Some((id, config.clone()));
        self.progress = (0, cells);
        self.el.show_progress(Some(self.progress));
        set_text(&self.el.status, "Computing the map…");
        if self.worker_failed || self.worker.run(id, &pairs).is_err() {
            self.worker_failed = true;
            let result = compute::sweep(config);
            self.on_message(Message::Result {
                id,
                columns: result.column_values(),
            });
            return;
        }
        self.redraw();
    }

    /// Stops the job running, if any.
    fn cancel_pending(&mut self) {
        if let Some((id, _)) = self.pending.take() {
            self.worker.cancel(id);
            self.el.show_progress(None);
        }
    }

    /// What the worker says.
    pub(super) fn on_message(&mut self, message: Message) {
        let current = self.pending.as_ref().map(|(id, _)| *id);
        match message {
            Message::Progress { id, done, total } if Some(id) == current => {
                self.progress = (done, total);
                self.el.show_progress(Some(self.progress));
            }
            Message::Result { id, columns } if Some(id) == current => {
                let Some((_, config)) = self.pending.take() else {
                    return;
                };
                self.el.show_progress(None);
                self.progress = (config.cells(), config.cells());
                match MapResult::from_columns(&config, columns) {
                    Ok(result) => {
                        set_text(&self.el.status, &summary(&config, &result));
                        self.cursor = self.cursor.filter(|&c| c < config.cells());
                        self.shown = Some((config, result));
                        self.redraw();
                    }
                    Err(e) => self.fail(&format!("could not read the map: {e}")),
                }
            }
            Message::Error { id, message } if Some(id) == current => {
                self.pending = None;
                self.el.show_progress(None);
                self.fail(&format!("could not compute the map: {message}"));
            }
            Message::Failed { message } => self.on_worker_failed(&message),
            _ => {}
        }
    }

    /// The worker could not load or failed: compute here from now on.
    fn on_worker_failed(&mut self, message: &str) {
        web_sys::console::error_1(&format!("the map's worker failed: {message}").into());
        self.worker.stop();
        self.worker_failed = true;
        if let Some((_, config)) = self.pending.take() {
            self.start(config);
        }
    }

    /// The Cancel button: stops the map being computed; the map drawn stays, marked stale.
    pub(super) fn on_cancel(&mut self) {
        if self.pending.is_some() {
            self.cancel_pending();
            set_text(
                &self.el.status,
                "Map cancelled: it shows the last map computed. Press Redraw map, or change an \
                 input, to compute it again.",
            );
        }
    }

    /// The Draw button: shows the map and computes it.
    pub(super) fn on_draw(&mut self) {
        let first = !self.on;
        self.on = true;
        self.show_controls();
        if first {
            self.resize();
        }
        self.request();
        self.publish(true);
    }

    /// The trajectory figure changed: follow its run.
    pub(super) fn on_settings(&mut self, settings: &Settings) {
        let optimizer_changed = settings.optimizer().kind() != self.run.optimizer().kind()
            || settings.selected != self.run.selected;
        self.run = settings.clone();
        if optimizer_changed {
            self.el.show(&self.map, &self.run.optimizer());
        }
        self.request();
        self.publish(false);
    }

    pub(super) fn on_kind(&mut self) {
        if let Some(kind) = MapKind::named(&self.el.kind.value()) {
            self.map.kind = kind;
            self.changed();
        }
    }

    pub(super) fn on_show(&mut self) {
        if let Some(show) = SweepColour::named(&self.el.show.value()) {
            self.map.show = show;
            self.changed();
        }
    }

    /// The grid changed: kept if the map it makes is valid (not too much work for one map).
    pub(super) fn on_grid(&mut self) {
        let candidate = parse_grid(&self.el.grid.value()).and_then(|grid| {
            let map = MapSettings { grid, ..self.map };
            match map.sweep_config(&self.run) {
                Err(e) if e.key() == "grid" => Err(e),
                _ => Ok(map),
            }
        });
        match candidate {
            Ok(map) => {
                self.map = map;
                self.el.show_error("grid", None);
                self.request();
                self.publish(true);
            }
            Err(e) => self.el.show_error("grid", Some(&e.to_string())),
        }
    }

    /// Axis `side`'s hyperparameter changed: it takes that hyperparameter's default range.
    pub(super) fn on_axis_key(&mut self, side: Side) {
        let optimizer = self.run.optimizer();
        let key = self.el.axis(side).key.value();
        let Some((h, _)) = optimizer.hyperparameters().find(|(h, _)| h.key == key) else {
            return;
        };
        self.map.set_axis(side, default_axis(h), &optimizer);
        self.changed();
    }

    /// Axis `side`'s range changed.
    pub(super) fn on_axis_range(&mut self, side: Side) {
        let optimizer = self.run.optimizer();
        let controls = self.el.axis(side);
        let text = format!("{}={}", controls.key.value(), controls.range.value());
        match parse_axis(side.key(), &text, &optimizer) {
            Ok(axis) => {
                controls.show_error(None);
                self.map.set_axis(side, axis, &optimizer);
                self.request();
                self.publish(true);
            }
            Err(e) => controls.show_error(Some(&e.to_string())),
        }
    }

    /// A setting changed: show it, recompute or redraw, publish.
    fn changed(&mut self) {
        self.el.show(&self.map, &self.run.optimizer());
        self.request();
        self.publish(true);
    }

    /// The map figure's link: the trajectory figure's run and the map's keys.
    fn pairs(&self) -> Pairs {
        let mut pairs = encode_run(&self.run);
        pairs.extend(encode_map(&self.map));
        pairs
    }

    /// Remembers the map's link for Copy link and Embed, attaches the map's keys to the
    /// trajectory figure's links while a map is shown, and with `write` updates the URL.
    pub(super) fn publish(&self, write: bool) {
        bridge::share(&Share::Remember(FigureKind::Sweep, self.pairs()));
        if !self.linked {
            if write {
                bridge::share(&Share::Changed(FigureKind::Sweep, self.pairs()));
            }
            return;
        }
        let attached = if self.on {
            encode_map(&self.map)
        } else {
            Vec::new()
        };
        bridge::share(&Share::Attach(FigureKind::Trajectory, attached, write));
    }
}
