//! The cells of a map: where a pointer falls among them, their rectangles and the keyboard
//! cursor's moves, where each cell's run ended (the JS API's sweep columns, read back), what a
//! cell's run is and how it loads into the trajectory figure, and the texts of a cell and of a
//! whole map. No DOM here.

use descent_core::sweep::{SweepConfig, SweepKind, STOP_COLUMN};
use descent_core::StopReason;
use descent_plot::scene::CellEnd;
use descent_plot::Frame;

use super::format::{number, pair, short};
use super::url::Pairs;
use descent_core::Hyperparameter;

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
    /// With `curvature`: the `pre_sharpness` and `threshold` columns.
    pub curvature: Option<[Vec<f64>; 2]>,
}

impl MapResult {
    /// The result of `config` from its columns (the stop column as codes); an error says what
    /// is wrong with them.
    pub fn from_columns(config: &SweepConfig, columns: Vec<Vec<f64>>) -> Result<Self, String> {
        let (cells, count) = (config.cells(), config.columns().len());
        if columns.len() != count || columns.iter().any(|c| c.len() != cells) {
            return Err(format!(
                "a sweep result needs {count} columns of {cells} values each"
            ));
        }
        let mut columns = columns;
        let curvature = columns.split_off(STOP_COLUMN + 1);
        let curvature = curvature.try_into().ok();
        let stop_codes = columns.pop().unwrap_or_default();
        let stops = stop_codes
            .iter()
            .map(|&code| StopReason::from_code(code))
            .collect::<Result<Vec<_>, ()>>()
            .map_err(|()| "a sweep result's stop column holds codes 0 to 3".to_owned())?;
        let values: [Vec<f64>; 6] = columns
            .try_into()
            .map_err(|_| "a sweep result needs 7 columns".to_owned())?;
        Ok(MapResult {
            values,
            stops,
            curvature,
        })
    }

    /// The columns again, the stops as codes (as `sweep()` returns them).
    pub fn columns(&self) -> Vec<Vec<f64>> {
        let codes = self
            .stops
            .iter()
            .map(|&s| f64::from(StopReason::code_of(s)))
            .collect();
        let mut columns = self.values.to_vec();
        columns.push(codes);
        columns.extend(self.curvature.iter().flatten().cloned());
        columns
    }

