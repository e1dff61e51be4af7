"""ISW layers exported from their ArcGIS services as GeoJSON, Esri JSON or Shapefile.

ISW's layers (assessed control, assessed advances, claims, …) carry no date
in the geometry's layer, only in fields such as `Date`, `EditDate` or
`last_edited_date`, usually as epoch milliseconds. Every feature is dated by
the first such field it has (`DATE_FIELDS`), else by the file name, else by
asking; features of the same UTC day, from all files of the import, form one
snapshot, so an assessed-control layer and an advances layer exported the
same day become one situation. A day's snapshot stands at 12:00 UTC, which
is the same calendar day from UTC-11 to UTC+11.

What a layer shows is read from its name (or the file name) with the table
below; the user's `kind_mapping` and `side_mapping` on the same names come
first, and a feature's own `side`/`status`/`kind` fields before both.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from ..core.import_result import ImportResult, SituationFeature, SnapshotData
from ..core.series import AreaStatus
from ..core.text import tr
from .base import Feedback, ImportOptions
from .classify import LayerRule, classify_file
from .dates import date_from_name, date_from_value
from .normalize import normalise_snapshot
from .ogr_reader import OGR_SUFFIXES, VectorReadError, read_vector

UTC = dt.timezone.utc

# --- what ISW's layer names mean ----------------------------------------------------------------
# The acting side is the nation named first in the layer name: "Assessed Russian-controlled
# Ukrainian Territory" is Russian, "Assessed Ukrainian Advances in Russia's Kursk Oblast"
# Ukrainian. A name naming neither is Russian, as most ISW layers track Russian forces.
ACTOR_WORDS: tuple[tuple[str, str], ...] = (("russia", "RU"), ("ukrain", "UA"))
DEFAULT_ACTOR = "RU"
# The status, from the first word found (substring of the lower-case name). None: not ground
# either side holds (partisan activity behind Russian lines), left out unless the user maps the layer.
STATUS_BY_WORD: tuple[tuple[str, AreaStatus | None], ...] = (
    ("partisan", None),
    ("claim", AreaStatus.CLAIMED),  # "Claimed Russian Territory", "Claimed Ukrainian …"
    ("advance", AreaStatus.CONTESTED),  # "Assessed Russian Advances": attacked, not held
    ("infiltration", AreaStatus.CONTESTED),
    ("counteroffensive", AreaStatus.CONTROLLED),  # "Assessed Ukrainian Counteroffensives": retaken ground
    ("incursion", AreaStatus.CONTROLLED),  # "Ukrainian Incursion into Kursk"
    ("liberat", AreaStatus.CONTROLLED),
    ("control", AreaStatus.CONTROLLED),  # "Assessed Russian Control", "Assessed Control of Terrain"
    ("occupied", AreaStatus.CONTROLLED),
    ("annex", AreaStatus.CONTROLLED),
)

# Date fields, the feature's own date before the service's edit tracking; case-insensitive.
# Shapefiles cut names to 10 characters, hence "last_edite" and friends.
# Field names that give an ArcGIS export away (for `looks_like`): its edit and creation stamps.
SNIFF_FIELDS: tuple[str, ...] = (
    "editdate",
    "edit_date",
    "last_edited_date",
    "last_edite",
    "creationdate",
    "creationda",
    "created_date",
    "created_da",
)
DATE_FIELDS: tuple[str, ...] = ("date", "valid_at", "datetime", "date_", *SNIFF_FIELDS)
"""The fields a feature's date is read from, the first one it has."""
_SNIFF_JSON = re.compile(
    rb'"(' + b"|".join(re.escape(f.encode()) for f in SNIFF_FIELDS) + rb')"', re.IGNORECASE
)
_SNIFF_BYTES = 64 * 1024
SUFFIXES = OGR_SUFFIXES | {".dbf"}


def layer_rule(name: str) -> LayerRule | None:
    """Side and status an ISW layer (or file) name stands for, or None if it says nothing."""
    words = re.sub(r"[^a-z]+", " ", name.lower())
    for word, status in STATUS_BY_WORD:
        if word not in words:
            continue
        if status is None:
            return LayerRule(skip=True)
        named = [(words.find(w), side) for w, side in ACTOR_WORDS if w in words]
        side = min(named)[1] if named else DEFAULT_ACTOR
        return LayerRule(side=side, status=status)
    return None


def _dbf_field_names(path: Path) -> list[str]:
    """Field names from a dBase header: 32-byte descriptors after the 32-byte header, ended by 0x0D."""
    try:
        with path.open("rb") as stream:
            header = stream.read(32)
            if len(header) < 32:
                return []
            length = int.from_bytes(header[8:10], "little")
            descriptors = stream.read(max(0, min(length - 32, 32 * 255)))
    except OSError:
        return []
    names = []
    for offset in range(0, len(descriptors) - 31, 32):
        end = offset + 32
        record = descriptors[offset:end]
        if record[0] == 0x0D:
            break
        names.append(record[:11].split(b"\0")[0].decode("latin-1"))
    return names


