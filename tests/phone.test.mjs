// The page on phones: at 390×844 with touch, the amplification maps wrap (each at least 150
// CSS pixels wide), nothing scrolls sideways (at 360 px either), and tapping the surface sets
// the start point.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { saveScreenshot } from './support/browser.mjs';
import { startSuite } from './support/suite.mjs';
import { openExplorer, screenOf, surfaceFrame } from './support/explorer.mjs';

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, hasTouch: true, isMobile: true };

/** Elements wider than the viewport or reaching past its right edge. */
function overflowing(page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const out = [];
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > width + 0.5 && !el.closest('[hidden], dialog')) {
        out.push(`${el.tagName.toLowerCase()}#${el.id || ''}.${el.className || ''} right=${Math.round(r.right)}`);
      }
    }
    return { width, scrollWidth: document.documentElement.scrollWidth, out: out.slice(0, 10) };
  });
}

describe('the page on a phone', () => {
  const suite = startSuite();

  test('390×844 with touch: maps wrap, nothing scrolls sideways, a tap sets the start', async () => {
    const view = await openExplorer(suite.browser, suite.server.url, PHONE);
    const { page } = view;
    const fit = await overflowing(page);
    assert.ok(fit.scrollWidth <= fit.width, `scrollWidth ${fit.scrollWidth} > ${fit.width}: ${fit.out}`);
    assert.deepEqual(fit.out, []);
    const frames = await page.evaluate(() => window.descent.amplificationFrames());
    assert.equal(frames.length, 4);
    for (const f of frames) assert.ok(f.width >= 150, `map of β = ${f.beta} is ${f.width} px wide`);
    const rows = new Set(frames.map((f) => Math.round(f.y)));
    assert.ok(rows.size >= 2, `the maps wrap into rows: ${[...rows]}`);
    const height = await page.evaluate(() => document.getElementById('amplification').getBoundingClientRect().height);
    const lowest = Math.max(...frames.map((f) => f.y + f.height));
    assert.ok(lowest < height, `every map inside the figure: ${lowest} < ${height}`);
    // A tap on the surface moves the start there.
    const frame = await surfaceFrame(page);
    await page.locator('#surface').scrollIntoViewIfNeeded();
    await page.tap('#surface', { position: screenOf(frame, [8, -10]) });
    const t = await page.evaluate(() => window.descent.appTrajectory());
    const spanW1 = (frame.xRange[1] - frame.xRange[0]) / frame.width;
    assert.ok(Math.abs(t.w1[0] - 8) <= 2 * spanW1, `w1(0) = ${t.w1[0]}`);
    // The compare grid and the other figures fit too.
    await page.check('#compare');
    const compared = await overflowing(page);
    assert.deepEqual(compared.out, []);
    await saveScreenshot(page, 'phone-390.png');
    await page.locator('#amplification').scrollIntoViewIfNeeded();
    await page.screenshot({ path: (await import('./support/paths.mjs')).outputPath('phone-390-maps.png') });
    assert.deepEqual(view.errors, []);
    await view.close();
  });

  test('360 px wide: every figure and control fits', async () => {
    const view = await openExplorer(suite.browser, suite.server.url, { ...PHONE, viewport: { width: 360, height: 740 } });
    const fit = await overflowing(view.page);
    assert.ok(fit.scrollWidth <= fit.width, `scrollWidth ${fit.scrollWidth} > ${fit.width}: ${fit.out}`);
    assert.deepEqual(fit.out, []);
    const frames = await view.page.evaluate(() => window.descent.amplificationFrames());
    for (const f of frames) assert.ok(f.width >= 150, `map of β = ${f.beta} is ${f.width} px wide`);
    assert.deepEqual(view.errors, []);
    await view.close();
  });
});
