/* The map of the analyst's page: Natural Earth countries as the basemap (no tiles, no network), one
 * marker per event or incident, its place's precision drawn. What to draw comes from #map-data (made by
 * service/view/mapdata.py); every string goes in as text, never as HTML.
 *
 * After drawing, each marker element carries where it is (data-lat/data-lon, given) and where the map
 * put it on screen, read back through the map's projection (data-drawn-lat/data-drawn-lon), so that a
 * test of the rendered DOM can tell that the markers are where they should be. */
(function () {
  "use strict";
  var container = document.getElementById("map");
  if (!container || !window.L || !window.topojson) { return; }
  var data = JSON.parse(document.getElementById("map-data").textContent);
  var world = JSON.parse(document.getElementById("countries-data").textContent);
  var markers = data.markers || [];

  // No scroll trap: the wheel scrolls the page (zoom with +/-, a double click or the keyboard), and on a
  // phone one finger scrolls the page while two pinch and pan the map.
  var map = L.map(container, { zoomSnap: 0.25, worldCopyJump: false, minZoom: 1, maxZoom: 12,
                               scrollWheelZoom: false, dragging: !L.Browser.mobile, touchZoom: true,
                               fadeAnimation: false, markerZoomAnimation: false });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Leaflet · Natural Earth");

  // The view first: layers added to a map without one are drawn against no bounds.
  var bounds = L.latLngBounds([]);
  markers.forEach(function (m) {
    var at = L.latLng(m.lat, m.lon);
    // At least 400 km around each place, so that one marker still shows the borders around it.
    bounds.extend(at.toBounds(Math.max(m.area_km * 2000, 400000)));
  });
  if (bounds.isValid()) {
    map.fitBounds(bounds, { padding: [28, 28], maxZoom: 9, animate: false });
  } else {
    map.setView([20, 10], 1.5, { animate: false });
  }

  var outlined = {};
  markers.forEach(function (m) { if (m.country) { (outlined[m.country] = outlined[m.country] || []).push(m.id); } });

  var countryCount = 0;
  L.geoJSON(topojson.feature(world, world.objects.countries), {
    interactive: false,
    style: function (feature) {
      var hit = outlined[feature.id];
      return hit ? { className: "country country-outlined", color: "#1f2937", weight: 3, dashArray: "8 5",
                     fillColor: "#e6dcc2", fillOpacity: 1 }
                 : { className: "country", color: "#8a8577", weight: 0.8, fillColor: "#efeadd", fillOpacity: 1 };
    },
    onEachFeature: function (feature, layer) {
      countryCount += 1;
      layer.on("add", function () {
        var el = layer.getElement && layer.getElement();
        if (!el) { return; }
        el.setAttribute("data-country", feature.id || "");
        if (outlined[feature.id]) { el.setAttribute("data-outline-for", outlined[feature.id].join(" ")); }
      });
    }
  }).addTo(map);

  function text(tag, className, value) {
    var el = document.createElement(tag);
    if (className) { el.className = className; }
    el.textContent = value;
    return el;
  }

  function popup(m) {
    var box = document.createElement("div");
    box.className = "popup";
    box.appendChild(text("strong", "", m.label + " · " + m.type_label));
    box.appendChild(text("div", "", m.place));
    box.appendChild(text("div", "", (m.precision_label || m.precision) + (m.people ? " · " + m.people + " killed or injured (largest figure of one source)" : "")));
    var link = text("a", "", "go to the card");
    link.href = "#" + m.target;
    box.appendChild(link);
    return box;
  }

  var drawn = [];
  markers.forEach(function (m) {
    var at = L.latLng(m.lat, m.lon);
    if (m.area_km > 0) {
      var circle = L.circle(at, { radius: m.area_km * 1000, className: "precision precision-" + m.precision,
                                  color: "#111827", weight: 2, dashArray: "6 5", fillColor: m.colour,
                                  fillOpacity: 0.12, interactive: false });
      circle.on("add", function () {
        var el = circle.getElement();
        el.setAttribute("data-precision-for", m.id);
        el.setAttribute("data-radius-km", String(m.area_km));
      });
      circle.addTo(map);
    }
    var dot = text("span", "marker-dot marker-" + m.precision, m.letter);
    dot.style.background = m.colour;
    dot.style.color = m.ink;
    var size = 2 * m.radius;
    var marker = L.marker(at, {
      icon: L.divIcon({ className: "marker-icon", html: dot, iconSize: [size, size] }),
      title: m.label + ": " + m.type_label + ", " + m.place, alt: m.label, keyboard: true, riseOnHover: true
    }).bindPopup(popup(m));
    marker.on("add", function () {
      var el = marker.getElement();
      el.setAttribute("data-marker", m.id);
      el.setAttribute("data-lat", String(m.lat));
      el.setAttribute("data-lon", String(m.lon));
      el.setAttribute("data-type", m.type);
      el.setAttribute("data-precision", m.precision);
      el.setAttribute("data-people", String(m.people));
      el.setAttribute("data-radius", String(m.radius));
      el.setAttribute("aria-label", m.label + ": " + m.type_label + ", " + m.place + ", " + (m.precision_label || m.precision));
      drawn.push({ el: el, m: m });
    });
    marker.addTo(map);
  });

  function readBack() {
    var box = container.getBoundingClientRect();
    var degPerPx = 360 / (256 * Math.pow(2, map.getZoom()));
    drawn.forEach(function (d) {
      var r = d.el.getBoundingClientRect();
      var ll = map.containerPointToLatLng(L.point(r.left + r.width / 2 - box.left, r.top + r.height / 2 - box.top));
      d.el.setAttribute("data-drawn-lat", ll.lat.toFixed(5));
      d.el.setAttribute("data-drawn-lon", ll.lng.toFixed(5));
    });
    container.setAttribute("data-zoom", String(map.getZoom()));
    container.setAttribute("data-deg-per-px", degPerPx.toFixed(6));
    container.setAttribute("data-markers-drawn", String(drawn.length));
    container.setAttribute("data-countries", String(countryCount));
  }

  map.on("moveend zoomend", readBack);
  readBack();
  window.addEventListener("resize", function () { map.invalidateSize(); });
  // A <details> that opens, or a layout change, can resize the map's box.
  document.addEventListener("toggle", function () { map.invalidateSize(); }, true);
})();
