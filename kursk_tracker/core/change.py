"""Ground gained and lost by each side between two situations, in km²."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .stats import area_km2

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

HELD_STATUSES = ("controlled", "pocket")
"""Statuses that count as ground a side holds; contested and claimed ground does not."""

# Patches smaller than this (km²) are slivers of redrawn outlines, not changes.
MIN_PATCH_KM2 = 0.01
KM_PER_DEGREE = 111.32
"""Near enough on the equator, and along a meridian, to tell a sliver from a patch (see `_candidates`)."""


@dataclass(frozen=True)
class Change:
    side: str
    kind: str
    """"gain" or "loss"."""
    geometry: BaseGeometry
    area_km2: float


def held_by_side(areas: dict[tuple[str, str], BaseGeometry]) -> dict[str, BaseGeometry]:
    """Each side's held ground: the union of its controlled and pocketed areas."""
    import shapely

    parts: dict[str, list[BaseGeometry]] = defaultdict(list)
    for (side, status), geometry in areas.items():
        if side and status in HELD_STATUSES and geometry is not None and not geometry.is_empty:
            parts[side].append(geometry)
    return {side: shapely.union_all(geometries) for side, geometries in parts.items()}


def changes_between(
    before: dict[tuple[str, str], BaseGeometry], after: dict[tuple[str, str], BaseGeometry]
) -> list[Change]:
    """Per side, one gain and one loss (multi)polygon with their geodesic areas."""
    return changes_between_held(held_by_side(before), held_by_side(after))


def changes_between_held(
    held_before: dict[str, BaseGeometry], held_after: dict[str, BaseGeometry]
) -> list[Change]:
    """`changes_between` from each side's held ground (see `held_by_side`)."""
    import shapely

    changes: list[Change] = []
    for side in sorted(set(held_before) | set(held_after)):
        empty = shapely.Polygon()
        old, new = held_before.get(side, empty), held_after.get(side, empty)
        for kind, patch in (("gain", shapely.difference(new, old)), ("loss", shapely.difference(old, new))):
            measured = [(p, area_km2(p)) for p in _candidates(patch)]
            kept = [(p, km2) for p, km2 in measured if km2 >= MIN_PATCH_KM2]
            if kept:
                geometry = shapely.multipolygons([p for p, _km2 in kept])
                changes.append(Change(side, kind, geometry, sum(km2 for _p, km2 in kept)))
    return changes


def _candidates(patch: BaseGeometry) -> list:
    """The polygons of `patch` that may reach MIN_PATCH_KM2.

    A redrawn outline leaves hundreds of slivers; measuring each on the
    ellipsoid is most of the work of a frame. A plain lon/lat estimate, far
    below the threshold for each sliver it drops (a quarter of it; the
    estimate is off by well under 1 % this far from the poles), saves that.
    """
    import numpy as np
    import shapely

    parts = shapely.get_parts(patch)
    parts = parts[(shapely.get_dimensions(parts) == 2) & ~shapely.is_empty(parts)]
    if len(parts) == 0:
        return []
    latitudes = np.radians(shapely.get_y(shapely.centroid(parts)))
    estimate = shapely.area(parts) * KM_PER_DEGREE**2 * np.cos(latitudes)
    return list(parts[estimate >= MIN_PATCH_KM2 / 4])


def net_by_side(changes: list[Change]) -> dict[str, tuple[float, float]]:
    """(gained km², lost km²) per side."""
    totals: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    for change in changes:
        totals[change.side][0 if change.kind == "gain" else 1] += change.area_km2
    return {side: (gain, loss) for side, (gain, loss) in totals.items()}
