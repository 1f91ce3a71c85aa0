// The engine's performance in headless Chromium against hand-written JavaScript doing the same
// steps in the same page, the issues' (f), (p) and (g): a basin map of 128×128 starts × 500
// RMSProp steps on Rosenbrock through the JS API, a map of the learning rate × β (128×128 ×
// 500 steps, issue 21), and trajectory() of 100 000 RMSProp steps (seven, seven and fifteen
// rounds, the first of which also pays for the page still compiling). The
// figures are reported (printed, and written to engine-performance.json in the tests' output
// folder), not asserted against tight limits: a busy machine must not fail CI. What is
// asserted is that both sides computed the same thing.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { launchBrowser } from './support/browser.mjs';
import { openExplorer } from './support/explorer.mjs';
import { DIST_DIR, outputPath } from './support/paths.mjs';
import { startServer } from './support/server.mjs';

const report = {};
const ROSENBROCK = '(1-w1)^2 + 100*(w2-w1^2)^2';

/** The middle value. */
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Hand-written time over ours: the ratio of the medians, and the range of the rounds' own
 * ratios, as "2.31 (1.90–2.60)". */
function speedup(ours, theirs) {
  const ratios = ours.map((x, i) => theirs[i] / x);
  const range = `${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}`;
  return `${(median(theirs) / median(ours)).toFixed(2)} (${range})`;
}

