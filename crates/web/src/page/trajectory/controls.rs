//! The trajectory figure's controls: built from core's tables into the page's containers
//! (optimizer and convention options, a row per hyperparameter, the compare grid), found by
//! id, and written from the settings.

use descent_core::presets::PRESETS;
use web_sys::{Document, Element, HtmlElement, HtmlInputElement, HtmlSelectElement};

use crate::error::WebError;
use crate::model::controls::{
    compare_id, compare_rows, convention_choices, field_rows, form_note, hyperparameter_rows,
    optimizer_groups, optimizer_note, Choice, FieldRow, NumberRow,
};
use crate::model::entry::Entry;
use crate::model::format::{number, pair};
use crate::model::trajectory::{Settings, STEPS_SCALE};
use crate::page::dom::{append, by_id, set_hidden, set_invalid, set_text};

/// The preset select's option for a function typed by hand.
pub const CUSTOM_PRESET: &str = "custom";

/// The controls of one numeric parameter: number field, slider, message.
pub struct NumberControl {
    /// The row (hidden when the optimizer does not take the parameter).
    pub row: Element,
    /// The number field.
    pub field: HtmlInputElement,
    /// The slider.
    pub slider: HtmlInputElement,
    message: Element,
}

impl NumberControl {
    /// The controls `#key`, `#key-slider`, `#key-error` in the row `#param-key`.
    pub fn find(document: &Document, key: &str) -> Result<Self, WebError> {
        Ok(NumberControl {
            row: by_id(document, &format!("param-{key}"))?,
            field: by_id(document, key)?,
            slider: by_id(document, &format!("{key}-slider"))?,
            message: by_id(document, &format!("{key}-error"))?,
        })
    }

    /// Shows `error` under the control (or clears it).
    pub fn show_error(&self, error: Option<String>) {
        set_text(&self.message, error.as_deref().unwrap_or(""));
        set_invalid(&self.field, error.is_some());
    }
}

/// The controls of a run key without a slider: text field and message.
pub struct FieldControl {
    /// The text field.
    pub field: HtmlInputElement,
    message: Element,
}

impl FieldControl {
    /// The controls `#key` and `#key-error`.
    pub fn find(document: &Document, key: &str) -> Result<Self, WebError> {
        Ok(FieldControl {
            field: by_id(document, key)?,
            message: by_id(document, &format!("{key}-error"))?,
        })
    }

    /// Shows `error` under the control (or clears it).
    pub fn show_error(&self, error: Option<String>) {
        set_text(&self.message, error.as_deref().unwrap_or(""));
        set_invalid(&self.field, error.is_some());
    }
}

/// Appends the row `#param-key` of a control for `key` to `container`, with its label
/// (`label` and the key); returns the row.
fn append_row(container: &Element, key: &str, label: &str) -> Result<Element, WebError> {
    let div = append(
        container,
        "div",
        &[
            ("class", "control param"),
            ("id", &format!("param-{key}")),
            ("data-key", key),
        ],
        "",
    )?;
    let text = append(&div, "label", &[("for", key)], &format!("{label} "))?;
    append(&text, "span", &[("class", "key")], key)?;
    Ok(div)
}

/// Appends the message `#id` (a live region, empty until there is a message) to `row`.
fn append_message(row: &Element, id: &str) -> Result<(), WebError> {
    append(
        row,
        "p",
        &[("id", id), ("class", "error"), ("aria-live", "polite")],
        "",
    )?;
    Ok(())
}

/// Builds the row of a run key's text field into `container`.
fn build_field_row(container: &Element, row: &FieldRow) -> Result<(), WebError> {
    let key = row.key;
    let (help_id, error_id) = (format!("{key}-help"), format!("{key}-error"));
    let div = append_row(container, key, row.label)?;
    append(
        &div,
        "input",
        &[
            ("id", key),
            ("type", "text"),
            ("inputmode", "decimal"),
            ("aria-describedby", &format!("{help_id} {error_id}")),
        ],
        "",
    )?;
    append(&div, "p", &[("id", &help_id), ("class", "help")], row.help)?;
    append_message(&div, &error_id)
}

/// Appends `choices` as options of `select`.
pub(super) fn fill(select: &Element, choices: &[Choice]) -> Result<(), WebError> {
    for choice in choices {
        append(select, "option", &[("value", choice.value)], &choice.text)?;
    }
    Ok(())
}

