//! The help texts, built from the core's tables so defaults and formulas cannot drift.

use descent_core::config::{defaults, MAX_STEPS};
use descent_core::function::FUNCTION_NAMES;
use descent_core::OptimizerKind;

/// `descent --help`.
pub fn general() -> String {
    format!(
        "descent — optimizer trajectories on error surfaces E(w1, w2)\n\n\
         Usage:\n  descent trajectory [OPTIONS]     print every iteration as CSV or JSON\n  \
         descent steps [OPTIONS]          the first steps of two optimizers, with vectors\n  \
         descent amplification [OPTIONS]  the article's measure C_a(g1, g2)\n  \
         descent COMMAND --help\n\n{}\n{}\n{}",
        trajectory(),
        steps(),
        amplification()
    )
}

/// `descent trajectory --help`.
pub fn trajectory() -> String {
    let mut text = format!(
        "descent trajectory [--function EXPR] [--optimizer NAME] [--lr X] [--alpha X] [--beta X]\n\
         \x20                  [--beta1 X] [--beta2 X] [--eps X] [--start W1,W2] [--steps N]\n\
         \x20                  [--format csv|json]\n\n\
         Prints rows t = 0..N with columns t, w1, w2, error, g1, g2 and the optimizer's state\n\
         (momentum: m1, m2; adagrad, rmsprop: s1, s2; adam: m1, m2, v1, v2); g is ∇E at that\n\
         row's w. A run that stops early (divergence, or E undefined) prints its finite rows\n\
         and says why on stderr.\n\n\
         --function EXPR   E(w1, w2) (default \"{}\"): + - * / % ^, parentheses, pi, e,\n\
         \x20                 and the functions {}\n\
         --start W1,W2     start point (default {},{})\n\
         --steps N         iterations, 0 to {MAX_STEPS} (default {})\n\
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
        defaults::OPTIMIZER,
    );
    for kind in OptimizerKind::ALL {
        let params: Vec<String> = kind
            .hyperparameters()
            .iter()
            .map(|(h, default)| format!("--{} {default:?}", h.name()))
            .collect();
        text.push_str(&format!(
            "  {:<9} {}\n            defaults: {}\n",
            kind.name(),
            kind.formula(),
            params.join("  ")
        ));
    }
    text.push_str("A hyperparameter the chosen optimizer does not have is an error.\n");
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
