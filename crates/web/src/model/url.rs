//! The generic part of the page's URL (and the custom element's attributes): query pairs, the
//! decoder that collects notices, the figure kinds and the `v=1` header. Each figure's own
//! keys are encoded and decoded by its model module. Decoding never fails: unknown keys are
//! ignored, invalid values fall back to the default and out-of-range values are clamped, each
//! with a notice saying which key was wrong and why.

use descent_core::config::parse_number;
use descent_core::Hyperparameter;

use super::format::number;

/// The version of the key set; written into every link as `v=1`.
pub const VERSION: &str = "1";

/// The figures a URL can describe.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FigureKind {
    /// The article's Figure 1, the first steps of two optimizers.
    Steps,
    /// Figure 2, the trajectory on the error surface (the default).
    Trajectory,
    /// Figure 3, the amplification maps.
    Amplification,
    /// The maps of where the trajectory figure's run converges (a sweep of starts or of two
    /// hyperparameters): the trajectory figure's keys plus the map's.
    Sweep,
}

impl FigureKind {
    /// Every figure, in page order.
    pub const ALL: [FigureKind; 4] = [
        FigureKind::Steps,
        FigureKind::Trajectory,
        FigureKind::Sweep,
        FigureKind::Amplification,
    ];

    /// Its `figure=` value.
    pub fn name(self) -> &'static str {
        match self {
            FigureKind::Steps => "steps",
            FigureKind::Trajectory => "trajectory",
            FigureKind::Amplification => "amplification",
            FigureKind::Sweep => "sweep",
        }
    }

    /// The figure named `name`.
    pub fn named(name: &str) -> Option<FigureKind> {
        FigureKind::ALL.into_iter().find(|f| f.name() == name)
    }
}

/// A key whose value was not used as given, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    /// The key.
    pub key: String,
    /// What was wrong and what is used instead.
    pub message: String,
}

/// Query pairs, in order.
pub type Pairs = Vec<(String, String)>;

/// The value of `key` (the last one given).
pub fn get<'a>(pairs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    pairs
        .iter()
        .rev()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

/// Prefixes `v=1` and `figure=` (unless it is the default) to a figure's pairs.
pub fn with_header(figure: FigureKind, pairs: Pairs) -> Pairs {
    let mut all = vec![("v".to_owned(), VERSION.to_owned())];
    if figure != FigureKind::Trajectory {
        all.push(("figure".to_owned(), figure.name().to_owned()));
    }
    all.extend(pairs);
    all
}

/// Collects notices while decoding.
pub struct Decoder<'a> {
    pairs: &'a [(String, String)],
    /// What was not used as given.
    pub notices: Vec<Notice>,
}

impl<'a> Decoder<'a> {
    /// A decoder over `pairs`.
    pub fn new(pairs: &'a [(String, String)]) -> Self {
        Decoder {
            pairs,
            notices: Vec::new(),
        }
    }

