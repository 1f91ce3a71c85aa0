//! The optimizers of the series: plain gradient descent, momentum, AdaGrad, RMSProp (the
//! article's adaptive learning scheme) and Adam. Each is a config of hyperparameters plus a
//! pure `step(state, w, g) -> (w, state)` from a zero-initialised [`State`].

use std::fmt;
use std::str::FromStr;

/// An optimizer's memory between steps; zero at the start. Which parts are used depends on
/// the optimizer; all are plain numbers so a state can cross to JavaScript and back.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct State {
    /// Steps taken so far (Adam's bias correction needs it); it stays at `u64::MAX` rather
    /// than overflow, whatever state a caller continues from.
    pub t: u64,
    /// Momentum's velocity m, or Adam's first moment m.
    pub m: [f64; 2],
    /// The running squared gradient: AdaGrad's and RMSProp's s, Adam's second moment v.
    pub s: [f64; 2],
}

impl State {
    /// Whether every number in the state is finite.
    pub fn is_finite(&self) -> bool {
        self.m.iter().chain(&self.s).all(|x| x.is_finite())
    }
}

/// Classical gradient descent: `w ← w − lr·g`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Gd {
    /// Learning rate η (default 0.001, the article's η_c).
    pub lr: f64,
}

/// Momentum (part 1 of the series; Rumelhart, Hinton, Williams 1986):
/// `m ← alpha·m − lr·g; w ← w + m`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Momentum {
    /// Learning rate η (default 0.001).
    pub lr: f64,
    /// Momentum α, the share of the previous velocity kept (default 0.9).
    pub alpha: f64,
}

/// AdaGrad (Duchi, Hazan, Singer 2011): `s ← s + g⊙g; w ← w − lr·g⊘√(s + eps)`, ε inside
/// the root as in the article.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AdaGrad {
    /// Learning rate η (default 0.5).
    pub lr: f64,
    /// Smoothing term ε under the root (default 1e-8).
    pub eps: f64,
}

/// RMSProp (Tieleman, Hinton 2012), the article's adaptive learning scheme exactly:
/// `s ← beta·s + (1−beta)·g⊙g; w ← w − lr·g⊘√(s + eps)`, ε inside the root.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RmsProp {
    /// Learning rate η (default 0.05, the article's η_a).
    pub lr: f64,
    /// Decay β of the running squared gradient (default 0.9).
    pub beta: f64,
    /// Smoothing term ε under the root (default 1e-8).
    pub eps: f64,
}

/// Adam (Kingma, Ba 2015) with bias correction, ε outside the root as in the paper:
/// `m ← beta1·m + (1−beta1)·g; v ← beta2·v + (1−beta2)·g⊙g;
/// w ← w − lr·(m/(1−beta1^t)) ⊘ (√(v/(1−beta2^t)) + eps)`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Adam {
    /// Learning rate η (default 0.001).
    pub lr: f64,
    /// Decay β1 of the first moment (default 0.9).
    pub beta1: f64,
    /// Decay β2 of the second moment (default 0.999).
    pub beta2: f64,
    /// Smoothing term ε added after the root (default 1e-8).
    pub eps: f64,
}

/// Applies `f` to both components.
fn each(f: impl Fn(usize) -> f64) -> [f64; 2] {
    [f(0), f(1)]
}

impl Gd {
    /// One step: `w ← w − lr·g`.
    pub fn step(&self, state: State, w: [f64; 2], g: [f64; 2]) -> ([f64; 2], State) {
        let w = each(|i| w[i] - self.lr * g[i]);
        (
            w,
            State {
                t: state.t.saturating_add(1),
                ..state
            },
        )
    }
}

impl Momentum {
    /// One step: `m ← alpha·m − lr·g; w ← w + m`.
    pub fn step(&self, state: State, w: [f64; 2], g: [f64; 2]) -> ([f64; 2], State) {
        let m = each(|i| self.alpha * state.m[i] - self.lr * g[i]);
        let w = each(|i| w[i] + m[i]);
        (
            w,
            State {
                t: state.t.saturating_add(1),
                m,
                ..state
            },
        )
    }
}

