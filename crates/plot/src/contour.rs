//! Contour lines: levels suited to a colour scale, marching squares on a sampled grid, and
//! chaining of the resulting segments into polylines.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use descent_core::Grid;

use crate::scale::ColorScale;
use crate::ticks;

/// A line segment `[from, to]` in data coordinates `(w1, w2)`.
pub type Segment = [[f64; 2]; 2];

/// At most `count` contour levels strictly inside the scale's range, placed where they read
/// well: round, evenly spaced values for a linear scale; for a log scale, levels evenly spaced
/// in colour position, each rounded to 1, 2, 3 or 5 × 10^k above the minimum.
pub fn levels(scale: &ColorScale, count: usize) -> Vec<f64> {
    let [min, max] = scale.range();
    if !(min.is_finite() && max.is_finite() && max > min) || count == 0 {
        return Vec::new();
    }
    let inside = |v: &f64| *v > min && *v < max;
    if !scale.is_log() {
        let mut step = ticks::nice_step((max - min) / (count as f64 + 1.0));
        loop {
            let levels: Vec<f64> = ticks::multiples(min, max, step)
                .into_iter()
                .filter(inside)
                .collect();
            if levels.len() <= count {
                return levels;
            }
            step = ticks::nice_step(step * 1.5);
        }
    }
    let mut levels: Vec<f64> = (1..=count)
        .map(|i| scale.value_at(i as f64 / (count as f64 + 1.0)) - min)
        .map(|above| min + round_to_nice(above))
        .filter(inside)
        .collect();
    levels.dedup();
    levels
}

/// The value among 1, 2, 3, 5 × 10^k closest to `v > 0` in log terms (`v` itself otherwise).
fn round_to_nice(v: f64) -> f64 {
    if !(v > 0.0 && v.is_finite()) {
        return v;
    }
    let decade = 10f64.powf(v.log10().floor());
    [1.0, 2.0, 3.0, 5.0, 10.0]
        .iter()
        .map(|m| m * decade)
        .min_by(|a, b| (a / v).ln().abs().total_cmp(&(b / v).ln().abs()))
        .unwrap_or(v)
}

/// A fast hash of points' bits for joining segments (the keys are not chosen by anyone who
/// could make them collide on purpose, so std's DoS-resistant hash is not needed): a
/// multiply-rotate of each word.
#[derive(Default)]
struct PointHasher(u64);

