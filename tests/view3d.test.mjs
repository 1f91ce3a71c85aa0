// The trajectory figure's 3-D view in the browser: a link with 3d=1 opens it, a drag turns it
// and the link it writes reopens the same picture; the scrubber moves the marker and hovering
// links the marker, the tooltip and the course both ways; a click starts where the ray meets
// the surface; touch turns and pinches it on a phone; the downloads and the element draw it.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { canvasHash, openExplorer, settledUrl } from './support/explorer.mjs';
import { outputPath } from './support/paths.mjs';
import { startSuite } from './support/suite.mjs';

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, hasTouch: true, isMobile: true };

/** The query keys of `url`. */
const keys = (url) => Object.fromEntries(new URL(url).searchParams);

/** Opens the explorer at `query` with the figure in view. */
async function open(suite, query, options = {}) {
  const view = await openExplorer(suite.browser, `${suite.server.url}?${query}`, options);
  await view.page.locator('#surface').scrollIntoViewIfNeeded();
  return view;
}

/** Waits until the 3-D view has drawn the frame asked for last (two animation frames). */
function frames(page) {
  return page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}

/**
 * Where the marker is on the path layer, in CSS pixels of #surface: the centre of its dark
 * ring (the only near-black ink of a single run's path layer), or null.
 */
function markerOf(page) {
  return page.evaluate(() => {
    const canvas = document.getElementById('surface-paths');
    const ratio = canvas.width / canvas.getBoundingClientRect().width;
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let [sx, sy, n] = [0, 0, 0];
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] >= 200 && Math.max(data[i], data[i + 1], data[i + 2]) < 0x40) {
        const p = i / 4;
        sx += p % canvas.width;
        sy += Math.floor(p / canvas.width);
        n += 1;
      }
    }
    return n < 10 ? null : { x: sx / n / ratio, y: sy / n / ratio };
  });
}

/** The box of the surface's coloured (not grey) pixels on the raster layer, in CSS pixels. */
function colouredBox(page) {
  return page.evaluate(() => {
    const canvas = document.getElementById('surface-raster');
    const ratio = canvas.width / canvas.getBoundingClientRect().width;
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let [x0, y0, x1, y1, n] = [Infinity, Infinity, -Infinity, -Infinity, 0];
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b, a] = [data[i], data[i + 1], data[i + 2], data[i + 3]];
      if (a === 255 && Math.max(r, g, b) - Math.min(r, g, b) > 20) {
        const p = i / 4;
        const [x, y] = [p % canvas.width, Math.floor(p / canvas.width)];
        [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
        n += 1;
      }
    }
    return { x0: x0 / ratio, y0: y0 / ratio, x1: (x1 + 1) / ratio, y1: (y1 + 1) / ratio, pixels: n };
  });
}

