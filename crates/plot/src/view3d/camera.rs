//! The 3-D view's geometry: the box the surface sits in, and the orthographic camera that
//! turns it onto the screen.
//!
//! Box coordinates: w1 runs over x ∈ [−1, 1], w2 over y ∈ [−1, 1], and the height scale's
//! position t ∈ [0, 1] over z ∈ [−[`HALF_HEIGHT`], [`HALF_HEIGHT`]]. The camera looks at the
//! box's centre from `azimuth` degrees around the z axis (0: from +x, 90: from +y) and
//! `elevation` degrees above the base, without perspective, so a pixel's ray is a straight
//! line along the view direction and "from above" shows the 2-D figure's plane undistorted.

use descent_core::view3d::{clamp_zoom, Orbit, View3d};

/// Half the box's height (its base is 2 × 2): the proportions of matplotlib's 3-D axes.
pub const HALF_HEIGHT: f64 = 0.75;

/// A point in box coordinates.
pub type BoxPoint = [f64; 3];

/// Where the camera is and how close.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Camera {
    /// Its direction.
    pub orbit: Orbit,
    /// Magnification: 1 fits the whole box in the frame whichever way it turns.
    pub zoom: f64,
}

impl Camera {
    /// A camera at `orbit` that shows the whole box.
    pub fn new(orbit: Orbit) -> Camera {
        Camera { orbit, zoom: 1.0 }
    }

    /// The camera with its zoom multiplied by `factor`, within core's zoom range.
    pub fn zoomed(&self, factor: f64) -> Camera {
        Camera {
            zoom: clamp_zoom(self.zoom * factor),
            ..*self
        }
    }
}

impl From<&View3d> for Camera {
    /// The camera of a 3-D view's settings.
    fn from(view: &View3d) -> Camera {
        Camera {
            orbit: view.orbit,
            zoom: clamp_zoom(view.zoom),
        }
    }
}

/// Dot product.
pub(crate) fn dot(a: [f64; 3], b: [f64; 3]) -> f64 {
    a[0] * b[0] + a[1] * b[1] + a[2] * b[2]
}

/// The camera's mapping from box coordinates to pixels (y down) and depth (larger is nearer,
/// in box units).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Projection {
    /// Box direction of the screen's +x.
    right: [f64; 3],
    /// Box direction of the screen's up (−y).
    up: [f64; 3],
    /// Box direction toward the camera.
    toward: [f64; 3],
    /// Pixels per box unit.
    scale: f64,
    /// Pixel position of the box's centre.
    centre: (f64, f64),
}

impl Projection {
    /// The camera at `orbit` drawing `scale` pixels per box unit with the box's centre at
    /// pixel `centre`.
    pub fn new(orbit: Orbit, scale: f64, centre: (f64, f64)) -> Projection {
        let (azimuth, elevation) = (orbit.azimuth.to_radians(), orbit.elevation.to_radians());
        let (sa, ca) = azimuth.sin_cos();
        let (se, ce) = elevation.sin_cos();
        Projection {
            right: [-sa, ca, 0.0],
            up: [-se * ca, -se * sa, ce],
            toward: [ce * ca, ce * sa, se],
            scale,
            centre,
        }
    }

    /// The camera fitted to `frame` (its own pixels, from 0): the box stays inside
    /// `frame` less `margin` pixels on every side whichever way it turns about the vertical
    /// axis, times the camera's zoom.
    pub fn fitted(camera: &Camera, width: f64, height: f64, margin: (f64, f64)) -> Projection {
        let elevation = camera.orbit.elevation.to_radians();
        // Seen from any azimuth, the base reaches √2 from the centre sideways; its height on
        // the screen is √2·sin(elevation) and the box's adds HALF_HEIGHT·cos(elevation).
        let half_width = std::f64::consts::SQRT_2;
        let half_height =
            std::f64::consts::SQRT_2 * elevation.sin() + HALF_HEIGHT * elevation.cos();
        let room = |size: f64, margin: f64| (size / 2.0 - margin).max(size / 6.0);
        let scale = (room(width, margin.0) / half_width).min(room(height, margin.1) / half_height);
        Projection::new(
            camera.orbit,
            scale.max(1e-3) * camera.zoom,
            (width / 2.0, height / 2.0),
        )
    }

