/* Kursk Tracker's web page — the frame at an instant (docs/web_data.md): snapshot in force, a
   level per patch, layers' parts and km² sums. One of the page's scripts, run in the order of the
   writer's list (see base.js). */
(function (P) {
  "use strict";
  if (!P || !P.ok) return;
  var T0 = P.T0, T1 = P.T1, clamp = P.clamp, keys = P.keys, pairs = P.pairs, snaps = P.snaps, area = P.area;

  /* ---------- the frame at instant t (docs/web_data.md) ---------- */

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

  function previousSnapshot(t) {
    for (var i = snaps.length - 1; i >= 0; i--) if (snaps[i].t < t) return i;
    return -1;
  }

  P.bySide = bySide;
  P.composeLayers = composeLayers;
  P.frameAt = frameAt;
  P.heldAt = heldAt;
  P.previousSnapshot = previousSnapshot;
})(window.KurskTrackerPage);
