//! The crate's one error type.

use plotters::drawing::DrawingAreaErrorKind;

/// Why a figure could not be drawn.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PlotError {
    /// The drawing backend (canvas, SVG, …) reported an error.
    #[error("drawing failed: {0}")]
    Backend(String),
    /// A view range is empty, reversed or not finite.
    #[error(
        "the {axis} range [{min}, {max}] is not usable: give two finite values with min < max"
    )]
    InvalidRange {
        /// Which axis ("w1", "w2", "g1", "g2").
        axis: &'static str,
        /// The lower bound given.
        min: f64,
        /// The upper bound given.
        max: f64,
    },
    /// An RGBA raster's byte count does not match its declared size.
    #[error(
        "the raster has {bytes} bytes but {columns}×{rows} cells need {expected} (4 per cell); \
         compute it on a grid of exactly that size"
    )]
    RasterSize {
        /// Bytes given.
        bytes: usize,
        /// Columns declared.
        columns: usize,
        /// Rows declared.
        rows: usize,
        /// Bytes needed (4 × columns × rows).
        expected: usize,
    },
}

impl<E: std::error::Error + Send + Sync> From<DrawingAreaErrorKind<E>> for PlotError {
    fn from(error: DrawingAreaErrorKind<E>) -> Self {
        PlotError::Backend(error.to_string())
    }
}

/// Checks that `range` is finite and increasing.
pub(crate) fn check_range(axis: &'static str, range: [f64; 2]) -> Result<(), PlotError> {
    let [min, max] = range;
    if min.is_finite() && max.is_finite() && min < max {
        Ok(())
    } else {
        Err(PlotError::InvalidRange { axis, min, max })
    }
}

/// Checks that an RGBA raster holds exactly `columns` × `rows` cells.
pub(crate) fn check_raster(bytes: usize, columns: usize, rows: usize) -> Result<(), PlotError> {
    let expected = columns.saturating_mul(rows).saturating_mul(4);
    if bytes == expected && expected > 0 {
        Ok(())
    } else {
        Err(PlotError::RasterSize {
            bytes,
            columns,
            rows,
            expected,
        })
    }
}
