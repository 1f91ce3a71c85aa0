//! TypeScript declarations for the npm package `descent-explorer` (`vocabulary.d.ts`),
//! generated from core's optimizer table and vocabulary so that they cannot drift from what
//! the module accepts: optimizer names, hyperparameters with ranges and defaults, state columns,
//! the custom element's attributes. Plain Rust, tested natively; `scripts/npm-pack.sh` writes
//! the file with `cargo run -p descent-web --example typescript`. The hand-written rest of the
//! package's types (`npm/index.d.ts`, `npm/element.d.ts`) builds on these names.
//! Long because the declarations are spelled out here, each next to the rule it comes from.

mod sweep;

use std::fmt::Write as _;

use descent_core::vocabulary::Value;

use crate::model::format::number;

/// One hyperparameter of one optimizer.
#[derive(Clone, Debug, PartialEq)]
pub struct HyperparameterSpec {
    /// Its key, such as `lr`.
    pub key: &'static str,
    /// Its allowed values, as the messages write them (`a finite number > 0`).
    pub range: String,
    /// This optimizer's default (in the article's convention).
    pub default: f64,
}

/// One optimizer of the table.
#[derive(Clone, Debug, PartialEq)]
pub struct OptimizerSpec {
    /// Its name in the vocabulary.
    pub name: &'static str,
    /// Its update rule as plain text (its default form).
    pub formula: &'static str,
    /// Its hyperparameters with their defaults.
    pub hyperparameters: Vec<HyperparameterSpec>,
    /// Its state columns in any of its forms, in output order.
    pub state_columns: Vec<&'static str>,
}

