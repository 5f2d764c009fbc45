// The offline shell. vite.config.ts fills in the two placeholders at build time and emits this
// file as /sw.js. Plain JavaScript on purpose: it runs as a classic worker script, unbundled.

const CACHE_PREFIX = 'plenary-shell-';
const CACHE_NAME = CACHE_PREFIX + __CACHE_VERSION__;
/** Every file of this build plus "/", the SPA entry every route falls back to. */
const PRECACHE_URLS = __PRECACHE_URLS__;
/** Served by the server itself; an offline shell page would only hide the real error. */
const SERVER_PATHS = ['/api/', '/healthz', '/collab/'];

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE_NAME)
      .then((cache) => cache.addAll(PRECACHE_URLS))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((name) => name.startsWith(CACHE_PREFIX) && name !== CACHE_NAME)
            .map((name) => caches.delete(name)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || SERVER_PATHS.some((path) => url.pathname.startsWith(path))) return;

  if (request.mode === 'navigate') {
    // Network first, so a deploy is picked up at once; the cached shell only when offline.
    event.respondWith(
      fetch(request).catch(() =>
        caches.match('/', { cacheName: CACHE_NAME }).then((cached) => cached ?? Response.error()),
      ),
    );
    return;
  }
  if (url.pathname.startsWith('/assets/')) {
    // Content-hashed file names never change meaning, so the cache may answer first.
    event.respondWith(caches.match(request).then((cached) => cached ?? fetch(request)));
  }
});
