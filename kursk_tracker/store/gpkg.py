"""Reading and writing a series GeoPackage.

Reading the series description uses sqlite3 directly (a GeoPackage is an
SQLite file), so it needs no QGIS; writing uses GDAL's OGR, which ships
with QGIS. Writes go to a temporary file beside the target that replaces it
only when complete, so a failure never leaves a half-written series.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import tempfile
from collections.abc import Iterable
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import SupportsInt

from ..core.errors import SeriesFileError
from ..core.series import LANGUAGES, Series, Side, Snapshot
from ..core.timefmt import iso_utc, parse_utc
from .schema import (
    CREDITS_KEY,
    CRS_AUTHID,
    LANGUAGE_COLUMNS,
    LAYERS,
    SETTINGS_FIELDS,
    SETTINGS_TABLE,
    SNAPSHOT_FIELDS,
    SNAPSHOTS_TABLE,
    language_column,
    quoted_identifier,
)


@dataclass
class FeatureRecord:
    """One feature to write: its layer, geometry as WKT, and attributes."""

    layer: str
    wkt: str
    attributes: dict[str, object] = field(default_factory=dict)
    fid: int | None = field(default=None, compare=False)
    """The feature's id where it was read from a PostGIS series (kept when written back unchanged)."""

    @property
    def snapshot_id(self) -> int:
        """The snapshot a dated feature belongs to (KeyError for a place, which has none)."""
        return int_value(self.attributes["snapshot_id"])


def int_value(value: object) -> int:
    """A whole-number attribute as stored (an int, or its text); TypeError for anything else."""
    if isinstance(value, (str, bytes, SupportsInt)):
        return int(value)
    raise TypeError(f"not a whole number: {value!r}")


def text_value(value: object) -> str | None:
    """A text attribute as stored, None where it is empty (NULL)."""
    return None if value is None else str(value)


def series_to_settings(series: Series) -> dict[str, str]:
    return {
        "names": json.dumps(series.names, ensure_ascii=False),
        "sides": json.dumps(
            [{"code": s.code, "names": s.names, "colour": s.colour} for s in series.sides],
            ensure_ascii=False,
        ),
        "epoch": series.epoch.isoformat(),
        "timezone": series.timezone,
        "credit": series.credit,
        CREDITS_KEY: json.dumps(_texts(series.credits), ensure_ascii=False),
        "illustrative": "true" if series.illustrative else "false",
    }


def _texts(texts: dict[str, str]) -> dict[str, str]:
    """The non-empty texts of a per-language dict, as strings."""
    return {str(lang): str(text) for lang, text in texts.items() if text}


def settings_to_series(settings: dict[str, str], snapshots: list[Snapshot]) -> Series:
    sides = [Side(d["code"], dict(d["names"]), d["colour"]) for d in json.loads(settings["sides"])]
    credits = json.loads(settings.get(CREDITS_KEY) or "{}")  # a series written before it: none
    if not isinstance(credits, dict):
        raise ValueError(f"{CREDITS_KEY} is not a JSON object")
    return Series(
        names=json.loads(settings["names"]),
        sides=sides,
        epoch=dt.date.fromisoformat(settings["epoch"]),
        timezone=settings.get("timezone") or "Europe/Berlin",
        credit=settings.get("credit", ""),
        credits=_texts(credits),
        illustrative=settings.get("illustrative", "false") == "true",
        snapshots=snapshots,
    )


def snapshot_texts(snapshot: Snapshot) -> dict[str, str]:
    """The snapshot's title and caption per language as columns: {"title_de": …, "caption_en": …}."""
    columns: dict[str, str] = {}
    for name, texts in (("title", snapshot.titles), ("caption", snapshot.captions)):
        for lang in LANGUAGES:
            columns[language_column(name, lang)] = texts.get(lang) or ""
    return columns


def snapshot_from_columns(row: dict[str, object], valid_at: dt.datetime) -> Snapshot:
    """A Snapshot from its table's columns by name; language columns a store lacks read as empty."""

    def text(name: str) -> str:
        value = row.get(name)
        return "" if value is None else str(value)

    def per_language(name: str) -> dict[str, str]:
        return {
            lang: text(language_column(name, lang)) for lang in LANGUAGES if text(language_column(name, lang))
        }

    return Snapshot(
        int(text("id")),
        valid_at,
        text("title"),
        text("caption"),
        text("source"),
        titles=per_language("title"),
        captions=per_language("caption"),
    )


