// The team app's service worker: keeps the page's own static files so the app opens without a network. It never
// caches API answers (they carry households' addresses and phones) nor /settings.json: only the files listed here,
// from this origin.
const CACHE = 'team-app-v1';
const FILES = ['/team.html', '/team.js', '/session.js', '/i18n.js', '/style.css', '/messages/vi.json',
  '/messages/en.json', '/team.webmanifest', '/team-icon.svg'];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin || !FILES.includes(url.pathname)) {
    return; // APIs, sign-in and everything else: straight to the network, never stored
  }
  // Network first (a new version is picked up at once), the cached copy when offline.
  event.respondWith(fetch(event.request)
    .then((response) => {
      const copy = response.clone();
      if (response.ok) {
        caches.open(CACHE).then((cache) => cache.put(event.request, copy));
      }
      return response;
    })
    .catch(() => caches.match(event.request)));
});
