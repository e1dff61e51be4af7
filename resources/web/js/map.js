/* Kursk Tracker's web page — the map: view, panes, context, the area and front layers, drawing a
   frame. One of the page's scripts, run in the order of the writer's list (see base.js). */
(function (P) {
  "use strict";
  if (!P || !P.ok) return;
  var $ = P.$, D = P.D, L = P.L, W = P.W, front = P.front, keys = P.keys, state = P.state, area = P.area,
      lines = P.lines, composeLayers = P.composeLayers, hatchId = P.hatchId, notFrontMask = P.notFrontMask,
      outlineId = P.outlineId, fitFilters = P.fitFilters;

  /* ---------- the map ---------- */

  /* The initial view frames data.bounds as the Lagebild frames its extent:
     all of it, tight in one direction. The map's box takes a shape near the
     bounds' (at most 1.5 times as wide as they need, up to the Lagebild's
     1.44 : 1), so the other direction is not much wider either. */
  var bounds = D.bounds || [30, 45, 40, 55];
  var viewBounds = L.latLngBounds([[bounds[1], bounds[0]], [bounds[3], bounds[2]]]);
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
  /* The library's name without the flag Leaflet 1.9 puts before it: a map of a war
     shows no side's flag that its data does not. */
  map.attributionControl.setPrefix('<a href="https://leafletjs.com" title="Leaflet">Leaflet</a>');
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
  /* The outline and front filters work over what these two draw (the same
     bounds: the same padding), set again whenever Leaflet redraws them. */
  areaRenderer.on("update", function () {
    var bounds = areaRenderer._bounds;
    if (bounds) fitFilters(bounds.min, bounds.max);
  });
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

  /* ---------- drawing a frame ---------- */

  /* While the instant moves — the page plays, or one frame follows another
     within MOTION_MS (a drag of the slider, show() called from a scroll) —
     the area layers are drawn as their fills without the outline bands
     (their filters cost most of a frame; a dashed outline stays, and the
     front keeps its band). MOTION_MS after the last change they are drawn
     again: a still picture is always the full one. */
  var MOTION_MS = 150;
  var outlined = areaLayers.map(function (layer) { return layer.getElement().getAttribute("filter"); });
  var moving = false, lastChange = -Infinity, restoreTimer = 0;

  function setOutlines(on) {
    areaLayers.forEach(function (layer, i) {
      if (!outlined[i]) return;
      if (on) layer.getElement().setAttribute("filter", outlined[i]);
      else layer.getElement().removeAttribute("filter");
    });
  }

  function restoreOutlines() {
    restoreTimer = 0;
    moving = false;
    setOutlines(true);
  }

  function changed() {
    var now = Date.now();
    if (state.playing || now - lastChange < MOTION_MS) {
      if (!moving) { moving = true; setOutlines(false); }
      if (restoreTimer) window.clearTimeout(restoreTimer);
      restoreTimer = window.setTimeout(restoreOutlines, MOTION_MS);
    }
    lastChange = now;
  }

  function draw(frame) {
    if (state.frame && state.frame.key === frame.key) return composeLayers(frame, false);
    changed();
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

  P.arrowGroup = arrowGroup;
  P.arrowRenderer = arrowRenderer;
  P.draw = draw;
  P.frontSides = frontSides;
  P.map = map;
  P.noteGroup = noteGroup;
  P.placeRenderer = placeRenderer;
})(window.KurskTrackerPage);
