//! The trajectory figure's whole state, the one model its page and its URL read and write:
//! the runs ([`Settings`]: function, entries, start, steps, view, training) and what the
//! figure shows of them (the course's toggled series, the playback position). The page holds
//! one [`TrajectoryState`]; a link is [`encode_trajectory`] of it and opens as
//! [`decode_trajectory`] of the link.
//!
//! **Adding a layer.** A key that changes only what the figure shows (a layer over the
//! surface, a view of it) is one field of [`TrajectoryState`] and one entry of [`LAYER_KEYS`]
//! (its key, how it is read, how it is written; `None` leaves a default out of links), both
//! in this file; the tests' `non_default_layers` then gives it a value for the round trips. A
//! key that changes the runs themselves (what the maps run too) is a field of [`Settings`]
//! and goes in the run's codec, [`super::trajectory_url`].

use std::collections::BTreeSet;

use descent_core::view3d::{self, View3d};
use descent_plot::scene::ERROR_SERIES;

use super::trajectory::{Settings, PAGE_MAX_STEPS};
use super::trajectory_url::{decode_run, encode_run};
use super::url::{Decoder, Pairs};
use super::view3d_url::{decode_view3d, encode_view3d};

/// The trajectory figure's state: everything its link and its page carry.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TrajectoryState {
    /// The runs and how they are framed (what the maps follow).
    pub settings: Settings,
    /// Names of the course's series the user toggled from their defaults (`series=`).
    pub toggled: BTreeSet<String>,
    /// Playback position (`t=`): paths are drawn up to this iteration; `None` shows them
    /// whole.
    pub position: Option<usize>,
    /// The 3-D view (`3d=`, `azimuth=`, `elevation=`, `zscale=`): whether the surface is shown
    /// in 3-D, and how.
    pub view3d: View3d,
}

impl From<Settings> for TrajectoryState {
    /// The figure of `settings`, with its layers at their defaults.
    fn from(settings: Settings) -> Self {
        TrajectoryState {
            settings,
            ..TrajectoryState::default()
        }
    }
}

impl TrajectoryState {
    /// Whether course series `name` is shown: error courses start visible (every run's, in
    /// compare mode), state series hidden; a toggle flips either.
    pub fn is_series_visible(&self, name: &str, compare: bool) -> bool {
        (compare || name == ERROR_SERIES) != self.toggled.contains(name)
    }

    /// Flips series `name` from its default.
    pub fn toggle_series(&mut self, name: &str) {
        if !self.toggled.remove(name) {
            self.toggled.insert(name.to_owned());
        }
    }

    /// Moves playback to iteration `t` of runs whose last iteration is `last` (the end, or
    /// beyond, shows the whole paths).
    pub fn seek(&mut self, t: usize, last: usize) {
        self.position = (t < last).then_some(t);
    }
}

