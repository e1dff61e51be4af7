"""One changed patch: ground that changes hands, or status, between two snapshots.

A patch is a connected part of the ground one side holds at t1 and did not
hold at t0 (a gain), of the ground nobody holds at t1 that somebody held at t0
(a loss to nobody), or of the ground one side holds at both times under
another status (a swap). A gain or a loss turns over from the front it came
from: the ground gone over at growth distance d is the part of the patch
within d of that front, measured in metres. The side's statuses at t1 divide
the ground gone over (its destinations, one cell each); the ground it takes
is held at t0 by one or more layers (its origins, one cell each), or by
nobody, and each origin cell keeps what the patch has not yet taken. So a
point of a patch belongs to exactly one layer in every frame, the gainers'
shares only grow and each loser's only shrinks: one growth serves both the
gain and the matching losses, and the sides can neither overlap nor leave a
gap between them.

A swap does not move the front: the side holds the ground all along and
only calls it something else (a pocket closing, a contested band settling).
Growing the new status from some edge would draw rings neither snapshot has
(a pocket as an annulus round ground still shown as connected), so a swap
turns over whole, at once.

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

    side: str | None
    """The side that gains the patch (or holds it, for a swap); None when the ground
    becomes nobody's."""
    geometry: BaseGeometry
    """The whole patch, lon/lat."""
    area_km2: float
    source_kind: str
    """What it grows from: "front" (the gainer's old ground), "edge" (the edge of all
    ground held at t0, where the gainer comes in from off the map), "seed" (an island),
    or "swap" (nothing: a change of status turns over whole)."""
    depth_m: float
    """Growth distance at which the patch is complete (0 for a swap)."""
    shares: np.ndarray
    """Area share of each level, 0 at level 0 to 1 at the last, non-decreasing."""
    gained: dict[Key, list[BaseGeometry]] = field(default_factory=dict)
    """Per destination layer and level, the ground gone over to it."""
    kept: dict[Key, list[BaseGeometry]] = field(default_factory=dict)
    """Per origin layer and level, the ground that layer still holds."""
    leads: list[int] = field(default_factory=list)
    """For a swap: the patches its side gains next to it. The swap turns over as soon as
    the first of them starts to grow (a contested band moving on with the front), not at
    a time of its own that would leave ground gone over cut off inside the old band."""

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
    start = float(np.max(shapely.distance(shapely.points(coords), source_m)))
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
    side: str | None,
    geometry: BaseGeometry,
    cells: dict[Key, BaseGeometry],
    destinations: dict[Key, BaseGeometry],
    fronts: list[BaseGeometry],
    edge: BaseGeometry,
    metric: LocalMetric,
    level_step_m: float,
    max_levels: int,
) -> Patch:
    """Precompute the levels of one gained (or lost) patch.

    `cells` are the parts of the patch each origin layer held at t0 and
    `destinations` the parts each layer of the gaining side holds at t1 (none
    for ground that becomes nobody's); `fronts` are the outlines of the gainer's
    layers at t0 (of all ground, for a loss to nobody). Each outline is met as
    the snapshot drew it: an outline of their union would have its vertices
    moved by the overlay, and its contact with the patch fall apart in slivers.
    A patch that touches none of them comes in from `edge`, the outline of all
    ground held at t0 (a side entering the map from beyond it), and only a
    patch touching neither grows from a seed inside.
    """
    touching = [c for c in (contact(geometry, front) for front in fronts) if not c.is_empty]
    source, kind = (touching[0] if len(touching) == 1 else shapely.union_all(touching)), "front"
    if not touching:
        source, kind = contact(geometry, edge), "edge"
    if source.is_empty:
        source, kind = geometry.representative_point(), "seed"
    patch_m = metric.to_metric(geometry)
    # A front digitised every few metres makes buffering slow and its arcs heavy; a
    # fifth of a level step is far below what a frame can show.
    source_m = shapely.simplify(metric.to_metric(source), level_step_m / 5.0)
    reach = depth(patch_m, source_m)
    levels = int(min(max(math.ceil(reach / max(level_step_m, 1e-6)), 1), max_levels))
    single = next(iter(destinations)) if len(destinations) == 1 else None
    gained: dict[Key, list[BaseGeometry]] = {key: [EMPTY] for key in destinations}
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
        reached_m = (
            shapely.buffer(source_m, step)
            if level == 1
            else shapely.buffer(shapely.simplify(reached_m, step / 20.0), step)
        )
        reached = metric.to_lonlat(reached_m)
        piece = polygonal(shapely.intersection(geometry, reached))
        shares.append(min(piece.area / total, 1.0) if total > 0 else 0.0)
        for key, cell in destinations.items():
            # The ground gone over takes the status it has at t1.
            gained[key].append(piece if key == single else polygonal(shapely.intersection(cell, piece)))
        for key, cell in cells.items():
            kept[key].append(polygonal(shapely.difference(cell, reached)))
    for key, cell in destinations.items():
        gained[key].append(geometry if key == single else cell)
    shares.append(1.0)
    for key in kept:
        kept[key].append(EMPTY)
    return Patch(
        side=side,
        geometry=geometry,
        area_km2=metric.area_m2(total) / 1e6,
        source_kind=kind,
        depth_m=reach,
        shares=np.maximum.accumulate(np.array(shares)),
        gained=gained,
        kept=kept,
    )


def build_swap(
    side: str,
    geometry: BaseGeometry,
    cells: dict[Key, BaseGeometry],
    destinations: dict[Key, BaseGeometry],
    metric: LocalMetric,
) -> Patch:
    """A patch of one side's ground that changes status: two levels, before and after."""
    return Patch(
        side=side,
        geometry=geometry,
        area_km2=metric.area_m2(geometry.area) / 1e6,
        source_kind="swap",
        depth_m=0.0,
        shares=np.array([0.0, 1.0]),
        gained={key: [EMPTY, cell] for key, cell in destinations.items()},
        kept={key: [cell, EMPTY] for key, cell in cells.items()},
    )
