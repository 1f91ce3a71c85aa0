//! The help texts, built from the core's tables (optimizers, hyperparameters, vocabulary,
//! presets, the amplification figure's config) so defaults and formulas cannot drift.

use descent_core::amplification::{self, DEFAULT_BETAS, DEFAULT_EPS, DEFAULT_LR, MAX_MAPS};
use descent_core::config::{defaults, MAX_STEPS};
use descent_core::export::number;
use descent_core::first_steps::{DEFAULT_FIRST_STEPS, DEFAULT_PAIR, MAX_FIRST_STEPS};
use descent_core::function::{FUNCTION_NAMES, MAX_FUNCTION_LENGTH};
use descent_core::optimizer::{names_text, HYPERPARAMETERS};
use descent_core::presets::PRESETS;
use descent_core::vocabulary::{self, Key};
use descent_core::{Convention, OptimizerKind};

use crate::figure::options::{DEFAULT_AMPLIFICATION_SIZE, DEFAULT_SIZE, SIZE_RANGE};
use crate::output::all_state_columns;
use descent_core::view3d::{self, View3d};

/// Lines are wrapped before this many characters.
const WIDTH: usize = 92;
/// Where option descriptions start.
const COLUMN: usize = 21;

/// `descent --help`.
pub fn general() -> String {
    format!(
        "descent — optimizer trajectories on error surfaces E(w1, w2)\n\n\
         Usage:\n  descent trajectory [OPTIONS]     print every iteration as CSV or JSON\n  \
         descent steps [OPTIONS]          the first steps of two optimizers, with vectors\n  \
         descent amplification [OPTIONS]  the article's measure C_a(g1, g2)\n  \
         descent figure KIND [OPTIONS]    draw a figure to an SVG or PNG file\n  \
         descent sweep KIND [OPTIONS]     runs from every cell of a grid of starts or\n  \
         \x20                                hyperparameters, one row each\n  \
         descent COMMAND --help\n\n{}\n{}\n{}\n{}\n{}",
        trajectory(),
        steps(),
        amplification(),
        figure(),
        sweep()
    )
}

/// `text` wrapped to [`WIDTH`], continuation lines indented by `indent` spaces; the first line
/// starts after `first` characters already on it.
fn wrap(text: &str, first: usize, indent: usize) -> String {
    let mut out = String::new();
    let mut line = first;
    let mut line_is_empty = true;
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let length = word.chars().count();
        if !line_is_empty && line + 1 + length > WIDTH {
            out.push('\n');
            out.push_str(&" ".repeat(indent));
            line = indent;
            line_is_empty = true;
        }
        if !line_is_empty {
            out.push(' ');
            line += 1;
        }
        out.push_str(word);
        line += length;
        line_is_empty = false;
    }
    out
}

/// An option line: `  --flag VALUE` padded to [`COLUMN`], then `text` wrapped.
fn option(flag: &str, text: &str) -> String {
    let head = format!("  {flag}");
    let width = head.chars().count();
    // A flag too long for the column gets its description on the next line.
    let gap = if width < COLUMN {
        " ".repeat(COLUMN - width)
    } else {
        format!("\n{}", " ".repeat(COLUMN))
    };
    format!("{head}{gap}{}\n", wrap(text, COLUMN, COLUMN))
}

/// The usage line of a command: `name` followed by `[--flag VALUE]` items, wrapped.
fn usage(name: &str, flags: &[String]) -> String {
    let indent = name.chars().count() + 1;
    let items: Vec<String> = flags.iter().map(|f| f.replace(' ', "\u{a0}")).collect();
    format!("{name} {}", wrap(&items.join(" "), indent, indent)).replace('\u{a0}', " ")
}

/// Run key `key` as a flag with its value: `--function EXPR|@FILE`; a switch alone:
/// `--curvature`.
fn key_flag(key: &Key) -> String {
    let placeholder = match key.value {
        _ if key.key == "function" => "EXPR|@FILE",
        vocabulary::Value::Switch => return format!("--{}", key.flag()),
        _ => key.placeholder,
    };
    format!("--{} {placeholder}", key.flag())
}

/// The usage item of run key `key`: `[--function EXPR|@FILE]`.
fn key_item(key: &Key) -> String {
    format!("[{}]", key_flag(key))
}

/// The usage items of every hyperparameter: `[--lr X]`.
fn hyperparameter_items() -> impl Iterator<Item = String> {
    HYPERPARAMETERS
        .iter()
        .map(|h| format!("[--{} X]", h.flag()))
}

