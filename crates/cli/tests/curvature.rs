//! `descent trajectory --curvature`, `--rotate` and `descent figure trajectory --curvature`,
//! run as a user runs them.

mod common;

use common::{descent, stderr, stdout, texts};

/// The CSV's header and rows (empty cells as NaN).
fn csv(text: &str) -> (Vec<String>, Vec<Vec<f64>>) {
    let mut lines = text.lines();
    let header = lines
        .next()
        .unwrap_or_default()
        .split(',')
        .map(str::to_owned)
        .collect();
    let rows = lines
        .map(|l| {
            l.split(',')
                .map(|c| c.parse().unwrap_or(f64::NAN))
                .collect()
        })
        .collect();
    (header, rows)
}

fn run(args: &[&str]) -> (Vec<String>, Vec<Vec<f64>>) {
    let output = descent(args);
    assert!(output.status.success(), "{args:?}: {}", stderr(&output));
    csv(&stdout(&output))
}

#[test]
fn the_articles_run_prints_its_curvature_and_ends_on_its_edge() {
    let (header, rows) = run(&["trajectory", "--steps", "2000", "--curvature"]);
    assert_eq!(
        header[6..],
        [
            "s1",
            "s2",
            "h11",
            "h12",
            "h22",
            "lambda1",
            "lambda2",
            "pre_sharpness",
            "threshold"
        ]
    );
    let last = rows.last().cloned().unwrap_or_default();
    assert_eq!(last[8..13], [6.0, 0.0, 20.0, 20.0, 6.0]);
    assert!((last[13] - 2.0).abs() < 0.01, "{last:?}");
    assert_eq!(last[14], 2.0);
    // Without the flag, the same run prints the same columns it always did.
    let (plain_header, plain_rows) = run(&["trajectory", "--steps", "2000"]);
    assert_eq!(plain_header, header[..8]);
    assert_eq!(plain_rows.last().map(Vec::as_slice), Some(&last[..8]));
}

#[test]
fn a_sign_based_step_has_no_threshold_and_rotate_turns_the_surface() {
    let output = descent(&[
        "trajectory",
        "--optimizer",
        "lion",
        "--steps",
        "1",
        "--curvature",
    ]);
    let text = stdout(&output);
    assert!(
        text.lines().nth(1).is_some_and(|l| l.ends_with(',')),
        "{text}"
    );
    let json = stdout(&descent(&[
        "trajectory",
        "--optimizer",
        "lion",
        "--steps",
        "1",
        "--curvature",
        "--format",
        "json",
    ]));
    assert!(json.contains("\"threshold\":[null,null]"), "{json}");
    // The article's bowl turned by 90°: 10·w1² + 3·w2², its Hessian diag(20, 6).
    let (header, rows) = run(&[
        "trajectory",
        "--rotate",
        "90",
        "--steps",
        "0",
        "--curvature",
    ]);
    let h11 = header.iter().position(|h| h == "h11").unwrap_or_default();
    assert_eq!(rows[0][h11..h11 + 3], [20.0, 0.0, 6.0]);
    assert_eq!(
        rows[0][3],
        10.0 * 225.0 + 3.0 * 400.0,
        "E(−15, 20) of the turned bowl"
    );
    let bad = descent(&["trajectory", "--rotate", "720"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("`rotate` must be degrees from -360 to 360"));
}

#[test]
fn the_figure_draws_the_readout_the_glyph_and_the_strip() {
    let out = std::env::temp_dir().join(format!("descent-curvature-{}.svg", std::process::id()));
    let path = out.to_string_lossy().into_owned();
    let args = [
        "figure",
        "trajectory",
        "--curvature",
        "--steps",
        "2000",
        "--out",
        &path,
    ];
    let output = descent(&args);
    assert!(output.status.success(), "{}", stderr(&output));
    let svg = std::fs::read_to_string(&out).unwrap_or_default();
    let _ = std::fs::remove_file(&out);
    let texts = texts(&svg);
    assert!(
        texts
            .iter()
            .any(|t| t == "At t = 2000: λ1 = 20, λ2 = 6, κ = 3.33"),
        "{texts:?}"
    );
    assert!(
        texts
            .iter()
            .any(|t| t.ends_with("on the edge of stability")),
        "{texts:?}"
    );
    assert!(
        texts.iter().any(|t| t == "λ1(D½HD½)"),
        "the strip's axis: {texts:?}"
    );
    assert!(
        texts.iter().any(|t| t == "threshold"),
        "the strip's legend: {texts:?}"
    );
    // The glyph: the step's ellipse in the edge's amber, the sharpest axis in red.
    assert!(svg.contains("#E69F00"), "the amber ellipse");
    assert!(svg.contains("#D53E1F"), "the sharpest axis");
    // The curvature columns stay out of the course's legend.
    assert!(
        !texts.iter().any(|t| t == "h11" || t == "pre_sharpness"),
        "{texts:?}"
    );
}
