// The explorer's trajectory figure in headless Chromium, served under a sub-path with the
// strict CSP: what a visitor sees and does.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, saveScreenshot } from './support/browser.mjs';
import { canvasHash, maxAlphaNear, openExplorer, pixel, screenOf, setInput, surfaceFrame } from './support/explorer.mjs';
import { DIST_DIR } from './support/paths.mjs';
import { startServer } from './support/server.mjs';

describe('the trajectory figure', () => {
  let server;
  let browser;
  let view;
  let page;

  before(async () => {
    server = await startServer({ root: DIST_DIR, base: '/descent/' });
    browser = await launchBrowser();
    view = await openExplorer(browser, server.url, { deviceScaleFactor: 2 });
    page = view.page;
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('opens on the article example with no console error', async () => {
    assert.equal(await page.inputValue('#function'), '3*w1^2 + 10*w2^2');
    assert.equal(await page.inputValue('#optimizer'), 'rmsprop');
    assert.equal(await page.inputValue('#lr'), '0.05');
    assert.equal(await page.inputValue('#beta'), '0.9');
    assert.equal(await page.inputValue('#eps'), '1e-8');
    assert.equal(await page.isHidden('#param-alpha'), true, 'momentum α is hidden for rmsprop');
    assert.match(await page.textContent('#formula'), /s ← beta·s \+ \(1−beta\)·g⊙g/);
    assert.match(await page.textContent('#status'), /RMSProp from \(-15, 20\): 300 steps/);
    await saveScreenshot(page, 'trajectory.png');
    assert.deepEqual(view.errors, []);
    assert.deepEqual(view.failedRequests, []);
  });

  test('draws the surface raster and the path where the data says', async () => {
    const frame = await surfaceFrame(page);
    assert.deepEqual(frame.xRange, [-20, 20]);
    // The raster is opaque inside the data area; the minimum (0, 0) is darker than the corner.
    const low = await pixel(page, 'surface-raster', screenOf(frame, [0, 0]));
    const high = await pixel(page, 'surface-raster', screenOf(frame, [19, 24]));
    assert.equal(low[3], 255);
    assert.equal(high[3], 255);
    assert.ok(low[0] + low[1] < high[0] + high[1], `minimum ${low} should be darker than ${high}`);
    // The path layer has ink at the start point and at later iterations, and is empty far away.
    const t = await page.evaluate(() => window.descent.appTrajectory());
    assert.equal(t.w1[0], -15);
    for (const i of [0, 10, 50]) {
      const at = screenOf(frame, [t.w1[i], t.w2[i]]);
      assert.ok((await maxAlphaNear(page, 'surface-paths', at)) > 200, `iteration ${i} is drawn`);
    }
    assert.equal(await maxAlphaNear(page, 'surface-paths', screenOf(frame, [15, -20])), 0);
    // The line at the start is dark blue (the article's colours run dark to bright blue).
    const startColour = await pixel(page, 'surface-paths', screenOf(frame, [t.w1[1], t.w2[1]]));
    assert.ok(startColour[2] > startColour[0] && startColour[2] > startColour[1], `blue at t=1: ${startColour}`);
  });

  test('a click on the surface moves the start point there', async () => {
    const frame = await surfaceFrame(page);
    const target = screenOf(frame, [10, -12]);
    await page.click('#surface', { position: target });
    const t = await page.evaluate(() => window.descent.appTrajectory());
    const spanW1 = (frame.xRange[1] - frame.xRange[0]) / frame.width;
    const spanW2 = (frame.yRange[1] - frame.yRange[0]) / frame.height;
    assert.ok(Math.abs(t.w1[0] - 10) <= 2 * spanW1, `w1(0) = ${t.w1[0]}`);
    assert.ok(Math.abs(t.w2[0] + 12) <= 2 * spanW2, `w2(0) = ${t.w2[0]}`);
    assert.ok((await maxAlphaNear(page, 'surface-paths', target)) > 200, 'the new start is drawn');
    assert.match(await page.textContent('#start'), /^\(10\.\d*|\(9\.9\d*/);
  });

  test('a slider move redraws the path but not the raster', async () => {
    const raster = await canvasHash(page, 'surface-raster');
    const paths = await canvasHash(page, 'surface-paths');
    const before = await page.evaluate(() => window.descent.appTrajectory().w1[5]);
    await setInput(page, '#lr-slider', '700');
    assert.notEqual(await page.inputValue('#lr'), '0.05');
    const after = await page.evaluate(() => window.descent.appTrajectory().w1[5]);
    assert.notEqual(after, before);
    assert.notEqual(await canvasHash(page, 'surface-paths'), paths);
    assert.equal(await canvasHash(page, 'surface-raster'), raster);
  });

  test('a bad expression shows its message and keeps the last figure', async () => {
    const raster = await canvasHash(page, 'surface-raster');
    await page.fill('#function', '3*w1^2 + ');
    assert.match(await page.textContent('#function-error'), /syntax error at column \d+/);
    assert.equal(await page.getAttribute('#function', 'aria-invalid'), 'true');
    assert.equal(await canvasHash(page, 'surface-raster'), raster);
    await page.fill('#function', 'sin(w1) + cos(w2) + x');
    assert.match(await page.textContent('#function-error'), /unknown variable `x`/);
    await page.fill('#function', '(1-w1)^2 + 100*(w2-w1^2)^2');
    assert.equal(await page.textContent('#function-error'), '');
    assert.notEqual(await canvasHash(page, 'surface-raster'), raster);
    assert.deepEqual(view.errors, []);
  });

  test('hovering a point shows its numbers', async () => {
    await page.selectOption('#preset', 'article');
    await setInput(page, '#lr', '0.05');
    const frame = await surfaceFrame(page);
    const t = await page.evaluate(() => window.descent.appTrajectory());
    await page.hover('#surface', { position: screenOf(frame, [t.w1[1], t.w2[1]]) });
    const text = await page.textContent('#tooltip');
    assert.match(text, /t = 1\b/);
    assert.match(text, /w = \(-14\.84\d*, 19\.84\d*\)/);
    assert.match(text, /s = \(810, 16000\)/);
    assert.equal(await page.isVisible('#tooltip'), true);
  });

  test('the JS API returns the article numbers', async () => {
    const result = await page.evaluate(() => {
      const t = window.descent.trajectory({ optimizer: 'rmsprop', lr: 0.05, beta: 0.9, eps: 1e-8, start: [-15, 20], steps: 2 });
      const s = window.descent.step({ optimizer: 'rmsprop' }, [-15, 20], null);
      const s2 = window.descent.step({ optimizer: 'rmsprop' }, s.w, s.state);
      let error = null;
      try {
        window.descent.trajectory({ optimizer: 'adam', beta: 0.9 });
      } catch (e) {
        error = e.message;
      }
      let stateError = null;
      try {
        window.descent.step({ optimizer: 'rmsprop' }, [-15, 20], { t: 1, s1: NaN, s2: 1 });
      } catch (e) {
        stateError = e.message;
      }
      return { t, s, s2, error, stateError, isArray: t.w1 instanceof Float64Array, columns: t.columns };
    });
    assert.equal(result.isArray, true);
    assert.deepEqual(result.columns, ['t', 'w1', 'w2', 'error', 'g1', 'g2', 's1', 's2']);
    assert.ok(Math.abs(result.t.w1[1] + 14.84) < 0.005 && Math.abs(result.t.w2[1] - 19.84) < 0.005);
    assert.ok(Math.abs(result.t.w1[2] + 14.73) < 0.005 && Math.abs(result.t.w2[2] - 19.73) < 0.005);
    assert.ok(Math.abs(result.t.s1[1] - 810) < 1e-9);
    assert.equal(result.t.stopped, null);
    assert.equal(result.s.w[0], result.t.w1[1]);
    assert.equal(result.s2.w[1], result.t.w2[2]);
    assert.equal(result.s2.state.t, 2);
    assert.ok(Math.abs(result.s2.state.s1 - result.t.s1[2]) < 1e-9);
    assert.equal(result.error, '`beta` is not a hyperparameter of adam, which takes lr, beta1, beta2, eps');
    assert.match(result.stateError, /`state` must be null or the state the previous step of rmsprop returned/);
  });

  test('a trajectory() that stops early returns only its rows, equal to the same run in full', async () => {
    // The JS API writes the columns straight into the buffer it returns, with room for every
    // step; a run that stops early is moved together. Short (interpreted) and long (a kernel,
    // stopping at about step 1900, within its first call's rows).
    for (const [steps, lr] of [[300, 0.05], [20000, 0.001]]) {
      const result = await page.evaluate(([steps, lr]) => {
        const config = { function: '3*w1^2 + 10*w2^2', optimizer: 'gd', lr, start: [-15, 20], steps };
        const full = window.descent.trajectory(config);
        const stopped = window.descent.trajectory({ ...config, tol: 1e-3 });
        const n = stopped.t.length;
        const differ = stopped.columns.filter((name) => stopped[name].some((x, k) => !Object.is(x, full[name][k])));
        const lengths = new Set(stopped.columns.map((name) => stopped[name].length));
        const buffers = new Set(stopped.columns.map((name) => stopped[name].buffer));
        return { n, full: full.t.length, differ, lengths: [...lengths], buffers: buffers.size, bytes: stopped.w1.buffer.byteLength, columns: stopped.columns.length, stopped: stopped.stopped };
      }, [steps, lr]);
      assert.match(result.stopped, /^converged/, JSON.stringify(result));
      assert.ok(result.n > (steps > 10000 ? 1024 : 1) && result.n < result.full, JSON.stringify(result));
      assert.deepEqual(result.lengths, [result.n]);
      assert.deepEqual(result.differ, []);
      // One buffer holding just the rows kept.
      assert.equal(result.buffers, 1);
      assert.equal(result.bytes, 8 * result.n * result.columns);
    }
  });
});
