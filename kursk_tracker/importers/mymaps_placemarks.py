"""What the placemarks of a Google My Maps file are: situation features and places.

The placemarks come from `kml` (folders, shapes, style colours); `mymaps`
reads the files and makes the snapshots.

* **Folders → kinds.** My Maps layers are KML folders. The innermost folder
  that says something decides, an entry of ``options.kind_mapping`` (folder
  name, any case → "areas", "front_lines", "movements", "annotations",
  "places", "caption" or "skip") before keywords in German and English:
  Front/Frontlinie → front lines; Angriff/Vorstoß/Pfeile/attack/arrows/
  movements → movements; Gebiete/Kontrolle/areas/control/held → areas;
  Orte/places/towns → places; Notizen/annotations/labels → annotations.
  Without a word, the geometry decides: polygon → area, line → front line,
  point → annotation. A geometry that does not fit its folder's kind is
  skipped with a warning (a polygon in "Pfeile" is an arrow drawn as a
  shape, not held ground), except points, which become annotations.
* **Colours → sides.** The colour of the matching style part (see `kml`)
  gives the side: ``options.side_mapping`` for that colour ("#rrggbb"),
  style id or folder name (an empty value means "no side"), else a guess:
  blue (hue 190–250°) → "UA", red (hue 345–12°) → "RU", grey, black and
  white → no side (and a grey area without a status word is "contested").
  Guesses are listed in one info message per file; any other colour of an
  area or movement gives ONE warning per file listing each colour and how
  many features use it. Those features are imported without a side.
* **Movements** keep the direction the author drew (first point = tail);
  the placemark name is the label; the kind comes from words in the name,
  description or folder (Entlastungsangriff/relief, Gegenangriff/counter,
  Rückzug/withdraw, else attack).
* **Areas** get their status from words (Kessel/pocket, umkämpft/contested/
  grey zone, beansprucht/claimed, else controlled).
"""

from __future__ import annotations

import colorsys
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

import shapely
from shapely.geometry.base import BaseGeometry

from ..core.import_result import ImportResult, PlaceData, SituationFeature
from ..core.series import AreaStatus, FeatureKind, MovementKind
from ..core.text import tr
from .base import ImportOptions
from .kml import KmlContents, Placemark, Styles

SOURCE = "Google My Maps"


PLACES = "places"
CAPTION = "caption"
SKIP = "skip"
_KINDS = {k.value: k.value for k in FeatureKind} | {
    PLACES: PLACES,
    CAPTION: CAPTION,
    SKIP: SKIP,
    "ignore": SKIP,
    "": SKIP,
}

# Innermost folder first; within a name the first matching kind wins, so
# "Angriffe an der Front" is movements and "Kontrollierte Gebiete" areas.
_KIND_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.IGNORECASE))
    for kind, pattern in (
        (PLACES, r"\borte?\b|ortschaft|\bplaces?\b|\btowns?\b|\bcit(?:y|ies)\b|\bvillages?\b|städte|dörfer"),
        (
            FeatureKind.ANNOTATIONS.value,
            r"notiz|\bnotes?\b|annotation|\blabels?\b|beschriftung|anmerkung|einheiten|\bunits?\b",
        ),
        (
            FeatureKind.MOVEMENTS.value,
            r"angriff|vorstoß|vorstoss|pfeil|attack|arrow|movement|bewegung|rückzug|withdraw",
        ),
        (FeatureKind.FRONT_LINES.value, r"front|kontaktlinie|line of contact"),
        (
            FeatureKind.AREAS.value,
            r"gebiet|kontroll|\bareas?\b|control|\bheld\b|territor|besetzt|occupied|befreit|liberated"
            r"|kessel|pocket|grauzone|gr[ae]y zone",
        ),
    )
)
_CAPTION_FOLDERS = {"lagebild", "caption", "bildunterschrift", "beschreibung", "description"}

_MOVEMENT_WORDS = (
    (MovementKind.RELIEF_ATTACK, re.compile(r"entlastung|relief", re.IGNORECASE)),
    (
        MovementKind.COUNTERATTACK,
        re.compile(r"gegenangriff|gegenstoß|gegenstoss|gegenoffensive|counter", re.IGNORECASE),
    ),
    (MovementKind.WITHDRAWAL, re.compile(r"rückzug|rueckzug|withdr[ae]w|retreat", re.IGNORECASE)),
)
_STATUS_WORDS = (
    (AreaStatus.POCKET, re.compile(r"kessel|pocket|encircle", re.IGNORECASE)),
    (AreaStatus.CONTESTED, re.compile(r"umkämpft|umkaempft|contested|gr[ae]y ?zone|grauzone", re.IGNORECASE)),
    (AreaStatus.CLAIMED, re.compile(r"claimed|beansprucht", re.IGNORECASE)),
)

_NO_SIDE_WORDS = {"", "none", "-", "null", "no side", "keine"}


# --- colours → sides -----------------------------------------------------------


