"""The interactive web page's data: everything the page draws, precomputed (docs/web_data.md).

The page composes frames and never computes geometry: the morph of each pair
of snapshots is handed over as it is precomputed for QGIS (the ground both
snapshots share, and per changed patch its nested levels with their areas),
so a frame in the browser is the frame `kursk_tracker:frontatdate` gives
for the same instant, and its areas are the sums of the parts shown.

Plain Python with shapely: no QGIS here, so it is tested without it. The
context layers (countries, oblasts) are read by the caller and passed in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..core.errors import KurskTrackerError
from ..core.series import Series, Snapshot
from ..core.text import tr
from ..core.timefmt import format_instant, iso_utc
from ..core.wording import format_number, language_of, word
from .web_encoding import SCALE, encode_area, encode_line
from .web_front import front_entry
from .web_words import epoch_ms, page_words, zone_changes

FORMAT = 1

HELD_STATUSES = ("controlled", "pocket")
"""The statuses counted as held ground (the chart and the change, as in the Lagebild)."""

FILL_OPACITY = {"controlled": 95 / 255, "pocket": 95 / 255, "contested": 35 / 255, "claimed": 35 / 255}
"""The house style's fill alphas (tools/build_styles.py); any other status: UNKNOWN_OPACITY."""
UNKNOWN_OPACITY = 50 / 255
MM = 96 / 25.4
"""Pixels per millimetre on a screen of 96 dpi: the style's widths in mm become CSS pixels."""

STATUS_LEGEND = {
    "controlled": "Controlled",
    "contested": "Contested",
    "claimed": "Claimed",
    "pocket": "Pocket",
}

Progress = Callable[[float], None]
Cancelled = Callable[[], bool]


class WebExportError(KurskTrackerError):
    """The series cannot be made into a page (no snapshots, a span with none, …)."""


@dataclass(frozen=True)
class ContextArea:
    """A country or region drawn under the series, already clipped and simplified (lon/lat)."""

    kind: str
    """"countries" or "oblasts"."""
    name: str
    geometry: Any
    """The area, for the fill."""
    outline: Any = None
    """The border as lines (the area's boundary without the edges a clip added), for the stroke."""


@dataclass(frozen=True)
class ContextStyle:
    fill: str = "#efefec"
    stroke: str = "#a0a0a0"
    stroke_width: float = 0.8


@dataclass
class WebOptions:
    language: str = "en"
    timing: str = "eased"
    start: dt.datetime | None = None
    end: dt.datetime | None = None
    basemap_url: str = ""


# --- the data object -----------------------------------------------------------------------------


def _area_key(key: tuple[str, str]) -> str:
    return f"{key[0]}/{key[1]}"


def _keys(series: Series, found: Iterable[tuple[str, str]], language: str) -> list[dict[str, Any]]:
    """The area layers, bottom first: held ground under the bands drawn over it."""
    order = {"controlled": 0, "pocket": 1, "claimed": 2, "contested": 3}
    result = []
    for side_code, status in sorted(set(found), key=lambda k: (order.get(k[1], 4), k[0], k[1])):
        side = series.side(side_code)
        colour = side.colour if side is not None else "#808080"
        legend = STATUS_LEGEND.get(status, "Unknown")
        status_word = word(f"legend.{legend}", language)
        name = side.name(language) if side is not None else side_code
        hatch = None
        if status in ("contested", "claimed"):
            hatch = {"angle": 45 if status == "contested" else -45, "spacing": 1.6 * MM, "width": 0.35 * MM}
        result.append(
            {
                "code": _area_key((side_code, status)),
                "side": side_code,
                "status": status,
                # Ground of no side (a grey zone) is named by its status alone.
                "label": f"{name}: {status_word}" if name else status_word[:1].upper() + status_word[1:],
                "held": status in HELD_STATUSES,
                "fill": colour,
                "fill_opacity": round(FILL_OPACITY.get(status, UNKNOWN_OPACITY), 4),
                "stroke": _darker(colour, 1.6) if status == "pocket" else colour,
                "stroke_width": round(
                    (0.9 if status == "pocket" else 0.4 if status == "controlled" else 0.25) * MM, 2
                ),
                "dash": [round(2.5 * MM, 1), round(1.2 * MM, 1)] if status == "pocket" else None,
                "hatch": hatch,
            }
        )
    return result


