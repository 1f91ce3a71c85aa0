//! Kernels: a run's inner loop compiled from the function's program and the optimizer's rule
//! into a small WebAssembly module, for a host that can run one (the browser). The page and
//! the JS API run the batched engine and long trajectories through it; everywhere else, and
//! whenever a host cannot run a kernel, the interpreter does the same work.
//!
//! A kernel performs exactly the interpreter's operations in the interpreter's order, because
//! both come from one definition: the update rule ([`crate::optimizer::Rule::apply`]) and the
//! program's dual-number arithmetic are written over [`crate::real::Real`], and a kernel is
//! those, traced ([`trace`]) and emitted as straight-line code ([`emit`], [`encode`]). Every
//! operation that WebAssembly does not round exactly calls back into the host
//! ([`MATH_IMPORT`], [`MathFn::apply_code`](crate::real::MathFn::apply_code)), which computes it
//! with the interpreter's own function. So results are identical bit for bit (tested against
//! the interpreter in the `kernel` tests, natively through an embedded WebAssembly interpreter,
//! and in the browser).
//!
//! A kernel takes *plain* steps only ([`step`]): steps after which the run certainly goes on.
//! Any other step (the first, the last, one that may stop the run) is left to the interpreter,
//! which decides exactly how the run ends, so the stop rules exist once.

mod build;
mod emit;
mod encode;
mod layout;
mod step;
mod sweep;
mod trace;
mod trajectory;

pub use emit::Width;
pub(crate) use sweep::SweepKernel;
pub use trajectory::RowBlock;
pub(crate) use trajectory::TrajectoryKernel;

use crate::function::Function;
use crate::optimizer::{Rule, COEFFICIENTS};

/// The name of a kernel's one export, a function `(base: i32) -> i32` of the arena's byte
/// address.
pub const EXPORT: &str = "run";

/// The host function every kernel imports, as (module, field): `math(code: i32, x: f64, y:
/// f64) -> f64`, to be [`crate::real::MathFn::apply_code`]. A kernel also imports its memory as
/// `env.memory`: the memory its arena is in.
pub const MATH_IMPORT: (&str, &str) = ("env", "math");

/// The most traced operations a kernel may have: larger functions are interpreted (their
/// kernels would take longer to compile than they save).
pub const MAX_NODES: usize = 20_000;

/// The fewest steps a trajectory must have to be run by a kernel: shorter runs take about as
/// long as compiling one (measured in Chromium: 5000 steps interpreted about 1.2 ms, through
/// a kernel kept from an earlier call the same, compiling it 0.5 to 5 ms more).
pub const MIN_TRAJECTORY_STEPS: usize = 10_000;

/// The fewest steps (cells × steps) a sweep must take to be run by a kernel, for the same
/// reason.
pub const MIN_SWEEP_STEPS: u64 = 100_000;

/// What a kernel computes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KernelKind {
    /// E and ∇E at a batch of points.
    Evaluation,
    /// Plain steps of the batched engine's lanes.
    Sweep,
    /// Plain steps of one run, recorded as columns.
    Trajectory,
}

/// Where a sweep kernel's lanes take their hyperparameters from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SweepLanes {
    /// One set for every lane, with a table of the per-step scalars by step count (a sweep of
    /// starts).
    Shared,
    /// The coefficients marked `true` (by their row in the hyperparameter table) from each
    /// lane's own, the others shared; the per-step scalars per lane and step (a sweep of
    /// hyperparameters).
    PerLane([bool; COEFFICIENTS]),
}

/// A compiled kernel: a WebAssembly module ready to be instantiated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Kernel {
    bytes: Vec<u8>,
    kind: KernelKind,
    nodes: usize,
}

impl Kernel {
    fn new(bytes: Vec<u8>, kind: KernelKind, nodes: usize) -> Kernel {
        Kernel { bytes, kind, nodes }
    }

    /// The kernel evaluating `function` at batches of points, `width` points at a time (to
    /// test both ways of emitting code), or `None` if it would be too large ([`MAX_NODES`]).
    pub fn evaluation(function: &Function, width: Width) -> Option<Kernel> {
        build::evaluation(function.program(), width)
    }

    /// The kernel stepping the batched engine's lanes of `rule` on `function`, their
    /// hyperparameters as `lanes` says, or `None`. Whether `tol` is positive decides whether
    /// it checks for convergence (its value is a parameter of each call).
    pub fn sweep(function: &Function, rule: Rule, tol: f64, lanes: SweepLanes) -> Option<Kernel> {
        build::sweep(function.program(), rule, tol, lanes)
    }

    /// The kernel stepping one run of `rule` on `function` (within `tol`, as
    /// [`Kernel::sweep`]) and writing the columns of a [`RowBlock`] (t, w1, w2, error, g1, g2,
    /// then the state columns of a form with `pairs` pairs and `shared` shared scalars), or
    /// `None`.
    pub fn trajectory(
        function: &Function,
        rule: Rule,
        tol: f64,
        (pairs, shared): (usize, usize),
    ) -> Option<Kernel> {
        build::trajectory(function.program(), rule, tol, (pairs, shared))
    }

    /// The module's bytes: it imports `env.memory` and [`MATH_IMPORT`] and exports
    /// [`EXPORT`].
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// What it computes.
    pub fn kind(&self) -> KernelKind {
        self.kind
    }

    /// How many traced operations it was built from.
    pub fn nodes(&self) -> usize {
        self.nodes
    }
}

/// Something that runs kernels: compiles a kernel's module (once, keeping it for later calls)
/// and calls its [`EXPORT`] with the byte address of `arena` in the memory the module
/// imports, so that the kernel reads and writes `arena` itself.
pub trait KernelHost {
    /// Runs `kernel` on `arena`; returns the export's result, or `None` if the kernel could
    /// not be run (the engine then interprets).
    fn run(&mut self, kernel: &Kernel, arena: &mut [f64]) -> Option<u32>;
}

/// The evaluation kernel's arena for points `(w1[i], w2[i])` (at most
/// [`crate::function::BATCH`]), and where to read the results: what a host's tests use.
pub fn evaluation_arena(w1: &[f64], w2: &[f64]) -> Vec<f64> {
    use layout::evaluation::{plane, LEN, W1, W2};
    let n = w1.len().min(w2.len()).min(crate::function::BATCH);
    let mut arena = vec![0.0; LEN];
    arena[layout::param::COUNT] = n as f64;
    arena[plane(W1)..][..n].copy_from_slice(&w1[..n]);
    arena[plane(W2)..][..n].copy_from_slice(&w2[..n]);
    arena
}

/// E, ∂E/∂w1 and ∂E/∂w2 of the first `n` points of an evaluation kernel's arena.
pub fn evaluation_results(arena: &[f64], n: usize) -> [&[f64]; 3] {
    use layout::evaluation::{plane, ERROR, G1, G2};
    [ERROR, G1, G2].map(|p| &arena[plane(p)..][..n])
}
