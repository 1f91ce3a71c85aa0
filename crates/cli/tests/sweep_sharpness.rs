//! The sharpness map through the binary: `descent sweep --curvature` adds each run's last-row
//! `pre_sharpness` and `threshold`, printed as `descent trajectory --curvature` prints its last
//! row; `descent figure sweep --show sharpness` colours each cell by their ratio on the scale
//! diverging at 1.

mod common;

use std::process::Output;

use common::{descent, stderr, stdout};
use descent_core::sweep::SweepConfig;
use descent_plot::colormap::Colormap;
use descent_plot::scene::{SweepColour, SweepScene, SHARPNESS_TITLE};

/// The CSV lines of a run, split into cells (stderr may say why it stopped).
fn rows(output: &Output) -> Vec<Vec<String>> {
    assert!(output.status.success(), "{}", stderr(output));
    stdout(output)
        .lines()
        .map(|l| l.split(',').map(str::to_owned).collect())
        .collect()
}

/// The value of `column` in `row` under `header`.
fn at<'a>(header: &[String], row: &'a [String], column: &str) -> &'a str {
    let index = header.iter().position(|h| h == column);
    &row[index.unwrap_or_else(|| panic!("{column} in {header:?}"))]
}

#[test]
fn each_rows_sharpness_is_its_trajectorys_last_row() {
    for (optimizer, x, y) in [
        ("rmsprop", "lr=1e-3:0.5:log", "beta=0.5:0.99"),
        ("adam", "lr=1e-3:0.5:log", "beta1=0:0.99"),
        ("momentum", "lr=1e-3:0.2:log", "alpha=0:0.95"),
    ] {
        let shared = [
            "--function",
            "3*w1^2 + 10*w2^2",
            "--optimizer",
            optimizer,
            "--steps",
            "300",
            "--curvature",
        ];
        let mut args = vec!["sweep", "params", "--x", x, "--y", y, "--grid", "3"];
        args.extend(shared);
        let sweep = rows(&descent(&args));
        let header = &sweep[0];
        assert_eq!(header[7..], ["pre_sharpness", "threshold"]);
        for row in &sweep[1..] {
            let (x_key, y_key) = (x.split('=').next(), y.split('=').next());
            let mut single = vec!["trajectory".to_owned()];
            single.extend(shared.iter().map(|s| (*s).to_owned()));
            for (key, value) in [(x_key, &row[0]), (y_key, &row[1])] {
                single.push(format!("--{}", key.expect("a key")));
                single.push(value.clone());
            }
            let refs: Vec<&str> = single.iter().map(String::as_str).collect();
            let trajectory = rows(&descent(&refs));
            let last = trajectory.last().expect("rows");
            if row[6] == "diverged" {
                assert_eq!(row[7..], ["", ""], "{single:?}");
                continue;
            }
            for column in ["pre_sharpness", "threshold"] {
                assert_eq!(
                    at(header, row, column),
                    at(&trajectory[0], last, column),
                    "{column}: {single:?}"
                );
            }
        }
    }
    let plain = rows(&descent(&[
        "sweep", "starts", "--view", "0,1,0,1", "--grid", "2",
    ]));
    assert_eq!(
        plain[0].len(),
        7,
        "no curvature columns without --curvature"
    );
}

/// Runs `descent figure sweep ARGS --out FILE`, expects success, returns the file's bytes.
fn figure(args: &[&str], name: &str) -> Vec<u8> {
    let path = std::env::temp_dir().join(format!(
        "descent-sharpness-test-{}-{name}",
        std::process::id()
    ));
    let out = path.to_string_lossy().into_owned();
    let mut all = vec!["figure", "sweep"];
    all.extend(args);
    all.extend(["--out", &out]);
    let output = descent(&all);
    assert!(output.status.success(), "{all:?}: {}", stderr(&output));
    let bytes = std::fs::read(&path).expect("the figure was written");
    let _ = std::fs::remove_file(&path);
    bytes
}

#[test]
fn the_sharpness_map_colours_each_cell_by_its_final_sharpness_over_its_threshold() {
    let keys = [
        ("function", "3*w1^2 + 10*w2^2"),
        ("optimizer", "rmsprop"),
        ("x", "lr=1e-4:0.5:log"),
        ("y", "beta=0.5:0.99"),
        ("grid", "4,3"),
        ("steps", "500"),
    ];
    let mut args = vec!["params"];
    let flags: Vec<String> = keys.iter().map(|(k, _)| format!("--{k}")).collect();
    for ((_, value), flag) in keys.iter().zip(&flags) {
        args.extend([flag.as_str(), value]);
    }
    args.extend(["--show", "sharpness", "--width", "600", "--height", "400"]);
    let png =
        image::load_from_memory_with_format(&figure(&args, "map.png"), image::ImageFormat::Png)
            .expect("a valid PNG")
            .to_rgb8();
    // The sweep the command ran: the same keys with curvature.
    let pairs = [&[("kind", "params"), ("curvature", "1")], &keys[..]].concat();
    let config = SweepConfig::from_pairs(pairs).expect("valid");
    let result = config.run();
    let scene = SweepScene::new(&config, &result, SweepColour::Sharpness);
    let categories = scene.category_labels();
    let frame = descent_plot::sweep::layout(600, 400, &scene.figure(&categories, false, 1.0));
    let fractions = result.sharpness_fractions();
    let mut near_edge = 0;
    for (index, fraction) in fractions.iter().enumerate() {
        let (i, j) = (index % 4, index / 4);
        let x = frame.x as u32 + (2 * i as u32 + 1) * frame.width / 8;
        let y = frame.y as u32 + (2 * (2 - j) as u32 + 1) * frame.height / 6;
        let expected = Colormap::Diverging.rgb((fraction / 2.0).clamp(0.0, 1.0));
        assert_eq!(png.get_pixel(x, y).0, expected, "cell {index}: {fraction}");
        near_edge += usize::from((fraction - 1.0).abs() < 0.05);
    }
    assert!(near_edge >= 3, "{fractions:?}");
    assert!(
        fractions[0] < 0.5,
        "η = 10⁻⁴ after 500 steps is far below its edge"
    );
    args.truncate(args.len() - 4);
    let svg = String::from_utf8(figure(&args, "map.svg")).expect("UTF-8");
    assert!(svg.contains(SHARPNESS_TITLE), "the colour bar's title");
}