def _darker(colour: str, factor: float) -> str:
    """The colour with its value divided by `factor` (as QGIS's darker(), factor 160 → 1.6)."""
    text = colour.lstrip("#")
    if len(text) != 6:
        return colour
    r, g, b = bytes.fromhex(text)
    return "#" + "".join(f"{max(0, min(255, round(c / factor))):02x}" for c in (r, g, b))


def _text(attributes: Mapping[str, object], name: str, language: str) -> str:
    value = attributes.get(f"{name}_{language}") or attributes.get(name) or ""
    return str(value).strip()


def _snapshot_entry(
    series: Series,
    snapshot: Snapshot,
    areas: Mapping[tuple[str, str], Any],
    features: list[Any],
    language: str,
) -> dict[str, Any]:
    import shapely

    from ..core.stats import area_km2

    arrows, notes = [], []
    for record in features:
        attributes = record.attributes
        side = str(attributes.get("side") or "")
        known = series.side(side)
        colour = known.colour if known is not None else "#808080"
        if record.layer == "movements":
            arrows.append(
                {
                    "kind": str(attributes.get("kind") or "attack"),
                    "side": side,
                    "colour": colour,
                    "label": _text(attributes, "label", language),
                    "line": encode_line(shapely.from_wkt(record.wkt)),
                }
            )
        elif record.layer == "annotations":
            point = shapely.from_wkt(record.wkt)
            if point.is_empty:
                continue
            notes.append(
                {
                    "text": _text(attributes, "text", language),
                    "lon": round(point.x, 5),
                    "lat": round(point.y, 5),
                    "colour": _darker(colour, 1.8),
                }
            )
    return {
        "t": epoch_ms(snapshot.valid_at),
        "iso": iso_utc(snapshot.valid_at),
        "week": series.week_of(snapshot.valid_at),
        "date_text": format_instant(snapshot.valid_at, series.timezone, language),
        "title": snapshot.title_in(language).strip(),
        "caption": snapshot.caption_in(language).strip(),
        "credit": series.credit_in(language).strip(),
        "areas": {_area_key(key): encode_area(geometry) for key, geometry in sorted(areas.items())},
        "held_km2": {_area_key(key): round(area_km2(geometry), 4) for key, geometry in sorted(areas.items())},
        "arrows": arrows,
        "notes": notes,
    }


def _change(
    series: Series,
    before: Mapping[tuple[str, str], Any],
    after: Mapping[tuple[str, str], Any],
    since: Snapshot,
    lang: str,
) -> tuple[dict[str, float], str]:
    """Net km² per side since the previous snapshot and the Lagebild's sentence for it."""
    from ..core.change import changes_between, net_by_side
    from ..core.timefmt import format_day

    nets = {
        side: gain - loss
        for side, (gain, loss) in net_by_side(changes_between(dict(before), dict(after))).items()
    }
    parts = []
    for side, net in sorted(nets.items()):
        if abs(net) >= 0.05:
            sign = "+" if net > 0 else "−"
            parts.append(f"{sign}{format_number(abs(net), lang)} km² {side}")
    day = format_day(since.valid_at, series.timezone, lang, with_year=False)
    pattern = word("summary.changed" if parts else "summary.unchanged", lang)
    return {side: round(net, 3) for side, net in sorted(nets.items())}, pattern.format(
        changes=", ".join(parts), day=day
    )


