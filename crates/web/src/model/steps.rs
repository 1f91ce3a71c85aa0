//! The first-steps figure's state as plain Rust: its text inputs (each run's parameters as
//! `key=value, …`, `convention=pytorch` included), their validation by the core, its URL keys
//! and the tooltip of a point.
//!
//! URL: `function`, `start`, `steps` as typed; `optimizer=a,b`; `convention=a,b` (an empty
//! side is the article's); each hyperparameter as `first,second` (an empty side keeps that
//! run's default).

use descent_core::config::{defaults, parse_convention, parse_optimizer};
use descent_core::first_steps::{DEFAULT_FIRST_STEPS, DEFAULT_PAIR};
use descent_core::optimizer::HYPERPARAMETERS;
use descent_core::{ConfigError, Convention, FirstSteps, OptimizerKind, Row, Trajectory};

use super::format::{number, pair, short, state_lines};
use super::url::{Decoder, Pairs};

/// The figure's text inputs, as typed.
#[derive(Clone, Debug, PartialEq)]
pub struct StepsInputs {
    /// E(w1, w2).
    pub function: String,
    /// `w1,w2`.
    pub start: String,
    /// 1 to 10.
    pub steps: String,
    /// The two optimizers and their parameters as `key=value, …`.
    pub runs: [(OptimizerKind, String); 2],
}

/// The parameters of `kind` in `convention` with their defaults, as `key=value` text
/// (`convention=pytorch` first unless it is the article's).
pub fn default_parameters(kind: OptimizerKind, convention: Convention) -> String {
    let mut items = Vec::new();
    if convention != defaults::CONVENTION {
        items.push(format!("convention={}", convention.name()));
    }
    items.extend(
        kind.hyperparameters(convention)
            .map(|(h, d)| format!("{}={}", h.key, number(d))),
    );
    items.join(", ")
}

/// The `key = value` items of a run's text (an item without `=` has an empty value, for
/// the validation to name).
fn items(text: &str) -> impl Iterator<Item = (&str, &str)> {
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|item| {
            let (key, value) = item.split_once('=').unwrap_or((item, ""));
            (key.trim(), value.trim())
        })
}

/// The convention a run's text names (the article's when it names none or an unknown one).
pub fn convention_of(text: &str) -> Convention {
    items(text)
        .find(|(k, _)| *k == "convention")
        .and_then(|(_, v)| Convention::named(v))
        .unwrap_or(defaults::CONVENTION)
}

impl Default for StepsInputs {
    fn default() -> Self {
        let [a, b] = DEFAULT_PAIR;
        let article = defaults::CONVENTION;
        StepsInputs {
            function: defaults::FUNCTION.to_owned(),
            start: "-15,20".to_owned(),
            steps: DEFAULT_FIRST_STEPS.to_owned(),
            runs: [
                (a, default_parameters(a, article)),
                (b, default_parameters(b, article)),
            ],
        }
    }
}

/// Which input an error belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// The function, the start or the steps.
    Shared,
    /// Run 0 or 1's parameters.
    Run(usize),
}

impl StepsInputs {
    /// Validates everything with the core's one validation; the error names its input.
    pub fn validate(&self) -> Result<FirstSteps, (Field, ConfigError)> {
        let shared: Vec<(&str, &str)> = vec![
            ("function", &self.function),
            ("start", &self.start),
            ("steps", &self.steps),
        ];
        let run = |i: usize| -> Vec<(&str, &str)> {
            let (kind, parameters) = &self.runs[i];
            std::iter::once(("optimizer", kind.name()))
                .chain(items(parameters))
                .collect()
        };
        let check = |pairs: Vec<(&str, &str)>, field: Field| {
            FirstSteps::from_pairs(pairs).map_err(|e| (field, e))
        };
        check(shared.clone(), Field::Shared)?;
        for i in 0..2 {
            check([shared.clone(), run(i)].concat(), Field::Run(i))?;
        }
        check([shared, run(0), run(1)].concat(), Field::Shared)
    }

    /// Run `i` switched to optimizer `kind`: its parameters go back to that optimizer's
    /// defaults in the run's convention.
    pub fn set_optimizer(&mut self, i: usize, kind: OptimizerKind) {
        let convention = convention_of(&self.runs[i].1);
        self.runs[i] = (kind, default_parameters(kind, convention));
    }
}

