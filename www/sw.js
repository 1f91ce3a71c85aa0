// Descent's service worker: the site keeps working offline after its first load. Network
// first (a visitor online always gets the current files), the cache when the network fails.
//
// At install it stores the explorer's files, asking the browser's HTTP cache first
// (`force-cache`): the page has just fetched them, and a host that sends no caching headers
// must not send them twice. Other files (the custom element, the embed example) are stored
// when a page first fetches them.
const CACHE = 'descent-v3';
const FILES = [
  'boot.js',
  'style.css',
  'descent-web.js',
  'descent-web_bg.wasm',
  'descent-web-engine.js',
  'descent-web-engine_bg.wasm',
  'sweep-worker.js',
];

/** Stores the page (as './', whatever its query) and FILES, from the HTTP cache where it can. */
async function store() {
  const cache = await caches.open(CACHE);
  const scope = new URL(self.registration.scope);
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const pages = [scope.pathname, `${scope.pathname}index.html`];
  const page = windows.map((w) => new URL(w.url)).find((url) => pages.includes(url.pathname)) ?? scope;
  const response = await fetch(new Request(page.href, { cache: 'force-cache' }));
  if (!response.ok) throw new Error(`the page answered ${response.status}`);
  await Promise.all([
    cache.put(scope.href, response),
    cache.addAll(FILES.map((file) => new Request(file, { cache: 'force-cache' }))),
  ]);
}

self.addEventListener('install', (event) => {
  event.waitUntil(store().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(request, copy));
        }
        return response;
      })
      .catch(async () => {
        const hit = await caches.match(request, { ignoreSearch: true });
        const page = request.mode === 'navigate' ? await caches.match(self.registration.scope) : undefined;
        return hit ?? page ?? Response.error();
      }),
  );
});