def _guess_side(colour: str) -> tuple[bool, str | None]:
    """(known, side): blue → UA, red → RU, grey/black/white → known without side."""
    red, green, blue = (int(colour[i:j], 16) / 255 for i, j in ((1, 3), (3, 5), (5, 7)))
    hue, saturation, value = colorsys.rgb_to_hsv(red, green, blue)
    hue *= 360
    if saturation < 0.15 or value < 0.15:
        return True, None
    if saturation < 0.35:
        return False, None
    if 190 <= hue <= 250:
        return True, "UA"
    if hue >= 345 or hue <= 12:
        return True, "RU"
    return False, None


def _is_neutral(colour: str | None) -> bool:
    return colour is not None and _guess_side(colour) == (True, None)


# --- placemarks → features --------------------------------------------------------


@dataclass
class Interpreter:
    """What the placemarks of one file are as situation features, and what did not fit."""

    path: Path
    options: ImportOptions
    styles: Styles
    contents: KmlContents
    caption_texts: list[str] = field(default_factory=list)
    no_geometry: int = 0
    unnamed_places: int = 0
    misfits: Counter[tuple[str, str]] = field(default_factory=Counter)
    unknown_colours: Counter[str] = field(default_factory=Counter)
    guessed: Counter[tuple[str, str]] = field(default_factory=Counter)
    bad_kinds: set[tuple[str, str]] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.kind_mapping = {k.strip().casefold(): v for k, v in self.options.kind_mapping.items()}
        self.side_mapping = {_mapping_key(k): v for k, v in self.options.side_mapping.items()}
        # Every folder's name is checked against the kind mapping, so a mistyped kind is
        # reported even for a folder without placemarks.
        for name, description in self.contents.folders:
            if name.casefold() in _CAPTION_FOLDERS or self._explicit(name) == CAPTION:
                self.caption_texts.append(description)

    def _explicit(self, folder: str) -> str | None:
        value = self.kind_mapping.get(folder.strip().casefold())
        if value is None:
            return None
        kind = _KINDS.get(value.strip().lower())
        if kind is None:
            self.bad_kinds.add((folder, value))
        return kind

    def folder_kind(self, folders: tuple[str, ...]) -> tuple[str | None, str]:
        """The kind the innermost telling folder gives, and that folder's name."""
        for folder in reversed(folders):
            explicit = self._explicit(folder)
            if explicit is not None:
                return explicit, folder
            if folder.casefold() in _CAPTION_FOLDERS:
                return CAPTION, folder
            for kind, pattern in _KIND_WORDS:
                if pattern.search(folder):
                    return kind, folder
        return None, folders[-1] if folders else ""

    def caption(self) -> str:
        texts = [t for t in self.caption_texts if t]
        if not texts:
            texts = [
                p.description or p.name
                for p in self.contents.placemarks
                if self.folder_kind(p.folders)[0] == CAPTION
            ]
        return "\n\n".join(t for t in texts if t)

    def side(self, placemark: Placemark, colour: str | None) -> tuple[bool, str | None]:
        """(known, side) from the user's mapping, else guessed from the colour."""
        mapping = self.side_mapping
        style_id = placemark.style_url.rsplit("#", 1)[-1].strip().lower()
        keys = [
            colour or "",
            f"#{style_id}" if style_id else "",
            style_id,
            *(f.strip().lower() for f in reversed(placemark.folders)),
        ]
        for key in keys:
            if key and key in mapping:
                value = (mapping[key] or "").strip()
                return True, None if value.lower() in _NO_SIDE_WORDS else value
        if colour is None:
            return False, None
        known, side = _guess_side(colour)
        if known and side:
            self.guessed[(colour, side)] += 1
        return known, side

    def build(self) -> tuple[list[SituationFeature], list[PlaceData]]:
        features: list[SituationFeature] = []
        places: list[PlaceData] = []
        for placemark in self.contents.placemarks:
            if not placemark.shapes:
                self.no_geometry += 1
                continue
            kind, folder = self.folder_kind(placemark.folders)
            if kind in (SKIP, CAPTION):
                continue
            by_dimension: dict[int, list[BaseGeometry]] = defaultdict(list)
            for shape in placemark.shapes:
                by_dimension[shapely.get_dimensions(shape)].append(shape)
            for dimension, shapes in sorted(by_dimension.items(), reverse=True):
                features.extend(self._features(placemark, kind, folder, dimension, shapes, places))
        return features, places

    def _features(
        self,
        placemark: Placemark,
        folder_kind: str | None,
        folder: str,
        dimension: int,
        shapes: list[BaseGeometry],
        places: list[PlaceData],
    ) -> list[SituationFeature]:
        if dimension == 0:
            if folder_kind == PLACES:
                places.extend(self._places(placemark, shapes))
                return []
            kind = FeatureKind.ANNOTATIONS
        else:
            fits = {
                2: (FeatureKind.AREAS.value,),
                1: (FeatureKind.FRONT_LINES.value, FeatureKind.MOVEMENTS.value),
            }[dimension]
            if folder_kind is None:
                kind = FeatureKind.AREAS if dimension == 2 else FeatureKind.FRONT_LINES
            elif folder_kind in fits:
                kind = FeatureKind(folder_kind)
            else:
                self.misfits[(folder, "polygons" if dimension == 2 else "lines")] += len(shapes)
                return []

        colour = self.styles.colour(placemark.style_url, placemark.inline_style, dimension)
        known, side = self.side(placemark, colour)
        if not known and kind in (FeatureKind.AREAS, FeatureKind.MOVEMENTS):
            self.unknown_colours[colour or ""] += 1
        words = " ".join((placemark.name, placemark.description, folder))
        if kind == FeatureKind.AREAS:
            status = next((s for s, p in _STATUS_WORDS if p.search(words)), None)
            if status is None:
                status = (
                    AreaStatus.CONTESTED if side is None and _is_neutral(colour) else AreaStatus.CONTROLLED
                )
            union = shapes[0] if len(shapes) == 1 else shapely.union_all(shapes)
            return [SituationFeature(kind, union, side, {"status": status.value})]
        if kind == FeatureKind.FRONT_LINES:
            line = shapes[0] if len(shapes) == 1 else cast(BaseGeometry, shapely.multilinestrings(shapes))
            return [SituationFeature(kind, line, side, {"name": placemark.name})]
        if kind == FeatureKind.MOVEMENTS:
            movement = next((m for m, p in _MOVEMENT_WORDS if p.search(words)), MovementKind.ATTACK)
            # One arrow per line, each as drawn: the first point is the tail.
            return [
                SituationFeature(kind, line, side, {"kind": movement.value, "label": placemark.name})
                for line in shapes
            ]
        text = placemark.name or placemark.description
        return [SituationFeature(kind, point, side, {"text": text}) for point in shapes]

    def _places(self, placemark: Placemark, shapes: list[BaseGeometry]) -> list[PlaceData]:
        names = _place_names(placemark.name)
        if not names:
            self.unnamed_places += len(shapes)
            return []
        area = self.options.area_of_interest
        kept = []
        for point in shapes:
            x, y = shapely.get_x(point), shapely.get_y(point)
            if area is not None and not (area[0] <= x <= area[2] and area[1] <= y <= area[3]):
                continue
            kept.append(PlaceData(point, names, source=f"{SOURCE}: {self.path.name}"))
        return kept

    def report(self, result: ImportResult) -> None:
        path = self.path
        if self.contents.bad_coordinates:
            result.warn(
                path,
                tr("{count} placemarks with unreadable coordinates skipped").format(
                    count=self.contents.bad_coordinates
                ),
            )
        if self.no_geometry:
            result.warn(
                path, tr("{count} placemarks without a geometry skipped").format(count=self.no_geometry)
            )
        if self.unnamed_places:
            result.warn(path, tr("{count} places without a name skipped").format(count=self.unnamed_places))
        if self.contents.network_links:
            result.warn(
                path,
                tr("{count} network links not followed (only this file is read)").format(
                    count=self.contents.network_links
                ),
            )
        for folder, value in sorted(self.bad_kinds):
            result.warn(
                path,
                tr("folder '{folder}': unknown kind '{kind}' in the kind mapping").format(
                    folder=folder, kind=value
                ),
            )
        for (folder, shapes), count in sorted(self.misfits.items()):
            message = (
                tr("folder '{folder}': {count} polygons do not fit its kind and were skipped")
                if shapes == "polygons"
                else tr("folder '{folder}': {count} lines do not fit its kind and were skipped")
            )
            result.warn(path, message.format(folder=folder, count=count))
        if self.guessed:
            guesses = ", ".join(
                f"{colour} → {side} ({count})" for (colour, side), count in sorted(self.guessed.items())
            )
            result.info(
                path,
                tr("sides guessed from colours: {guesses}; correct them in the side mapping").format(
                    guesses=guesses
                ),
            )
        if self.unknown_colours:
            parts = [_colour_count(colour, count) for colour, count in sorted(self.unknown_colours.items())]
            result.warn(
                path,
                tr("unknown colours {colours} — map them to a side to import their side").format(
                    colours=", ".join(parts)
                ),
            )


def _mapping_key(key: str) -> str:
    """Keys compare in lower case; a bare "0f9d58" is the colour "#0f9d58"."""
    key = key.strip().lower()
    return f"#{key}" if re.fullmatch(r"[0-9a-f]{6}", key) else key


def _colour_count(colour: str, count: int) -> str:
    what = colour or tr("no colour")
    if count == 1:
        return tr("{colour} (1 feature)").format(colour=what)
    return tr("{colour} ({count} features)").format(colour=what, count=count)


def _place_names(name: str) -> dict[str, str]:
    """ "Sudscha / Суджа" → Latin name under "en", Cyrillic under "local"."""
    names: dict[str, str] = {}
    for part in re.split(r"\s*[/|()]\s*", name):
        part = part.strip()
        if not part:
            continue
        key = "local" if re.search(r"[\u0400-\u04ff]", part) else "en"
        names.setdefault(key, part)
    return names
