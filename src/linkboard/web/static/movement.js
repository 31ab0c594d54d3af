// The movement map (Leaflet) over an offline basemap: US states and world countries drawn from
// the us-atlas / world-atlas TopoJSON files (topojson-client), no tile server. Cities are round
// markers joined in posting order; where a photo's metadata says it was taken (photo GPS) is a
// diamond of its own, labelled with its capture time, never joined to the cities' route.
(function () {
  "use strict";
  var el = document.getElementById("movement-map");
  if (!el || typeof L === "undefined" || typeof topojson === "undefined") { return; }
  var visits = JSON.parse(el.getAttribute("data-visits") || "[]").filter(function (v) {
    return v.lat !== null && v.lon !== null;
  });
  var photos = JSON.parse(el.getAttribute("data-photos") || "[]");
  var map = L.map(el, { zoomControl: true, attributionControl: false, worldCopyJump: false, preferCanvas: false });
  map.setView([39.5, -98.35], 4);

  function load(url, object, style) {
    return fetch(url, { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (topo) {
        var geo = topojson.feature(topo, topo.objects[object]);
        return L.geoJSON(geo, { style: style, interactive: false }).addTo(map);
      });
  }

  var countries = load(el.getAttribute("data-countries"), "countries",
    { color: "#9aa5b1", weight: 0.6, fillColor: "#f4f1ea", fillOpacity: 1 });
  countries.then(function () {
    return load(el.getAttribute("data-states"), "states",
      { color: "#8a96a3", weight: 0.8, fillColor: "#fbfaf6", fillOpacity: 1 });
  }).then(drawVisits).catch(function () { drawVisits(); });

  function drawVisits() {
    var points = [];
    var cities = {};  // one marker per city, listing every stay in order
    visits.forEach(function (v, i) {
      var at = [v.lat, v.lon];
      points.push(at);
      var c = cities[v.city] = cities[v.city] || { at: at, posts: 0, payments: 0, steps: [], name: v.city };
      c.posts += v.posts;
      c.payments += v.payments || 0;
      c.steps.push((i + 1) + " (" + v.first.slice(0, 10) + ")");
    });
    var names = Object.keys(cities);
    names.forEach(function (name) {
      var c = cities[name];
      var paid = c.payments ? " · " + c.payments + " payment" + (c.payments === 1 ? "" : "s") : "";
      L.circleMarker(c.at, { radius: 5 + Math.min(10, c.posts + c.payments), color: "#14213d", weight: 1.5,
                             fillColor: c.posts ? "#0b5cad" : "#2b8a3e", fillOpacity: 0.75 })
        .bindTooltip(name + " · " + c.posts + " post" + (c.posts === 1 ? "" : "s") + paid + " · stay " +
                     c.steps.join(", "), { permanent: names.length <= 8, direction: "right",
                     className: "city-label" })
        .addTo(map);
    });
    if (points.length > 1) {
      L.polyline(points, { color: "#c92a2a", weight: 2, opacity: 0.7, dashArray: "6 4" }).addTo(map);
    }
    var all = points.concat(drawPhotos());
    if (all.length) { map.fitBounds(L.latLngBounds(all).pad(0.5), { maxZoom: 7 }); }
    el.setAttribute("data-ready", "true");
    el.setAttribute("data-markers", String(names.length));
    el.setAttribute("data-photo-markers", String(photos.length));
  }

  function drawPhotos() {
    var icon = L.divIcon({ className: "gps-pin", html: "<span class=\"gps-shape\"></span>",
                           iconSize: [14, 14], iconAnchor: [7, 7] });
    return photos.map(function (p) {
      var taken = p.taken_at ? "taken " + p.taken_at.replace("T", " ") : "no capture time";
      var which = p.record_id + (p.photo ? " photo " + p.photo : "");
      L.marker([p.lat, p.lon], { icon: icon, keyboard: false, title: "photo GPS · " + taken })
        .bindTooltip("photo GPS · " + taken + " · " + which, { permanent: photos.length <= 4,
                     direction: "left", className: "photo-gps-label" })
        .addTo(map);
      return [p.lat, p.lon];
    });
  }
})();
