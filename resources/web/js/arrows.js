/* Kursk Tracker's web page — movement arrows, drawn as the Lagebild draws them. One of the page's
   scripts, run in the order of the writer's list (see base.js). */
(function (P) {
  "use strict";
  if (!P || !P.ok) return;
  var L = P.L;

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

  P.ArrowLine = ArrowLine;
  P.MM = MM;
  P.arrowShape = arrowShape;
  P.arrowStyle = arrowStyle;
  P.dashedKind = dashedKind;
  P.outlinePath = outlinePath;
})(window.KurskTrackerPage);
