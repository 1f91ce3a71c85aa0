//! Tests of the TypeScript declarations against core's tables.

use super::*;

#[test]
fn the_optimizer_union_is_the_table() {
    let dts = vocabulary_dts(&source());
    let names: Vec<String> = descent_core::optimizer::TABLE
        .iter()
        .map(|o| format!("{:?}", o.name))
        .collect();
    assert!(dts.contains(&format!(
        "export type OptimizerName = {};",
        names.join(" | ")
    )));
    assert!(dts.contains("export type DefaultOptimizer = \"rmsprop\";"));
    assert!(dts.contains(
        "  rmsprop: { hyperparameters: \"lr\" | \"beta\" | \"eps\"; state: \"s1\" | \"s2\" };"
    ));
    assert!(dts.contains("  gd: { hyperparameters: \"lr\"; state: never };"));
}

#[test]
fn an_optimizer_added_to_the_table_appears_everywhere() {
    let mut source = source();
    source.optimizers.push(OptimizerSpec {
        name: "newton",
        formula: "w ← w − lr·sign(m)",
        hyperparameters: vec![HyperparameterSpec {
            key: "lr",
            range: "a finite number > 0".to_owned(),
            default: 1e-4,
        }],
        state_columns: vec!["m1", "m2"],
    });
    let dts = vocabulary_dts(&source);
    assert!(dts.contains("| \"schedulefree\" | \"newton\";"));
    assert!(dts.contains("  newton: { hyperparameters: \"lr\"; state: \"m1\" | \"m2\" };"));
    assert!(dts.contains("schedulefree 0.0025, newton 0.0001."), "{dts}");
}

#[test]
fn every_vocabulary_key_has_a_type_and_a_doc_comment() {
    let source = source();
    assert_eq!(untyped_keys(&source), Vec::<&str>::new());
    let dts = vocabulary_dts(&source);
    for key in &source.keys {
        assert!(dts.contains(&format!(" */\n  {key}?: ")), "{key} in {dts}");
    }
    assert!(dts.contains("  lr?: number;"));
    assert!(dts.contains("  start?: readonly [number, number] | string;"));
    assert!(dts.contains("  steps?: number;"));
    assert!(dts.contains("  function?: string;"));
    assert!(dts.contains("  optimizer?: O;"));
    assert!(!dts.contains("any"));
}

#[test]
fn a_hyperparameter_says_who_takes_it_with_which_default() {
    let source = source();
    assert_eq!(
        hyperparameter_doc(&source, "alpha"),
        [
            "Momentum α — the share α of the previous velocity kept at each step: in [0, 1].",
            "Only momentum and nesterov take it (the others reject it). Default: momentum 0.9, nesterov 0.9."
        ]
    );
    assert!(hyperparameter_doc(&source, "lr")[1].starts_with(
        "Every optimizer takes it. Default: gd 0.001, momentum 0.001, adagrad 0.5, rmsprop 0.05,"
    ));
    assert_eq!(
        hyperparameter_doc(&source, "weight_decay")[1],
        "Only adamw, lion, prodigy, dadapt and schedulefree take it (the others reject it). \
         Default: adamw 0.01, lion 0, prodigy 0, dadapt 0, schedulefree 0."
    );
}

#[test]
fn a_key_without_a_rule_is_reported() {
    let mut source = source();
    source.keys.push("shuffle");
    assert_eq!(untyped_keys(&source), ["shuffle"]);
    assert!(vocabulary_dts(&source).contains("  shuffle?: unknown;"));
}

#[test]
fn choices_become_unions() {
    let dts = vocabulary_dts(&source());
    assert!(
        dts.contains("  convention?: \"article\" | \"pytorch\" | \"keras\" | \"optax\";"),
        "{dts}"
    );
    assert!(
        dts.contains("  model?: \"linear\" | \"logistic\";"),
        "{dts}"
    );
}

#[test]
fn the_element_attributes_cover_the_vocabulary_and_the_url_keys() {
    let dts = vocabulary_dts(&source());
    let attributes = &dts[dts
        .find("export interface DescentFigureAttributes")
        .expect("interface")..];
    for key in [
        "figure",
        "preset",
        "function",
        "optimizer",
        "lr",
        "beta2",
        "start",
    ]
    .into_iter()
    .chain(descent_core::figure_keys::FIGURE_KEYS.iter().map(|k| k.key))
    {
        assert!(attributes.contains(&format!("  {key}?: ")), "{key}");
    }
    assert!(dts.contains("export type PresetName = \"article\" | \"rosenbrock\""));
    assert!(dts.contains(
        "export type FigureName = \"trajectory\" | \"steps\" | \"amplification\" | \"sweep\";"
    ));
    assert!(dts.contains("export type SweepKind = \"starts\" | \"params\";"));
    assert!(
        dts.contains("export type MapColour = \"error\" | \"steps\" | \"stop\" | \"sharpness\";")
    );
    assert!(dts.contains("from 1 to 1024. Default: 64."));
}

#[test]
fn the_figures_and_map_colours_are_cores_lists() {
    let source = source();
    assert_eq!(source.figures, descent_core::figure_keys::FIGURES);
    assert_eq!(source.map_colours, descent_core::figure_keys::MAP_COLOURS);
}
