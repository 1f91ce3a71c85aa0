// The Python widget in a real JupyterLab: the server started on loopback by the test (with
// the descent-explorer wheel installed in $DESCENT_PYTHON's venv), the notebook opened in
// headless Chromium. A cell that creates a Figure draws the canvas in its output; a click on
// the surface sets `fig.start` as the kernel reads it back (and `fig.observe` hears it);
// `fig.lr = 0.3` from Python redraws it; playback moves `fig.t`; and the widget makes no
// network request of its own (every request the page makes is JupyterLab's own API, and
// anything that would leave loopback is blocked and reported). The saved notebook carries the
// natively drawn PNG, which shows where the widget's model is gone: the notebook reopened in
// JupyterLab, and nbconvert's static HTML opened with the network cut.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { launchBrowser, openPage } from './support/browser.mjs';
import { notebook, PYTHON, startJupyterLab } from './support/jupyter.mjs';
import { outputPath } from './support/paths.mjs';

const execFileAsync = promisify(execFile);
const STEPS = 120;
const CELLS = [
  [
    'from descent_explorer import Figure',
    'seen = []',
    `fig = Figure(preset="rosenbrock", optimizer="adam", lr=0.02, steps=${STEPS})`,
    'fig.observe(lambda change: seen.append(change["new"]), names="start")',
    'fig',
  ].join('\n'),
  'print("start", fig.start, seen)',
  'fig.lr = 0.3',
  'print("t", fig.t)',
  'Figure(figure="sweep", preset="rosenbrock", optimizer="adam", lr=0.02, steps=100, grid=16)',
];

/** Which requests are JupyterLab's own: its pages, static files, API and kernel channels. */
function isJupyterRequest(url, origin) {
  if (url.startsWith('blob:')) return true; // a module the page made in memory, not a request
  const target = new URL(url);
  if (target.origin !== origin && target.origin !== origin.replace('http', 'ws')) return false;
  return /^\/(lab|static|api|kernelspecs|files|nbextensions)(\/|$)/.test(target.pathname);
}

const skip = PYTHON ? false : 'set DESCENT_PYTHON to a Python with the wheel and jupyterlab (scripts/test.sh does)';
if (!PYTHON && process.env.CI) throw new Error('DESCENT_PYTHON is required in CI');

