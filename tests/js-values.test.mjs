// The JS API answers every JS value (issue 18): for every key of `trajectory`, `sweep`,
// `SweepJob` and `drawFigure`, and every attribute of <descent-figure>, a boolean, an object,
// an array, null, NaN, ±Infinity, a BigInt, a function, a Date, a symbol, a typed array and
// huge strings either run (null counts as missing) or throw an `Error` that names the key,
// never a panic or wasm-bindgen's "unwrap_throw" text, and the module keeps giving the
// article's numbers afterwards. The keys come from the module itself (its message for an
// unknown key lists them), so a new key is covered without a change here.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startSuite } from './support/suite.mjs';
import { openExplorer } from './support/explorer.mjs';
import { openPage } from './support/browser.mjs';

/** The article's w1 after 0, 1 and 2 RMSProp steps: the module still works. */
const ARTICLE_W1 = [-15, -14.841886116992557, -14.727755788123446];

/** What no message may contain: a panic, wasm-bindgen's unwrap text, a trap. */
const BROKEN = /panicked|unwrap|RuntimeError|unreachable|undefined is not|is not a function|recursion/i;

/**
 * Runs in the page: calls `api(key, value)` for every key and every hostile value, and returns
 * what each call did: `{ key, value, outcome: 'ran' | 'error' | 'other', message }`.
 */
function probe([apiName, keys]) {
  const huge = 'x'.repeat(4 * 256 * 1024 + 1); // over the JS API's limit for a value
  const long = '9'.repeat(300_000); // under it
  const values = [
    ['true', true],
    ['false', false],
    ['{}', {}],
    ['{a:1}', { a: 1 }],
    ['Object.create(null)', Object.create(null)],
    ['[]', []],
    ['[[1,2]]', [[1, 2]]],
    ['[true]', [true]],
    ['[1,2,…] ×100', Array.from({ length: 100 }, (_, i) => i)],
    ['null', null],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['-Infinity', Number.NEGATIVE_INFINITY],
    ['-0', -0],
    ['1e308', 1e308],
    ['10n', 10n],
    ['function', () => 1],
    ['Date', new Date(0)],
    ['Symbol', Symbol('s')],
    ['Uint8Array', new Uint8Array(3)],
    ['DataView', new DataView(new ArrayBuffer(4))],
    ['Map', new Map([[1, 2]])],
    ['Promise', Promise.resolve(1)],
    ['Error', new Error('x')],
    ['""', ''],
    ['huge string', huge],
    ['long digits', long],
  ];
  const descent = window.descent;
  const apis = {
    trajectory: (config) => descent.trajectory(config),
    sweep: (config) => descent.sweep({ kind: 'starts', view: '-1,1,-1,1', grid: 2, steps: 2, ...config }),
    SweepJob: (config) => new descent.SweepJob({ kind: 'starts', view: '-1,1,-1,1', grid: 2, steps: 2, ...config }).free(),
    drawFigure: (config) => {
      const canvas = document.createElement('canvas');
      descent.drawFigure(canvas, { steps: 2, grid: 2, ...config }, 200, 200, 1);
    },
  };
  const call = apis[apiName];
  const out = [];
  for (const key of keys) {
    for (const [label, value] of values) {
      try {
        call({ [key]: value });
        out.push({ key, value: label, outcome: 'ran' });
      } catch (error) {
        const message = String(error?.message ?? error);
        out.push({
          key,
          value: label,
          outcome: error instanceof Error ? 'error' : 'other',
          message: message.length > 300 ? `${message.slice(0, 300)}…` : message,
        });
      }
    }
  }
  return out;
}

/** The keys a config of `apiName` takes, from the module's message for an unknown key. */
async function keysOf(page, apiName) {
  const message = await page.evaluate((apiName) => {
    try {
      if (apiName === 'sweep') window.descent.sweep({ kind: 'starts', zzz: 1 });
      else window.descent.trajectory({ zzz: 1 });
    } catch (error) {
      return error.message;
    }
    return '';
  }, apiName);
  const list = message.match(/the parameters are (.*)$/)?.[1] ?? message.match(/(?:takes|are) ([a-z_0-9, ]+)$/)?.[1];
  assert.ok(list, `no key list in ${JSON.stringify(message)}`);
  return list.split(/,\s*/).map((k) => k.trim()).filter(Boolean);
}

/** Checks every outcome: ran, or an Error naming the key with nothing broken in its text. */
function check(outcomes) {
  const bad = outcomes.filter(
    (o) =>
      o.outcome === 'other' ||
      (o.outcome === 'error' && (BROKEN.test(o.message) || !o.message.includes(o.key))),
  );
  assert.deepEqual(bad, [], `${bad.length} answers without an Error naming the key`);
  return outcomes.filter((o) => o.outcome === 'error').length;
}

