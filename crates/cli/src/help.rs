//! The help texts, built from the core's tables so defaults and formulas cannot drift.

use descent_core::config::{defaults, MAX_STEPS};
use descent_core::function::FUNCTION_NAMES;
use descent_core::optimizer::HYPERPARAMETERS;
use descent_core::{vocabulary, Convention, OptimizerKind};

use crate::figure::options::{
    DEFAULT_AMPLIFICATION_SIZE, DEFAULT_BETAS, DEFAULT_GRADIENTS, DEFAULT_SIZE, MAX_BETAS,
    SIZE_RANGE,
};

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
        crate::sweep::help()
    )
}

/// `descent trajectory --help`.
pub fn trajectory() -> String {
    let mut usage = String::from("descent trajectory");
    let mut line = usage.len();
    let flags = vocabulary::keys()
        .into_iter()
        .map(|key| {
            let placeholder = vocabulary::key(key).map_or("X", |k| k.placeholder);
            format!("[--{} {placeholder}]", key.replace('_', "-"))
        })
        .chain(["[--format csv|json]".to_owned()]);
    for flag in flags {
        if line + flag.len() + 1 > 92 {
            usage.push_str("\n                  ");
            line = 18;
        }
        usage.push(' ');
        usage.push_str(&flag);
        line += flag.len() + 1;
    }
    let mut text = format!(
        "{usage}\n\n\
         Prints rows t = 0..N with columns t, w1, w2, error, g1, g2 and the optimizer's state\n\
         (the columns named below); g is ∇E at that row's w. A run that stops early\n\
         (divergence, or E undefined) prints its finite rows and says why on stderr.\n\n\
         --function EXPR   E(w1, w2) (default \"{}\"): + - * / % ^, parentheses, pi, e,\n\
         \x20                 and the functions {}\n\
         --start W1,W2     start point (default {},{})\n\
         --steps N         iterations, 0 to {MAX_STEPS} (default {})\n\
         --tol T           stop at the first row where |∇E(w)| ≤ T (converged; 0, the\n\
         \x20                 default, never stops)\n\
         --convention NAME {} (default {}): whose form of each optimizer, and whose\n\
         \x20                 defaults; the forms are listed under each optimizer\n\
         --optimizer NAME  (default {}) one of:\n",
        defaults::FUNCTION,
        FUNCTION_NAMES
            .chunks(12)
            .map(|names| names.join(" "))
            .collect::<Vec<_>>()
            .join("\n                  "),
        defaults::START[0],
        defaults::START[1],
        defaults::STEPS,
        Convention::ALL.map(Convention::name).join(" | "),
        defaults::CONVENTION.name(),
        defaults::OPTIMIZER,
    );
    for kind in OptimizerKind::all() {
        text.push_str(&format!("  {}\n", kind.name()));
        for form in kind.spec().forms {
            let defaults: Vec<String> = kind
                .hyperparameters(form.convention)
                .map(|(h, default)| format!("--{} {default:?}", h.flag()))
                .collect();
            text.push_str(&format!(
                "    {:<8} {}\n             defaults: {}\n",
                form.convention.name(),
                form.formula,
                defaults.join("  ")
            ));
        }
    }
    text.push_str(
        "An optimizer without a form of its own in a convention uses its first form.\n\
         A hyperparameter the chosen optimizer does not have is an error.\nHyperparameters:\n",
    );
    for h in HYPERPARAMETERS {
        text.push_str(&format!(
            "  --{:<13} {} {}: {}, {}\n",
            h.flag(),
            h.label,
            h.symbol,
            h.help,
            h.range_text()
        ));
    }
    text
}

/// `descent steps --help`.
pub fn steps() -> String {
    "descent steps [--function EXPR] [--start W1,W2] [--steps N]\n\
     \x20             [--optimizer NAME [--lr X ...]] [--optimizer NAME [--lr X ...]]\n\
     \x20             [--format csv|json]\n\n\
     The article's first figure as a table: N steps (1 to 10, default 2) of two optimizers from\n\
     the same start (default -15,20). Each --optimizer starts the next run's options; the\n\
     defaults are gd (lr 0.001) and rmsprop (lr 0.05, beta 0.9, eps 1e-8), as in the article.\n\
     Columns: optimizer, t, w1, w2, error, g1, g2, update1, update2 (the update vector\n\
     v(t) = w(t-1) - w(t)), then m1, m2, s1, s2, v1, v2 where the optimizer has them.\n"
        .to_owned()
}