describe('the Python widget in JupyterLab', { skip }, () => {
  let lab;
  let browser;
  let view;
  const blocked = [];

  before(async () => {
    [lab, browser] = await Promise.all([
      startJupyterLab({ notebooks: { 'figure.ipynb': notebook(CELLS) } }),
      launchBrowser(),
    ]);
    view = await openPage(browser, null, { viewport: { width: 1100, height: 1300 } });
    // Nothing leaves loopback: a request elsewhere is blocked and reported.
    const origin = new URL(lab.url('')).origin;
    await view.context.route(
      (url) => url.origin !== origin,
      (route) => {
        blocked.push(route.request().url());
        return route.abort();
      },
    );
    await view.page.goto(lab.url('lab/tree/figure.ipynb'));
    await view.page.locator('.jp-Notebook .jp-Cell').first().waitFor({ timeout: 90_000 });
    await view.page.getByText(/Python 3 \(ipykernel\) \| Idle/).waitFor({ timeout: 90_000 });
  }, { timeout: 240_000 });

  after(async () => {
    await browser?.close();
    await lab?.close();
  }, { timeout: 60_000 });

  /** Runs cell `index` (Shift+Enter in it) and resolves to its output's text. */
  async function run(index) {
    const cell = view.page.locator('.jp-Notebook .jp-CodeCell').nth(index);
    await cell.locator('.cm-content').click();
    await view.page.keyboard.press('Shift+Enter');
    // The prompt shows the execution count once the kernel has replied.
    await cell.locator('.jp-InputPrompt', { hasText: /\[\d+\]/ }).waitFor({ timeout: 60_000 });
    return (await cell.locator('.jp-OutputArea').textContent()) ?? '';
  }

  /** The widget's canvas: its pixels' digest and how many are not white. */
  const canvasState = (index = 0) =>
    view.page.locator('descent-figure').nth(index).evaluate((figure) => {
      const canvas = figure.shadowRoot.querySelector('canvas');
      const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
      let coloured = 0;
      let digest = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (data[i] < 240 || data[i + 1] < 240 || data[i + 2] < 240) coloured += 1;
        digest = (digest * 31 + data[i] + 7 * data[i + 1] + 13 * data[i + 2]) % 1_000_000_007;
      }
      return { coloured: coloured / (canvas.width * canvas.height), digest, width: canvas.width };
    });

  test('a cell that creates a Figure draws it, clicks and playback reach the kernel, fig.lr redraws', { timeout: 240_000 }, async () => {
    const origin = new URL(lab.url('')).origin;
    const before = view.requests.length;

    await run(0);
    const figure = view.page.locator('.jp-OutputArea descent-figure[data-ready="true"]').first();
    await figure.waitFor({ timeout: 60_000 });
    const drawn = await canvasState();
    assert.ok(drawn.width > 300, `canvas ${drawn.width} px wide`);
    assert.ok(drawn.coloured > 0.3, `only ${(drawn.coloured * 100).toFixed(1)}% of the canvas is drawn`);
    assert.equal(await figure.getAttribute('optimizer'), 'adam');
    await view.page.locator('.jp-OutputArea').first().screenshot({ path: outputPath('jupyterlab-widget.png') });

    // A click on the surface: the element moves `start`, the widget tells the kernel.
    const target = await figure.evaluate((element) => {
      const { x, y, width, height, xRange, yRange } = element.frame.surface;
      return {
        px: x + 0.3 * width,
        py: y + 0.25 * height,
        start: [xRange[0] + 0.3 * (xRange[1] - xRange[0]), yRange[1] - 0.25 * (yRange[1] - yRange[0])],
        pixel: [(xRange[1] - xRange[0]) / width, (yRange[1] - yRange[0]) / height],
      };
    });
    const startBefore = await figure.getAttribute('start');
    await figure.locator('canvas').click({ position: { x: target.px, y: target.py } });
    await view.page.waitForFunction(
      (old) => document.querySelector('descent-figure')?.getAttribute('start') !== old,
      startBefore,
      { timeout: 10_000 },
    );
    // The element writes w at the clicked pixel with four significant digits.
    const clicked = (await figure.getAttribute('start')).split(',').map(Number);
    clicked.forEach((w, i) =>
      assert.ok(Math.abs(w - target.start[i]) <= 1.5 * target.pixel[i], `start ${clicked} is not at ${target.start}`),
    );
    const printed = await run(1);
    const list = `[${clicked.map(String).join(', ')}]`;
    assert.ok(printed.includes(`start ${list} [${list}]`), `${printed} (clicked ${list})`);

    // fig.lr from Python: the attribute follows and the canvas redraws.
    const beforeLr = await canvasState();
    await run(2);
    await view.page.waitForFunction(() => document.querySelector('descent-figure')?.getAttribute('lr') === '0.3');
    await view.page.waitForFunction(
      (digest) => {
        const canvas = document.querySelector('descent-figure').shadowRoot.querySelector('canvas');
        const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
        let d = 0;
        for (let i = 0; i < data.length; i += 4) d = (d * 31 + data[i] + 7 * data[i + 1] + 13 * data[i + 2]) % 1_000_000_007;
        return d !== digest;
      },
      beforeLr.digest,
      { timeout: 30_000 },
    );
    assert.ok((await canvasState()).coloured > 0.3);

    // Playback: t runs to the last step, and the kernel sees it.
    await view.page.getByRole('button', { name: 'Play the run' }).click();
    await view.page.locator('.descent-widget-playback output', { hasText: `t = ${STEPS}` }).waitFor({ timeout: 60_000 });
    assert.match(await run(3), new RegExp(`t ${STEPS}\\b`));

    // A map: drawn by the engine, the second wasm module, instantiated from the bundle too.
    await run(4);
    await view.page.locator('.jp-OutputArea descent-figure[figure="sweep"][data-ready="true"]').waitFor({ timeout: 60_000 });
    assert.ok((await canvasState(1)).coloured > 0.3);

    // No request of the widget's own: everything after the cell ran was JupyterLab's API.
    const during = view.requests.slice(before);
    const foreign = during.filter((url) => !isJupyterRequest(url, origin));
    assert.deepEqual(foreign, [], 'requests besides JupyterLab\'s own');
    assert.ok(!during.some((url) => /\.wasm|descent/i.test(url)), during.join('\n'));
    assert.deepEqual(blocked, [], 'requests that would have left loopback');
    assert.deepEqual(view.errors.filter((e) => !/Failed to load resource/.test(e)), []);
  });

  test('the saved notebook carries the PNG, which shows without a kernel', { timeout: 120_000 }, async () => {
    await view.page.keyboard.press('Control+s');
    await view.page.waitForFunction(() => !document.querySelector('.jp-mod-dirty'));
    const saved = lab.read('figure.ipynb');
    const data = saved.cells[0].outputs.find((o) => o.data?.['image/png'])?.data;
    assert.ok(data, JSON.stringify(saved.cells[0].outputs).slice(0, 400));
    assert.ok(data['application/vnd.jupyter.widget-view+json'], 'the widget view is saved too');
    const png = Buffer.from(data['image/png'], 'base64');
    assert.equal(png.subarray(1, 4).toString(), 'PNG');

    // Reopened in JupyterLab as a new notebook (a kernel that never ran the cell, or none):
    // the widget's model is not there, so JupyterLab shows the PNG.
    const reopened = structuredClone(saved);
    delete reopened.metadata.kernelspec;
    writeFileSync(path.join(lab.root, 'reopened.ipynb'), JSON.stringify(reopened));
    // (A workspace of its own: the default one would reopen figure.ipynb beside it.)
    const offline = await openPage(browser, lab.url('lab/workspaces/offline/tree/reopened.ipynb'), {
      viewport: { width: 1100, height: 1300 },
    });
    const image = offline.page.locator('.jp-OutputArea-output[data-mime-type="image/png"] img').first();
    await image.waitFor({ timeout: 30_000 });
    const [width, height] = await image.evaluate((img) => [img.naturalWidth, img.naturalHeight]);
    assert.ok(width >= 600 && height >= 500, `${width}×${height}`);
    assert.equal(await offline.page.locator('descent-figure').count(), 0);
    await offline.close();

    // Static, as an exported notebook: nbconvert's HTML, opened in the browser.
    const { stdout: html } = await execFileAsync(
      PYTHON,
      ['-m', 'nbconvert', '--to', 'html', '--stdout', `${lab.root}/figure.ipynb`],
      { maxBuffer: 64 * 1024 * 1024 },
    );
    const page = await browser.newPage();
    await page.route('**', (route) => route.abort()); // offline: no kernel, no server, no CDN
    await page.setContent(html, { waitUntil: 'load' });
    const shown = await page.evaluate(() =>
      [...document.querySelectorAll('img[src^="data:image/png"]')].map((img) => [img.naturalWidth, img.naturalHeight]),
    );
    await page.close();
    assert.ok(shown.some(([w, h]) => w >= 600 && h >= 500), JSON.stringify(shown));
  });
});