/// What a key that is not a hyperparameter takes, for its TypeScript type.
#[derive(Clone, Debug, PartialEq)]
pub enum KeyType {
    /// Text.
    Text,
    /// One of these names.
    Choice(Vec<&'static str>),
    /// A number.
    Number,
    /// A whole number.
    Count,
    /// A point `[w1, w2]` or its text.
    Point,
    /// On or off.
    Switch,
}

/// A key of the vocabulary that is not a hyperparameter.
#[derive(Clone, Debug, PartialEq)]
pub struct KeySpec {
    /// The key.
    pub key: &'static str,
    /// What it sets (the vocabulary's help text).
    pub help: &'static str,
    /// What it takes.
    pub value: KeyType,
}

/// Everything the declarations take from the rest of Descent.
#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    /// The vocabulary's keys, in documentation order.
    pub keys: Vec<&'static str>,
    /// The keys that are not hyperparameters.
    pub plain_keys: Vec<KeySpec>,
    /// What each hyperparameter means: (key, label, symbol, help).
    pub meanings: Vec<(&'static str, String)>,
    /// The optimizer table.
    pub optimizers: Vec<OptimizerSpec>,
    /// The optimizer of a config without `optimizer`.
    pub default_optimizer: &'static str,
    /// E(w1, w2) of a config without `function`.
    pub default_function: &'static str,
    /// w(0) of a config without `start`.
    pub default_start: [f64; 2],
    /// Iterations of a config without `steps`.
    pub default_steps: usize,
    /// The most iterations a run may have.
    pub max_steps: usize,
    /// The custom element's `figure` values, the default first.
    pub figures: Vec<&'static str>,
    /// The trajectory figure's `preset` values, the default first.
    pub presets: Vec<&'static str>,
    /// A sweep's `kind` values: start points, then hyperparameters.
    pub sweep_kinds: Vec<&'static str>,
    /// Cells a side of a sweep without `grid`, and the most cells a side.
    pub grid: (usize, usize),
    /// What a map's colours can show (its `show` attribute), the default first.
    pub map_colours: Vec<&'static str>,
}

/// Reads core's optimizer table and vocabulary and the page's figures and presets: the one
/// place to re-point when those APIs change.
pub fn source() -> Source {
    use crate::model::url::FigureKind;
    use descent_core::config::defaults;
    use descent_core::optimizer::HYPERPARAMETERS;
    use descent_core::vocabulary::{self, LEADING_KEYS, TRAILING_KEYS, TRAINING_KEYS};
    use descent_core::{Convention, OptimizerKind, MAX_STEPS};
    let plain_keys = LEADING_KEYS
        .iter()
        .chain(TRAINING_KEYS)
        .chain(TRAILING_KEYS)
        .map(|k| KeySpec {
            key: k.key,
            help: k.help,
            value: match k.value {
                Value::Text => KeyType::Text,
                Value::Choice(names) => KeyType::Choice(names()),
                Value::Number => KeyType::Number,
                Value::Count => KeyType::Count,
                Value::Point => KeyType::Point,
                Value::Switch => KeyType::Switch,
            },
        })
        .collect();
    Source {
        keys: vocabulary::keys(),
        plain_keys,
        meanings: HYPERPARAMETERS
            .iter()
            .map(|h| (h.key, format!("{} {} — {}", h.label, h.symbol, h.help)))
            .collect(),
        optimizers: OptimizerKind::all()
            .map(|kind| {
                let mut state_columns: Vec<&'static str> = Vec::new();
                for form in kind.spec().forms {
                    for column in form.state {
                        if !state_columns.contains(column) {
                            state_columns.push(column);
                        }
                    }
                }
                OptimizerSpec {
                    name: kind.name(),
                    formula: kind.form(Convention::Article).formula,
                    hyperparameters: kind
                        .hyperparameters(Convention::Article)
                        .map(|(h, default)| HyperparameterSpec {
                            key: h.key,
                            range: h.range_text(),
                            default,
                        })
                        .collect(),
                    state_columns,
                }
            })
            .collect(),
        default_optimizer: defaults::OPTIMIZER.name(),
        default_function: defaults::FUNCTION,
        default_start: defaults::START,
        default_steps: defaults::STEPS,
        max_steps: MAX_STEPS,
        figures: [
            FigureKind::Trajectory,
            FigureKind::Steps,
            FigureKind::Amplification,
            FigureKind::Sweep,
        ]
        .map(FigureKind::name)
        .to_vec(),
        presets: descent_core::presets::PRESETS
            .iter()
            .map(|p| p.id)
            .collect(),
        sweep_kinds: descent_core::sweep::KINDS.to_vec(),
        grid: (
            descent_core::sweep::DEFAULT_GRID,
            descent_core::sweep::MAX_GRID,
        ),
        map_colours: descent_plot::scene::SweepColour::ALL
            .map(descent_plot::scene::SweepColour::name)
            .to_vec(),
    }
}

/// What a hyperparameter means, for its doc comment.
fn meaning<'a>(source: &'a Source, key: &str) -> &'a str {
    source
        .meanings
        .iter()
        .find(|(k, _)| *k == key)
        .map_or("A hyperparameter", |(_, m)| m.as_str())
}

/// A string literal type.
fn literal(s: &str) -> String {
    format!("{s:?}")
}

/// `"a" | "b" | …`, or `never` for none.
fn union<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    let items: Vec<String> = items.into_iter().map(literal).collect();
    if items.is_empty() {
        "never".to_owned()
    } else {
        items.join(" | ")
    }
}