    /// The pixel `(x, y)` and depth of a box point.
    pub fn screen(&self, p: BoxPoint) -> [f64; 3] {
        [
            self.centre.0 + self.scale * dot(p, self.right),
            self.centre.1 - self.scale * dot(p, self.up),
            dot(p, self.toward),
        ]
    }

    /// The box point at pixel `(x, y)` and `depth` (the inverse of [`Projection::screen`]).
    pub fn box_point(&self, x: f64, y: f64, depth: f64) -> BoxPoint {
        let (a, b) = (
            (x - self.centre.0) / self.scale,
            (self.centre.1 - y) / self.scale,
        );
        std::array::from_fn(|i| a * self.right[i] + b * self.up[i] + depth * self.toward[i])
    }

    /// Pixels per box unit.
    pub fn scale(&self) -> f64 {
        self.scale
    }

    /// The box direction toward the camera.
    pub fn toward(&self) -> [f64; 3] {
        self.toward
    }

    /// The box direction of the screen's up.
    pub fn up(&self) -> [f64; 3] {
        self.up
    }

    /// The box direction of the screen's right.
    pub fn right(&self) -> [f64; 3] {
        self.right
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: [f64; 3], b: [f64; 3]) -> bool {
        a.iter().zip(b).all(|(x, y)| (x - y).abs() < 1e-12)
    }

    #[test]
    fn from_above_at_minus_90_the_screen_shows_the_plane_as_the_2d_figure_does() {
        let p = Projection::new(Orbit::new(-90.0, 90.0), 10.0, (50.0, 40.0));
        assert!(close(p.screen([1.0, 0.0, 0.3]), [60.0, 40.0, 0.3]));
        assert!(close(p.screen([0.0, 1.0, 0.0]), [50.0, 30.0, 0.0]));
        let q = p.box_point(60.0, 30.0, 0.5);
        assert!(close(q, [1.0, 1.0, 0.5]));
    }

    #[test]
    fn the_camera_looks_from_its_azimuth_and_elevation() {
        let p = Projection::new(Orbit::new(0.0, 0.0), 1.0, (0.0, 0.0));
        assert!(close(p.toward(), [1.0, 0.0, 0.0]));
        // Nearer points have larger depth; up is up.
        assert!(p.screen([1.0, 0.0, 0.0])[2] > p.screen([-1.0, 0.0, 0.0])[2]);
        assert!(p.screen([0.0, 0.0, 1.0])[1] < p.screen([0.0, 0.0, 0.0])[1]);
        let q = Projection::new(Orbit::new(-60.0, 30.0), 3.0, (7.0, 9.0));
        for point in [[0.3, -0.7, 0.2], [1.0, 1.0, -0.75]] {
            let [x, y, depth] = q.screen(point);
            assert!(close(q.box_point(x, y, depth), point));
        }
    }

    #[test]
    fn the_fitted_box_stays_inside_the_frame_at_every_azimuth() {
        for elevation in [0.0, 30.0, 60.0, 90.0] {
            for azimuth in (0..36).map(|k| f64::from(k) * 10.0) {
                let camera = Camera::new(Orbit::new(azimuth, elevation));
                let p = Projection::fitted(&camera, 400.0, 300.0, (20.0, 10.0));
                for corner in 0..8 {
                    let sign = |bit: usize| if corner >> bit & 1 == 1 { 1.0 } else { -1.0 };
                    let [x, y, _] = p.screen([sign(0), sign(1), sign(2) * HALF_HEIGHT]);
                    assert!(
                        (19.99..=380.01).contains(&x),
                        "{azimuth} {elevation}: x {x}"
                    );
                    assert!((9.99..=290.01).contains(&y), "{azimuth} {elevation}: y {y}");
                }
            }
        }
        let zoomed = Camera::new(Orbit::default()).zoomed(100.0);
        assert_eq!(zoomed.zoom, descent_core::view3d::ZOOM_RANGE[1]);
    }
}
