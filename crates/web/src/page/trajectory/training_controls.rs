//! The trajectory figure's noise, data and schedule controls: built from core's tables into
//! the page's `#training` container (data set, model, pasted or uploaded CSV, batch size,
//! noise σ, seed, the noiseless ghost, schedule and its parameters), found by id, and written
//! from the settings. Rows a run does not use are hidden: the model and batch size without a
//! data set, the parameters the chosen schedule does not take.

use std::cell::Cell;

use descent_core::optimizer::SliderScale;
use descent_core::training::schedule::PARAMETERS;
use web_sys::{Document, Element, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};

use super::controls::{build_row, fill, NumberControl};
use crate::error::WebError;
use crate::model::format::number;
use crate::model::training::{data_summary, is_builtin, link_limit_message, pasted_text};
use crate::model::training_controls::{
    batch_row, data_choices, data_help, key_help, model_choices, schedule_choices, training_rows,
    NO_DATA, PASTED_DATA,
};
use crate::model::trajectory::Settings;
use crate::page::dom::{append, by_id, checkbox_row, set_hidden, set_invalid, set_text};

/// Appends a labelled select `#id` for vocabulary key `key` to `parent`.
fn select_row(parent: &Element, id: &str, key: &str, label: &str) -> Result<Element, WebError> {
    let row = append(
        parent,
        "div",
        &[
            ("class", "control"),
            ("id", &format!("{id}-row")),
            ("data-key", key),
        ],
        "",
    )?;
    let text = append(&row, "label", &[("for", id)], &format!("{label} "))?;
    append(&text, "span", &[("class", "key")], key)?;
    append(
        &row,
        "select",
        &[("id", id), ("aria-describedby", &format!("{id}-help"))],
        "",
    )?;
    append(
        &row,
        "p",
        &[("id", &format!("{id}-help")), ("class", "help")],
        "",
    )?;
    Ok(row)
}

/// Builds the data set's controls: the set, its model, the paste field and the upload.
fn build_data(document: &Document, container: &Element) -> Result<(), WebError> {
    let row = select_row(container, "data", "data", "Data set")?;
    fill(&by_id(document, "data")?, &data_choices())?;
    let paste = append(&row, "div", &[("id", "data-paste"), ("hidden", "")], "")?;
    append(
        &paste,
        "label",
        &[("class", "sub"), ("for", "data-text")],
        "CSV with a header x,y (pasted, or read from a file below)",
    )?;
    append(
        &paste,
        "textarea",
        &[
            ("id", "data-text"),
            ("rows", "5"),
            ("spellcheck", "false"),
            ("placeholder", "x,y\n-1,0.5\n0,1.2\n1,2.9"),
            ("aria-describedby", "data-error data-note"),
        ],
        "",
    )?;
    let upload = append(
        &paste,
        "label",
        &[("class", "sub upload")],
        "Upload a CSV file ",
    )?;
    append(
        &upload,
        "input",
        &[
            ("id", "data-file"),
            ("type", "file"),
            ("accept", ".csv,text/csv,text/plain"),
        ],
        "",
    )?;
    append(
        &row,
        "p",
        &[
            ("id", "data-error"),
            ("class", "error"),
            ("aria-live", "polite"),
        ],
        "",
    )?;
    append(&row, "p", &[("id", "data-note"), ("class", "help")], "")?;
    let model = select_row(container, "model", "model", "Model")?;
    set_hidden(&model, true);
    fill(&by_id(document, "model")?, &model_choices())?;
    Ok(())
}

/// Builds every control of the section into `#training`.
pub fn build(document: &Document) -> Result<(), WebError> {
    let container: Element = by_id(document, "training")?;
    build_data(document, &container)?;
    build_row(&container, &batch_row(2))?;
    let rows = training_rows();
    let (noise, schedule_rows) = rows.split_at(1);
    build_row(&container, &noise[0])?;
    let seed = append(
        &container,
        "div",
        &[
            ("class", "control"),
            ("id", "param-seed"),
            ("data-key", "seed"),
        ],
        "",
    )?;
    let label = append(&seed, "label", &[("for", "seed")], "Seed ")?;
    append(&label, "span", &[("class", "key")], "seed")?;
    let pair = append(&seed, "div", &[("class", "pair")], "")?;
    append(
        &pair,
        "button",
        &[("type", "button"), ("id", "seed-next")],
        "Another seed",
    )?;
    append(
        &pair,
        "input",
        &[
            ("id", "seed"),
            ("type", "text"),
            ("inputmode", "numeric"),
            ("aria-describedby", "seed-error seed-help"),
        ],
        "",
    )?;
    append(
        &seed,
        "p",
        &[("id", "seed-help"), ("class", "help")],
        key_help("seed"),
    )?;
    append(
        &seed,
        "p",
        &[
            ("id", "seed-error"),
            ("class", "error"),
            ("aria-live", "polite"),
        ],
        "",
    )?;
    let ghost = checkbox_row(
        &container,
        "ghost",
        "ghost",
        "Show the noiseless path (exact gradients), dashed",
    )?;
    ghost.set_id("ghost-row");
    select_row(&container, "schedule", "schedule", "Learning-rate schedule")?;
    fill(&by_id(document, "schedule")?, &schedule_choices())?;
    for row in schedule_rows {
        build_row(&container, row)?;
    }
    Ok(())
}