def looks_like(path: Path) -> bool:
    """An ISW export: ArcGIS edit-tracking fields in a GeoJSON/Esri JSON or a Shapefile's DBF."""
    path = Path(path)
    suffix = path.suffix.lower()
    if not path.is_file():
        return False
    if suffix in (".geojson", ".json"):
        try:
            with path.open("rb") as stream:
                head = stream.read(_SNIFF_BYTES)
        except OSError:
            return False
        return _SNIFF_JSON.search(head) is not None
    if suffix in (".shp", ".dbf"):
        known = {name[:10] for name in SNIFF_FIELDS}
        return any(name.lower()[:10] in known for name in _dbf_field_names(path.with_suffix(".dbf")))
    return False


def _files(paths: list[Path], result: ImportResult) -> list[Path]:
    files: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            members = sorted(
                c
                for c in path.iterdir()
                if c.is_file() and not c.name.startswith(".") and c.suffix.lower() in OGR_SUFFIXES
            )
            if not members:
                result.error(path, tr("no GeoJSON, Esri JSON, GeoPackage or Shapefile files in the folder"))
            files.extend(members)
        elif path.is_file():
            # A Shapefile may be given by its .dbf.
            files.append(path.with_suffix(".shp") if path.suffix.lower() == ".dbf" else path)
        else:
            result.error(path, tr("no such file or folder"))
    return list(dict.fromkeys(files))


def _day(value: object) -> dt.date | None:
    """The calendar day a field value names: UTC for instants, as written for plain dates."""
    if isinstance(value, dt.datetime):
        return value.astimezone(UTC).date() if value.tzinfo else value.date()
    if isinstance(value, dt.date):
        return value
    # Read zone-less text as UTC so its written day stays the day.
    instant = date_from_value(value, "UTC")
    return instant.astimezone(UTC).date() if instant is not None else None


def _feature_day(attributes: dict[str, object]) -> dt.date | None:
    lowered = {key.lower(): value for key, value in attributes.items() if value is not None}
    for name in DATE_FIELDS:
        day = _day(lowered.get(name))
        if day is not None:
            return day
    return None


def _fallback_day(path: Path, options: ImportOptions) -> dt.date | None:
    named = date_from_name(path.stem, options.epoch, "UTC")
    if named is not None:
        return named.date()
    if options.ask_date is not None:
        asked = options.ask_date(path)
        if asked is not None:
            return asked.astimezone(UTC).date() if asked.tzinfo else asked.date()
    return None


def import_files(paths: list[Path], options: ImportOptions, feedback: Feedback) -> ImportResult:
    result = ImportResult()
    files = _files(paths, result)
    days: dict[dt.date, list[SituationFeature]] = {}
    sources: dict[dt.date, dict[Path, None]] = {}
    for _index, path in feedback.each(files, result):
        try:
            _import_file(path, options, result, days, sources)
        except VectorReadError as exc:
            result.error(path, str(exc))
        except Exception as exc:  # a bug or an unforeseen file must not end the whole import
            result.error(path, tr("could not be imported: {reason}").format(reason=exc or type(exc).__name__))
    for day in sorted(days):
        origins = list(sources[day])
        snapshot = SnapshotData(
            valid_at=dt.datetime(day.year, day.month, day.day, 12, tzinfo=UTC),
            features=days[day],
            title=tr("ISW {day}").format(day=day.isoformat()),
            source=", ".join(p.name for p in origins),
            origin=", ".join(str(p) for p in origins),
        )
        normalise_snapshot(snapshot, options.area_of_interest, result)
        if snapshot.features:
            result.snapshots.append(snapshot)
        else:
            result.warn(
                snapshot.origin,
                tr("nothing of {day} left inside the area of interest").format(day=day.isoformat()),
            )
    return result


def _import_file(
    path: Path,
    options: ImportOptions,
    result: ImportResult,
    days: dict[dt.date, list[SituationFeature]],
    sources: dict[dt.date, dict[Path, None]],
) -> None:
    vector = read_vector(path, result)
    pairs = classify_file(vector, options, result, layer_rule)
    if not pairs:
        result.error(path, tr("none of its features could be imported"))
        return
    undated: list[SituationFeature] = []
    for source, feature in pairs:
        day = _feature_day(source.attributes)
        if day is None:
            undated.append(feature)
            continue
        days.setdefault(day, []).append(feature)
        sources.setdefault(day, {})[path] = None
    if undated:
        day = _fallback_day(path, options)
        if day is None:
            result.error(
                path,
                tr("{count} features have no date in their fields or the file name; skipped").format(
                    count=len(undated)
                ),
            )
            return
        days.setdefault(day, []).extend(undated)
        sources.setdefault(day, {})[path] = None