/// What a run key does on the command line, with its default.
fn key_text(key: &Key) -> String {
    match key.key {
        "function" => format!(
            "{} (default \"{}\"); @FILE reads it from FILE, @- from standard input (up to {} \
             bytes). Operators + - * / % ^, parentheses, pi, e, and the functions {}",
            key.help,
            defaults::FUNCTION,
            MAX_FUNCTION_LENGTH,
            FUNCTION_NAMES.join(" ")
        ),
        "optimizer" => format!(
            "{} (default {}): {}; their forms are listed under Optimizers",
            names_text(),
            defaults::OPTIMIZER,
            key.help,
        ),
        "convention" => format!(
            "{} (default {}): {}",
            Convention::ALL.map(Convention::name).join(" | "),
            defaults::CONVENTION.name(),
            key.help,
        ),
        "start" => format!(
            "{} (default {},{})",
            key.help,
            number(defaults::START[0]),
            number(defaults::START[1])
        ),
        "steps" => format!(
            "{}, 0 to {MAX_STEPS} (default {})",
            key.help,
            defaults::STEPS
        ),
        _ => key.help.to_owned(),
    }
}

/// `--preset NAME` with the presets' names and labels.
fn preset_option(what: &str) -> String {
    let mut text = option(
        "--preset NAME",
        &format!("an example, as the page's presets: sets {what}; flags given win"),
    );
    for p in &PRESETS {
        text.push_str(&format!(
            "{}{:<12} {}\n",
            " ".repeat(COLUMN + 2),
            p.id,
            p.label
        ));
    }
    text.push_str(&crate::training_help::text());
    text
}

/// `descent trajectory --help`.
pub fn trajectory() -> String {
    let leading = vocabulary::LEADING_KEYS.iter().map(key_item);
    let trailing = vocabulary::TRAILING_KEYS.iter().map(key_item);
    let flags: Vec<String> = ["[--preset NAME]".to_owned()]
        .into_iter()
        .chain(leading)
        .chain(hyperparameter_items())
        .chain(trailing)
        .chain(["[--format csv|json]".to_owned()])
        .collect();
    let mut text = format!(
        "{}\n\n\
         Prints rows t = 0..N with columns t, w1, w2, error, g1, g2 and the optimizer's state\n\
         (the columns named under Optimizers), then with --curvature the curvature's; g is ∇E\n\
         at that row's w. A run that stops early (divergence, or E undefined) prints its\n\
         finite rows and says why on stderr.\n\n",
        usage("descent trajectory", &flags)
    );
    text.push_str(&preset_option(
        "--function (or --data) and --start, and for the training examples their optimizer, \
         hyperparameters, noise, batch and steps",
    ));
    for key in vocabulary::LEADING_KEYS {
        text.push_str(&option(key_flag(key).as_str(), &key_text(key)));
    }
    text.push_str(&option(
        "--lr X, …",
        "the chosen optimizer's hyperparameters (see Hyperparameters); a hyperparameter it does \
         not have is an error",
    ));
    for key in vocabulary::TRAILING_KEYS {
        text.push_str(&option(key_flag(key).as_str(), &key_text(key)));
    }
    text.push_str(&option(
        "--format csv|json",
        "the output format (default csv)",
    ));
    text.push('\n');
    text.push_str(&optimizers());
    text.push('\n');
    text.push_str(&hyperparameters());
    text
}

/// Every optimizer of the table: per convention its form (one statement per line), state
/// columns, defaults and reference.
pub fn optimizers() -> String {
    let mut text = String::from(
        "Optimizers (--optimizer NAME), each with its form in every convention (--convention):\n\
         its update, one statement per line (g = ∇E(w); ⊙, ⊘, √ element-wise), its state\n\
         columns, its defaults and where the form comes from.\n",
    );
    for kind in OptimizerKind::all() {
        let spec = kind.spec();
        let note = if spec.note.is_empty() {
            String::new()
        } else {
            format!(" ({})", spec.note)
        };
        text.push_str(&format!("\n  {} — {}{note}\n", spec.name, spec.label));
        for convention in Convention::ALL {
            let form = kind.form(convention);
            let head = format!("    {:<9}", convention.name());
            if form.convention != convention {
                text.push_str(&format!(
                    "{head}the {} form: {} has no {} form of its own\n",
                    form.convention.name(),
                    spec.name,
                    convention.label()
                ));
                continue;
            }
            let indent = " ".repeat(head.chars().count());
            for (i, statement) in form.formula.split(";  ").enumerate() {
                let lead = if i == 0 { &head } else { &indent };
                text.push_str(&format!("{lead}{}\n", statement.trim()));
            }
            let state = if form.state.is_empty() {
                "none".to_owned()
            } else {
                form.state.join(" ")
            };
            let defaults: Vec<String> = kind
                .hyperparameters(convention)
                .map(|(h, default)| format!("--{} {}", h.flag(), number(default)))
                .collect();
            let details = format!("state: {state}; defaults: {}", defaults.join(" "));
            text.push_str(&format!(
                "{indent}{}\n",
                wrap(&details, indent.len(), indent.len())
            ));
            text.push_str(&format!(
                "{indent}{}\n",
                wrap(form.reference, indent.len(), indent.len())
            ));
        }
    }
    text
}

