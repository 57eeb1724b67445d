// Progressive enhancement for /lapor: a "use my location" button that fills latitude and longitude from the
// phone's GPS. Without JavaScript (or without permission) the two fields are simply typed or left empty.
(function () {
  var lat = document.querySelector('input[name="lat"]');
  var lon = document.querySelector('input[name="lon"]');
  var button = document.getElementById('use-location');
  if (!lat || !lon || !button || !navigator.geolocation) return;
  button.hidden = false;
  button.addEventListener('click', function () {
    button.disabled = true;
    navigator.geolocation.getCurrentPosition(function (position) {
      lat.value = position.coords.latitude.toFixed(6);
      lon.value = position.coords.longitude.toFixed(6);
      button.disabled = false;
    }, function () {
      button.disabled = false;
    }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
  });
})();

// Category suggestion while typing: after a pause, the title and text are sent to the suggestion API and the
// suggested categories appear as buttons that choose the category. Without JavaScript the "suggest" button
// does the same with a round trip.
(function () {
  var box = document.getElementById('category-suggestions');
  var select = document.querySelector('select[name="category"]');
  var title = document.querySelector('input[name="title"]');
  var text = document.querySelector('textarea[name="description"]');
  var fallback = document.getElementById('suggest-button');
  if (!box || !select || !title || !text || !window.fetch) return;
  if (fallback) fallback.hidden = true;
  var timer = null;
  function kind() {
    var checked = document.querySelector('input[name="kind"]:checked');
    return checked ? checked.value : '';
  }
  function show(suggestions) {
    while (box.firstChild) box.removeChild(box.firstChild);
    if (!suggestions.length) return;
    var heading = document.createElement('p');
    heading.textContent = box.getAttribute('data-title') || '';
    box.appendChild(heading);
    suggestions.forEach(function (s) {
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'small' + (select.value === s.code ? ' chosen' : '');
      button.textContent = s.name + ' (' + s.agency + ')';
      button.addEventListener('click', function () {
        select.value = s.code;
        show(suggestions);
      });
      box.appendChild(button);
      box.appendChild(document.createTextNode(' '));
    });
  }
  function ask() {
    var words = (title.value + ' ' + text.value).trim();
    if (words.length < 3) return show([]);
    var url = '/api/v1/categories/suggest?text=' + encodeURIComponent(words.slice(0, 4000)) +
      (kind() ? '&kind=' + kind() : '');
    fetch(url, { headers: { Accept: 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
      .then(function (body) { show(body.suggestions || []); })
      .catch(function () {});
  }
  function later() {
    clearTimeout(timer);
    timer = setTimeout(ask, 700);
  }
  title.addEventListener('input', later);
  text.addEventListener('input', later);
})();

// Without signal the form is kept on the phone as a draft (drafts.js) instead of failing: before sending when
// the browser knows it is offline, and when an upload fails for want of a network (sigap.js asks first).
(function () {
  var form = document.querySelector('form[data-drafts]');
  if (!form || !window.SigapDrafts || !window.indexedDB) return;
  var notice = document.getElementById('draft-saved');

  function keep() {
    var fields = [];
    var pending = [];
    Array.prototype.forEach.call(form.elements, function (input) {
      if (!input.name || input.disabled || input.type === 'submit' || input.type === 'button') return;
      if ((input.type === 'radio' || input.type === 'checkbox') && !input.checked) return;
      if (input.type === 'file') {
        Array.prototype.forEach.call(input.files || [], function (file) {
          pending.push(window.sigapShrinkPhoto(file).then(function (small) {
            return { field: input.name, name: small.name, blob: small };
          }));
        });
        return;
      }
      if (input.name === '_csrf') return;
      fields.push([input.name, input.value]);
    });
    return Promise.all(pending).then(function (photos) { return SigapDrafts.save(fields, photos); }).then(function () {
      delete form.dataset.sent;
      delete form.dataset.uploading;
      form.reset();
      if (notice) {
        notice.hidden = false;
        notice.focus();
      }
      if (navigator.serviceWorker) {
        navigator.serviceWorker.ready.then(function (registration) {
          if (registration.sync) return registration.sync.register(SigapDrafts.syncTag);
        }).catch(function () {});
      }
      if (window.SigapDraftsPanel) window.SigapDraftsPanel.show();
    });
  }

  // Capture phase: runs before the submit handlers sigap.js put on the form itself.
  document.addEventListener('submit', function (event) {
    if (event.target !== form || navigator.onLine !== false) return;
    var submitter = event.submitter;
    if (submitter && submitter.name) return;  // "suggest a category" needs the server; nothing to keep yet
    event.preventDefault();
    event.stopImmediatePropagation();
    keep();
  }, true);
  form.addEventListener('sigap:network-error', function (event) {
    event.preventDefault();
    keep();
  });
})();
