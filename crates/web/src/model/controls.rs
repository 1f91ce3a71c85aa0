//! What the page's generated controls say, from core's tables: the optimizer and convention
//! options, one row per hyperparameter (label, slider description), the compare grid, and the
//! note beside the formula naming the form shown. Plain data; the page module builds the
//! elements from it.

use descent_core::optimizer::Family;
use descent_core::optimizer::{SliderScale, HYPERPARAMETERS};
use descent_core::sorting::sort_short_by;
use descent_core::vocabulary;
use descent_core::{Convention, Hyperparameter, Optimizer, OptimizerKind};

use super::entry::Entry;

/// One `<option>`: its value and its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    /// The value (a vocabulary name).
    pub value: &'static str,
    /// What the reader sees.
    pub text: String,
}

/// The optimizer select's options, in table order, by label.
pub fn optimizer_choices() -> Vec<Choice> {
    OptimizerKind::all()
        .map(|kind| Choice {
            value: kind.name(),
            text: kind.label().to_owned(),
        })
        .collect()
}

/// The optimizer select's options grouped by family (an `<optgroup>` each, in the families'
/// order), each group in table order.
pub fn optimizer_groups() -> Vec<(&'static str, Vec<Choice>)> {
    Family::ALL
        .into_iter()
        .map(|family| {
            let members = OptimizerKind::all().filter(|k| k.spec().family == family);
            let choices = members
                .map(|kind| Choice {
                    value: kind.name(),
                    text: kind.label().to_owned(),
                })
                .collect();
            (family.label(), choices)
        })
        .filter(|(_, choices): &(_, Vec<Choice>)| !choices.is_empty())
        .collect()
}

/// The convention select's options.
pub fn convention_choices() -> Vec<Choice> {
    Convention::ALL
        .into_iter()
        .map(|c| Choice {
            value: c.name(),
            text: c.label().to_owned(),
        })
        .collect()
}

/// A hyperparameter's row of controls: number field `#key`, slider `#key-slider`, message
/// `#key-error`, in the row `#param-key`.
#[derive(Clone, Debug, PartialEq)]
pub struct NumberRow {
    /// The vocabulary key (also the field's id).
    pub key: &'static str,
    /// The label before the key: `Learning rate η`.
    pub label: String,
    /// The slider's accessible name: `Learning rate slider (log scale)`.
    pub slider_label: String,
    /// The slider's mapping.
    pub scale: SliderScale,
}

/// The slider's accessible name for a control labelled `label` over `scale`.
fn slider_label(label: &str, symbol: &str, scale: SliderScale) -> String {
    match scale {
        SliderScale::Linear { .. } => format!("{label} slider"),
        SliderScale::Log { .. } => format!("{label} slider (log scale)"),
        SliderScale::LogOneMinus { .. } => format!("{label} slider (log scale of 1 − {symbol})"),
    }
}

/// The row of hyperparameter `h`.
pub fn number_row(h: &Hyperparameter) -> NumberRow {
    NumberRow {
        key: h.key,
        label: format!("{} {}", h.label, h.symbol),
        slider_label: slider_label(h.label, h.symbol, h.slider),
        scale: h.slider,
    }
}

/// Every hyperparameter's row, in vocabulary order (rows the selected optimizer does not
/// take are hidden).
pub fn hyperparameter_rows() -> Vec<NumberRow> {
    HYPERPARAMETERS.iter().map(number_row).collect()
}

/// A run key's row with a text field and no slider: field `#key`, help `#key-help`, message
/// `#key-error`, in the row `#param-key`; label and help from the vocabulary.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldRow {
    /// The vocabulary key (also the field's id).
    pub key: &'static str,
    /// The label before the key.
    pub label: &'static str,
    /// What the key does (the vocabulary's help).
    pub help: &'static str,
}

/// The run keys the trajectory figure edits in a plain text field, with their labels.
const FIELD_KEYS: [(&str, &str); 1] = [("tol", "Tolerance")];

/// The rows of the run keys edited in a plain text field (after the iterations).
pub fn field_rows() -> Vec<FieldRow> {
    FIELD_KEYS
        .iter()
        .filter_map(|&(key, label)| {
            let k = vocabulary::key(key)?;
            Some(FieldRow {
                key: k.key,
                label,
                help: k.help,
            })
        })
        .collect()
}

