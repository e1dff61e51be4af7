"""The embedding API (global KurskTracker) and the texts on the page."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.web.conftest import open_page
from tests.web.fixture_data import (
    MID_PAIR,
    SNAPSHOT_TIMES,
    expected_date_text,
    expected_held,
    ms,
    patch_levels,
    tiny_data,
)


def iso(t: int) -> str:
    return dt.datetime.fromtimestamp(t / 1000, dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


@pytest.fixture
def page(browser, tiny_page):
    open_page(browser, tiny_page)
    return browser


def held(browser, instant: str) -> dict:
    return browser.execute_script("KurskTracker.show(arguments[0]); return KurskTracker.heldKm2();", instant)


def test_held_km2_mid_pair_is_the_contracts_sum(page, language):
    data = tiny_data(language)
    assert patch_levels(data, ms(MID_PAIR)) == [1, 0, 1]  # a patch between its ends, one led
    expected = {
        "UA/controlled": 285.97,
        "UA/contested": 0.0,
        "RU/controlled": 332.38,
        "RU/contested": 0.0,
    }
    got = held(page, MID_PAIR)
    assert got == pytest.approx(expected, abs=0.01)
    assert page.execute_script("return KurskTracker.instant()") == MID_PAIR


def test_held_km2_follows_the_contract_across_the_series(page, language):
    data = tiny_data(language)
    t0, t1 = ms(SNAPSHOT_TIMES[0]), ms(SNAPSHOT_TIMES[-1])
    instants = [t0 + (t1 - t0) * k // 97 // 1000 * 1000 for k in range(98)] + [ms(s) for s in SNAPSHOT_TIMES]
    for t in instants:
        assert held(page, iso(t)) == pytest.approx(expected_held(data, t), rel=1e-9, abs=1e-9), iso(t)


def test_instants_are_clamped_and_iso(page):
    page.execute_script("KurskTracker.show('2020-01-01T00:00:00Z')")
    assert page.execute_script("return KurskTracker.instant()") == SNAPSHOT_TIMES[0]
    page.execute_script("KurskTracker.show('2030-01-01T00:00:00Z')")
    assert page.execute_script("return KurskTracker.instant()") == SNAPSHOT_TIMES[-1]
    with pytest.raises(Exception, match="not an ISO 8601 instant"):
        page.execute_script("KurskTracker.show('next Tuesday')")


def test_on_instant_and_play_pause(page):
    page.execute_script(
        "window.seen = []; KurskTracker.on('instant', function (i) { window.seen.push(i); });"
        "KurskTracker.show(arguments[0]);",
        SNAPSHOT_TIMES[0],
    )
    assert page.execute_script("return window.seen") == [SNAPSHOT_TIMES[0]]
    page.execute_script("KurskTracker.play()")
    page.execute_script("return new Promise(function (r) { setTimeout(r, 600); })")
    page.execute_script("KurskTracker.pause()")
    seen = page.execute_script("return window.seen")
    assert len(seen) > 5
    assert seen == sorted(seen)
    now = page.execute_script("return KurskTracker.instant()")
    assert SNAPSHOT_TIMES[0] < now < SNAPSHOT_TIMES[-1]
    # paused: the address holds the instant, so a link can be copied
    assert page.execute_script("return location.hash") == "#" + now
    page.execute_script("return new Promise(function (r) { setTimeout(r, 200); })")
    assert page.execute_script("return KurskTracker.instant()") == now


def text(browser, element_id: str) -> str:
    return browser.find_element("id", element_id).text


def test_title_date_and_caption_on_the_page(page, language):
    data = tiny_data(language)
    s1 = data["snapshots"][1]
    page.execute_script("KurskTracker.show(arguments[0])", s1["iso"])
    assert text(page, "kt-title") == data["title"]
    assert page.title == data["title"]
    assert text(page, "kt-date") == s1["date_text"]
    assert (
        s1["date_text"] == {"de": "29. Oktober 2024, 22:00 MEZ", "en": "29 October 2024, 22:00 CET"}[language]
    )
    assert text(page, "kt-caption") == s1["caption"]
    assert s1["credit"] in text(page, "kt-credit")
    assert text(page, "kt-week") == {"de": "12. Woche", "en": "week 12"}[language]
    # between snapshots: the date of the instant in its zone (summer time before 27 October)
    page.execute_script("KurskTracker.show(arguments[0])", MID_PAIR)
    assert text(page, "kt-date") == expected_date_text(data, ms(MID_PAIR))
    assert text(page, "kt-date").endswith({"de": "MESZ", "en": "CEST"}[language])
    assert text(page, "kt-caption") == data["snapshots"][0]["caption"]
    legend = text(page, "kt-legend")
    for k in data["keys"]:
        assert (k["label"] in legend) == (k["code"] in ("UA/controlled", "RU/controlled")), k["label"]
    assert data["words"]["front_line"] in legend


def test_the_sliders_accessible_value_is_the_date_text(page, language):
    data = tiny_data(language)
    slider = page.find_element("id", "kt-slider")
    for instant in (MID_PAIR, SNAPSHOT_TIMES[1]):
        page.execute_script("KurskTracker.show(arguments[0])", instant)
        assert slider.get_attribute("aria-valuetext") == expected_date_text(data, ms(instant))
    assert slider.get_attribute("aria-label") == data["words"]["instant"]


def test_deep_link_opens_at_its_instant(browser, tiny_page, language):
    open_page(browser, tiny_page, "#2024-10-29T21:00:00Z")
    assert browser.execute_script("return KurskTracker.instant()") == "2024-10-29T21:00:00Z"
    assert text(browser, "kt-date") == tiny_data(language)["snapshots"][1]["date_text"]
    open_page(browser, tiny_page, "#" + MID_PAIR)
    assert browser.execute_script("return KurskTracker.instant()") == MID_PAIR
    # paused, the address follows the instant (a moment after the last change)
    browser.execute_script("KurskTracker.show(arguments[0])", SNAPSHOT_TIMES[0])
    browser.execute_script("return new Promise(function (r) { setTimeout(r, 500); })")
    assert browser.execute_script("return location.hash") == "#" + SNAPSHOT_TIMES[0]
    # and a link changed by hand moves the page
    browser.execute_script("location.hash = arguments[0]", "#" + SNAPSHOT_TIMES[2])
    browser.execute_script("return new Promise(function (r) { setTimeout(r, 200); })")
    assert browser.execute_script("return KurskTracker.instant()") == SNAPSHOT_TIMES[2]
