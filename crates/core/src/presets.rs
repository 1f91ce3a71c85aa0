//! The examples: the article's surface first, then classic test surfaces, each with a view and
//! a start point that show it well, then training scenarios that also set an optimizer, noise,
//! a data set or mini-batches. The page's select, the URL's `preset=` and the CLI's `--preset`
//! all read this list; a link made with a preset keeps opening what it opened, so presets are
//! only ever added.

use crate::view::View;

/// A named error function with a view and a start point that show it well.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Preset {
    /// Identifier used in the page's select and in URLs.
    pub id: &'static str,
    /// What the user reads.
    pub label: &'static str,
    /// E(w1, w2); `None` for a preset that fits a data set (a `data` pair).
    pub function: Option<&'static str>,
    /// The view range.
    pub view: View,
    /// The start point.
    pub start: [f64; 2],
    /// The other keys it sets, as a link writes them: vocabulary keys (`optimizer`, `lr`,
    /// `data`, `batch`, `noise`, `steps`, …), which the CLI's `--preset` applies too, and the
    /// page's own (`compare=gd,adam`, a compared entry's `gd.lr`, `log=1`). Empty for the
    /// surfaces.
    pub pairs: &'static [(&'static str, &'static str)],
}

impl Preset {
    /// Its vocabulary pairs (those the CLI applies): function and start, then the other
    /// vocabulary keys of [`Preset::pairs`].
    pub fn vocabulary_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if let Some(function) = self.function {
            pairs.push(("function", function.to_owned()));
        }
        pairs.push(("start", format!("{:?},{:?}", self.start[0], self.start[1])));
        pairs.extend(
            self.pairs
                .iter()
                .filter(|(key, _)| crate::vocabulary::is_key(key))
                .map(|&(key, value)| (key, value.to_owned())),
        );
        pairs
    }
}

const fn view(w1: [f64; 2], w2: [f64; 2]) -> View {
    View { w1, w2 }
}

/// All presets; the first is the default.
pub static PRESETS: [Preset; 14] = [
    Preset {
        id: "article",
        label: "Article: 3·w1² + 10·w2²",
        function: Some("3*w1^2 + 10*w2^2"),
        view: view([-20.0, 20.0], [-25.0, 25.0]),
        start: [-15.0, 20.0],
        pairs: &[],
    },
    Preset {
        id: "rosenbrock",
        label: "Rosenbrock valley",
        function: Some("(1-w1)^2 + 100*(w2-w1^2)^2"),
        view: view([-2.0, 2.0], [-1.0, 3.0]),
        start: [-1.5, 2.5],
        pairs: &[],
    },
    Preset {
        id: "himmelblau",
        label: "Himmelblau (four minima)",
        function: Some("(w1^2 + w2 - 11)^2 + (w1 + w2^2 - 7)^2"),
        view: view([-5.0, 5.0], [-5.0, 5.0]),
        start: [-0.3, -4.5],
        pairs: &[],
    },
    Preset {
        id: "beale",
        label: "Beale",
        function: Some("(1.5 - w1 + w1*w2)^2 + (2.25 - w1 + w1*w2^2)^2 + (2.625 - w1 + w1*w2^3)^2"),
        view: view([-4.5, 4.5], [-4.5, 4.5]),
        start: [1.0, 1.4],
        pairs: &[],
    },
    Preset {
        id: "saddle",
        label: "Saddle: w1² − w2²",
        function: Some("w1^2 - w2^2"),
        view: view([-3.0, 3.0], [-3.0, 3.0]),
        start: [-2.5, 0.05],
        pairs: &[],
    },
    Preset {
        id: "plateau",
        label: "Plateau: 1 − exp(−(w1² + w2²)/4)",
        function: Some("1 - exp(-(w1^2 + w2^2)/4)"),
        view: view([-6.0, 6.0], [-6.0, 6.0]),
        start: [5.0, 4.0],
        pairs: &[],
    },
    Preset {
        id: "waves",
        label: "Waves: sin(w1) + cos(w2)",
        function: Some("sin(w1) + cos(w2)"),
        view: view([-6.0, 6.0], [-6.0, 6.0]),
        start: [0.5, 1.0],
        pairs: &[],
    },
    Preset {
        id: "scaled-batches",
        label: "RMSProp on mini-batches of a badly scaled regression",
        function: None,
        view: view([-0.002, 0.006], [-0.1, 0.3]),
        start: [0.0, 0.0],
        pairs: &[
            ("data", "scaled"),
            ("optimizer", "rmsprop"),
            ("lr", "0.003"),
            ("batch", "8"),
            ("schedule", "cosine"),
            ("steps", "2000"),
        ],
    },
    Preset {
        id: "adam-vs-sgd",
        label: "Adam vs SGD with noise",
        function: Some("3*w1^2 + 10*w2^2"),
        view: view([-20.0, 20.0], [-25.0, 25.0]),
        start: [-15.0, 20.0],
        pairs: &[
            ("optimizer", "adam"),
            ("lr", "0.5"),
            ("noise", "30"),
            ("seed", "1"),
            ("compare", "gd,adam"),
            ("gd.lr", "0.02"),
            ("log", "1"),
        ],
    },
    Preset {
        id: "rotated-article",
        label: "The article's bowl turned by 45°: curvature",
        function: Some("3*w1^2 + 10*w2^2"),
        view: view([-20.0, 20.0], [-25.0, 25.0]),
        start: [-15.0, 20.0],
        pairs: &[("rotate", "45"), ("curvature", "1")],
    },
    Preset {
        id: "rotated-bowl",
        label: "A κ = 20 bowl turned by 45° (d2l.ai): what a diagonal rate cannot undo",
        function: Some("0.1*w1^2 + 2*w2^2"),
        view: view([-6.0, 6.0], [-4.0, 4.0]),
        start: [-5.0, -2.0],
        pairs: &[
            ("rotate", "45"),
            ("optimizer", "rmsprop"),
            ("lr", "0.1"),
            ("steps", "100"),
            ("curvature", "1"),
        ],
    },
    Preset {
        id: "scaled-curvature",
        label: "A badly scaled regression: the curvature RMSProp sees",
        function: None,
        view: view([-0.002, 0.006], [-0.1, 0.3]),
        start: [0.0, 0.0],
        pairs: &[
            ("data", "scaled"),
            ("optimizer", "rmsprop"),
            ("lr", "0.003"),
            ("steps", "500"),
            ("curvature", "1"),
        ],
    },
    Preset {
        id: "learning-rate-free",
        label: "Learning-rate-free: Prodigy and D-Adaptation find their own η (κ = 1000)",
        function: Some("0.02*w1^2 + 20*w2^2"),
        view: view([-10.0, 10.0], [-4.0, 4.0]),
        start: [-8.0, 3.0],
        pairs: &[
            ("optimizer", "prodigy"),
            ("steps", "300"),
            ("compare", "prodigy,dadapt,adam"),
        ],
    },
    Preset {
        id: "sign",
        label: "Only the sign survives: Rprop beside RMSProp with β = 0",
        function: Some("3*w1^2 + 10*w2^2"),
        view: view([-20.0, 20.0], [-25.0, 25.0]),
        start: [-15.0, 20.0],
        pairs: &[
            ("optimizer", "rprop"),
            ("steps", "100"),
            ("compare", "rprop,rmsprop"),
            ("rmsprop.beta", "0"),
        ],
    },
];

