"""The illustrative sample series (resources/sample/kursk_sample.gpkg) as built."""

from __future__ import annotations

import csv
import datetime as dt
from collections import defaultdict
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

ogr = pytest.importorskip("osgeo.ogr")
shapely = pytest.importorskip("shapely")
pyproj = pytest.importorskip("pyproj")

from kursk_tracker.store.gpkg import read_series  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "resources" / "sample" / "kursk_sample.gpkg"
PLACES_CSV = Path(__file__).resolve().parents[3] / "shared" / "data" / "places_kursk.csv"
WORLD_MAP = Path("/usr/share/qgis/resources/data/world_map.gpkg")
GEOD = pyproj.Geod(ellps="WGS84")


def km2(geom) -> float:
    return 0.0 if geom.is_empty else abs(GEOD.geometry_area_perimeter(geom)[0]) / 1e6


@pytest.fixture(scope="module")
def series():
    return read_series(SAMPLE)


@pytest.fixture(scope="module")
def features() -> dict[str, list[dict]]:
    """Every feature of every layer: attributes plus a shapely `geom`."""
    ogr.UseExceptions()
    source = ogr.Open(str(SAMPLE))
    result: dict[str, list[dict]] = {}
    for name in ("areas", "front_lines", "movements", "annotations", "places"):
        layer = source.GetLayerByName(name)
        rows = []
        for feature in layer:
            row = feature.items()
            row["geom"] = shapely.from_wkb(bytes(feature.GetGeometryRef().ExportToWkb()))
            rows.append(row)
        result[name] = rows
    return result


@pytest.fixture(scope="module")
def areas_by_snapshot(features) -> dict[int, dict[tuple[str, str], object]]:
    by_snapshot: dict[int, dict[tuple[str, str], object]] = defaultdict(dict)
    for row in features["areas"]:
        key = (row["side"], row["status"])
        assert key not in by_snapshot[row["snapshot_id"]], f"two features for {key}"
        by_snapshot[row["snapshot_id"]][key] = row["geom"]
    return by_snapshot


def held_ua(areas: dict[tuple[str, str], object]):
    parts = [g for (side, _status), g in areas.items() if side == "UA"]
    return shapely.unary_union(parts) if parts else shapely.Polygon()


def test_sample_is_marked_illustrative(series):
    assert series.illustrative
    assert series.names == {"en": "Kursk offensive", "de": "Kursk-Offensive"}
    assert [s.code for s in series.sides] == ["UA", "RU"]
    assert series.side("RU").names["de"] == "Russland"
    assert series.epoch == dt.date(2024, 8, 6)
    assert series.timezone == "Europe/Berlin"
    assert "illustrative" in series.credit
    assert all("not ground truth" in s.source for s in series.snapshots)


def test_snapshots_are_weekly_tuesdays_at_22_berlin_time(series):
    snapshots = series.sorted_snapshots()
    local = [s.valid_at.astimezone(ZoneInfo("Europe/Berlin")) for s in snapshots]
    assert len(snapshots) == 15
    assert local[0].date() == dt.date(2024, 8, 6)
    assert local[-1].date() == dt.date(2024, 11, 12)
    assert all(t.weekday() == 1 and (t.hour, t.minute) == (22, 0) for t in local)
    assert [series.week_of(s.valid_at) for s in snapshots] == list(range(15))
    week12 = snapshots[12]
    assert week12.valid_at == dt.datetime(2024, 10, 29, 21, 0, tzinfo=dt.timezone.utc)
    assert all(s.title and s.caption for s in snapshots)


def test_week_12_caption_tells_of_the_relief_attack_and_the_pocket(series):
    caption = series.sorted_snapshots()[12].caption
    for words in ("relief attack", "Malaya Loknya", "pocket", "Lyubimovka"):
        assert words in caption


def test_held_area_grows_in_august_and_shrinks_after_the_counter_offensive(series, areas_by_snapshot):
    ids = [s.id for s in series.sorted_snapshots()]
    held = [km2(held_ua(areas_by_snapshot[i])) for i in ids]
    assert 30 <= held[0] <= 120
    assert 500 <= held[1] <= 800
    peak = max(range(len(held)), key=held.__getitem__)
    assert 3 <= peak <= 5  # late August / early September
    assert 950 <= held[peak] <= 1100
    assert all(a <= b + 1e-6 for a, b in zip(held[:peak], held[1 : peak + 1]))
    assert all(a >= b - 1e-6 for a, b in zip(held[peak:], held[peak + 1 :]))
    assert 850 <= held[6] <= 950  # 17 September
    assert 580 <= held[-1] <= 680  # 12 November


def test_ground_retaken_after_the_maximum_is_russian(series, areas_by_snapshot):
    ids = [s.id for s in series.sorted_snapshots()]
    for index, snap in enumerate(ids):
        areas = areas_by_snapshot[snap]
        earlier = shapely.unary_union([held_ua(areas_by_snapshot[i]) for i in ids[: index + 1]])
        retaken = earlier.difference(held_ua(areas))
        russian = shapely.unary_union(
            [g for (side, _), g in areas.items() if side == "RU"] or [shapely.Polygon()]
        )
        assert km2(retaken.symmetric_difference(russian)) < 0.5, f"snapshot {snap}"
    assert km2(held_ua(areas_by_snapshot[ids[-1]])) < km2(
        shapely.unary_union([held_ua(areas_by_snapshot[i]) for i in ids])
    )