describe('engine performance', () => {
  let server;
  let browser;
  let page;

  before(async () => {
    server = await startServer({ root: DIST_DIR, base: '/descent/' });
    browser = await launchBrowser();
    ({ page } = await openExplorer(browser, server.url));
  });

  after(async () => {
    const lines = Object.entries(report).map(([k, v]) => `  ${k}: ${v}`);
    console.log(`\nEngine performance (headless Chromium, this machine):\n${lines.join('\n')}\n`);
    writeFileSync(outputPath('engine-performance.json'), JSON.stringify(report, null, 2));
    await browser?.close();
    await server?.close();
  });

  test('(f) basin map: 128×128 starts × 500 rmsprop steps, JS API vs hand-written JavaScript', async () => {
    const result = await page.evaluate((source) => {
      const side = 128;
      const steps = 500;
      const config = { kind: 'starts', function: source, optimizer: 'rmsprop', lr: 0.01, view: '-2,2,-1,3', grid: side, steps };
      const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      // Each start's run in turn, the analytic gradient written out, the state in locals.
      const handWritten = () => {
        const ends = new Float64Array(side * side * 3);
        for (let j = 0; j < side; j++) {
          for (let i = 0; i < side; i++) {
            let w1 = -2 + ((i + 0.5) * 4) / side;
            let w2 = -1 + ((j + 0.5) * 4) / side;
            let s1 = 0;
            let s2 = 0;
            let a = 1 - w1;
            let b = w2 - w1 * w1;
            let e = a * a + 100 * b * b;
            let g1 = -2 * a - 400 * w1 * b;
            let g2 = 200 * b;
            for (let t = 0; t < steps; t++) {
              s1 = 0.9 * s1 + (1 - 0.9) * g1 * g1;
              s2 = 0.9 * s2 + (1 - 0.9) * g2 * g2;
              w1 -= 0.01 * (g1 / Math.sqrt(s1 + 1e-8));
              w2 -= 0.01 * (g2 / Math.sqrt(s2 + 1e-8));
              a = 1 - w1;
              b = w2 - w1 * w1;
              e = a * a + 100 * b * b;
              g1 = -2 * a - 400 * w1 * b;
              g2 = 200 * b;
            }
            const k = 3 * (j * side + i);
            ends[k] = w1;
            ends[k + 1] = w2;
            ends[k + 2] = e;
          }
        }
        return ends;
      };
      const ours = [];
      const theirs = [];
      let sweep;
      let hand;
      for (let round = 0; round < 7; round++) {
        let t0 = performance.now();
        sweep = window.descent.sweep(config);
        ours.push(performance.now() - t0);
        t0 = performance.now();
        hand = handWritten();
        theirs.push(performance.now() - t0);
      }
      let close = 0;
      for (let c = 0; c < side * side; c++) {
        if (Math.abs(sweep.w1[c] - hand[3 * c]) < 1e-2 && Math.abs(sweep.w2[c] - hand[3 * c + 1]) < 1e-2) close++;
      }
      return { ours, theirs, oursMs: median(ours), theirsMs: median(theirs), close, cells: sweep.w1.length, maxT: Math.max(...sweep.t) };
    }, ROSENBROCK);
    assert.equal(result.cells, 128 * 128);
    assert.equal(result.maxT, 500);
    // The same algorithm: the ends agree but for rounding, which a few runs amplify.
    assert.ok(result.close >= 0.9 * result.cells, JSON.stringify(result));
    report['(f) basin map 128×128×500 rmsprop, JS API sweep(), median of 7, ms'] = result.oursMs.toFixed(1);
    report['(f) the same, hand-written JavaScript, median of 7, ms'] = result.theirsMs.toFixed(1);
    report['(f) hand-written / ours, the rounds\' range (target ≥ 3)'] = speedup(result.ours, result.theirs);
    report['(f) all runs, ours / hand-written, ms'] = `${result.ours.map((x) => x.toFixed(0)).join(' ')} / ${result.theirs.map((x) => x.toFixed(0)).join(' ')}`;
  });

  test('(p) lr × β map: 128×128 × 500 rmsprop steps, JS API vs hand-written JavaScript', async () => {
    const result = await page.evaluate((source) => {
      const side = 128;
      const steps = 500;
      const config = {
        kind: 'params', function: source, optimizer: 'rmsprop', start: [-1.5, 2],
        x: 'lr=1e-4:1e-2:log', y: 'beta=0.5:0.99', grid: side, steps,
      };
      const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      // Each cell's run in turn, its lr and β at the cell's centre, the analytic gradient
      // written out, the state in locals.
      const handWritten = () => {
        const ends = new Float64Array(side * side * 3);
        const [lo, hi] = [Math.log(1e-4), Math.log(1e-2)];
        for (let j = 0; j < side; j++) {
          const beta = 0.5 + ((j + 0.5) * (0.99 - 0.5)) / side;
          for (let i = 0; i < side; i++) {
            const lr = Math.exp(lo + ((i + 0.5) / side) * (hi - lo));
            let w1 = -1.5;
            let w2 = 2;
            let s1 = 0;
            let s2 = 0;
            let a = 1 - w1;
            let b = w2 - w1 * w1;
            let e = a * a + 100 * b * b;
            let g1 = -2 * a - 400 * w1 * b;
            let g2 = 200 * b;
            for (let t = 0; t < steps; t++) {
              s1 = beta * s1 + (1 - beta) * g1 * g1;
              s2 = beta * s2 + (1 - beta) * g2 * g2;
              w1 -= lr * (g1 / Math.sqrt(s1 + 1e-8));
              w2 -= lr * (g2 / Math.sqrt(s2 + 1e-8));
              a = 1 - w1;
              b = w2 - w1 * w1;
              e = a * a + 100 * b * b;
              g1 = -2 * a - 400 * w1 * b;
              g2 = 200 * b;
            }
            const k = 3 * (j * side + i);
            ends[k] = w1;
            ends[k + 1] = w2;
            ends[k + 2] = e;
          }
        }
        return ends;
      };
      const ours = [];
      const theirs = [];
      let sweep;
      let hand;
      window.__descentKernelRuns = 0;
      for (let round = 0; round < 7; round++) {
        let t0 = performance.now();
        sweep = window.descent.sweep(config);
        ours.push(performance.now() - t0);
        t0 = performance.now();
        hand = handWritten();
        theirs.push(performance.now() - t0);
      }
      const kernelRuns = window.__descentKernelRuns;
      delete window.__descentKernelRuns;
      let close = 0;
      for (let c = 0; c < side * side; c++) {
        if (Math.abs(sweep.w1[c] - hand[3 * c]) < 1e-2 && Math.abs(sweep.w2[c] - hand[3 * c + 1]) < 1e-2) close++;
      }
      return { ours, theirs, oursMs: median(ours), theirsMs: median(theirs), close, cells: sweep.w1.length, maxT: Math.max(...sweep.t), kernelRuns };
    }, ROSENBROCK);
    assert.equal(result.cells, 128 * 128);
    assert.equal(result.maxT, 500);
    // The kernel computed the map: the interpreter, a fallback, is not what is measured.
    assert.ok(result.kernelRuns >= 7, `kernel calls: ${result.kernelRuns}`);
    // The same algorithm: the ends agree but for rounding, which a few runs amplify.
    assert.ok(result.close >= 0.9 * result.cells, JSON.stringify(result));
    report['(p) lr × β map 128×128×500 rmsprop, JS API sweep(), median of 7, ms'] = result.oursMs.toFixed(1);
    report['(p) the same, hand-written JavaScript, median of 7, ms'] = result.theirsMs.toFixed(1);
    report['(p) hand-written / ours, the rounds\' range (target ≥ 2.5)'] = speedup(result.ours, result.theirs);
    report['(p) all runs, ours / hand-written, ms'] = `${result.ours.map((x) => x.toFixed(0)).join(' ')} / ${result.theirs.map((x) => x.toFixed(0)).join(' ')}`;
  });

  test('(g) trajectory() of 100 000 rmsprop steps vs hand-written JavaScript recording the same columns', async () => {
    const result = await page.evaluate((source) => {
      const steps = 100000;
      const config = { function: source, optimizer: 'rmsprop', lr: 0.001, beta: 0.9, eps: 1e-8, start: [-1.5, 2], steps };
      const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      // Every row's t, w, E, ∇E and state kept in columns, as trajectory() returns them.
      const handWritten = () => {
        const n = steps + 1;
        const columns = Array.from({ length: 8 }, () => new Float64Array(n));
        const [tc, w1c, w2c, ec, g1c, g2c, s1c, s2c] = columns;
        let w1 = -1.5;
        let w2 = 2;
        let s1 = 0;
        let s2 = 0;
        for (let t = 0; t <= steps; t++) {
          const a = 1 - w1;
          const b = w2 - w1 * w1;
          const e = a * a + 100 * b * b;
          const g1 = -2 * a - 400 * w1 * b;
          const g2 = 200 * b;
          tc[t] = t;
          w1c[t] = w1;
          w2c[t] = w2;
          ec[t] = e;
          g1c[t] = g1;
          g2c[t] = g2;
          s1c[t] = s1;
          s2c[t] = s2;
          s1 = 0.9 * s1 + (1 - 0.9) * g1 * g1;
          s2 = 0.9 * s2 + (1 - 0.9) * g2 * g2;
          w1 -= 0.001 * (g1 / Math.sqrt(s1 + 1e-8));
          w2 -= 0.001 * (g2 / Math.sqrt(s2 + 1e-8));
        }
        return columns;
      };
      const ours = [];
      const theirs = [];
      let run;
      let hand;
      for (let round = 0; round < 15; round++) {
        let t0 = performance.now();
        run = window.descent.trajectory(config);
        ours.push(performance.now() - t0);
        t0 = performance.now();
        hand = handWritten();
        theirs.push(performance.now() - t0);
      }
      return {
        ours,
        theirs,
        oursMs: median(ours),
        theirsMs: median(theirs),
        rows: run.t.length,
        ends: [run.w1[steps], hand[1][steps], run.w2[steps], hand[2][steps]],
      };
    }, ROSENBROCK);
    assert.equal(result.rows, 100001);
    assert.ok(Math.abs(result.ends[0] - result.ends[1]) < 1e-6, JSON.stringify(result));
    assert.ok(Math.abs(result.ends[2] - result.ends[3]) < 1e-6, JSON.stringify(result));
    const range = (xs, digits) => `${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)}`;
    const ratios = result.ours.map((x, i) => x / result.theirs[i]);
    report['(g) trajectory() 100 000 rmsprop steps, median [range] of 15, ms'] = `${result.oursMs.toFixed(2)} [${range(result.ours, 1)}]`;
    report['(g) the same, hand-written JavaScript, median [range] of 15, ms'] = `${result.theirsMs.toFixed(2)} [${range(result.theirs, 1)}]`;
    report['(g) ours / hand-written, ratio of the medians [range of the rounds] (target ≤ 1.25)'] =
      `${(result.oursMs / result.theirsMs).toFixed(2)} [${range(ratios, 2)}]`;
  });
});
