//! `descent figure` run the way a user does: every figure to SVG and PNG in a temporary
//! directory, read back (SVG text, PNG header and pixels), and the errors. Long by design:
//! one test per figure kind, sharing the runner and the readers.

mod common;

use std::path::{Path, PathBuf};

use common::{descent, stderr, texts};
use descent_plot::composite::trajectory_frame;
use descent_plot::scene::View;
use descent_plot::{amplification, course};

/// A fresh directory under the system's temporary directory, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir =
            std::env::temp_dir().join(format!("descent-figure-test-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        TempDir(dir)
    }

    fn file(&self, name: &str) -> String {
        self.0.join(name).to_string_lossy().into_owned()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Runs `descent figure ARGS --out FILE`, expects success, and returns the file's bytes.
fn figure(args: &[&str], out: &str) -> Vec<u8> {
    let mut all = vec!["figure"];
    all.extend(args);
    all.extend(["--out", out]);
    let output = descent(&all);
    assert!(output.status.success(), "{all:?}: {}", stderr(&output));
    assert!(output.stdout.is_empty());
    std::fs::read(out).expect("the figure was written")
}

fn svg_document(bytes: Vec<u8>) -> String {
    let svg = String::from_utf8(bytes).expect("UTF-8");
    assert!(svg.starts_with("<svg "), "{}", &svg[..svg.len().min(80)]);
    assert!(svg.trim_end().ends_with("</svg>"));
    assert_eq!(
        svg.matches("<text ").count(),
        svg.matches("</text>").count()
    );
    svg
}

/// Width and height from the PNG signature and IHDR chunk.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(bytes[..8], [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]);
    assert_eq!(&bytes[12..16], b"IHDR");
    let word = |i: usize| u32::from_be_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]);
    (word(16), word(20))
}

fn decode(bytes: &[u8]) -> image::RgbImage {
    image::load_from_memory_with_format(bytes, image::ImageFormat::Png)
        .expect("a valid PNG")
        .to_rgb8()
}

/// Pixels dark and grey enough to be text ink (#222) or its anti-aliased edge, in the
/// rectangle `[x0, x1) × [y0, y1)`.
fn ink(png: &image::RgbImage, (x0, x1): (u32, u32), (y0, y1): (u32, u32)) -> usize {
    (y0..y1.min(png.height()))
        .flat_map(|y| (x0..x1.min(png.width())).map(move |x| (x, y)))
        .filter(|&(x, y)| {
            let [r, g, b] = png.get_pixel(x, y).0;
            r < 120 && r.abs_diff(g) < 12 && g.abs_diff(b) < 12
        })
        .count()
}

fn coloured(png: &image::RgbImage) -> usize {
    png.pixels()
        .filter(|p| {
            let [r, g, b] = p.0;
            r.abs_diff(g) > 40 || g.abs_diff(b) > 40
        })
        .count()
}

#[test]
fn trajectory_to_svg_and_png() {
    let dir = TempDir::new("trajectory");
    let svg = svg_document(figure(&["trajectory"], &dir.file("t.svg")));
    let labels = texts(&svg);
    for label in ["w1", "w2", "E(w)", "E(w(t))", "s1", "s2", "t", "−20", "20"] {
        assert!(labels.iter().any(|t| t == label), "{label} in {labels:?}");
    }
    // The surface raster is one embedded PNG image at the frame's place and size.
    let frame = trajectory_frame(900, 700, 1.0, View::ARTICLE);
    assert_eq!(svg.matches("<image ").count(), 1);
    assert!(svg.contains(&format!(
        "<image x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" href=\"data:image/png;base64,",
        frame.x, frame.y, frame.width, frame.height
    )));

    let bytes = figure(&["trajectory"], &dir.file("t.png"));
    assert_eq!(png_size(&bytes), (900, 700));
    let png = decode(&bytes);
    assert!(
        coloured(&png) > 200_000,
        "the viridis surface fills the frame"
    );
    // Text below the frame (tick labels and the title w1), left of it (w2), and above the
    // colour bar (E(w)).
    let bottom = frame.bottom() as u32;
    let centre = (frame.x as u32) + frame.width / 2;
    assert!(ink(&png, (centre - 30, centre + 30), (bottom + 16, bottom + 34)) > 15);
    let middle = frame.y as u32 + frame.height / 2;
    assert!(ink(&png, (0, frame.x as u32 - 24), (middle - 10, middle + 10)) > 15);
    assert!(ink(&png, (frame.right() as u32, 900), (0, frame.y as u32)) > 15);
    // Nothing but background where nothing is drawn: the gap between surface and course.
    assert_eq!(ink(&png, (0, 900), (bottom + 38, bottom + 40)), 0);
}

