//! Turns a traced [`Graph`] into straight-line WebAssembly: each needed node computed once
//! into a local, in the graph's order (every node after those it reads), so that the compiled
//! code performs the traced operations exactly, in order.
//!
//! Nodes that depend only on inputs marked invariant (the coefficients, the tolerance) are
//! emitted once before the loop that runs the rest ([`GraphEmitter::emit_invariant`] and
//! [`GraphEmitter::emit_varying`]); those that also depend on inputs fixed for a while (a
//! group of lanes' own coefficients), once where those are loaded
//! ([`GraphEmitter::emit_fixed_by`]).
//!
//! The graph is emitted for one run at a time ([`Width::One`]: `f64` values, `i32`
//! conditions) or for two side by side ([`Width::Two`]: `f64x2` values, `v128` masks), each
//! lane computing exactly what one run would.

use super::encode::{Body, Local, Num, Simd, ValType};
use super::trace::{BinaryOp, Compare, Graph, Node, NodeId, UnaryOp};

/// Where a node's value is once emitted.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Place {
    /// Not computed (yet, or not needed).
    None,
    /// In this local.
    Local(Local),
    /// A constant number, pushed where used.
    Number(f64),
    /// A constant condition, pushed where used.
    Condition(bool),
}

/// How many runs (or points) a kernel's code computes at once.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Width {
    /// One: `f64` numbers and `i32` conditions.
    One,
    /// Two, as the lanes of `f64x2` numbers and `v128` masks.
    Two,
}

/// The sign bit of an `f64`.
const SIGN: u64 = 1 << 63;

/// Emits the nodes a set of outputs need.
#[derive(Debug)]
pub(crate) struct GraphEmitter<'g> {
    graph: &'g Graph,
    width: Width,
    places: Vec<Place>,
    needed: Vec<bool>,
    invariant: Vec<bool>,
    /// The function index of the imported math function.
    math: u32,
}

