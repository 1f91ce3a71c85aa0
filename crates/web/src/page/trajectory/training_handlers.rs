//! The noise, data and schedule controls' handlers and their wiring: each reads its control,
//! applies a rule of [`crate::model::training`] (the core's validation and messages) and
//! redraws what changed; a data set changes the surface too. Bad input gets its message at the
//! control, and the figure keeps the last good settings.

use descent_core::data::neuron::Model;
use descent_core::data::DataSet;
use descent_core::training::schedule::ScheduleKind;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Event, EventTarget, FileReader};

use super::figure::{with_app, App};
use crate::error::WebError;
use crate::model::training::{is_builtin, next_seed, parse_pasted};
use crate::model::training_controls::{training_rows, NO_DATA, PASTED_DATA};
use crate::page::dom::{by_id, listen};

/// The largest file the upload reads: 10 000 rows of x,y are far smaller; a larger file is
/// refused before it is read.
const MAX_FILE_BYTES: f64 = 8.0 * 1024.0 * 1024.0;

thread_local! {
    /// The upload's `load` callback: made once, never dropped.
    static ON_LOAD: Closure<dyn FnMut(Event)> = Closure::new(|event: Event| {
        let text = event
            .target()
            .and_then(|t| t.dyn_into::<FileReader>().ok())
            .and_then(|reader| reader.result().ok())
            .and_then(|value| value.as_string());
        if let Some(text) = text {
            with_app(|a| a.on_file_text(&text));
        }
    });
}

impl App {
    /// A data set was fitted: show it and everything it moved (start, view), redraw all.
    fn data_changed(&mut self) {
        self.training_el.show_data(&self.state.settings);
        self.training_el
            .show_ghost_row(self.state.settings.training.is_noisy());
        self.el.show_preset(&self.state.settings);
        self.el.show_function(&self.state.settings);
        self.el.show_start(self.state.settings.start);
        self.state.position = None;
        self.redraw_surface();
        self.redraw_paths();
    }

    /// The data select changed: the function, a built-in set, or pasted data.
    fn on_data_choice(&mut self) {
        let choice = self.training_el.data.value();
        match choice.as_str() {
            NO_DATA => {
                self.state.settings.clear_data();
                self.data_changed();
            }
            PASTED_DATA => {
                self.training_el.show_data_paste(true);
                self.on_pasted();
            }
            name => {
                if let Some(Ok(set)) = DataSet::from_value(name) {
                    self.fit(set, None);
                }
            }
        }
    }

    /// Fits `set` with `model` (or its own), or shows why not.
    fn fit(&mut self, set: DataSet, model: Option<Model>) {
        match self.state.settings.set_data(set, model) {
            Ok(()) => self.data_changed(),
            Err(e) => self.training_el.show_data_error(Some(e.to_string())),
        }
    }

    /// The paste field changed: parse it, fit it, or show the first problem at the field.
    fn on_pasted(&mut self) {
        let text = self.training_el.text.value();
        if text.trim().is_empty() {
            let message = "paste CSV with a header line naming the columns x and y, then one \
                           row of numbers per line (or upload a file)";
            self.training_el.show_data_error(Some(message.to_owned()));
            return;
        }
        match parse_pasted(&text) {
            Ok(set) => {
                // Pasted data keeps the model chosen for pasted data before.
                let model = self
                    .state
                    .settings
                    .training
                    .data
                    .as_ref()
                    .filter(|d| !is_builtin(d.data()))
                    .map(|d| d.model());
                self.fit(set, model);
            }
            Err(e) => self.training_el.show_data_error(Some(e.to_string())),
        }
    }

    /// The upload read a file: put it into the paste field (unless it is refused) and fit it.
    pub(super) fn on_file_text(&mut self, text: &str) {
        match parse_pasted(text) {
            Ok(_) => {
                self.training_el.text.set_value(text);
                self.on_pasted();
            }
            Err(e) => self.training_el.show_data_error(Some(e.to_string())),
        }
    }

    /// A file was chosen: read it (or say why not).
    fn on_file(&mut self) {
        let Some(file) = self.training_el.file.files().and_then(|f| f.get(0)) else {
            return;
        };
        if file.size() > MAX_FILE_BYTES {
            let message = format!(
                "`{}` is {:.1} MB; the page reads CSV files up to {} MB (at most {} rows of x,y: \
                 use a sample of the data)",
                file.name(),
                file.size() / 1024.0 / 1024.0,
                MAX_FILE_BYTES / 1024.0 / 1024.0,
                descent_core::data::MAX_POINTS
            );
            self.training_el.show_data_error(Some(message));
            return;
        }
        let Ok(reader) = FileReader::new() else {
            return;
        };
        ON_LOAD.with(|load| reader.set_onload(Some(load.as_ref().unchecked_ref())));
        if let Err(e) = reader.read_as_text(&file) {
            self.training_el
                .show_data_error(Some(WebError::from(e).to_string()));
        }
    }

