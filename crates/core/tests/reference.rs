//! Trajectories checked against the real packages: optax 0.2.8 for every optimizer's optax
//! form, torch.optim for Rprop, NAdam and RAdam, Keras 3.15 for Nadam, and the authors'
//! adabelief-pytorch, torch-adopt, prodigyopt, dadaptation and schedulefree, each in float64
//! with hand-written gradients (`reference/generate.py`; its output, `reference/runs.tsv`, is
//! read here as it is, and `reference/output.log` lists the package versions). Four runs per
//! form: the article's bowl 3·w1² + 10·w2² at the default learning rate and ten times it (100
//! steps), Rosenbrock (500 steps) and ln(1 + w1²) + 2·w2² (300 steps); w(t) at t = 1, 2, 3,
//! 10, 100, 300, 500, and the state the page draws (d(t), x(t)).
//!
//! Tolerance, relative to a stated scale: |got − want| ≤ tol·max(|want|, s), where s =
//! 1e-5·‖w(0)‖∞ keeps a value that has converged to near zero after steps of the start's size
//! from asking for digits the arithmetic never had (Prodigy's w1 = −7.5e-7 after 300 steps
//! from w1 = 3 differs from prodigyopt's by 9e-15: cancellation, not a different method);
//! such a value is still checked to 3e-14 absolute. tol is 1e-12 for the
//! first three steps and 1e-9 after (the frameworks round differently: fused multiply-adds,
//! rsqrt for 1/√, lerp; the largest difference seen is printed by the test).
//!
//! Where a run is chaotic, no two implementations that round differently agree for long: the
//! generator measures each point's amplification A, how much the framework's own run moves
//! when its start moves by one part in 1e10. A point is checked while A ≤ 1e4 (a rounding
//! difference of 1e-16 then stays below 1e-12); the others (a learning-rate-free method whose
//! estimate has grown large, bouncing on ln(1 + w1²)) are counted, and must be few.

use std::collections::BTreeMap;

use descent_core::Config;

/// The generated runs.
const RUNS: &str = include_str!("reference/runs.tsv");

/// The most amplification of a point that is checked.
const MAX_AMPLIFICATION: f64 = 1e4;

/// One recorded point of a framework run.
struct Point {
    t: usize,
    w: [f64; 2],
    /// The framework's own amplification of a change of the start, at t.
    amplification: f64,
    /// State columns by name (`d`, `x1`, `x2`).
    state: Vec<(String, f64)>,
}

/// A framework run's settings and its recorded points, keyed by (optimizer, convention, run).
type Runs = BTreeMap<(String, String, String), (Vec<(String, String)>, Vec<Point>)>;

fn parse() -> Runs {
    let mut runs = Runs::new();
    for line in RUNS
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let fields: Vec<&str> = line.split('\t').collect();
        let [optimizer, convention, run, function, start, steps, lr, t, w1, w2, amplification, state] =
            fields[..]
        else {
            panic!("a line of 12 fields: {line}");
        };
        let number = |text: &str| text.parse::<f64>().unwrap_or_else(|_| panic!("{text}"));
        let settings = [
            ("function", function),
            ("optimizer", optimizer),
            ("convention", convention),
            ("start", start),
            ("steps", steps),
            ("lr", lr),
        ]
        .map(|(k, v)| (k.to_owned(), v.to_owned()));
        let key = (optimizer.to_owned(), convention.to_owned(), run.to_owned());
        let entry = runs
            .entry(key)
            .or_insert_with(|| (settings.to_vec(), Vec::new()));
        entry.1.push(Point {
            t: t.parse().unwrap_or_else(|_| panic!("{t}")),
            w: [number(w1), number(w2)],
            amplification: number(amplification),
            state: state
                .split(',')
                .filter(|s| !s.is_empty())
                .map(|pair| {
                    let (name, value) = pair.split_once('=').unwrap_or_else(|| panic!("{pair}"));
                    (name.to_owned(), number(value))
                })
                .collect(),
        });
    }
    runs
}

/// The relative difference of `got` from `want` at the run's scale `floor`.
fn difference(got: f64, want: f64, floor: f64) -> f64 {
    (got - want).abs() / want.abs().max(floor)
}

#[test]
fn every_form_matches_its_framework() {
    let runs = parse();
    assert!(runs.len() >= 29 * 4, "{} runs", runs.len());
    let mut worst: Vec<(f64, String)> = Vec::new();
    let mut failures = Vec::new();
    let (mut checked, mut chaotic) = (0, Vec::new());
    for ((optimizer, convention, run), (settings, points)) in &runs {
        let name = format!("{optimizer} ({convention}) run {run}");
        let config = Config::from_pairs(settings.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let trajectory = config.run();
        let columns = trajectory.columns();
        let start = trajectory.rows[0].w;
        let floor = 1e-5 * start[0].abs().max(start[1].abs());
        for point in points {
            if point.amplification > MAX_AMPLIFICATION {
                chaotic.push(format!(
                    "{name} t = {} (A = {:e})",
                    point.t, point.amplification
                ));
                continue;
            }
            checked += 1;
            let row = trajectory
                .rows
                .get(point.t)
                .unwrap_or_else(|| panic!("{name}: no row {} ({:?})", point.t, trajectory.stop));
            let tol = if point.t <= 3 { 1e-12 } else { 1e-9 };
            let values = trajectory.values(row);
            let mut checks: Vec<(String, f64, f64)> = vec![
                ("w1".into(), row.w[0], point.w[0]),
                ("w2".into(), row.w[1], point.w[1]),
            ];
            for (column, want) in &point.state {
                let i = columns
                    .iter()
                    .position(|c| c == column)
                    .unwrap_or_else(|| panic!("{name}: no column {column}"));
                checks.push((column.clone(), values[i], *want));
            }
            for (what, got, want) in checks {
                let error = difference(got, want, floor);
                worst.push((
                    error / tol,
                    format!("{name} t = {} {what}: {error:e}", point.t),
                ));
                // A NaN difference fails too.
                if error.is_nan() || error > tol {
                    failures.push(format!(
                        "{name}, t = {}: {what} = {got:e}, the framework's {want:e} ({error:e})",
                        point.t
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    println!(
        "{checked} points checked; chaotic, not checked: {}",
        chaotic.join(", ")
    );
    assert!(
        chaotic.len() * 10 <= checked,
        "too many chaotic points: {chaotic:?}"
    );
    worst.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (_, line) in worst.iter().take(5) {
        println!("largest (relative to its tolerance): {line}");
    }
}
