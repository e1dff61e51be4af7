/* Kursk Tracker's web page — labels placed so that none covers another; the snapshot in force's
   arrows, notes and texts. One of the page's scripts, run in the order of the writer's list (see
   base.js). */
(function (P) {
  "use strict";
  if (!P || !P.ok) return;
  var D = P.D, L = P.L, W = P.W, clamp = P.clamp, els = P.els, snaps = P.snaps, state = P.state,
      lines = P.lines, ArrowLine = P.ArrowLine, MM = P.MM, arrowShape = P.arrowShape,
      arrowStyle = P.arrowStyle, dashedKind = P.dashedKind, arrowGroup = P.arrowGroup,
      arrowRenderer = P.arrowRenderer, map = P.map, noteGroup = P.noteGroup, placeRenderer = P.placeRenderer;

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

  P.showSnapshot = showSnapshot;
})(window.KurskTrackerPage);
