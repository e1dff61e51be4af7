/* Kursk Tracker's web page — the side panel: legend, change since the previous snapshot, held-area
   chart. One of the page's scripts, run in the order of the writer's list (see base.js). */
(function (P) {
  "use strict";
  if (!P || !P.ok) return;
  var D = P.D, T0 = P.T0, T1 = P.T1, W = P.W, el = P.el, els = P.els, front = P.front, keys = P.keys,
      setText = P.setText, sideByCode = P.sideByCode, snaps = P.snaps, state = P.state, fill = P.fill,
      formatNumber = P.formatNumber, km2Text = P.km2Text, shortDate = P.shortDate, word = P.word,
      bySide = P.bySide, heldAt = P.heldAt, previousSnapshot = P.previousSnapshot, hatchId = P.hatchId,
      arrowShape = P.arrowShape, arrowStyle = P.arrowStyle, outlinePath = P.outlinePath,
      frontSides = P.frontSides;

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

  P.buildChart = buildChart;
  P.updateChange = updateChange;
  P.updateChartMark = updateChartMark;
  P.updateLegend = updateLegend;
})(window.KurskTrackerPage);
