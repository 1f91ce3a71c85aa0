// The engine's compiled kernels in the browser (WebAssembly generated from the function and
// the optimizer's rule, see crates/core/src/kernel) give the interpreter's numbers bit for bit:
// sweeps (of starts and of hyperparameters) as the CLI prints them, a long trajectory() as one step() after the other (the
// interpreter), and sweep cells as trajectory() of those cells, for every form of the optimizer
// table. The page's WebAssembly.Module is watched, and a test-only counter (the global
// __descentKernelRuns, which the engine adds to after every kernel call that ran; not the JS
// API) proves that a kernel executed: one that compiled but failed to run would fall back to
// the interpreter silently and fail these tests.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser } from './support/browser.mjs';
import { openExplorer } from './support/explorer.mjs';
import { buildCli, flags, runCli } from './support/cli.mjs';
import { DIST_DIR } from './support/paths.mjs';
import { startServer } from './support/server.mjs';

/** Sweeps of exact operations only (+ − × ÷, so native and WebAssembly runs agree), each large
 * enough for a kernel (kernel::MIN_SWEEP_STEPS), compared with `descent sweep` run now. */
const SWEEPS = [
  { kind: 'starts', function: '(1-w1)^2 + 100*(w2-w1^2)^2', optimizer: 'rmsprop', lr: '0.01', view: '-2,2,-1,3', grid: '24,20', steps: '300' },
  { kind: 'starts', function: '3*w1^2 + 10*w2^2 + w1*w2', optimizer: 'adam', convention: 'pytorch', lr: '0.1', view: '-2,2,-1,3', grid: '17,15', steps: '400', tol: '1e-3' },
  { kind: 'starts', function: '(w1^2 + w2 - 11)^2 + (w1 + w2^2 - 7)^2', optimizer: 'momentum', lr: '0.02', view: '-6,6,-6,6', grid: '24', steps: '200', tol: '1e-6' },
  // Sweeps of hyperparameters: each lane its own coefficients (and Adam's its own per-step
  // scalars), the issue's lr × β map among them, its learning rate on a log axis (the cells'
  // centres come from core's portable exp and ln, the same bits natively and in wasm).
  { kind: 'params', function: '(1-w1)^2 + 100*(w2-w1^2)^2', optimizer: 'rmsprop', start: '-1.5,2', x: 'lr=1e-4:1e-2:log', y: 'beta=0.5:0.99', grid: '24,20', steps: '300' },
  { kind: 'params', function: '3*w1^2 + 10*w2^2 + w1*w2', optimizer: 'adam', convention: 'pytorch', start: '1,2', x: 'lr=1e-3:0.5', y: 'beta1=0.5:0.95', grid: '17,15', steps: '400', tol: '1e-3' },
];

/** The CLI's sweep CSV as columns of numbers, `stop` as the JS API's codes. */
function parseSweep(csv) {
  const [header, ...lines] = csv.trim().split('\n');
  const names = header.split(',');
  const codes = { '': 0, converged: 1, diverged: 2, undefined: 3 };
  const columns = Object.fromEntries(names.map((n) => [n, []]));
  for (const line of lines) {
    line.split(',').forEach((cell, i) => {
      const name = names[i];
      columns[name].push(name === 'stop' ? codes[cell] : cell === '' ? Number.NaN : Number(cell));
    });
  }
  return columns;
}

/** Indices where two arrays of numbers differ (Object.is: -0 is not 0, NaN is NaN). */
function differences(a, b) {
  const out = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (!Object.is(a[i], b[i])) out.push({ i, got: a[i], expected: b[i] });
  }
  return out;
}

