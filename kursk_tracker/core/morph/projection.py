"""A local metric frame for distances between lon/lat geometries.

The morph measures growth distances in metres, but keeps every set operation
in lon/lat so that boundaries the snapshots share stay bit-identical. The map
between the two is an equirectangular projection scaled at the centre
latitude: it is affine, so it keeps polygons valid, and over a front a few
hundred kilometres tall its scale error (cos φ) stays within a few percent,
which only changes how fast a patch grows, never which ground it covers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

EARTH_RADIUS_M = 6_371_008.8
"""Mean Earth radius (IUGG)."""


@dataclass(frozen=True)
class LocalMetric:
    """Equirectangular metres around (lon0, lat0)."""

    lon0: float
    lat0: float

    @classmethod
    def around(cls, *geometries: BaseGeometry) -> LocalMetric:
        bounds = [g.bounds for g in geometries if g is not None and not g.is_empty]
        if not bounds:
            return cls(0.0, 0.0)
        b = np.array(bounds)
        return cls(float((b[:, 0].min() + b[:, 2].max()) / 2), float((b[:, 1].min() + b[:, 3].max()) / 2))

    @property
    def _scale(self) -> tuple[float, float]:
        k = EARTH_RADIUS_M * math.pi / 180.0
        return k * math.cos(math.radians(self.lat0)), k

    def to_metric(self, geometry: BaseGeometry) -> BaseGeometry:
        sx, sy = self._scale
        return shapely.transform(geometry, lambda c: (c - (self.lon0, self.lat0)) * (sx, sy))

    def to_lonlat(self, geometry: BaseGeometry) -> BaseGeometry:
        sx, sy = self._scale
        return shapely.transform(geometry, lambda c: c / (sx, sy) + (self.lon0, self.lat0))

    def area_m2(self, lonlat_area: float) -> float:
        """Metric area of a planar lon/lat area (degrees²)."""
        sx, sy = self._scale
        return lonlat_area * sx * sy
