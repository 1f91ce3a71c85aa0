// Writes the curvature pictures of docs/curvature.md: the article's RMSProp run settling on
// its edge of stability, and the κ = 20 bowl turned by 45°, each with the curvature layer on
// (the glyph at the marked iterate, the readout, the sharpness strip). Needs dist/ (trunk
// build):
//
//   cd tests && node support/curvature-screenshot.mjs

import path from 'node:path';
import { launchBrowser } from './browser.mjs';
import { openExplorer } from './explorer.mjs';
import { REPO_ROOT, DIST_DIR } from './paths.mjs';
import { startServer } from './server.mjs';

/** Each picture: its file under docs/ and the link it shows. */
export const PICTURES = [
  ['curvature-article.png', 'v=1&curvature=1&steps=2000&t=1200'],
  ['curvature-rotated.png', 'v=1&preset=rotated-bowl&t=6'],
];

const server = await startServer({ root: DIST_DIR, base: '/descent/' });
const browser = await launchBrowser();
try {
  for (const [name, query] of PICTURES) {
    const view = await openExplorer(browser, `${server.url}?${query}`, { viewport: { width: 1180, height: 1300 } });
    const figure = view.page.locator('#trajectory-figure .figure');
    await figure.scrollIntoViewIfNeeded();
    const file = path.join(REPO_ROOT, 'docs', name);
    await figure.screenshot({ path: file });
    if (view.errors.length > 0) throw new Error(view.errors.join('\n'));
    await view.page.close();
    console.log(`wrote ${file}`);
  }
} finally {
  await browser.close();
  await server.close();
}
