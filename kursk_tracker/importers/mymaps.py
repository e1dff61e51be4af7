"""Google My Maps exports (KML 2.2, or KMZ with doc.kml inside), one snapshot per file.

What is read, and how:

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
* **Colours → sides.** The colour is the style's ``<color>`` (KML writes
  aabbggrr) of the matching part (PolyStyle for areas, LineStyle for lines,
  IconStyle for points), through ``<StyleMap>`` "normal" pairs; without one,
  the colour in a My Maps style id (``#poly-01579B-1200-77-nodesc``,
  ``#line-DB4436-5000-nodesc``, ``#icon-1899-0288D1``). The side is then
  ``options.side_mapping`` for that colour ("#rrggbb"), style id or folder
  name (an empty value means "no side"), else a guess: blue (hue 190–250°)
  → "UA", red (hue 345–12°) → "RU", grey, black and white → no side (and a
  grey area without a status word is "contested"). Guesses are listed in
  one info message per file; any other colour of an area or movement gives
  ONE warning per file listing each colour and how many features use it.
  Those features are imported without a side.
* **Movements** keep the direction the author drew (first point = tail);
  the placemark name is the label; the kind comes from words in the name,
  description or folder (Entlastungsangriff/relief, Gegenangriff/counter,
  Rückzug/withdraw, else attack).
* **Areas** get their status from words (Kessel/pocket, umkämpft/contested/
  grey zone, beansprucht/claimed, else controlled).
* **Title and caption**: the Document's name and description (HTML
  stripped); without a Document description, the text of a folder named
  "Lagebild", "caption", "Bildunterschrift" or "Beschreibung".
* **Date**: the file name (`dates.date_from_name`), else a date written in
  the Document name or description ("Lagebild am 29. Oktober 2024, 22:00
  MEZ"; a date without a year takes the year of the file's time stamps or
  name), else the Document's ``TimeStamp/when`` or ``TimeSpan/begin`` (or the
  one instant all placemarks share), else ``options.ask_date``.

Network links, icons and other references are never followed. XML and ZIP
are read through `safe_files`, which refuses entities and archive tricks.
"""

from __future__ import annotations

import colorsys
import datetime as dt
import html
import math
import re
import zipfile
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

import shapely
from shapely.geometry import LineString, Point, Polygon
from shapely.geometry.base import BaseGeometry

from ..core.series import AreaStatus, FeatureKind, MovementKind
from ..core.situation import ImportResult, PlaceData, SituationFeature, SnapshotData
from ..core.text import tr
from ..core.timefmt import MONTHS
from .base import Feedback, ImportOptions
from .normalize import normalise_snapshot
from .safe_files import MB, UnsafeInputError, parse_xml, read_bytes, read_kmz
from .xml_tree import XmlElement

SOURCE = "Google My Maps"
MAX_KML_BYTES = 200 * MB
MAX_FOLDER_DEPTH = 64
MAX_GEOMETRY_DEPTH = 16

PLACES = "places"
CAPTION = "caption"
SKIP = "skip"
_KINDS = {k.value: k.value for k in FeatureKind} | {
    PLACES: PLACES, CAPTION: CAPTION, SKIP: SKIP, "ignore": SKIP, "": SKIP}

# Innermost folder first; within a name the first matching kind wins, so
# "Angriffe an der Front" is movements and "Kontrollierte Gebiete" areas.
_KIND_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.IGNORECASE)) for kind, pattern in (
        (PLACES, r"\borte?\b|ortschaft|\bplaces?\b|\btowns?\b|\bcit(?:y|ies)\b|\bvillages?\b|städte|dörfer"),
        (FeatureKind.ANNOTATIONS.value,
         r"notiz|\bnotes?\b|annotation|\blabels?\b|beschriftung|anmerkung|einheiten|\bunits?\b"),
        (FeatureKind.MOVEMENTS.value,
         r"angriff|vorstoß|vorstoss|pfeil|attack|arrow|movement|bewegung|rückzug|withdraw"),
        (FeatureKind.FRONT_LINES.value, r"front|kontaktlinie|line of contact"),
        (FeatureKind.AREAS.value,
         r"gebiet|kontroll|\bareas?\b|control|\bheld\b|territor|besetzt|occupied|befreit|liberated"
         r"|kessel|pocket|grauzone|gr[ae]y zone"),
    )
)
_CAPTION_FOLDERS = {"lagebild", "caption", "bildunterschrift", "beschreibung", "description"}

