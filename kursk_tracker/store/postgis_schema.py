"""The tables of a PostGIS series: created, checked, and given the columns newer versions add.

The same layers and fields as the series GeoPackage (`store/schema.py`); table
and column names only through `ident` (psycopg2's `sql.Identifier`).
"""

from __future__ import annotations

from .postgis_connection import NOTIFY_CHANNEL, notify_payload, psycopg2_module
from .schema import (
    LANGUAGE_COLUMNS,
    LAYERS,
    SETTINGS_TABLE,
    SNAPSHOT_FIELDS,
    SNAPSHOTS_TABLE,
    LayerSpec,
)

SRID = 4326


SQL_TYPES = {"string": "text", "integer": "integer", "real": "double precision", "datetime": "timestamptz"}


def ident(*names: str):
    return psycopg2_module().sql.Identifier(*names)


def table_ddl(schema: str, spec: LayerSpec):
    sql = psycopg2_module().sql
    columns = [
        sql.SQL("fid serial PRIMARY KEY"),
        sql.SQL("geom geometry({}, {})").format(sql.SQL(spec.geometry), sql.Literal(SRID)),
    ]
    columns += [sql.SQL("{} {}").format(ident(name), sql.SQL(SQL_TYPES[kind])) for name, kind in spec.fields]
    return sql.SQL("CREATE TABLE IF NOT EXISTS {} ({})").format(
        ident(schema, spec.name), sql.SQL(", ").join(columns)
    )


def postgis_version(cursor) -> str | None:
    """The PostGIS extension's version in the connected database, None where it is not installed."""
    cursor.execute("SELECT extversion FROM pg_extension WHERE extname = 'postgis'")
    row = cursor.fetchone()
    return None if row is None else str(row[0])


def create_schema(cursor, schema: str) -> None:
    """Create the schema and the series tables where missing (inside the caller's transaction)."""
    sql = psycopg2_module().sql
    cursor.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(ident(schema)))
    for spec in LAYERS:
        cursor.execute(table_ddl(schema, spec))
        cursor.execute(
            sql.SQL("CREATE INDEX IF NOT EXISTS {} ON {} USING gist (geom)").format(
                ident(f"{spec.name}_geom_idx"), ident(schema, spec.name)
            )
        )
        if spec.dated:
            cursor.execute(
                sql.SQL("CREATE INDEX IF NOT EXISTS {} ON {} (snapshot_id)").format(
                    ident(f"{spec.name}_snapshot_idx"), ident(schema, spec.name)
                )
            )
    snapshot_columns = [
        sql.SQL("{} {}{}").format(
            ident(name), sql.SQL(SQL_TYPES[kind]), sql.SQL(" PRIMARY KEY" if name == "id" else "")
        )
        for name, kind in SNAPSHOT_FIELDS
    ]
    snapshot_columns.append(sql.SQL("row_version integer NOT NULL DEFAULT 1"))
    cursor.execute(
        sql.SQL("CREATE TABLE IF NOT EXISTS {} ({})").format(
            ident(schema, SNAPSHOTS_TABLE), sql.SQL(", ").join(snapshot_columns)
        )
    )
    for column, kind in (("modified_by", "text"), ("modified_at", "timestamptz")):
        cursor.execute(
            sql.SQL("ALTER TABLE {} ADD COLUMN IF NOT EXISTS {} {}").format(
                ident(schema, SNAPSHOTS_TABLE), ident(column), sql.SQL(kind)
            )
        )
    cursor.execute(
        sql.SQL("CREATE TABLE IF NOT EXISTS {} (key text PRIMARY KEY, value text)").format(
            ident(schema, SETTINGS_TABLE)
        )
    )
    add_language_columns(cursor, schema)
    create_triggers(cursor, schema)


def table_columns(cursor, schema: str, table: str) -> set[str]:
    """The column names `table` of `schema` has."""
    cursor.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = %s AND table_name = %s",
        (schema, table),
    )
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
    psycopg2 = psycopg2_module()
    sql = psycopg2.sql
    missing = missing_language_columns(cursor, schema)
    if not missing:
        return True
    cursor.execute("SAVEPOINT kt_language_columns")
    try:
        for table, columns in missing.items():
            for column in columns:
                cursor.execute(
                    sql.SQL("ALTER TABLE {} ADD COLUMN IF NOT EXISTS {} text").format(
                        ident(schema, table), ident(column)
                    )
                )
    except psycopg2.errors.InsufficientPrivilege:
        cursor.execute("ROLLBACK TO SAVEPOINT kt_language_columns")
        return False
    cursor.execute("RELEASE SAVEPOINT kt_language_columns")
    return True


WRITING_SETTING = "kursk_tracker.writing"
"""Set (SET LOCAL) while the plugin writes a series: the triggers then leave dates and versions alone."""


def create_triggers(cursor, schema: str) -> None:
    """Edits made to the layers directly (in QGIS, by SQL) count like the plugin's own.

    Before a feature is stored, its `valid_at`/`valid_from`/`valid_to` come
    from its snapshot (so a feature digitised in QGIS plays in the Temporal
    Controller); after, the snapshot's version goes up with who and when (so
    someone else's re-date or removal of that snapshot meets a conflict),
    and the others' QGIS hears of it through NOTIFY.
    """
    sql = psycopg2_module().sql
    names = {
        "snapshots": ident(schema, SNAPSHOTS_TABLE),
        "writing": sql.Literal(WRITING_SETTING),
        "channel": sql.Literal(NOTIFY_CHANNEL),
        "payload": sql.Literal(notify_payload(schema)),
        "dates": ident(schema, "kt_feature_dates"),
        "changed": ident(schema, "kt_feature_changed"),
    }
    cursor.execute(
        sql.SQL("""
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
        END $body$""").format(**names)
    )
    cursor.execute(
        sql.SQL("""
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
        END $body$""").format(**names)
    )
    for spec in LAYERS:
        if not spec.dated:
            continue
        table = ident(schema, spec.name)
        for trigger, when, function in (
            ("kt_feature_dates", "BEFORE INSERT OR UPDATE OF snapshot_id", "dates"),
            ("kt_feature_changed", "AFTER INSERT OR UPDATE OR DELETE", "changed"),
        ):
            cursor.execute(sql.SQL("DROP TRIGGER IF EXISTS {} ON {}").format(ident(trigger), table))
            cursor.execute(
                sql.SQL("CREATE TRIGGER {} {} ON {} FOR EACH ROW EXECUTE FUNCTION {}()").format(
                    ident(trigger), sql.SQL(when), table, names[function]
                )
            )


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
