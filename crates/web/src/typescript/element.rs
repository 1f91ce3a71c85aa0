//! The custom element's attributes in `vocabulary.d.ts`: the vocabulary and the explorer's
//! URL keys beyond it, as attribute text.

use std::fmt::Write as _;

use descent_core::figure_keys::FIGURE_KEYS;
use descent_core::view3d::{self, Height};

use super::{doc, literal, meaning, Source};

/// The TypeScript type of the figure key `key` (core's [`FIGURE_KEYS`]) as an attribute.
pub(super) fn figure_key_type(key: &str) -> &'static str {
    match key {
        "figure" => "FigureName",
        "preset" => "PresetName",
        "log" => "\"0\" | \"1\"",
        "kind" => "SweepKind",
        "show" => "MapColour",
        "t" | "range" | "grid" => "string | number",
        _ => "string",
    }
}

/// A help text as a doc sentence: capitalised, with a full stop.
fn sentence(help: &str) -> String {
    let mut chars = help.chars();
    let first = chars.next().map(|c| c.to_uppercase().to_string());
    format!("{}{}.", first.unwrap_or_default(), chars.as_str())
}

/// `DescentFigureAttributes`: the vocabulary and the explorer's URL keys, as attribute text.
pub(super) fn element_attributes(out: &mut String, source: &Source, hyperparameter_keys: &[&str]) {
    doc(
        out,
        "",
        &[
            "The attributes of `<descent-figure>`: the explorer's URL keys. Values are text (numbers are".to_owned(),
            "accepted where a framework turns them into text); an invalid value falls back to its default,".to_owned(),
            "with a note under the figure. Every attribute is passed on, so keys added later work too.".to_owned(),
        ],
    );
    out.push_str("export interface DescentFigureAttributes {\n");
    let figures: Vec<String> = source
        .figures
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let default = if i == 0 { " (the default)" } else { "" };
            format!("`{}`{default}", literal(f))
        })
        .collect();
    doc(
        out,
        "  ",
        &[format!("Which figure: {}.", figures.join(", "))],
    );
    out.push_str("  figure?: FigureName;\n");
    for key in &source.keys {
        let (ty, line) = if hyperparameter_keys.contains(key) {
            let list = if *key == "beta" {
                "; the amplification figure's maps take a list, `\"0,0.5,0.9\"`"
            } else {
                ""
            };
            (
                "string | number",
                format!(
                    "{}; the steps figure takes one value per run, `\"x,y\"`{list}.",
                    meaning(source, key)
                ),
            )
        } else {
            match *key {
                "optimizer" => (
                    "OptimizerName | `${OptimizerName},${OptimizerName}`",
                    "The optimizer; the steps figure takes two, `\"a,b\"`.".to_owned(),
                ),
                "steps" => ("string | number", "Iterations.".to_owned()),
                "function" => ("string", "E(w1, w2).".to_owned()),
                "start" => ("string", "The start w(0), `\"w1,w2\"`.".to_owned()),
                _ => ("string", format!("The vocabulary's key `{key}`.")),
            }
        };
        doc(out, "  ", &[line]);
        let _ = writeln!(out, "  {key}?: {ty};");
    }
    for key in FIGURE_KEYS.iter().filter(|k| k.key != "figure") {
        doc(out, "  ", &[sentence(key.help)]);
        let _ = writeln!(out, "  {}?: {};", key.key, figure_key_type(key.key));
    }
    for setting in view3d::SETTINGS {
        doc(
            out,
            "  ",
            &[sentence(&format!("trajectory figure: {}", setting.help))],
        );
        let ty = match setting.key {
            "3d" => "\"0\" | \"1\"".to_owned(),
            "zscale" => Height::names()
                .iter()
                .map(|n| format!("\"{n}\""))
                .collect::<Vec<_>>()
                .join(" | "),
            _ => "string | number".to_owned(),
        };
        // `3d` is no identifier: quoted.
        let _ = writeln!(out, "  {:?}?: {ty};", setting.key);
    }
    out.push_str("}\n");
}