/** The article's numbers, from the module after the hostile calls. */
function articleW1(page) {
  return page.evaluate(() => Array.from(window.descent.trajectory({}).w1.slice(0, 3)));
}

describe('the JS API answers every JS value for every key', () => {
  const suite = startSuite({ open: ({ browser, server }) => openExplorer(browser, server.url) });

  for (const apiName of ['trajectory', 'sweep', 'SweepJob', 'drawFigure']) {
    test(`${apiName}: every key, every kind of value`, async () => {
      const { page, errors } = suite.shared;
      const keys = await keysOf(page, apiName === 'trajectory' || apiName === 'drawFigure' ? 'trajectory' : 'sweep');
      assert.ok(keys.includes('lr') && keys.includes('function') && keys.includes('start'), keys.join(','));
      // drawFigure also takes the page's own keys (the element's attributes).
      if (apiName === 'drawFigure') keys.push('figure', 'preset', 'view', 'log', 'compare', 'series', 't', 'range', 'kind', 'grid', 'show');
      const outcomes = await page.evaluate(probe, [apiName, keys]);
      const refused = check(outcomes);
      assert.ok(refused > keys.length * 10, `most hostile values are refused (${refused} of ${outcomes.length})`);
      // A boolean names what the key takes.
      const lr = outcomes.find((o) => o.key === 'lr' && o.value === 'true');
      assert.match(lr.message, /`lr` must be a number \(.+\), not a boolean/);
      assert.deepEqual(await articleW1(page), ARTICLE_W1);
      assert.deepEqual(errors, []);
    });
  }

  test('step: any config, position and state', async () => {
    const { page } = suite.shared;
    const outcomes = await page.evaluate(() => {
      const hostile = [true, {}, [], [[1]], Number.NaN, Number.POSITIVE_INFINITY, 10n, () => 1, new Date(0), Symbol('s'), 'x'.repeat(1_100_000)];
      const out = [];
      for (const [name, call] of [
        ['config', (v) => window.descent.step(v, [1, 2], null)],
        ['w', (v) => window.descent.step({}, v, null)],
        ['state', (v) => window.descent.step({}, [1, 2], v)],
      ]) {
        for (const value of hostile) {
          try {
            call(value);
            out.push({ key: name, outcome: 'ran' });
          } catch (error) {
            out.push({ key: name, outcome: error instanceof Error ? 'error' : 'other', message: String(error?.message ?? error).slice(0, 300) });
          }
        }
      }
      return out;
    });
    const bad = outcomes.filter((o) => o.outcome === 'other' || (o.outcome === 'error' && BROKEN.test(o.message)));
    assert.deepEqual(bad, []);
    assert.ok(outcomes.filter((o) => o.key === 'w').every((o) => o.outcome === 'error' && /`w`/.test(o.message)));
    assert.deepEqual(await articleW1(suite.shared.page), ARTICLE_W1);
  });

  test('the element shows every hostile attribute value as a message naming the key', async () => {
    const view = await openPage(suite.browser, `${suite.server.url}embed-example.html`, { viewport: { width: 900, height: 1200 } });
    const { page } = view;
    await page.waitForFunction(() => document.getElementById('rosenbrock')?.dataset.ready === 'true', null, { timeout: 30_000 });
    const keys = await keysOf(suite.shared.page, 'trajectory');
    // Attributes are text: every JS value arrives as String(value).
    const texts = ['true', '[object Object]', '', 'NaN', 'Infinity', '-Infinity', '10', '() => 1', 'Thu Jan 01 1970', 'x'.repeat(300_000)];
    const results = await page.evaluate(
      async ([keys, texts]) => {
        const element = document.getElementById('rosenbrock');
        const message = () => element.shadowRoot.querySelector('p');
        const frame = () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
        const out = [];
        for (const key of keys) {
          for (const text of texts) {
            element.setAttribute(key, text);
            await frame();
            out.push({ key, text: text.slice(0, 20), message: message().textContent.slice(0, 300), error: message().className === 'error' });
            element.removeAttribute(key);
          }
        }
        await frame();
        return out;
      },
      [keys, texts],
    );
    const bad = results.filter((r) => BROKEN.test(r.message) || (r.message !== '' && !r.message.includes(r.key)));
    assert.deepEqual(bad, [], 'every message names its key');
    assert.ok(results.filter((r) => r.message !== '').length > keys.length * 5, 'most values get a message');
    assert.ok(await page.evaluate(() => document.getElementById('rosenbrock').dataset.ready === 'true'));
    assert.deepEqual(view.errors, []);
    await view.close();
  });
});
