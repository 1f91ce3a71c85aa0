//! What a kernel computes, traced: one step of a run (the update rule, then E and ∇E at the
//! new position), and whether that step is *plain*, that is, certainly ends none of the run's
//! checks (`trajectory::checks`): a kernel keeps only plain steps and leaves every other one
//! to the interpreter, which then finds out exactly why and where the run stops.
//!
//! A step is plain when the new position, the state, E and ∇E are all finite (their sum is:
//! finite values whose sum overflows make a step the interpreter takes), and the
//! gradient is not within the tolerance in both components (the convergence check also needs
//! the gradient's norm, which the interpreter computes). A state slot the rule leaves as it is
//! needs no check: it was finite in the row before.

use std::array;

use super::trace::{Condition, Graph, NodeId, Traced};
use crate::function::Program;
use crate::optimizer::{
    Coefficients, Rule, Slots, StepScalars, COEFFICIENTS, MAX_SHARED, MAX_STATE_PAIRS, STEP_SCALARS,
};
use crate::real::Real;

/// The inputs of a traced step, by number, laid out from the table's sizes: the position,
/// the gradient, the state (pairs, then shared scalars), the per-step scalars, the
/// coefficients (one per hyperparameter) and the tolerance. A new hyperparameter or a larger
/// state moves what follows it; nothing overlaps.
pub(crate) mod input {
    use super::{COEFFICIENTS, MAX_SHARED, MAX_STATE_PAIRS, STEP_SCALARS};

    /// w1 and w2 of the last row.
    pub(crate) const W: [u32; 2] = [0, 1];
    /// ∇E at the last row.
    pub(crate) const G: [u32; 2] = [2, 3];
    /// The first state input.
    const FIRST_SLOT: u32 = 4;
    /// `N` consecutive input numbers from `first`.
    const fn consecutive<const N: usize>(first: usize) -> [u32; N] {
        let mut numbers = [0; N];
        let mut k = 0;
        while k < N {
            numbers[k] = (first + k) as u32;
            k += 1;
        }
        numbers
    }

    /// The state pairs: `SLOTS[weight][k]`, pair k's component for that weight.
    pub(crate) const SLOTS: [[u32; MAX_STATE_PAIRS]; 2] = [
        consecutive(FIRST_SLOT as usize),
        consecutive(FIRST_SLOT as usize + MAX_STATE_PAIRS),
    ];
    /// The shared scalars of the state.
    pub(crate) const SHARED: [u32; MAX_SHARED] =
        consecutive(FIRST_SLOT as usize + 2 * MAX_STATE_PAIRS);
    /// How many inputs the run's state takes (w, ∇E, the state): they vary per step.
    pub(crate) const STATE: u32 = FIRST_SLOT + (2 * MAX_STATE_PAIRS + MAX_SHARED) as u32;
    /// The per-step scalars of the step ([`crate::optimizer::Rule::step_scalars`]).
    pub(crate) const SCALARS: [u32; STEP_SCALARS] = consecutive(STATE as usize);
    /// The first coefficient ([`crate::optimizer::Coefficients`] in order).
    pub(crate) const COEFFICIENT: u32 = STATE + STEP_SCALARS as u32;
    /// The tolerance of the convergence check.
    pub(crate) const TOL: u32 = COEFFICIENT + COEFFICIENTS as u32;

    /// Whether input `k` is the same for every step of a call (the hyperparameters).
    pub(crate) fn is_invariant(k: u32) -> bool {
        k >= COEFFICIENT
    }
}

/// The nodes of a traced step's results.
#[derive(Clone, Debug)]
pub(crate) struct StepNodes {
    /// The new position.
    pub w: [NodeId; 2],
    /// E there.
    pub error: NodeId,
    /// ∇E there.
    pub g: [NodeId; 2],
    /// The new state: each state input's new value, by input number (from [`input::SLOTS`]
    /// and [`input::SHARED`]).
    pub state: Vec<(u32, NodeId)>,
    /// Whether the step is plain.
    pub plain: NodeId,
    /// The state slots the rule leaves as they are, by input number.
    pub unchanged: Vec<u32>,
}

impl StepNodes {
    /// Every result that is computed (not an unchanged state slot).
    pub(crate) fn computed(&self) -> Vec<NodeId> {
        let mut all = vec![self.w[0], self.w[1], self.error, self.g[0], self.g[1]];
        for &(slot, id) in &self.state {
            if !self.unchanged.contains(&slot) {
                all.push(id);
            }
        }
        all.push(self.plain);
        all
    }

