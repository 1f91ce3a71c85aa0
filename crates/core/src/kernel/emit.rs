//! Turns a traced [`Graph`] into straight-line WebAssembly: each needed node computed once
//! into a local, in the graph's order (every node after those it reads), so that the compiled
//! code performs the traced operations exactly, in order.
//!
//! Nodes that depend only on inputs marked invariant (the coefficients, the tolerance) are
//! emitted once before the loop that runs the rest ([`GraphEmitter::emit_invariant`] and
//! [`GraphEmitter::emit_varying`]).

use super::encode::{Body, Local, Num, ValType};
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

/// Emits the nodes a set of outputs need.
#[derive(Debug)]
pub(crate) struct GraphEmitter<'g> {
    graph: &'g Graph,
    places: Vec<Place>,
    needed: Vec<bool>,
    invariant: Vec<bool>,
    /// The function index of the imported math function.
    math: u32,
}

impl<'g> GraphEmitter<'g> {
    /// An emitter of the nodes that `outputs` read, directly or not; inputs for which
    /// `is_invariant` holds keep their value throughout a call. `math` is the function index
    /// of the host's `math(code, x, y)`.
    pub(crate) fn new(
        graph: &'g Graph,
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

    /// Emits every other needed node (after the varying inputs are bound and loaded).
    pub(crate) fn emit_varying(&mut self, body: &mut Body) {
        self.emit_where(body, false);
    }

    fn emit_where(&mut self, body: &mut Body, invariant: bool) {
        for id in 0..self.graph.len() {
            if self.needed[id] && self.invariant[id] == invariant && self.places[id] == Place::None
            {
                self.emit_node(body, id as NodeId);
            }
        }
    }

    /// Pushes node `id`'s value (emitted before) on the stack.
    pub(crate) fn push(&self, body: &mut Body, id: NodeId) {
        match self.places[id as usize] {
            Place::Local(local) => {
                body.get(local);
            }
            Place::Number(x) => {
                body.f64_const(x);
            }
            Place::Condition(value) => {
                body.i32_const(i32::from(value));
            }
            Place::None => unreachable!("node {id} used before it was emitted"),
        }
    }

    /// The local node `id` was emitted into, if any (constants have none).
    pub(crate) fn local_of(&self, id: NodeId) -> Option<Local> {
        match self.places[id as usize] {
            Place::Local(local) => Some(local),
            _ => None,
        }
    }

    fn emit_node(&mut self, body: &mut Body, id: NodeId) {
        let node = self.graph.nodes()[id as usize];
        let result = if node.is_condition() {
            ValType::I32
        } else {
            ValType::F64
        };
        match node {
            Node::Const(_) | Node::Bool(_) => return,
            Node::Input(k) => unreachable!("input {k} is read but was not bound"),
            Node::Unary(op, a) => {
                self.push(body, a);
                body.num(match op {
                    UnaryOp::Neg => Num::F64Neg,
                    UnaryOp::Sqrt => Num::F64Sqrt,
                    UnaryOp::Abs => Num::F64Abs,
                    UnaryOp::Floor => Num::F64Floor,
                    UnaryOp::Ceil => Num::F64Ceil,
                    UnaryOp::Trunc => Num::F64Trunc,
                });
            }
            Node::Binary(op, a, b) => {
                self.push(body, a);
                self.push(body, b);
                body.num(match op {
                    BinaryOp::Add => Num::F64Add,
                    BinaryOp::Sub => Num::F64Sub,
                    BinaryOp::Mul => Num::F64Mul,
                    BinaryOp::Div => Num::F64Div,
                    BinaryOp::CopySign => Num::F64CopySign,
                });
            }
            Node::Call(f, a, b) => {
                body.i32_const(f.code() as i32);
                self.push(body, a);
                self.push(body, b);
                body.call(self.math);
            }
            Node::Compare(op, a, b) => {
                self.push(body, a);
                self.push(body, b);
                body.num(match op {
                    Compare::Eq => Num::F64Eq,
                    Compare::Ne => Num::F64Ne,
                    Compare::Lt => Num::F64Lt,
                    Compare::Le => Num::F64Le,
                    Compare::Ge => Num::F64Ge,
                });
            }
            Node::And(a, b) | Node::Or(a, b) => {
                self.push(body, a);
                self.push(body, b);
                body.num(if matches!(node, Node::And(..)) {
                    Num::I32And
                } else {
                    Num::I32Or
                });
            }
            Node::Not(a) => {
                self.push(body, a);
                body.num(Num::I32Eqz);
            }
            Node::Select(condition, a, b) => {
                self.push(body, a);
                self.push(body, b);
                self.push(body, condition);
                body.select();
            }
        }
        let local = body.local(result);
        body.set(local);
        self.places[id as usize] = Place::Local(local);
    }
}
