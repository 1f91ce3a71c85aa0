//! The harness of the hostile-input tests: runs the binary under a deadline and checks that
//! its answer is a run, or one clear line and exit code 2, never a panic.

use std::ffi::OsString;
use std::io::Read;
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

/// A run that takes longer than this is a hang: it is killed and the test fails.
pub const DEADLINE: Duration = Duration::from_secs(20);

/// A rejected input must be answered within this (the binary is a debug build here).
pub const REJECTION_BUDGET: Duration = Duration::from_secs(2);

/// A run of up to the maximum of 100 000 iterations must finish within this.
pub const RUN_BUDGET: Duration = Duration::from_secs(10);

/// The longest stderr line that still reads as one clear message (characters).
pub const MESSAGE_MAX: usize = 400;

/// The most bytes one argument can have on Linux (`MAX_ARG_STRLEN`, with its NUL).
pub const ARGUMENT_MAX: usize = 128 * 1024;

/// Markup that a careless page or terminal would interpret.
pub const MARKUP: [&str; 2] = [
    "<img src=x onerror=window.__pwned=1>",
    "\"><script>window.__pwned=1</script>",
];

/// What one run of the binary did.
pub struct Outcome {
    /// The exit code; `None` if a signal ended it.
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    pub elapsed: Duration,
}

/// Runs `descent` with `args`, killing it at [`DEADLINE`]; prints the time it took.
pub fn run<S: Into<OsString> + Clone>(label: &str, args: &[S]) -> Outcome {
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
pub fn first_chars(text: &str, n: usize) -> &str {
    text.char_indices().nth(n).map_or(text, |(i, _)| &text[..i])
}

/// Control and invisible format characters (NUL, bidi overrides, zero-width spaces, BOM):
/// a message must name them, not contain them, or it vanishes or reorders on the terminal.
pub fn is_invisible(c: char) -> bool {
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
pub fn printable(text: &str) -> String {
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
pub fn assert_no_panic(label: &str, outcome: &Outcome) {
    assert!(
        !outcome.stderr.contains("panicked") && !outcome.stderr.contains("RUST_BACKTRACE"),
        "{label}: panicked: {}",
        outcome.stderr
    );
    assert!(outcome.code.is_some(), "{label}: ended by a signal");
    assert_ne!(outcome.code, Some(101), "{label}: exit code 101 is a panic");
}

/// Exit code 2 with exactly one clear line on stderr and nothing on stdout, in time.
pub fn assert_rejected(label: &str, outcome: &Outcome) {
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
pub fn assert_ran<'a>(label: &str, outcome: &'a Outcome) -> Vec<&'a str> {
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
pub fn trajectory_of(label: &str, function: &str) -> Outcome {
    run(
        label,
        &["trajectory", "--function", function, "--steps", "5"],
    )
}
