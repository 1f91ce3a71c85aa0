//! Where the web crate calls the engine, in one place: trajectories (as rows for the page's
//! figures, as columns for the JS API) and sweeps (whole, or in chunks for a Web Worker). In
//! the browser, long runs and large sweeps take their plain steps through compiled kernels
//! ([`crate::kernel::BrowserHost`]); natively (the tests) everything is interpreted. No DOM;
//! a test's counter of SIMD evaluations is the one JS global it touches.

use descent_core::data::logistic;
#[cfg(feature = "engine")]
use descent_core::kernel::KernelHost;
#[cfg(feature = "engine")]
use descent_core::sweep::{Progress, Sweep, SweepConfig, SweepResult};
#[cfg(feature = "engine")]
use descent_core::{trajectory::ColumnStore, TrajectoryColumns};
use descent_core::{Config, Trajectory};
use js_sys::Reflect;
use wasm_bindgen::JsValue;

#[cfg(feature = "engine")]
use crate::kernel::BrowserHost;

#[cfg(feature = "engine")]
/// The browser's kernels where there is a browser; natively, none (the interpreter).
fn host() -> Option<BrowserHost> {
    cfg!(target_arch = "wasm32").then_some(BrowserHost)
}

#[cfg(feature = "engine")]
/// [`host`] as the engine takes it.
fn with_host<R>(f: impl FnOnce(Option<&mut dyn KernelHost>) -> R) -> R {
    let mut host = host();
    f(host.as_mut().map(|h| h as &mut dyn KernelHost))
}

/// A global a test may set to a number: every evaluation of the logistic model's E and ∇E
/// that ran on WebAssembly's SIMD instructions adds one to it (nothing happens where it is
/// not a number), so that the browser tests prove that the paired loop ran, not only that it
/// compiled. Not part of the JS API.
const SIMD_COUNTER: &str = "__descentSimdEvaluations";

/// `run()`, adding the SIMD evaluations it made to the test's counter, if a test set one.
fn counting_simd<R>(run: impl FnOnce() -> R) -> R {
    let before = logistic::simd_evaluations();
    let result = run();
    // Never natively, where the paired loop is portable code (and there is no JS).
    let ran = logistic::simd_evaluations() - before;
    if ran > 0 {
        let (global, key) = (js_sys::global(), JsValue::from_str(SIMD_COUNTER));
        if let Some(count) = Reflect::get(&global, &key).ok().and_then(|v| v.as_f64()) {
            // A failure to count leaves the counter short, which a test notices.
            let _ = Reflect::set(&global, &key, &JsValue::from_f64(count + ran as f64));
        }
    }
    result
}

/// A run with every row (the page's figures hover and draw rows).
pub fn trajectory(config: &Config) -> Trajectory {
    counting_simd(|| config.run())
}

#[cfg(feature = "engine")]
/// A run recorded straight into columns (the JS API's `trajectory()`).
pub fn trajectory_columns<S: ColumnStore>(config: &Config) -> TrajectoryColumns<S> {
    counting_simd(|| with_host(|host| config.run_columns_with(host)))
}

#[cfg(feature = "engine")]
/// A whole sweep at once (the JS API's `sweep()`, the custom element's maps).
pub fn sweep(config: SweepConfig) -> SweepResult {
    SweepRun::new(config).finish()
}

#[cfg(feature = "engine")]
/// A sweep run a chunk at a time, so that its caller (a Web Worker) can report progress and
/// stop between chunks.
pub struct SweepRun {
    sweep: Sweep,
}

#[cfg(feature = "engine")]
impl SweepRun {
    /// A sweep ready to run; nothing is computed yet.
    pub fn new(config: SweepConfig) -> SweepRun {
        SweepRun {
            sweep: Sweep::new(config),
        }
    }

    /// The sweep's config.
    pub fn config(&self) -> &SweepConfig {
        self.sweep.config()
    }

    /// Runs about `budget` more steps (at least one step of the runs in flight, unless
    /// finished) and returns how far the sweep has come.
    pub fn advance(&mut self, budget: u64) -> Progress {
        with_host(|host| self.sweep.advance_with(budget, host))
    }

    /// How far the sweep has come.
    pub fn progress(&self) -> Progress {
        self.sweep.progress()
    }

    /// The result, running whatever is left first.
    pub fn finish(mut self) -> SweepResult {
        while !self.advance(u64::MAX).is_finished() {}
        self.sweep.into_result()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_give_the_whole_sweep() {
        let config = SweepConfig::from_pairs([
            ("kind", "starts"),
            ("view", "-1,1,-1,1"),
            ("grid", "5"),
            ("steps", "30"),
        ])
        .expect("valid");
        let mut run = SweepRun::new(config.clone());
        let mut chunks = 0;
        while !run.advance(100).is_finished() {
            chunks += 1;
        }
        assert!(chunks > 3, "{chunks}");
        assert_eq!(run.progress().total, 25);
        assert_eq!(run.finish(), sweep(config));
    }
}
