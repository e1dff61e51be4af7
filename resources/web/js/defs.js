/* Kursk Tracker's web page — SVG definitions: hatches, and the filters that draw outlines and the
   front as bands. One of the page's scripts, run in the order of the writer's list (see base.js). */
(function (P) {
  "use strict";
  if (!P || !P.ok) return;
  var clamp = P.clamp, el = P.el, front = P.front, keys = P.keys;

  /* ---------- SVG definitions (hatches, arrowheads, front filters) ---------- */

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

  /* A colour as the intercepts of feFuncR/G/B (0-1), or null if it is not #rgb or #rrggbb. */
  function channels(colour) {
    var m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(String(colour || "").trim());
    if (!m) return null;
    var hex = m[1].length === 3 ? m[1].replace(/(.)/g, "$1$1") : m[1];
    return [0, 2, 4].map(function (k) { return (parseInt(hex.substr(k, 2), 16) / 255).toFixed(6); });
  }

  /* The blur, then one component transfer that keeps the band (alpha) and
     paints it in the colour (R, G, B constant): the same pixels as a flood of
     the colour composited "in" the band, two passes over the region fewer. */
  var largestSigma = 1;
  function band(f, width, colour, name, solid) {
    var sigma = Math.max(1, width / 2);
    largestSigma = Math.max(largestSigma, sigma);
    el("feGaussianBlur", { in: solid, stdDeviation: sigma, result: name + "-g" }, f);
    var rgb = channels(colour);
    var tr = el("feComponentTransfer", { in: name + "-g", result: rgb ? name : name + "-b" }, f);
    if (rgb) {
      ["feFuncR", "feFuncG", "feFuncB"].forEach(function (func, k) {
        el(func, { type: "linear", slope: 0, intercept: rgb[k] }, tr);
      });
    }
    el("feFuncA", { type: "table", tableValues: bandTable(PHI_LO, PHI_HI) }, tr);
    if (!rgb) {
      el("feFlood", { "flood-color": colour, result: name + "-c" }, f);
      el("feComposite", { in: name + "-c", in2: name + "-b", operator: "in", result: name }, f);
    }
  }

  /* The shape as opaque (a fill of opacity 0.37 is the whole shape). */
  function solidAlpha(f) {
    var tr = el("feComponentTransfer", { in: "SourceAlpha", result: "solid" }, f);
    el("feFuncA", { type: "linear", slope: 255, intercept: 0 }, tr);
    return "solid";
  }

  /* Until fitFilters() is first called, a filter's region is its path's box and a fifth around it. */
  var filters = [];
  function filter(id) {
    var f = el("filter", {
      id: id, x: "-20%", y: "-20%", width: "140%", height: "140%", "color-interpolation-filters": "sRGB"
    }, defs);
    filters.push(f);
    return f;
  }

  /* The filters' region set to what the map's SVG draws (its bounds in layer
     pixels, min and max) and a margin of more than three sigmas: a blur is
     worked out only where it can show, not over the parts of a large area
     far outside the view (a path's box, and a fifth around it). The margin
     keeps every pixel inside the bounds as it was. Called after each redraw
     of the bounds (map.js). */
  function fitFilters(min, max) {
    var margin = Math.ceil(3 * largestSigma) + 8;
    var region = {
      filterUnits: "userSpaceOnUse", x: min.x - margin, y: min.y - margin,
      width: max.x - min.x + 2 * margin, height: max.y - min.y + 2 * margin
    };
    filters.forEach(function (f) {
      for (var a in region) if (Object.prototype.hasOwnProperty.call(region, a)) f.setAttribute(a, region[a]);
    });
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

  P.fitFilters = fitFilters;
  P.hatchId = hatchId;
  P.notFrontMask = notFrontMask;
  P.outlineId = outlineId;
})(window.KurskTrackerPage);
