// The curvature layer in headless Chromium: `curvature=1` shows the readout, the glyph at the
// marked iterate and the sharpness strip; the checkbox and the rotation slider go to the URL;
// hover and the scrubber move the readout; the element and a phone draw it; the JS API
// returns its columns.

import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, saveScreenshot } from './support/browser.mjs';
import {
  canvasHash,
  inkOf,
  openExplorer,
  pixel,
  screenOf,
  setInput,
  settledUrl,
  surfaceFrame,
} from './support/explorer.mjs';
import { startSuite } from './support/suite.mjs';

const ARTICLE_EDGE = 'curvature=1&steps=2000';

/** The readout's text, or null while it is hidden. */
function readout(page) {
  return page.evaluate(() => {
    const p = document.getElementById('curvature-readout');
    return p.hidden ? null : p.textContent;
  });
}

/** How many pixels of canvas `id` inside the CSS box `[x0, x1) × [y0, y1)` are near `rgb`. */
function pixelsNear(page, id, [x0, x1, y0, y1], rgb) {
  return page.evaluate(
    ([id, box, rgb]) => {
      const canvas = document.getElementById(id);
      const ratio = canvas.width / canvas.getBoundingClientRect().width;
      const [x, y] = [Math.round(box[0] * ratio), Math.round(box[2] * ratio)];
      const [w, h] = [Math.round((box[1] - box[0]) * ratio), Math.round((box[3] - box[2]) * ratio)];
      const data = canvas.getContext('2d').getImageData(x, y, w, h).data;
      let n = 0;
      for (let i = 0; i < data.length; i += 4) {
        const d = Math.abs(data[i] - rgb[0]) + Math.abs(data[i + 1] - rgb[1]) + Math.abs(data[i + 2] - rgb[2]);
        if (data[i + 3] > 200 && d < 60) n += 1;
      }
      return n;
    },
    [id, [x0, x1, y0, y1], rgb],
  );
}

/** The amber of a step on its edge of stability, and the teal of a stable one. */
const EDGE = [0xe6, 0x9f, 0x00];
const STABLE = [0x1b, 0x9e, 0x77];

