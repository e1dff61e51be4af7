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
from typing import Any, Union

from ..core.errors import KurskTrackerError
from ..core.series import Series, Snapshot
from .gpkg import (
    FeatureRecord,
    series_to_settings,
    settings_to_series,
    snapshot_from_columns,
    snapshot_texts,
    temporal_attributes,
)
from .schema import (
    LANGUAGE_COLUMNS,
    LAYER_BY_NAME,
    LAYERS,
    SETTINGS_TABLE,
    SNAPSHOT_FIELDS,
    SNAPSHOTS_TABLE,
    LayerSpec,
)

SRID = 4326
DERIVED_FIELDS = ("valid_at", "valid_from", "valid_to")
"""Filled from the snapshot when writing; not part of a FeatureRecord read back."""

SQL_TYPES = {"string": "text", "integer": "integer", "real": "double precision", "datetime": "timestamptz"}

NOTIFY_CHANNEL = "qgis"
"""The channel QGIS's PostgreSQL provider listens on for "refresh layer on notification"."""

ConnInfo = Union[str, Mapping[str, Any]]
"""A libpq connection string ("host=… port=… dbname=…", or a postgresql:// URI) or keywords."""


class PostgisStoreError(KurskTrackerError):
    """A series in PostGIS cannot be reached, read or written; says where and why."""


@dataclass(frozen=True)
class SnapshotVersion:
    """How often a snapshot was changed, by whom and when last."""

    version: int
    modified_by: str = ""
    modified_at: dt.datetime | None = None


def notify_payload(schema: str) -> str:
    return f"kursk_tracker {schema}"


def _psycopg2():
    try:
        import psycopg2
        import psycopg2.errors
        import psycopg2.extras
        import psycopg2.sql
    except ImportError as error:  # pragma: no cover - Debian's QGIS ships it
        raise PostgisStoreError(
            "PostGIS needs the Python package psycopg2 (Debian: python3-psycopg2)"
        ) from error
    return psycopg2


def _params(conninfo: ConnInfo) -> dict[str, str]:
    if isinstance(conninfo, Mapping):
        return {k: str(v) for k, v in conninfo.items()}
    try:
        return _psycopg2().extensions.parse_dsn(conninfo)
    except _psycopg2().ProgrammingError:
        return {}


def describe_target(conninfo: ConnInfo) -> str:
    """"host:port/dbname" (or "service NAME") of a connection, for messages (never the password)."""
    params = _params(conninfo)
    if not params and not isinstance(conninfo, Mapping):
        return "(unparsable connection string)"
    if params.get("service") and not params.get("host"):
        target = f"service {params['service']}"
        return target + (f"/{params['dbname']}" if params.get("dbname") else "")
    host = params.get("host") or params.get("hostaddr") or "localhost"
    port = params.get("port") or "5432"
    target = f"{host}:{port}"
    if params.get("dbname"):
        target += f"/{params['dbname']}"
    return target


def _reason(error: BaseException) -> str:
    return " ".join(str(error).split()) or type(error).__name__


