"""The web page's data: what the plugin precomputes so the page only composes (docs/web_data.md).

`held_at` (tests/web_contract.py) follows the contract's "frame at instant t"
step by step, as the page's script does; its areas must be those of
`frontatdate` (the same morph in QGIS) at any instant.
"""

from __future__ import annotations

import datetime as dt
import random

import numpy as np
import pytest

from kursk_tracker.core.series import Series, Side, Snapshot
from kursk_tracker.core.wording import LANGUAGES, WORDS
from kursk_tracker.export.web_data import WebExportError, WebOptions, build_web_data, chosen_snapshots
from kursk_tracker.export.web_encoding import SCALE, decode_coords, encode_area, encode_coords
from kursk_tracker.export.web_words import page_words, zone_changes
from tests.web_contract import held_at

UTC = dt.timezone.utc
SAMPLE = "resources/sample/kursk_sample.gpkg"


@pytest.fixture(scope="module")
def sample():
    from kursk_tracker.store.backend import open_store

    return open_store(SAMPLE).read_content()


_BUILT: dict[tuple[str, str], dict] = {}


def built(sample, language: str, timing: str = "eased") -> dict:
    """The sample's page data, built once per language and timing for this module."""
    if (language, timing) not in _BUILT:
        series, records = sample
        _BUILT[language, timing] = build_web_data(
            series, records, WebOptions(language=language, timing=timing)
        )
    return _BUILT[language, timing]


def test_rings_round_trip_through_the_encoding():
    rng = random.Random(4)
    coords = [(35.0 + rng.uniform(-2, 2), 51.0 + rng.uniform(-1, 1)) for _ in range(200)]
    decoded = decode_coords(encode_coords(coords, closed=False))
    assert len(decoded) == len(coords)
    assert np.allclose(decoded, coords, atol=0.5 / SCALE + 1e-12)
    # Negative coordinates (west, south) too.
    west = [(-73.98, -40.7), (-74.0, -40.71), (-73.95, -40.69)]
    assert np.allclose(decode_coords(encode_coords(west, closed=False)), west, atol=0.5 / SCALE + 1e-12)


def test_a_ring_drops_its_closing_point_and_points_on_the_same_grid_point():
    ring = [(35.0, 51.0), (35.00001, 51.00001), (35.1, 51.0), (35.1, 51.1), (35.0, 51.0)]
    assert decode_coords(encode_coords(ring, closed=True)) == [(35.0, 51.0), (35.1, 51.0), (35.1, 51.1)]


def test_an_area_keeps_its_holes_and_loses_what_the_grid_shrinks_away():
    import shapely

    square = shapely.Polygon([(0, 0), (1, 0), (1, 1), (0, 1)], [[(0.2, 0.2), (0.4, 0.2), (0.4, 0.4)]])
    speck = shapely.box(5, 5, 5.00001, 5.00001)
    encoded = encode_area(shapely.MultiPolygon([square, speck]))
    assert len(encoded) == 1 and len(encoded[0]) == 2
    assert encode_area(shapely.Polygon()) == []


@pytest.mark.parametrize("timing", ["linear", "eased"])
def test_the_page_composes_the_areas_frontatdate_gives(sample, timing):
    from kursk_tracker.core.frames import SeriesFrames
    from kursk_tracker.core.morph import MorphSettings
    from kursk_tracker.core.stats import area_km2

    series, records = sample
    data = built(sample, "en", timing)
    frames = SeriesFrames.from_records(series, records, MorphSettings(timing=timing))
    snapshots = series.sorted_snapshots()
    checked = 0
    for before, after in list(zip(snapshots, snapshots[1:]))[::3]:
        for share in (0.23, 0.5, 0.61):
            instant = before.valid_at + (after.valid_at - before.valid_at) * share
            expected = {f"{s}/{st}": area_km2(g) for (s, st), g in frames.areas_at(instant).items()}
            got = held_at(data, instant.timestamp() * 1000)
            for code, km2 in expected.items():
                if km2 < 0.5:
                    continue
                assert got[code] == pytest.approx(km2, rel=0.002), (code, instant)
                checked += 1
    assert checked > 20


def test_a_snapshot_instant_shows_the_snapshot_itself(sample):
    data = built(sample, "de")
    snapshot = data["snapshots"][5]
    shown = held_at(data, snapshot["t"])
    assert shown == {code: snapshot["held_km2"].get(code, 0.0) for code in shown}
    assert sum(snapshot["held_km2"].values()) > 100
    decoded = decode_coords(snapshot["areas"]["UA/controlled"][0][0])
    assert len(decoded) >= 3


