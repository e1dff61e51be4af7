"""A small hand-made data object in the format of docs/web_data.md, and the
contract's own "frame at instant t" sums in Python, for the page's tests.

Three weekly snapshots around the end of summer time (27 October 2024), two
sides; the first pair is eased with three patches (one led by another), the
second is linear with five levels. Areas are rectangles in lon/lat; their km²
are those of the rectangles (near enough for a test, exact for the sums)."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from kursk_tracker.export.web_encoding import encode_coords
from kursk_tracker.export.web_words import page_words
from tests.web_contract import held_at, pair_levels

SCALE = 10000
UA = "#1f5fbf"
RU = "#c8102e"

TEXTS = {
    "de": {
        "title": "Kursk-Offensive",
        "sides": {"UA": "Ukraine", "RU": "Russland"},
        "status": {"controlled": "kontrolliert", "contested": "umkämpft"},
        "zones": ("MESZ", "MEZ"),
        "snapshot_titles": ["Die Front hält", "Der Kessel", "Rückzug nach Süden"],
        "captions": [
            "Die ukrainischen Truppen halten ihre Stellungen.",
            "Russische Truppen drängen von Norden nach.",
            "Die Ukraine zieht sich nach Süden zurück.",
        ],
        "credit": "Kursk Tracker, Testdaten",
        "places": ["Sudscha", "Ljubimowka", "Plechowo"],
        "note": "Kessel",
        "arrow": "Vorstoß nach Süden",
        "numbers": {"decimal": ",", "group": "."},
    },
    "en": {
        "title": "Kursk offensive",
        "sides": {"UA": "Ukraine", "RU": "Russia"},
        "status": {"controlled": "controlled", "contested": "contested"},
        "zones": ("CEST", "CET"),
        "snapshot_titles": ["The front holds", "The pocket", "Retreat to the south"],
        "captions": [
            "Ukrainian forces hold their positions.",
            "Russian forces push on from the north.",
            "Ukraine withdraws to the south.",
        ],
        "credit": "Kursk Tracker, test data",
        "places": ["Sudzha", "Lyubimovka", "Plekhovo"],
        "note": "Pocket",
        "arrow": "Push to the south",
        "numbers": {"decimal": ".", "group": ","},
    },
}

SNAPSHOT_TIMES = ["2024-10-22T20:00:00Z", "2024-10-29T21:00:00Z", "2024-11-05T21:00:00Z"]
END_OF_SUMMER_TIME = "2024-10-27T01:00:00Z"
MID_PAIR = "2024-10-24T22:40:00Z"
"""An instant inside the first (eased) pair at which every patch is between its levels."""


def ms(iso: str) -> int:
    return int(dt.datetime.fromisoformat(iso.replace("Z", "+00:00")).timestamp() * 1000)


def rect(west: float, south: float, east: float, north: float) -> list:
    """A rectangle as a one-polygon area (counter-clockwise, encoded as the plugin does)."""
    return [[encode_coords([(west, south), (east, south), (east, north), (west, north)], closed=True)]]


def rect_km2(west: float, south: float, east: float, north: float) -> float:
    lat = math.radians((south + north) / 2)
    return round((east - west) * 111.32 * math.cos(lat) * (north - south) * 110.57, 3)


def both(*rects: tuple) -> tuple[list, float]:
    """Several disjoint rectangles as one area and its km²."""
    area: list = []
    km2 = 0.0
    for r in rects:
        area += rect(*r)
        km2 += rect_km2(*r)
    return area, round(km2, 3)


# The ground: UA holds the west, RU the east; the boundary moves west and south.
S, M, N = 51.00, 51.10, 51.20


def snapshot_areas() -> list[dict[str, tuple[list, float]]]:
    return [
        {"UA/controlled": both((35.00, S, 35.20, N)), "RU/controlled": both((35.20, S, 35.40, N))},
        {
            "UA/controlled": both((35.00, S, 35.15, M), (35.00, M, 35.12, N)),
            "RU/controlled": both((35.15, S, 35.40, M), (35.16, M, 35.40, N)),
            "RU/contested": both((35.12, M, 35.16, N)),
        },
        {
            "UA/controlled": both((35.00, S, 35.10, M)),
            "RU/controlled": both((35.10, S, 35.40, M), (35.00, M, 35.40, N)),
        },
    ]


def pair_layers() -> tuple[list, list]:
    """Both pairs' patches and layers, consistent with snapshot_areas()."""
    e = ([], 0.0)
    # Pair 0 (eased): patch 0 the southern strip 35.15–35.20 (levels at 35.20, 35.175, 35.15),
    # patch 1 the northern strip 35.12–35.20 changing hands and its contested part,
    # patch 2 a sliver led by patch 0 (it flips as soon as patch 0 moves).
    p0 = [
        (35.15, S, 35.20, M),
        (35.15, S, 35.175, M),
    ]
    patches0 = [
        {"shares": [0, 0.5, 1], "times": [0.3], "leads": []},
        {"shares": [0, 1], "times": [0.6, 0.8], "leads": []},
        {"shares": [0, 1], "times": [0.5], "leads": [0]},
    ]
    layers0 = {
        "UA/controlled": {
            "common": both((35.00, S, 35.15, M), (35.00, M, 35.12, N))[0],
            "common_km2": both((35.00, S, 35.15, M), (35.00, M, 35.12, N))[1],
            "members": [
                member(0, [both(p0[0]), both(p0[1]), e]),
                member(1, [both((35.12, M, 35.195, N)), e]),
                member(2, [both((35.195, M, 35.20, N)), e]),
            ],
        },
        "RU/controlled": {
            "common": both((35.20, S, 35.40, M), (35.20, M, 35.40, N))[0],
            "common_km2": both((35.20, S, 35.40, M), (35.20, M, 35.40, N))[1],
            "members": [
                member(0, [e, both((35.175, S, 35.20, M)), both((35.15, S, 35.20, M))]),
                member(1, [e, both((35.16, M, 35.195, N))]),
                member(2, [e, both((35.195, M, 35.20, N))]),
            ],
        },
        "RU/contested": {
            "common": [],
            "common_km2": 0.0,
            "members": [member(1, [e, both((35.12, M, 35.16, N))])],
        },
    }
    # Pair 1 (linear): one patch with five levels; the northern UA strip and the contested
    # strip go to RU, the southern UA strip 35.10–35.15 shrinks step by step.
    xs = [35.15, 35.1375, 35.125, 35.1125, 35.10]
    patches1 = [{"shares": [0, 0.25, 0.5, 0.75, 1], "times": [0.5], "leads": []}]
    layers1 = {
        "UA/controlled": {
            "common": both((35.00, S, 35.10, M))[0],
            "common_km2": both((35.00, S, 35.10, M))[1],
            "members": [
                member(0, [both((35.10, S, x, M), (35.00, M, 35.12 - 0.03 * k, N)) for k, x in enumerate(xs)])
            ],
        },
        "RU/controlled": {
            "common": both((35.15, S, 35.40, M), (35.16, M, 35.40, N))[0],
            "common_km2": both((35.15, S, 35.40, M), (35.16, M, 35.40, N))[1],
            "members": [
                member(
                    0,
                    [
                        both((x, S, 35.15, M), (35.12 - 0.03 * k, M, 35.12, N)) if k else e
                        for k, x in enumerate(xs)
                    ],
                ),
                member(
                    0,
                    [
                        e,
                        e,
                        both((35.12, M, 35.16, N)),
                        both((35.12, M, 35.16, N)),
                        both((35.12, M, 35.16, N)),
                    ],
                ),
            ],
        },
        "RU/contested": {
            "common": [],
            "common_km2": 0.0,
            "members": [member(0, [both((35.12, M, 35.16, N)), both((35.12, M, 35.16, N)), e, e, e])],
        },
    }
    return [patches0, patches1], [layers0, layers1]


