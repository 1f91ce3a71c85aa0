//! Numbers and texts the page shows: control values, the tooltip of an iteration, the run
//! summary for the live region.

use descent_core::{Row, Trajectory};

use super::entry::Entry;
use super::training::{learning_rate, used_gradient};

/// A value for a control: shortest round-trip form, exponent notation when tiny or huge
/// (`0.05`, `1e-8`, `1e300`); the figures' labels write values alike.
pub use descent_plot::scene::number;

/// A value to read: about six significant digits.
pub fn short(x: f64) -> String {
    if !x.is_finite() {
        return format!("{x}");
    }
    if x != 0.0 && (x.abs() < 1e-3 || x.abs() >= 1e6) {
        return format!("{x:.4e}");
    }
    let magnitude = if x == 0.0 {
        0
    } else {
        x.abs().log10().floor() as i32
    };
    descent_core::text::fixed(x, (5 - magnitude).clamp(0, 6) as usize)
}

/// `(a, b)` with [`short`] numbers.
pub fn pair(p: [f64; 2]) -> String {
    format!("({}, {})", short(p[0]), short(p[1]))
}

/// The entry a trajectory ran.
pub fn entry_of(trajectory: &Trajectory) -> Entry {
    Entry::new(
        trajectory.optimizer.kind(),
        trajectory.optimizer.convention(),
    )
}

/// The update v = w(t) − w(t+1) the optimizer takes from `row`, and the effective learning
/// rate per component v ⊘ g (the factor the gradient is multiplied by). A training run's step
/// uses the gradient it drew and its η(t) (see [`super::training::used_gradient`]).
pub fn update(trajectory: &Trajectory, row: &Row) -> ([f64; 2], [f64; 2]) {
    let g = used_gradient(trajectory, row.t).unwrap_or(row.g);
    let next = match learning_rate(trajectory, row.t) {
        Some(lr) => {
            let (mut state, mut w) = (row.state, row.w);
            trajectory
                .optimizer
                .stepper()
                .step(&mut state, &mut w, g, lr);
            w
        }
        None => trajectory.optimizer.step(row.state, row.w, g).0,
    };
    let v = [row.w[0] - next[0], row.w[1] - next[1]];
    let rate = |i: usize| {
        if g[i] == 0.0 {
            f64::NAN
        } else {
            v[i] / g[i]
        }
    };
    (v, [rate(0), rate(1)])
}

/// The lines of the optimizer's state at `row`, each state vector as a pair named after its
/// columns (`s = (810, 16000)`), then what the rule derives from it (Adam's m̂, v̂), with
/// `suffix` after each name (the first-steps figure writes `s(1)`).
pub fn state_lines(trajectory: &Trajectory, row: &Row, suffix: &str) -> Vec<String> {
    let columns = trajectory.optimizer.state_columns();
    let mut lines: Vec<String> = columns
        .chunks(2)
        .enumerate()
        .map(|(k, names)| {
            let symbol = names[0].trim_end_matches('1');
            format!("{symbol}{suffix} = {}", pair(row.state.pair(k)))
        })
        .collect();
    for (name, value) in trajectory.optimizer.derived(&row.state) {
        lines.push(format!("{name}{suffix} = {}", pair(value)));
    }
    lines
}

/// The tooltip of iteration `row` of a run: t, w, E(w), ∇E, the state (and what the rule
/// derives from it), the next update and the effective step size per component.
pub fn tooltip(trajectory: &Trajectory, row: &Row) -> String {
    let mut lines = vec![
        format!("{}: t = {}", entry_of(trajectory), row.t),
        format!("w = {}", pair(row.w)),
        format!("E(w) = {}", short(row.error)),
        format!("∇E = {}", pair(row.g)),
    ];
    let used = used_gradient(trajectory, row.t);
    if let Some(g) = used {
        lines.push(format!("g used = {}", pair(g)));
    }
    if let Some(lr) = learning_rate(trajectory, row.t) {
        lines.push(format!("η(t) = {}", short(lr)));
    }
    lines.extend(state_lines(trajectory, row, ""));
    let (v, rate) = update(trajectory, row);
    lines.push(format!("next update v = {}", pair(v)));
    let over = if used.is_some() { "g" } else { "∇E" };
    lines.push(format!("step size v⊘{over} = {}", pair(rate)));
    if used.is_some() {
        lines.push("dots: −g the step could have drawn".to_owned());
        lines.push("ringed: the one it drew; arrow: −∇E".to_owned());
    }
    lines.join("\n")
}

