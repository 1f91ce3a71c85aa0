//! The sweep's part of `vocabulary.d.ts`: the config of `sweep` and `SweepJob` (kinds, axes,
//! grid) and the map figure's colourings, from core's sweep constants and descent-plot's map.

use std::fmt::Write as _;

use super::{doc, union, Source};

/// The config of `sweep` and `SweepJob`, and the map figure's names.
pub(super) fn sweep_types(out: &mut String, source: &Source) {
    let (default_grid, max_grid) = source.grid;
    let kinds = union(source.sweep_kinds.iter().copied());
    doc(
        out,
        "",
        &["What a sweep varies: the start point over `view` (a basin map), or two hyperparameters `x` and `y`.".to_owned()],
    );
    let _ = writeln!(out, "export type SweepKind = {kinds};\n");
    doc(
        out,
        "",
        &["What a map's colours show (the map figure's `show`), the default first.".to_owned()],
    );
    let _ = writeln!(
        out,
        "export type MapColour = {};\n",
        union(source.map_colours.iter().copied())
    );
    doc(
        out,
        "",
        &[
            "A hyperparameter of `O` swept along an axis: `\"KEY=MIN:MAX\"`, or `\"KEY=MIN:MAX:log\"` for cells".to_owned(),
            "evenly spaced in log scale, such as `\"lr=1e-4:1:log\"`; MIN < MAX, both in the hyperparameter's range.".to_owned(),
        ],
    );
    out.push_str(
        "export type SweepAxis<O extends OptimizerName = OptimizerName> =\n  `${Optimizers[O][\"hyperparameters\"]}=${string}`;\n\n",
    );
    doc(
        out,
        "",
        &[format!(
            "Cells along the x axis and the y axis: `N`, `[N, M]` or `\"N,M\"`, whole numbers from 1 to {max_grid}. Default: {default_grid}."
        )],
    );
    out.push_str("export type SweepGrid = number | readonly [number, number] | string;\n\n");
    doc(
        out,
        "",
        &[
            "A sweep of start points: the run from every cell of `view` (`\"w1min,w1max,w2min,w2max\"` or four".to_owned(),
            "numbers), with the run keys of `trajectory` but `start`.".to_owned(),
        ],
    );
    out.push_str(
        "export type StartsSweepConfig<O extends OptimizerName = OptimizerName> = TrajectoryConfig<O> & {\n  \
         kind: \"starts\";\n  view: readonly [number, number, number, number] | string;\n  grid?: SweepGrid;\n  \
         start?: never;\n  x?: never;\n  y?: never;\n};\n\n",
    );
    doc(
        out,
        "",
        &[
            "A sweep of two hyperparameters of `O` (not also given on their own) from one `start`."
                .to_owned(),
        ],
    );
    out.push_str(
        "export type ParamsSweepConfig<O extends OptimizerName = OptimizerName> = TrajectoryConfig<O> & {\n  \
         kind: \"params\";\n  x: SweepAxis<O>;\n  y: SweepAxis<O>;\n  grid?: SweepGrid;\n  view?: never;\n};\n\n",
    );
    doc(
        out,
        "",
        &["The config of `sweep` and `SweepJob`: the run every cell makes, what varies and the grid.".to_owned()],
    );
    out.push_str(
        "export type SweepConfig<O extends OptimizerName = OptimizerName> = StartsSweepConfig<O> | ParamsSweepConfig<O>;\n\n",
    );
}
