"""The map reads like the Lagebild: broad filled arrows, labels that never cover
one another or an arrow, and an initial view that frames the series' bounds as
tightly as the Lagebild does, at a desktop and at a phone's width."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest

from tests.web.conftest import open_page, page_errors, start_chromium
from tests.web.fixture_data import MID_PAIR, RU, SNAPSHOT_TIMES, UA

WEEK_12 = "2024-10-29T21:00:00Z"
MM = 96 / 25.4

VISIBLE_LABELS = """
const out = [];
document.querySelectorAll('.kt-place span, .kt-note span').forEach(function (s) {
  if (s.hidden || !s.offsetParent) return;
  const r = s.getBoundingClientRect();
  if (r.width === 0 || r.height === 0) return;
  const kind = s.parentNode.classList;
  out.push({text: s.textContent, left: r.left, top: r.top, right: r.right, bottom: r.bottom,
            arrow: kind.contains('kt-arrow-label'),
            note: kind.contains('kt-note') && !kind.contains('kt-arrow-label')});
});
return out;
"""

LABELS_ON_ARROWS = """
// every visible label's box, sampled every 2 px, against the fill of every arrow's path
const hits = [];
const arrows = Array.from(document.querySelectorAll('path.kt-arrow'));
document.querySelectorAll('.kt-place span, .kt-note span').forEach(function (s) {
  if (s.hidden || !s.offsetParent) return;
  const r = s.getBoundingClientRect();
  arrows.forEach(function (path) {
    const inverse = path.getScreenCTM().inverse();
    for (let x = r.left + 1; x < r.right - 1; x += 2) {
      for (let y = r.top + 1; y < r.bottom - 1; y += 2) {
        const p = new DOMPoint(x, y).matrixTransform(inverse);
        if (path.isPointInFill(p)) {
          hits.push(s.textContent + ' at ' + Math.round(x) + ',' + Math.round(y));
          return;
        }
      }
    }
  });
});
return hits;
"""


def overlaps(a: dict, b: dict) -> bool:
    across = a["left"] < b["right"] and b["left"] < a["right"]
    return across and a["top"] < b["bottom"] and b["top"] < a["bottom"]


def outside(a: dict, box: dict) -> bool:
    across = a["left"] < box["left"] or a["right"] > box["right"]
    return across or a["top"] < box["top"] or a["bottom"] > box["bottom"]


def overlapping_pairs(labels: list[dict]) -> list[tuple[str, str]]:
    return [(a["text"], b["text"]) for i, a in enumerate(labels) for b in labels[i + 1 :] if overlaps(a, b)]


def map_rect(driver) -> dict:
    return driver.execute_script(
        "const r = document.getElementById('kt-map').getBoundingClientRect();"
        "return {left: r.left, top: r.top, right: r.right, bottom: r.bottom};"
    )


@pytest.fixture(scope="module")
def sample_page(qgis_app, tmp_path_factory, language) -> Path:
    from kursk_tracker.export.web_data import WebOptions
    from kursk_tracker.export.web_page import export_web_page
    from kursk_tracker.store.sample import sample_series_path

    out = tmp_path_factory.mktemp(f"carto_{language}")
    return export_web_page(sample_series_path(), out, WebOptions(language=language, timing="linear")).path


@pytest.fixture(scope="module")
def phone():
    profile = tempfile.mkdtemp(prefix="kt-chromium-")
    driver = start_chromium(390, 844, profile=profile)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


# ---------- labels ----------


def assert_labels_clear(driver) -> list[dict]:
    labels = driver.execute_script(VISIBLE_LABELS)
    assert overlapping_pairs(labels) == []
    assert driver.execute_script(LABELS_ON_ARROWS) == []
    box = map_rect(driver)
    cut = [x["text"] for x in labels if outside(x, box)]
    assert cut == [], "labels cut off by the map's edge"
    return labels


def test_week_12_labels_do_not_overlap(browser, sample_page):
    open_page(browser, sample_page, "#" + WEEK_12)
    assert page_errors(browser) == []
    labels = assert_labels_clear(browser)
    # not by leaving everything out: the note, places and arrows' names are there
    assert any(x["note"] for x in labels), labels
    assert sum(1 for x in labels if x["arrow"]) >= 2, labels
    assert sum(1 for x in labels if not x["note"] and not x["arrow"]) >= 8, labels


def test_labels_are_placed_again_on_zoom(browser, sample_page):
    open_page(browser, sample_page, "#" + WEEK_12)
    before = {x["text"]: (x["left"], x["top"]) for x in assert_labels_clear(browser)}
    browser.execute_script("KurskTracker.map.setZoom(KurskTracker.map.getZoom() + 1, {animate: false});")
    after = {x["text"]: (x["left"], x["top"]) for x in assert_labels_clear(browser)}
    assert before != after
    browser.execute_script("KurskTracker.map.setZoom(KurskTracker.map.getZoom() - 2, {animate: false});")
    assert_labels_clear(browser)


def test_labels_follow_the_snapshot_not_every_frame(browser, sample_page):
    open_page(browser, sample_page, "#" + WEEK_12)
    count = browser.execute_script(
        """
        const pane = document.querySelector('.leaflet-kt-labels-pane');
        window.ktMutations = 0;
        new MutationObserver(function (records) { window.ktMutations += records.length; })
          .observe(pane, {subtree: true, childList: true, attributes: true, characterData: true});
        const t0 = Date.parse(arguments[0]);
        for (let h = 6; h < 7 * 24; h += 6) KurskTracker.show(new Date(t0 + h * 3600000).toISOString());
        return new Promise(function (done) { setTimeout(function () { done(window.ktMutations); }, 50); });
        """,
        WEEK_12,
    )
    assert count == 0, "labels were touched while scrubbing within a week"
    browser.execute_script("KurskTracker.show(arguments[0]);", "2024-11-05T22:00:00Z")
    assert browser.execute_script("return window.ktMutations;") > 0
    later = browser.execute_script(
        "return KurskTrackerData.snapshots.filter(s => s.t <= Date.parse(arguments[0])).pop();",
        "2024-11-05T22:00:00Z",
    )
    own = {a["label"] for a in later["arrows"]} | {n["text"] for n in later["notes"]}
    now = {x["text"] for x in browser.execute_script(VISIBLE_LABELS) if x["arrow"] or x["note"]}
    assert now <= own, "a label of another snapshot is shown"
    lines = sum(len(a["line"]) for a in later["arrows"])
    drawn = browser.execute_script("return document.querySelectorAll('path.kt-arrow').length;")
    assert drawn == len(later["arrows"])
    assert lines >= len(later["arrows"])
    assert_labels_clear(browser)


def test_phone_labels_do_not_overlap(phone, sample_page):
    open_page(phone, sample_page, "#" + WEEK_12)
    assert_labels_clear(phone)


# ---------- arrows ----------


ARROW_PROBE = """
// Points at a distance across the arrow's line, in the SVG's user space (the
// map's layer pixels): is each inside the arrow's fill?
const map = KurskTracker.map, path = document.querySelector('path.kt-arrow');
const pts = arguments[0].map(function (p) { return map.latLngToLayerPoint([p[1], p[0]]); });
function across(a, b, along, side) {   // from a towards b by `along` px, then `side` px to the left
  const dx = b.x - a.x, dy = b.y - a.y, l = Math.hypot(dx, dy);
  const ux = dx / l, uy = dy / l;
  return new DOMPoint(a.x + ux * along - uy * side, a.y + uy * along + ux * side);
}
const n = pts.length, tip = pts[n - 1], before = pts[n - 2];
const back = Math.hypot(tip.x - before.x, tip.y - before.y);
const out = {};
arguments[1].forEach(function (probe) {
  const [name, where, along, side] = probe;
  const p = where === 'head' ? across(tip, before, along, side) : across(pts[0], pts[1], along, side);
  out[name] = path.isPointInFill(p);
});
out.fill = path.getAttribute('fill');
out.fillOpacity = Number(path.getAttribute('fill-opacity') || 1);
out.stroke = path.getAttribute('stroke');
out.dash = path.getAttribute('stroke-dasharray');
out.back = back;
return out;
"""

# points across the tiny series' arrow: 16 px back from its tip (inside the head, 4 mm = 15 px
# long... at its base the head reaches 3 mm = 11 px out), and 3 px from its tail (0.6 mm wide)
PROBES = [
    ["head_centre", "head", 6, 0],
    ["head_left", "head", 13, 7],
    ["head_right", "head", 13, -7],
    ["beyond_head", "head", 13, 15],
    ["body_centre", "tail", 4, 0],
    ["beside_tail", "tail", 4, 4],
]
ARROW_LINE = [(35.30, 51.18), (35.15, 51.14), (35.05, 51.08)]


def test_arrow_is_a_filled_shape_wider_than_its_line(browser, tiny_page):
    open_page(browser, tiny_page, "#" + MID_PAIR)
    got = browser.execute_script(ARROW_PROBE, ARROW_LINE, PROBES)
    assert got["back"] > 20
    assert got["head_centre"] and got["body_centre"], got
    assert got["head_left"] and got["head_right"], "the head is not ~6 mm across"
    assert not got["beyond_head"] and not got["beside_tail"], "wider than the Lagebild's arrow"
    assert got["fill"].lower() == RU.lower() and got["fillOpacity"] == 1
    assert got["stroke"].lower() in ("#ffffff", "#fff", "white")
    assert got["dash"] in (None, "", "none")


def test_withdrawal_arrow_is_translucent_and_dashed(browser, tiny_page):
    open_page(browser, tiny_page, "#" + SNAPSHOT_TIMES[2])
    got = browser.execute_script(ARROW_PROBE, ARROW_LINE, PROBES)
    assert got["head_left"] and got["head_right"] and got["body_centre"], got
    assert got["fill"].lower() == UA.lower() and got["fillOpacity"] < 0.5
    assert got["stroke"].lower() == UA.lower()
    assert got["dash"] not in (None, "", "none")


def test_arrow_keeps_its_width_in_pixels_on_zoom(browser, tiny_page):
    open_page(browser, tiny_page, "#" + MID_PAIR)
    browser.execute_script("KurskTracker.map.setZoom(KurskTracker.map.getZoom() + 1.5, {animate: false});")
    got = browser.execute_script(ARROW_PROBE, ARROW_LINE, PROBES)
    assert got["head_left"] and got["head_right"] and not got["beyond_head"], got


# ---------- the initial view and the layout ----------


VIEW = """
const m = KurskTracker.map, v = m.getBounds(), b = KurskTrackerData.bounds;
return {west: v.getWest(), south: v.getSouth(), east: v.getEast(), north: v.getNorth(), bounds: b};
"""


def assert_frames_the_bounds(driver) -> None:
    v = driver.execute_script(VIEW)
    west, south, east, north = v["bounds"]
    # within a pixel's rounding (Leaflet rounds the view to whole pixels)
    ex, ey = (east - west) * 0.002, (north - south) * 0.002
    assert v["west"] <= west + ex and v["east"] >= east - ex, v
    assert v["south"] <= south + ey and v["north"] >= north - ey, v
    wide = (v["east"] - v["west"]) / (east - west)
    tall = (v["north"] - v["south"]) / (north - south)
    assert wide <= 1.6 and tall <= 1.6, (wide, tall)
    assert min(wide, tall) <= 1.02, "not tight in either direction"


def assert_layout_usable(driver, width: int, height: int, narrow: bool) -> None:
    box = driver.execute_script(
        """
        function r(el) {
          const b = el.getBoundingClientRect();
          return {left: b.left, top: b.top, right: b.right, bottom: b.bottom};
        }
        const controls = '#kt-timeline button, #kt-timeline select, #kt-timeline input';
        return {map: r(document.getElementById('kt-map')),
                side: r(document.querySelector('.kt-side')),
                timeline: r(document.getElementById('kt-timeline')),
                buttons: Array.from(document.querySelectorAll(controls)).map(r),
                scrollWidth: document.documentElement.scrollWidth};
        """
    )
    assert box["scrollWidth"] <= width, "the page scrolls sideways"
    assert all(b["left"] >= 0 and b["right"] <= width for b in box["buttons"]), "a control is cut off"
    if narrow:
        assert box["side"]["top"] >= box["map"]["bottom"], "the side panel is not below the map"
        assert box["map"]["right"] <= width
        assert box["map"]["bottom"] <= box["timeline"]["top"] < box["side"]["top"]
        assert box["timeline"]["bottom"] <= height, "the timeline is below the first screen"
    else:
        assert box["side"]["left"] >= box["map"]["right"], "the side panel is not beside the map"
        assert box["timeline"]["top"] < height, "the timeline is below the first screen"


def test_initial_view_frames_the_bounds(browser, sample_page):
    open_page(browser, sample_page, "#" + WEEK_12)
    assert_frames_the_bounds(browser)
    assert_layout_usable(browser, 1280, 720, narrow=False)


def test_initial_view_frames_the_bounds_tiny(browser, tiny_page):
    open_page(browser, tiny_page)
    assert_frames_the_bounds(browser)


def test_initial_view_on_a_phone(phone, sample_page):
    open_page(phone, sample_page, "#" + WEEK_12)
    assert_frames_the_bounds(phone)
    assert_layout_usable(phone, 390, 844, narrow=True)
