"""Morphing the areas of two snapshots: precompute once per pair, then frames.

Each layer (side, status) is split into what both snapshots share (never
moves) and the patches that change hands (see `patch`). Every patch belongs
to the layer that gains it, or to nobody, and is taken from the layers that
held it at t0. A change of status within a side (controlled ground becoming
a pocket) is a patch like any other: the pocket status spreads from the
enemy's edge over the ground it takes, which keeps the ground covered at
every frame instead of flashing.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from .geom import EMPTY, Assembly, parts, polygonal, union
from .patch import Key, Patch, build_patch
from .projection import LocalMetric
from .timing import TIMINGS, eased_share, jump_times


@dataclass(frozen=True)
class MorphSettings:
    """How the front moves between two snapshots."""

    timing: str = "eased"
    """"linear": every patch turns over at an even pace over the whole interval;
    "eased": motion concentrated where a front that moves in jumps most likely moved
    (around mid-interval), see `timing`."""
    ease_width: float = 1.0 / 7.0
    """Share of the interval one jump takes with "eased" timing (default: one day of a week)."""
    jump_km2: float = 50.0
    """Ground a front typically takes at once; "eased" treats larger patches as several jumps."""
    level_step_m: float = 50.0
    """Growth between two precomputed levels of a patch: the finest step a frame shows."""
    max_levels: int = 64
    """At most this many levels per patch (bounds memory and precompute time)."""

    def __post_init__(self) -> None:
        if self.timing not in TIMINGS:
            raise ValueError(f"timing must be one of {', '.join(TIMINGS)}, not {self.timing!r}")


def _disjoint(layers: dict[Key, BaseGeometry]) -> dict[Key, BaseGeometry]:
    """Layers with overlaps removed, earlier keys (in sorted order) winning.

    Snapshot layers should not overlap; where imported data does, the morph
    needs them disjoint to give each point one owner.
    """
    result: dict[Key, BaseGeometry] = {}
    taken: BaseGeometry = EMPTY
    for key in sorted(layers):
        geometry = layers[key]
        if not taken.is_empty and shapely.intersection(geometry, taken).area > 0:
            geometry = polygonal(shapely.difference(geometry, taken))
        result[key] = geometry
        taken = shapely.union(taken, geometry) if not taken.is_empty else geometry
    return result


@dataclass
class PairMorph:
    """The precomputed morph between two snapshots; `frame(f)` is cheap."""

    settings: MorphSettings
    layers0: dict[Key, BaseGeometry]
    layers1: dict[Key, BaseGeometry]
    common: dict[Key, BaseGeometry]
    """Per layer, the ground it holds in both snapshots."""
    patches: list[Patch]
    times: list[np.ndarray]
    """Per patch, its jump times ("eased" timing)."""
    _cache: dict[Key, OrderedDict[tuple[int, ...], BaseGeometry]] = field(default_factory=dict, repr=False)
    _members: dict[Key, list[tuple[int, str]]] = field(default_factory=dict, repr=False)
    _assembly: dict[Key, Assembly] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for key in self.common:
            self._members[key] = [
                (i, "gained") for i, p in enumerate(self.patches) if p.destination == key
            ] + [(i, "kept") for i, p in enumerate(self.patches) if key in p.kept]
            self._cache[key] = OrderedDict()
            self._assembly[key] = Assembly(self.common[key], [self._pieces(i, role, key)
                                                              for i, role in self._members[key]])

    def _pieces(self, i: int, role: str, key: Key) -> list[BaseGeometry]:
        patch = self.patches[i]
        return patch.gained if role == "gained" else patch.kept[key]

    @property
    def keys(self) -> list[Key]:
        return list(self.common)

    def share(self, f: float) -> np.ndarray:
        """Share of each patch's area turned over at time f."""
        if self.settings.timing == "linear":
            return np.full(len(self.patches), min(max(f, 0.0), 1.0))
        return np.array([eased_share(f, t, self.settings.ease_width) for t in self.times])

    def levels(self, f: float) -> list[int]:
        return [p.level_for(s) for p, s in zip(self.patches, self.share(f))]

    def frame(self, f: float) -> dict[Key, BaseGeometry]:
        """Each layer's area at time f in [0, 1] (0: snapshot 0, 1: snapshot 1), lon/lat."""
        if f <= 0.0:
            return dict(self.layers0)
        if f >= 1.0:
            return dict(self.layers1)
        levels = self.levels(f)
        return {key: self._layer(key, levels) for key in self.common}

    def _layer(self, key: Key, levels: list[int]) -> BaseGeometry:
        members = self._members[key]
        signature = tuple(levels[i] for i, _ in members)
        cache = self._cache[key]
        hit = cache.get(signature)
        if hit is not None:
            cache.move_to_end(signature)
            return hit
        geometry = self._assembly[key].union([levels[i] for i, _ in members])
        if geometry is None:
            # The outline touches itself somewhere: GEOS sorts that out.
            pieces = [self.common[key]] + [self._pieces(i, role, key)[levels[i]] for i, role in members]
            geometry = union(pieces)
        cache[signature] = geometry
        if len(cache) > 64:
            cache.popitem(last=False)
        return geometry


