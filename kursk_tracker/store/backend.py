"""One interface to a series, wherever it is stored: a GeoPackage file or a PostGIS schema.

A series is named by a *location*, one line of text that fits a Processing
parameter, a QGIS setting and a project property alike:

- a GeoPackage: its path, `/data/kursk.gpkg`;
- a PostGIS schema: `postgis:` and libpq-style keywords, with `schema=`
  and where the database is, as a QGIS saved PostgreSQL connection
  (`postgis:connection='Newsroom' schema=kursk`), a PostgreSQL service
  (`postgis:service=newsroom schema=kursk`) or host, port, dbname and user
  (the password then comes from ~/.pgpass).

A password is refused in a location: locations end up in projects, logs and
the Processing history. Passwords stay where QGIS and libpq keep them (the
saved connection, its authentication configuration, the service file or
~/.pgpass).

`open_store(location)` gives a `SeriesStore`; the rest of the plugin asks it
for the series and features, changes the series through `modify` (atomic on
both back ends: a file replaced when complete; one transaction under a
lock), and never needs to know which back end it has.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from ..core.errors import KurskTrackerError
from ..core.series import Series
from ..core.text import tr
from .gpkg import FeatureRecord

if TYPE_CHECKING:
    from .postgis_read import SnapshotVersion

POSTGIS_PREFIX = "postgis:"

Content = tuple[Series, list[FeatureRecord]]
Versions: TypeAlias = "dict[int, SnapshotVersion]"
"""Snapshot id -> its version, as a PostGIS series keeps them ({} for a GeoPackage)."""
ChangeFunction = Callable[["Content | None", Versions], "Content | None"]
"""change(current or None, snapshot versions) -> content to write, or None to write nothing."""


class LocationError(KurskTrackerError):
    """A series location that cannot be understood; says what is wrong with it."""


# -- locations ----------------------------------------------------------------------

_WORD = re.compile(r"\s*([A-Za-z_]+)\s*=\s*('(?:[^'\\]|\\.)*'|[^\s']*)")


def parse_keywords(text: str) -> dict[str, str]:
    """libpq-style `key=value key='quoted value'` pairs; LocationError on anything else."""
    words: dict[str, str] = {}
    position = 0
    text = text.strip()
    while position < len(text):
        match = _WORD.match(text, position)
        if match is None:
            raise LocationError(
                tr("cannot read '{text}' (write key=value pairs)").format(text=text[position:].strip())
            )
        key, value = match.group(1).lower(), match.group(2)
        if value.startswith("'"):
            value = re.sub(r"\\(.)", r"\1", value[1:-1])
        words[key] = value
        position = match.end()
        while position < len(text) and text[position].isspace():
            position += 1
    return words


def quote_keyword(value: str) -> str:
    if value and re.fullmatch(r"[A-Za-z0-9_.\-/:]+", value):
        return value
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def postgis_location(schema: str, connection: str | None = None, **keywords: object) -> str:
    """The location text of a PostGIS series (without schema=, where `schema` is empty)."""
    words = {"connection": connection} if connection else {}
    words.update({k: str(v) for k, v in keywords.items() if v not in (None, "")})
    if schema:
        words["schema"] = schema
    return POSTGIS_PREFIX + " ".join(f"{k}={quote_keyword(v)}" for k, v in words.items())


def is_postgis_location(text: str | os.PathLike[str]) -> bool:
    return isinstance(text, str) and text.strip().lower().startswith(POSTGIS_PREFIX)


SCHEMA_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")


def check_schema_name(schema: str) -> str:
    """A schema name a newsroom can type into SQL without quotes: lower case, digits, underscores."""
    if not SCHEMA_NAME.fullmatch(schema or ""):
        raise LocationError(
            tr(
                "'{schema}' is not a usable schema name: use lower-case letters, digits and underscores, "
                "starting with a letter, at most 63 characters"
            ).format(schema=schema)
        )
    return schema


# -- stores ---------------------------------------------------------------------------


class SeriesStore:
    """A series somewhere; the operations every back end has."""

    location: str
    """The text that names it (see the module's help)."""

    def label(self) -> str:
        """A short name for lists and titles."""
        raise NotImplementedError

    def default_name(self) -> str:
        """The name a new series here gets when nobody gives one."""
        raise NotImplementedError

    def describe(self) -> str:
        """Where it is, for messages (never a password)."""
        raise NotImplementedError

    def exists(self) -> bool:
        raise NotImplementedError

    def read_series(self) -> Series:
        raise NotImplementedError

    def read_features(self) -> list[FeatureRecord]:
        raise NotImplementedError

    def feature_counts(self) -> dict[int, int]:
        raise NotImplementedError

    def snapshot_versions(self) -> Versions:
        """The version of each snapshot, for the conflict check of a later change ({} where none)."""
        return {}

    def read_content(self) -> Content:
        return self.read_series(), self.read_features()

    def modify(self, change: ChangeFunction) -> None:
        """Read, change and write the series as one step that fully succeeds or leaves it as it was."""
        raise NotImplementedError

    def write(self, series: Series, records: list[FeatureRecord]) -> None:
        """Replace the whole series (created where missing)."""
        self.modify(lambda _current, _versions: (series, records))

    def same_as(self, other: SeriesStore | None) -> bool:
        return other is not None and self.location == other.location

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.location!r})"


