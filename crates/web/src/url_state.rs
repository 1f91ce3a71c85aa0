//! Figure state as URL query pairs (and custom-element attributes): the shared vocabulary
//! plus keys for the figure, view, compare mode, visible series and playback. Decoding never
//! fails: unknown keys are ignored, invalid values fall back to the default and out-of-range
//! values are clamped, each with a notice saying which key was wrong and why. Encoding omits
//! defaults so links stay short.

use descent_core::config::{defaults, parse_number, parse_optimizer, parse_start};
use descent_core::{Function, Hyperparameter, OptimizerKind};

use crate::amplification_figure::{parse_betas, parse_range, AmplificationSettings};
use crate::format::number;
use crate::presets::{preset, PRESETS};
use crate::settings::{index, Settings, View};
use crate::sliders::PAGE_MAX_STEPS;
use crate::steps_figure::{Field, StepsInputs};

/// The version of the key set; written into every link as `v=1`.
pub const VERSION: &str = "1";

/// The figures a URL can describe.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FigureKind {
    /// The article's Figure 1, the first steps of two optimizers.
    Steps,
    /// Figure 2, the trajectory on the error surface (the default).
    Trajectory,
    /// Figure 3, the amplification maps.
    Amplification,
}

impl FigureKind {
    /// Its `figure=` value.
    pub fn name(self) -> &'static str {
        match self {
            FigureKind::Steps => "steps",
            FigureKind::Trajectory => "trajectory",
            FigureKind::Amplification => "amplification",
        }
    }

    /// The figure named `name`.
    pub fn named(name: &str) -> Option<FigureKind> {
        [
            FigureKind::Steps,
            FigureKind::Trajectory,
            FigureKind::Amplification,
        ]
        .into_iter()
        .find(|f| f.name() == name)
    }
}

/// A key whose value was not used as given, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    /// The key.
    pub key: String,
    /// What was wrong and what is used instead.
    pub message: String,
}

/// Query pairs, in order.
pub type Pairs = Vec<(String, String)>;

/// The value of `key` (the last one given).
pub fn get<'a>(pairs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    pairs
        .iter()
        .rev()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

/// The figure a query describes (`figure=`; the trajectory figure by default).
pub fn figure_of(pairs: &[(String, String)], notices: &mut Vec<Notice>) -> FigureKind {
    match get(pairs, "figure") {
        None => FigureKind::Trajectory,
        Some(name) => FigureKind::named(name).unwrap_or_else(|| {
            notices.push(Notice {
                key: "figure".to_owned(),
                message: format!(
                    "unknown figure `{name}`; choose trajectory, steps or amplification (showing the trajectory)"
                ),
            });
            FigureKind::Trajectory
        }),
    }
}

/// Collects notices while decoding.
pub struct Decoder<'a> {
    pairs: &'a [(String, String)],
    /// What was not used as given.
    pub notices: Vec<Notice>,
}

impl<'a> Decoder<'a> {
    /// A decoder over `pairs`.
    pub fn new(pairs: &'a [(String, String)]) -> Self {
        Decoder {
            pairs,
            notices: Vec::new(),
        }
    }