impl AdaGrad {
    /// One step: `s ← s + g⊙g; w ← w − lr·g⊘√(s + eps)`.
    pub fn step(&self, state: State, w: [f64; 2], g: [f64; 2]) -> ([f64; 2], State) {
        let s = each(|i| state.s[i] + g[i] * g[i]);
        let w = each(|i| w[i] - self.lr * g[i] / (s[i] + self.eps).sqrt());
        (
            w,
            State {
                t: state.t.saturating_add(1),
                s,
                ..state
            },
        )
    }
}

impl RmsProp {
    /// One step: `s ← beta·s + (1−beta)·g⊙g; w ← w − lr·g⊘√(s + eps)`.
    pub fn step(&self, state: State, w: [f64; 2], g: [f64; 2]) -> ([f64; 2], State) {
        let s = each(|i| self.beta * state.s[i] + (1.0 - self.beta) * g[i] * g[i]);
        let w = each(|i| w[i] - self.lr * g[i] / (s[i] + self.eps).sqrt());
        (
            w,
            State {
                t: state.t.saturating_add(1),
                s,
                ..state
            },
        )
    }
}

impl Adam {
    /// One step: moments updated, bias-corrected with t = steps taken including this one,
    /// `w ← w − lr·m̂ ⊘ (√v̂ + eps)`.
    pub fn step(&self, state: State, w: [f64; 2], g: [f64; 2]) -> ([f64; 2], State) {
        let m = each(|i| self.beta1 * state.m[i] + (1.0 - self.beta1) * g[i]);
        let v = each(|i| self.beta2 * state.s[i] + (1.0 - self.beta2) * g[i] * g[i]);
        let next = State {
            t: state.t.saturating_add(1),
            m,
            s: v,
        };
        let (m_hat, v_hat) = self.bias_corrected(&next);
        let w = each(|i| w[i] - self.lr * m_hat[i] / (v_hat[i].sqrt() + self.eps));
        (w, next)
    }

    /// The bias-corrected moments `m̂ = m/(1−beta1^t)`, `v̂ = v/(1−beta2^t)` of a state after
    /// `t ≥ 1` steps.
    pub fn bias_corrected(&self, state: &State) -> ([f64; 2], [f64; 2]) {
        let t = state.t as f64;
        let c1 = 1.0 - self.beta1.powf(t);
        let c2 = 1.0 - self.beta2.powf(t);
        (each(|i| state.m[i] / c1), each(|i| state.s[i] / c2))
    }
}

/// Which optimizer, without its hyperparameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OptimizerKind {
    /// Classical gradient descent.
    Gd,
    /// Momentum.
    Momentum,
    /// AdaGrad.
    AdaGrad,
    /// RMSProp, the article's adaptive learning scheme.
    RmsProp,
    /// Adam.
    Adam,
}

impl OptimizerKind {
    /// All of them, in the order of the series.
    pub const ALL: [OptimizerKind; 5] = [
        OptimizerKind::Gd,
        OptimizerKind::Momentum,
        OptimizerKind::AdaGrad,
        OptimizerKind::RmsProp,
        OptimizerKind::Adam,
    ];