    /// Cell `index`'s pre-sharpness ÷ threshold at its run's last row; NaN where unknown.
    pub fn sharpness(&self, index: usize) -> f64 {
        self.curvature
            .as_ref()
            .map_or(f64::NAN, |[sharpness, threshold]| {
                sharpness[index] / threshold[index]
            })
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
                sharpness: self.sharpness(i),
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

impl CellRun {
    /// The run as link pairs: `start`, or the two hyperparameters.
    pub fn to_pairs(&self) -> Pairs {
        match self {
            CellRun::Start([w1, w2]) => vec![("start".to_owned(), format!("{w1},{w2}"))],
            CellRun::Hyperparameters(values) => values
                .iter()
                .map(|(key, value)| ((*key).to_owned(), value.to_string()))
                .collect(),
        }
    }

    /// The run of [`CellRun::to_pairs`]' pairs; `None` for pairs of no such shape.
    pub fn from_pairs(pairs: &Pairs) -> Option<CellRun> {
        let number = |text: &str| text.trim().parse::<f64>().ok().filter(|x| x.is_finite());
        match pairs.as_slice() {
            [(key, value)] if key == "start" => {
                let (w1, w2) = value.split_once(',')?;
                Some(CellRun::Start([number(w1)?, number(w2)?]))
            }
            [(x, x_value), (y, y_value)] => Some(CellRun::Hyperparameters([
                (Hyperparameter::named(x)?.key, number(x_value)?),
                (Hyperparameter::named(y)?.key, number(y_value)?),
            ])),
            _ => None,
        }
    }
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
    .into_iter()
    .chain(sharpness_text(result, index))
    .collect::<Vec<String>>()
    .join("\n")
}

/// The cell's final sharpness against its threshold in words, for a map with curvature.
fn sharpness_text(result: &MapResult, index: usize) -> Option<String> {
    let [sharpness, threshold] = result.curvature.as_ref()?;
    let (sharpness, threshold) = (sharpness[index], threshold[index]);
    Some(if sharpness.is_nan() {
        "final sharpness: none where a run diverged or met an undefined E".to_owned()
    } else if threshold.is_nan() {
        format!(
            "final pre-sharpness {}; no threshold (sign-based rule)",
            short(sharpness)
        )
    } else {
        format!(
            "final sharpness ÷ threshold = {} ({} ÷ {})",
            short(sharpness / threshold),
            short(sharpness),
            short(threshold)
        )
    })
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
    let edge = edge_counts(result).map_or(String::new(), |[below, on, above]| {
        format!(
            " Final sharpness ÷ threshold: {below} below the edge of stability, {on} within 1 % \
             of it, {above} above it."
        )
    });
    format!(
        "Map of {n}×{m} {what}, {} from each: {}.{edge}",
        config.run.optimizer.kind().label(),
        parts.join(", ")
    )
}

/// For a map with curvature, how many cells end below, within 1 % of, and above their edge
/// of stability (cells without a final sharpness are not counted).
fn edge_counts(result: &MapResult) -> Option<[usize; 3]> {
    result.curvature.as_ref()?;
    let mut counts = [0; 3];
    for index in 0..result.stops.len() {
        let fraction = result.sharpness(index);
        if fraction.is_nan() {
            continue;
        }
        let side = if (fraction - 1.0).abs() <= 0.01 {
            1
        } else if fraction < 1.0 {
            0
        } else {
            2
        };
        counts[side] += 1;
    }
    Some(counts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::sweep::MapSettings;
    use crate::model::trajectory::Settings;

    #[test]
    fn a_cell_run_goes_through_link_pairs_and_back() {
        for run in [
            CellRun::Start([-1.25, 3.0e-7]),
            CellRun::Hyperparameters([("lr", 0.015), ("beta", 0.9)]),
        ] {
            assert_eq!(CellRun::from_pairs(&run.to_pairs()), Some(run));
        }
        let bad = vec![("start".to_owned(), "1,x".to_owned())];
        assert_eq!(CellRun::from_pairs(&bad), None);
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

    #[test]
    fn a_sharpness_maps_cells_read_their_final_sharpness() {
        let settings = Settings::default();
        let map = MapSettings {
            kind: crate::model::sweep::MapKind::Params,
            grid: [3, 2],
            show: descent_plot::scene::SweepColour::Sharpness,
            ..MapSettings::default()
        };
        let config = map.sweep_config(&settings).expect("valid");
        let result = crate::compute::sweep(config.clone());
        let columns = result.column_values();
        assert_eq!(columns.len(), 9);
        let read = MapResult::from_columns(&config, columns.clone()).expect("valid");
        assert_eq!(read.columns(), columns);
        let fractions = result.sharpness_fractions();
        for (index, end) in read.ends().iter().enumerate() {
            let (a, b) = (end.sharpness, fractions[index]);
            assert!(
                a == b || (a.is_nan() && b.is_nan()),
                "cell {index}: {a} {b}"
            );
        }
        let finite = (0..6).find(|&i| fractions[i].is_finite()).expect("one");
        let text = cell_text(&config, &read, finite);
        let line = text.lines().last().unwrap_or_default();
        assert!(
            line.starts_with(&format!(
                "final sharpness ÷ threshold = {}",
                short(fractions[finite])
            )),
            "{text}"
        );
        assert!(
            MapResult::from_columns(&config, columns[..7].to_vec()).is_err(),
            "its curvature columns are missing"
        );
        let on_edge = fractions
            .iter()
            .filter(|f| (*f - 1.0).abs() <= 0.01)
            .count();
        let sentence = summary(&config, &read);
        assert!(
            sentence.contains(&format!(", {on_edge} within 1 % of it, ")),
            "{sentence}"
        );
    }
}
