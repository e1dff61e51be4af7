"""GeoPackage queries: values as parameters, table names only from the schema's fixed set, quoted."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing

import pytest

from kursk_tracker.store.gpkg import feature_counts, query, read_series
from kursk_tracker.store.sample import sample_series_path
from kursk_tracker.store.schema import LAYERS, SETTINGS_TABLE, SNAPSHOTS_TABLE, TABLES, quoted_identifier


def test_every_table_of_the_schema_is_quoted_as_an_identifier():
    assert {*(spec.name for spec in LAYERS), SNAPSHOTS_TABLE, SETTINGS_TABLE} == TABLES
    for name in TABLES:
        assert quoted_identifier(name) == f'"{name}"'
    assert quoted_identifier("snapshot_id") == '"snapshot_id"'


@pytest.mark.parametrize(
    "name",
    [
        'areas"; DROP TABLE snapshots; --',
        "areas WHERE 1=1",
        "sqlite_master",
        "AREAS",
        "",
    ],
)
def test_a_name_outside_the_schema_never_reaches_a_query(name):
    with pytest.raises(ValueError, match="not a table or column of the series schema"):
        quoted_identifier(name)
    with pytest.raises(ValueError):
        query("SELECT snapshot_id FROM {table}", table=name)


def test_a_query_names_its_table_quoted():
    assert (
        query("SELECT snapshot_id, COUNT(*) FROM {table} GROUP BY snapshot_id", table="front_lines")
        == 'SELECT snapshot_id, COUNT(*) FROM "front_lines" GROUP BY snapshot_id'
    )


def test_counts_and_snapshots_read_through_the_quoted_queries(tmp_path):
    path = tmp_path / "series.gpkg"
    shutil.copyfile(sample_series_path(), path)
    series = read_series(path)
    counts = feature_counts(path)
    with closing(sqlite3.connect(path)) as db:
        expected: dict[int, int] = {}
        for spec in LAYERS:
            if spec.dated:
                for snapshot_id, count in db.execute(
                    query("SELECT snapshot_id, COUNT(*) FROM {table} GROUP BY snapshot_id", table=spec.name)
                ):
                    expected[snapshot_id] = expected.get(snapshot_id, 0) + count
    assert counts == expected
    assert set(counts) == {snap.id for snap in series.snapshots}
    assert all(count > 0 for count in counts.values())


def test_a_snapshot_title_that_looks_like_sql_is_only_a_value(tmp_path):
    path = tmp_path / "series.gpkg"
    shutil.copyfile(sample_series_path(), path)
    title = "x'); DROP TABLE snapshots; --"
    with closing(sqlite3.connect(path)) as db, db:
        first = db.execute(query("SELECT MIN(id) FROM {table}", table=SNAPSHOTS_TABLE)).fetchone()[0]
        db.execute(query("UPDATE {table} SET title = ? WHERE id = ?", table=SNAPSHOTS_TABLE), (title, first))
    series = read_series(path)
    assert next(snap.title for snap in series.snapshots if snap.id == first) == title
    assert len(series.snapshots) == len(read_series(sample_series_path()).snapshots)
