//! The course, amplification and first-steps figures rendered to SVG and read back: what
//! they show, where, and in which colours (the surface figure: surface.rs).

mod common;
mod svg;

use common::{contours, inside, sample};
use descent_core::Grid;
use descent_plot::amplification::{self, AmplificationFigure};
use descent_plot::colormap::PALETTE;
use descent_plot::course::{self, CourseFigure, Series};
use descent_plot::steps::{self, Arrow, StepSeries, StepsFigure};
use descent_plot::{raster, ColorScale, Frame};
use svg::{elements, number, points, render, svg_colour, text_elements, texts};

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
