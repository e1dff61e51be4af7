/* Kursk Tracker's web page — text: numbers, dates, weeks, time zones, ISO instants (every printed
   word from data.words). One of the page's scripts, run in the order of the writer's list (see
   base.js). */
(function (P) {
  "use strict";
  if (!P || !P.ok) return;
  var D = P.D, DAY = P.DAY, T0 = P.T0, W = P.W;

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

  P.dateText = dateText;
  P.fill = fill;
  P.formatNumber = formatNumber;
  P.isoOf = isoOf;
  P.km2Text = km2Text;
  P.parseIso = parseIso;
  P.shortDate = shortDate;
  P.weekText = weekText;
  P.word = word;
})(window.KurskTrackerPage);