    /// The value of `key`, if given.
    pub fn get(&self, key: &str) -> Option<&'a str> {
        get(self.pairs, key)
    }

    /// Records that `key` was not used as given.
    pub fn notice(&mut self, key: &str, message: String) {
        self.notices.push(Notice {
            key: key.to_owned(),
            message,
        });
    }

    /// Decodes `key` with `parse`; on error records a notice and returns `None`.
    pub fn parse<T, E: std::fmt::Display>(
        &mut self,
        key: &str,
        parse: impl FnOnce(&str) -> Result<T, E>,
    ) -> Option<T> {
        let text = self.get(key)?;
        match parse(text) {
            Ok(value) => Some(value),
            Err(e) => {
                self.notice(key, format!("{e}; using the default"));
                None
            }
        }
    }

    /// A hyperparameter under `key`: invalid values are dropped, out-of-range ones clamped.
    pub fn hyperparameter(&mut self, key: &str, h: Hyperparameter) -> Option<f64> {
        let x = self.parse(key, |t| parse_number(key, t))?;
        if h.accepts(x) {
            return Some(x);
        }
        let clamped = match h {
            Hyperparameter::Alpha | Hyperparameter::Beta if !x.is_nan() => Some(x.clamp(0.0, 1.0)),
            Hyperparameter::Beta1 | Hyperparameter::Beta2 if !x.is_nan() => {
                Some(x.clamp(0.0, 0.9999))
            }
            Hyperparameter::Lr | Hyperparameter::Eps if x == f64::INFINITY => Some(f64::MAX),
            _ => None,
        };
        match clamped {
            Some(c) => self.notice(
                key,
                format!(
                    "`{key}` must be {}, not {x}; using {}",
                    h.range(),
                    number(c)
                ),
            ),
            None => self.notice(
                key,
                format!("`{key}` must be {}, not {x}; using the default", h.range()),
            ),
        }
        clamped
    }

    /// An iteration count under `key`: clamped to `[0, max]`, invalid text dropped.
    pub fn count(&mut self, key: &str, max: usize) -> Option<usize> {
        let x = self.parse(key, |t| parse_number(key, t))?;
        if x.is_nan() {
            self.notice(
                key,
                format!("`{key}` must be a whole number; using the default"),
            );
            return None;
        }
        let clamped = x.round().clamp(0.0, max as f64);
        if clamped != x {
            self.notice(
                key,
                format!("`{key}` must be a whole number from 0 to {max}, not {x}; using {clamped}"),
            );
        }
        Some(clamped as usize)
    }
}

/// The trajectory figure's state beyond [`Settings`]: what the course shows and where
/// playback stands.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TrajectoryExtras {
    /// Legend entries the user toggled (`series=s1,s2`).
    pub toggled: Vec<String>,
    /// Playback position (`t=`).
    pub position: Option<usize>,
}

/// Parses a view `w1min,w1max,w2min,w2max`.
fn parse_view(text: &str) -> Result<View, String> {
    let values: Vec<f64> = text
        .split(',')
        .map(|x| x.trim().parse::<f64>())
        .collect::<Result<_, _>>()
        .map_err(|_| {
            format!("`view` must be four numbers w1min,w1max,w2min,w2max, not `{text}`")
        })?;
    match values[..] {
        [a, b, c, d]
            if (View {
                w1: [a, b],
                w2: [c, d],
            })
            .is_valid() =>
        {
            Ok(View {
                w1: [a, b],
                w2: [c, d],
            })
        }
        _ => Err(format!(
            "`view` must be four numbers w1min,w1max,w2min,w2max with min < max, not `{text}`"
        )),
    }
}

