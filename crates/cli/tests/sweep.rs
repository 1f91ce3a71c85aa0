//! `descent sweep` through the binary: each row equals the last row of `descent trajectory`
//! from that cell, printed the same way; bad grids, views and axes get one clear line.

use std::process::{Command, Output};

fn descent(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_descent"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8")
}

/// The CSV lines of a successful run, split into cells.
fn rows(output: &Output) -> Vec<Vec<String>> {
    assert!(output.status.success(), "{}", text(&output.stderr));
    text(&output.stdout)
        .lines()
        .map(|l| l.split(',').map(str::to_owned).collect())
        .collect()
}

/// The stop reason `descent trajectory` reports on stderr, as the sweep's word.
fn reason(stderr: &str) -> &'static str {
    match stderr.trim() {
        "" => "",
        s if s.starts_with("descent: converged at step") => "converged",
        s if s.starts_with("descent: diverged at step") => "diverged",
        s if s.starts_with("descent: stopped at step") => "undefined",
        s => panic!("unexpected message {s}"),
    }
}

/// Checks sweep rows `picked` against `descent trajectory` with `shared` options plus each
/// cell's own (from `cell_options`); returns the reasons seen.
fn check_rows(
    sweep: &[Vec<String>],
    picked: &[usize],
    shared: &[&str],
    cell_options: impl Fn(&[String]) -> Vec<String>,
) -> Vec<String> {
    let mut reasons = Vec::new();
    for &i in picked {
        let row = &sweep[i + 1];
        let mut args: Vec<String> = vec!["trajectory".into()];
        args.extend(shared.iter().map(|s| (*s).to_owned()));
        args.extend(cell_options(row));
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        let output = descent(&refs);
        let single = rows(&Output {
            status: output.status,
            stdout: output.stdout.clone(),
            stderr: Vec::new(),
        });
        let stderr = text(&output.stderr);
        let last = single.last().expect("header");
        if single.len() == 1 {
            // No row: the start itself is undefined.
            assert_eq!(row[4], "", "row {i}: {row:?}");
            assert_eq!(row[5], "0");
        } else {
            // t, w1, w2, error of the last row, printed the same way.
            assert_eq!(
                [&row[5], &row[2], &row[3], &row[4]],
                [&last[0], &last[1], &last[2], &last[3]],
                "row {i}: {args:?}"
            );
        }
        assert_eq!(row[6], reason(&stderr), "row {i}: {stderr}");
        reasons.push(row[6].clone());
    }
    reasons
}

#[test]
fn starts_rows_equal_trajectories_from_their_cells() {
    for tol in ["0", "0.05"] {
        for (function, optimizer, lr) in [
            ("(1-w1)^2 + 100*(w2-w1^2)^2", "rmsprop", "0.01"),
            ("3*w1^2 + 10*w2^2", "momentum", "0.09"),
            ("sqrt(w1) + w2^2", "adam", "0.2"),
        ] {
            let shared = [
                "--function",
                function,
                "--optimizer",
                optimizer,
                "--lr",
                lr,
                "--steps",
                "300",
                "--tol",
                tol,
            ];
            let mut args = vec!["sweep", "starts", "--view", "-2,2,-1,3", "--grid", "5,4"];
            args.extend(shared);
            let sweep = rows(&descent(&args));
            assert_eq!(
                sweep[0],
                ["start1", "start2", "w1", "w2", "error", "t", "stop"]
            );
            assert_eq!(sweep.len(), 21);
            assert_eq!(sweep[1][..2], ["-1.6", "-0.5"], "the first cell's centre");
            let reasons = check_rows(&sweep, &[0, 7, 13, 19], &shared, |row| {
                vec!["--start".into(), format!("{},{}", row[0], row[1])]
            });
            if tol != "0" && optimizer == "momentum" {
                assert!(reasons.iter().all(|r| r == "converged"), "{reasons:?}");
            }
        }
    }
}

