// The other figures and features of the page in headless Chromium: the first steps (Figure 1),
// the amplification maps (Figure 3), compare mode and playback on the trajectory figure.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { saveScreenshot } from './support/browser.mjs';
import { canvasHash, maxAlphaNear, openExplorer, pixel, screenOf, setInput, surfaceFrame } from './support/explorer.mjs';
import { openQuietExplorer, startSuite } from './support/suite.mjs';

describe('the other figures', () => {
  const suite = startSuite({ open: openQuietExplorer });
  let view;
  let page;

  before(async () => {
    view = suite.shared;
    page = view.page;
  });

  after(async () => {
    assert.deepEqual(view?.errors ?? [], []);
  });

  test('first steps: drawn, and the tooltips show the article numbers', async () => {
    await page.locator('#first-steps').scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'page-full.png');
    const frame = await page.evaluate(() => window.descent.stepsFrame());
    assert.ok(frame && frame.width > 100, JSON.stringify(frame));
    const hoverText = async (w) => {
      await page.hover('#first-steps', { position: screenOf(frame, w) });
      return page.textContent('#steps-tooltip');
    };
    const adaptive1 = await hoverText([-14.841886, 19.841886]);
    assert.match(adaptive1, /RMSProp.*t = 1/);
    assert.match(adaptive1, /w = \(-14\.84\d*, 19\.84\d*\)/);
    assert.match(adaptive1, /s\(1\) = \(810, 16000\)/);
    const adaptive2 = await hoverText([-14.727756, 19.727611]);
    assert.match(adaptive2, /w = \(-14\.72\d*, 19\.72\d*\)/);
    const classic1 = await hoverText([-14.91, 19.6]);
    assert.match(classic1, /gradient descent.*t = 1/i);
    assert.match(classic1, /w = \(-14\.91, 19\.6\)/);
    assert.match(classic1, /∇E\(w\) = \(-89\.46, 392\)/);
    // Editable: more steps redraw the figure; a bad parameter shows where it was typed.
    const before = await canvasHash(page, 'steps-canvas');
    await setInput(page, '#steps-count', '5');
    assert.notEqual(await canvasHash(page, 'steps-canvas'), before);
    await setInput(page, '#steps-b-params', 'lr=0.05, beta=2, eps=1e-8');
    assert.equal(await page.textContent('#steps-b-error'), '`beta` must be in [0, 1], not 2');
    assert.equal(await page.textContent('#steps-a-error'), '');
    await setInput(page, '#steps-b-params', 'lr=0.05, beta=0.9, eps=1e-8');
    assert.equal(await page.textContent('#steps-b-error'), '');
  });

  test('amplification: four maps, red where amplified and blue where attenuated; β slider', async () => {
    const frames = await page.evaluate(() => window.descent.amplificationFrames());
    assert.deepEqual(frames.map((f) => f.beta), [0, 0.5, 0.9, 0.99]);
    const first = frames[0];
    // β = 0: small g2 amplified (red), large |g2| attenuated (blue).
    const small = await pixel(page, 'amplification-raster', screenOf(first, [0.5, 0.3]));
    const large = await pixel(page, 'amplification-raster', screenOf(first, [0.5, -3.5]));
    assert.ok(small[0] > small[2], `red near the origin: ${small}`);
    assert.ok(large[2] > large[0], `blue at large |g2|: ${large}`);
    await page.hover('#amplification', { position: screenOf(first, [1, 2]) });
    const text = await page.textContent('#amplification-tooltip');
    assert.match(text, /β = 0\n/);
    const value = (name) => Number(text.match(new RegExp(`${name} = (\\S+)`))[1]);
    assert.ok(Math.abs(value('g1') - 1) < 0.05 && Math.abs(value('g2') - 2) < 0.05, text);
    // β = 0: v(2) = g2/√(g2² + ε), so C_a = |v(2)| − |g2| ≈ 1 − g2.
    assert.ok(Math.abs(value('C_a') - (1 - value('g2'))) < 1e-4, text);
    const raster = await canvasHash(page, 'amplification-raster');
    await setInput(page, '#amp-beta-slider', '500');
    assert.equal(await page.inputValue('#amp-betas'), '0, 0.5, 0.9, 0.5');
    assert.notEqual(await canvasHash(page, 'amplification-raster'), raster);
    await setInput(page, '#amp-betas', '0, 2');
    assert.match(await page.textContent('#amp-betas-error'), /`beta` must be in \[0, 1\], not 2/);
    await setInput(page, '#amp-betas', '0, 0.5, 0.9, 0.99');
    assert.equal(await page.textContent('#amp-betas-error'), '');
  });

  test('compare mode draws one path per optimizer in its own colour', async () => {
    await page.locator('#trajectory-figure').scrollIntoViewIfNeeded();
    await page.check('#compare');
    const runs = await page.evaluate(() => window.descent.appTrajectories().map((r) => ({ optimizer: r.optimizer, w1: Array.from(r.w1), w2: Array.from(r.w2) })));
    assert.deepEqual(runs.map((r) => r.optimizer).sort(), ['adam', 'gd', 'rmsprop']);
    const frame = await surfaceFrame(page);
    for (const run of runs) {
      const t = Math.min(40, run.w1.length - 1);
      assert.ok((await maxAlphaNear(page, 'surface-paths', screenOf(frame, [run.w1[t], run.w2[t]]))) > 200, `${run.optimizer} drawn`);
    }
    await page.check('#compare-momentum');
    assert.equal(await page.evaluate(() => window.descent.appTrajectories().length), 4);
    // A click restarts them all from the new start.
    await page.click('#surface', { position: screenOf(frame, [5, 5]) });
    const starts = await page.evaluate(() => window.descent.appTrajectories().map((r) => [r.w1[0], r.w2[0]]));
    assert.equal(new Set(starts.map((s) => s.join())).size, 1);
    await saveScreenshot(page, 'compare.png');
    await page.uncheck('#compare');
    assert.equal(await page.evaluate(() => window.descent.appTrajectories().length), 1);
  });

  test('playback moves the highlighted iteration, and nothing plays by itself', async () => {
    assert.equal(await page.evaluate(() => window.descent.playbackPosition()), null, 'no autoplay');
    await page.click('#step-back');
    const last = Number(await page.getAttribute('#scrubber', 'max'));
    assert.equal(await page.evaluate(() => window.descent.playbackPosition()), last - 1);
    await setInput(page, '#scrubber', '10');
    assert.equal(await page.evaluate(() => window.descent.playbackPosition()), 10);
    assert.equal(await page.textContent('#position'), `t = 10 of ${last}`);
    await page.click('#step-forward');
    assert.equal(await page.evaluate(() => window.descent.playbackPosition()), 11);
    const paths = await canvasHash(page, 'surface-paths');
    await page.selectOption('#speed', '200');
    await page.click('#play');
    assert.equal(await page.textContent('#play'), 'Pause');
    await page.waitForFunction(() => window.descent.playbackPosition() > 30);
    await page.click('#play');
    const paused = await page.evaluate(() => window.descent.playbackPosition());
    await page.waitForTimeout(200);
    assert.equal(await page.evaluate(() => window.descent.playbackPosition()), paused, 'paused');
    assert.notEqual(await canvasHash(page, 'surface-paths'), paths);
    // Hovering the error course highlights that iteration on the surface, with its tooltip.
    const course = await page.locator('#course').boundingBox();
    await page.hover('#course', { position: { x: course.width * 0.15, y: course.height * 0.6 } });
    assert.match(await page.textContent('#tooltip'), /: t = \d+/);
  });
});
