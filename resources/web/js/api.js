/* Kursk Tracker's web page — window.KurskTracker (README.md, "Embedding API") and the start. One
   of the page's scripts, run in the order of the writer's list (see base.js). */
(function (P) {
  "use strict";
  if (!P || !P.ok) return;
  var $ = P.$, D = P.D, T1 = P.T1, els = P.els, state = P.state, dateText = P.dateText, isoOf = P.isoOf,
      parseIso = P.parseIso, word = P.word, map = P.map, buildChart = P.buildChart, pause = P.pause,
      play = P.play, render = P.render, setupTimeline = P.setupTimeline, show = P.show;

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
})(window.KurskTrackerPage);
