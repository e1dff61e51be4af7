"""One changed patch: the ground one layer gains between two snapshots.

A patch is a connected part of what a layer (or nobody) holds at t1 and did
not hold at t0. It turns over from the front it was gained from: the ground
gone over at growth distance d is the part of the patch within d of that
front, measured in metres. The ground it takes is held at t0 by one or more
layers (the patch's origins, one cell each), or by nobody; each cell keeps
what the patch has not yet taken. So a point of a patch belongs to exactly
one layer in every frame, the gainer's share only grows and each loser's
only shrinks: one growth serves both the gain and the matching losses, and
the sides can neither overlap nor leave a gap between them.

The growth is precomputed as a stack of nested levels, so a frame only picks
a level per patch.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from .geom import EMPTY, polygonal
from .projection import LocalMetric

Key = tuple[str, str]
"""(side, status) of an area layer."""


@dataclass
class Patch:
    """A patch with its precomputed levels of growth."""

    destination: Key | None
    """The layer that gains the patch; None when the ground becomes nobody's."""
    geometry: BaseGeometry
    """The whole patch, lon/lat."""
    area_km2: float
    source_kind: str
    """What it grows from: "front" (the gainer's old ground), "side" (the gainer's side's
    old ground, such as a pocket forming inside held ground), or "seed" (an island)."""
    depth_m: float
    """Growth distance at which the patch is complete."""
    shares: np.ndarray
    """Area share of each level, 0 at level 0 to 1 at the last, non-decreasing."""
    gained: list[BaseGeometry]
    """Per level, the ground gone over to the destination."""
    kept: dict[Key, list[BaseGeometry]] = field(default_factory=dict)
    """Per origin layer and level, the ground that layer still holds."""

    def level_for(self, share: float) -> int:
        """The level whose area share is nearest `share` (monotone in `share`)."""
        i = int(np.searchsorted(self.shares, share))
        if i <= 0:
            return 0
        if i >= len(self.shares):
            return len(self.shares) - 1
        return i if self.shares[i] - share < share - self.shares[i - 1] else i - 1


def contact(patch: BaseGeometry, boundary: BaseGeometry) -> BaseGeometry:
    """The part of a patch's outline that lies on `boundary` (lines, or points where they only touch)."""
    if boundary is None or boundary.is_empty:
        return EMPTY
    minx, miny, maxx, maxy = patch.bounds
    pad = max(maxx - minx, maxy - miny) * 1e-6 + 1e-12
    # Clipping first keeps the overlay small when the layer's outline is long.
    nearby = shapely.clip_by_rect(boundary, minx - pad, miny - pad, maxx + pad, maxy + pad)
    if nearby.is_empty:
        return EMPTY
    shared = shapely.intersection(patch.boundary, nearby)
    pieces = shapely.get_parts(shared)
    lines = [p for p in pieces if shapely.get_type_id(p) in (1, 5)]
    if lines:
        # Overlays return shared outline as many two-point segments; buffering one
        # merged line is many times faster than buffering each segment.
        return shapely.line_merge(shapely.multilinestrings(lines))
    return shapely.multipoints([p for p in pieces if shapely.get_type_id(p) == 0]) if len(pieces) else EMPTY


def depth(patch_m: BaseGeometry, source_m: BaseGeometry) -> float:
    """Smallest growth distance (m) that covers the patch.

    The farthest point from the source can lie inside the patch, between two
    parts of the source, where no vertex is; so the vertex maximum is only a
    start, checked by buffering and raised by bisection if the buffer leaves
    ground uncovered.
    """
    coords = shapely.get_coordinates(patch_m)
    start = float(shapely.distance(shapely.points(coords), source_m).max())
    # Buffers are inscribed polygons (8 segments a quarter circle): 1 % more reaches the arcs.
    margin = 1.01

    def covers(d: float) -> bool:
        rest = shapely.difference(patch_m, shapely.buffer(source_m, d))
        return rest.area <= patch_m.area * 1e-9

    if covers(start * margin + 1.0):
        return start * margin + 1.0
    low, high = start, max(start * 2.0, 1.0)
    while not covers(high):
        low, high = high, high * 2.0
    for _ in range(20):
        middle = (low + high) / 2.0
        if covers(middle):
            high = middle
        else:
            low = middle
        if high - low < 1.0:
            break
    return high * margin + 1.0


def build_patch(
    destination: Key | None,
    geometry: BaseGeometry,
    cells: dict[Key, BaseGeometry],
    front: BaseGeometry,
    side_front: BaseGeometry,
    metric: LocalMetric,
    level_step_m: float,
    max_levels: int,
) -> Patch:
    """Precompute the levels of one patch.

    `cells` are the parts of the patch each origin layer held at t0; `front`
    is the outline of the destination's ground at t0 and `side_front` that of
    its side's ground (other statuses included), tried when `front` misses.
    """
    source, kind = contact(geometry, front), "front"
    if source.is_empty:
        source, kind = contact(geometry, side_front), "side"
    if source.is_empty:
        source, kind = geometry.representative_point(), "seed"
    patch_m = metric.to_metric(geometry)
    # A front digitised every few metres makes buffering slow and its arcs heavy; a
    # fifth of a level step is far below what a frame can show.
    source_m = shapely.simplify(metric.to_metric(source), level_step_m / 5.0)
    reach = depth(patch_m, source_m)
    levels = int(min(max(math.ceil(reach / max(level_step_m, 1e-6)), 1), max_levels))
    gained: list[BaseGeometry] = [EMPTY]
    kept: dict[Key, list[BaseGeometry]] = {key: [cell] for key, cell in cells.items()}
    total = geometry.area
    shares = [0.0]
    step = reach / levels
    reached_m = EMPTY
    for level in range(1, levels):
        # Each level grows the previous one by a step: the same ground as buffering the source
        # by the whole distance (disks add up), but the offset of a wiggly front by kilometres
        # is slow to node, one step of an already smooth outline is not. Simplifying by a
        # twentieth of a step first keeps the vertex count flat and the levels nested.
        reached_m = (shapely.buffer(source_m, step) if level == 1
                     else shapely.buffer(shapely.simplify(reached_m, step / 20.0), step))
        reached = metric.to_lonlat(reached_m)
        piece = polygonal(shapely.intersection(geometry, reached))
        gained.append(piece)
        shares.append(min(piece.area / total, 1.0) if total > 0 else 0.0)
        for key, cell in cells.items():
            kept[key].append(polygonal(shapely.difference(cell, reached)))
    gained.append(geometry)
    shares.append(1.0)
    for key in kept:
        kept[key].append(EMPTY)
    return Patch(
        destination=destination,
        geometry=geometry,
        area_km2=metric.area_m2(total) / 1e6,
        source_kind=kind,
        depth_m=reach,
        shares=np.maximum.accumulate(np.array(shares)),
        gained=gained,
        kept=kept,
    )