def connect(conninfo: ConnInfo, label: str | None = None):
    """A psycopg2 connection in UTC, or PostgisStoreError naming the connection and libpq's reason."""
    psycopg2 = _psycopg2()
    try:
        if isinstance(conninfo, Mapping):
            connection = psycopg2.connect(**conninfo)
        else:
            connection = psycopg2.connect(conninfo)
    except psycopg2.Error as error:
        raise PostgisStoreError(
            f"cannot connect to {label or 'PostGIS at ' + describe_target(conninfo)}: {_reason(error)}"
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


def postgis_version(cursor) -> str | None:
    """The PostGIS extension's version in the connected database, None where it is not installed."""
    cursor.execute("SELECT extversion FROM pg_extension WHERE extname = 'postgis'")
    row = cursor.fetchone()
    return None if row is None else str(row[0])


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
    for column, kind in (("modified_by", "text"), ("modified_at", "timestamptz")):
        cursor.execute(sql.SQL("ALTER TABLE {} ADD COLUMN IF NOT EXISTS {} {}").format(
            _ident(schema, SNAPSHOTS_TABLE), _ident(column), sql.SQL(kind)))
    cursor.execute(sql.SQL("CREATE TABLE IF NOT EXISTS {} (key text PRIMARY KEY, value text)").format(
        _ident(schema, SETTINGS_TABLE)))
    add_language_columns(cursor, schema)
    _create_triggers(cursor, schema)


def table_columns(cursor, schema: str, table: str) -> set[str]:
    """The column names `table` of `schema` has."""
    cursor.execute("SELECT column_name FROM information_schema.columns WHERE table_schema = %s "
                   "AND table_name = %s", (schema, table))
    return {row[0] for row in cursor.fetchall()}


def missing_language_columns(cursor, schema: str) -> dict[str, list[str]]:
    """Per table, the language columns (text_de, title_en, …) a series stored before them lacks."""
    missing = {}
    for table, columns in LANGUAGE_COLUMNS.items():
        present = table_columns(cursor, schema, table)
        absent = [name for name in columns if name not in present]
        if absent:
            missing[table] = absent
    return missing


def add_language_columns(cursor, schema: str) -> bool:
    """Add the language columns a series stored before them lacks (inside the caller's transaction).

    Altering a table takes its owner: a user who may write the rows but not
    alter the tables keeps the series as it is (the change is undone to a
    savepoint) and False says the translations cannot be stored there.
    """
    psycopg2 = _psycopg2()
    sql = psycopg2.sql
    missing = missing_language_columns(cursor, schema)
    if not missing:
        return True
    cursor.execute("SAVEPOINT kt_language_columns")
    try:
        for table, columns in missing.items():
            for column in columns:
                cursor.execute(sql.SQL("ALTER TABLE {} ADD COLUMN IF NOT EXISTS {} text").format(
                    _ident(schema, table), _ident(column)))
    except psycopg2.errors.InsufficientPrivilege:
        cursor.execute("ROLLBACK TO SAVEPOINT kt_language_columns")
        return False
    cursor.execute("RELEASE SAVEPOINT kt_language_columns")
    return True


WRITING_SETTING = "kursk_tracker.writing"
"""Set (SET LOCAL) while the plugin writes a series: the triggers then leave dates and versions alone."""


def _create_triggers(cursor, schema: str) -> None:
    """Edits made to the layers directly (in QGIS, by SQL) count like the plugin's own.

    Before a feature is stored, its `valid_at`/`valid_from`/`valid_to` come
    from its snapshot (so a feature digitised in QGIS plays in the Temporal
    Controller); after, the snapshot's version goes up with who and when (so
    someone else's re-date or removal of that snapshot meets a conflict),
    and the others' QGIS hears of it through NOTIFY.
    """
    sql = _psycopg2().sql
    names = {"snapshots": _ident(schema, SNAPSHOTS_TABLE), "writing": sql.Literal(WRITING_SETTING),
             "channel": sql.Literal(NOTIFY_CHANNEL), "payload": sql.Literal(notify_payload(schema)),
             "dates": _ident(schema, "kt_feature_dates"), "changed": _ident(schema, "kt_feature_changed")}
    cursor.execute(sql.SQL("""
        CREATE OR REPLACE FUNCTION {dates}() RETURNS trigger LANGUAGE plpgsql AS $body$
        BEGIN
            IF coalesce(current_setting({writing}, true), '') = 'on' OR NEW.snapshot_id IS NULL THEN
                RETURN NEW;
            END IF;
            SELECT s.valid_at, s.valid_at,
                   (SELECT min(n.valid_at) FROM {snapshots} n WHERE n.valid_at > s.valid_at)
              INTO NEW.valid_at, NEW.valid_from, NEW.valid_to
              FROM {snapshots} s WHERE s.id = NEW.snapshot_id;
            RETURN NEW;
        END $body$""").format(**names))
    cursor.execute(sql.SQL("""
        CREATE OR REPLACE FUNCTION {changed}() RETURNS trigger LANGUAGE plpgsql AS $body$
        DECLARE touched integer[];
        BEGIN
            IF coalesce(current_setting({writing}, true), '') = 'on' THEN
                RETURN NULL;
            END IF;
            IF TG_OP IN ('INSERT', 'UPDATE') THEN touched := array_append(touched, NEW.snapshot_id); END IF;
            IF TG_OP IN ('UPDATE', 'DELETE') THEN touched := array_append(touched, OLD.snapshot_id); END IF;
            UPDATE {snapshots}
               SET row_version = row_version + 1, modified_by = current_user, modified_at = now()
             WHERE id = ANY(touched);
            PERFORM pg_notify({channel}, {payload});
            RETURN NULL;
        END $body$""").format(**names))
    for spec in LAYERS:
        if not spec.dated:
            continue
        table = _ident(schema, spec.name)
        for trigger, when, function in (
                ("kt_feature_dates", "BEFORE INSERT OR UPDATE OF snapshot_id", "dates"),
                ("kt_feature_changed", "AFTER INSERT OR UPDATE OR DELETE", "changed")):
            cursor.execute(sql.SQL("DROP TRIGGER IF EXISTS {} ON {}").format(_ident(trigger), table))
            cursor.execute(sql.SQL("CREATE TRIGGER {} {} ON {} FOR EACH ROW EXECUTE FUNCTION {}()").format(
                _ident(trigger), sql.SQL(when), table, names[function]))


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


def _snapshot_values(snap: Snapshot) -> dict[str, object]:
    """A snapshot's columns by name (each of SNAPSHOT_FIELDS)."""
    values: dict[str, object] = {"id": snap.id, "valid_at": _instant(snap.valid_at), "title": snap.title,
                                 "caption": snap.caption, "source": snap.source}
    values.update({name: text or None for name, text in snapshot_texts(snap).items()})
    return values


def _comparable(values: Mapping[str, object]) -> tuple[object, ...]:
    """A snapshot's columns as written or as read back (missing, None and "" alike), comparable."""
    return tuple(
        int(values["id"]) if name == "id" else _instant(values[name]) if name == "valid_at"  # type: ignore[arg-type]
        else values.get(name) or ""
        for name, _kind in SNAPSHOT_FIELDS)


def _insert_features(cursor, schema: str, spec: LayerSpec, rows: list[tuple[object, ...]],
                     present: set[str]) -> None:
    """Insert rows of (wkt, every field of `spec`); fields the table lacks (`present`) are left out."""
    psycopg2 = _psycopg2()
    sql = psycopg2.sql
    kept = [index for index, (name, _kind) in enumerate(spec.fields) if name in present]
    columns = ["geom"] + [spec.fields[index][0] for index in kept]
    statement = sql.SQL("INSERT INTO {} ({}) VALUES %s").format(
        _ident(schema, spec.name), sql.SQL(", ").join(map(_ident, columns))).as_string(cursor)
    template = "(" + ", ".join([_geometry_sql(spec)] + ["%s"] * len(kept)) + ")"
    if len(kept) < len(spec.fields):
        rows = [(row[0], *(row[1 + index] for index in kept)) for row in rows]
    psycopg2.extras.execute_values(cursor, statement, rows, template=template, page_size=len(rows))


# -- the operations on an open cursor (inside the caller's transaction) ---------------

def schema_state(cursor, schema: str) -> tuple[str, list[str]]:
    """("series" | "missing" | "partial", missing tables) of `schema`."""
    tables = [SETTINGS_TABLE, SNAPSHOTS_TABLE, *(spec.name for spec in LAYERS)]
    cursor.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = %s AND table_name = ANY(%s)",
        (schema, tables),
    )
    present = {row[0] for row in cursor.fetchall()}
    missing = [name for name in tables if name not in present]
    if not missing:
        return "series", []
    if len(missing) == len(tables):
        cursor.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", (schema,))
        return ("missing" if cursor.fetchone() is None else "empty"), missing
    return "partial", missing


