// The test server itself: sub-path, MIME types, CSP on every response, 404s, no traversal.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cspFor, startServer } from './support/server.mjs';

/** A raw GET/HEAD that sends `rawPath` exactly as written (fetch would normalise it). */
function rawRequest(origin, rawPath, method = 'GET') {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path: rawPath, method }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString() }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('static test server', { timeout: 60_000 }, () => {
  let dir;
  let root;
  let server;

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'descent-server-test-'));
    root = path.join(dir, 'dist');
    await mkdir(path.join(root, 'sub'), { recursive: true });
    await writeFile(path.join(dir, 'secret.txt'), 'SECRET outside the root\n');
    await writeFile(path.join(root, 'index.html'), '<!doctype html><title>t</title>');
    await writeFile(path.join(root, 'app.js'), 'export const x = 1;\n');
    await writeFile(path.join(root, 'app_bg.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
    await writeFile(path.join(root, 'style.css'), 'body{}\n');
    await writeFile(path.join(root, 'icon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    await writeFile(path.join(root, 'data.json'), '{"a":1}\n');
    await writeFile(path.join(root, 'sub', 'index.html'), '<!doctype html><title>sub</title>');
    await symlink(path.join(dir, 'secret.txt'), path.join(root, 'link.txt'));
    server = await startServer({ root, base: '/descent/' });
  });

  after(async () => {
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('serves the root under the sub-path, on 127.0.0.1 and a free port', async () => {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/descent\/$/);
    const response = await fetch(server.url);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.equal(await response.text(), '<!doctype html><title>t</title>');
  });

  test('sends each file with its MIME type and the CSP header', async () => {
    const expected = {
      'app.js': 'text/javascript; charset=utf-8',
      'app_bg.wasm': 'application/wasm',
      'style.css': 'text/css; charset=utf-8',
      'icon.svg': 'image/svg+xml',
      'data.json': 'application/json',
      'index.html': 'text/html; charset=utf-8',
    };
    for (const [name, type] of Object.entries(expected)) {
      const response = await fetch(new URL(name, server.url));
      assert.equal(response.status, 200, name);
      assert.equal(response.headers.get('content-type'), type, name);
      assert.equal(response.headers.get('content-security-policy'), cspFor(server.origin), name);
      await response.arrayBuffer();
    }
  });

  test('the CSP is the strict one the page must live with', () => {
    assert.equal(
      cspFor('https://example.org'),
      "default-src 'self' https://example.org; script-src 'self' https://example.org 'wasm-unsafe-eval'; " +
        "style-src 'self' https://example.org; img-src 'self' https://example.org data: blob:",
    );
  });

  test('answers HEAD without a body and refuses other methods', async () => {
    const head = await rawRequest(server.origin, '/descent/app.js', 'HEAD');
    assert.equal(head.status, 200);
    assert.equal(head.body, '');
    assert.equal(head.headers['content-length'], String('export const x = 1;\n'.length));
    const post = await rawRequest(server.origin, '/descent/app.js', 'POST');
    assert.equal(post.status, 405);
  });

  test('redirects the base without its slash and directories to their index', async () => {
    const base = await rawRequest(server.origin, '/descent');
    assert.equal(base.status, 301);
    assert.equal(base.headers.location, '/descent/');
    const sub = await rawRequest(server.origin, '/descent/sub');
    assert.equal(sub.status, 301);
    assert.equal(sub.headers.location, '/descent/sub/');
    const index = await rawRequest(server.origin, '/descent/sub/');
    assert.equal(index.status, 200);
    assert.match(index.body, /<title>sub<\/title>/);
  });

  test('answers 404, with the CSP, for missing files and paths outside the base', async () => {
    for (const rawPath of ['/descent/missing.js', '/', '/index.html', '/other/index.html', '/descentx/']) {
      const response = await rawRequest(server.origin, rawPath);
      assert.equal(response.status, 404, rawPath);
      assert.equal(response.headers['content-security-policy'], cspFor(server.origin), rawPath);
    }
  });

  test('does not let a path leave the root', async () => {
    const attempts = [
      '/descent/../secret.txt',
      '/descent/..%2fsecret.txt',
      '/descent/..%2Fsecret.txt',
      '/descent/%2e%2e/secret.txt',
      '/descent/%2e%2e%2fsecret.txt',
      '/descent/..%5csecret.txt',
      '/descent/sub/..%2f..%2fsecret.txt',
      '/descent/%2fetc%2fpasswd',
      '/descent/..%00/secret.txt',
      '/descent/%E0%A4%A',
      '/descent/link.txt',
      '//descent/../secret.txt',
    ];
    for (const rawPath of attempts) {
      const response = await rawRequest(server.origin, rawPath);
      assert.equal(response.status, 404, rawPath);
      assert.doesNotMatch(response.body, /SECRET|root:/, rawPath);
    }
  });

  test('a second server is a second origin', async () => {
    const other = await startServer({ root, base: '/' });
    try {
      assert.notEqual(other.origin, server.origin);
      const response = await fetch(new URL('data.json', other.url));
      assert.equal(response.status, 200);
      assert.deepEqual(await response.json(), { a: 1 });
    } finally {
      await other.close();
    }
  });

  test('logs every request with its status', () => {
    assert.ok(server.requests.length > 0);
    assert.ok(server.requests.every((r) => typeof r.status === 'number' && typeof r.path === 'string'));
  });
});
