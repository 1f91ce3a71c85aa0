//! How each numeric control's slider maps to its value: learning rate and ε on a log scale,
//! Adam's β2 on a log scale of 1 − β2, the rest linear. Sliders run over 0..=1000.

use descent_core::Hyperparameter;

/// Slider positions run from 0 to this.
pub const SLIDER_MAX: f64 = 1000.0;

/// The mapping of one slider.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum SliderScale {
    /// value = min + p·(max − min).
    Linear {
        /// Value at position 0.
        min: f64,
        /// Value at the end.
        max: f64,
    },
    /// log10(value) linear in p.
    Log {
        /// Value at position 0.
        min: f64,
        /// Value at the end.
        max: f64,
    },
    /// log10(1 − value) linear in p (for decays close to 1).
    LogOneMinus {
        /// 1 − value at position 0.
        min: f64,
        /// 1 − value at the end.
        max: f64,
    },
}

/// The slider scale of a hyperparameter.
pub fn scale_of(h: Hyperparameter) -> SliderScale {
    match h {
        Hyperparameter::Lr => SliderScale::Log {
            min: 1e-5,
            max: 10.0,
        },
        Hyperparameter::Eps => SliderScale::Log {
            min: 1e-12,
            max: 1.0,
        },
        Hyperparameter::Alpha | Hyperparameter::Beta => SliderScale::Linear { min: 0.0, max: 1.0 },
        Hyperparameter::Beta1 => SliderScale::Linear {
            min: 0.0,
            max: 0.999,
        },
        Hyperparameter::Beta2 => SliderScale::LogOneMinus {
            min: 1.0,
            max: 1e-5,
        },
    }
}

/// The most iterations the page runs: every control answers within a fraction of a second
/// (100 000 steps took seconds to draw, 5 compared optimizers a minute). The CLI and the JS
/// API go up to the core's `MAX_STEPS`.
pub const PAGE_MAX_STEPS: usize = 10_000;

/// The slider scale of the iteration count (the number field goes further).
pub const STEPS_SCALE: SliderScale = SliderScale::Linear {
    min: 0.0,
    max: 1000.0,
};

impl SliderScale {
    /// The slider position (0..=1000) showing `value`, clamped to the slider's ends.
    pub fn position(self, value: f64) -> f64 {
        let p = match self {
            SliderScale::Linear { min, max } => (value - min) / (max - min),
            SliderScale::Log { min, max } => {
                (value.log10() - min.log10()) / (max.log10() - min.log10())
            }
            SliderScale::LogOneMinus { min, max } => {
                ((1.0 - value).log10() - min.log10()) / (max.log10() - min.log10())
            }
        };
        if p.is_nan() {
            0.0
        } else {
            (p.clamp(0.0, 1.0) * SLIDER_MAX).round()
        }
    }

    /// The value at slider position `p`, rounded to 3 significant digits (of 1 − value for
    /// [`SliderScale::LogOneMinus`]) so the number field shows a readable value.
    pub fn value(self, p: f64) -> f64 {
        let t = (p / SLIDER_MAX).clamp(0.0, 1.0);
        let lerp = |a: f64, b: f64| a + t * (b - a);
        match self {
            SliderScale::Linear { min, max } => round_to(lerp(min, max), 3),
            SliderScale::Log { min, max } => {
                round_to(10f64.powf(lerp(min.log10(), max.log10())), 3)
            }
            SliderScale::LogOneMinus { min, max } => {
                1.0 - round_to(10f64.powf(lerp(min.log10(), max.log10())), 3)
            }
        }
    }
}

/// `x` rounded to `digits` significant digits.
fn round_to(x: f64, digits: i32) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let magnitude = 10f64.powi(digits - 1 - x.abs().log10().floor() as i32);
    (x * magnitude).round() / magnitude
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_and_values_round_trip_on_the_article_values() {
        for (h, value) in [
            (Hyperparameter::Lr, 0.05),
            (Hyperparameter::Lr, 0.001),
            (Hyperparameter::Beta, 0.9),
            (Hyperparameter::Eps, 1e-8),
            (Hyperparameter::Beta2, 0.999),
        ] {
            let scale = scale_of(h);
            let back = scale.value(scale.position(value));
            assert!(
                (back - value).abs() <= 0.02 * value,
                "{h:?}: {value} -> {back}"
            );
        }
    }

    #[test]
    fn out_of_range_values_clamp_to_the_ends() {
        let lr = scale_of(Hyperparameter::Lr);
        assert_eq!(lr.position(1e300), SLIDER_MAX);
        assert_eq!(lr.position(1e-300), 0.0);
        assert_eq!(lr.value(SLIDER_MAX), 10.0);
        assert_eq!(STEPS_SCALE.value(500.0), 500.0);
    }
}
