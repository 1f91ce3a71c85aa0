// The maps (issue 11) through the path a visitor takes, in headless Chromium under the strict
// CSP: the JS API's sweep() against trajectory() bit for bit, maps computed by the Web Worker
// with a progress bar and Cancel, the page answering input while a map computes, a click on a
// cell loading its run, compare mode's race table, links, the iframe embed, the custom element,
// and hostile values at the controls.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, saveScreenshot } from './support/browser.mjs';
import { openExplorer, setInput } from './support/explorer.mjs';
import { outputPath } from './support/paths.mjs';
import { startSuite } from './support/suite.mjs';

const ROSENBROCK = '(1-w1)^2 + 100*(w2-w1^2)^2';

/** Waits until the map is drawn and not computing; resolves to its state. */
async function mapDone(page, timeout = 60_000) {
  await page.waitForFunction(
    () => {
      const s = window.descent.sweepState();
      return s && s.on && !s.computing && s.frame;
    },
    null,
    { timeout },
  );
  return page.evaluate(() => window.descent.sweepState());
}

/** The CSS pixel of cell (i, j) of a grid × grid map, relative to #sweep. */
function cellCentre(frame, [columns, rows], i, j) {
  return {
    x: frame.x + ((i + 0.5) / columns) * frame.width,
    y: frame.y + (1 - (j + 0.5) / rows) * frame.height,
  };
}

/** Whether the trajectory figure's run ends bit for bit where row `index` of `map` says. */
async function trajectoryEndsAt(page, map, index) {
  return page.evaluate(
    ([map, index]) => {
      const run = window.descent.appTrajectory();
      const last = run.t.length - 1;
      return {
        same:
          Object.is(run.w1[last], map.w1[index]) &&
          Object.is(run.w2[last], map.w2[index]) &&
          Object.is(run.error[last], map.error[index]) &&
          last === map.t[index],
        run: [run.w1[last], run.w2[last], run.error[last], last],
        map: [map.w1[index], map.w2[index], map.error[index], map.t[index]],
        start: [run.w1[0], run.w2[0]],
      };
    },
    [map, index],
  );
}

/** A map result read back as plain arrays (Float64Arrays do not cross page.evaluate). */
function readMap(page) {
  return page.evaluate(() => {
    const r = window.descent.sweepResult();
    if (!r) return null;
    const out = { columns: r.columns, grid: r.grid, kind: r.kind };
    for (const c of r.columns) out[c] = Array.from(r[c]);
    return out;
  });
}