def _require_series(cursor, where: str, schema: str) -> None:
    state, missing = schema_state(cursor, schema)
    if state == "missing":
        raise PostgisStoreError(f"{where}: no Kursk Tracker series there (the schema does not exist)")
    if state == "empty":
        raise PostgisStoreError(f"{where}: no Kursk Tracker series there (the schema has no series tables)")
    if state == "partial":
        raise PostgisStoreError(f"{where}: not a Kursk Tracker series (no table {', '.join(missing)})")


def _read_series(cursor, schema: str, where: str) -> Series:
    sql = _psycopg2().sql
    cursor.execute(sql.SQL("SELECT key, value FROM {}").format(_ident(schema, SETTINGS_TABLE)))
    settings = dict(cursor.fetchall())
    snapshots = [snapshot_from_columns(row, row["valid_at"].astimezone(dt.timezone.utc))
                 for row in _snapshot_rows(cursor, schema)]
    try:
        return settings_to_series(settings, snapshots)
    except (KeyError, ValueError, TypeError) as error:
        raise PostgisStoreError(f"{where}: series settings are incomplete or damaged ({error})") from error


def _snapshot_rows(cursor, schema: str, extra: tuple[str, ...] = ()) -> list[dict[str, object]]:
    """The snapshot table's rows in time order as {column: value}, of the columns it has (of
    SNAPSHOT_FIELDS and `extra`): a series stored before the language columns lacks them."""
    sql = _psycopg2().sql
    present = table_columns(cursor, schema, SNAPSHOTS_TABLE)
    names = [name for name, _kind in SNAPSHOT_FIELDS if name in present] + list(extra)
    cursor.execute(sql.SQL("SELECT {} FROM {} ORDER BY valid_at, id").format(
        sql.SQL(", ").join(map(_ident, names)), _ident(schema, SNAPSHOTS_TABLE)))
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def _read_features(cursor, schema: str) -> list[FeatureRecord]:
    sql = _psycopg2().sql
    records: list[FeatureRecord] = []
    for spec in LAYERS:
        present = table_columns(cursor, schema, spec.name)
        # Only columns the table has: a series stored before the language columns lacks them.
        names = [name for name, _kind in spec.fields if name not in DERIVED_FIELDS and name in present]
        cursor.execute(sql.SQL("SELECT fid, ST_AsText(geom, 17), {} FROM {} WHERE geom IS NOT NULL "
                               "ORDER BY fid").format(
            sql.SQL(", ").join(map(_ident, names)), _ident(schema, spec.name)))
        for fid, wkt, *values in cursor.fetchall():
            attributes = {name: value for name, value in zip(names, values) if value is not None}
            records.append(FeatureRecord(spec.name, wkt, attributes, int(fid)))
    return records


