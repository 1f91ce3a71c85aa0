//! The training keys of the trajectory figure's URL: `data` (a built-in set by name, a small
//! pasted set inline as `inline:x,y;x,y;…`), `model`, `noise`, `seed`, `batch`, `schedule` with
//! its parameters `gamma`, `period`, `lr_min`, `warmup`, and `ghost=1`. The vocabulary's keys
//! and values, read with the core's validation; a bad value gets a notice and the default.
//! Encoding omits defaults (the core's `pairs()` helpers).

use descent_core::data::neuron::Model;
use descent_core::data::{no_files, DataSet};
use descent_core::objective::default_model;
use descent_core::training::sampling::NOISE;
use descent_core::training::schedule::{ScheduleKind, PARAMETERS};
use descent_core::ConfigError;

use super::training::Training;
use super::url::{Decoder, Pairs};

/// Reads the data set and its model; returns whether a data set was given and used.
fn decode_data(d: &mut Decoder, training: &mut Training) -> bool {
    let model = d.parse("model", |text| {
        Model::named(text.trim()).ok_or_else(|| ConfigError::NotAChoice {
            key: "model".to_owned(),
            value: text.to_owned(),
            choices: Model::names().join(", "),
        })
    });
    let set = d.parse("data", |value| {
        DataSet::from_value(value).unwrap_or_else(|| no_files(value.trim()))
    });
    let Some(set) = set else {
        if model.is_some() {
            d.notice(
                "model",
                "`model` needs `data`: a model is fitted to a data set; ignored".to_owned(),
            );
        }
        return false;
    };
    let own = default_model(&set.source);
    if let Err(e) = training.set_data(set.clone(), model) {
        d.notice("model", format!("{e}; using the {} model", own.name()));
        return training.set_data(set, Some(own)).is_ok();
    }
    true
}

/// Reads `noise`, `seed` and `batch` (after the data set, which `batch` needs).
fn decode_sampling(d: &mut Decoder, training: &mut Training) {
    if let Some(noise) = d.hyperparameter(NOISE.key, &NOISE) {
        let _ = training.set_sampling(NOISE.key, &super::format::number(noise));
    }
    for key in ["seed", "batch"] {
        if let Some(text) = d.get(key) {
            if let Err(e) = training.set_sampling(key, text) {
                d.notice(key, format!("{e}; using the default"));
            }
        }
    }
}

/// Reads `schedule` and the parameters it takes (a run of `steps` steps).
fn decode_schedule(d: &mut Decoder, training: &mut Training, steps: usize) {
    if let Some(kind) = d.parse("schedule", |text| {
        ScheduleKind::named(text.trim()).ok_or_else(|| ConfigError::NotAChoice {
            key: "schedule".to_owned(),
            value: text.to_owned(),
            choices: ScheduleKind::names().join(", "),
        })
    }) {
        training.schedule.set_kind(kind);
    }
    for p in PARAMETERS {
        let Some(text) = d.get(p.key) else {
            continue;
        };
        if let Err(e) = training.schedule.set(p.key, text, steps) {
            let instead = if training.schedule.kind().takes(p.key) {
                "using the default"
            } else {
                "ignored"
            };
            d.notice(p.key, format!("{e}; {instead}"));
        }
    }
}

/// Reads every training key into `training` for a run of `steps` steps; returns whether the
/// link gives a data set (its start and view then default to the data's).
pub fn decode_training(d: &mut Decoder, training: &mut Training, steps: usize) -> bool {
    let data = decode_data(d, training);
    decode_sampling(d, training);
    decode_schedule(d, training, steps);
    if let Some(ghost) = d.get("ghost") {
        training.ghost = ghost == "1";
    }
    data
}

