"""The sample series exported by the plugin, opened in Chromium: the same front as QGIS's frontatdate.

The page is written by `export_web_page` (the code of kursk_tracker:exportweb
and of the Export panel); the expected areas come from
`store.statistics.series_frames(...).areas_at`, the code frontatdate runs.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.web.conftest import foreign_requests, open_page, page_errors, requested_urls

UTC = dt.timezone.utc
TIMINGS = {"de": "linear", "en": "eased"}
"""One timing per language, so both languages and both timings are in the browser."""


@pytest.fixture(scope="module")
def sample_page(qgis_app, tmp_path_factory, language) -> Path:
    from kursk_tracker.export.web_data import WebOptions
    from kursk_tracker.export.web_page import export_web_page
    from kursk_tracker.store.sample import sample_series_path

    out = tmp_path_factory.mktemp(f"sample_{language}")
    options = WebOptions(language=language, timing=TIMINGS[language])
    return export_web_page(sample_series_path(), out, options).path


@pytest.fixture(scope="module")
def frames(language):
    from kursk_tracker.store.sample import sample_series_path
    from kursk_tracker.store.statistics import series_frames

    return series_frames(sample_series_path(), TIMINGS[language])


def mid_week_instants(frames) -> list[dt.datetime]:
    """Instants inside intervals across the series, none on a snapshot."""
    snapshots = frames.snapshots()
    instants = []
    for index, (before, after) in enumerate(zip(snapshots, snapshots[1:])):
        share = (0.31, 0.5, 0.64)[index % 3]
        instant = before.valid_at + (after.valid_at - before.valid_at) * share
        instants.append(instant.replace(second=0, microsecond=0))
    return instants


def test_the_page_shows_the_areas_frontatdate_gives(browser, sample_page, frames, language):
    from kursk_tracker.core.stats import area_km2

    open_page(browser, sample_page)
    assert page_errors(browser) == []
    compared = 0
    for instant in mid_week_instants(frames):
        iso = instant.strftime("%Y-%m-%dT%H:%M:%SZ")
        got = browser.execute_script("KurskTracker.show(arguments[0]); return KurskTracker.heldKm2();", iso)
        assert browser.execute_script("return KurskTracker.instant()") == iso
        expected = {f"{side}/{status}": area_km2(g) for (side, status), g in frames.areas_at(instant).items()}
        for code, km2 in expected.items():
            if km2 < 0.01:
                assert got.get(code, 0.0) < 0.05, (iso, code)
                continue
            assert got[code] == pytest.approx(km2, rel=0.005), (iso, code, got[code], km2)
            compared += 1
    assert compared >= 28


def test_the_exported_page_is_in_its_language_and_asks_nothing_of_other_origins(
    browser, sample_page, language
):
    requested_urls(browser)
    open_page(browser, sample_page, "#2024-10-29T21:00:00Z")
    text = browser.find_element("tag name", "body").text
    if language == "de":
        assert "29. Oktober 2024, 22:00 MEZ" in text and "Kursk-Offensive" in text
        assert "12. Woche" in text
    else:
        assert "29 October 2024, 22:00 CET" in text and "Kursk offensive" in text
        assert "week 12" in text
    assert foreign_requests(requested_urls(browser)) == []
    assert page_errors(browser) == []


def test_the_attribution_names_the_map_library_without_a_flag(browser, sample_page):
    open_page(browser, sample_page)
    attribution = browser.find_element("css selector", ".leaflet-control-attribution")
    assert "Leaflet" in attribution.text
    assert attribution.find_elements("css selector", "svg") == []
