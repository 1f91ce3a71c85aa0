//! The maps' plain state: which map is shown (a basin map of start points over the trajectory
//! figure's view, or a map of two of the selected optimizer's hyperparameters), its grid, its
//! colouring and axes, and the sweep it asks the engine for (the trajectory figure's run from
//! every cell). No DOM here; the URL keys are in [`super::sweep_url`], the cells of a map
//! drawn in [`super::sweep_cells`].

use descent_core::sweep::{resolve_axes, SweepAxis, SweepConfig, DEFAULT_GRID, KINDS};
use descent_core::{Config, ConfigError, Optimizer};
use descent_plot::scene::SweepColour;

use super::format::number;
use super::trajectory::Settings;
use super::url::Pairs;

pub use descent_core::sweep::{default_axis, ELEMENT_GRID};

/// What a map varies from cell to cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MapKind {
    /// The start point, over the trajectory figure's view.
    Starts,
    /// Two hyperparameters of the selected optimizer.
    Params,
}

impl MapKind {
    /// Both kinds, the default first.
    pub const ALL: [MapKind; 2] = [MapKind::Starts, MapKind::Params];

    /// Its `kind` value (the sweep's).
    pub fn name(self) -> &'static str {
        match self {
            MapKind::Starts => KINDS[0],
            MapKind::Params => KINDS[1],
        }
    }

    /// The kind named `name`.
    pub fn named(name: &str) -> Option<MapKind> {
        MapKind::ALL.into_iter().find(|k| k.name() == name.trim())
    }

    /// What the kind select says.
    pub fn label(self) -> &'static str {
        match self {
            MapKind::Starts => "start points (basin map)",
            MapKind::Params => "two hyperparameters",
        }
    }
}

/// What the colour select says for each colouring.
pub fn colour_label(colour: SweepColour) -> &'static str {
    match colour {
        SweepColour::Error => "final error E (log scale)",
        SweepColour::Steps => "steps taken (to tol)",
        SweepColour::Stop => "why the run stopped",
        SweepColour::Sharpness => "final sharpness ÷ threshold (1: the edge)",
    }
}

/// Whether the map `shown` (computed for its config) can be drawn for `wanted` without
/// computing again: the same sweep, or the same with the curvature `wanted` does not need.
pub fn covers(shown: &SweepConfig, wanted: &SweepConfig) -> bool {
    let with_curvature = |c: &SweepConfig| SweepConfig {
        run: Config {
            curvature: true,
            ..c.run.clone()
        },
        ..c.clone()
    };
    shown == wanted || (shown.run.curvature && *shown == with_curvature(wanted))
}

/// The map's settings.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MapSettings {
    /// What varies.
    pub kind: MapKind,
    /// Cells along x and y.
    pub grid: [usize; 2],
    /// What the colours show.
    pub show: SweepColour,
    /// The x axis of a map of hyperparameters; `None`: the optimizer's default.
    pub x: Option<SweepAxis>,
    /// The y axis; `None`: the optimizer's default.
    pub y: Option<SweepAxis>,
}

impl Default for MapSettings {
    fn default() -> Self {
        MapSettings {
            kind: MapKind::Starts,
            grid: [DEFAULT_GRID; 2],
            show: SweepColour::ALL[0],
            x: None,
            y: None,
        }
    }
}

/// Which axis of a map of hyperparameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// The x axis (`x`).
    X,
    /// The y axis (`y`).
    Y,
}

impl Side {
    /// Its key: `x` or `y`.
    pub fn key(self) -> &'static str {
        match self {
            Side::X => "x",
            Side::Y => "y",
        }
    }
}

/// An axis as `x` and `y` write it: `lr=1e-5:10:log`.
pub fn axis_text(axis: &SweepAxis) -> String {
    format!("{}={}", axis.hyperparameter.key, range_text(axis))
}

/// An axis's range as the range field shows it: `1e-5:10:log`.
pub fn range_text(axis: &SweepAxis) -> String {
    let log = if axis.span.log { ":log" } else { "" };
    format!("{}:{}{log}", number(axis.span.min), number(axis.span.max))
}

