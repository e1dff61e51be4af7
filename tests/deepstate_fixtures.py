"""Writes DeepStateMap-format history files, built from the format facts in PRODUCT.md.

No downloaded data: shapes are made up but placed where the real ones are
(Kursk salient at Sudzha, the occupied south and east, the areas freed in
2022 around Kharkiv and Kherson, Crimea), styled and named as the history
API serves them, with 3D coordinates, and padded with vertices to the size of
a whole-front file (~600 kB). Used by the importer tests and the benchmark.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from shapely.geometry import Polygon

KURSK_AOI = (34.0, 50.95, 36.2, 51.9)
"""xmin, ymin, xmax, ymax: the QGIS extent "34.0,36.2,50.95,51.9" (xmin,xmax,ymin,ymax)."""
SUDZHA = (35.27, 51.19)
DIGITS = 7

FILL_UA_2024 = "#01579b"
FILL_UA_2022 = "#0f9d58"
FILL_OCCUPIED = "#a52714"
FILL_UNKNOWN = "#bcaaa4"
FILL_CRIMEA = "#880e4f"

NAMES = {
    "status.dismissed": ("Звільнено", "Liberated"),
    "status.occupied": ("Окуповано", "Occupied"),
    "status.unknown": ("Статус невідомий", "Unknown status"),
    "status.attack_direction": ("Напрямок атаки", "Direction of attack"),
    "territories.crimea": ("Окупований Крим", "Occupied Crimea"),
}


def ds_name(key: str, english: str | None = None, ukrainian: str | None = None, legacy: bool = False) -> str:
    """A feature name as DeepState writes it (with the odd no-break space and newline)."""
    uk, en = NAMES.get(key, ("", ""))
    uk = ukrainian or uk or en
    en = english or en
    if legacy:  # before spring 2024: no machine key
        return f"{uk} /// {en}"
    return f"{uk} /// {en}\xa0/// geoJSON.{key}\n"


def _ring3d(coords: list[tuple[float, float]]) -> list[list[float]]:
    ring = [[round(x, DIGITS), round(y, DIGITS), 0] for x, y in coords]
    if ring[0] != ring[-1]:
        ring.append(list(ring[0]))
    return ring


def _style(fill: str, opacity: float = 0.3) -> dict[str, Any]:
    colour = fill.lstrip("#").upper()
    return {
        "styleUrl": f"#poly-{colour}-2000-77-nodesc",
        "styleHash": "-14fcf160",
        "styleMapHash": {
            "normal": f"#poly-{colour}-2000-77-nodesc-normal",
            "highlight": f"#poly-{colour}-2000-77-nodesc-highlight",
        },
        "stroke-opacity": 1,
        "stroke": fill,
        "stroke-width": 2,
        "fill-opacity": opacity,
        "fill": fill,
    }


def area_feature(
    key: str,
    polygon: Polygon,
    fill: str,
    *,
    english: str | None = None,
    legacy: bool = False,
    collection: bool = False,
) -> dict[str, Any]:
    """A Polygon feature (or, as in 2022 files, a GeometryCollection holding it)."""
    rings = [_ring3d(list(polygon.exterior.coords))] + [_ring3d(list(r.coords)) for r in polygon.interiors]
    geometry: dict[str, Any] = {"type": "Polygon", "coordinates": rings}
    if collection:
        geometry = {"type": "GeometryCollection", "geometries": [geometry]}
    return {
        "type": "Feature",
        "geometry": geometry,
        "properties": {"name": ds_name(key, english, legacy=legacy), **_style(fill)},
    }


def arrow_feature(
    lon: float,
    lat: float,
    bearing: int,
    *,
    english: str | None = None,
    key: str | None = "status.attack_direction",
    legacy: bool = False,
) -> dict[str, Any]:
    """A "Direction of attack" point; ``{icon=arrow_N}`` with N the heading in degrees."""
    name = ds_name(key or "status.attack_direction", english, legacy=legacy or key is None)
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [round(lon, DIGITS), round(lat, DIGITS), 0]},
        "properties": {
            "name": name,
            "description": f"{{icon=arrow_{bearing}}}",
            "styleUrl": "#icon-1899-0288D1",
            "icon": "arrow",
        },
    }


def unit_feature(
    lon: float, lat: float, english: str, key: str = "units.brigade.mechanized", ukrainian: str = "Бригада"
) -> dict[str, Any]:
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [round(lon, DIGITS), round(lat, DIGITS), 0]},
        "properties": {
            "name": ds_name(key, english, ukrainian),
            "description": "",
            "styleUrl": "#icon-959-0288D1-nodesc",
            "icon": "flag",
        },
    }


def star_polygon(
    centre: tuple[float, float],
    radius: tuple[float, float],
    vertices: int,
    rng: random.Random,
    wobble: float = 0.08,
    phase: float = 0.0,
) -> Polygon:
    """A simple polygon: radius varies smoothly with the angle, so the ring never crosses itself."""
    cx, cy = centre
    rx, ry = radius
    waves = [
        (rng.uniform(0.3, 1.0) * wobble, rng.randint(2, 7), rng.uniform(0, 2 * math.pi)) for _ in range(3)
    ]
    coords = []
    for i in range(vertices):
        a = 2 * math.pi * i / vertices + phase
        r = 1.0 + sum(amp * math.sin(k * a + ph) for amp, k, ph in waves)
        r += rng.uniform(-0.004, 0.004)
        coords.append((round(cx + rx * r * math.cos(a), DIGITS), round(cy + ry * r * math.sin(a), DIGITS)))
    return Polygon(coords)


def kursk_salient(day: int = 0, seed: int = 0, vertices: int = 360) -> Polygon:
    """The UA-held Kursk salient around Sudzha; it shrinks slowly with the days since 2024-08-06."""
    rng = random.Random(seed)
    scale = max(0.35, 1.0 - day / 320.0)
    return star_polygon(SUDZHA, (0.26 * scale, 0.16 * scale), vertices, rng, wobble=0.1)


def grey_band(salient: Polygon, start: float, stop: float, width: float) -> Polygon:
    """A grey (unknown status) strip outside the salient between two angles (fractions of a turn).

    Its inner edge is made of the salient's own vertices, so the two touch and do not overlap.
    """
    ring = list(salient.exterior.coords)[:-1]
    n = len(ring)
    cx, cy = SUDZHA
    first, last = int(start * n), int(stop * n)
    inner = [ring[i % n] for i in range(first, last + 1)]
    outer = [(cx + (x - cx) * (1 + width), cy + (y - cy) * (1 + width)) for x, y in reversed(inner)]
    return Polygon(inner + outer)


@dataclass
class DeepStateFile:
    """What was written, for the tests to compare with what is imported."""

    path: Path
    salient: Polygon
    unknown: list[Polygon]
    occupied: Polygon
    freed_2022: list[Polygon]
    crimea: Polygon
    kursk_arrows: list[tuple[float, float, int]]
    """(lon, lat, heading) of the attack directions inside the Kursk area."""
    kursk_units: list[tuple[float, float, str]]
    feature_count: int = 0
    extra: list[dict[str, Any]] = field(default_factory=list)


KURSK_ARROWS = [(35.05, 51.33, 45), (35.52, 51.35, 200), (35.30, 51.05, 330)]
KURSK_UNITS = [
    (35.20, 51.25, "22nd Separate Mechanized Brigade"),
    (35.40, 51.12, "80th Separate Air Assault Brigade"),
    (34.95, 51.20, "Unit of the 155th Naval Infantry Brigade (RF)"),
]


def write_deepstate_file(
    path: Path,
    instant: dt.datetime | None = None,
    *,
    salient: Polygon | None = None,
    size_kb: float = 600,
    seed: int = 0,
    legacy: bool = False,
    wrapper: bool = False,
    extra_features: list[dict[str, Any]] | None = None,
) -> DeepStateFile:
    """Write one whole-front DeepState history file of about ``size_kb``.

    ``legacy`` writes 2022-style names without keys and GeometryCollections;
    ``wrapper`` wraps the collection as the history API does
    (``{"id": <unix time>, "datetime": ..., "map": {...}}``, needs ``instant``).
    """
    rng = random.Random(seed)
    salient = salient if salient is not None else kursk_salient(seed=seed)
    unknown = [grey_band(salient, 0.05, 0.30, 0.12), grey_band(salient, 0.55, 0.80, 0.10)]
    freed_2022 = [
        star_polygon((37.1, 49.98), (0.7, 0.3), 300, rng, wobble=0.05),  # Kharkiv region
        star_polygon((33.05, 46.95), (0.5, 0.3), 300, rng, wobble=0.05),  # Kherson right bank
    ]
    crimea = star_polygon((34.3, 45.3), (1.6, 0.75), 400, rng, wobble=0.05)
    features: list[dict[str, Any]] = []
    features.append(area_feature("status.dismissed", salient, FILL_UA_2024, legacy=legacy))
    for band in unknown:
        features.append(area_feature("status.unknown", band, FILL_UNKNOWN, legacy=legacy, collection=legacy))
    for region in freed_2022:
        features.append(
            area_feature(
                "status.dismissed",
                region,
                FILL_UA_2022,
                english="Liberated 11.11",
                legacy=legacy,
                collection=legacy,
            )
        )
    features.append(area_feature("territories.crimea", crimea, FILL_CRIMEA, legacy=legacy))
    for lon, lat, heading in KURSK_ARROWS:
        features.append(arrow_feature(lon, lat, heading, legacy=legacy))
    for lon, lat, text in KURSK_UNITS:
        features.append(unit_feature(lon, lat, text))
    # The rest of the front: arrows and units between Kharkiv and Zaporizhzhia.
    for i in range(24):
        lon, lat = rng.uniform(35.5, 38.5), rng.uniform(47.2, 49.6)
        if i % 2:
            features.append(arrow_feature(lon, lat, rng.randrange(0, 360, 5), legacy=legacy))
        else:
            features.append(
                unit_feature(lon, lat, f"Separate Assault Brigade No. {i + 3}", key="units.brigade.assault")
            )
    features.extend(extra_features or [])
    # Pad to the size of a whole-front file with the occupied south and east,
    # which in real files is by far the largest polygon.
    occupied_at = len(features)
    features.append(area_feature("status.occupied", Polygon([(0, 0), (1, 0), (1, 1)]), FILL_OCCUPIED))
    base = len(json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False).encode())
    per_vertex = len(json.dumps([37.1234567, 47.1234567, 0])) + 2
    vertices = max(64, int((size_kb * 1024 - base) / per_vertex))
    occupied = star_polygon((37.3, 47.9), (3.0, 1.5), vertices, rng, wobble=0.05)
    features[occupied_at] = area_feature("status.occupied", occupied, FILL_OCCUPIED, legacy=legacy)
    document: dict[str, Any] = {"type": "FeatureCollection", "features": features}
    if wrapper:
        assert instant is not None, "the history API wrapper carries the instant"
        document = {"id": int(instant.timestamp()), "datetime": instant.isoformat(), "map": document}
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return DeepStateFile(
        path,
        salient,
        unknown,
        occupied,
        freed_2022,
        crimea,
        list(KURSK_ARROWS),
        list(KURSK_UNITS),
        len(features),
        list(extra_features or []),
    )


def unix_name(instant: dt.datetime, suffix: str = ".geojson") -> str:
    """``1730239200.geojson`` for 2024-10-29 22:00 UTC."""
    return f"{int(instant.timestamp())}{suffix}"
