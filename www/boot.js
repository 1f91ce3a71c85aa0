// Starts Descent in two steps (docs/performance.md, "The split"):
// 1. the first module (descent-web.js: the trajectory figure, the first steps, the
//    amplification maps, links and embeds), which mounts and draws the explorer's first
//    figures as soon as it is instantiated;
// 2. the engine (descent-web-engine.js: the batched engine and its kernels, the maps and their
//    worker, the trajectory figure's 3-D view, the JS API), loaded on demand: when the
//    trajectory figure shows its 3-D view, when the maps' section comes near the viewport
//    (a link or an embed that shows a map scrolls it there), or when the page is idle after
//    its first figures. It mounts the maps, which talk to the trajectory figure through DOM
//    events (crates/web/src/page/bridge.rs).
// Then `window.descent` holds both modules' exports, for the console and for tests.
// An external module rather than Trunk's inline loader, so the page runs under a strict
// Content-Security-Policy without 'unsafe-inline'.
import init, * as first from './descent-web.js';

/** Shows why Descent could not start in the page's banner. */
function fail(error) {
  const banner = document.getElementById('fatal');
  if (banner) {
    banner.textContent = `Descent could not start: ${error?.message ?? error}`;
    banner.hidden = false;
  }
  throw error;
}

let engine;
/** Loads and starts the engine, once. */
function loadEngine() {
  engine ??= import('./descent-web-engine.js')
    .then(async (module) => {
      await module.default();
      // drawFigure: maps and 3-D views by the engine, the other figures by the first module.
      const drawFigure = (canvas, config, ...size) =>
        (config?.figure === 'sweep' || shows3d(config) ? module : first).drawFigure(canvas, config, ...size);
      window.descent = { ...first, ...module, drawFigure };
    })
    .catch(fail);
  return engine;
}

/** Whether a config shows the trajectory figure in 3-D (`3d` is a switch: 1 or true). */
function shows3d(config) {
  return ['1', 'true'].includes(String(config?.['3d'] ?? '').trim());
}

// The trajectory figure asks for its 3-D view (3d=1 in the link, or the checkbox) while it
// mounts or later: the engine draws it.
document.addEventListener('descent-3d-wanted', () => loadEngine());

// The modules use WebAssembly's SIMD instructions (.cargo/config.toml): where they are missing,
// say so rather than show the compiler's error. The probe is the smallest module holding one
// (`i8x16.splat` of a constant, as wasm-feature-detect tests it).
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11,
]);
try {
  if (!WebAssembly.validate(SIMD_PROBE)) {
    throw new Error('this browser runs WebAssembly without SIMD; Descent needs Chrome 91, Firefox 89, Safari 16.4 or later');
  }
  await init();
} catch (error) {
  fail(error);
}

const maps = document.getElementById('sweep-figure');
if (maps && 'IntersectionObserver' in window) {
  const near = new IntersectionObserver((entries) => {
    if (entries.some((entry) => entry.isIntersecting)) {
      near.disconnect();
      loadEngine();
    }
  }, { rootMargin: '800px 0px' });
  near.observe(maps);
}
// Otherwise once the first figures are painted and the page is idle.
const idle = window.requestIdleCallback ?? ((run) => setTimeout(run, 200));
requestAnimationFrame(() => idle(() => loadEngine(), { timeout: 2000 }));

// Offline after the first load, where the context allows a service worker: registered once
// the engine is in, so that the worker's install finds every file the page fetched in the
// HTTP cache (sw.js). In a sandboxed frame without allow-same-origin even reading
// `navigator.serviceWorker` throws: the page then simply stays online-only.
loadEngine().then(() => {
  try {
    navigator.serviceWorker?.register('sw.js').catch(() => {});
  } catch {
    // No service worker here.
  }
});
