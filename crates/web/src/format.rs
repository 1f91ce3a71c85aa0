//! Numbers and texts the page shows: control values, the tooltip of an iteration, the run
//! summary for the live region.

use descent_core::{Optimizer, OptimizerKind, Row, Trajectory};

use crate::settings::Settings;

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
    let decimals = (5 - magnitude).clamp(0, 6) as usize;
    let text = format!("{x:.decimals$}");
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        text
    }
}

/// `(a, b)` with [`short`] numbers.
pub fn pair(p: [f64; 2]) -> String {
    format!("({}, {})", short(p[0]), short(p[1]))
}

/// The update v = w(t) − w(t+1) the optimizer takes from `row`, and the effective learning
/// rate per component v ⊘ g (the factor the gradient is multiplied by).
pub fn update(optimizer: &Optimizer, row: &Row) -> ([f64; 2], [f64; 2]) {
    let (next, _) = optimizer.step(row.state, row.w, row.g);
    let v = [row.w[0] - next[0], row.w[1] - next[1]];
    let rate = |i: usize| {
        if row.g[i] == 0.0 {
            f64::NAN
        } else {
            v[i] / row.g[i]
        }
    };
    (v, [rate(0), rate(1)])
}

/// The tooltip of iteration `row` of a run of `optimizer`: t, w, E(w), ∇E, the state, the
/// next update and the effective step size per component.
pub fn tooltip(optimizer: &Optimizer, trajectory: &Trajectory, row: &Row) -> String {
    let mut lines = vec![
        format!("{}: t = {}", trajectory.optimizer.name(), row.t),
        format!("w = {}", pair(row.w)),
        format!("E(w) = {}", short(row.error)),
        format!("∇E = {}", pair(row.g)),
    ];
    let kind = trajectory.optimizer;
    let state = kind.state_values(&row.state);
    for (i, name) in kind.state_columns().chunks(2).enumerate() {
        let label = name[0].trim_end_matches('1');
        lines.push(format!(
            "{label} = {}",
            pair([state[2 * i], state[2 * i + 1]])
        ));
    }
    if let (Optimizer::Adam(adam), true) = (*optimizer, row.t > 0) {
        let (m_hat, v_hat) = adam.bias_corrected(&row.state);
        lines.push(format!("m̂ = {}", pair(m_hat)));
        lines.push(format!("v̂ = {}", pair(v_hat)));
    }
    if kind == optimizer.kind() {
        let (v, rate) = update(optimizer, row);
        lines.push(format!("next update v = {}", pair(v)));
        lines.push(format!("step size v⊘∇E = {}", pair(rate)));
    }
    lines.join("\n")
}

/// One sentence on the run for the live region: start, end, final error, steps, stop.
pub fn summary(settings: &Settings, trajectory: &Trajectory) -> String {
    let name = match trajectory.optimizer {
        OptimizerKind::Gd => "Gradient descent",
        OptimizerKind::Momentum => "Momentum",
        OptimizerKind::AdaGrad => "AdaGrad",
        OptimizerKind::RmsProp => "RMSProp",
        OptimizerKind::Adam => "Adam",
    };
    let start = pair(settings.start);
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
        let settings = Settings::default();
        let trajectory = settings.config().run();
        let text = tooltip(&settings.optimizer(), &trajectory, &trajectory.rows[1]);
        assert!(text.contains("w = (-14.8419, 19.8419)"), "{text}");
        assert!(text.contains("s = (810, 16000)"), "{text}");
        assert!(text.contains("∇E = (-89.0513, 396.838)"), "{text}");
        assert!(text.contains("step size"), "{text}");
    }

    #[test]
    fn summary_says_why_a_run_stopped() {
        let mut settings = Settings {
            selected: OptimizerKind::Gd,
            ..Settings::default()
        };
        settings
            .set_hyperparameter(descent_core::Hyperparameter::Lr, "1e300")
            .expect("valid");
        let text = summary(&settings, &settings.config().run());
        assert!(text.contains("diverged at step"), "{text}");
    }
}
