//! Each figure rendered to SVG and read back: what it shows, where, and in which colours.
//! Long by design: one test per figure and layer, all reading SVG through one helper.

mod svg;

use descent_core::Grid;
use descent_plot::amplification::{self, AmplificationFigure};
use descent_plot::colormap::{trajectory_blue, PALETTE};
use descent_plot::contour::{self, Segment};
use descent_plot::course::{self, CourseFigure, Series};
use descent_plot::steps::{self, Arrow, StepSeries, StepsFigure};
use descent_plot::surface::{self, Path, PathStyle, SurfaceFigure};
use descent_plot::{raster, ColorScale, Frame, PlotError};
use svg::{elements, number, points, render, svg_colour, text_elements, texts};

const W1: [f64; 2] = [-2.0, 2.0];
const W2: [f64; 2] = [-1.0, 3.0];

fn sample(grid: &Grid, f: impl Fn(f64, f64) -> f64) -> Vec<f64> {
    (0..grid.rows)
        .flat_map(|r| (0..grid.columns).map(move |c| (r, c)))
        .map(|(r, c)| f(grid.w1_at(c), grid.w2_at(r)))
        .collect()
}

fn rosenbrock(a: f64, b: f64) -> f64 {
    (1.0 - a).powi(2) + 100.0 * (b - a * a).powi(2)
}

