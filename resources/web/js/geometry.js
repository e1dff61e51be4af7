/* Kursk Tracker's web page — geometry: decoding the plugin's encoded rings and lines into
   Leaflet's latlngs. One of the page's scripts, run in the order of the writer's list (see
   base.js). */
(function (P) {
  "use strict";
  if (!P || !P.ok) return;
  var L = P.L, scale = P.scale;

  /* ---------- geometry decoding (cached per array) ---------- */

  var decoded = new WeakMap();

  /* A ring or line as the plugin writes it (docs/web_data.md): integers in the
     polyline character encoding, zigzagged, in 5-bit groups from '?'. */
  function decodeText(text) {
    var numbers = [];
    var value = 0, shift = 0;
    for (var i = 0; i < text.length; i++) {
      var chunk = text.charCodeAt(i) - 63;
      value |= (chunk & 0x1f) << shift;
      shift += 5;
      if (chunk < 0x20) {
        numbers.push(value & 1 ? ~(value >>> 1) : value >>> 1);
        value = 0;
        shift = 0;
      }
    }
    return numbers;
  }

  function decodeFlat(flat) {
    if (typeof flat === "string") flat = decodeText(flat);
    var out = new Array(flat.length / 2);
    var x = 0, y = 0;
    for (var i = 0, j = 0; i < flat.length; i += 2, j++) {
      x += flat[i];
      y += flat[i + 1];
      out[j] = L.latLng(y / scale, x / scale);
    }
    return out;
  }

  /* An area (multipolygon) as Leaflet's nested latlngs. */
  function area(A) {
    if (!A || !A.length) return [];
    var hit = decoded.get(A);
    if (hit) return hit;
    var polys = A.map(function (poly) { return poly.map(decodeFlat); });
    decoded.set(A, polys);
    return polys;
  }

  function lines(Lines) {
    if (!Lines || !Lines.length) return [];
    var hit = decoded.get(Lines);
    if (hit) return hit;
    var out = Lines.map(decodeFlat);
    decoded.set(Lines, out);
    return out;
  }

  P.area = area;
  P.lines = lines;
})(window.KurskTrackerPage);
