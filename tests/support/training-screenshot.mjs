// Writes docs/training.png, the README's picture of noise and data on the page: Adam fitting the
// logistic model to the `overlap` set with mini-batches of 5 and a cosine schedule, the
// noiseless path dashed, the cloud of batch gradients at iteration 9 under the pointer, the
// data panel with the sigmoid, the error course and the η(t) strip. Needs dist/ (trunk build):
//
//   cd tests && node support/training-screenshot.mjs

import path from 'node:path';
import { launchBrowser } from './browser.mjs';
import { openExplorer, screenOf } from './explorer.mjs';
import { REPO_ROOT, DIST_DIR } from './paths.mjs';
import { startServer } from './server.mjs';

/** The link shown, and the iteration hovered. */
export const QUERY = 'v=1&data=overlap&optimizer=adam&lr=0.1&batch=5&schedule=cosine&ghost=1&steps=200&t=120';
const HOVERED = 9;

const server = await startServer({ root: DIST_DIR, base: '/descent/' });
const browser = await launchBrowser();
try {
  const view = await openExplorer(browser, `${server.url}?${QUERY}`, { viewport: { width: 1180, height: 1000 } });
  const { page } = view;
  const figure = page.locator('#trajectory-figure .figure');
  await figure.scrollIntoViewIfNeeded();
  const frame = await page.evaluate(() => window.descent.surfaceFrame());
  const run = await page.evaluate(() => window.descent.appTrajectory());
  await page.hover('#surface', { position: screenOf(frame, [run.w1[HOVERED], run.w2[HOVERED]]) });
  await page.waitForSelector('#tooltip:not([hidden])');
  const file = path.join(REPO_ROOT, 'docs', 'training.png');
  await figure.screenshot({ path: file });
  if (view.errors.length > 0) throw new Error(view.errors.join('\n'));
  console.log(`wrote ${file}`);
} finally {
  await browser.close();
  await server.close();
}
