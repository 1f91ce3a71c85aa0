//! The trajectory figure's surface in 3-D.

pub mod camera;
pub mod mesh;
pub mod raster;
