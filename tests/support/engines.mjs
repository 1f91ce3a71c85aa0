// The three browser engines behind one small interface, for the cross-engine suite: Chromium
// (Debian's, through playwright-core), Firefox ESR (Debian's, through puppeteer-core over
// WebDriver BiDi) and WebKitGTK (Debian's MiniBrowser, through WebKitWebDriver and
// selenium-webdriver, under Xvfb: MiniBrowser has no headless mode). Nothing is downloaded.
//
//   const engine = await launchEngine('firefox');
//   const page = await engine.open(url, { width: 1200, height: 900 });
//   await page.waitFor(() => document.body.dataset.ready === 'true');
//   const w1 = await page.evaluate((n) => window.descent.trajectory({}).w1[n], 1);
//   await page.click('#surface', { x: 100, y: 80 });
//   await page.press('#lr', 'ArrowRight');
//   const frame = page.frame();   // evaluate / waitFor inside the page's first <iframe>
//   await engine.close();
//
// `evaluate` and `waitFor` take a function of one JSON argument, run in the page (never
// subject to the page's CSP); their results come back as JSON. `errors()` lists uncaught
// errors and console errors where the driver reports them (Chromium, Firefox), and the
// errors a listener installed at load saw (all three).

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { chromium } from 'playwright-core';
import puppeteer from 'puppeteer-core';
import { Builder, By, Key } from 'selenium-webdriver';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './browser.mjs';

/** The engines, in the order the suite runs them. */
export const ENGINES = ['chromium', 'firefox', 'webkit'];

const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const WEBKIT_DRIVER = process.env.WEBKIT_DRIVER ?? '/usr/bin/WebKitWebDriver';
const MINIBROWSER = process.env.MINIBROWSER ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

/** How long `waitFor` waits unless told. */
const WAIT_MS = 30_000;

/** A free TCP port on the loopback interface. */
async function freePort() {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address();
  server.close();
  return port;
}

/** Resolves once `url` answers (a driver that has just been started), or throws after `ms`. */
async function reachable(url, ms = 15_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      await fetch(url);
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`${url} did not answer: ${error.message}`);
      await new Promise((done) => setTimeout(done, 50));
    }
  }
}

/** Runs in the page after each navigation: keeps uncaught errors in `window.__engineErrors`. */
function watchErrors() {
  if (window.__engineErrors) return;
  window.__engineErrors = [];
  window.addEventListener('error', (e) => window.__engineErrors.push(`error: ${e.message}`));
  window.addEventListener('unhandledrejection', (e) => window.__engineErrors.push(`unhandled rejection: ${e.reason?.message ?? e.reason}`));
}

/** The body of an async WebDriver script that calls `fn(arg)` and reports its result or error. */
function asyncScript(fn) {
  return `const done = arguments[arguments.length - 1];
    Promise.resolve().then(() => (${fn})(arguments[0]))
      .then((value) => done({ value: value === undefined ? null : value }), (e) => done({ error: String(e?.stack ?? e) }));`;
}

/** A page function that waits, polling once per frame, until `fn(arg)` is truthy. */
function waiting(fn, timeout) {
  return `async (arg) => {
    const fn = ${fn};
    const deadline = performance.now() + ${timeout};
    for (;;) {
      const value = await fn(arg);
      if (value) return value;
      if (performance.now() > deadline) throw new Error('timed out waiting for ' + ${JSON.stringify(String(fn).slice(0, 200))});
      await new Promise((r) => requestAnimationFrame(() => r()));
    }
  }`;
}

/** W3C key names for the keys the suite presses. */
const SELENIUM_KEYS = { ArrowRight: Key.ARROW_RIGHT, ArrowLeft: Key.ARROW_LEFT, ArrowUp: Key.ARROW_UP, ArrowDown: Key.ARROW_DOWN, Enter: Key.ENTER, Tab: Key.TAB };

/** Chromium through playwright-core. */
async function chromiumEngine() {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS] });
  return {
    name: 'chromium',
    async open(url, viewport) {
      const context = await browser.newContext({ viewport, serviceWorkers: 'block' });
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
      page.on('console', (m) => m.type() === 'error' && errors.push(`console.error: ${m.text()}`));
      await page.goto(url);
      const scope = (frame) => ({
        evaluate: (fn, arg) => frame().evaluate(fn, arg),
        waitFor: (fn, arg, timeout = WAIT_MS) => frame().waitForFunction(fn, arg, { timeout }),
      });
      return {
        ...scope(() => page),
        frame: () => scope(() => page.frames()[1]),
        click: (selector, position) => page.click(selector, { position }),
        press: (selector, key) => page.press(selector, key),
        errors: async () => [...errors],
        close: () => context.close(),
      };
    },
    close: () => browser.close(),
  };
}

