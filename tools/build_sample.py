"""Build the illustrative sample series `resources/sample/kursk_sample.gpkg`.

The sample is written by us to exercise the plugin: it echoes the shape of
the 2024 Kursk salient (growth in August, the Russian counter-offensive
from 10 September, the pocket south of Lyubimovka in week 12) but is not
ground truth. Areas are drawn in a local metric projection, clipped to
Russia from QGIS's own world map (so the salient's southern edge is the
border) and calibrated by bisection to the held-area trajectory below.
Place coordinates come from the sourced places CSV; rows without
coordinates are skipped, never guessed. Every text on the map (annotation
texts, movement labels, snapshot titles and captions, the credit) is
written in English, the series' own language, and German, with place names
spelt as the places' German names (Sudscha, Ljubimowka, Malaja Loknja).

    python tools/build_sample.py [--places CSV] [--world-map GPKG] [--output GPKG]
                                 [--geometry-from GPKG]

Another GEOS may round the overlays differently in the last digits; to
change only the texts of the shipped sample, take its geometries as they
are: `--geometry-from resources/sample/kursk_sample.gpkg` (each built
feature takes the geometry of the same feature there, checked by layer,
snapshot, side and kind).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
import shapely
import shapely.affinity
from pyproj import Geod, Transformer
from shapely.geometry.base import BaseGeometry

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from kursk_tracker.core.series import (
    AreaStatus,
    MovementKind,
    Series,
    Side,
    Snapshot,
)
from kursk_tracker.store.gpkg import FeatureRecord, write_series

# The project's sourced places list sits in shared/ beside the checkout.
DEFAULT_PLACES = REPO.parent / "shared" / "data" / "places_kursk.csv"
DEFAULT_WORLD_MAP = Path("/usr/share/qgis/resources/data/world_map.gpkg")
DEFAULT_OUTPUT = REPO / "resources" / "sample" / "kursk_sample.gpkg"

SOURCE = "Illustrative reconstruction (Kursk Tracker sample), not ground truth"
TIMEZONE = "Europe/Berlin"
EPOCH = dt.date(2024, 8, 6)
WEEKS = 15

# Local azimuthal equidistant projection in km, centred on Sudzha.
ORIGIN_LON, ORIGIN_LAT = 35.2706, 51.1914
LOCAL_CRS = f"+proj=aeqd +lat_0={ORIGIN_LAT} +lon_0={ORIGIN_LON} +ellps=WGS84 +units=km"
_TO_LOCAL = Transformer.from_crs("EPSG:4326", LOCAL_CRS, always_xy=True)
_TO_LONLAT = Transformer.from_crs(LOCAL_CRS, "EPSG:4326", always_xy=True)
GEOD = Geod(ellps="WGS84")

# Held area of Ukraine (controlled + pocket) per week, km². Growth to the
# maximum at the start of September, then the counter-offensive.
TARGET_KM2 = (60, 650, 900, 1000, 1040, 1020, 900, 850, 800, 760, 730, 700, 680, 655, 630)
MAX_WEEK = 4
POCKET_WEEKS = (12, 13, 14)

# The salient as a star around the border crossing south-west of Sudzha:
# (bearing in degrees counter-clockwise from east, radius in km).
ANCHOR = (-7.5, -16.0)
OUTLINE = (
    (-90, 10),
    (-30, 13),
    (0, 18),
    (30, 25),
    (55, 31),
    (80, 35),
    (100, 42),
    (112, 46),
    (124, 41),
    (140, 30),
    (170, 22),
    (200, 15),
    (270, 10),
)

# The counter-offensive comes from the Snagost-Korenevo area in the
# north-west and, more slowly, from the north, east and south-east: (centre, relative pace).
COUNTER_ORIGINS = (
    ((-33.0, 31.0), 1.0),
    ((0.0, 41.0), 0.55),
    ((30.0, 6.0), 0.6),
    ((22.0, -30.0), 0.8),
)

# Week 11-14: the Russian wedge north of Lyubimovka toward Malaya Loknya
# (tip x per week, band of y).
WEDGE_TIP_X = {11: -9.0, 12: -5.5, 13: -5.0, 14: -5.0}
WEDGE_Y = (14.2, 18.0)
# Ground Ukraine holds whatever the counter-offensive takes elsewhere: the
# lobe south of Lyubimovka (an ellipse: centre, semi-axes; the later pocket)
# and the core around Sudzha and Malaya Loknya, which touches the lobe only
# at a narrow neck along the border.
LOBE = ((-18.0, 6.0), (6.3, 8.0))
CORE = (
    (-16.0, -8.0),
    (-14.5, 1.5),
    (-12.8, 2.6),
    (-10.5, 3.5),
    (-9.0, 9.0),
    (-9.5, 13.5),
    (-12.0, 19.0),
    (-9.0, 22.0),
    (-2.0, 21.0),
    (2.0, 17.0),
    (4.0, 10.0),
    (4.0, -12.0),
    (0.0, -19.0),
    (-12.0, -19.0),
)

CONTESTED_BAND_KM = 1.2

Point = tuple[float, float]


def local(geom: BaseGeometry) -> BaseGeometry:
    return shapely.transform(geom, lambda xy: np.column_stack(_TO_LOCAL.transform(xy[:, 0], xy[:, 1])))


def lonlat(geom: BaseGeometry) -> BaseGeometry:
    geom = shapely.segmentize(geom, 0.4)
    return shapely.transform(geom, lambda xy: np.column_stack(_TO_LONLAT.transform(xy[:, 0], xy[:, 1])))


def lonlat_point(x: float, y: float) -> Point:
    lon, lat = _TO_LONLAT.transform(x, y)
    return float(lon), float(lat)


def area_km2(geom: BaseGeometry) -> float:
    if geom.is_empty:
        return 0.0
    return abs(GEOD.geometry_area_perimeter(geom)[0]) / 1e6


def clean(geom: BaseGeometry) -> BaseGeometry:
    """Valid, polygonal only, with slivers and hairlines from the overlays dropped."""
    geom = shapely.make_valid(geom)
    # An opening by ~0.1 m removes hairlines along shared edges; the
    # intersection keeps the result inside the original, so sides cannot overlap.
    geom = shapely.make_valid(
        geom.buffer(-1e-6, join_style="mitre").buffer(1e-6, join_style="mitre").intersection(geom)
    )
    parts = [
        p
        for p in shapely.get_parts(shapely.get_parts(geom))
        if p.geom_type == "Polygon" and area_km2(p) > 0.05
    ]
    return shapely.MultiPolygon(parts) if parts else shapely.MultiPolygon()


def bisect(
    fn: Callable[[float], float], target: float, lo: float, hi: float, increasing: bool = True
) -> float:
    for _ in range(40):
        mid = (lo + hi) / 2
        if (fn(mid) < target) == increasing:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def read_russia(world_map: Path) -> BaseGeometry:
    from osgeo import ogr

    ogr.UseExceptions()
    source = ogr.Open(str(world_map))
    layer = source.GetLayerByName("countries")
    layer.SetAttributeFilter("ISO_A3 = 'RUS'")
    feature = layer.GetNextFeature()
    if feature is None:
        raise SystemExit(f"{world_map}: no Russia (ISO_A3 = 'RUS') in layer 'countries'")
    russia = shapely.from_wkb(bytes(feature.GetGeometryRef().ExportToWkb()))
    return shapely.make_valid(russia.intersection(shapely.box(33.0, 50.0, 37.5, 52.5)))


def star(scale: float) -> BaseGeometry:
    """The salient outline scaled about the crossing; nested for growing scale."""
    angles = np.radians(np.arange(0.0, 360.0, 2.0))
    control = np.array(OUTLINE, dtype=float)
    radius = np.interp(np.degrees(angles), control[:, 0], control[:, 1], period=360.0)
    # A gentle wobble so the front does not look drawn with a compass.
    radius = radius * (1 + 0.035 * np.sin(5 * angles + 1.0) + 0.025 * np.sin(11 * angles + 2.3))
    x = ANCHOR[0] + scale * radius * np.cos(angles)
    y = ANCHOR[1] + scale * radius * np.sin(angles)
    return shapely.Polygon(np.column_stack([x, y]))


def wedge(week: int) -> BaseGeometry:
    if week not in WEDGE_TIP_X:
        return shapely.Polygon()
    tip = WEDGE_TIP_X[week]
    y0, y1 = WEDGE_Y
    return shapely.Polygon(
        [
            (-40, y0 - 1.0),
            (tip - 3.5, y0),
            (tip - 1.2, y0 + 1.1),
            (tip, (y0 + y1) / 2 + 0.2),
            (tip - 1.0, y1 - 0.9),
            (tip - 3.5, y1),
            (-40, y1 + 1.0),
        ]
    ).difference(lobe())


def blob(centre: Point, radius: float, phase: float) -> BaseGeometry:
    """A wobbly disk; nested for growing radius."""
    angles = np.radians(np.arange(0.0, 360.0, 3.0))
    r = radius * (1 + 0.04 * np.sin(7 * angles + phase) + 0.03 * np.sin(13 * angles + 2 * phase))
    return shapely.Polygon(np.column_stack([centre[0] + r * np.cos(angles), centre[1] + r * np.sin(angles)]))


def lobe() -> BaseGeometry:
    (cx, cy), (a, b) = LOBE
    return shapely.affinity.scale(shapely.Point(cx, cy).buffer(1.0, quad_segs=32), a, b)


def core() -> BaseGeometry:
    """CORE with its corners rounded, so the fronts along it do not look ruled."""
    return shapely.Polygon(CORE).buffer(-1.5).buffer(3.0).buffer(-1.5)


def counter_offensive(distance: float) -> BaseGeometry:
    if distance <= 0:
        return shapely.Polygon()
    return (
        shapely.unary_union(
            [
                blob(centre, distance * pace, phase=index + 0.5)
                for index, (centre, pace) in enumerate(COUNTER_ORIGINS)
            ]
        )
        .difference(lobe())
        .difference(core())
    )


class Builder:
    def __init__(self, russia: BaseGeometry) -> None:
        self.russia = russia
        self.held: list[BaseGeometry] = []
        self.lost_local = shapely.Polygon()

    def grow(self, target: float) -> BaseGeometry:
        def held(scale: float) -> BaseGeometry:
            return clean(lonlat(star(scale)).intersection(self.russia))

        scale = bisect(lambda s: area_km2(held(s)), target, 0.01, 2.0)
        return held(scale)

    def shrink(self, week: int, target: float) -> BaseGeometry:
        maximum = self.held[MAX_WEEK]
        base = shapely.unary_union([self.lost_local, wedge(week)])

        def held(distance: float) -> BaseGeometry:
            lost = shapely.unary_union([base, counter_offensive(distance)])
            return clean(maximum.difference(lonlat(lost)))

        if area_km2(held(0.0)) <= target:
            distance = 0.0
        else:
            distance = bisect(lambda d: area_km2(held(d)), target, 0.0, 40.0, increasing=False)
        self.lost_local = shapely.unary_union([base, counter_offensive(distance)])
        return held(distance)

    def ua_held(self, week: int) -> BaseGeometry:
        target = TARGET_KM2[week]
        geom = self.grow(target) if week <= MAX_WEEK else self.shrink(week, target)
        self.held.append(geom)
        return geom


def front_line(held: BaseGeometry, russia: BaseGeometry) -> BaseGeometry:
    """The edge of the held area that is not the state border."""
    line = held.boundary.difference(russia.boundary.buffer(1e-6))
    line = shapely.line_merge(line)
    parts = [p for p in shapely.get_parts(line) if p.length > 1e-4]
    return shapely.MultiLineString(parts)


def pocket_split(held: BaseGeometry) -> tuple[BaseGeometry, BaseGeometry]:
    """(controlled, pocket): the pocket is the held part of the lobe."""
    pocket = lonlat(lobe())
    return clean(held.difference(pocket)), clean(held.intersection(pocket))


def curved(tail: Point, head: Point, bend: float = 0.15, vertices: int = 5) -> BaseGeometry:
    """A gently bent arrow from tail to head (local km in, lon/lat out)."""
    (x0, y0), (x1, y1) = tail, head
    dx, dy = x1 - x0, y1 - y0
    cx, cy = (x0 + x1) / 2 - dy * bend, (y0 + y1) / 2 + dx * bend
    points = []
    for t in np.linspace(0.0, 1.0, vertices):
        x = (1 - t) ** 2 * x0 + 2 * (1 - t) * t * cx + t**2 * x1
        y = (1 - t) ** 2 * y0 + 2 * (1 - t) * t * cy + t**2 * y1
        points.append(lonlat_point(x, y))
    return shapely.LineString(points)


A, C, R = MovementKind.ATTACK, MovementKind.COUNTERATTACK, MovementKind.RELIEF_ATTACK

# week -> (side, kind, tail, head, bend, (English label, German label)); tail and head in local km.
MOVEMENTS: dict[int, list[tuple[str, MovementKind, Point, Point, float, tuple[str, str]]]] = {
    0: [("UA", A, (-7.5, -15.5), (-3.0, -8.0), 0.12, ("Cross-border attack", "Angriff über die Grenze"))],
    1: [
        ("UA", A, (-2.0, -4.0), (-3.0, 9.0), 0.10, ("Toward Malaya Loknya", "Richtung Malaja Loknja")),
        ("UA", A, (1.5, -1.0), (7.5, 6.5), -0.15, ("Toward Martynovka", "Richtung Martynowka")),
        ("UA", A, (-8.0, 0.0), (-17.0, 8.0), 0.15, ("Toward Korenevo", "Richtung Korenewo")),
    ],
    2: [
        ("UA", A, (-4.0, 8.0), (-4.0, 17.0), 0.12, ("Toward Malaya Loknya", "Richtung Malaja Loknja")),
        ("UA", A, (-15.0, 8.0), (-22.0, 15.0), 0.15, ("Toward Korenevo", "Richtung Korenewo")),
        ("UA", A, (7.0, 4.0), (12.0, 10.0), -0.12, ("North-east thrust", "Vorstoß nach Nordosten")),
    ],
    3: [
        ("UA", A, (-18.0, 12.0), (-23.0, 17.5), 0.15, ("Toward Korenevo", "Richtung Korenewo")),
        ("UA", A, (6.0, 10.0), (9.0, 16.5), -0.12, ("Northern thrust", "Vorstoß nach Norden")),
    ],
    4: [("UA", A, (-10.0, 16.0), (-12.0, 21.5), 0.15, ("Probing north", "Vorfühlen nach Norden"))],
    5: [
        (
            "RU",
            C,
            (-33.0, 14.0),
            (-24.5, 13.0),
            -0.15,
            ("Counter-offensive from Snagost", "Gegenoffensive aus Snagost"),
        ),
        ("RU", C, (-30.0, 25.0), (-21.5, 19.5), -0.12, ("From Korenevo", "Aus Korenewo")),
    ],
    6: [
        ("RU", C, (-30.0, 12.0), (-21.5, 11.0), -0.15, ("Counter-attack", "Gegenangriff")),
        ("RU", C, (-25.0, 27.0), (-17.0, 19.5), -0.12, ("Counter-attack", "Gegenangriff")),
    ],
    7: [
        ("RU", C, (-24.0, 24.5), (-15.5, 18.0), -0.12, ("Counter-attack", "Gegenangriff")),
        ("UA", A, (-6.0, 8.0), (-10.5, 14.5), 0.15, ("Local attack", "Örtlicher Angriff")),
    ],
    8: [
        ("RU", C, (-18.0, 26.0), (-10.0, 19.0), -0.12, ("Counter-attack", "Gegenangriff")),
        ("RU", C, (20.0, 9.0), (12.5, 6.0), 0.12, ("Counter-attack", "Gegenangriff")),
    ],
    9: [
        ("RU", C, (-12.0, 27.0), (-5.0, 20.0), -0.12, ("Counter-attack", "Gegenangriff")),
        ("RU", C, (19.0, -2.0), (11.0, -1.0), 0.12, ("Counter-attack", "Gegenangriff")),
    ],
    10: [
        (
            "RU",
            C,
            (-28.0, 8.0),
            (-21.0, 9.5),
            -0.10,
            ("Attack on the western lobe", "Angriff auf den Westbogen"),
        )
    ],
    11: [
        (
            "RU",
            C,
            (-25.0, 16.5),
            (-13.0, 16.2),
            -0.08,
            ("Push north of Lyubimovka", "Vorstoß nördlich von Ljubimowka"),
        )
    ],
    12: [
        (
            "RU",
            C,
            (-22.0, 16.6),
            (-6.5, 16.5),
            -0.08,
            ("Push toward Malaya Loknya", "Vorstoß Richtung Malaja Loknja"),
        ),
        (
            "UA",
            R,
            (-5.5, 8.0),
            (-9.5, 14.0),
            0.18,
            ("Relief attack (repelled)", "Entsatzangriff (abgewehrt)"),
        ),
        (
            "UA",
            A,
            (6.0, 10.5),
            (10.5, 15.5),
            -0.15,
            ("Attack near Russkoye Porechnoye", "Angriff bei Russkoje Poretschnoje"),
        ),
        ("RU", C, (-11.0, 19.5), (-12.0, 5.0), 0.10, ("Closing the pocket", "Der Kessel wird geschlossen")),
    ],
    13: [
        ("RU", C, (-11.0, 19.5), (-12.0, 3.5), 0.10, ("Closing the pocket", "Der Kessel wird geschlossen")),
        ("UA", A, (-6.0, 4.0), (-10.5, 4.5), -0.15, ("Holding the corridor", "Der Korridor wird gehalten")),
    ],
    14: [
        ("RU", C, (-27.0, 6.0), (-19.0, 7.5), -0.10, ("Attack on the pocket", "Angriff auf den Kessel")),
        (
            "UA",
            A,
            (6.0, 10.5),
            (10.0, 15.0),
            -0.15,
            ("Attack near Russkoye Porechnoye", "Angriff bei Russkoje Poretschnoje"),
        ),
    ],
}

# week -> (side, local point, (English text, German text))
ANNOTATIONS: dict[int, list[tuple[str, Point, tuple[str, str]]]] = {
    0: [("UA", (-4.0, -12.0), ("Incursion begins", "Beginn des Vorstoßes"))],
    4: [("UA", (-2.0, 3.0), ("Greatest extent", "Größte Ausdehnung"))],
    5: [("RU", (-29.0, 18.0), ("Counter-offensive begins", "Beginn der Gegenoffensive"))],
    11: [("RU", (-20.0, 19.5), ("Russian wedge", "Russischer Keil"))],
    12: [("UA", (-18.5, 6.5), ("Pocket", "Kessel"))],
    13: [("UA", (-18.5, 6.5), ("Pocket", "Kessel"))],
    14: [("UA", (-18.5, 6.5), ("Pocket", "Kessel"))],
}

# week -> (title, caption), in English (the series' own language) and German.
TITLES: dict[int, tuple[str, str]] = {
    0: ("Week 0: the incursion", "Ukrainian forces cross the border south-west of Sudzha."),
    1: (
        "Week 1: Sudzha taken",
        "The attack fans out north toward Malaya Loknya, north-east toward "
        "Martynovka and west toward Korenevo.",
    ),
    2: ("Week 2: the salient widens", "Ukraine extends the salient to the north and west."),
    3: ("Week 3: the advance slows", "Gains toward Korenevo; the front begins to settle."),
    4: ("Week 4: greatest extent", "The salient reaches its largest size, about 1,000 km²."),
    5: (
        "Week 5: counter-offensive",
        "Russia begins its counter-offensive from the Snagost-Korenevo area in the west.",
    ),
    6: ("Week 6: the west lost", "Russian forces retake ground in the west and north-west."),
    7: (
        "Week 7: pressure from the north-west",
        "Russia keeps pushing; a local Ukrainian attack gains little.",
    ),
    8: ("Week 8: slow Russian gains", "The northern edge of the salient is pushed back."),
    9: ("Week 9: slow Russian gains", "Russian attacks continue along the northern front."),
    10: ("Week 10: the western lobe", "Russia attacks the lobe around Lyubimovka from the west."),
    11: ("Week 11: a wedge north of Lyubimovka", "A Russian push north of Lyubimovka heads east."),
    12: (
        "Week 12: relief attack repelled",
        "Russian forces repelled a Ukrainian relief attack into "
        "the flank of their push north of Lyubimovka toward Malaya Loknya, but made no other "
        "progress. Ukraine is still trying to keep the pocket south of Lyubimovka from closing.",
    ),
    13: ("Week 13: the pocket narrows", "The corridor into the pocket south of Lyubimovka narrows."),
    14: (
        "Week 14: the pocket holds",
        "The pocket south of Lyubimovka holds; Ukraine attacks near Russkoye Porechnoye.",
    ),
}

TITLES_DE: dict[int, tuple[str, str]] = {
    0: ("Woche 0: Der Vorstoß", "Ukrainische Truppen überschreiten südwestlich von Sudscha die Grenze."),
    1: (
        "1. Woche: Sudscha eingenommen",
        "Der Angriff fächert sich auf: nach Norden Richtung Malaja "
        "Loknja, nach Nordosten Richtung Martynowka und nach Westen Richtung Korenewo.",
    ),
    2: (
        "2. Woche: Der Frontbogen wird breiter",
        "Die Ukraine dehnt den Frontbogen nach Norden und Westen aus.",
    ),
    3: (
        "3. Woche: Der Vormarsch stockt",
        "Geländegewinne Richtung Korenewo; die Front beginnt sich zu festigen.",
    ),
    4: ("4. Woche: Größte Ausdehnung", "Der Frontbogen erreicht seine größte Ausdehnung, rund 1.000 km²."),
    5: (
        "5. Woche: Gegenoffensive",
        "Russland beginnt seine Gegenoffensive aus dem Raum Snagost–Korenewo im Westen.",
    ),
    6: (
        "6. Woche: Der Westen verloren",
        "Russische Truppen erobern Gelände im Westen und Nordwesten zurück.",
    ),
    7: (
        "7. Woche: Druck aus dem Nordwesten",
        "Russland drängt weiter; ein örtlicher ukrainischer Angriff bringt wenig.",
    ),
    8: ("8. Woche: Langsame russische Geländegewinne", "Der Nordrand des Frontbogens wird zurückgedrängt."),
    9: (
        "9. Woche: Langsame russische Geländegewinne",
        "Die russischen Angriffe entlang der Nordfront gehen weiter.",
    ),
    10: ("10. Woche: Der Westbogen", "Russland greift den Bogen um Ljubimowka von Westen an."),
    11: (
        "11. Woche: Ein Keil nördlich von Ljubimowka",
        "Ein russischer Vorstoß nördlich von Ljubimowka zielt nach Osten.",
    ),
    12: (
        "12. Woche: Entsatzangriff abgewehrt",
        "Russische Truppen wehrten einen ukrainischen "
        "Entsatzangriff in die Flanke ihres Vorstoßes nördlich von Ljubimowka Richtung Malaja Loknja "
        "ab, kamen aber sonst nicht voran. Die Ukraine versucht weiter, den Kessel südlich von "
        "Ljubimowka offen zu halten.",
    ),
    13: (
        "13. Woche: Der Kessel wird enger",
        "Der Korridor in den Kessel südlich von Ljubimowka wird schmaler.",
    ),
    14: (
        "14. Woche: Der Kessel hält",
        "Der Kessel südlich von Ljubimowka hält; die Ukraine greift bei Russkoje Poretschnoje an.",
    ),
}

CREDIT = ("Kursk Tracker sample data (illustrative)", "Kursk Tracker, Beispieldaten (illustrativ)")


def snapshot_instants() -> list[dt.datetime]:
    berlin = ZoneInfo(TIMEZONE)
    first = dt.datetime.combine(EPOCH, dt.time(22, 0), tzinfo=berlin)
    return [
        dt.datetime.combine(first.date() + dt.timedelta(weeks=w), dt.time(22, 0), tzinfo=berlin).astimezone(
            dt.timezone.utc
        )
        for w in range(WEEKS)
    ]


def place_rank(district: str) -> int:
    """1 oblast capital, 2 town or district seat, 3 village: label priority."""
    text = district.lower()
    if "oblast capital" in text:
        return 1
    if "seat" in text or "town" in text:
        return 2
    return 3


def read_places(path: Path) -> Iterator[FeatureRecord]:
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            lat, lon = (row.get("lat") or "").strip(), (row.get("lon") or "").strip()
            if not lat or not lon:
                continue  # no sourced coordinate: never guess one
            yield FeatureRecord(
                "places",
                f"POINT ({float(lon)} {float(lat)})",
                {
                    "name_en": row["name_en"],
                    "name_de": row["name_de"],
                    "name_local": row["name_local"],
                    "rank": place_rank(row.get("district", "")),
                    "source": row.get("source", ""),
                },
            )


def build(places: Path, world_map: Path) -> tuple[Series, list[FeatureRecord], list[float]]:
    russia = read_russia(world_map)
    builder = Builder(russia)
    instants = snapshot_instants()
    series = Series(
        names={"en": "Kursk offensive", "de": "Kursk-Offensive"},
        sides=[
            Side("UA", {"en": "Ukraine", "de": "Ukraine"}, "#1f5fbf"),
            Side("RU", {"en": "Russia", "de": "Russland"}, "#c8102e"),
        ],
        epoch=EPOCH,
        timezone=TIMEZONE,
        credit=CREDIT[0],
        credits={"en": CREDIT[0], "de": CREDIT[1]},
        illustrative=True,
    )
    features: list[FeatureRecord] = []
    measured: list[float] = []

    def add(layer: str, geom: BaseGeometry, snap: int, side: str, **attrs: object) -> None:
        if geom.is_empty:
            return
        features.append(FeatureRecord(layer, geom.wkt, {"snapshot_id": snap, "side": side, **attrs}))

    for week, instant in enumerate(instants):
        snap = week + 1
        title, caption = TITLES[week]
        title_de, caption_de = TITLES_DE[week]
        series.snapshots.append(
            Snapshot(
                snap,
                instant,
                title,
                caption,
                SOURCE,
                titles={"en": title, "de": title_de},
                captions={"en": caption, "de": caption_de},
            )
        )
        held = builder.ua_held(week)
        measured.append(area_km2(held))
        if week in POCKET_WEEKS:
            controlled, pocket = pocket_split(held)
        else:
            controlled, pocket = held, shapely.MultiPolygon()
        previous = builder.held[week - 1] if week else shapely.Polygon()
        ever = shapely.unary_union(builder.held[: week + 1])
        retaken = clean(ever.difference(held))
        fresh = previous.difference(held)
        band = shapely.MultiLineString() if held.is_empty else front_line(held, russia)
        contested = (
            clean(fresh.intersection(lonlat(local(band).buffer(CONTESTED_BAND_KM))))
            if not fresh.is_empty
            else shapely.MultiPolygon()
        )
        contested = clean(contested.intersection(retaken))
        ru_controlled = clean(retaken.difference(contested))

        add("areas", controlled, snap, "UA", status=AreaStatus.CONTROLLED.value)
        add("areas", pocket, snap, "UA", status=AreaStatus.POCKET.value)
        add("areas", ru_controlled, snap, "RU", status=AreaStatus.CONTROLLED.value)
        add("areas", contested, snap, "RU", status=AreaStatus.CONTESTED.value)
        add("front_lines", band, snap, "UA", name=f"Front line, week {week}")
        for side, kind, tail, head, bend, (label, label_de) in MOVEMENTS.get(week, []):
            add(
                "movements",
                curved(tail, head, bend),
                snap,
                side,
                kind=kind.value,
                label=label,
                label_en=label,
                label_de=label_de,
            )
        for side, (x, y), (text, text_de) in ANNOTATIONS.get(week, []):
            add(
                "annotations",
                shapely.Point(lonlat_point(x, y)),
                snap,
                side,
                text=text,
                text_en=text,
                text_de=text_de,
            )

    features.extend(read_places(places))
    return series, features, measured


def keep_geometry(features: list[FeatureRecord], shipped: Path) -> list[FeatureRecord]:
    """`features` with the geometries of the same features in `shipped` (a sample built before).

    Read as WKB and written as shapely's WKT, so every coordinate stays as it was to the bit.
    """
    from osgeo import ogr

    ogr.UseExceptions()
    source = ogr.Open(str(shipped))
    identity = ("snapshot_id", "side", "status", "kind", "name", "name_en")
    built: dict[str, list[FeatureRecord]] = {}
    for record in features:
        built.setdefault(record.layer, []).append(record)
    for layer_name, records in built.items():
        layer = source.GetLayerByName(layer_name)
        defn = layer.GetLayerDefn()
        names = [k for k in identity if defn.GetFieldIndex(k) >= 0]
        old = sorted(layer, key=lambda f: f.GetFID())
        if len(old) != len(records):
            raise SystemExit(
                f"{shipped}: {len(old)} features in {layer_name}, the builder makes {len(records)}"
            )
        for new, previous in zip(records, old):
            if any(new.attributes.get(k) != previous.GetField(k) for k in names):
                raise SystemExit(f"{shipped}: the {layer_name} features differ from the built ones")
            new.wkt = shapely.from_wkb(bytes(previous.GetGeometryRef().ExportToIsoWkb())).wkt
    return features


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "places_csv", nargs="?", type=Path, help=f"places CSV when {DEFAULT_PLACES} is not there"
    )
    parser.add_argument("--places", type=Path, help="places CSV (overrides the default)")
    parser.add_argument("--world-map", type=Path, default=DEFAULT_WORLD_MAP)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument(
        "--geometry-from",
        type=Path,
        help="a sample built before whose geometries to keep (only the texts change)",
    )
    args = parser.parse_args(argv)
    places = args.places or (DEFAULT_PLACES if DEFAULT_PLACES.is_file() else args.places_csv)
    if places is None or not places.is_file():
        parser.error(f"places CSV not found ({places or DEFAULT_PLACES}); give its path")
    series, features, measured = build(places, args.world_map)
    if args.geometry_from:
        features = keep_geometry(features, args.geometry_from)
    write_series(args.output, series, features)
    for snap, area in zip(series.sorted_snapshots(), measured):
        print(
            f"{snap.valid_at:%Y-%m-%d %H:%M}Z  week {series.week_of(snap.valid_at):2d}  "
            f"UA held {area:7.1f} km²"
        )
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
