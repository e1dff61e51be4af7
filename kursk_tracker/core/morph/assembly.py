"""Assembling a layer from pieces that tile it, without GEOS overlays.

A frame's layer is the union of its unchanged ground and one piece per patch, all
interior-disjoint. GEOS overlays of a long front cost milliseconds each, so a frame
instead sums boundaries: an edge two pieces share cancels, the edges left over are
the outline of the union. That needs pieces whose shared edges are the same
segments, so `Assembly` first nodes all of them together (`noding`: every vertex
lying on another piece's segment is inserted there), then precomputes, per patch
and level, the outline paths near the patch, so a frame only links a few paths per
patch into rings and builds the polygons from arrays.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import cast

import numpy as np
import shapely
from shapely.geometry import LinearRing, Polygon
from shapely.geometry.base import BaseGeometry

from .geom import EMPTY
from .noding import Run, area2, kept_runs, leftmost, link_runs, node_rings, oriented_rings


@dataclass
class _Path:
    start: int
    end: int
    coords: np.ndarray
    area2: float


def _edge_sharing_clusters(member_keys: list[np.ndarray]) -> list[list[int]]:
    """Members whose pieces share edges (by their edge keys), grouped: they must be summed together."""
    parent = list(range(len(member_keys)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    if len(member_keys) > 1:
        allk = np.concatenate(member_keys)
        lab = np.concatenate([np.full(len(k), m) for m, k in enumerate(member_keys)])
        order = np.argsort(allk, kind="stable")
        allk, lab = allk[order], lab[order]
        same = np.flatnonzero(allk[1:] == allk[:-1])
        for i in same:
            a, b = find(int(lab[i])), find(int(lab[i + 1]))
            if a != b:
                parent[a] = b
    groups: dict[int, list[int]] = {}
    for m in range(len(member_keys)):
        groups.setdefault(find(m), []).append(m)
    return list(groups.values())


class Assembly:
    """The union of a fixed polygon and, per member, one of its pieces, built without overlays.

    `members[m][l]` is member m's piece at level l; all pieces of a frame and `fixed`
    must be interior-disjoint. `union(levels)` returns the union, or None where the
    outline touches itself (the caller then unions with GEOS).
    """

    def __init__(self, fixed: BaseGeometry, members: list[list[BaseGeometry]]) -> None:
        geometries = [fixed] + [g for levels in members for g in levels]
        owner = [(-1, 0)] + [(m, lv) for m, levels in enumerate(members) for lv in range(len(levels))]
        rings = [oriented_rings(g) for g in geometries]
        flat = [r for rs in rings for r in rs]
        self.ok = True
        self._lock = threading.Lock()
        """Guards the caches of outline paths: frames may be assembled on several threads at once."""
        if not flat:
            self.coords = np.zeros((0, 2))
            self._fixed_paths: list[_Path] = []
            self._local: list[dict[tuple[int, ...], list[_Path] | None]] = []
            self._clusters: list[list[int]] = []
            self._member_cluster: list[int] = []
            return
        self.coords, ids = node_rings(flat)
        # Ring vertex ids per geometry.
        it = iter(ids)
        ring_ids = [[r for r in (next(it) for _ in rs) if len(r[0]) >= 4] for rs in rings]
        fixed_rings = ring_ids[0]
        member_rings: list[list[list[Run]]] = [[] for _ in members]
        for (m, _), rs in zip(owner[1:], ring_ids[1:]):
            member_rings[m].append(rs)
        self._member_rings = member_rings
        member_keys = [
            np.unique(np.concatenate([self._keys(r) for rs in levels for r in rs]))
            if any(levels)
            else np.zeros(0, np.int64)
            for levels in member_rings
        ]
        self._clusters = _edge_sharing_clusters(member_keys)
        self._member_cluster = [0] * len(members)
        for c, ms in enumerate(self._clusters):
            for m in ms:
                self._member_cluster[m] = c
        linked = link_runs(self._split_fixed(fixed_rings, member_keys), self.coords)
        if linked is None:
            self.ok = False
            linked = []
        self._fixed_paths = [self._path(p) for p in linked]
        # Each cluster's paths at a combination of levels are linked when a frame first asks for them
        # (a fraction of a millisecond each): an export uses a few levels of each patch, not all.
        self._local = [{} for _ in self._clusters]

    def _keys(self, run: Run) -> np.ndarray:
        """One number per edge of a run, the same whichever way the edge is walked."""
        n = len(self.coords)
        a, b = run[0][:-1], run[0][1:]
        return np.minimum(a, b) * n + np.maximum(a, b)

    def _split_fixed(self, fixed_rings: list[Run], member_keys: list[np.ndarray]) -> list[Run]:
        """The fixed polygon's edges next to each cluster go to `_near`; the rest is returned, to be
        linked once."""
        fixed_keys = [self._keys(r) for r in fixed_rings]
        label: np.ndarray = np.full(0, 0)
        cluster_keys = [np.unique(np.concatenate([member_keys[m] for m in ms])) for ms in self._clusters]
        if cluster_keys:
            allk = np.concatenate(cluster_keys)
            label = np.concatenate([np.full(len(k), c) for c, k in enumerate(cluster_keys)])
            order = np.argsort(allk)
            allk, label = allk[order], label[order]
        else:
            allk = np.zeros(0, np.int64)
        self._near: list[list[Run]] = [[] for _ in self._clusters]
        free_runs: list[Run] = []
        for r, k in zip(fixed_rings, fixed_keys):
            pos = np.searchsorted(allk, k)
            if len(allk):
                hit = (pos < len(allk)) & (allk[np.minimum(pos, len(allk) - 1)] == k)
            else:
                hit = np.zeros(len(k), bool)
            free_runs += kept_runs(r, ~hit)
            if hit.any():
                lab = label[np.minimum(pos, len(allk) - 1)]
                for c in np.unique(lab[hit]):
                    self._near[int(c)] += kept_runs(r, hit & (lab == c))
        self._near_keys = [
            np.concatenate([self._keys(r) for r in runs]) if runs else np.zeros(0, np.int64)
            for runs in self._near
        ]
        return free_runs

    def _path(self, run: Run) -> _Path:
        ids, shown = run
        c = self.coords[ids[shown]]
        return _Path(int(ids[0]), int(ids[-1]), c, area2(c))

    def _local_paths(self, c: int, levels: tuple[int, ...]) -> list[_Path] | None:
        cache = self._local[c]
        with self._lock:
            if levels in cache:
                return cache[levels]
        keys = self._keys
        rings = [r for m, lv in zip(self._clusters[c], levels) for r in self._member_rings[m][lv]]
        ring_keys = [keys(r) for r in rings]
        near_keys = self._near_keys[c]
        allk = np.concatenate([near_keys, *ring_keys]) if ring_keys else near_keys
        uniq, counts = np.unique(allk, return_counts=True)
        paths: list[_Path] | None = None
        if (counts <= 2).all():
            twice = uniq[counts == 2]
            runs = []
            for r in self._near[c]:
                runs += kept_runs(r, ~np.isin(keys(r), twice))
            for r, k in zip(rings, ring_keys):
                runs += kept_runs(r, ~np.isin(k, twice))
            linked = link_runs(runs, self.coords)
            if linked is not None:
                paths = [self._path(p) for p in linked]
        with self._lock:
            cache[levels] = paths
            if len(self._clusters[c]) > 1 and len(cache) > 256:
                cache.pop(next(iter(cache)))
        return paths

    def union(self, levels: list[int]) -> BaseGeometry | None:
        if not self.ok:
            return None
        paths = list(self._fixed_paths)
        for c, ms in enumerate(self._clusters):
            local = self._local_paths(c, tuple(levels[m] for m in ms))
            if local is None:
                return None
            paths += local
        return _polygons(paths)


def _polygons(paths: list[_Path]) -> BaseGeometry | None:
    """Rings linked from paths, holes put in their shells; None if a vertex is ambiguous."""
    rings = _closed_rings(paths)
    if rings is None:
        return None
    shells = [c for c, a in rings if a > 0]
    holes = [c for c, a in rings if a < 0]
    if not shells:
        return EMPTY if not holes else None
    if len(shells) == 1:
        return _polygon(shells[0], holes)
    owned = _holes_by_shell(shells, holes)
    if owned is None:
        return None
    return shapely.multipolygons([_polygon(s, hs) for s, hs in zip(shells, owned)])


def _closed_rings(paths: list[_Path]) -> list[tuple[np.ndarray, float]] | None:
    """The paths linked into closed rings, each with its signed doubled area (shells > 0 > holes);
    None if a vertex is ambiguous or a ring degenerate."""
    starts: dict[int, list[int]] = {}
    for i, p in enumerate(paths):
        if p.start != p.end:
            starts.setdefault(p.start, []).append(i)

    def after(i: int) -> int | None:
        following = starts.get(paths[i].end)
        if not following:
            return None
        if len(following) == 1:
            return following[0]
        c = paths[i].coords
        return following[leftmost(c[-1] - c[-2], [paths[j].coords[1] - c[-1] for j in following])]

    used = [False] * len(paths)
    rings: list[tuple[np.ndarray, float]] = []
    for i, p in enumerate(paths):
        if used[i]:
            continue
        used[i] = True
        chain, area = [p.coords], p.area2
        j = after(i) if p.start != p.end else i
        while j != i:
            if j is None or used[j]:
                return None
            used[j] = True
            chain.append(paths[j].coords[1:])
            area += paths[j].area2
            j = after(j)
        ring = np.concatenate(chain) if len(chain) > 1 else chain[0]
        if len(ring) < 4:
            # A path that closes on itself in fewer than three vertices: noding made a
            # degenerate edge here, which GEOS sorts out.
            return None
        rings.append((ring, area))
    return rings


def _ring(coords: np.ndarray) -> LinearRing:
    # One ring from one (n, 2) array; the stubs cannot tell that from an array of rings.
    return cast(LinearRing, shapely.linearrings(coords))


def _polygon(shell: np.ndarray, holes: list[np.ndarray]) -> Polygon:
    return shapely.polygons(_ring(shell), [_ring(h) for h in holes] or None)


def _holes_by_shell(shells: list[np.ndarray], holes: list[np.ndarray]) -> list[list[np.ndarray]] | None:
    """Each shell's holes: a hole goes to the smallest shell covering it; None if none does."""
    owned: list[list[np.ndarray]] = [[] for _ in shells]
    if not holes:
        return owned
    shell_polygons = [_polygon(s, []) for s in shells]
    shell_areas = shapely.area(shell_polygons)
    tree = shapely.STRtree(shell_polygons)
    for h in holes:
        hole = _polygon(h, [])
        hits = [int(s) for s in tree.query(hole, predicate="covers")]
        if not hits:
            return None
        owned[min(hits, key=lambda s: shell_areas[s])].append(h)
    return owned
