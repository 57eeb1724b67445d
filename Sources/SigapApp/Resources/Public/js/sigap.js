// Small enhancements on every page; everything works without them.
(function () {
  // A form marked data-once sends once: after the first tap its submit button waits, so a double tap on a slow
  // connection does not send it twice (the server also answers a repeat with the first report).
  document.querySelectorAll('form[data-once]').forEach(function (form) {
    form.addEventListener('submit', function (event) {
      if (form.dataset.sent) { event.preventDefault(); return; }
      form.dataset.sent = '1';
      var button = event.submitter || form.querySelector('button[type="submit"]:not([name])');
      if (button && button.dataset.sending) {
        setTimeout(function () { button.disabled = true; button.textContent = button.dataset.sending; }, 0);
      }
    });
  });
  // "Copy" buttons: data-copy names the input whose value is copied.
  document.querySelectorAll('button[data-copy]').forEach(function (button) {
    var source = document.getElementById(button.dataset.copy);
    if (!source || !navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener('click', function () {
      navigator.clipboard.writeText(source.value).then(function () { button.textContent = button.dataset.copied; });
    });
  });
})();
// "Print" buttons (the whistleblowing receipt).
document.querySelectorAll('button[data-print]').forEach(function (button) {
  button.hidden = false;
  button.addEventListener('click', function () { window.print(); });
});

// Forms with photos (data-photos): large photos are made smaller on the phone before they are sent (longer
// side 1600 px, JPEG; the browser also applies the camera's rotation), and the upload shows its progress.
// Without JavaScript, or if anything here fails, the form is sent as it is.
(function () {
  var maxSide = 1600;
  function shrink(file) {
    if (!/^image\/(jpeg|png)$/.test(file.type) || !window.createImageBitmap) return Promise.resolve(file);
    return createImageBitmap(file, { imageOrientation: 'from-image' }).then(function (bitmap) {
      var longer = Math.max(bitmap.width, bitmap.height);
      if (longer <= maxSide && file.size <= 1500000) return file;
      var scale = Math.min(1, maxSide / longer);
      var canvas = document.createElement('canvas');
      canvas.width = Math.round(bitmap.width * scale);
      canvas.height = Math.round(bitmap.height * scale);
      var context = canvas.getContext('2d');
      context.fillStyle = '#fff';
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      return new Promise(function (resolve) {
        canvas.toBlob(function (blob) {
          resolve(blob ? new File([blob], file.name.replace(/\.\w+$/, '') + '.jpg', { type: 'image/jpeg' }) : file);
        }, 'image/jpeg', 0.85);
      });
    }).catch(function () { return file; });
  }

  window.sigapShrinkPhoto = shrink;

  document.querySelectorAll('form[data-photos]').forEach(function (form) {
    var inputs = form.querySelectorAll('input[type="file"]');
    if (!inputs.length || !window.FormData || !window.XMLHttpRequest) return;
    var status = document.createElement('p');
    status.className = 'hint upload-status';
    status.setAttribute('role', 'status');
    status.hidden = true;
    var bar = document.createElement('progress');
    bar.max = 100;
    bar.hidden = true;
    form.appendChild(status);
    form.appendChild(bar);

    form.addEventListener('submit', function (event) {
      var chosen = Array.prototype.some.call(inputs, function (input) { return input.files && input.files.length; });
      if (!chosen || form.dataset.uploading) return;
      event.preventDefault();
      form.dataset.uploading = '1';
      var data = new FormData(form);
      if (event.submitter && event.submitter.name) data.append(event.submitter.name, event.submitter.value);
      var pending = [];
      inputs.forEach(function (input) {
        data.delete(input.name);
        Array.prototype.forEach.call(input.files, function (file) {
          pending.push(shrink(file).then(function (small) { return [input.name, small]; }));
        });
      });
      status.hidden = false;
      status.textContent = form.dataset.preparing || '…';
      Promise.all(pending).then(function (files) {
        files.forEach(function (pair) { data.append(pair[0], pair[1], pair[1].name); });
        var request = new XMLHttpRequest();
        request.open('POST', form.action);
        request.upload.onprogress = function (progress) {
          if (!progress.lengthComputable) return;
          var percent = Math.round(progress.loaded * 100 / progress.total);
          bar.hidden = false;
          bar.value = percent;
          status.textContent = (form.dataset.uploadingText || '{0}%').replace('{0}', percent);
        };
        request.onload = function () {
          // After a redirect the answer is the page to show: go there, so the address is right to bookmark.
          if (request.responseURL && request.responseURL !== new URL(form.action, location.href).href) {
            location.href = request.responseURL;
            return;
          }
          document.open();
          document.write(request.responseText);
          document.close();
        };
        // No network: a form that keeps drafts (the report form) keeps this one; others are sent the plain way.
        request.onerror = function () {
          delete form.dataset.uploading;
          status.hidden = true;
          bar.hidden = true;
          if (!form.dispatchEvent(new CustomEvent('sigap:network-error', { cancelable: true }))) return;
          form.submit();
        };
        request.send(data);
      });
    });
  });
})();

// The installable app: the service worker (offline pages, drafts, push), Android's install prompt as a button,
// and forgetting the kept pages when someone signs out of a shared phone.
(function () {
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker.register('/sw.js').catch(function () {});
  document.querySelectorAll('form[action="/keluar"]').forEach(function (form) {
    form.addEventListener('submit', function () {
      if (navigator.serviceWorker.controller) navigator.serviceWorker.controller.postMessage({ type: 'forget-pages' });
    });
  });
  var install = document.getElementById('install-app');
  var deferred = null;
  window.addEventListener('beforeinstallprompt', function (event) {
    event.preventDefault();
    deferred = event;
    if (install) install.hidden = false;
  });
  if (install) {
    install.addEventListener('click', function () {
      if (!deferred) return;
      deferred.prompt();
      deferred.userChoice.then(function () { install.hidden = true; deferred = null; });
    });
  }
})();

// Push notifications: "turn on" asks the browser's permission, subscribes with the server's VAPID key and hands
// the subscription to the account (/akun/push). Shown only where the browser can do it.
(function () {
  var button = document.getElementById('push-on');
  if (!button || !('serviceWorker' in navigator) || !('PushManager' in window) || !window.Notification) return;
  var status = document.getElementById('push-status');
  document.querySelectorAll('[data-push-unsupported]').forEach(function (note) { note.hidden = true; });
  button.hidden = false;
  function key(text) {
    var padded = (text + '===='.slice(text.length % 4 || 4)).replace(/-/g, '+').replace(/_/g, '/');
    return Uint8Array.from(atob(padded), function (c) { return c.charCodeAt(0); });
  }
  button.addEventListener('click', function () {
    button.disabled = true;
    Notification.requestPermission().then(function (permission) {
      if (permission !== 'granted') throw new Error('denied');
      return navigator.serviceWorker.ready;
    }).then(function (registration) {
      return registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key(button.dataset.key) });
    }).then(function (subscription) {
      return fetch(button.dataset.action, {
        method: 'POST', credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': button.dataset.csrf },
        body: JSON.stringify(subscription.toJSON())
      });
    }).then(function (response) {
      if (!response.ok) throw new Error('refused');
      location.reload();
    }).catch(function (error) {
      button.disabled = false;
      if (status) status.textContent = error.message === 'denied' ? button.dataset.denied : button.dataset.failed;
    });
  });
})();

// A form that came back with mistakes: the summary at the top takes the focus, so a screen reader reads it and
// a keyboard starts from it (its links lead to each field).
(function () {
  var summary = document.getElementById('error-summary');
  if (summary) summary.focus();
})();
