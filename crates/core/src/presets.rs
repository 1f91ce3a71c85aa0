//! The example surfaces: the article's example first, then classic test surfaces, each with
//! a view and a start point that show it well. The page's select, the URL's `preset=` and the
//! CLI's `--preset` all read this list.

use crate::view::View;

/// A named error function with a view and a start point that show it well.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Preset {
    /// Identifier used in the page's select and in URLs.
    pub id: &'static str,
    /// What the user reads.
    pub label: &'static str,
    /// E(w1, w2).
    pub function: &'static str,
    /// The view range.
    pub view: View,
    /// The start point.
    pub start: [f64; 2],
}

const fn view(w1: [f64; 2], w2: [f64; 2]) -> View {
    View { w1, w2 }
}

/// All presets; the first is the default.
pub const PRESETS: [Preset; 7] = [
    Preset {
        id: "article",
        label: "Article: 3·w1² + 10·w2²",
        function: "3*w1^2 + 10*w2^2",
        view: view([-20.0, 20.0], [-25.0, 25.0]),
        start: [-15.0, 20.0],
    },
    Preset {
        id: "rosenbrock",
        label: "Rosenbrock valley",
        function: "(1-w1)^2 + 100*(w2-w1^2)^2",
        view: view([-2.0, 2.0], [-1.0, 3.0]),
        start: [-1.5, 2.5],
    },
    Preset {
        id: "himmelblau",
        label: "Himmelblau (four minima)",
        function: "(w1^2 + w2 - 11)^2 + (w1 + w2^2 - 7)^2",
        view: view([-5.0, 5.0], [-5.0, 5.0]),
        start: [-0.3, -4.5],
    },
    Preset {
        id: "beale",
        label: "Beale",
        function: "(1.5 - w1 + w1*w2)^2 + (2.25 - w1 + w1*w2^2)^2 + (2.625 - w1 + w1*w2^3)^2",
        view: view([-4.5, 4.5], [-4.5, 4.5]),
        start: [1.0, 1.4],
    },
    Preset {
        id: "saddle",
        label: "Saddle: w1² − w2²",
        function: "w1^2 - w2^2",
        view: view([-3.0, 3.0], [-3.0, 3.0]),
        start: [-2.5, 0.05],
    },
    Preset {
        id: "plateau",
        label: "Plateau: 1 − exp(−(w1² + w2²)/4)",
        function: "1 - exp(-(w1^2 + w2^2)/4)",
        view: view([-6.0, 6.0], [-6.0, 6.0]),
        start: [5.0, 4.0],
    },
    Preset {
        id: "waves",
        label: "Waves: sin(w1) + cos(w2)",
        function: "sin(w1) + cos(w2)",
        view: view([-6.0, 6.0], [-6.0, 6.0]),
        start: [0.5, 1.0],
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
        .find(|p| compact(p.function) == compact(source))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::function::Function;

    #[test]
    fn every_preset_parses_and_starts_inside_its_view() {
        for p in &PRESETS {
            let f = Function::parse(p.function).expect(p.id);
            assert!(f.value(p.start).is_finite(), "{}", p.id);
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
}
