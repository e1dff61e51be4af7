"""DeepStateMap history snapshots: one GeoJSON FeatureCollection per instant.

What we read, and how (facts about the format are in PRODUCT.md):

* Files are named by a unix timestamp (``1730239200.geojson`` -> 2024-10-29
  22:00 UTC) or carry a date in the name. Without one, a history API wrapper
  ``{"id": <timestamp>, "datetime": ..., "map": {FeatureCollection}}`` gives
  the instant; else ``options.ask_date`` is asked; else the file is refused.
* Each feature's ``name`` is ``"<Ukrainian> /// <English> /// geoJSON.<key>"``
  (spring 2024 on; stray no-break spaces and newlines are common). Older
  files have no key: they are classified by the English (or Ukrainian) words
  and the fill colour instead, and the file gets one info saying so.
* Sides: ``UA`` (Ukrainian-held, blue) and ``RU`` (Russian-held, red).

  ===========================================  ==================================
  source                                       becomes
  ===========================================  ==================================
  ``status.dismissed``, fill ``#01579b``        area, side UA, status controlled
  (or the lighter recent ``#0288d1``)
  ``status.dismissed``, fill ``#0f9d58``        not imported: Ukrainian territory
                                               freed in 2022, counted in one info
  ``status.occupied``                          area, side RU, status controlled
  ``status.unknown`` (grey)                    area, **no side** (None), status
                                               contested
  ``status.attack_direction`` or a Point       movement (attack), a line of
  named "Direction of attack"                  ARROW_LENGTH_M ending at the point
  ``units.*``                                  annotation (point) with the unit's
                                               English name as text, no side
  ``territories.*`` (Crimea, ORDLO, ...)       ignored, one info per file
  ===========================================  ==================================

  Contested ground belongs to no side, so its ``side`` is None (statistics
  list it under the side ""). Unit markers get no side either: the key does
  not say whose unit it is.
* ``options.side_mapping`` overrides the side of an area, looked up by its key
  (``"status.dismissed"``) and then by its fill colour (``"#0f9d58"``); a
  mapping to ``""`` drops such areas. A ``status.dismissed`` fill we do not
  know is imported as UA with a warning.
* Arrow direction: the ``description`` (or ``icon``) reads ``{icon=arrow_N}``;
  N is read as the heading in whole degrees clockwise from north (0 north,
  90 east, 180 south), taken modulo 360. This reading is our assumption about
  DeepState's icon set; ``bearing_from_icon`` is the one place to change it.
  Arrows are side RU unless their name says Ukrainian.
* Speed: a whole-front file is ~600 kB but an area of interest covers a small
  part, so each feature's bounding box is taken from the raw coordinates
  (numpy) and features missing the area are dropped before any shapely
  geometry is built.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from pyproj import Geod
from shapely.geometry.base import BaseGeometry

from ..core.errors import KurskTrackerError
from ..core.import_result import ImportResult, SituationFeature, SnapshotData
from ..core.series import AreaStatus, FeatureKind, MovementKind, Side
from ..core.text import tr
from .base import BBox, Feedback, ImportOptions
from .dates import date_from_name
from .normalize import normalise_snapshot
from .safe_files import load_json

UA = Side("UA", {"en": "Ukraine", "de": "Ukraine"}, "#1f5fbf")
RU = Side("RU", {"en": "Russia", "de": "Russland"}, "#c8102e")

SOURCE = "DeepStateMap"
ARROW_LENGTH_M = 5000.0
"""Length of an attack arrow drawn from a direction marker (the source has a point only)."""
MAX_BYTES = 64 * 1024 * 1024
"""Far above a whole-front file (~600 kB); guards against reading something else."""
SNIFF_BYTES = 64 * 1024

FILL_2022 = "#0f9d58"
FILLS_UA_RECENT = frozenset({"#01579b", "#0288d1"})
FILLS_OCCUPIED = frozenset({"#a52714", "#ff5252", "#880e4f"})
FILLS_UNKNOWN = frozenset({"#bcaaa4", "#bdbdbd"})

# Categories a feature falls into.
UA_AREA = "ua_area"
UA_2022 = "ua_2022"
RU_AREA = "ru_area"
CONTESTED = "contested"
ARROW = "arrow"
UNIT = "unit"
TERRITORY = "territory"
UNRECOGNISED = "unrecognised"

_ICON = re.compile(r"arrow_(-?\d+(?:\.\d+)?)")
_STYLE_COLOUR = re.compile(r"-([0-9a-fA-F]{6})-")
_UKRAINIAN_SIDE = re.compile(r"ukrain|\bzsu\b|\bafu\b|\buaf\b|зсу|україн", re.IGNORECASE)
_GEOD = Geod(ellps="WGS84")
# Lat/lon margin around the area of interest for arrow heads: the tail of an
# arrow whose head is just outside may still cross into the area.
_ARROW_MARGIN_DEG = 0.1


def looks_like(path: Path) -> bool:
    """A .geojson/.json whose start or end carries DeepState's My Maps styling or name keys.

    Geometry comes before properties in these files, so a long first polygon
    can push every name past the head: the tail is read too.
    """
    if path.suffix.lower() not in (".geojson", ".json") or not path.is_file():
        return False
    try:
        with path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES)
            size = handle.seek(0, 2)
            handle.seek(max(len(head), size - SNIFF_BYTES))
            tail = handle.read(SNIFF_BYTES)
    except OSError:
        return False
    return any(
        marker in chunk for chunk in (head, tail) for marker in (b'"styleUrl"', b"///", b"geoJSON.status")
    )


def bearing_from_icon(text: str) -> float | None:
    """``{icon=arrow_135}`` -> 135.0 (degrees clockwise from north); None without an arrow icon."""
    match = _ICON.search(text or "")
    if match is None:
        return None
    return float(match.group(1)) % 360.0


def split_name(name: object) -> tuple[str, str | None]:
    """(English part, key without "geoJSON.") of a DeepState name; key None for older names."""
    if not isinstance(name, str):
        return "", None
    parts = [part.strip(" \t\r\n\xa0") for part in name.split("///")]
    key = None
    if parts and parts[-1].lower().startswith("geojson."):
        prefix = len("geojson.")
        key = parts.pop()[prefix:].strip()
    english = parts[1] if len(parts) >= 2 else (parts[0] if parts else "")
    return english, key


def fill_of(properties: dict[str, Any]) -> str:
    """The fill colour as lower-case #rrggbb; the styleUrl's colour when fill is missing."""
    fill = properties.get("fill")
    if isinstance(fill, str) and fill.strip():
        return fill.strip().lower()
    match = _STYLE_COLOUR.search(str(properties.get("styleUrl") or ""))
    return f"#{match.group(1).lower()}" if match else ""


