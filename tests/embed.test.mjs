// Embeds that survive platforms (issue 18), in Chromium: the explorer in a blog's iframe
// under `sandbox="allow-scripts allow-popups"` from another origin (drawn, styled, only the
// figure, clickable, no errors); the Embed dialog's two snippets, each pasted into a page of
// another origin; a blog post loading descent-element.js from another origin, with one wasm
// download and one instance for three elements; and the service worker, which must not fetch
// again what the page has just fetched from a host that sends no caching headers. The site is
// served as docs/embedding.md asks: with `Access-Control-Allow-Origin: *`.

import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, openPage } from './support/browser.mjs';
import { openExplorer, screenOf } from './support/explorer.mjs';
import { SANDBOX, blogCsp, blogPage, blogPost, embedHost } from './support/hosts.mjs';
import { DIST_DIR } from './support/paths.mjs';
import { startServer } from './support/server.mjs';

const CORS = { 'Access-Control-Allow-Origin': '*' };

/** Counts, in every frame, the wasm modules instantiated that are not kernels (Descent's own). */
function countInstances() {
  window.__descentInstances = 0;
  const count = (original) =>
    function (...args) {
      window.__descentInstances += 1;
      return original.apply(this, args);
    };
  WebAssembly.instantiateStreaming = count(WebAssembly.instantiateStreaming);
  WebAssembly.instantiate = count(WebAssembly.instantiate);
}

