//! `descent amplification`: the article's measure C_a(g1, g2) at given gradients, with the
//! amplification figure's keys (core's `AmplificationConfig`) besides g1 and g2.

use descent_core::amplification::AmplificationConfig;
use descent_core::config::parse_number;
use descent_core::{ConfigError, Convention, OptimizerKind};

/// The measure's own keys: the two gradients.
pub const GRADIENT_KEYS: [&str; 2] = ["g1", "g2"];

/// `descent amplification`: g1 and g2 required; β (a list; RMSProp's article default when
/// missing), η and ε as the amplification figure reads them.
pub fn parse<'a>(
    pairs: impl Iterator<Item = (&'a str, &'a str)>,
) -> Result<([f64; 2], AmplificationConfig), ConfigError> {
    let (gradients, rest): (Vec<_>, Vec<_>) = pairs.partition(|(k, _)| GRADIENT_KEYS.contains(k));
    let gradient = |key: &str| -> Result<f64, ConfigError> {
        let mut given = gradients.iter().filter(|(k, _)| *k == key);
        let text = match (given.next(), given.next()) {
            (Some(&(_, text)), None) => text,
            (None, _) => {
                return Err(ConfigError::Missing {
                    key: key.to_owned(),
                })
            }
            (Some(_), Some(_)) => {
                return Err(ConfigError::Repeated {
                    key: key.to_owned(),
                })
            }
        };
        let x = parse_number(key, text)?;
        if x.is_finite() {
            Ok(x)
        } else {
            Err(ConfigError::OutOfRange {
                key: key.to_owned(),
                value: x,
                range: "a finite number".to_owned(),
            })
        }
    };
    let g = [gradient("g1")?, gradient("g2")?];
    let beta_given = rest.iter().any(|(k, _)| *k == "beta");
    let mut config = AmplificationConfig::from_pairs(rest)?;
    if !beta_given {
        config.betas = vec![default_beta()];
    }
    Ok((g, config))
}

/// The β of `descent amplification` without `--beta`: the article's RMSProp default (the
/// table has it; a test checks).
pub fn default_beta() -> f64 {
    OptimizerKind::must("rmsprop")
        .default_of("beta", Convention::Article)
        .unwrap_or_default()
}