@dataclass(eq=False)
class GeoPackageStore(SeriesStore):
    path: Path

    def __post_init__(self) -> None:
        self.path = Path(self.path)
        self.location = str(self.path)

    def label(self) -> str:
        return self.path.name

    def default_name(self) -> str:
        return self.path.stem

    def describe(self) -> str:
        return str(self.path)

    def exists(self) -> bool:
        return self.path.exists()

    def read_series(self) -> Series:
        from .gpkg import read_series

        return read_series(self.path)

    def read_features(self) -> list[FeatureRecord]:
        from .gpkg import read_features

        return read_features(self.path)

    def feature_counts(self) -> dict[int, int]:
        from .gpkg import feature_counts

        return feature_counts(self.path)

    def modify(self, change: ChangeFunction) -> None:
        from .gpkg import write_series

        current = self.read_content() if self.path.exists() else None
        wanted = change(current, {})
        if wanted is not None:
            write_series(self.path, *wanted)


@dataclass(eq=False)
class PostgisStore(SeriesStore):
    """A series in one schema of a PostgreSQL/PostGIS database."""

    schema: str
    keywords: dict[str, str] = field(default_factory=dict)
    """What the location says of the database: connection, service, host, port, dbname, user …"""

    def __post_init__(self) -> None:
        self.location = postgis_location(self.schema, **self.keywords)
        self._conninfo: dict[str, str] | None = None

    @property
    def connection_name(self) -> str | None:
        return self.keywords.get("connection")

    def label(self) -> str:
        words = self.keywords
        where = self.connection_name or words.get("service") or words.get("dbname") or "PostGIS"
        return f"{self.schema} @ {where}"

    def default_name(self) -> str:
        return self.schema

    def describe(self) -> str:
        return f"{self.describe_database()}, schema {self.schema}"

    def describe_database(self) -> str:
        """The database, for messages: the saved connection's name and host:port/dbname."""
        from .postgis_connection import describe_target

        if self.connection_name:
            try:
                target = describe_target(self.conninfo())
            except KurskTrackerError:
                target = ""
            target = f" ({target})" if target else ""
            return f"PostGIS connection '{self.connection_name}'{target}"
        return f"PostGIS {describe_target(self.keywords)}"

    def series_schemas(self) -> list[str]:
        """The schemas of this store's database that hold a series."""
        from .postgis_read import series_schemas

        return series_schemas(self.conninfo(), self.describe_database())

    def conninfo(self) -> dict[str, str]:
        """libpq keywords for psycopg2 (a saved connection resolved, its password included)."""
        if self._conninfo is None:
            words = {k: v for k, v in self.keywords.items() if k != "connection"}
            if self.connection_name:
                resolved = resolve_qgis_connection(self.connection_name)
                resolved.update(words)
                words = resolved
            words.setdefault("connect_timeout", "10")
            words.setdefault("application_name", "Kursk Tracker")
            self._conninfo = words
        return self._conninfo

    def exists(self) -> bool:
        from .postgis_connection import connect
        from .postgis_schema import schema_state

        connection = connect(self.conninfo(), self.describe())
        try:
            with connection, connection.cursor() as cursor:
                return schema_state(cursor, self.schema)[0] == "series"
        finally:
            connection.close()

    def read_series(self) -> Series:
        from .postgis_read import read_series_postgis

        return read_series_postgis(self.conninfo(), self.schema, self.describe())

    def read_features(self) -> list[FeatureRecord]:
        from .postgis_read import read_features_postgis

        return read_features_postgis(self.conninfo(), self.schema, self.describe())

    def feature_counts(self) -> dict[int, int]:
        from .postgis_read import feature_counts_postgis

        return feature_counts_postgis(self.conninfo(), self.schema, self.describe())

    def snapshot_versions(self) -> Versions:
        from .postgis_read import read_versions_postgis

        return dict(read_versions_postgis(self.conninfo(), self.schema, self.describe()))

    def read_content(self) -> Content:
        """The series and its features in one read-only transaction: both as of one moment."""
        from .postgis_read import read_content_postgis

        return read_content_postgis(self.conninfo(), self.schema, self.describe())

    def modify(self, change: ChangeFunction) -> None:
        from .postgis_write import modify_series_postgis

        modify_series_postgis(self.conninfo(), self.schema, change, self.describe())


