"""The situation features of one DeepState FeatureCollection, and what the file's report says.

Each feature is classified (`deepstate_classify`) before its geometry is
read; a feature whose raw coordinates miss the area of interest is dropped
before any shapely geometry is built (numpy bounding boxes: a whole-front
file is ~600 kB, an area of interest a small part of it).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from pyproj import Geod
from shapely.geometry.base import BaseGeometry

from ..core.import_result import ImportResult, SituationFeature
from ..core.series import FeatureKind, MovementKind
from ..core.text import tr
from .base import BBox, ImportOptions
from .deepstate_classify import (
    ARROW,
    CONTESTED,
    FILL_2022,
    FILLS_UA_RECENT,
    RU_AREA,
    RU_CODE,
    TERRITORY,
    UA_2022,
    UA_AREA,
    UA_CODE,
    UNIT,
    UNRECOGNISED,
    area_side,
    bearing_from_icon,
    classify_by_key,
    classify_by_words,
    fill_of,
    split_name,
)

ARROW_LENGTH_M = 5000.0
"""Length of an attack arrow drawn from a direction marker (the source has a point only)."""

_UKRAINIAN_SIDE = re.compile(r"ukrain|\bzsu\b|\bafu\b|\buaf\b|зсу|україн", re.IGNORECASE)
_GEOD = Geod(ellps="WGS84")
# Lat/lon margin around the area of interest for arrow heads: the tail of an
# arrow whose head is just outside may still cross into the area.
_ARROW_MARGIN_DEG = 0.1


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


# ------------------------------------------------------ features of a file ---


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
                    side=UA_CODE, colours=", ".join(sorted(self.unknown_fills))
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
        category = classify_by_key(key, fill)
        if category == UNRECOGNISED and english.lower() == "direction of attack":
            category = ARROW
    else:
        report.keyless += 1
        category = classify_by_words(english, str(name or ""), fill, is_point)
    report.counts[category] += 1
    return category, english, key, fill


def _held_area(
    category: str, key: str | None, fill: str, options: ImportOptions, report: _FileReport
) -> tuple[bool, str | None, str]:
    """(wanted, side, status) of an area category; a liberated area's unknown colour is noted."""
    wanted, side, status = area_side(category, key, fill, options)
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
    side = UA_CODE if _UKRAINIAN_SIDE.search(english) or "ukrain" in (key or "") else RU_CODE
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


def features_of(
    features: list[Any], path: Path, options: ImportOptions, result: ImportResult
) -> list[SituationFeature]:
    """The situation features of a file's `features` that meet the area of interest; one message
    per kind of problem goes to `result`."""
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