/// Builds the row of a hyperparameter control into `container`.
pub(super) fn build_row(container: &Element, row: &NumberRow) -> Result<(), WebError> {
    let key = row.key;
    let (slider_id, error_id) = (format!("{key}-slider"), format!("{key}-error"));
    let div = append_row(container, key, &row.label)?;
    let pair = append(&div, "div", &[("class", "pair")], "")?;
    append(
        &pair,
        "input",
        &[
            ("id", &slider_id),
            ("type", "range"),
            ("min", "0"),
            ("max", "1000"),
            ("step", "1"),
            ("aria-label", &row.slider_label),
        ],
        "",
    )?;
    append(
        &pair,
        "input",
        &[
            ("id", key),
            ("type", "text"),
            ("inputmode", "decimal"),
            ("aria-describedby", &error_id),
        ],
        "",
    )?;
    append_message(&div, &error_id)
}

/// Builds the compare grid (a row per optimizer, a checkbox per convention) into `container`.
fn build_compare_grid(container: &Element) -> Result<(), WebError> {
    let table = append(container, "table", &[("class", "compare-grid")], "")?;
    let head = append(&table, "thead", &[], "")?;
    let row = append(&head, "tr", &[], "")?;
    append(&row, "th", &[("scope", "col")], "Optimizer")?;
    for choice in convention_choices() {
        append(&row, "th", &[("scope", "col")], &choice.text)?;
    }
    let body = append(&table, "tbody", &[], "")?;
    let mut family = None;
    for (kind, entries) in compare_rows() {
        // A heading row where a family starts (the rows are in table order, grouped).
        if family != Some(kind.spec().family) {
            family = Some(kind.spec().family);
            let heading = append(&body, "tr", &[("class", "family")], "")?;
            let colspan = (1 + entries.len()).to_string();
            let label = kind.spec().family.label();
            append(
                &heading,
                "th",
                &[("colspan", &colspan), ("scope", "rowgroup")],
                label,
            )?;
        }
        let row = append(&body, "tr", &[], "")?;
        append(&row, "th", &[("scope", "row")], kind.label())?;
        for entry in entries {
            let cell = append(&row, "td", &[], "")?;
            append(
                &cell,
                "input",
                &[
                    ("type", "checkbox"),
                    ("id", &compare_id(entry)),
                    (
                        "aria-label",
                        &format!("{} ({})", kind.label(), entry.convention.label()),
                    ),
                ],
                "",
            )?;
        }
    }
    Ok(())
}

/// Builds every generated control into the page's containers.
pub fn build(document: &Document) -> Result<(), WebError> {
    let preset: Element = by_id(document, "preset")?;
    for p in &PRESETS {
        append(&preset, "option", &[("value", p.id)], p.label)?;
    }
    append(
        &preset,
        "option",
        &[("value", CUSTOM_PRESET)],
        "Custom (a typed function or chosen data)",
    )?;
    let optimizers: Element = by_id(document, "optimizer")?;
    for (family, choices) in optimizer_groups() {
        fill(
            &append(&optimizers, "optgroup", &[("label", family)], "")?,
            &choices,
        )?;
    }
    fill(&by_id(document, "convention")?, &convention_choices())?;
    let rows: Element = by_id(document, "hyperparameters")?;
    for row in hyperparameter_rows() {
        build_row(&rows, &row)?;
    }
    let fields: Element = by_id(document, "run-keys")?;
    for row in field_rows() {
        build_field_row(&fields, &row)?;
    }
    build_compare_grid(&by_id(document, "compare-grid")?)
}

/// The page elements the figure reads and writes.
pub struct Controls {
    /// The stack of surface canvases.
    pub stack: HtmlElement,
    /// The example surface select.
    pub preset: HtmlSelectElement,
    /// The function field.
    pub function: HtmlInputElement,
    function_error: Element,
    /// The optimizer select.
    pub optimizer: HtmlSelectElement,
    /// The convention select.
    pub convention: HtmlSelectElement,
    formula: Element,
    form_note: Element,
    optimizer_note: Element,
    /// Every hyperparameter's controls, by key.
    pub hyperparameters: Vec<(&'static str, NumberControl)>,
    /// The iteration count's controls.
    pub steps: NumberControl,
    /// The tolerance's controls.
    pub tol: FieldControl,
    start: Element,
    /// The log-scale checkbox.
    pub log_scale: HtmlInputElement,
    /// The live region.
    pub status: Element,
    /// The compare mode checkbox.
    pub compare: HtmlInputElement,
    compare_set: Element,
    /// Every compare checkbox with its entry.
    pub compared: Vec<(Entry, HtmlInputElement)>,
    /// Play / pause.
    pub play: HtmlElement,
    /// The playback position slider.
    pub scrubber: HtmlInputElement,
    /// Playback speed.
    pub speed: HtmlSelectElement,
    /// The playback position's text.
    pub position: Element,
}

impl Controls {
    /// Finds the controls (after [`build`]).
    pub fn find(document: &Document) -> Result<Controls, WebError> {
        let hyperparameters = hyperparameter_rows()
            .iter()
            .map(|row| Ok((row.key, NumberControl::find(document, row.key)?)))
            .collect::<Result<Vec<_>, WebError>>()?;
        let compared = compare_rows()
            .into_iter()
            .flat_map(|(_, entries)| entries)
            .map(|e| Ok((e, by_id(document, &compare_id(e))?)))
            .collect::<Result<Vec<_>, WebError>>()?;
        Ok(Controls {
            stack: by_id(document, "surface")?,
            preset: by_id(document, "preset")?,
            function: by_id(document, "function")?,
            function_error: by_id(document, "function-error")?,
            optimizer: by_id(document, "optimizer")?,
            convention: by_id(document, "convention")?,
            formula: by_id(document, "formula")?,
            form_note: by_id(document, "form-note")?,
            optimizer_note: by_id(document, "optimizer-note")?,
            hyperparameters,
            steps: NumberControl::find(document, "steps")?,
            tol: FieldControl::find(document, "tol")?,
            start: by_id(document, "start")?,
            log_scale: by_id(document, "log-scale")?,
            status: by_id(document, "status")?,
            compare: by_id(document, "compare")?,
            compare_set: by_id(document, "compare-set")?,
            compared,
            play: by_id(document, "play")?,
            scrubber: by_id(document, "scrubber")?,
            speed: by_id(document, "speed")?,
            position: by_id(document, "position")?,
        })
    }

