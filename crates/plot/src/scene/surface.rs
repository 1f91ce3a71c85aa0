//! The surface of a function over a view: samples, colour scale, viridis raster, contours. A
//! surface whose samples are costly (a logistic model on thousands of points) is sampled on
//! fewer cells within [`SAMPLE_BUDGET`] and interpolated up to the raster's.

use descent_core::objective::Surface;
use descent_core::Grid;

use super::{Raster, View};
use crate::contour::{self, Segment};
use crate::raster::surface_rgba;
use crate::scale::ColorScale;
use crate::surface::{Path, SurfaceFigure};

/// Contour lines are traced on a grid at most this many cells wide: enough for smooth lines,
/// cheap next to the raster.
pub const CONTOUR_CELLS: usize = 160;
/// How many contour levels the surface shows.
pub const CONTOUR_LEVELS: usize = 12;
/// The most sample units ([`Surface::sample_cost`] each) a surface spends on its raster, about
/// 0.1 s in the browser: a logistic model on 10 000 points gets 1000 cells (32 × 32 on a square
/// view), one on 60 points the whole raster.
pub const SAMPLE_BUDGET: usize = 10_000_000;
/// The fewest cells a costly surface is sampled on.
const MIN_SAMPLED_CELLS: usize = 64;

/// Contour levels with their segments, as the figures take them.
pub type Contours = Vec<(f64, Vec<Segment>)>;

/// Everything the surface figure shows of a function over a view, except the paths.
#[derive(Clone, Debug, PartialEq)]
pub struct SurfaceScene {
    /// The view range.
    pub view: View,
    /// The colour scale fitted to the raster's values.
    pub scale: ColorScale,
    /// The viridis raster (grey where E is not finite), one cell per sample.
    pub raster: Raster,
    /// Contour lines at [`CONTOUR_LEVELS`] levels of the scale.
    pub contours: Contours,
}

impl SurfaceScene {
    /// Samples `function` over `view` on `columns × rows` cells (size them to the frame of
    /// [`crate::surface::layout`], e.g. with [`super::raster_size`]), fits the colour scale to
    /// the samples, colours them and traces the contours on a coarser grid of the same aspect.
    pub fn new(
        function: &impl Surface,
        view: View,
        (columns, rows): (usize, usize),
    ) -> SurfaceScene {
        let grid = Grid {
            w1: view.w1,
            w2: view.w2,
            columns,
            rows,
        };
        let affordable = (SAMPLE_BUDGET / function.sample_cost().max(1)).max(MIN_SAMPLED_CELLS);
        let (values, scale, contours) = if columns * rows <= affordable {
            let values = function.values_on(&grid);
            let scale = ColorScale::fit(&values);
            let contours = contours(function, view, &scale, (columns, rows), CONTOUR_LEVELS);
            (values, scale, contours)
        } else {
            // Sample fewer cells of the same aspect, trace the contours on them, and
            // interpolate the raster's values.
            let shrink = (affordable as f64 / (columns * rows) as f64).sqrt();
            let coarse = Grid {
                columns: ((columns as f64 * shrink) as usize).max(2),
                rows: ((rows as f64 * shrink) as usize).max(2),
                ..grid
            };
            let samples = function.values_on(&coarse);
            let scale = ColorScale::fit(&samples);
            let contours = contour::levels(&scale, CONTOUR_LEVELS)
                .into_iter()
                .map(|level| (level, contour::segments(&samples, &coarse, level)))
                .collect();
            (upsample(&samples, &coarse, &grid), scale, contours)
        };
        let rgba = if values.is_empty() {
            Vec::new()
        } else {
            surface_rgba(&values, &scale)
        };
        SurfaceScene {
            view,
            scale,
            raster: Raster {
                rgba,
                columns,
                rows,
            },
            contours,
        }
    }

    /// The figure with `paths`; `with_raster` false leaves the data area transparent for a
    /// raster painted underneath (the browser's `putImageData` layer, a native bitmap blit).
    pub fn figure<'a>(
        &'a self,
        paths: &'a [Path],
        highlight: Option<(usize, usize)>,
        pixel_ratio: f64,
        with_raster: bool,
    ) -> SurfaceFigure<'a> {
        SurfaceFigure {
            w1: self.view.w1,
            w2: self.view.w2,
            scale: self.scale,
            contours: &self.contours,
            paths,
            highlight,
            pixel_ratio,
            raster: self.raster.cells().filter(|_| with_raster),
        }
    }
}

