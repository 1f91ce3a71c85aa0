//! Tracing: running the engine's arithmetic (written over [`Real`]) on [`Traced`] values
//! records each operation as a node of a [`Graph`] instead of computing it, which the emitter
//! then turns into WebAssembly instructions in the same order.
//!
//! Operations whose operands are all constants are computed at once with the `f64` operation
//! itself (so a folded constant has the bits the interpreter would compute), a selection by a
//! constant condition traces only the branch taken, and equal nodes are recorded once. The
//! only algebra is what gives the same number for every operand: `x·1 = 1·x = x/1 = x − 0 =
//! x + (−0) = x` and `x·(−1) = (−1)·x = −x` (the same bits, −0 and infinities included; only
//! a NaN's payload may differ, and no run keeps a NaN). So `0 + x` stays an addition, as it is
//! not `x` for `x = −0`.
//!
//! The graph being recorded is a thread-local, so that traced values can be `Copy` numbers with
//! the usual operators: [`Graph::trace`] opens one, runs the tracing code and returns it.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::{Add, Div, Mul, Neg, Sub};

use crate::real::{MathFn, Real};

/// A node's number in its graph.
pub(crate) type NodeId = u32;

/// An operation on one number that WebAssembly performs exactly.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum UnaryOp {
    Neg,
    Sqrt,
    Abs,
    Floor,
    Ceil,
    Trunc,
}

/// An operation on two numbers that WebAssembly performs exactly.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum BinaryOp {
    Add,
    Sub,
    Mul,
    Div,
    /// The first's magnitude with the second's sign.
    CopySign,
}

/// A comparison of two numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Compare {
    Eq,
    Ne,
    Lt,
    Le,
    Ge,
}

/// One recorded operation. Number nodes and condition nodes (`Bool`, `Compare`, `And`, `Or`,
/// `Not`) are told apart by their kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Node {
    /// A number, by its bits.
    Const(u64),
    /// The `k`-th input, given when the graph is emitted.
    Input(u32),
    Unary(UnaryOp, NodeId),
    Binary(BinaryOp, NodeId, NodeId),
    /// A call of the host's function; `y` is `x` for a function of one argument.
    Call(MathFn, NodeId, NodeId),
    /// A constant condition.
    Bool(bool),
    Compare(Compare, NodeId, NodeId),
    And(NodeId, NodeId),
    Or(NodeId, NodeId),
    Not(NodeId),
    /// The second where the condition (the first) holds, else the third.
    Select(NodeId, NodeId, NodeId),
}

impl Node {
    /// Whether the node is a condition rather than a number.
    pub(crate) fn is_condition(self) -> bool {
        matches!(
            self,
            Node::Bool(_) | Node::Compare(..) | Node::And(..) | Node::Or(..) | Node::Not(_)
        )
    }

    /// The nodes it reads.
    pub(crate) fn operands(self) -> impl Iterator<Item = NodeId> {
        let (a, b, c) = match self {
            Node::Const(_) | Node::Input(_) | Node::Bool(_) => (None, None, None),
            Node::Unary(_, a) | Node::Not(a) => (Some(a), None, None),
            Node::Binary(_, a, b)
            | Node::Call(_, a, b)
            | Node::Compare(_, a, b)
            | Node::And(a, b)
            | Node::Or(a, b) => (Some(a), Some(b), None),
            Node::Select(a, b, c) => (Some(a), Some(b), Some(c)),
        };
        a.into_iter().chain(b).chain(c)
    }
}

/// The operations recorded while tracing, each once, in an order where every node comes after
/// the nodes it reads.
#[derive(Clone, Debug, Default)]
pub(crate) struct Graph {
    nodes: Vec<Node>,
    numbers: HashMap<Node, NodeId>,
}

// The tracing code is written for clarity, not speed: its operations are kept out of line so
// that the many places it is used from (every rule and every operation of a program) stay
// small in the WebAssembly module.

thread_local! {
    /// The graph being recorded by [`Graph::trace`].
    static RECORDING: RefCell<Option<Graph>> = const { RefCell::new(None) };
}

/// Records `node` in the graph being traced (or finds it there).
fn record(node: Node) -> NodeId {
    RECORDING.with(|recording| {
        let mut recording = recording.borrow_mut();
        let graph = recording
            .as_mut()
            .expect("traced values exist only inside Graph::trace");
        graph.add(node)
    })
}

/// The node `id` of the graph being traced.
fn node(id: NodeId) -> Node {
    RECORDING.with(|recording| {
        let recording = recording.borrow();
        let graph = recording
            .as_ref()
            .expect("traced values exist only inside Graph::trace");
        graph.nodes[id as usize]
    })
}

