//! The sweep kernel: plain steps of the batched engine's lanes, two lanes at once in the
//! halves of `f64x2` vectors and [`COPIES`] such pairs interleaved. The lanes share their
//! hyperparameters (a sweep of starts) or have their own (a sweep of hyperparameters): then
//! each pair of lanes loads its coefficients from their planes, and its per-step scalars from
//! the planes of the call's step.

use super::super::emit::{emit_interleaved, GraphEmitter, Width};
use super::super::encode::{Body, Local, Num, Simd, ValType};
use super::super::layout::{self, param};
use super::super::step::{input, trace_step};
use super::super::{Kernel, KernelKind, SweepLanes, EXPORT, MAX_NODES};
use super::{
    address_of, bind_invariants, bytes, export_type, increment, load_count, module_with_math,
    scalar_locals, StateLocals, BASE,
};
use crate::function::{Program, BATCH};
use crate::optimizer::{Rule, COEFFICIENTS, STEP_SCALARS};

/// Pairs of lanes a sweep kernel steps in one iteration, their code interleaved (more than two
/// measured no faster: the processor runs out of registers).
const COPIES: usize = layout::sweep::LANES_AT_ONCE / 2;

// Iterations cover the lanes' planes exactly.
const _: () = assert!(BATCH.is_multiple_of(2 * COPIES));

