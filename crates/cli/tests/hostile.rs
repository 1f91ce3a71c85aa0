//! Long by design: one table of hostile inputs per key kind, one runner. The `descent`
//! binary under hostile input: functions that are undefined, overflow, nest
//! parentheses tens of thousands deep, fill a whole argument, name unknown things, use
//! unicode, invisible characters, invalid UTF-8 or nothing at all; hyperparameters that are
//! NaN, negative or 1e300; iteration counts beyond the maximum; markup. Every run must end
//! within a deadline (a hang is killed and fails the test) with exit code 0 and, when the run
//! stopped early, its stop message on stderr, or with exit code 2 and one clear line on
//! stderr — never a panic. Each case prints how long it took.
//!
//! Linux limits one command-line argument to 128 KiB (`MAX_ARG_STRLEN`), so the page's
//! 100 000-parenthesis and 1 MB functions cannot reach the binary at all; the largest ones
//! that fit are used instead, and `arguments_longer_than_the_os_allows` records the limit.

use std::ffi::OsString;
use std::io::Read;
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

/// A run that takes longer than this is a hang: it is killed and the test fails.
const DEADLINE: Duration = Duration::from_secs(20);

/// A rejected input must be answered within this (the binary is a debug build here).
const REJECTION_BUDGET: Duration = Duration::from_secs(2);

/// A run of up to the maximum of 100 000 iterations must finish within this.
const RUN_BUDGET: Duration = Duration::from_secs(10);

/// The longest stderr line that still reads as one clear message (characters).
const MESSAGE_MAX: usize = 400;

/// The most bytes one argument can have on Linux (`MAX_ARG_STRLEN`, with its NUL).
const ARGUMENT_MAX: usize = 128 * 1024;

/// Markup that a careless page or terminal would interpret.
const MARKUP: [&str; 2] = [
    "<img src=x onerror=window.__pwned=1>",
    "\"><script>window.__pwned=1</script>",
];

/// What one run of the binary did.
struct Outcome {
    /// The exit code; `None` if a signal ended it.
    code: Option<i32>,
    stdout: String,
    stderr: String,
    elapsed: Duration,
}

/// Runs `descent` with `args`, killing it at [`DEADLINE`]; prints the time it took.
fn run<S: Into<OsString> + Clone>(label: &str, args: &[S]) -> Outcome {
    let mut child = Command::new(env!("CARGO_BIN_EXE_descent"))
        .args(args.iter().cloned().map(Into::into))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let started = Instant::now();
    // Drain both pipes on their own threads, so a large output cannot block the child.
    let drain = |pipe: Option<Box<dyn Read + Send>>| {
        thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_end(&mut bytes);
            }
            bytes
        })
    };
    let stdout = drain(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let stderr = drain(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let status = loop {
        if let Some(status) = child.try_wait().expect("the child can be waited for") {
            break status;
        }
        if started.elapsed() > DEADLINE {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{label}: no answer within {DEADLINE:?} (killed)");
        }
        thread::sleep(Duration::from_millis(2));
    };
    let elapsed = started.elapsed();
    let text = |bytes: Vec<u8>| String::from_utf8_lossy(&bytes).into_owned();
    let outcome = Outcome {
        code: status.code(),
        stdout: text(stdout.join().expect("stdout reader")),
        stderr: text(stderr.join().expect("stderr reader")),
        elapsed,
    };
    println!(
        "{label}: exit {:?} in {:.1} ms; stderr: {}",
        outcome.code,
        elapsed.as_secs_f64() * 1000.0,
        printable(first_chars(outcome.stderr.trim_end(), 200))
    );
    outcome
}

/// At most `n` characters of `text`.
fn first_chars(text: &str, n: usize) -> &str {
    text.char_indices().nth(n).map_or(text, |(i, _)| &text[..i])
}

/// Control and invisible format characters (NUL, bidi overrides, zero-width spaces, BOM):
/// a message must name them, not contain them, or it vanishes or reorders on the terminal.
fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{AD}'
                | '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{2069}'
                | '\u{FEFF}'
        )
}

