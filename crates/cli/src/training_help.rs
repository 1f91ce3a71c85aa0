//! The help on data sets, models, mini-batches, gradient noise and learning-rate schedules,
//! built from the core's tables (data sets, models, schedules and their parameters).

use descent_core::data::neuron::MODELS;
use descent_core::data::random::MAX_SEED;
use descent_core::data::{BUILTIN_SETS, MAX_POINTS};
use descent_core::export::number;
use descent_core::training::sampling::NOISE;
use descent_core::training::schedule::{ParameterDefault, PARAMETERS, SCHEDULES};
use descent_core::training::{LR_COLUMN, USED_GRADIENT_COLUMNS};
use descent_core::vocabulary;

/// Where the descriptions start.
const INDENT: usize = 18;
/// The longest line.
const WIDTH: usize = 92;

/// The section appended to `descent trajectory --help`.
pub fn text() -> String {
    let mut text = String::from("\nFitting a one-neuron model to data (instead of --function):\n");
    text.push_str(&entry(
        "data",
        &format!(
            "a built-in set, inline:x,y;x,y;… or a CSV file with the header x,y (at most \
             {MAX_POINTS} rows); the run starts at 0,0 unless --start says otherwise. The \
             built-in sets:"
        ),
    ));
    for set in BUILTIN_SETS {
        let what = format!("{} ({})", set.description, set.model.name());
        text.push_str(&wrap(&format!("  {:<11}", set.name), &what, 13));
    }
    text.push_str(&entry(
        "model",
        "E(w1, w2) = (1/N)·Σ ℓᵢ (default: the set's own model, else linear) with",
    ));
    for model in MODELS {
        let what = format!("{}, ℓᵢ = {}", model.prediction, model.loss);
        text.push_str(&wrap(&format!("  {:<11}", model.name), &what, 13));
    }
    text.push_str(&entry(
        "batch",
        "the mini-batch size, 1 to N (default N: the exact gradient); each step uses the mean \
         gradient of B samples drawn without replacement, the order reshuffled every epoch \
         from --seed, so every sample is used once per epoch",
    ));
    text.push_str("\nGradient noise:\n");
    text.push_str(&entry(
        NOISE.key,
        &format!("{}; {} (default 0)", NOISE.help, NOISE.range_text()),
    ));
    text.push_str(&entry(
        "seed",
        &format!(
            "0 to {MAX_SEED} (default 0): the seed of the noise and of the batch order; the \
             same seed gives the same run"
        ),
    ));
    text.push_str(&wrap(
        "",
        &format!(
            "With noise or mini-batches the output adds the columns {}: the gradient the step \
             from that row used (g1, g2 stay the exact gradient at w(t)).",
            USED_GRADIENT_COLUMNS.join(", ")
        ),
        0,
    ));
    text.push_str(
        "\nLearning-rate schedules: η(t) scales the step from w(t) to w(t+1), t = 0 first.\n",
    );
    text.push_str(&entry(
        "schedule",
        &format!("(default {}) one of:", SCHEDULES[0].name),
    ));
    for schedule in SCHEDULES {
        let defaults: Vec<String> = schedule
            .parameters
            .iter()
            .map(|&(key, default)| {
                let value = match default {
                    ParameterDefault::Value(v) => number(v),
                    ParameterDefault::RunSteps => "the run's steps".to_owned(),
                };
                format!("--{} {value}", key.replace('_', "-"))
            })
            .collect();
        let defaults = if defaults.is_empty() {
            String::new()
        } else {
            format!("; defaults {}", defaults.join(", "))
        };
        let what = format!("{}{defaults}", schedule.formula);
        text.push_str(&wrap(&format!("  {:<13}", schedule.name), &what, 15));
    }
    for p in PARAMETERS {
        let what = format!("{}; {}", p.help, p.range_text());
        text.push_str(&entry(p.key, &what));
    }
    text.push_str(&wrap(
        "",
        &format!(
            "A schedule adds the column {LR_COLUMN}; a parameter the schedule does not take is an \
             error. Momentum keeps the article's m ← α·m − η(t)·g; --convention pytorch uses \
             PyTorch's b ← α·b + g, w ← w − η(t)·b (they differ once η changes)."
        ),
        0,
    ));
    text
}

/// `--key PLACEHOLDER` padded to [`INDENT`], then `what`, wrapped.
fn entry(key: &str, what: &str) -> String {
    let placeholder = vocabulary::key(key).map_or("X", |k| k.placeholder);
    let flag = format!("--{} {placeholder}", key.replace('_', "-"));
    let prefix = if flag.chars().count() < INDENT {
        format!("{flag:<INDENT$}")
    } else {
        format!("{flag} ")
    };
    wrap(&prefix, what, INDENT)
}

/// `prefix`, then the words of `text` in lines of at most [`WIDTH`] characters, continuation
/// lines indented by `indent` spaces, with a final line break.
fn wrap(prefix: &str, text: &str, indent: usize) -> String {
    let mut out = prefix.to_owned();
    let mut line = prefix.chars().count();
    for (i, word) in text.split_whitespace().enumerate() {
        let length = word.chars().count();
        if i > 0 && line + 1 + length > WIDTH {
            out.push('\n');
            out.push_str(&" ".repeat(indent));
            line = indent;
        } else if i > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(word);
        line += length;
    }
    out.push('\n');
    out
}
