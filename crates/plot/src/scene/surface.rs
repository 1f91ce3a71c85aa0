//! The surface of a function over a view: samples, colour scale, viridis raster, contours.

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
        let values = function.values_on(&grid);
        let scale = ColorScale::fit(&values);
        let rgba = if values.is_empty() {
            Vec::new()
        } else {
            surface_rgba(&values, &scale)
        };
        let contours = contours(function, view, &scale, (columns, rows), CONTOUR_LEVELS);
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
}
