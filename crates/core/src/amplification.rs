//! The article's amplification measure C_a(g1, g2) (section "The decaying parameter β"): how
//! much RMSProp's second update v(2) enlarges (> 0) or shrinks (< 0) the gradient g2 that
//! classical gradient descent would use, given the gradient g1 before it; and the figure's
//! configuration (its βs, η, ε and gradient range), shared by the CLI and the page.

use crate::config::{parse_hyperparameter, parse_number};
use crate::error::ConfigError;
use crate::grid::Grid;
use crate::optimizer::Hyperparameter;
use crate::parse::each_once;

/// The article's choices for its figure: η = 1 and ε = 1e-8.
pub const DEFAULT_LR: f64 = 1.0;
/// The article's smoothing term for its figure.
pub const DEFAULT_EPS: f64 = 1e-8;

/// The second update value of the one-dimensional adaptive scheme after gradients g1, g2:
/// `s(2) = (1−β)(β·g1² + g2²)`, `v(2) = η·g2 / √(s(2) + ε)`.
pub fn second_update(g1: f64, g2: f64, beta: f64, lr: f64, eps: f64) -> f64 {
    let s2 = (1.0 - beta) * (beta * g1 * g1 + g2 * g2);
    lr * g2 / (s2 + eps).sqrt()
}

/// `C_a(g1, g2) = |η·v(2)| − |η·g2|`, the article's equation: η times `v(2) − g2` where
/// g2 ≥ 0 and `g2 − v(2)` where g2 < 0.
pub fn amplification(g1: f64, g2: f64, beta: f64, lr: f64, eps: f64) -> f64 {
    let v2 = second_update(g1, g2, beta, lr, eps);
    if g2 >= 0.0 {
        lr * (v2 - g2)
    } else {
        lr * (g2 - v2)
    }
}

/// C_a at every sample of `grid`, read as (g1, g2) instead of (w1, w2), row by row from the
/// top (largest g2) down.
pub fn amplification_on(grid: &Grid, beta: f64, lr: f64, eps: f64) -> Vec<f64> {
    let g1: Vec<f64> = (0..grid.columns).map(|c| grid.w1_at(c)).collect();
    (0..grid.rows)
        .flat_map(|r| {
            let g2 = grid.w2_at(r);
            g1.iter()
                .map(move |&g1| amplification(g1, g2, beta, lr, eps))
        })
        .collect()
}

/// The article's βs, one map each.
pub const DEFAULT_BETAS: [f64; 4] = [0.0, 0.5, 0.9, 0.99];
/// The most maps side by side.
pub const MAX_MAPS: usize = 6;
/// Both gradients range over [−4, 4] by default.
pub const DEFAULT_RANGE: f64 = 4.0;
/// The largest gradient range.
pub const MAX_RANGE: f64 = 1e6;
/// The keys of the amplification figure, shared by the CLI, URLs and the custom element.
pub const KEYS: [&str; 4] = ["beta", "lr", "eps", "range"];

/// What the amplification figure shows.
#[derive(Clone, Debug, PartialEq)]
pub struct AmplificationConfig {
    /// One map per β.
    pub betas: Vec<f64>,
    /// η (the article: 1).
    pub lr: f64,
    /// ε (the article: 1e-8).
    pub eps: f64,
    /// Both gradients range over [−range, range].
    pub range: f64,
}

impl Default for AmplificationConfig {
    fn default() -> Self {
        AmplificationConfig {
            betas: DEFAULT_BETAS.to_vec(),
            lr: DEFAULT_LR,
            eps: DEFAULT_EPS,
            range: DEFAULT_RANGE,
        }
    }
}

/// The hyperparameter `key` of the table (the amplification keys share its ranges).
fn hyperparameter(key: &str) -> Result<&'static Hyperparameter, ConfigError> {
    Hyperparameter::named(key).ok_or_else(|| ConfigError::unknown_key(key, &KEYS))
}

/// Parses `beta`: a comma-separated list of 1 to [`MAX_MAPS`] values in [0, 1].
pub fn parse_betas(text: &str) -> Result<Vec<f64>, ConfigError> {
    let beta = hyperparameter("beta")?;
    let betas = text
        .split(',')
        .map(|b| parse_hyperparameter(beta, b))
        .collect::<Result<Vec<f64>, _>>()?;
    if betas.is_empty() || betas.len() > MAX_MAPS {
        return Err(ConfigError::OutOfRange {
            key: "beta".to_owned(),
            value: betas.len() as f64,
            range: format!("a list of 1 to {MAX_MAPS} values"),
        });
    }
    Ok(betas)
}

/// Parses `range`: a number in (0, [`MAX_RANGE`]].
pub fn parse_range(text: &str) -> Result<f64, ConfigError> {
    let x = parse_number("range", text)?;
    if x.is_finite() && x > 0.0 && x <= MAX_RANGE {
        Ok(x)
    } else {
        Err(ConfigError::OutOfRange {
            key: "range".to_owned(),
            value: x,
            range: format!("a number in (0, {MAX_RANGE:e}]"),
        })
    }
}

impl AmplificationConfig {
    /// Validates `key = value` pairs of [`KEYS`]; missing keys take the article's values.
    pub fn from_pairs<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<AmplificationConfig, ConfigError> {
        let mut config = AmplificationConfig::default();
        each_once(pairs, |key, value| {
            match key {
                "beta" => config.betas = parse_betas(value)?,
                "lr" | "eps" => {
                    let x = parse_hyperparameter(hyperparameter(key)?, value)?;
                    *(if key == "lr" {
                        &mut config.lr
                    } else {
                        &mut config.eps
                    }) = x;
                }
                "range" => config.range = parse_range(value)?,
                _ => return Err(ConfigError::unknown_key(key, &KEYS)),
            }
            Ok(())
        })?;
        Ok(config)
    }

    /// The gradient range of both axes, `[−range, range]`.
    pub fn gradients(&self) -> [f64; 2] {
        [-self.range, self.range]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_figure_config_has_the_article_defaults_and_one_message_per_problem() {
        assert_eq!(
            AmplificationConfig::from_pairs([]),
            Ok(AmplificationConfig::default())
        );
        let config = AmplificationConfig::from_pairs([("beta", "0, 0.3"), ("range", "2")])
            .unwrap_or_default();
        assert_eq!(
            (config.gradients(), config.betas),
            ([-2.0, 2.0], vec![0.0, 0.3])
        );
        let error = |pairs: &[(&str, &str)]| {
            AmplificationConfig::from_pairs(pairs.iter().copied())
                .map_err(|e| e.to_string())
                .err()
        };
        assert_eq!(
            error(&[("beta", "0,0,0,0,0,0,0")]).as_deref(),
            Some("`beta` must be a list of 1 to 6 values, not 7")
        );
        assert_eq!(
            error(&[("range", "-2")]).as_deref(),
            Some("`range` must be a number in (0, 1e6], not -2")
        );
        assert_eq!(
            error(&[("beta", "1.5")]).as_deref(),
            Some("`beta` must be in [0, 1], not 1.5")
        );
    }
}
