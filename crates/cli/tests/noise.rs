//! Gradient noise, data sets with the one-neuron models, mini-batches and learning-rate
//! schedules through the `descent` binary, as a user types them.

use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::{Command, Output};
use std::time::Instant;

fn descent(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_descent"))
        .args(args)
        .output()
        .expect("the binary runs")
}

/// The output of a run that must succeed.
fn text(args: &[&str]) -> String {
    let output = descent(args);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{args:?}: {stderr}");
    String::from_utf8(output.stdout).expect("UTF-8")
}

/// The one line of a run that must fail with bad input.
fn refusal(args: &[&str]) -> String {
    let output = descent(args);
    assert_eq!(output.status.code(), Some(2), "{args:?}");
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8(output.stderr).expect("UTF-8");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    stderr.trim_end().to_owned()
}

/// A CSV table's header and numbers.
fn table(csv: &str) -> (Vec<&str>, Vec<Vec<f64>>) {
    let mut lines = csv.lines();
    let header = lines.next().expect("header").split(',').collect();
    let rows = lines
        .map(|l| l.split(',').map(|x| x.parse().expect("number")).collect())
        .collect();
    (header, rows)
}

/// A file in the system's temporary folder, removed when dropped.
struct TempFile(PathBuf);

impl TempFile {
    fn path(name: &str) -> TempFile {
        let pid = std::process::id();
        TempFile(std::env::temp_dir().join(format!("descent-noise-{pid}-{name}")))
    }

    fn with(name: &str, contents: &str) -> TempFile {
        let file = TempFile::path(name);
        std::fs::write(&file.0, contents).expect("written");
        file
    }

