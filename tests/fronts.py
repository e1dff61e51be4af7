"""Generators of realistic test fronts for the morph tests and benchmark.

A front is a wiggly line y = g(x) across a strip: one side holds the ground
below it, the other the ground above. A line that is a function of x never
crosses itself, so any wiggle gives valid polygons, and a patch that flips
is a smooth bump added to g over an interval, which leaves the rest of the
line vertex for vertex the same, as real snapshots of a front do.
Coordinates are built in km and placed near Kursk in lon/lat.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import shapely
from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry

Key = tuple[str, str]
UA: Key = ("UA", "controlled")
RU: Key = ("RU", "controlled")
RU_CONTESTED: Key = ("RU", "contested")
UA_POCKET: Key = ("UA", "pocket")

LON0, LAT0 = 35.3, 51.2
KM_PER_DEG_LAT = 111.2


def lonlat(geometry: BaseGeometry) -> BaseGeometry:
    """km around (LON0, LAT0) to lon/lat."""
    kx = KM_PER_DEG_LAT * math.cos(math.radians(LAT0))
    return shapely.transform(geometry, lambda c: c / (kx, KM_PER_DEG_LAT) + (LON0, LAT0))


@dataclass
class FrontPair:
    """Two snapshots' layers, lon/lat."""

    layers0: dict[Key, BaseGeometry]
    layers1: dict[Key, BaseGeometry]
    vertices: int = 0


@dataclass
class DailySeries:
    """Daily states from one weekly snapshot (day 0) to the next (day 7)."""

    days: list[dict[Key, BaseGeometry]] = field(default_factory=list)


def split_strip(x: np.ndarray, y: np.ndarray, height: float) -> dict[Key, BaseGeometry]:
    """UA below the line y(x), RU above it, in a strip ±height km tall."""
    line = np.column_stack([x, y])
    below = Polygon(np.vstack([[[x[0], -height]], line, [[x[-1], -height]]]))
    above = Polygon(np.vstack([[[x[0], height]], line, [[x[-1], height]]]))
    return {UA: lonlat(below), RU: lonlat(above)}


def wiggly_line(
    rng: np.random.Generator, length_km: float, vertices: int, amplitude_km: float
) -> tuple[np.ndarray, np.ndarray]:
    x = np.linspace(0.0, length_km, vertices)
    y = np.zeros_like(x)
    for _ in range(6):
        wavelength = rng.uniform(length_km / 40, length_km / 2)
        y += rng.uniform(0.2, 1.0) * amplitude_km * np.sin(2 * np.pi * x / wavelength + rng.uniform(0, 6.3))
    # Fine wiggle, smoothed so neighbouring vertices do not zig-zag.
    noise = np.convolve(rng.normal(0, amplitude_km * 0.02, len(x)), np.ones(9) / 9, mode="same")
    return x, y + noise


def bump(x: np.ndarray, start: float, width: float, height: float) -> np.ndarray:
    """A smooth bump of `height` km over [start, start + width], zero elsewhere."""
    t = (x - start) / width
    inside = (t > 0) & (t < 1)
    return np.where(inside, height * np.sin(np.pi * np.clip(t, 0, 1)) ** 2, 0.0)


def _intervals(
    rng: np.random.Generator, length_km: float, count: int, width: tuple[float, float]
) -> list[tuple[float, float]]:
    """`count` non-overlapping intervals (start, width) along the front."""
    slots = np.sort(rng.choice(int(length_km // (width[1] + 1)), size=count, replace=False))
    return [(s * (width[1] + 1) + 0.5, rng.uniform(*width)) for s in slots]


def long_front(vertices: int, patches: int, length_km: float, seed: int = 0) -> FrontPair:
    """A front of about `vertices` vertices where `patches` bumps of 1–20 km² flip either way."""
    rng = np.random.default_rng(seed)
    x, y0 = wiggly_line(rng, length_km, vertices // 2, amplitude_km=max(length_km / 80, 1.0))
    y1 = y0.copy()
    for start, width in _intervals(rng, length_km, patches, (2.0, 8.0)):
        y1 += bump(x, start, width, rng.choice([-1, 1]) * rng.uniform(1.0, 5.0))
    height = float(np.abs(np.concatenate([y0, y1])).max()) + 20.0
    return FrontPair(split_strip(x, y0, height), split_strip(x, y1, height), vertices=vertices)


def salient(seed: int = 0) -> FrontPair:
    """A salient of about 200 vertices that widens on one flank and is pushed back on the other."""
    rng = np.random.default_rng(seed)
    x = np.linspace(0.0, 60.0, 100)
    y0 = bump(x, 10.0, 40.0, 25.0) + np.convolve(rng.normal(0, 0.3, len(x)), np.ones(5) / 5, mode="same")
    y1 = y0 + bump(x, 12.0, 12.0, 6.0) - bump(x, 36.0, 10.0, 7.0)
    return FrontPair(split_strip(x, y0, 40.0), split_strip(x, y1, 40.0), vertices=200)


def daily_jumps(seed: int = 0, length_km: float = 80.0, patches: int = 5) -> DailySeries:
    """Eight daily states (day 0 and day 7 are the weekly snapshots) of a front that moves in jumps.

    Each patch of 5–40 km² flips on one random day (1–7); some take a second
    jump further out on a later day, as an advance that goes on does.
    """
    rng = np.random.default_rng(seed)
    x, y0 = wiggly_line(rng, length_km, 800, amplitude_km=1.5)
    jumps: list[tuple[int, np.ndarray]] = []
    for start, width in _intervals(rng, length_km, patches, (5.0, 12.0)):
        direction = rng.choice([-1, 1])
        area = rng.uniform(5.0, 40.0)
        first = int(rng.integers(1, 8))
        jumps.append((first, bump(x, start, width, direction * 2 * area / width)))
        if rng.random() < 0.4:
            more = rng.uniform(5.0, 20.0)
            jumps.append((int(rng.integers(first, 8)), bump(x, start, width, direction * 2 * more / width)))
    days = []
    for day in range(8):
        y = y0 + sum((b for d, b in jumps if d <= day), np.zeros_like(x))
        days.append(split_strip(x, y, 40.0))
    return DailySeries(days)


def random_partition(
    seed: int,
    cells: int = 40,
    flips: float = 0.3,
    keys: tuple[Key | None, ...] = (UA, RU, RU_CONTESTED, UA_POCKET, None),
) -> FrontPair:
    """Random ground partitioned between layers, then random cells handed to another layer.

    Voronoi cells share their edges exactly; owning whole cells gives splits,
    merges, holes, islands and pockets in every combination.
    """
    rng = np.random.default_rng(seed)
    points = shapely.multipoints(rng.uniform(0, 20, (cells, 2)))
    box = shapely.box(0, 0, 20, 20)
    polygons = [
        shapely.intersection(c, box)
        for c in shapely.get_parts(shapely.voronoi_polygons(points, extend_to=box))
    ]
    owner0 = rng.integers(0, len(keys), len(polygons))
    owner1 = owner0.copy()
    flip = rng.random(len(polygons)) < flips
    owner1[flip] = (owner0[flip] + rng.integers(1, len(keys), flip.sum())) % len(keys)

    def layers(owner: np.ndarray) -> dict[Key, BaseGeometry]:
        result: dict[Key, BaseGeometry] = {}
        for index, key in enumerate(keys):
            if key is not None:
                mine = [p for p, o in zip(polygons, owner) if o == index]
                result[key] = lonlat(shapely.union_all(mine)) if mine else Polygon()
        return result

    return FrontPair(layers(owner0), layers(owner1), vertices=0)
