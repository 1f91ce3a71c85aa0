//! Runs the engine's kernels (`descent_core::kernel`) in the browser: a kernel's module is
//! compiled and instantiated synchronously, importing this module's own memory (so that it
//! reads and writes the engine's arena in place) and its math function (the raw export of
//! [`crate::api::kernel_math`], which WebAssembly calls directly). Instances are kept for the
//! next call with the same kernel; if the browser refuses to compile one (an old browser, or a
//! page whose Content-Security-Policy forbids it), the engine interprets from then on.

use std::cell::{Cell, RefCell};

use descent_core::kernel::{Kernel, KernelHost, EXPORT, MATH_IMPORT};
use js_sys::{Function, Object, Reflect, Uint8Array, WebAssembly};
use wasm_bindgen::{JsCast, JsValue};

/// The name of the math function among this module's raw exports ([`crate::api::kernel_math`]).
pub const MATH_EXPORT: &str = "__descentKernelMath";

/// A global a test may set to a number: every kernel call that runs adds one to it (nothing
/// happens where it is not a number), so that the browser tests prove that a kernel executed,
/// not only that a module compiled. Not part of the JS API.
const RUNS_COUNTER: &str = "__descentKernelRuns";

/// Adds one to the test's counter of kernel runs, if a test set one.
fn count_run() {
    let global = js_sys::global();
    let key = JsValue::from_str(RUNS_COUNTER);
    if let Some(runs) = Reflect::get(&global, &key).ok().and_then(|v| v.as_f64()) {
        // A failure to count leaves the counter short, which a test notices.
        let _ = Reflect::set(&global, &key, &JsValue::from_f64(runs + 1.0));
    }
}

/// Instances kept: one per kernel a page typically alternates between (a trajectory and a
/// sweep, for a few functions).
const KEPT: usize = 8;

thread_local! {
    /// Recent kernels' bytes with their instance's export, the most recent first.
    static INSTANCES: RefCell<Vec<(Vec<u8>, Function)>> = const { RefCell::new(Vec::new()) };
    /// Set once a kernel failed to compile or run: the browser cannot run kernels.
    static UNAVAILABLE: Cell<bool> = const { Cell::new(false) };
}

/// The browser as a [`KernelHost`].
#[derive(Clone, Copy, Debug, Default)]
pub struct BrowserHost;

/// Compiles and instantiates `kernel`, returning its export.
fn instantiate(kernel: &Kernel) -> Result<Function, JsValue> {
    let bytes = Uint8Array::from(kernel.bytes());
    let module = WebAssembly::Module::new(&bytes.into())?;
    let env = Object::new();
    Reflect::set(&env, &"memory".into(), &wasm_bindgen::memory())?;
    let math = Reflect::get(&wasm_bindgen::exports(), &MATH_EXPORT.into())?;
    Reflect::set(&env, &MATH_IMPORT.1.into(), &math)?;
    let imports = Object::new();
    Reflect::set(&imports, &MATH_IMPORT.0.into(), &env)?;
    let instance = WebAssembly::Instance::new(&module, &imports)?;
    Reflect::get(&instance.exports(), &EXPORT.into())?.dyn_into::<Function>()
}

/// `kernel`'s export, instantiated now or kept from before.
fn export_of(kernel: &Kernel) -> Option<Function> {
    INSTANCES.with(|instances| {
        let mut instances = instances.borrow_mut();
        if let Some(i) = instances.iter().position(|(b, _)| b == kernel.bytes()) {
            let entry = instances.remove(i);
            let run = entry.1.clone();
            instances.insert(0, entry);
            return Some(run);
        }
        let run = instantiate(kernel).ok()?;
        instances.insert(0, (kernel.bytes().to_vec(), run.clone()));
        instances.truncate(KEPT);
        Some(run)
    })
}

impl KernelHost for BrowserHost {
    fn run(&mut self, kernel: &Kernel, arena: &mut [f64]) -> Option<u32> {
        if UNAVAILABLE.with(Cell::get) {
            return None;
        }
        let result = export_of(kernel).and_then(|run| {
            // The kernel reads and writes the arena in this module's memory, at its address.
            let base = arena.as_mut_ptr() as usize as f64;
            run.call1(&JsValue::NULL, &JsValue::from_f64(base))
                .ok()?
                .as_f64()
        });
        if result.is_none() {
            UNAVAILABLE.with(|u| u.set(true));
        } else {
            count_run();
        }
        result.map(|x| x as u32)
    }
}