/// One key of the figure's layers: how a link's value is read onto the state and written
/// from it.
pub struct LayerKey {
    /// The query key.
    pub key: &'static str,
    /// Reads `key` (when given) onto the state, whose runs are already decoded; a bad value
    /// gets a notice and leaves the default.
    pub decode: fn(&mut Decoder, &'static str, &mut TrajectoryState),
    /// The value a link writes, `None` for the default (left out).
    pub encode: fn(&TrajectoryState) -> Option<String>,
}

/// The figure's keys beyond its runs', in the order links write them (after the runs'). A new
/// layer's key goes here (see the module's doc).
pub const LAYER_KEYS: [LayerKey; 7] = [
    LayerKey {
        key: "series",
        decode: |d, key, state| {
            if let Some(list) = d.get(key) {
                let names = list.split(',').filter(|n| !n.is_empty());
                state.toggled = names.map(str::to_owned).collect();
            }
        },
        encode: |state| {
            let names: Vec<&str> = state.toggled.iter().map(String::as_str).collect();
            (!names.is_empty()).then(|| names.join(","))
        },
    },
    LayerKey {
        key: "t",
        decode: |d, key, state| {
            let steps = state.settings.steps;
            state.position = d.count(key, PAGE_MAX_STEPS).filter(|&t| t < steps);
        },
        encode: |state| state.position.map(|t| t.to_string()),
    },
    view3d_layer::<0>(),
    view3d_layer::<1>(),
    view3d_layer::<2>(),
    view3d_layer::<3>(),
    view3d_layer::<4>(),
];

/// The layer key of the 3-D view's key `KEYS[K]` (core's table).
const fn view3d_layer<const K: usize>() -> LayerKey {
    LayerKey {
        key: view3d::KEYS[K],
        decode: |d, key, state| decode_view3d(d, key, &mut state.view3d),
        encode: |state| encode_view3d(&state.view3d, view3d::KEYS[K]),
    }
}

/// Decodes the trajectory figure from query pairs: the runs, then the layers.
pub fn decode_trajectory(d: &mut Decoder) -> TrajectoryState {
    let mut state = TrajectoryState::from(decode_run(d));
    for layer in &LAYER_KEYS {
        (layer.decode)(d, layer.key, &mut state);
    }
    state
}

/// Encodes the trajectory figure, omitting what equals the defaults.
pub fn encode_trajectory(state: &TrajectoryState) -> Pairs {
    let mut pairs = encode_run(&state.settings);
    for layer in &LAYER_KEYS {
        if let Some(value) = (layer.encode)(state) {
            pairs.push((layer.key.to_owned(), value));
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::trajectory_url::tests::shown;

    /// Query pairs of a link's query string (`k=v&k=v`, values as a browser decodes them).
    fn query(link: &str) -> Pairs {
        link.split('&')
            .filter(|p| !p.is_empty())
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap_or((p, ""));
                (k.to_owned(), v.to_owned())
            })
            .collect()
    }

    /// `pairs` as a query string.
    fn text(pairs: &Pairs) -> String {
        let items: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={v}")).collect();
        items.join("&")
    }

    /// What the figure shows of `state`: its runs and view as [`shown`] compares them, and
    /// its layers.
    type Shown = (
        (
            Vec<descent_core::Config>,
            descent_core::view::View,
            bool,
            super::super::entry::Entry,
            bool,
        ),
        BTreeSet<String>,
        Option<usize>,
        View3d,
    );

    fn shows(state: &TrajectoryState) -> Shown {
        (
            shown(&state.settings),
            state.toggled.clone(),
            state.position,
            state.view3d,
        )
    }

    /// A value other than the default for every layer key (a new layer adds its own here).
    fn non_default_layers(state: &mut TrajectoryState) {
        state.toggled = ["s1".to_owned(), "E(w(t))".to_owned()].into();
        state.position = Some(7);
        state.view3d = View3d {
            shown: true,
            orbit: view3d::Orbit::new(135.5, 62.0),
            zoom: 1.5,
            height: view3d::Height::Log,
        };
    }

    /// Links as the page wrote them before the figure's state had one home, with the link
    /// each was opened from: every key of the trajectory figure, old `v=1` spellings
    /// (`compare=gd,adam` before conventions, a `figure=trajectory` header) and values the
    /// decoder tidies (a `t` past the run, repeated series). The writing is the old encoder's
    /// output, run on these inputs before this module existed; the series are written as the
    /// page always wrote them, sorted and once.
    const LINKS: [(&str, &str); 17] = [
        ("", ""),
        ("v=1", ""),
        (
            "preset=rosenbrock&lr=0.01&compare=gd,rmsprop,adam&gd.lr=0.002&adam.lr=0.05&steps=500&log=1&t=40",
            "preset=rosenbrock&gd.lr=0.002&lr=0.01&adam.lr=0.05&steps=500&log=1&compare=gd,rmsprop,adam&t=40",
        ),
        ("v=1&compare=gd,adam", "compare=gd,adam"),
        (
            "function=w1^2 + 3*w2^2&optimizer=adam&beta1=0.8&beta2=0.99&eps=1e-6",
            "function=w1^2 + 3*w2^2&optimizer=adam&beta1=0.8&beta2=0.99&eps=1e-6",
        ),
        (
            "optimizer=adamw&convention=pytorch&lr=0.02&weight_decay=0.1&compare=adamw,rmsprop:article&rmsprop:article.lr=0.1&series=RMSProp&t=12",
            "optimizer=adamw&convention=pytorch&rmsprop:article.lr=0.1&lr=0.02&weight_decay=0.1&compare=rmsprop:article,adamw&series=RMSProp&t=12",
        ),
        (
            "optimizer=momentum&alpha=0.5&start=1.25,-0.5&steps=40&tol=1e-4&view=-3,3,-2,4&series=s2,s1&t=7",
            "optimizer=momentum&alpha=0.5&start=1.25,-0.5&steps=40&tol=0.0001&view=-3,3,-2,4&series=s1,s2&t=7",
        ),
        (
            "preset=himmelblau&start=1,1&beta=0.5&series=E(w(t))",
            "preset=himmelblau&beta=0.5&start=1,1&series=E(w(t))",
        ),
        (
            "data=line&noise=0.5&seed=3&batch=2&schedule=cosine&lr_min=0.001&ghost=1&t=5",
            "view=-0.20918049590744042,2.3009854549818445,-1.3299551413858788,0.20918049590744042&data=line&noise=0.5&seed=3&batch=2&schedule=cosine&lr_min=0.001&ghost=1&t=5",
        ),
        (
            "data=overlap&model=linear&schedule=step&gamma=0.7&period=10&warmup=5",
            "view=-0.051577989240481625,0.3276110925317276,-0.051577989240481625,0.5673578816452979&data=overlap&model=linear&schedule=step&gamma=0.7&period=10&warmup=5",
        ),
        (
            "data=inline:1,2;3,4.5;5,1&view=-2,2,-1,1",
            "view=-2,2,-1,1&data=inline:1,2;3,4.5;5,1",
        ),
        (
            "preset=scaled-batches",
            "lr=0.003&steps=2000&view=-0.002,0.006,-0.1,0.3&data=scaled&batch=8&schedule=cosine",
        ),
        (
            "preset=adam-vs-sgd&t=3&series=s1",
            "optimizer=adam&gd.lr=0.02&lr=0.5&noise=30&seed=1&log=1&compare=gd,adam&series=s1&t=3",
        ),
        (
            "convention=keras&optimizer=adadelta&rho=0.8&compare=gd,adam:pytorch&adam:pytorch.beta1=0.5",
            "optimizer=adadelta&convention=keras&adam:pytorch.beta1=0.5&rho=0.8&compare=gd,adam:pytorch",
        ),
        (
            "noise=0.2&ghost=1&schedule=exponential&gamma=0.97",
            "noise=0.2&schedule=exponential&gamma=0.97&ghost=1",
        ),
        ("log=1&t=0", "log=1&t=0"),
        (
            "v=1&figure=trajectory&steps=20&t=25&series=,s1,,s1",
            "steps=20&series=s1",
        ),
    ];

    /// Every key the trajectory figure's links carry (the prefixed hyperparameters as one).
    const KEYS: [&str; 31] = [
        "preset",
        "function",
        "optimizer",
        "convention",
        "lr",
        "alpha",
        "beta",
        "beta1",
        "beta2",
        "eps",
        "rho",
        "weight_decay",
        "adam.lr",
        "start",
        "steps",
        "tol",
        "view",
        "data",
        "model",
        "noise",
        "seed",
        "batch",
        "schedule",
        "gamma",
        "period",
        "lr_min",
        "warmup",
        "ghost",
        "log",
        "compare",
        "series",
    ];

    #[test]
    fn defaults_are_the_default_figure_and_write_nothing() {
        let state = decode_trajectory(&mut Decoder::new(&[]));
        assert_eq!(state, TrajectoryState::default());
        assert_eq!(state.settings, Settings::default());
        assert!(state.toggled.is_empty() && state.position.is_none());
        assert!(encode_trajectory(&state).is_empty());
        for layer in &LAYER_KEYS {
            assert_eq!((layer.encode)(&state), None, "{}", layer.key);
        }
    }

    #[test]
    fn links_written_before_open_the_same_figure_and_are_written_the_same() {
        for (link, written) in LINKS {
            let input = query(link);
            let mut d = Decoder::new(&input);
            let state = decode_trajectory(&mut d);
            assert_eq!(d.notices, [], "{link}");
            assert_eq!(text(&encode_trajectory(&state)), written, "{link}");
            let output = query(written);
            let mut again = Decoder::new(&output);
            let reopened = decode_trajectory(&mut again);
            assert_eq!(again.notices, [], "{written}");
            assert_eq!(shows(&reopened), shows(&state), "{written}");
            assert_eq!(text(&encode_trajectory(&reopened)), written);
        }
        let given: BTreeSet<&str> = LINKS
            .iter()
            .flat_map(|(link, _)| link.split('&'))
            .filter_map(|p| p.split_once('=').map(|(k, _)| k))
            .collect();
        for key in KEYS.iter().chain(&["t"]) {
            assert!(given.contains(key), "no link gives `{key}`");
        }
    }

    #[test]
    fn old_links_mean_what_they_meant() {
        let state = decode_trajectory(&mut Decoder::new(&query(LINKS[2].0)));
        let s = &state.settings;
        assert_eq!(s.preset().map(|p| p.id), Some("rosenbrock"));
        let lrs: Vec<Option<f64>> = s.configs().iter().map(|c| c.optimizer.get("lr")).collect();
        assert_eq!(lrs, [Some(0.002), Some(0.01), Some(0.05)]);
        assert_eq!(
            (s.steps, s.log_course, state.position),
            (500, true, Some(40))
        );
        let state = decode_trajectory(&mut Decoder::new(&query("v=1&compare=gd,adam")));
        let labels: Vec<String> = state.settings.entries().iter().map(|e| e.label()).collect();
        assert_eq!(labels, ["Gradient descent", "Adam"]);
        let state = decode_trajectory(&mut Decoder::new(&query(LINKS[16].0)));
        assert_eq!(state.position, None, "t past the run's end shows it whole");
        assert_eq!(state.toggled, BTreeSet::from(["s1".to_owned()]));
    }

    #[test]
    fn every_key_of_the_3d_view_is_a_layer_key() {
        for key in view3d::KEYS {
            assert!(LAYER_KEYS.iter().any(|l| l.key == key), "{key}");
        }
    }

    #[test]
    fn every_layer_key_round_trips_and_is_written_once() {
        let mut state = TrajectoryState::default();
        non_default_layers(&mut state);
        let encoded = encode_trajectory(&state);
        for layer in &LAYER_KEYS {
            let written = encoded.iter().filter(|(k, _)| k == layer.key).count();
            assert_eq!(written, 1, "{} in {encoded:?}", layer.key);
        }
        assert_eq!(
            text(&encoded),
            "series=E(w(t)),s1&t=7&3d=1&azimuth=135.5&elevation=62&zoom=1.5&zscale=log"
        );
        let mut d = Decoder::new(&encoded);
        assert_eq!(decode_trajectory(&mut d), state);
        assert_eq!(d.notices, []);
    }

    #[test]
    fn bad_layer_values_get_a_notice_and_the_default() {
        let input = query("t=abc&series=s1");
        let mut d = Decoder::new(&input);
        let state = decode_trajectory(&mut d);
        assert_eq!(state.position, None);
        assert_eq!(d.notices.len(), 1);
        assert_eq!(d.notices[0].key, "t");
        let input = query("t=1e9");
        let mut d = Decoder::new(&input);
        assert_eq!(decode_trajectory(&mut d).position, None, "past the run");
        assert_eq!(d.notices[0].key, "t");
    }

    #[test]
    fn series_toggle_from_their_defaults_and_playback_seeks() {
        let mut state = TrajectoryState::default();
        assert!(state.is_series_visible(ERROR_SERIES, false));
        assert!(!state.is_series_visible("s1", false));
        assert!(state.is_series_visible("Adam", true));
        state.toggle_series("s1");
        state.toggle_series(ERROR_SERIES);
        assert!(state.is_series_visible("s1", false));
        assert!(!state.is_series_visible(ERROR_SERIES, false));
        state.toggle_series("s1");
        assert_eq!(state.toggled, BTreeSet::from([ERROR_SERIES.to_owned()]));
        state.seek(3, 10);
        assert_eq!(state.position, Some(3));
        state.seek(10, 10);
        assert_eq!(state.position, None, "the end shows the whole paths");
    }
    /// What the fuzz target `url_state` checks, on a fixed sample: any pairs decode to a
    /// usable state, and the link the page writes for it reopens the same figure silently.
    #[test]
    fn links_the_page_writes_reopen_the_same_figure() {
        const KEYS: [&str; 31] = [
            "zoom",
            "3d",
            "azimuth",
            "elevation",
            "zscale",
            "tol",
            "data",
            "noise",
            "batch",
            "schedule",
            "period",
            "ghost",
            "seed",
            "model",
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
            "series",
        ];
        const VALUES: [&str; 31] = [
            "0.123",
            "0",
            "-179.96",
            "89.99",
            "log",
            "1e-3",
            "line",
            "inline:1,2;3,4.5;5,1",
            "scaled-batches",
            "cosine",
            "7",
            "1",
            "logistic",
            "overlap",
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
            "s1,,E(w(t))",
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
            let state = decode_trajectory(&mut Decoder::new(&input));
            assert!(state.settings.view.is_valid(), "{input:?}");
            let encoded = encode_trajectory(&state);
            let mut again = Decoder::new(&encoded);
            let decoded = decode_trajectory(&mut again);
            assert_eq!(again.notices, [], "{input:?} -> {encoded:?}");
            assert_eq!(shows(&decoded), shows(&state), "{input:?} -> {encoded:?}");
        }
    }
}