def query(template: str, **identifiers: str | tuple[str, ...]) -> str:
    """The text of a query: `template` with each `{slot}` filled by a schema name, quoted
    (a tuple of names: quoted and separated by commas, for a column list).

    SQLite takes values as parameters (`?`) but not table names; these come
    only from the schema's fixed set (`quoted_identifier` refuses anything
    else), so no text from a file or a user ever becomes part of a query.
    Column names stay bare in the template: a double-quoted name SQLite does
    not find would silently read as a string.
    """

    def quoted(names: str | tuple[str, ...]) -> str:
        if isinstance(names, tuple):
            return ", ".join(map(quoted_identifier, names))
        return quoted_identifier(names)

    return template.format_map({slot: quoted(names) for slot, names in identifiers.items()})


def read_series(path: str | os.PathLike[str]) -> Series:
    """The series description and snapshot list of a series GeoPackage."""
    path = Path(path)
    if not path.is_file():
        raise SeriesFileError(path, "file not found")
    try:
        # closing(): sqlite3's own context manager ends transactions but leaves the
        # connection open, which keeps QGIS from switching the file to WAL.
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
            tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = ?", ("table",))}
            missing = {SETTINGS_TABLE, SNAPSHOTS_TABLE} - tables
            if missing:
                raise SeriesFileError(
                    path, f"not a Kursk Tracker series (no table {', '.join(sorted(missing))})"
                )
            settings = dict(
                db.execute(query("SELECT key, value FROM {table}", table=SETTINGS_TABLE)).fetchall()
            )
            columns = table_columns(db, SNAPSHOTS_TABLE)
            # Only columns the file has: a series written before the language columns lacks them.
            # Present columns only, so naming them quoted reads each (never a string of its name).
            names = [name for name, _kind in SNAPSHOT_FIELDS if name in columns]
            rows = db.execute(
                query(
                    "SELECT {columns} FROM {table} ORDER BY valid_at",
                    columns=tuple(names),
                    table=SNAPSHOTS_TABLE,
                )
            ).fetchall()
    except sqlite3.DatabaseError as error:
        raise SeriesFileError(path, f"not a readable GeoPackage ({error})") from error
    try:
        snapshots = [
            snapshot_from_columns(dict(zip(names, r)), parse_utc(r[names.index("valid_at")])) for r in rows
        ]
    except (KeyError, ValueError, TypeError) as error:
        raise SeriesFileError(path, f"the snapshot table is damaged ({error})") from error
    try:
        return settings_to_series(settings, snapshots)
    except (KeyError, ValueError, TypeError) as error:
        raise SeriesFileError(path, f"series settings are incomplete or damaged ({error})") from error


def table_columns(db: sqlite3.Connection, table: str) -> set[str]:
    """The column names `table` has in an SQLite/GeoPackage file."""
    return {row[0] for row in db.execute("SELECT name FROM pragma_table_info(?)", (table,))}


def read_features(path: str | os.PathLike[str]) -> list[FeatureRecord]:
    """Every feature of every layer of a series GeoPackage, as records."""
    from osgeo import ogr

    ogr.UseExceptions()
    path = Path(path)
    try:
        source = ogr.Open(str(path), 0)
    except RuntimeError as error:
        raise SeriesFileError(path, f"not a readable GeoPackage ({error})") from error
    records: list[FeatureRecord] = []
    derived = {"valid_at", "valid_from", "valid_to"}  # the writer fills them from the snapshot
    for spec in LAYERS:
        layer = source.GetLayerByName(spec.name)
        if layer is None:
            raise SeriesFileError(path, f"not a Kursk Tracker series (no layer {spec.name})")
        present = layer.GetLayerDefn()
        # Only fields the file has: a series written before the language columns lacks them.
        names = [
            name for name, _kind in spec.fields if name not in derived and present.GetFieldIndex(name) >= 0
        ]
        translations = LANGUAGE_COLUMNS.get(spec.name, ())  # absent where empty, as PostGIS reads them
        for feature in layer:
            geometry = feature.GetGeometryRef()
            if geometry is None:
                continue
            attributes = {
                name: feature.GetField(name)
                for name in names
                if feature.IsFieldSet(name) and not (name in translations and feature.IsFieldNull(name))
            }
            records.append(FeatureRecord(spec.name, geometry.ExportToIsoWkt(), attributes))
    return records


