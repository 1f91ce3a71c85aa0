// The fixture every browser test file shares: the built site served under /descent/ (with the
// page's strict CSP) and one headless Chromium, started before the file's tests and closed after.
//
//   describe('…', () => {
//     const suite = startSuite();
//     test('…', async () => {
//       const view = await openExplorer(suite.browser, suite.server.url);
//     });
//   });
//
// Call it inside a `describe` (its hooks belong to that suite). `open` (optional) runs once the
// browser is up, e.g. to open the page the tests share; its result is `suite.shared`.

import { after, before } from 'node:test';
import { launchBrowser } from './browser.mjs';
import { openExplorer } from './explorer.mjs';
import { DIST_DIR } from './paths.mjs';
import { startServer } from './server.mjs';

/** Starts the server and the browser before the suite's tests; closes them after. */
export function startSuite({ open } = {}) {
  const suite = { server: null, browser: null, shared: null };
  before(async () => {
    suite.server = await startServer({ root: DIST_DIR, base: '/descent/' });
    suite.browser = await launchBrowser();
    if (open) suite.shared = await open(suite);
  });
  after(async () => {
    await suite.browser?.close();
    await suite.server?.close();
  });
  return suite;
}

/** Opens the explorer with reduced motion: the page most test files share. */
export function openQuietExplorer({ browser, server }) {
  return openExplorer(browser, server.url, { reducedMotion: 'reduce' });
}