#[test]
fn steps_to_svg_and_png() {
    let dir = TempDir::new("steps");
    let svg = svg_document(figure(&["steps"], &dir.file("s.svg")));
    let labels = texts(&svg);
    for label in [
        "w1",
        "w2",
        "Gradient descent, lr = 0.001",
        "−lr·∇E",
        "RMSProp, lr = 0.05, beta = 0.9",
        "−v(t) = −lr·∇E⊘√(s+ε)",
    ] {
        assert!(labels.iter().any(|t| t == label), "{label} in {labels:?}");
    }
    let bytes = figure(&["steps"], &dir.file("s.png"));
    assert_eq!(png_size(&bytes), (900, 700));
    let png = decode(&bytes);
    let blue_and_orange = png
        .pixels()
        .filter(|p| matches!(p.0, [0x00, 0x72, 0xB2] | [0xE6, 0x9F, 0x00]))
        .count();
    assert!(blue_and_orange > 1000, "{blue_and_orange}");
    assert!(ink(&png, (0, 900), (0, 50)) > 100, "the legend's text");
    assert!(ink(&png, (400, 500), (670, 700)) > 15, "the title w1");

    let other = svg_document(figure(
        &[
            "steps",
            "--optimizer",
            "momentum",
            "--optimizer",
            "adam",
            "--lr",
            "0.5",
            "--steps",
            "4",
            "--view",
            "-20,0,0,25",
        ],
        &dir.file("other.svg"),
    ));
    let labels = texts(&other);
    assert!(labels
        .iter()
        .any(|t| t == "Momentum, lr = 0.001, alpha = 0.9"));
    assert!(labels.iter().any(|t| t == "m(t)"));
    assert!(labels
        .iter()
        .any(|t| t == "Adam, lr = 0.5, beta1 = 0.9, beta2 = 0.999"));
    assert!(labels.iter().any(|t| t == "−lr·m̂⊘(√v̂+ε)"));
    assert!(labels.iter().any(|t| t == "−20") && labels.iter().any(|t| t == "25"));
}

#[test]
fn amplification_to_svg_and_png() {
    let dir = TempDir::new("amplification");
    let svg = svg_document(figure(&["amplification"], &dir.file("a.svg")));
    let labels = texts(&svg);
    for label in ["β = 0", "β = 0.5", "β = 0.9", "β = 0.99", "g1", "g2", "Cₐ"] {
        assert!(labels.iter().any(|t| t == label), "{label} in {labels:?}");
    }
    assert_eq!(svg.matches("<image ").count(), 4);
    let bytes = figure(&["amplification"], &dir.file("a.png"));
    assert_eq!(png_size(&bytes), (1200, 360));
    let png = decode(&bytes);
    let frames = amplification::layout(1200, 360, 1.0, 4, [-4.0, 4.0], [-4.0, 4.0]);
    for f in &frames {
        // Each β title sits above its map.
        let centre = f.x as u32 + f.width / 2;
        assert!(ink(&png, (centre - 30, centre + 30), (0, f.y as u32)) > 15);
    }
    // β = 0.99 (last map): red above and below the g2 = 0 line near g1 = 0.
    let last = frames[3];
    let [r, _, b] = png
        .get_pixel(
            last.x as u32 + last.width / 2,
            last.y as u32 + last.height / 4,
        )
        .0;
    assert!(r > b + 50, "red where RMSProp enlarges the step");

    let two = svg_document(figure(
        &[
            "amplification",
            "--betas",
            "0.3,0.7",
            "--lr",
            "0.5",
            "--view",
            "-2,2,-3,3",
            "--width",
            "640",
            "--height",
            "300",
        ],
        &dir.file("two.svg"),
    ));
    let labels = texts(&two);
    assert!(labels.iter().any(|t| t == "β = 0.3") && labels.iter().any(|t| t == "β = 0.7"));
    assert_eq!(two.matches("<image ").count(), 2);
    assert!(two.starts_with("<svg width=\"640\" height=\"300\""));
}

