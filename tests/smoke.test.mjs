// Smoke test of the built page: dist/ ($DESCENT_DIST) served under a sub-path with the strict CSP
// loads in headless Chromium, its wasm starts and draws, and nothing fails on the way.
// Build dist/ first: `trunk build --release` (scripts/test.sh does).

import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { launchBrowser, openPage, saveScreenshot } from './support/browser.mjs';
import { DIST_DIR } from './support/paths.mjs';
import { startServer } from './support/server.mjs';

/** How long the page may take from navigation to its first drawn figure. */
const READY_TIMEOUT_MS = 30_000;

describe('the built page', () => {
  let server;
  let browser;

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('loads under a sub-path with the wasm running and no errors', { timeout: 90_000 }, async () => {
    assert.ok(
      existsSync(path.join(DIST_DIR, 'index.html')),
      `no ${path.join(DIST_DIR, 'index.html')}: build the site with \`trunk build --release\` ` +
        '(or point DESCENT_DIST at a built copy)',
    );
    server = await startServer({ root: DIST_DIR, base: '/descent/' });
    browser = await launchBrowser();
    const view = await openPage(browser, server.url, { viewport: { width: 1280, height: 900 } });
    try {
      assert.equal(view.response?.status(), 200);
      let readyError = null;
      try {
        await view.page.waitForFunction(() => document.body?.dataset.ready === 'true', null, {
          timeout: READY_TIMEOUT_MS,
        });
      } catch (error) {
        readyError = error;
      }
      await saveScreenshot(view.page, 'page.png');

      assert.match(await view.page.title(), /Descent/);
      assert.deepEqual(view.errors, [], 'console errors or uncaught exceptions');
      assert.deepEqual(view.failedRequests, [], 'failed requests');
      const foreign = view.requests.filter((url) => {
        const { protocol, origin } = new URL(url);
        return !['data:', 'blob:'].includes(protocol) && origin !== server.origin;
      });
      assert.deepEqual(foreign, [], 'requests to other origins');
      assert.ok(
        view.requests.some((url) => url.endsWith('.wasm')),
        `the page requested no .wasm file: ${JSON.stringify(view.requests)}`,
      );
      assert.equal(
        readyError,
        null,
        `document.body.dataset.ready did not become "true" within ${READY_TIMEOUT_MS} ms ` +
          '(the app sets it once it has drawn its first figure)',
      );
      const wasmResponses = server.requests.filter((r) => r.path.endsWith('.wasm'));
      assert.ok(wasmResponses.every((r) => r.status === 200), JSON.stringify(wasmResponses));
    } finally {
      await view.close();
    }
  });

  test('a browser without WebAssembly SIMD is told so in the banner, and nothing starts', { timeout: 60_000 }, async () => {
    const view = await openPage(browser, null);
    try {
      // As such a browser answers boot.js's probe (the modules use SIMD: .cargo/config.toml).
      await view.page.addInitScript(() => {
        const validate = WebAssembly.validate;
        WebAssembly.validate = (bytes) => (bytes.length === 31 ? false : validate(bytes));
      });
      await view.page.goto(server.url);
      await view.page.waitForSelector('#fatal:not([hidden])');
      assert.match(await view.page.textContent('#fatal'), /without SIMD; Descent needs Chrome 91, Firefox 89, Safari 16\.4/);
      // index.html preloads the module, but boot.js never instantiates it.
      assert.equal(await view.page.evaluate(() => document.body.dataset.ready ?? 'unset'), 'unset');
    } finally {
      await view.close();
    }
  });
});
