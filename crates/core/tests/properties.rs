//! Property tests: nothing a user can type or set makes the parser, `step` or `trajectory`
//! panic, and every trajectory row is finite.

use descent_core::optimizer::{Coefficients, Stepper, COEFFICIENTS, MAX_SHARED, MAX_STATE_PAIRS};
use descent_core::{Config, Convention, Function, Optimizer, OptimizerKind, State};
use proptest::prelude::*;

mod support;
use support::{any_f64, expression_text};

proptest! {
    #[test]
    fn parser_never_panics(text in expression_text()) {
        if let Ok(f) = Function::parse(&text) {
            let _ = f.value_and_gradient([0.5, -1.5]);
        }
    }

    #[test]
    fn parser_never_panics_on_arbitrary_unicode(text in "\\PC{0,60}") {
        let _ = Function::parse(&text);
    }

    #[test]
    fn evaluation_never_panics(text in expression_text(), w1 in any_f64(), w2 in any_f64()) {
        if let Ok(f) = Function::parse(&text) {
            let _ = f.value_and_gradient([w1, w2]);
        }
    }

    #[test]
    fn step_never_panics(
        kind in 0..OptimizerKind::all().len(),
        convention in 0..Convention::ALL.len(),
        h in prop::collection::vec(any_f64(), COEFFICIENTS),
        w in prop::array::uniform2(any_f64()),
        g in prop::array::uniform2(any_f64()),
        values in prop::collection::vec(any_f64(), 2 * MAX_STATE_PAIRS + MAX_SHARED),
        t in any::<u64>(),
    ) {
        // Any coefficients at all, valid or not: a step must not panic.
        let kind = OptimizerKind::all().nth(kind).unwrap_or(OptimizerKind::must("gd"));
        let optimizer = Optimizer::new(kind, Convention::ALL[convention]);
        let stepper = Stepper {
            rule: optimizer.form().rule,
            c: Coefficients(std::array::from_fn(|k| h[k])),
        };
        let mut state = State { t, ..State::default() };
        state.slots = [0, 1].map(|j| std::array::from_fn(|k| values[j * MAX_STATE_PAIRS + k]));
        state.shared = std::array::from_fn(|k| values[2 * MAX_STATE_PAIRS + k]);
        let mut w = w;
        stepper.step(&mut state, &mut w, g, h[0]);
    }

    #[test]
    fn trajectories_are_finite_and_never_panic(
        text in prop_oneof![
            expression_text(),
            Just("(1-w1)^2 + 100*(w2-w1^2)^2".to_owned()),
            Just("exp(exp(w1^2))".to_owned()),
            Just("1/(w1-w1)".to_owned()),
            Just("ln(w1-100)".to_owned()),
        ],
        kind in 0..OptimizerKind::all().len(),
        lr in prop_oneof![Just("1e300".to_owned()), (1e-6..10.0f64).prop_map(|x| x.to_string())],
        start in prop::array::uniform2(-1e6..1e6f64),
        steps in 0usize..300,
    ) {
        let kind = OptimizerKind::all().nth(kind).unwrap_or(OptimizerKind::must("gd"));
        let start = format!("{},{}", start[0], start[1]);
        let steps = steps.to_string();
        let pairs = [
            ("function", text.as_str()),
            ("optimizer", kind.name()),
            ("lr", lr.as_str()),
            ("start", start.as_str()),
            ("steps", steps.as_str()),
        ];
        if let Ok(config) = Config::from_pairs(pairs) {
            let t = config.run();
            prop_assert!(t.rows.len() <= config.steps + 1);
            prop_assert_eq!(t.stop.is_none(), t.rows.len() == config.steps + 1);
            for row in &t.rows {
                let values = t.values(row);
                prop_assert!(values.iter().all(|x| x.is_finite()), "{:?}", values);
            }
        }
    }

    #[test]
    fn config_never_panics(key in "[a-z0-9]{0,8}", value in "\\PC{0,20}") {
        let _ = Config::from_pairs([(key.as_str(), value.as_str())]);
    }
}
