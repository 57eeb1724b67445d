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
