//! Helpers the figure tests share: sampled grids, contour levels, frames.

use descent_core::Grid;
use descent_plot::contour::{self, Segment};
use descent_plot::{ColorScale, Frame};

/// `f` at every point of `grid`, row by row.
pub fn sample(grid: &Grid, f: impl Fn(f64, f64) -> f64) -> Vec<f64> {
    (0..grid.rows)
        .flat_map(|r| (0..grid.columns).map(move |c| (r, c)))
        .map(|(r, c)| f(grid.w1_at(c), grid.w2_at(r)))
        .collect()
}

/// Eight contour levels of `values` on `grid`, with their segments.
pub fn contours(grid: &Grid, values: &[f64], scale: &ColorScale) -> Vec<(f64, Vec<Segment>)> {
    contour::levels(scale, 8)
        .into_iter()
        .map(|level| (level, contour::segments(values, grid, level)))
        .collect()
}

/// Whether screen point (x, y) lies in `frame`'s data area.
pub fn inside(frame: &Frame, (x, y): (f64, f64)) -> bool {
    frame.contains(x, y)
}
