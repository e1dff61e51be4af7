"""A series stored in PostgreSQL/PostGIS, shared by a team.

The same schema as the series GeoPackage (`store/schema.py`), in one
PostgreSQL schema per series: one table per layer with
`geom geometry(<Type>, 4326)`, the layer's fields (`valid_at`, `valid_from`,
`valid_to` as timestamptz), plus `snapshots` (with `row_version`,
`modified_by` and `modified_at` for conflict checks) and `series_settings`.

Every change is ONE transaction under a per-series advisory lock: it reads
the series as it is now, changes it and writes it back, so two users
importing at once both keep their snapshots, readers see the old series or
the new one, never a mix, and a failure leaves the series as it was. A
committed change sends `NOTIFY qgis, 'kursk_tracker <schema>'`, which QGIS
layers with "refresh on notification" and the open panels act on.

psycopg2 only, no QGIS: testable anywhere psycopg2 is installed (it comes
with Debian's QGIS).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..core.series import Series, Snapshot
from ..core.text import tr
from .gpkg import (
    FeatureRecord,
    int_value,
    series_to_settings,
    settings_to_series,
    snapshot_from_columns,
    snapshot_texts,
    temporal_attributes,
)
from .postgis_connection import (
    NOTIFY_CHANNEL,
    ConnInfo,
    PostgisStoreError,
    connect,
    describe_target,
    error_reason,
    notify_payload,
    psycopg2_module,
)
from .postgis_schema import (
    SRID,
    WRITING_SETTING,
    add_language_columns,
    create_schema,
    ident,
    postgis_version,
    schema_state,
    table_columns,
)
from .schema import (
    LAYER_BY_NAME,
    LAYERS,
    SETTINGS_TABLE,
    SNAPSHOT_FIELDS,
    SNAPSHOTS_TABLE,
    LayerSpec,
)

DERIVED_FIELDS = ("valid_at", "valid_from", "valid_to")
"""Filled from the snapshot when writing; not part of a FeatureRecord read back."""


@dataclass(frozen=True)
class SnapshotVersion:
    """How often a snapshot was changed, by whom and when last."""

    version: int
    modified_by: str = ""
    modified_at: dt.datetime | None = None


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
            raise PostgisStoreError(
                tr("feature {n}: no layer '{layer}' in a series (layers: {layers})").format(
                    n=index + 1, layer=record.layer, layers=", ".join(LAYER_BY_NAME)
                )
            )
        attributes = dict(record.attributes)
        known = {name for name, _kind in spec.fields}
        unknown = sorted(set(attributes) - known)
        if unknown:
            raise PostgisStoreError(
                tr("feature {n} ({layer}): unknown fields {fields}").format(
                    n=index + 1, layer=record.layer, fields=", ".join(unknown)
                )
            )
        if spec.dated and attributes.get("snapshot_id") is not None:
            snapshot_id = record.snapshot_id
            if snapshot_id not in spans:
                raise PostgisStoreError(
                    tr("feature {n} ({layer}): no snapshot {id}").format(
                        n=index + 1, layer=record.layer, id=snapshot_id
                    )
                )
            attributes.update(spans[snapshot_id])
        try:
            values = tuple(_instant(attributes.get(name)) for name, _kind in spec.fields)
        except ValueError as error:
            raise PostgisStoreError(
                tr("feature {n} ({layer}): {error}").format(n=index + 1, layer=record.layer, error=error)
            ) from error
        yield spec, (record.wkt, *values)


def _snapshot_values(snap: Snapshot) -> dict[str, object]:
    """A snapshot's columns by name (each of SNAPSHOT_FIELDS)."""
    values: dict[str, object] = {
        "id": snap.id,
        "valid_at": _instant(snap.valid_at),
        "title": snap.title,
        "caption": snap.caption,
        "source": snap.source,
    }
    values.update({name: text or None for name, text in snapshot_texts(snap).items()})
    return values


def _comparable(values: Mapping[str, object]) -> tuple[object, ...]:
    """A snapshot's columns as written or as read back (missing, None and "" alike), comparable."""
    return tuple(
        int_value(values["id"])
        if name == "id"
        else _instant(values[name])
        if name == "valid_at"
        else values.get(name) or ""
        for name, _kind in SNAPSHOT_FIELDS
    )


