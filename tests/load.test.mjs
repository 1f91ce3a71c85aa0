// The load harness (issue 18): cold loads, each in a fresh browser context, of the explorer and
// of a blog post with three <descent-figure>s loaded from another origin, served gzipped as a
// static host serves them, on loopback and on the slow-4G profile (150 ms round trip,
// 1.6 Mbit/s down, 750 kbit/s up, CPU slowed 4×, as Lighthouse's). It prints, for each case,
// the time from navigation to the first animation frame after:
//   - the first figure on screen has ink (the explorer's first-steps canvas, at the top);
//   - the trajectory figure has ink;
//   - every first figure is drawn (`body[data-ready]`), and the blog's three elements;
// and the bytes fetched before the first figure. Ranges over RUNS runs go to
// docs/performance.md; the asserts are loose (a busy machine must not fail CI) except for
// what cannot vary: one wasm download and one instance for the blog's three elements, and no
// engine download before the explorer's first figure.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchBrowser, openPage } from './support/browser.mjs';
import { blogCsp, blogPost } from './support/hosts.mjs';
import { DIST_DIR } from './support/paths.mjs';
import { startServer } from './support/server.mjs';

const RUNS = Number(process.env.DESCENT_LOAD_RUNS ?? 3);

/** Lighthouse's slow 4G: latency in ms, throughput in bytes/s, CPU slow-down. */
const PROFILES = {
  loopback: null,
  'slow 4G': { latency: 150, download: (1.6e6 / 8) * 0.9, upload: (750e3 / 8) * 0.9, cpu: 4 },
};

/** In the page from its first script on: times (performance.now()) of the first animation
 * frame after each canvas got ink, after data-ready, and after every element was ready. */
function watchInk() {
  window.__load = {};
  const seen = window.__load;
  const mark = (name) => {
    if (!(name in seen)) requestAnimationFrame(() => (seen[name] ??= performance.now()));
  };
  const inked = (canvas) => {
    if (!canvas || canvas.width === 0) return false;
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    for (let i = 3; i < data.length; i += 64) if (data[i] > 0) return true;
    return false;
  };
  const look = () => {
    if (inked(document.getElementById('steps-canvas'))) mark('steps');
    if (inked(document.getElementById('surface-raster'))) mark('trajectory');
    if (document.body?.dataset.ready === 'true') mark('ready');
    const elements = [...document.querySelectorAll('descent-figure')];
    if (elements.length && elements.every((e) => e.dataset.ready === 'true')) mark('elements');
    if (!('ready' in seen && ('elements' in seen || !elements.length))) requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
}

/** Opens `url` cold in `profile`, waits for `done` (a key of window.__load), returns times. */
async function coldLoad(browser, url, profile, done) {
  const view = await openPage(browser, null, { viewport: { width: 1280, height: 900 } });
  const { page, context } = view;
  await context.addInitScript(watchInk);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (profile) {
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: profile.latency,
      downloadThroughput: profile.download,
      uploadThroughput: profile.upload,
    });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpu });
  }
  const responses = [];
  cdp.on('Network.loadingFinished', (e) => responses.push({ id: e.requestId, bytes: e.encodedDataLength, at: e.timestamp }));
  const urls = new Map();
  cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, e.request.url));
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction((done) => done in (window.__load ?? {}), done, { timeout: 60_000, polling: 50 });
  const times = await page.evaluate(() => window.__load);
  const fetched = responses.map((r) => ({ url: urls.get(r.id) ?? '', bytes: r.bytes }));
  assert.deepEqual(view.errors, []);
  await view.close();
  return { times, fetched };
}

/** `min–max` of numbers in seconds, two decimals. */
const range = (xs) => `${(Math.min(...xs) / 1000).toFixed(2)}–${(Math.max(...xs) / 1000).toFixed(2)} s`;

describe('cold loads', () => {
  let site;
  let blog;
  let browser;
  const report = [];
  before(async () => {
    const cache = { 'Cache-Control': 'max-age=600', 'Access-Control-Allow-Origin': '*' };
    site = await startServer({ root: DIST_DIR, base: '/descent/', gzip: true, headers: cache });
    const dir = mkdtempSync(path.join(tmpdir(), 'descent-load-'));
    writeFileSync(path.join(dir, 'post.html'), blogPost(site.url));
    blog = await startServer({ root: dir, base: '/blog/', gzip: true, csp: blogCsp(site.origin) });
    browser = await launchBrowser();
  });
  after(async () => {
    console.log(`\nCold loads, ${RUNS} runs each (gzip; first animation frame after ink):\n${report.join('\n')}\n`);
    await browser?.close();
    await blog?.close();
    await site?.close();
  });

  for (const [name, profile] of Object.entries(PROFILES)) {
    test(`the explorer, ${name}`, async () => {
      const runs = [];
      for (let i = 0; i < RUNS; i++) runs.push(await coldLoad(browser, site.url, profile, 'ready'));
      const before = runs[0].fetched.filter((f) => !f.url.includes('engine'));
      const kib = before.reduce((sum, f) => sum + f.bytes, 0) / 1024;
      report.push(
        `  explorer, ${name}: first figure (first steps) ${range(runs.map((r) => r.times.steps))}, ` +
          `trajectory figure ${range(runs.map((r) => r.times.trajectory))}, ` +
          `all first figures ${range(runs.map((r) => r.times.ready))}; ${kib.toFixed(0)} KiB before the engine`,
      );
      for (const run of runs) {
        assert.ok(run.times.steps <= run.times.ready && run.times.trajectory <= run.times.ready, JSON.stringify(run.times));
      }
    });

    test(`a blog post with three elements from another origin, ${name}`, async () => {
      const runs = [];
      for (let i = 0; i < RUNS; i++) runs.push(await coldLoad(browser, `${blog.url}post.html`, profile, 'elements'));
      for (const run of runs) {
        const wasm = run.fetched.filter((f) => f.url.endsWith('.wasm')).map((f) => new URL(f.url).pathname);
        assert.deepEqual(wasm, ['/descent/descent-web_bg.wasm'], 'one wasm download: the first module');
      }
      report.push(`  blog post, three elements, ${name}: all drawn ${range(runs.map((r) => r.times.elements))}`);
    });
  }
});
