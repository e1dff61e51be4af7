"""A series stored in PostgreSQL/PostGIS, shared by a team.

The same schema as the series GeoPackage (`store/schema.py`), in one
PostgreSQL schema per series: one table per layer with
`geom geometry(<Type>, 4326)`, the layer's fields (`valid_at`, `valid_from`,
`valid_to` as timestamptz), plus `snapshots` (with a `row_version` for
conflict checks) and `series_settings`. A write replaces the whole content
in ONE transaction, so readers see the old series or the new one, never a
mix, and a failed write leaves the old content as it was.

psycopg2 only, no QGIS: testable anywhere psycopg2 is installed (it comes
with Debian's QGIS).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any, Union

from ..core.errors import KurskTrackerError
from ..core.series import Series, Snapshot
from .gpkg import FeatureRecord, series_to_settings, settings_to_series, temporal_attributes
from .schema import LAYER_BY_NAME, LAYERS, SETTINGS_TABLE, SNAPSHOT_FIELDS, SNAPSHOTS_TABLE, LayerSpec

SRID = 4326
DERIVED_FIELDS = ("valid_at", "valid_from", "valid_to")
"""Filled from the snapshot when writing; not part of a FeatureRecord read back."""

SQL_TYPES = {"string": "text", "integer": "integer", "real": "double precision", "datetime": "timestamptz"}

ConnInfo = Union[str, Mapping[str, Any]]
"""A libpq connection string ("host=… port=… dbname=…", or a postgresql:// URI) or keywords."""


class PostgisStoreError(KurskTrackerError):
    """A series in PostGIS cannot be reached, read or written; says where and why."""


def _psycopg2():
    try:
        import psycopg2
        import psycopg2.extras
        import psycopg2.sql
    except ImportError as error:  # pragma: no cover - Debian's QGIS ships it
        raise PostgisStoreError(
            "PostGIS needs the Python package psycopg2 (Debian: python3-psycopg2)"
        ) from error
    return psycopg2


def describe_target(conninfo: ConnInfo) -> str:
    """"host:port/dbname" of a connection string, for messages (never the password)."""
    psycopg2 = _psycopg2()
    if isinstance(conninfo, Mapping):
        params = {k: str(v) for k, v in conninfo.items()}
    else:
        try:
            params = psycopg2.extensions.parse_dsn(conninfo)
        except psycopg2.ProgrammingError:
            return "(unparsable connection string)"
    host = params.get("host") or params.get("hostaddr") or "localhost"
    port = params.get("port") or "5432"
    target = f"{host}:{port}"
    if params.get("dbname"):
        target += f"/{params['dbname']}"
    return target


def connect(conninfo: ConnInfo):
    """A psycopg2 connection in UTC, or PostgisStoreError naming host:port and libpq's reason."""
    psycopg2 = _psycopg2()
    try:
        if isinstance(conninfo, Mapping):
            connection = psycopg2.connect(**conninfo)
        else:
            connection = psycopg2.connect(conninfo)
    except psycopg2.Error as error:
        reason = " ".join(str(error).split()) or type(error).__name__
        raise PostgisStoreError(
            f"cannot connect to PostGIS at {describe_target(conninfo)}: {reason}"
        ) from error
    try:
        with connection.cursor() as cursor:
            cursor.execute("SET TIME ZONE 'UTC'")
        connection.commit()
    except psycopg2.Error:
        connection.close()
        raise
    return connection


def _ident(*names: str):
    return _psycopg2().sql.Identifier(*names)


def _table_ddl(schema: str, spec: LayerSpec):
    sql = _psycopg2().sql
    columns = [sql.SQL("fid serial PRIMARY KEY"),
               sql.SQL("geom geometry({}, {})").format(sql.SQL(spec.geometry), sql.Literal(SRID))]
    columns += [sql.SQL("{} {}").format(_ident(name), sql.SQL(SQL_TYPES[kind])) for name, kind in spec.fields]
    return sql.SQL("CREATE TABLE IF NOT EXISTS {} ({})").format(
        _ident(schema, spec.name), sql.SQL(", ").join(columns))


def create_schema(cursor, schema: str) -> None:
    """Create the schema and the series tables where missing (inside the caller's transaction)."""
    sql = _psycopg2().sql
    cursor.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(_ident(schema)))
    for spec in LAYERS:
        cursor.execute(_table_ddl(schema, spec))
        cursor.execute(sql.SQL("CREATE INDEX IF NOT EXISTS {} ON {} USING gist (geom)").format(
            _ident(f"{spec.name}_geom_idx"), _ident(schema, spec.name)))
        if spec.dated:
            cursor.execute(sql.SQL("CREATE INDEX IF NOT EXISTS {} ON {} (snapshot_id)").format(
                _ident(f"{spec.name}_snapshot_idx"), _ident(schema, spec.name)))
    snapshot_columns = [
        sql.SQL("{} {}{}").format(_ident(name), sql.SQL(SQL_TYPES[kind]),
                                  sql.SQL(" PRIMARY KEY" if name == "id" else ""))
        for name, kind in SNAPSHOT_FIELDS
    ]
    snapshot_columns.append(sql.SQL("row_version integer NOT NULL DEFAULT 1"))
    cursor.execute(sql.SQL("CREATE TABLE IF NOT EXISTS {} ({})").format(
        _ident(schema, SNAPSHOTS_TABLE), sql.SQL(", ").join(snapshot_columns)))
    cursor.execute(sql.SQL("CREATE TABLE IF NOT EXISTS {} (key text PRIMARY KEY, value text)").format(
        _ident(schema, SETTINGS_TABLE)))


