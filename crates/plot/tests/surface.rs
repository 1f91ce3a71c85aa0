//! The surface figure rendered to SVG and read back: axes, colour bar, contours and paths,
//! where they are and in which colours; its layout at any size; clipping; invalid input.

mod common;
mod svg;

use common::{contours, inside, sample};
use descent_core::Grid;
use descent_plot::colormap::{trajectory_blue, PALETTE};
use descent_plot::surface::{self, Path, PathStyle, SurfaceFigure};
use descent_plot::{raster, ColorScale, PlotError};
use svg::{elements, number, points, render, svg_colour, text_elements, texts};

const W1: [f64; 2] = [-2.0, 2.0];
const W2: [f64; 2] = [-1.0, 3.0];

fn rosenbrock(a: f64, b: f64) -> f64 {
    (1.0 - a).powi(2) + 100.0 * (b - a * a).powi(2)
}

fn ramp_path() -> Path {
    Path {
        points: vec![
            [-1.5, 2.5],
            [-1.0, 1.5],
            [-0.5, 0.5],
            [0.0, 0.2],
            [0.5, 0.4],
            [0.9, 0.8],
        ],
        style: PathStyle::Ramp,
        label: "rmsprop".into(),
    }
}

#[test]
fn surface_shows_axes_colour_bar_contours_and_the_ramp_path() {
    let grid = Grid {
        w1: W1,
        w2: W2,
        columns: 80,
        rows: 80,
    };
    let values = sample(&grid, rosenbrock);
    let scale = ColorScale::fit(&values);
    let contours = contours(&grid, &values, &scale);
    let paths = [ramp_path()];
    let raster_grid = Grid {
        w1: W1,
        w2: W2,
        columns: 40,
        rows: 30,
    };
    let rgba = raster::surface_rgba(&sample(&raster_grid, rosenbrock), &scale);
    let fig = SurfaceFigure {
        w1: W1,
        w2: W2,
        scale,
        contours: &contours,
        paths: &paths,
        highlight: None,
        pixel_ratio: 1.0,
        raster: Some((&rgba, 40, 30)),
    };
    let (svg, frame) = render(640, 480, |area| surface::draw(area, &fig));
    let frame = frame.expect("drawn");
    assert_eq!(frame, surface::layout(640, 480, 1.0, W1, W2));

    let labels = texts(&svg);
    for expected in [
        "w1",
        "w2",
        "E(w)",
        "\u{2212}2",
        "0",
        "2",
        "\u{2212}1.0",
        "3.0",
    ] {
        assert!(
            labels.iter().any(|t| t == expected),
            "missing label {expected:?} in {labels:?}"
        );
    }
    // A log scale labels its colour bar with powers of ten.
    assert!(scale.is_log());
    assert!(
        labels.iter().any(|t| t == "10") && labels.iter().any(|t| t == "100"),
        "{labels:?}"
    );

    // x tick labels sit below the frame at the positions of their values.
    for (attrs, text) in text_elements(&svg) {
        if text == "\u{2212}2" && number(&attrs, "y") > f64::from(frame.bottom()) {
            assert!((number(&attrs, "x") - f64::from(frame.x)).abs() <= 1.0);
        }
    }

    // The raster fills the frame exactly.
    let rects = elements(&svg, "rect");
    let in_frame: Vec<_> = rects
        .iter()
        .filter(|r| number(r, "x") < f64::from(frame.right()))
        .collect();
    let area: f64 = in_frame
        .iter()
        .map(|r| number(r, "width") * number(r, "height"))
        .sum();
    assert_eq!(area, f64::from(frame.width) * f64::from(frame.height));
    // The colour bar lies right of the frame.
    assert!(rects
        .iter()
        .any(|r| number(r, "x") > f64::from(frame.right())));

    // One dot per iteration, first and last in the ramp's end colours.
    let n = paths[0].points.len();
    let ramp: Vec<String> = (0..n)
        .map(|i| svg_colour(trajectory_blue(i as f64 / (n - 1) as f64)))
        .collect();
    let dots: Vec<String> = elements(&svg, "circle")
        .iter()
        .filter(|c| c.get("fill").is_some_and(|f| ramp.contains(f)))
        .map(|c| c["fill"].clone())
        .collect();
    assert_eq!(dots.len(), n, "{dots:?}");
    assert_eq!(dots[0], svg_colour(trajectory_blue(0.0)));
    assert_eq!(dots[n - 1], svg_colour(trajectory_blue(1.0)));
    // The start is marked by a ring in the first colour.
    assert!(elements(&svg, "circle")
        .iter()
        .any(|c| c.get("fill").is_some_and(|f| f == "none") && c["stroke"] == ramp[0]));

    // The path's line segments: n − 1, coloured along the ramp, all inside the frame.
    let polylines = elements(&svg, "polyline");
    for i in 0..n - 1 {
        let colour = svg_colour(trajectory_blue((i as f64 + 0.5) / (n - 1) as f64));
        let segment: Vec<_> = polylines.iter().filter(|p| p["stroke"] == colour).collect();
        assert_eq!(segment.len(), 1, "segment {i}");
        assert!(points(&segment[0]["points"])
            .iter()
            .all(|&q| inside(&frame, q)));
    }
    // Contour lines are drawn (semi-transparent, inside the frame).
    let contour_lines: Vec<_> = elements(&svg, "polyline")
        .into_iter()
        .filter(|p| p["opacity"] != "1")
        .collect();
    assert!(
        contour_lines.len() >= contours.len(),
        "{}",
        contour_lines.len()
    );
    for p in &contour_lines {
        assert!(points(&p["points"]).iter().all(|&q| inside(&frame, q)));
    }
}