/// Every hyperparameter key with its symbol, meaning and range.
pub fn hyperparameters() -> String {
    let mut text = String::from(
        "Hyperparameters (each optimizer takes those listed in its defaults above):\n",
    );
    for h in HYPERPARAMETERS {
        text.push_str(&option(
            &format!("--{} X", h.flag()),
            &format!("{} ({}) — {}", h.label, h.range_text(), h.help),
        ));
    }
    text
}

/// The two runs' defaults: `gd (lr 0.001) and rmsprop (lr 0.05, beta 0.9, eps 1e-8)`.
fn default_pair_text() -> String {
    let run = |kind: OptimizerKind| {
        let values: Vec<String> = kind
            .hyperparameters(defaults::CONVENTION)
            .map(|(h, v)| format!("{} {}", h.key, number(v)))
            .collect();
        format!("{kind} ({})", values.join(", "))
    };
    format!("{} and {}", run(DEFAULT_PAIR[0]), run(DEFAULT_PAIR[1]))
}

/// `descent steps --help`.
pub fn steps() -> String {
    let flags: Vec<String> = [
        "[--preset NAME]",
        "[--function EXPR|@FILE]",
        "[--start W1,W2]",
        "[--steps N]",
        "[--convention NAME]",
        "[--optimizer NAME [--lr X ...]]",
        "[--optimizer NAME [--lr X ...]]",
        "[--format csv|json]",
    ]
    .map(str::to_owned)
    .to_vec();
    let mut text = format!(
        "{}\n\n{}\n\n",
        usage("descent steps", &flags),
        wrap(
            &format!(
                "The article's first figure as a table: N steps (1 to {MAX_FIRST_STEPS}, default \
                 {DEFAULT_FIRST_STEPS}) of two optimizers from the same start (default {},{}). \
                 Each --optimizer starts the next run's options (--convention and the \
                 hyperparameters); the defaults are {}, as in the article. Columns: optimizer, \
                 t, w1, w2, error, g1, g2, update1, update2 (the update vector v(t) = w(t-1) - \
                 w(t)), then {}, each filled where the run's optimizer has it. The other options \
                 are trajectory's.",
                number(defaults::START[0]),
                number(defaults::START[1]),
                default_pair_text(),
                all_state_columns().join(", ")
            ),
            0,
            0
        )
    );
    text.push_str(&preset_option("--function (or --data) and --start"));
    text
}

/// `descent amplification --help`.
pub fn amplification() -> String {
    format!(
        "descent amplification --g1 X --g2 Y [--beta B,B,...] [--lr ETA] [--eps EPS]\n\n{}\n",
        wrap(
            &format!(
                "Prints the article's C_a(g1, g2) = |eta*v(2)| - |eta*g2| with v(2) = eta*g2 / \
                 sqrt((1-beta)(beta*g1^2 + g2^2) + eps): > 0 where the adaptive scheme enlarges \
                 the gradient g2, < 0 where it shrinks it; one line per β (1 to {MAX_MAPS}). \
                 Defaults: beta {} (RMSProp's), lr {}, eps {}, as in the article.",
                number(crate::measure::default_beta()),
                number(DEFAULT_LR),
                number(DEFAULT_EPS)
            ),
            0,
            0
        )
    )
}

