"""KML 2.2 documents (a .kml file, or the .kml inside a .kmz) read into placemarks and styles.

This module reads; what the placemarks mean for a situation (kinds, sides,
dates) is decided by the importer that uses it (`mymaps`).

* **Files.** The bytes come through `safe_files`, which refuses DTDs,
  entities and archive tricks; a KMZ gives its first .kml entry.
* **Placemarks.** Folders and Documents are walked in document order,
  iteratively and at most `MAX_FOLDER_DEPTH` deep; each placemark keeps the
  names of the folders around it, its name and description (HTML stripped),
  its style URL and inline style, and its shapes. Network links are
  counted, never followed.
* **Geometries.** Point, LineString, LinearRing, Polygon (every hole, also
  several rings in one ``innerBoundaryIs``) and MultiGeometry (flattened, at
  most `MAX_GEOMETRY_DEPTH` deep), as 2D WGS84 shapes; the altitude is
  dropped. A placemark with coordinates that cannot be read (not numbers,
  out of range, a line of one point, a ring of fewer than three) is left out
  and counted.
* **Colours.** The style's ``<color>`` (KML writes aabbggrr) of the part that
  colours a geometry (PolyStyle for areas, LineStyle for lines, IconStyle for
  points), through ``<StyleMap>`` "normal" pairs; without one, the colour in
  a My Maps style id (``#poly-01579B-1200-77-nodesc``,
  ``#line-DB4436-5000-nodesc``, ``#icon-1899-0288D1``). Styles in other
  files are never fetched.
"""

from __future__ import annotations

import html
import math
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from shapely.geometry import LineString, Point, Polygon
from shapely.geometry.base import BaseGeometry

from ..core.text import tr
from .safe_files import MB, parse_xml, read_bytes, read_kmz
from .xml_tree import XmlElement

MAX_KML_BYTES = 200 * MB
MAX_FOLDER_DEPTH = 64
MAX_GEOMETRY_DEPTH = 16

# Which style element colours which geometry, by dimension (2 polygon, 1 line, 0 point).
_STYLE_PARTS = {2: ("PolyStyle", "LineStyle"), 1: ("LineStyle", "PolyStyle"), 0: ("IconStyle", "LabelStyle")}
_ID_COLOUR = re.compile(r"^(?:(?:poly|line)-|icon-\d+-)([0-9a-f]{6})(?![0-9a-f])", re.IGNORECASE)
_GEOMETRY_TAGS = {"Point", "LineString", "LinearRing", "Polygon", "MultiGeometry"}


class KmlReadError(Exception):
    """The file is no KML document that can be read; worded for the user."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


def is_kml(path: Path) -> bool:
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


def child_text(element: XmlElement | None, name: str) -> str:
    """The stripped text of `element`'s child `name` (any namespace); "" without one."""
    return "" if element is None else element.findtext(name)


def plain(text: str) -> str:
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


def read_kml(path: Path) -> XmlElement:
    """The <kml> root element of a KML or KMZ file.

    Raises KmlReadError for an unreadable or empty file or another XML
    document, and `safe_files.UnsafeInputError` for a file it refuses.
    """
    try:
        data = _kml_bytes(path)
    except OSError as exc:
        raise KmlReadError(tr("cannot read the file ({error})").format(error=exc.strerror or exc)) from exc
    if not data.strip():
        raise KmlReadError(tr("empty file"))
    root = parse_xml(data, str(path))
    if root.name != "kml":
        raise KmlReadError(tr("not a KML document (root element <{name}>)").format(name=root.name))
    return root


# --- styles and colours -------------------------------------------------------


def kml_colour(text: str) -> str | None:
    """KML's aabbggrr (alpha first, then blue, green, red) as #rrggbb."""
    value = text.strip().lstrip("#").lower()
    if not re.fullmatch(r"[0-9a-f]{8}|[0-9a-f]{6}", value):
        return None
    value = value[-6:]  # alpha does not change the side
    return f"#{value[4:6]}{value[2:4]}{value[0:2]}"


def id_colour(style_id: str) -> str | None:
    """The colour a My Maps style id carries ("line-DB4436-5000-nodesc" → "#db4436")."""
    match = _ID_COLOUR.match(style_id.lstrip("#"))
    return f"#{match.group(1).lower()}" if match else None