def test_sides_never_overlap_in_any_snapshot(areas_by_snapshot):
    for snap, areas in areas_by_snapshot.items():
        ua = [g for (side, _), g in areas.items() if side == "UA"]
        ru = [g for (side, _), g in areas.items() if side == "RU"]
        if ua and ru:
            overlap = shapely.unary_union(ua).intersection(shapely.unary_union(ru))
            assert km2(overlap) < 0.01, f"snapshot {snap}: sides overlap"
        if ("UA", "pocket") in areas:
            overlap = areas[("UA", "pocket")].intersection(areas[("UA", "controlled")])
            assert km2(overlap) < 0.01, f"snapshot {snap}: pocket overlaps controlled"


def test_pocket_south_of_lyubimovka_around_week_12(series, areas_by_snapshot):
    ids = [s.id for s in series.sorted_snapshots()]
    with_pocket = [week for week, i in enumerate(ids) if ("UA", "pocket") in areas_by_snapshot[i]]
    assert 12 in with_pocket and set(with_pocket) <= {10, 11, 12, 13, 14}
    pocket = areas_by_snapshot[ids[12]][("UA", "pocket")]
    assert pocket.centroid.y < 51.3119  # south of Lyubimovka
    assert 20 <= km2(pocket) <= 250


def test_every_geometry_is_valid_and_non_empty(features):
    for layer, rows in features.items():
        for row in rows:
            assert not row["geom"].is_empty, layer
            assert row["geom"].is_valid, f"{layer}: {shapely.is_valid_reason(row['geom'])}"


@pytest.mark.skipif(not WORLD_MAP.exists(), reason="QGIS world map not installed")
def test_dated_features_lie_inside_russia(features):
    source = ogr.Open(str(WORLD_MAP))
    layer = source.GetLayerByName("countries")
    layer.SetAttributeFilter("ISO_A3 = 'RUS'")
    feature = layer.GetNextFeature()  # kept alive: OGR frees its geometry with it
    russia = shapely.from_wkb(bytes(feature.GetGeometryRef().ExportToWkb()))
    russia = shapely.make_valid(russia.intersection(shapely.box(33, 50, 38, 53))).buffer(1e-5)
    for name in ("areas", "front_lines", "movements", "annotations"):
        for row in features[name]:
            assert russia.contains(row["geom"]), f"{name} of snapshot {row['snapshot_id']}"


def test_front_lines_and_movements_per_snapshot(series, features):
    ids = {s.id for s in series.snapshots}
    assert {row["snapshot_id"] for row in features["front_lines"]} == ids
    assert all(row["geom"].geom_type == "MultiLineString" for row in features["front_lines"])
    for row in features["movements"]:
        assert 3 <= shapely.get_num_coordinates(row["geom"]) <= 6
        assert row["kind"] in {"attack", "counterattack", "relief_attack", "withdrawal"}
        assert row["label"]
        length_km = GEOD.geometry_length(row["geom"]) / 1000
        assert 2 <= length_km <= 25
    week12 = series.sorted_snapshots()[12].id
    kinds = {(r["side"], r["kind"]) for r in features["movements"] if r["snapshot_id"] == week12}
    assert {("UA", "relief_attack"), ("RU", "counterattack"), ("UA", "attack")} <= kinds
    texts = {r["text"] for r in features["annotations"] if r["snapshot_id"] == week12}
    assert "Pocket" in texts


def test_places_only_with_sourced_coordinates(features):
    places = {row["name_en"]: row for row in features["places"]}
    assert len(places) == 14
    assert "Russkoye Porechnoye" not in places
    assert places["Kursk"]["rank"] == 1 and places["Sumy"]["rank"] == 1
    assert places["Sudzha"]["rank"] == 2 and places["Lyubimovka"]["rank"] == 3
    assert places["Lyubimovka"]["name_de"] == "Ljubimowka"
    assert all(row["source"].startswith("http") for row in places.values())


@pytest.mark.skipif(not PLACES_CSV.exists(), reason="places CSV not available")
def test_places_sit_at_the_csv_coordinates(features):
    places = {row["name_en"]: row for row in features["places"]}
    with PLACES_CSV.open(newline="", encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["lat"].strip() and r["lon"].strip()]
    assert {r["name_en"] for r in rows} == set(places)
    for row in rows:
        place = places[row["name_en"]]
        assert place["geom"].x == pytest.approx(float(row["lon"]), abs=1e-9)
        assert place["geom"].y == pytest.approx(float(row["lat"]), abs=1e-9)
        assert (place["name_de"], place["name_local"], place["source"]) == (
            row["name_de"],
            row["name_local"],
            row["source"],
        )
