// Descent's service worker: the site keeps working offline after its first load. Network
// first (a visitor online always gets the current files), the cache when the network fails.
const CACHE = 'descent-v2';
const FILES = [
  './',
  'index.html',
  'boot.js',
  'style.css',
  'descent-web.js',
  'descent-web_bg.wasm',
  'descent-element.js',
  'descent-element.css',
  'descent-api.js',
  'embed-example.html',
  'embed-example.css',
  'sweep-worker.js',
];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)).then(() => self.skipWaiting()));
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
      .catch(() => caches.match(request, { ignoreSearch: true }).then((hit) => hit ?? Response.error())),
  );
});
