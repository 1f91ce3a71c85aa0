//! A coloured raster of cells, and its size for a frame.

use crate::frame::Frame;

/// RGBA bytes of `columns × rows` cells, row 0 at the top (as [`crate::raster`] makes them).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Raster {
    /// 4 bytes per cell, row-major.
    pub rgba: Vec<u8>,
    /// Cells per row.
    pub columns: usize,
    /// Rows of cells.
    pub rows: usize,
}

impl Raster {
    /// Whether it has no cells.
    pub fn is_empty(&self) -> bool {
        self.columns == 0 || self.rows == 0 || self.rgba.is_empty()
    }

    /// `(bytes, columns, rows)` as the figures take it; `None` when empty.
    pub fn cells(&self) -> Option<(&[u8], usize, usize)> {
        (!self.is_empty()).then_some((self.rgba.as_slice(), self.columns, self.rows))
    }

    /// Opaque RGB bytes of `width × height` pixels for a backend's bitmap blit: each pixel takes
    /// the cell under its centre (nearest neighbour), blended over `background` by the cell's
    /// alpha. An empty raster gives the background.
    pub fn rgb(&self, width: u32, height: u32, background: [u8; 3]) -> Vec<u8> {
        let (width, height) = (width as usize, height as usize);
        let mut out = Vec::with_capacity(width * height * 3);
        if self.is_empty() || self.rgba.len() != self.columns * self.rows * 4 {
            for _ in 0..width * height {
                out.extend_from_slice(&background);
            }
            return out;
        }
        let columns = nearest(width, self.columns);
        for row in nearest(height, self.rows) {
            let cells = &self.rgba[row * self.columns * 4..(row + 1) * self.columns * 4];
            for &c in &columns {
                let cell = &cells[c * 4..c * 4 + 4];
                let alpha = u32::from(cell[3]);
                for (&value, &under) in cell[..3].iter().zip(&background) {
                    let blended =
                        (u32::from(value) * alpha + u32::from(under) * (255 - alpha) + 127) / 255;
                    out.push(blended as u8);
                }
            }
        }
        out
    }

    /// The raster stretched to `width × height` cells, each taking the cell under its centre
    /// (nearest neighbour): a map of a few cells painted with one `putImageData` over its
    /// frame. An empty raster stays empty.
    pub fn stretched(&self, width: u32, height: u32) -> Raster {
        let (width, height) = (width as usize, height as usize);
        if self.is_empty() || self.rgba.len() != self.columns * self.rows * 4 {
            return Raster::default();
        }
        let columns = nearest(width, self.columns);
        let mut rgba = Vec::with_capacity(width * height * 4);
        for row in nearest(height, self.rows) {
            let cells = &self.rgba[row * self.columns * 4..(row + 1) * self.columns * 4];
            for &c in &columns {
                rgba.extend_from_slice(&cells[c * 4..c * 4 + 4]);
            }
        }
        Raster {
            rgba,
            columns: width,
            rows: height,
        }
    }
}

/// For each of `pixels` pixels along an axis, the index of the cell of `cells` under its
/// centre.
fn nearest(pixels: usize, cells: usize) -> Vec<usize> {
    (0..pixels)
        .map(|p| ((2 * p + 1) * cells / (2 * pixels)).min(cells - 1))
        .collect()
}

/// The raster size for `frame`: one cell per pixel, scaled down evenly (keeping the aspect)
/// when that would exceed `max_cells`.
pub fn raster_size(frame: &Frame, max_cells: usize) -> (usize, usize) {
    let (columns, rows) = (frame.width as usize, frame.height as usize);
    let cells = columns * rows;
    if cells <= max_cells {
        return (columns, rows);
    }
    let shrink = (max_cells as f64 / cells as f64).sqrt();
    let scaled = |n: usize| ((n as f64 * shrink).floor() as usize).max(1);
    (scaled(columns), scaled(rows))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rgb_stretches_by_nearest_cell_and_blends_alpha() {
        let raster = Raster {
            rgba: vec![255, 0, 0, 255, 0, 0, 255, 0],
            columns: 2,
            rows: 1,
        };
        let rgb = raster.rgb(4, 2, [10, 20, 30]);
        assert_eq!(rgb.len(), 4 * 2 * 3);
        assert_eq!(rgb[0..3], [255, 0, 0]);
        assert_eq!(rgb[3..6], [255, 0, 0]);
        assert_eq!(
            rgb[6..9],
            [10, 20, 30],
            "a transparent cell shows the background"
        );
        assert_eq!(rgb[12..15], [255, 0, 0], "second row");
        assert_eq!(Raster::default().rgb(1, 1, [1, 2, 3]), [1, 2, 3]);
        assert_eq!(Raster::default().cells(), None);
    }

    #[test]
    fn stretched_rasters_repeat_the_nearest_cell() {
        let raster = Raster {
            rgba: vec![1, 1, 1, 255, 2, 2, 2, 255, 3, 3, 3, 255, 4, 4, 4, 128],
            columns: 2,
            rows: 2,
        };
        let big = raster.stretched(4, 3);
        assert_eq!((big.columns, big.rows, big.rgba.len()), (4, 3, 48));
        let first: Vec<u8> = big.rgba.chunks(4).map(|p| p[0]).collect();
        assert_eq!(first, [1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4]);
        assert_eq!(big.rgba[47], 128, "alpha kept");
        assert!(Raster::default().stretched(3, 3).is_empty());
    }

    #[test]
    fn large_frames_get_fewer_cells() {
        let frame = |width, height| Frame {
            x: 0,
            y: 0,
            width,
            height,
            x_range: [0.0, 1.0],
            y_range: [0.0, 1.0],
        };
        assert_eq!(raster_size(&frame(300, 200), 100_000), (300, 200));
        let (c, r) = raster_size(&frame(4000, 2000), 2_000_000);
        assert!(c * r <= 2_000_000 && c >= 1990 && (c as f64 / r as f64 - 2.0).abs() < 0.01);
    }
}
