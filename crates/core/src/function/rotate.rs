//! Turning a surface: E_θ(w) = E(R(−θ)·w), the surface turned counterclockwise by θ about
//! the origin. The compiled program is rewritten so that each load of a variable loads the
//! turned coordinate instead, u1 = cos θ·w1 + sin θ·w2 and u2 = −sin θ·w1 + cos θ·w2, in the
//! program's own dual arithmetic: the gradient and Hessian turn with it, exactly, and every
//! evaluator (the interpreter, batches, kernels, Hessians) runs the turned program unchanged.

use super::builtin::Binary;
use super::program::{Instr, Op, Program};

/// cos θ and sin θ for θ in degrees, exact at multiples of 90° (a quarter turn swaps the
/// axes without rounding).
pub fn cos_sin_degrees(degrees: f64) -> (f64, f64) {
    let turns = degrees / 90.0;
    let quarter = turns.round();
    let rest = (turns - quarter) * std::f64::consts::FRAC_PI_2;
    let (sin, cos) = if rest == 0.0 {
        (0.0, 1.0)
    } else {
        rest.sin_cos()
    };
    match quarter.rem_euclid(4.0) as u8 {
        0 => (cos, sin),
        1 => (-sin, cos),
        2 => (-cos, -sin),
        _ => (sin, -cos),
    }
}

/// `program` with every load of w1 and w2 replaced by the turned coordinates for the angle
/// of `cos` and `sin`.
pub(super) fn rotated(program: &Program, cos: f64, sin: f64) -> Program {
    let mut instrs = Vec::with_capacity(program.instrs.len() * 2);
    let mut slots = program.slots;
    for &instr in &program.instrs {
        let k = instr.slot;
        let (a, b) = match instr.op {
            Op::W1 => (cos, sin),
            Op::W2 => (-sin, cos),
            _ => {
                instrs.push(instr);
                continue;
            }
        };
        // a·w1 + b·w2 at slot k, through slot k + 1 (a load writes above the top).
        let at = |op, slot| Instr { op, slot };
        instrs.extend([
            at(Op::W1, k),
            at(Op::BinaryConstRight(Binary::Mul, a), k),
            at(Op::W2, k + 1),
            at(Op::BinaryConstRight(Binary::Mul, b), k + 1),
            at(Op::Binary(Binary::Add), k),
        ]);
        slots = slots.max(k + 2);
    }
    Program { instrs, slots }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quarter_turns_are_exact() {
        assert_eq!(cos_sin_degrees(0.0), (1.0, 0.0));
        assert_eq!(cos_sin_degrees(90.0), (0.0, 1.0));
        assert_eq!(cos_sin_degrees(180.0), (-1.0, 0.0));
        assert_eq!(cos_sin_degrees(-90.0), (0.0, -1.0));
        assert_eq!(cos_sin_degrees(450.0), (0.0, 1.0));
        let (c, s) = cos_sin_degrees(45.0);
        assert!((c - s).abs() < 1e-15 && (c - 0.5_f64.sqrt()).abs() < 1e-15);
        let (c, s) = cos_sin_degrees(120.0);
        assert!((c + 0.5).abs() < 1e-15 && (s - 0.75_f64.sqrt()).abs() < 1e-15);
    }
}