def _instant(value: object) -> object:
    """Aware datetimes in UTC, to the second (as the GeoPackage stores them)."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            raise ValueError(f"date without time zone: {value.isoformat()}")
        return value.astimezone(dt.timezone.utc).replace(microsecond=0)
    return value


def _geometry_sql(spec: LayerSpec) -> str:
    parsed = f"ST_Force2D(ST_GeomFromText(%s, {SRID}))"
    return f"ST_Multi({parsed})" if spec.geometry.startswith("Multi") else parsed


def _feature_rows(series: Series, records: Iterable[FeatureRecord]):
    """(layer spec, row tuple) per record, checked as it goes (records may be a generator)."""
    spans = temporal_attributes(series)
    for index, record in enumerate(records):
        spec = LAYER_BY_NAME.get(record.layer)
        if spec is None:
            raise PostgisStoreError(f"feature {index + 1}: no layer '{record.layer}' in a series "
                                    f"(layers: {', '.join(LAYER_BY_NAME)})")
        attributes = dict(record.attributes)
        known = {name for name, _kind in spec.fields}
        unknown = sorted(set(attributes) - known)
        if unknown:
            raise PostgisStoreError(
                f"feature {index + 1} ({record.layer}): unknown fields {', '.join(unknown)}")
        if spec.dated and attributes.get("snapshot_id") is not None:
            snapshot_id = int(attributes["snapshot_id"])  # type: ignore[arg-type]
            if snapshot_id not in spans:
                raise PostgisStoreError(f"feature {index + 1} ({record.layer}): no snapshot {snapshot_id}")
            attributes.update(spans[snapshot_id])
        try:
            values = tuple(_instant(attributes.get(name)) for name, _kind in spec.fields)
        except ValueError as error:
            raise PostgisStoreError(f"feature {index + 1} ({record.layer}): {error}") from error
        yield spec, (record.wkt, *values)


def _snapshot_row(snap: Snapshot) -> tuple[object, ...]:
    return (snap.id, _instant(snap.valid_at), snap.title, snap.caption, snap.source)


def write_series_postgis(conninfo: ConnInfo, schema: str, series: Series,
                         records: Iterable[FeatureRecord]) -> None:
    """Replace the series in `schema` (created if missing) with `series` and `records`, atomically.

    Snapshot `row_version`s survive the write: unchanged snapshots keep
    theirs, changed ones get the next, new ones start at 1.
    """
    psycopg2 = _psycopg2()
    sql = psycopg2.sql
    target = f"{describe_target(conninfo)} schema {schema}"
    connection = connect(conninfo)
    try:
        with connection, connection.cursor() as cursor:
            # One writer per series at a time; readers keep seeing the old content until commit.
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (f"kursk_tracker:{schema}",))
            create_schema(cursor, schema)
            cursor.execute(sql.SQL("SELECT id, valid_at, title, caption, source, row_version FROM {}").format(
                _ident(schema, SNAPSHOTS_TABLE)))
            previous = {row[0]: (_comparable(row[:5]), row[5]) for row in cursor.fetchall()}
            for spec in LAYERS:
                cursor.execute(sql.SQL("DELETE FROM {}").format(_ident(schema, spec.name)))
            cursor.execute(sql.SQL("DELETE FROM {}").format(_ident(schema, SNAPSHOTS_TABLE)))
            cursor.execute(sql.SQL("DELETE FROM {}").format(_ident(schema, SETTINGS_TABLE)))

            snapshot_rows = []
            for snap in series.sorted_snapshots():
                row = _snapshot_row(snap)
                old = previous.get(snap.id)
                version = 1 if old is None else (old[1] if old[0] == _comparable(row) else old[1] + 1)
                snapshot_rows.append((*row, version))
            names = [name for name, _kind in SNAPSHOT_FIELDS] + ["row_version"]
            if snapshot_rows:
                statement = sql.SQL("INSERT INTO {} ({}) VALUES %s").format(
                    _ident(schema, SNAPSHOTS_TABLE), sql.SQL(", ").join(map(_ident, names)))
                psycopg2.extras.execute_values(cursor, statement.as_string(cursor), snapshot_rows)
            psycopg2.extras.execute_values(cursor, sql.SQL("INSERT INTO {} (key, value) VALUES %s").format(
                _ident(schema, SETTINGS_TABLE)).as_string(cursor), list(series_to_settings(series).items()))

            batches: dict[str, list[tuple[object, ...]]] = {}
            for spec, row in _feature_rows(series, records):
                batch = batches.setdefault(spec.name, [])
                batch.append(row)
                if len(batch) >= 500:
                    _insert_features(cursor, schema, spec, batch)
                    batch.clear()
            for name, batch in batches.items():
                if batch:
                    _insert_features(cursor, schema, LAYER_BY_NAME[name], batch)
    except (psycopg2.Error, PostgisStoreError) as error:
        reason = " ".join(str(error).split())
        raise PostgisStoreError(
            f"{target}: the series was not written (nothing changed): {reason}") from error
    finally:
        connection.close()


def _comparable(row) -> tuple[object, ...]:
    """A snapshot row as written or as read back, comparable (None and "" alike)."""
    snapshot_id, valid_at, title, caption, source = row
    return (int(snapshot_id), _instant(valid_at), title or "", caption or "", source or "")


def _insert_features(cursor, schema: str, spec: LayerSpec, rows: list[tuple[object, ...]]) -> None:
    psycopg2 = _psycopg2()
    sql = psycopg2.sql
    columns = ["geom"] + [name for name, _kind in spec.fields]
    statement = sql.SQL("INSERT INTO {} ({}) VALUES %s").format(
        _ident(schema, spec.name), sql.SQL(", ").join(map(_ident, columns))).as_string(cursor)
    template = "(" + ", ".join([_geometry_sql(spec)] + ["%s"] * len(spec.fields)) + ")"
    psycopg2.extras.execute_values(cursor, statement, rows, template=template, page_size=len(rows))


def _check_series_schema(cursor, conninfo: ConnInfo, schema: str) -> None:
    tables = [SETTINGS_TABLE, SNAPSHOTS_TABLE, *(spec.name for spec in LAYERS)]
    cursor.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = %s AND table_name = ANY(%s)",
        (schema, tables),
    )
    present = {row[0] for row in cursor.fetchall()}
    missing = [name for name in tables if name not in present]
    if missing:
        where = f"{describe_target(conninfo)} schema {schema}"
        if len(missing) == len(tables):
            raise PostgisStoreError(f"{where}: no Kursk Tracker series there (schema missing or empty)")
        raise PostgisStoreError(f"{where}: not a Kursk Tracker series (no table {', '.join(missing)})")


def read_series_postgis(conninfo: ConnInfo, schema: str) -> Series:
    """The series description and snapshot list stored in `schema`."""
    psycopg2 = _psycopg2()
    sql = psycopg2.sql
    connection = connect(conninfo)
    try:
        with connection, connection.cursor() as cursor:
            _check_series_schema(cursor, conninfo, schema)
            cursor.execute(sql.SQL("SELECT key, value FROM {}").format(_ident(schema, SETTINGS_TABLE)))
            settings = dict(cursor.fetchall())
            cursor.execute(sql.SQL(
                "SELECT id, valid_at, title, caption, source FROM {} ORDER BY valid_at, id"
            ).format(_ident(schema, SNAPSHOTS_TABLE)))
            rows = cursor.fetchall()
    except psycopg2.Error as error:
        raise PostgisStoreError(f"{describe_target(conninfo)} schema {schema}: cannot read the series: "
                                f"{' '.join(str(error).split())}") from error
    finally:
        connection.close()
    snapshots = [
        Snapshot(int(r[0]), r[1].astimezone(dt.timezone.utc), r[2] or "", r[3] or "", r[4] or "")
        for r in rows
    ]
    try:
        return settings_to_series(settings, snapshots)
    except (KeyError, ValueError, TypeError) as error:
        raise PostgisStoreError(f"{describe_target(conninfo)} schema {schema}: series settings are "
                                f"incomplete or damaged ({error})") from error


def read_features_postgis(conninfo: ConnInfo, schema: str) -> list[FeatureRecord]:
    """Every feature of every layer in `schema`, as records (like `gpkg.read_features`)."""
    psycopg2 = _psycopg2()
    sql = psycopg2.sql
    records: list[FeatureRecord] = []
    connection = connect(conninfo)
    try:
        # One read-only snapshot of the database for all layers, even while someone writes.
        connection.set_session(isolation_level="REPEATABLE READ", readonly=True)
        with connection, connection.cursor() as cursor:
            _check_series_schema(cursor, conninfo, schema)
            for spec in LAYERS:
                names = [name for name, _kind in spec.fields if name not in DERIVED_FIELDS]
                cursor.execute(sql.SQL("SELECT ST_AsText(geom, 17), {} FROM {} WHERE geom IS NOT NULL "
                                       "ORDER BY fid").format(
                    sql.SQL(", ").join(map(_ident, names)), _ident(schema, spec.name)))
                for wkt, *values in cursor.fetchall():
                    attributes = {name: value for name, value in zip(names, values) if value is not None}
                    records.append(FeatureRecord(spec.name, wkt, attributes))
    except psycopg2.Error as error:
        raise PostgisStoreError(f"{describe_target(conninfo)} schema {schema}: cannot read the features: "
                                f"{' '.join(str(error).split())}") from error
    finally:
        connection.close()
    return records
