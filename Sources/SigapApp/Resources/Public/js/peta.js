// Leaflet maps as an enhancement of the server-drawn ones (SVGMap): loads Leaflet once the page is shown, and
// keeps the drawing whenever Leaflet or the tiles do not arrive. Three kinds of box (data-map):
//   points  — the pins drawn by the server (Musrenbang), clustered;
//   reports — public reports loaded for the visible area as the map moves (/api/v1/reports?bbox=), filtered by
//             the page's status and category, clustered;
//   pick    — the report form: a tap marks the place and fills latitude and longitude.
(function () {
  'use strict';
  var boxes = document.querySelectorAll('[data-map]');
  if (!boxes.length || !window.fetch || !window.Promise) return;
  var TAP = 44;  // px: pins and clusters are tap targets a thumb can hit

  function load(tag, attributes) {
    return new Promise(function (resolve, reject) {
      var element = document.createElement(tag);
      Object.keys(attributes).forEach(function (name) { if (attributes[name]) element[name] = attributes[name]; });
      element.onload = resolve;
      element.onerror = reject;
      document.head.appendChild(element);
    });
  }

  function leaflet(box) {
    if (window.L) return Promise.resolve();
    var integrity = box.dataset.leafletJsIntegrity;
    return Promise.all([
      load('link', { rel: 'stylesheet', href: box.dataset.leafletCss, integrity: box.dataset.leafletCssIntegrity,
        crossOrigin: integrity ? 'anonymous' : '' }),
      load('script', { src: box.dataset.leafletJs, integrity: integrity, crossOrigin: integrity ? 'anonymous' : '' })
    ]);
  }

  function bounds(box) {
    var b = box.dataset.bounds.split(',').map(Number);
    return L.latLngBounds([b[1], b[0]], [b[3], b[2]]);
  }

  function escape(text) {
    var span = document.createElement('span');
    span.textContent = text;
    return span.innerHTML;
  }

  // Pins closer than a tap target on screen become one numbered circle; tapping it zooms in to them.
  function clustered(map, layer, pins) {
    layer.clearLayers();
    var cells = {};
    pins.forEach(function (pin) {
      var point = map.latLngToLayerPoint([pin.lat, pin.lon]);
      var key = Math.floor(point.x / (TAP * 1.5)) + ':' + Math.floor(point.y / (TAP * 1.5));
      (cells[key] = cells[key] || []).push(pin);
    });
    Object.keys(cells).forEach(function (key) {
      var group = cells[key];
      if (group.length === 1 || map.getZoom() >= map.getMaxZoom()) {
        group.forEach(function (pin) {
          var marker = L.marker([pin.lat, pin.lon], {
            title: pin.title, keyboard: true,
            icon: L.divIcon({ className: 'map-pin status-' + pin.kind, iconSize: [TAP, TAP],
              html: '<span aria-hidden="true"></span>' })
          });
          marker.bindPopup('<a href="' + escape(pin.url) + '">' + escape(pin.title) + '</a>');
          layer.addLayer(marker);
        });
        return;
      }
      var area = L.latLngBounds(group.map(function (pin) { return [pin.lat, pin.lon]; }));
      var cluster = L.marker(area.getCenter(), {
        title: String(group.length), keyboard: true,
        icon: L.divIcon({ className: 'map-cluster', iconSize: [TAP, TAP], html: String(group.length) })
      });
      cluster.on('click', function () { map.fitBounds(area.pad(0.2), { maxZoom: map.getZoom() + 3 }); });
      layer.addLayer(cluster);
    });
  }

  function drawnPins(box) {
    return Array.prototype.map.call(box.querySelectorAll('a[data-lat]'), function (link) {
      var title = link.querySelector('title');
      return { lat: Number(link.dataset.lat), lon: Number(link.dataset.lon), kind: link.dataset.kind,
        url: link.getAttribute('href'), title: title ? title.textContent : '' };
    });
  }

  function reportsLoader(box, map, layer) {
    var form = document.getElementById('map-filters');
    var timer = null;
    var asked = 0;
    function refresh() {
      var b = map.getBounds();
      var query = 'bbox=' + [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map(function (n) {
        return n.toFixed(5);
      }).join(',');
      if (form) {
        ['status', 'category'].forEach(function (name) {
          var field = form.elements[name];
          if (field && field.value) query += '&' + name + '=' + encodeURIComponent(field.value);
        });
      }
      var ticket = ++asked;
      fetch('/api/v1/reports?' + query, { headers: { Accept: 'application/json' } }).then(function (response) {
        return response.ok ? response.json() : { items: [] };
      }).then(function (body) {
        if (ticket !== asked) return;  // the map moved again meanwhile
        clustered(map, layer, (body.items || []).filter(function (r) { return r.lat != null && r.lon != null; })
          .map(function (r) {
            return { lat: r.lat, lon: r.lon, kind: r.status, url: '/laporan/' + encodeURIComponent(r.number),
              title: r.number + ' · ' + r.title };
          }));
      }).catch(function () {});
    }
    function later() { clearTimeout(timer); timer = setTimeout(refresh, 250); }
    map.on('moveend', later);
    if (form) {
      form.addEventListener('change', function () {
        later();
        if (history.replaceState) history.replaceState(null, '', '?' + new URLSearchParams(new FormData(form)));
      });
    }
    refresh();
  }

  function picker(box, map) {
    var lat = document.querySelector('input[name="lat"]');
    var lon = document.querySelector('input[name="lon"]');
    if (!lat || !lon) return;
    var marker = null;
    function place(latlng, pan) {
      if (!marker) marker = L.marker(latlng, { keyboard: false }).addTo(map);
      marker.setLatLng(latlng);
      if (pan) map.setView(latlng, Math.max(map.getZoom(), 16));
    }
    map.on('click', function (event) {
      lat.value = event.latlng.lat.toFixed(6);
      lon.value = event.latlng.lng.toFixed(6);
      place(event.latlng, false);
    });
    function typed() {
      var a = parseFloat(lat.value.replace(',', '.'));
      var b = parseFloat(lon.value.replace(',', '.'));
      if (isFinite(a) && isFinite(b)) place([a, b], true);
    }
    lat.addEventListener('change', typed);
    lon.addEventListener('change', typed);
    // "Use my location" fills the fields without a change event.
    var locate = document.getElementById('use-location');
    if (locate) locate.addEventListener('click', function () { setTimeout(function watch(n) {
      if (lat.value && lon.value) return typed();
      if (n < 30) setTimeout(function () { watch(n + 1); }, 500);
    }, 500, 0); });
    typed();
  }

  function start(box) {
    var holder = document.createElement('div');
    holder.className = 'leaflet-box';
    box.parentNode.insertBefore(holder, box);
    var map = L.map(holder, { scrollWheelZoom: false, tap: true });
    map.fitBounds(bounds(box));
    var tiles = L.tileLayer(box.dataset.tiles, { attribution: box.dataset.attribution, maxZoom: 19 }).addTo(map);
    var shown = false;
    tiles.on('tileload', function () {
      if (shown) return;
      shown = true;
      // The drawing stays for a box that only had the form's help text; the live map replaces the others.
      if (box.dataset.map !== 'pick') box.hidden = true;
      holder.classList.add('ready');
    });
    // No tile within ten seconds (no signal for the tile server): back to the drawing.
    setTimeout(function () {
      if (shown) return;
      map.remove();
      holder.parentNode.removeChild(holder);
    }, 10000);
    var layer = L.layerGroup().addTo(map);
    if (box.dataset.map === 'reports') reportsLoader(box, map, layer);
    if (box.dataset.map === 'points') {
      var pins = drawnPins(box);
      clustered(map, layer, pins);
      map.on('zoomend', function () { clustered(map, layer, pins); });
    }
    if (box.dataset.map === 'pick') {
      if (box.dataset.hint) {
        var hint = document.createElement('p');
        hint.className = 'hint';
        hint.textContent = box.dataset.hint;
        holder.parentNode.insertBefore(hint, holder.nextSibling);
      }
      picker(box, map);
    }
  }

  Array.prototype.forEach.call(boxes, function (box) {
    leaflet(box).then(function () { start(box); }).catch(function () {});
  });
})();