describe('kernels in the browser', () => {
  let server;
  let browser;
  let page;

  before(async () => {
    await buildCli();
    server = await startServer({ root: DIST_DIR, base: '/descent/' });
    browser = await launchBrowser();
    ({ page } = await openExplorer(browser, server.url));
    // Count the modules the page compiles (the kernels; the page's own module is loaded).
    await page.evaluate(() => {
      const Module = WebAssembly.Module;
      window.__descentKernelRuns = 0;
      window.kernelModules = 0;
      WebAssembly.Module = new Proxy(Module, {
        construct(target, args) {
          window.kernelModules += 1;
          return new target(...args);
        },
      });
    });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('sweep() equals the CLI, bit for bit, through a kernel kept for the next call', async () => {
    for (const config of SWEEPS) {
      const { kind, ...keys } = config;
      const command = `descent sweep ${kind} ${flags(keys).join(' ')}`;
      const expected = parseSweep(await runCli(['sweep', kind, ...flags(keys)]));
      const { got, modules } = await page.evaluate((config) => {
        const before = window.kernelModules;
        const runsBefore = window.__descentKernelRuns;
        const first = window.descent.sweep(config);
        const compiled = window.kernelModules - before;
        const ran = window.__descentKernelRuns - runsBefore;
        const again = window.descent.sweep(config);
        const columns = Object.fromEntries(first.columns.map((n) => [n, Array.from(first[n])]));
        const same = first.columns.every((n) => first[n].every((x, i) => Object.is(x, again[n][i])));
        return { got: columns, modules: { compiled, ran, recompiled: window.kernelModules - before - compiled, same } };
      }, config);
      assert.equal(modules.compiled, 1, `${command}: one kernel compiled`);
      assert.ok(modules.ran > 0, `${command}: the kernel ran (${modules.ran} calls)`);
      assert.equal(modules.recompiled, 0, `${command}: the kernel is kept`);
      assert.ok(modules.same, `${command}: the same result again`);
      for (const name of Object.keys(expected)) {
        const diff = differences(got[name], expected[name]);
        assert.deepEqual(diff.slice(0, 5), [], `${command}: column ${name} (${diff.length} differences)`);
      }
    }
  });

  test('a long trajectory() through a kernel equals step() after step() (the interpreter)', async () => {
    const cases = [
      { function: 'sin(w1)*cos(w2) + exp(-w1^2/4) + 0.1*w2^2 + atan2(w1, 2)', optimizer: 'adam', lr: 0.01, start: [1.5, -2] },
      { function: '(1-w1)^2 + 100*(w2-w1^2)^2 + ln(1 + w1^2)', optimizer: 'lion', lr: 0.0005, start: [-1, 2] },
      { function: 'sqrt(1 + w1^2 + w2^2) + tanh(w1 - w2)^2 + (w1^2)^0.75', optimizer: 'amsgrad', lr: 0.02, start: [2, 1] },
      { function: '0.02*w1^2 + 20*w2^2 + sin(w1)', optimizer: 'prodigy', start: [-8, 3] },
      { function: '(1-w1)^2 + 100*(w2-w1^2)^2', optimizer: 'schedulefree', convention: 'optax', start: [-1.5, 2.5] },
      { function: '3*w1^2 + 10*w2^2 + w1*w2', optimizer: 'nadam', convention: 'keras', lr: 0.01, start: [1, 2] },
    ];
    for (const run of cases) {
      const result = await page.evaluate((run) => {
        const steps = 12000;
        const before = window.kernelModules;
        const runsBefore = window.__descentKernelRuns;
        const t = window.descent.trajectory({ ...run, steps });
        const compiled = window.kernelModules - before;
        const ran = window.__descentKernelRuns - runsBefore;
        const names = t.columns.filter((n) => n !== 't');
        const mismatches = [];
        let w = run.start;
        let state = null;
        let rows = 1;
        for (let k = 1; k <= steps && mismatches.length < 5; k++) {
          let s;
          try {
            s = window.descent.step(run, w, state);
          } catch {
            break;
          }
          const row = { w1: s.w[0], w2: s.w[1], error: s.error, g1: s.g[0], g2: s.g[1], ...s.state };
          for (const name of names) {
            if (!Object.is(t[name][k], row[name])) mismatches.push({ k, name, kernel: t[name][k], interpreter: row[name] });
          }
          ({ w, state } = s);
          rows += 1;
        }
        return { compiled, ran, rows, length: t.t.length, stopped: t.stopped, mismatches };
      }, run);
      assert.equal(result.compiled, 1, `${run.function}: a kernel compiled`);
      assert.ok(result.ran > 0, `${run.function}: the kernel ran (${result.ran} calls)`);
      assert.deepEqual(result.mismatches, [], run.function);
      assert.equal(result.rows, result.length, `${run.function}: as many rows (${result.stopped})`);
      assert.ok(result.length > 10000, `${run.function}: long enough for a kernel`);
    }
  });

  test('sweep cells through a kernel equal trajectory() of those cells (interpreted)', async () => {
    const config = {
      kind: 'starts',
      function: 'sin(3*w1) + cos(2*w2) + (w1^2 + w2^2)/4 + max(w1, w2)^2 % 3',
      optimizer: 'rmsprop',
      lr: 0.05,
      view: '-3,3,-3,3',
      grid: '21,17',
      steps: 700,
      tol: 1e-4,
    };
    const result = await page.evaluate((config) => {
      const before = window.kernelModules;
      const runsBefore = window.__descentKernelRuns;
      const sweep = window.descent.sweep(config);
      const compiled = window.kernelModules - before;
      const ran = window.__descentKernelRuns - runsBefore;
      const codes = { converged: 1, diverged: 2, cannot: 2, stopped: 3 };
      const mismatches = [];
      const stops = new Set();
      for (let cell = 0; cell < sweep.w1.length; cell += 7) {
        const { kind, view, grid, ...run } = config;
        const t = window.descent.trajectory({ ...run, start: [sweep.start1[cell], sweep.start2[cell]] });
        const last = t.t.length - 1;
        const stop = t.stopped === null ? 0 : codes[t.stopped.split(' ')[0]] ?? -1;
        stops.add(sweep.stop[cell]);
        const expected = last < 0 ? {} : { w1: t.w1[last], w2: t.w2[last], error: t.error[last], t: t.t[last] };
        for (const [name, value] of Object.entries(expected)) {
          if (!Object.is(sweep[name][cell], value)) mismatches.push({ cell, name, sweep: sweep[name][cell], trajectory: value });
        }
        if (stop !== sweep.stop[cell]) mismatches.push({ cell, stop, sweepStop: sweep.stop[cell], stopped: t.stopped });
      }
      return { compiled, ran, mismatches, stops: [...stops] };
    }, config);
    assert.equal(result.compiled, 1, 'a kernel compiled');
    assert.ok(result.ran > 0, `the kernel ran (${result.ran} calls)`);
    assert.deepEqual(result.mismatches, []);
    assert.ok(result.stops.includes(0) && result.stops.includes(1), `runs that ran out and converged: ${result.stops}`);
  });

  test('every form of the table runs through a sweep kernel as trajectory() computes it', async () => {
    const result = await page.evaluate(() => {
      const failures = [];
      let forms = 0;
      for (const optimizer of window.descent.optimizerTable().optimizers) {
        const conventions = new Set(optimizer.forms.map((f) => f.convention));
        for (const convention of conventions) {
          forms += 1;
          const config = {
            kind: 'starts', function: '3*w1^2 + 10*w2^2 + sin(w1 + w2)', optimizer: optimizer.name,
            convention, view: '-2,2,-2,2', grid: '20', steps: 300,
          };
          const runsBefore = window.__descentKernelRuns;
          const sweep = window.descent.sweep(config);
          if (window.__descentKernelRuns === runsBefore) failures.push({ form: `${optimizer.name}:${convention}`, ran: 0 });
          const { kind, view, grid, ...run } = config;
          for (let cell = 0; cell < sweep.w1.length; cell += 37) {
            const t = window.descent.trajectory({ ...run, start: [sweep.start1[cell], sweep.start2[cell]] });
            const last = t.t.length - 1;
            for (const name of ['w1', 'w2', 'error']) {
              if (!Object.is(sweep[name][cell], t[name][last])) {
                failures.push({ form: `${optimizer.name}:${convention}`, cell, name, sweep: sweep[name][cell], trajectory: t[name][last] });
              }
            }
          }
        }
      }
      return { forms, failures: failures.slice(0, 10) };
    });
    assert.ok(result.forms >= 56, `${result.forms} forms`);
    assert.deepEqual(result.failures, []);
  });

  test('every form of the table runs a sweep of hyperparameters through a kernel as trajectory() computes it', async () => {
    const result = await page.evaluate(() => {
      const failures = [];
      let forms = 0;
      for (const optimizer of window.descent.optimizerTable().optimizers) {
        // Its learning rate on a log axis around its default, and its second hyperparameter.
        const [lr, second] = optimizer.hyperparameters;
        if (!second) continue;
        const y = second.default > 0 ? `${second.key}=${second.default / 2}:${second.default}` : `${second.key}=0:0.1`;
        const conventions = new Set(optimizer.forms.map((f) => f.convention));
        for (const convention of conventions) {
          forms += 1;
          const config = {
            kind: 'params', function: '3*w1^2 + 10*w2^2 + sin(w1 + w2)', optimizer: optimizer.name, convention,
            start: [1.5, -1], x: `${lr.key}=${lr.default / 100}:${lr.default * 50}:log`, y, grid: '20', steps: 300,
          };
          const runsBefore = window.__descentKernelRuns;
          const sweep = window.descent.sweep(config);
          if (window.__descentKernelRuns === runsBefore) failures.push({ form: `${optimizer.name}:${convention}`, ran: 0 });
          const { kind, x, y: _, grid, ...run } = config;
          for (let cell = 0; cell < sweep.w1.length; cell += 37) {
            const t = window.descent.trajectory({ ...run, [lr.key]: sweep.x[cell], [second.key]: sweep.y[cell] });
            const last = t.t.length - 1;
            for (const name of ['w1', 'w2', 'error', 't']) {
              if (!Object.is(sweep[name][cell], t[name][last])) {
                failures.push({ form: `${optimizer.name}:${convention}`, cell, name, sweep: sweep[name][cell], trajectory: t[name][last] });
              }
            }
          }
        }
      }
      return { forms, failures: failures.slice(0, 10) };
    });
    assert.ok(result.forms >= 50, `${result.forms} forms`);
    assert.deepEqual(result.failures, []);
  });
});