    fn name(&self) -> &str {
        self.0.to_str().expect("UTF-8 path")
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

#[test]
fn zero_noise_and_the_full_batch_print_exactly_the_noiseless_run() {
    let plain = text(&["trajectory", "--optimizer", "adam", "--steps", "50"]);
    let quiet = text(&[
        "trajectory",
        "--optimizer",
        "adam",
        "--steps",
        "50",
        "--noise",
        "0",
        "--seed",
        "12",
    ]);
    assert_eq!(plain, quiet);
    let whole = text(&["trajectory", "--data", "overlap", "--format", "json"]);
    let full = text(&[
        "trajectory",
        "--data",
        "overlap",
        "--batch",
        "60",
        "--format",
        "json",
    ]);
    assert_eq!(whole, full);
}

#[test]
fn a_seed_gives_its_run_again_and_another_seed_another() {
    let run = |seed: &str| {
        text(&[
            "trajectory",
            "--data",
            "line",
            "--batch",
            "8",
            "--noise",
            "0.5",
            "--seed",
            seed,
            "--steps",
            "30",
        ])
    };
    let (a, b, c) = (run("21"), run("21"), run("22"));
    assert_eq!(a, b);
    assert_ne!(a, c);
    let (header, rows) = table(&a);
    assert_eq!(
        header,
        ["t", "w1", "w2", "error", "g1", "g2", "g1_used", "g2_used", "s1", "s2"]
    );
    assert_eq!(rows.len(), 31);
    // g1, g2 are the exact gradient; the step used another one.
    assert!(rows.iter().all(|r| r[6] != r[4] && r[7] != r[5]));
    let json = text(&[
        "trajectory",
        "--noise",
        "1",
        "--steps",
        "1",
        "--format",
        "json",
    ]);
    assert!(
        json.contains("\"g1_used\":[") && json.contains("\"stopped\":null"),
        "{json}"
    );
}

/// A CSV data set of 30 points and its error written out as a typed function.
fn points_and_function() -> (String, String) {
    let points: Vec<(f64, f64)> = (0..30)
        .map(|i| {
            let x = -1.5 + 0.1 * f64::from(i);
            (x, 0.75 * x + 0.25 + 0.3 * (f64::from(i) * 1.7).sin())
        })
        .collect();
    let csv: String = points
        .iter()
        .map(|(x, y)| format!("{x:?},{y:?}\n"))
        .collect();
    let terms: Vec<String> = points
        .iter()
        .map(|(x, y)| format!("(w1*({x:?}) + w2 - ({y:?}))^2"))
        .collect();
    (format!("x,y\n{csv}"), format!("({})/30", terms.join(" + ")))
}

#[test]
fn a_csv_file_with_the_linear_model_equals_its_sum_written_out() {
    let (csv, function) = points_and_function();
    let file = TempFile::with("points.csv", &csv);
    // Gradient descent: adaptive optimizers divide by the gradient's size, which near the
    // minimum turns rounding differences into different steps.
    let common = ["--optimizer", "gd", "--lr", "0.2", "--steps", "200"];
    let fitted = text(
        &[
            &["trajectory", "--data", file.name(), "--model", "linear"][..],
            &common,
        ]
        .concat(),
    );
    let typed = text(
        &[
            &[
                "trajectory",
                "--function",
                function.as_str(),
                "--start",
                "0,0",
            ][..],
            &common,
        ]
        .concat(),
    );
    let ((h1, fitted), (h2, typed)) = (table(&fitted), table(&typed));
    assert_eq!(h1, h2);
    assert_eq!(fitted.len(), 201);
    // To rounding: within 1e-9 of each column's largest magnitude (a gradient passing
    // through zero cancels digits either way).
    for c in 0..h1.len() {
        let scale = typed.iter().map(|r| r[c].abs()).fold(0.0, f64::max);
        for (a, b) in fitted.iter().zip(&typed) {
            assert!(
                (a[c] - b[c]).abs() <= 1e-9 * scale,
                "{}: {a:?} vs {b:?}",
                h1[c]
            );
        }
    }
}

#[test]
fn bad_csv_files_get_one_clear_message_each() {
    let refused = |name: &str, contents: &str| {
        let file = TempFile::with(name, contents);
        refusal(&["trajectory", "--data", file.name()])
    };
    assert_eq!(
        refused("missing.csv", "x,z\n1,2\n"),
        "descent: `data`: line 1 must be the header naming the columns x and y, such as `x,y`, \
         not `x,z` (see `descent --help`)"
    );
    assert_eq!(
        refused("text.csv", "x,y\n1,2\n3,abc\n"),
        "descent: `data`: line 3: y = `abc` is not a finite number (see `descent --help`)"
    );
    assert_eq!(
        refused("empty.csv", ""),
        "descent: `data`: the data is empty: it needs a header line `x,y` and at least one row \
         of numbers (see `descent --help`)"
    );
    let labels = TempFile::with("labels.csv", "x,y\n1,0\n2,1\n3,0.5\n");
    assert_eq!(
        refusal(&["trajectory", "--data", labels.name(), "--model", "logistic"]),
        "descent: `data`: line 4: y = 0.5, but the logistic model needs every y to be 0 or 1 \
         (see `descent --help`)"
    );
    assert_eq!(
        refusal(&["trajectory", "--data", "/nonexistent/points.csv"]),
        "descent: `data`: cannot read `/nonexistent/points.csv`: No such file or directory \
         (os error 2) (see `descent --help`)"
    );
    assert_eq!(
        refusal(&["trajectory", "--data", "lines"]),
        "descent: `data`: unknown data set `lines`; the built-in sets are line, scaled, \
         overlap, separable; pasted points are written inline:x,y;x,y;…; a CSV file is given by \
         its path (see `descent --help`)"
    );
}

#[test]
fn ten_million_rows_are_refused_at_once() {
    let file = TempFile::path("big.csv");
    let mut out = BufWriter::new(std::fs::File::create(&file.0).expect("created"));
    out.write_all(b"x,y\n").expect("written");
    for i in 0..10_000_000_u32 {
        writeln!(out, "{},{}", i % 1000, i % 7).expect("written");
    }
    out.flush().expect("flushed");
    drop(out);
    let started = Instant::now();
    assert_eq!(
        refusal(&["trajectory", "--data", file.name()]),
        "descent: `data`: more than 10000 data rows; the limit is 10000 points (use a sample of \
         the data) (see `descent --help`)"
    );
    let seconds = started.elapsed().as_secs_f64();
    assert!(seconds < 2.0, "{seconds} s");
}

#[test]
fn schedule_flags_are_the_keys_with_dashes() {
    let csv = text(&[
        "trajectory",
        "--optimizer",
        "gd",
        "--lr",
        "0.01",
        "--schedule",
        "cosine",
        "--period",
        "4",
        "--lr-min",
        "0.001",
        "--warmup",
        "2",
        "--steps",
        "6",
    ]);
    let (header, rows) = table(&csv);
    let lr = header
        .iter()
        .position(|c| *c == "lr")
        .expect("an lr column");
    let pi = std::f64::consts::PI;
    for (t, row) in rows.iter().enumerate() {
        let tf = t as f64;
        let cosine = 0.001 + (0.01 - 0.001) * (1.0 + (pi * tf.min(4.0) / 4.0).cos()) / 2.0;
        let expected = cosine * ((tf + 1.0) / 2.0).min(1.0);
        assert!(
            (row[lr] - expected).abs() < 1e-15,
            "t={t}: {} vs {expected}",
            row[lr]
        );
    }
    assert_eq!(
        refusal(&["trajectory", "--schedule", "cosine", "--gamma", "0.5"]),
        "descent: `gamma` is not used by the cosine schedule, which takes period, lr_min, warmup \
         (see `descent --help`)"
    );
    assert_eq!(
        refusal(&["trajectory", "--data", "line", "--function", "w1^2"]),
        "descent: `data` and `function` exclude each other: a data set's error function is its \
         model's mean loss; give one of them (see `descent --help`)"
    );
}

#[test]
fn steps_and_figures_take_the_data_too() {
    let csv = text(&[
        "steps",
        "--data",
        "separable",
        "--noise",
        "0.1",
        "--optimizer",
        "gd",
        "--lr",
        "1",
        "--optimizer",
        "adam",
    ]);
    let lines: Vec<&str> = csv.lines().collect();
    // Both runs start at 0,0 on the same data: E = ln 2.
    let starts: Vec<&&str> = lines.iter().filter(|l| l.contains(",0,0,0,0.69")).collect();
    assert_eq!(starts.len(), 2, "{csv}");
    let png = TempFile::path("overlap.png");
    let output = descent(&[
        "figure",
        "trajectory",
        "--data",
        "overlap",
        "--batch",
        "10",
        "--out",
        png.name(),
        "--width",
        "300",
        "--height",
        "240",
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let bytes = std::fs::read(&png.0).expect("a PNG");
    assert_eq!(&bytes[1..4], b"PNG");
}

#[test]
fn the_help_lists_the_data_sets_and_schedules() {
    let help = text(&["trajectory", "--help"]);
    for needle in [
        "--data NAME|FILE",
        "  separable  ",
        "--batch B",
        "--noise SIGMA",
        "--seed N",
        "  cosine       lr_min + (η − lr_min)",
        "--lr-min X",
        "--warmup N",
        "g1_used, g2_used",
    ] {
        assert!(help.contains(needle), "{needle}");
    }
}
