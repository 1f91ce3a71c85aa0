//! Descent's figures, drawn through plotters onto any `DrawingBackend` (an HTML canvas in the
//! browser, SVG natively), plus the colour maps, colour scales, contour lines and surface
//! rasters they need. The figures draw precomputed data only; [`scene`] computes that data
//! from descent-core's types (sampling a function over a view, colouring, tracing contours),
//! so that the page and the `descent figure` command build it in one place. It runs no
//! optimizers and touches no DOM.
//!
//! Every figure is a function `draw(area, figure) -> Result<…, PlotError>` over a
//! `DrawingArea<DB, Shift>`; all pixel quantities (including the returned [`Frame`]s) are in
//! that area's own pixel coordinates. Calling `present()` on the root area is the caller's job.
//! Sizes scale with the figures' `pixel_ratio` (the browser's `devicePixelRatio`).
//!
//! ```
//! use descent_core::Grid;
//! use descent_plot::surface::{self, Path, PathStyle, SurfaceFigure};
//! use descent_plot::{contour, raster, ColorScale};
//! use plotters::prelude::*;
//!
//! let (w1, w2) = ([-2.0, 2.0], [-1.0, 3.0]);
//! let rosenbrock = |a: f64, b: f64| (1.0 - a).powi(2) + 100.0 * (b - a * a).powi(2);
//! // Size the raster to the frame the figure will use, sample the surface, colour it.
//! let frame = surface::layout(640, 480, 1.0, w1, w2);
//! let grid = Grid { w1, w2, columns: frame.width as usize, rows: frame.height as usize };
//! let values: Vec<f64> = (0..grid.rows)
//!     .flat_map(|r| (0..grid.columns).map(move |c| (r, c)))
//!     .map(|(r, c)| rosenbrock(grid.w1_at(c), grid.w2_at(r)))
//!     .collect();
//! let scale = ColorScale::fit(&values);
//! let rgba = raster::surface_rgba(&values, &scale);
//! let contours: Vec<_> = contour::levels(&scale, 8)
//!     .into_iter()
//!     .map(|level| (level, contour::segments(&values, &grid, level)))
//!     .collect();
//! let paths = [Path { points: vec![[-1.5, 2.5], [-1.2, 1.6]], style: PathStyle::Ramp, label: String::new() }];
//! let figure = SurfaceFigure {
//!     w1, w2, scale, contours: &contours, paths: &paths, highlight: None, pixel_ratio: 1.0,
//!     raster: Some((&rgba, grid.columns, grid.rows)),
//! };
//! let mut svg = String::new();
//! {
//!     let root = plotters_svg::SVGBackend::with_string(&mut svg, (640, 480)).into_drawing_area();
//!     assert_eq!(surface::draw(&root, &figure)?, frame);
//!     root.present()?;
//! }
//! assert!(svg.contains("E(w)"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod amplification;
pub mod colormap;
pub mod composite;
pub mod contour;
pub mod course;
pub mod curvature;
pub mod dash;
pub mod data;
pub mod error;
pub mod frame;
pub mod noise;
pub mod raster;
pub mod scale;
pub mod scene;
pub mod steps;
pub mod surface;
pub mod sweep;
pub mod ticks;
pub mod view3d;

mod axes;
mod colorbar;
mod legend;
mod marks;
mod shapes;
mod theme;

pub use error::PlotError;
pub use frame::Frame;
pub use scale::ColorScale;

/// Whether thick lines and rings are drawn pixel by pixel on plotters' bitmap backend (the
/// feature `bitmap`, which the CLI turns on for its PNGs; the web modules leave it out).
pub fn draws_bitmap_pixels() -> bool {
    cfg!(feature = "bitmap")
}