/// Names joined by commas and a last `and`: "gd, momentum and adam".
fn listing(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// A doc comment indented by two spaces (a member) or not at all.
fn doc(out: &mut String, indent: &str, lines: &[String]) {
    out.push_str(indent);
    out.push_str("/**\n");
    for line in lines {
        let _ = writeln!(out, "{indent} * {line}");
    }
    out.push_str(indent);
    out.push_str(" */\n");
}

/// The TypeScript type and doc comment of a vocabulary key that is not a hyperparameter, or
/// `None` for a key the vocabulary does not describe.
fn plain_key(source: &Source, key: &str) -> Option<(String, Vec<String>)> {
    let spec = source.plain_keys.iter().find(|k| k.key == key)?;
    let mut help = spec.help.to_owned();
    if let Some(first) = help.get(..1) {
        help.replace_range(..1, &first.to_uppercase());
    }
    let mut lines = vec![format!("{help}.")];
    let ty = match (&spec.value, key) {
        (_, "optimizer") => "O".to_owned(),
        (KeyType::Text, _) => "string".to_owned(),
        (KeyType::Choice(names), _) => union(names.iter().copied()),
        (KeyType::Number, _) => "number".to_owned(),
        (KeyType::Count, _) => "number".to_owned(),
        (KeyType::Point, _) => "readonly [number, number] | string".to_owned(),
        (KeyType::Switch, _) => "boolean | 0 | 1".to_owned(),
    };
    let [w1, w2] = source.default_start.map(number);
    match key {
        "function" => lines.push(format!(
            "With `+ - * / ^`, `pi`, `e`, `sqrt`, `exp`, `ln`, `sin`, `cos`, `abs`, `min`, `max`, …; its gradient is exact. Default: `{}`.",
            literal(source.default_function)
        )),
        "optimizer" => lines.push(format!("Default: `{}`.", literal(source.default_optimizer))),
        "start" => lines.push(format!("`[w1, w2]`, or the text `\"w1,w2\"`. Default: `[{w1}, {w2}]`.")),
        "steps" => lines.push(format!(
            "A whole number from 0 to {}. Default: {}.",
            source.max_steps, source.default_steps
        )),
        _ => {}
    }
    Some((ty, lines))
}

/// The keys that [`vocabulary_dts`] types only loosely (`unknown`) because it has no rule for
/// them: a key added to the vocabulary needs a rule in `plain_key`.
pub fn untyped_keys(source: &Source) -> Vec<&'static str> {
    source
        .keys
        .iter()
        .copied()
        .filter(|&key| !is_hyperparameter(source, key) && plain_key(source, key).is_none())
        .collect()
}

/// Whether some optimizer takes `key`.
fn is_hyperparameter(source: &Source, key: &str) -> bool {
    source
        .optimizers
        .iter()
        .any(|o| o.hyperparameters.iter().any(|h| h.key == key))
}

/// The doc comment of hyperparameter `key`: meaning, range, which optimizers take it and their
/// defaults.
fn hyperparameter_doc(source: &Source, key: &str) -> Vec<String> {
    let takers: Vec<(&OptimizerSpec, &HyperparameterSpec)> = source
        .optimizers
        .iter()
        .filter_map(|o| Some((o, o.hyperparameters.iter().find(|h| h.key == key)?)))
        .collect();
    let range = takers.first().map_or("", |(_, h)| h.range.as_str());
    let defaults: Vec<String> = takers
        .iter()
        .map(|(o, h)| format!("{} {}", o.name, number(h.default)))
        .collect();
    let takers_text = if takers.len() == source.optimizers.len() {
        "Every optimizer takes it".to_owned()
    } else {
        let names: Vec<String> = takers.iter().map(|(o, _)| o.name.to_owned()).collect();
        let verb = if names.len() == 1 { "takes" } else { "take" };
        format!("Only {} {verb} it (the others reject it)", listing(&names))
    };
    let lines = vec![
        format!("{}: {range}.", meaning(source, key)),
        format!("{takers_text}. Default: {}.", defaults.join(", ")),
    ];
    lines
}

