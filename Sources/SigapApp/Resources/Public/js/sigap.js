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
