// The event map: an offline Natural Earth basemap, events as clustered markers coloured by
// type, a time slider with a window, filters, and popups with the source sentence.
// No inline code (the page's CSP forbids it); every text from the data goes in as textContent.
(function () {
  "use strict";
  var el = document.getElementById("map");
  if (!el || !window.L) return;
  var started = performance.now();
  var DAY = 86400000;

  var map = L.map(el, { preferCanvas: false, worldCopyJump: true, minZoom: 2, maxZoom: 14 })
    .setView([48.6, 32.5], 6);
  map.attributionControl.setPrefix(false);
  var canvas = L.canvas({ padding: 0.2 });

  if (el.dataset.tiles) {
    L.tileLayer(el.dataset.tiles, { attribution: el.dataset.tilesAttribution || "", maxZoom: 18 }).addTo(map);
  }

  function loadBasemap() {
    return fetch(el.dataset.basemap).then(function (r) {
      if (!r.ok) throw new Error("basemap: HTTP " + r.status);
      return r.json();
    }).then(function (topo) {
      var countries = topojson.feature(topo, topo.objects.countries);
      var admin1 = topojson.feature(topo, topo.objects.admin1);
      L.geoJSON(countries, { renderer: canvas, interactive: false,
        style: { color: "#6b7a8f", weight: 1, fillColor: "#eef1e6", fillOpacity: el.dataset.tiles ? 0 : 1 } }).addTo(map);
      L.geoJSON(admin1, { renderer: canvas, interactive: false,
        style: { color: "#9aa5b5", weight: 0.6, dashArray: "3 3", fill: false } }).addTo(map);
      map.attributionControl.addAttribution("Basemap: Natural Earth");
    });
  }

  function text(tag, cls, value) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    node.textContent = value == null ? "" : String(value);
    return node;
  }

  function popup(p) {
    var box = document.createElement("div");
    box.className = "popup";
    var head = text("div", "popup-head", "");
    head.appendChild(text("span", "badge ev-" + String(p.type || "other").toLowerCase(), p.type));
    head.appendChild(text("span", "popup-label", " " + (p.label || "") + (p.modality ? " · " + p.modality : "")));
    box.appendChild(head);
    var when = p.date ? (p.date_end && p.date_end !== p.date ? p.date + " – " + p.date_end : p.date) : "undated";
    box.appendChild(text("div", "popup-meta", when + (p.place ? " · " + p.place : "") +
      (p.precision ? " (" + p.precision + ")" : "")));
    box.appendChild(text("blockquote", "popup-sentence", p.sentence || ""));
    var link = text("a", "popup-link", "Open the document" + (p.source ? " (" + p.source + ")" : ""));
    link.href = "/documents/" + encodeURIComponent(p.document).replace(/%3A/gi, ":") +
      "?event=" + encodeURIComponent(p.event) + "#event-" + encodeURIComponent(p.event);
    box.appendChild(link);
    return box;
  }

  var icons = {};
  function icon(type) {
    var key = String(type || "other").toLowerCase();
    return icons[key] || (icons[key] = L.divIcon({ className: "ev-marker ev-" + key, iconSize: [14, 14] }));
  }

  function marker(f) {
    var c = f.geometry.coordinates, p = f.properties;
    var m = L.marker([c[1], c[0]], {
      icon: icon(p.type),
      title: (p.type || "") + (p.place ? " · " + p.place : ""),
      keyboard: true,
    });
    m.bindPopup(function () { return popup(p); }, { maxWidth: 360 });
    return m;
  }

  var cluster = L.markerClusterGroup({ chunkedLoading: true, showCoverageOnHover: false, maxClusterRadius: 50 });
  map.addLayer(cluster);
  var items = [];     // {day (ms), type, modality, marker}
  var days = [];      // sorted distinct days (ms)
  var slider = document.getElementById("slider");
  var label = document.getElementById("slider-label");
  var countEl = document.getElementById("map-count");
  var fType = document.getElementById("f-type");
  var fModality = document.getElementById("f-modality");
  var fWindow = document.getElementById("f-window");

  function iso(ms) { return new Date(ms).toISOString().slice(0, 10); }

  function render() {
    var end = days.length ? days[+slider.value] : null;
    var win = +fWindow.value;
    var start = end != null && win > 0 ? end - (win - 1) * DAY : null;
    var type = fType.value, modality = fModality.value;
    var shown = [];
    for (var i = 0; i < items.length; i++) {
      var it = items[i];
      if (type && it.type !== type) continue;
      if (modality && it.modality !== modality) continue;
      if (end != null && win > 0 && (it.day == null || it.day > end || it.day < start)) continue;
      shown.push(it.marker);
    }
    cluster.clearLayers();
    cluster.addLayers(shown);
    label.textContent = end == null ? "no dates" : (win > 0 ? iso(start) + " – " + iso(end) : "all, to " + iso(end));
    countEl.textContent = shown.length + " of " + items.length + " events" +
      (el.dataset.truncated ? " (the first " + items.length + " loaded: narrow the dates or filters)" : "");
    el.dataset.shown = String(shown.length);
  }

  function loadEvents() {
    return fetch(el.dataset.events, { headers: { Accept: "application/geo+json" } }).then(function (r) {
      if (!r.ok) throw new Error("events: HTTP " + r.status);
      return r.json();
    }).then(function (fc) {
      var seen = {};
      fc.features.forEach(function (f) {
        if (!f.geometry) return;
        var d = f.properties.date ? Date.parse(f.properties.date.slice(0, 10) + "T00:00:00Z") : NaN;
        var day = isNaN(d) ? null : d;
        if (day != null && !seen[day]) { seen[day] = true; days.push(day); }
        items.push({ day: day, type: f.properties.type, modality: f.properties.modality, marker: marker(f) });
      });
      days.sort(function (a, b) { return a - b; });
      slider.max = String(Math.max(0, days.length - 1));
      slider.value = slider.max;
      slider.disabled = days.length < 2;
      if (fc.meta && fc.meta.next_cursor) el.dataset.truncated = "1";
    });
  }

  [slider, fType, fModality, fWindow].forEach(function (c) {
    c.addEventListener("input", render);
    c.addEventListener("change", render);
  });
  document.getElementById("map-controls").addEventListener("submit", function (e) { e.preventDefault(); });
  document.getElementById("f-since").addEventListener("change", function (e) {
    var params = new URLSearchParams(location.search);
    if (e.target.value) params.set("since", e.target.value); else params.delete("since");
    location.search = params.toString();
  });

  Promise.all([loadBasemap().catch(function (e) { el.dataset.basemapError = String(e); }), loadEvents()])
    .then(function () {
      if (items.length) {
        var b = L.latLngBounds(items.map(function (it) { return it.marker.getLatLng(); }));
        if (b.isValid()) map.fitBounds(b.pad(0.1), { maxZoom: 8 });
      }
      render();
      el.dataset.ready = "1";
      el.dataset.renderMs = String(Math.round(performance.now() - started));
    })
    .catch(function (e) {
      countEl.textContent = "could not load the events: " + e.message;
      el.dataset.error = String(e);
    });
})();