/// The sweep kernel of `program` stepped by `rule` within `tol`, or `None` if it would be too
/// large. It steps two lanes at once (`f64x2`), [`COPIES`] such pairs side by side, each lane
/// exactly as one run; a lane's step is kept where it is plain (its neighbour's may not be).
///
/// The loop over lanes is the outer one: a group of `2·COPIES` lanes is loaded into locals
/// (with its own coefficients, if the lanes have them), takes its steps with its state in
/// locals, and is stored back once. While every lane of the group takes every step, a step
/// only moves the new values into the state's locals; a lane that stops is marked inactive
/// with the iteration of its last row, and the group ends early once none is left.
pub(in crate::kernel) fn sweep(
    program: &Program,
    rule: Rule,
    tol: f64,
    lanes: SweepLanes,
) -> Option<Kernel> {
    let (graph, nodes) = trace_step(program, rule, tol);
    if graph.len() > MAX_NODES {
        return None;
    }
    let width = Width::Two;
    let (mut module, math) = module_with_math();
    let mut body = Body::new(1);
    let outputs = nodes.computed();
    let (own, own_scalars) = match lanes {
        SweepLanes::Shared => ([false; COEFFICIENTS], false),
        SweepLanes::PerLane(own) => (own, true),
    };
    // A lane's own coefficient varies from lane to lane, so it is loaded with the lane.
    let is_own = |k: u32| (input::COEFFICIENT..input::TOL).contains(&k) && own[coefficient(k)];
    let is_invariant = |k: u32| input::is_invariant(k) && !is_own(k);
    let new_emitter = || GraphEmitter::new(&graph, width, &outputs, is_invariant, math);
    let mut copies: Vec<GraphEmitter> = (0..COPIES).map(|_| new_emitter()).collect();
    let (first, others) = copies.split_at_mut(1);
    bind_invariants(&mut first[0], &mut body, width);
    for copy in others {
        copy.share_invariants(&first[0]);
    }
    let n = load_count(&mut body, param::COUNT);
    let max_steps = load_count(&mut body, param::MAX_STEPS);
    let table_len = load_count(&mut body, param::TABLE_LEN);
    /// One copy's locals.
    struct Copy {
        state: StateLocals,
        /// E at the last row.
        error: Local,
        /// The per-step scalars the rule reads, with their places in a table entry.
        scalars: Vec<(u32, Local)>,
        /// The lanes' own coefficients the rule reads, with their rows in the table.
        coefficients: Vec<(usize, Local)>,
        /// The lanes still active.
        active: Local,
        /// The lanes whose step is kept.
        ok: Local,
        /// Its first lane's byte offset from the group's first lane.
        offset: u32,
    }
    let locals: Vec<Copy> = copies
        .iter_mut()
        .enumerate()
        .map(|(c, emitter)| Copy {
            state: StateLocals::new(&mut body, emitter, &nodes, ValType::V128, false),
            error: body.local(ValType::V128),
            scalars: scalar_locals(&mut body, emitter, ValType::V128),
            coefficients: (input::COEFFICIENT..input::TOL)
                .filter(|&k| is_own(k) && emitter.uses_input(k))
                .collect::<Vec<u32>>()
                .into_iter()
                .map(|k| {
                    let local = body.local(ValType::V128);
                    emitter.bind_input(k, local);
                    (coefficient(k), local)
                })
                .collect(),
            active: body.local(ValType::V128),
            ok: body.local(ValType::V128),
            offset: (16 * c) as u32,
        })
        .collect();
    let [total, step, i, lane, entry] = [(); 5].map(|_| body.local(ValType::I32));
    // With per-lane scalars: the byte address of the lanes' in the step's planes.
    let lane_scalars = body.local(ValType::I32);
    let in_table = body.local(ValType::V128);
    let plane = |p: usize, copy: &Copy| bytes(layout::sweep::plane(p)) + copy.offset;
    let input_plane = |k: u32, copy: &Copy| plane(layout::sweep::input_plane(k), copy);
    let (one, zero) = ([1.0f64.to_bits(); 2], [0; 2]);
    let any_active = |body: &mut Body| {
        for (c, copy) in locals.iter().enumerate() {
            body.get(copy.active);
            if c > 0 {
                body.simd(Simd::V128Or);
            }
        }
        body.simd(Simd::V128AnyTrue);
    };
    use layout::sweep::{ACTIVE, ERROR, T};

    body.i32_const(0).set(total);
    body.i32_const(0).set(i);
    body.block().loop_(); // $lanes_done, $lanes: lanes i to i + 2·COPIES − 1
    body.get(i).get(n).num(Num::I32GeS).br_if(1);
    address_of(&mut body, i, 3, lane);
    body.block(); // $next
    for copy in &locals {
        body.get(lane)
            .v128_load(plane(ACTIVE, copy))
            .v128_const(zero)
            .simd(Simd::F64x2Ne)
            .set(copy.active);
    }
    // Skip a group with none.
    any_active(&mut body);
    body.num(Num::I32Eqz).br_if(0);
    for (emitter, copy) in copies.iter_mut().zip(&locals) {
        for &(k, local, _) in &copy.state.values {
            body.get(lane).v128_load(input_plane(k, copy)).set(local);
        }
        body.get(lane).v128_load(plane(ERROR, copy)).set(copy.error);
        for &(j, local) in &copy.coefficients {
            let at = layout::sweep::coefficient_plane(j);
            body.get(lane).v128_load(plane(at, copy)).set(local);
        }
        // What the lanes' own coefficients give, once per group rather than per step.
        emitter.emit_fixed_by(&mut body, is_own);
    }
    body.i32_const(0).set(step);
    body.block().loop_(); // $steps_done, $steps
    body.get(step).get(max_steps).num(Num::I32GeS).br_if(1);
    let own_scalars = own_scalars && locals.iter().any(|copy| !copy.scalars.is_empty());
    if own_scalars {
        body.get(step)
            .i32_const((STEP_SCALARS * BATCH * 8) as i32)
            .num(Num::I32Mul)
            .get(lane)
            .num(Num::I32Add)
            .set(lane_scalars);
    }
    for copy in &locals {
        body.get(copy.active).set(copy.ok);
        if own_scalars {
            // The call's step `step` of these lanes: planes the engine filled.
            for &(j, local) in &copy.scalars {
                let at = bytes(layout::sweep::scalar_plane(0, j as usize)) + copy.offset;
                body.get(lane_scalars).v128_load(at).set(local);
            }
        } else if !copy.scalars.is_empty() {
            // Each lane's scalars of its step count `T + step + 1`, if the table has them
            // (entry 0, unused, stands in where not, and the lane does not step).
            body.v128_const(one).set(in_table);
            for k in 0..2u8 {
                body.get(lane)
                    .v128_load(plane(T, copy))
                    .extract_lane(k)
                    .num(Num::I32TruncF64S)
                    .get(step)
                    .num(Num::I32Add)
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
                address_of(&mut body, entry, layout::TABLE_SHIFT, entry);
                for &(j, local) in &copy.scalars {
                    body.get(local)
                        .get(entry)
                        .f64_load(bytes(layout::sweep::table()) + 8 * j)
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
    }
    emit_interleaved(&mut copies, &mut body);
    for (emitter, copy) in copies.iter().zip(&locals) {
        body.get(copy.ok);
        emitter.push(&mut body, nodes.plain);
        body.simd(Simd::V128And).set(copy.ok);
    }
    // Take the new row and state. Usually every lane stepped: then move them.
    for (c, copy) in locals.iter().enumerate() {
        body.get(copy.ok);
        if c > 0 {
            body.simd(Simd::V128And);
        }
    }
    body.simd(Simd::I64x2AllTrue).if_();
    for (emitter, copy) in copies.iter().zip(&locals) {
        for &(_, local, id) in &copy.state.values {
            emitter.push(&mut body, id);
            body.set(local);
        }
        emitter.push(&mut body, nodes.error);
        body.set(copy.error);
    }
    increment(&mut body, total, 2 * COPIES as i32);
    body.else_();
    // Otherwise only where ok; a lane that stops now keeps the iteration of its last row.
    for (emitter, copy) in copies.iter().zip(&locals) {
        for &(_, local, id) in &copy.state.values {
            emitter.push(&mut body, id);
            body.get(local)
                .get(copy.ok)
                .simd(Simd::V128Bitselect)
                .set(local);
        }
        emitter.push(&mut body, nodes.error);
        body.get(copy.error)
            .get(copy.ok)
            .simd(Simd::V128Bitselect)
            .set(copy.error);
        // Stopping now: active and not ok.
        body.get(lane)
            .get(lane)
            .v128_load(plane(T, copy))
            .get(step)
            .num(Num::F64ConvertI32S)
            .simd(Simd::F64x2Splat)
            .simd(Simd::F64x2Add)
            .get(lane)
            .v128_load(plane(T, copy))
            .get(copy.active)
            .get(copy.ok)
            .simd(Simd::V128AndNot)
            .simd(Simd::V128Bitselect)
            .v128_store(plane(T, copy));
        body.get(copy.ok).set(copy.active);
        body.get(total)
            .get(copy.ok)
            .simd(Simd::I64x2Bitmask)
            .num(Num::I32Popcnt)
            .num(Num::I32Add)
            .set(total);
    }
    // The group is done once none of its lanes is left.
    any_active(&mut body);
    body.num(Num::I32Eqz).br_if(2);
    body.end();
    increment(&mut body, step, 1);
    body.br(0).end().end(); // $steps, $steps_done
    for copy in &locals {
        for &(k, local, _) in &copy.state.values {
            body.get(lane).get(local).v128_store(input_plane(k, copy));
        }
        body.get(lane)
            .get(copy.error)
            .v128_store(plane(ERROR, copy));
        body.get(lane)
            .v128_const(one)
            .get(copy.active)
            .simd(Simd::V128And)
            .v128_store(plane(ACTIVE, copy));
    }
    body.end(); // $next
    increment(&mut body, i, 2 * COPIES as i32);
    body.br(0).end().end(); // $lanes, $lanes_done
                            // Every lane still active took every step.
    body.get(BASE)
        .get(max_steps)
        .num(Num::F64ConvertI32S)
        .f64_store(bytes(param::STEPS_DONE));
    body.get(total);
    module.export_function(EXPORT, export_type(), body);
    Some(Kernel::new(module.finish(), KernelKind::Sweep, graph.len()))
}

/// The row in the hyperparameter table of coefficient input `k`.
fn coefficient(k: u32) -> usize {
    (k - input::COEFFICIENT) as usize
}