impl Graph {
    /// Runs `f` with a fresh graph recording every operation on traced values, and returns
    /// the graph with `f`'s result.
    pub(crate) fn trace<T>(f: impl FnOnce() -> T) -> (Graph, T) {
        let outer = RECORDING.with(|r| r.replace(Some(Graph::default())));
        let result = f();
        let graph = RECORDING.with(|r| r.replace(outer)).unwrap_or_default();
        (graph, result)
    }

    fn add(&mut self, node: Node) -> NodeId {
        if let Some(&id) = self.numbers.get(&node) {
            return id;
        }
        let id = self.nodes.len() as NodeId;
        self.nodes.push(node);
        self.numbers.insert(node, id);
        id
    }

    /// The nodes, each after those it reads.
    pub(crate) fn nodes(&self) -> &[Node] {
        &self.nodes
    }

    /// How many nodes were recorded.
    pub(crate) fn len(&self) -> usize {
        self.nodes.len()
    }
}

/// A number being traced: a node of the graph being recorded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Traced(pub(crate) NodeId);

/// A condition being traced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Condition(pub(crate) NodeId);

impl Traced {
    /// The `k`-th input.
    pub(crate) fn input(k: u32) -> Traced {
        Traced(record(Node::Input(k)))
    }

    /// Its value, if it is a constant.
    pub(crate) fn constant_value(self) -> Option<f64> {
        match node(self.0) {
            Node::Const(bits) => Some(f64::from_bits(bits)),
            _ => None,
        }
    }

    #[inline(never)]
    fn unary(self, op: UnaryOp, fold: fn(f64) -> f64) -> Traced {
        match self.constant_value() {
            Some(x) => Traced::constant(fold(x)),
            None => Traced(record(Node::Unary(op, self.0))),
        }
    }

    #[inline(never)]
    fn binary(self, op: BinaryOp, other: Traced, fold: fn(f64, f64) -> f64) -> Traced {
        let (x, y) = (self.constant_value(), other.constant_value());
        if let (Some(x), Some(y)) = (x, y) {
            return Traced::constant(fold(x, y));
        }
        // Identities that hold bit for bit (see the module's documentation).
        let bits = |c: Option<f64>| c.map(f64::to_bits);
        let (one, minus_one) = (Some(1.0f64.to_bits()), Some((-1.0f64).to_bits()));
        match (op, bits(x), bits(y)) {
            (BinaryOp::Mul, _, b) if b == one => return self,
            (BinaryOp::Mul, a, _) if a == one => return other,
            (BinaryOp::Div, _, b) if b == one => return self,
            (BinaryOp::Sub, _, Some(0)) => return self,
            (BinaryOp::Add, _, b) if b == Some((-0.0f64).to_bits()) => return self,
            (BinaryOp::Add, a, _) if a == Some((-0.0f64).to_bits()) => return other,
            (BinaryOp::Mul, _, b) if b == minus_one => return -self,
            (BinaryOp::Mul, a, _) if a == minus_one => return -other,
            (BinaryOp::Add, Some(0), _) => {
                if let Some(product) = unguarded(other.0) {
                    return Traced(record(Node::Binary(op, self.0, product)));
                }
            }
            (BinaryOp::Add, _, Some(0)) => {
                if let Some(product) = unguarded(self.0) {
                    return Traced(record(Node::Binary(op, product, other.0)));
                }
            }
            _ => {}
        }
        Traced(record(Node::Binary(op, self.0, other.0)))
    }

    #[inline(never)]
    fn compare(self, op: Compare, other: Traced, fold: fn(f64, f64) -> bool) -> Condition {
        match (self.constant_value(), other.constant_value()) {
            (Some(x), Some(y)) => Condition::constant(fold(x, y)),
            _ => Condition(record(Node::Compare(op, self.0, other.0))),
        }
    }

    /// `self` with the sign of `sign`.
    pub(crate) fn copysign(self, sign: Traced) -> Traced {
        self.binary(BinaryOp::CopySign, sign, f64::copysign)
    }

    /// `self != other` (true if either is NaN).
    pub(crate) fn differs(self, other: Traced) -> Condition {
        self.compare(Compare::Ne, other, |x, y| x != y)
    }
}

