"""Geometry as the web page receives it: compact text per ring, decoded by the page's script.

Coordinates are integers of 1/SCALE degree, each point the difference to the
one before, written in the polyline character encoding (zigzag, 5-bit groups
from '?'), so a ring of a few hundred nearby points is a short string.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

SCALE = 10_000
"""Coordinates are sent as integers of 1/SCALE degree (about 7 m east-west and 11 m north-south
at Kursk): far below a pixel at the page's zooms, and the areas are sent measured, not re-measured."""


def _encode_number(value: int, out: list[str]) -> None:
    """One signed integer in the polyline character encoding: zigzag, 5-bit groups, '?' offset."""
    value = (value << 1) if value >= 0 else ~(value << 1)
    while value >= 0x20:
        out.append(chr((0x20 | (value & 0x1F)) + 63))
        value >>= 5
    out.append(chr(value + 63))


def encode_coords(coords: Iterable[tuple[float, float]], closed: bool) -> str:
    """A ring or line as text: integer 1/SCALE degrees, the first point absolute, then differences.

    Points that fall on the same integer point as the one before are dropped, and a
    ring's closing point (a repeat of its first) too.
    """
    points: list[tuple[int, int]] = []
    for x, y in coords:
        point = (round(x * SCALE), round(y * SCALE))
        if not points or point != points[-1]:
            points.append(point)
    if closed and len(points) > 1 and points[0] == points[-1]:
        points.pop()
    out: list[str] = []
    last = (0, 0)
    for x, y in points:
        _encode_number(x - last[0], out)
        _encode_number(y - last[1], out)
        last = (x, y)
    return "".join(out)


def decode_coords(text: str) -> list[tuple[float, float]]:
    """The inverse of `encode_coords` (for tests and checks)."""
    numbers: list[int] = []
    value = shift = 0
    for char in text:
        chunk = ord(char) - 63
        value |= (chunk & 0x1F) << shift
        shift += 5
        if chunk < 0x20:
            numbers.append(~(value >> 1) if value & 1 else value >> 1)
            value = shift = 0
    points, x, y = [], 0, 0
    for i in range(0, len(numbers) - 1, 2):
        x += numbers[i]
        y += numbers[i + 1]
        points.append((x / SCALE, y / SCALE))
    return points


def encode_area(geometry: Any) -> list[list[str]]:
    """A (multi)polygon as polygons of encoded rings (outer first); [] when empty.

    Rings that shrink below three points on the integer grid are dropped.
    """
    import shapely

    if geometry is None or geometry.is_empty:
        return []
    polygons = []
    for polygon in shapely.get_parts(geometry):
        if shapely.get_dimensions(polygon) != 2 or polygon.is_empty:
            continue
        rings = [polygon.exterior, *polygon.interiors]
        encoded = [encode_coords(ring.coords, closed=True) for ring in rings]
        if len(decode_coords(encoded[0])) < 3:
            continue
        polygons.append([encoded[0], *(ring for ring in encoded[1:] if len(decode_coords(ring)) >= 3)])
    return polygons


def encode_line(geometry: Any) -> list[str]:
    import shapely

    if geometry is None or geometry.is_empty:
        return []
    lines = [part for part in shapely.get_parts(geometry) if shapely.get_dimensions(part) == 1]
    return [encode_coords(line.coords, closed=False) for line in lines]