    /// The pairs being decoded.
    pub fn pairs(&self) -> &'a [(String, String)] {
        self.pairs
    }

    /// The value of `key`, if given.
    pub fn get(&self, key: &str) -> Option<&'a str> {
        get(self.pairs, key)
    }

    /// Records that `key` was not used as given.
    pub fn notice(&mut self, key: &str, message: String) {
        self.notices.push(Notice {
            key: key.to_owned(),
            message,
        });
    }

    /// The figure the pairs describe (`figure=`; the trajectory figure by default).
    pub fn figure(&mut self) -> FigureKind {
        match self.get("figure") {
            None => FigureKind::Trajectory,
            Some(name) => FigureKind::named(name).unwrap_or_else(|| {
                let names = [
                    FigureKind::Trajectory,
                    FigureKind::Steps,
                    FigureKind::Amplification,
                    FigureKind::Sweep,
                ]
                .map(FigureKind::name);
                self.notice(
                    "figure",
                    format!(
                        "unknown figure `{name}`; choose {} (showing the trajectory)",
                        or_list(&names)
                    ),
                );
                FigureKind::Trajectory
            }),
        }
    }

    /// Decodes `key` with `parse`; on error records a notice and returns `None`.
    pub fn parse<T, E: std::fmt::Display>(
        &mut self,
        key: &str,
        parse: impl FnOnce(&str) -> Result<T, E>,
    ) -> Option<T> {
        let text = self.get(key)?;
        match parse(text) {
            Ok(value) => Some(value),
            Err(e) => {
                self.notice(key, format!("{e}; using the default"));
                None
            }
        }
    }

    /// Hyperparameter `h` under `key`: values out of its range are clamped as its table row
    /// says ([`descent_core::optimizer::hyperparameters::Clamp`]) or dropped.
    pub fn hyperparameter(&mut self, key: &str, h: &Hyperparameter) -> Option<f64> {
        let x = self.parse(key, |t| parse_number(key, t))?;
        if h.accepts(x) {
            return Some(x);
        }
        let clamped = h.clamp.apply(&h.range, x);
        let instead = clamped.map_or_else(|| "the default".to_owned(), number);
        self.notice(
            key,
            format!(
                "`{key}` must be {}, not {x}; using {instead}",
                h.range_text()
            ),
        );
        clamped
    }

    /// An iteration count under `key`: clamped to `[0, max]`, invalid text dropped.
    pub fn count(&mut self, key: &str, max: usize) -> Option<usize> {
        let x = self.parse(key, |t| parse_number(key, t))?;
        if x.is_nan() {
            self.notice(
                key,
                format!("`{key}` must be a whole number; using the default"),
            );
            return None;
        }
        let clamped = x.round().clamp(0.0, max as f64);
        if clamped != x {
            self.notice(
                key,
                format!("`{key}` must be a whole number from 0 to {max}, not {x}; using {clamped}"),
            );
        }
        Some(clamped as usize)
    }
}

/// `a, b or c`.
pub fn or_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// Query pairs from `(key, value)` literals (for tests).
#[cfg(test)]
pub(crate) fn pairs(list: &[(&str, &str)]) -> Pairs {
    list.iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_value_counts_and_the_figure_defaults_to_the_trajectory() {
        let input = pairs(&[("figure", "steps"), ("figure", "amplification")]);
        assert_eq!(get(&input, "figure"), Some("amplification"));
        let bad = pairs(&[("figure", "nope")]);
        let mut d = Decoder::new(&bad);
        assert_eq!(d.figure(), FigureKind::Trajectory);
        assert_eq!(
            d.notices[0].message,
            "unknown figure `nope`; choose trajectory, steps, amplification or sweep (showing the trajectory)"
        );
    }

    #[test]
    fn hyperparameters_clamp_as_the_table_says() {
        let input = pairs(&[
            ("beta", "1.5"),
            ("lr", "-1"),
            ("beta1", "2"),
            ("eps", "inf"),
        ]);
        let mut d = Decoder::new(&input);
        let named = |k: &str| Hyperparameter::named(k).expect("in the table");
        assert_eq!(d.hyperparameter("beta", named("beta")), Some(1.0));
        assert_eq!(d.hyperparameter("lr", named("lr")), None);
        assert_eq!(d.hyperparameter("beta1", named("beta1")), Some(0.9999));
        assert_eq!(d.hyperparameter("eps", named("eps")), Some(f64::MAX));
        let messages: Vec<&str> = d.notices.iter().map(|n| n.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "`beta` must be in [0, 1], not 1.5; using 1",
                "`lr` must be a finite number > 0, not -1; using the default",
                "`beta1` must be in [0, 1), not 2; using 0.9999",
                "`eps` must be a finite number > 0, not inf; using 1.7976931348623157e308",
            ]
        );
    }

    #[test]
    fn counts_round_and_clamp() {
        let input = pairs(&[("steps", "1e9"), ("t", "2.4")]);
        let mut d = Decoder::new(&input);
        assert_eq!(d.count("steps", 10_000), Some(10_000));
        assert_eq!(d.count("t", 100), Some(2));
        assert_eq!(d.notices.len(), 2);
        assert_eq!(
            with_header(FigureKind::Steps, Vec::new()),
            pairs(&[("v", "1"), ("figure", "steps")])
        );
    }
}