/// For `select(d = 0, +0, c·d)` (the dual numbers' chain rule) with a finite constant `c`:
/// the product `c·d`, which differs from it only in the sign of a zero (where `d` is ±0, `c·d`
/// is ±0), so that `+0 + select(…)` is `+0 + c·d` bit for bit, and needs neither the
/// comparison nor the selection.
fn unguarded(select: NodeId) -> Option<NodeId> {
    let Node::Select(condition, zero, product) = node(select) else {
        return None;
    };
    let is_constant = |id: NodeId, finite: fn(f64) -> bool| matches!(node(id), Node::Const(bits) if finite(f64::from_bits(bits)));
    let Node::Compare(Compare::Eq, d, z) = node(condition) else {
        return None;
    };
    let guarded = match node(product) {
        Node::Binary(BinaryOp::Mul, c, x) if x == d => c,
        Node::Binary(BinaryOp::Mul, x, c) if x == d => c,
        _ => return None,
    };
    let is_plus_zero = |id: NodeId| node(id) == Node::Const(0);
    (is_plus_zero(zero) && is_constant(z, |z| z == 0.0) && is_constant(guarded, f64::is_finite))
        .then_some(product)
}

impl Condition {
    /// A known condition.
    pub(crate) fn constant(value: bool) -> Condition {
        Condition(record(Node::Bool(value)))
    }

    /// Its value, if it is known.
    pub(crate) fn constant_value(self) -> Option<bool> {
        match node(self.0) {
            Node::Bool(value) => Some(value),
            _ => None,
        }
    }

    /// Its negation.
    pub(crate) fn not(self) -> Condition {
        match self.constant_value() {
            Some(value) => Condition::constant(!value),
            None => Condition(record(Node::Not(self.0))),
        }
    }
}

impl Add for Traced {
    type Output = Traced;
    #[inline(never)]
    fn add(self, other: Traced) -> Traced {
        self.binary(BinaryOp::Add, other, |x, y| x + y)
    }
}

impl Sub for Traced {
    type Output = Traced;
    #[inline(never)]
    fn sub(self, other: Traced) -> Traced {
        self.binary(BinaryOp::Sub, other, |x, y| x - y)
    }
}

impl Mul for Traced {
    type Output = Traced;
    #[inline(never)]
    fn mul(self, other: Traced) -> Traced {
        self.binary(BinaryOp::Mul, other, |x, y| x * y)
    }
}

impl Div for Traced {
    type Output = Traced;
    #[inline(never)]
    fn div(self, other: Traced) -> Traced {
        self.binary(BinaryOp::Div, other, |x, y| x / y)
    }
}

impl Neg for Traced {
    type Output = Traced;
    #[inline(never)]
    fn neg(self) -> Traced {
        self.unary(UnaryOp::Neg, |x| -x)
    }
}

impl Real for Traced {
    type Bool = Condition;

