// Starts Descent: loads the wasm module (which mounts the explorer on pages that have its
// elements) and exposes the JS API as `window.descent` for the console and for tests.
// An external module rather than Trunk's inline loader, so the page runs under a strict
// Content-Security-Policy without 'unsafe-inline'.
import init, * as descent from './descent-web.js';

try {
  await init();
  window.descent = descent;
} catch (error) {
  const banner = document.getElementById('fatal');
  if (banner) {
    banner.textContent = `Descent could not start: ${error?.message ?? error}`;
    banner.hidden = false;
  }
  throw error;
}

// Offline after the first load, where the context allows a service worker. In a sandboxed
// frame without allow-same-origin even reading `navigator.serviceWorker` throws: the page then
// simply stays online-only.
try {
  navigator.serviceWorker?.register('sw.js').catch(() => {});
} catch {
  // No service worker here.
}
