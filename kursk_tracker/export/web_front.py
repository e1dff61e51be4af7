"""Where the web page draws the front: which sides' outlines are front, and where none is.

The page draws a side's front as the outline of all the ground it holds (as
`kursk_tracker:frontatdate` gives it). A series whose source draws front lines
draws them for some sides only, and only where the sides meet: a side's area
also ends at a state border or at the edge of the mapped area, which is no
front. So the page receives the sides with front lines and the ground where no
outline is front: everything but a corridor around the drawn front lines and
around the ground that changed hands (where the front moves between snapshots).
A series without any front lines gets neither: every outline is front.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..core.series import Snapshot
from .web_encoding import encode_area

CORRIDOR_DEG = 0.004
"""Half-width of the corridor around drawn front lines and moving ground (about 300–450 m): a
front drawn along the areas' edge lies well inside it."""
SIMPLIFY_DEG = 0.001


def _side_ground(areas: dict, side: str) -> Any:
    import shapely

    parts = [g for (s, _status), g in areas.items() if s == side and g is not None and not g.is_empty]
    return shapely.union_all(parts) if parts else shapely.Polygon()


def front_entry(frames: Any, chosen: Sequence[Snapshot], bounds: Sequence[float]) -> dict[str, Any]:
    """`sides` and `not_front` of the page's `front` (docs/web_data.md), or {} for every outline."""
    import shapely

    sides = sorted({side for s in chosen for side in frames.fronts.get(s.id, {}) if side})
    if not sides:
        return {}
    pieces = []
    for snapshot in chosen:
        for side in sides:
            line = frames.fronts.get(snapshot.id, {}).get(side)
            if line is not None and not line.is_empty:
                pieces.append(shapely.buffer(line, CORRIDOR_DEG))
    for before, after in zip(chosen, chosen[1:]):
        for side in sides:
            moved = shapely.symmetric_difference(
                _side_ground(frames.areas.get(before.id, {}), side),
                _side_ground(frames.areas.get(after.id, {}), side),
            )
            if not moved.is_empty:
                pieces.append(shapely.buffer(moved, CORRIDOR_DEG))
    corridor = shapely.union_all(pieces)
    west, south, east, north = bounds
    dx, dy = (east - west) * 3.0, (north - south) * 3.0
    everywhere = shapely.box(west - dx, south - dy, east + dx, north + dy)
    elsewhere = shapely.simplify(shapely.difference(everywhere, corridor), SIMPLIFY_DEG)
    return {"sides": sides, "not_front": encode_area(elsewhere)}
