// Conventions on the page (issue 9): the convention control, the form note beside the formula,
// compare entries in two conventions side by side, the first-steps figure and the custom
// element taking `convention`; and the reader's defects fixed: the example-surface select
// names the surface shown, compare mode keeps legends off the data, and the view fits the path.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startSuite } from './support/suite.mjs';
import { openExplorer, screenOf, setInput, settledUrl, surfaceFrame } from './support/explorer.mjs';

describe('conventions and the reader’s defects', () => {
  const suite = startSuite();
  const open = async (query) => openExplorer(suite.browser, `${suite.server.url}${query}`);

  test('a link with convention=pytorch opens the PyTorch form', async () => {
    const view = await open('?v=1&optimizer=rmsprop&convention=pytorch');
    const { page } = view;
    assert.equal(await page.inputValue('#convention'), 'pytorch');
    assert.match(await page.textContent('#form-note'), /^PyTorch form: torch\.optim\.RMSprop/);
    assert.match(await page.textContent('#formula'), /\(√s \+ eps\)/);
    assert.equal(await page.inputValue('#lr'), '0.01');
    assert.equal(await page.inputValue('#beta'), '0.99');
    const runs = await page.evaluate(() => window.descent.appTrajectories());
    assert.deepEqual(runs.map((r) => [r.optimizer, r.convention]), [['rmsprop', 'pytorch']]);
    // The JS API gives the same run.
    const api = await page.evaluate(() => {
      const t = window.descent.trajectory({ optimizer: 'rmsprop', convention: 'pytorch' });
      return [t.w1[300], t.w2[300]];
    });
    assert.deepEqual(api, [runs[0].w1[300], runs[0].w2[300]]);
    assert.match(await page.textContent('#status'), /^RMSProp \(PyTorch\) from/);
    assert.deepEqual(view.errors, []);
    await view.close();
  });

  test('the convention control keeps hand-set values and says which form it shows', async () => {
    const view = await open('');
    const { page } = view;
    await setInput(page, '#eps', '1e-6');
    await page.selectOption('#convention', 'keras');
    assert.equal(await page.inputValue('#lr'), '0.001', 'Keras default');
    assert.equal(await page.inputValue('#eps'), '1e-6', 'set by hand, kept');
    assert.match(await page.textContent('#form-note'), /^Keras form: keras\.optimizers\.RMSprop/);
    const url = await settledUrl(page);
    assert.match(url, /convention=keras/);
    assert.match(url, /eps=1e-6/);
    await page.selectOption('#optimizer', 'nesterov');
    await page.selectOption('#convention', 'article');
    assert.match(
      await page.textContent('#form-note'),
      /^Nesterov momentum has no Article form; showing its PyTorch form: /,
    );
    assert.deepEqual(view.errors, []);
    await view.close();
  });

  test('compare mode puts RMSProp (article) beside RMSProp (PyTorch)', async () => {
    const view = await open('?v=1&compare=rmsprop,rmsprop:pytorch,adam:keras&rmsprop:pytorch.lr=0.02');
    const { page } = view;
    const runs = await page.evaluate(() => window.descent.appTrajectories());
    assert.deepEqual(
      runs.map((r) => `${r.optimizer}:${r.convention}`),
      ['rmsprop:article', 'rmsprop:pytorch', 'adam:keras'],
    );
    for (const id of ['#compare-rmsprop', '#compare-rmsprop-pytorch', '#compare-adam-keras']) {
      assert.equal(await page.isChecked(id), true, id);
    }
    assert.equal(await page.isChecked('#compare-adam'), false);
    // Its own lr: the PyTorch run differs from a default PyTorch run.
    const defaultRun = await page.evaluate(() => window.descent.trajectory({ convention: 'pytorch' }).w1[300]);
    assert.notEqual(runs[1].w1[300], defaultRun);
    // Toggling an entry keeps the others' tokens and values in the URL.
    await page.check('#compare-gd');
    const url = decodeURIComponent(await settledUrl(page));
    assert.match(url, /compare=gd,rmsprop,rmsprop:pytorch,adam:keras/);
    assert.match(url, /rmsprop:pytorch\.lr=0\.02/);
    // The course legend names each entry (the surface has no legend over the data).
    const fresh = await openExplorer(suite.browser, url);
    const names = await fresh.page.evaluate(() => window.descent.appTrajectories().map((r) => `${r.optimizer}:${r.convention}`));
    assert.deepEqual(names, ['gd:article', 'rmsprop:article', 'rmsprop:pytorch', 'adam:keras']);
    await fresh.close();
    assert.deepEqual(view.errors, []);
    await view.close();
  });

  test('tooltips show the state and what the rule derives; downloads have the state columns', async () => {
    const view = await open('?v=1&optimizer=amsgrad&steps=20');
    const { page } = view;
    const frame = await surfaceFrame(page);
    const t = await page.evaluate(() => window.descent.appTrajectory());
    await page.hover('#surface', { position: screenOf(frame, [t.w1[0], t.w2[0]]) });
    const text = await page.textContent('#tooltip');
    assert.match(text, /^amsgrad: t = 0/);
    assert.match(text, /vmax = \(0, 0\)/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-csv')]);
    const header = readFileSync(await download.path(), 'utf8').split('\n')[0];
    assert.equal(header, 't,w1,w2,error,g1,g2,m1,m2,v1,v2,vmax1,vmax2');
    const adam = await open('?v=1&optimizer=adam&steps=20');
    const at = await adam.page.evaluate(() => window.descent.appTrajectory());
    const adamFrame = await surfaceFrame(adam.page);
    await adam.page.hover('#surface', { position: screenOf(adamFrame, [at.w1[0], at.w2[0]]) });
    // t = 0 has no bias-corrected moments; the first step has.
    assert.doesNotMatch(await adam.page.textContent('#tooltip'), /m̂/);
    assert.deepEqual(view.errors, []);
    await adam.close();
    await view.close();
  });

  test('the first-steps figure and the custom element take a convention', async () => {
    const view = await open('?v=1&figure=steps&convention=,pytorch&lr=,0.02');
    const { page } = view;
    assert.equal(await page.inputValue('#steps-b-params'), 'convention=pytorch, lr=0.02, beta=0.99, eps=1e-8');
    assert.equal(await page.textContent('#steps-b-optimizer option:checked'), 'RMSProp');
    assert.equal(await page.textContent('#steps-a-optimizer option:checked'), 'Gradient descent');
    assert.equal(await page.isHidden('#notice'), true);
    const drawn = await page.evaluate(() => {
      const canvas = document.createElement('canvas');
      const good = window.descent.drawFigure(canvas, { optimizer: 'adam', convention: 'keras' }, 400, 480, 1);
      const bad = window.descent.drawFigure(canvas, { optimizer: 'adam', convention: 'torch' }, 400, 480, 1);
      return { good: good.notices, bad: bad.notices, surface: good.surface !== null };
    });
    assert.deepEqual(drawn.good, []);
    assert.equal(drawn.surface, true);
    assert.match(drawn.bad[0], /^convention: `convention` must be one of article, pytorch, keras, optax, not `torch`/);
    assert.deepEqual(view.errors, []);
    await view.close();
  });

  test('the example-surface select names the surface shown, or a custom function', async () => {
    const view = await open('?v=1&preset=plateau');
    const { page } = view;
    assert.equal(await page.inputValue('#preset'), 'plateau');
    await setInput(page, '#function', 'w1^2 + w2^2');
    assert.equal(await page.inputValue('#preset'), 'custom');
    assert.match(await page.textContent('#preset option:checked'), /Custom/);
    await setInput(page, '#function', '(1-w1)^2 + 100*(w2-w1^2)^2');
    assert.equal(await page.inputValue('#preset'), 'rosenbrock');
    assert.deepEqual(view.errors, []);
    await view.close();
  });

  test('compare mode keeps the legend off the data', async () => {
    const view = await open('?v=1&preset=rosenbrock&compare=gd,momentum,adagrad,rmsprop,adam&steps=800');
    const { page } = view;
    const frame = await surfaceFrame(page);
    // The top-left corner of the data area, where the legend used to sit over the start point:
    // only paths (thin lines with halos) may be drawn there, no opaque legend box.
    const covered = await page.evaluate(({ x, y }) => {
      const canvas = document.getElementById('surface-paths');
      const ratio = canvas.width / canvas.getBoundingClientRect().width;
      const w = Math.round(160 * ratio);
      const h = Math.round(60 * ratio);
      const data = canvas.getContext('2d').getImageData(Math.round((x + 2) * ratio), Math.round((y + 2) * ratio), w, h).data;
      let light = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (data[i + 3] > 150 && data[i] > 230 && data[i + 1] > 230 && data[i + 2] > 230) light++;
      }
      return light / (w * h);
    }, frame);
    assert.ok(covered < 0.1, `light opaque share of the corner: ${covered}`);
    assert.deepEqual(view.errors, []);
    await view.close();
  });

  test('"Fit view to the path" frames a typed function\'s path', async () => {
    const view = await open('?v=1&function=abs(w1)%2Babs(w2)&start=3,2');
    const { page } = view;
    assert.deepEqual((await surfaceFrame(page)).xRange, [-20, 20]);
    await page.click('#fit-view');
    const frame = await surfaceFrame(page);
    const [lo, hi] = frame.xRange;
    assert.ok(lo < 0.5 && hi > 3 && hi - lo < 10, `fitted view ${frame.xRange} ${frame.yRange}`);
    assert.match(decodeURIComponent(await settledUrl(page)), /view=/);
    await page.click('#reset-view');
    assert.deepEqual((await surfaceFrame(page)).xRange, [-20, 20]);
    assert.deepEqual(view.errors, []);
    await view.close();
  });
});
