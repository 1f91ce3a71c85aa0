// Noise, data sets and schedules on the page (issue 10), through the controls a visitor uses:
// a data set draws its loss surface and the data panel; pasted and uploaded CSV with its
// messages (a bad line named at the field, the row limit) keeping the last good figure; seeds;
// noise 0 with the full batch is the noiseless run; the ghost; the η(t) strip; the training
// presets; links that carry a data set by name or inline; the gradient cloud on hover; and the
// JS API giving the CLI's numbers (the `descent` binary, built by cargo, run from here).

import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startSuite } from './support/suite.mjs';
import { canvasHash, openExplorer, screenOf, setInput, settledUrl, surfaceFrame } from './support/explorer.mjs';
import { buildCli, flags, runCli } from './support/cli.mjs';

/** The run the explorer shows, as plain arrays per column. */
function shownRun(page) {
  return page.evaluate(() => {
    const t = window.descent.appTrajectory();
    return Object.fromEntries(t.columns.map((c) => [c, Array.from(t[c])]));
  });
}

/** The JS API's run of `config`, as plain arrays per column. */
function apiRun(page, config) {
  return page.evaluate((config) => {
    const t = window.descent.trajectory(config);
    return Object.fromEntries(t.columns.map((c) => [c, Array.from(t[c])]));
  }, config);
}

/** Sets the paste field's text and fires `input` (what pasting does). */
function paste(page, text) {
  return setInput(page, '#data-text', text);
}

/** Runs `descent trajectory ARGS…` and returns its CSV as columns. */
async function cli(args) {
  const stdout = await runCli(['trajectory', ...args]);
  const [header, ...rows] = stdout.trim().split('\n');
  const columns = header.split(',');
  const values = rows.map((r) => r.split(',').map(Number));
  return Object.fromEntries(columns.map((c, k) => [c, values.map((r) => r[k])]));
}

