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

  var arrowheads = {};
  function arrowhead(colour) {
    if (arrowheads[colour]) return arrowheads[colour];
    var id = "kt-head-" + Object.keys(arrowheads).length;
    var m = el("marker", {
      id: id, viewBox: "0 0 10 10", refX: 4, refY: 5, markerWidth: 3.2, markerHeight: 3.2,
      orient: "auto", markerUnits: "strokeWidth"
    }, defs);
    el("path", { d: "M0,0 L10,5 L0,10 L2.5,5 Z", fill: colour, stroke: "#ffffff", "stroke-width": 0.8, "stroke-linejoin": "round" }, m);
    arrowheads[colour] = "url(#" + id + ")";
    return arrowheads[colour];
  }

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

  var map = L.map("kt-map", {
    zoomSnap: 0.25,
    attributionControl: true,
    keyboard: false,
    preferCanvas: false
  });
  var b = D.bounds || [30, 45, 40, 55];
  map.fitBounds([[b[1], b[0]], [b[3], b[2]]]);
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

  (D.places || []).forEach(function (p) {
    var rank = p.rank || 3;
    var radius = rank <= 1 ? 5 : rank === 2 ? 4 : 3;
    L.circleMarker([p.lat, p.lon], {
      renderer: placeRenderer, interactive: false, radius: radius,
      color: "#1a1a1a", weight: 1.4, fillColor: "#ffffff", fillOpacity: 1
    }).addTo(map);
    L.marker([p.lat, p.lon], {
      pane: "kt-labels", interactive: false, keyboard: false,
      icon: L.divIcon({
        className: "kt-place kt-rank-" + rank,
        html: "<span></span>",
        iconSize: [0, 0],
        iconAnchor: [-radius - 3, 9]
      })
    }).addTo(map).getElement().firstChild.textContent = p.name;
  });

  function label(latlng, text, className, colour) {
    var m = L.marker(latlng, {
      pane: "kt-labels", interactive: false, keyboard: false,
      icon: L.divIcon({ className: className, html: "<span></span>", iconSize: [0, 0] })
    });
    m.on("add", function () {
      var span = m.getElement().firstChild;
      span.textContent = text;
      if (colour) span.style.color = colour;
    });
    return m;
  }

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
    (s.arrows || []).forEach(function (a) {
      var dashed = a.kind === "relief_attack" || a.kind === "withdrawal";
      lines(a.line).forEach(function (line) {
        if (line.length < 2) return;
        L.polyline(line, {
          renderer: arrowRenderer, interactive: false, color: "#ffffff", weight: 8,
          opacity: 0.85, lineCap: "round", lineJoin: "round", smoothFactor: 1
        }).addTo(arrowGroup);
        var body = L.polyline(line, {
          renderer: arrowRenderer, interactive: false, color: a.colour, weight: 4.5,
          lineCap: dashed ? "butt" : "round", lineJoin: "round", dashArray: dashed ? "9 5" : null, smoothFactor: 1
        }).addTo(arrowGroup);
        body.getElement().setAttribute("marker-end", arrowhead(a.colour));
      });
      if (a.label) {
        var first = lines(a.line)[0];
        if (first && first.length) {
          label(first[Math.floor(first.length / 2)], a.label, "kt-note kt-arrow-label", a.colour).addTo(arrowGroup);
        }
      }
    });
    (s.notes || []).forEach(function (n) {
      label([n.lat, n.lon], n.text, "kt-note", n.colour).addTo(noteGroup);
    });
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
      var dashed = kind === "relief_attack" || kind === "withdrawal";
      var line = el("line", { x1: 1, y1: 7, x2: 15, y2: 7, stroke: colour, "stroke-width": 3.5 }, svg);
      if (dashed) line.setAttribute("stroke-dasharray", "4 2");
      el("path", { d: "M13,2 L21,7 L13,12 Z", fill: colour }, svg);
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
