//! A compiled error function: a flat list of instructions over a stack of fixed slots, run
//! without recursion over a batch of points at a time, for `f64` values or dual numbers.

use super::builtin::{Binary, Unary};
use super::scalar::Scalar;

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

/// Applies `f` to every element of `a`.
#[inline(always)]
fn map<T: Copy>(a: &mut [T], f: impl Fn(T) -> T) {
    for x in a.iter_mut() {
        *x = f(*x);
    }
}

/// `a[i] = f(a[i], b[i])` for every `i`.
#[inline(always)]
fn zip<T: Copy>(a: &mut [T], b: &[T], f: impl Fn(T, T) -> T) {
    for (x, &y) in a.iter_mut().zip(b) {
        *x = f(*x, y);
    }
}

/// Runs one binary operation over a batch, one loop per operation so each loop stays simple.
#[inline(always)]
fn zip_binary<T: Scalar>(a: &mut [T], b: &[T], op: Binary) {
    match op {
        Binary::Add => zip(a, b, |x, y| x + y),
        Binary::Sub => zip(a, b, |x, y| x - y),
        Binary::Mul => zip(a, b, |x, y| x * y),
        Binary::Div => zip(a, b, |x, y| x / y),
        other => zip(a, b, |x, y| other.apply(x, y)),
    }
}

impl Program {
    /// Evaluates the program at `n = w1.len()` points; `stack` holds `slots * n` scratch values
    /// and the results end in `stack[..n]`.
    pub(crate) fn run<T: Scalar>(&self, w1: &[f64], w2: &[f64], stack: &mut [T]) {
        let n = w1.len();
        debug_assert_eq!(w2.len(), n);
        debug_assert!(stack.len() >= self.slots * n);
        for instr in &self.instrs {
            let (lower, upper) = stack.split_at_mut((instr.slot + 1) * n);
            let a = &mut lower[instr.slot * n..];
            match instr.op {
                Op::W1 => {
                    for (x, &w) in a.iter_mut().zip(w1) {
                        *x = T::w1(w);
                    }
                }
                Op::W2 => {
                    for (x, &w) in a.iter_mut().zip(w2) {
                        *x = T::w2(w);
                    }
                }
                Op::Const(c) => a.fill(T::constant(c)),
                Op::Neg => map(a, |x| -x),
                Op::Square => map(a, T::square),
                Op::Unary(f) => map(a, |x| x.apply(f)),
                Op::Binary(op) => zip_binary(a, &upper[..n], op),
                Op::BinaryConstRight(op, c) => {
                    let c = T::constant(c);
                    match op {
                        Binary::Add => map(a, |x| x + c),
                        Binary::Mul => map(a, |x| x * c),
                        _ => map(a, |x| op.apply(x, c)),
                    }
                }
                Op::BinaryConstLeft(op, c) => {
                    let c = T::constant(c);
                    match op {
                        Binary::Sub => map(a, |x| c - x),
                        _ => map(a, |x| op.apply(c, x)),
                    }
                }
            }
        }
    }
}