/// The values of `fine`'s cells interpolated bilinearly from `values` on `coarse` (the same
/// view); next to a value that is not finite, the nearest sample's.
fn upsample(values: &[f64], coarse: &Grid, fine: &Grid) -> Vec<f64> {
    let at = |c: usize, r: usize| values[r * coarse.columns + c];
    // Fine cell k's centre in coarse cells, clamped to the outer samples' centres.
    let position = |k: usize, fine_count: usize, coarse_count: usize| {
        let x = (k as f64 + 0.5) * coarse_count as f64 / fine_count as f64 - 0.5;
        let x = x.clamp(0.0, (coarse_count - 1) as f64);
        let below = (x.floor() as usize).min(coarse_count - 2);
        (below, x - below as f64)
    };
    let columns: Vec<(usize, f64)> = (0..fine.columns)
        .map(|c| position(c, fine.columns, coarse.columns))
        .collect();
    let mut out = Vec::with_capacity(fine.columns * fine.rows);
    for r in 0..fine.rows {
        let (r0, v) = position(r, fine.rows, coarse.rows);
        for &(c0, u) in &columns {
            let corners = [
                at(c0, r0),
                at(c0 + 1, r0),
                at(c0, r0 + 1),
                at(c0 + 1, r0 + 1),
            ];
            out.push(if corners.iter().all(|x| x.is_finite()) {
                let top = corners[0] + u * (corners[1] - corners[0]);
                let bottom = corners[2] + u * (corners[3] - corners[2]);
                top + v * (bottom - top)
            } else {
                corners[usize::from(u >= 0.5) + 2 * usize::from(v >= 0.5)]
            });
        }
    }
    out
}

/// `count` contour levels of `scale` for `function` over `view`, traced on a grid at most
/// [`CONTOUR_CELLS`] wide with the aspect of `columns × rows` (the frame's pixels).
pub fn contours(
    function: &impl Surface,
    view: View,
    scale: &ColorScale,
    (columns, rows): (usize, usize),
    count: usize,
) -> Contours {
    let coarse_columns = columns.clamp(2, CONTOUR_CELLS);
    let coarse_rows = (coarse_columns as f64 * rows as f64 / columns.max(1) as f64).round();
    let grid = Grid {
        w1: view.w1,
        w2: view.w2,
        columns: coarse_columns,
        rows: (coarse_rows as usize).clamp(2, 4 * CONTOUR_CELLS),
    };
    let values = function.values_on(&grid);
    let levels = contour::levels(scale, count);
    let segments = contour::segments_at_levels(&values, &grid, &levels);
    levels.into_iter().zip(segments).collect()
}

#[cfg(test)]
mod tests {
    use descent_core::Function;

    use super::*;

    #[test]
    fn the_scene_samples_every_cell_and_traces_contours() {
        let function = Function::parse("3*w1^2 + 10*w2^2").expect("valid");
        let scene = SurfaceScene::new(&function, View::ARTICLE, (40, 30));
        assert_eq!((scene.raster.columns, scene.raster.rows), (40, 30));
        assert_eq!(scene.raster.rgba.len(), 40 * 30 * 4);
        assert!(!scene.contours.is_empty());
        assert!(scene.contours.iter().all(|(_, s)| !s.is_empty()));
        let figure = scene.figure(&[], None, 1.0, true);
        assert_eq!(figure.raster.map(|r| (r.1, r.2)), Some((40, 30)));
        assert!(scene.figure(&[], None, 1.0, false).raster.is_none());
        let empty = SurfaceScene::new(&function, View::ARTICLE, (0, 0));
        assert!(empty.raster.is_empty() && empty.figure(&[], None, 1.0, true).raster.is_none());
    }

    /// A plane E = w1 + 2·w2 that says each sample costs a million: sampled on 64 cells and
    /// interpolated, which is exact for a plane.
    struct CostlyPlane;

    impl Surface for CostlyPlane {
        fn values_on(&self, grid: &Grid) -> Vec<f64> {
            assert!(grid.columns * grid.rows <= 100, "sampled within the budget");
            (0..grid.rows)
                .flat_map(|r| (0..grid.columns).map(move |c| (c, r)))
                .map(|(c, r)| grid.w1_at(c) + 2.0 * grid.w2_at(r))
                .collect()
        }

        fn sample_cost(&self) -> usize {
            SAMPLE_BUDGET / 64
        }
    }

    #[test]
    fn a_costly_surface_is_sampled_on_fewer_cells_and_interpolated() {
        let view = View {
            w1: [0.0, 4.0],
            w2: [0.0, 2.0],
        };
        let scene = SurfaceScene::new(&CostlyPlane, view, (200, 100));
        assert_eq!((scene.raster.columns, scene.raster.rows), (200, 100));
        let grid = Grid {
            w1: view.w1,
            w2: view.w2,
            columns: 200,
            rows: 100,
        };
        let coarse = Grid {
            columns: 11,
            rows: 5,
            ..grid
        };
        let fine = upsample(&CostlyPlane.values_on(&coarse), &coarse, &grid);
        // Inside the outer samples' centres the plane is exact; outside it is held flat.
        for (r, c) in [(50, 100), (20, 30), (70, 180)] {
            let exact = grid.w1_at(c) + 2.0 * grid.w2_at(r);
            assert!((fine[r * 200 + c] - exact).abs() < 1e-12, "({r}, {c})");
        }
        assert!(!scene.contours.is_empty());
    }
}
