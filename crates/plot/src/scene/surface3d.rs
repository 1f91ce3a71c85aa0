//! The surface of a function in 3-D: sampled on a mesh whose vertices include the view's
//! edges, coloured by the scale the 2-D figure fits, raised linearly or logarithmically, with
//! a coarser copy to draw while the view turns.

use descent_core::objective::Surface;
use descent_core::view3d::Height;

use super::surface::SAMPLE_BUDGET;
use super::View;
use crate::scale::ColorScale;
use crate::surface::Path;
use crate::view3d::camera::Camera;
use crate::view3d::figure::Figure3d;
use crate::view3d::mesh::{vertex_grid, Mesh};

/// Vertices along each side of the full mesh: quads of about 5 pixels on a 600-pixel view.
pub const MESH_SIDE: usize = 121;
/// The coarse mesh keeps every this many vertices (41 a side): what is drawn while the view
/// turns.
pub const COARSE_STRIDE: usize = 3;
/// The fewest vertices along a side of a costly surface's mesh.
const MIN_SIDE: usize = 9;

/// Everything the 3-D view shows of a function over a view, except the paths.
#[derive(Clone, Debug, PartialEq)]
pub struct Surface3dScene {
    /// The view range.
    pub view: View,
    /// The colour scale, fitted to the samples as the 2-D figure fits it.
    pub colour: ColorScale,
    /// The height scale: linear over the samples' range, or logarithmic.
    pub height: ColorScale,
    /// The full mesh.
    pub mesh: Mesh,
    /// The mesh drawn while the view turns.
    pub coarse: Mesh,
}

impl Surface3dScene {
    /// Samples `function` over `view` on up to [`MESH_SIDE`]² vertices (fewer for a costly
    /// surface, within the 2-D figure's sample budget) and fits the scales.
    pub fn new(function: &impl Surface, view: View, height: Height) -> Surface3dScene {
        let affordable = SAMPLE_BUDGET / function.sample_cost().max(1);
        let side = ((affordable as f64).sqrt() as usize).clamp(MIN_SIDE, MESH_SIDE);
        let values = function.values_on(&vertex_grid(view, side, side));
        let colour = ColorScale::fit(&values);
        let height = match height {
            Height::Linear => {
                let [min, max] = colour.range();
                ColorScale::Linear { min, max }
            }
            Height::Log => ColorScale::fit_log(&values),
        };
        let mesh = Mesh::new(view, (side, side), &values, &colour, &height);
        let coarse = mesh.coarse(COARSE_STRIDE);
        Surface3dScene {
            view,
            colour,
            height,
            mesh,
            coarse,
        }
    }

    /// The figure with `paths` seen by `camera`; `coarse` draws the lighter mesh.
    pub fn figure<'a>(
        &'a self,
        camera: Camera,
        paths: &'a [Path],
        highlight: Option<(usize, usize)>,
        pixel_ratio: f64,
        coarse: bool,
    ) -> Figure3d<'a> {
        Figure3d {
            mesh: if coarse { &self.coarse } else { &self.mesh },
            colour: self.colour,
            height: self.height,
            camera,
            paths,
            highlight,
            pixel_ratio,
        }
    }
}

#[cfg(test)]
mod tests {
    use descent_core::Function;

    use super::*;

    #[test]
    fn rosenbrock_can_rise_on_a_log_scale() {
        let function = Function::parse("(1-w1)^2 + 100*(w2-w1^2)^2").expect("valid");
        let view = View {
            w1: [-2.0, 2.0],
            w2: [-1.0, 3.0],
        };
        let linear = Surface3dScene::new(&function, view, Height::Linear);
        assert_eq!(
            (linear.mesh.columns(), linear.mesh.rows()),
            (MESH_SIDE, MESH_SIDE)
        );
        assert_eq!(linear.coarse.columns(), 41);
        assert!(linear.colour.is_log() && !linear.height.is_log());
        let log = Surface3dScene::new(&function, view, Height::Log);
        assert!(log.height.is_log());
        assert_eq!(
            log.colour, linear.colour,
            "the colours do not depend on the height"
        );
        // The valley floor w2 = w1² sits low on either scale; halfway up the box on a log
        // scale, far lower on a linear one.
        let at = |scene: &Surface3dScene, w: [f64; 2]| {
            scene
                .mesh
                .height_at(scene.mesh.box_from_data(w))
                .unwrap_or(f64::NAN)
        };
        assert!(at(&log, [0.0, 1.0]) > at(&linear, [0.0, 1.0]) + 0.3);
        assert!(at(&log, [1.0, 1.0]) < at(&log, [0.0, 1.0]));
    }
}
