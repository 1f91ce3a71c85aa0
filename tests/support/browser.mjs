// Headless Chromium for the browser tests: Debian's /usr/bin/chromium driven by playwright-core
// (Playwright's own browser downloads do not work on these machines).
//
//   const browser = await launchBrowser();
//   const view = await openPage(browser, server.url, { viewport: { width: 800, height: 600 } });
//   ... view.page ...
//   assert.deepEqual(view.errors, []);
//   await browser.close();

import { chromium } from 'playwright-core';
import { outputPath } from './paths.mjs';

/** The Chromium binary: $CHROMIUM_PATH, else Debian's package. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags for a quiet, network-free headless Chromium that runs as root in CI. */
export const CHROMIUM_ARGS = Object.freeze([
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
]);

/** Launches headless Chromium; `options` are passed on to playwright's `chromium.launch`. */
export async function launchBrowser(options = {}) {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS],
    timeout: 60_000,
    ...options,
  });
}

/**
 * Opens `url` in a fresh browser context and watches it. Resolves to
 * `{ page, context, response, errors, failedRequests, requests, close }`:
 * - `errors`: console errors (CSP violations show up here) and uncaught page errors;
 * - `failedRequests`: requests that failed or answered with a status >= 400;
 * - `requests`: the URL of every request the page made.
 * A test asserts `errors` and `failedRequests` empty at its end.
 * `url` may be null to get a watched blank page; `waitUntil` is playwright's goto option.
 */
export async function openPage(
  browser,
  url,
  { viewport = { width: 1280, height: 800 }, deviceScaleFactor = 1, waitUntil = 'load', ...contextOptions } = {},
) {
  // The page's service worker would answer requests that tests intercept with page.route (its
  // fetches bypass playwright's routing), so it is off unless a test asks for it.
  const context = await browser.newContext({ viewport, deviceScaleFactor, serviceWorkers: 'block', ...contextOptions });
  const page = await context.newPage();
  const errors = [];
  const failedRequests = [];
  const requests = [];

  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const { url: source, lineNumber } = message.location();
    errors.push(`console.error: ${message.text()}${source ? ` (${source}:${lineNumber})` : ''}`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.stack ?? error.message}`));
  page.on('request', (request) => requests.push(request.url()));
  page.on('requestfailed', (request) =>
    failedRequests.push(`${request.method()} ${request.url()}: ${request.failure()?.errorText}`),
  );
  page.on('response', (response) => {
    if (response.status() >= 400) {
      failedRequests.push(`${response.request().method()} ${response.url()}: HTTP ${response.status()}`);
    }
  });

  const response = url === null ? null : await page.goto(url, { waitUntil });
  return { page, context, response, errors, failedRequests, requests, close: () => context.close() };
}

/** Saves a full-page screenshot of `page` as tests/output/`name` and returns its path. */
export async function saveScreenshot(page, name) {
  const file = outputPath(name);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
