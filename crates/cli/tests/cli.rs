//! Runs the `descent` binary the way a user does.

mod common;

use std::process::{Command, Output};

use common::{descent, stderr, stdout};

/// Parses CSV output into (header, rows of numbers).
fn csv(output: &Output) -> (Vec<String>, Vec<Vec<f64>>) {
    let text = stdout(output);
    let mut lines = text.lines();
    let header = lines
        .next()
        .expect("header")
        .split(',')
        .map(str::to_owned)
        .collect();
    let rows = lines
        .map(|l| l.split(',').map(|x| x.parse().expect("number")).collect())
        .collect();
    (header, rows)
}

#[test]
fn article_example() {
    let output = descent(&[
        "trajectory",
        "--function",
        "3*w1^2 + 10*w2^2",
        "--optimizer",
        "rmsprop",
        "--lr",
        "0.05",
        "--beta",
        "0.9",
        "--eps",
        "1e-8",
        "--start",
        "-15,20",
        "--steps",
        "2",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let (header, rows) = csv(&output);
    assert_eq!(header, ["t", "w1", "w2", "error", "g1", "g2", "s1", "s2"]);
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0][..6], [0.0, -15.0, 20.0, 4675.0, -90.0, 400.0]);
    assert!((rows[1][1] + 14.84).abs() < 0.005 && (rows[1][2] - 19.84).abs() < 0.005);
    assert!((rows[2][1] + 14.73).abs() < 0.005 && (rows[2][2] - 19.73).abs() < 0.005);
    assert!((rows[1][6] - 810.0).abs() < 1e-9 && (rows[1][7] - 16000.0).abs() < 1e-9);
}

#[test]
fn state_columns_follow_the_optimizer() {
    for (optimizer, state) in [
        ("gd", vec![]),
        ("momentum", vec!["m1", "m2"]),
        ("adagrad", vec!["s1", "s2"]),
        ("adam", vec!["m1", "m2", "v1", "v2"]),
    ] {
        let output = descent(&["trajectory", "--optimizer", optimizer, "--steps", "3"]);
        assert!(output.status.success(), "{}", stderr(&output));
        let (header, rows) = csv(&output);
        assert_eq!(header[6..], state[..], "{optimizer}");
        assert_eq!(rows.len(), 4);
    }
}

#[test]
fn steps_zero_prints_the_start_row() {
    let (_, rows) = csv(&descent(&[
        "trajectory",
        "--start",
        "1.5,-2",
        "--steps",
        "0",
    ]));
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0][1..3], [1.5, -2.0]);
}

#[test]
fn json_has_one_array_per_column() {
    let output = descent(&[
        "trajectory",
        "--optimizer",
        "gd",
        "--steps",
        "1",
        "--format",
        "json",
    ]);
    assert!(output.status.success());
    let text = stdout(&output);
    // w(1) = (-15, 20) - 0.001·(-90, 400); E(w(1)) = 3·14.91² + 10·19.6² = 4508.5243.
    assert!(
        text.starts_with(
            "{\"t\":[0,1],\"w1\":[-15,-14.91],\"w2\":[20,19.6],\"error\":[4675,4508.52"
        ),
        "{text}"
    );
    assert!(
        text.contains("\"g1\":[-90,-89.46") && text.contains("\"g2\":[400,392]"),
        "{text}"
    );
    assert!(text.trim_end().ends_with(",\"stopped\":null}"), "{text}");
}

#[test]
fn early_stop_prints_finite_rows_and_says_why() {
    let output = descent(&[
        "trajectory",
        "--optimizer",
        "gd",
        "--lr",
        "1e300",
        "--steps",
        "20",
    ]);
    assert!(output.status.success());
    let (_, rows) = csv(&output);
    assert!(!rows.is_empty() && rows.len() < 21);
    assert!(rows.iter().flatten().all(|x| x.is_finite()));
    let message = stderr(&output);
    assert!(
        message.contains(&format!("step {}", rows.len())),
        "{message}"
    );
    let json = descent(&[
        "trajectory",
        "--optimizer",
        "gd",
        "--lr",
        "1e300",
        "--steps",
        "20",
        "--format",
        "json",
    ]);
    assert!(
        stdout(&json).contains("\"stopped\":\"diverged at step"),
        "{}",
        stdout(&json)
    );
}

