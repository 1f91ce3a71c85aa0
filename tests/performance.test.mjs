// The performance harness: times what a visitor waits for, in headless Chromium, and prints
// the figures (reported, not asserted against tight limits: a busy machine must not fail CI).
// The README's Performance table quotes a run of this file.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { launchBrowser } from './support/browser.mjs';
import { openExplorer, setInput } from './support/explorer.mjs';
import { DIST_DIR, REPO_ROOT, outputPath } from './support/paths.mjs';
import { startServer } from './support/server.mjs';
import { quadFrames } from './support/quads-baseline.mjs';

const require = createRequire(import.meta.url);
const report = {};

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/**
 * Milliseconds from setting input `selector` to `value(i)` (its `input` event dispatched) to
 * the next animation frame after its handler: when the new pixels are presented, not only the
 * handler's time. `rounds` inputs, one per frame.
 */
function toNextFrame(page, selector, value, rounds) {
  const values = Array.from({ length: rounds }, (_, i) => value(i));
  return page.evaluate(
    async ([selector, values]) => {
      const input = document.querySelector(selector);
      const frame = () => new Promise((done) => requestAnimationFrame(done));
      const out = [];
      for (const v of values) {
        await frame();
        input.value = v;
        const t0 = performance.now();
        input.dispatchEvent(new Event('input', { bubbles: true }));
        await frame();
        out.push(performance.now() - t0);
      }
      return out;
    },
    [selector, values],
  );
}