fn contours(grid: &Grid, values: &[f64], scale: &ColorScale) -> Vec<(f64, Vec<Segment>)> {
    contour::levels(scale, 8)
        .into_iter()
        .map(|level| (level, contour::segments(values, grid, level)))
        .collect()
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

fn inside(frame: &Frame, (x, y): (f64, f64)) -> bool {
    frame.contains(x, y)
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

fn course_series() -> Vec<Series> {
    let errors: Vec<f64> = (0..40).map(|t| 1000.0 * 0.8f64.powi(t)).collect();
    vec![
        Series {
            dash: Default::default(),
            name: "E(w(t))".into(),
            label: "E(w(t))".into(),
            values: errors,
            color: PALETTE[0],
            visible: true,
        },
        Series {
            dash: Default::default(),
            name: "s1".into(),
            label: "s1".into(),
            values: (0..40).map(|t| 50.0 + f64::from(t)).collect(),
            color: PALETTE[1],
            visible: true,
        },
        Series {
            dash: Default::default(),
            name: "s2".into(),
            label: "s2".into(),
            values: (0..40).map(|t| 5.0 + f64::from(t)).collect(),
            color: PALETTE[2],
            visible: false,
        },
    ]
}

#[test]
fn course_draws_visible_series_and_lists_all_in_the_legend() {
    let series = course_series();
    let fig = CourseFigure {
        series: &series,
        log_scale: true,
        highlight: Some(10),
        pixel_ratio: 1.0,
        x_label: "t",
        y_label: "E(w(t))",
    };
    let (svg, result) = render(720, 260, |area| course::draw(area, &fig));
    let (frame, legend) = result.expect("drawn");

    // Every series is in the legend, in order, in disjoint boxes above the frame.
    assert_eq!(
        legend.iter().map(|e| e.index).collect::<Vec<_>>(),
        vec![0, 1, 2]
    );
    for pair in legend.windows(2) {
        assert!(pair[0].x + pair[0].width as i32 <= pair[1].x || pair[0].y != pair[1].y);
    }
    assert!(legend.iter().all(|e| e.y + e.height as i32 <= frame.y));
    let labels = texts(&svg);
    for expected in ["E(w(t))", "s1", "s2", "t", "0", "10", "20", "30"] {
        assert!(
            labels.iter().any(|t| t == expected),
            "{expected} missing in {labels:?}"
        );
    }
    // A log axis over 1.3e-1 … 1e3 has decade ticks.
    assert!(
        labels.iter().any(|t| t == "1") && labels.iter().any(|t| t == "100"),
        "{labels:?}"
    );
    assert_eq!(frame.y_range.map(|v| v.round()), [-1.0, 3.0]);

    // Visible series are lines of 40 points; the hidden one is not drawn but its legend swatch
    // and label are greyed out.
    let polylines = elements(&svg, "polyline");
    let line_of = |rgb: [u8; 3]| {
        polylines
            .iter()
            .filter(|p| p["stroke"] == svg_colour(rgb))
            .map(|p| points(&p["points"]).len())
            .max()
            .unwrap_or(0)
    };
    assert_eq!(line_of(PALETTE[0]), 40);
    assert_eq!(line_of(PALETTE[1]), 40);
    assert_eq!(line_of(PALETTE[2]), 0);
    // E(w(t)) falls on the log axis as a straight line: its first and last points hit the
    // frame at log10 of the values.
    let e = polylines
        .iter()
        .find(|p| p["stroke"] == svg_colour(PALETTE[0]) && points(&p["points"]).len() == 40)
        .map(|p| points(&p["points"]))
        .unwrap_or_default();
    let expected_first = frame.screen_from_data([0.0, 3.0]);
    assert!((e[0].0 - expected_first.0).abs() <= 1.0 && (e[0].1 - expected_first.1).abs() <= 1.0);
    let s2_label = text_elements(&svg)
        .into_iter()
        .find(|(_, t)| t == "s2")
        .map(|(a, _)| a["fill"].clone());
    assert_eq!(s2_label.as_deref(), Some("#AAAAAA"));
    // The highlight marker: a vertical line at t = 10 across the frame.
    let x10 = frame.screen_from_data([10.0, 0.0]).0.round();
    assert!(polylines.iter().any(|p| {
        let q = points(&p["points"]);
        q.len() == 2 && q[0].0 == x10 && q[1].0 == x10 && q[0].1 == f64::from(frame.y)
    }));
}

#[test]
fn course_log_axis_skips_values_it_cannot_show() {
    let series = vec![Series {
        dash: Default::default(),
        name: "E".into(),
        label: "E".into(),
        values: vec![10.0, 1.0, 0.0, -1.0, 0.1, 0.01],
        color: PALETTE[3],
        visible: true,
    }];
    let fig = CourseFigure {
        series: &series,
        log_scale: true,
        highlight: None,
        pixel_ratio: 1.0,
        x_label: "t",
        y_label: "E",
    };
    let (svg, result) = render(400, 200, |area| course::draw(area, &fig));
    let (frame, _) = result.expect("drawn");
    // Lines inside the frame (the legend swatch lies above it).
    let pieces: Vec<Vec<(f64, f64)>> = elements(&svg, "polyline")
        .iter()
        .filter(|p| p["stroke"] == svg_colour(PALETTE[3]))
        .map(|p| points(&p["points"]))
        .filter(|q| q.iter().all(|&q| inside(&frame, q)))
        .collect();
    let starts: Vec<f64> = pieces
        .iter()
        .map(|q| {
            frame
                .data_from_screen(q[0].0, q[0].1)
                .map_or(f64::NAN, |p| p[0].round())
        })
        .collect();
    assert_eq!(starts, vec![0.0, 4.0], "pieces start at t = 0 and t = 4");
    let lengths: Vec<usize> = pieces.iter().map(Vec::len).collect();
    assert_eq!(
        lengths,
        vec![2, 2],
        "two pieces around the non-positive values"
    );
    assert_eq!(frame.y_range.map(|v| v.round()), [-2.0, 1.0]);
}

#[test]
fn amplification_maps_sit_side_by_side_with_titles_and_a_shared_colour_bar() {
    let betas = [0.0, 0.5, 0.9, 0.99];
    let (g1, g2) = ([-4.0, 4.0], [-4.0, 4.0]);
    let frames = amplification::layout(1000, 300, 1.0, betas.len(), g1, g2);
    assert_eq!(frames.len(), 4);
    let side = frames[0].width as usize;
    let grid = Grid {
        w1: g1,
        w2: g2,
        columns: side,
        rows: side,
    };
    let rasters: Vec<Vec<u8>> = betas
        .iter()
        .map(|&b| {
            raster::diverging_rgba(
                &descent_core::amplification::amplification_on(&grid, b, 1.0, 1e-8),
                4.0,
            )
        })
        .collect();
    // The second map is left for the browser to paint.
    let maps: Vec<(f64, &[u8], usize, usize)> = betas
        .iter()
        .zip(&rasters)
        .enumerate()
        .map(|(i, (&b, r))| (b, if i == 1 { &[][..] } else { r.as_slice() }, side, side))
        .collect();
    let fig = AmplificationFigure {
        g1,
        g2,
        maps: &maps,
        limit: 4.0,
        pixel_ratio: 1.0,
    };
    let (svg, drawn) = render(1000, 300, |area| amplification::draw(area, &fig));
    assert_eq!(drawn.as_ref(), Ok(&frames));
    for pair in frames.windows(2) {
        assert!(pair[0].right() < pair[1].x, "maps overlap");
        assert_eq!(
            (pair[0].y, pair[0].width, pair[0].height),
            (pair[1].y, pair[1].width, pair[1].height)
        );
    }
    assert!(frames.iter().all(|f| f.width == f.height), "square maps");
    let labels = texts(&svg);
    for expected in [
        "β = 0",
        "β = 0.5",
        "β = 0.9",
        "β = 0.99",
        "Cₐ",
        "g1",
        "g2",
        "\u{2212}4",
        "4",
    ] {
        assert!(
            labels.iter().any(|t| t == expected),
            "{expected} missing in {labels:?}"
        );
    }
    // g2 is labelled once (shared axis), g1 under every map.
    assert_eq!(labels.iter().filter(|t| *t == "g2").count(), 1);
    assert_eq!(labels.iter().filter(|t| *t == "g1").count(), 4);
    // Rasters painted in maps 0, 2, 3 only.
    let rects = elements(&svg, "rect");
    let painted = |f: &Frame| {
        rects.iter().any(|r| {
            f.contains(number(r, "x") + 0.5, number(r, "y") + 0.5)
                && number(r, "x") < f64::from(f.right())
        })
    };
    assert_eq!(
        frames.iter().map(painted).collect::<Vec<_>>(),
        vec![true, false, true, true]
    );
    // Red (amplified) near the origin for β = 0.9, blue (attenuated) at the top edge.
    let f = frames[2];
    let colour_at = |p: [f64; 2]| {
        let (x, y) = f.screen_from_data(p);
        rects
            .iter()
            .find(|r| {
                let (rx, ry) = (number(r, "x"), number(r, "y"));
                x >= rx && x < rx + number(r, "width") && y >= ry && y < ry + number(r, "height")
            })
            .map(|r| r["fill"].clone())
    };
    let red = colour_at([0.5, 0.5]).unwrap_or_default();
    let blue = colour_at([3.9, 3.9]).unwrap_or_default();
    let channel =
        |hex: &str, i: usize| u8::from_str_radix(&hex[1 + 2 * i..3 + 2 * i], 16).unwrap_or(0);
    assert!(channel(&red, 0) > channel(&red, 2), "{red}");
    assert!(channel(&blue, 2) > channel(&blue, 0), "{blue}");
}

#[test]
fn first_steps_show_points_arrows_and_a_legend() {
    let series = [
        StepSeries {
            label: "gradient descent".into(),
            color: PALETTE[0],
            points: vec![[-15.0, 20.0], [-14.91, 19.6], [-14.82, 19.21]],
            arrows: vec![
                Arrow {
                    from: [-15.0, 20.0],
                    vector: [-0.09, 0.4],
                },
                Arrow {
                    from: [-14.91, 19.6],
                    vector: [-0.089, 0.392],
                },
            ],
            arrow_label: "∇E × 0.001".into(),
        },
        StepSeries {
            label: "adaptive".into(),
            color: PALETTE[1],
            points: vec![[-15.0, 20.0], [-14.84, 19.84], [-14.73, 19.73]],
            arrows: vec![Arrow {
                from: [-15.0, 20.0],
                vector: [-0.16, 0.16],
            }],
            arrow_label: "v(t)".into(),
        },
    ];
    let grid = Grid {
        w1: [-15.3, -14.6],
        w2: [19.1, 20.5],
        columns: 60,
        rows: 60,
    };
    let values = sample(&grid, |a, b| 3.0 * a * a + 10.0 * b * b);
    let contours = contours(&grid, &values, &ColorScale::fit(&values));
    let fig = StepsFigure {
        w1: grid.w1,
        w2: grid.w2,
        contours: &contours,
        series: &series,
        highlight: Some((1, 2)),
        pixel_ratio: 1.0,
    };
    let (svg, frame) = render(640, 560, |area| steps::draw(area, &fig));
    let frame = frame.expect("drawn");
    let labels = texts(&svg);
    for expected in [
        "gradient descent",
        "adaptive",
        "∇E × 0.001",
        "v(t)",
        "w1",
        "w2",
        "\u{2212}15.0",
        "20.0",
    ] {
        assert!(
            labels.iter().any(|t| t == expected),
            "{expected} missing in {labels:?}"
        );
    }
    // Arrow heads: one per arrow inside the frame plus one per arrow legend swatch.
    let heads = |rgb: [u8; 3]| {
        elements(&svg, "polygon")
            .into_iter()
            .filter(|p| p["fill"] == svg_colour(rgb))
            .collect::<Vec<_>>()
    };
    assert_eq!(heads(PALETTE[0]).len(), 2 + 1);
    assert_eq!(heads(PALETTE[1]).len(), 1 + 1);
    // The first gradient arrow's tip is at w(0) + vector.
    let tip = frame.screen_from_data([-15.09, 20.4]);
    let first_tip = points(&heads(PALETTE[0])[1]["points"])[0];
    assert!(
        (first_tip.0 - tip.0).abs() <= 1.0 && (first_tip.1 - tip.1).abs() <= 1.0,
        "{first_tip:?} vs {tip:?}"
    );
    // Three dots per series inside the frame (plus the legend swatch and the highlight).
    let dots = |rgb: [u8; 3]| {
        elements(&svg, "circle")
            .into_iter()
            .filter(|c| {
                c["fill"] == svg_colour(rgb) && inside(&frame, (number(c, "cx"), number(c, "cy")))
            })
            .count()
    };
    assert_eq!(dots(PALETTE[0]), 3);
    assert_eq!(dots(PALETTE[1]), 3 + 1);
    // Contours are grey lines inside the frame.
    let grey: Vec<_> = elements(&svg, "polyline")
        .into_iter()
        .filter(|p| p["stroke"] == "#8C8C8C")
        .collect();
    assert!(!grey.is_empty());
    assert!(grey
        .iter()
        .all(|p| points(&p["points"]).iter().all(|&q| inside(&frame, q))));
}

#[test]
fn course_of_one_step_shows_a_dot_and_an_all_hidden_course_still_draws() {
    let series = vec![Series {
        dash: Default::default(),
        name: "E(w(t))".into(),
        label: "E(w(t))".into(),
        values: vec![3.0],
        color: PALETTE[0],
        visible: true,
    }];
    let fig = CourseFigure {
        series: &series,
        log_scale: false,
        highlight: None,
        pixel_ratio: 1.0,
        x_label: "t",
        y_label: "E(w(t))",
    };
    let (svg, result) = render(400, 200, |area| course::draw(area, &fig));
    let (frame, _) = result.expect("drawn");
    let dots: Vec<_> = elements(&svg, "circle")
        .into_iter()
        .filter(|c| c["fill"] == svg_colour(PALETTE[0]))
        .collect();
    assert_eq!(dots.len(), 1);
    let (x, y) = frame.screen_from_data([0.0, 3.0]);
    assert_eq!(
        (number(&dots[0], "cx"), number(&dots[0], "cy")),
        (x.round(), y.round())
    );

    let hidden = vec![Series {
        dash: Default::default(),
        visible: false,
        ..series[0].clone()
    }];
    let fig = CourseFigure {
        series: &hidden,
        log_scale: true,
        ..fig
    };
    let (svg, result) = render(400, 200, |area| course::draw(area, &fig));
    let (frame, legend) = result.expect("drawn");
    assert_eq!(legend.len(), 1);
    assert!(!frame.is_empty());
    assert!(elements(&svg, "circle").is_empty());
}