describe('embeds on other sites', () => {
  let site;
  let blog;
  let blogDir;
  let browser;
  before(async () => {
    site = await startServer({ root: DIST_DIR, base: '/descent/', headers: CORS });
    blogDir = mkdtempSync(path.join(tmpdir(), 'descent-blog-'));
    blog = await startServer({
      root: blogDir,
      base: '/blog/',
      csp: blogCsp(site.origin),
    });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await blog?.close();
    await site?.close();
  });

  /** Writes `html` as the blog's page `name` and opens it. */
  async function openBlogPage(name, html, options = {}) {
    writeFileSync(path.join(blogDir, name), html);
    return openPage(browser, `${blog.url}${name}`, { viewport: { width: 900, height: 1000 }, ...options });
  }

  test('an iframe in a sandbox of another origin: drawn, styled, only the figure, clickable', async () => {
    const view = await openBlogPage('sandboxed.html', embedHost(site.url, 'v=1&embed=1&figure=trajectory&preset=rosenbrock'));
    const frame = view.page.frames()[1];
    await frame.waitForFunction(() => document.body?.dataset.ready === 'true' && window.descent, null, { timeout: 30_000 });
    const seen = await frame.evaluate(() => ({
      origin: window.origin,
      styled: getComputedStyle(document.body).overflow,
      visible: [...document.querySelectorAll('.page-header, .page-footer, .figure-section > p, figcaption, .share-bar')]
        .filter((e) => e.getClientRects().length > 0).length,
      sections: [...document.querySelectorAll('.figure-section')].map((s) => s.id),
      fatal: document.getElementById('fatal').hidden,
      preset: document.getElementById('preset')?.value,
    }));
    assert.deepEqual(seen, { origin: 'null', styled: 'hidden', visible: 0, sections: ['trajectory-figure'], fatal: true, preset: 'rosenbrock' });
    // A click on the surface moves the start there.
    const frameBox = await view.page.locator('iframe').boundingBox();
    const surface = await frame.evaluate(() => {
      const r = document.getElementById('surface').getBoundingClientRect();
      return { x: r.x, y: r.y, frame: window.descent.surfaceFrame() };
    });
    const target = [surface.frame.xRange[0] * 0.5 + surface.frame.xRange[1] * 0.5, surface.frame.yRange[0] * 0.3 + surface.frame.yRange[1] * 0.7];
    const at = screenOf(surface.frame, target);
    const before = await frame.evaluate(() => window.descent.appTrajectory().w1[0]);
    await view.page.mouse.click(frameBox.x + surface.x + at.x, frameBox.y + surface.y + at.y);
    await frame.waitForFunction((w1) => window.descent.appTrajectory().w1[0] !== w1, before);
    const start = await frame.evaluate(() => [window.descent.appTrajectory().w1[0], window.descent.appTrajectory().w2[0]]);
    const cell = (surface.frame.xRange[1] - surface.frame.xRange[0]) / surface.frame.width;
    assert.ok(Math.abs(start[0] - target[0]) < 2 * cell && Math.abs(start[1] - target[1]) < 2 * cell, `start ${start} near ${target}`);
    assert.deepEqual(view.errors, []);
    assert.deepEqual(view.failedRequests, []);
    await view.close();
  });

  test('the Embed dialog offers an iframe and an element, and both work on another site', async () => {
    const explorer = await openExplorer(browser, `${site.url}?v=1&preset=rosenbrock&optimizer=adam&lr=0.02`);
    await explorer.page.click('#embed-trajectory');
    const iframe = await explorer.page.inputValue('#embed-code');
    const element = await explorer.page.inputValue('#embed-element-code');
    const shown = await explorer.page.evaluate(() => Array.from(window.descent.appTrajectory().w1.slice(0, 50)));
    await explorer.close();
    assert.match(iframe, /^<iframe src="[^"]*embed=1/);
    assert.match(element, /<script type="module" src="http:\/\/[^"]+\/descent\/descent-element\.js"><\/script>/);
    assert.match(element, /<descent-figure[^>]* preset="rosenbrock"[^>]* optimizer="adam"[^>]* lr="0\.02"/);

    // The iframe snippet, sandboxed as a platform would.
    const framed = await openBlogPage('iframe-snippet.html', blogPage(iframe.replace('<iframe ', `<iframe sandbox="${SANDBOX}" `)));
    const frame = framed.page.frames()[1];
    await frame.waitForFunction(() => document.body?.dataset.ready === 'true' && window.descent, null, { timeout: 30_000 });
    const framedRun = await frame.evaluate(() => Array.from(window.descent.appTrajectory().w1.slice(0, 50)));
    assert.deepEqual(framedRun, shown, 'the iframe shows the same run');
    assert.deepEqual(framed.errors, []);
    await framed.close();

    // The element snippet: the same run, drawn on the blog's page.
    const post = await openBlogPage('element-snippet.html', blogPage(element));
    await post.page.waitForFunction(() => document.querySelector('descent-figure')?.dataset.ready === 'true', null, { timeout: 30_000 });
    const config = await post.page.evaluate(() => Object.fromEntries([...document.querySelector('descent-figure').attributes].map((a) => [a.name, a.value])));
    assert.equal(config.preset, 'rosenbrock');
    assert.deepEqual(post.errors, []);
    assert.deepEqual(post.failedRequests, []);
    await post.close();
  });

  test('a blog post on another origin: three elements, one wasm download, one instance', async () => {
    writeFileSync(path.join(blogDir, 'post.html'), blogPost(site.url));
    const post = await openPage(browser, null, { viewport: { width: 900, height: 1000 } });
    await post.context.addInitScript(countInstances);
    const before = site.requests.length;
    await post.page.goto(`${blog.url}post.html`);
    await post.page.waitForFunction(() => [...document.querySelectorAll('descent-figure')].every((e) => e.dataset.ready === 'true'), null, { timeout: 30_000 });
    const wasm = site.requests.slice(before).filter((r) => r.path.endsWith('.wasm'));
    const instances = await post.page.evaluate(() => window.__descentInstances);
    assert.equal(wasm.length, 1, `one wasm download: ${JSON.stringify(wasm)}`);
    assert.equal(instances, 1, 'one instance for the page');
    assert.deepEqual(post.errors, []);
    assert.deepEqual(post.failedRequests, []);
    await post.close();
  });

  test('the service worker does not fetch again what the page has just fetched', async () => {
    const host = await startServer({ root: DIST_DIR, base: '/descent/', headers: { 'Cache-Control': null } });
    try {
      const view = await openExplorer(browser, `${host.url}?v=1&preset=beale`, { serviceWorkers: 'allow' });
      await view.page.evaluate(() => navigator.serviceWorker.ready);
      await view.page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15_000 });
      const counts = {};
      for (const { path: file, method } of host.requests) {
        const name = new URL(file, host.origin).pathname;
        if (method === 'GET') counts[name] = (counts[name] ?? 0) + 1;
      }
      const twice = Object.entries(counts).filter(([, n]) => n > 1);
      assert.deepEqual(twice, [], `files fetched more than once: ${JSON.stringify(counts)}`);
      assert.ok(counts['/descent/descent-web_bg.wasm'] === 1, JSON.stringify(counts));
      // And the page still opens offline.
      await view.context.setOffline(true);
      await view.page.reload();
      await view.page.waitForFunction(() => document.body?.dataset.ready === 'true' && window.descent, null, { timeout: 15_000 });
      assert.deepEqual(view.errors, []);
      await view.close();
    } finally {
      await host.close();
    }
  });
});