_MOVEMENT_WORDS = (
    (MovementKind.RELIEF_ATTACK, re.compile(r"entlastung|relief", re.IGNORECASE)),
    (MovementKind.COUNTERATTACK, re.compile(r"gegenangriff|gegenstoß|gegenstoss|gegenoffensive|counter",
                                            re.IGNORECASE)),
    (MovementKind.WITHDRAWAL, re.compile(r"rückzug|rueckzug|withdr[ae]w|retreat", re.IGNORECASE)),
)
_STATUS_WORDS = (
    (AreaStatus.POCKET, re.compile(r"kessel|pocket|encircle", re.IGNORECASE)),
    (AreaStatus.CONTESTED, re.compile(r"umkämpft|umkaempft|contested|gr[ae]y ?zone|grauzone", re.IGNORECASE)),
    (AreaStatus.CLAIMED, re.compile(r"claimed|beansprucht", re.IGNORECASE)),
)

# Which style element colours which geometry, by dimension (2 polygon, 1 line, 0 point).
_STYLE_PARTS = {2: ("PolyStyle", "LineStyle"), 1: ("LineStyle", "PolyStyle"), 0: ("IconStyle", "LabelStyle")}
_ID_COLOUR = re.compile(r"^(?:(?:poly|line)-|icon-\d+-)([0-9a-f]{6})(?![0-9a-f])", re.IGNORECASE)
_NO_SIDE_WORDS = {"", "none", "-", "null", "no side", "keine"}


def looks_like(path: Path) -> bool:
    """KML by its root element, KMZ by a .kml entry; reads a few kilobytes at most."""
    try:
        suffix = path.suffix.lower()
        if suffix == ".kmz":
            if not zipfile.is_zipfile(path):
                return False
            with zipfile.ZipFile(path) as archive:
                return any(name.lower().endswith(".kml") for name in archive.namelist())
        if suffix == ".kml":
            with path.open("rb") as stream:
                head = stream.read(64 * 1024).lower()
            return b"<kml" in head
    except (OSError, zipfile.BadZipFile):
        return False
    return False


def import_files(paths: list[Path], options: ImportOptions, feedback: Feedback) -> ImportResult:
    """One snapshot (and any places) per My Maps file; bad files are reported and skipped."""
    result = ImportResult()
    dated: dict[str, Path] = {}
    for _index, path in feedback.each(paths, result):
        try:
            snapshot, places = _read_file(path, options, result)
        except (UnsafeInputError, _FileError) as exc:
            result.error(path, exc.problem)
            snapshot, places = None, []
        except Exception as exc:  # a reader bug must not stop the other files
            result.error(path, tr("could not be read ({error})").format(error=exc))
            snapshot, places = None, []
        result.places.extend(places)
        if snapshot is not None:
            key = snapshot.valid_at.astimezone(dt.timezone.utc).isoformat()
            if key in dated:
                when = snapshot.valid_at.astimezone(ZoneInfo(options.timezone)).strftime("%Y-%m-%d %H:%M")
                result.error(path, tr("same date as {other} ({when}); not imported").format(
                    other=dated[key].name, when=when))
            else:
                dated[key] = path
                result.snapshots.append(snapshot)
    return result


class _FileError(Exception):
    """A problem that stops one file, worded for the user."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


# --- reading one file ---------------------------------------------------------

def _text(element: XmlElement | None, name: str) -> str:
    """The stripped text of `element`'s child `name` (any namespace); "" without one."""
    return "" if element is None else element.findtext(name)


def _plain(text: str) -> str:
    """Description HTML as the user reads it: line breaks kept, tags gone."""
    text = re.sub(r"<br\s*/?>|</p>|</div>", "\n", text, flags=re.IGNORECASE)
    text = html.unescape(re.sub(r"<[^>]+>", "", text))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n".join(line for line in lines if line).strip()