def member(patch: int, levels: list[tuple[list, float]]) -> dict:
    return {"patch": patch, "levels": [a for a, _ in levels], "km2": [k for _, k in levels]}


def keys(language: str) -> list[dict]:
    text = TEXTS[language]
    out = []
    for side, colour in (("UA", UA), ("RU", RU)):
        for status in ("controlled", "contested"):
            hatch = (
                {"angle": 45, "spacing": 6, "width": 1.3, "colour": colour} if status == "contested" else None
            )
            out.append(
                {
                    "code": f"{side}/{status}",
                    "side": side,
                    "status": status,
                    "label": f"{text['sides'][side]}: {text['status'][status]}",
                    "held": status == "controlled",
                    "fill": colour,
                    "fill_opacity": 0.37 if status == "controlled" else 0.14,
                    "stroke": colour,
                    "stroke_width": 1.5 if status == "controlled" else 1,
                    "dash": None,
                    "hatch": hatch,
                }
            )
    return out


def tiny_data(language: str = "de") -> dict[str, Any]:
    text = TEXTS[language]
    summer, winter = text["zones"]
    areas = snapshot_areas()
    patches, layers = pair_layers()
    snapshots = []
    for i, iso in enumerate(SNAPSHOT_TIMES):
        held = {code: km2 for code, (_, km2) in areas[i].items()}
        change = None
        if i:
            before = {side: 0.0 for side in ("UA", "RU")}
            after = dict(before)
            for code, km2 in areas[i - 1].items():
                before[code.split("/")[0]] += km2[1]
            for code, km2 in areas[i].items():
                after[code.split("/")[0]] += km2[1]
            change = {side: round(after[side] - before[side], 3) for side in before}
        snapshots.append(
            {
                "t": ms(iso),
                "iso": iso,
                "week": 11 + i,
                "date_text": "",  # filled below from the zones, as the plugin writes it
                "title": text["snapshot_titles"][i],
                "caption": text["captions"][i],
                "credit": text["credit"],
                "areas": {code: area for code, (area, _) in areas[i].items()},
                "held_km2": held,
                "change_km2": change,
                "change_text": "",
                "arrows": [
                    {
                        "kind": "attack" if i != 2 else "withdrawal",
                        "side": "RU" if i != 2 else "UA",
                        "colour": RU if i != 2 else UA,
                        "label": text["arrow"],
                        "line": [
                            encode_coords([(35.30, 51.18), (35.15, 51.14), (35.05, 51.08)], closed=False)
                        ],
                    }
                ],
                "notes": [{"text": text["note"], "lon": 35.06, "lat": 51.15, "colour": "#0b2f6b"}]
                if i == 1
                else [],
            }
        )
    data: dict[str, Any] = {
        "format": 1,
        "generator": "Kursk Tracker tests",
        "language": language,
        "scale": SCALE,
        "title": text["title"],
        "timezone": "Europe/Berlin",
        "zones": [[ms(SNAPSHOT_TIMES[0]) - 86400000, 120, summer], [ms(END_OF_SUMMER_TIME), 60, winter]],
        "epoch": "2024-08-06",
        "words": page_words(language),
        "format_numbers": text["numbers"],
        "bounds": [34.95, 50.97, 35.45, 51.23],
        "basemap": None,
        "keys": keys(language),
        "sides": [
            {"code": "UA", "name": text["sides"]["UA"], "colour": UA},
            {"code": "RU", "name": text["sides"]["RU"], "colour": RU},
        ],
        "front": {"colour": "#1a1a1a", "width": 3, "casing": "#ffffff", "casing_width": 6},
        "context": {
            "countries": [{"name": text["sides"]["RU"], "area": rect(34.5, 50.9, 36.0, 51.5)}],
            "oblasts": [{"name": "Kursk", "area": rect(34.7, 50.95, 35.9, 51.4)}],
        },
        "places": [
            {"name": text["places"][0], "lon": 35.27, "lat": 51.19, "rank": 1},
            {"name": text["places"][1], "lon": 35.05, "lat": 51.12, "rank": 2},
            {"name": text["places"][2], "lon": 35.33, "lat": 51.04, "rank": 3},
        ],
        "snapshots": snapshots,
        "pairs": [
            {"timing": "eased", "ease_width": 0.142857, "patches": patches[0], "layers": layers[0]},
            {"timing": "linear", "ease_width": 0.142857, "patches": patches[1], "layers": layers[1]},
        ],
    }
    for snap in snapshots:
        snap["date_text"] = expected_date_text(data, snap["t"])
    return data


# ---------- the contract's algorithm, written again in Python ----------


def expected_date_text(data: dict, t: int) -> str:
    zone = data["zones"][0]
    for z in data["zones"]:
        if z[0] <= t:
            zone = z
    local = dt.datetime.fromtimestamp(t / 1000, dt.timezone.utc) + dt.timedelta(minutes=zone[1])
    return data["words"]["date_pattern"].format(
        day=local.day,
        month=data["words"]["months"][local.month - 1],
        year=local.year,
        hour=f"{local.hour:02d}",
        minute=f"{local.minute:02d}",
        zone=zone[2],
    )


def expected_held(data: dict, t: int) -> dict[str, float]:
    """heldKm2() at instant t, as docs/web_data.md's "frame at instant t" defines it."""
    return held_at(data, t)


def patch_levels(data: dict, t: int) -> list[int]:
    """The level of each patch of the first pair at t (for checking the fixture covers levels)."""
    snaps = data["snapshots"]
    return pair_levels(data["pairs"][0], (t - snaps[0]["t"]) / (snaps[1]["t"] - snaps[0]["t"]))
