//! The trajectory figure's URL keys.
//!
//! URL design (v=1; links made before conventions existed read as they always did):
//! - `preset=ID` chooses the function, view and start a link starts from; `function`, `start`,
//!   `view` override them. `steps`, `tol`, `log=1`, `series=a,b` (toggled legend entries) and `t=`
//!   (playback position) as named.
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

use descent_core::config::{defaults, parse_convention, parse_optimizer, parse_start, parse_tol};
use descent_core::optimizer::HYPERPARAMETERS;
use descent_core::presets::{ids_text, preset, PRESETS};
use descent_core::view::View;
use descent_core::{ConfigError, Convention, Function, Optimizer, OptimizerKind};

use super::entry::Entry;
use super::format::number;
use super::trajectory::{Settings, PAGE_MAX_STEPS};
use super::url::{Decoder, Pairs};

/// The trajectory figure's state beyond [`Settings`]: what the course shows and where
/// playback stands.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TrajectoryExtras {
    /// Legend entries the user toggled (`series=s1,s2`).
    pub toggled: Vec<String>,
    /// Playback position (`t=`).
    pub position: Option<usize>,
}

/// The settings a link starts from: its preset's, or the default ones.
fn starting_point(d: &mut Decoder) -> Settings {
    match d.get("preset") {
        Some(id) => match preset(id) {
            Some(p) => Settings::from_preset(p),
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
            let message = ConfigError::not_used(h.key, selected.kind()).to_string();
            d.notice(h.key, format!("{message}; ignored"));
        }
    }
}