def saved_connection_uri(name: str):
    """The QgsDataSourceUri of a PostgreSQL connection saved in QGIS, as saved; LocationError naming
    the saved ones where there is none of that name."""
    try:
        from qgis.core import QgsDataSourceUri, QgsProviderRegistry
    except ImportError as error:
        raise LocationError(
            tr(
                "PostGIS connection '{name}': saved QGIS connections need QGIS; name the database with "
                "service= or host=, port=, dbname= instead"
            ).format(name=name)
        ) from error
    registry = QgsProviderRegistry.instance()
    metadata = registry.providerMetadata("postgres") if registry is not None else None
    saved = metadata.connections(False) if metadata is not None else {}
    if name not in saved:
        known = ", ".join(f"'{n}'" for n in sorted(saved)) or "none"
        raise LocationError(
            tr(
                "PostGIS connection '{name}': QGIS has no saved PostgreSQL connection of "
                "that name (saved: {known})"
            ).format(name=name, known=known)
        )
    return QgsDataSourceUri(saved[name].uri())


def resolve_qgis_connection(name: str) -> dict[str, str]:
    """libpq keywords of a PostgreSQL connection saved in QGIS (its authentication configuration expanded)."""
    from qgis.core import QgsDataSourceUri

    return uri_keywords(QgsDataSourceUri(saved_connection_uri(name).connectionInfo(True)))


def uri_keywords(uri) -> dict[str, str]:
    """libpq keywords of a QgsDataSourceUri (what psycopg2.connect takes)."""
    words = {
        "service": uri.service(),
        "host": uri.host(),
        "port": uri.port(),
        "dbname": uri.database(),
        "user": uri.username(),
        "password": uri.password(),
    }
    try:
        from qgis.core import QgsDataSourceUri

        ssl = QgsDataSourceUri.SslMode
        modes = {
            ssl.SslDisable: "disable",
            ssl.SslAllow: "allow",
            ssl.SslPrefer: "prefer",
            ssl.SslRequire: "require",
            ssl.SslVerifyCa: "verify-ca",
            ssl.SslVerifyFull: "verify-full",
        }
        sslmode = modes.get(uri.sslMode())
        if sslmode and sslmode != "prefer":
            words["sslmode"] = sslmode
    except (ImportError, AttributeError):  # pragma: no cover - enum moved in a QGIS version
        pass
    return {k: str(v) for k, v in words.items() if v not in (None, "")}


def open_store(location: str | os.PathLike[str] | SeriesStore) -> SeriesStore:
    """The store a location names (a store passes through)."""
    if isinstance(location, SeriesStore):
        return location
    if not is_postgis_location(location):
        text = str(location).strip()
        if not text:
            raise LocationError(
                tr(
                    "no series given: name a series GeoPackage or a PostGIS series "
                    "(postgis:connection=NAME schema=SCHEMA)"
                )
            )
        return GeoPackageStore(Path(text))
    start = len(POSTGIS_PREFIX)
    body = str(location).strip()[start:]
    try:
        words = parse_keywords(body)
    except LocationError as error:
        raise LocationError(f"{location}: {error}") from error
    if "password" in words:
        raise LocationError(
            tr(
                "a PostGIS series location must not hold a password (it would end up in projects and "
                "logs): use a saved QGIS connection, a PostgreSQL service file or ~/.pgpass"
            )
        )
    schema = words.pop("schema", "")
    shown = postgis_location(schema, **words)
    if not schema:
        raise LocationError(
            tr("{where}: no schema= given (the PostgreSQL schema that holds the series)").format(where=shown)
        )
    if not (words.get("connection") or words.get("service") or words.get("host") or words.get("dbname")):
        raise LocationError(
            tr(
                "{where}: say which database: connection=NAME (a saved QGIS connection), "
                "service=NAME, or host=, port=, dbname="
            ).format(where=shown)
        )
    return PostgisStore(schema, words)


def store_path(store: SeriesStore) -> Path | None:
    """The file of a GeoPackage store, None for any other."""
    return store.path if isinstance(store, GeoPackageStore) else None
