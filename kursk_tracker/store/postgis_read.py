"""Reading a series stored in PostgreSQL/PostGIS, shared by a team.

The same schema as the series GeoPackage (`store/schema.py`), in one
PostgreSQL schema per series: one table per layer with
`geom geometry(<Type>, 4326)`, the layer's fields (`valid_at`, `valid_from`,
`valid_to` as timestamptz), plus `snapshots` (with `row_version`,
`modified_by` and `modified_at` for conflict checks) and `series_settings`.

Each read is one read-only transaction, so it sees the series before or
after a change, never a mix. Changes are in `postgis_write.py`; the
`select_*` functions here read on its cursor too, inside its transaction.

psycopg2 only, no QGIS: testable anywhere psycopg2 is installed (it comes
with Debian's QGIS).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ..core.series import Series
from ..core.text import tr
from .gpkg import FeatureRecord, settings_to_series, snapshot_from_columns
from .postgis_connection import (
    ConnInfo,
    PostgisStoreError,
    connect,
    describe_target,
    error_reason,
    psycopg2_module,
)
from .postgis_schema import ident, schema_state, table_columns
from .schema import LAYERS, SETTINGS_TABLE, SNAPSHOT_FIELDS, SNAPSHOTS_TABLE

DERIVED_FIELDS = ("valid_at", "valid_from", "valid_to")
"""Filled from the snapshot when writing; not part of a FeatureRecord read back."""


@dataclass(frozen=True)
class SnapshotVersion:
    """How often a snapshot was changed, by whom and when last."""

    version: int
    modified_by: str = ""
    modified_at: dt.datetime | None = None


# -- on an open cursor (also inside a change's transaction, postgis_write.py) ----------


def require_series(cursor, where: str, schema: str) -> None:
    state, missing = schema_state(cursor, schema)
    if state == "missing":
        raise PostgisStoreError(
            tr("{where}: no Kursk Tracker series there (the schema does not exist)").format(where=where)
        )
    if state == "empty":
        raise PostgisStoreError(
            tr("{where}: no Kursk Tracker series there (the schema has no series tables)").format(where=where)
        )
    if state == "partial":
        raise PostgisStoreError(
            tr("{where}: not a Kursk Tracker series (no table {tables})").format(
                where=where, tables=", ".join(missing)
            )
        )


def select_series(cursor, schema: str, where: str) -> Series:
    sql = psycopg2_module().sql
    cursor.execute(sql.SQL("SELECT key, value FROM {}").format(ident(schema, SETTINGS_TABLE)))
    settings = dict(cursor.fetchall())
    snapshots = [
        snapshot_from_columns(row, row["valid_at"].astimezone(dt.timezone.utc))
        for row in select_snapshot_rows(cursor, schema)
    ]
    try:
        return settings_to_series(settings, snapshots)
    except (KeyError, ValueError, TypeError) as error:
        raise PostgisStoreError(
            tr("{where}: series settings are incomplete or damaged ({error})").format(
                where=where, error=error
            )
        ) from error


def select_snapshot_rows(cursor, schema: str, extra: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """The snapshot table's rows in time order as {column: value}, of the columns it has (of
    SNAPSHOT_FIELDS and `extra`): a series stored before the language columns lacks them."""
    sql = psycopg2_module().sql
    present = table_columns(cursor, schema, SNAPSHOTS_TABLE)
    names = [name for name, _kind in SNAPSHOT_FIELDS if name in present] + list(extra)
    cursor.execute(
        sql.SQL("SELECT {} FROM {} ORDER BY valid_at, id").format(
            sql.SQL(", ").join(map(ident, names)), ident(schema, SNAPSHOTS_TABLE)
        )
    )
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def select_features(cursor, schema: str) -> list[FeatureRecord]:
    sql = psycopg2_module().sql
    records: list[FeatureRecord] = []
    for spec in LAYERS:
        present = table_columns(cursor, schema, spec.name)
        # Only columns the table has: a series stored before the language columns lacks them.
        names = [name for name, _kind in spec.fields if name not in DERIVED_FIELDS and name in present]
        cursor.execute(
            sql.SQL("SELECT fid, ST_AsText(geom, 17), {} FROM {} WHERE geom IS NOT NULL ORDER BY fid").format(
                sql.SQL(", ").join(map(ident, names)), ident(schema, spec.name)
            )
        )
        for fid, wkt, *values in cursor.fetchall():
            attributes = {name: value for name, value in zip(names, values) if value is not None}
            records.append(FeatureRecord(spec.name, wkt, attributes, int(fid)))
    return records


def select_versions(cursor, schema: str) -> dict[int, SnapshotVersion]:
    sql = psycopg2_module().sql
    cursor.execute(
        sql.SQL("SELECT id, row_version, modified_by, modified_at FROM {}").format(
            ident(schema, SNAPSHOTS_TABLE)
        )
    )
    return {int(r[0]): SnapshotVersion(int(r[1]), r[2] or "", r[3]) for r in cursor.fetchall()}


def explain_error(error: BaseException, where: str, doing: str) -> PostgisStoreError:
    """A psycopg2 error as a message naming the series and what the user can do."""
    psycopg2 = psycopg2_module()
    reason = error_reason(error)
    if isinstance(error, psycopg2.errors.InsufficientPrivilege):
        return PostgisStoreError(
            tr(
                "{where}: {doing}: the database user lacks the privileges ({reason}); ask the database "
                "owner to grant them"
            ).format(where=where, doing=doing, reason=reason)
        )
    if isinstance(error, psycopg2.errors.ReadOnlySqlTransaction):
        return PostgisStoreError(
            tr("{where}: {doing}: the database is read-only ({reason})").format(
                where=where, doing=doing, reason=reason
            )
        )
    return PostgisStoreError(tr("{where}: {doing}: {reason}").format(where=where, doing=doing, reason=reason))


def describe_series(conninfo: ConnInfo, schema: str, where: str | None) -> str:
    """The series named in messages: as the caller names it, else host:port/dbname and schema."""
    return where or f"PostGIS {describe_target(conninfo)}, schema {schema}"


# -- the public functions ------------------------------------------------------------------


def _read(conninfo: ConnInfo, schema: str, where: str | None, doing: str, reader):
    """reader(cursor, where) in one read-only transaction on a schema that holds a series."""
    psycopg2 = psycopg2_module()
    where = describe_series(conninfo, schema, where)
    connection = connect(conninfo, where)
    try:
        # One read-only snapshot of the database for everything read, even while someone writes.
        connection.set_session(isolation_level="REPEATABLE READ", readonly=True)
        with connection, connection.cursor() as cursor:
            require_series(cursor, where, schema)
            return reader(cursor, where)
    except psycopg2.Error as error:
        raise explain_error(error, where, doing) from error
    finally:
        connection.close()


def read_series_postgis(conninfo: ConnInfo, schema: str, where: str | None = None) -> Series:
    """The series description and snapshot list stored in `schema`."""
    return _read(
        conninfo, schema, where, tr("cannot read the series"), lambda c, w: select_series(c, schema, w)
    )


def read_features_postgis(conninfo: ConnInfo, schema: str, where: str | None = None) -> list[FeatureRecord]:
    """Every feature of every layer in `schema`, as records (like `gpkg.read_features`)."""
    return _read(
        conninfo, schema, where, tr("cannot read the features"), lambda c, _w: select_features(c, schema)
    )


def read_content_postgis(
    conninfo: ConnInfo, schema: str, where: str | None = None
) -> tuple[Series, list[FeatureRecord]]:
    """The series and every feature, read in one transaction."""
    return _read(
        conninfo,
        schema,
        where,
        tr("cannot read the series"),
        lambda c, w: (select_series(c, schema, w), select_features(c, schema)),
    )


def read_versions_postgis(
    conninfo: ConnInfo, schema: str, where: str | None = None
) -> dict[int, SnapshotVersion]:
    return _read(
        conninfo, schema, where, tr("cannot read the series"), lambda c, _w: select_versions(c, schema)
    )


def feature_counts_postgis(conninfo: ConnInfo, schema: str, where: str | None = None) -> dict[int, int]:
    """Number of dated features per snapshot id, over all dated layers."""
    sql = psycopg2_module().sql

    def reader(cursor, _where):
        counts: dict[int, int] = {}
        for spec in LAYERS:
            if not spec.dated:
                continue
            cursor.execute(
                sql.SQL("SELECT snapshot_id, COUNT(*) FROM {} GROUP BY snapshot_id").format(
                    ident(schema, spec.name)
                )
            )
            for snapshot_id, count in cursor.fetchall():
                if snapshot_id is not None:
                    counts[int(snapshot_id)] = counts.get(int(snapshot_id), 0) + int(count)
        return counts

    return _read(conninfo, schema, where, tr("cannot read the series"), reader)


def series_schemas(conninfo: ConnInfo, where: str | None = None) -> list[str]:
    """The schemas of the database that hold a Kursk Tracker series, sorted."""
    psycopg2 = psycopg2_module()
    where = where or describe_target(conninfo)
    connection = connect(conninfo, where)
    try:
        with connection, connection.cursor() as cursor:
            cursor.execute(
                "SELECT table_schema FROM information_schema.tables WHERE table_name IN (%s, %s) "
                "GROUP BY table_schema HAVING COUNT(*) = 2 ORDER BY table_schema",
                (SNAPSHOTS_TABLE, SETTINGS_TABLE),
            )
            return [row[0] for row in cursor.fetchall()]
    except psycopg2.Error as error:
        raise explain_error(error, where, tr("cannot list the series")) from error
    finally:
        connection.close()