def feature_counts(path: str | os.PathLike[str]) -> dict[int, int]:
    """Number of dated features per snapshot id, over all dated layers."""
    counts: dict[int, int] = {}
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
        for spec in LAYERS:
            if not spec.dated:
                continue
            for snapshot_id, count in db.execute(
                query("SELECT snapshot_id, COUNT(*) FROM {table} GROUP BY snapshot_id", table=spec.name)
            ):
                if snapshot_id is not None:
                    counts[int(snapshot_id)] = counts.get(int(snapshot_id), 0) + int(count)
    return counts


def _ogr_type(ogr, kind: str) -> int:
    return {
        "string": ogr.OFTString,
        "integer": ogr.OFTInteger,
        "real": ogr.OFTReal,
        "datetime": ogr.OFTDateTime,
    }[kind]


def _ogr_value(value: object) -> object:
    if isinstance(value, dt.datetime):
        return iso_utc(value)
    return value


def temporal_attributes(series: Series) -> dict[int, dict[str, object]]:
    """valid_at/valid_from/valid_to per snapshot id: valid until the next one."""
    ordered = series.sorted_snapshots()
    spans: dict[int, dict[str, object]] = {}
    for index, snap in enumerate(ordered):
        following = ordered[index + 1].valid_at if index + 1 < len(ordered) else None
        spans[snap.id] = {
            "snapshot_id": snap.id,
            "valid_at": snap.valid_at,
            "valid_from": snap.valid_at,
            "valid_to": following,
        }
    return spans


def write_series(path: str | os.PathLike[str], series: Series, features: Iterable[FeatureRecord]) -> None:
    """Write a complete series GeoPackage, replacing `path` only on success."""
    from osgeo import ogr, osr

    ogr.UseExceptions()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp_name = tempfile.mkstemp(suffix=".gpkg", prefix=".kt-", dir=path.parent)
    os.close(handle)
    os.unlink(tmp_name)
    spans = temporal_attributes(series)
    try:
        source = ogr.GetDriverByName("GPKG").CreateDataSource(tmp_name)
        srs = osr.SpatialReference()
        srs.SetFromUserInput(CRS_AUTHID)
        srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
        layers = {}
        for spec in LAYERS:
            layer = source.CreateLayer(
                spec.name, srs, ogr.__dict__[f"wkb{spec.geometry}"], ["GEOMETRY_NAME=geom"]
            )
            for name, kind in spec.fields:
                layer.CreateField(ogr.FieldDefn(name, _ogr_type(ogr, kind)))
            layers[spec.name] = layer
        source.StartTransaction()
        for record in features:
            layer = layers[record.layer]
            feature = ogr.Feature(layer.GetLayerDefn())
            attributes = dict(record.attributes)
            if "snapshot_id" in attributes:
                attributes.update(spans[record.snapshot_id])
            for name, value in attributes.items():
                if value is not None:
                    feature.SetField(name, _ogr_value(value))
            geometry = ogr.CreateGeometryFromWkt(record.wkt)
            target = layer.GetGeomType()
            if ogr.GT_Flatten(geometry.GetGeometryType()) != target:
                geometry = ogr.ForceTo(geometry, target)
            feature.SetGeometry(geometry)
            layer.CreateFeature(feature)
        source.CommitTransaction()

        snapshots = source.CreateLayer(SNAPSHOTS_TABLE, None, ogr.wkbNone)
        for name, kind in SNAPSHOT_FIELDS:
            snapshots.CreateField(ogr.FieldDefn(name, _ogr_type(ogr, kind)))
        for snap in series.sorted_snapshots():
            row = ogr.Feature(snapshots.GetLayerDefn())
            for name, value in (
                ("id", snap.id),
                ("valid_at", snap.valid_at),
                ("title", snap.title),
                ("caption", snap.caption),
                ("source", snap.source),
                *snapshot_texts(snap).items(),
            ):
                if value != "" or name not in LANGUAGE_COLUMNS[SNAPSHOTS_TABLE]:  # no translation: NULL
                    row.SetField(name, _ogr_value(value))
            snapshots.CreateFeature(row)

        settings = source.CreateLayer(SETTINGS_TABLE, None, ogr.wkbNone)
        for name, kind in SETTINGS_FIELDS:
            settings.CreateField(ogr.FieldDefn(name, _ogr_type(ogr, kind)))
        for key, value in series_to_settings(series).items():
            row = ogr.Feature(settings.GetLayerDefn())
            row.SetField("key", key)
            row.SetField("value", value)
            settings.CreateFeature(row)
        source = None  # closes and flushes the file
        os.replace(tmp_name, path)
    finally:
        if os.path.exists(tmp_name):
            os.unlink(tmp_name)