def _read_versions(cursor, schema: str) -> dict[int, SnapshotVersion]:
    sql = _psycopg2().sql
    cursor.execute(sql.SQL("SELECT id, row_version, modified_by, modified_at FROM {}").format(
        _ident(schema, SNAPSHOTS_TABLE)))
    return {int(r[0]): SnapshotVersion(int(r[1]), r[2] or "", r[3]) for r in cursor.fetchall()}


def _write(cursor, schema: str, series: Series, records: Iterable[FeatureRecord], create: bool,
           stored: list[FeatureRecord] | None = None) -> None:
    """Make the content of `schema` `series` and `records` (tables made first where `create`).

    `stored`: the features as read in this transaction. A record that is one
    of them unchanged keeps its row and `fid` (only its dates follow its
    snapshot), so a QGIS editing session on the layers still finds the
    features it edits; the other rows go, the new records are added.
    Snapshot versions are carried over.
    """
    psycopg2 = _psycopg2()
    sql = psycopg2.sql
    if create:
        create_schema(cursor, schema)
    else:  # a series stored before the language columns gets them (where the user may alter its tables)
        add_language_columns(cursor, schema)
    present = {table: table_columns(cursor, schema, table) for table in _series_tables()}
    cursor.execute("SELECT set_config(%s, 'on', true)", (WRITING_SETTING,))
    versions = ("row_version", "modified_by", "modified_at")
    previous = {row["id"]: (_comparable(row), *(row[name] for name in versions))
                for row in _snapshot_rows(cursor, schema, extra=versions)}
    original = {(r.layer, r.fid): (r.wkt, r.attributes) for r in stored or () if r.fid is not None}
    records = list(records)
    kept_ids = {id(r) for r in records
                if r.fid is not None and original.get((r.layer, r.fid)) == (r.wkt, r.attributes)}
    for spec in LAYERS:
        fids = [r.fid for r in records if id(r) in kept_ids and r.layer == spec.name]
        cursor.execute(sql.SQL("DELETE FROM {} WHERE NOT (fid = ANY(%s))").format(
            _ident(schema, spec.name)), (fids,))
    cursor.execute(sql.SQL("DELETE FROM {}").format(_ident(schema, SNAPSHOTS_TABLE)))
    cursor.execute(sql.SQL("DELETE FROM {}").format(_ident(schema, SETTINGS_TABLE)))

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
            _ident(schema, SNAPSHOTS_TABLE), sql.SQL(", ").join(map(_ident, names)))
        psycopg2.extras.execute_values(cursor, statement.as_string(cursor), snapshot_rows)
    psycopg2.extras.execute_values(cursor, sql.SQL("INSERT INTO {} (key, value) VALUES %s").format(
        _ident(schema, SETTINGS_TABLE)).as_string(cursor), list(series_to_settings(series).items()))

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
            cursor.execute(sql.SQL(
                "UPDATE {table} AS f "
                "SET valid_at = s.valid_at, valid_from = s.valid_at, valid_to = s.next_at "
                "FROM (SELECT id, valid_at, lead(valid_at) OVER (ORDER BY valid_at, id) AS next_at "
                "      FROM {snaps}) s "
                "WHERE f.snapshot_id = s.id AND (f.valid_at IS DISTINCT FROM s.valid_at "
                "OR f.valid_from IS DISTINCT FROM s.valid_at OR f.valid_to IS DISTINCT FROM s.next_at)"
            ).format(table=_ident(schema, spec.name), snaps=_ident(schema, SNAPSHOTS_TABLE)))
    # Delivered on commit only: the others refresh when the change is there to see.
    cursor.execute("SELECT pg_notify(%s, %s)", (NOTIFY_CHANNEL, notify_payload(schema)))


