//! Writes the three figures as SVG through the scene API, for looking at them:
//! `cargo run -p descent-plot --example preview [DIR]` (default `target/plot-preview`).
//! Every optimizer of the table walks the Rosenbrock preset, one file each; the first steps
//! and the amplification maps use the article's defaults. (`descent figure` draws the same
//! figures as PNG or SVG from the command line.)

use std::error::Error;
use std::path::PathBuf;

use descent_core::amplification::AmplificationConfig;
use descent_core::presets::preset;
use descent_core::{Config, FirstSteps, OptimizerKind};
use descent_plot::scene::{
    course_figure, course_series, paths, raster_size, AmplificationScene, StepsScene, SurfaceScene,
    ERROR_SERIES,
};
use descent_plot::{amplification, course, steps, surface};
use plotters::prelude::*;
use plotters_svg::SVGBackend;

/// Draws onto a `width × height` SVG and writes it to `dir/name`.
fn write_svg(
    dir: &std::path::Path,
    name: &str,
    (width, height): (u32, u32),
    draw: impl FnOnce(&DrawingArea<SVGBackend, plotters::coord::Shift>) -> Result<(), Box<dyn Error>>,
) -> Result<(), Box<dyn Error>> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        root.fill(&WHITE)?;
        draw(&root)?;
        root.present()?;
    }
    std::fs::write(dir.join(name), svg)?;
    Ok(())
}

fn main() -> Result<(), Box<dyn Error>> {
    let dir = std::env::args().nth(1).map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/plot-preview"),
        PathBuf::from,
    );
    std::fs::create_dir_all(&dir)?;
    let rosenbrock = preset("rosenbrock").ok_or("no rosenbrock preset")?;
    for kind in OptimizerKind::all() {
        let mut pairs = rosenbrock.vocabulary_pairs();
        pairs.push(("optimizer", kind.name().to_owned()));
        pairs.push(("steps", "500".to_owned()));
        let config = Config::from_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())))?;
        let runs = [config.run()];
        let frame = surface::layout(720, 480, 1.0, rosenbrock.view.w1, rosenbrock.view.w2);
        let cells = raster_size(&frame, 10_000);
        let scene = SurfaceScene::new(&config.function, rosenbrock.view, cells);
        let paths = paths(&runs, None);
        let series = course_series(&runs, |name| name == ERROR_SERIES);
        write_svg(
            &dir,
            &format!("trajectory-{kind}.svg"),
            (720, 720),
            |root| {
                let (top, bottom) = root.split_vertically(480);
                surface::draw(&top, &scene.figure(&paths, None, 1.0, true))?;
                course::draw(&bottom, &course_figure(&series, true, None, 1.0))?;
                Ok(())
            },
        )?;
    }
    let first = FirstSteps::article_example();
    let scene = StepsScene::new(&first, &first.run(), None);
    write_svg(&dir, "steps.svg", (720, 560), |root| {
        steps::draw(root, &scene.figure(None, 1.0))?;
        Ok(())
    })?;
    let config = AmplificationConfig::default();
    let [g1, g2] = [config.gradients(); 2];
    let frames = amplification::layout(960, 300, 1.0, config.betas.len(), g1, g2);
    let side = frames.first().map_or(1, |f| f.width.clamp(1, 120)) as usize;
    let scene = AmplificationScene::new(&config.betas, g1, g2, config.lr, config.eps, side);
    write_svg(&dir, "amplification.svg", (960, 300), |root| {
        let maps = scene.map_cells(true);
        amplification::draw(root, &scene.figure(&maps, 1.0))?;
        Ok(())
    })?;
    println!("wrote the figures to {}", dir.display());
    Ok(())
}
