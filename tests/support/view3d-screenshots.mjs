// Writes the 3-D view's pictures in docs/ (docs/page.md shows them): Himmelblau's four minima
// with four optimizers compared, Rosenbrock's valley raised on a log scale, and the saddle
// preset from the side where the path runs off behind the rising rim. Each is the page's
// #surface in headless Chromium at a 1180-pixel-wide window, pixel ratio 2. Needs dist/ (trunk
// build):
//
//   cd tests && node support/view3d-screenshots.mjs

import path from 'node:path';
import { launchBrowser } from './browser.mjs';
import { openExplorer } from './explorer.mjs';
import { REPO_ROOT, DIST_DIR } from './paths.mjs';
import { startServer } from './server.mjs';

/** Each picture's file and link. */
export const PICTURES = [
  ['view3d-himmelblau.png', 'preset=himmelblau&compare=gd,momentum,rmsprop,adam&adam.lr=0.2&steps=150&3d=1&azimuth=-115&elevation=38'],
  ['view3d-rosenbrock-log.png', 'preset=rosenbrock&optimizer=adam&lr=0.05&steps=1000&3d=1&zscale=log&azimuth=-100&elevation=50&t=300'],
  ['view3d-saddle.png', 'preset=saddle&3d=1&azimuth=-20&elevation=22&t=28'],
];

const server = await startServer({ root: DIST_DIR, base: '/descent/' });
const browser = await launchBrowser();
try {
  for (const [name, query] of PICTURES) {
    const view = await openExplorer(browser, `${server.url}?v=1&${query}`, {
      viewport: { width: 1180, height: 1000 },
      deviceScaleFactor: 2,
    });
    const surface = view.page.locator('#surface');
    await surface.scrollIntoViewIfNeeded();
    const file = path.join(REPO_ROOT, 'docs', name);
    await surface.screenshot({ path: file });
    if (view.errors.length > 0) throw new Error(view.errors.join('\n'));
    await view.close();
    console.log(`wrote ${file}`);
  }
} finally {
  await browser.close();
  await server.close();
}