/// The id of the compare checkbox of `entry`: `compare-adam` in the article's convention (the
/// id links and tests always knew), `compare-adam-pytorch` in another.
pub fn compare_id(entry: Entry) -> String {
    if entry.convention == Convention::ALL[0] {
        format!("compare-{}", entry.kind.name())
    } else {
        format!("compare-{}-{}", entry.kind.name(), entry.convention.name())
    }
}

/// The compare grid: one row per optimizer (by family, then in table order), one checkbox per
/// convention.
pub fn compare_rows() -> Vec<(OptimizerKind, Vec<Entry>)> {
    let mut kinds: Vec<OptimizerKind> = OptimizerKind::all().collect();
    sort_short_by(&mut kinds, |a, b| a.spec().family.cmp(&b.spec().family));
    kinds
        .into_iter()
        .map(|kind| {
            let entries = Convention::ALL
                .into_iter()
                .map(|c| Entry::new(kind, c))
                .collect();
            (kind, entries)
        })
        .collect()
}

/// The line under the optimizer select: what the optimizer fixes, with its reference.
pub fn optimizer_note(optimizer: &Optimizer) -> &'static str {
    optimizer.kind().spec().note
}

/// The note beside the formula: which convention's form is shown and where it is defined;
/// when the optimizer has no form of its own in the chosen convention, which form stands in.
pub fn form_note(optimizer: &Optimizer) -> String {
    let form = optimizer.form();
    let chosen = optimizer.convention();
    if form.convention == chosen {
        format!("{} form: {}", chosen.label(), form.reference)
    } else {
        format!(
            "{} has no {} form; showing its {} form: {}",
            optimizer.kind().label(),
            chosen.label(),
            form.convention.label(),
            form.reference
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_optimizer_and_hyperparameter_gets_a_control() {
        let choices = optimizer_choices();
        assert_eq!(choices.len(), OptimizerKind::all().len());
        assert_eq!(choices[3].text, "RMSProp");
        let groups = optimizer_groups();
        let names: Vec<&str> = groups.iter().map(|(label, _)| *label).collect();
        assert_eq!(
            names,
            [
                "Classical",
                "Adaptive",
                "Adam's family",
                "Sign-based",
                "Learning-rate-free"
            ]
        );
        let grouped: usize = groups.iter().map(|(_, choices)| choices.len()).sum();
        assert_eq!(
            grouped,
            OptimizerKind::all().len(),
            "each optimizer in one group"
        );
        let rows = hyperparameter_rows();
        assert_eq!(rows.len(), HYPERPARAMETERS.len());
        assert_eq!(rows[0].label, "Learning rate η");
        assert_eq!(rows[0].slider_label, "Learning rate slider (log scale)");
        let beta2 = rows.iter().find(|r| r.key == "beta2").expect("a row");
        assert_eq!(
            beta2.slider_label,
            "Second-moment decay slider (log scale of 1 − β2)"
        );
        let rows = compare_rows();
        assert_eq!(compare_id(rows[6].1[0]), "compare-adam");
        let families: Vec<_> = rows.iter().map(|(k, _)| k.spec().family).collect();
        assert!(families.is_sorted(), "rows grouped by family");
        let fields = field_rows();
        assert_eq!(
            fields.len(),
            FIELD_KEYS.len(),
            "every field key is in the vocabulary"
        );
        assert!(fields[0].help.contains("stop at the first iteration"));
        assert_eq!(compare_id(rows[4].1[1]), "compare-rmsprop-pytorch");
    }

    #[test]
    fn the_note_names_the_form_shown() {
        let rmsprop = OptimizerKind::must("rmsprop");
        let torch = Optimizer::new(rmsprop, Convention::PyTorch);
        assert!(form_note(&torch).starts_with("PyTorch form: torch.optim.RMSprop"));
        let nesterov = Optimizer::new(OptimizerKind::must("nesterov"), Convention::Article);
        assert!(
            form_note(&nesterov)
                .starts_with("Nesterov momentum has no Article form; showing its PyTorch form"),
            "{}",
            form_note(&nesterov)
        );
    }
}
