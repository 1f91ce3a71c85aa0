// The core flows in every engine (issue 18): Chromium, Firefox ESR (WebDriver BiDi) and
// WebKitGTK (WebKitWebDriver), each launched once from Debian's packages
// (scripts/install-tools.sh). In each: the explorer draws its figures, a click and a key move
// the start point, the JS API gives the article's numbers, a map is computed in the Web
// Worker, a long run through the compiled kernel (or the interpreter, where an engine falls
// back) equals step() after step(), an iframe embed in a sandbox of another origin draws only
// its figure, styled, and a blog post on another origin draws three <descent-figure>s from
// one wasm download. `DESCENT_ENGINES=firefox,webkit` runs a subset.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ENGINES, launchEngine } from './support/engines.mjs';
import { DIST_DIR } from './support/paths.mjs';
import { startServer } from './support/server.mjs';
import { blogCsp, blogPost, embedHost } from './support/hosts.mjs';

/** The article's w1 after 0, 1 and 2 RMSProp steps. */
const ARTICLE_W1 = [-15, -14.841886116992557, -14.727755788123446];

const VIEWPORT = { width: 1200, height: 1000 };

const engines = process.env.DESCENT_ENGINES?.split(',') ?? ENGINES;

/** Share of drawn pixels of canvas `id` (in the page). */
function drawnShare(id) {
  const canvas = document.getElementById(id);
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let drawn = 0;
  for (let i = 3; i < data.length; i += 4) if (data[i] > 0) drawn += 1;
  return drawn / (data.length / 4);
}

