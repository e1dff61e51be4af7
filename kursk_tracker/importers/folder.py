"""A folder of files, one per date: GeoJSON, GeoPackage, Shapefile, KML, KMZ.

Each file becomes one snapshot. Its date comes from, in this order: the file
name (see `dates.date_from_name`), a date field of its features (the first
of `DATE_FIELDS` a feature has; if features disagree the latest wins and the
user is told), an item of the dataset's or a layer's metadata whose key
contains "date" or "time", the user (`ImportOptions.ask_date`). A file with
none of these is skipped with an error; so is a file whose date another file
of the same import already has. KML and KMZ go to the My Maps importer,
which reads them without GDAL (no external entities, no network) and whose
snapshots are re-dated by the file name when it has a date.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
from pathlib import Path

from ..core.import_result import ImportResult, SnapshotData
from ..core.text import tr
from ..core.timefmt import to_zone
from .base import Feedback, ImportOptions
from .classify import classify_file
from .dates import date_from_name, date_from_value, week_in_name
from .normalize import normalise_snapshot
from .ogr_reader import OGR_SUFFIXES, VectorFile, VectorReadError, read_vector

MYMAPS_SUFFIXES = frozenset({".kml", ".kmz"})
SUPPORTED_SUFFIXES = OGR_SUFFIXES | MYMAPS_SUFFIXES

# Attribute names that carry a feature's date, most specific first (case-insensitive).
DATE_FIELDS: tuple[str, ...] = (
    "valid_at",
    "date",
    "datetime",
    "timestamp",
    "time",
    "datum",
    "stand",
    "editdate",
    "edit_date",
    "last_edited_date",
    "created_date",
    "creationdate",
    "creation_date",
)

# Tables only a series GeoPackage has: such a file is a whole series, not one date.
_SERIES_TABLES = frozenset({"snapshots", "series_settings"})


def looks_like(path: Path) -> bool:
    path = Path(path)
    return path.is_dir() or (path.is_file() and path.suffix.lower() in SUPPORTED_SUFFIXES)


def _when(instant: dt.datetime, options: ImportOptions) -> str:
    return to_zone(instant, options.timezone).strftime("%Y-%m-%d %H:%M")


def expand(paths: list[Path], result: ImportResult) -> list[Path]:
    """Files as given plus the supported files of each folder (not recursive), in name order."""
    files: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            members = sorted(
                (
                    child
                    for child in path.iterdir()
                    # "._name" files are macOS metadata, not data
                    if child.is_file()
                    and not child.name.startswith(".")
                    and child.suffix.lower() in SUPPORTED_SUFFIXES
                ),
                key=lambda child: child.name,
            )
            if not members:
                result.error(path, tr("no GeoJSON, KML, KMZ, GeoPackage or Shapefile files in the folder"))
            files.extend(members)
        elif path.is_file():
            if path.suffix.lower() in SUPPORTED_SUFFIXES:
                files.append(path)
            else:
                result.error(path, tr("not a GeoJSON, KML, KMZ, GeoPackage or Shapefile file"))
        else:
            result.error(path, tr("no such file or folder"))
    unique: list[Path] = []
    for path in files:
        if path not in unique:
            unique.append(path)
    return unique


def _date_from_fields(vector: VectorFile, options: ImportOptions, result: ImportResult) -> dt.datetime | None:
    found: list[dt.datetime] = []
    for feature in vector.features():
        lowered = {key.lower(): value for key, value in feature.attributes.items() if value is not None}
        for name in DATE_FIELDS:
            instant = date_from_value(lowered.get(name), options.timezone)
            if instant is not None:
                found.append(instant)
                break
    if not found:
        return None
    latest = max(found)
    earliest = min(found)
    if earliest != latest:
        message = tr("features carry different dates, {first} to {last}; used the latest")
        result.warn(vector.path, message.format(first=_when(earliest, options), last=_when(latest, options)))
    return latest


def _date_from_metadata(vector: VectorFile, options: ImportOptions) -> dt.datetime | None:
    for key, value in vector.all_metadata():
        lowered = key.lower()
        if "date" in lowered or "time" in lowered:
            instant = date_from_value(value, options.timezone)
            if instant is not None:
                return instant
    return None


def _asked(path: Path, options: ImportOptions) -> dt.datetime | None:
    if options.ask_date is None:
        return None
    instant = options.ask_date(path)
    if instant is not None and instant.tzinfo is None:
        instant = date_from_value(instant, options.timezone)
    return instant


def _no_date(path: Path, options: ImportOptions, result: ImportResult) -> None:
    week = week_in_name(path.stem)
    if week is not None and options.epoch is None:
        result.error(
            path,
            tr(
                "no date in the file name, fields or metadata (the name says week {week}, "
                "but no epoch is set)"
            ).format(week=week),
        )
    else:
        result.error(path, tr("no date in the file name, fields or metadata"))


def _import_vector(path: Path, options: ImportOptions, result: ImportResult) -> list[SnapshotData]:
    try:
        vector = read_vector(path, result)
    except VectorReadError as exc:
        result.error(path, str(exc))
        return []
    if _SERIES_TABLES.issubset(name.lower() for name in vector.table_names):
        result.error(path, tr("this is a series GeoPackage; import it as a series, not as one dated file"))
        return []
    instant = (
        date_from_name(path.stem, options.epoch, options.timezone)
        or _date_from_fields(vector, options, result)
        or _date_from_metadata(vector, options)
        or _asked(path, options)
    )
    if instant is None:
        _no_date(path, options, result)
        return []
    features = [classified for _, classified in classify_file(vector, options, result)]
    if not features:
        result.error(path, tr("none of its features could be imported"))
        return []
    return [SnapshotData(instant, features)]


def _import_mymaps(
    path: Path, options: ImportOptions, feedback: Feedback, result: ImportResult
) -> list[SnapshotData]:
    try:
        mymaps = importlib.import_module(".mymaps", __package__)
    except ImportError:
        result.error(path, tr("KML and KMZ files need the My Maps importer, which is missing"))
        return []
    named = date_from_name(path.stem, options.epoch, options.timezone)
    # The file name's date answers the My Maps importer's question before the user is asked.
    asked = (lambda _path: named) if named is not None else options.ask_date
    sub = mymaps.import_files([path], dataclasses.replace(options, ask_date=asked), feedback)
    snapshots, sub.snapshots = sub.snapshots, []
    result.extend(sub)  # its issues, sides, places and cancel
    if named is not None:
        if len(snapshots) == 1:
            snapshots[0].valid_at = named
        elif snapshots:
            result.info(
                path,
                tr(
                    "{count} dated parts in the file; kept their own dates rather than the file name's"
                ).format(count=len(snapshots)),
            )
    return snapshots


def import_files(paths: list[Path], options: ImportOptions, feedback: Feedback) -> ImportResult:
    result = ImportResult()
    files = expand(paths, result)
    taken: dict[float, Path] = {}
    for index, path in feedback.each(files, result):
        mymaps_file = path.suffix.lower() in MYMAPS_SUFFIXES
        try:
            if mymaps_file:

                def part(fraction: float, index: int = index) -> None:
                    feedback.progress((index + min(max(fraction, 0.0), 1.0)) / len(files))

                snapshots = _import_mymaps(path, options, Feedback(part, feedback.is_cancelled), result)
            else:
                snapshots = _import_vector(path, options, result)
        except Exception as exc:  # a bug or an unforeseen file must not end the whole import
            result.error(path, tr("could not be imported: {reason}").format(reason=exc or type(exc).__name__))
            snapshots = []
        for snapshot in snapshots:
            key = snapshot.valid_at.timestamp()
            if key in taken:
                result.error(
                    path,
                    tr("same date {when} as {other}; skipped").format(
                        when=_when(snapshot.valid_at, options), other=taken[key].name
                    ),
                )
                continue
            snapshot.title = path.stem
            snapshot.source = path.name
            snapshot.origin = str(path)
            if not mymaps_file:  # the My Maps importer normalises its own snapshots
                normalise_snapshot(snapshot, options.area_of_interest, result)
            if not snapshot.features:
                result.warn(
                    path,
                    tr("nothing left inside the area of interest; skipped")
                    if options.area_of_interest
                    else tr("no usable geometry; skipped"),
                )
                continue
            taken[key] = path
            result.snapshots.append(snapshot)
        if result.cancelled:
            break
    return result
