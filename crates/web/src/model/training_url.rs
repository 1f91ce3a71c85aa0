//! The training keys of the trajectory figure's URL: `data` (a built-in set by name, a small
//! pasted set inline as `inline:x,y;x,y;…`), `model`, `noise`, `seed`, `batch`, `schedule` with
//! its parameters `gamma`, `period`, `lr_min`, `warmup`, and `ghost=1`. The vocabulary's keys
//! and values, read with the core's validation; a bad value gets a notice and the default.
//! Encoding omits defaults (the core's `pairs()` helpers).

use descent_core::data::{no_files, DataSet};
use descent_core::model::Model;
use descent_core::objective::default_model;
use descent_core::sampling::NOISE;
use descent_core::schedule::{ScheduleKind, PARAMETERS};
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

    fn pairs(list: &[(&str, &str)]) -> Pairs {
        list.iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

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
}