def _series_tables() -> list[str]:
    return [SETTINGS_TABLE, SNAPSHOTS_TABLE, *(spec.name for spec in LAYERS)]


def _lock(cursor, schema: str) -> None:
    """One writer per series at a time; readers keep seeing the old content until commit."""
    cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (f"kursk_tracker:{schema}",))


def _explain(error: BaseException, where: str, doing: str) -> PostgisStoreError:
    """A psycopg2 error as a message naming the series and what the user can do."""
    psycopg2 = _psycopg2()
    reason = _reason(error)
    if isinstance(error, psycopg2.errors.InsufficientPrivilege):
        return PostgisStoreError(
            f"{where}: {doing}: the database user lacks the privileges ({reason}); "
            f"ask the database owner to grant them")
    if isinstance(error, psycopg2.errors.ReadOnlySqlTransaction):
        return PostgisStoreError(f"{where}: {doing}: the database is read-only ({reason})")
    return PostgisStoreError(f"{where}: {doing}: {reason}")


# -- the public functions ------------------------------------------------------------------


def modify_series_postgis(conninfo: ConnInfo, schema: str, change, where: str | None = None,
                          create: bool = True):
    """Read, change and write the series in `schema` as one transaction under the series lock.

    `change(current, versions)` gets (series, records) as they are now (None
    where there is no series yet and `create` is True) and the snapshot
    versions, and returns (series, records) to write, or None to write
    nothing. Whatever it raises rolls everything back and reaches the caller.
    """
    psycopg2 = _psycopg2()
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
                cursor.execute(sql.SQL("LOCK TABLE {} IN SHARE ROW EXCLUSIVE MODE").format(
                    sql.SQL(", ").join(_ident(schema, name) for name in _series_tables())))
                current = (_read_series(cursor, schema, where), _read_features(cursor, schema))
                versions = _read_versions(cursor, schema)
            elif create and state in ("missing", "empty"):
                if postgis_version(cursor) is None:
                    raise PostgisStoreError(
                        f"{where}: the database has no PostGIS extension; a database owner can add it "
                        f"with CREATE EXTENSION postgis")
                current, versions = None, {}
            else:
                _require_series(cursor, where, schema)
                current, versions = None, {}  # pragma: no cover - _require_series raised
            wanted = change(current, versions)
            if wanted is not None:
                series, records = wanted
                _write(cursor, schema, series, records, create=state != "series",
                       stored=None if current is None else current[1])
    except psycopg2.Error as error:
        raise _explain(error, where, "nothing was changed") from error
    except PostgisStoreError as error:
        if str(error).startswith(where):
            raise
        raise PostgisStoreError(f"{where}: nothing was changed: {error}") from error
    finally:
        connection.close()


