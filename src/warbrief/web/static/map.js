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
  window.wbMap = map;  // for the browser tests and the console
  var canvas = L.canvas({ padding: 0.2 });

  if (el.dataset.tiles) {
    L.tileLayer(el.dataset.tiles, { attribution: el.dataset.tilesAttribution || "", maxZoom: 18 }).addTo(map);
  }

  function loadBasemap() {
    return fetch(el.dataset.basemap).then(function (r) {
      if (!r.ok) throw new Error("basemap: HTTP " + r.status);
      return r.json();
    }).then(function (topo) {
      var countries = unwrap(topojson.feature(topo, topo.objects.countries));
      var admin1 = unwrap(topojson.feature(topo, topo.objects.admin1));
      L.geoJSON(countries, { renderer: canvas, interactive: false,
        style: { color: "#6b7a8f", weight: 1, fillColor: "#eef1e6", fillOpacity: el.dataset.tiles ? 0 : 1 } }).addTo(map);
      L.geoJSON(admin1, { renderer: canvas, interactive: false,
        style: { color: "#9aa5b5", weight: 0.6, dashArray: "3 3", fill: false } }).addTo(map);
      map.attributionControl.addAttribution("Basemap: Natural Earth");
      if (!el.dataset.tiles) {
        labelLayer(countries.features, 3, 7, "map-label-country");
        labelLayer(admin1.features, 6, 99, "map-label-admin1");
        return loadCities();
      }
    });
  }

  // A ring that crosses the antimeridian jumps from 180 to -180 and back; drawn as it is, it
  // paints a band across the whole map. Each ring is made continuous (longitudes past 180).
  function unwrap(fc) {
    fc.features.forEach(function (f) {
      var g = f.geometry;
      if (!g) return;
      var polys = g.type === "Polygon" ? [g.coordinates] : g.type === "MultiPolygon" ? g.coordinates : [];
      polys.forEach(function (rings) {
        rings.forEach(function (ring) {
          var shift = 0;
          for (var i = 1; i < ring.length; i++) {
            var d = ring[i][0] + shift - ring[i - 1][0];
            if (d > 180) shift -= 360; else if (d < -180) shift += 360;
            ring[i] = [ring[i][0] + shift, ring[i][1]];
          }
        });
      });
    });
    return fc;
  }

  // Basemap names: each label has a zoom from which its feature is wide enough to carry it, and
  // a priority (countries, oblasts, big cities, other cities, in the order they are added); at
  // each zoom the labels are laid out in that order and one that would overlap a label already
  // placed is left out.
  var labels = [];   // {at: LatLng, minZoom, maxZoom, w, marker}
  var labelGroup = L.layerGroup().addTo(map);

  function labelLayer(features, minZoom, maxZoom, cls) {
    features.forEach(function (f) {
      var part = largestPart(f.geometry), name = f.properties && f.properties.name;
      if (!part || !name) return;
      var widthDeg = Math.max(part.width, 0.01);
      var z = Math.max(minZoom, Math.ceil(Math.log2(textWidth(name) * 360 / (256 * widthDeg))));
      if (z <= maxZoom) addLabel(part.middle, name, cls, z, maxZoom);
    });
  }

  function loadCities() {
    return fetch(el.dataset.labels).then(function (r) {
      if (!r.ok) throw new Error("labels: HTTP " + r.status);
      return r.json();
    }).then(function (cities) {
      [[1, 5], [2, 7]].forEach(function (rz) {
        cities.forEach(function (c) {
          if (c.rank === rz[0]) addLabel([c.lat, c.lon], c.name, "map-label-city", rz[1], 99);
        });
      });
    }).finally(function () {
      layoutLabels();
      map.on("zoomend", layoutLabels);
    });
  }

  function textWidth(name) { return 6.5 * name.length + 8; }

  function addLabel(at, name, cls, minZoom, maxZoom) {
    var node = text("span", "map-label " + cls, name);
    labels.push({ at: L.latLng(at), minZoom: minZoom, maxZoom: maxZoom, w: textWidth(name),
                  marker: L.marker(at, { icon: L.divIcon({ className: "map-label-icon", html: node, iconSize: null }),
                                         interactive: false, keyboard: false }) });
  }

  function layoutLabels() {
    var z = map.getZoom(), placed = [];
    labelGroup.clearLayers();
    labels.forEach(function (l) {
      if (z < l.minZoom || z > l.maxZoom) return;
      var pt = map.project(l.at, z), box = [pt.x - l.w / 2, pt.y - 8, pt.x + l.w / 2, pt.y + 8];
      for (var i = 0; i < placed.length; i++) {
        var o = placed[i];
        if (box[0] < o[2] && o[0] < box[2] && box[1] < o[3] && o[1] < box[3]) return;
      }
      placed.push(box);
      labelGroup.addLayer(l.marker);
    });
  }

  function largestPart(g) {
    if (!g) return null;
    var polys = g.type === "Polygon" ? [g.coordinates] : g.type === "MultiPolygon" ? g.coordinates : [];
    var best = null, bestArea = -1;
    polys.forEach(function (rings) {
      var w = 540, e = -540, s = 90, n = -90;
      rings[0].forEach(function (c) { w = Math.min(w, c[0]); e = Math.max(e, c[0]); s = Math.min(s, c[1]); n = Math.max(n, c[1]); });
      var area = (e - w) * (n - s);
      if (area > bestArea) { bestArea = area; best = { middle: [(s + n) / 2, (w + e) / 2], width: e - w }; }
    });
    return best;
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
      if (end != null && win > 0 && (it.day == null || it.day < start)) continue;
      if (end != null && it.day != null && it.day > end) continue;  // "all dates" ends at the slider too
      shown.push(it.marker);
    }
    cluster.clearLayers();
    cluster.addLayers(shown);
    label.textContent = end == null ? "no dates" : (win > 0 ? iso(start) + " – " + iso(end) : "all, to " + iso(end));
    countEl.textContent = shown.length + " of " + items.length + " events" +
      (el.dataset.truncated ? " (the first " + items.length + " loaded: narrow the dates or filters)" : "");
    el.dataset.shown = String(shown.length);
    el.dataset.window = end == null ? "" : (win > 0 ? iso(start) : "all") + "/" + iso(end);
    return shown;
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
      slider.value = String(openingDay());
      slider.disabled = days.length < 2;
      if (fc.meta && fc.meta.next_cursor) el.dataset.truncated = "1";
    });
  }

  // The slider opens on the latest located event's day that the server names (data-latest: not
  // after the latest document, so one misread future date cannot open the map on an empty week).
  function openingDay() {
    var latest = el.dataset.latest ? Date.parse(el.dataset.latest + "T00:00:00Z") : NaN;
    var at = days.length - 1;
    if (!isNaN(latest)) while (at > 0 && days[at] > latest) at--;
    return Math.max(0, at);
  }

  // The view fits the shown events, leaving out the few far from the rest (a misplaced name on
  // another continent must not zoom the map out to the whole world).
  function fitShown(markers) {
    var pts = markers.map(function (m) { return m.getLatLng(); });
    if (!pts.length) return;
    if (pts.length >= 3) {
      var mid = L.latLng(median(pts.map(function (p) { return p.lat; })), median(pts.map(function (p) { return p.lng; })));
      var dist = pts.map(function (p) { return mid.distanceTo(p); });
      var keep = Math.max(3 * median(dist), 1500000);  // a front and its cities, not another continent
      pts = pts.filter(function (p, i) { return dist[i] <= keep; });
    }
    var b = L.latLngBounds(pts);
    if (b.isValid()) map.fitBounds(b.pad(0.1), { maxZoom: 8 });
  }

  function median(xs) {
    var s = xs.slice().sort(function (a, b) { return a - b; });
    var m = s.length >> 1;
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
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
      var shown = render();
      fitShown(shown.length ? shown : items.map(function (it) { return it.marker; }));
      el.dataset.ready = "1";
      el.dataset.renderMs = String(Math.round(performance.now() - started));
    })
    .catch(function (e) {
      countEl.textContent = "could not load the events: " + e.message;
      el.dataset.error = String(e);
    });
})();