describe('the curvature layer', () => {
  const suite = startSuite();

  test('the article\'s run ends on its edge: readout, glyph and strip', async () => {
    const view = await openExplorer(suite.browser, `${suite.server.url}?${ARTICLE_EDGE}`);
    const { page } = view;
    assert.equal(await page.isChecked('#curvature'), true);
    const text = await readout(page);
    assert.match(text, /^At t = 2000: λ1 = 20, λ2 = 6, κ = 3\.33\. Step sizes D = \(0\.333, 0\.1\): the step sees κ = 1\./);
    assert.match(text, /= 2 ≈ 2: the next step is on the edge of stability\.$/);
    assert.equal(await page.isVisible('#sharpness-strip'), true);
    assert.ok((await inkOf(page, '#sharpness-strip')).drawn > 0.05, 'the strip is drawn');
    // The glyph: at the end point (0.025, −0.025) the level ellipse, and to its right the
    // ellipse the step sees, in the edge's amber.
    const frame = await surfaceFrame(page);
    const at = screenOf(frame, [0, 0]);
    assert.ok((await pixelsNear(page, 'surface-paths', [at.x + 50, at.x + 120, at.y - 40, at.y + 40], EDGE)) > 40);
    assert.equal(await pixelsNear(page, 'surface-paths', [at.x - 120, at.x - 50, at.y - 40, at.y + 40], EDGE), 0);
    // The scrubber moves the readout: early on the step is stable, its ellipse teal.
    await setInput(page, '#scrubber', '100');
    assert.match(await readout(page), /^At t = 100: .*: the next step is stable\.$/);
    const run = await page.evaluate(() => window.descent.appTrajectory());
    const p = screenOf(frame, [run.w1[100], run.w2[100]]);
    const right = p.x + 120 < frame.x + frame.width;
    const box = right ? [p.x + 50, p.x + 120, p.y - 40, p.y + 40] : [p.x - 120, p.x - 50, p.y - 40, p.y + 40];
    assert.ok((await pixelsNear(page, 'surface-paths', box, STABLE)) > 40, 'the stable step\'s ellipse');
    // Hovering another iterate moves it there.
    await page.hover('#surface', { position: screenOf(frame, [run.w1[10], run.w2[10]]) });
    await page.waitForFunction(() => /^At t = \d:|^At t = [1-4]\d:/.test(document.getElementById('curvature-readout').textContent));
    await saveScreenshot(page, 'curvature.png');
    assert.deepEqual(view.errors, []);
    await view.close();
  });

  test('the checkbox and the rotation slider go to the link and back', async () => {
    const view = await openExplorer(suite.browser, suite.server.url);
    const { page } = view;
    assert.equal(await readout(page), null, 'off by default');
    assert.equal(await page.isHidden('#sharpness-strip'), true);
    await page.check('#curvature');
    assert.match(await readout(page), /^At t = 300: /);
    assert.match(await settledUrl(page), /[?&]curvature=1(&|$)/);
    // Turning the surface: the raster changes, the Hessian turns with it, the link says so.
    const raster = await canvasHash(page, 'surface-raster');
    // The slider's positions run 0…1000 over −180°…180°: 625 is 45°.
    await setInput(page, '#rotate-slider', '625');
    assert.equal(await page.inputValue('#rotate'), '45');
    assert.notEqual(await canvasHash(page, 'surface-raster'), raster);
    assert.match(await readout(page), /λ1 = 20, λ2 = 6/, 'the same eigenvalues, turned');
    const url = await settledUrl(page);
    assert.match(url, /[?&]rotate=45(&|$)/);
    // A bad angle says why where it was typed; the last good turn stays.
    await setInput(page, '#rotate', '400');
    assert.match(await page.textContent('#rotate-error'), /`rotate` must be degrees from -360 to 360, not 400/);
    assert.equal(await page.getAttribute('#rotate', 'aria-invalid'), 'true');
    assert.equal(await settledUrl(page), url);
    // The link reopens the same figure.
    const again = await openExplorer(suite.browser, url);
    assert.equal(await again.page.inputValue('#rotate'), '45');
    assert.equal(await again.page.isChecked('#curvature'), true);
    assert.equal(await readout(again.page), await readout(page));
    assert.equal(await canvasHash(again.page, 'surface-raster'), await canvasHash(page, 'surface-raster'));
    await page.uncheck('#curvature');
    assert.equal(await readout(page), null);
    assert.doesNotMatch(await settledUrl(page), /curvature=/);
    assert.deepEqual([...view.errors, ...again.errors], []);
    await again.close();
    await view.close();
  });

  test('the rotated bowl: the step still sees κ ≈ 20; the downloads carry the layer', async () => {
    const view = await openExplorer(suite.browser, `${suite.server.url}?preset=rotated-bowl&t=0`, { acceptDownloads: true });
    const { page } = view;
    const text = await readout(page);
    const [, seen] = text.match(/the step sees κ = (\d+(?:\.\d+)?)/) ?? [];
    assert.ok(Number(seen) > 18 && Number(seen) < 22, text);
    const save = async (id) => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.click(id)]);
      return readFileSync(await download.path()).toString();
    };
    const svg = await save('#download-svg-trajectory');
    assert.match(svg, /At t = 0: λ1 = 4, λ2 = 0\.2, κ = 20/, 'the readout in the SVG');
    assert.match(svg, /λ1\(D½HD½\)/, 'the strip in the SVG');
    const csv = (await save('#download-csv')).trim().split('\n');
    assert.match(csv[0], /,h11,h12,h22,lambda1,lambda2,pre_sharpness,threshold$/);
    assert.deepEqual(view.errors, []);
    await view.close();
  });

  test('the element, a phone and the JS API', async () => {
    const view = await openExplorer(suite.browser, suite.server.url, {
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      hasTouch: true,
      isMobile: true,
    });
    const { page } = view;
    await page.check('#curvature');
    const fit = await page.evaluate(() => ({
      width: document.documentElement.clientWidth,
      scroll: document.documentElement.scrollWidth,
      strip: document.getElementById('sharpness-strip').getBoundingClientRect().width,
    }));
    assert.ok(fit.scroll <= fit.width, `nothing scrolls sideways: ${fit.scroll} > ${fit.width}`);
    assert.ok(fit.strip > 300 && fit.strip <= fit.width, `the strip fits: ${fit.strip}`);
    await saveScreenshot(page, 'curvature-phone.png');
    // The element draws the layer when asked.
    const blog = await openPage(suite.browser, `${suite.server.url}embed-example.html`);
    await blog.page.evaluate(() => {
      for (const [id, on] of [['plain', null], ['curved', '1']]) {
        const element = document.createElement('descent-figure');
        element.id = id;
        element.setAttribute('steps', '2000');
        if (on) element.setAttribute('curvature', on);
        document.body.append(element);
      }
    });
    await blog.page.waitForFunction(
      () => ['plain', 'curved'].every((id) => document.getElementById(id).dataset.ready === 'true'),
      null,
      { timeout: 30_000 },
    );
    const [plain, curved] = [await inkOf(blog.page, '#plain'), await inkOf(blog.page, '#curved')];
    assert.notEqual(plain.hash, curved.hash);
    const amber = await blog.page.evaluate(() => {
      const canvas = document.getElementById('curved').shadowRoot.querySelector('canvas');
      const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      let n = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (Math.abs(data[i] - 0xe6) + Math.abs(data[i + 1] - 0x9f) + data[i + 2] < 60) n += 1;
      }
      return n;
    });
    assert.ok(amber > 40, `the element's glyph in the edge's amber: ${amber}`);
    assert.deepEqual(blog.errors, []);
    await blog.close();
    // The JS API: the same columns as the CLI, a switch taking true.
    const columns = await page.evaluate(() => {
      const run = window.descent.trajectory({ steps: 2000, curvature: true });
      const lion = window.descent.trajectory({ optimizer: 'lion', steps: 2, curvature: 1 });
      const last = run.t.length - 1;
      return {
        names: run.columns,
        sharpness: run.pre_sharpness[last],
        threshold: run.threshold[last],
        lion: Number.isNaN(lion.threshold[0]),
      };
    });
    assert.deepEqual(columns.names.slice(-7), ['h11', 'h12', 'h22', 'lambda1', 'lambda2', 'pre_sharpness', 'threshold']);
    assert.ok(Math.abs(columns.sharpness - 2) < 0.01, `${columns.sharpness}`);
    assert.equal(columns.threshold, 2);
    assert.equal(columns.lion, true, 'no threshold: NaN');
    assert.deepEqual(view.errors, []);
    await view.close();
  });
});
