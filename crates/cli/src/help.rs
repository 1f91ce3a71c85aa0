//! The help texts, built from the core's tables so defaults and formulas cannot drift.

use descent_core::config::{defaults, MAX_STEPS};
use descent_core::function::FUNCTION_NAMES;
use descent_core::OptimizerKind;

/// `descent --help`.
pub fn general() -> String {
    format!(
        "descent — optimizer trajectories on error surfaces E(w1, w2)\n\n\
         Usage:\n  descent trajectory [OPTIONS]   print every iteration as CSV or JSON\n  \
         descent --help | descent trajectory --help\n\n{}",
        trajectory()
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