/// One sentence on the run for the live region: start, end, final error, steps, stop.
pub fn summary(start: [f64; 2], trajectory: &Trajectory) -> String {
    let name = entry_of(trajectory).label();
    let start = pair(start);
    match (trajectory.rows.last(), trajectory.stop) {
        (None, Some(stop)) => format!("{name} from {start}: {stop}."),
        (Some(last), stop) => {
            let ending = stop.map_or_else(String::new, |s| format!(" It {s}."));
            format!(
                "{name} from {start}: {} steps, ending at {} with E = {}.{ending}",
                last.t,
                pair(last.w),
                short(last.error)
            )
        }
        (None, None) => format!("{name} from {start}: no iterations."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use descent_core::Config;

    #[test]
    fn numbers_read_well() {
        assert_eq!(number(0.05), "0.05");
        assert_eq!(number(1e-8), "1e-8");
        assert_eq!(number(1e300), "1e300");
        assert_eq!(short(-14.841886116992557), "-14.8419");
        assert_eq!(short(4675.0), "4675");
        assert_eq!(short(0.0), "0");
        assert_eq!(short(1.5e-7), "1.5000e-7");
    }

    #[test]
    fn tooltip_shows_the_article_numbers() {
        let trajectory = Config::article_example().run();
        let text = tooltip(&trajectory, &trajectory.rows[1]);
        assert!(text.starts_with("rmsprop: t = 1"), "{text}");
        assert!(text.contains("w = (-14.8419, 19.8419)"), "{text}");
        assert!(text.contains("s = (810, 16000)"), "{text}");
        assert!(text.contains("∇E = (-89.0513, 396.838)"), "{text}");
        assert!(text.contains("step size"), "{text}");
    }

    #[test]
    fn adam_shows_its_corrected_moments_and_other_conventions_say_so() {
        let adam = Config::from_pairs([("optimizer", "adam"), ("convention", "keras")])
            .expect("valid")
            .run();
        let text = tooltip(&adam, &adam.rows[1]);
        assert!(text.starts_with("adam:keras: t = 1"), "{text}");
        assert!(text.contains("m = (-9, 40)"), "{text}");
        assert!(text.contains("m̂ = (-90, 400)"), "{text}");
        assert!(text.contains("v̂ = "), "{text}");
        assert!(summary([-15.0, 20.0], &adam).starts_with("Adam (Keras) from (-15, 20)"));
    }

    #[test]
    fn a_training_runs_tooltip_names_the_gradient_and_rate_it_used() {
        let run = Config::from_pairs([("noise", "5"), ("schedule", "exponential"), ("steps", "3")])
            .expect("valid")
            .run();
        let text = tooltip(&run, &run.rows[1]);
        assert!(text.contains("g used = ("), "{text}");
        assert!(text.contains("η(t) = 0.0495"), "{text}");
        assert!(text.contains("step size v⊘g"), "{text}");
        // The update shown is the step the run took.
        let (v, _) = update(&run, &run.rows[1]);
        let taken = [
            run.rows[1].w[0] - run.rows[2].w[0],
            run.rows[1].w[1] - run.rows[2].w[1],
        ];
        assert_eq!(v, taken);
    }

    #[test]
    fn summary_says_why_a_run_stopped() {
        let run = Config::from_pairs([("optimizer", "gd"), ("lr", "1e300")])
            .expect("valid")
            .run();
        let text = summary([-15.0, 20.0], &run);
        assert!(text.contains("diverged at step"), "{text}");
    }
}
