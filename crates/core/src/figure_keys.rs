//! The keys of a figure beyond a run's: the explorer's URL keys, which `<descent-figure>`'s
//! attributes and the Python widget's traits are too, with the figures and map colourings
//! they name. The web crate decodes them; the CLI's `descent figure` takes `preset`, `view`,
//! `range`, the map's keys and `show`.

use crate::vocabulary::{Key, Value};

/// The figures a page, a `<descent-figure>` element or the Python widget draws (`figure=`),
/// the default first.
pub const FIGURES: [&str; 4] = ["trajectory", "steps", "amplification", "sweep"];

/// What a map's colours show (`show=`), the default first.
pub const MAP_COLOURS: [&str; 4] = ["error", "steps", "stop", "sharpness"];

/// The figure names.
fn figure_names() -> Vec<&'static str> {
    FIGURES.to_vec()
}

/// The preset names.
fn preset_names() -> Vec<&'static str> {
    crate::presets::PRESETS.iter().map(|p| p.id).collect()
}

/// The kinds of map.
fn map_kinds() -> Vec<&'static str> {
    crate::sweep::KINDS.to_vec()
}

/// The map colourings.
fn map_colours() -> Vec<&'static str> {
    MAP_COLOURS.to_vec()
}

/// The keys of a figure beyond the run's: the explorer's URL keys, which the custom element's
/// attributes and the Python widget's traits are too (the web crate decodes them; the CLI's
/// `descent figure` takes `preset`, `view`, `range`, the map's keys and `show`).
pub static FIGURE_KEYS: &[Key] = &[
    Key {
        key: "figure",
        placeholder: "NAME",
        help: "which figure: the trajectory on the surface (the default), the first steps, \
               the amplification maps or a map of runs (sweep)",
        value: Value::Choice(figure_names),
    },
    Key {
        key: "preset",
        placeholder: "NAME",
        help: "trajectory figure: an example surface, which sets the function, view and start \
               (the keys given override them)",
        value: Value::Choice(preset_names),
    },
    Key {
        key: "view",
        placeholder: "W1MIN,W1MAX,W2MIN,W2MAX",
        help: "trajectory figure and basin map: the view, w1min,w1max,w2min,w2max",
        value: Value::Text,
    },
    Key {
        key: "log",
        placeholder: "0|1",
        help: "trajectory figure: 1 for a logarithmic error course",
        value: Value::Switch,
    },
    Key {
        key: "compare",
        placeholder: "NAME,NAME",
        help: "trajectory figure: optimizers to run side by side, such as gd,adam",
        value: Value::Text,
    },
    Key {
        key: "series",
        placeholder: "NAME,NAME",
        help: "trajectory figure: the error course's legend entries to toggle, such as s1,s2",
        value: Value::Text,
    },
    Key {
        key: "t",
        placeholder: "N",
        help: "trajectory figure: the iteration to highlight (playback position), below steps",
        value: Value::Count,
    },
    Key {
        key: "range",
        placeholder: "R",
        help: "amplification figure: g1 and g2 run from -range to range, in (0, 1e6]",
        value: Value::Number,
    },
    Key {
        key: "kind",
        placeholder: "NAME",
        help: "map figure: a basin map of start points over view (starts, the default) or a \
               map of two hyperparameters x and y (params)",
        value: Value::Choice(map_kinds),
    },
    Key {
        key: "grid",
        placeholder: "N[,M]",
        help: "map figure: cells along x and y, N or N,M",
        value: Value::Text,
    },
    Key {
        key: "show",
        placeholder: "NAME",
        help: "map figure: what the colours show: the final error, the steps taken, why the \
               run stopped, or the final pre-sharpness ÷ threshold (1: the edge of stability)",
        value: Value::Choice(map_colours),
    },
    Key {
        key: "x",
        placeholder: "KEY=MIN:MAX[:log]",
        help: "map figure of hyperparameters: the x axis, KEY=MIN:MAX or KEY=MIN:MAX:log \
               (default: the optimizer's first hyperparameter over its slider's range)",
        value: Value::Text,
    },
    Key {
        key: "y",
        placeholder: "KEY=MIN:MAX[:log]",
        help: "map figure of hyperparameters: the y axis, as x (default: the optimizer's \
               second hyperparameter)",
        value: Value::Text,
    },
];
