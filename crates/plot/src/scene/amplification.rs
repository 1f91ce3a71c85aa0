//! The article's Figure 3: C_a(g1, g2) for several β as diverging rasters.

use descent_core::amplification::amplification_on;
use descent_core::Grid;

use super::Raster;
use crate::amplification::AmplificationFigure;
use crate::raster::diverging_rgba;

/// One map per β over the same gradient ranges, with the colour scale's limit.
#[derive(Clone, Debug, PartialEq)]
pub struct AmplificationScene {
    /// Range of g1 (x axis).
    pub g1: [f64; 2],
    /// Range of g2 (y axis).
    pub g2: [f64; 2],
    /// `(β, raster)` for each map, left to right.
    pub maps: Vec<(f64, Raster)>,
    /// C_a at the ends of the colour scale: the median of the maps' largest |C_a|, so that
    /// one extreme β (0.99 amplifies tenfold) does not wash out the others; larger values
    /// saturate. 1 when no map has a finite non-zero value.
    pub limit: f64,
}

impl AmplificationScene {
    /// C_a with learning rate `lr` and smoothing term `eps` for each of `betas` over `g1 × g2`,
    /// on `side × side` cells per map (size them to a frame of
    /// [`crate::amplification::layout`]).
    pub fn new(
        betas: &[f64],
        g1: [f64; 2],
        g2: [f64; 2],
        lr: f64,
        eps: f64,
        side: usize,
    ) -> AmplificationScene {
        let grid = Grid {
            w1: g1,
            w2: g2,
            columns: side,
            rows: side,
        };
        let values: Vec<Vec<f64>> = betas
            .iter()
            .map(|&beta| amplification_on(&grid, beta, lr, eps))
            .collect();
        let limit = median_largest(&values);
        let maps = betas
            .iter()
            .zip(&values)
            .map(|(&beta, values)| {
                let raster = Raster {
                    rgba: diverging_rgba(values, limit),
                    columns: side,
                    rows: side,
                };
                (beta, raster)
            })
            .collect();
        AmplificationScene {
            g1,
            g2,
            maps,
            limit,
        }
    }

    /// The maps as [`AmplificationFigure::maps`] takes them; `with_rasters` false gives empty
    /// slices, leaving the data areas transparent for rasters painted underneath.
    pub fn map_cells(&self, with_rasters: bool) -> Vec<(f64, &[u8], usize, usize)> {
        self.maps
            .iter()
            .map(|(beta, r)| match r.cells().filter(|_| with_rasters) {
                Some((rgba, columns, rows)) => (*beta, rgba, columns, rows),
                None => (*beta, &[][..], 0, 0),
            })
            .collect()
    }

    /// The figure over `maps` (from [`AmplificationScene::map_cells`]).
    pub fn figure<'a>(
        &self,
        maps: &'a [(f64, &'a [u8], usize, usize)],
        pixel_ratio: f64,
    ) -> AmplificationFigure<'a> {
        AmplificationFigure {
            g1: self.g1,
            g2: self.g2,
            maps,
            limit: self.limit,
            pixel_ratio,
        }
    }
}

/// The median over the maps of each one's largest finite |C_a|; 1 when that is not positive.
fn median_largest(maps: &[Vec<f64>]) -> f64 {
    let mut largest: Vec<f64> = maps
        .iter()
        .map(|values| {
            values
                .iter()
                .filter(|x| x.is_finite())
                .fold(0.0f64, |m, x| m.max(x.abs()))
        })
        .collect();
    descent_core::sorting::sort_short_by(&mut largest, f64::total_cmp);
    let limit = largest.get(largest.len() / 2).copied().unwrap_or(0.0);
    if limit > 0.0 {
        limit
    } else {
        1.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::colormap::diverging;

    #[test]
    fn one_map_per_beta_red_where_rmsprop_enlarges() {
        let scene = AmplificationScene::new(&[0.0, 0.9], [-4.0, 4.0], [-4.0, 4.0], 1.0, 1e-8, 9);
        // The upper median of the maps' largest |C_a|: 2.27 for β = 0.9 (g1 = 0, |g2| = 8/9,
        // |v(2)| = √10) and 2.56 for β = 0 (|g2| = 32/9 in the top row, |v(2)| ≈ 1).
        assert!(
            (scene.limit - (32.0 / 9.0 - 1.0)).abs() < 1e-6,
            "{}",
            scene.limit
        );
        assert_eq!(scene.maps.len(), 2);
        let (beta, raster) = &scene.maps[1];
        assert_eq!((*beta, raster.columns, raster.rows), (0.9, 9, 9));
        // Middle column (g1 = 0): v(2) = g2/√(0.1·g2²) ≈ 3.16 for β = 0.9, so C_a > 0 at
        // g2 ≈ 0.89 (row 3); |v(2)| ≈ 1 for β = 0, so C_a < 0 at g2 ≈ 3.56 (row 0).
        let cell = |map: usize, row: usize| {
            let start = (row * 9 + 4) * 4;
            scene.maps[map].1.rgba[start..start + 3].to_vec()
        };
        let (red, blue) = (cell(1, 3), cell(0, 0));
        assert!(red[0] > red[2] + 50, "{red:?}");
        assert!(blue[2] > blue[0] + 50, "{blue:?}");
        assert_eq!(cell(1, 4), diverging(0.0)[..], "C_a(0, 0) = 0 is white");
        let cells = scene.map_cells(false);
        assert!(cells.iter().all(|m| m.1.is_empty()));
        assert_eq!(scene.map_cells(true)[0].1.len(), 9 * 9 * 4);
    }
}