class Styles:
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
            if part is None or (part_name == "PolyStyle" and child_text(part, "fill") == "0"):
                continue
            colour = kml_colour(child_text(part, "color"))
            if colour:
                return colour
        return None

    def colour(self, url: str, inline: XmlElement | None, dimension: int) -> str | None:
        """The #rrggbb colour of a geometry of `dimension` styled by `url` and an inline style."""
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
            pair = next((p for p in style_map.findall("Pair") if child_text(p, "key") == "normal"), None)
            if pair is None:
                break
            inline_pair = pair.find("Style")
            if inline_pair is not None:
                colour = self.style_colour(inline_pair, dimension)
                if colour:
                    return colour
                break
            style_id = child_text(pair, "styleUrl").rsplit("#", 1)[-1].strip()
        for seen in reversed(ids_seen):
            colour = id_colour(seen)
            if colour:
                return colour
        return None


# --- geometry -------------------------------------------------------------------


class BadCoordinatesError(ValueError):
    """Coordinates that are no longitude/latitude pairs, or too few for their shape."""


def _coordinates(element: XmlElement | None) -> list[tuple[float, float]]:
    """ "lon,lat[,alt] …" as 2D points; the altitude is dropped."""
    text = child_text(element, "coordinates")
    if not text:
        return []
    text = re.sub(r"\s*,\s*", ",", text)
    points: list[tuple[float, float]] = []
    for token in text.split():
        parts = token.split(",")
        try:
            lon, lat = float(parts[0]), float(parts[1])
        except (ValueError, IndexError):
            raise BadCoordinatesError(token) from None
        if not (math.isfinite(lon) and math.isfinite(lat)) or abs(lon) > 180 or abs(lat) > 90:
            raise BadCoordinatesError(token)
        points.append((lon, lat))
    return points


def _ring(ring: XmlElement | None) -> list[tuple[float, float]] | None:
    points = _coordinates(ring)
    if not points:
        return None
    if points[0] != points[-1]:
        points.append(points[0])
    if len(set(points)) < 3:
        raise BadCoordinatesError("ring")
    return points


def geometries(element: XmlElement, depth: int = 0) -> list[BaseGeometry]:
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
            raise BadCoordinatesError("line")
        return [LineString(points)]
    if name == "Polygon":
        boundary = element.find("outerBoundaryIs")
        outer = _ring(None if boundary is None else boundary.find("LinearRing"))
        if outer is None:
            return []
        # One innerBoundaryIs per hole, or (as some writers do) several rings in one.
        holes = [
            hole
            for boundary in element.findall("innerBoundaryIs")
            for ring in boundary.findall("LinearRing")
            if (hole := _ring(ring)) is not None
        ]
        return [Polygon(outer, holes)]
    if name == "MultiGeometry" and depth < MAX_GEOMETRY_DEPTH:
        return [g for child in element for g in geometries(child, depth + 1)]
    return []


# --- placemarks -------------------------------------------------------------------


@dataclass
class Placemark:
    name: str
    description: str
    folders: tuple[str, ...]
    """The names of the folders around it, outermost first."""
    style_url: str
    inline_style: XmlElement | None
    shapes: list[BaseGeometry]


@dataclass
class KmlContents:
    """What a document holds, in document order."""

    placemarks: list[Placemark] = field(default_factory=list)
    folders: list[tuple[str, str]] = field(default_factory=list)
    """(name, description) of every folder and inner document walked."""
    bad_coordinates: int = 0
    """Placemarks left out for coordinates that cannot be read."""
    network_links: int = 0


def read_contents(document: XmlElement) -> KmlContents:
    """The placemarks and folders under `document` (a Document, Folder or the kml root)."""
    contents = KmlContents()
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
            folder_name = plain(child_text(element, "name"))
            contents.folders.append((folder_name, plain(child_text(element, "description"))))
            stack.append((iter(element), (*folders, folder_name)))
        elif name == "Placemark":
            placemark = _placemark(element, folders)
            if placemark is None:
                contents.bad_coordinates += 1
            else:
                contents.placemarks.append(placemark)
        elif name == "NetworkLink":
            contents.network_links += 1
    return contents


def _placemark(element: XmlElement, folders: tuple[str, ...]) -> Placemark | None:
    """The placemark, or None if any of its coordinates cannot be read."""
    shapes: list[BaseGeometry] = []
    try:
        for child in element:
            if child.name in _GEOMETRY_TAGS:
                shapes.extend(geometries(child))
    except BadCoordinatesError:
        return None
    return Placemark(
        plain(child_text(element, "name")),
        plain(child_text(element, "description")),
        folders,
        child_text(element, "styleUrl"),
        element.find("Style"),
        shapes,
    )