/// The preset with identifier `id`.
pub fn preset(id: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.id == id)
}

/// The presets' identifiers, comma-separated (for messages and help).
pub fn ids_text() -> String {
    PRESETS.iter().map(|p| p.id).collect::<Vec<_>>().join(", ")
}

/// The preset whose function is `source` (as typed or as a preset writes it), if any.
pub fn preset_of_function(source: &str) -> Option<&'static Preset> {
    let compact = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    PRESETS
        .iter()
        .find(|p| p.function.is_some_and(|f| compact(f) == compact(source)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Config;

    #[test]
    fn every_preset_parses_and_starts_inside_its_view() {
        for p in &PRESETS {
            let config =
                Config::from_pairs(p.vocabulary_pairs().iter().map(|(k, v)| (*k, v.as_str())))
                    .expect(p.id);
            assert_eq!(config.data.is_some(), p.function.is_none(), "{}", p.id);
            assert_eq!(config.start, p.start, "{}", p.id);
            assert!(config.run().stop.is_none(), "{}", p.id);
            assert!(p.view.is_valid());
            assert!(
                (p.view.w1[0]..p.view.w1[1]).contains(&p.start[0]),
                "{}",
                p.id
            );
            assert!(
                (p.view.w2[0]..p.view.w2[1]).contains(&p.start[1]),
                "{}",
                p.id
            );
        }
    }

    #[test]
    fn the_first_presets_set_a_surface_alone_and_the_others_more() {
        let surfaces = PRESETS.iter().take_while(|p| p.pairs.is_empty()).count();
        assert_eq!(
            surfaces, 7,
            "the surfaces keep their places (links name them)"
        );
        assert!(PRESETS[surfaces..].iter().all(|p| !p.pairs.is_empty()));
        let scaled = preset("scaled-batches").expect("listed");
        let keys: Vec<&str> = scaled.vocabulary_pairs().iter().map(|(k, _)| *k).collect();
        assert_eq!(
            keys,
            [
                "start",
                "data",
                "optimizer",
                "lr",
                "batch",
                "schedule",
                "steps"
            ]
        );
        let noisy = preset("adam-vs-sgd").expect("listed");
        assert!(
            noisy
                .vocabulary_pairs()
                .iter()
                .all(|(k, _)| *k != "compare" && *k != "gd.lr"),
            "the page's own keys are not vocabulary"
        );
        assert_eq!(
            preset_of_function("3*w1^2+10*w2^2").map(|p| p.id),
            Some("article")
        );
    }
}
