//! The hyperparameter table: every numeric key an optimizer can take, with its symbol, label,
//! valid range, slider scale and how a URL's out-of-range value is clamped. Optimizers name
//! their keys and defaults in [`super::table`]; everything else about a key lives here once.

/// Slider positions run from 0 to this on the page.
pub const SLIDER_MAX: f64 = 1000.0;

/// How a slider position maps to a value.
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

impl SliderScale {
    /// The slider position (0..=[`SLIDER_MAX`]) showing `value`, clamped to the slider's ends.
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

    /// Whether the slider is logarithmic (maps over a hyperparameter use log axes then).
    pub fn is_log(self) -> bool {
        !matches!(self, SliderScale::Linear { .. })
    }

    /// The values at both ends of the slider, smaller first.
    pub fn ends(self) -> [f64; 2] {
        let (a, b) = (self.value(0.0), self.value(SLIDER_MAX));
        [a.min(b), a.max(b)]
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

/// The values a hyperparameter accepts: an interval, each end open or closed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Range {
    /// Lower end.
    pub min: f64,
    /// Whether `min` itself is allowed.
    pub min_allowed: bool,
    /// Upper end (`f64::INFINITY` for none: values must then be finite).
    pub max: f64,
    /// Whether `max` itself is allowed.
    pub max_allowed: bool,
}

impl Range {
    /// Finite numbers > 0.
    pub const POSITIVE: Range = Range {
        min: 0.0,
        min_allowed: false,
        max: f64::INFINITY,
        max_allowed: false,
    };
    /// Finite numbers ≥ 0.
    pub const NON_NEGATIVE: Range = Range {
        min: 0.0,
        min_allowed: true,
        max: f64::INFINITY,
        max_allowed: false,
    };
    /// [0, 1].
    pub const UNIT: Range = Range {
        min: 0.0,
        min_allowed: true,
        max: 1.0,
        max_allowed: true,
    };
    /// [0, 1).
    pub const UNIT_OPEN: Range = Range {
        min: 0.0,
        min_allowed: true,
        max: 1.0,
        max_allowed: false,
    };

    /// Whether `x` is allowed.
    pub fn contains(&self, x: f64) -> bool {
        let above = if self.min_allowed {
            x >= self.min
        } else {
            x > self.min
        };
        let below = if self.max_allowed {
            x <= self.max
        } else {
            x < self.max
        };
        above && below && x.is_finite()
    }

    /// The range in words, as messages write it: "a finite number > 0", "in [0, 1)".
    pub fn describe(&self) -> String {
        if self.max.is_infinite() {
            let sign = if self.min_allowed { "≥" } else { ">" };
            return format!("a finite number {sign} {}", self.min);
        }
        let open = if self.min_allowed { '[' } else { '(' };
        let close = if self.max_allowed { ']' } else { ')' };
        format!("in {open}{}, {}{close}", self.min, self.max)
    }
}

/// Where a URL's out-of-range value goes: each side clamps to a value or is dropped (the
/// default is used, with a notice either way).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Clamp {
    /// What a value below the range becomes; `None` drops it.
    pub below: Option<f64>,
    /// What a value above the range (+∞ included) becomes; `None` drops it.
    pub above: Option<f64>,
}

impl Clamp {
    /// The value used for out-of-range `x` from a URL, if any (NaN is always dropped).
    pub fn apply(&self, range: &Range, x: f64) -> Option<f64> {
        if x.is_nan() {
            None
        } else if x <= range.min {
            self.below
        } else {
            self.above
        }
    }
}

/// One hyperparameter key.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hyperparameter {
    /// The key: CLI flag `--key` (`_` written `-`), URL and JS key.
    pub key: &'static str,
    /// Its symbol in formulas: η, α, β, ….
    pub symbol: &'static str,
    /// What the page's control says.
    pub label: &'static str,
    /// One sentence on what it does.
    pub help: &'static str,
    /// The values it accepts.
    pub range: Range,
    /// The page's slider.
    pub slider: SliderScale,
    /// How a URL's out-of-range value is clamped.
    pub clamp: Clamp,
}

impl Hyperparameter {
    /// Whether `value` is allowed.
    pub fn accepts(&self, value: f64) -> bool {
        self.range.contains(value)
    }

    /// The allowed values in words.
    pub fn range_text(&self) -> String {
        self.range.describe()
    }

    /// The key as a command-line flag, without the dashes: `weight_decay` → `weight-decay`.
    pub fn flag(&self) -> String {
        self.key.replace('_', "-")
    }

