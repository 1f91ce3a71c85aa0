//! Writes every figure as SVG with realistic data, for looking at them:
//! `cargo run -p descent-plot --example preview [DIR]` (default `target/plot-preview` in the
//! workspace).

use std::error::Error;
use std::path::PathBuf;

use descent_core::amplification::{amplification_on, DEFAULT_EPS, DEFAULT_LR};
use descent_core::Grid;
use descent_plot::amplification::{self, AmplificationFigure};
use descent_plot::colormap::PALETTE;
use descent_plot::course::{self, CourseFigure, Series};
use descent_plot::steps::{self, Arrow, StepSeries, StepsFigure};
use descent_plot::surface::{self, Path, PathStyle, SurfaceFigure};
use descent_plot::{contour, raster, ColorScale};
use plotters::prelude::*;
use plotters_svg::SVGBackend;

type Gradient = fn([f64; 2]) -> (f64, [f64; 2]);

fn rosenbrock(w: [f64; 2]) -> (f64, [f64; 2]) {
    let [a, b] = w;
    let e = (1.0 - a).powi(2) + 100.0 * (b - a * a).powi(2);
    (
        e,
        [
            -2.0 * (1.0 - a) - 400.0 * a * (b - a * a),
            200.0 * (b - a * a),
        ],
    )
}

fn bowl(w: [f64; 2]) -> (f64, [f64; 2]) {
    (
        3.0 * w[0] * w[0] + 10.0 * w[1] * w[1],
        [6.0 * w[0], 20.0 * w[1]],
    )
}

/// RMSProp from `start`: the points, errors and scaling components s1, s2.
fn rmsprop(
    f: Gradient,
    start: [f64; 2],
    lr: f64,
    beta: f64,
    steps: usize,
) -> (Vec<[f64; 2]>, Vec<f64>, Vec<[f64; 2]>) {
    let (mut w, mut s) = (start, [0.0, 0.0]);
    let (mut points, mut errors, mut scales) = (vec![w], vec![f(w).0], vec![s]);
    for _ in 0..steps {
        let (_, g) = f(w);
        for i in 0..2 {
            s[i] = beta * s[i] + (1.0 - beta) * g[i] * g[i];
            w[i] -= lr * g[i] / (s[i] + 1e-8).sqrt();
        }
        points.push(w);
        errors.push(f(w).0);
        scales.push(s);
    }
    (points, errors, scales)
}

/// Momentum from `start` (α = 0.9).
fn momentum(f: Gradient, start: [f64; 2], lr: f64, steps: usize) -> Vec<[f64; 2]> {
    let (mut w, mut m) = (start, [0.0, 0.0]);
    let mut points = vec![w];
    for _ in 0..steps {
        let (_, g) = f(w);
        for i in 0..2 {
            m[i] = 0.9 * m[i] - lr * g[i];
            w[i] += m[i];
        }
        points.push(w);
    }
    points
}

fn sample(f: Gradient, grid: &Grid) -> Vec<f64> {
    (0..grid.rows)
        .flat_map(|r| (0..grid.columns).map(move |c| (r, c)))
        .map(|(r, c)| f([grid.w1_at(c), grid.w2_at(r)]).0)
        .collect()
}

fn write_svg(
    dir: &std::path::Path,
    name: &str,
    size: (u32, u32),
    draw: impl FnOnce(&DrawingArea<SVGBackend, plotters::coord::Shift>) -> Result<(), Box<dyn Error>>,
) -> Result<(), Box<dyn Error>> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        root.fill(&WHITE)?;
        draw(&root)?;
        root.present()?;
    }
    let path = dir.join(name);
    std::fs::write(&path, svg)?;
    println!("{}", path.display());
    Ok(())
}

/// A surface figure of `f` over `view` with `paths`, raster at half the frame's resolution.
fn surface_preview(
    dir: &std::path::Path,
    name: &str,
    size: (u32, u32),
    pixel_ratio: f64,
    f: Gradient,
    (w1, w2): ([f64; 2], [f64; 2]),
    paths: &[Path],
) -> Result<(), Box<dyn Error>> {
    let grid = Grid {
        w1,
        w2,
        columns: 200,
        rows: 200,
    };
    let values = sample(f, &grid);
    let scale = ColorScale::fit(&values);
    let contours: Vec<(f64, Vec<[[f64; 2]; 2]>)> = contour::levels(&scale, 10)
        .into_iter()
        .map(|level| (level, contour::segments(&values, &grid, level)))
        .collect();
    let frame = surface::layout(size.0, size.1, pixel_ratio, w1, w2);
    let raster_grid = Grid {
        w1,
        w2,
        columns: (frame.width as usize / 2).max(1),
        rows: (frame.height as usize / 2).max(1),
    };
    let rgba = raster::surface_rgba(&sample(f, &raster_grid), &scale);
    write_svg(dir, name, size, |area| {
        let fig = SurfaceFigure {
            w1,
            w2,
            scale,
            contours: &contours,
            paths,
            highlight: None,
            pixel_ratio,
            raster: Some((&rgba, raster_grid.columns, raster_grid.rows)),
        };
        surface::draw(area, &fig)?;
        Ok(())
    })
}