    /// The name used by the CLI, URLs and the JS API.
    pub fn name(self) -> &'static str {
        match self {
            OptimizerKind::Gd => "gd",
            OptimizerKind::Momentum => "momentum",
            OptimizerKind::AdaGrad => "adagrad",
            OptimizerKind::RmsProp => "rmsprop",
            OptimizerKind::Adam => "adam",
        }
    }

    /// The names of its state columns, in output order.
    pub fn state_columns(self) -> &'static [&'static str] {
        match self {
            OptimizerKind::Gd => &[],
            OptimizerKind::Momentum => &["m1", "m2"],
            OptimizerKind::AdaGrad | OptimizerKind::RmsProp => &["s1", "s2"],
            OptimizerKind::Adam => &["m1", "m2", "v1", "v2"],
        }
    }

    /// The values of its state columns, in the order of [`OptimizerKind::state_columns`].
    pub fn state_values(self, state: &State) -> Vec<f64> {
        let [m1, m2] = state.m;
        let [s1, s2] = state.s;
        match self {
            OptimizerKind::Gd => vec![],
            OptimizerKind::Momentum => vec![m1, m2],
            OptimizerKind::AdaGrad | OptimizerKind::RmsProp => vec![s1, s2],
            OptimizerKind::Adam => vec![m1, m2, s1, s2],
        }
    }

    /// A state with the given column values (as returned by `state_values`), after `t` steps.
    pub fn state_from_values(self, t: u64, values: &[f64]) -> Option<State> {
        let pair = |i: usize| Some([*values.get(i)?, *values.get(i + 1)?]);
        let zero = [0.0; 2];
        let (m, s) = match self {
            OptimizerKind::Gd => (zero, zero),
            OptimizerKind::Momentum => (pair(0)?, zero),
            OptimizerKind::AdaGrad | OptimizerKind::RmsProp => (zero, pair(0)?),
            OptimizerKind::Adam => (pair(0)?, pair(2)?),
        };
        (values.len() == self.state_columns().len()).then_some(State { t, m, s })
    }

    /// The update rule as plain text.
    pub fn formula(self) -> &'static str {
        match self {
            OptimizerKind::Gd => "w ← w − lr·g",
            OptimizerKind::Momentum => "m ← alpha·m − lr·g;  w ← w + m",
            OptimizerKind::AdaGrad => "s ← s + g⊙g;  w ← w − lr·g⊘√(s + eps)",
            OptimizerKind::RmsProp => "s ← beta·s + (1−beta)·g⊙g;  w ← w − lr·g⊘√(s + eps)",
            OptimizerKind::Adam => {
                "m ← beta1·m + (1−beta1)·g;  v ← beta2·v + (1−beta2)·g⊙g;  \
                 w ← w − lr·(m/(1−beta1^t)) ⊘ (√(v/(1−beta2^t)) + eps)"
            }
        }
    }
}

impl fmt::Display for OptimizerKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for OptimizerKind {
    type Err = ();

    fn from_str(name: &str) -> Result<Self, ()> {
        OptimizerKind::ALL
            .into_iter()
            .find(|k| k.name() == name)
            .ok_or(())
    }
}

/// An optimizer with its hyperparameters.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Optimizer {
    /// Classical gradient descent.
    Gd(Gd),
    /// Momentum.
    Momentum(Momentum),
    /// AdaGrad.
    AdaGrad(AdaGrad),
    /// RMSProp, the article's adaptive learning scheme.
    RmsProp(RmsProp),
    /// Adam.
    Adam(Adam),
}

impl Optimizer {
    /// Which optimizer this is.
    pub fn kind(&self) -> OptimizerKind {
        match self {
            Optimizer::Gd(_) => OptimizerKind::Gd,
            Optimizer::Momentum(_) => OptimizerKind::Momentum,
            Optimizer::AdaGrad(_) => OptimizerKind::AdaGrad,
            Optimizer::RmsProp(_) => OptimizerKind::RmsProp,
            Optimizer::Adam(_) => OptimizerKind::Adam,
        }
    }

    /// One step from `w` with gradient `g = ∇E(w)`: the next position and state.
    pub fn step(&self, state: State, w: [f64; 2], g: [f64; 2]) -> ([f64; 2], State) {
        match self {
            Optimizer::Gd(o) => o.step(state, w, g),
            Optimizer::Momentum(o) => o.step(state, w, g),
            Optimizer::AdaGrad(o) => o.step(state, w, g),
            Optimizer::RmsProp(o) => o.step(state, w, g),
            Optimizer::Adam(o) => o.step(state, w, g),
        }
    }
}