/// `descent figure --help`.
pub fn figure() -> String {
    let betas: Vec<String> = DEFAULT_BETAS.iter().map(|&b| number(b)).collect();
    let range = number(amplification::DEFAULT_RANGE);
    let mut text = format!(
        "descent figure trajectory [trajectory OPTIONS] --out FILE [FIGURE OPTIONS]\n\
         descent figure steps [steps OPTIONS] --out FILE [FIGURE OPTIONS]\n\
         descent figure amplification [--beta B,B,...] [--lr ETA] [--eps EPS] [--range R]\n\
         \x20                             --out FILE [FIGURE OPTIONS]\n\n{}\n\n",
        wrap(
            "Draws the page's figures natively: trajectory is the error surface with the path \
             (dark to bright blue by iteration) above the error course E(w(t)); steps is the \
             article's Figure 1 (both optimizers' points over contour lines, each step an arrow \
             from w(t-1) to w(t) labelled with its update, e.g. -lr·∇E); amplification is its \
             Figure 3, one map of C_a(g1, g2) per β (red: the adaptive step is longer, blue: \
             shorter). trajectory and steps take the options of the commands of the same name \
             (except --format), --preset included: it sets the trajectory figure's view too.",
            0,
            0
        )
    );
    let options = [
        (
            "--out FILE",
            "required; FILE.svg (the surface embedded as one PNG image) or FILE.png (exactly \
             WIDTH × HEIGHT pixels)"
                .to_owned(),
        ),
        (
            "--width W",
            format!(
                "pixels, {} to {} (default {}; amplification {})",
                SIZE_RANGE.start(),
                SIZE_RANGE.end(),
                DEFAULT_SIZE.0,
                DEFAULT_AMPLIFICATION_SIZE.0
            ),
        ),
        (
            "--height H",
            format!(
                "pixels, {} to {} (default {}; amplification {})",
                SIZE_RANGE.start(),
                SIZE_RANGE.end(),
                DEFAULT_SIZE.1,
                DEFAULT_AMPLIFICATION_SIZE.1
            ),
        ),
        (
            "--view A,B,C,D",
            "the plotted range w1 in [A, B], w2 in [C, D]. Default for trajectory: the preset's \
             view with --preset; else the article's -20,20,-25,25 for its function 3*w1^2 + \
             10*w2^2 while the path stays inside, otherwise the path's bounding box (the shorter \
             side at least half the longer) with a 10 % margin; for steps: the points and arrow \
             tips with a 15 % margin; for amplification the ranges of g1 and g2 (instead of \
             --range)"
                .to_owned(),
        ),
        (
            "--pixel-ratio R",
            "pixels per CSS pixel, 0.5 to 4 (default 1): fonts, lines and margins grow with it, \
             as on a high-density screen"
                .to_owned(),
        ),
        (
            "--beta B,B,...",
            format!(
                "amplification: 1 to {MAX_MAPS} values of β in [0, 1], one map each (default {}; \
                 --betas is the older name)",
                betas.join(",")
            ),
        ),
        (
            "--range R",
            format!(
                "amplification: g1 and g2 run from -R to R, R in (0, {:e}] (default {range})",
                amplification::MAX_RANGE
            ),
        ),
        (
            "--lr ETA, --eps EPS",
            format!(
                "amplification: η and ε (default {} and {}, as in the article); the colour \
                 scale spans ± the median of the maps' largest |C_a|",
                number(DEFAULT_LR),
                number(DEFAULT_EPS)
            ),
        ),
    ];
    for (flag, description) in options {
        text.push_str(&option(flag, &description));
    }
    text.push_str("\nThe trajectory figure's surface in 3-D:\n");
    for (flag, description) in view3d_options() {
        text.push_str(&option(&flag, &description));
    }
    text
}

/// The 3-D view's options, from core's table of its keys: `--3d`, then `--KEY VALUE` with
/// the default.
fn view3d_options() -> Vec<(String, String)> {
    let defaults = View3d::default();
    view3d::SETTINGS
        .iter()
        .map(|setting| {
            if setting.key == view3d::SHOWN.key {
                let help = "draw the surface as a 3-D view instead of a contour map (the others \
                            need it)";
                (format!("--{}", setting.key), help.to_owned())
            } else {
                let default = defaults.value(setting.key).unwrap_or_default();
                (
                    format!("--{} {}", setting.key, setting.placeholder),
                    format!("{} (default {default})", setting.help),
                )
            }
        })
        .collect()
}

/// `descent sweep --help`: the sweep commands, then the map figure of a sweep.
pub fn sweep() -> String {
    format!("{}{}", crate::sweep::help(), crate::figure::sweep::help())
}