describe('noise, data sets and schedules on the page', () => {
  const suite = startSuite();
  const open = (query = '') => openExplorer(suite.browser, `${suite.server.url}${query}`, { reducedMotion: 'reduce' });

  before(async () => {
    // The CLI comparison needs the binary; build it once before the tests (a no-op when built).
    await buildCli();
  });

  test('a data set draws its loss surface and the data panel, and None brings the function back', async () => {
    const view = await open();
    const { page } = view;
    assert.equal(await page.isHidden('#data-panel'), true);
    assert.equal(await page.isHidden('#model-row'), true, 'no model without data');
    assert.equal(await page.isHidden('#param-batch'), true, 'no batches without data');
    const surfaceBefore = await canvasHash(page, 'surface-raster');
    await page.selectOption('#data', 'line');
    assert.equal(await page.isVisible('#data-panel'), true);
    assert.equal(await page.isVisible('#model-row'), true);
    assert.equal(await page.isVisible('#param-batch'), true);
    assert.equal(await page.inputValue('#model'), 'linear');
    assert.equal(await page.inputValue('#batch'), '50', 'the full batch of 50 points');
    assert.match(await page.textContent('#data-help'), /50 points on the line y = 2x − 1/);
    assert.notEqual(await canvasHash(page, 'surface-raster'), surfaceBefore, 'the full-batch loss');
    const frame = await page.evaluate(() => window.descent.dataFrame());
    assert.ok(frame && frame.width > 200 && frame.xRange[0] < -2 && frame.xRange[1] > 2, JSON.stringify(frame));
    const run = await shownRun(page);
    assert.deepEqual([run.w1[0], run.w2[0]], [0, 0], 'a data run starts at 0,0');
    assert.deepEqual(run, await apiRun(page, { data: 'line' }));
    // The surface's view holds the path.
    const surface = await surfaceFrame(page);
    assert.ok(run.w1.every((w) => w >= surface.xRange[0] && w <= surface.xRange[1]));
    // The model follows the scrubber: the fits layer changes with the position.
    const fitsAtEnd = await canvasHash(page, 'data-fits');
    await setInput(page, '#scrubber', '3');
    assert.notEqual(await canvasHash(page, 'data-fits'), fitsAtEnd);
    assert.equal(await page.inputValue('#function'), '', 'the function field says the data is fitted');
    await page.selectOption('#data', 'none');
    assert.equal(await page.isHidden('#data-panel'), true);
    assert.equal(await page.inputValue('#function'), '3*w1^2 + 10*w2^2');
    assert.deepEqual(await shownRun(page), await apiRun(page, {}));
    // A logistic set takes its own model, and the model select switches it.
    await page.selectOption('#data', 'overlap');
    assert.equal(await page.inputValue('#model'), 'logistic');
    await page.selectOption('#model', 'linear');
    assert.deepEqual(await shownRun(page), await apiRun(page, { data: 'overlap', model: 'linear' }));
    assert.deepEqual(view.errors, []);
    await view.close();
  });

  test('pasted CSV: a bad row is named at the field, the last good figure stays, too many rows are refused', async () => {
    const view = await open();
    const { page } = view;
    await page.selectOption('#data', 'pasted');
    assert.equal(await page.isVisible('#data-text'), true);
    assert.match(await page.textContent('#data-error'), /paste CSV with a header line/);
    await paste(page, 'x,y\n0,1\n1,3\n2,5.2\n3,6.8\n');
    assert.equal(await page.textContent('#data-error'), '');
    const good = await shownRun(page);
    assert.deepEqual(good, await apiRun(page, { data: 'inline:0,1;1,3;2,5.2;3,6.8' }));
    const surface = await canvasHash(page, 'surface-raster');
    await paste(page, 'x,y\n0,1\n1,abc\n');
    assert.equal(await page.textContent('#data-error'), 'line 3: y = `abc` is not a finite number');
    assert.equal(await page.getAttribute('#data-text', 'aria-invalid'), 'true');
    assert.deepEqual(await shownRun(page), good, 'the last good figure stays');
    assert.equal(await canvasHash(page, 'surface-raster'), surface);
    await paste(page, 'x,z\n1,2\n');
    assert.match(await page.textContent('#data-error'), /^line 1 must be the header naming the columns x and y/);
    await paste(page, `x,y\n${'1,2\n'.repeat(10_001)}`);
    assert.equal(
      await page.textContent('#data-error'),
      'more than 10000 data rows; the limit is 10000 points (use a sample of the data)',
    );
    assert.deepEqual(await shownRun(page), good);
    // The logistic model refuses targets other than 0 and 1, at the field.
    await paste(page, 'x,y\n-1,0\n1,1\n2,1\n');
    await page.selectOption('#model', 'logistic');
    assert.deepEqual(await shownRun(page), await apiRun(page, { data: 'inline:-1,0;1,1;2,1', model: 'logistic' }));
    await paste(page, 'x,y\n-1,0\n1,0.5\n');
    assert.equal(
      await page.textContent('#data-error'),
      'line 3: y = 0.5, but the logistic model needs every y to be 0 or 1',
    );
    // A file goes through the same parser.
    const dir = await mkdtemp(path.join(tmpdir(), 'descent-upload-'));
    const file = path.join(dir, 'points.csv');
    await writeFile(file, 'X,Y\r\n-2,0\r\n-1,0\r\n1,1\r\n2,1\r\n');
    await page.setInputFiles('#data-file', file);
    await page.waitForFunction(() => document.getElementById('data-text').value.startsWith('X,Y'));
    assert.equal(await page.textContent('#data-error'), '');
    assert.deepEqual(await shownRun(page), await apiRun(page, { data: 'inline:-2,0;-1,0;1,1;2,1', model: 'logistic' }));
    const bad = path.join(dir, 'bad.csv');
    await writeFile(bad, 'x,y\n1,2\n"3",<b>4</b>\n');
    await page.setInputFiles('#data-file', bad);
    await page.waitForFunction(() => document.getElementById('data-error').textContent !== '');
    assert.equal(await page.textContent('#data-error'), 'line 3: y = `<b>4</b>` is not a finite number');
    assert.equal(await page.locator('#data-error b').count(), 0, 'text, never markup');
    assert.deepEqual(view.errors, []);
    await view.close();
  });

  test('the same seed gives the same path, another seed another; noise 0 and the full batch give the noiseless run', async () => {
    const view = await open('?data=line');
    const { page } = view;
    const exact = await shownRun(page);
    assert.equal(exact.g1_used, undefined, 'exact steps add no columns');
    await setInput(page, '#noise', '2');
    await setInput(page, '#batch', '10');
    const first = await shownRun(page);
    assert.deepEqual(first, await apiRun(page, { data: 'line', noise: 2, batch: 10 }));
    assert.ok(first.g1_used, 'the gradient each step used');
    assert.notDeepEqual(first.w1, exact.w1);
    await page.click('#seed-next');
    assert.equal(await page.inputValue('#seed'), '1');
    const second = await shownRun(page);
    assert.notDeepEqual(second.w1, first.w1, 'another seed, another run');
    assert.deepEqual(second, await apiRun(page, { data: 'line', noise: 2, batch: 10, seed: 1 }));
    await setInput(page, '#seed', '0');
    assert.deepEqual(await shownRun(page), first, 'the same seed, the same run');
    await setInput(page, '#seed', '-3');
    assert.match(await page.textContent('#seed-error'), /`seed` must be a whole number from 0 to 9007199254740991/);
    await setInput(page, '#noise', '0');
    await setInput(page, '#batch', '50');
    assert.deepEqual(await shownRun(page), exact, 'noise 0 and the full batch: the noiseless run, bit for bit');
    assert.equal(await page.isHidden('#ghost-row'), true, 'no ghost for exact steps');
    assert.deepEqual(view.errors, []);
    await view.close();
  });

  test('the ghost shows the noiseless path beside the noisy one, and the cloud appears on hover', async () => {
    const view = await open('?noise=40&seed=2');
    const { page } = view;
    assert.equal(await page.isVisible('#ghost-row'), true);
    assert.deepEqual(await page.evaluate(() => window.descent.appGhostTrajectories()), []);
    const without = await canvasHash(page, 'surface-paths');
    await page.check('#ghost');
    const ghosts = await page.evaluate(() => window.descent.appGhostTrajectories().map((g) => Array.from(g.w1)));
    assert.equal(ghosts.length, 1);
    assert.deepEqual(ghosts[0], (await apiRun(page, {})).w1, 'the ghost is the run without noise');
    assert.notEqual(await canvasHash(page, 'surface-paths'), without);
    assert.match(await settledUrl(page), /ghost=1/);
    await page.uncheck('#ghost');
    assert.deepEqual(await page.evaluate(() => window.descent.appGhostTrajectories()), []);
    assert.equal(await canvasHash(page, 'surface-paths'), without);
    // Hover iteration 5: the tooltip names the gradient used and the path layer gains the cloud.
    const run = await shownRun(page);
    const frame = await surfaceFrame(page);
    await page.hover('#surface', { position: screenOf(frame, [run.w1[5], run.w2[5]]) });
    await page.waitForSelector('#tooltip:not([hidden])');
    const tip = await page.textContent('#tooltip');
    assert.match(tip, /g used = \(/);
    assert.match(tip, /dots: −g the step could have drawn\nringed: the one it drew; arrow: −∇E/);
    const hovered = await canvasHash(page, 'surface-paths');
    assert.notEqual(hovered, without);
    assert.deepEqual(view.errors, []);
    await view.close();
  });

  test('a schedule shows its own parameters and draws η(t) under the error course', async () => {
    const view = await open();
    const { page } = view;
    assert.equal(await page.isHidden('#lr-strip'), true);
    for (const key of ['gamma', 'period', 'lr_min']) assert.equal(await page.isHidden(`#param-${key}`), true, key);
    assert.equal(await page.isVisible('#param-warmup'), true, 'every schedule takes a warmup');
    await page.selectOption('#schedule', 'cosine');
    assert.equal(await page.isVisible('#lr-strip'), true);
    assert.equal(await page.isVisible('#param-lr_min'), true);
    assert.equal(await page.isHidden('#param-gamma'), true);
    assert.equal(await page.inputValue('#period'), '300', "the cosine's period is the run's steps");
    await setInput(page, '#steps', '120');
    assert.equal(await page.inputValue('#period'), '120');
    const cosine = await shownRun(page);
    assert.equal(cosine.lr[0], 0.05);
    assert.equal(cosine.lr[120], 0);
    assert.deepEqual(cosine, await apiRun(page, { schedule: 'cosine', steps: 120 }));
    assert.match(await settledUrl(page), /schedule=cosine/);
    await page.selectOption('#schedule', 'step');
    assert.equal(await page.isVisible('#param-gamma'), true);
    assert.equal(await page.isVisible('#param-period'), true);
    assert.equal(await page.isHidden('#param-lr_min'), true);
    assert.equal(await page.inputValue('#gamma'), '0.5');
    assert.equal(await page.inputValue('#period'), '100');
    await setInput(page, '#period', '50');
    const run = await shownRun(page);
    assert.deepEqual(run, await apiRun(page, { schedule: 'step', period: 50, steps: 120 }));
    assert.equal(run.lr[49], 0.05);
    assert.equal(run.lr[50], 0.025);
    await setInput(page, '#period', '0');
    assert.equal(await page.textContent('#period-error'), '`period` must be a whole number from 1 to 100000, not `0`');
    assert.deepEqual(await shownRun(page), run, 'the last valid schedule stays');
    await page.selectOption('#schedule', 'constant');
    assert.equal(await page.isHidden('#lr-strip'), true);
    assert.deepEqual(view.errors, []);
    await view.close();
  });

  test('the training presets load their scenario', async () => {
    const view = await open();
    const { page } = view;
    await page.selectOption('#preset', 'scaled-batches');
    assert.equal(await page.inputValue('#data'), 'scaled');
    assert.equal(await page.inputValue('#optimizer'), 'rmsprop');
    assert.equal(await page.inputValue('#batch'), '8');
    assert.equal(await page.inputValue('#schedule'), 'cosine');
    assert.equal(await page.inputValue('#steps'), '2000');
    assert.equal(await page.isVisible('#data-panel'), true);
    assert.equal(await page.isVisible('#lr-strip'), true);
    assert.deepEqual(
      await shownRun(page),
      await apiRun(page, { data: 'scaled', optimizer: 'rmsprop', lr: 0.003, batch: 8, schedule: 'cosine', steps: 2000 }),
    );
    await page.selectOption('#preset', 'adam-vs-sgd');
    assert.equal(await page.inputValue('#preset'), 'adam-vs-sgd');
    assert.equal(await page.isChecked('#compare'), true);
    assert.equal(await page.inputValue('#noise'), '30');
    assert.equal(await page.isHidden('#data-panel'), true);
    const runs = await page.evaluate(() => window.descent.appTrajectories().map((r) => r.optimizer));
    assert.deepEqual(runs, ['gd', 'adam']);
    // The surface presets still open what they opened, and leave the data set.
    await page.selectOption('#preset', 'rosenbrock');
    assert.equal(await page.inputValue('#data'), 'none');
    assert.equal(await page.inputValue('#function'), '(1-w1)^2 + 100*(w2-w1^2)^2');
    const linked = await open('?preset=scaled-batches');
    assert.equal(await linked.page.inputValue('#preset'), 'scaled-batches');
    assert.equal(await linked.page.inputValue('#batch'), '8');
    await linked.close();
    assert.deepEqual(view.errors, []);
    await view.close();
  });

  test('links carry a built-in data set by name and a small pasted one inline', async () => {
    const view = await open('?data=overlap&batch=10&noise=0.5&seed=3&schedule=cosine&lr_min=0.001');
    const { page } = view;
    assert.equal(await page.inputValue('#data'), 'overlap');
    assert.equal(await page.inputValue('#batch'), '10');
    assert.equal(await page.inputValue('#lr_min'), '0.001');
    const run = await shownRun(page);
    assert.deepEqual(
      run,
      await apiRun(page, { data: 'overlap', batch: 10, noise: 0.5, seed: 3, schedule: 'cosine', lr_min: 0.001 }),
    );
    await page.click('#step-back');
    const url = await settledUrl(page);
    for (const pair of ['data=overlap', 'batch=10', 'noise=0.5', 'seed=3', 'schedule=cosine', 'lr_min=0.001', 'view=']) {
      assert.ok(url.includes(pair), `${pair} in ${url}`);
    }
    const again = await openExplorer(suite.browser, url);
    assert.deepEqual(await shownRun(again.page), run);
    assert.deepEqual(await surfaceFrame(again.page).then((f) => [f.xRange, f.yRange]), await surfaceFrame(page).then((f) => [f.xRange, f.yRange]));
    await again.close();
    // A small pasted set travels inline; a large one is left out, and the page says so.
    await page.selectOption('#data', 'pasted');
    await paste(page, 'x,y\n0,0\n1,0\n2,1\n3,1\n');
    const small = await settledUrl(page);
    assert.match(decodeURIComponent(small), /data=inline:0,0;1,0;2,1;3,1/);
    const reopened = await openExplorer(suite.browser, small);
    assert.deepEqual(await shownRun(reopened.page), await shownRun(page));
    assert.equal(await reopened.page.inputValue('#data'), 'pasted');
    assert.match(await reopened.page.inputValue('#data-text'), /^x,y\n0,0\n1,0\n2,1\n3,1\n$/);
    await reopened.close();
    const rows = Array.from({ length: 250 }, (_, i) => `${i / 10},${(i % 7) / 3}`).join('\n');
    await paste(page, `x,y\n${rows}\n`);
    assert.match(await page.textContent('#data-note'), /250 points are too many for a link/);
    assert.doesNotMatch(await settledUrl(page), /data=/);
    // Bad keys in a link get a notice and the default.
    const bad = await open('?data=nope&batch=3');
    assert.match(await bad.page.textContent('#notice-text'), /unknown data set `nope`/);
    assert.equal(await bad.page.isHidden('#data-panel'), true);
    await bad.close();
    assert.deepEqual(view.errors, []);
    await view.close();
  });

  test('the JS API gives the CLI’s numbers for the same keys and seed, step by step too', async () => {
    const view = await open();
    const { page } = view;
    const configs = [
      { noise: 3, seed: 7, steps: 40 },
      { data: 'line', batch: 7, seed: 2, optimizer: 'adam', lr: 0.05, steps: 60 },
      { data: 'overlap', batch: 16, noise: 0.1, optimizer: 'momentum', convention: 'pytorch', schedule: 'cosine', warmup: 5, steps: 50 },
      { data: 'separable', optimizer: 'rmsprop', schedule: 'step', gamma: 0.7, period: 9, steps: 30 },
      { data: 'inline:1000,2;1500,4.5;2500,5', model: 'linear', optimizer: 'adamw', batch: 2, schedule: 'exponential', steps: 25 },
      // The logistic model's sums run two samples at a time on WebAssembly's f64x2 lanes, a
      // pair of f64s natively: 1101 points (odd, past the rescaling every 512) and far out.
      { data: `inline:${Array.from({ length: 1101 }, (_, i) => `${((i * 0.618) % 1) * 8 - 4},${Number(((i * 0.618) % 1) * 8 - 4 + ((i * 7) % 5) / 2 - 1 > 0)}`).join(';')}`, model: 'logistic', optimizer: 'adam', lr: 0.5, batch: 32, seed: 3, steps: 60 },
    ];
    await page.evaluate(() => {
      window.__descentSimdEvaluations = 0;
    });
    for (const config of configs) {
      const [fromCli, fromApi] = await Promise.all([cli(flags(config)), apiRun(page, config)]);
      assert.deepEqual(Object.keys(fromApi), Object.keys(fromCli), JSON.stringify(config).slice(0, 200));
      assert.deepEqual(fromApi, fromCli, JSON.stringify(config).slice(0, 200));
    }
    // The paired loop ran on the f64x2 instructions (E and ∇E once per row at least), not
    // only compiled.
    const simd = await page.evaluate(() => window.__descentSimdEvaluations);
    assert.ok(simd >= 61, `E and ∇E on f64x2 lanes: ${simd} times`);
    // The page's run of the same keys (as a link) is the same too.
    const linked = await openExplorer(suite.browser, `${suite.server.url}?data=overlap&batch=16&noise=0.1&optimizer=momentum&convention=pytorch&schedule=cosine&warmup=5&steps=50`);
    assert.deepEqual(await shownRun(linked.page), await cli(flags(configs[2])));
    await linked.close();
    // step() continues the noise and the batches: chained steps equal the whole run.
    const chained = await page.evaluate(() => {
      const config = { data: 'line', batch: 8, noise: 0.5, seed: 4, optimizer: 'adam', lr: 0.05 };
      const whole = window.descent.trajectory({ ...config, steps: 12 });
      let w = [0, 0];
      let state = null;
      const w1 = [0];
      for (let t = 1; t <= 12; t++) {
        ({ w, state } = window.descent.step(config, w, state));
        w1.push(w[0]);
      }
      return { chained: w1, whole: Array.from(whole.w1) };
    });
    assert.deepEqual(chained.chained, chained.whole);
    // The custom element's drawing takes the training keys too.
    const drawn = await page.evaluate(() => {
      const canvas = document.createElement('canvas');
      document.body.append(canvas);
      const good = window.descent.drawFigure(canvas, { data: 'overlap', batch: 10, noise: 0.5, schedule: 'cosine' }, 400, 480, 1);
      const bad = window.descent.drawFigure(canvas, { data: 'overlap', batch: 1000 }, 400, 480, 1);
      canvas.remove();
      return { good: good.notices, surface: good.surface !== null, bad: bad.notices };
    });
    assert.deepEqual(drawn.good, []);
    assert.equal(drawn.surface, true);
    assert.deepEqual(drawn.bad, ['batch: `batch` must be a whole number from 1 to 60, not `1000`; using the default.']);
    assert.deepEqual(view.errors, []);
    await view.close();
  });
});