/// The section's elements.
pub struct TrainingControls {
    /// The data set select.
    pub data: HtmlSelectElement,
    data_help: Element,
    paste: Element,
    /// The paste field.
    pub text: HtmlTextAreaElement,
    /// The file upload.
    pub file: HtmlInputElement,
    data_error: Element,
    data_note: Element,
    model_row: Element,
    /// The model select.
    pub model: HtmlSelectElement,
    model_help: Element,
    /// The batch size's controls.
    pub batch: NumberControl,
    /// The batch slider's scale (1 to the data set's N).
    pub batch_scale: Cell<SliderScale>,
    /// The noise σ's controls.
    pub noise: NumberControl,
    /// The seed field.
    pub seed: HtmlInputElement,
    seed_error: Element,
    ghost_row: Element,
    /// The ghost checkbox.
    pub ghost: HtmlInputElement,
    /// The schedule select.
    pub schedule: HtmlSelectElement,
    schedule_help: Element,
    /// Every schedule parameter's controls, by key.
    pub parameters: Vec<(&'static str, NumberControl)>,
}

impl TrainingControls {
    /// Finds the controls (after [`build`]).
    pub fn find(document: &Document) -> Result<TrainingControls, WebError> {
        let parameters = PARAMETERS
            .iter()
            .map(|p| Ok((p.key, NumberControl::find(document, p.key)?)))
            .collect::<Result<Vec<_>, WebError>>()?;
        Ok(TrainingControls {
            data: by_id(document, "data")?,
            data_help: by_id(document, "data-help")?,
            paste: by_id(document, "data-paste")?,
            text: by_id(document, "data-text")?,
            file: by_id(document, "data-file")?,
            data_error: by_id(document, "data-error")?,
            data_note: by_id(document, "data-note")?,
            model_row: by_id(document, "model-row")?,
            model: by_id(document, "model")?,
            model_help: by_id(document, "model-help")?,
            batch: NumberControl::find(document, "batch")?,
            batch_scale: Cell::new(batch_row(2).scale),
            noise: NumberControl::find(document, "noise")?,
            seed: by_id(document, "seed")?,
            seed_error: by_id(document, "seed-error")?,
            ghost_row: by_id(document, "ghost-row")?,
            ghost: by_id(document, "ghost")?,
            schedule: by_id(document, "schedule")?,
            schedule_help: by_id(document, "schedule-help")?,
            parameters,
        })
    }