/** Firefox ESR through puppeteer-core over WebDriver BiDi. */
async function firefoxEngine() {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    executablePath: FIREFOX_PATH,
    headless: true,
    extraPrefsFirefox: { 'app.update.enabled': false, 'browser.shell.checkDefaultBrowser': false },
  });
  return {
    name: 'firefox',
    async open(url, viewport) {
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      await page.setViewport(viewport);
      const errors = [];
      page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
      page.on('console', (m) => m.type() === 'error' && errors.push(`console.error: ${m.text()}`));
      await page.goto(url);
      const scope = (frame) => ({
        evaluate: (fn, arg) => frame().evaluate(fn, arg),
        waitFor: (fn, arg, timeout = WAIT_MS) => frame().waitForFunction(fn, { timeout, polling: 'raf' }, arg),
      });
      return {
        ...scope(() => page),
        frame: () => scope(() => page.frames()[1]),
        click: (selector, position) => page.click(selector, { offset: position }),
        async press(selector, key) {
          await page.focus(selector);
          await page.keyboard.press(key);
        },
        errors: async () => [...errors],
        close: () => context.close(),
      };
    },
    close: () => browser.close(),
  };
}

/** WebKitGTK's MiniBrowser through WebKitWebDriver and selenium-webdriver, on an Xvfb display. */
async function webkitEngine() {
  const display = `:${90 + Math.floor(Math.random() * 400)}`;
  const xvfb = spawn('Xvfb', [display, '-screen', '0', '1600x1200x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
  const port = await freePort();
  const driver = spawn(WEBKIT_DRIVER, [`--port=${port}`], { env: { ...process.env, DISPLAY: display }, stdio: 'ignore' });
  await reachable(`http://127.0.0.1:${port}/status`);
  const session = await new Builder()
    .usingServer(`http://127.0.0.1:${port}`)
    .withCapabilities({
      browserName: 'MiniBrowser',
      'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
    })
    .build();
  const run = async (fn, arg) => {
    const result = await session.executeAsyncScript(asyncScript(fn), arg ?? null);
    if (result?.error) throw new Error(result.error);
    return result?.value;
  };
  let inFrame = false;
  const into = async (frame) => {
    if (frame === inFrame) return;
    await session.switchTo().defaultContent();
    if (frame) await session.switchTo().frame(0);
    inFrame = frame;
  };
  const scope = (frame) => ({
    async evaluate(fn, arg) {
      await into(frame);
      return run(fn, arg);
    },
    async waitFor(fn, arg, timeout = WAIT_MS) {
      await into(frame);
      return run(waiting(fn, timeout), arg);
    },
  });
  return {
    name: 'webkit',
    async open(url, { width, height }) {
      await session.manage().window().setRect({ width, height });
      await into(false);
      await session.get(url);
      await run(watchErrors);
      return {
        ...scope(false),
        frame: () => scope(true),
        async click(selector, position) {
          await into(false);
          const element = await session.findElement(By.css(selector));
          if (!position) {
            await element.click();
            return;
          }
          // Actions need the element in view; their offsets are from its centre.
          await session.executeScript('arguments[0].scrollIntoView({ block: "center" })', element);
          const rect = await element.getRect();
          const x = Math.round(position.x - rect.width / 2);
          const y = Math.round(position.y - rect.height / 2);
          await session.actions().move({ origin: element, x, y }).click().perform();
        },
        async press(selector, key) {
          await into(false);
          await session.findElement(By.css(selector)).sendKeys(SELENIUM_KEYS[key] ?? key);
        },
        async errors() {
          await into(false);
          return run(() => window.__engineErrors ?? []);
        },
        close: async () => {},
      };
    },
    async close() {
      await session.quit().catch(() => {});
      driver.kill();
      xvfb.kill();
    },
  };
}

/** Starts engine `name` (one of ENGINES). */
export function launchEngine(name) {
  const launch = { chromium: chromiumEngine, firefox: firefoxEngine, webkit: webkitEngine }[name];
  if (!launch) throw new Error(`unknown engine ${name}; the engines are ${ENGINES.join(', ')}`);
  return launch();
}
