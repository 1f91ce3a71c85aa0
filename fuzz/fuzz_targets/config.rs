//! Fuzzes the parameter vocabulary: arbitrary `key = value` pairs, keys mostly from the
//! vocabulary (`vocabulary::keys()`: function, optimizer, convention, every hyperparameter of
//! the optimizer table, start, steps) plus junk, values mostly shaped like what each key takes
//! (names from the table, numbers in and around each hyperparameter's range), go to
//! `Config::from_pairs`, which must never panic. A config that validates is run for at most
//! 200 steps.
//!
//! Invariants checked:
//! - an error's message formats, and names a key of the vocabulary or the unknown key given;
//! - the same pairs in reverse order give an equal config (order does not matter when valid);
//! - the trajectory has at most `steps + 1` rows, numbered 0, 1, …, starting at `start`, every
//!   number in them finite; it stopped early (`stop` is set) exactly when it has fewer than
//!   `steps + 1` rows, and then at the iteration after its last row; running twice gives the
//!   same trajectory.

#![no_main]

use arbitrary::Arbitrary;
use descent_core::{vocabulary, Config, Convention, Hyperparameter, OptimizerKind, Stop};
use libfuzzer_sys::fuzz_target;

/// The most iterations run per input, to keep executions fast.
const MAX_FUZZ_STEPS: usize = 200;

/// Functions that parse, some of them undefined or overflowing in places.
const FUNCTIONS: [&str; 12] = [
    "3*w1^2 + 10*w2^2",
    "(1-w1)^2 + 100*(w2-w1^2)^2",
    "w1^2 - w2^2",
    "sqrt(w1) + ln(w2)",
    "abs(w1) + abs(w2)",
    "exp(w1*w2)",
    "1/(w1^2 + w2^2)",
    "max(w1, w2, -w1) % 3",
    "atan2(w2, w1)^2 + floor(w1)",
    "w1^w2",
    "sin(w1)*cos(w2) + tanh(w1 - w2)",
    "sqrt(-1) + w1",
];

/// Names that are not quite optimizer or convention names.
const NEAR_NAMES: [&str; 5] = [" adam ", "Adam", "sgd", "PyTorch", ""];

/// A key: mostly the vocabulary.
#[derive(Arbitrary, Debug, Clone)]
enum Key {
    /// `vocabulary::keys()[n % len]`.
    Vocabulary(u8),
    /// The same, so that most keys are real ones.
    Vocabulary2(u8),
    /// Any text.
    Junk(String),
}

impl Key {
    fn text(&self) -> String {
        match self {
            Key::Vocabulary(n) | Key::Vocabulary2(n) => {
                let keys = vocabulary::keys();
                keys[usize::from(*n) % keys.len()].to_owned()
            }
            Key::Junk(s) => s.clone(),
        }
    }
}

/// A value: mostly one that fits its key, else numbers, names and arbitrary text.
#[derive(Arbitrary, Debug, Clone)]
enum Value {
    /// A value of the kind the key takes, picked by the number.
    Fitting(u32),
    /// The same: three variants of ten, so that most pairs fit their key.
    Fitting2(u32),
    /// The same.
    Fitting3(u32),
    /// Any number, written as Rust writes it (`NaN`, `inf` included).
    Number(f64),
    /// Any number in exponent notation.
    Exponent(f64),
    /// A start point.
    Start(f64, f64),
    /// A whole number.
    Whole(u64),
    /// A name from the optimizer table, a convention, or a near miss.
    Name(u8),
    /// A function from the list.
    Function(u8),
    /// Any text.
    Text(String),
}

/// Every optimizer and convention name, then the near misses.
fn names() -> Vec<String> {
    OptimizerKind::all()
        .map(|k| k.name().to_owned())
        .chain(Convention::ALL.map(|c| c.name().to_owned()))
        .chain(NEAR_NAMES.map(str::to_owned))
        .collect()
}

