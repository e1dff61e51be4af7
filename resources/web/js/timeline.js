/* Kursk Tracker's web page — the timeline: rendering an instant, playback, buttons, slider, keys,
   the address. One of the page's scripts, run in the order of the writer's list (see base.js). */
(function (P) {
  "use strict";
  if (!P || !P.ok) return;
  var $ = P.$, DAY = P.DAY, PLAY_WEEK_MS = P.PLAY_WEEK_MS, SPEEDS = P.SPEEDS, T0 = P.T0, T1 = P.T1,
      WEEK = P.WEEK, clamp = P.clamp, el = P.el, els = P.els, keys = P.keys, setText = P.setText,
      snaps = P.snaps, state = P.state, dateText = P.dateText, formatNumber = P.formatNumber,
      isoOf = P.isoOf, parseIso = P.parseIso, weekText = P.weekText, word = P.word, frameAt = P.frameAt,
      previousSnapshot = P.previousSnapshot, draw = P.draw, showSnapshot = P.showSnapshot,
      updateChange = P.updateChange, updateChartMark = P.updateChartMark, updateLegend = P.updateLegend;

  /* ---------- rendering an instant ---------- */

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

  P.pause = pause;
  P.play = play;
  P.render = render;
  P.setupTimeline = setupTimeline;
  P.show = show;
})(window.KurskTrackerPage);
