// Helpers for tests of the explorer page: open it ready, map data points to pixels, read
// canvas pixels.

import { openPage } from './browser.mjs';

/** Opens the explorer at `url` and waits until its first figure is drawn. */
export async function openExplorer(browser, url, options = {}) {
  const view = await openPage(browser, url, { viewport: { width: 1200, height: 1000 }, ...options });
  await view.page.waitForFunction(() => document.body?.dataset.ready === 'true' && window.descent, null, {
    timeout: 30_000,
  });
  return view;
}

/** The surface's data area in CSS pixels (relative to #surface) and its view. */
export function surfaceFrame(page) {
  return page.evaluate(() => window.descent.surfaceFrame());
}

/** CSS pixel position, relative to the figure's element, of data point `[x, y]` in `frame`. */
export function screenOf(frame, [x, y]) {
  const [x0, x1] = frame.xRange;
  const [y0, y1] = frame.yRange;
  return {
    x: frame.x + ((x - x0) / (x1 - x0)) * frame.width,
    y: frame.y + ((y1 - y) / (y1 - y0)) * frame.height,
  };
}

/** The RGBA of canvas `id` at CSS pixel (x, y) (scaled to the backing store). */
export function pixel(page, id, { x, y }) {
  return page.evaluate(
    ([id, x, y]) => {
      const canvas = document.getElementById(id);
      const ratio = canvas.width / canvas.getBoundingClientRect().width;
      const data = canvas.getContext('2d').getImageData(Math.round(x * ratio), Math.round(y * ratio), 1, 1).data;
      return Array.from(data);
    },
    [id, x, y],
  );
}

/** The largest alpha of canvas `id` within `radius` CSS pixels of (x, y): is anything drawn there? */
export function maxAlphaNear(page, id, { x, y }, radius = 3) {
  return page.evaluate(
    ([id, x, y, radius]) => {
      const canvas = document.getElementById(id);
      const ratio = canvas.width / canvas.getBoundingClientRect().width;
      const r = Math.ceil(radius * ratio);
      const data = canvas
        .getContext('2d')
        .getImageData(Math.round(x * ratio) - r, Math.round(y * ratio) - r, 2 * r + 1, 2 * r + 1).data;
      let max = 0;
      for (let i = 3; i < data.length; i += 4) max = Math.max(max, data[i]);
      return max;
    },
    [id, x, y, radius],
  );
}

/** A fingerprint of canvas `id`'s pixels, to tell whether it was redrawn differently. */
export function canvasHash(page, id) {
  return page.evaluate((id) => {
    const canvas = document.getElementById(id);
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let h = 2166136261;
    for (let i = 0; i < data.length; i += 7) h = Math.imul(h ^ data[i], 16777619);
    return `${canvas.width}x${canvas.height}:${h >>> 0}`;
  }, id);
}

/** Sets an input's value and fires `input` (what typing or dragging does). */
export function setInput(page, selector, value) {
  return page.evaluate(
    ([selector, value]) => {
      const input = document.querySelector(selector);
      input.value = value;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    },
    [selector, value],
  );
}

/**
 * The page's URL once the address bar has caught up with the last change: after two animation
 * frames (handlers that draw first) and the debounced write (`body[data-url-pending]` gone).
 */
export async function settledUrl(page) {
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  await page.waitForFunction(() => !document.body.hasAttribute('data-url-pending'));
  return page.url();
}

/**
 * What is drawn on a canvas: `selector` names the canvas or an element whose shadow root holds
 * one (`<descent-figure>`). Resolves to `{ drawn, opaque, coloured, hash, width }`: the shares
 * of pixels with alpha > 0 and alpha 255, the count of coloured (not grey) pixels, a hash of
 * the pixels and the backing width.
 */
export function inkOf(page, selector) {
  return page.evaluate((selector) => {
    const element = document.querySelector(selector);
    const canvas = element.shadowRoot?.querySelector('canvas') ?? element;
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let drawn = 0;
    let opaque = 0;
    let coloured = 0;
    let h = 2166136261;
    for (let i = 0; i < data.length; i += 4) {
      const alpha = data[i + 3];
      if (alpha > 0) drawn += 1;
      if (alpha === 255) opaque += 1;
      if (alpha > 0 && (data[i] !== data[i + 1] || data[i + 1] !== data[i + 2])) coloured += 1;
      h = Math.imul(h ^ data[i] ^ (data[i + 2] << 8), 16777619);
    }
    const pixels = data.length / 4;
    return { drawn: drawn / pixels, opaque: opaque / pixels, coloured, hash: h >>> 0, width: canvas.width };
  }, selector);
}
