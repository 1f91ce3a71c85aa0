//! The URL keys of the trajectory figure's runs ([`Settings`]); the figure's own layers
//! (`series`, `t`) and the whole state's codec are in [`super::trajectory_state`].
//!
//! URL design (v=1; links made before conventions existed read as they always did):
//! - `preset=ID` chooses the function, view and start a link starts from (a training preset
//!   also its other keys); `function`, `start`, `view` override them. `steps`, `tol` and
//!   `log=1` as named; `rotate=θ` turns the function's surface, `curvature=1` adds the
//!   curvature (glyph, readout, sharpness strip).
//! - `data=NAME` (or `data=inline:x,y;…`) fits a data set instead of the function, with the
//!   training keys of [`super::training_url`]; a data run's link always names its view.
//! - `optimizer=NAME` and `convention=NAME` (article by default) are the selected entry; its
//!   hyperparameters are unprefixed: `lr=0.02`.
//! - `compare=TOKEN,…` lists the entries of compare mode. A token is `rmsprop` (that optimizer
//!   in the link's `convention`) or `rmsprop:pytorch` (in another convention), so old links
//!   `compare=gd,adam` still mean the article's forms, and `compare=rmsprop,rmsprop:pytorch`
//!   puts both forms side by side.
//! - The other entries' hyperparameters are prefixed with their token: `adam.lr=0.01`,
//!   `rmsprop:pytorch.lr=0.02`.
//!
//! Encoding omits defaults so links stay short.

use descent_core::config::{
    defaults, parse_convention, parse_optimizer, parse_rotation, parse_start, parse_switch,
    parse_tol,
};
use descent_core::optimizer::HYPERPARAMETERS;
use descent_core::presets::{ids_text, preset, Preset, PRESETS};
use descent_core::sorting::sort_short_by;
use descent_core::view::View;
use descent_core::{Convention, Function, Optimizer, OptimizerKind};

use super::entry::Entry;
use super::format::number;
use super::training_url::{decode_training, encode_training};
use super::trajectory::{Settings, PAGE_MAX_STEPS};
use super::url::{Decoder, Pairs};

/// The settings of preset `p`: its function, view and start, and its other keys read as a
/// link's (a training preset's optimizer, noise, data set, compared entries), with every
/// optimizer at its defaults otherwise.
pub fn preset_settings(p: &'static Preset) -> Settings {
    let mut settings = Settings::from_preset(p);
    if !p.pairs.is_empty() {
        let pairs: Pairs = p
            .pairs
            .iter()
            .map(|&(k, v)| (k.to_owned(), v.to_owned()))
            .collect();
        decode_onto(&mut Decoder::new(&pairs), &mut settings);
        settings.view = p.view;
        settings.home = p.view;
        settings.start = p.start;
        settings.example = Some(p);
    }
    settings
}

/// The settings a link starts from: its preset's, or the default ones.
fn starting_point(d: &mut Decoder) -> Settings {
    match d.get("preset") {
        Some(id) => match preset(id) {
            Some(p) => preset_settings(p),
            None => {
                d.notice(
                    "preset",
                    format!("unknown preset `{id}`; the presets are {}", ids_text()),
                );
                Settings::default()
            }
        },
        None => Settings::default(),
    }
}

/// Reads every entry's hyperparameters (the selected entry's unprefixed, the others' prefixed
/// with their token) in table order, then names the unprefixed keys the selected optimizer
/// does not take.
fn decode_hyperparameters(d: &mut Decoder, settings: &mut Settings, base: Convention) {
    for kind in OptimizerKind::all() {
        for convention in Convention::ALL {
            let entry = Entry::new(kind, convention);
            let prefix = if entry == settings.selected {
                String::new()
            } else {
                format!("{}.", entry.token(base))
            };
            let mut optimizer = Optimizer::new(kind, convention);
            let mut given = false;
            for (h, _) in kind.hyperparameters(convention) {
                let key = format!("{prefix}{}", h.key);
                if let Some(value) = d.hyperparameter(&key, h) {
                    given |= optimizer.set(h.key, value).is_ok();
                }
            }
            if given {
                settings.store(optimizer);
            }
        }
    }
    let selected = settings.optimizer();
    for h in HYPERPARAMETERS {
        if selected.get(h.key).is_none() && d.get(h.key).is_some() {
            let message = selected.kind().not_used(h.key).to_string();
            d.notice(h.key, format!("{message}; ignored"));
        }
    }
}

/// Decodes the trajectory figure's runs from query pairs (the figure's layers are read by
/// [`super::trajectory_state::decode_trajectory`]).
pub fn decode_run(d: &mut Decoder) -> Settings {
    let mut settings = starting_point(d);
    decode_onto(d, &mut settings);
    settings
}