impl Hasher for PointHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u64(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517C_C1B7_2722_0A95);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Marching squares for the contour `E = level` of `values` sampled on `grid` (row-major, row 0
/// at the top, `grid.columns × grid.rows` values): one segment per crossed cell (two for a
/// saddle cell, resolved by the cell's mean), in data coordinates, crossing points linearly
/// interpolated along the cell edges. Cells with a non-finite corner are skipped; a `values`
/// slice of the wrong length or a non-finite level gives no segments.
pub fn segments(values: &[f64], grid: &Grid, level: f64) -> Vec<Segment> {
    segments_at_levels(values, grid, &[level])
        .pop()
        .unwrap_or_default()
}

/// [`segments`] for each of `levels` in one pass over the cells: a cell is only worked on for
/// the levels between its lowest and highest corner (`min < level ≤ max`), which most cells
/// cross one of at most. The same segments, in the same order, as [`segments`] per level.
pub fn segments_at_levels(values: &[f64], grid: &Grid, levels: &[f64]) -> Vec<Vec<Segment>> {
    let (columns, rows) = (grid.columns, grid.rows);
    let mut out: Vec<Vec<Segment>> = vec![Vec::new(); levels.len()];
    if columns < 2 || rows < 2 || values.len() != columns * rows {
        return out;
    }
    let w1: Vec<f64> = (0..columns).map(|c| grid.w1_at(c)).collect();
    let w2: Vec<f64> = (0..rows).map(|r| grid.w2_at(r)).collect();
    let at = |r: usize, c: usize| values[r * columns + c];
    // The crossing on the horizontal edge from (r, c) to (r, c + 1) and on the vertical edge
    // from (r, c) to (r + 1, c); neighbouring cells compute shared edges identically, so their
    // segments meet exactly.
    let across = |r: usize, c: usize, level: f64| {
        let (a, b) = (at(r, c), at(r, c + 1));
        [w1[c] + (level - a) / (b - a) * (w1[c + 1] - w1[c]), w2[r]]
    };
    let down = |r: usize, c: usize, level: f64| {
        let (a, b) = (at(r, c), at(r + 1, c));
        [w1[c], w2[r] + (level - a) / (b - a) * (w2[r + 1] - w2[r])]
    };
    for r in 0..rows - 1 {
        for c in 0..columns - 1 {
            let corners = [at(r, c), at(r, c + 1), at(r + 1, c + 1), at(r + 1, c)];
            if corners.iter().any(|v| !v.is_finite()) {
                continue;
            }
            let low = corners.iter().copied().fold(f64::INFINITY, f64::min);
            let high = corners.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            for (&level, out) in levels.iter().zip(out.iter_mut()) {
                // Every corner ≥ level (case 15) or < level (case 0): nothing to trace.
                if !(low < level && level <= high) {
                    continue;
                }
                let [tl, tr, br, bl] = corners.map(|v| v >= level);
                let case = (tl as u8) << 3 | (tr as u8) << 2 | (br as u8) << 1 | bl as u8;
                let top = || across(r, c, level);
                let bottom = || across(r + 1, c, level);
                let left = || down(r, c, level);
                let right = || down(r, c + 1, level);
                let centre_high = || corners.iter().sum::<f64>() / 4.0 >= level;
                match case {
                    1 | 14 => out.push([left(), bottom()]),
                    2 | 13 => out.push([bottom(), right()]),
                    3 | 12 => out.push([left(), right()]),
                    4 | 11 => out.push([top(), right()]),
                    6 | 9 => out.push([top(), bottom()]),
                    7 | 8 => out.push([top(), left()]),
                    // Saddles: tr and bl on one side, tl and br on the other.
                    5 | 10 => {
                        let diagonal_tr_bl_high = case == 5;
                        if centre_high() == diagonal_tr_bl_high {
                            // The tr–bl diagonal is connected: cut off tl and br.
                            out.push([top(), left()]);
                            out.push([bottom(), right()]);
                        } else {
                            // The tl–br diagonal is connected: cut off tr and bl.
                            out.push([top(), right()]);
                            out.push([left(), bottom()]);
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    out
}

/// Joins segments that share end points (exactly, as [`segments`] produces them) into
/// polylines; a closed contour ends with its first point. Iterative, O(n).
pub fn polylines(segments: &[Segment]) -> Vec<Vec<[f64; 2]>> {
    let key = |p: [f64; 2]| (p[0].to_bits(), p[1].to_bits());
    let mut ends: HashMap<(u64, u64), Vec<usize>, BuildHasherDefault<PointHasher>> =
        HashMap::with_capacity_and_hasher(segments.len() * 2, Default::default());
    for (i, s) in segments.iter().enumerate() {
        ends.entry(key(s[0])).or_default().push(i);
        ends.entry(key(s[1])).or_default().push(i);
    }
    let mut used = vec![false; segments.len()];
    // The unused segment touching `point`, other than the current one, and its far end.
    let mut next = |point: [f64; 2], used: &mut Vec<bool>| -> Option<[f64; 2]> {
        let candidates = ends.get_mut(&key(point))?;
        let i = *candidates.iter().find(|&&i| !used[i])?;
        used[i] = true;
        let s = segments[i];
        Some(if key(s[0]) == key(point) { s[1] } else { s[0] })
    };
    let mut lines = Vec::new();
    for i in 0..segments.len() {
        if used[i] {
            continue;
        }
        used[i] = true;
        let [a, b] = segments[i];
        let mut forward = vec![a, b];
        while let Some(p) = next(*forward.last().unwrap_or(&b), &mut used) {
            forward.push(p);
        }
        let mut backward = Vec::new();
        let mut tip = a;
        while let Some(p) = next(tip, &mut used) {
            backward.push(p);
            tip = p;
        }
        backward.reverse();
        backward.extend(forward);
        lines.push(backward);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_levels_at_once_equal_each_level_alone() {
        let grid = Grid {
            w1: [-2.0, 2.0],
            w2: [-1.0, 3.0],
            columns: 37,
            rows: 29,
        };
        let mut values: Vec<f64> = (0..grid.rows)
            .flat_map(|r| (0..grid.columns).map(move |c| (r, c)))
            .map(|(r, c)| {
                let (a, b) = (grid.w1_at(c), grid.w2_at(r));
                (1.0 - a).powi(2) + 100.0 * (b - a * a).powi(2)
            })
            .collect();
        values[40] = f64::NAN;
        let levels = [0.5, 1.0, 10.0, 100.0, 400.0, 1000.0, 2500.0, f64::NAN];
        let together = segments_at_levels(&values, &grid, &levels);
        for (level, segs) in levels.iter().zip(&together) {
            assert_eq!(*segs, segments(&values, &grid, *level), "{level}");
        }
        assert!(together.iter().filter(|s| !s.is_empty()).count() >= 6);
    }

    fn sample(grid: &Grid, f: impl Fn(f64, f64) -> f64) -> Vec<f64> {
        (0..grid.rows)
            .flat_map(|r| (0..grid.columns).map(move |c| (r, c)))
            .map(|(r, c)| f(grid.w1_at(c), grid.w2_at(r)))
            .collect()
    }

    #[test]
    fn unit_circle_lies_within_a_grid_spacing_of_radius_one() {
        let grid = Grid {
            w1: [-2.0, 2.0],
            w2: [-2.0, 2.0],
            columns: 200,
            rows: 200,
        };
        let values = sample(&grid, |a, b| a * a + b * b);
        let segs = segments(&values, &grid, 1.0);
        let spacing = 4.0 / 200.0;
        // The circumference 2π over cells of 0.02 crosses some 400 cells.
        assert!(segs.len() > 300 && segs.len() < 700, "{}", segs.len());
        for p in segs.iter().flatten() {
            let r = (p[0] * p[0] + p[1] * p[1]).sqrt();
            assert!((r - 1.0).abs() < spacing, "point {p:?} at radius {r}");
        }
        let lines = polylines(&segs);
        assert_eq!(lines.len(), 1, "one closed circle");
        let line = &lines[0];
        assert_eq!(line.first(), line.last());
        assert_eq!(line.len(), segs.len() + 1);
    }

    #[test]
    fn saddle_cells_give_two_segments_resolved_by_the_centre() {
        // A single cell with tr and bl high: corners (row-major) tl, tr / bl, br.
        let grid = Grid {
            w1: [0.0, 2.0],
            w2: [0.0, 2.0],
            columns: 2,
            rows: 2,
        };
        let centre_low = [0.0, 1.0, 1.0, 0.0];
        let segs = segments(&centre_low, &grid, 0.6);
        assert_eq!(segs.len(), 2);
        // Centre mean 0.5 < 0.6: the high corners (tr at (1.5, 1.5), bl at (0.5, 0.5)) are
        // cut off, each segment lies near its own high corner.
        let tr_side = segs
            .iter()
            .filter(|s| s.iter().all(|p| p[0] + p[1] > 2.0))
            .count();
        let bl_side = segs
            .iter()
            .filter(|s| s.iter().all(|p| p[0] + p[1] < 2.0))
            .count();
        assert_eq!((tr_side, bl_side), (1, 1), "{segs:?}");
        let segs = segments(&centre_low, &grid, 0.4);
        assert_eq!(segs.len(), 2);
        // Centre mean 0.5 ≥ 0.4: now the low corners (tl at (0.5, 1.5), br at (1.5, 0.5)) are
        // cut off.
        let tl_side = segs
            .iter()
            .filter(|s| s.iter().all(|p| p[1] - p[0] > 0.0))
            .count();
        let br_side = segs
            .iter()
            .filter(|s| s.iter().all(|p| p[1] - p[0] < 0.0))
            .count();
        assert_eq!((tl_side, br_side), (1, 1), "{segs:?}");
    }

    #[test]
    fn saddle_function_gives_crossing_lines() {
        let grid = Grid {
            w1: [-1.0, 1.0],
            w2: [-1.0, 1.0],
            columns: 41,
            rows: 41,
        };
        let values = sample(&grid, |a, b| a * a - b * b);
        let segs = segments(&values, &grid, 0.25);
        assert!(!segs.is_empty());
        for p in segs.iter().flatten() {
            assert!((p[0] * p[0] - p[1] * p[1] - 0.25).abs() < 0.06, "{p:?}");
        }
        // Two branches (w1 > 0 and w1 < 0), open at the border.
        let lines = polylines(&segs);
        assert_eq!(lines.len(), 2);
    }

    #[test]
    fn nan_cells_are_skipped() {
        let grid = Grid {
            w1: [-2.0, 2.0],
            w2: [-2.0, 2.0],
            columns: 60,
            rows: 60,
        };
        let values = sample(&grid, |a, b| if a > 0.0 { f64::NAN } else { a * a + b * b });
        let segs = segments(&values, &grid, 1.0);
        assert!(!segs.is_empty());
        assert!(segs
            .iter()
            .flatten()
            .all(|p| p[0] <= 0.0 && p[0].is_finite() && p[1].is_finite()));
        assert!(segments(&values[1..], &grid, 1.0).is_empty());
        assert!(segments(&values, &grid, f64::NAN).is_empty());
    }

    #[test]
    fn linear_levels_are_round_and_inside() {
        let scale = ColorScale::Linear {
            min: 0.0,
            max: 5200.0,
        };
        let levels = levels(&scale, 8);
        assert!(levels.len() >= 4 && levels.len() <= 8, "{levels:?}");
        assert!(levels.iter().all(|&v| v > 0.0 && v < 5200.0));
        assert!(levels.iter().all(|&v| v % 500.0 == 0.0), "{levels:?}");
    }

    #[test]
    fn log_levels_are_spread_over_decades() {
        let scale = ColorScale::Log {
            min: 0.0,
            max: 2500.0,
            offset: 0.5,
        };
        let levels = levels(&scale, 8);
        assert!(levels.len() >= 6, "{levels:?}");
        assert!(levels.iter().all(|&v| v > 0.0 && v < 2500.0));
        assert!(levels.windows(2).all(|w| w[1] > w[0]));
        // Log spacing: successive ratios are roughly constant, and big.
        assert!(levels[1] / levels[0] > 1.4);
        assert!(levels.last().copied().unwrap_or(0.0) / levels[0] > 100.0);
        assert!(super::levels(&ColorScale::Linear { min: 1.0, max: 1.0 }, 5).is_empty());
    }
}
