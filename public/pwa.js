// The page's first script (index.html): Trusted Types policies, then the service-worker glue.
(function () {
  'use strict';
  // Trusted Types for Bantin's page (CSP `require-trusted-types-for 'script'`; xtask/src/headers.rs),
  // first in the page's first script, because a policy must exist before its first use. (Once a
  // file of its own: one more request, and ~100 bytes of brotli more than sharing this one.)
  // Two narrow policies, each for the one sink that needs it:
  // - `default`: Leptos builds each view's static markup once by assigning it to a <template>'s
  //   innerHTML. That markup is the app's own (feed text is always set as text, never as HTML),
  //   so anything that could run is refused: <script>, event-handler attributes, javascript: URLs.
  //   Script URLs: same-origin only.
  // - `bantin-sw`: the service worker's URL (`navigator.serviceWorker.register` wants a
  //   TrustedScriptURL), same-origin only too.
  // No policy creates TrustedScript, so no string ever becomes code (eval, inline <script> text).
  // Refusing is returning null: the browser then blocks the assignment with a TypeError and
  // reports a CSP violation (securitypolicyviolation, and any report endpoint a host adds).
  // Relative URL: the worker's scope is the app's folder, whatever the sub-path.
  var workerUrl = 'sw.js';
  var types = window.trustedTypes;
  if (types && types.createPolicy) {
    var RUNNABLE = /<\s*script|\son[a-z]+\s*=|javascript\s*:/i;
    var sameOriginScript = function (url) {
      var parsed = new URL(url, document.baseURI);
      if (parsed.origin === location.origin) return parsed.href;
      console.error('Bantin: Trusted Types refused a script URL from another origin: ' + parsed.origin);
      return null;
    };
    types.createPolicy('default', {
      createHTML: function (markup) {
        if (!RUNNABLE.test(markup)) return markup;
        console.error('Bantin: Trusted Types refused markup that could run script');
        return null;
      },
      createScriptURL: sameOriginScript,
    });
    workerUrl = types.createPolicy('bantin-sw', { createScriptURL: sameOriginScript }).createScriptURL(workerUrl);
  }

  // Service-worker glue: registration, the update handshake, feed-update notices, and the
  // "save for offline" store. The Leptos app listens to the window events below and calls
  // window.bantinPwa; nothing here touches the app's DOM.
  var api = { waiting: null, accepted: false };
  window.bantinPwa = api;
  var SAVED_CACHE = 'bantin-saved';

  // Start the first data file's download with the page, before the wasm runs: the file the
  // app will read first (src/app.rs). A link to one article, with no filters, reads only that
  // article's file; an embed of one district reads its district's feed; anything else,
  // feed.json. (A static <link rel=preload> of feed.json was paid by every deep link.)
  (function () {
    var p = new URLSearchParams(location.search);
    var filtered = ['q', 'district', 'topic', 'from', 'to', 'sort'].some(function (k) { return p.get(k); });
    var districts = p.getAll('district');
    var first = p.get('article') && !filtered ? null
      : p.get('embed') === '1' && districts.length === 1 && /^[a-z0-9-]+$/.test(districts[0]) ? 'districts/' + districts[0] + '.json'
      : 'feed.json';
    if (!first) return;
    var link = document.createElement('link');
    link.rel = 'preload';
    link.as = 'fetch';
    link.crossOrigin = 'anonymous';
    link.href = first;
    document.head.appendChild(link);
  })();
  var savedUrl = function (key) { return new URL('saved/' + encodeURIComponent(key) + '.json', location.href).href; };

  // Every file the reader fetches, several at once: per URL [bytes, fetched-at header] or
  // [null, message naming the URL]. It never rejects, so one failed file never hides the others.
  // (Here, not in Rust: a future per request costs the app ~10 KB of wasm.) Bytes, not text:
  // wasm-bindgen copies a string into wasm memory through a buffer of up to 3 bytes a
  // character, which for a search chunk of 10 MB is 30 MB that wasm memory never gives back.
  api.fetchAll = function (urls) {
    return Promise.all(urls.map(function (url) {
      var failed = function (what) { return function (e) { return [null, url + ': ' + what + ' (' + e + ')']; }; };
      return fetch(url).then(function (response) {
        if (!response.ok) return [null, url + ': HTTP ' + response.status + ' ' + response.statusText];
        return response.arrayBuffer().then(function (bytes) { return [new Uint8Array(bytes), response.headers.get('x-bantin-fetched-at')]; }, failed('could not read the response'));
      }, failed('network error'));
    }));
  };

  api.applyUpdate = function () {
    if (!api.waiting) return;
    api.accepted = true;
    api.waiting.postMessage({ type: 'skip-waiting' });
  };

  // Saved collections: JSON feeds kept in their own cache, outside the versioned shell and the
  // feed cache, so they survive updates until the user removes them. The app chooses the
  // articles (its query engine gives their ids); their full text comes from the feed.
  // From an archive the app passes the URLs of the full items instead; fetching them here
  // also leaves them in the service worker's archive cache. Nothing is stored unless every
  // item arrived, so a failure never leaves a collection half-saved.
  var fetchJson = function (url) {
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error(url + ': HTTP ' + response.status);
      return response.json();
    });
  };
  var fromArchive = function (urls) {
    var items = [], next = 0;
    var worker = function () {
      if (next >= urls.length) return Promise.resolve();
      var at = next++;
      return fetchJson(urls[at]).then(function (item) { items[at] = item; return worker(); });
    };
    var workers = [];
    for (var i = 0; i < Math.min(6, urls.length); i++) workers.push(worker());
    return Promise.all(workers).then(function () {
      return { version: 'https://jsonfeed.org/version/1.1', title: '', language: 'vi', items: items };
    });
  };
  api.save = function (key, label, ids, urls) {
    var persist = navigator.storage && navigator.storage.persist ? navigator.storage.persist() : Promise.resolve(false);
    var wanted = new Set(ids);
    var source = urls && urls.length ? fromArchive(urls) : fetchJson('feed.json').then(function (feed) {
      delete feed._bantin;
      delete feed.next_url;
      feed.items = (feed.items || []).filter(function (item) { return item && wanted.has(item.id); });
      return feed;
    });
    var bytes = 0;
    return source.then(function (feed) {
      feed.title = label;
      return JSON.stringify(feed);
    }).then(function (json) {
      bytes = new Blob([json]).size;
      return caches.open(SAVED_CACHE).then(function (cache) {
      var headers = { 'content-type': 'application/feed+json', 'x-bantin-label': encodeURIComponent(label), 'x-bantin-saved-at': String(Date.now()) };
        // One write: it either stores the whole collection or fails and stores nothing.
        return cache.put(savedUrl(key), new Response(json, { headers: headers }));
      });
    }).then(function () { return persist; }, function (error) {
      // The app tells a full disk (say how much did not fit) from other failures.
      throw { name: (error && error.name) || 'Error', message: String((error && error.message) || error), bytes: bytes };
    });
  };
  api.remove = function (key) {
    return caches.open(SAVED_CACHE).then(function (cache) { return cache.delete(savedUrl(key)); });
  };
  // [{key, label, bytes, json}] for every saved collection.
  api.list = function () {
    if (!('caches' in window)) return Promise.resolve([]);
    return caches.open(SAVED_CACHE).then(function (cache) {
      return cache.keys().then(function (requests) {
        return Promise.all(requests.map(function (request) {
          return cache.match(request).then(function (response) {
            return response.text().then(function (json) {
              var name = request.url.split('/saved/')[1] || '';
              return {
                key: decodeURIComponent(name.replace(/\.json$/, '')),
                label: decodeURIComponent(response.headers.get('x-bantin-label') || ''),
                bytes: new Blob([json]).size,
                json: json,
              };
            });
          });
        }));
      });
    });
  };
  api.usage = function () {
    if (!navigator.storage || !navigator.storage.estimate) return Promise.resolve({ usage: 0, quota: 0, persisted: false });
    return Promise.all([navigator.storage.estimate(), navigator.storage.persisted ? navigator.storage.persisted() : false])
      .then(function (r) { return { usage: r[0].usage || 0, quota: r[0].quota || 0, persisted: !!r[1] }; });
  };

  if (!('serviceWorker' in navigator)) return;
  var announce = function (worker) {
    api.waiting = worker;
    window.dispatchEvent(new CustomEvent('bantin:update-ready'));
  };
  navigator.serviceWorker.addEventListener('message', function (event) {
    if (event.data && event.data.type === 'bantin:feed-updated') {
      // Remembered too: the worker may answer before the app has started listening.
      api.feedUpdated = true;
      window.dispatchEvent(new CustomEvent('bantin:feed-updated'));
    }
  });
  var reloading = false;
  navigator.serviceWorker.addEventListener('controllerchange', function () {
    // Reload once into the new version, only when the user asked for it.
    if (api.accepted && !reloading) { reloading = true; location.reload(); }
  });
  window.addEventListener('load', function () {
    navigator.serviceWorker.register(workerUrl).then(function (registration) {
      if (registration.waiting && navigator.serviceWorker.controller) announce(registration.waiting);
      registration.addEventListener('updatefound', function () {
        var worker = registration.installing;
        if (!worker) return;
        worker.addEventListener('statechange', function () {
          if (worker.state === 'installed' && navigator.serviceWorker.controller) announce(worker);
        });
      });
    }).catch(function (error) { console.warn('Bantin: offline mode unavailable:', error); });
  });
})();