impl Value {
    fn text(&self, key: &str) -> String {
        match *self {
            Value::Fitting(n) | Value::Fitting2(n) | Value::Fitting3(n) => fitting(key, n),
            Value::Number(x) => format!("{x}"),
            Value::Exponent(x) => format!("{x:e}"),
            Value::Start(a, b) => format!("{a},{b}"),
            Value::Whole(n) => n.to_string(),
            Value::Name(i) => {
                let names = names();
                names[usize::from(i) % names.len()].clone()
            }
            Value::Function(i) => FUNCTIONS[usize::from(i) % FUNCTIONS.len()].to_owned(),
            Value::Text(ref s) => s.clone(),
        }
    }
}

/// A value in the range `key` accepts (or at its edges), chosen by `n`.
fn fitting(key: &str, n: u32) -> String {
    let small = f64::from(n % 1001) / 1000.0;
    match key {
        "function" => FUNCTIONS[n as usize % FUNCTIONS.len()].to_owned(),
        "optimizer" => {
            let kinds = OptimizerKind::all();
            let count = kinds.len();
            kinds
                .map(|k| k.name().to_owned())
                .nth(n as usize % count)
                .unwrap_or_default()
        }
        "convention" => Convention::ALL[n as usize % Convention::ALL.len()]
            .name()
            .to_owned(),
        "start" => format!(
            "{},{}",
            i64::from(n % 61) - 30,
            f64::from((n / 61) % 41) / 2.0 - 10.0
        ),
        "steps" => (n % 250).to_string(),
        _ => match Hyperparameter::named(key) {
            // Decays in [0, 1] or [0, 1): anything from 0 to 1, both ends included.
            Some(h) if h.range.max.is_finite() => format!("{small}"),
            // Weight decay: 0 and up.
            Some(h) if h.range.min_allowed => format!("{}", small * 2.0),
            // Learning rates and ε: positive, over many decades.
            Some(_) => format!("{}e-{}", 1 + n % 9, (n / 9) % 13),
            None => String::new(),
        },
    }
}

/// The input: pairs in order.
#[derive(Arbitrary, Debug)]
struct Input {
    pairs: Vec<(Key, Value)>,
}

fuzz_target!(|input: Input| {
    let pairs: Vec<(String, String)> = input
        .pairs
        .iter()
        .map(|(k, v)| {
            let key = k.text();
            let value = v.text(&key);
            (key, value)
        })
        .collect();
    let as_str = || pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()));

    let mut config = match Config::from_pairs(as_str()) {
        Ok(config) => config,
        Err(e) => {
            assert!(!e.to_string().is_empty());
            let key = e.key();
            assert!(
                vocabulary::is_key(key) || pairs.iter().any(|(k, _)| k == key),
                "error about `{key}`, which was not given: {e}"
            );
            return;
        }
    };

    let reversed = Config::from_pairs(as_str().rev());
    assert_eq!(reversed.as_ref(), Ok(&config), "the same pairs reversed");

    let steps = config.steps.min(MAX_FUZZ_STEPS);
    config.steps = steps;
    let trajectory = config.run();
    let rows = &trajectory.rows;
    assert_eq!(trajectory.optimizer, config.optimizer);
    assert!(
        rows.len() <= steps + 1,
        "{} rows for {steps} steps",
        rows.len()
    );
    let converged = matches!(trajectory.stop, Some(Stop::Converged { .. }));
    assert!(
        converged || trajectory.stop.is_none() == (rows.len() == steps + 1),
        "stop {:?} with {} rows for {steps} steps",
        trajectory.stop,
        rows.len()
    );
    if let Some(stop) = trajectory.stop {
        // A run that converged keeps the row that met the tolerance; one that failed stops
        // before the row it could not reach.
        let expected = if converged {
            rows.len() - 1
        } else {
            rows.len()
        };
        assert_eq!(stop.step(), expected, "stopped at {stop:?}");
        assert!(!stop.to_string().is_empty());
    }
    if let Some(first) = rows.first() {
        assert_eq!(first.w, config.start);
    }
    for (t, row) in rows.iter().enumerate() {
        assert_eq!(row.t, t);
        assert_eq!(row.state.t, t as u64);
        let values = trajectory.values(row);
        assert_eq!(values.len(), trajectory.columns().len());
        assert!(
            values.iter().all(|x| x.is_finite()) && row.state.is_finite(),
            "row {row:?} is not finite"
        );
    }
    assert_eq!(config.run(), trajectory, "running twice");
});
