//! A compiled error function: a flat list of instructions over a stack of fixed slots, run
//! without recursion either at one point ([`Program::run_point`]) or over a batch of points,
//! one instruction at a time for the whole batch ([`Program::run`]), for `f64` values or dual
//! numbers. Both paths apply the same scalar operations in the same order, so they agree bit
//! for bit.

use super::builtin::{Binary, Unary};
use super::lanes::Lanes;
use super::scalar::{Dual, Scalar};
use crate::real::Real;

/// What an instruction computes; its operands sit in slot `k` (and `k + 1`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Op {
    /// slot k = w1.
    W1,
    /// slot k = w2.
    W2,
    /// slot k = constant.
    Const(f64),
    /// slot k = -slot k.
    Neg,
    /// slot k = slot k * slot k.
    Square,
    /// slot k = f(slot k).
    Unary(Unary),
    /// slot k = slot k (op) slot k+1.
    Binary(Binary),
    /// slot k = slot k (op) constant.
    BinaryConstRight(Binary, f64),
    /// slot k = constant (op) slot k.
    BinaryConstLeft(Binary, f64),
}

/// One instruction: an operation on the slot it writes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Instr {
    pub op: Op,
    pub slot: usize,
}

/// A compiled expression: instructions plus the number of stack slots they need.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Program {
    pub instrs: Vec<Instr>,
    pub slots: usize,
}

impl Binary {
    /// The operation on two scalars.
    #[inline(always)]
    pub(crate) fn apply<T: Scalar>(self, a: T, b: T) -> T {
        match self {
            Binary::Add => a + b,
            Binary::Sub => a - b,
            Binary::Mul => a * b,
            Binary::Div => a / b,
            Binary::Rem => a.rem(b),
            Binary::Pow => a.pow(b),
            Binary::Atan2 => a.atan2(b),
            Binary::Max => a.max(b),
            Binary::Min => a.min(b),
        }
    }
}

impl Program {
    /// E and ∇E at `(w1, w2)` over any [`Real`] numbers, one instruction after the other on
    /// a plain stack: what a kernel traces (the interpreters below are the fast paths for
    /// `f64`, with the same operations).
    pub(crate) fn evaluate<R: Real>(&self, w1: R, w2: R) -> Dual<R> {
        self.evaluate_on(w1, w2, &mut Vec::new())
    }

    /// [`Program::evaluate`] with `stack` as its scratch space (grown as needed, then reused:
    /// no allocation per point).
    pub(crate) fn evaluate_on<R: Real>(&self, w1: R, w2: R, stack: &mut Vec<Dual<R>>) -> Dual<R> {
        let zero = Dual::constant_of(R::constant(0.0));
        stack.resize(self.slots.max(1) + 1, zero);
        for instr in &self.instrs {
            let k = instr.slot;
            let x = stack[k];
            let constant = <Dual<R> as Real>::constant;
            stack[k] = match instr.op {
                Op::W1 => Dual::w1_of(w1),
                Op::W2 => Dual::w2_of(w2),
                Op::Const(c) => constant(c),
                Op::Neg => -x,
                Op::Square => x.square(),
                Op::Unary(f) => x.apply(f),
                Op::Binary(op) => op.apply(x, stack[k + 1]),
                Op::BinaryConstRight(op, c) => op.apply(x, constant(c)),
                Op::BinaryConstLeft(op, c) => op.apply(constant(c), x),
            };
        }
        stack[0]
    }

    /// Evaluates the program at the batch's points (`w1` and `w2` as long as the batch);
    /// the results end in slot 0 of `lanes`.
    pub(crate) fn run<L: Lanes>(&self, w1: &[f64], w2: &[f64], lanes: &mut L) {
        self.run_seeded(w1, w2, lanes, [L::Scalar::w1, L::Scalar::w2]);
    }

    /// [`Program::run`] with the variables made from their values by `seeds` (the nested dual
    /// numbers of a Hessian seed both levels).
    #[inline(always)]
    pub(crate) fn run_seeded<L: Lanes>(
        &self,
        w1: &[f64],
        w2: &[f64],
        lanes: &mut L,
        seeds: [fn(f64) -> L::Scalar; 2],
    ) {
        debug_assert_eq!(w1.len(), lanes.len());
        debug_assert_eq!(w2.len(), lanes.len());
        for instr in &self.instrs {
            let k = instr.slot;
            match instr.op {
                Op::W1 => lanes.load(k, w1, seeds[0]),
                Op::W2 => lanes.load(k, w2, seeds[1]),
                Op::Const(c) => lanes.fill(k, L::Scalar::constant(c)),
                Op::Neg => lanes.map(k, |x| -x),
                Op::Square => lanes.map(k, L::Scalar::square),
                Op::Unary(f) => lanes.map(k, |x| x.apply(f)),
                // One loop per common operation, so that each loop stays simple enough to be
                // vectorised.
                Op::Binary(op) => match op {
                    Binary::Add => lanes.zip(k, |x, y| x + y),
                    Binary::Sub => lanes.zip(k, |x, y| x - y),
                    Binary::Mul => lanes.zip(k, |x, y| x * y),
                    Binary::Div => lanes.zip(k, |x, y| x / y),
                    other => lanes.zip(k, |x, y| other.apply(x, y)),
                },
                Op::BinaryConstRight(op, c) => {
                    let c = L::Scalar::constant(c);
                    match op {
                        Binary::Add => lanes.map(k, |x| x + c),
                        Binary::Mul => lanes.map(k, |x| x * c),
                        _ => lanes.map(k, |x| op.apply(x, c)),
                    }
                }
                Op::BinaryConstLeft(op, c) => {
                    let c = L::Scalar::constant(c);
                    match op {
                        Binary::Sub => lanes.map(k, |x| c - x),
                        Binary::Mul => lanes.map(k, |x| c * x),
                        _ => lanes.map(k, |x| op.apply(c, x)),
                    }
                }
            }
        }
    }

