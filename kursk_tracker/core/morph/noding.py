"""Polygon rings as paths of shared vertex ids: noded together, cut into runs, linked again.

Rings of pieces that tile a layer share their edges only once every vertex lying
on another ring's segment is inserted there (`node_rings`); then an edge is
one pair of vertex ids whichever ring it belongs to, so shared edges can be
dropped (`kept_runs`) and what is left joined into outlines (`link_runs`).
`assembly` builds polygons from these.
"""

from __future__ import annotations

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

_SNAP = 1e-11
"""Relative distance (to the coordinates' magnitude) at which a vertex lies on a segment."""


def oriented_rings(geometry: BaseGeometry) -> list[np.ndarray]:
    """The rings of a (multi)polygon as closed coordinate arrays, shells CCW and holes CW."""
    rings = []
    for polygon in shapely.get_parts(geometry):
        if polygon.is_empty:
            continue
        for i, ring in enumerate([polygon.exterior, *polygon.interiors]):
            c = np.asarray(ring.coords)[:, :2]
            if len(c) < 4:
                continue
            ccw = area2(c) > 0
            if ccw != (i == 0):
                c = c[::-1]
            rings.append(np.ascontiguousarray(c))
    return rings


def area2(c: np.ndarray) -> float:
    """Twice the signed area under a path of coordinates (shoelace terms of its segments)."""
    x, y = c[:, 0], c[:, 1]
    return float(np.dot(x[:-1], y[1:]) - np.dot(x[1:], y[:-1]))


Run = tuple[np.ndarray, np.ndarray]
"""Vertex ids of a path, and which of them to output (vertices inserted by noding are dropped)."""


def kept_runs(path: Run, keep: np.ndarray) -> list[Run]:
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


def leftmost(incoming: np.ndarray, outgoing: list[np.ndarray]) -> int:
    """Index of the outgoing direction that turns most to the left from the incoming one.

    Where an outline touches itself at a vertex, following the leftmost turn traces the
    face on the left only, so rings come out separate, touching at that vertex.
    """
    out = np.asarray(outgoing)
    turn = np.arctan2(incoming[0] * out[:, 1] - incoming[1] * out[:, 0], out @ incoming)
    return int(np.argmax(turn))


def link_runs(runs: list[Run], coords: np.ndarray) -> list[Run] | None:
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
        return following[leftmost(v - coords[ids[-2]], [coords[open_runs[j][0][1]] - v for j in following])]

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


def despike(ring: Run) -> Run | None:
    """A closed ring without spikes (A, B, A: an edge gone over and straight back), None if nothing is left.

    Noding nearly collinear vertices into each other's segments makes such spikes; an
    edge used twice in opposite directions adds nothing to the boundary.
    """
    ids, shown = ring
    if len(ids) > 3 and not (ids[:-2] == ids[2:]).any() and ids[-2] != ids[1]:
        return ring
    stack: list[int] = []
    flags: list[bool] = []
    for v, f in zip(map(int, ids[:-1]), map(bool, shown[:-1])):
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


def node_rings(rings: list[np.ndarray]) -> tuple[np.ndarray, list[Run]]:
    """The distinct vertices of closed rings, and each ring's vertex ids after inserting every
    vertex that lies on one of their segments (inserted vertices not shown)."""
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
    if not on.any():
        return coords, [(r, np.ones(len(r), bool)) for r in rids]
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
        ring = despike((ids, shown))
        out.append(ring if ring is not None else (r[:1], np.ones(1, bool)))
    return coords, out