/// Decodes the trajectory figure from query pairs.
pub fn decode_trajectory(d: &mut Decoder) -> (Settings, TrajectoryExtras) {
    let mut settings = match d.get("preset") {
        Some(id) => match preset(id) {
            Some(p) => Settings::from_preset(p),
            None => {
                let ids: Vec<&str> = PRESETS.iter().map(|p| p.id).collect();
                d.notice(
                    "preset",
                    format!("unknown preset `{id}`; the presets are {}", ids.join(", ")),
                );
                Settings::default()
            }
        },
        None => Settings::default(),
    };
    if let Some(function) = d.parse("function", Function::parse) {
        settings.function = function;
    }
    if let Some(kind) = d.parse("optimizer", parse_optimizer) {
        settings.selected = kind;
    }
    for kind in OptimizerKind::ALL {
        let current = settings.optimizers[index(kind)];
        let mut values = Vec::new();
        for &(h, _) in kind.hyperparameters() {
            // The selected optimizer's own keys are unprefixed; the others' are `adam.lr`.
            let key = if kind == settings.selected {
                h.name().to_owned()
            } else {
                format!("{}.{}", kind.name(), h.name())
            };
            values.push((h, d.hyperparameter(&key, h).or(current.get(h))));
        }
        settings.optimizers[index(kind)] = kind.with(|h| {
            values
                .iter()
                .find(|(k, _)| *k == h)
                .and_then(|(_, v)| *v)
                .unwrap_or(f64::NAN)
        });
    }
    for h in Hyperparameter::ALL {
        if settings.optimizer().get(h).is_none() && d.get(h.name()).is_some() {
            let accepted = descent_core::ConfigError::not_used(h, settings.selected).to_string();
            d.notice(h.name(), format!("{accepted}; ignored"));
        }
    }
    if let Some(start) = d.parse("start", parse_start) {
        settings.start = start;
    }
    if let Some(steps) = d.count("steps", PAGE_MAX_STEPS) {
        settings.steps = steps;
    }
    if let Some(view) = d.parse("view", parse_view) {
        settings.view = view;
    }
    settings.log_course = d.get("log") == Some("1");
    if let Some(list) = d.get("compare") {
        for name in list.split(',').filter(|n| !n.is_empty()) {
            match parse_optimizer(name) {
                Ok(kind) => settings.set_compared(kind, true),
                Err(e) => d.notice("compare", format!("{e}; ignored")),
            }
        }
    }
    let toggled = d
        .get("series")
        .map(|s| {
            s.split(',')
                .filter(|n| !n.is_empty())
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    let position = d.count("t", PAGE_MAX_STEPS).filter(|&t| t < settings.steps);
    (settings, TrajectoryExtras { toggled, position })
}

/// Encodes the trajectory figure, omitting what equals the defaults.
pub fn encode_trajectory(settings: &Settings, extras: &TrajectoryExtras) -> Pairs {
    let mut pairs: Pairs = Vec::new();
    let mut push = |k: &str, v: String| pairs.push((k.to_owned(), v));
    let home = PRESETS
        .iter()
        .find(|p| p.function == settings.function.source())
        .unwrap_or(&PRESETS[0]);
    if home.id != PRESETS[0].id {
        push("preset", home.id.to_owned());
    }
    if settings.function.source() != home.function {
        push("function", settings.function.source().to_owned());
    }
    if settings.selected != defaults::OPTIMIZER {
        push("optimizer", settings.selected.name().to_owned());
    }
    for kind in OptimizerKind::ALL {
        let optimizer = settings.optimizers[index(kind)];
        let shown = kind == settings.selected || settings.compare.contains(&kind);
        for &(h, default) in kind.hyperparameters() {
            let value = optimizer.get(h).unwrap_or(default);
            if shown && value != default {
                let key = if kind == settings.selected {
                    h.name().to_owned()
                } else {
                    format!("{}.{}", kind.name(), h.name())
                };
                push(&key, number(value));
            }
        }
    }
    if settings.start != home.start {
        push(
            "start",
            format!("{},{}", settings.start[0], settings.start[1]),
        );
    }
    if settings.steps != defaults::STEPS {
        push("steps", settings.steps.to_string());
    }
    if settings.view != home.view {
        let View { w1, w2 } = settings.view;
        push("view", format!("{},{},{},{}", w1[0], w1[1], w2[0], w2[1]));
    }
    if settings.log_course {
        push("log", "1".to_owned());
    }
    if !settings.compare.is_empty() {
        let names: Vec<&str> = OptimizerKind::ALL
            .iter()
            .filter(|k| settings.compare.contains(k))
            .map(|k| k.name())
            .collect();
        push("compare", names.join(","));
    }
    if !extras.toggled.is_empty() {
        push("series", extras.toggled.join(","));
    }
    if let Some(t) = extras.position {
        push("t", t.to_string());
    }
    pairs
}

/// Prefixes `v=1` and `figure=` (unless it is the default) to a figure's pairs.
pub fn with_header(figure: FigureKind, pairs: Pairs) -> Pairs {
    let mut all = vec![("v".to_owned(), VERSION.to_owned())];
    if figure != FigureKind::Trajectory {
        all.push(("figure".to_owned(), figure.name().to_owned()));
    }
    all.extend(pairs);
    all
}

/// The hyperparameters of a run's `key=value, …` text.
fn parameter_pairs(text: &str) -> Vec<(&str, &str)> {
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .filter_map(|item| item.split_once('='))
        .map(|(k, v)| (k.trim(), v.trim()))
        .collect()
}

/// Decodes the first-steps figure: `function`, `start`, `steps`, `optimizer=a,b`, and each
/// hyperparameter as `first,second` (an empty side keeps that run's default).
pub fn decode_steps(d: &mut Decoder) -> StepsInputs {
    let defaults = StepsInputs::default();
    let mut inputs = defaults.clone();
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
                Ok(kind) => inputs.runs[i] = (kind, crate::steps_figure::default_parameters(kind)),
                Err(e) => d.notice("optimizer", format!("{e}; using {}", inputs.runs[i].0)),
            }
        }
    }
    for i in 0..2 {
        let kind = inputs.runs[i].0;
        let items: Vec<String> = kind
            .hyperparameters()
            .iter()
            .map(|&(h, default)| {
                let given = d
                    .get(h.name())
                    .and_then(|v| v.split(',').nth(i))
                    .map(str::trim);
                // Numbers in the shortest form, so that a link the page wrote reads back as the
                // same text; anything else stays as given, for the validation to name.
                let value = given.filter(|v| !v.is_empty()).map_or_else(
                    || number(default),
                    |v| v.parse::<f64>().map_or_else(|_| v.to_owned(), number),
                );
                format!("{}={value}", h.name())
            })
            .collect();
        inputs.runs[i].1 = items.join(", ");
    }
    if let Err((field, e)) = inputs.validate() {
        d.notice(e.key(), format!("{e}; using the default"));
        match field {
            Field::Shared => {
                inputs.function = defaults.function.clone();
                inputs.start = defaults.start.clone();
                inputs.steps = defaults.steps.clone();
            }
            Field::Run(i) => {
                inputs.runs[i].1 = crate::steps_figure::default_parameters(inputs.runs[i].0)
            }
        }
        if inputs.validate().is_err() {
            inputs = defaults;
        }
    }
    inputs
}

