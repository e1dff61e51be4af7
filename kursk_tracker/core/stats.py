"""Held area per side and status per snapshot, in km² on the WGS84 ellipsoid.

Areas are geodesic (pyproj's Geod, Karney's algorithm), the measure QGIS's
QgsDistanceArea gives with the WGS84 ellipsoid.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import shapely
from shapely.geometry.base import BaseGeometry

from .series import Series
from .timefmt import iso_utc


@lru_cache(maxsize=1)
def _geod():
    from pyproj import Geod

    return Geod(ellps="WGS84")


def _ring_km2(ring) -> float:
    lons, lats = ring.coords.xy
    area, _perimeter = _geod().polygon_area_perimeter(lons, lats)
    return abs(area) / 1e6


def area_km2(geometry: BaseGeometry) -> float:
    """Geodesic area of a lon/lat (multi)polygon in km²: each shell less its holes."""
    if geometry is None or geometry.is_empty:
        return 0.0
    total = 0.0
    for polygon in shapely.get_parts(geometry):
        if shapely.get_dimensions(polygon) != 2:
            continue
        total += _ring_km2(polygon.exterior) - sum(_ring_km2(hole) for hole in polygon.interiors)
    return total


@dataclass(frozen=True)
class AreaRow:
    snapshot_id: int
    valid_at: str
    """UTC, ISO 8601."""
    week: int
    side: str
    """"" for areas no side holds (contested grey zone without a side)."""
    status: str
    area_km2: float
    change_km2: float
    """Since the previous snapshot (the first snapshot: its whole area)."""


AreaInput = tuple[int, "str | None", "str | None", BaseGeometry]
"""(snapshot_id, side, status, geometry) of one area feature."""


def area_table(series: Series, areas: Iterable[AreaInput]) -> list[AreaRow]:
    """Rows per snapshot, side and status from (snapshot_id, side, status, geometry)."""
    totals: dict[int, dict[tuple[str, str], float]] = defaultdict(lambda: defaultdict(float))
    for snapshot_id, side, status, geometry in areas:
        totals[snapshot_id][(side or "", status or "")] += area_km2(geometry)
    rows: list[AreaRow] = []
    previous: dict[tuple[str, str], float] = {}
    for snapshot in series.sorted_snapshots():
        current = totals.get(snapshot.id, {})
        for key in sorted(set(current) | set(previous)):
            area = current.get(key, 0.0)
            rows.append(
                AreaRow(
                    snapshot.id,
                    iso_utc(snapshot.valid_at),
                    series.week_of(snapshot.valid_at),
                    key[0],
                    key[1],
                    area,
                    area - previous.get(key, 0.0),
                )
            )
        previous = dict(current)
    return rows


def held_by_side(
    rows: Iterable[AreaRow], snapshot_id: int, statuses: tuple[str, ...] = ("controlled", "pocket")
) -> dict[str, float]:
    """Area each side holds in one snapshot (controlled and pocketed ground)."""
    held: dict[str, float] = defaultdict(float)
    for row in rows:
        if row.snapshot_id == snapshot_id and row.status in statuses and row.side:
            held[row.side] += row.area_km2
    return dict(held)