def _insert_features(
    cursor, schema: str, spec: LayerSpec, rows: list[tuple[object, ...]], present: set[str]
) -> None:
    """Insert rows of (wkt, every field of `spec`); fields the table lacks (`present`) are left out."""
    psycopg2 = psycopg2_module()
    sql = psycopg2.sql
    kept = [index for index, (name, _kind) in enumerate(spec.fields) if name in present]
    columns = ["geom"] + [spec.fields[index][0] for index in kept]
    statement = (
        sql.SQL("INSERT INTO {} ({}) VALUES %s")
        .format(ident(schema, spec.name), sql.SQL(", ").join(map(ident, columns)))
        .as_string(cursor)
    )
    template = "(" + ", ".join([_geometry_sql(spec)] + ["%s"] * len(kept)) + ")"
    if len(kept) < len(spec.fields):
        rows = [(row[0], *(row[1 + index] for index in kept)) for row in rows]
    psycopg2.extras.execute_values(cursor, statement, rows, template=template, page_size=len(rows))


# -- the operations on an open cursor (inside the caller's transaction) ---------------


def _require_series(cursor, where: str, schema: str) -> None:
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


def _read_series(cursor, schema: str, where: str) -> Series:
    sql = psycopg2_module().sql
    cursor.execute(sql.SQL("SELECT key, value FROM {}").format(ident(schema, SETTINGS_TABLE)))
    settings = dict(cursor.fetchall())
    snapshots = [
        snapshot_from_columns(row, row["valid_at"].astimezone(dt.timezone.utc))
        for row in _snapshot_rows(cursor, schema)
    ]
    try:
        return settings_to_series(settings, snapshots)
    except (KeyError, ValueError, TypeError) as error:
        raise PostgisStoreError(
            tr("{where}: series settings are incomplete or damaged ({error})").format(
                where=where, error=error
            )
        ) from error


def _snapshot_rows(cursor, schema: str, extra: tuple[str, ...] = ()) -> list[dict[str, Any]]:
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


def _read_features(cursor, schema: str) -> list[FeatureRecord]:
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


def _read_versions(cursor, schema: str) -> dict[int, SnapshotVersion]:
    sql = psycopg2_module().sql
    cursor.execute(
        sql.SQL("SELECT id, row_version, modified_by, modified_at FROM {}").format(
            ident(schema, SNAPSHOTS_TABLE)
        )
    )
    return {int(r[0]): SnapshotVersion(int(r[1]), r[2] or "", r[3]) for r in cursor.fetchall()}


