// Sharing, embedding and exporting, in headless Chromium: a copied URL reproduces the same
// pixels, bad keys show a notice, an embed works in a frame of another origin, downloads are
// valid files. (Sandboxed embeds, the element on other sites and offline use: embed.test.mjs.)

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchBrowser, saveScreenshot } from './support/browser.mjs';
import { canvasHash, openExplorer, screenOf, setInput, settledUrl, surfaceFrame } from './support/explorer.mjs';
import { DIST_DIR } from './support/paths.mjs';
import { startServer } from './support/server.mjs';

/** Hashes of the given canvases. */
async function hashes(page, ids) {
  const out = {};
  for (const id of ids) out[id] = await canvasHash(page, id);
  return out;
}

describe('sharing and embedding', () => {
  let server;
  let browser;

  before(async () => {
    server = await startServer({ root: DIST_DIR, base: '/descent/' });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('trajectory: controls → URL → a fresh page draws the same pixels', async () => {
    const view = await openExplorer(browser, server.url);
    const { page } = view;
    await page.selectOption('#preset', 'rosenbrock');
    await page.selectOption('#optimizer', 'adam');
    await setInput(page, '#lr', '0.02');
    await setInput(page, '#steps', '250');
    const frame = await surfaceFrame(page);
    await page.click('#surface', { position: screenOf(frame, [-1.2, 2.2]) });
    await page.check('#log-scale');
    await page.check('#compare');
    const url = await settledUrl(page);
    assert.match(url, /[?&]v=1/);
    assert.match(url, /preset=rosenbrock/);
    assert.match(url, /optimizer=adam/);
    assert.match(url, /lr=0.02/);
    assert.match(url, /compare=/);
    assert.doesNotMatch(url, /beta1=/, 'defaults are omitted');
    const ids = ['surface-raster', 'surface-axes', 'surface-paths', 'course'];
    const before = await hashes(page, ids);
    const fresh = await openExplorer(browser, url);
    assert.deepEqual(await hashes(fresh.page, ids), before);
    assert.equal(await fresh.page.inputValue('#lr'), '0.02');
    assert.equal(await fresh.page.isChecked('#compare'), true);
    assert.deepEqual(fresh.errors, []);
    assert.deepEqual(view.errors, []);
    await view.close();
    await fresh.close();
  });

  test('first steps and amplification: URL round trip', async () => {
    const view = await openExplorer(browser, server.url);
    const { page } = view;
    await setInput(page, '#steps-count', '6');
    await page.selectOption('#steps-b-optimizer', 'adam');
    await setInput(page, '#steps-b-params', 'lr=0.5, beta1=0.9, beta2=0.999, eps=1e-8');
    let url = await settledUrl(page);
    assert.match(url, /figure=steps/);
    assert.match(url, /steps=6/);
    assert.match(url, /optimizer=gd%2Cadam/);
    let before = await canvasHash(page, 'steps-canvas');
    let fresh = await openExplorer(browser, url);
    assert.equal(await canvasHash(fresh.page, 'steps-canvas'), before);
    await fresh.close();
    await setInput(page, '#amp-betas', '0, 0.7');
    await setInput(page, '#amp-range', '2');
    url = await settledUrl(page);
    assert.match(url, /figure=amplification/);
    assert.match(url, /beta=0%2C0.7/);
    before = await hashes(page, ['amplification-raster', 'amplification-axes']);
    fresh = await openExplorer(browser, url);
    assert.deepEqual(await hashes(fresh.page, ['amplification-raster', 'amplification-axes']), before);
    assert.deepEqual(fresh.errors, []);
    await fresh.close();
    await view.close();
  });

  test('Embed writes the iframe snippet and Copy link the URL of the figure as it is', async () => {
    const view = await openExplorer(browser, `${server.url}?v=1&optimizer=adam`);
    const { page } = view;
    await page.click('#embed-trajectory');
    assert.equal(await page.isVisible('#embed-dialog'), true);
    const snippet = await page.inputValue('#embed-code');
    assert.match(snippet, /^<iframe src="http:\/\/127\.0\.0\.1:\d+\/descent\/\?v=1&amp;optimizer=adam&amp;embed=1" width="\d+" height="\d+" title="Descent: trajectory figure"/);
    await page.click('#embed-close');
    assert.equal(await page.isVisible('#embed-dialog'), false);
    await page.click('#copy-link-amplification');
    assert.match(await page.textContent('#copied-amplification'), /Link copied: http:\/\/127\.0\.0\.1:\d+\/descent\/\?v=1&figure=amplification$/);
    assert.deepEqual(view.errors, []);
    await view.close();
  });

  test('invalid keys show a dismissible notice and the page works', async () => {
    const view = await openExplorer(browser, `${server.url}?v=1&lr=abc&beta=5&steps=-4&function=w1+%2B&bogus=1`);
    const { page } = view;
    assert.equal(await page.isVisible('#notice'), true);
    const text = await page.textContent('#notice-text');
    assert.match(text, /lr: `lr` must be a number, not `abc`; using the default/);
    assert.match(text, /beta: `beta` must be in \[0, 1\], not 5; using 1/);
    assert.match(text, /function: /);
    assert.doesNotMatch(text, /bogus/, 'unknown keys are ignored');
    assert.equal(await page.inputValue('#lr'), '0.05');
    assert.equal(await page.inputValue('#beta'), '1');
    assert.match(text, /steps: `steps` must be a whole number from 0 to 10000, not -4; using 0/);
    const t = await page.evaluate(() => window.descent.appTrajectory());
    assert.equal(t.t.length, 1, 'steps clamped to 0: the start alone');
    await page.click('#notice-close');
    assert.equal(await page.isVisible('#notice'), false);
    assert.deepEqual(view.errors, []);
    await view.close();
  });

  test('embed mode shows one figure, hides chosen controls, and works in a frame of another origin', async () => {
    const embedUrl = `${server.url}?embed=1&figure=trajectory&hide=function,optimizer`;
    const view = await openExplorer(browser, embedUrl, { viewport: { width: 700, height: 900 } });
    const { page } = view;
    assert.equal(await page.isVisible('.page-header'), false);
    assert.equal(await page.locator('#steps-figure').count(), 0);
    assert.equal(await page.locator('#amplification-figure').count(), 0);
    assert.equal(await page.isVisible('#function'), false);
    assert.equal(await page.isVisible('#optimizer'), false);
    assert.equal(await page.isVisible('#lr'), true);
    await saveScreenshot(page, 'embed.png');
    await view.close();

    // A blog on another origin (another port) whose page frames the snippet; its own CSP lets
    // it frame other sites, as a blog's would.
    const blogDir = mkdtempSync(path.join(tmpdir(), 'descent-blog-'));
    const snippet = `<iframe id="f" src="${server.url}?embed=1&figure=amplification" width="800" height="420" title="Descent"></iframe>`;
    writeFileSync(path.join(blogDir, 'post.html'), `<!doctype html><html><head><link rel="stylesheet" href="blog.css"></head><body><p>Blog text</p>${snippet}<div class="tall"></div></body></html>`);
    writeFileSync(path.join(blogDir, 'blog.css'), '.tall { height: 1500px; }');
    const blog = await startServer({ root: blogDir, base: '/blog/', csp: "default-src 'self'; frame-src *" });
    const host = await browser.newContext({ viewport: { width: 900, height: 700 } });
    const hostPage = await host.newPage();
    const errors = [];
    hostPage.on('pageerror', (e) => errors.push(e.message));
    await hostPage.goto(`${blog.url}post.html`);
    const frame = hostPage.frameLocator('#f');
    await frame.locator('body[data-ready="true"]').waitFor({ timeout: 30_000 });
    const hostOrigin = await hostPage.evaluate(() => location.origin);
    assert.notEqual(hostOrigin, new URL(server.url).origin);
    assert.equal(await frame.locator('#amplification-figure').count(), 1);
    // Wheel over the unfocused frame scrolls the host page, not the figure.
    await hostPage.mouse.move(400, 300);
    await hostPage.mouse.wheel(0, 400);
    await hostPage.waitForTimeout(300);
    assert.ok((await hostPage.evaluate(() => window.scrollY)) > 0, 'the host page scrolled');
    assert.deepEqual(errors, []);
    await host.close();
    await blog.close();
  });

  test('downloads are valid PNG, SVG, CSV and JSON files', async () => {
    const view = await openExplorer(browser, server.url, { acceptDownloads: true });
    const { page } = view;
    const save = async (id) => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.click(id)]);
      return { name: download.suggestedFilename(), bytes: readFileSync(await download.path()) };
    };
    const png = await save('#download-png-trajectory');
    assert.equal(png.name, 'descent-trajectory.png');
    assert.deepEqual([...png.bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const stack = await page.locator('#surface').boundingBox();
    assert.equal(png.bytes.readUInt32BE(16), Math.round(stack.width) * 2, 'PNG at twice the CSS width');
    const svg = (await save('#download-svg-trajectory')).bytes.toString();
    assert.match(svg, /^<svg/);
    assert.match(svg, />\s*w1\s*</);
    assert.match(svg, /E\(w\(t\)\)/);
    const csv = (await save('#download-csv')).bytes.toString().trim().split('\n');
    assert.equal(csv[0], 't,w1,w2,error,g1,g2,s1,s2');
    assert.equal(csv.length, 302);
    assert.deepEqual(csv[1].split(',').slice(0, 3), ['0', '-15', '20']);
    const json = JSON.parse((await save('#download-json')).bytes.toString());
    assert.equal(json.w1.length, 301);
    assert.equal(json.stopped, null);
    for (const figure of ['steps', 'amplification']) {
      const image = await save(`#download-png-${figure}`);
      assert.equal(image.bytes.subarray(1, 4).toString(), 'PNG');
      assert.match((await save(`#download-svg-${figure}`)).bytes.toString(), /^<svg/);
    }
    assert.deepEqual(view.errors, []);
    await view.close();
  });
});