    /// Evaluates the program at one point with `stack` as scratch space: the same
    /// operations as [`Program::run`], without the loops over a batch. The top of the stack
    /// stays in a local variable (a register) and only the values below it go to `stack`, so
    /// that a chain of operations on the top never waits for a store and a load.
    ///
    /// This relies on the compiler's stack discipline: an instruction that loads a value
    /// (`W1`, `W2`, `Const`) writes the slot above the current top, every other one writes the
    /// top's slot (a binary operation combines the slot below the top with the top).
    #[inline]
    pub(crate) fn run_point(&self, w1: f64, w2: f64, stack: &mut PointStack) -> Dual {
        let mut top = Dual::constant(0.0);
        for instr in &self.instrs {
            let k = instr.slot;
            top = match instr.op {
                Op::W1 => {
                    stack.spill(k, top);
                    Dual::w1(w1)
                }
                Op::W2 => {
                    stack.spill(k, top);
                    Dual::w2(w2)
                }
                Op::Const(c) => {
                    stack.spill(k, top);
                    Dual::constant(c)
                }
                Op::Neg => -top,
                Op::Square => top.square(),
                Op::Binary(Binary::Add) => stack.get(k) + top,
                Op::Binary(Binary::Sub) => stack.get(k) - top,
                Op::Binary(Binary::Mul) => stack.get(k) * top,
                Op::BinaryConstRight(Binary::Add, c) => top + Dual::constant(c),
                Op::BinaryConstRight(Binary::Mul, c) => top * Dual::constant(c),
                Op::BinaryConstLeft(Binary::Sub, c) => Dual::constant(c) - top,
                Op::BinaryConstLeft(Binary::Mul, c) => Dual::constant(c) * top,
                op => {
                    // Through the stack, so that `top` never has its address taken and
                    // stays in registers.
                    stack.top = top;
                    rare(op, stack, k);
                    stack.get(k)
                }
            };
        }
        top
    }
}

/// The scratch space of [`Program::run_point`]: per slot a value and its two partial
/// derivatives, each kind in an array of its own (a dual number stored whole and read back
/// field by field stalls the processor's store forwarding).
#[derive(Clone, Debug)]
pub(crate) struct PointStack {
    v: Vec<f64>,
    d1: Vec<f64>,
    d2: Vec<f64>,
    /// The top, handed to the out-of-line operations.
    top: Dual,
}

impl PointStack {
    /// Room for `slots` slots.
    pub(crate) fn new(slots: usize) -> PointStack {
        PointStack {
            v: vec![0.0; slots],
            d1: vec![0.0; slots],
            d2: vec![0.0; slots],
            top: Dual::constant(0.0),
        }
    }

    #[inline(always)]
    fn get(&self, k: usize) -> Dual {
        Dual {
            v: self.v[k],
            d1: self.d1[k],
            d2: self.d2[k],
        }
    }

    /// Stores the top `x` below slot `k`, which a load is about to take (nothing to keep at
    /// slot 0).
    #[inline(always)]
    fn spill(&mut self, k: usize, x: Dual) {
        if k > 0 {
            self.set(k - 1, x);
        }
    }

    #[inline(always)]
    fn set(&mut self, k: usize, x: Dual) {
        self.v[k] = x.v;
        self.d1[k] = x.d1;
        self.d2[k] = x.d2;
    }
}

/// The operations [`Program::run_point`] does not inline, on the top (in `stack.top`) and the
/// value below it at slot `k` (for a binary operation), the result written to slot `k`:
/// calls of built-in functions and the less common arithmetic, kept out of line so that the
/// common loop stays small.
#[inline(never)]
fn rare(op: Op, stack: &mut PointStack, k: usize) {
    let x = stack.top;
    let result = match op {
        Op::W1 | Op::W2 | Op::Const(_) | Op::Neg | Op::Square => x,
        Op::Unary(f) => x.apply(f),
        Op::Binary(op) => op.apply(stack.get(k), x),
        Op::BinaryConstRight(op, c) => op.apply(x, Dual::constant(c)),
        Op::BinaryConstLeft(op, c) => op.apply(Dual::constant(c), x),
    };
    stack.set(k, result);
}