def _pair_entry(morph: Any, keys: list[str]) -> dict[str, Any]:
    """One pair's morph as the page composes it: per layer the shared ground and the levels of
    each patch it takes part in, with their areas (see core/morph/pair.py)."""
    from ..core.stats import area_km2

    patches = [
        {
            "shares": [round(float(s), 6) for s in patch.shares],
            "times": [round(float(t), 6) for t in times],
            "leads": [int(i) for i in patch.leads],
        }
        for patch, times in zip(morph.patches, morph.times)
    ]
    layers: dict[str, Any] = {}
    for key in morph.keys:
        members = []
        for index, patch in enumerate(morph.patches):
            for pieces in (patch.gained.get(key), patch.kept.get(key)):
                if pieces is None:
                    continue
                members.append(
                    {
                        "patch": index,
                        "levels": [encode_area(piece) for piece in pieces],
                        "km2": [round(area_km2(piece), 4) for piece in pieces],
                    }
                )
        common = morph.common[key]
        layers[_area_key(key)] = {
            "common": encode_area(common),
            "common_km2": round(area_km2(common), 4),
            "members": members,
        }
    return {
        "timing": morph.settings.timing,
        "ease_width": round(morph.settings.ease_width, 9),
        "patches": patches,
        "layers": {code: layers[code] for code in keys if code in layers},
    }


def chosen_snapshots(series: Series, options: WebOptions) -> list[Snapshot]:
    """The snapshots within the options' span; a clear error when too few remain for a page."""
    snapshots = series.sorted_snapshots()
    if not snapshots:
        raise WebExportError(tr("The series has no snapshots: there is nothing to put on a page."))
    chosen = [
        s
        for s in snapshots
        if (options.start is None or s.valid_at >= options.start)
        and (options.end is None or s.valid_at <= options.end)
    ]
    if not chosen:
        raise WebExportError(
            tr("No snapshot lies between {start} and {end}; the series runs from {first} to {last}.").format(
                start=iso_utc(options.start) if options.start else "…",
                end=iso_utc(options.end) if options.end else "…",
                first=iso_utc(snapshots[0].valid_at),
                last=iso_utc(snapshots[-1].valid_at),
            )
        )
    if len(chosen) < 2:
        raise WebExportError(
            tr(
                "Only one snapshot ({when}) is in the span: a page with a moving front needs two or more. "
                "Export a Lagebild for a single snapshot."
            ).format(when=iso_utc(chosen[0].valid_at))
        )
    return chosen


ContextReader = Callable[[Sequence[float]], tuple[list[ContextArea], dict[str, ContextStyle]]]
"""Countries and oblasts (with their styles) around a view's bounds; QGIS reads them (web_page.py)."""


