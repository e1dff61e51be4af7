"""Connecting to PostgreSQL for a PostGIS series: connection info, errors, notifications.

psycopg2 only, no QGIS.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Union

from ..core.errors import KurskTrackerError
from ..core.text import tr

NOTIFY_CHANNEL = "qgis"
"""The channel QGIS's PostgreSQL provider listens on for "refresh layer on notification"."""


ConnInfo = Union[str, Mapping[str, Any]]
"""A libpq connection string ("host=… port=… dbname=…", or a postgresql:// URI) or keywords."""


class PostgisStoreError(KurskTrackerError):
    """A series in PostGIS cannot be reached, read or written; says where and why."""


def notify_payload(schema: str) -> str:
    return f"kursk_tracker {schema}"


def psycopg2_module():
    try:
        import psycopg2
        import psycopg2.errors
        import psycopg2.extras
        import psycopg2.sql
    except ImportError as error:  # pragma: no cover - Debian's QGIS ships it
        raise PostgisStoreError(
            tr("PostGIS needs the Python package psycopg2 (Debian: python3-psycopg2)")
        ) from error
    return psycopg2


def _params(conninfo: ConnInfo) -> dict[str, str]:
    if isinstance(conninfo, Mapping):
        return {k: str(v) for k, v in conninfo.items()}
    try:
        return psycopg2_module().extensions.parse_dsn(conninfo)
    except psycopg2_module().ProgrammingError:
        return {}


def describe_target(conninfo: ConnInfo) -> str:
    """ "host:port/dbname" (or "service NAME") of a connection, for messages (never the password)."""
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


def error_reason(error: BaseException) -> str:
    return " ".join(str(error).split()) or type(error).__name__


def connect(conninfo: ConnInfo, label: str | None = None):
    """A psycopg2 connection in UTC, or PostgisStoreError naming the connection and libpq's reason."""
    psycopg2 = psycopg2_module()
    try:
        if isinstance(conninfo, Mapping):
            connection = psycopg2.connect(**conninfo)
        else:
            connection = psycopg2.connect(conninfo)
    except psycopg2.Error as error:
        raise PostgisStoreError(
            tr("cannot connect to {where}: {reason}").format(
                where=label or tr("PostGIS at {target}").format(target=describe_target(conninfo)),
                reason=error_reason(error),
            )
        ) from error
    try:
        with connection.cursor() as cursor:
            cursor.execute("SET TIME ZONE 'UTC'")
        connection.commit()
    except psycopg2.Error:
        connection.close()
        raise
    return connection
