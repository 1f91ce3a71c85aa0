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
        "the {axis} range [{}, {}] is not usable: give two finite values with min < max",
        short(*min),
        short(*max)
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

/// `x` in a few characters: four significant digits, in exponent form when tiny or huge
/// (`-20`, `0.1235`, `1e15`, `1.235e300`), so that a message never spells out 300 digits.
fn short(x: f64) -> String {
    if !x.is_finite() || x == 0.0 {
        return format!("{x}");
    }
    let trim = |digits: &str| -> String {
        if digits.contains('.') {
            digits
                .trim_end_matches('0')
                .trim_end_matches('.')
                .to_owned()
        } else {
            digits.to_owned()
        }
    };
    let rounded = format!("{x:.3e}");
    let (mantissa, exponent) = rounded.split_once('e').unwrap_or((&rounded, "0"));
    let power: i32 = exponent.parse().unwrap_or(0);
    if (-4..6).contains(&power) {
        let value: f64 = rounded.parse().unwrap_or(x);
        let decimals = (3 - power).max(0) as usize;
        trim(&format!("{value:.decimals$}"))
    } else {
        format!("{}e{exponent}", trim(mantissa))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn range_errors_print_short_numbers() {
        let message = |min, max| check_range("w1", [min, max]).map_err(|e| e.to_string());
        assert_eq!(
            message(1e300, 1e300),
            Err(
                "the w1 range [1e300, 1e300] is not usable: give two finite values with min < max"
                    .to_owned()
            )
        );
        assert!(message(-20.0, 20.0).is_ok());
        let text = message(1.234_567e15, f64::NAN).expect_err("not usable");
        assert!(text.contains("[1.235e15, NaN]"), "{text}");
        let text = message(0.123_456, -20.0).expect_err("not usable");
        assert!(text.contains("[0.1235, -20]"), "{text}");
        assert_eq!(short(-1.5e-7), "-1.5e-7");
        assert_eq!(short(999_999.9), "1e6");
        assert_eq!(short(12_345.6), "12350");
    }
}
