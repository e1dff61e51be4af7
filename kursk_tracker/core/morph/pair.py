"""Morphing the areas of two snapshots: precompute once per pair, then frames.

Each layer (side, status) is split into what both snapshots share (never
moves) and the patches that change (see `patch`). A side's gain grows from
the side's old front whatever the statuses at either end: the ground gone
over takes its status at t1, so a contested band at the new front is not
drawn as an island drifting through the side it is taken from. Ground that
becomes nobody's shrinks from the edge it is left at. A change of status
within a side (controlled ground becoming a pocket, a pocket relieved) is a
swap: the patch turns over whole at its time, so the ground stays covered
and no ring of the new status appears around the old one.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from .assembly import Assembly
from .geom import EMPTY, parts, polygonal, union
from .patch import Key, Patch, build_patch, build_swap
from .projection import LocalMetric
from .timing import TIMINGS, eased_share, jump_times

_TOUCH = 1e-9
"""Distance (degrees, a tenth of a millimetre) within which two patches are neighbours."""
_LEAD_SHARE = 0.05
"""A gain leads a swap next to it when at least this share of the swap's size."""


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
    _led: list[int] = field(default_factory=list, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)
    """Guards the caches: frames of one pair may be asked for from several threads at once
    (the export's workers, the panel's map)."""

    def __post_init__(self) -> None:
        self._led = [i for i, p in enumerate(self.patches) if p.leads]
        for key in self.common:
            self._members[key] = [(i, "gained") for i, p in enumerate(self.patches) if key in p.gained] + [
                (i, "kept") for i, p in enumerate(self.patches) if key in p.kept
            ]
            self._cache[key] = OrderedDict()
            self._assembly[key] = Assembly(
                self.common[key], [self._pieces(i, role, key) for i, role in self._members[key]]
            )

    def _pieces(self, i: int, role: str, key: Key) -> list[BaseGeometry]:
        patch = self.patches[i]
        return patch.gained[key] if role == "gained" else patch.kept[key]

    @property
    def keys(self) -> list[Key]:
        return list(self.common)

    def share(self, f: float) -> np.ndarray:
        """Share of each patch's area turned over at time f."""
        shares: np.ndarray
        if self.settings.timing == "linear":
            shares = np.full(len(self.patches), min(max(f, 0.0), 1.0))
        else:
            shares = np.array([eased_share(f, t, self.settings.ease_width) for t in self.times])
        for i in self._led:
            shares[i] = 1.0 if (shares[self.patches[i].leads] > 0.0).any() else 0.0
        return shares

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
        with self._lock:
            hit = cache.get(signature)
            if hit is not None:
                cache.move_to_end(signature)
                return hit
        # Computed outside the lock: two threads may both compute a frame, never corrupt the cache.
        geometry = self._assembly[key].union([levels[i] for i, _ in members])
        if geometry is None:
            # The outline touches itself somewhere: GEOS sorts that out.
            pieces = [self.common[key]] + [self._pieces(i, role, key)[levels[i]] for i, role in members]
            geometry = union(pieces)
        with self._lock:
            cache[signature] = geometry
            cache.move_to_end(signature)
            while len(cache) > 64:
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
    sides = sorted({side for side, _ in keys})
    side0 = {s: union(a0[k] for k in keys if k[0] == s) for s in sides}
    side1 = {s: union(a1[k] for k in keys if k[0] == s) for s in sides}

    edge = held0.boundary
    patches: list[Patch] = []
    # Gains, side by side, then the ground that becomes nobody's.
    for side in [*sides, None]:
        if side is None:
            gained, fronts = shapely.difference(held0, held1), [edge]
            origins = {k: shapely.difference(a0[k], held1) for k in keys}
            targets: dict[Key, BaseGeometry] = {}
        else:
            gained = shapely.difference(side1[side], side0[side])
            fronts = [a0[k].boundary for k in keys if k[0] == side and not a0[k].is_empty]
            origins = {k: shapely.intersection(a0[k], side1[side]) for k in keys if k[0] != side}
            targets = {k: shapely.difference(a1[k], side0[side]) for k in keys if k[0] == side}
        shapes = parts(gained)
        if not shapes:
            continue
        cells = _cells(shapes, origins)
        ends = _cells(shapes, targets)
        for shape, origin_cells, target_cells in zip(shapes, cells, ends):
            patches.append(
                build_patch(
                    side,
                    shape,
                    origin_cells,
                    target_cells,
                    fronts,
                    edge,
                    metric,
                    settings.level_step_m,
                    settings.max_levels,
                )
            )
    # Swaps: ground a side holds at both times under another status.
    for side in sides:
        own = [k for k in keys if k[0] == side]
        origins = {k: shapely.difference(shapely.intersection(a0[k], side1[side]), a1[k]) for k in own}
        shapes = parts(union(origins.values()))
        if not shapes:
            continue
        cells = _cells(shapes, origins)
        ends = _cells(
            shapes, {k: shapely.difference(shapely.intersection(a1[k], side0[side]), a0[k]) for k in own}
        )
        growing = [i for i, p in enumerate(patches) if p.side == side and p.source_kind != "swap"]
        near = shapely.STRtree([patches[i].geometry for i in growing]) if growing else None
        for shape, origin_cells, target_cells in zip(shapes, cells, ends):
            swap = build_swap(side, shape, origin_cells, target_cells, metric)
            if near is not None:
                # Neighbours share an edge, up to the overlays' rounding.
                found = near.query(shape, predicate="dwithin", distance=_TOUCH)
                neighbours = [growing[int(j)] for j in found]
                # Slivers of overlay rounding along the edge lead nothing.
                swap.leads = [j for j in neighbours if patches[j].area_km2 >= _LEAD_SHARE * swap.area_km2]
            patches.append(swap)
    common = {k: polygonal(shapely.intersection(a0[k], a1[k])) for k in keys}
    times = [
        # A swap is one decision (the ring closes, the pocket is relieved): one jump.
        jump_times(
            max(1, round(p.area_km2 / settings.jump_km2))
            if settings.jump_km2 > 0 and p.source_kind != "swap"
            else 1,
            settings.ease_width,
        )
        for p in patches
    ]
    return PairMorph(settings, given0, given1, common, patches, times)


def _cells(shapes: list[BaseGeometry], layers: Mapping[Key, BaseGeometry]) -> list[dict[Key, BaseGeometry]]:
    """Per patch, the part of each layer's ground that lies in it.

    Each layer's ground here lies within the patches: its parts are handed to the
    patch that holds them, found by one point each, not by an overlay per patch.
    """
    found: list[dict[Key, list[BaseGeometry]]] = [{} for _ in shapes]
    tree = shapely.STRtree(shapes)
    for key, region in layers.items():
        for cell in parts(region):
            point = cell.representative_point()
            hits = tree.query(point, predicate="intersects")
            index = int(hits[0]) if len(hits) else int(tree.query_nearest(point)[0])
            found[index].setdefault(key, []).append(cell)
    return [{k: union(v) for k, v in per_patch.items()} for per_patch in found]


def front_lines(frame: Mapping[Key, BaseGeometry]) -> dict[str, BaseGeometry]:
    """Each side's front: the outline of all the ground it holds, statuses merged.

    Borders between statuses of one side are not a front, so the side's
    layers are dissolved first. Ground without a side ("") has no front.
    """
    sides = sorted({side for side, _ in frame if side})
    return {side: union(g for (s, _), g in frame.items() if s == side).boundary for side in sides}


__all__ = ["MorphSettings", "PairMorph", "front_lines", "precompute"]