/// The tooltip of one iteration of a run named `name`, with the update `v(t)` that led there.
pub fn tooltip(name: &str, trajectory: &Trajectory, row: &Row, update: Option<[f64; 2]>) -> String {
    let mut lines = vec![
        format!("{name}: t = {}", row.t),
        format!("w = {}", pair(row.w)),
        format!("E(w) = {}", short(row.error)),
        format!("∇E(w) = {}", pair(row.g)),
    ];
    lines.extend(state_lines(trajectory, row, &format!("({})", row.t)));
    if let Some(v) = update {
        lines.push(format!(
            "v({}) = w({}) − w({}) = {}",
            row.t,
            row.t - 1,
            row.t,
            pair(v)
        ));
    }
    lines.join("\n")
}

/// Side `i` of a `first,second` value.
fn side<'a>(d: &Decoder<'a>, key: &str, i: usize) -> Option<&'a str> {
    d.get(key)
        .and_then(|v| v.split(',').nth(i))
        .map(str::trim)
        .filter(|v| !v.is_empty())
}

/// Decodes the first-steps figure (see the module's comment); invalid values fall back to
/// the defaults with a notice.
pub fn decode_steps(d: &mut Decoder) -> StepsInputs {
    let fallback = StepsInputs::default();
    let mut inputs = fallback.clone();
    for (key, field) in [
        ("function", &mut inputs.function),
        ("start", &mut inputs.start),
        ("steps", &mut inputs.steps),
    ] {
        if let Some(value) = d.get(key) {
            *field = value.to_owned();
        }
    }
    if let Some(list) = d.get("optimizer") {
        for (i, name) in list.split(',').take(2).enumerate() {
            match parse_optimizer(name) {
                Ok(kind) => inputs.runs[i].0 = kind,
                Err(e) => d.notice("optimizer", format!("{e}; using {}", inputs.runs[i].0)),
            }
        }
    }
    for i in 0..2 {
        let kind = inputs.runs[i].0;
        let convention = match side(d, "convention", i).map(parse_convention) {
            None => defaults::CONVENTION,
            Some(Ok(c)) => c,
            Some(Err(e)) => {
                d.notice("convention", format!("{e}; using the default"));
                defaults::CONVENTION
            }
        };
        let mut items = Vec::new();
        if convention != defaults::CONVENTION {
            items.push(format!("convention={}", convention.name()));
        }
        for (h, default) in kind.hyperparameters(convention) {
            // Numbers in the shortest form, so that a link the page wrote reads back as the
            // same text; anything else stays as given, for the validation to name.
            let value = side(d, h.key, i).map_or_else(
                || number(default),
                |v| v.parse::<f64>().map_or_else(|_| v.to_owned(), number),
            );
            items.push(format!("{}={value}", h.key));
        }
        inputs.runs[i].1 = items.join(", ");
    }
    if let Err((field, e)) = inputs.validate() {
        d.notice(e.key(), format!("{e}; using the default"));
        match field {
            Field::Shared => {
                inputs.function = fallback.function.clone();
                inputs.start = fallback.start.clone();
                inputs.steps = fallback.steps.clone();
            }
            Field::Run(i) => {
                let (kind, text) = &inputs.runs[i];
                inputs.runs[i].1 = default_parameters(*kind, convention_of(text));
            }
        }
        if inputs.validate().is_err() {
            inputs = fallback;
        }
    }
    inputs
}

