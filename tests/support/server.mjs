// A tiny static file server for the browser tests (and scripts/serve.sh): serves one directory
// under a sub-path (http://127.0.0.1:PORT/descent/ -> dist/), the way a static host serves a
// published copy of dist/, and sends the page's strict Content-Security-Policy on every
// response, so a test fails when the page needs an inline script, a CDN or eval.
//
// Zero dependencies (node:http only). GET and HEAD only; anything outside the root, including
// `..` in any encoding and symlinks that leave the root, is a 404.
//
//   import { startServer } from './support/server.mjs';
//   const server = await startServer({ root: 'dist', base: '/descent/' });
//   // server.url === 'http://127.0.0.1:41234/descent/'
//   await server.close();
//
// Start it twice for two origins (cross-origin iframe tests): each server has its own port.
//
// As a command: node tests/support/server.mjs [--root dist] [--base /] [--port 8080]
//   [--host 127.0.0.1]

import { createServer } from 'node:http';
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/**
 * The Content-Security-Policy the published page must work under, for a site at `origin`.
 * The origin is named beside 'self' because WebKit matches 'self' in a sandboxed frame (whose
 * origin is opaque) against nothing, which would block every file of an embed there.
 */
export function cspFor(origin) {
  return (
    `default-src 'self' ${origin}; script-src 'self' ${origin} 'wasm-unsafe-eval'; ` +
    `style-src 'self' ${origin}; img-src 'self' ${origin} data: blob:`
  );
}

/** Content types by file extension (lower case, with the dot). */
export const MIME_TYPES = Object.freeze({
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.webmanifest': 'application/manifest+json',
  '.ts': 'text/plain; charset=utf-8',
});

/** The content type of a file name; unknown extensions are served as bytes. */
export function mimeTypeOf(fileName) {
  return MIME_TYPES[path.extname(fileName).toLowerCase()] ?? 'application/octet-stream';
}

/** `/`, `/descent/`: a base path always starts and ends with one slash. */
function normaliseBase(base) {
  const trimmed = String(base ?? '/').replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '/' : `/${trimmed}/`;
}

/** True when `candidate` is `root` itself or lies inside it. */
function isInside(root, candidate) {
  const relative = path.relative(root, candidate);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * Maps a request path (still percent-encoded) to a file path inside `root`, or returns null
 * when the path is not under `base` or tries to leave the root.
 */
function filePathOf(root, base, requestPath) {
  if (!requestPath.startsWith(base)) return null;
  let relative;
  try {
    relative = decodeURIComponent(requestPath.slice(base.length));
  } catch {
    return null; // malformed percent-encoding
  }
  if (relative.includes('\0') || relative.includes('\\')) return null;
  const segments = relative.split('/');
  if (segments.some((segment) => segment === '..' || segment === '.')) return null;
  const filePath = path.join(root, ...segments);
  return isInside(root, filePath) ? filePath : null;
}

/**
 * Starts a static file server for `root` under the URL path `base` on `host`:`port`
 * (port 0 = a free port), sending `csp` (a string, or a function of the server's origin;
 * default: cspFor) and `headers` with every response; with `gzip`, compressed as static hosts
 * do for clients that accept it (`Content-Encoding: gzip`). Resolves to
 * `{ url, origin, port, requests, close }`: `url` is the base URL with a trailing slash, `requests` logs `{ method, path, status }` of every request,
 * and `close()` stops the server and drops open connections.
 */
export async function startServer({
  root,
  base = '/',
  host = '127.0.0.1',
  port = 0,
  csp = cspFor,
  headers = {},
  gzip = false,
} = {}) {
  if (!root) throw new Error('startServer: `root` (the directory to serve) is required');
  const rootReal = await realpath(path.resolve(root));
  const basePath = normaliseBase(base);
  const requests = [];

  // Set once the server listens (the CSP may name its origin). `headers` adds to these or,
  // with a null value, leaves one out (a host without caching headers: { 'Cache-Control': null }).
  let commonHeaders = {};

  async function respond(req) {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return { status: 405, headers: { Allow: 'GET, HEAD' }, body: 'Method not allowed\n' };
    }
    // Concatenate rather than resolve, so `//host/x` stays a path; the parser still folds
    // `/./` and `/../` (also as `%2e`), which can only move a path out from under `base`.
    const requestPath = new URL(`http://localhost${req.url ?? '/'}`).pathname;
    if (`${requestPath}/` === basePath) {
      return { status: 301, headers: { Location: basePath }, body: '' };
    }
    let filePath = filePathOf(rootReal, basePath, requestPath);
    if (filePath === null) return notFound();
    try {
      let info = await stat(filePath);
      if (info.isDirectory()) {
        if (!requestPath.endsWith('/')) {
          return { status: 301, headers: { Location: `${requestPath}/` }, body: '' };
        }
        filePath = path.join(filePath, 'index.html');
        info = await stat(filePath);
      }
      if (!info.isFile()) return notFound();
      const fileReal = await realpath(filePath);
      if (!isInside(rootReal, fileReal)) return notFound();
      const body = await readFile(fileReal);
      return { status: 200, headers: { 'Content-Type': mimeTypeOf(fileReal) }, body };
    } catch {
      return notFound();
    }
  }

  function notFound() {
    return {
      status: 404,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
      body: 'Not found\n',
    };
  }

  const compressed = new Map();
  const server = createServer((req, res) => {
    respond(req)
      .catch(() => ({ status: 500, headers: {}, body: 'Internal server error\n' }))
      .then(({ status, headers: own, body }) => {
        let bytes = typeof body === 'string' ? Buffer.from(body) : body;
        if (gzip && status === 200 && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
          const key = req.url;
          if (!compressed.has(key)) compressed.set(key, gzipSync(bytes, { level: 9 }));
          bytes = compressed.get(key);
          own = { ...own, 'Content-Encoding': 'gzip', Vary: 'Accept-Encoding' };
        }
        requests.push({ method: req.method, path: req.url, status });
        res.writeHead(status, { ...commonHeaders, ...own, 'Content-Length': bytes.length });
        res.end(req.method === 'HEAD' ? undefined : bytes);
      });
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });

  const address = server.address();
  const hostInUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const origin = `http://${hostInUrl}:${address.port}`;
  commonHeaders = Object.fromEntries(
    Object.entries({
      'Content-Security-Policy': typeof csp === 'function' ? csp(origin) : csp,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
      ...headers,
    }).filter(([, value]) => value != null),
  );
  return {
    url: `${origin}${basePath}`,
    origin,
    port: address.port,
    base: basePath,
    root: rootReal,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** `node server.mjs --root dist --base / --port 8080`: serve until interrupted. */
async function main(argv) {
  const options = { root: 'dist', base: '/', port: 8080, host: '127.0.0.1' };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    const key = flag?.replace(/^--/, '');
    if (!(key in options) || value === undefined) {
      console.error(`usage: server.mjs [--root DIR] [--base /PATH/] [--port N] [--host ADDR]`);
      process.exit(2);
    }
    options[key] = key === 'port' ? Number(value) : value;
  }
  const server = await startServer(options);
  console.log(`Serving ${server.root} at ${server.url}  (Ctrl-C stops)`);
  const stop = () => server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(`server.mjs: ${error.message}`);
    process.exit(1);
  });
}