def _classify_by_key(key: str, fill: str) -> str:
    if key.startswith("status.dismissed"):
        return UA_2022 if fill == FILL_2022 else UA_AREA
    if key.startswith("status.occupied"):
        return RU_AREA
    if key.startswith("status.unknown"):
        return CONTESTED
    if key.startswith("status.attack_direction"):
        return ARROW
    if key.startswith("units"):
        return UNIT
    if key.startswith("territories"):
        return TERRITORY
    return UNRECOGNISED


def _classify_by_words(english: str, whole_name: str, fill: str, is_point: bool) -> str:
    """Older names without a key: words first, then the fill colour."""
    words = f"{english} {whole_name}".lower()
    if "direction of attack" in words or "напрямок" in words:
        return ARROW
    if any(w in words for w in ("crimea", "cadr", "calr", "ordlo", "крим", "ордло")):
        return TERRITORY
    if is_point:
        return UNRECOGNISED
    if "unknown" in words or "невідом" in words:
        return CONTESTED
    if any(w in words for w in ("liberated", "deoccupied", "dismissed", "звільн", "деокуп")):
        return UA_2022 if fill == FILL_2022 else UA_AREA
    if "occupied" in words or "окупов" in words:
        return RU_AREA
    if fill in FILLS_UNKNOWN:
        return CONTESTED
    if fill == FILL_2022:
        return UA_2022
    if fill in FILLS_UA_RECENT:
        return UA_AREA
    if fill in FILLS_OCCUPIED:
        return RU_AREA
    return UNRECOGNISED


# ---------------------------------------------------------------- geometry ---


