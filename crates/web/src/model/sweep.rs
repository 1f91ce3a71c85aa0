//! The maps' plain state: which map is shown (a basin map of start points over the trajectory
//! figure's view, or a map of two of the selected optimizer's hyperparameters), its grid, its
//! colouring and axes; the sweep it asks the engine for (the trajectory figure's run from
//! every cell); its URL keys; where a pointer falls among the cells; what a cell's run was
//! and how it loads into the trajectory figure. No DOM here.
//!
//! URL keys (the JS API's and the CLI's names): `kind=starts|params` (a map is shown: always
//! written then), `grid=N` or `N,M` (64), `show=error|steps|stop` (error), and for a map of
//! hyperparameters `x=KEY=MIN:MAX[:log]` and `y=…` (the first two hyperparameters of the
//! optimizer over their sliders' ends by default). The run's keys are the trajectory
//! figure's.

use descent_core::optimizer::SliderScale;
use descent_core::sweep::{
    parse_axis, parse_grid, Span, SweepAxis, SweepConfig, SweepKind, DEFAULT_GRID, KINDS,
};
use descent_core::{Config, ConfigError, Hyperparameter, Optimizer, StopReason};
use descent_plot::scene::{CellEnd, SweepColour};
use descent_plot::Frame;

use super::format::{number, pair, short};
use super::trajectory::Settings;
use super::url::{or_list, Decoder, Pairs};

/// The cells a side of a map drawn by the custom element when `grid` is not given: it is
/// computed at once, on the page's own thread.
pub const ELEMENT_GRID: usize = 32;

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
    }
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

