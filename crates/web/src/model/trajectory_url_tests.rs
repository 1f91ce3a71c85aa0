//! Tests of the run's URL codec (`trajectory_url`) through the whole figure's codec, and the
//! helpers other models' tests share.

use super::entry::Entry;
use super::trajectory::{Settings, PAGE_MAX_STEPS};
use super::trajectory_state::{decode_trajectory, encode_trajectory, TrajectoryState};
use super::trajectory_url::*;
use super::url::{Decoder, Pairs};
use descent_core::config::defaults;
use descent_core::data::DataSet;
use descent_core::objective::DataModel;
use descent_core::view::View;
use descent_core::{Convention, Optimizer, OptimizerKind};

/// Query pairs from string slices.
pub(in crate::model) fn pairs(list: &[(&str, &str)]) -> Pairs {
    list.iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

fn kind(name: &str) -> OptimizerKind {
    OptimizerKind::named(name).expect("in the table")
}

/// What the figure runs and shows, whatever order the tuned entries were stored in (a data
/// set by its points and model: a link calls pasted data by its inline form).
pub(in crate::model) fn shown(
    settings: &Settings,
) -> (Vec<descent_core::Config>, View, bool, Entry, bool) {
    let configs = settings
        .configs()
        .into_iter()
        .map(|mut c| {
            if let Some(data) = &c.data {
                let set = data.data();
                let points = DataSet {
                    source: String::new(),
                    places: Vec::new(),
                    ..set.clone()
                };
                c.data = DataModel::new(points, data.model()).ok();
            }
            c
        })
        .collect();
    (
        configs,
        settings.view,
        settings.log_course,
        settings.selected,
        settings.training.ghost,
    )
}

#[test]
fn defaults_encode_to_nothing() {
    let state = decode_trajectory(&mut Decoder::new(&[]));
    assert_eq!(state.settings, Settings::default());
    assert!(encode_trajectory(&state).is_empty());
    assert!(encode_run(&decode_run(&mut Decoder::new(&[]))).is_empty());
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
    let state = TrajectoryState {
        settings,
        toggled: ["s1".to_owned()].into(),
        position: Some(7),
        ..TrajectoryState::default()
    };
    let encoded = encode_trajectory(&state);
    let mut d = Decoder::new(&encoded);
    let decoded = decode_trajectory(&mut d);
    assert_eq!(d.notices, []);
    assert_eq!(shown(&decoded.settings), shown(&state.settings));
    assert_eq!(
        (decoded.toggled, decoded.position),
        (state.toggled, state.position)
    );
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
    let state = decode_trajectory(&mut d);
    let settings = &state.settings;
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
        decode_trajectory(&mut Decoder::new(&encode_trajectory(&state))),
        state
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
    let settings = decode_trajectory(&mut d).settings;
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