/// Encodes the first-steps figure, omitting defaults.
pub fn encode_steps(inputs: &StepsInputs) -> Pairs {
    let defaults = StepsInputs::default();
    let mut pairs: Pairs = Vec::new();
    for (key, value, default) in [
        ("function", &inputs.function, &defaults.function),
        ("start", &inputs.start, &defaults.start),
        ("steps", &inputs.steps, &defaults.steps),
    ] {
        if value != default {
            pairs.push((key.to_owned(), value.clone()));
        }
    }
    let kinds = [inputs.runs[0].0, inputs.runs[1].0];
    if kinds != [defaults.runs[0].0, defaults.runs[1].0] {
        pairs.push(("optimizer".to_owned(), format!("{},{}", kinds[0], kinds[1])));
    }
    for h in Hyperparameter::ALL {
        let side = |i: usize| -> String {
            let (kind, text) = &inputs.runs[i];
            let given = parameter_pairs(text)
                .into_iter()
                .find(|(k, _)| *k == h.name())
                .map(|(_, v)| v);
            match (
                given.and_then(|v| v.parse::<f64>().ok()),
                kind.default_of(h),
            ) {
                (Some(v), Some(d)) if v != d => number(v),
                _ => String::new(),
            }
        };
        let (a, b) = (side(0), side(1));
        if !a.is_empty() || !b.is_empty() {
            pairs.push((h.name().to_owned(), format!("{a},{b}")));
        }
    }
    pairs
}

/// Decodes the amplification figure: `beta` (a list), `lr`, `eps`, `range`.
pub fn decode_amplification(d: &mut Decoder) -> AmplificationSettings {
    let mut settings = AmplificationSettings::default();
    if let Some(betas) = d.parse("beta", parse_betas) {
        settings.betas = betas;
    }
    if let Some(lr) = d.hyperparameter("lr", Hyperparameter::Lr) {
        settings.lr = lr;
    }
    if let Some(eps) = d.hyperparameter("eps", Hyperparameter::Eps) {
        settings.eps = eps;
    }
    if let Some(range) = d.parse("range", parse_range) {
        settings.range = range;
    }
    settings
}