    #[inline(never)]
    fn constant(c: f64) -> Traced {
        Traced(record(Node::Const(c.to_bits())))
    }
    #[inline(never)]
    fn equals(self, other: Traced) -> Condition {
        self.compare(Compare::Eq, other, |x, y| x == y)
    }
    #[inline(never)]
    fn less(self, other: Traced) -> Condition {
        self.compare(Compare::Lt, other, |x, y| x < y)
    }
    #[inline(never)]
    fn at_most(self, other: Traced) -> Condition {
        self.compare(Compare::Le, other, |x, y| x <= y)
    }
    #[inline(never)]
    fn at_least(self, other: Traced) -> Condition {
        self.compare(Compare::Ge, other, |x, y| x >= y)
    }
    #[inline(never)]
    fn is_nan(self) -> Condition {
        self.differs(self)
    }
    #[inline(never)]
    fn and(a: Condition, b: Condition) -> Condition {
        match (a.constant_value(), b.constant_value()) {
            (Some(false), _) | (_, Some(false)) => Condition::constant(false),
            (Some(true), _) => b,
            (_, Some(true)) => a,
            _ => Condition(record(Node::And(a.0, b.0))),
        }
    }
    #[inline(never)]
    fn or(a: Condition, b: Condition) -> Condition {
        match (a.constant_value(), b.constant_value()) {
            (Some(true), _) | (_, Some(true)) => Condition::constant(true),
            (Some(false), _) => b,
            (_, Some(false)) => a,
            _ => Condition(record(Node::Or(a.0, b.0))),
        }
    }
    #[inline(never)]
    fn known(condition: Condition) -> Option<bool> {
        condition.constant_value()
    }
    fn select(
        condition: Condition,
        then: impl FnOnce() -> Traced,
        otherwise: impl FnOnce() -> Traced,
    ) -> Traced {
        match Self::known(condition) {
            Some(true) => then(),
            Some(false) => otherwise(),
            None => {
                let (a, b) = (then(), otherwise());
                if a == b {
                    a
                } else {
                    Traced(record(Node::Select(condition.0, a.0, b.0)))
                }
            }
        }
    }
    #[inline(never)]
    fn sqrt(self) -> Traced {
        self.unary(UnaryOp::Sqrt, f64::sqrt)
    }
    #[inline(never)]
    fn abs(self) -> Traced {
        self.unary(UnaryOp::Abs, f64::abs)
    }
    #[inline(never)]
    fn floor(self) -> Traced {
        self.unary(UnaryOp::Floor, f64::floor)
    }
    #[inline(never)]
    fn ceil(self) -> Traced {
        self.unary(UnaryOp::Ceil, f64::ceil)
    }
    #[inline(never)]
    fn trunc(self) -> Traced {
        self.unary(UnaryOp::Trunc, f64::trunc)
    }
    #[inline(never)]
    fn signum(self) -> Traced {
        // f64::signum: NaN for NaN, else 1 with the sign of x.
        if let Some(x) = self.constant_value() {
            return Traced::constant(x.signum());
        }
        let one = Traced::constant(1.0).copysign(self);
        Traced::select(self.is_nan(), || Traced::constant(f64::NAN), || one)
    }
    #[inline(never)]
    fn math(self, f: MathFn, y: Traced) -> Traced {
        let y = if f.is_binary() { y } else { self };
        match (self.constant_value(), y.constant_value()) {
            (Some(a), Some(b)) => Traced::constant(f.apply(a, b)),
            _ => Traced(record(Node::Call(f, self.0, y.0))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constants_fold_with_the_f64_operations_and_nodes_are_shared() {
        let (graph, (a, b, folded, negative_zero)) = Graph::trace(|| {
            let x = Traced::input(0);
            let a = x * Traced::constant(2.0) + Traced::constant(1.0);
            let b = x * Traced::constant(2.0) + Traced::constant(1.0);
            let folded = Traced::constant(0.1) + Traced::constant(0.2);
            // 0 + x is not simplified: it is +0 for x = -0.
            let negative_zero = Traced::constant(0.0) + x;
            (a, b, folded.constant_value(), negative_zero)
        });
        assert_eq!(a, b);
        assert_eq!(folded, Some(0.1 + 0.2));
        assert!(matches!(
            graph.nodes()[negative_zero.0 as usize],
            Node::Binary(BinaryOp::Add, ..)
        ));
    }

    #[test]
    fn only_identities_that_keep_every_number_are_applied() {
        let (graph, results) = Graph::trace(|| {
            let x = Traced::input(0);
            let c = Traced::constant;
            [
                x * c(1.0),
                c(1.0) * x,
                x / c(1.0),
                x - c(0.0),
                x + c(-0.0),
                x * c(-1.0),
                x + c(0.0),
                x - c(-0.0),
                c(0.0) - x,
            ]
        });
        let node = |t: Traced| graph.nodes()[t.0 as usize];
        for kept in &results[..5] {
            assert_eq!(node(*kept), Node::Input(0));
        }
        assert!(matches!(node(results[5]), Node::Unary(UnaryOp::Neg, _)));
        for added in &results[6..] {
            assert!(
                matches!(node(*added), Node::Binary(..)),
                "{:?}",
                node(*added)
            );
        }
        // And the numbers agree, −0 and infinities included.
        for x in [
            0.0,
            -0.0,
            1.5,
            -2.0,
            f64::INFINITY,
            f64::NEG_INFINITY,
            1e-310,
        ] {
            assert_eq!((x * 1.0f64).to_bits(), x.to_bits());
            assert_eq!((x / 1.0f64).to_bits(), x.to_bits());
            assert_eq!((x - 0.0f64).to_bits(), x.to_bits());
            assert_eq!((x + -0.0f64).to_bits(), x.to_bits());
            let minus_one = std::hint::black_box(-1.0f64);
            assert_eq!((x * minus_one).to_bits(), (-x).to_bits());
        }
    }

    #[test]
    fn a_known_condition_traces_one_branch_only() {
        let (graph, value) = Graph::trace(|| {
            let x = Traced::input(0);
            let known = Traced::constant(0.0).equals(Traced::constant(0.0));
            Traced::select(known, || x, || x.math1(MathFn::Sin))
        });
        assert!(
            !graph.nodes().iter().any(|n| matches!(n, Node::Call(..))),
            "{:?}",
            graph.nodes()
        );
        assert_eq!(graph.nodes()[value.0 as usize], Node::Input(0));
    }

    #[test]
    fn tracing_outside_a_graph_is_a_bug_that_panics() {
        let result = std::panic::catch_unwind(|| Traced::input(0));
        assert!(result.is_err());
    }
}
