// Starts Descent: loads the wasm module (which mounts the explorer on pages that have its
// elements) and exposes the JS API as `window.descent` for the console and for tests.
// An external module rather than Trunk's inline loader, so the page runs under a strict
// Content-Security-Policy without 'unsafe-inline'.
import init, * as descent from './descent-web.js';

try {
  await init();
  window.descent = descent;
  // Offline after the first load (not possible in every context, e.g. some iframes: then the
  // page simply stays online-only).
  navigator.serviceWorker?.register('sw.js').catch(() => {});
} catch (error) {
  const banner = document.getElementById('fatal');
  if (banner) {
    banner.textContent = `Descent could not start: ${error?.message ?? error}`;
    banner.hidden = false;
  }
  throw error;
}