describe('maps', () => {
  const suite = startSuite();

  test('sweep() equals trajectory() from random cells bit for bit, for both kinds', async () => {
    const view = await openExplorer(suite.browser, suite.server.url);
    const result = await view.page.evaluate((ROSENBROCK) => {
      const { sweep, trajectory, SweepJob } = window.descent;
      let seed = 12345;
      const random = (n) => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        return seed % n;
      };
      const reasonOf = (stopped) => {
        if (stopped === null) return 0;
        if (/^converged/.test(stopped)) return 1;
        if (/^(diverged|cannot continue)/.test(stopped)) return 2;
        if (/^stopped at step/.test(stopped)) return 3;
        return -1;
      };
      const checks = [];
      const compare = (map, run, index, label) => {
        const last = run.t.length - 1;
        const ok =
          last < 0
            ? Number.isNaN(map.error[index]) && map.t[index] === 0 && map.stop[index] === 3
            : Object.is(run.w1[last], map.w1[index]) &&
              Object.is(run.w2[last], map.w2[index]) &&
              Object.is(run.error[last], map.error[index]) &&
              last === map.t[index] &&
              reasonOf(run.stopped) === map.stop[index];
        checks.push({ label, index, ok, stop: map.stop[index] });
      };
      const common = { optimizer: 'rmsprop', lr: 0.01, steps: 300, tol: 1e-3 };
      const cases = [
        { function: ROSENBROCK, view: [-2, 2, -1, 3], grid: [20, 15] },
        { function: 'sqrt(w1) + w2^2', view: '-1,3,-1,1', grid: 8, lr: 0.3 },
        { function: 'exp(w1^2) + w2^2', view: '-4,4,-1,1', grid: 6, optimizer: 'gd', lr: 0.5, tol: 0 },
      ];
      for (const extra of cases) {
        const config = { kind: 'starts', ...common, ...extra };
        const map = sweep(config);
        const cells = map.start1.length;
        for (let k = 0; k < 8; k++) {
          const index = random(cells);
          const { kind, view, grid, ...run } = config;
          compare(map, trajectory({ ...run, start: [map.start1[index], map.start2[index]] }), index, `starts ${extra.function}`);
        }
      }
      const params = { kind: 'params', function: ROSENBROCK, optimizer: 'adam', start: [-1.5, 2], x: 'lr=1e-3:1:log', y: 'beta1=0:0.99', grid: 10, steps: 200, tol: 1e-2 };
      const map = sweep(params);
      for (let k = 0; k < 8; k++) {
        const index = random(map.x.length);
        const { kind, x, y, grid, ...run } = params;
        compare(map, trajectory({ ...run, lr: map.x[index], beta1: map.y[index] }), index, 'params');
      }
      // The worker's path: SweepJob in chunks gives sweep()'s columns.
      const job = new SweepJob(params);
      let chunks = 0;
      while (!job.advance(5000)) chunks++;
      const chunked = job.result();
      job.free();
      const same = map.columns.every((c) => map[c].every((v, i) => Object.is(v, chunked[c][i])));
      const errors = [];
      for (const bad of [{ kind: 'starts', view: '1,0,0,1' }, { kind: 'starts', view: '-1,1,-1,1', grid: 2000 }, { kind: 'params', x: 'lr=1:0.1', y: 'beta=0:1' }, { kind: 'maze' }]) {
        try {
          sweep(bad);
          errors.push('no error');
        } catch (error) {
          errors.push(error.message);
        }
      }
      return { checks, columns: map.columns, stopReasons: map.stopReasons, grid: map.grid, chunks, same, errors };
    }, ROSENBROCK);
    const failed = result.checks.filter((c) => !c.ok);
    assert.deepEqual(failed, [], JSON.stringify(failed));
    const stops = new Set(result.checks.map((c) => c.stop));
    assert.ok(stops.size >= 3, `several stop reasons were compared: ${[...stops]}`);
    assert.deepEqual(result.columns, ['x', 'y', 'w1', 'w2', 'error', 't', 'stop']);
    assert.deepEqual(result.stopReasons, ['converged', 'diverged', 'undefined']);
    assert.deepEqual(result.grid, [10, 10]);
    assert.ok(result.chunks > 3 && result.same, `SweepJob in ${result.chunks} chunks equals sweep()`);
    assert.match(result.errors[0], /^`view` must be four finite numbers/);
    assert.match(result.errors[1], /^`grid` must be N or N,M/);
    assert.match(result.errors[2], /^`x` must have MIN < MAX, not `lr=1:0.1`/);
    assert.match(result.errors[3], /kind/);
    assert.deepEqual(view.errors, []);
    await view.close();
  });

  test('a map computes with a progress bar; Cancel stops it; typing meanwhile answers at once and restarts it', async () => {
    const view = await openExplorer(suite.browser, suite.server.url);
    const { page } = view;
    assert.equal(await page.isHidden('#sweep'), true, 'no map until asked for');
    // 128 × 128 starts × 6000 steps: about 10⁸ steps, seconds of work for the worker.
    await setInput(page, '#steps', '6000');
    await setInput(page, '#sweep-grid', '128');
    await page.click('#sweep-draw');
    const progress = page.getByRole('progressbar', { name: 'Computing the map' });
    await progress.waitFor({ state: 'visible', timeout: 10_000 });
    await page.waitForFunction(() => window.descent.sweepState().done > 0, null, { timeout: 30_000 });
    const first = await page.evaluate(() => window.descent.sweepState());
    assert.equal(first.computing, true);
    assert.equal(first.total, 128 * 128);
    assert.ok(Number(await progress.getAttribute('value')) > 0, 'the bar moved');
    assert.match(await page.textContent('#sweep-progress-text'), /% \(\d+ of 16384 cells\)/);
    await saveScreenshot(page, 'maps-progress.png');

    // Typing into the function field while the worker computes: the field answers at once,
    // and the map restarts for the new function.
    await page.evaluate(() => {
      const field = document.getElementById('function');
      window.__latency = [];
      field.addEventListener('keydown', () => (window.__keydown = performance.now()), true);
      document.addEventListener('input', (event) => {
        if (event.target !== field) return;
        const handled = performance.now();
        requestAnimationFrame(() =>
          window.__latency.push({ handled: handled - window.__keydown, painted: performance.now() - window.__keydown }),
        );
      });
    });
    await page.focus('#function');
    await page.keyboard.press('End');
    await page.keyboard.type(' + 1', { delay: 30 });
    await page.waitForFunction(() => window.__latency.length === 4);
    const latency = await page.evaluate(() => window.__latency);
    console.log(`input latency while a map computes (ms): ${JSON.stringify(latency.map((l) => [l.handled.toFixed(1), l.painted.toFixed(1)]))}`);
    assert.equal(await page.inputValue('#function'), '3*w1^2 + 10*w2^2 + 1');
    for (const { handled, painted } of latency) {
      assert.ok(handled < 250 && painted < 500, `the field answered in ${handled.toFixed(1)} ms (painted ${painted.toFixed(1)} ms)`);
    }
    const restarted = await page.evaluate(() => window.descent.sweepState());
    assert.ok(restarted.jobs > first.jobs, `the map restarted: jobs ${first.jobs} → ${restarted.jobs}`);
    assert.equal(restarted.computing, true);

    // Cancel: the bar goes, no result arrives, the worker stays ready for the next map.
    await page.click('#sweep-cancel');
    const cancelled = await page.evaluate(() => window.descent.sweepState());
    assert.equal(cancelled.computing, false);
    assert.equal(await progress.isHidden(), true);
    assert.match(await page.textContent('#sweep-status'), /^Map cancelled/);
    await page.waitForTimeout(500);
    const later = await page.evaluate(() => window.descent.sweepState());
    assert.deepEqual([later.computing, later.frame, later.jobs], [false, null, cancelled.jobs], 'nothing arrived after Cancel');
    await setInput(page, '#sweep-grid', '16');
    const done = await mapDone(page);
    assert.equal(done.jobs, cancelled.jobs + 1);
    assert.match(await page.textContent('#sweep-status'), /^Map of 16×16 start points, RMSProp from each/);
    assert.deepEqual(view.errors, []);
    assert.deepEqual(view.failedRequests, []);
    await view.close();
  });

  test('a click on a basin map cell loads its start; the run ends where the map says', async () => {
    const view = await openExplorer(suite.browser, `${suite.server.url}?v=1&preset=rosenbrock&lr=0.01&steps=200&tol=1e-3&kind=starts&grid=16`);
    const { page } = view;
    const state = await mapDone(page);
    assert.deepEqual(state.grid, [16, 16]);
    const map = await readMap(page);
    for (const [i, j] of [[11, 5], [2, 13]]) {
      const index = j * 16 + i;
      await page.click('#sweep', { position: cellCentre(state.frame, state.grid, i, j) });
      const ends = await trajectoryEndsAt(page, map, index);
      assert.deepEqual(ends.start, [map.start1[index], map.start2[index]]);
      assert.ok(ends.same, JSON.stringify(ends));
      assert.match(await page.textContent('#sweep-status'), /^Loaded the run with start w\(0\) = /);
    }
    await page.hover('#sweep', { position: cellCentre(state.frame, state.grid, 3, 3) });
    assert.match(await page.textContent('#sweep-tooltip'), /start w\(0\) = .*\nends at w = .* with E = /);
    // The keyboard: focus the map, move the cursor, Enter loads that cell.
    await page.focus('#sweep');
    for (const key of ['ArrowRight', 'ArrowUp', 'Enter']) await page.keyboard.press(key);
    const cursor = (await page.evaluate(() => window.descent.sweepState())).cursor;
    assert.equal(cursor, 4 * 16 + 4, 'from (3, 3) one right and one up');
    assert.ok((await trajectoryEndsAt(page, map, cursor)).same);
    await saveScreenshot(page, 'maps-basin.png');
    assert.deepEqual(view.errors, []);
    await view.close();
  });

  test('a click on a map of hyperparameters loads both values', async () => {
    const url = `${suite.server.url}?v=1&preset=rosenbrock&optimizer=adam&steps=150&kind=params&grid=12&x=lr%3D1e-3%3A1%3Alog&y=beta1%3D0%3A0.99&show=stop&tol=1e-2`;
    const view = await openExplorer(suite.browser, url);
    const { page } = view;
    const state = await mapDone(page);
    assert.equal(state.kind, 'params');
    assert.equal(await page.inputValue('#sweep-x'), 'lr');
    assert.equal(await page.inputValue('#sweep-x-range'), '0.001:1:log');
    assert.equal(await page.inputValue('#sweep-y'), 'beta1');
    const map = await readMap(page);
    const [i, j] = [9, 4];
    const index = j * 12 + i;
    await page.click('#sweep', { position: cellCentre(state.frame, state.grid, i, j) });
    assert.equal(Number(await page.inputValue('#lr')), map.x[index]);
    assert.equal(Number(await page.inputValue('#beta1')), map.y[index]);
    const ends = await trajectoryEndsAt(page, map, index);
    assert.ok(ends.same, JSON.stringify(ends));
    // Loading the swept values leaves the map as it is: no new job.
    const after = await page.evaluate(() => window.descent.sweepState());
    assert.deepEqual([after.jobs, after.stale, after.computing], [state.jobs, false, false]);
    await saveScreenshot(page, 'maps-params.png');
    assert.deepEqual(view.errors, []);
    await view.close();
  });

  test("a sharpness map colours where constant-η RMSProp ends on its edge; each cell is its run's last-row sharpness ÷ threshold", async () => {
    const keys = 'preset=article&optimizer=rmsprop&steps=2000&kind=params&grid=12&x=lr%3D1e-3%3A0.5%3Alog&y=beta%3D0.5%3A0.99';
    const view = await openExplorer(suite.browser, `${suite.server.url}?v=1&${keys}&show=sharpness`);
    const { page } = view;
    const state = await mapDone(page);
    assert.equal(await page.inputValue('#sweep-show'), 'sharpness');
    const label = await page.$eval('#sweep-show option[value="sharpness"]', (o) => o.textContent);
    assert.match(label, /final sharpness ÷ threshold/);
    const map = await readMap(page);
    assert.deepEqual(map.columns.slice(7), ['pre_sharpness', 'threshold']);
    // Every cell against trajectory() with curvature from it: its last row's numbers, exactly.
    const checks = await page.evaluate((map) => {
      const { trajectory } = window.descent;
      return map.x.map((lr, index) => {
        const run = trajectory({ function: '3*w1^2 + 10*w2^2', start: [-15, 20], optimizer: 'rmsprop', steps: 2000, lr, beta: map.y[index], curvature: true });
        const last = run.t.length - 1;
        return {
          same: Object.is(run.pre_sharpness[last], map.pre_sharpness[index]) && Object.is(run.threshold[last], map.threshold[index]),
          fraction: run.pre_sharpness[last] / run.threshold[last],
        };
      });
    }, map);
    assert.ok(checks.every((c) => c.same), JSON.stringify(checks.filter((c) => !c.same).slice(0, 3)));
    const fractions = checks.map((c) => c.fraction);
    const onEdge = fractions.filter((f) => Math.abs(f - 1) < 0.01).length;
    assert.ok(onEdge > fractions.length / 2, `most runs end on their edge: ${fractions}`);
    // The colours: near-white on the edge, blue far below it (η = 10⁻³ has not got there).
    const pixel = async (i, j) => {
      const at = cellCentre(state.frame, state.grid, i, j);
      return page.evaluate(([x, y]) => {
        const canvas = document.getElementById('sweep-raster');
        const ratio = canvas.width / canvas.getBoundingClientRect().width;
        return Array.from(canvas.getContext('2d').getImageData(Math.round(x * ratio), Math.round(y * ratio), 1, 1).data);
      }, [at.x, at.y]);
    };
    const edge = fractions.findIndex((f) => Math.abs(f - 1) < 0.01);
    const [r, g, b] = await pixel(edge % 12, Math.floor(edge / 12));
    assert.ok(Math.min(r, g, b) > 220, `near-white on the edge: ${[r, g, b]}`);
    assert.ok(fractions[0] < 0.5, `${fractions[0]}`);
    const low = await pixel(0, 0);
    assert.ok(low[2] > low[0] + 40, `blue below it: ${low}`);
    // Hovering a cell reads its value.
    const at = cellCentre(state.frame, state.grid, edge % 12, Math.floor(edge / 12));
    await page.hover('#sweep', { position: at });
    await page.waitForSelector('#sweep-tooltip:not([hidden])');
    const tip = await page.textContent('#sweep-tooltip');
    const read = Number(/final sharpness ÷ threshold = ([\d.e−-]+)/.exec(tip)?.[1]);
    assert.ok(Math.abs(read - fractions[edge]) < 1e-3, `${tip} against ${fractions[edge]}`);
    await page.locator('#sweep-figure .figure').screenshot({ path: outputPath('maps-sharpness.png') });
    // Another colouring (error, the default: out of the link) redraws the map computed with
    // curvature; it does not compute again.
    await page.selectOption('#sweep-show', 'error');
    await page.waitForFunction(() => !new URLSearchParams(location.search).has('show'), null, { timeout: 5000 });
    const after = await page.evaluate(() => window.descent.sweepState());
    assert.deepEqual([after.jobs, after.stale, after.computing], [state.jobs, false, false]);
    // The link reopens the same sharpness map.
    const again = await openExplorer(suite.browser, `${suite.server.url}?v=1&${keys}&show=sharpness`);
    await mapDone(again.page);
    assert.deepEqual(await readMap(again.page), map, 'the same map, cell for cell');
    assert.deepEqual([...view.errors, ...again.errors], []);
    await again.close();
    await view.close();
  });

  test('compare mode ranks the runs in an accessible race table', async () => {
    const view = await openExplorer(suite.browser, `${suite.server.url}?v=1&compare=gd,momentum,adam,nesterov&steps=3000&tol=1e-3&gd.lr=1`);
    const { page } = view;
    assert.equal(await page.isVisible('#race'), true);
    assert.match(await page.textContent('#race caption'), /^Race/);
    const rows = await page.$$eval('#race-body tr', (trs) =>
      trs.map((tr) => [...tr.children].map((c) => [c.localName, c.getAttribute('scope'), c.textContent])),
    );
    assert.equal(rows.length, 4);
    assert.ok(rows.every((r) => r[1][0] === 'th' && r[1][1] === 'row'), 'the optimizer names the row');
    // The same order from the runs themselves: converged by steps, then the rest by final E,
    // failed runs last.
    const expected = await page.evaluate(() =>
      window.descent
        .appTrajectories()
        .map((run) => {
          const last = run.t.length - 1;
          const group = run.stopped === null ? 1 : /^converged/.test(run.stopped) ? 0 : 2;
          return { optimizer: run.optimizer, group, steps: group === 0 ? last : Infinity, error: run.error[last] };
        })
        .sort((a, b) => a.group - b.group || a.steps - b.steps || a.error - b.error)
        .map((r) => r.optimizer),
    );
    const labels = { gd: 'Gradient descent', momentum: 'Momentum', adam: 'Adam', nesterov: 'Nesterov momentum' };
    assert.deepEqual(rows.map((r) => r[1][2]), expected.map((name) => labels[name]));
    assert.deepEqual(rows.map((r) => r[0][2]), ['1', '2', '3', '4']);
    assert.match(rows[0][4][2], /^converged at step \d+/);
    assert.match(rows[3][4][2], /^diverged at step \d+/);
    assert.equal(rows[3][1][2], 'Gradient descent');
    await page.uncheck('#compare');
    assert.equal(await page.isHidden('#race'), true, 'no race outside compare mode');
    assert.deepEqual(view.errors, []);
    await view.close();
  });

  test('a map lives in the link: it reopens the same map; the map links and embeds as figure=sweep', async () => {
    const url = `${suite.server.url}?v=1&preset=himmelblau&optimizer=momentum&steps=120&kind=params&grid=10,6&y=lr%3D1e-4%3A0.05%3Alog`;
    const view = await openExplorer(suite.browser, url);
    const { page } = view;
    await mapDone(page);
    await page.selectOption('#sweep-show', 'steps');
    await page.waitForFunction(() => new URLSearchParams(location.search).get('show') === 'steps');
    const search = await page.evaluate(() => location.search);
    const params = new URLSearchParams(search);
    assert.deepEqual(
      ['kind', 'grid', 'show', 'y', 'x', 'optimizer', 'preset'].map((k) => params.get(k)),
      ['params', '10,6', 'steps', 'lr=0.0001:0.05:log', null, 'momentum', 'himmelblau'],
    );
    const before = await readMap(page);
    // The trajectory figure's next change keeps the map's keys in the link.
    await setInput(page, '#steps', '100');
    await page.waitForFunction(() => new URLSearchParams(location.search).get('steps') === '100');
    const kept = new URLSearchParams(await page.evaluate(() => location.search));
    assert.equal(kept.get('kind'), 'params');
    await setInput(page, '#steps', '120');
    await page.waitForFunction(() => new URLSearchParams(location.search).get('steps') === '120');
    await mapDone(page);
    const again = await openExplorer(suite.browser, `${suite.server.url}${search}`);
    const state = await mapDone(again.page);
    assert.deepEqual([state.kind, state.grid], ['params', [10, 6]]);
    assert.equal(await again.page.inputValue('#sweep-show'), 'steps');
    assert.deepEqual(await readMap(again.page), before, 'the same map, cell for cell');
    await again.page.click('#embed-sweep');
    const snippet = await again.page.inputValue('#embed-code');
    assert.match(snippet, /figure=sweep/);
    assert.match(snippet, /embed=1/);
    assert.match(snippet, /kind=params/);
    assert.deepEqual([...view.errors, ...again.errors], []);
    await again.close();
    await view.close();
  });

  test('an embedded map (iframe) draws the map alone', async () => {
    const view = await openPage(
      suite.browser,
      `${suite.server.url}?v=1&figure=sweep&embed=1&preset=rosenbrock&lr=0.01&grid=24&steps=200&show=stop`,
      { viewport: { width: 720, height: 760 } },
    );
    const { page } = view;
    await page.waitForFunction(() => document.body?.dataset.ready === 'true' && window.descent);
    const state = await mapDone(page);
    assert.equal(await page.$('#trajectory-figure'), null, 'only the map');
    assert.deepEqual([state.kind, state.grid], ['starts', [24, 24]], 'the link\'s map, without `kind`');
    assert.equal(await page.inputValue('#sweep-show'), 'stop');
    assert.equal(await page.isVisible('#sweep'), true);
    const ink = await page.evaluate((frame) => {
      const canvas = document.getElementById('sweep-raster');
      const ratio = canvas.width / canvas.getBoundingClientRect().width;
      const data = canvas.getContext('2d').getImageData(frame.x * ratio, frame.y * ratio, frame.width * ratio, frame.height * ratio).data;
      let opaque = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] === 255) opaque++;
      return opaque / (data.length / 4);
    }, state.frame);
    assert.ok(ink > 0.99, `the cells cover the data area: ${ink}`);
    // A click has no trajectory figure to load into: nothing happens, nothing breaks.
    await page.click('#sweep', { position: cellCentre(state.frame, state.grid, 3, 3) });
    await saveScreenshot(page, 'maps-embed.png');
    assert.deepEqual(view.errors, []);
    assert.deepEqual(view.failedRequests, []);
    await view.close();
  });

  test('the custom element draws a map, and says why it cannot', async () => {
    const view = await openPage(suite.browser, `${suite.server.url}embed-example.html`, { viewport: { width: 900, height: 1200 } });
    const { page } = view;
    await page.waitForFunction(() => document.getElementById('basin')?.dataset.ready === 'true', null, { timeout: 30_000 });
    const ink = await page.evaluate(() => {
      const canvas = document.getElementById('basin').shadowRoot.querySelector('canvas');
      const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      let coloured = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i] !== data[i + 1] || data[i + 1] !== data[i + 2]) coloured++;
      return coloured;
    });
    assert.ok(ink > 20_000, `the map is drawn: ${ink} coloured pixels`);
    const message = await page.evaluate(async () => {
      const element = document.getElementById('basin');
      element.setAttribute('kind', 'params');
      element.setAttribute('optimizer', 'gd');
      await new Promise((resolve) => setTimeout(resolve, 300));
      return element.shadowRoot.querySelector('p').textContent;
    });
    assert.match(message, /needs a second hyperparameter, and gd has only lr/);
    assert.deepEqual(view.errors, []);
    await view.close();
  });

  test("hostile values for grid, x and y show the core's messages at their controls", async () => {
    const view = await openExplorer(suite.browser, `${suite.server.url}?v=1&kind=params&grid=8&steps=50`);
    const { page } = view;
    await mapDone(page);
    const jobs = (await page.evaluate(() => window.descent.sweepState())).jobs;
    const cases = [
      ['#sweep-grid', '0', '#sweep-grid-error', /^`grid` must be N or N,M: whole numbers of cells from 1 to 1024/],
      ['#sweep-grid', '<img src=x onerror=alert(1)>', '#sweep-grid-error', /not `<img src=x onerror=alert\(1\)>`$/],
      ['#sweep-x-range', '1:0.1', '#sweep-x-error', /^`x` must have MIN < MAX, not `lr=1:0.1`$/],
      ['#sweep-y-range', '0:0.5:log', '#sweep-y-error', /^`y` is a log axis, whose MIN must be > 0/],
      ['#sweep-y-range', '0:1.5', '#sweep-y-error', /^`y` range: `beta` must be in \[0, 1\], not 1\.5$/],
      ['#sweep-y-range', 'nope', '#sweep-y-error', /^`y` must be KEY=MIN:MAX or KEY=MIN:MAX:log/],
    ];
    for (const [field, value, message, pattern] of cases) {
      await setInput(page, field, value);
      assert.match(await page.textContent(message), pattern, `${field} = ${value}`);
      assert.equal(await page.getAttribute(field, 'aria-invalid'), 'true');
    }
    assert.equal(await page.$('#sweep-figure img'), null, 'a value is text, never markup');
    // Too much work for one map: the core's limit, at the grid.
    await setInput(page, '#sweep-x-range', '1e-5:10:log');
    await setInput(page, '#sweep-y-range', '0:1');
    await setInput(page, '#steps', '10000');
    const before = await mapDone(page);
    assert.equal(before.jobs, jobs + 1, 'one job: the valid change of steps in between');
    await setInput(page, '#sweep-grid', '1024');
    assert.match(await page.textContent('#sweep-grid-error'), /^`grid` 1024×1024 = 1048576 cells of 10000 steps .* at most 100000000/);
    const state = await page.evaluate(() => window.descent.sweepState());
    assert.deepEqual([state.computing, state.jobs, state.grid], [false, before.jobs, [8, 8]], 'no map from invalid input');
    assert.deepEqual(view.errors, []);
    await view.close();
  });
});