/// `grid` as text: `64`, or `64,32`.
pub fn grid_text([n, m]: [usize; 2]) -> String {
    if n == m {
        n.to_string()
    } else {
        format!("{n},{m}")
    }
}

impl MapSettings {
    /// The axes of a map of hyperparameters for `optimizer`: the chosen ones where the
    /// optimizer has them, otherwise its first hyperparameters (the two different); an error
    /// for an optimizer with a single hyperparameter.
    pub fn axes(&self, optimizer: &Optimizer) -> Result<(SweepAxis, SweepAxis), ConfigError> {
        resolve_axes(optimizer, self.x, self.y)
    }

    /// Sets axis `side` for `optimizer`; the other axis moves to another hyperparameter if it
    /// was the same one. An axis that the other one implies (its default) is kept as `None`,
    /// so the link stays short.
    pub fn set_axis(&mut self, side: Side, axis: SweepAxis, optimizer: &Optimizer) {
        let same = |other: Option<SweepAxis>| {
            other.is_some_and(|o| o.hyperparameter.key == axis.hyperparameter.key)
        };
        match side {
            Side::X => {
                self.x = Some(axis);
                if same(self.y) {
                    self.y = None;
                }
            }
            Side::Y => {
                self.y = Some(axis);
                if same(self.x) {
                    self.x = None;
                }
            }
        }
        let Ok((x, y)) = self.axes(optimizer) else {
            return;
        };
        let resolves = |x: Option<SweepAxis>, y: Option<SweepAxis>| {
            MapSettings { x, y, ..*self }.axes(optimizer).ok()
        };
        let x_kept = (resolves(None, Some(y)) != Some((x, y))).then_some(x);
        let y_kept = (resolves(x_kept, None) != Some((x, y))).then_some(y);
        self.x = x_kept;
        self.y = y_kept;
    }

    /// The sweep's `key = value` pairs: the trajectory figure's selected run (without its
    /// start for a basin map, without the swept hyperparameters for a map of them), the kind,
    /// the grid, and the view or the axes; `curvature` only for the sharpness map (the
    /// trajectory figure's own does not make the other maps compute it).
    pub fn sweep_pairs(&self, settings: &Settings) -> Result<Pairs, ConfigError> {
        let run: Config = settings.config_of(settings.selected);
        let swept: Vec<&str> = match self.kind {
            MapKind::Starts => vec!["start", "curvature"],
            MapKind::Params => {
                let (x, y) = self.axes(&run.optimizer)?;
                vec![x.hyperparameter.key, y.hyperparameter.key, "curvature"]
            }
        };
        let mut pairs: Pairs = run
            .pairs()
            .into_iter()
            .filter(|(k, _)| !swept.contains(k))
            .map(|(k, v)| (k.to_owned(), v))
            .collect();
        let mut push = |k: &str, v: String| pairs.push((k.to_owned(), v));
        if self.show.needs_curvature() {
            push("curvature", "1".to_owned());
        }
        push("kind", self.kind.name().to_owned());
        push("grid", grid_text(self.grid));
        match self.kind {
            MapKind::Starts => push("view", settings.view.text()),
            MapKind::Params => {
                let (x, y) = self.axes(&run.optimizer)?;
                push("x", axis_text(&x));
                push("y", axis_text(&y));
            }
        }
        Ok(pairs)
    }

    /// The sweep of [`MapSettings::sweep_pairs`], validated by the core.
    pub fn sweep_config(&self, settings: &Settings) -> Result<SweepConfig, ConfigError> {
        let pairs = self.sweep_pairs(settings)?;
        SweepConfig::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
    }
}

#[cfg(test)]
mod tests {
    use super::super::sweep_cells::{cell_run, CellRun};
    use super::*;
    use descent_core::sweep::parse_axis;
    use descent_core::OptimizerKind;

    fn kind(name: &str) -> OptimizerKind {
        OptimizerKind::named(name).expect("in the table")
    }

