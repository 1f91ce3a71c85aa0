//! The three kernels as WebAssembly functions, each exported as [`super::EXPORT`] with the
//! signature `(base: i32) -> i32`: `base` is the byte address of the arena (an array of `f64`
//! laid out as [`super::layout`] says), the result a count.
//!
//! - evaluation: E and ∇E at `n` points;
//! - sweep: up to `max_steps` plain steps of each of `n` lanes, step by step over all lanes,
//!   two lanes at a time in the halves of 128-bit vectors (so that the lanes' independent work
//!   overlaps in the processor); a lane whose next step is not plain, or would pass `limit`,
//!   is marked inactive and left for the interpreter; returns the steps taken;
//! - trajectory: plain steps of one run, each row written to the output columns, until `rows`
//!   rows or a step that is not plain; returns the rows written.

mod sweep;
mod trajectory;

pub(super) use sweep::sweep;
pub(super) use trajectory::trajectory;

use super::emit::{GraphEmitter, Width};
use super::encode::{Body, FuncType, Local, Module, Num, Simd, ValType};
use super::layout::{self, param};
use super::step::{input, trace_evaluation, StepNodes};
use super::trace::NodeId;
use super::{Kernel, KernelKind, EXPORT, MATH_IMPORT, MAX_NODES};
use crate::function::Program;
use crate::optimizer::{MAX_SHARED, MAX_STATE_PAIRS};

/// A module with the host's math function imported; returns it and the function's index.
fn module_with_math() -> (Module, u32) {
    let mut module = Module::default();
    let math = module.import_function(
        MATH_IMPORT.0,
        MATH_IMPORT.1,
        FuncType {
            params: vec![ValType::I32, ValType::F64, ValType::F64],
            results: vec![ValType::F64],
        },
    );
    (module, math)
}

/// The export's type: `(base: i32) -> i32`.
fn export_type() -> FuncType {
    FuncType {
        params: vec![ValType::I32],
        results: vec![ValType::I32],
    }
}

/// The byte offset of arena index `index`.
fn bytes(index: usize) -> u32 {
    (index * 8) as u32
}

/// The function's argument: the arena's address.
const BASE: Local = 0;

/// Loads parameter `index` as an `f64` into a new local.
fn load_param(body: &mut Body, index: usize) -> Local {
    let local = body.local(ValType::F64);
    body.get(BASE).f64_load(bytes(index)).set(local);
    local
}

/// Loads parameter `index` (a whole number) as an `i32` into a new local.
fn load_count(body: &mut Body, index: usize) -> Local {
    let local = body.local(ValType::I32);
    body.get(BASE)
        .f64_load(bytes(index))
        .num(Num::I32TruncF64S)
        .set(local);
    local
}

/// Sets `address` to `BASE + index · 2^shift` (the byte address of entry `index` of a plane
/// of `f64`, shift 3, or of a table of pairs, shift 4, before the plane's own offset).
fn address_of(body: &mut Body, index: Local, shift: i32, address: Local) {
    body.get(BASE)
        .get(index)
        .i32_const(shift)
        .num(Num::I32Shl)
        .num(Num::I32Add)
        .set(address);
}

/// Loads parameter `index` into both lanes of a new `v128` local.
fn load_splat(body: &mut Body, index: usize) -> Local {
    let local = body.local(ValType::V128);
    body.get(BASE)
        .f64_load(bytes(index))
        .simd(Simd::F64x2Splat)
        .set(local);
    local
}

/// The type of a number for `width` runs at once.
fn number(width: Width) -> ValType {
    match width {
        Width::One => ValType::F64,
        Width::Two => ValType::V128,
    }
}

/// Binds the invariant inputs (the coefficients the lanes share and the tolerance) to locals
/// loaded from the parameters, and emits what depends on them only.
fn bind_invariants(emitter: &mut GraphEmitter, body: &mut Body, width: Width) {
    for k in input::COEFFICIENT..=input::TOL {
        if emitter.uses_input(k) && emitter.is_invariant_input(k) {
            let local = match width {
                Width::One => load_param(body, param::of_input(k)),
                Width::Two => load_splat(body, param::of_input(k)),
            };
            emitter.bind_input(k, local);
        }
    }
    emitter.emit_invariant(body);
}

/// `local += step` for an `i32` local.
fn increment(body: &mut Body, local: Local, step: i32) {
    body.get(local).i32_const(step).num(Num::I32Add).set(local);
}

