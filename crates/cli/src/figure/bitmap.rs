//! Rasters painted as bitmaps under the figures: a pixel copy on the bitmap backend, one
//! embedded PNG image in SVG.

use descent_plot::scene::Raster;
use descent_plot::{Frame, PlotError};
use plotters::coord::Shift;
use plotters::element::BitMapElement;
use plotters::prelude::*;

/// The figures' background.
pub const BACKGROUND: [u8; 3] = [255, 255, 255];

/// Paints `raster` stretched over `frame` as one bitmap: a pixel copy on the bitmap backend,
/// one embedded PNG image in SVG.
pub fn blit<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    frame: &Frame,
    raster: &Raster,
) -> Result<(), PlotError> {
    if frame.is_empty() || raster.is_empty() {
        return Ok(());
    }
    let rgb = raster.rgb(frame.width, frame.height, BACKGROUND);
    let size = (frame.width, frame.height);
    if let Some(bitmap) = BitMapElement::with_owned_buffer((frame.x, frame.y), size, rgb) {
        area.draw(&bitmap)?;
    }
    Ok(())
}