    /// The hyperparameter with key `key` (a flag's `-` read as `_`).
    pub fn named(key: &str) -> Option<&'static Hyperparameter> {
        HYPERPARAMETERS
            .iter()
            .find(|h| h.key == key || h.flag() == key)
    }
}

/// A decay in [0, 1] clamped into it.
const UNIT_CLAMP: Clamp = Clamp {
    below: Some(0.0),
    above: Some(1.0),
};
/// A decay in [0, 1) clamped just below 1.
const UNIT_OPEN_CLAMP: Clamp = Clamp {
    below: Some(0.0),
    above: Some(0.9999),
};

/// A non-negative number: negative values clamp to 0.
const NON_NEGATIVE_CLAMP: Clamp = Clamp {
    below: Some(0.0),
    above: Some(f64::MAX),
};
/// A positive number: values ≤ 0 are dropped.
const POSITIVE_CLAMP: Clamp = Clamp {
    below: None,
    above: Some(f64::MAX),
};

/// Every hyperparameter key, in vocabulary order.
pub static HYPERPARAMETERS: &[Hyperparameter] = &[
    Hyperparameter {
        key: "lr",
        symbol: "η",
        label: "Learning rate",
        help: "the step size η: how far each update moves along its direction",
        range: Range::POSITIVE,
        slider: SliderScale::Log {
            min: 1e-5,
            max: 10.0,
        },
        clamp: Clamp {
            below: None,
            above: Some(f64::MAX),
        },
    },
    Hyperparameter {
        key: "alpha",
        symbol: "α",
        label: "Momentum",
        help: "the share α of the previous velocity kept at each step",
        range: Range::UNIT,
        slider: SliderScale::Linear { min: 0.0, max: 1.0 },
        clamp: UNIT_CLAMP,
    },
    Hyperparameter {
        key: "beta",
        symbol: "β",
        label: "Decay",
        help: "the decay β of the running average of squared gradients",
        range: Range::UNIT,
        slider: SliderScale::Linear { min: 0.0, max: 1.0 },
        clamp: UNIT_CLAMP,
    },
    Hyperparameter {
        key: "beta1",
        symbol: "β1",
        label: "First-moment decay",
        help: "the decay β1 of the running average of gradients",
        range: Range::UNIT_OPEN,
        slider: SliderScale::Linear {
            min: 0.0,
            max: 0.999,
        },
        clamp: UNIT_OPEN_CLAMP,
    },
    Hyperparameter {
        key: "beta2",
        symbol: "β2",
        label: "Second-moment decay",
        help: "the decay β2 of the running average of squared (or largest) gradients",
        range: Range::UNIT_OPEN,
        slider: SliderScale::LogOneMinus {
            min: 1.0,
            max: 1e-5,
        },
        clamp: UNIT_OPEN_CLAMP,
    },
    Hyperparameter {
        key: "rho",
        symbol: "ρ",
        label: "Decay",
        help: "the decay ρ of Adadelta's running averages of squared gradients and updates",
        range: Range::UNIT,
        slider: SliderScale::Linear { min: 0.0, max: 1.0 },
        clamp: UNIT_CLAMP,
    },
    Hyperparameter {
        key: "eps",
        symbol: "ε",
        label: "Smoothing term",
        help: "the small ε that keeps the division finite",
        range: Range::POSITIVE,
        slider: SliderScale::Log {
            min: 1e-12,
            max: 1.0,
        },
        clamp: Clamp {
            below: None,
            above: Some(f64::MAX),
        },
    },
    Hyperparameter {
        key: "weight_decay",
        symbol: "λ",
        label: "Weight decay",
        help: "the decoupled weight decay λ: every step also shrinks w by η·λ·w",
        range: Range::NON_NEGATIVE,
        slider: SliderScale::Linear { min: 0.0, max: 1.0 },
        clamp: Clamp {
            below: Some(0.0),
            above: Some(f64::MAX),
        },
    },
    Hyperparameter {
        key: "momentum_decay",
        symbol: "ψ",
        label: "Momentum decay",
        help: "NAdam's momentum schedule ψ: step t's momentum is β1·(1 − ½·0.96^(t·ψ))",
        range: Range::NON_NEGATIVE,
        slider: SliderScale::Linear { min: 0.0, max: 1.0 },
        clamp: NON_NEGATIVE_CLAMP,
    },
    Hyperparameter {
        key: "eta_minus",
        symbol: "η−",
        label: "Step shrink",
        help: "Rprop's factor η− by which a weight's step shrinks when its gradient changes sign",
        range: Range {
            min: 0.0,
            min_allowed: false,
            max: 1.0,
            max_allowed: true,
        },
        slider: SliderScale::Linear {
            min: 0.05,
            max: 1.0,
        },
        clamp: Clamp {
            below: None,
            above: Some(1.0),
        },
    },
    Hyperparameter {
        key: "eta_plus",
        symbol: "η+",
        label: "Step growth",
        help: "Rprop's factor η+ by which a weight's step grows while its gradient keeps its sign",
        range: Range {
            min: 1.0,
            min_allowed: true,
            max: f64::INFINITY,
            max_allowed: false,
        },
        slider: SliderScale::Linear { min: 1.0, max: 3.0 },
        clamp: Clamp {
            below: Some(1.0),
            above: Some(f64::MAX),
        },
    },
    Hyperparameter {
        key: "min_step_size",
        symbol: "Δmin",
        label: "Smallest step",
        help: "the smallest step Rprop lets a weight take",
        range: Range::POSITIVE,
        slider: SliderScale::Log {
            min: 1e-9,
            max: 1.0,
        },
        clamp: POSITIVE_CLAMP,
    },
    Hyperparameter {
        key: "max_step_size",
        symbol: "Δmax",
        label: "Largest step",
        help: "the largest step Rprop lets a weight take",
        range: Range::POSITIVE,
        slider: SliderScale::Log {
            min: 1e-3,
            max: 100.0,
        },
        clamp: POSITIVE_CLAMP,
    },
    Hyperparameter {
        key: "d0",
        symbol: "d0",
        label: "Initial estimate",
        help:
            "the learning-rate estimate d a learning-rate-free method starts from (it only grows)",
        range: Range::POSITIVE,
        slider: SliderScale::Log {
            min: 1e-10,
            max: 1.0,
        },
        clamp: POSITIVE_CLAMP,
    },
    Hyperparameter {
        key: "d_coef",
        symbol: "c_d",
        label: "Estimate scale",
        help: "Prodigy's factor on its learning-rate estimate (below 1 for a safer d)",
        range: Range::POSITIVE,
        slider: SliderScale::Log {
            min: 0.01,
            max: 10.0,
        },
        clamp: POSITIVE_CLAMP,
    },
    Hyperparameter {
        key: "weight_lr_power",
        symbol: "p",
        label: "Averaging weight power",
        help: "Schedule-Free's weight η_max^p of each step in the average x",
        range: Range::NON_NEGATIVE,
        slider: SliderScale::Linear { min: 0.0, max: 4.0 },
        clamp: NON_NEGATIVE_CLAMP,
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    fn named(key: &str) -> &'static Hyperparameter {
        Hyperparameter::named(key).unwrap_or_else(|| panic!("{key}"))
    }

    #[test]
    fn ranges_read_as_the_messages_always_did() {
        assert_eq!(named("lr").range_text(), "a finite number > 0");
        assert_eq!(named("beta").range_text(), "in [0, 1]");
        assert_eq!(named("beta1").range_text(), "in [0, 1)");
        assert_eq!(named("weight_decay").range_text(), "a finite number ≥ 0");
        assert!(!named("lr").accepts(f64::INFINITY));
        assert!(!named("beta2").accepts(1.0));
        assert!(named("beta").accepts(1.0));
    }

    #[test]
    fn flags_write_underscores_as_dashes() {
        assert_eq!(named("weight-decay").key, "weight_decay");
        assert_eq!(named("weight_decay").flag(), "weight-decay");
    }

    #[test]
    fn slider_positions_round_trip_on_the_article_values() {
        for (key, value) in [
            ("lr", 0.05),
            ("lr", 0.001),
            ("beta", 0.9),
            ("eps", 1e-8),
            ("beta2", 0.999),
        ] {
            let scale = named(key).slider;
            let back = scale.value(scale.position(value));
            assert!(
                (back - value).abs() <= 0.02 * value,
                "{key}: {value} -> {back}"
            );
        }
        let lr = named("lr").slider;
        assert_eq!(lr.position(1e300), SLIDER_MAX);
        assert_eq!(lr.position(1e-300), 0.0);
        assert_eq!(lr.value(SLIDER_MAX), 10.0);
        assert_eq!(lr.ends(), [1e-5, 10.0]);
    }

    #[test]
    fn clamps_keep_what_links_always_got() {
        let beta1 = named("beta1");
        assert_eq!(beta1.clamp.apply(&beta1.range, 1.5), Some(0.9999));
        assert_eq!(beta1.clamp.apply(&beta1.range, -1.0), Some(0.0));
        let lr = named("lr");
        assert_eq!(lr.clamp.apply(&lr.range, -1.0), None);
        assert_eq!(lr.clamp.apply(&lr.range, f64::INFINITY), Some(f64::MAX));
        assert_eq!(lr.clamp.apply(&lr.range, f64::NAN), None);
    }
}
