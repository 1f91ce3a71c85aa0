//! Where a plot's data area lands in pixels, and the mapping between data and screen.

/// A plot's data area: its pixel rectangle (in the drawing area's coordinates, y down) and the
/// data range it shows. The left edge of the rectangle is `x_range[0]`, the bottom edge
/// `y_range[0]`; a raster of `width × height` cells painted at `(x, y)` puts each cell's centre
/// exactly where [`Frame::screen_from_data`] puts the matching grid sample
/// (`descent_core::Grid` with the same ranges).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frame {
    /// Left edge in pixels.
    pub x: i32,
    /// Top edge in pixels.
    pub y: i32,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Data values at the left and right edges.
    pub x_range: [f64; 2],
    /// Data values at the bottom and top edges (for a log axis: their log10).
    pub y_range: [f64; 2],
}

impl Frame {
    /// Pixel coordinates (y down, sub-pixel) of the data point `p`; outside the rectangle when
    /// `p` is outside the ranges.
    pub fn screen_from_data(&self, p: [f64; 2]) -> (f64, f64) {
        let [x0, x1] = self.x_range;
        let [y0, y1] = self.y_range;
        (
            f64::from(self.x) + (p[0] - x0) / (x1 - x0) * f64::from(self.width),
            f64::from(self.y) + (y1 - p[1]) / (y1 - y0) * f64::from(self.height),
        )
    }

    /// The data point at pixel `(x, y)`; `None` outside the data area.
    pub fn data_from_screen(&self, x: f64, y: f64) -> Option<[f64; 2]> {
        if !self.contains(x, y) || self.width == 0 || self.height == 0 {
            return None;
        }
        let [x0, x1] = self.x_range;
        let [y0, y1] = self.y_range;
        Some([
            x0 + (x - f64::from(self.x)) / f64::from(self.width) * (x1 - x0),
            y1 - (y - f64::from(self.y)) / f64::from(self.height) * (y1 - y0),
        ])
    }

    /// Whether pixel `(x, y)` lies in the data area (edges included).
    pub fn contains(&self, x: f64, y: f64) -> bool {
        let (left, top) = (f64::from(self.x), f64::from(self.y));
        x >= left
            && x <= left + f64::from(self.width)
            && y >= top
            && y <= top + f64::from(self.height)
    }

    /// Right edge in pixels.
    pub fn right(&self) -> i32 {
        self.x + self.width as i32
    }

    /// Bottom edge in pixels.
    pub fn bottom(&self) -> i32 {
        self.y + self.height as i32
    }

    /// Whether the rectangle has no area (a canvas too small for the figure).
    pub fn is_empty(&self) -> bool {
        self.width == 0 || self.height == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use descent_core::Grid;

    fn frame() -> Frame {
        Frame {
            x: 60,
            y: 20,
            width: 400,
            height: 300,
            x_range: [-2.0, 2.0],
            y_range: [-1.0, 3.0],
        }
    }

    #[test]
    fn corners_map_to_the_rectangle() {
        let f = frame();
        assert_eq!(f.screen_from_data([-2.0, 3.0]), (60.0, 20.0));
        assert_eq!(f.screen_from_data([2.0, -1.0]), (460.0, 320.0));
        assert_eq!(f.data_from_screen(60.0, 320.0), Some([-2.0, -1.0]));
    }

    #[test]
    fn round_trip() {
        let f = frame();
        for p in [[0.0, 0.0], [1.0, 1.0], [-1.7, 2.9], [1.999, -0.5]] {
            let (x, y) = f.screen_from_data(p);
            let q = f.data_from_screen(x, y).unwrap_or([f64::NAN; 2]);
            assert!(
                (q[0] - p[0]).abs() < 1e-12 && (q[1] - p[1]).abs() < 1e-12,
                "{p:?} -> {q:?}"
            );
        }
    }

    #[test]
    fn outside_is_none() {
        let f = frame();
        assert!(f.data_from_screen(59.0, 100.0).is_none());
        assert!(f.data_from_screen(100.0, 321.0).is_none());
        assert!(!f.contains(461.0, 100.0));
        assert!(f.contains(460.0, 320.0));
        let (x, y) = f.screen_from_data([3.0, 0.0]);
        assert!(!f.contains(x, y));
    }

    #[test]
    fn raster_cell_centres_match_grid_samples() {
        let f = frame();
        let grid = Grid {
            w1: f.x_range,
            w2: f.y_range,
            columns: 400,
            rows: 300,
        };
        for (c, r) in [(0, 0), (17, 250), (399, 299)] {
            let (x, y) = f.screen_from_data([grid.w1_at(c), grid.w2_at(r)]);
            assert!((x - (60.0 + c as f64 + 0.5)).abs() < 1e-9);
            assert!((y - (20.0 + r as f64 + 0.5)).abs() < 1e-9);
        }
    }
}