def _kml_bytes(path: Path) -> bytes:
    with path.open("rb") as stream:
        magic = stream.read(4)
    if path.suffix.lower() == ".kmz" or magic.startswith(b"PK\x03\x04"):
        data, _entry = read_kmz(path)
        return data
    return read_bytes(path, MAX_KML_BYTES)


def _read_file(path: Path, options: ImportOptions,
               result: ImportResult) -> tuple[SnapshotData | None, list[PlaceData]]:
    origin = str(path)
    try:
        data = _kml_bytes(path)
    except OSError as exc:
        raise _FileError(tr("cannot read the file ({error})").format(error=exc.strerror or exc)) from exc
    if not data.strip():
        raise _FileError(tr("empty file"))
    root = parse_xml(data, origin)
    if root.name != "kml":
        raise _FileError(tr("not a KML document (root element <{name}>)").format(name=root.name))
    # Without a Document, a top-level Folder is walked as a folder, so its name still says the kind.
    document = root.find("Document") or root

    reader = _Reader(path, options, _Styles(root))
    reader.walk(document)
    if not reader.placemarks and not reader.bad_coordinates:
        raise _FileError(tr("no placemarks in the document"))
    features, places = reader.build()
    if not features:
        if places:
            reader.report(result)
            result.info(path, tr("{count} places read; no situation features, so no snapshot").format(
                count=len(places)))
            return None, places
        raise _FileError(tr("no placemarks with a usable geometry"))

    title = _plain(_text(document, "name")) or path.stem
    caption = _plain(_text(document, "description")) or reader.caption()
    valid_at = _find_date(path, root, document, options)
    if valid_at is None:
        raise _FileError(tr("no date in the file name, the document or its time stamps"))
    snapshot = SnapshotData(valid_at, features, title=title, caption=caption,
                            source=f"{SOURCE}: {path.name}", origin=origin)
    # Reported only for a file that is imported: for one that is not, they would be noise.
    reader.report(result)
    normalise_snapshot(snapshot, options.area_of_interest, result)
    if not snapshot.features:
        raise _FileError(tr("no features inside the area of interest"))
    return snapshot, places


# --- styles and colours -------------------------------------------------------

def _kml_colour(text: str) -> str | None:
    """KML's aabbggrr (alpha first, then blue, green, red) as #rrggbb."""
    value = text.strip().lstrip("#").lower()
    if not re.fullmatch(r"[0-9a-f]{8}|[0-9a-f]{6}", value):
        return None
    value = value[-6:]  # alpha does not change the side
    return f"#{value[4:6]}{value[2:4]}{value[0:2]}"


def _id_colour(style_id: str) -> str | None:
    match = _ID_COLOUR.match(style_id.lstrip("#"))
    return f"#{match.group(1).lower()}" if match else None


class _Styles:
    """Shared styles by id, with StyleMap "normal" pairs followed."""

    def __init__(self, root: XmlElement) -> None:
        self.styles: dict[str, XmlElement] = {}
        self.maps: dict[str, XmlElement] = {}
        for element in root.iter():
            name = element.name
            style_id = element.get("id")
            if style_id and name == "Style":
                self.styles.setdefault(style_id, element)
            elif style_id and name == "StyleMap":
                self.maps.setdefault(style_id, element)

    @staticmethod
    def style_colour(style: XmlElement, dimension: int) -> str | None:
        for part_name in _STYLE_PARTS[dimension]:
            part = style.find(part_name)
            if part is None or (part_name == "PolyStyle" and _text(part, "fill") == "0"):
                continue
            colour = _kml_colour(_text(part, "color"))
            if colour:
                return colour
        return None

    def colour(self, url: str, inline: XmlElement | None, dimension: int) -> str | None:
        if inline is not None:
            colour = self.style_colour(inline, dimension)
            if colour:
                return colour
        # Only "#id" within this document: a styleUrl naming another file is
        # never fetched, though its id may still carry a My Maps colour.
        style_id = url.rsplit("#", 1)[-1].strip()
        ids_seen: list[str] = []
        for _hop in range(8):
            if not style_id or style_id in ids_seen:
                break
            ids_seen.append(style_id)
            if style_id in self.styles:
                colour = self.style_colour(self.styles[style_id], dimension)
                if colour:
                    return colour
                break
            style_map = self.maps.get(style_id)
            if style_map is None:
                break
            pair = next((p for p in style_map.findall("Pair") if _text(p, "key") == "normal"), None)
            if pair is None:
                break
            inline_pair = pair.find("Style")
            if inline_pair is not None:
                colour = self.style_colour(inline_pair, dimension)
                if colour:
                    return colour
                break
            style_id = _text(pair, "styleUrl").rsplit("#", 1)[-1].strip()
        for seen in reversed(ids_seen):
            colour = _id_colour(seen)
            if colour:
                return colour
        return None