def write_series_postgis(conninfo: ConnInfo, schema: str, series: Series,
                         records: Iterable[FeatureRecord], where: str | None = None) -> None:
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
    psycopg2 = _psycopg2()
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
    return _read(conninfo, schema, where, "cannot read the series", lambda c, w: _read_series(c, schema, w))


def read_features_postgis(conninfo: ConnInfo, schema: str, where: str | None = None) -> list[FeatureRecord]:
    """Every feature of every layer in `schema`, as records (like `gpkg.read_features`)."""
    return _read(conninfo, schema, where, "cannot read the features", lambda c, _w: _read_features(c, schema))


def read_content_postgis(conninfo: ConnInfo, schema: str, where: str | None = None
                         ) -> tuple[Series, list[FeatureRecord]]:
    """The series and every feature, read in one transaction."""
    return _read(conninfo, schema, where, "cannot read the series",
                 lambda c, w: (_read_series(c, schema, w), _read_features(c, schema)))


def read_versions_postgis(conninfo: ConnInfo, schema: str, where: str | None = None
                          ) -> dict[int, SnapshotVersion]:
    return _read(conninfo, schema, where, "cannot read the series", lambda c, _w: _read_versions(c, schema))


def feature_counts_postgis(conninfo: ConnInfo, schema: str, where: str | None = None) -> dict[int, int]:
    """Number of dated features per snapshot id, over all dated layers."""
    sql = _psycopg2().sql

    def reader(cursor, _where):
        counts: dict[int, int] = {}
        for spec in LAYERS:
            if not spec.dated:
                continue
            cursor.execute(sql.SQL("SELECT snapshot_id, COUNT(*) FROM {} GROUP BY snapshot_id").format(
                _ident(schema, spec.name)))
            for snapshot_id, count in cursor.fetchall():
                if snapshot_id is not None:
                    counts[int(snapshot_id)] = counts.get(int(snapshot_id), 0) + int(count)
        return counts

    return _read(conninfo, schema, where, "cannot read the series", reader)


def series_schemas(conninfo: ConnInfo, where: str | None = None) -> list[str]:
    """The schemas of the database that hold a Kursk Tracker series, sorted."""
    psycopg2 = _psycopg2()
    where = where or describe_target(conninfo)
    connection = connect(conninfo, where)
    try:
        with connection, connection.cursor() as cursor:
            cursor.execute(
                "SELECT table_schema FROM information_schema.tables WHERE table_name IN (%s, %s) "
                "GROUP BY table_schema HAVING COUNT(*) = 2 ORDER BY table_schema",
                (SNAPSHOTS_TABLE, SETTINGS_TABLE))
            return [row[0] for row in cursor.fetchall()]
    except psycopg2.Error as error:
        raise _explain(error, where, "cannot list the series") from error
    finally:
        connection.close()
