//! The trajectory figure's surface in 3-D.

pub mod camera;
pub mod mesh;
pub mod raster;
pub mod axes;
pub mod path;
pub mod figure;