/// Reads the run's keys of `d` onto `settings` (a preset's or the defaults).
fn decode_onto(d: &mut Decoder, settings: &mut Settings) {
    let function = d.parse("function", Function::parse);
    let base = d
        .parse("convention", parse_convention)
        .unwrap_or(settings.selected.convention);
    let kind = d
        .parse("optimizer", parse_optimizer)
        .unwrap_or(settings.selected.kind);
    settings.selected = Entry::new(kind, base);
    decode_hyperparameters(d, settings, base);
    let start = d.parse("start", parse_start);
    if let Some(steps) = d.count("steps", PAGE_MAX_STEPS) {
        settings.steps = steps;
    }
    if let Some(tol) = d.parse("tol", parse_tol) {
        settings.tol = tol;
    }
    let rotate = d.parse("rotate", parse_rotation);
    if let Some(on) = d.parse("curvature", |v| parse_switch("curvature", v)) {
        settings.curvature = on;
    }
    let data = decode_training(d, &mut settings.training, settings.steps);
    match function {
        Some(_) if settings.training.data.is_some() => d.notice(
            "function",
            "`data` excludes `function`: a data set's error function is its model's mean \
             loss; ignored"
                .to_owned(),
        ),
        Some(function) => {
            settings.function = function;
            settings.rotate = 0.0;
        }
        None => {}
    }
    match rotate {
        Some(_) if settings.training.data.is_some() => d.notice(
            "rotate",
            "`data` excludes `rotate`: it turns a typed function's surface; ignored".to_owned(),
        ),
        Some(degrees) => settings.rotate = degrees,
        None => {}
    }
    if data {
        settings.start = descent_core::config::defaults::DATA_START;
    }
    if let Some(start) = start {
        settings.start = start;
    }
    match d.parse("view", View::parse) {
        Some(view) => {
            if data {
                settings.fit_home();
            }
            settings.view = view;
        }
        None if data => settings.fit_home(),
        None => {}
    }
    if d.get("log").is_some() {
        settings.log_course = d.get("log") == Some("1");
    }
    if let Some(list) = d.get("compare") {
        for token in list.split(',').filter(|n| !n.is_empty()) {
            match Entry::parse(token, base) {
                Ok(entry) => settings.set_compared(entry, true),
                Err(e) => d.notice("compare", format!("{e}; ignored")),
            }
        }
    }
}

/// Encodes the trajectory figure's runs, omitting what equals the defaults (the maps' links
/// carry these; the figure's own adds its layers, [`super::trajectory_state`]).
pub fn encode_run(settings: &Settings) -> Pairs {
    let mut pairs: Pairs = Vec::new();
    let mut push = |k: &str, v: String| pairs.push((k.to_owned(), v));
    // A function run is written relative to the surface preset of its function; a data run
    // names its data set, start and view itself.
    let fits_data = settings.training.link_data().is_some_and(|d| d.is_ok());
    let home = PRESETS
        .iter()
        .find(|p| p.pairs.is_empty() && p.function == Some(settings.function.source()))
        .unwrap_or(&PRESETS[0]);
    let (home_start, home_view) = if fits_data {
        (descent_core::config::defaults::DATA_START, None)
    } else {
        (home.start, Some(home.view))
    };
    if !fits_data && home.id != PRESETS[0].id {
        push("preset", home.id.to_owned());
    }
    if !fits_data && Some(settings.function.source()) != home.function {
        push("function", settings.function.source().to_owned());
    }
    if !fits_data && settings.rotate != 0.0 {
        push("rotate", number(settings.rotate));
    }
    let selected = settings.selected;
    let base = selected.convention;
    if selected.kind != defaults::OPTIMIZER {
        push("optimizer", selected.kind.name().to_owned());
    }
    if base != defaults::CONVENTION {
        push("convention", base.name().to_owned());
    }
    let mut shown = settings.compare.clone();
    if !shown.contains(&selected) {
        shown.push(selected);
    }
    sort_short_by(&mut shown, Ord::cmp);
    for entry in shown {
        let optimizer = settings.optimizer_of(entry);
        let prefix = if entry == selected {
            String::new()
        } else {
            format!("{}.", entry.token(base))
        };
        for ((h, value), (_, default)) in optimizer
            .hyperparameters()
            .zip(entry.kind.hyperparameters(entry.convention))
        {
            if value != default {
                push(&format!("{prefix}{}", h.key), number(value));
            }
        }
    }
    if settings.start != home_start {
        push(
            "start",
            format!("{},{}", settings.start[0], settings.start[1]),
        );
    }
    if settings.steps != defaults::STEPS {
        push("steps", settings.steps.to_string());
    }
    if settings.tol != defaults::TOL {
        push("tol", number(settings.tol));
    }
    if Some(settings.view) != home_view {
        push("view", settings.view.text());
    }
    for (key, value) in encode_training(&settings.training, settings.steps) {
        push(&key, value);
    }
    if settings.log_course {
        push("log", "1".to_owned());
    }
    if settings.curvature {
        push("curvature", "1".to_owned());
    }
    if !settings.compare.is_empty() {
        let tokens: Vec<String> = settings.compare.iter().map(|e| e.token(base)).collect();
        push("compare", tokens.join(","));
    }
    pairs
}
