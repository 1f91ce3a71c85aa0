//! The three kernels as WebAssembly functions, each exported as [`super::EXPORT`] with the
//! signature `(base: i32) -> i32`: `base` is the byte address of the arena (an array of `f64`
//! laid out as [`super::layout`] says), the result a count.
//!
//! - evaluation: E and ∇E at `n` points;
//! - sweep: up to `max_steps` plain steps of each of `n` lanes, step by step over all lanes (so
//!   that the lanes' independent work overlaps in the processor); a lane whose next step is
//!   not plain, or would reach `limit`, is marked inactive and left for the interpreter;
//!   returns the steps taken;
//! - trajectory: plain steps of one run, each row written to the output columns, until `rows`
//!   rows or a step that is not plain; returns the rows written.

use super::emit::GraphEmitter;
use super::encode::{Body, FuncType, Local, Module, Num, ValType};
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

/// Binds the invariant inputs (the coefficients and the tolerance) to locals loaded from the
/// parameters, and emits what depends on them only.
fn bind_invariants(emitter: &mut GraphEmitter, body: &mut Body) {
    for k in input::COEFFICIENT..=input::TOL {
        if emitter.uses_input(k) {
            let local = load_param(body, param::of_input(k));
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
pub(super) fn evaluation(program: &Program) -> Option<Kernel> {
    let (graph, outputs) = trace_evaluation(program);
    if graph.len() > MAX_NODES {
        return None;
    }
    let (mut module, math) = module_with_math();
    let mut body = Body::new(1);
    let mut emitter = GraphEmitter::new(&graph, &outputs, |_| false, math);
    let n = load_count(&mut body, param::COUNT);
    let (i, lane) = (body.local(ValType::I32), body.local(ValType::I32));
    let inputs = [layout::evaluation::W1, layout::evaluation::W2].map(|plane| {
        let local = body.local(ValType::F64);
        (plane, local)
    });
    let plane = |p: usize| bytes(layout::evaluation::plane(p));
    for (k, (_, local)) in inputs.iter().enumerate() {
        emitter.bind_input(k as u32, *local);
    }
    body.i32_const(0).set(i);
    body.block().loop_();
    body.get(i).get(n).num(Num::I32GeS).br_if(1);
    address_of(&mut body, i, 3, lane);
    for (p, local) in inputs {
        body.get(lane).f64_load(plane(p)).set(local);
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
        body.f64_store(plane(p));
    }
    increment(&mut body, i, 1);
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
    /// Locals for the position, gradient and state, bound as inputs.
    fn new(body: &mut Body, emitter: &mut GraphEmitter, nodes: &StepNodes) -> StateLocals {
        let mut values = Vec::new();
        let mut add = |k: u32, id: NodeId| {
            let local = body.local(ValType::F64);
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

/// Binds the bias corrections to locals if the rule reads them; they are loaded per step
/// from the table entry whose byte address is on the stack (see [`load_corrections`]).
fn correction_locals(body: &mut Body, emitter: &mut GraphEmitter) -> Option<[Local; 2]> {
    let used = input::CORRECTIONS.iter().any(|&k| emitter.uses_input(k));
    used.then(|| {
        input::CORRECTIONS.map(|k| {
            let local = body.local(ValType::F64);
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

/// The sweep kernel of `program` stepped by `rule`, or `None` if it would be too large.
pub(super) fn sweep(program: &Program, rule: Rule) -> Option<Kernel> {
    let (graph, nodes) = trace_step(program, rule);
    if graph.len() > MAX_NODES {
        return None;
    }
    let (mut module, math) = module_with_math();
    let mut body = Body::new(1);
    let mut emitter = GraphEmitter::new(&graph, &nodes.all(), input::is_invariant, math);
    bind_invariants(&mut emitter, &mut body);
    let n = load_count(&mut body, param::COUNT);
    let max_steps = load_count(&mut body, param::MAX_STEPS);
    let min_active = load_count(&mut body, param::MIN_ACTIVE);
    let limit = load_param(&mut body, param::LIMIT);
    let table_len = load_count(&mut body, param::TABLE_LEN);
    let state = StateLocals::new(&mut body, &mut emitter, &nodes);
    let corrections = correction_locals(&mut body, &mut emitter);
    let [total, step, count, i, lane, entry] = [(); 6].map(|_| body.local(ValType::I32));
    let t = body.local(ValType::F64);
    let plane = |p: usize| bytes(layout::sweep::plane(p));
    let input_plane = |k: u32| plane(layout::sweep::input_plane(k));
    use layout::sweep::{ACTIVE, ERROR, T, TAKEN};

    // Marks the lane inactive and continues with the next (`depth`: the `$next` block's).
    let deactivate = |body: &mut Body, depth: u32| {
        body.get(lane)
            .f64_const(0.0)
            .f64_store(plane(ACTIVE))
            .br(depth);
    };

    body.i32_const(0).set(total);
    body.i32_const(0).set(step);
    body.block().loop_(); // $done, $steps
    body.get(step).get(max_steps).num(Num::I32GeS).br_if(1);
    body.i32_const(0).set(count);
    body.i32_const(0).set(i);
    body.block().loop_(); // $lanes_done, $lanes
    body.get(i).get(n).num(Num::I32GeS).br_if(1);
    address_of(&mut body, i, 3, lane);
    body.block(); // $next
    body.get(lane)
        .f64_load(plane(ACTIVE))
        .f64_const(0.0)
        .num(Num::F64Eq)
        .br_if(0);
    // The next row must not pass the limit.
    body.get(lane)
        .f64_load(plane(T))
        .tee(t)
        .f64_const(1.0)
        .num(Num::F64Add)
        .get(limit)
        .num(Num::F64Gt)
        .if_();
    deactivate(&mut body, 1);
    body.end();
    if let Some(locals) = corrections {
        // The corrections of step `taken + 1`, if the table has them.
        body.get(lane)
            .f64_load(plane(TAKEN))
            .num(Num::I32TruncF64S)
            .i32_const(1)
            .num(Num::I32Add)
            .tee(entry)
            .get(table_len)
            .num(Num::I32GeS)
            .if_();
        deactivate(&mut body, 1);
        body.end();
        address_of(&mut body, entry, 4, entry);
        load_corrections(&mut body, locals, entry, bytes(layout::sweep::table()));
    }
    for &(k, local, _) in &state.values {
        body.get(lane).f64_load(input_plane(k)).set(local);
    }
    emitter.emit_varying(&mut body);
    emitter.push(&mut body, nodes.plain);
    body.num(Num::I32Eqz).if_();
    deactivate(&mut body, 1);
    body.end();
    // Commit: the new row and state (a state slot the rule does not change is not stored).
    for &(k, local, id) in &state.values {
        if emitter.local_of(id) == Some(local) {
            continue;
        }
        body.get(lane);
        emitter.push(&mut body, id);
        body.f64_store(input_plane(k));
    }
    body.get(lane);
    emitter.push(&mut body, nodes.error);
    body.f64_store(plane(ERROR));
    body.get(lane)
        .get(t)
        .f64_const(1.0)
        .num(Num::F64Add)
        .f64_store(plane(T));
    body.get(lane)
        .get(lane)
        .f64_load(plane(TAKEN))
        .f64_const(1.0)
        .num(Num::F64Add)
        .f64_store(plane(TAKEN));
    increment(&mut body, count, 1);
    body.end(); // $next
    increment(&mut body, i, 1);
    body.br(0).end().end(); // $lanes, $lanes_done
    body.get(total).get(count).num(Num::I32Add).set(total);
    increment(&mut body, step, 1);
    body.get(count).get(min_active).num(Num::I32LtS).br_if(1);
    body.br(0).end().end(); // $steps, $done
    body.get(total);
    module.export_function(EXPORT, export_type(), body);
    Some(Kernel::new(module.finish(), KernelKind::Sweep, graph.len()))
}

/// The trajectory kernel of `program` stepped by `rule`, or `None` if it would be too large.
pub(super) fn trajectory(program: &Program, rule: Rule) -> Option<Kernel> {
    let (graph, nodes) = trace_step(program, rule);
    if graph.len() > MAX_NODES {
        return None;
    }
    let (mut module, math) = module_with_math();
    let mut body = Body::new(1);
    let mut emitter = GraphEmitter::new(&graph, &nodes.all(), input::is_invariant, math);
    bind_invariants(&mut emitter, &mut body);
    let rows = load_count(&mut body, param::COUNT);
    let t0 = load_param(&mut body, param::FIRST_T);
    let state = StateLocals::new(&mut body, &mut emitter, &nodes);
    let corrections = correction_locals(&mut body, &mut emitter);
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
    for (c, local) in values.into_iter().enumerate() {
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
