//! The custom element's attributes in `vocabulary.d.ts`: the vocabulary and the explorer's
//! URL keys beyond it, as attribute text.

use std::fmt::Write as _;

use descent_core::view3d::{self, Height};

use super::{doc, literal, meaning, Source};

/// The custom element's keys beyond the vocabulary (the explorer's URL keys), with their
/// doc comments and attribute types.
pub(super) const FIGURE_KEYS: [(&str, &str, &str); 12] = [
    (
        "preset",
        "Trajectory figure: an example surface, which sets the function, view and start (the keys given override them).",
        "PresetName",
    ),
    (
        "view",
        "Trajectory figure and basin map: the view, `\"w1min,w1max,w2min,w2max\"`.",
        "string",
    ),
    (
        "log",
        "Trajectory figure: `\"1\"` for a logarithmic error course.",
        "\"0\" | \"1\"",
    ),
    (
        "compare",
        "Trajectory figure: optimizers to run side by side, such as `\"gd,adam\"`.",
        "string",
    ),
    (
        "series",
        "Trajectory figure: the error course's legend entries to toggle, such as `\"s1,s2\"`.",
        "string",
    ),
    (
        "t",
        "Trajectory figure: the iteration to highlight (playback position), below `steps`.",
        "string | number",
    ),
    (
        "range",
        "Amplification figure: g1 and g2 run from −range to range, in (0, 1e6].",
        "string | number",
    ),
    (
        "kind",
        "Map figure: a basin map of start points over `view` (`\"starts\"`, the default) or a map of two hyperparameters `x` and `y` (`\"params\"`).",
        "SweepKind",
    ),
    (
        "grid",
        "Map figure: cells along x and y, `\"N\"` or `\"N,M\"` (the element computes the map at once: 32 a side by default).",
        "string | number",
    ),
    (
        "show",
        "Map figure: what the colours show.",
        "MapColour",
    ),
    (
        "x",
        "Map figure of hyperparameters: the x axis, `\"KEY=MIN:MAX\"` or `\"KEY=MIN:MAX:log\"` (default: the optimizer's first hyperparameter over its slider's range).",
        "string",
    ),
    (
        "y",
        "Map figure of hyperparameters: the y axis, as `x` (default: the optimizer's second hyperparameter).",
        "string",
    ),
];

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
    for (key, line, ty) in FIGURE_KEYS {
        doc(out, "  ", &[line.to_owned()]);
        let _ = writeln!(out, "  {key}?: {ty};");
    }
    for setting in view3d::SETTINGS {
        doc(
            out,
            "  ",
            &[format!("Trajectory figure: {}.", setting.help)],
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
