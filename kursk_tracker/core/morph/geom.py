"""Small geometry helpers shared by the morph modules."""

from __future__ import annotations

from collections.abc import Iterable

import shapely
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

EMPTY = Polygon()

_POLYGONAL = (3, 6)  # shapely type ids of Polygon and MultiPolygon


def polygonal(geometry: BaseGeometry | None) -> BaseGeometry:
    """The (multi)polygon part of a geometry, repaired if invalid; empty for none.

    Overlays of polygons that touch can return points and lines beside the
    polygons; a layer keeps only its area.
    """
    if geometry is None or geometry.is_empty:
        return EMPTY
    if not geometry.is_valid:
        geometry = shapely.make_valid(geometry)
    if shapely.get_type_id(geometry) in _POLYGONAL:
        return geometry
    polygons = [
        q
        for p in shapely.get_parts(geometry)
        if shapely.get_type_id(p) in _POLYGONAL
        for q in shapely.get_parts(p)
        if not q.is_empty
    ]
    if not polygons:
        return EMPTY
    if len(polygons) == 1:
        return polygons[0]
    merged = MultiPolygon(polygons)
    return merged if merged.is_valid else polygonal(shapely.union_all(polygons))


def union(geometries: Iterable[BaseGeometry]) -> BaseGeometry:
    parts = [g for g in geometries if g is not None and not g.is_empty]
    if not parts:
        return EMPTY
    if len(parts) == 1:
        return parts[0]
    return polygonal(shapely.union_all(parts))


def parts(geometry: BaseGeometry) -> list[BaseGeometry]:
    """The polygons of a geometry that have an area."""
    return [p for p in shapely.get_parts(polygonal(geometry)) if p.area > 0]
