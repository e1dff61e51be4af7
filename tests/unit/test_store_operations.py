"""Imports join a series without losing anything; re-date and remove; round trips."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
import shapely
from shapely.geometry import LineString, Point, box

from kursk_tracker.core.import_result import ImportResult, PlaceData, SituationFeature, SnapshotData
from kursk_tracker.core.series import FeatureKind
from kursk_tracker.store.gpkg import read_features, read_series
from kursk_tracker.store.operations import (
    SeriesChangeError,
    SeriesContent,
    import_into,
    redate_snapshot,
    remove_snapshot,
)
from kursk_tracker.store.sample import sample_series_path

UTC = dt.timezone.utc


def _snapshot(day: int, origin: str = "x.geojson", ua_box=(35.0, 51.0, 35.2, 51.2)) -> SnapshotData:
    return SnapshotData(
        dt.datetime(2024, 10, day, 21, tzinfo=UTC),
        [
            SituationFeature(FeatureKind.AREAS, box(*ua_box), "UA", {"status": "controlled"}),
            SituationFeature(
                FeatureKind.MOVEMENTS,
                LineString([(35.0, 51.0), (35.1, 51.1)]),
                "RU",
                {"kind": "attack", "label": "push"},
            ),
            SituationFeature(FeatureKind.ANNOTATIONS, Point(35.1, 51.1), None, {"text": "note"}),
        ],
        title=f"day {day}",
        caption="caption",
        source=origin,
        origin=origin,
    )


@pytest.fixture
def sample_copy(tmp_path):
    target = tmp_path / "series.gpkg"
    shutil.copyfile(sample_series_path(), target)
    return target


def test_round_trip_geopackage_to_series_and_back_keeps_every_feature(sample_copy, tmp_path):
    content = SeriesContent.read(sample_copy)
    again = tmp_path / "again.gpkg"
    content.write(again)
    assert read_series(again) == read_series(sample_copy)
    before = sorted(
        (r.layer, shapely.from_wkt(r.wkt).wkb_hex, sorted(r.attributes.items()))
        for r in read_features(sample_copy)
    )
    after = sorted(
        (r.layer, shapely.from_wkt(r.wkt).wkb_hex, sorted(r.attributes.items())) for r in read_features(again)
    )
    assert after == before


def test_importing_into_a_new_file_creates_the_series(tmp_path):
    result = ImportResult(snapshots=[_snapshot(22), _snapshot(29)])
    result.places.append(PlaceData(Point(35.27, 51.19), {"en": "Sudzha", "local": "Суджа"}, 2, "src"))
    summary = import_into(tmp_path / "new.gpkg", result)
    series = read_series(tmp_path / "new.gpkg")
    assert [s.title for s in series.sorted_snapshots()] == ["day 22", "day 29"]
    assert len(summary.added) == 2 and summary.places_added == 1
    assert series.epoch == dt.date(2024, 10, 22)
    layers = sorted(r.layer for r in read_features(tmp_path / "new.gpkg"))
    assert layers.count("areas") == 2 and layers.count("places") == 1


def test_a_new_series_takes_the_sides_and_zone_of_the_series_open_beside_it(tmp_path):
    from kursk_tracker.core.series import Series, Side

    open_one = Series(
        {"en": "Northern front"},
        [Side("N", {"en": "North"}, "#336699"), Side("S", {"en": "South"}, "#996633")],
        dt.date(2023, 1, 1),
        timezone="America/Chicago",
    )
    import_into(tmp_path / "new.gpkg", ImportResult(snapshots=[_snapshot(22)]), like=open_one)
    series = read_series(tmp_path / "new.gpkg")
    assert [s.code for s in series.sides] == ["N", "S"]
    assert series.timezone == "America/Chicago"
    assert series.epoch == dt.date(2024, 10, 22)  # from the import, not the open series
    assert series.name("en") == "new"


def test_a_duplicate_date_is_skipped_and_named_while_the_rest_is_added(sample_copy):
    before = read_series(sample_copy)
    existing = before.sorted_snapshots()[3].valid_at
    duplicate = _snapshot(1, origin="dupe.geojson")
    duplicate.valid_at = existing
    summary = import_into(sample_copy, ImportResult(snapshots=[duplicate, _snapshot(30)]))
    after = read_series(sample_copy)
    assert len(after.snapshots) == len(before.snapshots) + 1
    assert len(summary.skipped) == 1 and "dupe.geojson" in summary.skipped[0]
    old = next(s for s in after.snapshots if s.valid_at == existing)
    assert old.title == before.sorted_snapshots()[3].title


def test_nothing_is_written_when_nothing_new_arrives(sample_copy):
    stamp = sample_copy.stat().st_mtime_ns
    import_into(sample_copy, ImportResult())
    assert sample_copy.stat().st_mtime_ns == stamp


def test_a_failed_write_leaves_the_series_as_it_was(sample_copy, monkeypatch):
    original = sample_copy.read_bytes()

    def broken(*_args, **_kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("kursk_tracker.store.gpkg.os.replace", broken)
    with pytest.raises(OSError):
        import_into(sample_copy, ImportResult(snapshots=[_snapshot(30)]))
    assert sample_copy.read_bytes() == original
    assert sorted(p.name for p in sample_copy.parent.iterdir()) == ["series.gpkg"]


def test_redate_moves_a_snapshot_and_refuses_a_taken_date(sample_copy):
    series = read_series(sample_copy)
    first, second = series.sorted_snapshots()[:2]
    new_instant = dt.datetime(2024, 8, 7, 6, tzinfo=UTC)
    redate_snapshot(sample_copy, first.id, new_instant)
    moved = next(s for s in read_series(sample_copy).snapshots if s.id == first.id)
    assert moved.valid_at == new_instant
    valid_from = {r.attributes["snapshot_id"] for r in read_features(sample_copy) if r.layer == "areas"}
    assert first.id in valid_from
    with pytest.raises(SeriesChangeError, match="already has that date"):
        redate_snapshot(sample_copy, first.id, second.valid_at)


def test_remove_takes_the_snapshot_and_its_features(sample_copy):
    series = read_series(sample_copy)
    victim = series.sorted_snapshots()[5]
    remove_snapshot(sample_copy, victim.id)
    after = read_series(sample_copy)
    assert victim.id not in {s.id for s in after.snapshots}
    assert all(r.attributes.get("snapshot_id") != victim.id for r in read_features(sample_copy))
    assert len(after.snapshots) == len(series.snapshots) - 1
    with pytest.raises(SeriesChangeError):
        remove_snapshot(sample_copy, victim.id)