/// Hyperparameter `h` over its slider's ends, on a log axis where the slider is logarithmic
/// in the value (β2's slider, logarithmic in 1 − β2, gives a linear axis: a sweep's axis is
/// even in the value or in its logarithm).
pub fn default_axis(h: &'static Hyperparameter) -> SweepAxis {
    let [min, max] = h.slider.ends();
    SweepAxis {
        hyperparameter: h,
        span: Span {
            min,
            max,
            log: matches!(h.slider, SliderScale::Log { .. }),
        },
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

/// The hyperparameters of `optimizer`, in table order.
fn hyperparameters_of(optimizer: &Optimizer) -> Vec<&'static Hyperparameter> {
    optimizer.hyperparameters().map(|(h, _)| h).collect()
}

impl MapSettings {
    /// The axes of a map of hyperparameters for `optimizer`: the chosen ones where the
    /// optimizer has them, otherwise its first hyperparameters (the two different); an error
    /// for an optimizer with a single hyperparameter.
    pub fn axes(&self, optimizer: &Optimizer) -> Result<(SweepAxis, SweepAxis), ConfigError> {
        let own = hyperparameters_of(optimizer);
        let taken = |axis: Option<SweepAxis>| {
            axis.filter(|a| optimizer.get(a.hyperparameter.key).is_some())
        };
        let (x, y) = (taken(self.x), taken(self.y));
        let other = |not: Option<SweepAxis>| {
            own.iter()
                .find(|h| not.is_none_or(|a| a.hyperparameter.key != h.key))
                .map(|h| default_axis(h))
        };
        let x = x.filter(|a| y.is_none_or(|b| b.hyperparameter.key != a.hyperparameter.key));
        let x = x.or_else(|| other(y));
        let y = y.or_else(|| other(x));
        match (x, y) {
            (Some(x), Some(y)) if x.hyperparameter.key != y.hyperparameter.key => Ok((x, y)),
            _ => Err(ConfigError::Sweep {
                key: "y".to_owned(),
                problem: format!(
                    "needs a second hyperparameter, and {} has only {}: choose an optimizer \
                     with two for a map of hyperparameters",
                    optimizer.name(),
                    optimizer.kind().keys_text()
                ),
            }),
        }
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
    /// the grid, and the view or the axes.
    pub fn sweep_pairs(&self, settings: &Settings) -> Result<Pairs, ConfigError> {
        let run: Config = settings.config_of(settings.selected);
        let swept: Vec<&str> = match self.kind {
            MapKind::Starts => vec!["start"],
            MapKind::Params => {
                let (x, y) = self.axes(&run.optimizer)?;
                vec![x.hyperparameter.key, y.hyperparameter.key]
            }
        };
        let mut pairs: Pairs = run
            .pairs()
            .into_iter()
            .filter(|(k, _)| !swept.contains(k))
            .map(|(k, v)| (k.to_owned(), v))
            .collect();
        let mut push = |k: &str, v: String| pairs.push((k.to_owned(), v));
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

/// Decodes the map's keys for the selected optimizer `optimizer` where a map may be shown
/// or not (the trajectory figure's links): `None` without `kind`.
pub fn decode_map(d: &mut Decoder, optimizer: &Optimizer) -> Option<MapSettings> {
    d.get("kind")?;
    Some(decode_map_settings(d, optimizer))
}

/// Decodes the map's keys for the selected optimizer `optimizer`, each missing key at its
/// default (a link to the map figure, the custom element).
pub fn decode_map_settings(d: &mut Decoder, optimizer: &Optimizer) -> MapSettings {
    let mut map = MapSettings::default();
    let kind_text = d.get("kind").unwrap_or(map.kind.name());
    match MapKind::named(kind_text) {
        Some(kind) => map.kind = kind,
        None => {
            let names: Vec<&str> = MapKind::ALL.iter().map(|k| k.name()).collect();
            d.notice(
                "kind",
                format!(
                    "unknown map `{kind_text}`; choose {} (showing a basin map)",
                    or_list(&names)
                ),
            );
        }
    }
    if let Some(grid) = d.parse("grid", parse_grid) {
        map.grid = grid;
    }
    let colours = SweepColour::ALL.map(SweepColour::name);
    if let Some(show) = d.parse("show", |t| {
        SweepColour::named(t.trim())
            .ok_or_else(|| format!("`show` must be {}, not `{t}`", or_list(&colours)))
    }) {
        map.show = show;
    }
    for side in [Side::X, Side::Y] {
        if let Some(axis) = d.parse(side.key(), |t| parse_axis(side.key(), t, optimizer)) {
            map.set_axis(side, axis, optimizer);
        }
    }
    map
}

/// Encodes the map's keys, defaults left out (`kind` always: it says a map is shown).
pub fn encode_map(map: &MapSettings) -> Pairs {
    let mut pairs: Pairs = vec![("kind".to_owned(), map.kind.name().to_owned())];
    if map.grid != [DEFAULT_GRID; 2] {
        pairs.push(("grid".to_owned(), grid_text(map.grid)));
    }
    if map.show != SweepColour::ALL[0] {
        pairs.push(("show".to_owned(), map.show.name().to_owned()));
    }
    if map.kind == MapKind::Params {
        for (side, axis) in [(Side::X, map.x), (Side::Y, map.y)] {
            if let Some(axis) = axis {
                pairs.push((side.key().to_owned(), axis_text(&axis)));
            }
        }
    }
    pairs
}

/// The cell of a `grid` map drawn in `frame` under backing pixel (x, y), as an index in cell
/// order (y, then x).
pub fn cell_at(grid: [usize; 2], frame: &Frame, (x, y): (f64, f64)) -> Option<usize> {
    let [fx, fy] = frame.data_from_screen(x, y)?;
    let along = |v: f64, [lo, hi]: [f64; 2], cells: usize| {
        let fraction = (v - lo) / (hi - lo);
        ((fraction * cells as f64).floor().max(0.0) as usize).min(cells - 1)
    };
    let i = along(fx, frame.x_range, grid[0]);
    let j = along(fy, frame.y_range, grid[1]);
    Some(j * grid[0] + i)
}

/// The rectangle `(x, y, width, height)` in backing pixels of cell `index` of a `grid` map
/// drawn in `frame`.
pub fn cell_rect(grid: [usize; 2], frame: &Frame, index: usize) -> (f64, f64, f64, f64) {
    let (i, j) = (index % grid[0], index / grid[0]);
    let width = f64::from(frame.width) / grid[0] as f64;
    let height = f64::from(frame.height) / grid[1] as f64;
    let x = f64::from(frame.x) + i as f64 * width;
    let y = f64::from(frame.y) + (grid[1] - 1 - j) as f64 * height;
    (x, y, width, height)
}

/// The cell `steps` cells away from `index` along x and y (y up), staying on the map.
pub fn cell_moved(grid: [usize; 2], index: usize, (dx, dy): (i64, i64)) -> usize {
    let clamp = |v: i64, n: usize| v.clamp(0, n as i64 - 1) as usize;
    let i = clamp((index % grid[0]) as i64 + dx, grid[0]);
    let j = clamp((index / grid[0]) as i64 + dy, grid[1]);
    j * grid[0] + i
}

/// Where every cell's run ended, as the JS API's `sweep()` returns it: one column per name of
/// [`SweepConfig::columns`], the stops decoded.
#[derive(Clone, Debug, PartialEq)]
pub struct MapResult {
    /// `x, y, w1, w2, error, t` per cell.
    pub values: [Vec<f64>; 6],
    /// Why each run stopped, if it did.
    pub stops: Vec<Option<StopReason>>,
}

impl MapResult {
    /// The result of `config` from its seven columns (the stop column as codes); an error
    /// says what is wrong with them.
    pub fn from_columns(config: &SweepConfig, columns: Vec<Vec<f64>>) -> Result<Self, String> {
        let cells = config.cells();
        if columns.len() != 7 || columns.iter().any(|c| c.len() != cells) {
            return Err(format!(
                "a sweep result needs 7 columns of {cells} values each"
            ));
        }
        let mut columns = columns;
        let stop_codes = columns.pop().unwrap_or_default();
        let stops = stop_codes
            .iter()
            .map(|&code| StopReason::from_code(code))
            .collect::<Result<Vec<_>, ()>>()
            .map_err(|()| "a sweep result's stop column holds codes 0 to 3".to_owned())?;
        let values: [Vec<f64>; 6] = columns
            .try_into()
            .map_err(|_| "a sweep result needs 7 columns".to_owned())?;
        Ok(MapResult { values, stops })
    }

    /// The seven columns again, the stops as codes (as `sweep()` returns them).
    pub fn columns(&self) -> Vec<Vec<f64>> {
        let codes = self
            .stops
            .iter()
            .map(|&s| f64::from(StopReason::code_of(s)))
            .collect();
        let mut columns = self.values.to_vec();
        columns.push(codes);
        columns
    }

    /// Each cell's end, as the map colours it.
    pub fn ends(&self) -> Vec<CellEnd> {
        self.stops
            .iter()
            .enumerate()
            .map(|(i, &reason)| CellEnd {
                error: self.values[4][i],
                t: self.values[5][i],
                reason,
            })
            .collect()
    }

    /// How many runs stopped for each reason, and how many did not stop.
    pub fn counts(&self) -> (usize, Vec<(StopReason, usize)>) {
        let ran = self.stops.iter().filter(|s| s.is_none()).count();
        let stopped = StopReason::ALL
            .iter()
            .map(|&r| (r, self.stops.iter().filter(|s| **s == Some(r)).count()))
            .filter(|(_, n)| *n > 0)
            .collect();
        (ran, stopped)
    }
}

/// What a map's cell loads into the trajectory figure.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum CellRun {
    /// A basin map's cell: the start point.
    Start([f64; 2]),
    /// A map of hyperparameters' cell: both values.
    Hyperparameters([(&'static str, f64); 2]),
}

/// The run cell `index` of `config` makes, as the trajectory figure takes it.
pub fn cell_run(config: &SweepConfig, index: usize) -> CellRun {
    let cell = config.cell(index);
    match config.kind {
        SweepKind::Starts { .. } => CellRun::Start(cell.start),
        SweepKind::Params { x, y } => CellRun::Hyperparameters([
            (x.hyperparameter.key, cell.x),
            (y.hyperparameter.key, cell.y),
        ]),
    }
}

/// What a run's stop means, in words.
fn stop_words(reason: Option<StopReason>, tol: f64) -> String {
    match reason {
        Some(StopReason::Converged) => format!("converged (|∇E| ≤ {})", number(tol)),
        Some(StopReason::Diverged) => "diverged".to_owned(),
        Some(StopReason::Undefined) => "E undefined where it went".to_owned(),
        None if tol > 0.0 => "did not reach tol".to_owned(),
        None => "ran all its steps".to_owned(),
    }
}

/// The cell's run in words: what the cell sets, where the run ended, the steps and the stop.
pub fn cell_text(config: &SweepConfig, result: &MapResult, index: usize) -> String {
    let v = |c: usize| result.values[c][index];
    let set = match cell_run(config, index) {
        CellRun::Start(start) => format!("start w(0) = {}", pair(start)),
        CellRun::Hyperparameters([(a, x), (b, y)]) => {
            format!("{a} = {}, {b} = {}", short(x), short(y))
        }
    };
    let stop = result.stops.get(index).copied().flatten();
    [
        set,
        format!(
            "ends at w = {} with E = {}",
            pair([v(2), v(3)]),
            short(v(4))
        ),
        format!("t = {} steps", v(5)),
        stop_words(stop, config.run.tol),
    ]
    .join("\n")
}

/// One sentence on a map for the live region: what it shows and how its runs ended.
pub fn summary(config: &SweepConfig, result: &MapResult) -> String {
    let [n, m] = config.grid;
    let what = match config.kind {
        SweepKind::Starts { .. } => "start points".to_owned(),
        SweepKind::Params { x, y } => format!(
            "values of {} and {}",
            x.hyperparameter.key, y.hyperparameter.key
        ),
    };
    let (ran, stopped) = result.counts();
    let mut parts: Vec<String> = stopped
        .iter()
        .map(|(reason, count)| format!("{count} {}", reason.name()))
        .collect();
    if ran > 0 {
        parts.push(format!("{ran} ran all {} steps", config.run.steps));
    }
    format!(
        "Map of {n}×{m} {what}, {} from each: {}.",
        config.run.optimizer.kind().label(),
        parts.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::url::Decoder;
    use descent_core::OptimizerKind;

    fn kind(name: &str) -> OptimizerKind {
        OptimizerKind::named(name).expect("in the table")
    }

    fn pairs(list: &[(&str, &str)]) -> Pairs {
        list.iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
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
    fn urls_round_trip_and_bad_values_say_why() {
        let settings = Settings::default();
        let optimizer = settings.optimizer();
        let mut map = MapSettings {
            kind: MapKind::Params,
            grid: [32, 16],
            show: SweepColour::Stop,
            ..MapSettings::default()
        };
        let eps = parse_axis("y", "eps=1e-10:1e-2:log", &optimizer).expect("valid");
        map.set_axis(Side::Y, eps, &optimizer);
        let encoded = encode_map(&map);
        assert_eq!(
            encoded,
            pairs(&[
                ("kind", "params"),
                ("grid", "32,16"),
                ("show", "stop"),
                ("y", "eps=1e-10:0.01:log")
            ])
        );
        let mut d = Decoder::new(&encoded);
        assert_eq!(decode_map(&mut d, &optimizer), Some(map));
        assert_eq!(d.notices, []);
        assert_eq!(decode_map(&mut Decoder::new(&[]), &optimizer), None);
        let shown = pairs(&[("grid", "24"), ("show", "stop")]);
        let decoded = decode_map_settings(&mut Decoder::new(&shown), &optimizer);
        assert_eq!(
            (decoded.kind, decoded.grid, decoded.show),
            (MapKind::Starts, [24, 24], SweepColour::Stop)
        );
        assert_eq!(
            encode_map(&MapSettings::default()),
            pairs(&[("kind", "starts")])
        );
        let hostile = pairs(&[
            ("kind", "<b>"),
            ("grid", "0"),
            ("show", "nope"),
            ("x", "alpha=0:1"),
            ("y", "lr=1:0.1"),
        ]);
        let mut d = Decoder::new(&hostile);
        assert_eq!(decode_map(&mut d, &optimizer), Some(MapSettings::default()));
        let keys: Vec<&str> = d.notices.iter().map(|n| n.key.as_str()).collect();
        assert_eq!(keys, ["kind", "grid", "show", "x", "y"]);
        assert!(d.notices[0].message.contains("`<b>`"));
        assert!(d.notices[1].message.starts_with("`grid` must be N or N,M"));
        assert!(d.notices[4].message.starts_with("`y` must have MIN < MAX"));
    }

    /// What the fuzz target `url_state` checks, on a fixed sample: any map keys decode to a
    /// map, and the link written for it reopens the same map silently.
    #[test]
    fn links_the_page_writes_reopen_the_same_map() {
        const KEYS: [&str; 6] = ["kind", "grid", "show", "x", "y", "optimizer"];
        const VALUES: [&str; 14] = [
            "params",
            "starts",
            "7,3",
            "steps",
            "lr=1e-3:1:log",
            "beta=0:0.5",
            "beta1=0.5:0.99",
            "eps=1e-9:1e-3:log",
            "alpha=0:1",
            "lr=1:0.1",
            "adam",
            "momentum",
            "gd",
            "0",
        ];
        let mut seed: u64 = 11;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n
        };
        for _ in 0..3000 {
            let input: Pairs = (0..1 + next(7))
                .map(|_| {
                    (
                        KEYS[next(KEYS.len())].to_owned(),
                        VALUES[next(VALUES.len())].to_owned(),
                    )
                })
                .collect();
            let (settings, _) =
                crate::model::trajectory_url::decode_trajectory(&mut Decoder::new(&input));
            let optimizer = settings.optimizer();
            let map = decode_map_settings(&mut Decoder::new(&input), &optimizer);
            let encoded = encode_map(&map);
            let mut again = Decoder::new(&encoded);
            let decoded = decode_map_settings(&mut again, &optimizer);
            assert_eq!(again.notices, [], "{input:?} -> {encoded:?}");
            assert_eq!(
                (decoded.kind, decoded.grid, decoded.show),
                (map.kind, map.grid, map.show)
            );
            if map.kind == MapKind::Params {
                assert_eq!(
                    decoded.axes(&optimizer).ok(),
                    map.axes(&optimizer).ok(),
                    "{input:?} -> {encoded:?}"
                );
            }
        }
    }

    #[test]
    fn pixels_find_their_cells_and_cells_their_rectangles() {
        let frame = Frame {
            x: 10,
            y: 20,
            width: 100,
            height: 50,
            x_range: [-5.0, 1.0],
            y_range: [0.0, 1.0],
        };
        let grid = [4, 2];
        assert_eq!(cell_at(grid, &frame, (10.0, 70.0)), Some(0), "bottom left");
        assert_eq!(cell_at(grid, &frame, (110.0, 20.0)), Some(7), "top right");
        assert_eq!(cell_at(grid, &frame, (40.0, 30.0)), Some(5));
        assert_eq!(cell_at(grid, &frame, (5.0, 30.0)), None);
        assert_eq!(cell_rect(grid, &frame, 5), (35.0, 20.0, 25.0, 25.0));
        assert_eq!(cell_moved(grid, 5, (-1, 1)), 4, "clamped at the top");
        assert_eq!(cell_moved(grid, 5, (1, -1)), 2);
        assert_eq!(cell_moved(grid, 0, (-3, -3)), 0);
    }

    #[test]
    fn results_read_from_columns_and_say_how_runs_ended() {
        let mut settings = Settings::default();
        settings.set_hyperparameter("lr", "3").expect("valid");
        let map = MapSettings {
            grid: [4, 4],
            ..MapSettings::default()
        };
        let config = map.sweep_config(&settings).expect("valid");
        let result = crate::compute::sweep(config.clone());
        let read = MapResult::from_columns(&config, result.column_values()).expect("valid");
        assert_eq!(read.ends().len(), 16);
        assert_eq!(read.values[0], result.x);
        assert_eq!(read.columns().len(), 7);
        assert_eq!(read.columns()[6], result.column_values()[6]);
        let text = cell_text(&config, &read, 5);
        assert!(text.starts_with("start w(0) = ("), "{text}");
        assert!(text.contains("t = "), "{text}");
        let sentence = summary(&config, &read);
        assert!(
            sentence.starts_with("Map of 4×4 start points, RMSProp"),
            "{sentence}"
        );
        assert!(
            MapResult::from_columns(&config, vec![vec![0.0; 16]; 6]).is_err(),
            "six columns"
        );
        let mut bad = result.column_values();
        bad[6][0] = 9.0;
        assert!(MapResult::from_columns(&config, bad).is_err());
    }
}