def _guess_side(colour: str) -> tuple[bool, str | None]:
    """(known, side): blue → UA, red → RU, grey/black/white → known without side."""
    red, green, blue = (int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
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


# --- geometry -------------------------------------------------------------------

class _BadCoordinatesError(ValueError):
    pass


def _coordinates(element: XmlElement | None) -> list[tuple[float, float]]:
    """"lon,lat[,alt] …" as 2D points; the altitude is dropped."""
    text = _text(element, "coordinates")
    if not text:
        return []
    text = re.sub(r"\s*,\s*", ",", text)
    points: list[tuple[float, float]] = []
    for token in text.split():
        parts = token.split(",")
        try:
            lon, lat = float(parts[0]), float(parts[1])
        except (ValueError, IndexError):
            raise _BadCoordinatesError(token) from None
        if not (math.isfinite(lon) and math.isfinite(lat)) or abs(lon) > 180 or abs(lat) > 90:
            raise _BadCoordinatesError(token)
        points.append((lon, lat))
    return points


def _ring(ring: XmlElement | None) -> list[tuple[float, float]] | None:
    points = _coordinates(ring)
    if not points:
        return None
    if points[0] != points[-1]:
        points.append(points[0])
    if len(set(points)) < 3:
        raise _BadCoordinatesError("ring")
    return points


def _geometries(element: XmlElement, depth: int = 0) -> list[BaseGeometry]:
    """The shapes of one geometry element, MultiGeometry flattened."""
    name = element.name
    if name == "Point":
        points = _coordinates(element)
        return [Point(points[0])] if points else []
    if name in ("LineString", "LinearRing"):
        points = _coordinates(element)
        if not points:
            return []
        if len(set(points)) < 2:
            raise _BadCoordinatesError("line")
        return [LineString(points)]
    if name == "Polygon":
        boundary = element.find("outerBoundaryIs")
        outer = _ring(None if boundary is None else boundary.find("LinearRing"))
        if outer is None:
            return []
        # One innerBoundaryIs per hole, or (as some writers do) several rings in one.
        holes = [hole for boundary in element.findall("innerBoundaryIs")
                 for ring in boundary.findall("LinearRing")
                 if (hole := _ring(ring)) is not None]
        return [Polygon(outer, holes)]
    if name == "MultiGeometry" and depth < MAX_GEOMETRY_DEPTH:
        return [g for child in element for g in _geometries(child, depth + 1)]
    return []


_GEOMETRY_TAGS = {"Point", "LineString", "LinearRing", "Polygon", "MultiGeometry"}


# --- placemarks → features --------------------------------------------------------

@dataclass
class _Placemark:
    name: str
    description: str
    folders: tuple[str, ...]
    style_url: str
    inline_style: XmlElement | None
    shapes: list[BaseGeometry]


@dataclass
class _Reader:
    path: Path
    options: ImportOptions
    styles: _Styles
    placemarks: list[_Placemark] = field(default_factory=list)
    caption_texts: list[str] = field(default_factory=list)
    bad_coordinates: int = 0
    no_geometry: int = 0
    network_links: int = 0
    unnamed_places: int = 0
    misfits: Counter[tuple[str, str]] = field(default_factory=Counter)
    unknown_colours: Counter[str] = field(default_factory=Counter)
    guessed: Counter[tuple[str, str]] = field(default_factory=Counter)
    bad_kinds: set[tuple[str, str]] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.kind_mapping = {k.strip().casefold(): v for k, v in self.options.kind_mapping.items()}
        self.side_mapping = {_mapping_key(k): v for k, v in self.options.side_mapping.items()}

    def walk(self, document: XmlElement) -> None:
        # Iterative, in document order, so a hostile nesting of folders cannot exhaust the stack.
        stack: list[tuple[Iterator[XmlElement], tuple[str, ...]]] = [(iter(document), ())]
        while stack:
            children, folders = stack[-1]
            element = next(children, None)
            if element is None:
                stack.pop()
                continue
            name = element.name
            if name in ("Folder", "Document") and len(folders) < MAX_FOLDER_DEPTH:
                folder_name = _plain(_text(element, "name"))
                if folder_name.casefold() in _CAPTION_FOLDERS or self._explicit(folder_name) == CAPTION:
                    self.caption_texts.append(_plain(_text(element, "description")))
                stack.append((iter(element), (*folders, folder_name)))
            elif name == "Placemark":
                self._placemark(element, folders)
            elif name == "NetworkLink":
                self.network_links += 1

    def _placemark(self, element: XmlElement, folders: tuple[str, ...]) -> None:
        shapes: list[BaseGeometry] = []
        try:
            for child in element:
                if child.name in _GEOMETRY_TAGS:
                    shapes.extend(_geometries(child))
        except _BadCoordinatesError:
            self.bad_coordinates += 1
            return
        placemark = _Placemark(
            _plain(_text(element, "name")), _plain(_text(element, "description")), folders,
            _text(element, "styleUrl"), element.find("Style"), shapes)
        self.placemarks.append(placemark)

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
            texts = [p.description or p.name for p in self.placemarks
                     if self.folder_kind(p.folders)[0] == CAPTION]
        return "\n\n".join(t for t in texts if t)

    def side(self, placemark: _Placemark, colour: str | None) -> tuple[bool, str | None]:
        """(known, side) from the user's mapping, else guessed from the colour."""
        mapping = self.side_mapping
        style_id = placemark.style_url.rsplit("#", 1)[-1].strip().lower()
        keys = [colour or "", f"#{style_id}" if style_id else "", style_id,
                *(f.strip().lower() for f in reversed(placemark.folders))]
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
        for placemark in self.placemarks:
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

    def _features(self, placemark: _Placemark, folder_kind: str | None, folder: str, dimension: int,
                  shapes: list[BaseGeometry], places: list[PlaceData]) -> list[SituationFeature]:
        if dimension == 0:
            if folder_kind == PLACES:
                places.extend(self._places(placemark, shapes))
                return []
            kind = FeatureKind.ANNOTATIONS
        else:
            fits = {2: (FeatureKind.AREAS.value,),
                    1: (FeatureKind.FRONT_LINES.value, FeatureKind.MOVEMENTS.value)}[dimension]
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
                status = (AreaStatus.CONTESTED if side is None and _is_neutral(colour)
                          else AreaStatus.CONTROLLED)
            union = shapes[0] if len(shapes) == 1 else shapely.union_all(shapes)
            return [SituationFeature(kind, union, side, {"status": status.value})]
        if kind == FeatureKind.FRONT_LINES:
            line = shapes[0] if len(shapes) == 1 else shapely.multilinestrings(shapes)
            return [SituationFeature(kind, line, side, {"name": placemark.name})]
        if kind == FeatureKind.MOVEMENTS:
            movement = next((m for m, p in _MOVEMENT_WORDS if p.search(words)), MovementKind.ATTACK)
            # One arrow per line, each as drawn: the first point is the tail.
            return [SituationFeature(kind, line, side, {"kind": movement.value, "label": placemark.name})
                    for line in shapes]
        text = placemark.name or placemark.description
        return [SituationFeature(kind, point, side, {"text": text}) for point in shapes]

    def _places(self, placemark: _Placemark, shapes: list[BaseGeometry]) -> list[PlaceData]:
        names = _place_names(placemark.name)
        if not names:
            self.unnamed_places += len(shapes)
            return []
        area = self.options.area_of_interest
        kept = []
        for point in shapes:
            if area is not None and not (area[0] <= point.x <= area[2] and area[1] <= point.y <= area[3]):
                continue
            kept.append(PlaceData(point, names, source=f"{SOURCE}: {self.path.name}"))
        return kept

    def report(self, result: ImportResult) -> None:
        path = self.path
        if self.bad_coordinates:
            result.warn(path, tr("{count} placemarks with unreadable coordinates skipped").format(
                count=self.bad_coordinates))
        if self.no_geometry:
            result.warn(path, tr("{count} placemarks without a geometry skipped").format(
                count=self.no_geometry))
        if self.unnamed_places:
            result.warn(path, tr("{count} places without a name skipped").format(count=self.unnamed_places))
        if self.network_links:
            result.warn(path, tr("{count} network links not followed (only this file is read)").format(
                count=self.network_links))
        for folder, value in sorted(self.bad_kinds):
            result.warn(path, tr("folder '{folder}': unknown kind '{kind}' in the kind mapping")
                        .format(folder=folder, kind=value))
        for (folder, shapes), count in sorted(self.misfits.items()):
            message = (tr("folder '{folder}': {count} polygons do not fit its kind and were skipped")
                       if shapes == "polygons"
                       else tr("folder '{folder}': {count} lines do not fit its kind and were skipped"))
            result.warn(path, message.format(folder=folder, count=count))
        if self.guessed:
            guesses = ", ".join(f"{colour} → {side} ({count})"
                                for (colour, side), count in sorted(self.guessed.items()))
            result.info(path, tr("sides guessed from colours: {guesses}; correct them in the side mapping")
                        .format(guesses=guesses))
        if self.unknown_colours:
            parts = [_colour_count(colour, count) for colour, count in sorted(self.unknown_colours.items())]
            result.warn(path, tr("unknown colours {colours} — map them to a side to import their side")
                        .format(colours=", ".join(parts)))


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
    """"Sudscha / Суджа" → Latin name under "en", Cyrillic under "local"."""
    names: dict[str, str] = {}
    for part in re.split(r"\s*[/|()]\s*", name):
        part = part.strip()
        if not part:
            continue
        key = "local" if re.search(r"[\u0400-\u04ff]", part) else "en"
        names.setdefault(key, part)
    return names


# --- dates ------------------------------------------------------------------------

_MONTH_WORDS: dict[str, int] = {}
for _names in MONTHS.values():
    for _number, _name in enumerate(_names, start=1):
        _MONTH_WORDS[_name.lower()] = _number
        _MONTH_WORDS[_name[:3].lower()] = _number
_MONTH_WORDS.update({"maerz": 3, "marz": 3, "sept": 9, "jänner": 1, "jän": 1})

_ZONE_OFFSETS = {"utc": 0, "gmt": 0, "z": 0, "mez": 60, "cet": 60, "mesz": 120, "cest": 120,
                 "oez": 120, "eet": 120, "oesz": 180, "eest": 180, "msk": 180}

_DAY_MONTH = re.compile(r"(?<!\d)(\d{1,2})\.?\s*([^\W\d_]{3,})\.?(?:,?\s+(\d{4})(?!\d))?")
_MONTH_DAY = re.compile(r"\b([^\W\d_]{3,})\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?!\d)(?:,?\s+(\d{4})(?!\d))?")
_NUMERIC = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d)")
_ISO_DAY = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_CLOCK = re.compile(r"^\s*,?\s*(?:um\s+|at\s+)?(\d{1,2})[:.](\d{2})(?!\d)\s*(?:uhr\b)?\s*([^\W\d_]{1,4}\b)?",
                    re.IGNORECASE)