    /// The controls of hyperparameter `key`.
    pub fn number(&self, key: &str) -> Option<&NumberControl> {
        self.hyperparameters
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, c)| c)
    }

    /// Writes all of `settings` into the controls.
    pub fn show(&self, s: &Settings) {
        self.show_function(s);
        self.show_function_error(None);
        self.show_preset(s);
        self.optimizer.set_value(s.selected.kind.name());
        self.convention.set_value(s.selected.convention.name());
        let optimizer = s.optimizer();
        set_text(&self.formula, optimizer.form().formula);
        set_text(&self.form_note, &form_note(&optimizer));
        set_text(&self.optimizer_note, optimizer_note(&optimizer));
        for (key, control) in &self.hyperparameters {
            let value = optimizer.get(key);
            set_hidden(&control.row, value.is_none());
            if let Some(value) = value {
                control.field.set_value(&number(value));
                self.show_slider(key, value);
            }
            control.show_error(None);
        }
        self.show_steps(s.steps);
        self.steps.show_error(None);
        self.tol.field.set_value(&number(s.tol));
        self.tol.show_error(None);
        self.log_scale.set_checked(s.log_course);
        self.compare.set_checked(!s.compare.is_empty());
        set_hidden(&self.compare_set, s.compare.is_empty());
        for (entry, checkbox) in &self.compared {
            checkbox.set_checked(s.compare.contains(entry));
        }
        self.show_start(s.start);
    }

    /// Shows the function; while a data set is fitted the field is empty and says so (typing a
    /// function fits it instead).
    pub fn show_function(&self, s: &Settings) {
        if s.training.data.is_some() {
            self.function.set_value("");
            self.function
                .set_placeholder("fitting the data set (type a function to use it instead)");
        } else {
            self.function.set_value(s.function.source());
            self.function.set_placeholder("");
        }
    }

    /// Names the preset whose function is drawn, or "custom".
    pub fn show_preset(&self, s: &Settings) {
        self.preset
            .set_value(s.preset().map_or(CUSTOM_PRESET, |p| p.id));
    }

    /// Moves hyperparameter `key`'s slider to `value`.
    pub fn show_slider(&self, key: &str, value: f64) {
        let scale = descent_core::Hyperparameter::named(key).map(|h| h.slider);
        if let (Some(control), Some(scale)) = (self.number(key), scale) {
            control.slider.set_value(&scale.position(value).to_string());
        }
    }

    /// Moves the iteration slider to `steps`.
    pub fn show_steps(&self, steps: usize) {
        self.steps.field.set_value(&steps.to_string());
        self.show_steps_slider(steps);
    }

    /// Moves the iteration slider alone.
    pub fn show_steps_slider(&self, steps: usize) {
        self.steps
            .slider
            .set_value(&STEPS_SCALE.position(steps as f64).to_string());
    }

    /// Shows the start point.
    pub fn show_start(&self, start: [f64; 2]) {
        set_text(&self.start, &pair(start));
    }

    /// Shows the function's error (or clears it).
    pub fn show_function_error(&self, error: Option<String>) {
        set_text(&self.function_error, error.as_deref().unwrap_or(""));
        set_invalid(&self.function, error.is_some());
    }

    /// Hides the compare grid once the last entry is off.
    pub fn show_compare_off(&self) {
        self.compare.set_checked(false);
        set_hidden(&self.compare_set, true);
    }
}
