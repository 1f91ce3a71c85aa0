//! Fuzzes the optimizers' steps: every row of the optimizer table in every convention, with
//! arbitrary hyperparameters (valid or not), arbitrary state, position and gradient (NaN,
//! infinities and huge values included), must step without panicking; a few steps of a
//! trajectory continued from that state too.
//!
//! Invariants checked:
//! - a step is pure: stepping twice gives bit-identical results, and `Optimizer::step` is the
//!   fast `Stepper::step` at the optimizer's own learning rate;
//! - it counts one step more in `t` (saturating) and leaves the state slots beyond the form's
//!   state columns as they were;
//! - `Optimizer::set` accepts exactly the values the hyperparameter table accepts, and
//!   `with_convention` keeps every value set by hand;
//! - a state survives the trip through its column values (`state_values`, then
//!   `state_from_values`), as it does through JavaScript;
//! - the derived quantities (Adam's m̂ and v̂) are as many as the rule names, none before the
//!   first step;
//! - a trajectory continued from the state has every row finite, and stops early exactly when
//!   it has fewer rows than asked, at the iteration after its last row.

#![no_main]

use arbitrary::Arbitrary;
use descent_core::optimizer::{
    state_from_values, state_values, HYPERPARAMETERS, MAX_SHARED, MAX_STATE_PAIRS,
};
use descent_core::{trajectory_from, Convention, Function, Optimizer, OptimizerKind, State};
use libfuzzer_sys::fuzz_target;

/// The input: hyperparameter values in the table's order, then a state, position and
/// gradient.
#[derive(Arbitrary, Debug)]
struct Input {
    /// Values of the hyperparameters in [`HYPERPARAMETERS`] order (missing ones: defaults).
    hyperparameters: Vec<f64>,
    t: u64,
    slots: [[f64; MAX_STATE_PAIRS]; 2],
    shared: [f64; MAX_SHARED],
    w: [f64; 2],
    g: [f64; 2],
    /// Steps of the continued trajectory.
    steps: u8,
}

/// Equal bit for bit, NaN for NaN.
fn same(a: &[f64], b: &[f64]) -> bool {
    // Any NaN equals any NaN: the compiler may order the operands of `a * b` differently where
    // it inlines, and which operand's payload a NaN result carries is not specified.
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(x, y)| x.to_bits() == y.to_bits() || (x.is_nan() && y.is_nan()))
}

/// Equal bit for bit.
fn same_state(a: &State, b: &State) -> bool {
    a.t == b.t
        && same(a.slots.as_flattened(), b.slots.as_flattened())
        && same(&a.shared, &b.shared)
}

/// The input's value for hyperparameter `key`, if it gave one.
fn given(input: &Input, key: &str) -> Option<f64> {
    let index = HYPERPARAMETERS.iter().position(|h| h.key == key)?;
    input.hyperparameters.get(index).copied()
}

fuzz_target!(|input: Input| {
    let state = State {
        t: input.t,
        slots: input.slots,
        shared: input.shared,
    };
    let function = Function::parse("3*w1^2 + 10*w2^2").unwrap_or_else(|e| panic!("{e}"));
    for kind in OptimizerKind::all() {
        for convention in Convention::ALL {
            let name = format!("{kind} ({})", convention.name());
            // The validated optimizer: every value the table accepts is set, the others are
            // refused and leave the default.
            let mut optimizer = Optimizer::new(kind, convention);
            for (h, default) in kind.hyperparameters(convention) {
                let Some(value) = given(&input, h.key) else {
                    continue;
                };
                let set = optimizer.set(h.key, value);
                assert_eq!(
                    set.is_ok(),
                    h.accepts(value),
                    "{name}: set {} {value}",
                    h.key
                );
                let expected = if h.accepts(value) { value } else { default };
                assert_eq!(
                    optimizer.get(h.key).map(f64::to_bits),
                    Some(expected.to_bits()),
                    "{name}: {}",
                    h.key
                );
            }
            for other in Convention::ALL {
                let moved = optimizer.with_convention(other);
                for ((h, value), (_, default)) in optimizer
                    .hyperparameters()
                    .zip(kind.hyperparameters(convention))
                {
                    if value.to_bits() != default.to_bits() {
                        assert_eq!(moved.get(h.key).map(f64::to_bits), Some(value.to_bits()));
                    }
                }
            }

            // The raw stepper takes any values, valid or not.
            let mut raw = optimizer.stepper();
            for (h, _) in kind.hyperparameters(convention) {
                if let Some(value) = given(&input, h.key) {
                    raw.c[h.place()] = value;
                }
            }
            let form = optimizer.form();
            let used = form.pairs();
            for stepper in [optimizer.stepper(), raw] {
                let (mut w, mut next) = (input.w, state);
                stepper.step(&mut next, &mut w, input.g, stepper.c.lr());
                let (mut w_again, mut next_again) = (input.w, state);
                stepper.step(&mut next_again, &mut w_again, input.g, stepper.c.lr());
                assert!(
                    same(&w, &w_again),
                    "{name}: position differs when stepping twice"
                );
                assert!(same_state(&next, &next_again), "{name}: state differs");
                assert_eq!(next.t, state.t.saturating_add(1), "{name}: step count");
                for i in 0..2 {
                    assert!(
                        same(&next.slots[i][used..], &state.slots[i][used..]),
                        "{name}: slots it does not use changed"
                    );
                }
                assert!(
                    same(&next.shared[form.shared..], &state.shared[form.shared..]),
                    "{name}: shared scalars it does not use changed"
                );
            }
            let (w, next) = optimizer.step(state, input.w, input.g);
            let stepper = optimizer.stepper();
            let (mut w_fast, mut next_fast) = (input.w, state);
            stepper.step(&mut next_fast, &mut w_fast, input.g, stepper.c.lr());
            assert!(
                same(&w, &w_fast) && same_state(&next, &next_fast),
                "{name}: fast path"
            );

            let columns = optimizer.state_columns();
            let values = state_values(form, &next);
            assert_eq!(values.len(), columns.len());
            let back = state_from_values(form, next.t, &values)
                .unwrap_or_else(|| panic!("{name}: state from its own values"));
            assert_eq!(back.t, next.t);
            assert!(
                same(&state_values(form, &back), &values),
                "{name}: state values after the round trip"
            );
            let too_many = vec![0.0; columns.len() + 1];
            assert!(state_from_values(form, 0, &too_many).is_none());

            let derived = optimizer.derived(&next);
            let names = optimizer.form().rule.derived_names();
            if next.t == 0 {
                assert!(derived.is_empty());
            } else {
                assert_eq!(derived.len(), names.len(), "{name}: derived");
            }

            let steps = usize::from(input.steps % 16);
            let run = trajectory_from(&function, &optimizer, input.w, state, steps);
            assert!(run.rows.len() <= steps + 1);
            assert_eq!(run.stop.is_none(), run.rows.len() == steps + 1);
            if let Some(stop) = run.stop {
                assert_eq!(stop.step(), run.rows.len(), "{name}: stopped at {stop:?}");
            }
            for (t, row) in run.rows.iter().enumerate() {
                assert_eq!(row.t, t);
                assert!(
                    row.w.iter().chain(&row.g).all(|x| x.is_finite())
                        && row.error.is_finite()
                        && row.state.is_finite(),
                    "{name}: row {row:?} is not finite"
                );
            }
        }
    }
});