_YEAR = re.compile(r"(?<!\d)(19\d\d|20\d\d)(?!\d)")


def _from_name(name: str, options: ImportOptions) -> dt.datetime | None:
    try:
        from .dates import date_from_name
    except ImportError:  # dates.py not there yet: ISO dates only
        date_from_name = _iso_date_from_name
    try:
        return date_from_name(name, options.epoch, options.timezone)
    except ValueError:
        return None


def _iso_date_from_name(name: str, epoch: dt.date | None, timezone: str) -> dt.datetime | None:
    match = re.search(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?:[T_ ](\d{2})[:\-]?(\d{2}))?(?!\d)", name)
    if not match:
        return None
    year, month, day, hour, minute = (int(g) if g else 0 for g in match.groups())
    return dt.datetime(year, month, day, hour, minute, tzinfo=ZoneInfo(timezone))


def _instant(year: int, month: int, day: int, rest: str, timezone: str) -> dt.datetime | None:
    """The date with the clock and zone that may follow it ("22:00 MEZ")."""
    hour = minute = 0
    zone: dt.tzinfo = ZoneInfo(timezone)
    clock = _CLOCK.match(rest)
    if clock:
        hour, minute = int(clock.group(1)), int(clock.group(2))
        word = (clock.group(3) or "").lower()
        if word in _ZONE_OFFSETS:
            zone = dt.timezone(dt.timedelta(minutes=_ZONE_OFFSETS[word]))
    try:
        return dt.datetime(year, month, day, hour, minute, tzinfo=zone)
    except ValueError:
        return None