def precompute(
    layers0: Mapping[Key, BaseGeometry],
    layers1: Mapping[Key, BaseGeometry],
    settings: MorphSettings | None = None,
) -> PairMorph:
    """Prepare the morph from snapshot 0's layers to snapshot 1's (lon/lat, disjoint)."""
    settings = settings or MorphSettings()
    keys = sorted(set(layers0) | set(layers1))
    given0 = {k: polygonal(layers0.get(k)) for k in keys}
    given1 = {k: polygonal(layers1.get(k)) for k in keys}
    a0, a1 = _disjoint(given0), _disjoint(given1)
    metric = LocalMetric.around(*a0.values(), *a1.values())
    held0, held1 = union(a0.values()), union(a1.values())
    outline0 = {k: a0[k].boundary for k in keys}
    sides = {side for side, _ in keys}
    side_outline0 = {s: union(a0[k] for k in keys if k[0] == s).boundary for s in sides}

    owners: list[Key | None] = [*keys, None]

    patches: list[Patch] = []
    for destination in owners:
        if destination is None:
            gained, front, side_front = shapely.difference(held0, held1), held0.boundary, EMPTY
        else:
            gained = shapely.difference(a1[destination], a0[destination])
            front, side_front = outline0[destination], side_outline0[destination[0]]
        shapes = parts(gained)
        if not shapes:
            continue
        # The cells of each origin, assigned to the patch that holds them.
        cells: list[dict[Key, list[BaseGeometry]]] = [{} for _ in shapes]
        tree = shapely.STRtree(shapes)
        for origin in keys:
            if origin == destination or a0[origin].is_empty:
                continue
            taken = a0[origin] if destination is None else a1[destination]
            region = (
                shapely.difference(a0[origin], held1)
                if destination is None
                else shapely.intersection(a0[origin], taken)
            )
            for cell in parts(region):
                point = cell.representative_point()
                hits = tree.query(point, predicate="intersects")
                index = int(hits[0]) if len(hits) else int(tree.query_nearest(point)[0])
                cells[index].setdefault(origin, []).append(cell)
        for shape, origin_cells in zip(shapes, cells):
            patches.append(
                build_patch(
                    destination,
                    shape,
                    {k: union(v) for k, v in origin_cells.items()},
                    front,
                    side_front,
                    metric,
                    settings.level_step_m,
                    settings.max_levels,
                )
            )
    common = {k: polygonal(shapely.intersection(a0[k], a1[k])) for k in keys}
    times = [
        jump_times(max(1, round(p.area_km2 / settings.jump_km2)) if settings.jump_km2 > 0 else 1,
                   settings.ease_width)
        for p in patches
    ]
    return PairMorph(settings, given0, given1, common, patches, times)


def front_lines(frame: Mapping[Key, BaseGeometry]) -> dict[str, BaseGeometry]:
    """Each side's front: the outline of all the ground it holds, statuses merged.

    Borders between statuses of one side are not a front, so the side's
    layers are dissolved first. Ground without a side ("") has no front.
    """
    sides = sorted({side for side, _ in frame if side})
    return {side: union(g for (s, _), g in frame.items() if s == side).boundary for side in sides}


__all__ = ["MorphSettings", "PairMorph", "front_lines", "precompute"]
