"""Geometry cleaning shared by all importers: 2D, valid, clipped, dissolved."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import cast

import shapely
from shapely.geometry import box
from shapely.geometry.base import BaseGeometry

from ..core.import_result import ImportResult, SituationFeature, SnapshotData
from ..core.series import FeatureKind
from ..core.text import tr
from .base import BBox

# The geometry dimension each kind keeps: 2 polygons, 1 lines, 0 points.
DIMENSION = {
    FeatureKind.AREAS: 2,
    FeatureKind.FRONT_LINES: 1,
    FeatureKind.MOVEMENTS: 1,
    FeatureKind.ANNOTATIONS: 0,
}


def _parts_of_dimension(geometry: BaseGeometry, dimension: int) -> BaseGeometry | None:
    parts = [g for g in shapely.get_parts(geometry) if not g.is_empty]
    flat: list[BaseGeometry] = []
    for part in parts:
        if shapely.get_type_id(part) == 7:  # a collection inside a collection
            flat.extend(shapely.get_parts(part))
        else:
            flat.append(part)
    kept = [g for g in flat if shapely.get_dimensions(g) == dimension and not g.is_empty]
    if not kept:
        return None
    if dimension == 2:
        return shapely.union_all(kept)
    if len(kept) == 1:
        return kept[0]
    # One geometry from a list of parts (the stubs allow an array for array-shaped input).
    return cast(BaseGeometry, shapely.multilinestrings(kept) if dimension == 1 else shapely.multipoints(kept))


_REASON = re.compile(r"^\s*(?P<name>[^\[]+?)\s*(?:\[(?P<x>[-+0-9.eE]+)\s+(?P<y>[-+0-9.eE]+)\])?\s*$")


def _reason_text(reason: str) -> str:
    """GEOS's validity reason ("Self-intersection[35.1 51.1]") in the user's words, with the place."""
    match = _REASON.match(reason or "")
    if match is None:
        return reason
    words = {
        "self-intersection": tr("self-intersection"),
        "ring self-intersection": tr("ring touching itself"),
        "too few points": tr("too few points"),
        "hole lies outside shell": tr("hole outside its polygon"),
        "holes are nested": tr("hole inside a hole"),
        "nested shells": tr("polygon inside a polygon"),
        "interior is disconnected": tr("polygon cut in two by its holes"),
        "duplicate rings": tr("ring given twice"),
        "invalid coordinate": tr("invalid coordinate"),
        "ring is not closed": tr("ring not closed"),
    }
    name = words.get(match.group("name").lower(), match.group("name"))
    if match.group("x") is None:
        return name
    try:
        lon, lat = float(match.group("x")), float(match.group("y"))
    except ValueError:
        return name
    return tr("{problem} at {lat} N, {lon} E").format(problem=name, lat=f"{lat:.4f}", lon=f"{lon:.4f}")


def describe_repair(kind: FeatureKind, reason: str) -> str:
    """What was repaired, for the import summary: "repaired an area: self-intersection at …"."""
    wording = {
        FeatureKind.AREAS: tr("repaired an area: {reason}"),
        FeatureKind.FRONT_LINES: tr("repaired a front line: {reason}"),
        FeatureKind.MOVEMENTS: tr("repaired a movement arrow: {reason}"),
        FeatureKind.ANNOTATIONS: tr("repaired an annotation: {reason}"),
    }.get(kind, tr("repaired a geometry: {reason}"))
    return wording.format(reason=_reason_text(reason))


def clean_geometry(
    geometry: BaseGeometry, kind: FeatureKind, origin: str, result: ImportResult
) -> BaseGeometry | None:
    """2D, valid, of the kind's dimension; repairs are reported, nothing is silently lost."""
    if geometry is None or geometry.is_empty:
        return None
    if shapely.has_z(geometry):
        geometry = shapely.force_2d(geometry)
    dimension = DIMENSION[kind]
    if not geometry.is_valid:
        reason = shapely.is_valid_reason(geometry)
        geometry = shapely.make_valid(geometry)
        result.repaired(origin, describe_repair(kind, reason))
    cleaned = _parts_of_dimension(geometry, dimension)
    if cleaned is None or cleaned.is_empty:
        return None
    if dimension == 2 and not cleaned.is_valid:
        cleaned = shapely.make_valid(cleaned)
    return cleaned


def clip(geometry: BaseGeometry, area_of_interest: BBox | None) -> BaseGeometry | None:
    if area_of_interest is None:
        return geometry
    clipped = shapely.intersection(geometry, box(*area_of_interest))
    return None if clipped.is_empty else clipped


def dissolve_areas(features: list[SituationFeature]) -> list[SituationFeature]:
    """One (multi)polygon per side and status: touching areas of a side merge."""
    groups: dict[tuple[str | None, object], list[SituationFeature]] = defaultdict(list)
    others: list[SituationFeature] = []
    for feature in features:
        if feature.kind == FeatureKind.AREAS:
            groups[(feature.side, feature.attributes.get("status"))].append(feature)
        else:
            others.append(feature)
    dissolved: list[SituationFeature] = []
    for (side, status), members in groups.items():
        union = shapely.union_all([m.geometry for m in members])
        areas = _parts_of_dimension(shapely.make_valid(union), 2)
        if areas is None:
            continue
        attributes = dict(members[0].attributes)
        attributes["status"] = status
        dissolved.append(SituationFeature(FeatureKind.AREAS, areas, side, attributes))
    return dissolved + others


def normalise_snapshot(
    snapshot: SnapshotData, area_of_interest: BBox | None, result: ImportResult
) -> SnapshotData:
    """Clean, clip and dissolve the features of one snapshot in place."""
    kept: list[SituationFeature] = []
    for feature in snapshot.features:
        geometry = clean_geometry(feature.geometry, feature.kind, snapshot.origin, result)
        if geometry is None:
            continue
        geometry = clip(geometry, area_of_interest)
        if geometry is None:
            continue
        geometry = _parts_of_dimension(geometry, DIMENSION[feature.kind])
        if geometry is None:
            continue
        feature.geometry = geometry
        kept.append(feature)
    snapshot.features = dissolve_areas(kept)
    return snapshot
