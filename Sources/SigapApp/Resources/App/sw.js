// Sigap's service worker. Keeps the app shell (style, scripts, icons, the offline page and the report form)
// and the pages of the citizen's own recent reports, so a phone without signal still opens them; sends the
// reports drafted offline when the connection returns (Background Sync); shows push notifications.
// Pages always come from the network first: what is kept is only for when there is none.
'use strict';
importScripts('/js/drafts.js');

var VERSION = '__VERSION__';
var SHELL = 'sigap-shell-' + VERSION;
var PAGES = 'sigap-pages';
// Files only: fetching a form here would start a session for every first-time visitor of any page. The report
// form is kept once the person has opened it (KEPT_PAGES).
var SHELL_FILES = ['/css/sigap.css', '/js/sigap.js', '/js/lapor.js', '/js/drafts.js', '/js/peta.js',
  '/favicon.svg', '/icon-192.png', '/luring'];
// Pages worth keeping for offline reading: a report (with a guest's follow key), the own-reports list, the form.
var KEPT_PAGES = /^\/(laporan\/[A-Za-z0-9-]+|laporan-saya|lapor|)$/;
var MAX_KEPT_PAGES = 30;

self.addEventListener('install', function (event) {
  event.waitUntil(caches.open(SHELL).then(function (cache) { return cache.addAll(SHELL_FILES); })
    .then(function () { return self.skipWaiting(); }));
});

self.addEventListener('activate', function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) { return name.indexOf('sigap-shell-') === 0 && name !== SHELL; })
      .map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});

function keepPage(request, response) {
  var copy = response.clone();
  return caches.open(PAGES).then(function (cache) {
    return cache.put(request, copy).then(function () { return cache.keys(); }).then(function (keys) {
      return Promise.all(keys.slice(0, Math.max(0, keys.length - MAX_KEPT_PAGES)).map(function (key) {
        return cache.delete(key);
      }));
    });
  });
}

function pageFromNetwork(event) {
  var url = new URL(event.request.url);
  return fetch(event.request).then(function (response) {
    if (response.ok && !response.redirected && KEPT_PAGES.test(url.pathname)) {
      event.waitUntil(keepPage(event.request, response));
    }
    return response;
  }).catch(function () {
    return caches.match(event.request).then(function (kept) {
      return kept || caches.match(event.request, { ignoreSearch: true }).then(function (loose) {
        // A report kept without its follow key must not stand in for one asked with a key, or the other way.
        return (loose && url.search === '') ? loose : caches.match('/luring');
      });
    });
  });
}

function fileFromShell(event) {
  return caches.open(SHELL).then(function (cache) {
    return cache.match(event.request).then(function (kept) {
      var fresh = fetch(event.request).then(function (response) {
        if (response.ok) cache.put(event.request, response.clone());
        return response;
      });
      if (kept) {
        event.waitUntil(fresh.catch(function () {}));
        return kept;
      }
      return fresh;
    });
  });
}

self.addEventListener('fetch', function (event) {
  var request = event.request;
  if (request.method !== 'GET') return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    event.respondWith(pageFromNetwork(event));
  } else if (/^\/(css|js|vendor)\/|^\/(favicon\.svg|icon-[a-z0-9-]+\.png)$/.test(url.pathname)) {
    event.respondWith(fileFromShell(event));
  }
});

// Background Sync: the browser wakes the worker when the connection is back.
self.addEventListener('sync', function (event) {
  if (event.tag === SigapDrafts.syncTag) event.waitUntil(SigapDrafts.sendAll().then(tellPages));
});

function tellPages() {
  return self.clients.matchAll({ type: 'window' }).then(function (windows) {
    windows.forEach(function (client) { client.postMessage({ type: 'drafts-changed' }); });
  });
}

self.addEventListener('message', function (event) {
  // Signing out forgets the kept pages: the next person on a shared phone must not read them offline.
  if (event.data && event.data.type === 'forget-pages') event.waitUntil(caches.delete(PAGES));
  if (event.data && event.data.type === 'send-drafts') event.waitUntil(SigapDrafts.sendAll().then(tellPages));
});

self.addEventListener('push', function (event) {
  var message = {};
  try { message = event.data ? event.data.json() : {}; } catch (e) { message = { body: event.data.text() }; }
  event.waitUntil(self.registration.showNotification(message.title || 'Sigap', {
    body: message.body || '',
    icon: '/icon-192.png',
    badge: '/icon-192.png',
    tag: message.tag || undefined,
    data: { url: message.url || '/notifikasi' }
  }));
});

self.addEventListener('notificationclick', function (event) {
  event.notification.close();
  var target = new URL((event.notification.data && event.notification.data.url) || '/', self.location.origin);
  if (target.origin !== self.location.origin) target = new URL('/', self.location.origin);
  event.waitUntil(self.clients.matchAll({ type: 'window' }).then(function (windows) {
    for (var i = 0; i < windows.length; i++) {
      if (windows[i].url === target.href && 'focus' in windows[i]) return windows[i].focus();
    }
    return self.clients.openWindow(target.href);
  }));
});
