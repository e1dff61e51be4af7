"""A series in PostGIS: round trip with the GeoPackage, one transaction, clear errors.

Needs the private server of tests/postgis_server.py (fixture `postgis_server`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import sqlite3
from contextlib import closing

import psycopg2
import pytest
import shapely

from kursk_tracker.core.timefmt import parse_utc
from kursk_tracker.store.gpkg import FeatureRecord, read_features, read_series, write_series
from kursk_tracker.store.postgis_connection import PostgisStoreError
from kursk_tracker.store.postgis_read import read_features_postgis, read_series_postgis
from kursk_tracker.store.postgis_write import write_series_postgis
from kursk_tracker.store.sample import sample_series_path
from kursk_tracker.store.schema import LAYERS
from tests.postgis_server import free_port

UTC = dt.timezone.utc


def _comparable(records: list[FeatureRecord]) -> list[tuple[object, ...]]:
    return sorted((r.layer, shapely.from_wkt(r.wkt).wkb_hex, sorted(r.attributes.items())) for r in records)


@pytest.fixture(scope="module")
def sample():
    path = sample_series_path()
    return read_series(path), read_features(path)


def _gpkg_dates(path) -> list[tuple[object, ...]]:
    rows = []
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
        for spec in LAYERS:
            if spec.dated:
                for snapshot_id, *dates in db.execute(
                    f'SELECT snapshot_id, valid_at, valid_from, valid_to FROM "{spec.name}"'
                ):
                    rows.append((spec.name, snapshot_id, *(parse_utc(d) if d else None for d in dates)))
    return sorted(rows, key=repr)


def _postgis_dates(conninfo: str, schema: str) -> list[tuple[object, ...]]:
    rows = []
    with closing(psycopg2.connect(conninfo)) as db, db.cursor() as cursor:
        for spec in LAYERS:
            if spec.dated:
                cursor.execute(
                    f'SELECT snapshot_id, valid_at, valid_from, valid_to FROM "{schema}"."{spec.name}"'
                )
                for snapshot_id, *dates in cursor.fetchall():
                    assert all(d is None or d.tzinfo is not None for d in dates)
                    rows.append(
                        (
                            spec.name,
                            snapshot_id,
                            *(d.astimezone(UTC).replace(microsecond=0) if d else None for d in dates),
                        )
                    )
    return sorted(rows, key=repr)


def test_round_trip_geopackage_to_postgis_and_back_keeps_everything(postgis_server, sample, tmp_path):
    series, records = sample
    conninfo = postgis_server.conninfo
    write_series_postgis(conninfo, "round_trip", series, records)

    assert read_series_postgis(conninfo, "round_trip") == series
    from_postgis = read_features_postgis(conninfo, "round_trip")
    assert len(from_postgis) == len(records)
    assert _comparable(from_postgis) == _comparable(records)
    assert _postgis_dates(conninfo, "round_trip") == _gpkg_dates(sample_series_path())

    again = tmp_path / "again.gpkg"
    write_series(again, read_series_postgis(conninfo, "round_trip"), from_postgis)
    assert read_series(again) == read_series(sample_series_path())
    assert _comparable(read_features(again)) == _comparable(records)
    assert _gpkg_dates(again) == _gpkg_dates(sample_series_path())


def test_tables_have_the_geopackage_schema(postgis_server, sample):
    series, records = sample
    write_series_postgis(postgis_server.conninfo, "schema_check", series, records)
    with closing(psycopg2.connect(postgis_server.conninfo)) as db, db.cursor() as cursor:
        cursor.execute(
            "SELECT f_table_name, type, srid FROM geometry_columns WHERE f_table_schema = %s",
            ("schema_check",),
        )
        geometry = {name: (kind, srid) for name, kind, srid in cursor.fetchall()}
        assert geometry == {spec.name: (spec.geometry.upper(), 4326) for spec in LAYERS}
        cursor.execute(
            "SELECT table_name, column_name, data_type FROM information_schema.columns "
            "WHERE table_schema = %s",
            ("schema_check",),
        )
        columns = {(table, column): kind for table, column, kind in cursor.fetchall()}
    for spec in LAYERS:
        for name, kind in spec.fields:
            expected = {
                "string": "text",
                "integer": "integer",
                "real": "double precision",
                "datetime": "timestamp with time zone",
            }[kind]
            assert columns[(spec.name, name)] == expected, (spec.name, name)
    assert columns[("snapshots", "row_version")] == "integer"
    assert columns[("snapshots", "valid_at")] == "timestamp with time zone"
    assert ("series_settings", "value") in columns


def test_a_failed_write_leaves_the_previous_content(postgis_server, sample):
    series, records = sample
    conninfo = postgis_server.conninfo
    write_series_postgis(conninfo, "atomic", series, records)
    before = (read_series_postgis(conninfo, "atomic"), _comparable(read_features_postgis(conninfo, "atomic")))
    smaller = dataclasses.replace(series, snapshots=series.snapshots[:1], credit="changed")
    kept = [r for r in records if r.attributes.get("snapshot_id") in (None, series.snapshots[0].id)]

    bad_layer = [*kept, FeatureRecord("no_such_layer", "POINT (35 51)", {})]
    with pytest.raises(PostgisStoreError, match="no_such_layer") as failure:
        write_series_postgis(conninfo, "atomic", smaller, bad_layer)
    assert "nothing was changed" in str(failure.value)
    after = (read_series_postgis(conninfo, "atomic"), _comparable(read_features_postgis(conninfo, "atomic")))
    assert after == before

    bad_geometry = [*kept, FeatureRecord("areas", "MULTIPOLYGON (((35 51, 35.1 51", {"snapshot_id": 1})]
    with pytest.raises(PostgisStoreError, match="nothing was changed"):
        write_series_postgis(conninfo, "atomic", smaller, bad_geometry)
    after = (read_series_postgis(conninfo, "atomic"), _comparable(read_features_postgis(conninfo, "atomic")))
    assert after == before


def test_rewriting_replaces_the_content_and_counts_snapshot_versions(postgis_server, sample):
    series, records = sample
    conninfo = postgis_server.conninfo
    write_series_postgis(conninfo, "versions", series, records)
    write_series_postgis(conninfo, "versions", series, records)
    first, second = series.sorted_snapshots()[:2]
    changed = dataclasses.replace(
        series,
        snapshots=[
            dataclasses.replace(s, title="re-titled") if s.id == first.id else s
            for s in series.snapshots
            if s.id != second.id
        ],
    )
    kept = [r for r in records if r.attributes.get("snapshot_id") != second.id]
    write_series_postgis(conninfo, "versions", changed, kept)

    assert read_series_postgis(conninfo, "versions") == changed
    assert _comparable(read_features_postgis(conninfo, "versions")) == _comparable(kept)
    with closing(psycopg2.connect(conninfo)) as db, db.cursor() as cursor:
        cursor.execute('SELECT id, row_version FROM "versions".snapshots')
        versions = dict(cursor.fetchall())
    assert versions[first.id] == 2
    assert second.id not in versions
    assert {v for k, v in versions.items() if k != first.id} == {1}


def test_a_closed_port_gives_an_error_naming_host_and_port():
    port = free_port()
    with pytest.raises(PostgisStoreError, match=re.escape(f"127.0.0.1:{port}")) as failure:
        read_series_postgis(f"host=127.0.0.1 port={port} dbname=kursk user=postgres connect_timeout=5", "x")
    assert "cannot connect to PostGIS" in str(failure.value)


def test_reading_a_missing_series_says_so(postgis_server):
    with pytest.raises(PostgisStoreError, match="no Kursk Tracker series"):
        read_series_postgis(postgis_server.conninfo, "nothing_here")
    with pytest.raises(PostgisStoreError, match="no Kursk Tracker series"):
        read_features_postgis(postgis_server.params, "nothing_here")