def test_texts_are_in_the_chosen_language(sample):
    german, english = built(sample, "de"), built(sample, "en")
    week12 = next(s for s in german["snapshots"] if s["iso"] == "2024-10-29T21:00:00Z")
    assert week12["date_text"] == "29. Oktober 2024, 22:00 MEZ"
    assert week12["week"] == 12
    assert "seit 22. Oktober" in week12["change_text"]
    en12 = next(s for s in english["snapshots"] if s["iso"] == "2024-10-29T21:00:00Z")
    assert en12["date_text"] == "29 October 2024, 22:00 CET"
    assert german["words"]["play"] == "Abspielen" and english["words"]["play"] == "Play"
    assert german["keys"][0]["label"] != english["keys"][0]["label"]
    assert any(a["label"] for s in german["snapshots"] for a in s["arrows"])
    assert german["places"] and all(p["name"] for p in german["places"])


def test_every_page_word_exists_in_every_language():
    for language in LANGUAGES:
        words = page_words(language)
        assert "{day}" in words["date_pattern"] and "{zone}" in words["date_pattern"]
        assert len(words["months"]) == 12
    web_keys = [key for key in WORDS if key.startswith("web.")]
    assert all(set(WORDS[key]) == set(LANGUAGES) for key in web_keys)


def test_the_zone_changes_at_the_end_of_summer_time():
    series = Series(names={"en": "x"}, sides=[], epoch=dt.date(2024, 8, 6), timezone="Europe/Berlin")
    zones = zone_changes(
        series, dt.datetime(2024, 10, 1, tzinfo=UTC), dt.datetime(2024, 11, 5, tzinfo=UTC), "de"
    )
    assert [z[1:] for z in zones] == [[120, "MESZ"], [60, "MEZ"]]
    assert zones[1][0] == dt.datetime(2024, 10, 27, 1, 0, tzinfo=UTC).timestamp() * 1000


def _series(*days: int) -> Series:
    return Series(
        names={"en": "Test"},
        sides=[Side("UA", {"en": "Ukraine"}, "#2a6fdb")],
        epoch=dt.date(2024, 8, 6),
        snapshots=[Snapshot(i + 1, dt.datetime(2024, 8, day, 20, tzinfo=UTC)) for i, day in enumerate(days)],
    )


def test_too_few_snapshots_are_refused_with_a_reason():
    with pytest.raises(WebExportError, match="no snapshots"):
        chosen_snapshots(_series(), WebOptions())
    with pytest.raises(WebExportError, match="Only one snapshot"):
        chosen_snapshots(_series(6), WebOptions())
    with pytest.raises(WebExportError, match="No snapshot lies between"):
        chosen_snapshots(
            _series(6, 13),
            WebOptions(start=dt.datetime(2024, 9, 1, tzinfo=UTC), end=dt.datetime(2024, 9, 9, tzinfo=UTC)),
        )
    assert (
        len(chosen_snapshots(_series(6, 13, 20), WebOptions(end=dt.datetime(2024, 8, 14, tzinfo=UTC)))) == 2
    )


def test_a_basemap_must_be_a_tile_template(sample):
    series, records = sample
    with pytest.raises(WebExportError, match="XYZ template"):
        build_web_data(series, records, WebOptions(basemap_url="file:///etc/passwd"))


def test_the_front_is_the_sides_with_front_lines_and_not_the_state_border(sample):
    import shapely

    from kursk_tracker.export.web_encoding import decode_coords

    data = built(sample, "de")
    assert data["front"]["sides"] == ["UA"]
    rings = [
        shapely.Polygon(decode_coords(p[0]), [decode_coords(h) for h in p[1:]])
        for p in data["front"]["not_front"]
    ]
    elsewhere = shapely.union_all(rings)
    _series, records = sample
    fronts = [shapely.from_wkt(r.wkt) for r in records if r.layer == "front_lines"]
    on_front = shapely.line_interpolate_point(fronts[len(fronts) // 2], 0.5, normalized=True)
    assert not elsewhere.contains(on_front)
    # Far from every front line: Sumy, in Ukraine, south of the border.
    assert elsewhere.contains(shapely.Point(34.80, 50.91))