def _ring_array(ring: Any) -> np.ndarray:
    """A ring or line of [lon, lat(, z)] as an (n, 2) float array; ValueError if unreadable."""
    try:
        array = np.asarray(ring, dtype=np.float64)
    except (ValueError, TypeError):
        # Mixed 2D/3D positions make a ragged list: take lon and lat one by one.
        array = np.asarray([position[:2] for position in ring], dtype=np.float64)
    if array.ndim != 2 or array.shape[1] < 2 or len(array) == 0:
        raise ValueError("bad positions")
    return array[:, :2]


class _Parts:
    """Polygons (as lists of ring arrays) and points of one feature's geometry."""

    def __init__(self) -> None:
        self.polygons: list[list[np.ndarray]] = []
        self.points: list[np.ndarray] = []

    def add(self, geometry: Any, depth: int = 0) -> None:
        if not isinstance(geometry, dict) or depth > 4:
            raise ValueError("bad geometry")
        kind = geometry.get("type")
        coordinates: Any = geometry.get("coordinates")  # JSON; a missing one fails as TypeError
        if kind == "Polygon":
            self.polygons.append([_ring_array(ring) for ring in coordinates])
        elif kind == "MultiPolygon":
            for polygon in coordinates:
                self.polygons.append([_ring_array(ring) for ring in polygon])
        elif kind == "Point":
            self.points.append(_ring_array([coordinates]))
        elif kind == "MultiPoint":
            self.points.append(_ring_array(coordinates))
        elif kind == "GeometryCollection":
            for member in geometry.get("geometries") or ():
                self.add(member, depth + 1)
        elif kind in ("LineString", "MultiLineString"):
            pass  # DeepState draws no lines we map; ignored like other styling
        else:
            raise ValueError("bad geometry")


def _bounds_hit(array: np.ndarray, box: BBox) -> bool:
    xmin, ymin, xmax, ymax = box
    xs = array[:, 0]
    ys = array[:, 1]
    return not (xs.max() < xmin or xs.min() > xmax or ys.max() < ymin or ys.min() > ymax)


def _polygons_in(parts: _Parts, box: BBox | None) -> BaseGeometry | None:
    """The feature's polygons whose exterior box meets the area, as one shapely geometry."""
    kept = [
        rings
        for rings in parts.polygons
        if rings and len(rings[0]) >= 4 and (box is None or _bounds_hit(rings[0], box))
    ]
    if not kept:
        return None
    built = []
    for rings in kept:
        holes = [ring for ring in rings[1:] if len(ring) >= 4]
        built.append(shapely.Polygon(rings[0], holes))
    return built[0] if len(built) == 1 else shapely.MultiPolygon(built)


def _widen(box: BBox | None, margin: float) -> BBox | None:
    if box is None:
        return None
    return (box[0] - margin, box[1] - margin, box[2] + margin, box[3] + margin)


def arrow_line(
    lon: float, lat: float, bearing: float, length_m: float = ARROW_LENGTH_M
) -> shapely.LineString:
    """A line from tail to head ending at (lon, lat), heading ``bearing`` degrees from north."""
    tail_lon, tail_lat, _ = _GEOD.fwd(lon, lat, (bearing + 180.0) % 360.0, length_m)
    return shapely.LineString([(tail_lon, tail_lat), (lon, lat)])


# ------------------------------------------------------------------ reading ---


def _feature_collection(data: object) -> tuple[list[Any] | None, dict[str, Any]]:
    """The features, and the history API wrapper around them if any."""
    if isinstance(data, dict) and isinstance(data.get("map"), dict):
        wrapper = data
        data = data["map"]
    else:
        wrapper = {}
    if isinstance(data, dict) and isinstance(data.get("features"), list):
        return data["features"], wrapper
    return None, wrapper


def _date_from_wrapper(wrapper: dict[str, Any]) -> dt.datetime | None:
    """The history API's ``id`` is the snapshot's unix timestamp; ``datetime`` may be ISO."""
    value = wrapper.get("id")
    if isinstance(value, (int, float)) and 1e9 <= value < 1e10:
        return dt.datetime.fromtimestamp(value, tz=dt.timezone.utc)
    text = wrapper.get("datetime")
    if isinstance(text, str):
        try:
            instant = dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
        except ValueError:
            return None
        return instant if instant.tzinfo else instant.replace(tzinfo=dt.timezone.utc)
    return None


