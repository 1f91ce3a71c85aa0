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

use super::emit::{emit_interleaved, GraphEmitter, Width};
use super::encode::{Body, FuncType, Local, Module, Num, Simd, ValType};
use super::layout::{self, param, STATE_ORDER};
use super::step::{input, trace_evaluation, trace_step, StepNodes};
use super::trace::NodeId;
use super::{Kernel, KernelKind, EXPORT, MATH_IMPORT, MAX_NODES};
use crate::function::Program;
use crate::optimizer::{Rule, MAX_STATE_PAIRS};

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

/// Binds the invariant inputs (the coefficients and the tolerance) to locals loaded from the
/// parameters, and emits what depends on them only.
fn bind_invariants(emitter: &mut GraphEmitter, body: &mut Body, width: Width) {
    for k in input::COEFFICIENT..=input::TOL {
        if emitter.uses_input(k) {
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
                add(input::SLOTS[weight][k], nodes.slots[weight][k]);
            }
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

/// Binds the bias corrections to locals of type `ty` if the rule reads them; they are loaded
/// per step from the corrections table.
fn correction_locals(
    body: &mut Body,
    emitter: &mut GraphEmitter,
    ty: ValType,
) -> Option<[Local; 2]> {
    let used = input::CORRECTIONS.iter().any(|&k| emitter.uses_input(k));
    used.then(|| {
        input::CORRECTIONS.map(|k| {
            let local = body.local(ty);
            emitter.bind_input(k, local);
            local
        })
    })
}

/// Loads the corrections of the table entry at byte address `entry` plus `table` bytes.
fn load_corrections(body: &mut Body, locals: [Local; 2], entry: Local, table: u32) {
    for (j, local) in locals.into_iter().enumerate() {
        body.get(entry).f64_load(table + 8 * j as u32).set(local);
    }
}

/// Pairs of lanes a sweep kernel steps in one iteration, their code interleaved.
const COPIES: usize = 2;

/// The sweep kernel of `program` stepped by `rule` within `tol`, or `None` if it would be too
/// large. It steps two lanes at once (`f64x2`), [`COPIES`] such pairs side by side, each lane
/// exactly as one run; a lane's step is kept where it is plain (its neighbour's may not be).
pub(super) fn sweep(program: &Program, rule: Rule, tol: f64) -> Option<Kernel> {
    let (graph, nodes) = trace_step(program, rule, tol);
    if graph.len() > MAX_NODES {
        return None;
    }
    let width = Width::Two;
    let (mut module, math) = module_with_math();
    let mut body = Body::new(1);
    let outputs = nodes.computed();
    let new_emitter = || GraphEmitter::new(&graph, width, &outputs, input::is_invariant, math);
    let mut copies: Vec<GraphEmitter> = (0..COPIES).map(|_| new_emitter()).collect();
    let (first, others) = copies.split_at_mut(1);
    bind_invariants(&mut first[0], &mut body, width);
    for copy in others {
        copy.share_invariants(&first[0]);
    }
    let n = load_count(&mut body, param::COUNT);
    let max_steps = load_count(&mut body, param::MAX_STEPS);
    let min_active = load_count(&mut body, param::MIN_ACTIVE);
    let limit = load_splat(&mut body, param::LIMIT);
    let table_len = load_count(&mut body, param::TABLE_LEN);
    /// One copy's locals.
    struct Copy {
        state: StateLocals,
        corrections: Option<[Local; 2]>,
        t: Local,
        ok: Local,
        /// Its first lane's byte offset from the iteration's first lane.
        offset: u32,
    }
    let locals: Vec<Copy> = copies
        .iter_mut()
        .enumerate()
        .map(|(c, emitter)| Copy {
            state: StateLocals::new(&mut body, emitter, &nodes, ValType::V128, false),
            corrections: correction_locals(&mut body, emitter, ValType::V128),
            t: body.local(ValType::V128),
            ok: body.local(ValType::V128),
            offset: (16 * c) as u32,
        })
        .collect();
    let [total, step, count, i, lane, entry] = [(); 6].map(|_| body.local(ValType::I32));
    let in_table = body.local(ValType::V128);
    let plane = |p: usize, copy: &Copy| bytes(layout::sweep::plane(p)) + copy.offset;
    let input_plane = |k: u32, copy: &Copy| plane(layout::sweep::input_plane(k), copy);
    let (one, zero) = ([1.0f64.to_bits(); 2], [0; 2]);
    use layout::sweep::{ACTIVE, ERROR, T};

    body.i32_const(0).set(total);
    body.i32_const(0).set(step);
    body.block().loop_(); // $done, $steps
    body.get(step).get(max_steps).num(Num::I32GeS).br_if(1);
    body.i32_const(0).set(count);
    body.i32_const(0).set(i);
    body.block().loop_(); // $lanes_done, $lanes: lanes i to i + 2·COPIES − 1
    body.get(i).get(n).num(Num::I32GeS).br_if(1);
    address_of(&mut body, i, 3, lane);
    body.block(); // $next
                  // ok: the lane is active (skip the iteration if none is) ...
    for (c, copy) in locals.iter().enumerate() {
        body.get(lane)
            .v128_load(plane(ACTIVE, copy))
            .v128_const(zero)
            .simd(Simd::F64x2Ne)
            .tee(copy.ok);
        if c > 0 {
            body.simd(Simd::V128Or);
        }
    }
    body.simd(Simd::V128AnyTrue).num(Num::I32Eqz).br_if(0);
    for copy in &locals {
        // ... and its next row does not pass the limit.
        body.get(copy.ok)
            .get(lane)
            .v128_load(plane(T, copy))
            .tee(copy.t)
            .v128_const(one)
            .simd(Simd::F64x2Add)
            .get(limit)
            .simd(Simd::F64x2Le)
            .simd(Simd::V128And)
            .set(copy.ok);
        if let Some(corrections) = copy.corrections {
            // Each lane's corrections of step `t + 1` (the step count is the row's
            // iteration), if the table has them (entry 0, unused, stands in where not, and
            // the lane does not step).
            body.v128_const(one).set(in_table);
            for k in 0..2u8 {
                body.get(copy.t)
                    .extract_lane(k)
                    .num(Num::I32TruncF64S)
                    .i32_const(1)
                    .num(Num::I32Add)
                    .set(entry);
                body.get(in_table)
                    .f64_const(1.0)
                    .f64_const(0.0)
                    .get(entry)
                    .get(table_len)
                    .num(Num::I32LtS)
                    .select()
                    .replace_lane(k)
                    .set(in_table);
                body.get(entry)
                    .i32_const(0)
                    .get(entry)
                    .get(table_len)
                    .num(Num::I32LtS)
                    .select()
                    .set(entry);
                address_of(&mut body, entry, 4, entry);
                for (j, local) in corrections.into_iter().enumerate() {
                    body.get(local)
                        .get(entry)
                        .f64_load(bytes(layout::sweep::table()) + 8 * j as u32)
                        .replace_lane(k)
                        .set(local);
                }
            }
            body.get(copy.ok)
                .get(in_table)
                .v128_const(zero)
                .simd(Simd::F64x2Ne)
                .simd(Simd::V128And)
                .set(copy.ok);
        }
        for &(k, local, _) in &copy.state.values {
            body.get(lane).v128_load(input_plane(k, copy)).set(local);
        }
    }
    emit_interleaved(&mut copies, &mut body);
    for (emitter, copy) in copies.iter().zip(&locals) {
        body.get(copy.ok);
        emitter.push(&mut body, nodes.plain);
        body.simd(Simd::V128And).set(copy.ok);
    }
    // Commit: the new row and state, one more row. Usually every lane stepped: then store.
    for (c, copy) in locals.iter().enumerate() {
        body.get(copy.ok);
        if c > 0 {
            body.simd(Simd::V128And);
        }
    }
    body.simd(Simd::I64x2AllTrue).if_();
    for (emitter, copy) in copies.iter().zip(&locals) {
        for &(k, _, id) in &copy.state.values {
            body.get(lane);
            emitter.push(&mut body, id);
            body.v128_store(input_plane(k, copy));
        }
        body.get(lane);
        emitter.push(&mut body, nodes.error);
        body.v128_store(plane(ERROR, copy));
        body.get(lane)
            .get(copy.t)
            .v128_const(one)
            .simd(Simd::F64x2Add)
            .v128_store(plane(T, copy));
    }
    increment(&mut body, count, 2 * COPIES as i32);
    body.else_();
    // Otherwise only where ok; the lane stays active where it stepped.
    for (emitter, copy) in copies.iter().zip(&locals) {
        let keep = |body: &mut Body, offset: u32| {
            body.get(copy.ok)
                .simd(Simd::V128Bitselect)
                .v128_store(offset);
        };
        for &(k, local, id) in &copy.state.values {
            body.get(lane);
            emitter.push(&mut body, id);
            body.get(local);
            keep(&mut body, input_plane(k, copy));
        }
        body.get(lane);
        emitter.push(&mut body, nodes.error);
        body.get(lane).v128_load(plane(ERROR, copy));
        keep(&mut body, plane(ERROR, copy));
        body.get(lane)
            .get(copy.t)
            .v128_const(one)
            .simd(Simd::F64x2Add)
            .get(copy.t);
        keep(&mut body, plane(T, copy));
        body.get(lane).v128_const(one).v128_const(zero);
        keep(&mut body, plane(ACTIVE, copy));
        body.get(count)
            .get(copy.ok)
            .simd(Simd::I64x2Bitmask)
            .num(Num::I32Popcnt)
            .num(Num::I32Add)
            .set(count);
    }
    body.end();
    body.end(); // $next
    increment(&mut body, i, 2 * COPIES as i32);
    body.br(0).end().end(); // $lanes, $lanes_done
    body.get(total).get(count).num(Num::I32Add).set(total);
    increment(&mut body, step, 1);
    body.get(count).get(min_active).num(Num::I32LtS).br_if(1);
    body.br(0).end().end(); // $steps, $done
    body.get(total);
    module.export_function(EXPORT, export_type(), body);
    Some(Kernel::new(module.finish(), KernelKind::Sweep, graph.len()))
}

/// The trajectory kernel of `program` stepped by `rule`, writing the first `columns` output
/// columns, or `None` if it would be too large.
pub(super) fn trajectory(
    program: &Program,
    rule: Rule,
    tol: f64,
    columns: usize,
) -> Option<Kernel> {
    let (graph, nodes) = trace_step(program, rule, tol);
    if graph.len() > MAX_NODES {
        return None;
    }
    let (mut module, math) = module_with_math();
    let mut body = Body::new(1);
    let width = Width::One;
    let outputs = nodes.computed();
    let mut emitter = GraphEmitter::new(&graph, width, &outputs, input::is_invariant, math);
    bind_invariants(&mut emitter, &mut body, width);
    let rows = load_count(&mut body, param::COUNT);
    let t0 = load_param(&mut body, param::FIRST_T);
    let state = StateLocals::new(&mut body, &mut emitter, &nodes, number(width), true);
    let corrections = correction_locals(&mut body, &mut emitter, number(width));
    let error = body.local(ValType::F64);
    let [row, address, entry] = [(); 3].map(|_| body.local(ValType::I32));
    let state_at = |k: Option<u32>| bytes(layout::trajectory::state(k));
    let column = |c: usize| bytes(layout::trajectory::column(c));

    for &(k, local, _) in &state.values {
        body.get(BASE).f64_load(state_at(Some(k))).set(local);
    }
    body.get(BASE).f64_load(state_at(None)).set(error);
    body.i32_const(0).set(row);
    body.block().loop_();
    body.get(row).get(rows).num(Num::I32GeS).br_if(1);
    if let Some(locals) = corrections {
        address_of(&mut body, row, 4, entry);
        load_corrections(&mut body, locals, entry, bytes(layout::trajectory::table()));
    }
    emitter.emit_varying(&mut body);
    emitter.push(&mut body, nodes.plain);
    body.num(Num::I32Eqz).br_if(1);
    // Commit all at once (push every new value, then set in reverse), as a new value may be
    // an old one unchanged.
    for &(_, _, id) in &state.values {
        emitter.push(&mut body, id);
    }
    emitter.push(&mut body, nodes.error);
    body.set(error);
    for &(_, local, _) in state.values.iter().rev() {
        body.set(local);
    }
    // The row: t, w1, w2, error, g1, g2, then the state in column order.
    address_of(&mut body, row, 3, address);
    body.get(address)
        .get(t0)
        .get(row)
        .i32_const(1)
        .num(Num::I32Add)
        .num(Num::F64ConvertI32S)
        .num(Num::F64Add)
        .f64_store(column(0));
    let mut values = vec![
        state.local(input::W[0]),
        state.local(input::W[1]),
        error,
        state.local(input::G[0]),
        state.local(input::G[1]),
    ];
    values.extend(
        STATE_ORDER
            .iter()
            .map(|&(weight, k)| state.local(input::SLOTS[weight][k])),
    );
    for (c, local) in values
        .into_iter()
        .enumerate()
        .take(columns.saturating_sub(1))
    {
        body.get(address).get(local).f64_store(column(c + 1));
    }
    increment(&mut body, row, 1);
    body.br(0).end().end();
    for &(k, local, _) in &state.values {
        body.get(BASE).get(local).f64_store(state_at(Some(k)));
    }
    body.get(BASE).get(error).f64_store(state_at(None));
    body.get(row);
    module.export_function(EXPORT, export_type(), body);
    Some(Kernel::new(
        module.finish(),
        KernelKind::Trajectory,
        graph.len(),
    ))
}