/// The evaluation kernel of `program`, or `None` if it would be too large.
pub(super) fn evaluation(program: &Program, width: Width) -> Option<Kernel> {
    let (graph, outputs) = trace_evaluation(program);
    if graph.len() > MAX_NODES {
        return None;
    }
    let (mut module, math) = module_with_math();
    let mut body = Body::new(1);
    let mut emitter = GraphEmitter::new(&graph, width, &outputs, |_| false, math);
    let n = load_count(&mut body, param::COUNT);
    let (i, lane) = (body.local(ValType::I32), body.local(ValType::I32));
    let inputs = [layout::evaluation::W1, layout::evaluation::W2].map(|plane| {
        let local = body.local(number(width));
        (plane, local)
    });
    let (load, store, lanes) = match width {
        Width::One => (
            Body::f64_load as fn(&mut Body, u32) -> &mut Body,
            Body::f64_store as fn(&mut Body, u32) -> &mut Body,
            1,
        ),
        Width::Two => (
            Body::v128_load as fn(&mut Body, u32) -> &mut Body,
            Body::v128_store as fn(&mut Body, u32) -> &mut Body,
            2,
        ),
    };
    let plane = |p: usize| bytes(layout::evaluation::plane(p));
    for (k, (_, local)) in inputs.iter().enumerate() {
        emitter.bind_input(k as u32, *local);
    }
    body.i32_const(0).set(i);
    body.block().loop_();
    body.get(i).get(n).num(Num::I32GeS).br_if(1);
    address_of(&mut body, i, 3, lane);
    for (p, local) in inputs {
        body.get(lane);
        load(&mut body, plane(p)).set(local);
    }
    emitter.emit_varying(&mut body);
    let results = [
        layout::evaluation::ERROR,
        layout::evaluation::G1,
        layout::evaluation::G2,
    ];
    for (p, id) in results.into_iter().zip(outputs) {
        body.get(lane);
        emitter.push(&mut body, id);
        store(&mut body, plane(p));
    }
    increment(&mut body, i, lanes);
    body.br(0).end().end();
    body.get(n);
    module.export_function(EXPORT, export_type(), body);
    Some(Kernel::new(
        module.finish(),
        KernelKind::Evaluation,
        graph.len(),
    ))
}

/// The state a step reads and writes, with where its new value comes from.
struct StateLocals {
    /// (input number, its local, the node of its new value)
    values: Vec<(u32, Local, NodeId)>,
}

impl StateLocals {
    /// Locals for the position, gradient and state, bound as inputs, of type `ty`; the state
    /// slots the rule leaves as they are only `with_unchanged`.
    fn new(
        body: &mut Body,
        emitter: &mut GraphEmitter,
        nodes: &StepNodes,
        ty: ValType,
        with_unchanged: bool,
    ) -> StateLocals {
        let mut values = Vec::new();
        let mut add = |k: u32, id: NodeId| {
            if !with_unchanged && nodes.unchanged.contains(&k) {
                return;
            }
            let local = body.local(ty);
            emitter.bind_input(k, local);
            values.push((k, local, id));
        };
        for j in 0..2 {
            add(input::W[j], nodes.w[j]);
        }
        for j in 0..2 {
            add(input::G[j], nodes.g[j]);
        }
        for weight in 0..2 {
            for k in 0..MAX_STATE_PAIRS {
                let slot = input::SLOTS[weight][k];
                add(slot, nodes.state_of(slot));
            }
        }
        for slot in input::SHARED.into_iter().take(MAX_SHARED) {
            add(slot, nodes.state_of(slot));
        }
        StateLocals { values }
    }

    /// The local of input `k`.
    fn local(&self, k: u32) -> Local {
        self.values
            .iter()
            .find(|(input, ..)| *input == k)
            .map_or(0, |&(_, local, _)| local)
    }
}

/// Binds the per-step scalars the rule reads to locals of type `ty`, each with its place in a
/// table entry; they are loaded per step from the table.
fn scalar_locals(body: &mut Body, emitter: &mut GraphEmitter, ty: ValType) -> Vec<(u32, Local)> {
    let used: Vec<(u32, u32)> = (0..)
        .zip(input::SCALARS)
        .filter(|&(_, k)| emitter.uses_input(k))
        .collect();
    used.into_iter()
        .map(|(j, k)| {
            let local = body.local(ty);
            emitter.bind_input(k, local);
            (j, local)
        })
        .collect()
}

/// Loads the scalars of the table entry at byte address `entry` plus `table` bytes.
fn load_scalars(body: &mut Body, locals: &[(u32, Local)], entry: Local, table: u32) {
    for &(j, local) in locals {
        body.get(entry).f64_load(table + 8 * j).set(local);
    }
}