def _write(
    cursor,
    schema: str,
    series: Series,
    records: Iterable[FeatureRecord],
    create: bool,
    stored: list[FeatureRecord] | None = None,
) -> None:
    """Make the content of `schema` `series` and `records` (tables made first where `create`).

    `stored`: the features as read in this transaction. A record that is one
    of them unchanged keeps its row and `fid` (only its dates follow its
    snapshot), so a QGIS editing session on the layers still finds the
    features it edits; the other rows go, the new records are added.
    Snapshot versions are carried over.
    """
    psycopg2 = psycopg2_module()
    sql = psycopg2.sql
    if create:
        create_schema(cursor, schema)
    else:  # a series stored before the language columns gets them (where the user may alter its tables)
        add_language_columns(cursor, schema)
    present = {table: table_columns(cursor, schema, table) for table in _series_tables()}
    cursor.execute("SELECT set_config(%s, 'on', true)", (WRITING_SETTING,))
    versions = ("row_version", "modified_by", "modified_at")
    previous = {
        row["id"]: (_comparable(row), *(row[name] for name in versions))
        for row in _snapshot_rows(cursor, schema, extra=versions)
    }
    original = {(r.layer, r.fid): (r.wkt, r.attributes) for r in stored or () if r.fid is not None}
    records = list(records)
    kept_ids = {
        id(r)
        for r in records
        if r.fid is not None and original.get((r.layer, r.fid)) == (r.wkt, r.attributes)
    }
    for spec in LAYERS:
        fids = [r.fid for r in records if id(r) in kept_ids and r.layer == spec.name]
        cursor.execute(
            sql.SQL("DELETE FROM {} WHERE NOT (fid = ANY(%s))").format(ident(schema, spec.name)), (fids,)
        )
    cursor.execute(sql.SQL("DELETE FROM {}").format(ident(schema, SNAPSHOTS_TABLE)))
    cursor.execute(sql.SQL("DELETE FROM {}").format(ident(schema, SETTINGS_TABLE)))

    cursor.execute("SELECT current_user, now()")
    user, now = cursor.fetchone()
    snapshot_rows = []
    names = [name for name, _kind in SNAPSHOT_FIELDS if name in present[SNAPSHOTS_TABLE]]
    for snap in series.sorted_snapshots():
        values = _snapshot_values(snap)
        row = tuple(values[name] for name in names)
        old = previous.get(snap.id)
        if old is None:
            snapshot_rows.append((*row, 1, user, now))
        elif old[0] == _comparable(values):
            snapshot_rows.append((*row, old[1], old[2], old[3]))
        else:
            snapshot_rows.append((*row, old[1] + 1, user, now))
    names += ["row_version", "modified_by", "modified_at"]
    if snapshot_rows:
        statement = sql.SQL("INSERT INTO {} ({}) VALUES %s").format(
            ident(schema, SNAPSHOTS_TABLE), sql.SQL(", ").join(map(ident, names))
        )
        psycopg2.extras.execute_values(cursor, statement.as_string(cursor), snapshot_rows)
    psycopg2.extras.execute_values(
        cursor,
        sql.SQL("INSERT INTO {} (key, value) VALUES %s")
        .format(ident(schema, SETTINGS_TABLE))
        .as_string(cursor),
        list(series_to_settings(series).items()),
    )

    batches: dict[str, list[tuple[object, ...]]] = {}
    for record, (spec, row) in zip(records, _feature_rows(series, records)):
        if id(record) in kept_ids:
            continue
        batch = batches.setdefault(spec.name, [])
        batch.append(row)
        if len(batch) >= 500:
            _insert_features(cursor, schema, spec, batch, present[spec.name])
            batch.clear()
    for name, batch in batches.items():
        if batch:
            _insert_features(cursor, schema, LAYER_BY_NAME[name], batch, present[name])
    for spec in LAYERS:
        if spec.dated:  # kept rows: the dates of their snapshot as it is now
            cursor.execute(
                sql.SQL(
                    "UPDATE {table} AS f "
                    "SET valid_at = s.valid_at, valid_from = s.valid_at, valid_to = s.next_at "
                    "FROM (SELECT id, valid_at, lead(valid_at) OVER (ORDER BY valid_at, id) AS next_at "
                    "      FROM {snaps}) s "
                    "WHERE f.snapshot_id = s.id AND (f.valid_at IS DISTINCT FROM s.valid_at "
                    "OR f.valid_from IS DISTINCT FROM s.valid_at OR f.valid_to IS DISTINCT FROM s.next_at)"
                ).format(table=ident(schema, spec.name), snaps=ident(schema, SNAPSHOTS_TABLE))
            )
    # Delivered on commit only: the others refresh when the change is there to see.
    cursor.execute("SELECT pg_notify(%s, %s)", (NOTIFY_CHANNEL, notify_payload(schema)))


def _series_tables() -> list[str]:
    return [SETTINGS_TABLE, SNAPSHOTS_TABLE, *(spec.name for spec in LAYERS)]


def _lock(cursor, schema: str) -> None:
    """One writer per series at a time; readers keep seeing the old content until commit."""
    cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (f"kursk_tracker:{schema}",))


def _explain(error: BaseException, where: str, doing: str) -> PostgisStoreError:
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


# -- the public functions ------------------------------------------------------------------


