//! Descent's figures, drawn through plotters onto any `DrawingBackend` (an HTML canvas in the
//! browser, SVG natively), plus the colour maps, colour scales, contour lines and surface
//! rasters they need. It draws precomputed data only: it evaluates no functions, runs no
//! optimizers and touches no DOM.
//!
//! Every figure is a function `draw(area, figure) -> Result<…, PlotError>` over a
//! `DrawingArea<DB, Shift>`; all pixel quantities (including the returned [`Frame`]s) are in
//! that area's own pixel coordinates. Calling `present()` on the root area is the caller's job.

pub mod amplification;
pub mod colormap;
pub mod contour;
pub mod course;
pub mod error;
pub mod frame;
pub mod raster;
pub mod scale;
pub mod steps;
pub mod surface;
pub mod ticks;

mod axes;
mod colorbar;
mod legend;
mod shapes;
mod theme;

pub use error::PlotError;
pub use frame::Frame;
pub use scale::ColorScale;
