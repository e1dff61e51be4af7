/* Kursk Tracker's web page: composes the precomputed data object of
   docs/web_data.md (window.KurskTrackerData) into a Leaflet map, a timeline
   and a chart. No geometry is computed here: the page picks a level per
   patch and draws polygons. Every printed word comes from data.words. */
(function () {
  "use strict";

  var D = window.KurskTrackerData;
  var L = window.L;
  var SVGNS = "http://www.w3.org/2000/svg";
  var DAY = 86400000;
  var WEEK = 7 * DAY;
  var PLAY_WEEK_MS = 2000; /* at speed 1, a week of the series takes two seconds */
  var SPEEDS = [0.25, 0.5, 1, 2, 4];

  function $(id) { return document.getElementById(id); }

  function fail(message) {
    var box = $("kt-map") || document.body;
    box.textContent = message;
    box.className += " kt-failed";
  }

  if (!D || !L || !D.snapshots || !D.snapshots.length) {
    fail(!L ? "Leaflet is missing." : "No data.");
    return;
  }

  var W = D.words || {};
  var snaps = D.snapshots;
  var pairs = D.pairs || [];
  var keys = D.keys || [];
  var scale = D.scale || 1;
  var T0 = snaps[0].t;
  var T1 = snaps[snaps.length - 1].t;
  var sideByCode = {};
  (D.sides || []).forEach(function (s) { sideByCode[s.code] = s; });

  /* ---------- text ---------- */

  function word(name, fallback) {
    var w = W[name];
    return w === undefined || w === null ? (fallback || "") : w;
  }

  function fill(pattern, values) {
    return String(pattern).replace(/\{(\w+)\}/g, function (all, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? values[name] : all;
    });
  }

  function formatNumber(x, decimals) {
    var fmt = D.format_numbers || { decimal: ".", group: "," };
    var negative = x < 0 || (x === 0 && 1 / x < 0);
    var s = Math.abs(x).toFixed(decimals);
    var parts = s.split(".");
    var whole = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, fmt.group);
    return (negative && Number(s) !== 0 ? "\u2212" : "") + whole + (parts[1] ? fmt.decimal + parts[1] : "");
  }

  function km2Text(x, signed) {
    var s = formatNumber(x, 1);
    if (signed && x > 0 && Number(Math.abs(x).toFixed(1)) !== 0) s = "+" + s;
    return s + "\u00a0" + word("km2", "km\u00b2");
  }

  function zoneAt(t) {
    var zones = D.zones || [];
    var z = zones.length ? zones[0] : [T0, 0, "UTC"];
    for (var i = 0; i < zones.length; i++) {
      if (zones[i][0] <= t) z = zones[i]; else break;
    }
    return z;
  }

  function two(n) { return (n < 10 ? "0" : "") + n; }

  function dateParts(t) {
    var z = zoneAt(t);
    var local = new Date(t + z[1] * 60000);
    return {
      day: String(local.getUTCDate()),
      month: (W.months || [])[local.getUTCMonth()] || String(local.getUTCMonth() + 1),
      year: String(local.getUTCFullYear()),
      hour: two(local.getUTCHours()),
      minute: two(local.getUTCMinutes()),
      zone: z[2]
    };
  }

  function dateText(t) {
    return fill(word("date_pattern", "{day} {month} {year}, {hour}:{minute} {zone}"), dateParts(t));
  }

  /* The day and month only ("29. Oktober"): words.day_pattern. */
  function shortDate(t) {
    return fill(word("day_pattern", "{day} {month}"), dateParts(t));
  }

  /* The week of an instant: whole weeks since the series' epoch (a local day). */
  function weekText(t, fallback) {
    var n = fallback;
    if (D.epoch) {
      var e = D.epoch.split("-");
      var epochDay = Date.UTC(Number(e[0]), Number(e[1]) - 1, Number(e[2])) / DAY;
      var localDay = Math.floor((t + zoneAt(t)[1] * 60000) / DAY);
      n = Math.floor((localDay - epochDay) / 7);
    }
    if (n === undefined || n === null || isNaN(n)) return "";
    return fill(n === 0 && W.week_zero ? W.week_zero : word("week", "{n}"), { n: n });
  }

  function isoOf(t) {
    return new Date(t).toISOString().replace(/\.\d{3}Z$/, "Z");
  }

  function parseIso(text) {
    if (!text) return NaN;
    text = decodeURIComponent(String(text)).trim();
    if (/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$/.test(text)) {
      text += text.length === 10 ? "T00:00:00Z" : "Z";
    }
    return Date.parse(text);
  }

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

  /* ---------- the frame at instant t (docs/web_data.md) ---------- */

  function clamp(x, lo, hi) { return x < lo ? lo : x > hi ? hi : x; }

  function smootherstep(x) {
    x = clamp(x, 0, 1);
    return x * x * x * (x * (6 * x - 15) + 10);
  }

  function nearestLevel(shares, s) {
    var lo = 0, hi = shares.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (shares[mid] >= s) hi = mid; else lo = mid + 1;
    }
    if (lo === 0) return 0;
    if (lo >= shares.length) return shares.length - 1;
    return shares[lo] - s < s - shares[lo - 1] ? lo : lo - 1;
  }

  function pairIndex(t) {
    var lo = 0, hi = snaps.length - 1;
    while (hi - lo > 1) {
      var mid = (lo + hi) >> 1;
      if (snaps[mid].t <= t) lo = mid; else hi = mid;
    }
    return lo;
  }

  /* What the frame at t is made of: the snapshot in force, and either a
     snapshot's own areas or a pair with a level per patch. */
  function frameAt(t) {
    t = clamp(t, T0, T1);
    var i = pairIndex(t);
    if (i + 1 < snaps.length && t >= snaps[i + 1].t) i += 1;
    if (t === snaps[i].t || i >= snaps.length - 1 || !pairs[i]) {
      return { t: t, snapshot: i, pair: -1, levels: null, key: "s" + i };
    }
    var pair = pairs[i];
    var f = (t - snaps[i].t) / (snaps[i + 1].t - snaps[i].t);
    var w = pair.ease_width || 1;
    var shares = pair.patches.map(function (p) {
      if (pair.timing !== "eased") return clamp(f, 0, 1);
      var times = p.times && p.times.length ? p.times : [0.5];
      var sum = 0;
      for (var j = 0; j < times.length; j++) sum += smootherstep((f - times[j]) / w + 0.5);
      return sum / times.length;
    });
    var led = shares.map(function (s, p) {
      var leads = pair.patches[p].leads;
      if (!leads || !leads.length) return s;
      return leads.some(function (j) { return shares[j] > 0; }) ? 1 : 0;
    });
    var levels = led.map(function (s, p) { return nearestLevel(pair.patches[p].shares, s); });
    return { t: t, snapshot: i, pair: i, levels: levels, key: "p" + i + ":" + levels.join(",") };
  }

  /* Per layer code: its parts (latlngs) and km². */
  function composeLayers(frame, withGeometry) {
    var out = {};
    if (frame.pair < 0) {
      var s = snaps[frame.snapshot];
      keys.forEach(function (k) {
        out[k.code] = {
          parts: withGeometry ? area((s.areas || {})[k.code]) : null,
          km2: (s.held_km2 || {})[k.code] || 0
        };
      });
      return out;
    }
    var layers = pairs[frame.pair].layers || {};
    keys.forEach(function (k) {
      var layer = layers[k.code];
      if (!layer) { out[k.code] = { parts: [], km2: 0 }; return; }
      var km2 = layer.common_km2 || 0;
      var parts = withGeometry ? area(layer.common).slice() : null;
      (layer.members || []).forEach(function (m) {
        var level = frame.levels[m.patch] || 0;
        km2 += (m.km2 || [])[level] || 0;
        if (withGeometry) {
          var piece = area((m.levels || [])[level]);
          for (var j = 0; j < piece.length; j++) parts.push(piece[j]);
        }
      });
      out[k.code] = { parts: parts, km2: km2 };
    });
    return out;
  }

  function heldAt(t) {
    var layers = composeLayers(frameAt(t), false);
    var held = {};
    keys.forEach(function (k) { held[k.code] = layers[k.code].km2; });
    return held;
  }

  /* Ground held per side: the layers counted as held (keys[].held; all when absent). */
  function bySide(held) {
    var sums = {};
    keys.forEach(function (k) {
      if (k.held === false) return;
      sums[k.side] = (sums[k.side] || 0) + (held[k.code] || 0);
    });
    return sums;
  }

  /* ---------- SVG definitions (hatches, arrowheads, front filters) ---------- */

  function el(name, attrs, parent) {
    var e = document.createElementNS(SVGNS, name);
    for (var a in attrs) if (Object.prototype.hasOwnProperty.call(attrs, a)) e.setAttribute(a, attrs[a]);
    if (parent) parent.appendChild(e);
    return e;
  }

  var defsSvg = el("svg", { width: 0, height: 0, "aria-hidden": "true", focusable: "false" });
  defsSvg.setAttribute("class", "kt-defs");
  document.body.appendChild(defsSvg);
  var defs = el("defs", {}, defsSvg);

  function hatchId(index) { return "kt-hatch-" + index; }

  function addHatch(id, k) {
    var h = k.hatch;
    var sp = h.spacing || 6;
    var p = el("pattern", {
      id: id, patternUnits: "userSpaceOnUse", width: sp, height: sp,
      patternTransform: "rotate(" + (-(h.angle || 0)) + ")"
    }, defs);
    el("rect", { width: sp, height: sp, fill: k.fill, "fill-opacity": k.fill_opacity == null ? 1 : k.fill_opacity }, p);
    el("line", { x1: -1, y1: sp / 2, x2: sp + 1, y2: sp / 2, stroke: h.colour || k.stroke, "stroke-width": h.width || 1 }, p);
  }
  keys.forEach(function (k, i) { if (k.hatch) addHatch(hatchId(i), k); });

  /* ---------- movement arrows, drawn as the Lagebild draws them ----------
     QGIS's arrow symbol layer (tools/build_styles.py arrow()): a body that
     widens from 0.6 mm at the tail to 2.4 mm, a head 4 mm long reaching 3 mm
     out from the line on each side; at 96 dpi a millimetre is 3.78 px. The
     outline is computed from the line in screen pixels each time it is drawn
     (so on every zoom), and it is rendering only: no geometry is measured. */
  var MM = 96 / 25.4;
  var ARROW = { start: 0.6 * MM, end: 2.4 * MM, head: 4 * MM, headHalf: 3 * MM };

  function dashedKind(kind) { return kind === "relief_attack" || kind === "withdrawal"; }

  /* The arrow's style: solid kinds filled in the side's colour with a thin
     white edge; relief attacks and withdrawals translucent with a dashed edge
     in the side's colour (alpha 80 of 255, 0.5 mm, dashes 1.5 mm / 0.8 mm). */
  function arrowStyle(kind, colour) {
    if (dashedKind(kind)) {
      return { fillColor: colour, fillOpacity: 80 / 255, color: colour, weight: 0.5 * MM,
               dashArray: (1.5 * MM).toFixed(2) + " " + (0.8 * MM).toFixed(2) };
    }
    return { fillColor: colour, fillOpacity: 1, color: "#ffffff", weight: 0.3 * MM, dashArray: null };
  }

  /* Points {x, y} of a line in pixels, smoothed through its vertices
     (Catmull-Rom, a few steps per segment), repeated points dropped. */
  function smoothLine(pts) {
    var clean = [];
    pts.forEach(function (p) {
      var q = clean[clean.length - 1];
      if (!q || Math.abs(q.x - p.x) + Math.abs(q.y - p.y) > 0.25) clean.push({ x: p.x, y: p.y });
    });
    if (clean.length < 3) return clean;
    var out = [clean[0]], n = clean.length, steps = 6;
    for (var i = 0; i < n - 1; i++) {
      var p0 = clean[i > 0 ? i - 1 : 0], p1 = clean[i], p2 = clean[i + 1], p3 = clean[i + 2 < n ? i + 2 : n - 1];
      for (var k = 1; k <= steps; k++) {
        var t = k / steps, t2 = t * t, t3 = t2 * t;
        out.push({
          x: 0.5 * (2 * p1.x + (p2.x - p0.x) * t + (2 * p0.x - 5 * p1.x + 4 * p2.x - p3.x) * t2 + (3 * p1.x - p0.x - 3 * p2.x + p3.x) * t3),
          y: 0.5 * (2 * p1.y + (p2.y - p0.y) * t + (2 * p0.y - 5 * p1.y + 4 * p2.y - p3.y) * t2 + (3 * p1.y - p0.y - 3 * p2.y + p3.y) * t3)
        });
      }
    }
    return out;
  }

  function unit(dx, dy) {
    var l = Math.sqrt(dx * dx + dy * dy) || 1;
    return { x: dx / l, y: dy / l };
  }

  /* The arrow for a line in pixels: its outline (an array of points) and its
     spine (points with the half width there, tail to tip), or null. */
  function arrowShape(pts) {
    var line = smoothLine(pts);
    if (line.length < 2) return null;
    var lengths = [0];
    for (var i = 1; i < line.length; i++) {
      lengths.push(lengths[i - 1] + Math.sqrt(Math.pow(line[i].x - line[i - 1].x, 2) + Math.pow(line[i].y - line[i - 1].y, 2)));
    }
    var total = lengths[lengths.length - 1];
    var tip = line[line.length - 1];
    if (total < ARROW.head * 1.25) {
      /* too short for the head: a straight arrow of the head's length and a bit (as QGIS shifts the tail) */
      var d0 = unit(tip.x - line[0].x, tip.y - line[0].y);
      var len = ARROW.head * 1.25;
      line = [{ x: tip.x - d0.x * len, y: tip.y - d0.y * len }, tip];
      lengths = [0, len];
      total = len;
    }
    var bodyLength = total - ARROW.head;
    var spine = [];
    for (i = 0; i < line.length && lengths[i] < bodyLength; i++) spine.push({ x: line[i].x, y: line[i].y, s: lengths[i] });
    var j = spine.length;
    var f = (bodyLength - lengths[j - 1]) / ((lengths[j] - lengths[j - 1]) || 1);
    var base = { x: line[j - 1].x + (line[j].x - line[j - 1].x) * f, y: line[j - 1].y + (line[j].y - line[j - 1].y) * f, s: bodyLength };
    spine.push(base);
    var along = unit(tip.x - base.x, tip.y - base.y);
    var left = [], right = [];
    spine.forEach(function (p, k) {
      var d;
      if (k === spine.length - 1) d = along;
      else {
        var a = spine[k > 0 ? k - 1 : 0], b = spine[k + 1];
        d = unit(b.x - a.x, b.y - a.y);
      }
      p.r = (ARROW.start + (ARROW.end - ARROW.start) * (bodyLength > 0 ? p.s / bodyLength : 1)) / 2;
      left.push({ x: p.x - d.y * p.r, y: p.y + d.x * p.r });
      right.push({ x: p.x + d.y * p.r, y: p.y - d.x * p.r });
    });
    var h = ARROW.headHalf;
    var outline = left.concat([
      { x: base.x - along.y * h, y: base.y + along.x * h },
      { x: tip.x, y: tip.y },
      { x: base.x + along.y * h, y: base.y - along.x * h }
    ], right.reverse());
    /* the head in the spine as well, narrowing to the tip (for the label placer) */
    for (var q = 1; q <= 4; q++) {
      var g = q / 4;
      spine.push({ x: base.x + (tip.x - base.x) * g, y: base.y + (tip.y - base.y) * g, r: h * (1 - g) + 1 });
    }
    return { outline: outline, spine: spine };
  }

  function outlinePath(points) {
    return points.map(function (p, k) { return (k ? "L" : "M") + p.x.toFixed(1) + " " + p.y.toFixed(1); }).join("") + "Z";
  }

  /* A Leaflet polyline drawn as broad arrows: Leaflet projects and keeps the
     line's pixels (_rings) up to date on zoom; the path drawn is the arrow. */
  var ArrowLine = L.Polyline.extend({
    _updatePath: function () {
      var d = "";
      (this._rings || []).forEach(function (ring) {
        var shape = arrowShape(ring);
        if (shape) d += outlinePath(shape.outline);
      });
      this._renderer._setPath(this, d || "M0 0");
    }
  });

  var front = D.front || { colour: "#1a1a1a", width: 3, casing: "#ffffff", casing_width: 6 };

  /* An outline as a band centred on the edge of what a path fills, without
     any geometry: the filled shape (made opaque) is blurred with a Gaussian of
     sigma = width / 2, and the blurred coverage between Phi(-1) and Phi(1),
     which lies within width / 2 of the edge, becomes the band. It is drawn
     from the whole path (a layer, or a side's union), so the edges between its
     parts, which lie inside, never show. One blur per band: cheap enough to
     redraw every frame while scrubbing (morphology was several times slower). */
  var PHI_LO = 0.1587, PHI_HI = 0.8413;
  function bandTable(lo, hi) {
    var n = 64, soft = 1.5 / n, values = [];
    for (var i = 0; i <= n; i++) {
      var x = i / n;
      values.push((clamp((x - lo) / soft + 0.5, 0, 1) * clamp((hi - x) / soft + 0.5, 0, 1)).toFixed(3));
    }
    return values.join(" ");
  }

  function band(f, width, colour, name, solid) {
    el("feGaussianBlur", { in: solid, stdDeviation: Math.max(1, width / 2), result: name + "-g" }, f);
    var tr = el("feComponentTransfer", { in: name + "-g", result: name + "-b" }, f);
    el("feFuncA", { type: "table", tableValues: bandTable(PHI_LO, PHI_HI) }, tr);
    el("feFlood", { "flood-color": colour, result: name + "-c" }, f);
    el("feComposite", { in: name + "-c", in2: name + "-b", operator: "in", result: name }, f);
  }

  /* The shape as opaque (a fill of opacity 0.37 is the whole shape). */
  function solidAlpha(f) {
    var tr = el("feComponentTransfer", { in: "SourceAlpha", result: "solid" }, f);
    el("feFuncA", { type: "linear", slope: 255, intercept: 0 }, tr);
    return "solid";
  }

  function filter(id) {
    return el("filter", {
      id: id, x: "-20%", y: "-20%", width: "140%", height: "140%", "color-interpolation-filters": "sRGB"
    }, defs);
  }

  function merge(f, inputs) {
    var m = el("feMerge", {}, f);
    inputs.forEach(function (name) { el("feMergeNode", { in: name }, m); });
  }

  (function () {
    var f = filter("kt-front");
    var solid = solidAlpha(f);
    band(f, front.casing_width || 6, front.casing || "#ffffff", "casing", solid);
    band(f, front.width || 3, front.colour || "#1a1a1a", "core", solid);
    merge(f, ["casing", "core"]);
  })();

  /* A layer's fill with its outline: solid outlines as a band (no inner
     edges); a dashed outline is the path's own stroke (a dash cannot be a
     band), so it also runs along the edges between that layer's parts. */
  function outlineId(index) { return "kt-outline-" + index; }
  keys.forEach(function (k, i) {
    if (!k.stroke_width || k.dash) return;
    var f = filter(outlineId(i));
    band(f, k.stroke_width, k.stroke || k.fill, "outline", solidAlpha(f));
    merge(f, ["SourceGraphic", "outline"]);
  });

  var notFrontMask = null;
  if (front.not_front && front.not_front.length) {
    notFrontMask = el("mask", { id: "kt-not-front", maskUnits: "userSpaceOnUse", x: -1e6, y: -1e6, width: 2e6, height: 2e6 }, defs);
    el("rect", { x: -1e6, y: -1e6, width: 2e6, height: 2e6, fill: "#ffffff" }, notFrontMask);
  }

  /* ---------- the map ---------- */

  /* The initial view frames data.bounds as the Lagebild frames its extent:
     all of it, tight in one direction. The map's box takes a shape near the
     bounds' (at most 1.5 times as wide as they need, up to the Lagebild's
     1.44 : 1), so the other direction is not much wider either. */
  var b = D.bounds || [30, 45, 40, 55];
  var viewBounds = L.latLngBounds([[b[1], b[0]], [b[3], b[2]]]);
  (function () {
    var sw = L.CRS.EPSG3857.latLngToPoint(viewBounds.getSouthWest(), 0);
    var ne = L.CRS.EPSG3857.latLngToPoint(viewBounds.getNorthEast(), 0);
    var aspect = Math.abs(ne.x - sw.x) / (Math.abs(ne.y - sw.y) || 1);
    if (!isFinite(aspect) || aspect <= 0) aspect = 1.44;
    var wide = Math.max(0.8, Math.min(Math.max(aspect, 1.44), aspect * 1.5, 2.4));
    var narrow = Math.max(0.75, Math.min(aspect * 1.1, 1.8));
    var root = $("kt");
    if (root) {
      root.style.setProperty("--kt-map-aspect", wide.toFixed(3));
      root.style.setProperty("--kt-map-aspect-narrow", narrow.toFixed(3));
    }
  })();

  var map = L.map("kt-map", {
    zoomSnap: 0.25,
    attributionControl: true,
    keyboard: false,
    preferCanvas: false
  });

  /* Fits data.bounds exactly (no zoom snapping for this view); again when
     the box changes size, until the reader moves the map. */
  var fitting = false, readerMoved = false;
  function fitView() {
    var snap = map.options.zoomSnap;
    fitting = true;
    map.options.zoomSnap = 0;
    map.fitBounds(viewBounds, { animate: false, padding: [2, 2] });
    map.options.zoomSnap = snap;
    fitting = false;
  }
  fitView();
  map.on("zoomstart dragstart", function () { if (!fitting) readerMoved = true; });
  map.on("resize", function () { if (!readerMoved) fitView(); });
  map.getContainer().setAttribute("aria-label", D.title || "");
  map.getContainer().setAttribute("role", "img");
  if (D.basemap && D.basemap.url) {
    L.tileLayer(D.basemap.url, { attribution: D.basemap.attribution || "" }).addTo(map);
  }
  var scaleBar = L.control.scale({ imperial: false, metric: true, maxWidth: 160 }).addTo(map);
  if (W.scale) {
    scaleBar.getContainer().title = W.scale;
    scaleBar.getContainer().setAttribute("aria-label", W.scale);
  }

  /* Leaflet draws a margin around the view (padding, a share of its size) so a
     pan shows drawn ground at once; the moving layers, whose filters cost per
     pixel every frame, get a small one. */
  function pane(name, z, padding) {
    var p = map.createPane(name);
    p.style.zIndex = z;
    return L.svg({ pane: name, padding: padding });
  }
  var contextRenderer = pane("kt-context", 350, 0.5);
  var areaRenderer = pane("kt-areas", 400, 0.1);
  var frontRenderer = pane("kt-front", 420, 0.1);
  var arrowRenderer = pane("kt-arrows", 440, 0.3);
  var placeRenderer = pane("kt-places", 460, 0.3);
  map.createPane("kt-labels").style.zIndex = 620;

  /* Context: each country's area filled without a stroke (it is clipped far
     out, and a clip edge is no border), its outline (lines) stroked; oblasts
     are their outlines only, thin lines over the countries. */
  var ctx = D.context || {};
  var ctxStyles = ctx.styles || {};
  [["countries", { fill: "#efefec", stroke: "#5f5f5f", stroke_width: 1.2 }],
    ["oblasts", { fill: null, stroke: "#a0a0a0", stroke_width: 0.8 }]].forEach(function (kind) {
    var style = ctxStyles[kind[0]] || kind[1];
    (ctx[kind[0]] || []).forEach(function (c) {
      if (kind[0] === "countries" && style.fill && c.area && c.area.length) {
        L.polygon(area(c.area), {
          renderer: contextRenderer, interactive: false, stroke: false, fill: true,
          fillColor: style.fill, fillOpacity: 1, smoothFactor: 0.5
        }).addTo(map);
      }
    });
    (ctx[kind[0]] || []).forEach(function (c) {
      var opts = {
        renderer: contextRenderer, interactive: false, fill: false, color: style.stroke || kind[1].stroke,
        weight: style.stroke_width || kind[1].stroke_width, smoothFactor: 0.5, lineJoin: "round"
      };
      if (c.outline) {
        if (c.outline.length) L.polyline(lines(c.outline), opts).addTo(map);
      } else if (c.area && c.area.length) {
        L.polygon(area(c.area), opts).addTo(map);
      }
    });
  });

  var areaLayers = keys.map(function (k, i) {
    var layer = L.polygon([], {
      renderer: areaRenderer, interactive: false, smoothFactor: 0,
      fill: true,
      fillColor: k.hatch ? "url(#" + hatchId(i) + ")" : k.fill,
      fillOpacity: k.hatch ? 1 : (k.fill_opacity == null ? 0.4 : k.fill_opacity),
      fillRule: "evenodd",
      stroke: !!(k.stroke_width && k.dash),
      color: k.stroke || k.fill,
      weight: k.stroke_width || 0,
      lineJoin: "round",
      dashArray: k.dash ? k.dash.join(" ") : null
    }).addTo(map);
    if (k.stroke_width && !k.dash) layer.getElement().setAttribute("filter", "url(#" + outlineId(i) + ")");
    return layer;
  });

  var frontSides = front.sides || (D.sides || []).map(function (s) { return s.code; });
  var frontLayers = {};
  frontSides.forEach(function (side) {
    var layer = L.polygon([], {
      renderer: frontRenderer, interactive: false, smoothFactor: 0, stroke: false,
      fill: true, fillColor: "#000000", fillOpacity: 1, fillRule: "nonzero"
    }).addTo(map);
    var path = layer.getElement();
    path.setAttribute("filter", "url(#kt-front)");
    if (notFrontMask) path.setAttribute("mask", "url(#kt-not-front)");
    frontLayers[side] = layer;
  });
  if (notFrontMask) {
    /* The ground where an outline is not front (e.g. beyond the border): its
       path, kept in place by Leaflet, lives in the mask, widened by its stroke. */
    var nf = L.polygon(area(front.not_front), {
      renderer: frontRenderer, interactive: false, smoothFactor: 0,
      fill: true, fillColor: "#000000", fillOpacity: 1, color: "#000000", weight: (front.casing_width || 6) + 2
    }).addTo(map);
    notFrontMask.appendChild(nf.getElement());
  }

  var arrowGroup = L.layerGroup().addTo(map);
  var noteGroup = L.layerGroup().addTo(map);

  /* ---------- labels, placed so that none covers another ----------
     Like QGIS's labelling: each label tries positions around its anchor in
     order and takes the first one that overlaps no label placed before it,
     no place's dot and no arrow's body; one that finds no room is left out.
     Notes first, then places by rank, then the arrows' names. Positions are
     in the map's layer pixels, so a pan keeps them; they are found again on
     zoom, when the box changes size and when the snapshot in force changes. */

  function label(latlng, text, className, colour) {
    var m = L.marker(latlng, {
      pane: "kt-labels", interactive: false, keyboard: false,
      icon: L.divIcon({ className: className, html: "<span></span>", iconSize: [0, 0] })
    });
    var item = { marker: m, text: text, span: null, w: 0, h: 0 };
    m.on("add", function () {
      var span = m.getElement().firstChild;
      span.textContent = text;
      if (colour) span.style.color = colour;
      item.span = span;
    });
    return item;
  }

  /* A colour made darker (QGIS's darker(170): each channel / 1.7). */
  function darker(colour, factor) {
    var m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour || "");
    if (!m) return colour;
    return "#" + [m[1], m[2], m[3]].map(function (h) {
      var v = Math.round(parseInt(h, 16) / factor);
      return (v < 16 ? "0" : "") + v.toString(16);
    }).join("");
  }

  var placeLabels = [];
  var placeDots = [];
  (D.places || []).forEach(function (p, index) {
    var rank = p.rank || 3;
    var radius = rank <= 1 ? 5 : rank === 2 ? 4 : 3;
    L.circleMarker([p.lat, p.lon], {
      renderer: placeRenderer, interactive: false, radius: radius,
      color: "#1a1a1a", weight: 1.4, fillColor: "#ffffff", fillOpacity: 1
    }).addTo(map);
    placeDots.push({ latlng: L.latLng(p.lat, p.lon), r: radius + 1 });
    var item = label([p.lat, p.lon], p.name, "kt-place kt-rank-" + rank, null);
    item.kind = "place";
    item.rank = rank;
    item.order = index;
    item.radius = radius;
    item.marker.addTo(map);
    placeLabels.push(item);
  });

  var snapshotLabels = [];   /* notes and arrow names of the snapshot in force */
  var snapshotArrows = [];   /* their lines (latlngs), obstacles for labels */

  /* Candidate top-left corners, relative to the anchor, in order. */
  function candidates(item, w, h) {
    var out = [];
    if (item.kind === "place") {
      var g = item.radius + 3, c = 0.8 * item.radius + 1;
      out.push([g, -h / 2], [-g - w, -h / 2], [c, -c - h], [c, c], [-c - w, -c - h], [-c - w, c],
        [-w / 2, -g - h], [-w / 2, g]);
    } else if (item.kind === "note") {
      out.push([-w / 2, -h / 2], [-w / 2, -h - 4], [-w / 2, 4], [6, -h / 2], [-6 - w, -h / 2],
        [4, -h - 2], [4, 2], [-4 - w, -h - 2], [-4 - w, 2]);
    } else {
      /* an arrow's name: horizontal, centred on the arrow's middle if it fits
         there, else beside the arrow there; then the same at points further
         from the middle, last at its tail and its head */
      var gap = 1.5 * MM;
      item.stations.forEach(function (st) {
        var x = st.x - item.anchor.x, y = st.y - item.anchor.y, r = st.r + gap;
        out.push([x - w / 2, y - h / 2], [x - w / 2, y - r - h], [x - w / 2, y + r],
          [x + r, y - h / 2], [x - r - w, y - h / 2],
          [x - r - w, y - r - h], [x + r, y - r - h], [x - r - w, y + r], [x + r, y + r]);
      });
    }
    return out;
  }

  function boxesOverlap(a, b) {
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
  }

  function boxHitsCircle(box, c) {
    var dx = c.x - clamp(c.x, box.x, box.x + box.w);
    var dy = c.y - clamp(c.y, box.y, box.y + box.h);
    return dx * dx + dy * dy < c.r * c.r;
  }

  /* Points along a line (latlngs) at shares of its pixel length, with the
     arrow's half width there. */
  function stationsOn(spine, shares) {
    var lengths = [0];
    for (var i = 1; i < spine.length; i++) {
      lengths.push(lengths[i - 1] + Math.sqrt(Math.pow(spine[i].x - spine[i - 1].x, 2) + Math.pow(spine[i].y - spine[i - 1].y, 2)));
    }
    var total = lengths[lengths.length - 1];
    return shares.map(function (share) {
      var want = total * share, k = 1;
      while (k < spine.length - 1 && lengths[k] < want) k++;
      var f = clamp((want - lengths[k - 1]) / ((lengths[k] - lengths[k - 1]) || 1), 0, 1);
      var p = spine[k - 1], q = spine[k];
      return { x: p.x + (q.x - p.x) * f, y: p.y + (q.y - p.y) * f, r: Math.max(p.r, q.r) };
    });
  }

  var labelsPlaced = 0;   /* how many times the labels were placed (for tests) */

  function placeAll() {
    var items = snapshotLabels.concat(placeLabels).filter(function (it) { return it.span; });
    /* sizes: shown, then measured all at once (one layout), kept per label */
    items.forEach(function (it) { if (!it.w) it.span.hidden = false; });
    items.forEach(function (it) {
      if (!it.w) { it.w = it.span.offsetWidth; it.h = it.span.offsetHeight; }
    });
    var obstacles = [];
    snapshotArrows.forEach(function (a) {
      var shape = arrowShape(a.line.map(function (ll) { return map.latLngToLayerPoint(ll); }));
      if (!shape) return;
      a.spine = shape.spine;
      /* the body as circles along its spine, at most 2 px apart */
      shape.spine.forEach(function (p, k) {
        var q = k ? shape.spine[k - 1] : p;
        var n = Math.max(1, Math.ceil(Math.sqrt(Math.pow(p.x - q.x, 2) + Math.pow(p.y - q.y, 2)) / 2));
        for (var m = 1; m <= n; m++) {
          var f = m / n;
          obstacles.push({ x: q.x + (p.x - q.x) * f, y: q.y + (p.y - q.y) * f, r: q.r + (p.r - q.r) * f + 1.5 });
        }
      });
    });
    placeDots.forEach(function (d) {
      var p = map.latLngToLayerPoint(d.latlng);
      obstacles.push({ x: p.x, y: p.y, r: d.r });
    });
    var topLeft = map.containerPointToLayerPoint([0, 0]);
    var size = map.getSize();
    var view = { x: topLeft.x + 2, y: topLeft.y + 2, w: size.x - 4, h: size.y - 4 };
    var order = { note: 0, place: 1, arrow: 2 };
    items.sort(function (p, q) {
      return order[p.kind] - order[q.kind] || (p.rank || 0) - (q.rank || 0) || p.order - q.order;
    });
    var placed = [];
    items.forEach(function (it) {
      it.anchor = map.latLngToLayerPoint(it.marker.getLatLng());
      if (it.kind === "arrow") it.stations = it.arrow.spine ? stationsOn(it.arrow.spine, [0.5, 0.35, 0.65, 0.2, 0.8, 0, 1]) : [];
      var options = candidates(it, it.w, it.h);
      var found = null;
      for (var k = 0; k < options.length; k++) {
        var box = { x: it.anchor.x + options[k][0] - 1, y: it.anchor.y + options[k][1] - 1, w: it.w + 2, h: it.h + 2 };
        /* within the map's box (as QGIS labels only within the map), on no other label or arrow */
        if (!(box.x >= view.x && box.y >= view.y && box.x + box.w <= view.x + view.w && box.y + box.h <= view.y + view.h)) continue;
        if (placed.some(function (o) { return boxesOverlap(box, o); })) continue;
        if (obstacles.some(function (c) { return boxHitsCircle(box, c); })) continue;
        found = { box: box, offset: options[k] };
        break;
      }
      it.span.hidden = !found;
      if (found) {
        placed.push(found.box);
        it.span.style.left = found.offset[0].toFixed(1) + "px";
        it.span.style.top = found.offset[1].toFixed(1) + "px";
      }
    });
    labelsPlaced += 1;
  }

  /* After a zoom or a pan (labels that lay outside the view may fit now) and
     when the map's box changes size; not while scrubbing within a snapshot. */
  map.on("moveend resize", placeAll);

  /* ---------- state ---------- */

  var state = {
    t: NaN, frame: null, held: {}, shownSnapshot: -1, playing: false,
    speed: 1, loop: false, last: 0, raf: 0, pending: NaN, listeners: { instant: [] }
  };

  var els = {
    week: $("kt-week"), title: $("kt-title"), date: $("kt-date"), subtitle: $("kt-subtitle"),
    caption: $("kt-caption"), credit: $("kt-credit"), legend: $("kt-legend"),
    interpolated: $("kt-interpolated"), change: $("kt-change"), changeTitle: $("kt-change-title"),
    slider: $("kt-slider"), ticks: $("kt-ticks"), play: $("kt-play"), speed: $("kt-speed"),
    loop: $("kt-loop"), chart: $("kt-chart")
  };

  /* ---------- snapshot in force: arrows, notes, texts ---------- */

  function showSnapshot(i) {
    if (state.shownSnapshot === i) return;
    state.shownSnapshot = i;
    var s = snaps[i];
    arrowGroup.clearLayers();
    noteGroup.clearLayers();
    snapshotLabels = [];
    snapshotArrows = [];
    (s.arrows || []).forEach(function (a) {
      var drawn = lines(a.line).filter(function (line) { return line.length >= 2; });
      if (!drawn.length) return;
      var style = arrowStyle(a.kind, a.colour);
      new ArrowLine(drawn, {
        renderer: arrowRenderer, interactive: false, fill: true, fillColor: style.fillColor,
        fillOpacity: style.fillOpacity, fillRule: "nonzero", color: style.color, weight: style.weight,
        opacity: 1, dashArray: style.dashArray, lineJoin: "miter", lineCap: "butt", smoothFactor: 0,
        className: "kt-arrow kt-arrow-" + (dashedKind(a.kind) ? "dashed" : "solid")
      }).addTo(arrowGroup);
      var arrows = drawn.map(function (line) { return { line: line, spine: null }; });
      arrows.forEach(function (x) { snapshotArrows.push(x); });
      if (a.label) {
        var first = drawn[0];
        var item = label(first[Math.floor(first.length / 2)], a.label, "kt-note kt-arrow-label", darker(a.colour, 1.7));
        item.kind = "arrow";
        item.arrow = arrows[0];
        item.order = snapshotLabels.length;
        item.marker.addTo(arrowGroup);
        snapshotLabels.push(item);
      }
    });
    (s.notes || []).forEach(function (n) {
      var item = label([n.lat, n.lon], n.text, "kt-note", n.colour);
      item.kind = "note";
      item.order = snapshotLabels.length;
      item.marker.addTo(noteGroup);
      snapshotLabels.push(item);
    });
    placeAll();
    els.subtitle.textContent = s.title || "";
    els.caption.textContent = s.caption || "";
    els.credit.textContent = s.credit ? (W.source ? W.source + ": " : "") + s.credit : "";
  }

  /* ---------- drawing a frame ---------- */

  function draw(frame) {
    if (state.frame && state.frame.key === frame.key) return composeLayers(frame, false);
    var layers = composeLayers(frame, true);
    var unions = {};
    keys.forEach(function (k, i) {
      var parts = layers[k.code].parts;
      areaLayers[i].setLatLngs(parts);
      if (frontLayers[k.side]) {
        var u = unions[k.side] || (unions[k.side] = []);
        for (var j = 0; j < parts.length; j++) u.push(parts[j]);
      }
    });
    for (var side in frontLayers) {
      if (Object.prototype.hasOwnProperty.call(frontLayers, side)) frontLayers[side].setLatLngs(unions[side] || []);
    }
    return layers;
  }

  function previousSnapshot(t) {
    for (var i = snaps.length - 1; i >= 0; i--) if (snaps[i].t < t) return i;
    return -1;
  }

  function render(t) {
    t = Math.round(clamp(t, T0, T1) / 1000) * 1000;
    var frame = frameAt(t);
    var layers = draw(frame);
    state.frame = frame;
    state.t = t;
    state.held = {};
    keys.forEach(function (k) { state.held[k.code] = layers[k.code].km2; });
    showSnapshot(frame.snapshot);
    var text = dateText(t);
    var inForce = snaps[frame.snapshot];
    setText(els.date, text);
    setText(els.week, weekText(t, inForce.week));
    els.interpolated.hidden = t === inForce.t;
    var value = (t - T0) / 60000;
    if (Number(els.slider.value) !== value) els.slider.value = String(value);
    els.slider.setAttribute("aria-valuetext", text);
    updateLegend(layers);
    updateChange(t);
    updateChartMark(t);
    var iso = isoOf(t);
    state.listeners.instant.slice().forEach(function (cb) {
      try { cb(iso); } catch (e) { if (window.console) window.console.error(e); }
    });
  }

  /* Slider input and playback draw at most once per animation frame. */
  function requestShow(t) {
    state.pending = t;
    if (!state.raf) state.raf = window.requestAnimationFrame(tick);
  }

  function tick(now) {
    state.raf = 0;
    if (state.playing) {
      var dt = state.last ? Math.min(now - state.last, 100) : 0;
      state.last = now;
      var next = (isNaN(state.pending) ? state.t : state.pending) + dt / PLAY_WEEK_MS * WEEK * state.speed;
      state.pending = NaN;
      if (next >= T1) {
        if (state.loop) next = T0;
        else { render(T1); pause(); return; }
      }
      render(next);
      state.raf = window.requestAnimationFrame(tick);
      return;
    }
    if (!isNaN(state.pending)) {
      var t = state.pending;
      state.pending = NaN;
      render(t);
    }
  }

  /* ---------- legend, change, chart ---------- */

  function swatch(k, i) {
    var svg = el("svg", { width: 22, height: 14, viewBox: "0 0 22 14", "aria-hidden": "true" });
    el("rect", {
      x: 1, y: 1, width: 20, height: 12,
      fill: k.hatch ? "url(#" + hatchId(i) + ")" : k.fill,
      "fill-opacity": k.hatch ? 1 : (k.fill_opacity == null ? 0.4 : k.fill_opacity),
      stroke: k.stroke || k.fill, "stroke-width": Math.max(1, k.stroke_width || 1),
      "stroke-dasharray": k.dash ? k.dash.join(" ") : "none"
    }, svg);
    return svg;
  }

  function lineSwatch(kind, colour) {
    var svg = el("svg", { width: 22, height: 14, viewBox: "0 0 22 14", "aria-hidden": "true" });
    if (kind === "front") {
      el("line", { x1: 1, y1: 7, x2: 21, y2: 7, stroke: front.casing || "#fff", "stroke-width": 6 }, svg);
      el("line", { x1: 1, y1: 7, x2: 21, y2: 7, stroke: front.colour || "#1a1a1a", "stroke-width": 3 }, svg);
    } else if (kind === "place") {
      el("circle", { cx: 11, cy: 7, r: 4, fill: "#fff", stroke: "#1a1a1a", "stroke-width": 1.4 }, svg);
    } else {
      /* the map's arrow at half its size */
      svg.setAttribute("viewBox", "0 0 44 28");
      var style = arrowStyle(kind, colour);
      var shape = arrowShape([{ x: 2, y: 14 }, { x: 42, y: 14 }]);
      el("path", {
        d: outlinePath(shape.outline), fill: style.fillColor, "fill-opacity": style.fillOpacity,
        stroke: style.color, "stroke-width": style.weight, "stroke-dasharray": style.dashArray || "none",
        "stroke-linejoin": "miter"
      }, svg);
    }
    return svg;
  }

  var legendKey = "";
  function updateLegend(layers) {
    var shown = keys.filter(function (k) { return layers[k.code].km2 > 0 || (layers[k.code].parts && layers[k.code].parts.length); });
    var s = snaps[state.frame.snapshot];
    var arrowKinds = [];
    (s.arrows || []).forEach(function (a) {
      var id = a.side + "/" + a.kind;
      if (arrowKinds.every(function (x) { return x.id !== id; })) arrowKinds.push({ id: id, side: a.side, kind: a.kind, colour: a.colour });
    });
    var signature = shown.map(function (k) { return k.code; }).join() + "|" + arrowKinds.map(function (a) { return a.id; }).join();
    if (signature === legendKey) return;
    legendKey = signature;
    var ul = els.legend;
    ul.textContent = "";
    function item(svg, text) {
      var li = document.createElement("li");
      li.appendChild(svg);
      var span = document.createElement("span");
      span.textContent = text;
      li.appendChild(span);
      ul.appendChild(li);
    }
    function heading(text) {
      if (!text) return;
      var li = document.createElement("li");
      li.className = "kt-legend-heading";
      li.textContent = text;
      ul.appendChild(li);
    }
    if (shown.length) heading(W.areas);
    shown.forEach(function (k) { item(swatch(k, keys.indexOf(k)), k.label || k.code); });
    if (frontSides.length) item(lineSwatch("front"), word("front_line"));
    if (arrowKinds.length) heading(W.movements);
    arrowKinds.forEach(function (a) {
      var side = sideByCode[a.side];
      var kind = (W.arrows || {})[a.kind] || a.kind;
      item(lineSwatch(a.kind, a.colour), side ? side.name + ": " + kind : kind);
    });
    if ((D.places || []).length) item(lineSwatch("place"), word("places"));
  }

  var changeRows = null;
  function setText(node, text) { if (node.textContent !== text) node.textContent = text; }

  function updateChange(t) {
    var prev = previousSnapshot(t);
    var ul = els.change;
    if (!changeRows) {
      changeRows = (D.sides || []).map(function (side) {
        var li = document.createElement("li");
        var dot = document.createElement("span");
        dot.className = "kt-dot";
        dot.style.background = side.colour;
        li.appendChild(dot);
        var text = document.createElement("span");
        li.appendChild(text);
        ul.appendChild(li);
        return { side: side, text: text };
      });
    }
    var title = word("change_title");
    if (prev < 0) {
      setText(els.changeTitle, fill(title, { day: "", date: "" }));
      ul.hidden = true;
      return;
    }
    ul.hidden = false;
    var since = shortDate(snaps[prev].t);
    setText(els.changeTitle, /\{(day|date)\}/.test(title) ? fill(title, { day: since, date: since }) : title + " (" + since + ")");
    var now = bySide(state.held);
    var before = bySide(snaps[prev].held_km2 || {});
    changeRows.forEach(function (row) {
      var delta = (now[row.side.code] || 0) - (before[row.side.code] || 0);
      setText(row.text, row.side.name + ": " + (Math.abs(delta) < 0.05 && W.no_change ? W.no_change : km2Text(delta, true)));
    });
  }

  var chart = { w: 320, h: 170, left: 44, right: 8, top: 10, bottom: 22, max: 1, mark: null, dots: {} };

  function chartX(t) { return chart.left + (T1 > T0 ? (t - T0) / (T1 - T0) : 0) * (chart.w - chart.left - chart.right); }
  function chartY(v) { return chart.top + (1 - v / chart.max) * (chart.h - chart.top - chart.bottom); }

  function niceMax(v) {
    if (v <= 0) return 1;
    var p = Math.pow(10, Math.floor(Math.log(v) / Math.LN10));
    var steps = [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];
    for (var i = 0; i < steps.length; i++) if (steps[i] * p >= v) return steps[i] * p;
    return 10 * p;
  }

  function buildChart() {
    var svg = els.chart;
    svg.setAttribute("viewBox", "0 0 " + chart.w + " " + chart.h);
    svg.setAttribute("aria-label", word("chart_title"));
    var samples = [];
    for (var i = 0; i < snaps.length; i++) {
      samples.push(snaps[i].t);
      if (i < snaps.length - 1) {
        var n = 24;
        for (var j = 1; j < n; j++) samples.push(snaps[i].t + (snaps[i + 1].t - snaps[i].t) * j / n);
      }
    }
    var series = {};
    var max = 0;
    samples.forEach(function (t) {
      var sums = bySide(heldAt(t));
      for (var side in sums) {
        if (!Object.prototype.hasOwnProperty.call(sums, side)) continue;
        (series[side] = series[side] || []).push([t, sums[side]]);
        if (sums[side] > max) max = sums[side];
      }
    });
    chart.max = niceMax(max);
    var axis = el("g", { class: "kt-axis" }, svg);
    [0, chart.max / 2, chart.max].forEach(function (v) {
      el("line", { x1: chart.left, x2: chart.w - chart.right, y1: chartY(v), y2: chartY(v), class: "kt-grid" }, axis);
      var tx = el("text", { x: chart.left - 4, y: chartY(v) + 3, "text-anchor": "end" }, axis);
      tx.textContent = formatNumber(v, 0);
    });
    snaps.forEach(function (s) {
      el("line", { x1: chartX(s.t), x2: chartX(s.t), y1: chart.h - chart.bottom, y2: chart.h - chart.bottom + 3, class: "kt-tick" }, axis);
    });
    var first = el("text", { x: chart.left, y: chart.h - 6, "text-anchor": "start" }, axis);
    first.textContent = shortDate(T0);
    var last = el("text", { x: chart.w - chart.right, y: chart.h - 6, "text-anchor": "end" }, axis);
    last.textContent = shortDate(T1);
    (D.sides || []).forEach(function (side) {
      var pts = series[side.code];
      if (!pts) return;
      var d = pts.map(function (p, k) { return (k ? "L" : "M") + chartX(p[0]).toFixed(1) + "," + chartY(p[1]).toFixed(1); }).join("");
      el("path", { d: d, fill: "none", stroke: side.colour, "stroke-width": 2, "stroke-linejoin": "round" }, svg);
    });
    chart.mark = el("line", { y1: chart.top, y2: chart.h - chart.bottom, class: "kt-mark" }, svg);
    (D.sides || []).forEach(function (side) {
      if (series[side.code]) chart.dots[side.code] = el("circle", { r: 3.5, fill: side.colour, stroke: "#fff", "stroke-width": 1.2 }, svg);
    });
  }

  function updateChartMark(t) {
    if (!chart.mark) return;
    var x = chartX(t);
    chart.mark.setAttribute("x1", x);
    chart.mark.setAttribute("x2", x);
    var sums = bySide(state.held);
    for (var side in chart.dots) {
      if (!Object.prototype.hasOwnProperty.call(chart.dots, side)) continue;
      chart.dots[side].setAttribute("cx", x);
      chart.dots[side].setAttribute("cy", chartY(sums[side] || 0));
    }
  }

  /* ---------- timeline ---------- */

  /* The address follows the instant while paused, so a link can be copied; a
     quarter second after the last change (browsers throttle history updates,
     and a scrollytelling page may call show() every frame). */
  var hashTimer = 0;
  function writeHash() {
    hashTimer = 0;
    if (state.playing || !window.history || !window.history.replaceState) return;
    var hash = "#" + isoOf(state.t);
    if (window.location.hash === hash) return;
    try { window.history.replaceState(null, "", hash); } catch (e) { /* some browsers refuse on file:// */ }
  }

  function setHash(now) {
    if (hashTimer) window.clearTimeout(hashTimer);
    if (now) writeHash(); else hashTimer = window.setTimeout(writeHash, 250);
  }

  function show(t) {
    if (typeof t === "string") t = parseIso(t);
    if (typeof t !== "number" || isNaN(t)) throw new Error("KurskTracker.show: not an ISO 8601 instant");
    state.pending = NaN;
    render(t);
    if (!state.playing) setHash();
  }

  function play() {
    if (state.playing) return;
    if (state.t >= T1) render(T0);
    state.playing = true;
    state.last = 0;
    state.pending = NaN;
    els.play.setAttribute("aria-pressed", "true");
    els.play.setAttribute("aria-label", word("pause"));
    els.play.title = word("pause");
    setIcon(els.play, "pause");
    if (!state.raf) state.raf = window.requestAnimationFrame(tick);
  }

  function pause() {
    if (!state.playing) return;
    state.playing = false;
    if (state.raf) { window.cancelAnimationFrame(state.raf); state.raf = 0; }
    els.play.setAttribute("aria-pressed", "false");
    els.play.setAttribute("aria-label", word("play"));
    els.play.title = word("play");
    setIcon(els.play, "kt-play");
    setHash(true);
  }

  function step(delta) { pause(); show(clamp(state.t + delta, T0, T1)); }

  function nextSnapshot() {
    pause();
    for (var i = 0; i < snaps.length; i++) if (snaps[i].t > state.t) { show(snaps[i].t); return; }
    show(T1);
  }

  function previousSnapshotStep() {
    pause();
    var i = previousSnapshot(state.t);
    show(i < 0 ? T0 : snaps[i].t);
  }

  /* Button icons as SVG paths (16 x 16), so no font needs the glyphs. */
  var ICONS = {
    "kt-prev": "M2 3h2v10H2z M14 3 5 8l9 5z",
    "kt-week-back": "M8 3 1 8l7 5z M15 3 8 8l7 5z",
    "kt-day-back": "M12 3 4 8l8 5z",
    "kt-play": "M4 2l10 6-10 6z",
    "pause": "M3 2h4v12H3z M9 2h4v12H9z",
    "kt-day-forward": "M4 3l8 5-8 5z",
    "kt-week-forward": "M1 3l7 5-7 5z M8 3l7 5-7 5z",
    "kt-next": "M12 3h2v10h-2z M2 3l9 5-9 5z"
  };

  function setIcon(btn, name) {
    btn.textContent = "";
    var svg = el("svg", { width: 16, height: 16, viewBox: "0 0 16 16", "aria-hidden": "true", focusable: "false" }, btn);
    el("path", { d: ICONS[name], fill: "currentColor" }, svg);
  }

  function button(id, name, action) {
    var btn = $(id);
    var text = word(name);
    btn.setAttribute("aria-label", text);
    btn.title = text;
    setIcon(btn, id);
    btn.addEventListener("click", action);
    return btn;
  }

  function setupTimeline() {
    button("kt-prev", "previous_snapshot", previousSnapshotStep);
    button("kt-week-back", "week_back", function () { step(-WEEK); });
    button("kt-day-back", "day_back", function () { step(-DAY); });
    button("kt-play", "play", function () { if (state.playing) pause(); else play(); });
    els.play.setAttribute("aria-pressed", "false");
    button("kt-day-forward", "day_forward", function () { step(DAY); });
    button("kt-week-forward", "week_forward", function () { step(WEEK); });
    button("kt-next", "next_snapshot", nextSnapshot);
    $("kt-speed-label").textContent = word("speed");
    SPEEDS.forEach(function (s) {
      var o = document.createElement("option");
      o.value = String(s);
      o.textContent = formatNumber(s, s % 1 ? (s * 2 % 1 ? 2 : 1) : 0) + "\u00d7";
      if (s === 1) o.selected = true;
      els.speed.appendChild(o);
    });
    els.speed.addEventListener("change", function () { state.speed = Number(els.speed.value) || 1; });
    $("kt-loop-label").textContent = word("loop");
    els.loop.addEventListener("change", function () { state.loop = els.loop.checked; });

    var slider = els.slider;
    slider.max = String((T1 - T0) / 60000);
    slider.setAttribute("aria-label", word("instant"));
    slider.addEventListener("input", function () {
      if (state.playing) pause();
      requestShow(T0 + Number(slider.value) * 60000);
    });
    slider.addEventListener("change", function () {
      if (!isNaN(state.pending)) { var t = state.pending; state.pending = NaN; render(t); }
      setHash();
    });
    snaps.forEach(function (s, i) {
      var tick = document.createElement("span");
      tick.className = "kt-tick" + (i === 0 || i === snaps.length - 1 ? " kt-end" : "");
      tick.style.left = (T1 > T0 ? (s.t - T0) / (T1 - T0) * 100 : 0) + "%";
      tick.title = s.date_text || dateText(s.t);
      tick.addEventListener("click", function () { pause(); show(s.t); });
      els.ticks.appendChild(tick);
    });

    document.addEventListener("keydown", function (e) {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      var target = e.target;
      var tag = target && target.tagName;
      if (tag === "SELECT" || tag === "TEXTAREA" || (tag === "INPUT" && target.type !== "range" && target.type !== "checkbox")) return;
      var handled = true;
      switch (e.key) {
        case " ":
        case "Spacebar":
          if (tag === "BUTTON" || (tag === "INPUT" && target.type === "checkbox")) { handled = false; break; }
          if (state.playing) pause(); else play();
          break;
        case "ArrowLeft": step(e.shiftKey ? -WEEK : -DAY); break;
        case "ArrowRight": step(e.shiftKey ? WEEK : DAY); break;
        case "PageUp": nextSnapshot(); break;
        case "PageDown": previousSnapshotStep(); break;
        case "Home": pause(); show(T0); break;
        case "End": pause(); show(T1); break;
        default: handled = false;
      }
      if (handled) e.preventDefault();
    });

    window.addEventListener("hashchange", function () {
      var t = parseIso(window.location.hash.slice(1));
      if (!isNaN(t) && Math.round(t / 1000) * 1000 !== state.t) { pause(); show(t); }
    });
  }

  /* ---------- texts that do not change ---------- */

  function setupTexts() {
    els.title.textContent = D.title || "";
    $("kt-legend-title").textContent = word("legend");
    els.interpolated.textContent = word("interpolated");
    $("kt-chart-title").textContent = word("chart_title");
    els.changeTitle.textContent = word("change_title");
  }

  /* ---------- the API ---------- */

  var api = {
    version: 1,
    show: function (iso) { show(iso); return api; },
    play: function () { play(); return api; },
    pause: function () { pause(); return api; },
    instant: function () { return isoOf(state.t); },
    heldKm2: function () {
      var out = {};
      for (var k in state.held) if (Object.prototype.hasOwnProperty.call(state.held, k)) out[k] = state.held[k];
      return out;
    },
    on: function (event, callback) {
      if (!state.listeners[event]) throw new Error("KurskTracker.on: unknown event " + event);
      state.listeners[event].push(callback);
      return api;
    },
    off: function (event, callback) {
      var list = state.listeners[event] || [];
      var i = list.indexOf(callback);
      if (i >= 0) list.splice(i, 1);
      return api;
    },
    playing: function () { return state.playing; },
    dateText: function (iso) { return dateText(typeof iso === "string" ? parseIso(iso) : iso); },
    map: map,
    ready: false
  };
  window.KurskTracker = api;

  setupTexts();
  setupTimeline();
  buildChart();
  var start = parseIso(window.location.hash.slice(1));
  render(isNaN(start) ? T1 : start);
  /* "ready" once the first frame is on screen: the callback of the second
     animation frame runs after the first one was painted. */
  window.requestAnimationFrame(function () {
    window.requestAnimationFrame(function () {
      api.ready = true;
      if (window.performance && window.performance.mark) window.performance.mark("kt-ready");
      document.documentElement.setAttribute("data-kt-ready", "true");
    });
  });
})();