/// `vocabulary.d.ts`: the optimizer names, the table of optimizers, the config of `trajectory`
/// and `step`, and the custom element's attributes.
pub fn vocabulary_dts(source: &Source) -> String {
    let mut out = String::new();
    out.push_str(
        "// descent-explorer: types generated from Descent's optimizer table and vocabulary\n\
         // (descent-web's `typescript` module). Do not edit: edit the table.\n\n",
    );

    let names = union(source.optimizers.iter().map(|o| o.name));
    doc(
        &mut out,
        "",
        &[
            format!(
                "An optimizer, by its name in the vocabulary: {}.",
                names.replace(" | ", ", ")
            ),
            "The names are those of the CLI (`--optimizer`), the explorer's URLs and the JS API."
                .to_owned(),
        ],
    );
    let _ = writeln!(out, "export type OptimizerName = {names};\n");
    doc(
        &mut out,
        "",
        &["The optimizer a config without `optimizer` runs.".to_owned()],
    );
    let _ = writeln!(
        out,
        "export type DefaultOptimizer = {};\n",
        literal(source.default_optimizer)
    );

    doc(
        &mut out,
        "",
        &[
            "Each optimizer's hyperparameters and state columns (the columns a trajectory adds after".to_owned(),
            "`t, w1, w2, error, g1, g2`, and the keys of `step`'s state besides `t`).".to_owned(),
        ],
    );
    out.push_str("export interface Optimizers {\n");
    for o in &source.optimizers {
        let defaults: Vec<String> = o
            .hyperparameters
            .iter()
            .map(|h| format!("{} = {}", h.key, number(h.default)))
            .collect();
        let state = if o.state_columns.is_empty() {
            "no state".to_owned()
        } else {
            format!("state {}", o.state_columns.join(", "))
        };
        doc(
            &mut out,
            "  ",
            &[
                format!("`{}`", o.formula),
                format!("Defaults: {}; {state}.", defaults.join(", ")),
            ],
        );
        let _ = writeln!(
            out,
            "  {}: {{ hyperparameters: {}; state: {} }};",
            o.name,
            union(o.hyperparameters.iter().map(|h| h.key)),
            union(o.state_columns.iter().copied()),
        );
    }
    out.push_str("}\n\n");

    doc(
        &mut out,
        "",
        &[
            "The hyperparameters, with their ranges and each optimizer's default. A config may set only".to_owned(),
            "those of its optimizer: the others are a compile error here and an `Error` at run time.".to_owned(),
        ],
    );
    out.push_str("export interface Hyperparameters {\n");
    let hyperparameter_keys: Vec<&str> = source
        .keys
        .iter()
        .copied()
        .filter(|k| is_hyperparameter(source, k))
        .collect();
    for key in &hyperparameter_keys {
        doc(&mut out, "  ", &hyperparameter_doc(source, key));
        let _ = writeln!(out, "  {key}?: number;");
    }
    out.push_str("}\n\n");

    doc(
        &mut out,
        "",
        &["The keys of a config that every optimizer has.".to_owned()],
    );
    out.push_str("export interface CommonConfig<O extends OptimizerName = OptimizerName> {\n");
    for key in source.keys.iter().filter(|k| !is_hyperparameter(source, k)) {
        let (ty, lines) = plain_key(source, key).unwrap_or_else(|| {
            (
                "unknown".to_owned(),
                vec![format!("The vocabulary's key `{key}`.")],
            )
        });
        doc(&mut out, "  ", &lines);
        let _ = writeln!(out, "  {key}?: {ty};");
    }
    out.push_str("}\n\n");

    doc(
        &mut out,
        "",
        &[
            "A config of `trajectory` and `step`: the vocabulary's keys (the CLI's flags, the explorer's".to_owned(),
            "URL keys), each optional; a missing key takes its default, and a hyperparameter the default".to_owned(),
            "of the chosen optimizer. `O` is the optimizer, inferred from `optimizer`.".to_owned(),
            "@example { optimizer: \"adam\", lr: 0.01, start: [-1.5, 2.5], steps: 500 }".to_owned(),
        ],
    );
    out.push_str(
        "export type TrajectoryConfig<O extends OptimizerName = OptimizerName> = CommonConfig<O> &\n  \
         Pick<Hyperparameters, Optimizers[O][\"hyperparameters\"]>;\n\n",
    );

    doc(
        &mut out,
        "",
        &[
            "A figure of the explorer, as the custom element's `figure` attribute names it."
                .to_owned(),
        ],
    );
    let _ = writeln!(
        out,
        "export type FigureName = {};\n",
        union(source.figures.iter().copied())
    );
    doc(
        &mut out,
        "",
        &["An example surface of the trajectory figure (its `preset` attribute).".to_owned()],
    );
    let _ = writeln!(
        out,
        "export type PresetName = {};\n",
        union(source.presets.iter().copied())
    );

    sweep::sweep_types(&mut out, source);
    element_attributes(&mut out, source, &hyperparameter_keys);
    out
}

mod element;
#[cfg(test)]
mod tests;

use element::element_attributes;
