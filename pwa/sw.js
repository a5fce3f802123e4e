// Bantin's service worker. xtask prepends `VERSION` and `PRECACHE` (generated from dist/ at
// build time: never a hand-kept list). Scope: the folder this file is served from.
/* global VERSION, PRECACHE */
'use strict';

var SHELL_CACHE = 'bantin-shell-' + VERSION;
var SHELL_PREFIX = 'bantin-shell-';
// Data outlives app versions: the feed cache and saved collections keep their names.
var FEED_CACHE = 'bantin-feed';
var FEED_URL = new URL('feed.json', self.registration.scope).href;
var INDEX_URL = new URL('index.html', self.registration.scope).href;
// Archive files carry their content hash in their path: once fetched, they are kept and
// served from the cache for ever (what was seen once reads again offline). District feeds
// and articles' files (named by the district or article, not by content) may change: network
// first, the cached copy when offline.
var ARCHIVE_CACHE = 'bantin-archive';
var ARCHIVE_PREFIX = new URL('archive/', self.registration.scope).href;
var DISTRICTS_PREFIX = new URL('districts/', self.registration.scope).href;
var ARTICLES_PREFIX = new URL('articles/', self.registration.scope).href;

function cacheFirst(request) {
  return caches.open(ARCHIVE_CACHE).then(function (cache) {
    return cache.match(request).then(function (hit) {
      if (hit) return hit;
      return fetch(request).then(function (response) {
        if (response.ok) cache.put(request, response.clone());
        return response;
      });
    });
  });
}

function networkFirst(request) {
  return caches.open(ARCHIVE_CACHE).then(function (cache) {
    return fetch(request).then(function (response) {
      if (response.ok) cache.put(request, response.clone());
      return response;
    }).catch(function (error) {
      return cache.match(request).then(function (hit) { if (hit) return hit; throw error; });
    });
  });
}

function stamp(response) {
  // Remember when this copy of the feed was fetched, for "Cập nhật lúc HH:MM dd/mm".
  var headers = new Headers(response.headers);
  headers.set('x-bantin-fetched-at', String(Date.now()));
  // The body below is already decoded: these would describe the wire format, not it.
  headers.delete('content-encoding');
  headers.delete('content-length');
  return response.clone().text().then(function (body) {
    return { body: body, response: new Response(body, { status: response.status, statusText: response.statusText, headers: headers }) };
  });
}

// A feed that fronts an archive is useless offline without its manifest: keep them together.
function cacheManifestOf(body) {
  var pointer;
  try { pointer = (JSON.parse(body)._bantin || {}).archive; } catch (e) { return Promise.resolve(); }
  if (typeof pointer !== 'string') return Promise.resolve();
  var url = new URL(pointer, FEED_URL).href;
  if (url.indexOf(ARCHIVE_PREFIX) !== 0) return Promise.resolve();
  return cacheFirst(new Request(url)).catch(function () {});
}

function refreshFeed() {
  return fetch(FEED_URL, { cache: 'no-store' }).then(function (response) {
    if (!response.ok) return null;
    return stamp(response).then(function (fresh) {
      return cacheManifestOf(fresh.body).then(function () { return fresh; });
    }).then(function (fresh) {
      return caches.open(FEED_CACHE).then(function (cache) {
        return cache.match(FEED_URL).then(function (old) {
          var oldBody = old ? old.clone().text() : Promise.resolve(null);
          return oldBody.then(function (previous) {
            return cache.put(FEED_URL, fresh.response.clone()).then(function () {
              return { changed: previous !== null && previous !== fresh.body, response: fresh.response };
            });
          });
        });
      });
    });
  });
}

self.addEventListener('install', function (event) {
  event.waitUntil(
    caches.open(SHELL_CACHE).then(function (cache) {
      // Bypass the HTTP cache: unhashed files (index.html, pwa.js) must be this build's.
      return cache.addAll(PRECACHE.map(function (url) { return new Request(url, { cache: 'reload' }); }));
    }).catch(function (error) {
      // A file missing (a deploy cut short) or no room: this version is not installed, the
      // running one stays, and its empty cache is not left behind.
      return caches.delete(SHELL_CACHE).then(function () { throw error; });
    }).then(function () {
      // Make the first visit's feed readable offline at once; a failed feed fetch must not
      // block installing the shell (a failed shell must).
      return caches.open(FEED_CACHE).then(function (cache) {
        return cache.match(FEED_URL).then(function (hit) { return hit || refreshFeed(); });
      }).catch(function () { return null; });
    })
  );
  // No skipWaiting here: a new version waits until the user accepts the update prompt,
  // so a page never runs a mix of two versions.
});

self.addEventListener('activate', function (event) {
  event.waitUntil(
    caches.keys().then(function (keys) {
      return Promise.all(keys.filter(function (key) {
        return key.indexOf(SHELL_PREFIX) === 0 && key !== SHELL_CACHE;
      }).map(function (key) { return caches.delete(key); }));
    }).then(function () { return self.clients.claim(); })
  );
});

self.addEventListener('message', function (event) {
  if (event.data && event.data.type === 'skip-waiting') self.skipWaiting();
});

function notifyFeedUpdated() {
  return self.clients.matchAll({ type: 'window' }).then(function (clients) {
    clients.forEach(function (client) { client.postMessage({ type: 'bantin:feed-updated' }); });
  });
}

// Stale-while-revalidate: answer from the cache at once, then fetch; tell pages when it changed.
function feed(event) {
  var revalidate = refreshFeed().then(function (result) {
    if (result && result.changed) return notifyFeedUpdated().then(function () { return result; });
    return result;
  }).catch(function () { return null; });
  event.waitUntil(revalidate);
  return caches.open(FEED_CACHE).then(function (cache) {
    return cache.match(FEED_URL).then(function (cached) {
      if (cached) return cached;
      return revalidate.then(function (result) {
        return result ? result.response.clone() : fetch(event.request);
      });
    });
  });
}

self.addEventListener('fetch', function (event) {
  var request = event.request;
  if (request.method !== 'GET') return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  var plain = url.origin + url.pathname;
  if (plain === FEED_URL) {
    event.respondWith(feed(event));
    return;
  }
  if (plain.indexOf(ARCHIVE_PREFIX) === 0) {
    event.respondWith(cacheFirst(request));
    return;
  }
  if (plain.indexOf(DISTRICTS_PREFIX) === 0 || plain.indexOf(ARTICLES_PREFIX) === 0) {
    event.respondWith(networkFirst(request));
    return;
  }
  if (request.mode === 'navigate' && (plain === INDEX_URL || plain === self.registration.scope)) {
    // The page always comes from the same versioned cache as its wasm, JS and CSS.
    event.respondWith(caches.open(SHELL_CACHE).then(function (cache) {
      return cache.match(INDEX_URL).then(function (hit) { return hit || fetch(request); });
    }));
    return;
  }
  event.respondWith(caches.open(SHELL_CACHE).then(function (cache) {
    return cache.match(request, { ignoreSearch: true }).then(function (hit) { return hit || fetch(request); });
  }));
});