def modify_series_postgis(
    conninfo: ConnInfo, schema: str, change, where: str | None = None, create: bool = True
):
    """Read, change and write the series in `schema` as one transaction under the series lock.

    `change(current, versions)` gets (series, records) as they are now (None
    where there is no series yet and `create` is True) and the snapshot
    versions, and returns (series, records) to write, or None to write
    nothing. Whatever it raises rolls everything back and reaches the caller.
    """
    psycopg2 = psycopg2_module()
    sql = psycopg2.sql
    where = _where(conninfo, schema, where)
    connection = connect(conninfo, where)
    try:
        with connection, connection.cursor() as cursor:
            _lock(cursor, schema)
            state, _missing = schema_state(cursor, schema)
            if state == "series":
                # Direct edits of the layers (QGIS editing) wait until this change is written, and
                # this change waits for theirs: none is lost between reading and writing.
                cursor.execute(
                    sql.SQL("LOCK TABLE {} IN SHARE ROW EXCLUSIVE MODE").format(
                        sql.SQL(", ").join(ident(schema, name) for name in _series_tables())
                    )
                )
                current = (_read_series(cursor, schema, where), _read_features(cursor, schema))
                versions = _read_versions(cursor, schema)
            elif create and state in ("missing", "empty"):
                if postgis_version(cursor) is None:
                    raise PostgisStoreError(
                        tr(
                            "{where}: the database has no PostGIS extension; a database owner can add it "
                            "with CREATE EXTENSION postgis"
                        ).format(where=where)
                    )
                current, versions = None, {}
            else:
                _require_series(cursor, where, schema)
                current, versions = None, {}  # pragma: no cover - _require_series raised
            wanted = change(current, versions)
            if wanted is not None:
                series, records = wanted
                _write(
                    cursor,
                    schema,
                    series,
                    records,
                    create=state != "series",
                    stored=None if current is None else current[1],
                )
    except psycopg2.Error as error:
        raise _explain(error, where, tr("nothing was changed")) from error
    except PostgisStoreError as error:
        if str(error).startswith(where):
            raise
        raise PostgisStoreError(
            tr("{where}: nothing was changed: {error}").format(where=where, error=error)
        ) from error
    finally:
        connection.close()


def write_series_postgis(
    conninfo: ConnInfo,
    schema: str,
    series: Series,
    records: Iterable[FeatureRecord],
    where: str | None = None,
) -> None:
    """Replace the series in `schema` (created if missing) with `series` and `records`, atomically.

    Snapshot `row_version`s survive the write: unchanged snapshots keep
    theirs, changed ones get the next, new ones start at 1.
    """
    modify_series_postgis(conninfo, schema, lambda _current, _versions: (series, records), where)


def _where(conninfo: ConnInfo, schema: str, where: str | None) -> str:
    """The series named in messages: as the caller names it, else host:port/dbname and schema."""
    return where or f"PostGIS {describe_target(conninfo)}, schema {schema}"


def _read(conninfo: ConnInfo, schema: str, where: str | None, doing: str, reader):
    """reader(cursor, where) in one read-only transaction on a schema that holds a series."""
    psycopg2 = psycopg2_module()
    where = _where(conninfo, schema, where)
    connection = connect(conninfo, where)
    try:
        # One read-only snapshot of the database for everything read, even while someone writes.
        connection.set_session(isolation_level="REPEATABLE READ", readonly=True)
        with connection, connection.cursor() as cursor:
            _require_series(cursor, where, schema)
            return reader(cursor, where)
    except psycopg2.Error as error:
        raise _explain(error, where, doing) from error
    finally:
        connection.close()


def read_series_postgis(conninfo: ConnInfo, schema: str, where: str | None = None) -> Series:
    """The series description and snapshot list stored in `schema`."""
    return _read(
        conninfo, schema, where, tr("cannot read the series"), lambda c, w: _read_series(c, schema, w)
    )


def read_features_postgis(conninfo: ConnInfo, schema: str, where: str | None = None) -> list[FeatureRecord]:
    """Every feature of every layer in `schema`, as records (like `gpkg.read_features`)."""
    return _read(
        conninfo, schema, where, tr("cannot read the features"), lambda c, _w: _read_features(c, schema)
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
        lambda c, w: (_read_series(c, schema, w), _read_features(c, schema)),
    )


def read_versions_postgis(
    conninfo: ConnInfo, schema: str, where: str | None = None
) -> dict[int, SnapshotVersion]:
    return _read(
        conninfo, schema, where, tr("cannot read the series"), lambda c, _w: _read_versions(c, schema)
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
        raise _explain(error, where, tr("cannot list the series")) from error
    finally:
        connection.close()
