//! `descent figure trajectory --3d` run the way a user does: the 3-D view to PNG and SVG, read
//! back, turned by its options, and the errors its options give.

mod common;

use common::{descent, stderr, texts};

/// A file in a fresh directory under the system's temporary directory.
fn scratch(name: &str) -> String {
    let dir = std::env::temp_dir().join(format!("descent-figure3d-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir.join(name).to_string_lossy().into_owned()
}

/// Runs `descent figure trajectory ARGS --out FILE`, expects success, returns the bytes.
fn figure(args: &[&str], name: &str) -> Vec<u8> {
    let out = scratch(name);
    let mut all = vec!["figure", "trajectory"];
    all.extend(args);
    all.extend(["--out", &out]);
    let output = descent(&all);
    assert!(output.status.success(), "{all:?}: {}", stderr(&output));
    let bytes = std::fs::read(&out).expect("written");
    let _ = std::fs::remove_file(&out);
    bytes
}

fn decode(bytes: &[u8]) -> image::RgbImage {
    image::load_from_memory_with_format(bytes, image::ImageFormat::Png)
        .expect("a PNG")
        .to_rgb8()
}

/// Pixels in the top `rows` that are neither white nor grey (the surface's colours).
fn coloured(png: &image::RgbImage, rows: u32) -> usize {
    png.enumerate_pixels()
        .filter(|(_, y, p)| {
            let [r, g, b] = p.0;
            *y < rows && (r.max(g).max(b) - r.min(g).min(b)) > 30
        })
        .count()
}

#[test]
fn the_trajectory_figure_draws_its_surface_in_3d() {
    let png = decode(&figure(
        &[
            "--preset",
            "himmelblau",
            "--3d",
            "--width",
            "640",
            "--height",
            "480",
        ],
        "him.png",
    ));
    assert_eq!(png.dimensions(), (640, 480));
    // The surface covers a good part of the box in the top 331 pixels (the course takes the
    // rest): about 19 000 pixels in its colours.
    let surface = coloured(&png, 331);
    assert!(surface > 12_000, "{surface} coloured pixels");
    let flat = decode(&figure(
        &[
            "--preset",
            "himmelblau",
            "--width",
            "640",
            "--height",
            "480",
        ],
        "flat.png",
    ));
    assert_ne!(png, flat, "not the contour map");

    let svg =
        String::from_utf8(figure(&["--preset", "himmelblau", "--3d"], "him.svg")).expect("UTF-8");
    assert!(
        svg.contains("href=\"data:image/png;base64,"),
        "the picture as one image"
    );
    let labels = texts(&svg);
    for expected in ["w1", "w2", "E", "E(w)", "E(w(t))"] {
        assert!(
            labels.iter().any(|l| l == expected),
            "{expected} in {labels:?}"
        );
    }
}

#[test]
fn the_options_turn_the_camera_and_the_height_scale() {
    let base = [
        "--preset",
        "rosenbrock",
        "--3d",
        "--width",
        "500",
        "--height",
        "400",
    ];
    let default = figure(&base, "default.png");
    let turned = figure(&[&base[..], &["--azimuth", "30"]].concat(), "turned.png");
    assert_ne!(default, turned);
    let zoomed = figure(&[&base[..], &["--zoom", "2"]].concat(), "zoomed.png");
    assert_ne!(default, zoomed);
    let explicit = figure(
        &[
            &base[..],
            &[
                "--azimuth",
                "-60",
                "--elevation",
                "30",
                "--zscale",
                "linear",
            ],
        ]
        .concat(),
        "explicit.png",
    );
    assert_eq!(default, explicit, "the defaults");
    // From straight above the E axis points at the viewer: no ticks, no title.
    let above = String::from_utf8(figure(
        &[
            "--preset",
            "rosenbrock",
            "--3d",
            "--elevation",
            "90",
            "--azimuth",
            "-90",
        ],
        "above.svg",
    ))
    .expect("UTF-8");
    let labels = texts(&above);
    assert!(!labels.iter().any(|l| l == "E") && labels.iter().any(|l| l == "w2"));
    // A log height gives the E axis powers of ten.
    let log = String::from_utf8(figure(
        &["--preset", "rosenbrock", "--3d", "--zscale", "log"],
        "log.svg",
    ))
    .expect("UTF-8");
    let labels = texts(&log);
    assert!(
        labels.iter().filter(|l| *l == "10" || *l == "100").count() >= 3,
        "{labels:?}"
    );
}

#[test]
fn bad_3d_options_are_one_line_and_exit_2() {
    let out = scratch("bad.png");
    for (args, expected) in [
        (
            vec!["--azimuth", "30"],
            "`--azimuth` sets the 3-D view: add `--3d`",
        ),
        (
            vec!["--3d", "--elevation", "95"],
            "`elevation` must be a number of degrees from 0 to 90",
        ),
        (
            vec!["--3d", "--azimuth", "east"],
            "`azimuth` must be a number",
        ),
        (
            vec!["--3d", "--zscale", "cubic"],
            "`zscale` must be one of linear, log",
        ),
        (vec!["--3d", "--3d"], "`--3d` is given more than once"),
    ] {
        let mut all = vec!["figure", "trajectory", "--out", &out];
        all.extend(&args);
        let output = descent(&all);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let message = stderr(&output);
        assert!(message.contains(expected), "{args:?}: {message}");
        assert_eq!(message.trim_end().lines().count(), 1, "{message}");
    }
    let steps = descent(&["figure", "steps", "--3d", "--out", &out]);
    assert!(stderr(&steps).contains("unknown option `--3d`"));
}

#[test]
fn help_describes_the_3d_options_with_their_defaults() {
    let help = String::from_utf8(descent(&["figure", "--help"]).stdout).expect("UTF-8");
    for expected in [
        "--3d",
        "--azimuth DEG",
        "(default -60)",
        "--elevation DEG",
        "(default 30)",
        "--zscale SCALE",
    ] {
        assert!(help.contains(expected), "{expected}");
    }
}
