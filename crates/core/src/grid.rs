//! A rectangular view of the (w1, w2) plane sampled at pixel centres.

/// A view range sampled on `columns` × `rows` cells; row 0 is the top (largest w2), as in an
/// image.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Grid {
    /// `[min, max]` of w1, left to right.
    pub w1: [f64; 2],
    /// `[min, max]` of w2, bottom to top.
    pub w2: [f64; 2],
    /// Samples per row.
    pub columns: usize,
    /// Rows of samples.
    pub rows: usize,
}

impl Grid {
    /// w1 at the centre of column `column`.
    pub fn w1_at(&self, column: usize) -> f64 {
        let [lo, hi] = self.w1;
        lo + (column as f64 + 0.5) * (hi - lo) / self.columns as f64
    }

    /// w2 at the centre of row `row` (row 0 at the top).
    pub fn w2_at(&self, row: usize) -> f64 {
        let [lo, hi] = self.w2;
        hi - (row as f64 + 0.5) * (hi - lo) / self.rows as f64
    }
}