def build_web_data(
    series: Series,
    records: list[Any],
    options: WebOptions,
    context: ContextReader | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> dict[str, Any] | None:
    """The page's data object for `series` (docs/web_data.md); None when cancelled."""
    from ..__about__ import __version__
    from ..core.frames import SeriesFrames
    from ..core.morph import MorphSettings

    lang = language_of(options.language)
    chosen = chosen_snapshots(series, options)
    ids = {s.id for s in chosen}
    frames = SeriesFrames.from_records(series, records, MorphSettings(timing=options.timing))
    by_snapshot: dict[int, list[Any]] = {}
    for record in records:
        if (
            record.layer in ("movements", "annotations")
            and int(record.attributes.get("snapshot_id") or -1) in ids
        ):
            by_snapshot.setdefault(int(record.attributes["snapshot_id"]), []).append(record)
    found = {key for s in chosen for key in frames.areas.get(s.id, {})}
    keys = _keys(series, found, lang)
    codes = [k["code"] for k in keys]
    # A pair (its morph precomputed, every level encoded and measured) takes several times a snapshot.
    pair_weight = 6
    steps = len(chosen) + pair_weight * (len(chosen) - 1)
    done = 0

    def step(weight: int = 1) -> bool:
        nonlocal done
        done += weight
        if progress is not None:
            progress(done / steps)
        return cancelled is not None and cancelled()

    snapshots = []
    for index, snapshot in enumerate(chosen):
        areas = frames.areas.get(snapshot.id, {})
        entry = _snapshot_entry(series, snapshot, areas, by_snapshot.get(snapshot.id, []), lang)
        if index > 0:
            entry["change_km2"], entry["change_text"] = _change(
                series, frames.areas.get(chosen[index - 1].id, {}), areas, chosen[index - 1], lang
            )
        else:
            entry["change_km2"], entry["change_text"] = None, ""
        snapshots.append(entry)
        if step():
            return None
    pairs = []
    for before, after in zip(chosen, chosen[1:]):
        pairs.append(_pair_entry(frames.pair(before, after), codes))
        if step(pair_weight):
            return None
    view = areas_bounds(frames, chosen)
    context_areas, context_styles = context(view) if context is not None else ([], {})
    return {
        "format": FORMAT,
        "generator": f"Kursk Tracker {__version__}",
        "language": lang,
        "scale": SCALE,
        "title": series.name(lang),
        "timezone": series.timezone,
        "epoch": series.epoch.isoformat(),
        "zones": zone_changes(series, chosen[0].valid_at, chosen[-1].valid_at, lang),
        "words": page_words(lang),
        "format_numbers": {
            "decimal": word("number.decimal_mark", lang),
            "group": word("number.thousands_mark", lang),
        },
        "bounds": view,
        "basemap": _basemap(options.basemap_url),
        "keys": keys,
        "sides": [{"code": s.code, "name": s.name(lang), "colour": s.colour} for s in series.sides],
        "front": {
            "colour": "#1a1a1a",
            "width": round(0.8 * MM, 2),
            "casing": "#ffffff",
            "casing_width": round(1.6 * MM, 2),
            **front_entry(frames, chosen, view),
        },
        "context": _context(context_areas, context_styles),
        "places": _places(records, lang),
        "snapshots": snapshots,
        "pairs": pairs,
    }


def areas_bounds(frames: Any, chosen: list[Snapshot]) -> list[float]:
    """The extent of every snapshot's areas with a margin (as the Lagebild frames them)."""
    import shapely

    geometries = [
        g for s in chosen for g in frames.areas.get(s.id, {}).values() if g is not None and not g.is_empty
    ]
    if not geometries:
        raise WebExportError(tr("The snapshots in the span hold no areas: there is no front to show."))
    west, south, east, north = shapely.total_bounds(geometries)
    dx, dy = (east - west) * 0.08, (north - south) * 0.08
    return [round(west - dx, 5), round(south - dy, 5), round(east + dx, 5), round(north + dy, 5)]


def _basemap(url: str) -> dict[str, str] | None:
    url = (url or "").strip()
    if not url:
        return None
    if not url.lower().startswith(("https://", "http://")) or "{z}" not in url:
        raise WebExportError(
            tr(
                "The basemap URL must be an http(s) XYZ template with {{z}}, {{x}} and {{y}}, not {url!r}."
            ).format(url=url)
        )
    return {"url": url, "attribution": ""}


def _places(records: list[Any], language: str) -> list[dict[str, Any]]:
    import shapely

    places = []
    for record in records:
        if record.layer != "places":
            continue
        point = shapely.from_wkt(record.wkt)
        if point.is_empty:
            continue
        attributes = record.attributes
        name = str(
            attributes.get(f"name_{language}")
            or attributes.get("name_local")
            or attributes.get("name_en")
            or ""
        )
        rank = attributes.get("rank")
        places.append(
            {
                "name": name.strip(),
                "lon": round(point.x, 5),
                "lat": round(point.y, 5),
                "rank": int(rank) if isinstance(rank, (int, float)) else 3,
            }
        )
    return sorted(places, key=lambda p: (p["rank"], p["name"]))


def _context(context: Iterable[ContextArea], styles: Mapping[str, ContextStyle]) -> dict[str, Any]:
    result: dict[str, Any] = {"countries": [], "oblasts": [], "styles": {}}
    for area in context:
        encoded = encode_area(area.geometry)
        if encoded:
            outline = encode_line(area.outline) if area.outline is not None else []
            result.setdefault(area.kind, []).append({"name": area.name, "area": encoded, "outline": outline})
    for kind in ("countries", "oblasts"):
        style = styles.get(kind, ContextStyle())
        result["styles"][kind] = {
            "fill": style.fill,
            "stroke": style.stroke,
            "stroke_width": style.stroke_width,
        }
    return result