describe('every engine', () => {
  let site;
  let blog;
  before(async () => {
    // The site as a static host serves it, with CORS (what a sandboxed frame and another
    // origin's module scripts need; docs/embedding.md).
    site = await startServer({ root: DIST_DIR, base: '/descent/', headers: { 'Access-Control-Allow-Origin': '*' } });
    const dir = mkdtempSync(path.join(tmpdir(), 'descent-hosts-'));
    writeFileSync(path.join(dir, 'embed.html'), embedHost(site.url, 'embed=1&figure=trajectory'));
    writeFileSync(path.join(dir, 'post.html'), blogPost(site.url));
    blog = await startServer({
      root: dir,
      base: '/blog/',
      csp: blogCsp(site.origin),
    });
  });
  after(async () => {
    await blog?.close();
    await site?.close();
  });

  for (const name of engines) {
    describe(name, () => {
      let engine;
      let page;
      before(async () => {
        engine = await launchEngine(name);
        page = await engine.open(site.url, VIEWPORT);
        await page.waitFor(() => document.body.dataset.ready === 'true' && window.descent);
      });
      after(async () => {
        await page?.close();
        await engine?.close();
      });

      test('the explorer draws its figures; the JS API gives the article’s numbers', async () => {
        for (const id of ['surface-raster', 'surface-paths', 'steps-canvas', 'amplification-raster', 'course']) {
          await page.waitFor((id) => document.getElementById(id).width > 0, id);
          const share = await page.evaluate(drawnShare, id);
          assert.ok(share > 0.001, `${name}: #${id} is drawn (${share})`);
        }
        const w1 = await page.evaluate(() => Array.from(window.descent.trajectory({}).w1.slice(0, 3)));
        assert.deepEqual(w1, ARTICLE_W1);
        const shown = await page.evaluate(() => Array.from(window.descent.appTrajectory().w1.slice(0, 3)));
        assert.deepEqual(shown, ARTICLE_W1);
        assert.equal(await page.evaluate(() => document.getElementById('fatal').hidden), true);
      });

      test('a click on the surface and an arrow key move the start point', async () => {
        const frame = await page.evaluate(() => window.descent.surfaceFrame());
        const target = { x: Math.round(frame.x + frame.width * 0.25), y: Math.round(frame.y + frame.height * 0.25) };
        await page.click('#surface', target);
        await page.waitFor(() => window.descent.appTrajectory().w1[0] !== -15);
        const [w1, w2] = await page.evaluate(() => [window.descent.appTrajectory().w1[0], window.descent.appTrajectory().w2[0]]);
        const expected = [frame.xRange[0] + 0.25 * (frame.xRange[1] - frame.xRange[0]), frame.yRange[1] - 0.25 * (frame.yRange[1] - frame.yRange[0])];
        const cell = (frame.xRange[1] - frame.xRange[0]) / frame.width;
        assert.ok(Math.abs(w1 - expected[0]) < 3 * cell && Math.abs(w2 - expected[1]) < 3 * cell, `${name}: start ${w1},${w2} near ${expected}`);
        await page.press('#surface', 'ArrowRight');
        await page.waitFor((w1) => window.descent.appTrajectory().w1[0] !== w1, w1);
        const moved = await page.evaluate(() => window.descent.appTrajectory().w1[0]);
        const step = (frame.xRange[1] - frame.xRange[0]) / 100;
        assert.ok(Math.abs(moved - w1 - step) < 1e-9 * Math.abs(step) + 1e-12, `${name}: moved by 1 % of the view (${moved - w1})`);
      });

      test('a map is computed in the Web Worker', async () => {
        await page.click('#sweep-draw');
        await page.waitFor(() => {
          const state = window.descent.sweepState();
          return state.on && !state.computing && state.done === state.total && window.descent.sweepResult();
        }, null, 120_000);
        const { worker, cells, state } = await page.evaluate(() => ({
          worker: performance.getEntriesByType('resource').some((e) => e.name.endsWith('sweep-worker.js')),
          cells: window.descent.sweepResult().w1.length,
          state: window.descent.sweepState(),
        }));
        assert.ok(worker, `${name}: the worker's script was loaded`);
        assert.equal(state.computedIn, 'worker', `${name}: the map came from the worker`);
        assert.equal(cells, state.grid[0] * state.grid[1]);
        const share = await page.evaluate(drawnShare, 'sweep-raster');
        assert.ok(share > 0.2, `${name}: the map is drawn (${share})`);
      });

      test('a long run through the kernel (or the interpreter) equals step() after step()', async () => {
        const result = await page.evaluate(() => {
          const compiled = { count: 0 };
          const Module = WebAssembly.Module;
          WebAssembly.Module = new Proxy(Module, {
            construct(target, args) {
              compiled.count += 1;
              return new target(...args);
            },
          });
          const run = { function: 'sin(w1)*cos(w2) + exp(-w1^2/4) + 0.1*w2^2', optimizer: 'adam', lr: 0.01, start: [1.5, -2] };
          const steps = 12000;
          const t = window.descent.trajectory({ ...run, steps });
          WebAssembly.Module = Module;
          const names = t.columns.filter((n) => n !== 't');
          const mismatches = [];
          let w = run.start;
          let state = null;
          for (let k = 1; k <= steps && mismatches.length < 5; k++) {
            const s = window.descent.step(run, w, state);
            const row = { w1: s.w[0], w2: s.w[1], error: s.error, g1: s.g[0], g2: s.g[1], ...s.state };
            for (const n of names) if (!Object.is(t[n][k], row[n])) mismatches.push({ k, n, run: t[n][k], step: row[n] });
            ({ w, state } = s);
          }
          return { kernels: compiled.count, rows: t.t.length, mismatches };
        });
        console.log(`${name}: ${result.kernels ? 'the kernel ran' : 'the interpreter ran (no kernel)'}`);
        assert.deepEqual(result.mismatches, []);
        assert.equal(result.rows, 12001);
      });

      test('an iframe embed in a sandbox of another origin draws only its figure, styled', async () => {
        const host = await engine.open(`${blog.url}embed.html`, VIEWPORT);
        try {
          const frame = host.frame();
          await frame.waitFor(() => document.body?.dataset.ready === 'true');
          const seen = await frame.evaluate(() => ({
            origin: window.origin,
            styled: getComputedStyle(document.body).overflow === 'hidden',
            header: document.querySelector('.page-header').getBoundingClientRect().height,
            sections: [...document.querySelectorAll('.figure-section')].map((s) => s.id),
            fatal: document.getElementById('fatal').hidden,
          }));
          assert.deepEqual(seen, { origin: 'null', styled: true, header: 0, sections: ['trajectory-figure'], fatal: true });
          assert.ok((await frame.evaluate(drawnShare, 'surface-raster')) > 0.2, `${name}: drawn in the sandbox`);
          assert.deepEqual(await host.errors(), []);
        } finally {
          await host.close();
        }
      });

      test('a blog post on another origin draws three elements from one wasm download', async () => {
        const post = await engine.open(`${blog.url}post.html`, VIEWPORT);
        try {
          await post.waitFor(() => [...document.querySelectorAll('descent-figure')].every((e) => e.dataset.ready === 'true'));
          const seen = await post.evaluate(() => ({
            figures: document.querySelectorAll('descent-figure').length,
            wasm: performance.getEntriesByType('resource').filter((e) => e.name.endsWith('.wasm')).map((e) => new URL(e.name).pathname),
            inked: [...document.querySelectorAll('descent-figure')].map((e) => {
              const canvas = e.shadowRoot.querySelector('canvas');
              const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
              let coloured = 0;
              for (let i = 0; i < data.length; i += 4) if (data[i] !== data[i + 1] || data[i + 1] !== data[i + 2]) coloured += 1;
              return coloured > 1000;
            }),
          }));
          assert.equal(seen.figures, 3);
          assert.deepEqual(seen.inked, [true, true, true]);
          assert.equal(new Set(seen.wasm).size, seen.wasm.length, `${name}: each wasm file once: ${seen.wasm}`);
          assert.deepEqual(await post.errors(), []);
        } finally {
          await post.close();
        }
      });
    });
  }
});
