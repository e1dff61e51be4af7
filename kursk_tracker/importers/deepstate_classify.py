"""What a DeepState feature is: its category, from the key in its name or, in older
files, from its words and fill colour; the side and status of an area; an arrow's heading.

The table of categories and what each becomes is in `deepstate`'s module text.
"""

from __future__ import annotations

import re
from typing import Any

from ..core.series import AreaStatus
from .base import ImportOptions

UA_CODE = "UA"
RU_CODE = "RU"
"""The sides' codes (their names, data of a DeepState series, are in `deepstate`)."""

FILL_2022 = "#0f9d58"
FILLS_UA_RECENT = frozenset({"#01579b", "#0288d1"})
FILLS_OCCUPIED = frozenset({"#a52714", "#ff5252", "#880e4f"})
FILLS_UNKNOWN = frozenset({"#bcaaa4", "#bdbdbd"})

# Categories a feature falls into.
UA_AREA = "ua_area"
UA_2022 = "ua_2022"
RU_AREA = "ru_area"
CONTESTED = "contested"
ARROW = "arrow"
UNIT = "unit"
TERRITORY = "territory"
UNRECOGNISED = "unrecognised"

_ICON = re.compile(r"arrow_(-?\d+(?:\.\d+)?)")
_STYLE_COLOUR = re.compile(r"-([0-9a-fA-F]{6})-")


def bearing_from_icon(text: str) -> float | None:
    """``{icon=arrow_135}`` -> 135.0 (degrees clockwise from north); None without an arrow icon."""
    match = _ICON.search(text or "")
    if match is None:
        return None
    return float(match.group(1)) % 360.0


def split_name(name: object) -> tuple[str, str | None]:
    """(English part, key without "geoJSON.") of a DeepState name; key None for older names."""
    if not isinstance(name, str):
        return "", None
    parts = [part.strip(" \t\r\n\xa0") for part in name.split("///")]
    key = None
    if parts and parts[-1].lower().startswith("geojson."):
        prefix = len("geojson.")
        key = parts.pop()[prefix:].strip()
    english = parts[1] if len(parts) >= 2 else (parts[0] if parts else "")
    return english, key


def fill_of(properties: dict[str, Any]) -> str:
    """The fill colour as lower-case #rrggbb; the styleUrl's colour when fill is missing."""
    fill = properties.get("fill")
    if isinstance(fill, str) and fill.strip():
        return fill.strip().lower()
    match = _STYLE_COLOUR.search(str(properties.get("styleUrl") or ""))
    return f"#{match.group(1).lower()}" if match else ""


def classify_by_key(key: str, fill: str) -> str:
    if key.startswith("status.dismissed"):
        return UA_2022 if fill == FILL_2022 else UA_AREA
    if key.startswith("status.occupied"):
        return RU_AREA
    if key.startswith("status.unknown"):
        return CONTESTED
    if key.startswith("status.attack_direction"):
        return ARROW
    if key.startswith("units"):
        return UNIT
    if key.startswith("territories"):
        return TERRITORY
    return UNRECOGNISED


def classify_by_words(english: str, whole_name: str, fill: str, is_point: bool) -> str:
    """Older names without a key: words first, then the fill colour."""
    words = f"{english} {whole_name}".lower()
    if "direction of attack" in words or "напрямок" in words:
        return ARROW
    if any(w in words for w in ("crimea", "cadr", "calr", "ordlo", "крим", "ордло")):
        return TERRITORY
    if is_point:
        return UNRECOGNISED
    if "unknown" in words or "невідом" in words:
        return CONTESTED
    if any(w in words for w in ("liberated", "deoccupied", "dismissed", "звільн", "деокуп")):
        return UA_2022 if fill == FILL_2022 else UA_AREA
    if "occupied" in words or "окупов" in words:
        return RU_AREA
    if fill in FILLS_UNKNOWN:
        return CONTESTED
    if fill == FILL_2022:
        return UA_2022
    if fill in FILLS_UA_RECENT:
        return UA_AREA
    if fill in FILLS_OCCUPIED:
        return RU_AREA
    return UNRECOGNISED


def area_side(
    category: str, key: str | None, fill: str, options: ImportOptions
) -> tuple[bool, str | None, str]:
    """(import it?, side, status) of an area, the user's mapping first."""
    status = AreaStatus.CONTESTED.value if category == CONTESTED else AreaStatus.CONTROLLED.value
    for source in (key, f"geoJSON.{key}" if key else None, fill):
        if source and source in options.side_mapping:
            side = options.side_mapping[source]
            return bool(side), side or None, status
    if category == UA_2022:
        return False, None, status
    if category == CONTESTED:
        return True, None, status
    return True, (UA_CODE if category == UA_AREA else RU_CODE), status
