// The browser harness itself, on a small generated site (no build needed): Debian's Chromium
// starts through playwright-core, a module script and a WebAssembly module load under the strict
// CSP from a sub-path, inline scripts are refused, errors are collected, screenshots work.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchBrowser, openPage, saveScreenshot } from './support/browser.mjs';
import { startServer } from './support/server.mjs';

// The smallest valid module that exports a function: (func (export "answer") (result i32) i32.const 42)
const ANSWER_WASM = Buffer.from([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7f, 0x03,
  0x02, 0x01, 0x00, 0x07, 0x0a, 0x01, 0x06, 0x61, 0x6e, 0x73, 0x77, 0x65, 0x72, 0x00, 0x00, 0x0a,
  0x06, 0x01, 0x04, 0x00, 0x41, 0x2a, 0x0b,
]);

const PAGES = {
  'index.html': `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Harness check</title>
<link rel="icon" href="data:,"><link rel="stylesheet" href="style.css">
<script type="module" src="boot.js"></script></head>
<body><h1>Harness check</h1><p id="answer">…</p></body></html>`,
  'style.css': 'body { font: 16px sans-serif; background: #f4f1ea; } h1 { color: #235; }\n',
  'boot.js': `const { instance } = await WebAssembly.instantiateStreaming(fetch('./answer.wasm'));
document.getElementById('answer').textContent = 'wasm says ' + instance.exports.answer();
document.body.dataset.ready = 'true';
`,
  'answer.wasm': ANSWER_WASM,
  'inline.html': `<!doctype html><html><head><meta charset="utf-8"><title>inline</title>
<link rel="icon" href="data:,"></head>
<body><script>document.body.dataset.inline = 'ran';</script></body></html>`,
  'throws.html': `<!doctype html><html><head><meta charset="utf-8"><title>throws</title>
<link rel="icon" href="data:,"><script type="module" src="throws.js"></script></head><body></body></html>`,
  'throws.js': "console.error('a console error'); throw new Error('an uncaught error');\n",
};

describe('browser harness', { timeout: 120_000 }, () => {
  let dir;
  let server;
  let browser;

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'descent-browser-test-'));
    for (const [name, content] of Object.entries(PAGES)) await writeFile(path.join(dir, name), content);
    server = await startServer({ root: dir, base: '/descent/' });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('loads a module and a wasm file under the strict CSP from a sub-path', async () => {
    const view = await openPage(browser, server.url, { viewport: { width: 640, height: 360 }, deviceScaleFactor: 2 });
    try {
      await view.page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 15_000 });
      assert.equal(await view.page.textContent('#answer'), 'wasm says 42');
      assert.equal(await view.page.evaluate(() => window.devicePixelRatio), 2);
      const file = await saveScreenshot(view.page, 'harness.png');
      assert.ok(existsSync(file));
      assert.deepEqual(view.errors, []);
      assert.deepEqual(view.failedRequests, []);
      const origins = new Set(view.requests.map((url) => new URL(url).origin));
      assert.deepEqual([...origins], [server.origin]);
    } finally {
      await view.close();
    }
  });

  test('the CSP blocks inline scripts, and the harness reports it', async () => {
    const view = await openPage(browser, new URL('inline.html', server.url).href);
    try {
      assert.equal(await view.page.evaluate(() => document.body.dataset.inline), undefined);
      assert.ok(
        view.errors.some((error) => /Content Security Policy/i.test(error)),
        `expected a CSP error, got ${JSON.stringify(view.errors)}`,
      );
    } finally {
      await view.close();
    }
  });

  test('collects console errors, page errors and failed requests', async () => {
    const view = await openPage(browser, new URL('throws.html', server.url).href);
    try {
      await view.page.waitForTimeout(200);
      assert.ok(view.errors.some((error) => error.includes('a console error')), JSON.stringify(view.errors));
      assert.ok(view.errors.some((error) => error.includes('an uncaught error')), JSON.stringify(view.errors));
      await view.page.evaluate(() => fetch('./missing.js').catch(() => {}));
      await view.page.waitForTimeout(100);
      assert.ok(view.failedRequests.some((failure) => failure.includes('missing.js')), JSON.stringify(view.failedRequests));
    } finally {
      await view.close();
    }
  });
});