/// `descent amplification --help`.
pub fn amplification() -> String {
    "descent amplification --g1 X --g2 Y [--beta B] [--lr ETA] [--eps EPS]\n\n\
     Prints the article's C_a(g1, g2) = |eta*v(2)| - |eta*g2| with\n\
     v(2) = eta*g2 / sqrt((1-beta)(beta*g1^2 + g2^2) + eps): > 0 where the adaptive scheme\n\
     enlarges the gradient g2, < 0 where it shrinks it. Defaults: beta 0.9, lr 1, eps 1e-8.\n"
        .to_owned()
}

/// `descent figure --help`.
pub fn figure() -> String {
    let list = |values: &[f64]| {
        let text: Vec<String> = values.iter().map(f64::to_string).collect();
        text.join(",")
    };
    let [g_min, g_max] = DEFAULT_GRADIENTS;
    format!(
        "descent figure trajectory [trajectory OPTIONS] --out FILE [FIGURE OPTIONS]\n\
         descent figure steps [steps OPTIONS] --out FILE [FIGURE OPTIONS]\n\
         descent figure amplification [--betas B,B,...] [--lr ETA] [--eps EPS] --out FILE\n\
         \x20                             [FIGURE OPTIONS]\n\n\
         Draws the page's figures natively: trajectory is the error surface with the path\n\
         (dark to bright blue by iteration) above the error course E(w(t)); steps is the\n\
         article's Figure 1 (both optimizers' points over contour lines, each step an arrow\n\
         from w(t-1) to w(t) labelled with its update, e.g. -lr·∇E); amplification is its\n\
         Figure 3, one map of C_a(g1, g2) per β (red: the adaptive step is longer, blue:\n\
         shorter). trajectory and steps take the options of the commands of the same name\n\
         (except --format).\n\n\
         --out FILE          required; FILE.svg (the surface embedded as one PNG image) or\n\
         \x20                   FILE.png (exactly WIDTH × HEIGHT pixels)\n\
         --width W           pixels, {min} to {max} (default {w}; amplification {aw})\n\
         --height H          pixels, {min} to {max} (default {h}; amplification {ah})\n\
         --view A,B,C,D      the plotted range w1 in [A, B], w2 in [C, D]. Default for\n\
         \x20                   trajectory: the article's -20,20,-25,25 for its function\n\
         \x20                   3*w1^2 + 10*w2^2 while the path stays inside, otherwise the\n\
         \x20                   path's bounding box (the shorter side at least half the\n\
         \x20                   longer) with a 10 % margin; for steps: the points and arrow\n\
         \x20                   tips with a 15 % margin; for amplification the range of g1\n\
         \x20                   and g2 (default {g_min},{g_max},{g_min},{g_max})\n\
         --pixel-ratio R     pixels per CSS pixel, 0.5 to 4 (default 1): fonts, lines and\n\
         \x20                   margins grow with it, as on a high-density screen\n\
         --betas B,B,...     amplification: 1 to {MAX_BETAS} values of β in [0, 1]\n\
         \x20                   (default {betas})\n\
         --lr ETA, --eps EPS amplification: η and ε (default 1 and 1e-8, as in the article);\n\
         \x20                   the colour scale spans ± the median of the maps' largest |C_a|\n",
        min = SIZE_RANGE.start(),
        max = SIZE_RANGE.end(),
        w = DEFAULT_SIZE.0,
        h = DEFAULT_SIZE.1,
        aw = DEFAULT_AMPLIFICATION_SIZE.0,
        ah = DEFAULT_AMPLIFICATION_SIZE.1,
        betas = list(&DEFAULT_BETAS),
    )
}
