/* Kursk Tracker's web page: composes the precomputed data object of
   docs/web_data.md (window.KurskTrackerData) into a Leaflet map, a timeline
   and a chart. No geometry is computed here: the page picks a level per
   patch and draws polygons. Every printed word comes from data.words.

   The page is plain scripts run in a fixed order (the writer's list,
   kursk_tracker/export/web_page.py PAGE_SCRIPTS), sharing one internal object,
   window.KurskTrackerPage ("P"): each file takes what it needs from P and puts
   on P what later files use. Only window.KurskTracker (api.js) is public.

   This file: what every file shares — the data, the page's state, the page's
   elements, small DOM helpers. If the data or Leaflet is missing, it says so
   and P.ok stays false: every other file then does nothing. */
(function () {
  "use strict";

  var P = window.KurskTrackerPage = { ok: false };

  var D = window.KurskTrackerData;
  var L = window.L;

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

  P.D = D;
  P.L = L;
  P.W = D.words || {};
  P.snaps = D.snapshots;
  P.pairs = D.pairs || [];
  P.keys = D.keys || [];
  P.scale = D.scale || 1;
  P.T0 = P.snaps[0].t;
  P.T1 = P.snaps[P.snaps.length - 1].t;
  P.sideByCode = {};
  (D.sides || []).forEach(function (s) { P.sideByCode[s.code] = s; });
  P.front = D.front || { colour: "#1a1a1a", width: 3, casing: "#ffffff", casing_width: 6 };

  P.SVGNS = "http://www.w3.org/2000/svg";
  P.DAY = 86400000;
  P.WEEK = 7 * P.DAY;
  P.PLAY_WEEK_MS = 2000; /* at speed 1, a week of the series takes two seconds */
  P.SPEEDS = [0.25, 0.5, 1, 2, 4];

  P.$ = $;

  P.clamp = function (x, lo, hi) { return x < lo ? lo : x > hi ? hi : x; };

  /* An SVG element with its attributes, appended to parent if given. */
  P.el = function (name, attrs, parent) {
    var e = document.createElementNS(P.SVGNS, name);
    for (var a in attrs) if (Object.prototype.hasOwnProperty.call(attrs, a)) e.setAttribute(a, attrs[a]);
    if (parent) parent.appendChild(e);
    return e;
  };

  P.setText = function (node, text) { if (node.textContent !== text) node.textContent = text; };

  /* The instant on screen and what it is made of, playback, listeners. */
  P.state = {
    t: NaN, frame: null, held: {}, shownSnapshot: -1, playing: false,
    speed: 1, loop: false, last: 0, raf: 0, pending: NaN, listeners: { instant: [] }
  };

  P.els = {
    week: $("kt-week"), title: $("kt-title"), date: $("kt-date"), subtitle: $("kt-subtitle"),
    caption: $("kt-caption"), credit: $("kt-credit"), legend: $("kt-legend"),
    interpolated: $("kt-interpolated"), change: $("kt-change"), changeTitle: $("kt-change-title"),
    slider: $("kt-slider"), ticks: $("kt-ticks"), play: $("kt-play"), speed: $("kt-speed"),
    loop: $("kt-loop"), chart: $("kt-chart")
  };

  P.ok = true;
})();