#[test]
fn bad_input_is_one_clear_line_and_a_failure() {
    for (args, expected) in [
        (
            vec!["trajectory", "--optimizer", "adam", "--beta", "0.9"],
            "`beta` is not a hyperparameter of adam",
        ),
        (
            vec!["trajectory", "--function", "w1 + x"],
            "unknown variable `x` at column 6",
        ),
        (
            vec!["trajectory", "--function", "foo(w1)"],
            "unknown function `foo`",
        ),
        (
            vec!["trajectory", "--function", "(w1"],
            "syntax error at column 4",
        ),
        (
            vec!["trajectory", "--lr", "NaN"],
            "`lr` must be a finite number > 0",
        ),
        (
            vec!["trajectory", "--start", "1"],
            "`start` must be two finite numbers",
        ),
        (
            vec!["trajectory", "--steps", "-3"],
            "`steps` must be a whole number",
        ),
        (
            vec!["trajectory", "--speed", "3"],
            "unknown option `--speed`",
        ),
        (vec!["trajectory", "--lr"], "`--lr` needs a value"),
        (vec!["plot"], "unknown command `plot`"),
    ] {
        let output = descent(&args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let message = stderr(&output);
        assert!(
            message.starts_with("descent: ") && message.contains(expected),
            "{args:?}: {message}"
        );
        assert!(
            !message.contains("panicked") && !message.contains("RUST_BACKTRACE"),
            "{message}"
        );
        assert!(stdout(&output).is_empty());
    }
}

#[test]
fn help_lists_formulas_and_defaults() {
    let output = descent(&["--help"]);
    assert!(output.status.success());
    let text = stdout(&output);
    for needle in [
        "rmsprop",
        "s ← beta·s + (1−beta)·g⊙g",
        "--lr 0.05",
        "--beta2 0.999",
        "adam",
        "--start W1,W2",
    ] {
        assert!(text.contains(needle), "missing {needle}");
    }
    assert!(stdout(&descent(&["trajectory", "--help"])).contains("--format csv|json"));
}

#[test]
fn steps_prints_both_optimizers_with_vectors() {
    let output = descent(&["steps"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some(
            "optimizer,t,w1,w2,error,g1,g2,update1,update2,m1,m2,s1,s2,v1,v2,\
             b1,b2,vmax1,vmax2,u1,u2,step1,step2,prev1,prev2,mu_product,x0_1,x0_2,d,\
             d_numerator,z1,z2,x1,x2,lr_max,weight_sum"
        ),
        "the article's state columns first, then every other column of the optimizer table"
    );
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    assert_eq!(rows.len(), 6);
    let value = |row: usize, col: usize| rows[row][col].parse::<f64>().expect("number");
    // w_c(1) = (-14.91, 19.6); w_a(1) ≈ (-14.84, 19.84), w_a(2) ≈ (-14.73, 19.73).
    assert_eq!((rows[1][0], value(1, 2), value(1, 3)), ("gd", -14.91, 19.6));
    assert_eq!(rows[4][0], "rmsprop");
    assert!((value(4, 2) + 14.84).abs() < 0.005 && (value(4, 3) - 19.84).abs() < 0.005);
    assert!((value(5, 2) + 14.73).abs() < 0.005 && (value(5, 3) - 19.73).abs() < 0.005);
    // The adaptive update vector v(1) has the same magnitude in both components.
    assert!((value(4, 7).abs() - value(4, 8).abs()).abs() < 1e-9);
    assert_eq!(rows[3][7], "", "no update vector at t = 0");
    assert!((value(4, 11) - 810.0).abs() < 1e-9, "s1 of rmsprop");
    assert_eq!(rows[1][11], "", "gd has no s");
}

#[test]
fn steps_takes_two_optimizer_groups() {
    let output = descent(&[
        "steps",
        "--steps",
        "3",
        "--optimizer",
        "momentum",
        "--alpha",
        "0.5",
        "--optimizer",
        "adam",
        "--lr",
        "0.1",
        "--format",
        "json",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(
        text.starts_with("[{\"optimizer\":\"momentum\",\"update1\":[null,"),
        "{text}"
    );
    assert!(text.contains("{\"optimizer\":\"adam\""), "{text}");
    assert!(text.contains("\"v1\":["), "{text}");
    let bad = descent(&["steps", "--steps", "11"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("`steps` must be a whole number from 1 to 10, not 11"));
}

#[test]
fn amplification_prints_the_article_measure() {
    // β = 0.9, g1 = 1, g2 = 2: s(2) = 0.1·(0.9 + 4) = 0.49, v(2) = 2/√(0.49 + 1e-8).
    let output = descent(&["amplification", "--beta", "0.9", "--g1", "1", "--g2", "2"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let c: f64 = stdout(&output).trim().parse().expect("a number");
    assert!((c - (2.0 / (0.49f64 + 1e-8).sqrt() - 2.0)).abs() < 1e-12);
    let negative = descent(&["amplification", "--beta", "0", "--g1", "0", "--g2", "-3"]);
    let c: f64 = stdout(&negative).trim().parse().expect("a number");
    assert!(
        (c + 2.0).abs() < 1e-6,
        "|v(2)| ≈ 1 for β = 0, so C_a ≈ 1 - 3"
    );
    let missing = descent(&["amplification", "--g2", "2"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("`g1` is required"));
    let bad_beta = descent(&["amplification", "--g1", "1", "--g2", "2", "--beta", "2"]);
    assert!(stderr(&bad_beta).contains("`beta` must be in [0, 1], not 2"));
}

#[test]
fn presets_set_function_and_start_and_flags_override_them() {
    let (_, rows) = csv(&descent(&[
        "trajectory",
        "--preset",
        "rosenbrock",
        "--steps",
        "0",
    ]));
    // Rosenbrock at its preset start (-1.5, 2.5): (1+1.5)² + 100·(2.5−2.25)² = 12.5.
    assert_eq!(rows[0][..4], [0.0, -1.5, 2.5, 12.5]);
    let (_, rows) = csv(&descent(&[
        "trajectory",
        "--preset",
        "rosenbrock",
        "--start",
        "1,1",
        "--steps",
        "0",
    ]));
    assert_eq!(
        rows[0][..4],
        [0.0, 1.0, 1.0, 0.0],
        "the minimum, from --start"
    );
    let (_, rows) = csv(&descent(&[
        "trajectory",
        "--function",
        "w1^2 + w2^2",
        "--preset",
        "himmelblau",
        "--steps",
        "0",
    ]));
    assert_eq!(
        rows[0][..4],
        [0.0, -0.3, -4.5, 0.09 + 20.25],
        "--function wins, the preset's start stays"
    );
    let steps = stdout(&descent(&["steps", "--preset", "saddle", "--steps", "1"]));
    assert!(steps.contains("\ngd,0,-2.5,0.05,"), "{steps}");
    let unknown = descent(&["trajectory", "--preset", "bowl"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains(
        "`preset` must be one of article, rosenbrock, himmelblau, beale, saddle, plateau, \
         waves, scaled-batches, adam-vs-sgd, rotated-article, rotated-bowl, scaled-curvature, \
         not `bowl`"
    ));
    // A training example sets its run keys (the page's own, such as compare, are left out).
    let (header, rows) = csv(&descent(&["trajectory", "--preset", "scaled-batches"]));
    assert_eq!(rows.len(), 2001);
    assert!(header.contains(&"g1_used".to_owned()), "{header:?}");
    let noisy = stdout(&descent(&[
        "trajectory",
        "--preset",
        "adam-vs-sgd",
        "--steps",
        "2",
    ]));
    assert!(
        noisy.starts_with("t,w1,w2,error,g1,g2,g1_used,g2_used,m1"),
        "{noisy}"
    );
}

#[test]
fn functions_can_come_from_a_file_or_standard_input() {
    use std::io::Write;
    let dir = std::env::temp_dir().join(format!("descent-function-file-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    // Longer than one command-line argument may be (128 KiB on Linux): 200 000 bytes.
    let terms = 200_000 / "w1*w2 + ".len();
    let long = format!("{}w1^2\n", "0*w1*w2 + ".repeat(terms));
    let file = dir.join("long.txt");
    std::fs::write(&file, &long).expect("written");
    let argument = format!("@{}", file.display());
    let output = descent(&["trajectory", "--function", &argument, "--steps", "1"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let (_, rows) = csv(&output);
    assert_eq!(rows[0][3], 225.0, "E(-15, 20) = 15²");
    let mut child = Command::new(env!("CARGO_BIN_EXE_descent"))
        .args(["trajectory", "--function", "@-", "--steps", "0"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("starts");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(b"w2^2")
        .expect("written");
    let piped = child.wait_with_output().expect("runs");
    assert_eq!(csv(&piped).1[0][3], 400.0);
    let too_long = dir.join("too-long.txt");
    std::fs::write(&too_long, "w1+".repeat(100_000)).expect("written");
    for (argument, expected) in [
        (
            format!("@{}", too_long.display()),
            "holds more than 262144 bytes".to_owned(),
        ),
        (
            format!("@{}", dir.join("missing").display()),
            "cannot read".to_owned(),
        ),
        ("@".to_owned(), "needs a file name".to_owned()),
    ] {
        let output = descent(&["trajectory", "--function", &argument]);
        assert_eq!(output.status.code(), Some(2), "{argument}");
        assert!(stderr(&output).contains(&expected), "{}", stderr(&output));
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn amplification_takes_a_list_of_betas_as_the_figure_does() {
    let output = descent(&["amplification", "--g1", "1", "--g2", "2", "--beta", "0.9,0"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let values: Vec<f64> = stdout(&output)
        .lines()
        .map(|l| l.parse().expect("number"))
        .collect();
    assert_eq!(values.len(), 2);
    assert!((values[0] - (2.0 / (0.49f64 + 1e-8).sqrt() - 2.0)).abs() < 1e-12);
    // β = 0: v(2) = g2/|g2| (up to ε), so C_a = 1 − 2.
    assert!((values[1] + 1.0).abs() < 1e-6);
    let default = stdout(&descent(&["amplification", "--g1", "1", "--g2", "2"]));
    assert_eq!(
        default.trim().parse::<f64>().ok(),
        Some(values[0]),
        "β = 0.9"
    );
    let range = descent(&["amplification", "--g1", "1", "--g2", "2", "--range", "3"]);
    assert!(stderr(&range).contains("unknown option `--range`"));
}