#[test]
fn pngs_have_exactly_the_requested_size() {
    let dir = TempDir::new("sizes");
    for (kind, width, height) in [
        ("trajectory", "640", "480"),
        ("steps", "100", "8000"),
        ("amplification", "1500", "400"),
    ] {
        let out = dir.file(&format!("{kind}.png"));
        let bytes = figure(&[kind, "--width", width, "--height", height], &out);
        let expected = (
            width.parse().expect("number"),
            height.parse().expect("number"),
        );
        assert_eq!(png_size(&bytes), expected, "{kind}");
        assert_eq!(decode(&bytes).dimensions(), expected);
    }
    // A larger pixel ratio draws larger text into the same pixel size.
    let out = dir.file("ratio.png");
    let bytes = figure(&["trajectory", "--pixel-ratio", "2"], &out);
    assert_eq!(png_size(&bytes), (900, 700));
}

#[test]
fn the_trajectory_view_follows_the_path_or_the_option() {
    let dir = TempDir::new("view");
    let rosenbrock = [
        "trajectory",
        "--function",
        "(1-w1)^2 + 100*(w2-w1^2)^2",
        "--start",
        "-1.5,2.5",
        "--lr",
        "0.01",
        "--steps",
        "100",
    ];
    let labels = texts(&svg_document(figure(&rosenbrock, &dir.file("r.svg"))));
    assert!(!labels.iter().any(|t| t == "−20"), "not the article's view");
    let mut wide = rosenbrock.to_vec();
    wide.extend(["--view", "-20,20,-25,25"]);
    let labels = texts(&svg_document(figure(&wide, &dir.file("wide.svg"))));
    assert!(labels.iter().any(|t| t == "−20") && labels.iter().any(|t| t == "20"));
}

#[test]
fn a_preset_sets_the_trajectory_figures_view_and_flags_override_it() {
    let dir = TempDir::new("preset");
    let labels = texts(&svg_document(figure(
        &["trajectory", "--preset", "rosenbrock", "--steps", "50"],
        &dir.file("p.svg"),
    )));
    // The preset's view is w1 in [-2, 2], w2 in [-1, 3].
    for label in ["−2.0", "2.0", "−1.0", "3.0"] {
        assert!(labels.iter().any(|t| t == label), "{label} in {labels:?}");
    }
    assert!(!labels.iter().any(|t| t == "−20"));
    let labels = texts(&svg_document(figure(
        &[
            "trajectory",
            "--preset",
            "rosenbrock",
            "--view",
            "-20,20,-25,25",
        ],
        &dir.file("v.svg"),
    )));
    assert!(labels.iter().any(|t| t == "−20") && labels.iter().any(|t| t == "20"));
}

#[test]
fn the_amplification_figure_reads_the_pages_vocabulary_and_the_old_flags() {
    let dir = TempDir::new("amplification-vocabulary");
    let labels = |args: &[&str], name: &str| texts(&svg_document(figure(args, &dir.file(name))));
    let new = labels(
        &["amplification", "--beta", "0.3,0.7", "--range", "2"],
        "new.svg",
    );
    let old = labels(
        &["amplification", "--betas", "0.3,0.7", "--view", "-2,2,-2,2"],
        "old.svg",
    );
    assert_eq!(new, old, "--betas and --view as before");
    assert!(new.iter().any(|t| t == "β = 0.7") && new.iter().any(|t| t == "−2"));
    let output = descent(&[
        "figure",
        "amplification",
        "--range",
        "2",
        "--view",
        "-2,2,-2,2",
        "--out",
        &dir.file("both.svg"),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("give one"), "{}", stderr(&output));
    let output = descent(&[
        "figure",
        "amplification",
        "--beta",
        "0.5",
        "--betas",
        "0.5",
        "--out",
        &dir.file("twice.svg"),
    ]);
    assert!(stderr(&output).contains("`beta` is given more than once"));
}

#[test]
fn tick_labels_far_from_zero_stay_apart() {
    // Two runs that barely move at 1e15 (a step of 0.001 is below the spacing of floats
    // there): the view is a few million wide, and the ticks are labelled from 1e15.
    let dir = TempDir::new("far");
    let labels = texts(&svg_document(figure(
        &["steps", "--function", "w1 + w2", "--start", "1e15,1e15"],
        &dir.file("far.svg"),
    )));
    assert!(labels.iter().any(|t| t == "w1 − 1e15"), "{labels:?}");
    assert!(labels.iter().any(|t| t == "w2 − 1e15"), "{labels:?}");
    // The x tick labels come just before the title w1: numbers as "0", "−1.5e6".
    let title = labels.iter().position(|t| t.starts_with("w1")).unwrap_or(0);
    let is_tick = |t: &&String| t.replace('−', "-").parse::<f64>().is_ok();
    let x_ticks: Vec<&String> = labels[..title].iter().rev().take_while(is_tick).collect();
    assert!(x_ticks.len() >= 4, "{labels:?}");
    let mut distinct = x_ticks.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), x_ticks.len(), "{x_ticks:?}");
    assert!(x_ticks.iter().all(|t| t.len() <= 8), "short: {x_ticks:?}");
}

