import { launchBrowser } from './support/browser.mjs';
import { openExplorer } from './support/explorer.mjs';
import { startServer } from './support/server.mjs';
import { DIST_DIR } from './support/paths.mjs';
const server = await startServer({ root: DIST_DIR, base: '/descent/' });
const browser = await launchBrowser();
const [query, w, h, out, ...scroll] = process.argv.slice(2);
const view = await openExplorer(browser, `${server.url}${query}`, { viewport: { width: +w, height: +h }, deviceScaleFactor: 1, hasTouch: +w < 600, isMobile: +w < 600 });
for (const action of scroll) {
  if (action.startsWith('#')) await view.page.locator(action).scrollIntoViewIfNeeded();
  else if (action.startsWith('click:')) await view.page.click(action.slice(6));
  else if (action.startsWith('y:')) await view.page.evaluate((y) => window.scrollTo(0, y), +action.slice(2));
}
await view.page.waitForTimeout(300);
await view.page.screenshot({ path: out });
console.log(view.errors);
await browser.close(); await server.close();
