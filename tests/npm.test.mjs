// The npm package `descent-explorer`, through the path a user takes. scripts/npm-pack.sh packs
// it (or $DESCENT_NPM_TARBALL names a tarball it packed); a fresh project outside the
// repository (a copy of tests/npm/project) installs its pinned tools with `npm ci` and the
// tarball with `npm install`. Then Node imports the package and checks the article's numbers,
// tsc accepts correct use and rejects an unknown optimizer, Vite builds a site with the custom
// element, and headless Chromium draws it under the page's strict CSP, as it does a plain page
// whose module scripts point into node_modules.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { launchBrowser, openPage, saveScreenshot } from './support/browser.mjs';
import { inkOf } from './support/explorer.mjs';
import { REPO_ROOT } from './support/paths.mjs';
import { startServer } from './support/server.mjs';

const execFileAsync = promisify(execFile);

/** Runs `command` in `cwd`; resolves to `{ stdout, stderr, code }` (rejects only if it cannot start). */
async function run(command, args, cwd, env = {}) {
  try {
    const { stdout, stderr } = await execFileAsync(command, args, {
      cwd,
      env: { ...process.env, ...env },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    if (typeof error.code !== 'number') throw error;
    return { stdout: error.stdout, stderr: error.stderr, code: error.code };
  }
}

/** Runs `command` and fails with its output unless it exits with 0; resolves to its stdout. */
async function ok(command, args, cwd, env) {
  const result = await run(command, args, cwd, env);
  assert.equal(result.code, 0, `${command} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/** Seconds since `started` (a performance.now()), rounded to tenths. */
const since = (started) => Math.round((performance.now() - started) / 100) / 10;

/** The article's w1 after 0, 1 and 2 RMSProp steps. */
const ARTICLE_W1 = [-15, -14.841886116992557, -14.727755788123446];

describe('the npm package descent-explorer', () => {
  const times = {};
  let project;
  let tarball;

  before(async () => {
    let started = performance.now();
    tarball = process.env.DESCENT_NPM_TARBALL;
    if (!tarball) {
      const out = await ok('bash', [path.join(REPO_ROOT, 'scripts', 'npm-pack.sh')], REPO_ROOT);
      tarball = out.trim().split('\n').at(-1);
      times.pack = since(started);
    }
    project = await mkdtemp(path.join(os.tmpdir(), 'descent-npm-'));
    await cp(path.join(REPO_ROOT, 'tests', 'npm', 'project'), project, { recursive: true });
    started = performance.now();
    const quiet = ['--no-audit', '--no-fund', '--loglevel=error'];
    await ok('npm', ['ci', ...quiet], project);
    await ok('npm', ['install', ...quiet, tarball], project);
    times.install = since(started);
  });

  after(async () => {
    if (project) await rm(project, { recursive: true, force: true });
  });

  test('the tarball installs the wasm module, the API, the element, its CSS and types', async () => {
    const installed = path.join(project, 'node_modules', 'descent-explorer');
    const files = (await readdir(installed)).sort();
    for (const file of [
      'LICENSE-APACHE', 'LICENSE-MIT', 'README.md', 'descent-api.js', 'descent-element-node.js',
      'descent-element.css', 'descent-element.js', 'descent-node.js', 'descent-web.js',
      'descent-web_bg.wasm', 'element.d.ts', 'index.d.ts', 'package.json', 'vocabulary.d.ts',
    ]) {
      assert.ok(files.includes(file), `${file} in ${files}`);
    }
    const manifest = JSON.parse(await readFile(path.join(installed, 'package.json'), 'utf8'));
    const cargo = await readFile(path.join(REPO_ROOT, 'Cargo.toml'), 'utf8');
    const workspaceVersion = cargo.match(/\[workspace\.package\][^[]*?\nversion = "([^"]+)"/)[1];
    assert.equal(manifest.name, 'descent-explorer');
    assert.equal(manifest.version, workspaceVersion);
    assert.ok(path.basename(tarball).endsWith(`descent-explorer-${workspaceVersion}.tgz`), tarball);
  });

  test('Node imports it with no initialisation and gets the article\'s numbers', async () => {
    assert.equal((await ok('node', ['check.mjs'], project)).trim(), 'ok');
    // The one-liner, verbatim.
    const out = await ok('node', ['-e', 'import("descent-explorer").then(m => console.log(m.trajectory({steps: 2}).w1))'], project);
    assert.equal(out.trim(), `Float64Array(3) [ ${ARTICLE_W1.join(', ')} ]`);
  });

  test('tsc accepts correct use and rejects an unknown optimizer name', async () => {
    const started = performance.now();
    const tsc = path.join(project, 'node_modules', '.bin', 'tsc');
    await ok(tsc, ['-p', 'tsconfig.json'], project); // Node's resolution (nodenext)
    await ok(tsc, ['-p', 'tsconfig.json', '--module', 'preserve', '--moduleResolution', 'bundler'], project);
    const wrong = await run(tsc, ['-p', 'tsconfig.wrong.json'], project);
    assert.notEqual(wrong.code, 0, 'tsc accepted an unknown optimizer');
    assert.match(wrong.stdout, /wrong-optimizer\.ts.*error TS\d+: Type '"sgd"' is not assignable to type/);
    times.tsc = since(started);
  });

  test('a Vite site and a plain page draw the figures in Chromium under the strict CSP', async (t) => {
    let started = performance.now();
    await ok(path.join(project, 'node_modules', '.bin', 'vite'), ['build'], project);
    times.viteBuild = since(started);
    const assets = await readdir(path.join(project, 'site-dist', 'assets'));
    assert.ok(assets.some((file) => file.endsWith('.wasm')), `the wasm is emitted as an asset: ${assets}`);

    started = performance.now();
    const server = await startServer({ root: project, base: '/descent/' });
    const browser = await launchBrowser();
    try {
      for (const [page, figures, screenshot] of [
        ['site-dist/', ['surface', 'first-steps'], 'npm-vite-site.png'],
        ['plain/', ['maps'], 'npm-plain-page.png'],
      ]) {
        const view = await openPage(browser, `${server.url}${page}`, { viewport: { width: 800, height: 1400 } });
        // The figures (the first module) and the API's numbers (the engine) load side by side.
        await view.page.waitForFunction(
          (ids) => ids.every((id) => document.getElementById(id)?.dataset.ready === 'true') && document.getElementById('numbers').textContent,
          figures,
          { timeout: 30_000 },
        );
        for (const id of figures) {
          const ink = (await inkOf(view.page, `#${id}`)).coloured;
          assert.ok(ink > 1000, `${page}: #${id} is drawn (${ink} coloured pixels)`);
        }
        const numbers = await view.page.textContent('#numbers');
        assert.equal(numbers, ARTICLE_W1.join(' '), `${page}: the API in the page`);
        const notes = await view.page.evaluate(
          (ids) => ids.map((id) => document.getElementById(id).shadowRoot.querySelector('p').textContent),
          figures,
        );
        assert.deepEqual(notes, figures.map(() => ''), `${page}: no notices`);
        await saveScreenshot(view.page, screenshot);
        assert.deepEqual(view.errors, [], `${page}: console errors`);
        assert.deepEqual(view.failedRequests, [], `${page}: failed requests`);
        await view.close();
      }
    } finally {
      await browser.close();
      await server.close();
    }
    times.chromium = since(started);
    t.diagnostic(`seconds: ${JSON.stringify(times)}`);
  });
});