    #[test]
    fn a_basin_map_sweeps_the_trajectory_figures_run_over_its_view() {
        let mut settings = Settings::default();
        settings.set_hyperparameter("lr", "0.2").expect("valid");
        settings.set_tol("1e-3").expect("valid");
        let map = MapSettings::default();
        let config = map.sweep_config(&settings).expect("valid");
        assert_eq!(config.grid, [64, 64]);
        assert_eq!(config.run.tol, 1e-3);
        for index in [0, 100, 4095] {
            let mut single = settings.config_of(settings.selected);
            let CellRun::Start(start) = cell_run(&config, index) else {
                panic!("a start")
            };
            single.start = start;
            assert_eq!(single, config.cell_config(index));
        }
    }

    #[test]
    fn a_map_of_hyperparameters_defaults_to_the_first_two_over_the_sliders_ends() {
        let settings = Settings::default();
        let map = MapSettings {
            kind: MapKind::Params,
            ..MapSettings::default()
        };
        let pairs = map.sweep_pairs(&settings).expect("valid");
        let get = |k: &str| pairs.iter().find(|(a, _)| a == k).map(|(_, v)| v.as_str());
        assert_eq!(get("x"), Some("lr=1e-5:10:log"));
        assert_eq!(get("y"), Some("beta=0:1"));
        assert_eq!(get("start"), None, "the article's start is the default");
        let config = map.sweep_config(&settings).expect("valid");
        let CellRun::Hyperparameters([(a, x), (b, _)]) = cell_run(&config, 1) else {
            panic!("hyperparameters")
        };
        assert_eq!((a, b), ("lr", "beta"));
        assert!(x > 1e-5 && x < 1e-4, "{x}");
        let mut gd = Settings::default();
        gd.select(kind("gd"));
        let error = map
            .sweep_config(&gd)
            .expect_err("gd has one hyperparameter");
        assert_eq!(error.key(), "y");
        assert!(error.to_string().contains("gd has only lr"), "{error}");
    }

    #[test]
    fn axes_stay_apart_and_follow_the_optimizer() {
        let adam = descent_core::Optimizer::new(kind("adam"), descent_core::Convention::Article);
        let mut map = MapSettings {
            kind: MapKind::Params,
            ..MapSettings::default()
        };
        let beta1 = parse_axis("y", "beta1=0.5:0.99", &adam).expect("valid");
        map.set_axis(Side::X, beta1, &adam);
        let (x, y) = map.axes(&adam).expect("two");
        assert_eq!(x, beta1);
        assert_eq!(y.hyperparameter.key, "lr", "y moved off beta1");
        let momentum =
            descent_core::Optimizer::new(kind("momentum"), descent_core::Convention::Article);
        let (x, y) = map.axes(&momentum).expect("two");
        assert_eq!(
            (x.hyperparameter.key, y.hyperparameter.key),
            ("lr", "alpha"),
            "momentum has no beta1: its own first two"
        );
        assert_eq!(
            map.y, None,
            "lr on y is implied by beta1 on x: left out of links"
        );
    }

    #[test]
    fn only_the_sharpness_map_asks_for_curvature_and_it_covers_the_others() {
        let settings = Settings {
            curvature: true,
            ..Settings::default()
        };
        let mut map = MapSettings {
            kind: MapKind::Params,
            grid: [4, 4],
            ..MapSettings::default()
        };
        let count = |pairs: &Pairs| pairs.iter().filter(|(k, _)| k == "curvature").count();
        let plain = map.sweep_config(&settings).expect("valid");
        assert_eq!(count(&map.sweep_pairs(&settings).expect("valid")), 0);
        assert!(
            !plain.run.curvature,
            "the trajectory's curvature stays there"
        );
        map.show = SweepColour::Sharpness;
        assert_eq!(count(&map.sweep_pairs(&settings).expect("valid")), 1);
        let sharp = map.sweep_config(&settings).expect("valid");
        assert!(sharp.run.curvature);
        assert!(covers(&sharp, &plain), "the error map is drawn from it");
        assert!(
            !covers(&plain, &sharp),
            "the sharpness map needs its columns"
        );
        assert!(covers(&plain, &plain) && covers(&sharp, &sharp));
        let other = MapSettings {
            grid: [5, 4],
            ..map
        };
        assert!(!covers(
            &sharp,
            &other.sweep_config(&settings).expect("valid")
        ));
    }
}