    /// The new value of state input `k`.
    pub(crate) fn state_of(&self, k: u32) -> NodeId {
        self.state
            .iter()
            .find(|(input, _)| *input == k)
            .map_or(NodeId::default(), |&(_, id)| id)
    }
}

/// Whether every one of `values` is certainly finite, with one comparison: their sum (added
/// pairwise) is finite only if every term is, as an infinity or a NaN makes it infinite or
/// NaN, and `s − s` is 0 for a finite `s` only. Finite values whose sum overflows count as not
/// finite: the interpreter then takes that step, and finds it plain (rare, and only slower).
fn all_finite(values: &[Traced]) -> Condition {
    let mut terms = values.to_vec();
    while terms.len() > 1 {
        terms = terms
            .chunks(2)
            .map(|pair| pair.iter().copied().reduce(|a, b| a + b).unwrap_or(pair[0]))
            .collect();
    }
    terms.first().map_or(Condition::constant(true), |&sum| {
        // s − s on purpose: 0 for a finite s, NaN otherwise.
        #[allow(clippy::eq_op)]
        let zero_if_finite = sum - sum;
        zero_if_finite.equals(Traced::constant(0.0))
    })
}

/// Traces one step of `rule` followed by the evaluation of `program` at the new position; the
/// convergence check only if `tol` is positive (its value is an input).
pub(crate) fn trace_step(program: &Program, rule: Rule, tol: f64) -> (Graph, StepNodes) {
    Graph::trace(|| {
        let mut w = input::W.map(Traced::input);
        let g = input::G.map(Traced::input);
        let mut slots = Slots {
            pairs: input::SLOTS.map(|weight| weight.map(Traced::input)),
            shared: input::SHARED.map(Traced::input),
        };
        let scalars = StepScalars(input::SCALARS.map(Traced::input));
        let c = Coefficients(array::from_fn(|k| {
            Traced::input(input::COEFFICIENT + k as u32)
        }));
        rule.step_weights(&c, c.lr(), scalars, &mut slots, &mut w, g);
        let e = program.evaluate(w[0], w[1]);

        let mut checked = vec![w[0], w[1], e.v, e.d1, e.d2];
        let mut unchanged = Vec::new();
        let mut state = Vec::new();
        let inputs = input::SLOTS
            .iter()
            .zip(&slots.pairs)
            .flat_map(|(k, v)| k.iter().zip(v));
        for (&slot, &value) in inputs.chain(input::SHARED.iter().zip(&slots.shared)) {
            state.push((slot, value.0));
            if value == Traced::input(slot) {
                unchanged.push(slot);
            } else {
                checked.push(value);
            }
        }
        let near = if tol > 0.0 {
            let tol = Traced::input(input::TOL);
            Traced::and(e.d1.abs().at_most(tol), e.d2.abs().at_most(tol))
        } else {
            Condition::constant(false)
        };
        let plain = Traced::and(all_finite(&checked), near.not());
        StepNodes {
            w: w.map(|x| x.0),
            error: e.v.0,
            g: [e.d1.0, e.d2.0],
            state,
            plain: plain.0,
            unchanged,
        }
    })
}

/// Traces the evaluation of `program` at inputs 0 and 1: E, ∂E/∂w1, ∂E/∂w2.
pub(crate) fn trace_evaluation(program: &Program) -> (Graph, [NodeId; 3]) {
    Graph::trace(|| {
        let e = program.evaluate(Traced::input(0), Traced::input(1));
        [e.v.0, e.d1.0, e.d2.0]
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::optimizer::{Convention, Optimizer, OptimizerKind};
    use crate::Function;

    /// A trajectory kernel writes the state columns of the optimizer's form and takes the
    /// other slots as unchanged: every rule must change exactly the state pairs and shared
    /// scalars its form lists, the first ones.
    #[test]
    fn every_rule_changes_exactly_the_state_its_form_lists() {
        let function = Function::parse("w1^2 + sin(w2)").expect("valid");
        for kind in OptimizerKind::all() {
            for convention in Convention::ALL {
                let optimizer = Optimizer::new(kind, convention);
                let (_, nodes) = trace_step(function.program(), optimizer.form().rule, 0.0);
                let form = optimizer.form();
                for weight_slots in input::SLOTS {
                    for (k, slot) in weight_slots.iter().enumerate() {
                        let changed = !nodes.unchanged.contains(slot);
                        assert_eq!(changed, k < form.pairs(), "{kind} {convention:?} pair {k}");
                    }
                }
                for (k, slot) in input::SHARED.iter().enumerate() {
                    let changed = !nodes.unchanged.contains(slot);
                    assert_eq!(changed, k < form.shared, "{kind} {convention:?} shared {k}");
                }
            }
        }
    }
}
