//! Why a run stopped: the reasons in full ([`Stop`], with the step and what happened there) and
//! in one word ([`StopReason`], a sweep's `stop` column).

use std::fmt;

/// Why a trajectory ended before its last iteration, or that it met its tolerance.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Stop {
    /// The step to iteration `step` produced a non-finite position or state, or E or ∇E
    /// overflowed to infinity there; at step 0, the state given to continue from was not
    /// finite.
    Diverged {
        /// The iteration that could not be reached.
        step: usize,
    },
    /// E or ∇E is not a number (NaN) at the position reached at iteration `step`, or not
    /// finite at the start (step 0).
    Undefined {
        /// The iteration.
        step: usize,
        /// The position.
        w: [f64; 2],
    },
    /// ‖∇E(w)‖ ≤ `tol` at the row of iteration `step` (the last row): the run reached a
    /// stationary point as closely as asked.
    Converged {
        /// The iteration, the run's last row.
        step: usize,
        /// The tolerance met.
        tol: f64,
    },
}

/// Why a run stopped, in one word: the `stop` column of sweeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StopReason {
    /// [`Stop::Converged`].
    Converged,
    /// [`Stop::Diverged`].
    Diverged,
    /// [`Stop::Undefined`].
    Undefined,
}

impl StopReason {
    /// Every reason, in the order of their codes (1, 2, 3; 0 is "did not stop").
    pub const ALL: [StopReason; 3] = [
        StopReason::Converged,
        StopReason::Diverged,
        StopReason::Undefined,
    ];

    /// The word: `converged`, `diverged` or `undefined`.
    pub fn name(self) -> &'static str {
        match self {
            StopReason::Converged => "converged",
            StopReason::Diverged => "diverged",
            StopReason::Undefined => "undefined",
        }
    }

    /// The reason named `name`.
    pub fn named(name: &str) -> Option<StopReason> {
        StopReason::ALL.into_iter().find(|r| r.name() == name)
    }

    /// A number for flat numeric columns (the JS API's `Float64Array`s): 1 + its place in
    /// [`StopReason::ALL`]; [`StopReason::code_of`] gives 0 for a run that did not stop.
    pub fn code(self) -> u8 {
        match self {
            StopReason::Converged => 1,
            StopReason::Diverged => 2,
            StopReason::Undefined => 3,
        }
    }

    /// The code of an optional reason: 0 for none.
    pub fn code_of(reason: Option<StopReason>) -> u8 {
        reason.map_or(0, StopReason::code)
    }

    /// The reason whose [`StopReason::code`] is `code` (as a flat column holds it): `Ok(None)`
    /// for 0, `Err(())` for any number that is no code.
    #[allow(clippy::result_unit_err)]
    pub fn from_code(code: f64) -> Result<Option<StopReason>, ()> {
        if code == 0.0 {
            return Ok(None);
        }
        StopReason::ALL
            .into_iter()
            .find(|r| f64::from(r.code()) == code)
            .map(Some)
            .ok_or(())
    }
}

impl fmt::Display for StopReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Stop {
    /// The iteration at which the run stopped.
    pub fn step(&self) -> usize {
        match *self {
            Stop::Diverged { step }
            | Stop::Undefined { step, .. }
            | Stop::Converged { step, .. } => step,
        }
    }

    /// Why, in one word.
    pub fn reason(&self) -> StopReason {
        match self {
            Stop::Diverged { .. } => StopReason::Diverged,
            Stop::Undefined { .. } => StopReason::Undefined,
            Stop::Converged { .. } => StopReason::Converged,
        }
    }
}

impl fmt::Display for Stop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Stop::Diverged { step: 0 } => f.write_str(
                "cannot continue: the optimizer's state is not finite (start again from the zero \
                 state)",
            ),
            Stop::Diverged { step } => write!(
                f,
                "diverged at step {step}: the values overflowed to infinity (try a smaller lr)"
            ),
            Stop::Undefined { step, w } => write!(
                f,
                "stopped at step {step}: E or its gradient is not finite at w = ({:?}, {:?}) \
                 (the function is undefined or overflows there)",
                w[0], w[1]
            ),
            Stop::Converged { step, tol } => write!(
                f,
                "converged at step {step}: the gradient's norm |∇E(w)| is at most tol = {tol:?}"
            ),
        }
    }
}
