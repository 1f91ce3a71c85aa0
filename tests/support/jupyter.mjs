// A real JupyterLab for the widget's browser test: `python -m jupyterlab` from the Python of
// $DESCENT_PYTHON (a venv with the descent-explorer wheel, jupyterlab and anywidget; made by
// scripts/python-test.sh), on loopback with a random token, in a folder of its own, with its
// config, data and runtime folders apart from the user's and its news and update checks off.
//
//   const lab = await startJupyterLab({ notebooks: { 'figure.ipynb': notebook([...cells]) } });
//   lab.url('lab/tree/figure.ipynb')   // http://127.0.0.1:PORT/lab/tree/figure.ipynb?token=…
//   await lab.close();

import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The Python that runs JupyterLab and the kernel: $DESCENT_PYTHON. */
export const PYTHON = process.env.DESCENT_PYTHON;

/** A free loopback port. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** A notebook (nbformat 4) with code cells `sources`, for the venv's Python kernel. */
export function notebook(sources) {
  return {
    cells: sources.map((source) => ({
      cell_type: 'code',
      execution_count: null,
      metadata: {},
      outputs: [],
      source,
    })),
    metadata: {
      kernelspec: { display_name: 'Python 3 (ipykernel)', language: 'python', name: 'python3' },
      language_info: { name: 'python' },
    },
    nbformat: 4,
    nbformat_minor: 5,
  };
}

/**
 * Starts JupyterLab in a new temporary folder holding `notebooks` (name → notebook object);
 * resolves once it answers. `{ root, url(pathAndQuery), read(name), close() }`.
 */
export async function startJupyterLab({ notebooks = {} } = {}) {
  const home = mkdtempSync(path.join(tmpdir(), 'descent-jupyterlab-'));
  const root = path.join(home, 'notebooks');
  mkdirSync(root);
  for (const [name, content] of Object.entries(notebooks)) {
    writeFileSync(path.join(root, name), JSON.stringify(content, null, 1));
  }
  const port = await freePort();
  const token = randomBytes(16).toString('hex');
  const env = {
    ...process.env,
    JUPYTER_CONFIG_DIR: path.join(home, 'config'),
    JUPYTER_DATA_DIR: path.join(home, 'data'),
    JUPYTER_RUNTIME_DIR: path.join(home, 'runtime'),
    IPYTHONDIR: path.join(home, 'ipython'),
    JUPYTERLAB_SETTINGS_DIR: path.join(home, 'settings'),
    JUPYTERLAB_WORKSPACES_DIR: path.join(home, 'workspaces'),
    JUPYTER_PLATFORM_DIRS: '1',
  };
  const server = spawn(
    PYTHON,
    [
      '-m', 'jupyterlab',
      '--no-browser',
      '--allow-root', // CI runs as root
      '--ServerApp.ip=127.0.0.1',
      `--ServerApp.port=${port}`,
      '--ServerApp.port_retries=0',
      `--IdentityProvider.token=${token}`,
      `--ServerApp.root_dir=${root}`,
      '--LabApp.news_url=None',
      '--LabApp.extension_manager=readonly', // no look-ups on PyPI
      '--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate',
    ],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  server.stdout.on('data', (chunk) => (log += chunk));
  server.stderr.on('data', (chunk) => (log += chunk));
  const base = `http://127.0.0.1:${port}/`;
  const url = (pathAndQuery) => {
    const target = new URL(pathAndQuery, base);
    target.searchParams.set('token', token);
    return target.href;
  };
  const exited = new Promise((resolve) => server.once('exit', resolve));
  // Ready when the server prints its address (it listens before it prints).
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      server.kill();
      reject(new Error(`JupyterLab did not start within 90 s:\n${log}`));
    }, 90_000);
    const listening = () => {
      if (!log.includes(base)) return;
      clearTimeout(timer);
      server.stdout.off('data', listening);
      server.stderr.off('data', listening);
      resolve();
    };
    server.stdout.on('data', listening);
    server.stderr.on('data', listening);
    server.once('exit', () => {
      clearTimeout(timer);
      reject(new Error(`JupyterLab exited early:\n${log}`));
    });
  });
  return {
    root,
    url,
    log: () => log,
    read: (name) => JSON.parse(readFileSync(path.join(root, name), 'utf8')),
    async close() {
      server.kill('SIGTERM');
      const timer = setTimeout(() => server.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
      rmSync(home, { recursive: true, force: true });
    },
  };
}