# --------------------------------------------------------------- one file ---


class _FileReport:
    """Counts per file, turned into one message each instead of one per feature."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.keyless = 0
        self.unknown_fills: set[str] = set()
        self.no_direction = 0
        self.unreadable = 0

    def flush(self, path: Path, result: ImportResult) -> None:
        if self.keyless:
            result.info(
                path,
                tr(
                    "{n} features have no DeepState key in their name; classified by "
                    "their English name or fill colour"
                ).format(n=self.keyless),
            )
        if self.counts[UA_2022]:
            result.info(
                path,
                tr("{n} areas freed by Ukraine in 2022 (fill {fill}) not imported as held areas").format(
                    n=self.counts[UA_2022], fill=FILL_2022
                ),
            )
        if self.counts[TERRITORY]:
            result.info(
                path,
                tr("{n} territory outlines (Crimea and the like) ignored").format(n=self.counts[TERRITORY]),
            )
        if self.unknown_fills:
            result.warn(
                path,
                tr("unknown colours of liberated areas, imported as {side}: {colours}").format(
                    side=UA.code, colours=", ".join(sorted(self.unknown_fills))
                ),
            )
        if self.no_direction:
            result.warn(
                path, tr("{n} attack directions without an arrow icon skipped").format(n=self.no_direction)
            )
        if self.counts[UNRECOGNISED]:
            result.info(
                path,
                tr("{n} features of no known DeepState kind skipped").format(n=self.counts[UNRECOGNISED]),
            )
        if self.unreadable:
            result.warn(path, tr("{n} features with unreadable geometry skipped").format(n=self.unreadable))


def _area_side(
    category: str, key: str | None, fill: str, options: ImportOptions
) -> tuple[bool, str | None, str]:
    """(import it?, side, status) of an area, the user's mapping first."""
    status = AreaStatus.CONTESTED.value if category == CONTESTED else AreaStatus.CONTROLLED.value
    for source in (key, f"geoJSON.{key}" if key else None, fill):
        if source and source in options.side_mapping:
            side = options.side_mapping[source]
            return bool(side), side or None, status
    if category == UA_2022:
        return False, None, status
    if category == CONTESTED:
        return True, None, status
    return True, (UA.code if category == UA_AREA else RU.code), status


def _inside(box: BBox | None, lon: float, lat: float) -> bool:
    return box is None or (box[0] <= lon <= box[2] and box[1] <= lat <= box[3])


def _category_of(
    properties: dict[str, Any], geometry: Any, report: _FileReport
) -> tuple[str, str, str | None, str]:
    """(category, English name, DeepState key, fill colour) of one feature, counted in `report`."""
    name = properties.get("name")
    english, key = split_name(name)
    fill = fill_of(properties)
    is_point = isinstance(geometry, dict) and geometry.get("type") in ("Point", "MultiPoint")
    if key is not None:
        category = _classify_by_key(key, fill)
        if category == UNRECOGNISED and english.lower() == "direction of attack":
            category = ARROW
    else:
        report.keyless += 1
        category = _classify_by_words(english, str(name or ""), fill, is_point)
    report.counts[category] += 1
    return category, english, key, fill


def _held_area(
    category: str, key: str | None, fill: str, options: ImportOptions, report: _FileReport
) -> tuple[bool, str | None, str]:
    """(wanted, side, status) of an area category; a liberated area's unknown colour is noted."""
    wanted, side, status = _area_side(category, key, fill, options)
    if (
        wanted
        and category == UA_AREA
        and fill
        and fill not in FILLS_UA_RECENT
        and fill not in options.side_mapping
    ):
        report.unknown_fills.add(fill)
    return wanted, side, status


def _arrows(
    parts: _Parts,
    english: str,
    key: str | None,
    properties: dict[str, Any],
    box: BBox | None,
    report: _FileReport,
) -> list[SituationFeature]:
    """One movement per arrow point inside `box`, pointing as its icon says (none without one)."""
    bearing = bearing_from_icon(
        str(properties.get("description") or "") + " " + str(properties.get("icon") or "")
    )
    if bearing is None:
        report.no_direction += 1
        return []
    side = UA.code if _UKRAINIAN_SIDE.search(english) or "ukrain" in (key or "") else RU.code
    label = "" if english.lower() == "direction of attack" else english
    return [
        SituationFeature(
            FeatureKind.MOVEMENTS,
            arrow_line(float(lon), float(lat), bearing),
            side,
            {"kind": MovementKind.ATTACK.value, "label": label},
        )
        for points in parts.points
        for lon, lat in points
        if _inside(box, lon, lat)
    ]


