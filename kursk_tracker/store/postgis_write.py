"""Changing a series stored in PostgreSQL/PostGIS (the tables: `postgis_read.py`).

Every change is ONE transaction under a per-series advisory lock: it reads
the series as it is now, changes it and writes it back, so two users
importing at once both keep their snapshots, readers see the old series or
the new one, never a mix, and a failure leaves the series as it was. A
committed change sends `NOTIFY qgis, 'kursk_tracker <schema>'`, which QGIS
layers with "refresh on notification" and the open panels act on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from ..core.series import Series, Snapshot
from ..core.text import tr
from .gpkg import (
    FeatureRecord,
    int_value,
    series_to_settings,
    snapshot_texts,
    temporal_attributes,
)
from .postgis_connection import (
    NOTIFY_CHANNEL,
    ConnInfo,
    PostgisStoreError,
    connect,
    notify_payload,
    psycopg2_module,
)
from .postgis_read import (
    describe_series,
    explain_error,
    require_series,
    select_features,
    select_series,
    select_snapshot_rows,
    select_versions,
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
from .schema import LAYER_BY_NAME, LAYERS, SETTINGS_TABLE, SNAPSHOT_FIELDS, SNAPSHOTS_TABLE, LayerSpec


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


def _series_tables() -> list[str]:
    return [SETTINGS_TABLE, SNAPSHOTS_TABLE, *(spec.name for spec in LAYERS)]


def _lock(cursor, schema: str) -> None:
    """One writer per series at a time; readers keep seeing the old content until commit."""
    cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (f"kursk_tracker:{schema}",))


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
        for row in select_snapshot_rows(cursor, schema, extra=versions)
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
    where = describe_series(conninfo, schema, where)
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
                current = (select_series(cursor, schema, where), select_features(cursor, schema))
                versions = select_versions(cursor, schema)
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
                require_series(cursor, where, schema)
                current, versions = None, {}  # pragma: no cover - require_series raised
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
        raise explain_error(error, where, tr("nothing was changed")) from error
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
