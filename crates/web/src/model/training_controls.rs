//! What the trajectory figure's noise, data and schedule controls say, from core's tables:
//! the data set, model and schedule options, a row per noise and schedule parameter
//! ([`descent_core::training::sampling::NOISE`], [`descent_core::training::schedule::PARAMETERS`]), the batch
//! size's row for a data set of N points, and the help under each select. Plain data; the
//! page module builds the elements from it.

use descent_core::data::neuron::MODELS;
use descent_core::data::BUILTIN_SETS;
use descent_core::optimizer::SliderScale;
use descent_core::training::sampling::NOISE;
use descent_core::training::schedule::{PARAMETERS, SCHEDULES};
use descent_core::vocabulary;

use super::controls::{number_row, Choice, NumberRow};

/// The data select's value for the typed function.
pub const NO_DATA: &str = "none";
/// The data select's value for pasted or uploaded data.
pub const PASTED_DATA: &str = "pasted";

/// The data select's options: the function, the built-in sets, pasted data.
pub fn data_choices() -> Vec<Choice> {
    let mut choices = vec![Choice {
        value: NO_DATA,
        text: "None: the error function above".to_owned(),
    }];
    choices.extend(BUILTIN_SETS.iter().map(|set| Choice {
        value: set.name,
        text: format!("{} ({})", set.name, set.model.name()),
    }));
    choices.push(Choice {
        value: PASTED_DATA,
        text: "Your data (paste or upload CSV)".to_owned(),
    });
    choices
}

/// What the data select's choice `value` is, for the help under it.
pub fn data_help(value: &str) -> String {
    match BUILTIN_SETS.iter().find(|s| s.name == value) {
        Some(set) => set.description.to_owned(),
        None if value == PASTED_DATA => format!(
            "CSV with a header naming the columns x and y, at most {} rows.",
            descent_core::data::MAX_POINTS
        ),
        None => String::new(),
    }
}

/// The model select's options: name and prediction.
pub fn model_choices() -> Vec<Choice> {
    MODELS
        .iter()
        .map(|m| Choice {
            value: m.name,
            text: format!("{}: {}", m.name, m.prediction),
        })
        .collect()
}

/// The schedule select's options: name and η(t).
pub fn schedule_choices() -> Vec<Choice> {
    SCHEDULES
        .iter()
        .map(|s| Choice {
            value: s.name,
            text: format!("{}: {}", s.name, s.formula),
        })
        .collect()
}

/// The rows of the noise σ and of every schedule parameter, in vocabulary order.
pub fn training_rows() -> Vec<NumberRow> {
    std::iter::once(&NOISE)
        .chain(PARAMETERS)
        .map(number_row)
        .collect()
}

/// The row of the batch size for a data set of `n` points: a slider over 1 to N, log scale.
pub fn batch_row(n: usize) -> NumberRow {
    let scale = SliderScale::Log {
        min: 1.0,
        max: n.max(2) as f64,
    };
    NumberRow {
        key: "batch",
        label: "Mini-batch size B".to_owned(),
        slider_label: "Mini-batch size slider (log scale)".to_owned(),
        scale,
    }
}

/// The help of a run key of the vocabulary (`seed`, `batch`, `schedule`, …).
pub fn key_help(key: &str) -> &'static str {
    vocabulary::key(key).map_or("", |k| k.help)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_controls_come_from_the_tables() {
        let data = data_choices();
        assert_eq!(data.len(), BUILTIN_SETS.len() + 2);
        assert_eq!(data[1].text, "line (linear)");
        assert!(data_help("scaled").contains("a million times steeper"));
        assert!(data_help(PASTED_DATA).contains("at most 10000 rows"));
        assert_eq!(model_choices()[1].text, "logistic: ŷ = σ(w1·x + w2)");
        assert_eq!(schedule_choices()[2].text, "exponential: η·γ^t");
        let keys: Vec<&str> = training_rows().iter().map(|r| r.key).collect();
        assert_eq!(keys, ["noise", "gamma", "period", "lr_min", "warmup"]);
        assert_eq!(training_rows()[0].label, "Gradient noise σ");
        assert_eq!(batch_row(50).scale.value(1000.0), 50.0);
        assert!(key_help("seed").contains("the same seed gives the same run"));
    }
}