/// Decodes the trajectory figure from query pairs.
pub fn decode_trajectory(d: &mut Decoder) -> (Settings, TrajectoryExtras) {
    let mut settings = starting_point(d);
    if let Some(function) = d.parse("function", Function::parse) {
        settings.function = function;
    }
    let base = d
        .parse("convention", parse_convention)
        .unwrap_or(settings.selected.convention);
    let kind = d
        .parse("optimizer", parse_optimizer)
        .unwrap_or(settings.selected.kind);
    settings.selected = Entry::new(kind, base);
    decode_hyperparameters(d, &mut settings, base);
    if let Some(start) = d.parse("start", parse_start) {
        settings.start = start;
    }
    if let Some(steps) = d.count("steps", PAGE_MAX_STEPS) {
        settings.steps = steps;
    }
    if let Some(tol) = d.parse("tol", parse_tol) {
        settings.tol = tol;
    }
    if let Some(view) = d.parse("view", View::parse) {
        settings.view = view;
    }
    settings.log_course = d.get("log") == Some("1");
    if let Some(list) = d.get("compare") {
        for token in list.split(',').filter(|n| !n.is_empty()) {
            match Entry::parse(token, base) {
                Ok(entry) => settings.set_compared(entry, true),
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
    shown.sort();
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
    if settings.start != home.start {
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
    if settings.view != home.view {
        push("view", settings.view.text());
    }
    if settings.log_course {
        push("log", "1".to_owned());
    }
    if !settings.compare.is_empty() {
        let tokens: Vec<String> = settings.compare.iter().map(|e| e.token(base)).collect();
        push("compare", tokens.join(","));
    }
    if !extras.toggled.is_empty() {
        push("series", extras.toggled.join(","));
    }
    if let Some(t) = extras.position {
        push("t", t.to_string());
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

    fn kind(name: &str) -> OptimizerKind {
        OptimizerKind::named(name).expect("in the table")
    }

    /// What the figure runs and shows, whatever order the tuned entries were stored in.
    fn shown(settings: &Settings) -> (Vec<descent_core::Config>, View, bool, Entry) {
        (
            settings.configs(),
            settings.view,
            settings.log_course,
            settings.selected,
        )
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
        settings.select(kind("adam"));
        settings.set_hyperparameter("lr", "0.02").expect("valid");
        settings.set_compared(Entry::article(kind("adam")), true);
        settings.set_compared(Entry::article(kind("momentum")), true);
        settings.set_compared(Entry::new(kind("rmsprop"), Convention::PyTorch), true);
        let mut momentum = Optimizer::new(kind("momentum"), Convention::Article);
        momentum.set("alpha", 0.5).expect("valid");
        momentum.set("lr", 0.01).expect("valid");
        settings.store(momentum);
        let mut torch = Optimizer::new(kind("rmsprop"), Convention::PyTorch);
        torch.set("lr", 0.03).expect("valid");
        settings.store(torch);
        settings.start = [1.25, -0.5];
        settings.steps = 40;
        settings.tol = 1e-4;
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
        assert_eq!(shown(&decoded), shown(&settings));
        assert_eq!(decoded_extras, extras);
        let has = |k: &str, v: &str| encoded.iter().any(|(a, b)| a == k && b == v);
        assert!(has("momentum.alpha", "0.5"), "{encoded:?}");
        assert!(has("rmsprop:pytorch.lr", "0.03"), "{encoded:?}");
        assert!(
            has("compare", "momentum,rmsprop:pytorch,adam"),
            "{encoded:?}"
        );
    }

    #[test]
    fn a_convention_link_names_other_conventions_in_compare() {
        let input = pairs(&[
            ("convention", "pytorch"),
            ("compare", "rmsprop,rmsprop:article,adam"),
            ("adam.lr", "0.1"),
            ("rmsprop:article.lr", "0.2"),
            ("lr", "0.3"),
        ]);
        let mut d = Decoder::new(&input);
        let (settings, extras) = decode_trajectory(&mut d);
        assert_eq!(d.notices, []);
        let labels: Vec<String> = settings.entries().iter().map(|e| e.label()).collect();
        assert_eq!(labels, ["RMSProp", "RMSProp (PyTorch)", "Adam (PyTorch)"]);
        let lrs: Vec<Option<f64>> = settings
            .configs()
            .iter()
            .map(|c| c.optimizer.get("lr"))
            .collect();
        assert_eq!(lrs, [Some(0.2), Some(0.3), Some(0.1)]);
        assert_eq!(
            decode_trajectory(&mut Decoder::new(&encode_trajectory(&settings, &extras))).0,
            settings
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
            ("convention", "torch"),
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
                "convention",
                "optimizer",
                "lr",
                "beta",
                "alpha",
                "start",
                "steps"
            ]
        );
        assert_eq!(settings.optimizer().get("lr"), Some(0.05));
        assert_eq!(settings.optimizer().get("beta"), Some(1.0));
        assert_eq!(settings.steps, PAGE_MAX_STEPS);
        assert_eq!(settings.start, defaults::START);
        assert!(
            d.notices[4].message.contains("using 1"),
            "{:?}",
            d.notices[4]
        );
        assert!(
            d.notices[6].message.contains("<img src=x"),
            "the value is quoted as text"
        );
    }

    /// What the fuzz target `url_state` checks, on a fixed sample: any pairs decode to a
    /// usable state, and the link the page writes for it reopens the same figure silently.
    #[test]
    fn links_the_page_writes_reopen_the_same_figure() {
        const KEYS: [&str; 17] = [
            "tol",
            "preset",
            "function",
            "optimizer",
            "convention",
            "lr",
            "beta",
            "beta2",
            "alpha",
            "compare",
            "adam.lr",
            "rmsprop:pytorch.lr",
            "gd:keras.lr",
            "start",
            "view",
            "t",
            "steps",
        ];
        const VALUES: [&str; 17] = [
            "1e-3",
            "rosenbrock",
            "pytorch",
            "adam",
            "gd,adam:keras,rmsprop:pytorch",
            "1e300",
            "-1",
            "0.5",
            "keras",
            "nope",
            "1.5",
            "3,4",
            "-2,2,-1,1",
            "40",
            "inf",
            "article",
            "rmsprop",
        ];
        let mut seed: u64 = 7;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n
        };
        for _ in 0..2000 {
            let count = 1 + next(8);
            let input: Pairs = (0..count)
                .map(|_| {
                    (
                        KEYS[next(KEYS.len())].to_owned(),
                        VALUES[next(VALUES.len())].to_owned(),
                    )
                })
                .collect();
            let (settings, extras) = decode_trajectory(&mut Decoder::new(&input));
            assert!(settings.view.is_valid(), "{input:?}");
            let encoded = encode_trajectory(&settings, &extras);
            let mut again = Decoder::new(&encoded);
            let (decoded, decoded_extras) = decode_trajectory(&mut again);
            assert_eq!(again.notices, [], "{input:?} -> {encoded:?}");
            assert_eq!(
                shown(&decoded),
                shown(&settings),
                "{input:?} -> {encoded:?}"
            );
            assert_eq!(decoded_extras, extras);
        }
    }
}
