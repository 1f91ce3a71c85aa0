//! The trajectory figure's surface in 3-D.

pub mod axes;
pub mod camera;
pub mod figure;
pub mod mesh;
pub mod path;
pub mod raster;