/// Encodes the first-steps figure, omitting defaults.
pub fn encode_steps(inputs: &StepsInputs) -> Pairs {
    let fallback = StepsInputs::default();
    let mut pairs: Pairs = Vec::new();
    for (key, value, default) in [
        ("function", &inputs.function, &fallback.function),
        ("start", &inputs.start, &fallback.start),
        ("steps", &inputs.steps, &fallback.steps),
    ] {
        if value != default {
            pairs.push((key.to_owned(), value.clone()));
        }
    }
    let kinds = inputs.runs.each_ref().map(|r| r.0);
    if kinds != fallback.runs.each_ref().map(|r| r.0) {
        pairs.push(("optimizer".to_owned(), format!("{},{}", kinds[0], kinds[1])));
    }
    let conventions = inputs.runs.each_ref().map(|r| convention_of(&r.1));
    if conventions.iter().any(|&c| c != defaults::CONVENTION) {
        let name = |c: Convention| {
            if c == defaults::CONVENTION {
                ""
            } else {
                c.name()
            }
        };
        pairs.push((
            "convention".to_owned(),
            format!("{},{}", name(conventions[0]), name(conventions[1])),
        ));
    }
    for h in HYPERPARAMETERS {
        let side = |i: usize| -> String {
            let (kind, text) = &inputs.runs[i];
            let given = items(text).find(|(k, _)| *k == h.key).map(|(_, v)| v);
            match (
                given.and_then(|v| v.parse::<f64>().ok()),
                kind.default_of(h.key, conventions[i]),
            ) {
                (Some(v), Some(d)) if v != d => number(v),
                _ => String::new(),
            }
        };
        let (a, b) = (side(0), side(1));
        if !a.is_empty() || !b.is_empty() {
            pairs.push((h.key.to_owned(), format!("{a},{b}")));
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;
    use descent_core::first_steps::updates;

    use crate::model::url::pairs;

    #[test]
    fn defaults_reproduce_the_article_and_show_its_numbers() {
        let steps = StepsInputs::default().validate().expect("valid");
        let [classic, adaptive] = steps.run();
        let text = tooltip(
            "RMSProp",
            &adaptive,
            &adaptive.rows[1],
            updates(&adaptive)[1],
        );
        assert!(text.contains("w = (-14.8419, 19.8419)"), "{text}");
        assert!(text.contains("s(1) = (810, 16000)"), "{text}");
        let text = tooltip("gd", &classic, &classic.rows[1], updates(&classic)[1]);
        assert!(text.contains("w = (-14.91, 19.6)"), "{text}");
        assert!(text.contains("v(1) = w(0) − w(1) = (-0.09, 0.4)"), "{text}");
    }

    #[test]
    fn errors_name_their_input() {
        let mut inputs = StepsInputs::default();
        inputs.runs[1].1 = "lr=0.05, beta=2".to_owned();
        let (field, e) = inputs.validate().expect_err("invalid");
        assert_eq!(field, Field::Run(1));
        assert_eq!(e.to_string(), "`beta` must be in [0, 1], not 2");
        inputs.runs[1].1 = "alpha=0.5".to_owned();
        assert_eq!(inputs.validate().expect_err("invalid").0, Field::Run(1));
        let inputs = StepsInputs {
            steps: "11".to_owned(),
            ..StepsInputs::default()
        };
        assert_eq!(inputs.validate().expect_err("invalid").0, Field::Shared);
    }

    #[test]
    fn round_trip_and_fall_back() {
        assert!(encode_steps(&decode_steps(&mut Decoder::new(&[]))).is_empty());
        let input = pairs(&[
            ("optimizer", "momentum,adam"),
            ("lr", "0.01,"),
            ("beta2", ",0.99"),
            ("steps", "5"),
        ]);
        let mut d = Decoder::new(&input);
        let inputs = decode_steps(&mut d);
        assert_eq!(d.notices, []);
        assert_eq!(inputs.runs[0].1, "lr=0.01, alpha=0.9");
        assert_eq!(
            inputs.runs[1].1,
            "lr=0.001, beta1=0.9, beta2=0.99, eps=1e-8"
        );
        let encoded = encode_steps(&inputs);
        assert_eq!(decode_steps(&mut Decoder::new(&encoded)), inputs);
        let bad = pairs(&[("steps", "50"), ("lr", "-1,")]);
        let mut d = Decoder::new(&bad);
        let inputs = decode_steps(&mut d);
        assert!(!d.notices.is_empty());
        assert!(inputs.validate().is_ok());
    }

    #[test]
    fn a_run_can_take_another_convention() {
        let input = pairs(&[("convention", ",pytorch"), ("lr", ",0.02")]);
        let mut d = Decoder::new(&input);
        let inputs = decode_steps(&mut d);
        assert_eq!(d.notices, []);
        assert_eq!(
            inputs.runs[1].1,
            "convention=pytorch, lr=0.02, beta=0.99, eps=1e-8"
        );
        let steps = inputs.validate().expect("valid");
        assert_eq!(steps.runs[1].optimizer.convention(), Convention::PyTorch);
        let encoded = encode_steps(&inputs);
        assert_eq!(
            encoded,
            pairs(&[("convention", ",pytorch"), ("lr", ",0.02")])
        );
        let mut switched = inputs.clone();
        switched.set_optimizer(1, OptimizerKind::must("adam"));
        assert!(switched.runs[1]
            .1
            .starts_with("convention=pytorch, lr=0.001"));
    }
}
