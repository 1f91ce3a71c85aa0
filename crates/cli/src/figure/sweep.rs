//! `descent figure sweep starts|params`: a sweep drawn as a map, each cell coloured by its
//! run's final error, its steps, why it stopped or its final pre-sharpness ÷ threshold
//! (`--show`).

use descent_core::sweep::SweepConfig;
use descent_plot::scene::{SweepColour, SweepScene};
use descent_plot::{sweep, Frame};

use super::Content;

/// The sweep figure's options: the figure options but `--view` (the sweep's own key, the
/// range of starts), and `--show`.
pub const OPTIONS: [&str; 6] = ["out", "width", "height", "pixel-ratio", "show", "preset"];

/// Validates the sweep's `pairs` (with `kind` first) through the core, and `--show`; the
/// sharpness map's sweep has `curvature`.
pub fn content<'a>(
    pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    show: Option<&str>,
) -> Result<Content, String> {
    let mut config = SweepConfig::from_pairs(pairs).map_err(|e| e.to_string())?;
    let colour = match show {
        None => SweepColour::ALL[0],
        Some(name) => SweepColour::named(name.trim()).ok_or_else(|| {
            let names: Vec<&str> = SweepColour::ALL.iter().map(|c| c.name()).collect();
            format!("`--show` must be one of {}, not `{name}`", names.join(", "))
        })?,
    };
    config.run.curvature |= colour.needs_curvature();
    Ok(Content::Sweep {
        config: Box::new(config),
        colour,
    })
}

/// Runs the sweep and lays its map out on `width × height` pixels.
pub fn prepare(
    config: &SweepConfig,
    colour: SweepColour,
    (width, height): (u32, u32),
    pixel_ratio: f64,
) -> (SweepScene, Frame) {
    let scene = SweepScene::new(config, &config.run(), colour);
    let categories = scene.category_labels();
    let frame = sweep::layout(
        width,
        height,
        &scene.figure(&categories, false, pixel_ratio),
    );
    (scene, frame)
}

/// `descent figure sweep` in `descent sweep --help`.
pub fn help() -> &'static str {
    "descent figure sweep starts|params [sweep OPTIONS] --out FILE\n\
     \x20                   [--show error|steps|stop|sharpness]\n\
     \x20                   [--width W] [--height H] [--pixel-ratio R]\n\n\
     Draws the sweep as a map over the view (starts) or the hyperparameters' plane (params,\n\
     log axes where an axis is :log), one cell per run: --show error (the default) colours\n\
     the final error on a log scale, steps the steps taken (to --tol, if given), stop why\n\
     each run ended (converged, ran all steps, diverged, E undefined), sharpness the\n\
     pre-sharpness ÷ threshold at each run's last row (as trajectory --curvature reports it)\n\
     on a scale diverging at 1, the edge of stability: blue below (stable), red above. Runs\n\
     that diverged or met an undefined E are coloured apart on every map and named in the\n\
     legend.\n"
}
