//! Strategies shared by the property tests (`properties.rs`) and the kernel tests
//! (`kernel.rs`): numbers of every kind, and expression texts a user might type; and the axes
//! of the maps of hyperparameters that the kernel and sweep tests (`sweep.rs`) run.

// Each test crate that includes this module uses some of it.
#![allow(dead_code)]

use descent_core::{Convention, OptimizerKind};
use proptest::prelude::*;

/// Any f64, including NaN, infinities, subnormals and huge values.
pub fn any_f64() -> impl Strategy<Value = f64> {
    prop_oneof![
        any::<f64>(),
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
        Just(0.0),
        Just(-0.0),
        -1e3..1e3f64,
    ]
}

/// Text made of expression pieces, often well-formed, often not.
pub fn expression_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("w1"),
        Just("w2"),
        Just("x"),
        Just("pi"),
        Just("e"),
        Just("1"),
        Just("2.5e3"),
        Just("+"),
        Just("-"),
        Just("*"),
        Just("/"),
        Just("%"),
        Just("^"),
        Just("("),
        Just(")"),
        Just(","),
        Just(" "),
        Just("sin("),
        Just("max("),
        Just("atan2("),
        Just("ln("),
        Just("sqrt("),
        Just("foo("),
        Just("é"),
        Just("1e"),
        Just("."),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|p| p.concat())
}

/// Runs kernels natively in the Wasmi interpreter, as the browser runs them: the kernel's
/// memory holds the arena at a byte offset (not 0, so that a kernel ignoring its base would be
/// caught), surrounded by a pattern that every call checks is left alone. Any failure to
/// compile or run a kernel panics: a test must not fall back to the interpreter unnoticed.
pub struct WasmiHost {
    store: wasmi::Store<()>,
    memory: wasmi::Memory,
    linker: wasmi::Linker<()>,
    instances: Vec<(Vec<u8>, wasmi::TypedFunc<i32, i32>)>,
    /// Calls so far.
    pub calls: usize,
    /// The sum of the calls' results: the steps, rows or points the kernels computed.
    pub computed: u64,
}

/// Where the arena starts in the kernel's memory.
const ARENA_OFFSET: usize = 4096 + 8;
/// The pattern around the arena.
const FILL: u8 = 0xA5;

impl Default for WasmiHost {
    fn default() -> Self {
        let engine = wasmi::Engine::default();
        let mut store = wasmi::Store::new(&engine, ());
        let memory = wasmi::Memory::new(&mut store, wasmi::MemoryType::new(1, None))
            .expect("a memory of one page");
        let mut linker = wasmi::Linker::new(&engine);
        linker
            .define(descent_core::kernel::MATH_IMPORT.0, "memory", memory)
            .expect("memory defined");
        linker
            .func_wrap(
                descent_core::kernel::MATH_IMPORT.0,
                descent_core::kernel::MATH_IMPORT.1,
                |code: i32, x: f64, y: f64| -> f64 {
                    descent_core::real::MathFn::apply_code(code as u32, x, y)
                },
            )
            .expect("math defined");
        WasmiHost {
            store,
            memory,
            linker,
            instances: Vec::new(),
            calls: 0,
            computed: 0,
        }
    }
}

impl descent_core::kernel::KernelHost for WasmiHost {
    fn run(&mut self, kernel: &descent_core::kernel::Kernel, arena: &mut [f64]) -> Option<u32> {
        let bytes = kernel.bytes();
        let run = match self.instances.iter().find(|(b, _)| b == bytes) {
            Some((_, run)) => *run,
            None => {
                let module = wasmi::Module::new(self.store.engine(), bytes)
                    .unwrap_or_else(|e| panic!("the kernel is not valid WebAssembly: {e}"));
                let instance = self
                    .linker
                    .instantiate_and_start(&mut self.store, &module)
                    .unwrap_or_else(|e| panic!("the kernel does not instantiate: {e}"));
                let run = instance
                    .get_typed_func::<i32, i32>(&self.store, descent_core::kernel::EXPORT)
                    .unwrap_or_else(|e| panic!("the kernel has no run export: {e}"));
                self.instances.push((bytes.to_vec(), run));
                run
            }
        };
        let size = ARENA_OFFSET + arena.len() * 8 + 4096;
        let pages = size.div_ceil(65536) as u64;
        let current = self.memory.size(&self.store);
        if current < pages {
            self.memory
                .grow(&mut self.store, pages - current)
                .expect("memory grows");
        }
        let total = self.memory.data_size(&self.store);
        let mut image = vec![FILL; total];
        for (chunk, x) in image[ARENA_OFFSET..].chunks_exact_mut(8).zip(arena.iter()) {
            chunk.copy_from_slice(&x.to_le_bytes());
        }
        self.memory
            .write(&mut self.store, 0, &image)
            .expect("memory written");
        let result = run
            .call(&mut self.store, ARENA_OFFSET as i32)
            .unwrap_or_else(|e| panic!("the kernel trapped: {e}"));
        self.memory
            .read(&self.store, 0, &mut image)
            .expect("memory read");
        let end = ARENA_OFFSET + arena.len() * 8;
        assert!(
            image[..ARENA_OFFSET].iter().all(|&b| b == FILL)
                && image[end..].iter().all(|&b| b == FILL),
            "the kernel wrote outside its arena"
        );
        for (x, chunk) in arena
            .iter_mut()
            .zip(image[ARENA_OFFSET..end].chunks_exact(8))
        {
            *x = f64::from_le_bytes(chunk.try_into().expect("8 bytes"));
        }
        self.calls += 1;
        self.computed += result as u64;
        Some(result as u32)
    }
}

/// Whether two results are the same: the same bits, or both NaN (runs never keep a NaN, and
/// its payload is not specified).
pub fn same(a: f64, b: f64) -> bool {
    a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan())
}

/// An x and a y axis of a map of `kind`'s hyperparameters in `convention`: its learning rate
/// on a log axis from a hundredth of its default to 50 times it (runs that converge, run out and
/// diverge), and its second hyperparameter over the lower half of its default (or 0 to 0.1);
/// none for an optimizer with one hyperparameter.
pub fn params_axes(kind: OptimizerKind, convention: Convention) -> Option<(String, String)> {
    let mut hyperparameters = kind.hyperparameters(convention);
    let (lr, lr_default) = hyperparameters.next()?;
    let (h, default) = hyperparameters.next()?;
    let (min, max) = if default > 0.0 {
        (default * 0.5, default)
    } else {
        (0.0, 0.1)
    };
    assert!(h.accepts(min) && h.accepts(max), "{kind} {}", h.key);
    Some((
        format!(
            "{}={}:{}:log",
            lr.key,
            lr_default / 100.0,
            lr_default * 50.0
        ),
        format!("{}={min}:{max}", h.key),
    ))
}
