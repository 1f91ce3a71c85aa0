//! Fuzzes the optimizers' steps: every optimizer, with arbitrary hyperparameters (valid or
//! not), arbitrary state, position and gradient (NaN, infinities and huge values included),
//! must step without panicking; a few steps of a trajectory continued from that state too.
//!
//! Invariants checked:
//! - a step is pure: stepping twice gives bit-identical results;
//! - it counts one step more in `t` and leaves the parts of the state it does not use as they
//!   were (gradient descent all of `m` and `s`, momentum `s`, AdaGrad and RMSProp `m`);
//! - a state survives the trip through its column values (`state_values`, then
//!   `state_from_values`), as it does through JavaScript;
//! - a trajectory continued from the state has every row finite, and stops early exactly when
//!   it has fewer rows than asked, at the iteration after its last row.

#![no_main]

use arbitrary::Arbitrary;
use descent_core::{trajectory_from, Function, Hyperparameter, OptimizerKind, State};
use libfuzzer_sys::fuzz_target;

/// The input: hyperparameters in vocabulary order, then a state, position and gradient.
#[derive(Arbitrary, Debug)]
struct Input {
    /// Values of lr, alpha, beta, beta1, beta2, eps.
    hyperparameters: [f64; 6],
    /// Whether to use the values as given, or only where the vocabulary accepts them (the
    /// default elsewhere).
    validated: bool,
    t: u64,
    m: [f64; 2],
    s: [f64; 2],
    w: [f64; 2],
    g: [f64; 2],
    /// Steps of the continued trajectory.
    steps: u8,
}

/// Equal bit for bit.
fn same(a: [f64; 2], b: [f64; 2]) -> bool {
    a[0].to_bits() == b[0].to_bits() && a[1].to_bits() == b[1].to_bits()
}

/// Equal bit for bit.
fn same_state(a: &State, b: &State) -> bool {
    a.t == b.t && same(a.m, b.m) && same(a.s, b.s)
}

fuzz_target!(|input: Input| {
    let state = State {
        t: input.t,
        m: input.m,
        s: input.s,
    };
    let function = Function::parse("3*w1^2 + 10*w2^2").unwrap_or_else(|e| panic!("{e}"));
    for kind in OptimizerKind::ALL {
        let optimizer = kind.with(|h| {
            let index = Hyperparameter::ALL
                .iter()
                .position(|&k| k == h)
                .unwrap_or(0);
            let value = input.hyperparameters[index];
            if !input.validated || h.accepts(value) {
                value
            } else {
                kind.default_of(h).unwrap_or(f64::NAN)
            }
        });

        let (w, next) = optimizer.step(state, input.w, input.g);
        let (w_again, next_again) = optimizer.step(state, input.w, input.g);
        assert!(
            same(w, w_again),
            "{kind}: position differs when stepping twice"
        );
        assert!(same_state(&next, &next_again), "{kind}: state differs");
        assert_eq!(next.t, state.t.saturating_add(1), "{kind}: step count");
        match kind {
            OptimizerKind::Gd => {
                assert!(same(next.m, state.m) && same(next.s, state.s), "gd: state");
            }
            OptimizerKind::Momentum => assert!(same(next.s, state.s), "momentum: s"),
            OptimizerKind::AdaGrad | OptimizerKind::RmsProp => {
                assert!(same(next.m, state.m), "{kind}: m");
            }
            OptimizerKind::Adam => {}
        }

        let values = kind.state_values(&next);
        assert_eq!(values.len(), kind.state_columns().len());
        let back = kind
            .state_from_values(next.t, &values)
            .unwrap_or_else(|| panic!("{kind}: state from its own values"));
        assert_eq!(back.t, next.t);
        assert_eq!(
            kind.state_values(&back)
                .iter()
                .map(|x| x.to_bits())
                .collect::<Vec<_>>(),
            values.iter().map(|x| x.to_bits()).collect::<Vec<_>>(),
            "{kind}: state values after the round trip"
        );

        let steps = usize::from(input.steps % 16);
        let run = trajectory_from(&function, &optimizer, input.w, state, steps);
        assert!(run.rows.len() <= steps + 1);
        assert_eq!(run.stop.is_none(), run.rows.len() == steps + 1);
        if let Some(stop) = run.stop {
            assert_eq!(stop.step(), run.rows.len(), "{kind}: stopped at {stop:?}");
        }
        for (t, row) in run.rows.iter().enumerate() {
            assert_eq!(row.t, t);
            assert!(
                row.w.iter().chain(&row.g).all(|x| x.is_finite())
                    && row.error.is_finite()
                    && row.state.is_finite(),
                "{kind}: row {row:?} is not finite"
            );
        }
    }
});
