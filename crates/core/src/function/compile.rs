//! Compiles meval's reverse-Polish tokens into a [`Program`]: names resolved, constant
//! sub-expressions folded, constant operands fused into the operation, `x^2` squared.
//! One pass over the tokens with an explicit stack: no recursion, however deep the input.

use meval::tokenizer::{Operation, Token};

use super::builtin::{constant, Binary, Builtin};
use super::program::{Instr, Op, Program};
use super::FunctionError;

/// An operand during compilation: a constant not yet emitted, or a value in a runtime slot.
#[derive(Clone, Copy, Debug)]
enum Operand {
    Const(f64),
    Slot,
}

/// A name in the source that is not known, found while compiling.
pub(crate) enum Unknown<'a> {
    /// A variable or constant name.
    Variable(&'a str),
    /// A function name, or a known function with the wrong number of arguments.
    Function(&'a str, Option<(Builtin, usize)>),
}

/// Builds the instruction list.
struct Compiler {
    instrs: Vec<Instr>,
    operands: Vec<Operand>,
    /// How many operands on `operands` are runtime values: the next free slot.
    runtime: usize,
    slots: usize,
}

impl Compiler {
    fn pop(&mut self) -> Result<Operand, FunctionError> {
        let operand = self.operands.pop().ok_or_else(FunctionError::internal)?;
        if let Operand::Slot = operand {
            self.runtime -= 1;
        }
        Ok(operand)
    }

    fn push_const(&mut self, c: f64) {
        self.operands.push(Operand::Const(c));
    }

    /// Emits `op` writing the next free slot and pushes its result.
    fn push_value(&mut self, op: Op) {
        let slot = self.runtime;
        self.instrs.push(Instr { op, slot });
        self.slots = self.slots.max(slot + 1);
        self.operands.push(Operand::Slot);
        self.runtime += 1;
    }

    fn unary(&mut self, op: Op, fold: impl Fn(f64) -> f64) -> Result<(), FunctionError> {
        match self.pop()? {
            Operand::Const(c) => self.push_const(fold(c)),
            Operand::Slot => self.push_value(op),
        }
        Ok(())
    }

    fn binary(&mut self, op: Binary) -> Result<(), FunctionError> {
        let b = self.pop()?;
        let a = self.pop()?;
        match (a, b) {
            (Operand::Const(x), Operand::Const(y)) => self.push_const(op.apply(x, y)),
            (Operand::Slot, Operand::Const(y)) => self.push_value(match op {
                Binary::Pow if y == 2.0 => Op::Square,
                Binary::Sub => Op::BinaryConstRight(Binary::Add, -y),
                _ => Op::BinaryConstRight(op, y),
            }),
            (Operand::Const(x), Operand::Slot) => self.push_value(Op::BinaryConstLeft(op, x)),
            (Operand::Slot, Operand::Slot) => self.push_value(Op::Binary(op)),
        }
        Ok(())
    }

    fn finish(mut self) -> Result<Program, FunctionError> {
        let result = self.pop()?;
        if !self.operands.is_empty() {
            return Err(FunctionError::internal());
        }
        if let Operand::Const(c) = result {
            self.push_value(Op::Const(c));
        }
        Ok(Program {
            instrs: self.instrs,
            slots: self.slots,
        })
    }
}

/// Compiles reverse-Polish tokens; `Err(Ok(unknown))` names the first unknown name.
pub(crate) fn compile(rpn: &[Token]) -> Result<Program, Result<Unknown<'_>, FunctionError>> {
    let mut c = Compiler {
        instrs: Vec::with_capacity(rpn.len()),
        operands: Vec::new(),
        runtime: 0,
        slots: 0,
    };
    for token in rpn {
        match token {
            Token::Number(x) => c.push_const(*x),
            Token::Var(name) => match (name.as_str(), constant(name)) {
                ("w1", _) => c.push_value(Op::W1),
                ("w2", _) => c.push_value(Op::W2),
                (_, Some(value)) => c.push_const(value),
                (_, None) => return Err(Ok(Unknown::Variable(name))),
            },
            Token::Unary(Operation::Minus) => c.unary(Op::Neg, |x| -x).map_err(Err)?,
            Token::Unary(_) => {}
            Token::Binary(operation) => {
                let op = match operation {
                    Operation::Plus => Binary::Add,
                    Operation::Minus => Binary::Sub,
                    Operation::Times => Binary::Mul,
                    Operation::Div => Binary::Div,
                    Operation::Rem => Binary::Rem,
                    Operation::Pow => Binary::Pow,
                };
                c.binary(op).map_err(Err)?;
            }
            Token::Func(name, count) => {
                let count = count.unwrap_or(0);
                let builtin = Builtin::named(name);
                match builtin {
                    Some(b) if b.accepts(count) => match b {
                        Builtin::Unary(f) => c.unary(Op::Unary(f), |x| f.value(x)).map_err(Err)?,
                        Builtin::Atan2 => c.binary(Binary::Atan2).map_err(Err)?,
                        Builtin::Fold(op) => {
                            // max(a, b, c) = max(a, max(b, c)): combine the top two operands
                            // until one is left; at ties the leftmost argument wins.
                            for _ in 1..count {
                                c.binary(op).map_err(Err)?;
                            }
                        }
                    },
                    _ => {
                        return Err(Ok(Unknown::Function(name, builtin.map(|b| (b, count)))));
                    }
                }
            }
            Token::LParen | Token::RParen | Token::Comma => {
                return Err(Err(FunctionError::internal()))
            }
        }
    }
    c.finish().map_err(Err)
}
