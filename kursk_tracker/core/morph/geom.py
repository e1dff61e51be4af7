"""Small geometry helpers shared by the morph modules."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import cast

import numpy as np
import shapely
from shapely.geometry import LinearRing, MultiPolygon, Polygon
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


# --- Assembling a layer from pieces that tile it -----------------------------------------
#
# A frame's layer is the union of its unchanged ground and one piece per patch, all
# interior-disjoint. GEOS overlays of a long front cost milliseconds each, so a frame
# instead sums boundaries: an edge two pieces share cancels, the edges left over are
# the outline of the union. That needs pieces whose shared edges are the same
# segments, so `Assembly` first nodes all of them together (every vertex lying on
# another piece's segment is inserted there), then precomputes, per patch and level,
# the outline paths near the patch, so a frame only links a few paths per patch into
# rings and builds the polygons from arrays.

_SNAP = 1e-11
"""Relative distance (to the coordinates' magnitude) at which a vertex lies on a segment."""


def _oriented_rings(geometry: BaseGeometry) -> list[np.ndarray]:
    """The rings of a (multi)polygon as closed coordinate arrays, shells CCW and holes CW."""
    rings = []
    for polygon in shapely.get_parts(geometry):
        if polygon.is_empty:
            continue
        for i, ring in enumerate([polygon.exterior, *polygon.interiors]):
            c = np.asarray(ring.coords)[:, :2]
            if len(c) < 4:
                continue
            ccw = _area2(c) > 0
            if ccw != (i == 0):
                c = c[::-1]
            rings.append(np.ascontiguousarray(c))
    return rings


def _area2(c: np.ndarray) -> float:
    """Twice the signed area under a path of coordinates (shoelace terms of its segments)."""
    x, y = c[:, 0], c[:, 1]
    return float(np.dot(x[:-1], y[1:]) - np.dot(x[1:], y[:-1]))


Run = tuple[np.ndarray, np.ndarray]
"""Vertex ids of a path, and which of them to output (vertices inserted by noding are dropped)."""


def _runs(path: Run, keep: np.ndarray) -> list[Run]:
    """The runs of consecutive kept edges of a path of vertex ids; a closed path (a ring) wraps."""
    ids, shown = path
    n = len(keep)
    if keep.all():
        return [path]
    if not keep.any():
        return []
    order = np.arange(n)
    if ids[0] == ids[-1]:
        # Start at a dropped edge so that no run wraps around.
        order = (order + int(np.argmin(keep))) % n
    edges = np.flatnonzero(keep[order])
    runs = []
    for group in np.split(edges, np.flatnonzero(np.diff(edges) > 1) + 1):
        positions = order[group]
        s = np.append(shown[positions], True)
        s[0] = True
        runs.append((np.append(ids[positions], ids[positions[-1] + 1]), s))
    return runs


def _leftmost(incoming: np.ndarray, outgoing: list[np.ndarray]) -> int:
    """Index of the outgoing direction that turns most to the left from the incoming one.

    Where an outline touches itself at a vertex, following the leftmost turn traces the
    face on the left only, so rings come out separate, touching at that vertex.
    """
    out = np.asarray(outgoing)
    turn = np.arctan2(incoming[0] * out[:, 1] - incoming[1] * out[:, 0], out @ incoming)
    return int(np.argmax(turn))


def _link(runs: list[Run], coords: np.ndarray) -> list[Run] | None:
    """Join runs of vertex ids end to start into maximal paths (closed ones end where they start).

    None if the runs do not join up (a vertex starts more runs than end there).
    """
    starts: dict[int, list[int]] = {}
    ends: dict[int, int] = {}
    open_runs: list[Run] = []
    result = []
    for r in runs:
        if r[0][0] == r[0][-1]:
            result.append(r)
            continue
        starts.setdefault(int(r[0][0]), []).append(len(open_runs))
        ends[int(r[0][-1])] = ends.get(int(r[0][-1]), 0) + 1
        open_runs.append(r)

    def after(i: int) -> int | None:
        ids = open_runs[i][0]
        following = starts.get(int(ids[-1]))
        if not following:
            return None
        if len(following) == 1:
            return following[0]
        v = coords[ids[-1]]
        return following[_leftmost(v - coords[ids[-2]], [coords[open_runs[j][0][1]] - v for j in following])]

    used = [False] * len(open_runs)
    heads = [i for i, r in enumerate(open_runs) if int(r[0][0]) not in ends]
    for head in heads + list(range(len(open_runs))):
        if used[head]:
            continue
        chain: list[Run] = []
        i: int | None = head
        while i is not None and not used[i]:
            used[i] = True
            chain.append(open_runs[i] if not chain else (open_runs[i][0][1:], open_runs[i][1][1:]))
            i = after(i)
        if i is not None and i != head:
            return None
        result.append((np.concatenate([c[0] for c in chain]), np.concatenate([c[1] for c in chain])))
    return result


def _despike(ring: Run) -> Run | None:
    """A closed ring without spikes (A, B, A: an edge gone over and straight back), None if nothing is left.

    Noding nearly collinear vertices into each other's segments makes such spikes; an
    edge used twice in opposite directions adds nothing to the boundary.
    """
    ids, shown = ring
    if len(ids) > 3 and not (ids[:-2] == ids[2:]).any() and ids[-2] != ids[1]:
        return ring
    stack: list[int] = []
    flags: list[bool] = []
    for v, f in zip(ids[:-1].tolist(), shown[:-1].tolist()):
        if len(stack) >= 2 and stack[-2] == v:
            stack.pop()
            flags.pop()
            continue
        stack.append(v)
        flags.append(f)
    while len(stack) >= 3:
        if stack[-2] == stack[0]:
            del stack[-2:], flags[-2:]
        elif stack[-1] == stack[1]:
            del stack[:2], flags[:2]
        else:
            break
    if len(stack) < 3:
        return None
    return np.array(stack + stack[:1]), np.array([*flags, True])


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
        rings = [_oriented_rings(g) for g in geometries]
        flat = [r for rs in rings for r in rs]
        self.ok = True
        if not flat:
            self.coords = np.zeros((0, 2))
            self._fixed_paths: list[_Path] = []
            self._local: list[dict[tuple[int, ...], list[_Path] | None]] = []
            self._clusters: list[list[int]] = []
            self._member_cluster: list[int] = []
            return
        ids = self._node(flat)
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
        linked = _link(self._split_fixed(fixed_rings, member_keys), self.coords)
        if linked is None:
            self.ok = False
            linked = []
        self._fixed_paths = [self._path(p) for p in linked]
        self._local = [{} for _ in self._clusters]
        for c, ms in enumerate(self._clusters):
            if len(ms) == 1:
                for lv in range(len(members[ms[0]])):
                    self._local_paths(c, (lv,))

    def _keys(self, run: Run) -> np.ndarray:
        """One number per edge of a run, the same whichever way the edge is walked."""
        n = len(self.coords)
        a, b = run[0][:-1], run[0][1:]
        return np.minimum(a, b) * n + np.maximum(a, b)

    def _split_fixed(self, fixed_rings: list[Run], member_keys: list[np.ndarray]) -> list[Run]:
        """The fixed polygon's edges next to each cluster go to `_near`; the rest is returned, to be
        linked once."""
        fixed_keys = [self._keys(r) for r in fixed_rings]
        label = np.full(0, 0)
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
            free_runs += _runs(r, ~hit)
            if hit.any():
                lab = label[np.minimum(pos, len(allk) - 1)]
                for c in np.unique(lab[hit]):
                    self._near[int(c)] += _runs(r, hit & (lab == c))
        self._near_keys = [
            np.concatenate([self._keys(r) for r in runs]) if runs else np.zeros(0, np.int64)
            for runs in self._near
        ]
        return free_runs

    def _path(self, run: Run) -> _Path:
        ids, shown = run
        c = self.coords[ids[shown]]
        return _Path(int(ids[0]), int(ids[-1]), c, _area2(c))

    def _node(self, rings: list[np.ndarray]) -> list[Run]:
        """Vertex ids of each ring after inserting every vertex that lies on a segment."""
        allc = np.concatenate(rings)
        # Complex numbers sort by x then y: a fast one-dimensional unique of the points.
        points, inverse = np.unique(allc[:, 0] + 1j * allc[:, 1], return_inverse=True)
        coords = np.column_stack([points.real, points.imag])
        bounds = np.cumsum([0] + [len(r) for r in rings])
        rids = [inverse[start:end] for start, end in zip(bounds, bounds[1:])]  # one run per ring
        n = len(coords)
        seg = np.concatenate([np.column_stack([r[:-1], r[1:]]) for r in rids])
        seg = np.unique(np.sort(seg, axis=1), axis=0)
        seg = seg[seg[:, 0] != seg[:, 1]]
        tree = shapely.STRtree(shapely.linestrings(coords[seg]))
        pts, hits = tree.query(shapely.points(coords))
        keep = (seg[hits, 0] != pts) & (seg[hits, 1] != pts)
        pts, hits = pts[keep], hits[keep]
        a, b, q = coords[seg[hits, 0]], coords[seg[hits, 1]], coords[pts]
        d = b - a
        length2 = (d * d).sum(axis=1)
        t = ((q - a) * d).sum(axis=1) / np.where(length2 > 0, length2, 1.0)
        length = np.sqrt(np.where(length2 > 0, length2, 1.0))
        cross = np.abs(d[:, 0] * (q - a)[:, 1] - d[:, 1] * (q - a)[:, 0]) / length
        scale = max(float(np.abs(coords).max()), 1.0)
        on = (cross <= _SNAP * scale) & (t > 0) & (t < 1)
        self.coords = coords
        if not on.any():
            return [(r, np.ones(len(r), bool)) for r in rids]
        inserts: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        skey = seg[hits[on], 0] * n + seg[hits[on], 1]
        order = np.lexsort((t[on], skey))
        skey, ts, ps = skey[order], t[on][order], pts[on][order]
        cuts = np.flatnonzero(np.diff(skey)) + 1
        for group in np.split(np.arange(len(skey)), cuts):
            inserts[int(skey[group[0]])] = ps[group]
        del ts
        out = []
        for r in rids:
            lo, hi = np.minimum(r[:-1], r[1:]), np.maximum(r[:-1], r[1:])
            k = lo * n + hi
            where = [i for i, key in enumerate(k.tolist()) if key in inserts]
            if not where:
                out.append((r, np.ones(len(r), bool)))
                continue
            at = np.concatenate([np.full(len(inserts[int(k[i])]), i + 1) for i in where])
            extra = np.concatenate(
                [inserts[int(k[i])] if r[i] < r[i + 1] else inserts[int(k[i])][::-1] for i in where]
            )
            ids = np.insert(r, at, extra)
            shown = np.insert(np.ones(len(r), bool), at, False)
            ring = _despike((ids, shown))
            out.append(ring if ring is not None else (r[:1], np.ones(1, bool)))
        return out

    def _local_paths(self, c: int, levels: tuple[int, ...]) -> list[_Path] | None:
        cache = self._local[c]
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
                runs += _runs(r, ~np.isin(keys(r), twice))
            for r, k in zip(rings, ring_keys):
                runs += _runs(r, ~np.isin(k, twice))
            linked = _link(runs, self.coords)
            if linked is not None:
                paths = [self._path(p) for p in linked]
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
        return following[_leftmost(c[-1] - c[-2], [paths[j].coords[1] - c[-1] for j in following])]

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
