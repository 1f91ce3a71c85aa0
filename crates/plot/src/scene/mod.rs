//! The figures' data computed from descent-core's types — what the page and the `descent
//! figure` command both draw, built in one place: the surface of a function over a view (raster,
//! colour scale, contours), the error course of a trajectory, the first steps of two optimizers
//! with their vectors, the amplification maps, and sweep maps. Pure data: no drawing, no backend.

mod amplification;
mod course;
mod curvature;
mod raster;
mod steps;
mod surface;
mod surface3d;
mod sweep;

pub use amplification::AmplificationScene;
pub use course::{
    course_figure, course_series, lr_figure, lr_series, optimizer_colour, paths, run_name,
    run_stroke, ERROR_SERIES, LR_SERIES,
};
pub use curvature::{
    glyph, readout, shape_text, sharpness_figure, sharpness_series, short, stability, EDGE,
    SHARPNESS_SERIES, THRESHOLD_SERIES,
};
pub use descent_core::view::View;
pub use raster::{raster_size, Raster};
pub use steps::{number, run_label, step_series, StepsScene};
pub use surface::{contours, Contours, SurfaceScene, CONTOUR_CELLS, CONTOUR_LEVELS};
pub use surface3d::{Surface3dScene, COARSE_STRIDE, MESH_SIDE};
pub use sweep::{
    CellEnd, SweepColour, SweepScene, CONVERGED_RGB, DIVERGED_RGB, NO_THRESHOLD_RGB, RAN_OUT_RGB,
    SHARPNESS_SCALE, SHARPNESS_TITLE, UNDEFINED_RGB,
};
