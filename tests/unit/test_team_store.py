"""A series shared by a team in PostGIS: one store interface, concurrent imports, conflicts, bad input.

Runs against the private server of tests/postgis_server.py (fixture `postgis_server`); nothing is mocked.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
import time
from contextlib import closing

import psycopg2
import pytest
import shapely
from shapely.geometry import Point, box

from kursk_tracker.core.import_result import ImportResult, SituationFeature, SnapshotData
from kursk_tracker.core.series import FeatureKind
from kursk_tracker.store import operations
from kursk_tracker.store.backend import (
    GeoPackageStore,
    LocationError,
    PostgisStore,
    open_store,
    postgis_location,
)
from kursk_tracker.store.gpkg import read_features, read_series
from kursk_tracker.store.operations import (
    SeriesChangeError,
    SeriesConflictError,
    copy_series,
    import_into,
    redate_snapshot,
    remove_snapshot,
)
from kursk_tracker.store.postgis_connection import PostgisStoreError
from kursk_tracker.store.sample import sample_series_path

UTC = dt.timezone.utc


def _location(server, schema: str, **extra) -> str:
    params = dict(server.params)
    params.pop("connect_timeout", None)
    params.update(extra)
    return postgis_location(schema, **params)


def _comparable(records) -> list[tuple[object, ...]]:
    return sorted((r.layer, shapely.from_wkt(r.wkt).wkb_hex, sorted(r.attributes.items())) for r in records)


def _snapshot(day: int, x: float) -> SnapshotData:
    when = dt.datetime(2024, 9, day, 20, tzinfo=UTC)
    return SnapshotData(
        when,
        [
            SituationFeature(FeatureKind.AREAS, box(x, 51.0, x + 0.2, 51.2), "UA", {"status": "controlled"}),
            SituationFeature(FeatureKind.ANNOTATIONS, Point(x, 51.1), "UA", {"text": f"day {day}"}),
        ],
        title=f"Day {day}",
        source="test",
        origin=f"day{day}.geojson",
    )


def _result(*days: int) -> ImportResult:
    return ImportResult(snapshots=[_snapshot(day, 35.0 + day / 100) for day in days])


def _state(store):
    """What a user would see: the series, every feature and the snapshot versions."""
    series, records = store.read_content()
    return series, _comparable(records), store.snapshot_versions()


# -- locations --------------------------------------------------------------------------


def test_locations_name_a_geopackage_or_a_postgis_schema(tmp_path):
    assert isinstance(open_store(tmp_path / "a.gpkg"), GeoPackageStore)
    saved = open_store("postgis:connection='News room' schema=kursk_2024")
    assert isinstance(saved, PostgisStore)
    assert (saved.connection_name, saved.schema) == ("News room", "kursk_2024")
    assert open_store(saved.location).location == saved.location
    service = open_store("postgis:service=newsroom schema=kursk")
    assert service.keywords == {"service": "newsroom"} and service.label() == "kursk @ newsroom"


@pytest.mark.parametrize(
    "text, problem",
    [
        ("postgis:host=db dbname=kursk password=secret schema=k", "must not hold a password"),
        ("postgis:connection=News", "no schema= given"),
        ("postgis:schema=kursk", "say which database"),
        ("postgis:connection='unclosed schema=x", "cannot read"),
        ("", "no series given"),
    ],
)
def test_a_bad_location_says_what_is_wrong(text, problem):
    with pytest.raises(LocationError, match=problem) as failure:
        open_store(text)
    assert "secret" not in str(failure.value)


# -- one interface, two back ends ------------------------------------------------------


def test_copy_geopackage_to_postgis_and_back_through_the_store_interface(postgis_server, tmp_path):
    location = _location(postgis_server, "copied")
    series, count = copy_series(sample_series_path(), location)
    assert count == len(read_features(sample_series_path()))
    store = open_store(location)
    assert store.exists() and store.read_series() == read_series(sample_series_path())
    assert store.feature_counts() == GeoPackageStore(sample_series_path()).feature_counts()

    back = tmp_path / "back.gpkg"
    copy_series(location, back)
    assert read_series(back) == series
    assert _comparable(read_features(back)) == _comparable(read_features(sample_series_path()))

    # A series at the target is somebody's work: refused unless asked, and left as it was.
    before = _state(store)
    with pytest.raises(SeriesChangeError, match="already; nothing was copied"):
        copy_series(back, location)
    assert _state(store) == before


def test_imports_redates_and_removals_work_the_same_on_both_back_ends(postgis_server, tmp_path):
    results = []
    for target in (tmp_path / "same.gpkg", _location(postgis_server, "same")):
        summary = import_into(target, _result(1, 8, 15))
        assert len(summary.added) == 3
        assert [s.id for s in import_into(target, _result(8, 22)).added] == [4]  # day 8 skipped
        store = open_store(target)
        first = store.read_series().sorted_snapshots()[0]
        redate_snapshot(target, first.id, dt.datetime(2024, 9, 2, 6, tzinfo=UTC))
        remove_snapshot(target, 3)
        series, records = store.read_content()
        results.append((series, _comparable(records), store.feature_counts()))
    assert results[0] == results[1]
    series = results[1][0]
    assert [s.valid_at.day for s in series.sorted_snapshots()] == [2, 8, 22]


# -- concurrent edits -------------------------------------------------------------------


def test_two_users_importing_at_once_both_keep_their_snapshots(postgis_server, monkeypatch):
    location = _location(postgis_server, "concurrent")
    import_into(location, _result(1))
    # Each import reads the series, merges and writes; slowed down so the two overlap for sure.
    merge = operations.merge_import
    inside = threading.Barrier(2, timeout=5)
    overlaps = []

    def slow_merge(content, result):
        try:
            inside.wait()
            overlaps.append(True)  # both imports inside their change at once: no lock
        except threading.BrokenBarrierError:
            pass  # the other import waited for the series lock, as it should
        time.sleep(0.3)
        return merge(content, result)

    monkeypatch.setattr(operations, "merge_import", slow_merge)
    errors: list[BaseException] = []

    def user(days):
        try:
            import_into(location, _result(*days))
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=user, args=(days,)) for days in ((8, 15), (22, 29))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert not errors
    assert not overlaps, "the two imports ran their read-change-write at the same time"
    series = open_store(location).read_series()
    assert sorted(s.valid_at.day for s in series.snapshots) == [1, 8, 15, 22, 29]
    assert len({s.id for s in series.snapshots}) == 5
    counts = open_store(location).feature_counts()
    assert sorted(counts) == sorted(s.id for s in series.snapshots) and set(counts.values()) == {2}


def test_editing_a_snapshot_someone_else_changed_is_refused_with_who_and_when(postgis_server):
    location = _location(postgis_server, "conflict")
    import_into(location, _result(1, 8, 15))
    store = open_store(location)
    seen_by_anna = store.snapshot_versions()  # Anna opens the series
    target = store.read_series().sorted_snapshots()[1]

    # Ben re-dates the snapshot first, from the version he saw.
    redate_snapshot(location, target.id, dt.datetime(2024, 9, 9, 20, tzinfo=UTC), seen_by_anna[target.id])
    after_ben = _state(store)
    assert after_ben[2][target.id].version == seen_by_anna[target.id].version + 1

    with pytest.raises(SeriesConflictError) as failure:
        remove_snapshot(location, target.id, seen_by_anna[target.id])
    message = str(failure.value)
    assert "postgres changed this snapshot at 20" in message and "schema conflict" in message
    assert "not saved" in message
    with pytest.raises(SeriesConflictError):
        redate_snapshot(location, target.id, dt.datetime(2024, 9, 10, tzinfo=UTC), seen_by_anna[target.id])
    assert _state(store) == after_ben

    # A snapshot nobody touched: Anna's change goes through.
    other = store.read_series().sorted_snapshots()[2]
    remove_snapshot(location, other.id, seen_by_anna[other.id])
    assert other.id not in {s.id for s in store.read_series().snapshots}
    # One removed since she looked: said so, nothing changed.
    with pytest.raises(SeriesConflictError, match="removed this snapshot"):
        redate_snapshot(location, other.id, dt.datetime(2024, 9, 30, tzinfo=UTC), seen_by_anna[other.id])


def test_a_failed_import_leaves_the_series_as_it_was(postgis_server):
    location = _location(postgis_server, "failed_import")
    import_into(location, _result(1, 8))
    store = open_store(location)
    before = _state(store)
    broken = _result(15, 22)
    # The last feature of the last snapshot is one the database refuses: a polygon as a front line.
    broken.snapshots[1].features.append(
        SituationFeature(FeatureKind.FRONT_LINES, Point(35, 51).buffer(0.1), "UA", {"name": "not a line"})
    )
    with pytest.raises(PostgisStoreError, match="nothing was changed") as failure:
        import_into(location, broken)
    assert "schema failed_import" in str(failure.value)
    assert _state(store) == before


# -- bad connections, schemas, databases and privileges ----------------------------------


def test_a_server_that_does_not_answer_is_named(postgis_server):
    from tests.postgis_server import free_port

    port = free_port()
    location = postgis_location(
        "kursk", host="127.0.0.1", port=port, dbname="kursk", user="postgres", connect_timeout=5
    )
    with pytest.raises(PostgisStoreError, match=f"cannot connect to PostGIS 127.0.0.1:{port}/kursk"):
        open_store(location).read_series()


def test_a_schema_that_is_not_a_series_is_named_and_left_alone(postgis_server):
    with closing(psycopg2.connect(postgis_server.conninfo)) as db, db.cursor() as cursor:
        cursor.execute(
            "CREATE SCHEMA IF NOT EXISTS other_work; "
            "CREATE TABLE IF NOT EXISTS other_work.snapshots (id integer, note text)"
        )
        db.commit()
    store = open_store(_location(postgis_server, "other_work"))
    with pytest.raises(PostgisStoreError, match="schema other_work: not a Kursk Tracker series"):
        store.read_series()
    with pytest.raises(PostgisStoreError, match="not a Kursk Tracker series"):
        import_into(store, _result(1))
    with pytest.raises(PostgisStoreError, match="schema no_such_schema: no Kursk Tracker series there"):
        open_store(_location(postgis_server, "no_such_schema")).read_features()
    with closing(psycopg2.connect(postgis_server.conninfo)) as db, db.cursor() as cursor:
        cursor.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = 'other_work'")
        assert [row[0] for row in cursor.fetchall()] == ["snapshots"]


def test_a_database_without_postgis_says_how_to_add_it(postgis_server):
    with closing(psycopg2.connect(postgis_server.conninfo_for("postgres"))) as db:
        db.autocommit = True
        with db.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = 'plain'")
            if cursor.fetchone() is None:
                cursor.execute("CREATE DATABASE plain")
    location = _location(postgis_server, "kursk", dbname="plain")
    with pytest.raises(PostgisStoreError, match=r"has no PostGIS extension.*CREATE EXTENSION postgis"):
        import_into(location, _result(1))
    with closing(psycopg2.connect(postgis_server.conninfo_for("plain"))) as db, db.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_namespace WHERE nspname = 'kursk'")
        assert cursor.fetchone() is None


def test_a_user_without_privileges_gets_a_message_and_changes_nothing(postgis_server):
    location = _location(postgis_server, "guarded")
    import_into(location, _result(1, 8))
    with closing(psycopg2.connect(postgis_server.conninfo)) as db, db.cursor() as cursor:
        cursor.execute(
            "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'intern') THEN "
            "CREATE ROLE intern LOGIN; END IF; END $$"
        )
        cursor.execute("GRANT USAGE ON SCHEMA guarded TO intern")
        cursor.execute("GRANT SELECT ON ALL TABLES IN SCHEMA guarded TO intern")
        db.commit()
    as_intern = _location(postgis_server, "guarded", user="intern")
    assert open_store(as_intern).read_series() == open_store(location).read_series()  # reading is allowed
    before = _state(open_store(location))
    with pytest.raises(PostgisStoreError, match="lacks the privileges") as failure:
        import_into(as_intern, _result(15))
    assert "PostGIS 127.0.0.1" in str(failure.value) and "schema guarded" in str(failure.value)
    with pytest.raises(PostgisStoreError, match="lacks the privileges"):
        remove_snapshot(as_intern, 1)
    assert _state(open_store(location)) == before

    with pytest.raises(PostgisStoreError, match="lacks the privileges"):
        open_store(_location(postgis_server, "elsewhere", user="intern")).write(
            dataclasses.replace(open_store(location).read_series()), []
        )


def test_edits_made_to_the_tables_directly_count_as_changes_of_their_snapshot(postgis_server):
    """As when a colleague edits the areas layer in QGIS: dates filled, version up, a conflict for others."""
    location = _location(postgis_server, "direct_edits")
    import_into(location, _result(1, 8, 15))
    store = open_store(location)
    seen = store.snapshot_versions()
    week = store.read_series().sorted_snapshots()[1]
    with closing(psycopg2.connect(postgis_server.conninfo)) as db, db.cursor() as cursor:
        cursor.execute(
            "UPDATE direct_edits.areas SET geom = ST_Multi(ST_Buffer(geom, 0.01)) WHERE snapshot_id = %s",
            (week.id,),
        )
        cursor.execute(
            "INSERT INTO direct_edits.annotations (geom, snapshot_id, side, text) "
            "VALUES (ST_SetSRID(ST_MakePoint(35.2, 51.1), 4326), %s, 'UA', 'drawn in QGIS')",
            (week.id,),
        )
        db.commit()
        cursor.execute(
            "SELECT valid_at, valid_from, valid_to FROM direct_edits.annotations WHERE text = 'drawn in QGIS'"
        )
        valid_at, valid_from, valid_to = cursor.fetchone()
    following = store.read_series().sorted_snapshots()[2]
    assert valid_at == valid_from == week.valid_at and valid_to == following.valid_at

    versions = store.snapshot_versions()
    assert versions[week.id].version == seen[week.id].version + 2  # two statements, two changes
    assert versions[week.id].modified_by == "postgres"
    assert {k: v for k, v in versions.items() if k != week.id} == {
        k: v for k, v in seen.items() if k != week.id
    }
    with pytest.raises(SeriesConflictError, match="changed this snapshot"):
        remove_snapshot(location, week.id, seen[week.id])
    # The plugin's own rewrites leave the versions of snapshots they do not change alone.
    import_into(location, _result(22))
    assert {k: v for k, v in store.snapshot_versions().items() if k in versions} == versions


def test_a_change_keeps_the_rows_of_features_it_does_not_touch_and_their_dates_follow(postgis_server):
    """A colleague editing the layers in QGIS keeps finding her features (same fid) after an import."""
    from kursk_tracker.store.gpkg import temporal_attributes

    location = _location(postgis_server, "kept_rows")
    import_into(location, _result(1, 15))
    store = open_store(location)
    before = {(r.layer, r.fid): r for r in store.read_features()}
    import_into(location, _result(8))  # between the two: the first snapshot's features now end on day 8
    redate_snapshot(location, 2, dt.datetime(2024, 9, 16, 20, tzinfo=UTC))
    after = {(r.layer, r.fid): r for r in store.read_features()}
    assert set(before) < set(after)
    assert all(after[key] == record for key, record in before.items())

    spans = temporal_attributes(store.read_series())
    with closing(psycopg2.connect(postgis_server.conninfo)) as db, db.cursor() as cursor:
        for table in ("areas", "annotations"):
            cursor.execute(f"SELECT snapshot_id, valid_at, valid_from, valid_to FROM kept_rows.{table}")
            for snapshot_id, valid_at, valid_from, valid_to in cursor.fetchall():
                span = spans[snapshot_id]
                assert (valid_at, valid_from, valid_to) == (
                    span["valid_at"],
                    span["valid_from"],
                    span["valid_to"],
                ), (table, snapshot_id)
