// Reports drafted without signal: kept on the phone (IndexedDB) with their photos, sent when the connection
// returns — by the service worker (Background Sync) where the browser has it, by the page when it comes back
// online, or by the "send now" button. Each draft carries its own submission key (`kirim`), so sending it twice
// (a lost answer, the page and the worker at once) still files one report. Used by pages and by sw.js.
var SigapDrafts = (function () {
  'use strict';
  var DATABASE = 'sigap', STORE = 'drafts', syncTag = 'sigap-drafts';
  // A draft another sender claimed this long ago without finishing is free again (its sender died).
  var CLAIM_MS = 60000;

  function open() {
    return new Promise(function (resolve, reject) {
      var request = indexedDB.open(DATABASE, 1);
      request.onupgradeneeded = function () { request.result.createObjectStore(STORE, { keyPath: 'id' }); };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }

  // Runs `work(store)` in one transaction; resolves with what `work` returned (a request's result if it is one).
  function transaction(mode, work) {
    return open().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(STORE, mode);
        var outcome = work(tx.objectStore(STORE));
        tx.oncomplete = function () {
          db.close();
          resolve(outcome && typeof outcome === 'object' && 'result' in outcome ? outcome.result : outcome);
        };
        tx.onerror = function () { db.close(); reject(tx.error); };
      });
    });
  }

  function all() {
    return transaction('readonly', function (store) { return store.getAll(); }).then(function (drafts) {
      return (drafts || []).sort(function (a, b) { return a.created - b.created; });
    });
  }

  function put(draft) { return transaction('readwrite', function (store) { store.put(draft); }); }
  function remove(id) { return transaction('readwrite', function (store) { store.delete(id); }); }

  function newKey() {
    var bytes = new Uint8Array(18);
    crypto.getRandomValues(bytes);
    return btoa(String.fromCharCode.apply(null, bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  // fields: [[name, value], …] as the form had them; photos: [{field, name, blob}].
  function save(fields, photos) {
    var id = newKey();
    var kept = fields.filter(function (pair) { return pair[0] !== 'kirim' && pair[0] !== 'confirm'; });
    // Its own submission key; and "file it anyway": offline nobody saw the similar reports the form may offer.
    kept.push(['kirim', id], ['confirm', 'on']);
    var title = '';
    kept.forEach(function (pair) { if (pair[0] === 'title') title = pair[1]; });
    var draft = { id: id, created: Date.now(), title: title, fields: kept, photos: photos, state: 'waiting' };
    return put(draft).then(function () { return draft; });
  }

  // Marks the draft as being sent, unless someone else is sending it; atomic (one IndexedDB transaction).
  function claim(id) {
    return transaction('readwrite', function (store) {
      var claimed = { result: false };
      var request = store.get(id);
      request.onsuccess = function () {
        var draft = request.result;
        var stale = draft && draft.state === 'sending' && Date.now() - draft.claimed > CLAIM_MS;
        if (draft && (draft.state === 'waiting' || stale)) {
          draft.state = 'sending';
          draft.claimed = Date.now();
          store.put(draft);
          claimed.result = draft;
        }
      };
      return claimed;
    });
  }

  function sendOne(draft) {
    // A fresh form first: its token belongs to the session as it is now (the kept one may have expired).
    return fetch('/lapor', { credentials: 'same-origin', cache: 'no-store' }).then(function (response) {
      return response.text();
    }).then(function (html) {
      var token = /_csrf=([A-Za-z0-9_-]+)/.exec(html);
      if (!token) throw new Error('no form token');
      var data = new FormData();
      draft.fields.forEach(function (pair) { data.append(pair[0], pair[1]); });
      (draft.photos || []).forEach(function (photo) { data.append(photo.field, photo.blob, photo.name); });
      return fetch('/lapor?_csrf=' + token[1], { method: 'POST', body: data, credentials: 'same-origin' });
    }).then(function (response) {
      var path = new URL(response.url).pathname;
      if (response.ok && /^\/laporan\/[^/]+$/.test(path)) {
        draft.state = 'sent';
        draft.url = response.url;
        draft.number = decodeURIComponent(path.split('/').pop());
        draft.photos = [];
      } else if (response.status === 422 || response.status === 400 || response.status === 413) {
        draft.state = 'refused';
      } else {
        draft.state = 'waiting';
      }
      return put(draft);
    }, function (error) {
      draft.state = 'waiting';
      return put(draft).then(function () { throw error; });
    });
  }

  // Sends every waiting draft, one after another; resolves when done (rejects if the network is still down,
  // so Background Sync tries again later).
  function sendAll() {
    return all().then(function (drafts) {
      var failed = null;
      return drafts.reduce(function (previous, draft) {
        return previous.then(function () {
          if (failed || draft.state !== 'waiting' && draft.state !== 'sending') return;
          return claim(draft.id).then(function (claimed) {
            if (claimed) return sendOne(claimed).catch(function (error) { failed = error; });
          });
        });
      }, Promise.resolve()).then(function () { if (failed) throw failed; });
    });
  }

  return { syncTag: syncTag, all: all, save: save, remove: remove, sendAll: sendAll };
})();

// On a page: the list of drafts (in #drafts, texts from its data- attributes), "send now", and sending when the
// connection returns where the browser has no Background Sync.
(function () {
  'use strict';
  if (typeof document === 'undefined' || !window.indexedDB) return;
  var box = document.getElementById('drafts');

  function text(name, value) { return (box.getAttribute('data-' + name) || '').replace('{0}', value || ''); }

  function show() {
    if (!box) return Promise.resolve();
    return SigapDrafts.all().then(function (drafts) {
      box.hidden = drafts.length === 0 && !box.hasAttribute('data-always');
      while (box.firstChild) box.removeChild(box.firstChild);
      var heading = document.createElement('h2');
      heading.textContent = text('title');
      box.appendChild(heading);
      if (!drafts.length) {
        var none = document.createElement('p');
        none.textContent = text('empty');
        box.appendChild(none);
      }
      var list = document.createElement('ul');
      drafts.forEach(function (draft) {
        var item = document.createElement('li');
        item.className = 'draft draft-' + draft.state;
        var line = document.createElement('span');
        if (draft.state === 'sent') {
          line.appendChild(document.createTextNode(text('sent', draft.title) + ' '));
          var link = document.createElement('a');
          link.href = draft.url;
          link.textContent = draft.number;
          line.appendChild(link);
        } else {
          line.textContent = text(draft.state === 'refused' ? 'refused' : 'waiting', draft.title);
        }
        item.appendChild(line);
        if (draft.state === 'sent' || draft.state === 'refused') {
          var forget = document.createElement('button');
          forget.type = 'button';
          forget.className = 'small secondary';
          forget.textContent = text('remove');
          forget.addEventListener('click', function () { SigapDrafts.remove(draft.id).then(show); });
          item.appendChild(document.createTextNode(' '));
          item.appendChild(forget);
        }
        list.appendChild(item);
      });
      box.appendChild(list);
      if (drafts.some(function (d) { return d.state === 'waiting' || d.state === 'sending'; })) {
        var send = document.createElement('button');
        send.type = 'button';
        send.id = 'send-drafts';
        send.textContent = text('send-now');
        send.addEventListener('click', sendNow);
        box.appendChild(send);
      }
    });
  }

  function sendNow() {
    return SigapDrafts.sendAll().catch(function () {}).then(show);
  }

  window.addEventListener('online', sendNow);
  if (navigator.serviceWorker) {
    navigator.serviceWorker.addEventListener('message', function (event) {
      if (event.data && event.data.type === 'drafts-changed') show();
    });
  }
  window.SigapDraftsPanel = { show: show, sendNow: sendNow };
  show().then(function () { if (navigator.onLine) sendNow(); });
})();