#[test]
fn a_diverging_run_still_draws_and_says_why() {
    let dir = TempDir::new("diverged");
    let out = dir.file("d.png");
    let args = [
        "figure",
        "trajectory",
        "--optimizer",
        "gd",
        "--lr",
        "1e300",
        "--out",
        &out,
    ];
    let output = descent(&args);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stderr(&output).contains("diverged at step"));
    assert!(Path::new(&out).exists());
}

#[test]
fn bad_figure_requests_are_one_line_and_exit_2() {
    let dir = TempDir::new("errors");
    let svg = dir.file("x.svg");
    for (args, expected) in [
        (
            vec!["trajectory", "--out", "x.jpg"],
            "must name a .svg or .png file",
        ),
        (vec!["trajectory"], "`--out FILE` is required"),
        (
            vec!["trajectory", "--out", &svg, "--width", "99"],
            "from 100 to 8000",
        ),
        (
            vec!["steps", "--out", &svg, "--height", "9000"],
            "from 100 to 8000",
        ),
        (
            vec!["trajectory", "--out", &svg, "--width", "wide"],
            "`--width`",
        ),
        (
            vec!["trajectory", "--out", &svg, "--view", "1,0,0,1"],
            "`--view` must be",
        ),
        (
            vec!["amplification", "--out", &svg, "--view", "0,1"],
            "g1min,g1max",
        ),
        (
            vec!["amplification", "--out", &svg, "--betas", "0.5,2"],
            "`beta` must be in [0, 1], not 2",
        ),
        (
            vec!["amplification", "--out", &svg, "--lr", "0"],
            "`lr` must be a finite number > 0",
        ),
        (
            vec!["amplification", "--out", &svg, "--g1", "1"],
            "unknown option `--g1`",
        ),
        (
            vec!["trajectory", "--out", &svg, "--lr", "NaN"],
            "`lr` must be a finite number > 0",
        ),
        (
            vec!["trajectory", "--out", &svg, "--function", "w1 + x"],
            "unknown variable `x` at column 6",
        ),
        (
            vec!["steps", "--out", &svg, "--steps", "11"],
            "`steps` must be a whole number from 1 to 10, not 11",
        ),
        (
            vec!["trajectory", "--out", &svg, "--format", "csv"],
            "unknown option `--format`",
        ),
        (
            vec!["trajectory", "--out", &svg, "--out", &svg],
            "more than once",
        ),
        (
            vec!["trajectory", "--out", &svg, "--pixel-ratio", "9"],
            "`--pixel-ratio`",
        ),
        (vec!["surface", "--out", &svg], "unknown figure `surface`"),
        (vec![], "`figure` needs a kind"),
    ] {
        let mut all = vec!["figure"];
        all.extend(&args);
        let output = descent(&all);
        assert_eq!(output.status.code(), Some(2), "{all:?}");
        let message = stderr(&output);
        assert!(
            message.starts_with("descent: ") && message.contains(expected),
            "{all:?}: {message}"
        );
        assert_eq!(message.lines().count(), 1, "{message}");
        assert!(!message.contains("panicked"), "{message}");
        assert!(!Path::new(&svg).exists(), "{all:?} wrote a file");
    }
    // A file that cannot be written is a failure with one line, not a panic.
    let missing = dir.file("no/such/dir/x.png");
    let output = descent(&["figure", "steps", "--out", &missing]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(message.starts_with("descent: cannot write "), "{message}");
    assert_eq!(message.lines().count(), 1, "{message}");
}

#[test]
fn help_describes_figure() {
    let output = descent(&["figure", "--help"]);
    assert!(output.status.success());
    let text = String::from_utf8_lossy(&output.stdout);
    for needle in [
        "--out FILE",
        "--width W",
        "--view A,B,C,D",
        "--betas",
        "0,0.5,0.9,0.99",
    ] {
        assert!(text.contains(needle), "missing {needle}: {text}");
    }
    let general = descent(&["--help"]);
    assert!(String::from_utf8_lossy(&general.stdout).contains("descent figure KIND"));
    let kind_help = descent(&["figure", "steps", "--help"]);
    assert!(String::from_utf8_lossy(&kind_help.stdout).contains("--pixel-ratio R"));
}

/// Draws an error course whose one series is called `name` into a 320×200 bitmap with the
/// font the binary embeds; returns the pixels and the frame's top.
fn course_bitmap(name: &str) -> (Vec<u8>, i32) {
    use plotters::prelude::*;
    use plotters::style::{register_font, FontStyle};
    let font: &'static [u8] = include_bytes!("../assets/DejaVuSans.ttf");
    register_font("sans-serif", FontStyle::Normal, font)
        .map_err(|_| "font")
        .expect("font");
    let series = [course::Series {
        name: name.to_owned(),
        label: name.to_owned(),
        values: vec![3.0, 2.0, 1.0],
        color: [255, 0, 0],
        dash: descent_plot::dash::Dash::Solid,
        visible: true,
    }];
    let mut rgb = vec![255; 320 * 200 * 3];
    let frame = {
        let root = BitMapBackend::with_buffer(&mut rgb, (320, 200)).into_drawing_area();
        let figure = descent_plot::scene::course_figure(&series, false, None, 2.0);
        let (frame, _) = course::draw(&root, &figure).expect("drawn");
        root.present().expect("presented");
        frame
    };
    (rgb, frame.y)
}

#[test]
fn bias_corrected_series_are_told_apart_in_pngs() {
    // The bitmap backend cannot place the combining hat of m̂1 itself; the figure draws it.
    let (plain, top) = course_bitmap("m1");
    let (hat, _) = course_bitmap("m̂1");
    let differing: Vec<usize> = (0..plain.len() / 3)
        .filter(|&i| plain[3 * i..3 * i + 3] != hat[3 * i..3 * i + 3])
        .collect();
    assert!(
        differing.len() > 10,
        "the hat is drawn: {}",
        differing.len()
    );
    assert!(
        differing.iter().all(|&i| ((i / 320) as i32) < top),
        "only the legend, above the frame at y = {top}, differs"
    );
    // The label's grey ink right of the red swatch spans "m1"; the hat sits over the m, in
    // the left half, not over the 1 where the font alone would put it.
    let pixel = |i: usize| [plain[3 * i], plain[3 * i + 1], plain[3 * i + 2]];
    let swatch: Vec<usize> = (0..plain.len() / 3)
        .filter(|&i| pixel(i) == [255, 0, 0] && ((i / 320) as i32) < top)
        .collect();
    let swatch_y = swatch.first().map_or(0, |i| i / 320);
    let swatch_end = swatch.iter().map(|i| i % 320).max().unwrap_or(0);
    let label: Vec<usize> = (0..plain.len() / 3)
        .filter(|&i| (i / 320).abs_diff(swatch_y) < 16 && i % 320 > swatch_end)
        .filter(|&i| {
            let [r, g, b] = pixel(i);
            r < 160 && r.abs_diff(g) < 12 && g.abs_diff(b) < 12
        })
        .map(|i| i % 320)
        .collect();
    let (left, right) = (label.iter().min(), label.iter().max());
    let middle = (left.copied().unwrap_or(0) + right.copied().unwrap_or(0)) / 2;
    let hat_x = differing.iter().map(|i| i % 320).sum::<usize>() / differing.len();
    assert!(
        hat_x < middle,
        "hat at x = {hat_x}, label from {left:?} to {right:?}"
    );
}

#[test]
fn pngs_draw_thick_lines_and_rings_pixel_by_pixel() {
    // plotters' bitmap backend throws spikes at a thick path's sharp turns and draws thick
    // circles with gaps: descent-plot sets those pixels itself when the CLI turns on its
    // feature `bitmap` (the web modules leave that code out).
    assert!(descent_plot::draws_bitmap_pixels());
}