#[test]
fn params_rows_equal_trajectories_with_their_values() {
    for tol in ["0", "1e-3"] {
        let shared = [
            "--function",
            "(1-w1)^2 + 100*(w2-w1^2)^2",
            "--optimizer",
            "adam",
            "--convention",
            "pytorch",
            "--start",
            "-1.2,1",
            "--steps",
            "400",
            "--tol",
            tol,
        ];
        let mut args = vec![
            "sweep",
            "params",
            "--x",
            "lr=1e-3:3:log",
            "--y",
            "beta1=0.5:0.95",
            "--grid",
            "6,3",
        ];
        args.extend(shared);
        let sweep = rows(&descent(&args));
        assert_eq!(sweep[0][..2], ["x", "y"]);
        assert_eq!(sweep.len(), 19);
        let reasons = check_rows(&sweep, &[0, 5, 8, 17], &shared, |row| {
            vec![
                "--lr".into(),
                row[0].clone(),
                "--beta1".into(),
                row[1].clone(),
            ]
        });
        assert!(reasons.len() == 4);
    }
}

#[test]
fn json_has_one_array_per_column() {
    // The second cell is `descent trajectory --function "sqrt(w1)" --start 0.5,0.5 --steps 2`.
    let output = descent(&[
        "sweep",
        "starts",
        "--function",
        "sqrt(w1)",
        "--view",
        "-1,1,0,1",
        "--grid",
        "2,1",
        "--steps",
        "2",
        "--format",
        "json",
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(
        text(&output.stdout),
        "{\"start1\":[-0.5,0.5],\"start2\":[0.5,0.5],\"w1\":[-0.5,0.2174832015561259],\
         \"w2\":[0.5,0.5],\"error\":[null,0.4663509424844405],\"t\":[0,2],\
         \"stop\":[\"undefined\",null]}\n"
    );
}

#[test]
fn bad_sweeps_get_one_clear_line() {
    let cases: [(&[&str], &str); 12] = [
        (
            &["sweep", "starts", "--view", "0,1,0,1", "--grid", "0"],
            "`grid` must be N or N,M: whole numbers of cells from 1 to 1024",
        ),
        (
            &["sweep", "starts", "--view", "0,1,0,1", "--grid", "12,x"],
            "not `12,x`",
        ),
        (
            &["sweep", "starts", "--view", "0,1,0"],
            "`view` must be four finite numbers w1min,w1max,w2min,w2max with min < max",
        ),
        (&["sweep", "starts", "--view", "1,0,0,1"], "not `1,0,0,1`"),
        (&["sweep", "starts"], "`view` is required"),
        (
            &["sweep", "params", "--x", "lr=0.1:1", "--y", "eps"],
            "`y` must be KEY=MIN:MAX or KEY=MIN:MAX:log with KEY a hyperparameter of rmsprop \
             (lr, beta, eps)",
        ),
        (
            &["sweep", "params", "--x", "alpha=0:1", "--y", "beta=0:0.5"],
            "`x` must be KEY=MIN:MAX or KEY=MIN:MAX:log with KEY a hyperparameter of rmsprop",
        ),
        (
            &["sweep", "params", "--x", "lr=-1:1", "--y", "beta=0:0.5"],
            "`x` range: `lr` must be",
        ),
        (
            &["sweep", "params", "--x", "lr=0:1:log", "--y", "beta=0:0.5"],
            "`x` range: `lr` must be",
        ),
        (
            &[
                "sweep",
                "params",
                "--x",
                "beta=0:0.5:log",
                "--y",
                "lr=0.1:1",
            ],
            "`x` is a log axis, whose MIN must be > 0, not `beta=0:0.5:log`",
        ),
        (
            &["sweep", "starts", "--view", "0,1,0,1", "--x", "lr=0.1:1"],
            "`x` is not used by a sweep of starts: use a sweep of params",
        ),
        (
            &["sweep", "circles", "--view", "0,1,0,1"],
            "unknown sweep `circles`; the sweeps are starts, params",
        ),
    ];
    for (args, expected) in cases {
        let output = descent(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(output.stdout.is_empty(), "{args:?}");
        let stderr = text(&output.stderr);
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
        assert!(
            stderr.starts_with("descent: ") && stderr.contains(expected),
            "{args:?}: {stderr}"
        );
    }
    let too_much = descent(&[
        "sweep", "starts", "--view", "0,1,0,1", "--grid", "1000", "--steps", "1000",
    ]);
    assert!(text(&too_much.stderr).contains("a sweep may take at most 100000000"));
}

#[test]
fn help_describes_both_kinds() {
    for args in [
        &["sweep", "--help"][..],
        &["sweep", "starts", "--help"],
        &["sweep"],
    ] {
        let output = descent(args);
        assert!(output.status.success());
        let help = text(&output.stdout);
        assert!(help.contains("descent sweep starts --view"), "{help}");
        assert!(help.contains("descent sweep params --x KEY=MIN:MAX[:log]"));
        assert!(help.contains("columns x, y, w1, w2, error"));
    }
    assert!(text(&descent(&["--help"]).stdout).contains("descent sweep KIND [OPTIONS]"));
}

/// A fresh file path under the system's temporary directory (removed by the caller).
fn temp_file(name: &str) -> std::path::PathBuf {
    std::env::temp_dir().join(format!("descent-sweep-test-{}-{name}", std::process::id()))
}

/// Runs `descent figure sweep ARGS --out FILE`, expects success, returns the file's bytes.
fn figure(args: &[&str], name: &str) -> Vec<u8> {
    let path = temp_file(name);
    let out = path.to_string_lossy().into_owned();
    let mut all = vec!["figure", "sweep"];
    all.extend(args);
    all.extend(["--out", &out]);
    let output = descent(&all);
    assert!(output.status.success(), "{all:?}: {}", text(&output.stderr));
    assert!(output.stdout.is_empty() && output.stderr.is_empty());
    let bytes = std::fs::read(&path).expect("the figure was written");
    let _ = std::fs::remove_file(&path);
    bytes
}

/// The sqrt(w1) surface from w1 = 0 (undefined at the start) to 6, four cells by two.
const HALF_UNDEFINED: [&str; 10] = [
    "starts",
    "--function",
    "sqrt(w1) + w2^2",
    "--view",
    "-1,7,-1,1",
    "--grid",
    "4,2",
    "--steps",
    "50",
    "--tol",
];

#[test]
fn sweep_maps_as_png_colour_each_cell_by_its_run() {
    use descent_core::sweep::SweepConfig;
    use descent_plot::scene::{SweepColour, SweepScene, UNDEFINED_RGB};
    let mut args = HALF_UNDEFINED.to_vec();
    args.extend(["0.5", "--show", "stop", "--width", "500", "--height", "400"]);
    let bytes = figure(&args, "stop.png");
    let png = image::load_from_memory_with_format(&bytes, image::ImageFormat::Png)
        .expect("a valid PNG")
        .to_rgb8();
    assert_eq!(png.dimensions(), (500, 400));
    // The same scene and frame as the command computes.
    let config = SweepConfig::from_pairs([
        ("kind", "starts"),
        ("function", "sqrt(w1) + w2^2"),
        ("view", "-1,7,-1,1"),
        ("grid", "4,2"),
        ("steps", "50"),
        ("tol", "0.5"),
    ])
    .expect("valid");
    let result = config.run();
    let scene = SweepScene::new(&config, &result, SweepColour::Stop);
    let categories = scene.category_labels();
    let frame = descent_plot::sweep::layout(500, 400, &scene.figure(&categories, false, 1.0));
    for (index, summary) in result.summaries.iter().enumerate() {
        let (i, j) = (index % 4, index / 4);
        // The centre of cell (i, j), j counted from the bottom.
        let x = frame.x as u32 + (2 * i as u32 + 1) * frame.width / 8;
        let y = frame.y as u32 + (2 * (1 - j) as u32 + 1) * frame.height / 4;
        let pixel = png.get_pixel(x, y).0;
        let start = 4 * (((1 - j) * 4) + i);
        assert_eq!(
            pixel[..],
            scene.raster.rgba[start..start + 3],
            "cell {index}"
        );
        if i == 0 {
            assert_eq!(summary.stop.map(|s| s.reason().name()), Some("undefined"));
            assert_eq!(pixel, UNDEFINED_RGB, "w1 = 0 is undefined at the start");
        }
    }
}

/// The contents of an SVG's `<text>` elements.
fn texts(svg: &str) -> Vec<String> {
    svg.split("<text ")
        .skip(1)
        .filter_map(|rest| {
            let body = &rest[rest.find('>')? + 1..];
            Some(body[..body.find("</text>")?].trim().to_owned())
        })
        .collect()
}

#[test]
fn sweep_maps_as_svg_have_axes_scales_and_legends() {
    let mut args = HALF_UNDEFINED.to_vec();
    args.push("0");
    let svg = String::from_utf8(figure(&args, "error.svg")).expect("UTF-8");
    let labels = texts(&svg);
    for label in ["w1", "w2", "E", "E undefined"] {
        assert!(labels.iter().any(|t| t == label), "{label} in {labels:?}");
    }
    assert_eq!(
        svg.matches("data:image/png;base64,").count(),
        1,
        "one map image"
    );
    let args = [
        "params",
        "--x",
        "lr=1e-4:1:log",
        "--y",
        "beta=0.5:0.99",
        "--grid",
        "8,6",
        "--steps",
        "40",
        "--tol",
        "1e-2",
        "--show",
        "steps",
    ];
    let labels = texts(&String::from_utf8(figure(&args, "params.svg")).expect("UTF-8"));
    for label in [
        "lr",
        "beta",
        "10⁻³",
        "10⁻¹",
        "0.90",
        "t",
        "did not reach tol",
    ] {
        assert!(labels.iter().any(|t| t == label), "{label} in {labels:?}");
    }
    let bad = descent(&[
        "figure", "sweep", "starts", "--view", "0,1,0,1", "--show", "colour", "--out", "x.svg",
    ]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(text(&bad.stderr)
        .contains("`--show` must be one of error, steps, stop, sharpness, not `colour`"));
    let help = text(&descent(&["sweep", "--help"]).stdout);
    assert!(help.contains("descent figure sweep starts|params"));
}

/// `--preset` works for sweeps as for trajectories: a sweep of starts covers the preset's view
/// with its function; a sweep of hyperparameters runs from the preset's start; flags win.
#[test]
fn presets_set_a_sweeps_function_and_view_or_start() {
    let by_preset = descent(&[
        "sweep",
        "starts",
        "--preset",
        "rosenbrock",
        "--grid",
        "3",
        "--steps",
        "20",
    ]);
    let by_hand = descent(&[
        "sweep",
        "starts",
        "--function",
        "(1-w1)^2 + 100*(w2-w1^2)^2",
        "--view",
        "-2,2,-1,3",
        "--grid",
        "3",
        "--steps",
        "20",
    ]);
    assert!(by_preset.status.success(), "{}", text(&by_preset.stderr));
    assert_eq!(rows(&by_preset), rows(&by_hand));
    let params = descent(&[
        "sweep",
        "params",
        "--preset",
        "rosenbrock",
        "--x",
        "lr=1e-3:1e-1:log",
        "--y",
        "beta=0:0.99",
        "--grid",
        "2",
        "--steps",
        "20",
    ]);
    let params_by_hand = descent(&[
        "sweep",
        "params",
        "--function",
        "(1-w1)^2 + 100*(w2-w1^2)^2",
        "--start",
        "-1.5,2.5",
        "--x",
        "lr=1e-3:1e-1:log",
        "--y",
        "beta=0:0.99",
        "--grid",
        "2",
        "--steps",
        "20",
    ]);
    assert_eq!(rows(&params), rows(&params_by_hand));
    let narrower = descent(&[
        "sweep",
        "starts",
        "--preset",
        "rosenbrock",
        "--view",
        "0,1,0,1",
        "--grid",
        "2",
        "--steps",
        "5",
    ]);
    assert_eq!(rows(&narrower)[1][0], "0.25", "the explicit view wins");
    let unknown = descent(&["sweep", "starts", "--preset", "nope"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(text(&unknown.stderr).contains("`preset` must be one of article, rosenbrock"));
}