    /// The model select changed.
    fn on_model(&mut self) {
        let Some(model) = Model::named(&self.training_el.model.value()) else {
            return;
        };
        match self.state.settings.training.set_model(model) {
            Ok(()) => {
                self.state.settings.fit_home();
                self.data_changed();
            }
            Err(e) => {
                self.training_el.show_data_error(Some(e.to_string()));
                if let Some(d) = &self.state.settings.training.data {
                    self.training_el.model.set_value(d.model().name());
                }
            }
        }
    }

    /// The field of `noise`, `batch` or a schedule parameter changed.
    fn on_training_field(&mut self, key: &'static str) {
        let Some(control) = self.training_el.control(key) else {
            return;
        };
        let text = control.field.value();
        let steps = self.state.settings.steps;
        let training = &mut self.state.settings.training;
        let result = match key {
            "noise" | "batch" => training.set_sampling(key, &text),
            _ => training.schedule.set(key, &text, steps),
        };
        match result {
            Ok(()) => {
                control.show_error(None);
                self.training_el.show_slider(&self.state.settings, key);
                self.training_el
                    .show_ghost_row(self.state.settings.training.is_noisy());
                self.redraw_paths();
            }
            Err(e) => control.show_error(Some(e.to_string())),
        }
    }

    /// The slider of `noise`, `batch` or a schedule parameter moved.
    fn on_training_slider(&mut self, key: &'static str) {
        let Some(value) = self.training_el.slider_value(key) else {
            return;
        };
        if let Some(control) = self.training_el.control(key) {
            control.field.set_value(&value);
        }
        self.on_training_field(key);
    }

    /// The seed field changed.
    fn on_seed(&mut self) {
        let text = self.training_el.seed.value();
        match self.state.settings.training.set_sampling("seed", &text) {
            Ok(()) => {
                self.training_el.show_seed_error(None);
                self.redraw_paths();
            }
            Err(e) => self.training_el.show_seed_error(Some(e.to_string())),
        }
    }

    /// "Another seed": the next seed.
    fn on_seed_next(&mut self) {
        let seed = next_seed(self.state.settings.training.sampling.seed);
        self.training_el.seed.set_value(&seed.to_string());
        self.on_seed();
    }

    /// The ghost checkbox changed.
    fn on_ghost(&mut self) {
        self.state.settings.training.ghost = self.training_el.ghost.checked();
        self.redraw_paths();
    }

    /// The schedule select changed.
    fn on_schedule(&mut self) {
        if let Some(kind) = ScheduleKind::named(&self.training_el.schedule.value()) {
            self.state.settings.training.schedule.set_kind(kind);
            self.training_el.show_schedule(&self.state.settings);
            self.redraw_paths();
        }
    }
}

/// Calls `handler` on the figure at every `event` of `#id`.
fn on(document: &Document, id: &str, event: &str, handler: fn(&mut App)) -> Result<(), WebError> {
    let target: EventTarget = by_id(document, id)?;
    listen(&target, event, move |_: Event| with_app(handler));
    Ok(())
}

/// Wires the section's controls.
pub fn wire(document: &Document) -> Result<(), WebError> {
    on(document, "data", "change", App::on_data_choice)?;
    on(document, "data-text", "input", App::on_pasted)?;
    on(document, "data-file", "change", App::on_file)?;
    on(document, "model", "change", App::on_model)?;
    on(document, "seed", "input", App::on_seed)?;
    on(document, "seed-next", "click", App::on_seed_next)?;
    on(document, "ghost", "change", App::on_ghost)?;
    on(document, "schedule", "change", App::on_schedule)?;
    let keys = training_rows().into_iter().map(|r| r.key).chain(["batch"]);
    for key in keys {
        let field: EventTarget = by_id(document, key)?;
        listen(&field, "input", move |_: Event| {
            with_app(|a| a.on_training_field(key))
        });
        let slider: EventTarget = by_id(document, &format!("{key}-slider"))?;
        listen(&slider, "input", move |_: Event| {
            with_app(|a| a.on_training_slider(key))
        });
    }
    Ok(())
}
