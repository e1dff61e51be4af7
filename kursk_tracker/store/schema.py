"""The canonical series schema, shared by every store.

One layer per feature kind, each feature carrying `valid_at` (the snapshot's
instant, UTC) and `valid_from`/`valid_to` (the span it is shown for: from its
snapshot to the next; open at the end), so QGIS's Temporal Controller can
play the layers as they are. Tables for snapshots and series settings.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.series import LANGUAGES

CRS_AUTHID = "EPSG:4326"

SNAPSHOTS_TABLE = "snapshots"
SETTINGS_TABLE = "series_settings"

# Field types: "string", "integer", "real", "datetime".
TEMPORAL_FIELDS: tuple[tuple[str, str], ...] = (
    ("snapshot_id", "integer"),
    ("valid_at", "datetime"),
    ("valid_from", "datetime"),
    ("valid_to", "datetime"),
    ("side", "string"),
)


def in_languages(name: str) -> tuple[tuple[str, str], ...]:
    """A text field and its column per language: ("text", …), ("text_en", …), ("text_de", …).

    The field itself holds the text in the series' own language and is the
    fallback where a language column is empty.
    """
    return ((name, "string"), *((language_column(name, lang), "string") for lang in LANGUAGES))


def language_column(name: str, language: str) -> str:
    """The column of text field `name` in `language` ("title", "de" -> "title_de")."""
    return f"{name}_{language}"


@dataclass(frozen=True)
class LayerSpec:
    name: str
    geometry: str
    """OGR geometry type name: MultiPolygon, MultiLineString, LineString, Point."""
    fields: tuple[tuple[str, str], ...]
    dated: bool = True


LAYERS: tuple[LayerSpec, ...] = (
    LayerSpec("areas", "MultiPolygon", (*TEMPORAL_FIELDS, ("status", "string"))),
    LayerSpec("front_lines", "MultiLineString", (*TEMPORAL_FIELDS, ("name", "string"))),
    LayerSpec("movements", "LineString", (*TEMPORAL_FIELDS, ("kind", "string"), *in_languages("label"))),
    LayerSpec("annotations", "Point", (*TEMPORAL_FIELDS, *in_languages("text"))),
    LayerSpec(
        "places",
        "Point",
        (
            ("name_en", "string"),
            ("name_de", "string"),
            ("name_local", "string"),
            ("rank", "integer"),
            ("source", "string"),
        ),
        dated=False,
    ),
)

LAYER_BY_NAME = {spec.name: spec for spec in LAYERS}

# Drawing order in the layer tree, top first.
DRAW_ORDER = ("annotations", "places", "movements", "front_lines", "areas")

SNAPSHOT_FIELDS: tuple[tuple[str, str], ...] = (
    ("id", "integer"),
    ("valid_at", "datetime"),
    *in_languages("title"),
    *in_languages("caption"),
    ("source", "string"),
)
SETTINGS_FIELDS: tuple[tuple[str, str], ...] = (
    ("key", "string"),
    ("value", "string"),
)

TRANSLATED: dict[str, tuple[str, ...]] = {
    "movements": ("label",),
    "annotations": ("text",),
    SNAPSHOTS_TABLE: ("title", "caption"),
}
"""Per table, its text fields that carry a column per language."""

LANGUAGE_COLUMNS: dict[str, tuple[str, ...]] = {
    table: tuple(language_column(name, lang) for name in names for lang in LANGUAGES)
    for table, names in TRANSLATED.items()
}
"""Per table, its language columns: what a series stored before they existed lacks
(read as empty; added when the series is next written)."""

CREDITS_KEY = "credits"
"""The series setting holding the credit per language as JSON; "credit" stays the own-language text."""

TABLES: frozenset[str] = frozenset({*(spec.name for spec in LAYERS), SNAPSHOTS_TABLE, SETTINGS_TABLE})
"""Every table a series has: nothing else may be named in a query."""

COLUMNS: frozenset[str] = frozenset(
    name
    for fields in (*(spec.fields for spec in LAYERS), SNAPSHOT_FIELDS, SETTINGS_FIELDS)
    for name, _kind in fields
)


def quoted_identifier(name: str) -> str:
    """`name`, a table or column of this schema, as a quoted SQL identifier ("areas").

    SQL cannot take a table or column name as a parameter, so queries name
    them in their text; this accepts only the schema's own fixed names and
    raises ValueError for anything else.
    """
    if name not in TABLES and name not in COLUMNS:
        raise ValueError(f"{name!r} is not a table or column of the series schema")
    return '"' + name.replace('"', '""') + '"'