fn main() -> Result<(), Box<dyn Error>> {
    let dir = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/plot-preview")
        });
    std::fs::create_dir_all(&dir)?;

    // Figure 2, top: Rosenbrock with an RMSProp path.
    let (w1, w2) = ([-2.0, 2.0], [-1.0, 3.0]);
    let (points, errors, scales) = rmsprop(rosenbrock, [-1.8, -0.5], 0.02, 0.9, 300);
    let contour_grid = Grid {
        w1,
        w2,
        columns: 240,
        rows: 240,
    };
    let contour_values = sample(rosenbrock, &contour_grid);
    let scale = ColorScale::fit(&contour_values);
    let contours: Vec<(f64, Vec<[[f64; 2]; 2]>)> = contour::levels(&scale, 10)
        .into_iter()
        .map(|level| {
            (
                level,
                contour::segments(&contour_values, &contour_grid, level),
            )
        })
        .collect();
    let size = (720, 540);
    let frame = surface::layout(size.0, size.1, 1.0, w1, w2);
    let raster_grid = Grid {
        w1,
        w2,
        columns: frame.width as usize / 2,
        rows: frame.height as usize / 2,
    };
    let rgba = raster::surface_rgba(&sample(rosenbrock, &raster_grid), &scale);
    let paths = [Path {
        points: points.clone(),
        style: PathStyle::Ramp,
        label: "rmsprop".into(),
    }];
    write_svg(&dir, "surface.svg", size, |area| {
        let fig = SurfaceFigure {
            w1,
            w2,
            scale,
            contours: &contours,
            paths: &paths,
            highlight: Some((0, 60)),
            pixel_ratio: 1.0,
            raster: Some((&rgba, raster_grid.columns, raster_grid.rows)),
        };
        surface::draw(area, &fig)?;
        Ok(())
    })?;

    // Compare mode: several optimizers in solid colours, with a legend.
    let compare = [
        Path {
            points: points.clone(),
            style: PathStyle::Solid(PALETTE[0]),
            label: "rmsprop".into(),
        },
        Path {
            points: momentum(rosenbrock, [-1.8, -0.5], 0.0002, 300),
            style: PathStyle::Solid(PALETTE[1]),
            label: "momentum".into(),
        },
        Path {
            points: rmsprop(rosenbrock, [-1.8, -0.5], 0.02, 0.0, 300).0,
            style: PathStyle::Solid(PALETTE[4]),
            label: "rmsprop β = 0".into(),
        },
    ];
    write_svg(&dir, "surface-compare.svg", size, |area| {
        let fig = SurfaceFigure {
            w1,
            w2,
            scale,
            contours: &contours,
            paths: &compare,
            highlight: None,
            pixel_ratio: 1.0,
            raster: Some((&rgba, raster_grid.columns, raster_grid.rows)),
        };
        surface::draw(area, &fig)?;
        Ok(())
    })?;

    // The article's bowl on a small canvas (linear scale), and a wide Rosenbrock view at a
    // device pixel ratio of 2 (values up to 10⁵).
    let bowl_view = ([-20.0, 20.0], [-25.0, 25.0]);
    let (bowl_points, _, _) = rmsprop(bowl, [-15.0, 20.0], 0.5, 0.9, 60);
    surface_preview(
        &dir,
        "surface-small.svg",
        (420, 320),
        1.0,
        bowl,
        bowl_view,
        &[Path {
            points: bowl_points,
            style: PathStyle::Ramp,
            label: String::new(),
        }],
    )?;
    let wide = ([-5.0, 5.0], [-5.0, 25.0]);
    let (wide_points, _, _) = rmsprop(rosenbrock, [-4.0, 20.0], 0.05, 0.9, 300);
    surface_preview(
        &dir,
        "surface-2x.svg",
        (1440, 1080),
        2.0,
        rosenbrock,
        wide,
        &[Path {
            points: wide_points,
            style: PathStyle::Ramp,
            label: String::new(),
        }],
    )?;

    // Figure 2, bottom: the error course with s1 and s2 switched on.
    let series = vec![
        Series {
            dash: Default::default(),
            name: "E(w(t))".into(),
            values: errors,
            color: PALETTE[0],
            visible: true,
        },
        Series {
            dash: Default::default(),
            name: "s1".into(),
            values: scales.iter().map(|s| s[0]).collect(),
            color: PALETTE[1],
            visible: true,
        },
        Series {
            dash: Default::default(),
            name: "s2".into(),
            values: scales.iter().map(|s| s[1]).collect(),
            color: PALETTE[2],
            visible: false,
        },
    ];
    for (name, log_scale) in [("course.svg", true), ("course-linear.svg", false)] {
        write_svg(&dir, name, (720, 260), |area| {
            let fig = CourseFigure {
                series: &series,
                log_scale,
                highlight: Some(60),
                pixel_ratio: 1.0,
                x_label: "t",
                y_label: "E(w(t))",
            };
            course::draw(area, &fig)?;
            Ok(())
        })?;
    }

    // Figure 3: amplification maps.
    let betas = [0.0, 0.5, 0.9, 0.99];
    let (g1, g2) = ([-4.0, 4.0], [-4.0, 4.0]);
    let size = (1000, 300);
    let frames = amplification::layout(size.0, size.1, 1.0, betas.len(), g1, g2);
    let side = frames.first().map_or(1, |f| f.width as usize / 2).max(1);
    let grid = Grid {
        w1: g1,
        w2: g2,
        columns: side,
        rows: side,
    };
    let values: Vec<Vec<f64>> = betas
        .iter()
        .map(|&b| amplification_on(&grid, b, DEFAULT_LR, DEFAULT_EPS))
        .collect();
    let limit = 4.0;
    let rasters: Vec<Vec<u8>> = values
        .iter()
        .map(|v| raster::diverging_rgba(v, limit))
        .collect();
    let maps: Vec<(f64, &[u8], usize, usize)> = betas
        .iter()
        .zip(&rasters)
        .map(|(&b, r)| (b, r.as_slice(), side, side))
        .collect();
    write_svg(&dir, "amplification.svg", size, |area| {
        amplification::draw(
            area,
            &AmplificationFigure {
                g1,
                g2,
                maps: &maps,
                limit,
                pixel_ratio: 1.0,
            },
        )?;
        Ok(())
    })?;
    // Narrow: the maps shrink and their rasters (sized for the wide layout) stretch.
    write_svg(&dir, "amplification-narrow.svg", (560, 200), |area| {
        let fig = AmplificationFigure {
            g1,
            g2,
            maps: &maps,
            limit,
            pixel_ratio: 1.0,
        };
        amplification::draw(area, &fig)?;
        Ok(())
    })?;

    // Figure 1: the article's numerical example on 3·w1² + 10·w2².
    let start = [-15.0, 20.0];
    let mut gd_points = vec![start];
    let mut gd_arrows = Vec::new();
    for _ in 0..2 {
        let w = *gd_points.last().unwrap_or(&start);
        let (_, g) = bowl(w);
        gd_arrows.push(Arrow {
            from: w,
            vector: [0.001 * g[0], 0.001 * g[1]],
        });
        gd_points.push([w[0] - 0.001 * g[0], w[1] - 0.001 * g[1]]);
    }
    let (ada_points, _, _) = rmsprop(bowl, start, 0.05, 0.9, 2);
    let mut s = [0.0, 0.0];
    let ada_arrows: Vec<Arrow> = ada_points[..2]
        .iter()
        .map(|&w| {
            let (_, g) = bowl(w);
            let mut v = [0.0; 2];
            for i in 0..2 {
                s[i] = 0.9 * s[i] + 0.1 * g[i] * g[i];
                v[i] = 0.05 * g[i] / (s[i] + 1e-8).sqrt();
            }
            Arrow { from: w, vector: v }
        })
        .collect();
    let series = [
        StepSeries {
            label: "gradient descent, η = 0.001".into(),
            color: PALETTE[0],
            points: gd_points,
            arrows: gd_arrows,
            arrow_label: "∇E × 0.001".into(),
        },
        StepSeries {
            label: "adaptive, η = 0.05, β = 0.9".into(),
            color: PALETTE[1],
            points: ada_points,
            arrows: ada_arrows,
            arrow_label: "v(t)".into(),
        },
    ];
    let (w1, w2) = ([-15.3, -14.6], [19.1, 20.5]);
    let grid = Grid {
        w1,
        w2,
        columns: 160,
        rows: 160,
    };
    let values = sample(bowl, &grid);
    let contours: Vec<(f64, Vec<[[f64; 2]; 2]>)> = contour::levels(&ColorScale::fit(&values), 12)
        .into_iter()
        .map(|level| (level, contour::segments(&values, &grid, level)))
        .collect();
    write_svg(&dir, "steps.svg", (640, 560), |area| {
        steps::draw(
            area,
            &StepsFigure {
                w1,
                w2,
                contours: &contours,
                series: &series,
                highlight: Some((1, 1)),
                pixel_ratio: 1.0,
            },
        )?;
        Ok(())
    })?;
    Ok(())
}
