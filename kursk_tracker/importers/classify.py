"""Classifying features read from vector files: a kind, side and status for each.

Each feature gets a kind, side and status from, in this order, the canonical
fields (`kind`, `side`, `status`, as the series itself writes them), the
user's mapping (`ImportOptions.kind_mapping` on the layer or file name,
`side_mapping` on a field value, the layer or the file name), the importer's
own rules (ISW layer names), and finally the geometry type (polygons are
areas, lines front lines, points annotations). What could not be mapped is
reported once per file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import shapely
from shapely.geometry.base import BaseGeometry

from ..core.import_result import ImportResult, SituationFeature
from ..core.series import AreaStatus, FeatureKind, MovementKind
from ..core.text import tr
from .base import ImportOptions
from .normalize import DIMENSION
from .ogr_reader import VectorFeature, VectorFile

KIND_WORDS: dict[str, FeatureKind] = {
    "areas": FeatureKind.AREAS,
    "area": FeatureKind.AREAS,
    "polygons": FeatureKind.AREAS,
    "front_lines": FeatureKind.FRONT_LINES,
    "front_line": FeatureKind.FRONT_LINES,
    "frontline": FeatureKind.FRONT_LINES,
    "frontlines": FeatureKind.FRONT_LINES,
    "front": FeatureKind.FRONT_LINES,
    "lines": FeatureKind.FRONT_LINES,
    "movements": FeatureKind.MOVEMENTS,
    "movement": FeatureKind.MOVEMENTS,
    "arrows": FeatureKind.MOVEMENTS,
    "arrow": FeatureKind.MOVEMENTS,
    "annotations": FeatureKind.ANNOTATIONS,
    "annotation": FeatureKind.ANNOTATIONS,
    "labels": FeatureKind.ANNOTATIONS,
    "label": FeatureKind.ANNOTATIONS,
}
STATUS_WORDS: dict[str, AreaStatus] = {
    **{status.value: status for status in AreaStatus},
    "held": AreaStatus.CONTROLLED,
    "occupied": AreaStatus.CONTROLLED,
    "disputed": AreaStatus.CONTESTED,
    "grey": AreaStatus.CONTESTED,
    "gray": AreaStatus.CONTESTED,
    "grey_zone": AreaStatus.CONTESTED,
    "gray_zone": AreaStatus.CONTESTED,
    "encircled": AreaStatus.POCKET,
    "cauldron": AreaStatus.POCKET,
    "kessel": AreaStatus.POCKET,
}
MOVEMENT_WORDS: dict[str, MovementKind] = {kind.value: kind for kind in MovementKind}

# Fields a feature's text is taken from, first present wins.
TEXT_FIELDS: dict[FeatureKind, tuple[str, ...]] = {
    FeatureKind.FRONT_LINES: ("name", "label", "title"),
    FeatureKind.MOVEMENTS: ("label", "name", "title"),
    FeatureKind.ANNOTATIONS: ("text", "label", "name", "title", "caption", "description"),
}
# Sides matter for held ground and for arrows; a front line or a label may have none.
SIDED_KINDS = (FeatureKind.AREAS, FeatureKind.MOVEMENTS)
_LISTED_VALUES = 12


@dataclass(frozen=True)
class LayerRule:
    """What an importer knows about a layer from its name (ISW's layer names, say)."""

    kind: FeatureKind | None = None
    side: str | None = None
    status: AreaStatus | None = None
    skip: bool = False
    """True for layers that are not held ground and are left out unless the user maps them."""


def _get(attributes: dict[str, object], name: str) -> object:
    """A field by name, case-insensitively; "Side" and "side" may both exist, one of them null."""
    if attributes.get(name) is not None:
        return attributes[name]
    lowered = name.lower()
    for key, value in attributes.items():
        if value is not None and key.lower() == lowered:
            return value
    return None


def _text(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _word(value: object) -> str | None:
    text = _text(value)
    return text.lower().replace("-", "_").replace(" ", "_") if text else None


def _folded(mapping: dict[str, str]) -> dict[str, str]:
    """The user's mapping with keys compared case- and edge-space-insensitively."""
    return {str(source).strip().casefold(): target for source, target in mapping.items()}


def _lookup(folded: dict[str, str], key: str | None) -> str | None:
    if not key or not folded:
        return None
    return folded.get(key.strip().casefold())


def _kind_from_geometry(geometry: BaseGeometry) -> FeatureKind:
    dimension = int(shapely.get_dimensions(geometry))
    return {2: FeatureKind.AREAS, 1: FeatureKind.FRONT_LINES}.get(dimension, FeatureKind.ANNOTATIONS)


class Classifier:
    """Gives features kind, side and status; remembers what it could not map, for one warning per file."""

    def __init__(
        self, options: ImportOptions, layer_rule: Callable[[str], LayerRule | None] | None = None
    ) -> None:
        self.options = options
        self.layer_rule = layer_rule
        self.side_mapping = _folded(options.side_mapping)
        self.kind_mapping = _folded(options.kind_mapping)
        self._reset()

    def _reset(self) -> None:
        self.unsided = 0
        self.unmapped_values: dict[str, None] = {}  # ordered set
        self.bad_kinds: dict[str, None] = {}
        self.wrong_geometry = 0
        self.skipped_layers: dict[str, None] = {}

    def _rule(self, *names: str) -> LayerRule | None:
        if self.layer_rule is None:
            return None
        for name in names:
            rule = self.layer_rule(name)
            if rule is not None:
                return rule
        return None

    def _kind(
        self, feature: VectorFeature, stem: str, rule: LayerRule | None
    ) -> tuple[FeatureKind | None, MovementKind | None]:
        """Kind (None: a layer the rules leave out) and, for arrows, the movement kind."""
        word = _word(_get(feature.attributes, "kind"))
        if word in KIND_WORDS:
            return KIND_WORDS[word], None
        if word in MOVEMENT_WORDS:
            return FeatureKind.MOVEMENTS, MOVEMENT_WORDS[word]
        for name in (feature.layer, stem):
            mapped = _lookup(self.kind_mapping, name)
            if mapped is not None:
                kind = KIND_WORDS.get(_word(mapped) or "")
                if kind is not None:
                    return kind, None
                self.bad_kinds[mapped] = None
        if rule is not None and rule.skip:
            return None, None
        if rule is not None and rule.kind is not None:
            return rule.kind, None
        layer_word = _word(feature.layer)
        if layer_word in KIND_WORDS:  # the series' own layer names
            return KIND_WORDS[layer_word], None
        return _kind_from_geometry(feature.geometry), None

    def _side(self, feature: VectorFeature, stem: str, rule: LayerRule | None) -> str | None:
        mapping = self.side_mapping
        side = _text(_get(feature.attributes, "side"))
        if side is not None:
            return _lookup(mapping, side) or side
        for value in feature.attributes.values():
            if isinstance(value, str):
                mapped = _lookup(mapping, value)
                if mapped is not None:
                    return mapped
        for name in (feature.layer, stem):
            mapped = _lookup(mapping, name)
            if mapped is not None:
                return mapped
        return rule.side if rule is not None else None

    def _note_unsided(self, feature: VectorFeature) -> None:
        self.unsided += 1
        self.unmapped_values[feature.layer] = None
        for value in feature.attributes.values():
            if isinstance(value, str) and 0 < len(value.strip()) <= 40:
                self.unmapped_values[value.strip()] = None

    def classify(self, feature: VectorFeature, stem: str) -> SituationFeature | None:
        """The situation feature, or None for a layer the rules leave out or a mismatched geometry."""
        rule = self._rule(feature.layer, stem)
        kind, movement = self._kind(feature, stem, rule)
        if kind is None:
            self.skipped_layers[feature.layer] = None
            return None
        if int(shapely.get_dimensions(feature.geometry)) != DIMENSION[kind]:
            self.wrong_geometry += 1
            return None
        side = self._side(feature, stem, rule)
        if side is None and kind in SIDED_KINDS:
            self._note_unsided(feature)
        attributes: dict[str, object] = {}
        if kind == FeatureKind.AREAS:
            status = STATUS_WORDS.get(_word(_get(feature.attributes, "status")) or "")
            if status is None and rule is not None:
                status = rule.status
            if status is None:
                status = AreaStatus.CONTROLLED if side else AreaStatus.UNKNOWN
            attributes["status"] = status.value
        else:
            for name in TEXT_FIELDS[kind]:
                text = _text(_get(feature.attributes, name))
                if text is not None:
                    attributes[
                        "label"
                        if kind == FeatureKind.MOVEMENTS
                        else "name"
                        if kind == FeatureKind.FRONT_LINES
                        else "text"
                    ] = text
                    break
        if kind == FeatureKind.MOVEMENTS:
            movement = movement or next(
                (
                    MOVEMENT_WORDS[w]
                    for w in (_word(_get(feature.attributes, n)) for n in ("movement", "movement_kind"))
                    if w in MOVEMENT_WORDS
                ),
                MovementKind.ATTACK,
            )
            attributes["kind"] = movement.value
        return SituationFeature(kind, feature.geometry, side, attributes)

    def report(self, path: Path, result: ImportResult) -> None:
        """One message per problem for the whole file, then forget it for the next file."""
        if self.unsided:
            values = list(self.unmapped_values)
            listed = ", ".join(f'"{v}"' for v in values[:_LISTED_VALUES])
            if len(values) > _LISTED_VALUES:
                listed += ", …"
            result.warn(
                path,
                tr("no side for {count} features; map one of these values to a side: {values}").format(
                    count=self.unsided, values=listed
                ),
            )
        if self.bad_kinds:
            result.warn(
                path,
                tr("unknown feature kinds in the mapping: {kinds}").format(kinds=", ".join(self.bad_kinds)),
            )
        if self.wrong_geometry:
            result.warn(
                path,
                tr(
                    "{count} features have a geometry their kind cannot hold (points as areas, say); skipped"
                ).format(count=self.wrong_geometry),
            )
        if self.skipped_layers:
            result.info(
                path,
                tr("layers not imported as held ground (map them to a kind to import them): {layers}").format(
                    layers=", ".join(self.skipped_layers)
                ),
            )
        self._reset()


def classify_file(
    vector: VectorFile,
    options: ImportOptions,
    result: ImportResult,
    layer_rule: Callable[[str], LayerRule | None] | None = None,
) -> list[tuple[VectorFeature, SituationFeature]]:
    """Every feature of a file with its classification; problems reported once for the file."""
    classifier = Classifier(options, layer_rule)
    pairs: list[tuple[VectorFeature, SituationFeature]] = []
    for feature in vector.features():
        classified = classifier.classify(feature, vector.path.stem)
        if classified is not None:
            pairs.append((feature, classified))
    classifier.report(vector.path, result)
    return pairs