impl<'g> GraphEmitter<'g> {
    /// An emitter of the nodes that `outputs` read, directly or not; inputs for which
    /// `is_invariant` holds keep their value throughout a call. `math` is the function index
    /// of the host's `math(code, x, y)`; the code computes `width` runs at once.
    pub(crate) fn new(
        graph: &'g Graph,
        width: Width,
        outputs: &[NodeId],
        is_invariant: impl Fn(u32) -> bool,
        math: u32,
    ) -> GraphEmitter<'g> {
        let nodes = graph.nodes();
        let mut needed = vec![false; nodes.len()];
        for &id in outputs {
            needed[id as usize] = true;
        }
        for id in (0..nodes.len()).rev() {
            if needed[id] {
                for operand in nodes[id].operands() {
                    needed[operand as usize] = true;
                }
            }
        }
        let mut invariant = vec![false; nodes.len()];
        let mut places = vec![Place::None; nodes.len()];
        for (id, node) in nodes.iter().enumerate() {
            invariant[id] = match *node {
                Node::Input(k) => is_invariant(k),
                other => other.operands().all(|o| invariant[o as usize]),
            };
            places[id] = match *node {
                Node::Const(bits) => Place::Number(f64::from_bits(bits)),
                Node::Bool(value) => Place::Condition(value),
                _ => Place::None,
            };
        }
        GraphEmitter {
            graph,
            width,
            places,
            needed,
            invariant,
            math,
        }
    }

    /// Whether input `k` is read by the outputs.
    pub(crate) fn uses_input(&self, k: u32) -> bool {
        self.graph
            .nodes()
            .iter()
            .zip(&self.needed)
            .any(|(node, &needed)| needed && *node == Node::Input(k))
    }

    /// Whether input `k` keeps its value throughout a call.
    pub(crate) fn is_invariant_input(&self, k: u32) -> bool {
        let nodes = self.graph.nodes().iter().zip(&self.invariant);
        nodes
            .filter(|(node, _)| **node == Node::Input(k))
            .all(|(_, &invariant)| invariant)
    }

    /// Binds input `k` to `local` (where the caller keeps its value).
    pub(crate) fn bind_input(&mut self, k: u32, local: Local) {
        for (id, node) in self.graph.nodes().iter().enumerate() {
            if *node == Node::Input(k) {
                self.places[id] = Place::Local(local);
            }
        }
    }

    /// Emits every needed node that depends on invariant inputs only (bound before).
    pub(crate) fn emit_invariant(&mut self, body: &mut Body) {
        self.emit_where(body, true);
    }

    /// Emits every needed node not emitted yet that depends only on invariant inputs and on
    /// the inputs for which `is_fixed` holds (bound and loaded before): what stays the same
    /// while those do, such as a sweep kernel's values of a group of lanes' own
    /// coefficients, computed once per group instead of once per step.
    pub(crate) fn emit_fixed_by(&mut self, body: &mut Body, is_fixed: impl Fn(u32) -> bool) {
        let mut fixed = self.invariant.clone();
        for (id, node) in self.graph.nodes().iter().enumerate() {
            fixed[id] = match *node {
                Node::Input(k) => fixed[id] || is_fixed(k),
                other => other.operands().all(|o| fixed[o as usize]),
            };
            if fixed[id] && self.needed[id] && self.places[id] == Place::None {
                self.emit_node(body, id as NodeId);
            }
        }
    }

    /// Emits every other needed node (after the varying inputs are bound and loaded).
    pub(crate) fn emit_varying(&mut self, body: &mut Body) {
        self.emit_where(body, false);
    }

    /// Takes `first`'s places of the invariant nodes (emitted once, by `first`, for all the
    /// copies of a graph that [`emit_interleaved`] emits).
    pub(crate) fn share_invariants(&mut self, first: &GraphEmitter) {
        for (id, place) in self.places.iter_mut().enumerate() {
            if self.invariant[id] {
                *place = first.places[id];
            }
        }
    }

    fn emit_where(&mut self, body: &mut Body, invariant: bool) {
        for id in 0..self.graph.len() {
            if self.needed[id] && self.invariant[id] == invariant && self.places[id] == Place::None
            {
                self.emit_node(body, id as NodeId);
            }
        }
    }

    /// Whether node `id` is still to be emitted by [`GraphEmitter::emit_varying`].
    fn pending(&self, id: usize) -> bool {
        self.needed[id] && !self.invariant[id] && self.places[id] == Place::None
    }

    /// Pushes node `id`'s value (emitted before) on the stack.
    pub(crate) fn push(&self, body: &mut Body, id: NodeId) {
        match self.places[id as usize] {
            Place::Local(local) => {
                body.get(local);
            }
            Place::Number(x) => match self.width {
                Width::One => {
                    body.f64_const(x);
                }
                Width::Two => {
                    body.v128_const([x.to_bits(); 2]);
                }
            },
            Place::Condition(value) => match self.width {
                Width::One => {
                    body.i32_const(i32::from(value));
                }
                Width::Two => {
                    body.v128_const([if value { u64::MAX } else { 0 }; 2]);
                }
            },
            Place::None => unreachable!("node {id} used before it was emitted"),
        }
    }

    fn emit_node(&mut self, body: &mut Body, id: NodeId) {
        let node = self.graph.nodes()[id as usize];
        let one = self.width == Width::One;
        let result = match (self.width, node.is_condition()) {
            (Width::One, true) => ValType::I32,
            (Width::One, false) => ValType::F64,
            (Width::Two, _) => ValType::V128,
        };
        match node {
            Node::Const(_) | Node::Bool(_) => return,
            Node::Input(k) => unreachable!("input {k} is read but was not bound"),
            Node::Unary(op, a) => {
                self.push(body, a);
                let (scalar, pair) = match op {
                    UnaryOp::Neg => (Num::F64Neg, Simd::F64x2Neg),
                    UnaryOp::Sqrt => (Num::F64Sqrt, Simd::F64x2Sqrt),
                    UnaryOp::Abs => (Num::F64Abs, Simd::F64x2Abs),
                    UnaryOp::Floor => (Num::F64Floor, Simd::F64x2Floor),
                    UnaryOp::Ceil => (Num::F64Ceil, Simd::F64x2Ceil),
                    UnaryOp::Trunc => (Num::F64Trunc, Simd::F64x2Trunc),
                };
                self.op(body, scalar, pair);
            }
            Node::Binary(BinaryOp::CopySign, a, b) if !one => {
                // The sign bit from b, the others from a.
                self.push(body, b);
                self.push(body, a);
                body.v128_const([SIGN; 2]).simd(Simd::V128Bitselect);
            }
            Node::Binary(op, a, b) => {
                self.push(body, a);
                self.push(body, b);
                let (scalar, pair) = match op {
                    BinaryOp::Add => (Num::F64Add, Simd::F64x2Add),
                    BinaryOp::Sub => (Num::F64Sub, Simd::F64x2Sub),
                    BinaryOp::Mul => (Num::F64Mul, Simd::F64x2Mul),
                    BinaryOp::Div => (Num::F64Div, Simd::F64x2Div),
                    BinaryOp::CopySign => (Num::F64CopySign, Simd::V128Bitselect),
                };
                self.op(body, scalar, pair);
            }
            Node::Call(f, a, b) => {
                // One call per lane.
                let lanes: &[u8] = if one { &[0] } else { &[0, 1] };
                for &lane in lanes {
                    body.i32_const(f.code() as i32);
                    for x in [a, b] {
                        self.push(body, x);
                        if !one {
                            body.extract_lane(lane);
                        }
                    }
                    body.call(self.math);
                    match (one, lane) {
                        (true, _) => {}
                        (false, 0) => {
                            body.simd(Simd::F64x2Splat);
                        }
                        (false, _) => {
                            body.replace_lane(lane);
                        }
                    }
                }
            }
            Node::Compare(op, a, b) => {
                self.push(body, a);
                self.push(body, b);
                let (scalar, pair) = match op {
                    Compare::Eq => (Num::F64Eq, Simd::F64x2Eq),
                    Compare::Ne => (Num::F64Ne, Simd::F64x2Ne),
                    Compare::Lt => (Num::F64Lt, Simd::F64x2Lt),
                    Compare::Le => (Num::F64Le, Simd::F64x2Le),
                    Compare::Ge => (Num::F64Ge, Simd::F64x2Ge),
                };
                self.op(body, scalar, pair);
            }
            Node::And(a, b) | Node::Or(a, b) => {
                self.push(body, a);
                self.push(body, b);
                if matches!(node, Node::And(..)) {
                    self.op(body, Num::I32And, Simd::V128And);
                } else {
                    self.op(body, Num::I32Or, Simd::V128Or);
                }
            }
            Node::Not(a) => {
                self.push(body, a);
                self.op(body, Num::I32Eqz, Simd::V128Not);
            }
            // Masks select +0 (all bits clear) with one operation.
            Node::Select(condition, a, b) if !one && self.is_zero(a) => {
                self.push(body, b);
                self.push(body, condition);
                body.simd(Simd::V128AndNot);
            }
            Node::Select(condition, a, b) if !one && self.is_zero(b) => {
                self.push(body, a);
                self.push(body, condition);
                body.simd(Simd::V128And);
            }
            Node::Select(condition, a, b) => {
                self.push(body, a);
                self.push(body, b);
                self.push(body, condition);
                if one {
                    body.select();
                } else {
                    body.simd(Simd::V128Bitselect);
                }
            }
        }
        let local = body.local(result);
        body.set(local);
        self.places[id as usize] = Place::Local(local);
    }

    /// Whether node `id` is the constant +0 (all bits clear).
    fn is_zero(&self, id: NodeId) -> bool {
        matches!(self.places[id as usize], Place::Number(x) if x.to_bits() == 0)
    }

    /// The operation for the width: `scalar` on one run, `pair` on two.
    fn op(&self, body: &mut Body, scalar: Num, pair: Simd) {
        match self.width {
            Width::One => body.num(scalar),
            Width::Two => body.simd(pair),
        };
    }
}

/// [`GraphEmitter::emit_varying`] for copies of one graph (each with its own inputs), node by
/// node in turn, so that their independent computations interleave: the processor then has
/// work from every copy at hand while one waits on a long operation (a square root, a
/// division).
pub(crate) fn emit_interleaved(copies: &mut [GraphEmitter], body: &mut Body) {
    let len = copies.first().map_or(0, |c| c.graph.len());
    for id in 0..len {
        for copy in copies.iter_mut() {
            if copy.pending(id) {
                copy.emit_node(body, id as NodeId);
            }
        }
    }
}