describe('performance', () => {
  let server;
  let browser;
  let page;

  before(async () => {
    server = await startServer({ root: DIST_DIR, base: '/descent/' });
    browser = await launchBrowser();
    ({ page } = await openExplorer(browser, server.url, { viewport: { width: 1100, height: 1000 } }));
  });

  after(async () => {
    const lines = Object.entries(report).map(([k, v]) => `  ${k}: ${v}`);
    console.log(`\nPerformance (headless Chromium, this machine):\n${lines.join('\n')}\n`);
    writeFileSync(outputPath('performance.json'), JSON.stringify(report, null, 2));
    await browser?.close();
    await server?.close();
  });

  test('(a) slider move: 1000-step trajectory recomputed and path layer redrawn', async () => {
    await setInput(page, '#steps', '1000');
    const times = await page.evaluate(() => {
      const slider = document.getElementById('lr-slider');
      const out = [];
      for (let i = 0; i < 60; i++) {
        slider.value = String(400 + (i % 30) * 10);
        const t0 = performance.now();
        slider.dispatchEvent(new Event('input', { bubbles: true }));
        out.push(performance.now() - t0);
      }
      return out;
    });
    const steps = await page.evaluate(() => window.descent.appTrajectory().t.length);
    assert.equal(steps, 1001);
    report['slider move → 1000 steps + path layer, median ms'] = median(times).toFixed(2);
    report['slider move → the next animation frame (pixels), median ms'] = median(await toNextFrame(page, '#lr-slider', (i) => String(400 + (i % 30) * 10), 30)).toFixed(2);
    // What curvature=1 costs: the JS API's 1000-step trajectory() (RMSProp, the criterion
    // group "trajectory 1000 steps, curvature") with and without it, alternated in this page.
    const curvature = await page.evaluate(() => {
      const functions = {
        article: '3*w1^2 + 10*w2^2',
        rosenbrock: '(1-w1)^2 + 100*(w2-w1^2)^2',
        nested: 'exp(sin(w1*w2)) + ln(1 + w1^2) + sqrt(1 + (w1^2 + w2)^2)',
      };
      const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      const out = {};
      for (const [name, source] of Object.entries(functions)) {
        const config = { function: source, start: [-1.5, 2], steps: 1000 };
        const times = { without: [], with: [] };
        let columns;
        // 40 runs per sample: the timer's resolution (0.1 ms without cross-origin isolation)
        // is about one run.
        for (let i = 0; i < 15; i++) {
          for (const on of [false, true]) {
            const t0 = performance.now();
            for (let k = 0; k < 40; k++) {
              columns = window.descent.trajectory({ ...config, curvature: on }).columns;
            }
            times[on ? 'with' : 'without'].push((performance.now() - t0) / 40);
          }
        }
        out[name] = { without: median(times.without), with: median(times.with), columns };
      }
      return out;
    });
    for (const [name, { without, with: withCurvature, columns }] of Object.entries(curvature)) {
      assert.ok(columns.includes('pre_sharpness'), columns.join());
      report[`1000 rmsprop steps, ${name}: trajectory() without / with curvature, median of 15 × 40 runs, ms per run`] =
        `${without.toFixed(3)} / ${withCurvature.toFixed(3)} (${(withCurvature / without).toFixed(2)}x)`;
    }
  });

  test('(b) function change: raster, contours and everything redrawn', async () => {
    const size = await page.evaluate(() => {
      const f = window.descent.surfaceFrame();
      return `${Math.round(f.width)}x${Math.round(f.height)}`;
    });
    const times = await page.evaluate(() => {
      const input = document.getElementById('function');
      const sources = ['(1-w1)^2 + 100*(w2-w1^2)^2', '3*w1^2 + 10*w2^2', 'sin(w1) + cos(w2)', '(w1^2 + w2 - 11)^2 + (w1 + w2^2 - 7)^2'];
      const out = [];
      for (let i = 0; i < 24; i++) {
        input.value = sources[i % sources.length];
        const t0 = performance.now();
        input.dispatchEvent(new Event('input', { bubbles: true }));
        out.push(performance.now() - t0);
      }
      return out;
    });
    report[`function change → ${size} raster + contours + axes + path, median ms`] = median(times).toFixed(2);
    const sources = ['(1-w1)^2 + 100*(w2-w1^2)^2', '3*w1^2 + 10*w2^2', 'sin(w1) + cos(w2)', '(w1^2 + w2 - 11)^2 + (w1 + w2^2 - 7)^2'];
    report['function change → the next animation frame (pixels), median ms'] = median(await toNextFrame(page, '#function', (i) => sources[i % sources.length], 16)).toFixed(2);
  });

  test('(c) 100 000 rmsprop steps on Rosenbrock: wasm vs math.js with central differences', async () => {
    const mathjs = readFileSync(require.resolve('mathjs/lib/browser/math.js'), 'utf8');
    await page.route('**/__bench/math.js', (route) =>
      route.fulfill({ body: mathjs, contentType: 'text/javascript' }),
    );
    await page.addScriptTag({ url: `${server.url}__bench/math.js` });
    const result = await page.evaluate(() => {
      const source = '(1-w1)^2 + 100*(w2-w1^2)^2';
      const steps = 100000;
      const config = { function: source, optimizer: 'rmsprop', lr: 0.001, beta: 0.9, eps: 1e-8, start: [-1.5, 2], steps };
      const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      let wasm;
      const wasmTimes = [];
      for (let i = 0; i < 7; i++) {
        const t0 = performance.now();
        wasm = window.descent.trajectory(config);
        wasmTimes.push(performance.now() - t0);
      }
      const wasmMs = median(wasmTimes);
      // What the article's figures do: math.js compile().evaluate() and central differences.
      const code = window.math.compile(source);
      const E = (w1, w2) => code.evaluate({ w1, w2 });
      const h = 1e-6;
      const run = () => {
        const w = [-1.5, 2];
        const s = [0, 0];
        for (let t = 0; t < steps; t++) {
          const g = [(E(w[0] + h, w[1]) - E(w[0] - h, w[1])) / (2 * h), (E(w[0], w[1] + h) - E(w[0], w[1] - h)) / (2 * h)];
          E(w[0], w[1]);
          for (let i = 0; i < 2; i++) {
            s[i] = 0.9 * s[i] + 0.1 * g[i] * g[i];
            w[i] -= (0.001 * g[i]) / Math.sqrt(s[i] + 1e-8);
          }
        }
        return w;
      };
      let w;
      const jsTimes = [];
      for (let i = 0; i < 3; i++) {
        const t0 = performance.now();
        w = run();
        jsTimes.push(performance.now() - t0);
      }
      const jsMs = median(jsTimes);
      return { wasmMs, jsMs, wasmEnd: [wasm.w1[steps], wasm.w2[steps]], jsEnd: w, rows: wasm.t.length };
    });
    assert.equal(result.rows, 100001);
    // Same algorithm, so the same end point up to the finite differences' error.
    assert.ok(Math.abs(result.wasmEnd[0] - result.jsEnd[0]) < 1e-3, JSON.stringify(result));
    report['100 000 rmsprop steps, wasm trajectory(), median of 7, ms'] = result.wasmMs.toFixed(1);
    report['100 000 rmsprop steps, math.js + central differences, median of 3, ms'] = result.jsMs.toFixed(1);
    report['speed-up'] = `${(result.jsMs / result.wasmMs).toFixed(1)}x`;
  });

  // (f) and (g), the engine against hand-written JavaScript, are in engine-performance.test.mjs.

  test('(e) amplification maps redrawn after a β change', async () => {
    const result = await page.evaluate(() => {
      const slider = document.getElementById('amp-beta-slider');
      const out = [];
      for (let i = 0; i < 30; i++) {
        slider.value = String(500 + i * 15);
        const t0 = performance.now();
        slider.dispatchEvent(new Event('input', { bubbles: true }));
        out.push(performance.now() - t0);
      }
      const frames = window.descent.amplificationFrames();
      return { out, size: `${frames.length} maps of ${Math.round(frames[0].width)}x${Math.round(frames[0].height)}` };
    });
    report[`β change → ${result.size} recomputed and redrawn, median ms`] = median(result.out).toFixed(2);
  });

  test('(h) 1000 steps with mini-batches of 32 on 10 000 points: the JS API and a slider move on the page', async () => {
    // The data of crates/core/benches/training.rs: x spread over [−2, 2), on a noisy line or
    // labelled 0/1 with an overlap.
    const points = (logistic) => {
      const rows = [];
      for (let i = 0; i < 10_000; i++) {
        const x = ((i * 0.7548776662466927) % 1) * 4 - 2;
        const jitter = ((Math.imul(i, 7919) >>> 0) % 1000) / 1000 - 0.5;
        rows.push([x, logistic ? Number(x + jitter > 0) : 2 * x - 1 + jitter]);
      }
      return rows;
    };
    for (const model of ['linear', 'logistic']) {
      const rows = points(model === 'logistic');
      const api = await page.evaluate(
        ({ rows, model }) => {
          const config = {
            data: `inline:${rows.map((r) => r.join(',')).join(';')}`,
            model, optimizer: 'adam', lr: 0.01, batch: 32, seed: 1, steps: 1000,
          };
          const times = [];
          let run;
          for (let i = 0; i < 7; i++) {
            const t0 = performance.now();
            run = window.descent.trajectory(config);
            times.push(performance.now() - t0);
          }
          return { times, rows: run.t.length, columns: run.columns };
        },
        { rows, model },
      );
      assert.equal(api.rows, 1001);
      assert.ok(api.columns.includes('g1_used'), api.columns.join());
      report[`1000 adam steps, B = 32, 10 000 points, ${model}: JS API trajectory() incl. reading the points, median ms`] =
        median(api.times).toFixed(1);
      // The page: paste the points, then move the learning-rate slider.
      await page.selectOption('#data', 'pasted');
      await setInput(page, '#data-text', `x,y\n${rows.map((r) => r.join(',')).join('\n')}\n`);
      await page.selectOption('#model', model);
      await page.selectOption('#optimizer', 'adam');
      await setInput(page, '#steps', '1000');
      await setInput(page, '#batch', '32');
      await setInput(page, '#seed', '1');
      const moves = await page.evaluate(() => {
        const slider = document.getElementById('lr-slider');
        const out = [];
        for (let i = 0; i < 15; i++) {
          slider.value = String(300 + (i % 5) * 10);
          const t0 = performance.now();
          slider.dispatchEvent(new Event('input', { bubbles: true }));
          out.push(performance.now() - t0);
        }
        return out;
      });
      const shown = await page.evaluate(() => window.descent.appTrajectory().t.length);
      assert.equal(shown, 1001);
      report[`1000 adam steps, B = 32, 10 000 points, ${model}: page slider move (run, paths, course, data panel), median ms`] =
        median(moves).toFixed(1);
    }
    await page.selectOption('#data', 'none');
  });

  test("(h') 1000 logistic adam steps, B = 32, 10 000 points: trajectory() on f64x2 lanes vs a plain JavaScript loop", async () => {
    // The same work on both sides: at each of the 1001 rows the exact E and ∇E over all
    // 10 000 points (ten million samples), a mini-batch gradient of 32 and an Adam step; the
    // plain loop uses Math.exp and Math.log1p, trajectory() its own exp and the paired sums
    // (crates/core/src/data/logistic.rs) and reads the inline points too.
    const result = await page.evaluate(() => {
      const n = 10_000;
      const xs = new Float64Array(n);
      const ys = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        xs[i] = ((i * 0.7548776662466927) % 1) * 4 - 2;
        const jitter = ((Math.imul(i, 7919) >>> 0) % 1000) / 1000 - 0.5;
        ys[i] = Number(xs[i] + jitter > 0);
      }
      const points = Array.from(xs, (x, i) => `${x},${ys[i]}`).join(';');
      const config = { data: `inline:${points}`, model: 'logistic', optimizer: 'adam', lr: 0.01, batch: 32, seed: 1, steps: 1000 };
      const handWritten = (start) => {
        const steps = 1000;
        const columns = Array.from({ length: 10 }, () => new Float64Array(steps + 1));
        let [w1, w2] = start;
        let [m1, m2, v1, v2] = [0, 0, 0, 0];
        let seed = 1;
        const slopeAt = (i) => {
          const z = w1 * xs[i] + w2;
          const u = ys[i] === 1 ? -z : z;
          const e = Math.exp(-Math.abs(u));
          const sigma = u >= 0 ? 1 / (1 + e) : e / (1 + e);
          return [u, e, ys[i] === 1 ? -sigma : sigma];
        };
        for (let t = 0; t <= steps; t++) {
          let [loss, g1, g2] = [0, 0, 0];
          for (let i = 0; i < n; i++) {
            const [u, e, slope] = slopeAt(i);
            loss += Math.max(u, 0) + Math.log1p(e);
            g1 += slope * xs[i];
            g2 += slope;
          }
          const row = [t, w1, w2, loss / n, g1 / n, g2 / n, m1, m2, v1, v2];
          for (let c = 0; c < 10; c++) columns[c][t] = row[c];
          if (t === steps) break;
          let [b1, b2] = [0, 0];
          for (let k = 0; k < 32; k++) {
            seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
            const i = seed % n;
            const slope = slopeAt(i)[2];
            b1 += (slope * xs[i]) / 32;
            b2 += slope / 32;
          }
          m1 = 0.9 * m1 + 0.1 * b1;
          m2 = 0.9 * m2 + 0.1 * b2;
          v1 = 0.999 * v1 + 0.001 * b1 * b1;
          v2 = 0.999 * v2 + 0.001 * b2 * b2;
          const [c1, c2] = [1 - 0.9 ** (t + 1), 1 - 0.999 ** (t + 1)];
          w1 -= (0.01 * (m1 / c1)) / (Math.sqrt(v1 / c2) + 1e-8);
          w2 -= (0.01 * (m2 / c1)) / (Math.sqrt(v2 / c2) + 1e-8);
        }
        return columns;
      };
      window.__descentSimdEvaluations = 0;
      const ours = [];
      const theirs = [];
      let run;
      let hand;
      for (let round = 0; round < 7; round++) {
        let t0 = performance.now();
        run = window.descent.trajectory(config);
        ours.push(performance.now() - t0);
        t0 = performance.now();
        hand = handWritten([run.w1[0], run.w2[0]]);
        theirs.push(performance.now() - t0);
      }
      const simd = window.__descentSimdEvaluations;
      delete window.__descentSimdEvaluations;
      return { ours, theirs, rows: run.t.length, simd, errors: [run.error[0], hand[3][0]] };
    });
    assert.equal(result.rows, 1001);
    // The paired loop ran on WebAssembly's f64x2 instructions: E and ∇E once per row.
    assert.ok(result.simd >= 7 * 1001, `SIMD evaluations: ${result.simd}`);
    // The same E at the start, but for the two exp/log1p's last bits.
    assert.ok(Math.abs(result.errors[0] - result.errors[1]) <= 1e-12 * result.errors[1], JSON.stringify(result.errors));
    const range = (xs) => `${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)}`;
    const ratios = result.ours.map((x, i) => x / result.theirs[i]);
    report["(h') 1000 logistic adam steps, B = 32, 10 000 points, trajectory(), median [range] of 7, ms"] =
      `${median(result.ours).toFixed(1)} [${range(result.ours)}]`;
    report["(h') the same, plain JavaScript loop with Math.exp and Math.log1p, median [range] of 7, ms"] =
      `${median(result.theirs).toFixed(1)} [${range(result.theirs)}]`;
    report["(h') ours / plain loop, median [range] of the rounds (target ≤ 0.4)"] =
      `${median(ratios).toFixed(2)} [${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}]`;
  });

  test('(j) 3-D view: a frame while turning (coarse mesh) and at rest (full mesh) vs a Canvas2D path per quad', async () => {
    const { page: solid, close } = await openExplorer(browser, `${server.url}?preset=himmelblau&3d=1`, {
      viewport: { width: 1100, height: 1000 },
    });
    await solid.locator('#surface').scrollIntoViewIfNeeded();
    await solid.waitForSelector('#surface[data-view3d="drawn"]', { state: 'attached' });
    const box = await solid.locator('#surface').boundingBox();
    const range = (xs) => `${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)}`;
    const p90 = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(0.9 * (xs.length - 1))].toFixed(1);
    // A real drag (the browser's own mouse input): each frame's work as the page measures it.
    await solid.evaluate(() => performance.clearMeasures('descent-3d-frame'));
    const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
    await solid.mouse.move(cx, cy);
    await solid.mouse.down();
    for (let i = 1; i <= 80; i++) await solid.mouse.move(cx + 4 * Math.sin(i / 6) * 20, cy + 2 * Math.cos(i / 9) * 20);
    await solid.mouse.up();
    const dragged = await solid.evaluate(() => performance.getEntriesByName('descent-3d-frame').map((e) => e.duration));
    assert.ok(dragged.length >= 10, `frames drawn while dragging: ${dragged.length}`);
    // Frame by frame, each followed by a pixel read of the three layers (the canvases flushed):
    // turning (a drag of synthetic pointer events) and at rest (arrow keys, the full mesh).
    const frames = await solid.evaluate(async () => {
      const surface = document.getElementById('surface');
      surface.focus();
      const layers = ['surface-raster', 'surface-axes', 'surface-paths'].map((id) => document.getElementById(id).getContext('2d'));
      const rect = surface.getBoundingClientRect();
      const pointer = (type, i) =>
        new PointerEvent(type, { bubbles: true, pointerId: 7, pointerType: 'mouse', button: 0, buttons: 1, clientX: rect.left + 200 + 6 * i, clientY: rect.top + 200 });
      const frame = async (act) => {
        performance.clearMeasures('descent-3d-frame');
        act();
        await new Promise((done) => requestAnimationFrame(done));
        const t0 = performance.now();
        for (const context of layers) context.getImageData(0, 0, 1, 1);
        const flush = performance.now() - t0;
        const work = performance.getEntriesByName('descent-3d-frame')[0]?.duration ?? NaN;
        return work + flush;
      };
      surface.dispatchEvent(pointer('pointerdown', 0));
      const turning = [];
      for (let i = 1; i <= 30; i++) turning.push(await frame(() => surface.dispatchEvent(pointer('pointermove', i))));
      surface.dispatchEvent(pointer('pointerup', 30));
      const resting = [];
      for (let i = 0; i < 15; i++) {
        resting.push(await frame(() => surface.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true }))));
      }
      const raster = document.getElementById('surface-raster');
      return { turning, resting, width: raster.width, height: raster.height };
    });
    assert.ok(frames.turning.every(Number.isFinite) && frames.resting.every(Number.isFinite), JSON.stringify(frames));
    const baseline = await solid.evaluate(quadFrames, { n: 100, width: frames.width, height: frames.height, frames: 15 });
    const size = `${frames.width}×${frames.height}`;
    report[`3-D view ${size}, a frame while dragging by mouse (coarse 41×41 mesh; page's work), median [range] 90th percentile ms`] =
      `${median(dragged).toFixed(1)} [${range(dragged)}] ${p90(dragged)}`;
    report[`3-D view ${size}, turning (coarse mesh) incl. canvas flush, median [range] 90th percentile ms`] =
      `${median(frames.turning).toFixed(1)} [${range(frames.turning)}] ${p90(frames.turning)}`;
    report[`3-D view ${size}, at rest (full 121×121 mesh) incl. canvas flush, median [range] ms`] =
      `${median(frames.resting).toFixed(1)} [${range(frames.resting)}]`;
    report[`baseline: Canvas2D path per quad, 100×100 mesh, ${size}, median [range] ms`] =
      `${median(baseline).toFixed(1)} [${range(baseline)}]`;
    await close();
  });

  test('(d) the modules’ sizes after wasm-opt, gzipped: within their budgets and as the docs say', () => {
    // docs/performance.md's table "Module sizes" holds each file's size and its budget: the
    // build must stay within the budget, and the table within 3 % of the build.
    const doc = readFileSync(path.join(REPO_ROOT, 'docs', 'performance.md'), 'utf8');
    const rows = [...doc.matchAll(/^\| `([^`]+)` \| (\d+) KiB \| (\d+) KiB \|/gm)].map(([, file, stated, budget]) => ({
      file,
      stated: Number(stated),
      budget: Number(budget),
    }));
    const built = readdirSync(DIST_DIR).filter((f) => f.endsWith('.wasm') || /^descent-web.*\.js$/.test(f));
    assert.deepEqual(rows.map((r) => r.file).sort(), built.sort(), 'the table lists every module of dist/');
    for (const { file, stated, budget } of rows) {
      const bytes = readFileSync(path.join(DIST_DIR, file));
      const kib = gzipSync(bytes, { level: 9 }).length / 1024;
      report[`${file}, KiB (raw / gzip -9; budget)`] = `${(bytes.length / 1024).toFixed(0)} / ${kib.toFixed(0)}; ${budget}`;
      assert.ok(kib <= budget, `${file}: ${kib.toFixed(1)} KiB gzipped, over its budget of ${budget} KiB`);
      assert.ok(Math.abs(kib - stated) <= 0.03 * stated + 1, `${file}: ${kib.toFixed(1)} KiB, but docs/performance.md says ${stated}: update the table`);
    }
  });
});