/// Encodes the amplification figure, omitting defaults.
pub fn encode_amplification(settings: &AmplificationSettings) -> Pairs {
    let defaults = AmplificationSettings::default();
    let mut pairs: Pairs = Vec::new();
    if settings.betas != defaults.betas {
        let list: Vec<String> = settings.betas.iter().map(|&b| number(b)).collect();
        pairs.push(("beta".to_owned(), list.join(",")));
    }
    for (key, value, default) in [
        ("lr", settings.lr, defaults.lr),
        ("eps", settings.eps, defaults.eps),
        ("range", settings.range, defaults.range),
    ] {
        if value != default {
            pairs.push((key.to_owned(), number(value)));
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Pairs {
        list.iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn defaults_encode_to_nothing() {
        let (settings, extras) = decode_trajectory(&mut Decoder::new(&[]));
        assert_eq!(settings, Settings::default());
        assert!(encode_trajectory(&settings, &extras).is_empty());
    }

    #[test]
    fn round_trip_of_everything() {
        let mut settings = Settings::default();
        settings.set_function("sin(w1) + cos(w2)").expect("valid");
        settings.selected = OptimizerKind::Adam;
        settings
            .set_hyperparameter(Hyperparameter::Lr, "0.02")
            .expect("valid");
        settings.set_compared(OptimizerKind::Adam, true);
        settings.set_compared(OptimizerKind::Momentum, true);
        settings.optimizers[index(OptimizerKind::Momentum)] = OptimizerKind::Momentum.with(|h| {
            if h == Hyperparameter::Alpha {
                0.5
            } else {
                0.01
            }
        });
        settings.start = [1.25, -0.5];
        settings.steps = 40;
        settings.view = View {
            w1: [-3.0, 3.0],
            w2: [-2.0, 4.0],
        };
        settings.log_course = true;
        let extras = TrajectoryExtras {
            toggled: vec!["s1".to_owned()],
            position: Some(7),
        };
        let encoded = encode_trajectory(&settings, &extras);
        let mut d = Decoder::new(&encoded);
        let (decoded, decoded_extras) = decode_trajectory(&mut d);
        assert_eq!(d.notices, []);
        assert_eq!(
            decoded,
            Settings {
                home: decoded.home,
                ..settings
            }
        );
        assert_eq!(decoded_extras, extras);
        assert!(
            encoded
                .iter()
                .any(|(k, v)| k == "momentum.alpha" && v == "0.5"),
            "{encoded:?}"
        );
    }

    #[test]
    fn bad_values_fall_back_or_clamp_with_a_notice() {
        let input = pairs(&[
            ("lr", "abc"),
            ("beta", "1.5"),
            ("steps", "1e9"),
            ("start", "<img src=x onerror=alert(1)>"),
            ("function", "3*w1^2 +"),
            ("optimizer", "sgd"),
            ("unknown", "ignored"),
            ("alpha", "0.3"),
        ]);
        let mut d = Decoder::new(&input);
        let (settings, _) = decode_trajectory(&mut d);
        let keys: Vec<&str> = d.notices.iter().map(|n| n.key.as_str()).collect();
        assert_eq!(
            keys,
            [
                "function",
                "optimizer",
                "lr",
                "beta",
                "alpha",
                "start",
                "steps"
            ]
        );
        assert_eq!(settings.optimizer().get(Hyperparameter::Lr), Some(0.05));
        assert_eq!(settings.optimizer().get(Hyperparameter::Beta), Some(1.0));
        assert_eq!(settings.steps, PAGE_MAX_STEPS);
        assert_eq!(settings.start, defaults::START);
        assert!(
            d.notices[3].message.contains("using 1"),
            "{:?}",
            d.notices[3]
        );
        assert!(
            d.notices[5].message.contains("<img src=x"),
            "the value is quoted as text"
        );
    }

    #[test]
    fn steps_round_trip_and_fall_back() {
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
        assert_eq!(
            inputs.runs[0],
            (OptimizerKind::Momentum, "lr=0.01, alpha=0.9".to_owned())
        );
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
    fn amplification_round_trip_and_fall_back() {
        let input = pairs(&[("beta", "0,0.3"), ("eps", "0.001"), ("range", "-2")]);
        let mut d = Decoder::new(&input);
        let settings = decode_amplification(&mut d);
        assert_eq!(settings.betas, [0.0, 0.3]);
        assert_eq!(settings.range, AmplificationSettings::default().range);
        assert_eq!(d.notices.len(), 1);
        assert_eq!(
            decode_amplification(&mut Decoder::new(&encode_amplification(&settings))),
            settings
        );
    }
}
