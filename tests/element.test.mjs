// The <descent-figure> custom element and the blog-like example page: two elements share one
// wasm instance, redraw when an attribute changes, take a click as the new start, and show
// hostile attribute values as text at most.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, openPage, saveScreenshot } from './support/browser.mjs';
import { inkOf } from './support/explorer.mjs';
import { DIST_DIR } from './support/paths.mjs';
import { startServer } from './support/server.mjs';

describe('the custom element', () => {
  let server;
  let browser;
  let view;
  let page;

  before(async () => {
    server = await startServer({ root: DIST_DIR, base: '/descent/' });
    browser = await launchBrowser();
    view = await openPage(browser, `${server.url}embed-example.html`, { viewport: { width: 900, height: 1200 } });
    page = view.page;
    await page.waitForFunction(() => [...document.querySelectorAll('descent-figure')].every((e) => e.dataset.ready === 'true'), null, { timeout: 30_000 });
  });

  after(async () => {
    assert.deepEqual(view?.errors ?? [], []);
    assert.deepEqual(view?.failedRequests ?? [], []);
    await browser?.close();
    await server?.close();
  });

  test('elements on one page draw with one instance of each wasm module', async () => {
    // The main page fetched each module once (the first module for the trajectory and the
    // first steps, the engine for the basin map); the iframe (another document) loads its own.
    const mainFrameWasm = await page.evaluate(() =>
      performance.getEntriesByType('resource').filter((e) => e.name.endsWith('.wasm')).map((e) => new URL(e.name).pathname.split('/').pop()),
    );
    assert.deepEqual(mainFrameWasm.sort(), ['descent-web-engine_bg.wasm', 'descent-web_bg.wasm']);
    for (const id of ['rosenbrock', 'first-steps']) {
      const ink = await inkOf(page, `#${id}`);
      assert.ok(ink.coloured > 1000, `${id} is drawn: ${JSON.stringify(ink)}`);
    }
    await page.frameLocator('#maps').locator('body[data-ready="true"]').waitFor({ timeout: 30_000 });
    await saveScreenshot(page, 'embed-example.png');
  });

  test('an attribute change redraws; a click moves the start', async () => {
    const before = await inkOf(page, '#rosenbrock');
    await page.evaluate(() => document.getElementById('rosenbrock').setAttribute('optimizer', 'rmsprop'));
    await page.waitForTimeout(300);
    const after = await inkOf(page, '#rosenbrock');
    assert.notEqual(after.hash, before.hash);
    const box = await page.locator('#rosenbrock').boundingBox();
    await page.mouse.click(box.x + box.width * 0.45, box.y + box.width * 0.35);
    const start = await page.getAttribute('#rosenbrock', 'start');
    assert.match(start ?? '', /^-?\d+(\.\d+)?(e-?\d+)?,-?\d+(\.\d+)?(e-?\d+)?$/);
  });

  test('every attribute reaches the module; the element\'s own data-ready does not redraw it', async () => {
    await page.evaluate(() => {
      const element = document.createElement('descent-figure');
      element.id = 'every-key';
      element.setAttribute('compare', 'gd,adam');
      element.setAttribute('steps', '50');
      document.body.append(element);
    });
    await page.waitForFunction(() => document.getElementById('every-key').dataset.ready === 'true');
    // Idle: drawing sets data-ready, which must not schedule another draw.
    const readyWrites = await page.evaluate(
      () =>
        new Promise((resolve) => {
          let writes = 0;
          const observer = new MutationObserver((records) => (writes += records.length));
          observer.observe(document.getElementById('every-key'), { attributes: true });
          setTimeout(() => (observer.disconnect(), resolve(writes)), 500);
        }),
    );
    assert.equal(readyWrites, 0, 'an idle element is not redrawn');
    // `gd.lr` (another optimizer's hyperparameter in compare mode) is no fixed attribute of the
    // element: it redraws because every attribute change is passed on.
    const before = await inkOf(page, '#every-key');
    await page.evaluate(() => document.getElementById('every-key').setAttribute('gd.lr', '0.02'));
    await page.waitForTimeout(300);
    const after = await inkOf(page, '#every-key');
    assert.notEqual(after.hash, before.hash, 'gd.lr changed the figure');
    const note = await page.evaluate(() => document.getElementById('every-key').shadowRoot.querySelector('p').textContent);
    assert.equal(note, '', 'unknown attributes such as id are ignored without a notice');
  });

  test('hostile attribute values show as text at most', async () => {
    await page.evaluate(() => {
      window.__pwned = undefined;
      const element = document.createElement('descent-figure');
      element.id = 'hostile';
      element.setAttribute('function', '<img src=x onerror="window.__pwned=1">');
      element.setAttribute('lr', '"><script>window.__pwned=1</script>');
      element.setAttribute('start', 'javascript:alert(1)');
      document.body.append(element);
    });
    await page.waitForFunction(() => document.getElementById('hostile').dataset.ready === 'true');
    await page.waitForTimeout(200);
    const result = await page.evaluate(() => {
      const root = document.getElementById('hostile').shadowRoot;
      return {
        pwned: window.__pwned,
        images: root.querySelectorAll('img').length + document.querySelectorAll('img').length,
        scripts: root.querySelectorAll('script').length,
        message: root.querySelector('p').textContent,
      };
    });
    assert.equal(result.pwned, undefined);
    assert.equal(result.images, 0);
    assert.equal(result.scripts, 0);
    assert.match(result.message, /function: syntax error at column 1: unexpected `<`/);
    assert.match(result.message, /<script>window.__pwned=1<\/script>/, 'the payload shows as text');
  });
});