def _units(parts: _Parts, english: str, box: BBox | None) -> list[SituationFeature]:
    """One annotation per unit point inside `box`."""
    return [
        SituationFeature(
            FeatureKind.ANNOTATIONS, shapely.Point(float(lon), float(lat)), None, {"text": english}
        )
        for points in parts.points
        for lon, lat in points
        if _inside(box, lon, lat)
    ]


def _features_of(
    features: list[Any], path: Path, options: ImportOptions, result: ImportResult
) -> list[SituationFeature]:
    box = options.area_of_interest
    arrow_box = _widen(box, _ARROW_MARGIN_DEG)
    report = _FileReport()
    out: list[SituationFeature] = []
    for raw in features:
        if not isinstance(raw, dict):
            report.unreadable += 1
            continue
        properties = raw.get("properties")
        if not isinstance(properties, dict):
            properties = {}
        geometry = raw.get("geometry")
        category, english, key, fill = _category_of(properties, geometry, report)
        if category in (TERRITORY, UNRECOGNISED):
            continue
        side: str | None = None
        status = ""
        if category in (UA_2022, UA_AREA, RU_AREA, CONTESTED):
            wanted, side, status = _held_area(category, key, fill, options, report)
            if not wanted:
                continue
        parts = _Parts()
        try:
            parts.add(geometry)
        except (ValueError, TypeError, IndexError, AttributeError):
            report.unreadable += 1
            continue
        if category == ARROW:
            out.extend(_arrows(parts, english, key, properties, arrow_box, report))
        elif category == UNIT:
            out.extend(_units(parts, english, box))
        else:
            polygons = _polygons_in(parts, box)
            if polygons is not None:
                out.append(SituationFeature(FeatureKind.AREAS, polygons, side, {"status": status}))
    report.flush(path, result)
    return out


def _read_file(
    path: Path, instant: dt.datetime | None, options: ImportOptions, result: ImportResult
) -> SnapshotData | None:
    try:
        data = load_json(path, max_bytes=MAX_BYTES)
    except KurskTrackerError as error:
        result.error(path, str(getattr(error, "problem", "") or error))
        return None
    features, wrapper = _feature_collection(data)
    if features is None:
        result.error(path, tr("not a GeoJSON FeatureCollection"))
        return None
    if instant is None:
        instant = _date_from_wrapper(wrapper)
    if instant is None and options.ask_date is not None:
        instant = options.ask_date(path)
    if instant is None:
        result.error(path, tr("no date in the file name or the file"))
        return None
    snapshot = SnapshotData(valid_at=instant, source=SOURCE, origin=str(path))
    snapshot.features = _features_of(features, path, options, result)
    return normalise_snapshot(snapshot, options.area_of_interest, result)


def import_files(paths: list[Path], options: ImportOptions, feedback: Feedback) -> ImportResult:
    result = ImportResult(sides=[UA, RU])
    taken: dict[dt.datetime, Path] = {}
    for _index, path in feedback.each(paths, result):
        try:
            instant = date_from_name(path.name, options.epoch, options.timezone)
        except (ValueError, OverflowError):
            instant = None
        # A duplicate named date is refused before the file is read at all.
        if instant is not None and instant in taken:
            result.error(path, tr("same date as {other}; skipped").format(other=taken[instant].name))
        else:
            try:
                snapshot = _read_file(path, instant, options, result)
            except Exception as error:  # one bad file must not end the import
                result.error(path, tr("cannot be imported: {reason}").format(reason=error))
                snapshot = None
            if snapshot is not None:
                if snapshot.valid_at in taken:
                    result.error(
                        path, tr("same date as {other}; skipped").format(other=taken[snapshot.valid_at].name)
                    )
                else:
                    taken[snapshot.valid_at] = path
                    result.snapshots.append(snapshot)
    return result
