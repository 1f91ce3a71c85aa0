//! The amplification figure's state as plain Rust: core's [`AmplificationConfig`] (βs, η, ε,
//! range, their defaults and parsers), its URL keys (`beta` as a list, `lr`, `eps`, `range`),
//! the β slider and the tooltip of a point.

use descent_core::amplification::{
    amplification, parse_betas, parse_range, second_update, AmplificationConfig,
};
use descent_core::optimizer::SliderScale;
use descent_core::Hyperparameter;

use super::format::{number, short};
use super::url::{Decoder, Pairs};

/// The β slider (it sets the last map's β): β's own slider from the hyperparameter table.
pub fn beta_slider() -> SliderScale {
    Hyperparameter::named("beta").map_or(SliderScale::Linear { min: 0.0, max: 1.0 }, |h| h.slider)
}

/// The βs as the text field shows them: `0, 0.5, 0.9, 0.99`.
pub fn betas_text(betas: &[f64]) -> String {
    betas
        .iter()
        .map(|&b| number(b))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Decodes the amplification figure: `beta` (a list), `lr`, `eps`, `range`.
pub fn decode_amplification(d: &mut Decoder) -> AmplificationConfig {
    let mut config = AmplificationConfig::default();
    if let Some(betas) = d.parse("beta", parse_betas) {
        config.betas = betas;
    }
    for (key, field) in [("lr", &mut config.lr), ("eps", &mut config.eps)] {
        if let Some(h) = Hyperparameter::named(key) {
            if let Some(value) = d.hyperparameter(key, h) {
                *field = value;
            }
        }
    }
    if let Some(range) = d.parse("range", parse_range) {
        config.range = range;
    }
    config
}

/// Encodes the amplification figure, omitting defaults.
pub fn encode_amplification(config: &AmplificationConfig) -> Pairs {
    let defaults = AmplificationConfig::default();
    let mut pairs: Pairs = Vec::new();
    if config.betas != defaults.betas {
        let list: Vec<String> = config.betas.iter().map(|&b| number(b)).collect();
        pairs.push(("beta".to_owned(), list.join(",")));
    }
    for (key, value, default) in [
        ("lr", config.lr, defaults.lr),
        ("eps", config.eps, defaults.eps),
        ("range", config.range, defaults.range),
    ] {
        if value != default {
            pairs.push((key.to_owned(), number(value)));
        }
    }
    pairs
}

/// The tooltip of point (g1, g2) of the map of `beta`.
pub fn tooltip(config: &AmplificationConfig, beta: f64, [g1, g2]: [f64; 2]) -> String {
    let c = amplification(g1, g2, beta, config.lr, config.eps);
    let v2 = second_update(g1, g2, beta, config.lr, config.eps);
    let effect = if c > 0.0 { "amplified" } else { "attenuated" };
    format!(
        "β = {}\ng1 = {}\ng2 = {}\nv(2) = {}\nC_a = {} ({effect})",
        number(beta),
        short(g1),
        short(g2),
        short(v2),
        short(c)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::model::url::pairs;

    #[test]
    fn round_trip_and_fall_back() {
        let input = pairs(&[("beta", "0,0.3"), ("eps", "0.001"), ("range", "-2")]);
        let mut d = Decoder::new(&input);
        let config = decode_amplification(&mut d);
        assert_eq!(config.betas, [0.0, 0.3]);
        assert_eq!(config.range, AmplificationConfig::default().range);
        assert_eq!(d.notices.len(), 1);
        assert_eq!(
            d.notices[0].message,
            "`range` must be a number in (0, 1e6], not -2; using the default"
        );
        assert_eq!(
            decode_amplification(&mut Decoder::new(&encode_amplification(&config))),
            config
        );
        assert!(encode_amplification(&AmplificationConfig::default()).is_empty());
    }

    #[test]
    fn the_tooltip_says_whether_the_step_grows() {
        let text = tooltip(&AmplificationConfig::default(), 0.9, [0.0, 0.5]);
        assert!(text.contains("(amplified)"), "{text}");
        assert_eq!(betas_text(&[0.0, 0.5]), "0, 0.5");
        assert_eq!(beta_slider().position(0.9), 900.0);
    }
}