def date_in_text(text: str, year_hint: int | None, timezone: str) -> dt.datetime | None:
    """The first date written in `text`: "29. Oktober 2024, 22:00 MEZ", "October 29, 2024", "29.10.2024".

    A date without a year takes `year_hint`, or is not a date without one.
    """
    candidates: list[tuple[int, dt.datetime]] = []
    for match in _ISO_DAY.finditer(text):
        year, month, day = (int(g) for g in match.groups())
        instant = _instant(year, month, day, text[match.end():].lstrip("T"), timezone)
        if instant:
            candidates.append((match.start(), instant))
    for match in _NUMERIC.finditer(text):
        day, month, year = (int(g) for g in match.groups())
        instant = _instant(year, month, day, text[match.end():], timezone)
        if instant:
            candidates.append((match.start(), instant))
    for pattern, day_first in ((_DAY_MONTH, True), (_MONTH_DAY, False)):
        for match in pattern.finditer(text):
            first, second, year_text = match.groups()
            day_text, word = (first, second) if day_first else (second, first)
            month = _MONTH_WORDS.get(word.lower())
            year = int(year_text) if year_text else year_hint
            if month is None or year is None:
                continue
            instant = _instant(year, month, int(day_text), text[match.end():], timezone)
            if instant:
                candidates.append((match.start(), instant))
    return min(candidates, key=lambda c: c[0])[1] if candidates else None


