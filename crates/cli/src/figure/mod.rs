//! `descent figure`: the page's figures drawn natively through descent-plot, to SVG (plotters'
//! SVG backend) or PNG (its bitmap backend, text in the embedded DejaVu Sans font).

mod bitmap;
mod draw;
mod encode;
pub mod options;
mod solid;
pub mod sweep;

use std::path::PathBuf;
use std::process::ExitCode;

use descent_core::amplification::AmplificationConfig;
use descent_core::sweep::SweepConfig;
use descent_core::view3d::View3d;
use descent_core::{Config, FirstSteps};
use descent_plot::scene::{SweepColour, View};

pub use encode::render;
pub use options::{content, flags, request, KINDS};

/// The file format, from the output file's extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImageFormat {
    /// Scalable vector graphics; the surface raster is embedded as one PNG image.
    Svg,
    /// A bitmap of exactly the requested size.
    Png,
}

/// What a figure shows.
#[derive(Clone, Debug, PartialEq)]
pub enum Content {
    /// The surface with the trajectory's path above its error course (Figure 2).
    Trajectory {
        /// The validated run.
        config: Box<Config>,
        /// The view range; `None` chooses one ([`View::for_trajectory`]).
        view: Option<View>,
        /// The surface in 3-D (`--3d`); `None` draws the contour map.
        view3d: Option<View3d>,
    },
    /// The first steps of two optimizers with their vectors (Figure 1).
    Steps {
        /// The validated pair of runs.
        steps: Box<FirstSteps>,
        /// The view range; `None` fits the points and arrows.
        view: Option<View>,
    },
    /// C_a(g1, g2) for several β (Figure 3).
    Amplification {
        /// The βs (one map each), η, ε and the gradient range.
        config: AmplificationConfig,
        /// The ranges of g1 and g2 when `--view` gives them (otherwise the config's range).
        view: Option<View>,
    },
    /// A sweep as a map.
    Sweep {
        /// The validated sweep.
        config: Box<SweepConfig>,
        /// What the colours show.
        colour: SweepColour,
    },
}

/// A figure to draw and where.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    /// What it shows.
    pub content: Content,
    /// The file to write.
    pub out: PathBuf,
    /// SVG or PNG, from `out`'s extension.
    pub format: ImageFormat,
    /// Width and height in pixels.
    pub size: (u32, u32),
    /// Pixels per CSS pixel of the page: fonts, lines and margins scale with it.
    pub pixel_ratio: f64,
}

/// Draws `figure` and writes its file; says on stderr why a run stopped early. Exit code 1
/// when the file cannot be drawn or written.
pub fn run(figure: &Figure) -> ExitCode {
    let (bytes, stops) = match render(
        &figure.content,
        figure.format,
        figure.size,
        figure.pixel_ratio,
    ) {
        Ok(rendered) => rendered,
        Err(e) => {
            eprintln!("descent: cannot draw the figure: {e}");
            return ExitCode::FAILURE;
        }
    };
    for stop in stops {
        eprintln!("descent: {stop}");
    }
    match std::fs::write(&figure.out, bytes) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("descent: cannot write {}: {e}", figure.out.display());
            ExitCode::FAILURE
        }
    }
}