/// `text` with invisible characters as `\u{..}` escapes, for printing.
fn printable(text: &str) -> String {
    text.chars()
        .map(|c| {
            if is_invisible(c) && c != '\n' {
                format!("\\u{{{:x}}}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// No panic, no signal: the binary handled the input itself.
fn assert_no_panic(label: &str, outcome: &Outcome) {
    assert!(
        !outcome.stderr.contains("panicked") && !outcome.stderr.contains("RUST_BACKTRACE"),
        "{label}: panicked: {}",
        outcome.stderr
    );
    assert!(outcome.code.is_some(), "{label}: ended by a signal");
    assert_ne!(outcome.code, Some(101), "{label}: exit code 101 is a panic");
}

/// Exit code 2 with exactly one clear line on stderr and nothing on stdout, in time.
fn assert_rejected(label: &str, outcome: &Outcome) {
    assert_no_panic(label, outcome);
    assert_eq!(
        outcome.code,
        Some(2),
        "{label}: expected exit code 2; stderr: {}",
        outcome.stderr
    );
    let lines: Vec<&str> = outcome.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{label}: one line on stderr: {lines:?}");
    let line = lines[0];
    assert!(line.starts_with("descent: "), "{label}: {line}");
    assert!(
        line.chars().count() <= MESSAGE_MAX,
        "{label}: a {}-character message: {}...",
        line.chars().count(),
        first_chars(line, 200)
    );
    assert!(
        !line.chars().any(is_invisible),
        "{label}: the message contains an invisible character instead of naming it: {}",
        printable(line)
    );
    assert!(outcome.stdout.is_empty(), "{label}: nothing on stdout");
    assert!(
        outcome.elapsed <= REJECTION_BUDGET,
        "{label}: answered in {:?}",
        outcome.elapsed
    );
}

/// Exit code 0, output on stdout, and on stderr at most the stop message of each run (each a
/// distinct, clear line that says where it stopped), in time. Returns the stderr lines.
fn assert_ran<'a>(label: &str, outcome: &'a Outcome) -> Vec<&'a str> {
    assert_no_panic(label, outcome);
    assert_eq!(
        outcome.code,
        Some(0),
        "{label}: expected exit code 0; stderr: {}",
        outcome.stderr
    );
    assert!(!outcome.stdout.is_empty(), "{label}: output on stdout");
    let lines: Vec<&str> = outcome.stderr.lines().collect();
    for line in &lines {
        assert!(
            line.starts_with("descent: ")
                && (line.contains("stopped at step") || line.contains("diverged at step")),
            "{label}: a stop message: {line}"
        );
        assert!(line.chars().count() <= MESSAGE_MAX, "{label}: a short line");
    }
    for (i, line) in lines.iter().enumerate() {
        assert!(
            !lines[..i].contains(line),
            "{label}: the same stop message twice, with nothing saying which run it belongs \
             to: {lines:?}"
        );
    }
    assert!(
        outcome.elapsed <= RUN_BUDGET,
        "{label}: finished in {:?}",
        outcome.elapsed
    );
    lines
}

/// `descent trajectory --function <function> --steps 5`.
fn trajectory_of(label: &str, function: &str) -> Outcome {
    run(
        label,
        &["trajectory", "--function", function, "--steps", "5"],
    )
}

#[test]
fn functions_undefined_or_overflowing_at_the_start_stop_at_step_0() {
    for function in ["1/(w1-w1)", "ln(w1-100)", "exp(exp(w1^2))", "sqrt(-1)"] {
        let outcome = trajectory_of(function, function);
        let lines = assert_ran(function, &outcome);
        assert_eq!(lines.len(), 1, "{function}: says why it stopped");
        assert!(
            lines[0].contains("stopped at step 0"),
            "{function}: {lines:?}"
        );
        assert_eq!(
            outcome.stdout.lines().count(),
            1,
            "{function}: only the header"
        );
    }
}

#[test]
fn a_function_that_overflows_later_stops_where_it_does() {
    let outcome = run(
        "exp(w1^2) from 1,1 with a large lr",
        &[
            "trajectory",
            "--function",
            "exp(w1^2)",
            "--optimizer",
            "gd",
            "--lr",
            "10",
            "--start",
            "1,1",
            "--steps",
            "50",
        ],
    );
    let lines = assert_ran("exp(w1^2)", &outcome);
    assert_eq!(lines.len(), 1, "{lines:?}");
}

#[test]
fn deeply_nested_parentheses_are_handled() {
    // The deepest nesting that fits into one argument (the page takes 100 000).
    let depth = (ARGUMENT_MAX - 16) / 2;
    let nested = format!("{}w1{}", "(".repeat(depth), ")".repeat(depth));
    let label = format!("{depth} nested parentheses");
    let outcome = trajectory_of(&label, &nested);
    assert_no_panic(&label, &outcome);
    match outcome.code {
        Some(0) => {
            assert_ran(&label, &outcome);
            assert_eq!(outcome.stdout.lines().count(), 7, "header and 6 rows");
        }
        _ => assert_rejected(&label, &outcome),
    }
    // Unbalanced at that depth: a syntax error, not a crash.
    let unbalanced = format!("{}w1", "(".repeat(ARGUMENT_MAX - 16));
    let outcome = trajectory_of("unbalanced deep nesting", &unbalanced);
    assert_rejected("unbalanced deep nesting", &outcome);
}

#[test]
fn the_longest_function_an_argument_can_hold_is_handled() {
    let term = "w1*w2 + ";
    let long = format!("{}w1", term.repeat((ARGUMENT_MAX - 16) / term.len()));
    let label = format!("a {}-byte function", long.len());
    let outcome = trajectory_of(&label, &long);
    assert_no_panic(&label, &outcome);
    match outcome.code {
        Some(0) => {
            assert_ran(&label, &outcome);
        }
        _ => assert_rejected(&label, &outcome),
    }
}

#[test]
#[cfg(target_os = "linux")]
fn arguments_longer_than_the_os_allows() {
    // The page's 1 MB and 100 000-parenthesis functions: Linux refuses to start a program
    // with such an argument (E2BIG), so the CLI cannot be given them; this records it.
    let megabyte = format!("{}w1", "w1*w2 + ".repeat(131_072));
    let nested = format!("{}w1{}", "(".repeat(100_000), ")".repeat(100_000));
    for (label, function) in [("1 MB", megabyte), ("100 000 parentheses", nested)] {
        let spawned = Command::new(env!("CARGO_BIN_EXE_descent"))
            .args(["trajectory", "--function", &function])
            .output();
        match spawned {
            Err(e) => {
                println!("{label}: cannot be passed as an argument: {e}");
                assert_eq!(e.raw_os_error(), Some(7), "{label}: E2BIG, not {e}");
            }
            Ok(output) => {
                // A system with a larger limit: the same rules apply.
                let code = output.status.code();
                let stderr = String::from_utf8_lossy(&output.stderr);
                assert!(
                    matches!(code, Some(0) | Some(2)) && !stderr.contains("panicked"),
                    "{label}: exit {code:?}: {stderr}"
                );
            }
        }
    }
}

#[test]
fn unknown_names_are_rejected_with_one_line() {
    for function in ["foo(w1)", "x + y", "w1 + w3", "W1^2", "sin()", "atan2(w1)"] {
        let outcome = trajectory_of(function, function);
        assert_rejected(function, &outcome);
    }
}

#[test]
fn unicode_is_rejected_with_one_line() {
    for function in ["w₁² + w₂²", "3·w1² − w2", "😀 + w1", "３*w1^2", "ω + w1"] {
        let outcome = trajectory_of(function, function);
        assert_rejected(function, &outcome);
    }
}

#[test]
fn invisible_characters_are_named_in_the_message() {
    let mut unclear = Vec::new();
    for (label, function) in [
        ("right-to-left override", "w1\u{202E} + w2"),
        ("zero-width space", "w1\u{200B} + w2"),
        ("byte order mark", "\u{FEFF}w1 + w2"),
        ("escape character", "w1\u{1B}[31m + w2"),
        ("bell character", "w1\u{7}"),
    ] {
        let outcome = trajectory_of(label, function);
        assert_no_panic(label, &outcome);
        assert_eq!(outcome.code, Some(2), "{label}: {}", outcome.stderr);
        assert_eq!(outcome.stderr.lines().count(), 1, "{label}: one line");
        if outcome.stderr.trim_end().chars().any(is_invisible) {
            unclear.push(format!("{label}: {}", printable(outcome.stderr.trim_end())));
        }
    }
    assert!(
        unclear.is_empty(),
        "messages that contain an invisible character instead of naming it (e.g. U+202E):\n{}",
        unclear.join("\n")
    );
}

#[test]
#[cfg(unix)]
fn invalid_utf8_is_rejected_with_one_line() {
    use std::os::unix::ffi::OsStringExt;
    let bytes = OsString::from_vec(b"w1 + \xff\xfe".to_vec());
    let args: Vec<OsString> = vec!["trajectory".into(), "--function".into(), bytes];
    let outcome = run("invalid UTF-8", &args);
    assert_rejected("invalid UTF-8", &outcome);
}

#[test]
fn empty_functions_are_rejected_with_one_line() {
    for function in ["", " ", "\t"] {
        let label = format!("function {function:?}");
        let outcome = trajectory_of(&label, function);
        assert_rejected(&label, &outcome);
        assert!(outcome.stderr.contains("empty"), "{}", outcome.stderr);
    }
}

#[test]
fn invalid_hyperparameters_are_rejected_with_one_line() {
    let cases: &[&[&str]] = &[
        &["--lr", "NaN"],
        &["--lr", "-1"],
        &["--lr", "0"],
        &["--lr", "inf"],
        &["--lr", "1e400"],
        &["--lr", ""],
        &["--beta", "2"],
        &["--beta", "NaN"],
        &["--eps", "-1"],
        &["--optimizer", "adam", "--beta1", "1"],
        &["--optimizer", "momentum", "--alpha", "-0.5"],
        &["--optimizer", "gd", "--beta", "0.9"],
        &["--start", "NaN,1"],
        &["--start", "1e400,0"],
        &["--start", "1"],
        &["--lr", "0.1", "--lr", "0.2"],
    ];
    for case in cases {
        let mut args = vec!["trajectory"];
        args.extend_from_slice(case);
        let label = case.join(" ");
        let outcome = run(&label, &args);
        assert_rejected(&label, &outcome);
    }
}

#[test]
fn a_huge_learning_rate_diverges_with_a_notice() {
    for optimizer in ["gd", "momentum", "adagrad", "rmsprop", "adam"] {
        for format in ["csv", "json"] {
            let label = format!("{optimizer} --lr 1e300 ({format})");
            let outcome = run(
                &label,
                &[
                    "trajectory",
                    "--optimizer",
                    optimizer,
                    "--lr",
                    "1e300",
                    "--format",
                    format,
                ],
            );
            let lines = assert_ran(&label, &outcome);
            assert_eq!(lines.len(), 1, "{label}: {lines:?}");
            assert!(lines[0].contains("diverged at step"), "{label}: {lines:?}");
        }
    }
}

#[test]
fn iteration_counts_beyond_the_maximum_are_rejected_with_one_line() {
    for steps in [
        "100001",
        "1e9",
        "1000000000",
        "18446744073709551616",
        "-1",
        "NaN",
        "3.5",
        "",
    ] {
        let label = format!("--steps {steps:?}");
        let outcome = run(&label, &["trajectory", "--steps", steps]);
        assert_rejected(&label, &outcome);
        assert!(outcome.stderr.contains("100000"), "{}", outcome.stderr);
    }
}

#[test]
fn the_largest_iteration_count_runs_in_time() {
    for (label, extra) in [
        ("100000 steps, csv", vec!["--format", "csv"]),
        ("100000 steps, json", vec!["--format", "json"]),
        (
            "100000 Adam steps on Rosenbrock",
            vec![
                "--optimizer",
                "adam",
                "--function",
                "(1-w1)^2 + 100*(w2-w1^2)^2",
            ],
        ),
    ] {
        let mut args = vec!["trajectory", "--steps", "100000"];
        args.extend(extra);
        let outcome = run(label, &args);
        assert_ran(label, &outcome);
        if !label.contains("json") {
            assert_eq!(outcome.stdout.lines().count(), 100_002, "{label}");
        }
    }
}

#[test]
fn markup_is_rejected_as_text() {
    for markup in MARKUP {
        for key in [
            "--function",
            "--optimizer",
            "--lr",
            "--start",
            "--steps",
            "--format",
        ] {
            let label = format!("{key} {markup}");
            let outcome = run(&label, &["trajectory", key, markup]);
            assert_rejected(&label, &outcome);
        }
        let flag = format!("--{markup}");
        let outcome = run(&format!("flag {flag}"), &["trajectory", &flag, "1"]);
        assert_rejected(&flag, &outcome);
        let outcome = run(&format!("command {markup}"), &[markup]);
        assert_rejected(markup, &outcome);
    }
}

#[test]
fn the_steps_command_says_which_run_stopped() {
    // Both runs stop at the start; each says so, and says which run it is.
    for function in ["1/(w1-w1)", "ln(w1-100)", "exp(exp(w1^2))"] {
        let label = format!("steps --function {function}");
        let outcome = run(&label, &["steps", "--function", function]);
        assert_ran(&label, &outcome);
    }
}

#[test]
fn the_steps_command_under_hostile_input() {
    for args in [
        &["steps", "--function", "foo(w1)"][..],
        &["steps", "--function", ""],
        &["steps", "--steps", "11"],
        &["steps", "--steps", "1e9"],
        &["steps", "--optimizer", "gd", "--lr", "NaN"],
        &["steps", "--optimizer", MARKUP[0]],
        &["steps", "--start", MARKUP[1]],
    ] {
        let label = args.join(" ");
        let outcome = run(&label, args);
        assert_rejected(&label, &outcome);
    }
    let outcome = run(
        "steps with lr 1e300",
        &["steps", "--optimizer", "gd", "--lr", "1e300"],
    );
    assert_ran("steps with lr 1e300", &outcome);
}

#[test]
fn the_amplification_command_under_hostile_input() {
    for args in [
        &["amplification", "--g1", "NaN", "--g2", "1"][..],
        &["amplification", "--g1", "1", "--g2", "inf"],
        &["amplification", "--g1", "1"],
        &["amplification", "--g1", "1", "--g2", "1", "--beta", "2"],
        &["amplification", "--g1", "1", "--g2", "1", "--lr", "-1"],
        &["amplification", "--g1", MARKUP[0], "--g2", "1"],
    ] {
        let label = args.join(" ");
        let outcome = run(&label, args);
        assert_rejected(&label, &outcome);
    }
    for args in [
        &["amplification", "--g1", "1e300", "--g2", "1e300"][..],
        &["amplification", "--g1", "0", "--g2", "0", "--eps", "1e-300"],
        &[
            "amplification",
            "--g1",
            "1e-300",
            "--g2",
            "1e-300",
            "--lr",
            "1e300",
        ],
    ] {
        let label = args.join(" ");
        let outcome = run(&label, args);
        assert_no_panic(&label, &outcome);
        assert_eq!(outcome.code, Some(0), "{label}: {}", outcome.stderr);
        let value = outcome.stdout.trim();
        assert!(
            value.parse::<f64>().is_ok(),
            "{label}: a number, not {value:?}"
        );
    }
}