/// The training keys of `training` for a run of `steps` steps, defaults left out; a pasted
/// data set too large for a link is left out (the page says so where the data is pasted).
pub fn encode_training(training: &Training, steps: usize) -> Pairs {
    let mut pairs: Pairs = Vec::new();
    let mut sampling = training.sampling;
    match (training.link_data(), &training.data) {
        (Some(Ok(source)), Some(data)) => {
            let model = data.model();
            pairs.push(("data".to_owned(), source));
            if model != default_model(&pairs[0].1) {
                pairs.push(("model".to_owned(), model.name().to_owned()));
            }
        }
        // Without its data set the link's run has no batches either.
        _ => sampling.batch = None,
    }
    let schedule = training.schedule.schedule(steps);
    for (key, value) in sampling.pairs().into_iter().chain(schedule.pairs(steps)) {
        pairs.push((key.to_owned(), value));
    }
    if training.ghost {
        pairs.push(("ghost".to_owned(), "1".to_owned()));
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::trajectory::Settings;
    use crate::model::trajectory_url::{decode_run, encode_run};
    use crate::model::trajectory_url_tests::{pairs, shown};
    use descent_core::presets::preset;

    fn decode(list: &[(&str, &str)]) -> (Training, Vec<String>) {
        let input = pairs(list);
        let mut d = Decoder::new(&input);
        let mut training = Training::default();
        decode_training(&mut d, &mut training, 300);
        let notices = d
            .notices
            .iter()
            .map(|n| format!("{}: {}", n.key, n.message))
            .collect();
        (training, notices)
    }

    #[test]
    fn training_keys_round_trip() {
        let (training, notices) = decode(&[
            ("data", "overlap"),
            ("noise", "0.5"),
            ("seed", "3"),
            ("batch", "8"),
            ("schedule", "cosine"),
            ("lr_min", "0.001"),
            ("warmup", "10"),
            ("ghost", "1"),
        ]);
        assert_eq!(notices, Vec::<String>::new());
        let encoded = encode_training(&training, 300);
        let written: Vec<String> = encoded.iter().map(|(k, v)| format!("{k}={v}")).collect();
        assert_eq!(
            written,
            [
                "data=overlap",
                "noise=0.5",
                "seed=3",
                "batch=8",
                "schedule=cosine",
                "lr_min=0.001",
                "warmup=10",
                "ghost=1"
            ]
        );
        let (again, _) = decode(
            &encoded
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect::<Vec<_>>(),
        );
        assert_eq!(again, training);
        let (inline, _) = decode(&[("data", "inline:1,2;3,4"), ("model", "linear")]);
        let encoded = encode_training(&inline, 300);
        assert_eq!(encoded, pairs(&[("data", "inline:1,2;3,4")]));
    }

    #[test]
    fn bad_training_keys_get_a_notice_and_the_default() {
        let (training, notices) = decode(&[
            ("data", "<b>nope</b>"),
            ("model", "logistic"),
            ("noise", "-2"),
            ("seed", "1.5"),
            ("batch", "4"),
            ("schedule", "cosine"),
            ("gamma", "0.5"),
        ]);
        assert_eq!(training.data, None);
        assert_eq!(training.sampling, Default::default());
        assert_eq!(training.schedule.kind(), ScheduleKind::Cosine);
        let keys: Vec<&str> = notices
            .iter()
            .map(|n| n.split(':').next().unwrap_or(""))
            .collect();
        assert_eq!(
            keys,
            ["data", "model", "noise", "seed", "batch", "gamma"],
            "{notices:?}"
        );
        assert!(
            notices[0].contains("unknown data set `<b>nope</b>`"),
            "quoted as text"
        );
        assert!(
            notices[5].contains("not used by the cosine schedule"),
            "{notices:?}"
        );
        let (training, notices) = decode(&[("data", "line"), ("model", "logistic")]);
        assert_eq!(training.data.map(|d| d.model()), Some(Model::Linear));
        assert_eq!(
            notices,
            [
                "model: point 1: y = -4.18, but the logistic model needs every y to be 0 or 1; \
              using the linear model"
            ]
        );
        let (_, notices) = decode(&[("data", "inline:1,2;3")]);
        assert_eq!(
            notices,
            ["data: point 2: `3` is not a pair x,y; using the default"]
        );
    }

    #[test]
    fn training_presets_open_their_scenario_and_their_links_reopen_it() {
        for id in ["scaled-batches", "adam-vs-sgd"] {
            let input = pairs(&[("preset", id)]);
            let mut d = Decoder::new(&input);
            let settings = decode_run(&mut d);
            assert_eq!(d.notices, [], "{id}");
            let p = preset(id).expect("listed");
            assert_eq!((settings.view, settings.start), (p.view, p.start), "{id}");
            let encoded = encode_run(&settings);
            assert!(encoded.iter().all(|(k, _)| k != "preset"), "{encoded:?}");
            let mut again = Decoder::new(&encoded);
            let decoded = decode_run(&mut again);
            assert_eq!(again.notices, [], "{encoded:?}");
            assert_eq!(shown(&decoded), shown(&settings), "{encoded:?}");
        }
        let scaled = decode_run(&mut Decoder::new(&pairs(&[("preset", "scaled-batches")])));
        assert_eq!(scaled.training.sampling.batch, Some(8));
        assert_eq!(scaled.steps, 2000);
        assert_eq!(scaled.preset().map(|p| p.id), Some("scaled-batches"));
        let again = decode_run(&mut Decoder::new(&encode_run(&scaled)));
        assert_eq!(
            again.preset().map(|p| p.id),
            Some("scaled-batches"),
            "by its data set"
        );
        let noisy = decode_run(&mut Decoder::new(&pairs(&[("preset", "adam-vs-sgd")])));
        let names: Vec<String> = noisy.entries().iter().map(|e| e.to_string()).collect();
        assert_eq!(names, ["gd", "adam"]);
        assert_eq!(noisy.preset().map(|p| p.id), Some("adam-vs-sgd"));
        let lrs: Vec<Option<f64>> = noisy
            .configs()
            .iter()
            .map(|c| c.optimizer.get("lr"))
            .collect();
        assert_eq!(lrs, [Some(0.02), Some(0.5)]);
        assert!(noisy.configs().iter().all(|c| c.sampling.noise == 30.0));
    }

    #[test]
    fn a_data_link_starts_at_zero_in_the_paths_view_and_a_pasted_set_travels_inline() {
        let input = pairs(&[("data", "line"), ("function", "w1^2")]);
        let mut d = Decoder::new(&input);
        let settings = decode_run(&mut d);
        assert_eq!(d.notices.len(), 1, "data excludes function");
        assert_eq!(settings.start, [0.0, 0.0]);
        let run = settings.configs()[0].run();
        assert!(run.rows.iter().all(|r| settings.view.contains(r.w)));
        assert_eq!(settings.home, settings.view);
        let encoded = encode_run(&settings);
        let keys: Vec<&str> = encoded.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["view", "data"]);
        let mut pasted = Settings::default();
        let set = crate::model::training::parse_pasted("x,y\n0,1\n1,3\n2,5.5\n").expect("valid");
        pasted.set_data(set, None).expect("valid");
        let encoded = encode_run(&pasted);
        assert!(
            encoded.contains(&("data".to_owned(), "inline:0,1;1,3;2,5.5".to_owned())),
            "{encoded:?}"
        );
        let decoded = decode_run(&mut Decoder::new(&encoded));
        assert_eq!(shown(&decoded), shown(&pasted));
        pasted.clear_data();
        assert_eq!(pasted.configs(), Settings::default().configs());
    }
}
