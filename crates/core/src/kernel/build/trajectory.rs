//! The trajectory kernel: plain steps of one run, each row written to the output columns.

use super::super::emit::{GraphEmitter, Width};
use super::super::encode::{Body, Num, ValType};
use super::super::layout::{self, param};
use super::super::step::{input, trace_step};
use super::super::{Kernel, KernelKind, EXPORT, MAX_NODES};
use super::{
    address_of, bind_invariants, bytes, export_type, increment, load_count, load_param,
    load_scalars, module_with_math, number, scalar_locals, StateLocals, BASE,
};
use crate::function::Program;
use crate::optimizer::Rule;

/// The trajectory kernel of `program` stepped by `rule`, writing the base columns and the state
/// columns of a form with `pairs` pairs and `shared` shared scalars, or `None` if it would be
/// too large.
pub(in crate::kernel) fn trajectory(
    program: &Program,
    rule: Rule,
    tol: f64,
    (pairs, shared): (usize, usize),
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
    let scalars = scalar_locals(&mut body, &mut emitter, number(width));
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
    if !scalars.is_empty() {
        address_of(&mut body, row, layout::TABLE_SHIFT, entry);
        load_scalars(
            &mut body,
            &scalars,
            entry,
            bytes(layout::trajectory::table()),
        );
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
    // The form's state columns: its pairs' (weight c % 2 of pair c / 2), then its shared.
    values.extend((0..2 * pairs).map(|c| state.local(input::SLOTS[c % 2][c / 2])));
    values.extend(input::SHARED[..shared].iter().map(|&k| state.local(k)));
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
