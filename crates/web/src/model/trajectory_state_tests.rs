//! Tests of the trajectory figure's one state and its codec (`trajectory_state`).

use super::trajectory::Settings;
use super::trajectory_state::*;
use super::trajectory_url_tests::shown;
use super::url::{Decoder, Pairs};
use descent_core::view3d::{self, Orbit, View3d};
use descent_plot::scene::ERROR_SERIES;
use std::collections::BTreeSet;

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
        super::entry::Entry,
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
        orbit: Orbit::new(135.5, 62.0),
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