def _parse_when(text: str, timezone: str) -> tuple[dt.datetime | None, int | None]:
    """A KML time (xsd:dateTime, date, gYearMonth or gYear): (instant if precise to the day, year)."""
    text = text.strip()
    year_match = re.match(r"(\d{4})", text)
    year = int(year_match.group(1)) if year_match else None
    if not re.match(r"\d{4}-\d{2}-\d{2}", text):
        return None, year
    try:
        value = dt.datetime.fromisoformat(re.sub(r"[zZ]$", "+00:00", text))
    except ValueError:
        return None, year
    if value.tzinfo is None:
        value = value.replace(tzinfo=ZoneInfo(timezone))
    return value, year


def _find_date(path: Path, root: XmlElement, document: XmlElement,
               options: ImportOptions) -> dt.datetime | None:
    found = _from_name(path.name, options)
    if found is not None:
        return found
    timezone = options.timezone
    own: list[dt.datetime] = []
    for stamp_name, part in (("TimeStamp", "when"), ("TimeSpan", "begin")):
        stamp = document.find(stamp_name)
        if stamp is not None:
            instant, _year = _parse_when(_text(stamp, part), timezone)
            if instant:
                own.append(instant)
    anywhere: set[dt.datetime] = set()
    years: list[int] = []
    for element in root.iter():
        if element.name in ("when", "begin"):
            instant, year = _parse_when(element.text, timezone)
            if instant:
                anywhere.add(instant)
            if year:
                years.append(year)
    name_year = _YEAR.search(path.stem)
    year_hint = years[0] if years else (int(name_year.group(1)) if name_year else None)
    for text in (_text(document, "name"), _plain(_text(document, "description"))):
        found = date_in_text(text, year_hint, timezone)
        if found is not None:
            return found
    if own:
        return own[0]
    if len(anywhere) == 1:  # every placemark stamped with the same instant
        return anywhere.pop()
    if options.ask_date is not None:
        asked = options.ask_date(path)
        if asked is not None:
            return asked if asked.tzinfo else asked.replace(tzinfo=ZoneInfo(timezone))
    return None