    /// The controls of schedule parameter `key`.
    pub fn parameter(&self, key: &str) -> Option<&NumberControl> {
        self.parameters
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, c)| c)
    }

    /// Writes the training settings into the controls (messages cleared).
    pub fn show(&self, s: &Settings) {
        self.show_data(s);
        self.show_sampling(s);
        self.show_schedule(s);
    }

    /// Writes the data set, its model and the batch size.
    pub fn show_data(&self, s: &Settings) {
        let training = &s.training;
        let data = training.data.as_ref();
        let choice = match data {
            None => NO_DATA,
            Some(d) if is_builtin(d.data()) => d.data().source.as_str(),
            Some(_) => PASTED_DATA,
        };
        self.data.set_value(choice);
        set_text(&self.data_help, &data_help(choice));
        self.show_data_error(None);
        if let Some(d) = data.filter(|d| !is_builtin(d.data())) {
            if self.text.value().trim().is_empty() {
                self.text.set_value(&pasted_text(d.data()));
            }
        }
        set_hidden(&self.paste, choice != PASTED_DATA);
        self.show_data_note(s);
        set_hidden(&self.model_row, data.is_none());
        set_hidden(&self.batch.row, data.is_none());
        if let Some(d) = data {
            self.model.set_value(d.model().name());
            set_text(&self.model_help, d.model().spec().loss);
            self.batch_scale.set(batch_row(d.len()).scale);
            let b = training.sampling.batch.unwrap_or(d.len());
            self.batch.field.set_value(&b.to_string());
            self.show_batch_slider(b);
        }
        self.batch.show_error(None);
    }

    /// Writes the noise σ, the seed and the ghost.
    pub fn show_sampling(&self, s: &Settings) {
        let training = &s.training;
        let noise = training.sampling.noise;
        self.noise.field.set_value(&number(noise));
        let position = descent_core::training::sampling::NOISE
            .slider
            .position(noise);
        self.noise.slider.set_value(&position.to_string());
        self.noise.show_error(None);
        self.seed.set_value(&training.sampling.seed.to_string());
        self.show_seed_error(None);
        self.ghost.set_checked(training.ghost);
        self.show_ghost_row(training.is_noisy());
    }

    /// Writes the schedule and the parameters it takes (hiding the others).
    pub fn show_schedule(&self, s: &Settings) {
        let kind = s.training.schedule.kind();
        self.schedule.set_value(kind.name());
        set_text(&self.schedule_help, key_help("schedule"));
        let schedule = s.training.schedule.schedule(s.steps);
        for (key, control) in &self.parameters {
            let taken = kind.takes(key);
            set_hidden(&control.row, !taken);
            if taken {
                self.show_parameter(key, schedule.value(key));
            }
            control.show_error(None);
        }
    }

    /// Shows or hides the paste field.
    pub fn show_data_paste(&self, shown: bool) {
        set_hidden(&self.paste, !shown);
    }

    /// The controls of `noise`, `batch` or a schedule parameter.
    pub fn control(&self, key: &str) -> Option<&NumberControl> {
        match key {
            "noise" => Some(&self.noise),
            "batch" => Some(&self.batch),
            _ => self.parameter(key),
        }
    }

    /// The slider scale of `noise`, `batch` or a schedule parameter.
    fn scale(&self, key: &str) -> Option<SliderScale> {
        match key {
            "noise" => Some(descent_core::training::sampling::NOISE.slider),
            "batch" => Some(self.batch_scale.get()),
            _ => descent_core::training::schedule::parameter(key).map(|p| p.slider),
        }
    }

    /// The value at the slider of `key`, as its field writes it (whole numbers for the batch
    /// size, the period and the warmup).
    pub fn slider_value(&self, key: &str) -> Option<String> {
        let control = self.control(key)?;
        let position: f64 = control.slider.value().parse().ok()?;
        let value = self.scale(key)?.value(position);
        Some(match key {
            "batch" | "period" | "warmup" => format!("{}", value.round()),
            _ => number(value),
        })
    }

    /// Moves the slider of `key` to its value in `s`.
    pub fn show_slider(&self, s: &Settings, key: &str) {
        let training = &s.training;
        let value = match key {
            "noise" => training.sampling.noise,
            "batch" => training
                .sampling
                .batch
                .or(training.data.as_ref().map(|d| d.len()))
                .unwrap_or(1) as f64,
            _ => training.schedule.schedule(s.steps).value(key),
        };
        if let (Some(control), Some(scale)) = (self.control(key), self.scale(key)) {
            control.slider.set_value(&scale.position(value).to_string());
        }
    }

    /// Shows schedule parameter `key` at `value` in its field and slider.
    pub fn show_parameter(&self, key: &str, value: f64) {
        let scale = descent_core::training::schedule::parameter(key).map(|p| p.slider);
        if let (Some(control), Some(scale)) = (self.parameter(key), scale) {
            control.field.set_value(&number(value));
            control.slider.set_value(&scale.position(value).to_string());
        }
    }

    /// Moves the batch slider to `b`.
    pub fn show_batch_slider(&self, b: usize) {
        let position = self.batch_scale.get().position(b as f64);
        self.batch.slider.set_value(&position.to_string());
    }

    /// Shows why the data was not taken (or clears it).
    pub fn show_data_error(&self, error: Option<String>) {
        set_text(&self.data_error, error.as_deref().unwrap_or(""));
        set_invalid(&self.text, error.is_some());
    }

    /// The note under the data: its size and model, and whether a link can carry it.
    pub fn show_data_note(&self, s: &Settings) {
        let note = match (&s.training.data, s.training.link_data()) {
            (Some(d), Some(Err(_))) => {
                format!("{}. {}.", data_summary(d), link_limit_message(d.len()))
            }
            (Some(d), _) => format!("{}.", data_summary(d)),
            (None, _) => String::new(),
        };
        set_text(&self.data_note, &note);
    }

    /// Shows the seed's error (or clears it).
    pub fn show_seed_error(&self, error: Option<String>) {
        set_text(&self.seed_error, error.as_deref().unwrap_or(""));
        set_invalid(&self.seed, error.is_some());
    }

    /// Shows or hides the ghost's checkbox (only noisy runs have a noiseless twin).
    pub fn show_ghost_row(&self, noisy: bool) {
        set_hidden(&self.ghost_row, !noisy);
    }
}
