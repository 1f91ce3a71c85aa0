//! Fuzzes the parameter vocabulary: arbitrary `key = value` pairs, keys mostly from the
//! vocabulary (`function, optimizer, lr, alpha, beta, beta1, beta2, eps, start, steps`) plus
//! junk, values mostly shaped like what each key takes, go to `Config::from_pairs`, which must
//! never panic. A config that validates is run for at most 200 steps.
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
use descent_core::config::KEYS;
use descent_core::Config;
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

/// The optimizer names, and names that are not.
const OPTIMIZERS: [&str; 8] = [
    "gd", "momentum", "adagrad", "rmsprop", "adam", " adam ", "Adam", "sgd",
];

/// A key: mostly the vocabulary.
#[derive(Arbitrary, Debug, Clone)]
enum Key {
    Function,
    Optimizer,
    Lr,
    Alpha,
    Beta,
    Beta1,
    Beta2,
    Eps,
    Start,
    Steps,
    Junk(String),
}

impl Key {
    fn text(&self) -> &str {
        match self {
            Key::Function => "function",
            Key::Optimizer => "optimizer",
            Key::Lr => "lr",
            Key::Alpha => "alpha",
            Key::Beta => "beta",
            Key::Beta1 => "beta1",
            Key::Beta2 => "beta2",
            Key::Eps => "eps",
            Key::Start => "start",
            Key::Steps => "steps",
            Key::Junk(s) => s,
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
    /// An optimizer name or not, padded with spaces or not.
    Optimizer(u8),
    /// A function from the list.
    Function(u8),
    /// Any text.
    Text(String),
}

impl Value {
    fn text(&self, key: &Key) -> String {
        match *self {
            Value::Fitting(n) | Value::Fitting2(n) | Value::Fitting3(n) => fitting(key, n),
            Value::Number(x) => format!("{x}"),
            Value::Exponent(x) => format!("{x:e}"),
            Value::Start(a, b) => format!("{a},{b}"),
            Value::Whole(n) => n.to_string(),
            Value::Optimizer(i) => OPTIMIZERS[usize::from(i) % OPTIMIZERS.len()].to_owned(),
            Value::Function(i) => FUNCTIONS[usize::from(i) % FUNCTIONS.len()].to_owned(),
            Value::Text(ref s) => s.clone(),
        }
    }
}

/// A value in the range `key` accepts (or near its edges), chosen by `n`.
fn fitting(key: &Key, n: u32) -> String {
    let small = f64::from(n % 1001) / 1000.0;
    match key {
        Key::Function => FUNCTIONS[n as usize % FUNCTIONS.len()].to_owned(),
        Key::Optimizer => OPTIMIZERS[n as usize % 5].to_owned(),
        Key::Lr => format!("{}e-{}", 1 + n % 9, (n / 9) % 6),
        Key::Eps => format!("1e-{}", n % 13),
        Key::Alpha | Key::Beta | Key::Beta1 | Key::Beta2 => format!("{small}"),
        Key::Start => format!(
            "{},{}",
            i64::from(n % 61) - 30,
            f64::from((n / 61) % 41) / 2.0 - 10.0
        ),
        Key::Steps => (n % 250).to_string(),
        Key::Junk(s) => s.clone(),
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
        .map(|(k, v)| (k.text().to_owned(), v.text(k)))
        .collect();
    let as_str = || pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()));

    let mut config = match Config::from_pairs(as_str()) {
        Ok(config) => config,
        Err(e) => {
            assert!(!e.to_string().is_empty());
            let key = e.key();
            assert!(
                KEYS.contains(&key) || pairs.iter().any(|(k, _)| k == key),
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
    assert_eq!(trajectory.optimizer, config.optimizer.kind());
    assert!(
        rows.len() <= steps + 1,
        "{} rows for {steps} steps",
        rows.len()
    );
    assert_eq!(
        trajectory.stop.is_none(),
        rows.len() == steps + 1,
        "stop {:?} with {} rows for {steps} steps",
        trajectory.stop,
        rows.len()
    );
    if let Some(stop) = trajectory.stop {
        assert_eq!(stop.step(), rows.len(), "stopped at {stop:?}");
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