describe('the 3-D view', () => {
  const suite = startSuite();

  test('a link opens it, a drag turns it, and the link it writes reopens the same picture', async () => {
    const view = await open(suite, 'preset=himmelblau&3d=1');
    const { page } = view;
    assert.equal(await page.isChecked('#view3d'), true);
    assert.ok((await colouredBox(page)).pixels > 40_000, 'the surface is drawn');
    const label = await page.getAttribute('#surface', 'aria-label');
    assert.match(label, /3-D, seen from azimuth -60° and elevation 30°/);
    assert.match(await page.textContent('#status'), /ending at/, 'the path’s end in words');
    const before = await canvasHash(page, 'surface-raster');
    const box = await page.locator('#surface').boundingBox();
    const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 3];
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(cx - 8 * i, cy + 3 * i);
    await page.mouse.up();
    const url = await settledUrl(page);
    const { azimuth, elevation } = keys(url);
    // 80 pixels left turn the camera by +40°, 30 down raise it by 15° (kept to 0.1°).
    assert.ok(Math.abs(Number(azimuth) - -20) < 3, `azimuth ${azimuth}`);
    assert.ok(Math.abs(Number(elevation) - 45) < 3, `elevation ${elevation}`);
    const turned = await canvasHash(page, 'surface-raster');
    assert.notEqual(turned, before);
    assert.match(await page.getAttribute('#surface', 'aria-label'), new RegExp(`azimuth ${azimuth}°`));
    const again = await openExplorer(suite.browser, url);
    await frames(again.page);
    assert.equal(await canvasHash(again.page, 'surface-raster'), turned, 'the link reopens the picture');
    assert.equal(await canvasHash(again.page, 'surface-paths'), await canvasHash(page, 'surface-paths'));
    // Keys turn and zoom; Reset view returns to the default camera.
    await page.focus('#surface');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('+');
    const keyed = keys(await settledUrl(page));
    assert.equal(Number(keyed.azimuth), Number(azimuth) - 5);
    assert.equal(keyed.zoom, '1.25');
    await page.click('#reset-view');
    const reset = keys(await settledUrl(page));
    assert.ok(!('azimuth' in reset) && !('zoom' in reset) && reset['3d'] === '1', JSON.stringify(reset));
    // The checkbox turns it off: the contour map is back and the link says nothing of 3-D.
    await page.uncheck('#view3d');
    assert.ok(!('3d' in keys(await settledUrl(page))));
    assert.notEqual(await page.evaluate(() => window.descent.surfaceFrame()), null);
    assert.deepEqual([...view.errors, ...again.errors], []);
    await again.close();
    await view.close();
  });

  test('the scrubber moves the marker; hovering an iterate or the course marks it too', async () => {
    const view = await open(suite, 'preset=himmelblau&3d=1&t=20');
    const { page } = view;
    const at20 = await markerOf(page);
    assert.ok(at20, 'a marker at t = 20');
    await page.fill('#scrubber', '60');
    await page.dispatchEvent('#scrubber', 'input');
    await frames(page);
    const at60 = await markerOf(page);
    assert.ok(at60 && Math.hypot(at60.x - at20.x, at60.y - at20.y) > 5, `moved: ${JSON.stringify([at20, at60])}`);
    // Hovering the marked point names that iterate.
    const box = await page.locator('#surface').boundingBox();
    await page.mouse.move(box.x + at60.x, box.y + at60.y);
    await page.waitForSelector('#tooltip:not([hidden])');
    assert.match(await page.textContent('#tooltip'), /: t = 60\b/);
    // Hovering the course at t = 20 moves the 3-D marker back there.
    const course = await page.locator('#course').boundingBox();
    const frame = await page.evaluate(() => {
      // The course's data area: t from 0 to the last iteration across its width (CSS pixels).
      const canvas = document.getElementById('course');
      return { width: canvas.getBoundingClientRect().width };
    });
    let marked = null;
    for (let x = 40; x < frame.width && !marked; x += 2) {
      await page.mouse.move(course.x + x, course.y + course.height / 2);
      const text = await page.textContent('#tooltip');
      if (/: t = 20\b/.test(text)) marked = await markerOf(page);
    }
    assert.ok(marked, 'the course hovered at t = 20');
    assert.ok(Math.hypot(marked.x - at20.x, marked.y - at20.y) < 3, JSON.stringify([marked, at20]));
    assert.deepEqual(view.errors, []);
    await view.close();
  });

  test('a click starts the run where the ray meets the surface', async () => {
    // Straight down with w1 to the right, as the contour map: the surface's coloured square is
    // the view, [−2, 2] × [−1, 3].
    const view = await open(suite, 'preset=rosenbrock&3d=1&elevation=90&azimuth=-90');
    const { page } = view;
    const square = await colouredBox(page);
    const side = square.x1 - square.x0;
    assert.ok(Math.abs(side - (square.y1 - square.y0)) < 3, JSON.stringify(square));
    const perPixel = 4 / side;
    for (const [fx, fy] of [
      [0.5, 0.5],
      [0.25, 0.8],
    ]) {
      await page.click('#surface', { position: { x: square.x0 + fx * side, y: square.y0 + fy * side } });
      const [w1, w2] = keys(await settledUrl(page)).start.split(',').map(Number);
      const expected = [-2 + 4 * fx, 3 - 4 * fy];
      assert.ok(Math.abs(w1 - expected[0]) < 2 * perPixel && Math.abs(w2 - expected[1]) < 2 * perPixel, `${[w1, w2]} vs ${expected}`);
    }
    // Seen from an angle, a click lands on the surface too (inside the view); a drag that
    // turns the view starts nothing.
    await page.focus('#surface');
    for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowUp');
    assert.equal(keys(await settledUrl(page)).elevation, '60');
    const before = keys(page.url()).start;
    await page.click('#surface', { position: { x: square.x0 + side / 2, y: square.y0 + side / 2 } });
    const start = keys(await settledUrl(page)).start;
    const [w1, w2] = start.split(',').map(Number);
    assert.ok(start !== before && w1 >= -2 && w1 <= 2 && w2 >= -1 && w2 <= 3, start);
    const box = await page.locator('#surface').boundingBox();
    await page.mouse.move(box.x + square.x0 + side / 2, box.y + square.y0 + side / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + square.x0 + side / 2 + 40, box.y + square.y0 + side / 2);
    await page.mouse.up();
    assert.equal(keys(await settledUrl(page)).start, start);
    assert.deepEqual(view.errors, []);
    await view.close();
  });

  test('on a phone, a finger turns it, two pinch it, and nothing scrolls sideways', async () => {
    const view = await open(suite, 'preset=saddle&3d=1', PHONE);
    const { page } = view;
    let box = await page.locator('#surface').boundingBox();
    const client = await page.context().newCDPSession(page);
    const touch = (type, points) =>
      client.send('Input.dispatchTouchEvent', {
        type,
        touchPoints: points.map(([x, y], id) => ({ x: box.x + x, y: box.y + y, id })),
      });
    const [cx, cy] = [box.width / 2, box.height / 2];
    await touch('touchStart', [[cx, cy]]);
    for (let i = 1; i <= 8; i++) await touch('touchMove', [[cx + 6 * i, cy]]);
    await touch('touchEnd', []);
    const turned = keys(await settledUrl(page));
    assert.ok(Number(turned.azimuth) < -70, `a finger dragged right turns the camera: ${turned.azimuth}`);
    await page.locator('#trajectory-figure .figure').screenshot({ path: outputPath('view3d-phone.png') });
    box = await page.locator('#surface').boundingBox(); // the screenshot may have scrolled
    await touch('touchStart', [
      [cx - 30, cy],
      [cx + 30, cy],
    ]);
    for (let i = 1; i <= 6; i++) {
      await touch('touchMove', [
        [cx - 30 - 5 * i, cy],
        [cx + 30 + 5 * i, cy],
      ]);
    }
    await touch('touchEnd', []);
    const pinched = keys(await settledUrl(page));
    assert.ok(Number(pinched.zoom) > 1.5, `two fingers apart zoom in: ${pinched.zoom}`);
    const widths = await page.evaluate(() => [document.documentElement.clientWidth, document.documentElement.scrollWidth]);
    assert.ok(widths[1] <= widths[0], `no sideways scroll: ${widths}`);
    assert.deepEqual(view.errors, []);
    await view.close();
  });

  test('downloads and the element draw it', async () => {
    const view = await open(suite, 'preset=himmelblau&3d=1&azimuth=30');
    const { page } = view;
    const [svg] = await Promise.all([page.waitForEvent('download'), page.click('#download-svg-trajectory')]);
    const text = readFileSync(await svg.path(), 'utf8');
    assert.match(text, /<image x="\d+" y="\d+" width="\d+" height="\d+" href="data:image\/png;base64,/);
    for (const label of ['w1', 'w2', 'E', 'E(w)']) assert.ok(text.includes(`>${label}<`) || text.includes(`>\n${label}`), label);
    const [png] = await Promise.all([page.waitForEvent('download'), page.click('#download-png-trajectory')]);
    assert.ok(readFileSync(await png.path()).length > 50_000);
    // The element's attributes are the link's keys: drawFigure is what it calls.
    const drawn = await page.evaluate(() => {
      const draw = (config) => {
        const canvas = document.createElement('canvas');
        const frame = window.descent.drawFigure(canvas, config, 500, 600, 1);
        const data = canvas.getContext('2d').getImageData(0, 0, 500, 600).data;
        let h = 2166136261;
        for (let i = 0; i < data.length; i += 7) h = Math.imul(h ^ data[i], 16777619);
        return { hash: h >>> 0, notices: frame.notices, clickable: frame.surface !== null };
      };
      return [
        draw({ preset: 'himmelblau' }),
        draw({ preset: 'himmelblau', '3d': '1' }),
        draw({ preset: 'himmelblau', '3d': '1', azimuth: '30', zscale: 'log' }),
        draw({ preset: 'himmelblau', '3d': '1', elevation: '120' }),
      ];
    });
    assert.equal(new Set(drawn.map((d) => d.hash)).size, 4, 'four different pictures');
    assert.deepEqual(drawn.slice(0, 3).map((d) => d.notices), [[], [], []]);
    assert.match(drawn[3].notices.join(' '), /elevation: .*from 0 to 90.*using 90/);
    assert.deepEqual(drawn.map((d) => d.clickable), [true, false, false, false]);
    assert.deepEqual(view.errors, []);
    await view.close();
  });
});