#[test]
fn surface_without_raster_leaves_the_data_area_transparent() {
    let scale = ColorScale::Linear {
        min: 0.0,
        max: 10.0,
    };
    let paths = [ramp_path()];
    let fig = SurfaceFigure {
        w1: W1,
        w2: W2,
        scale,
        contours: &[],
        paths: &paths,
        highlight: Some((0, 2)),
        pixel_ratio: 1.0,
        raster: None,
    };
    let (svg, frame) = render(500, 400, |area| surface::draw(area, &fig));
    let frame = frame.expect("drawn");
    // Only the colour bar paints rectangles; nothing fills the canvas or the data area.
    for r in elements(&svg, "rect") {
        assert!(number(&r, "x") > f64::from(frame.right()), "{r:?}");
    }
    // The highlighted point gets a bigger dot in its ramp colour.
    let big = elements(&svg, "circle")
        .into_iter()
        .filter(|c| c["fill"] == svg_colour(trajectory_blue(0.4)))
        .map(|c| number(&c, "r"))
        .fold(0.0, f64::max);
    assert!(big >= 5.0, "{big}");
    // Linear colour bar ticks.
    let labels = texts(&svg);
    for expected in ["0", "2", "4", "6", "8", "10"] {
        assert!(
            labels.iter().any(|t| t == expected),
            "{expected} missing in {labels:?}"
        );
    }
}

#[test]
fn layout_equals_the_drawn_frame_at_any_size_and_pixel_ratio() {
    for &(width, height, ratio) in &[
        (640, 480, 1.0),
        (1280, 960, 2.0),
        (333, 251, 1.5),
        (60, 40, 1.0),
        (0, 0, 1.0),
    ] {
        let fig = SurfaceFigure {
            w1: [-20.0, 20.0],
            w2: [-0.001, 0.002],
            scale: ColorScale::Linear { min: 0.0, max: 1.0 },
            contours: &[],
            paths: &[],
            highlight: None,
            pixel_ratio: ratio,
            raster: None,
        };
        let (_, frame) = render(width.max(1), height.max(1), |area| {
            surface::draw(area, &fig)
        });
        let expected = surface::layout(width.max(1), height.max(1), ratio, fig.w1, fig.w2);
        assert_eq!(frame, Ok(expected), "{width}×{height} at {ratio}");
        if !expected.is_empty() {
            assert!(expected.right() <= width as i32 && expected.bottom() <= height as i32);
        }
    }
    // Margins scale with the pixel ratio: the same figure at 2× is the 1× figure doubled.
    let one = surface::layout(640, 480, 1.0, W1, W2);
    let two = surface::layout(1280, 960, 2.0, W1, W2);
    assert!(
        (two.x - 2 * one.x).abs() <= 2 && (two.y - 2 * one.y).abs() <= 2,
        "{one:?} {two:?}"
    );
    assert!((i64::from(two.width) - 2 * i64::from(one.width)).abs() <= 3);
}

#[test]
fn paths_leaving_the_view_are_clipped_not_squashed() {
    let wild = Path {
        points: vec![
            [0.0, 1.0],
            [5.0, 1.0],
            [1e300, -1e300],
            [f64::NAN, 0.0],
            [0.5, 0.5],
            [1.0, 0.5],
        ],
        style: PathStyle::Solid(PALETTE[1]),
        label: String::new(),
    };
    let fig = SurfaceFigure {
        w1: W1,
        w2: W2,
        scale: ColorScale::Linear { min: 0.0, max: 1.0 },
        contours: &[],
        paths: std::slice::from_ref(&wild),
        highlight: Some((0, 1)),
        pixel_ratio: 1.0,
        raster: None,
    };
    let (svg, frame) = render(500, 400, |area| surface::draw(area, &fig));
    let frame = frame.expect("drawn");
    let colour = svg_colour(PALETTE[1]);
    let lines: Vec<_> = elements(&svg, "polyline")
        .into_iter()
        .filter(|p| p["stroke"] == colour)
        .collect();
    assert_eq!(
        lines.len(),
        2,
        "the line leaves the view and comes back after the NaN"
    );
    for line in &lines {
        for q in points(&line["points"]) {
            assert!(inside(&frame, q), "{q:?} outside {frame:?}");
        }
    }
    // The first piece runs to the right edge of the frame at w2 = 1.
    let first = points(&lines[0]["points"]);
    let (x_edge, y_edge) = first[first.len() - 1];
    assert_eq!(x_edge, f64::from(frame.right()));
    assert!((y_edge - frame.screen_from_data([0.0, 1.0]).1).abs() <= 1.0);
    // Dots only for the points inside (0, 4, 5): none at the frame border.
    let dots = elements(&svg, "circle")
        .into_iter()
        .filter(|c| c["fill"] == colour)
        .count();
    assert_eq!(dots, 3);
}

#[test]
fn invalid_input_is_an_error_not_a_panic() {
    let fig = SurfaceFigure {
        w1: [1.0, -1.0],
        w2: W2,
        scale: ColorScale::Linear { min: 0.0, max: 1.0 },
        contours: &[],
        paths: &[],
        highlight: None,
        pixel_ratio: 1.0,
        raster: None,
    };
    let (_, result) = render(300, 200, |area| surface::draw(area, &fig));
    assert!(matches!(
        result,
        Err(PlotError::InvalidRange { axis: "w1", .. })
    ));
    let bytes = [0u8; 12];
    let fig = SurfaceFigure {
        w1: W1,
        raster: Some((&bytes, 2, 2)),
        ..fig
    };
    let (_, result) = render(300, 200, |area| surface::draw(area, &fig));
    let error = result.expect_err("raster of the wrong size");
    assert!(matches!(
        error,
        PlotError::RasterSize {
            bytes: 12,
            expected: 16,
            ..
        }
    ));
    assert!(error.to_string().contains("2×2"));
}
