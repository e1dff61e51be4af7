"""Any OGR vector file (GeoJSON, GeoPackage, Shapefile, …) as WGS84 features.

Reading: every layer, every geometry transformed to WGS84 longitude/latitude
(GDAL 3 axis order pinned to the traditional GIS order), Z and M dropped,
attributes as plain Python values (OGR dates become `datetime`/`date`), the
dataset's and each layer's metadata kept for dates. KML and KMZ are never
opened here: the My Maps importer reads them without GDAL's network-capable
drivers.

Classifying: each feature gets a kind, side and status from, in this order,
the canonical fields (`kind`, `side`, `status`, as the series itself
writes them), the user's mapping (`ImportOptions.kind_mapping` on the layer
or file name, `side_mapping` on a field value, the layer or the file name),
the importer's own rules (ISW layer names), and finally the geometry type
(polygons are areas, lines front lines, points annotations).

GDAL is used through return values and a collecting error handler, never
`gdal.UseExceptions()`, which would change GDAL for everything else in QGIS.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import shapely
from osgeo import gdal, ogr, osr
from shapely.geometry.base import BaseGeometry

from ..core.series import AreaStatus, FeatureKind, MovementKind
from ..core.situation import ImportResult, SituationFeature
from ..core.text import tr
from .base import ImportOptions
from .normalize import DIMENSION

# Suffix -> the only GDAL drivers allowed to open it.
DRIVERS: dict[str, tuple[str, ...]] = {
    ".geojson": ("GeoJSON",),
    ".json": ("GeoJSON", "ESRIJSON"),
    ".gpkg": ("GPKG",),
    ".shp": ("ESRI Shapefile",),
    ".fgb": ("FlatGeobuf",),
}
OGR_SUFFIXES = frozenset(DRIVERS)

# Larger JSON files are not pre-parsed in Python (GDAL still reports them).
_JSON_CHECK_LIMIT = 200 * 1024 * 1024

KIND_WORDS: dict[str, FeatureKind] = {
    "areas": FeatureKind.AREAS, "area": FeatureKind.AREAS, "polygons": FeatureKind.AREAS,
    "front_lines": FeatureKind.FRONT_LINES, "front_line": FeatureKind.FRONT_LINES,
    "frontline": FeatureKind.FRONT_LINES, "frontlines": FeatureKind.FRONT_LINES,
    "front": FeatureKind.FRONT_LINES, "lines": FeatureKind.FRONT_LINES,
    "movements": FeatureKind.MOVEMENTS, "movement": FeatureKind.MOVEMENTS,
    "arrows": FeatureKind.MOVEMENTS, "arrow": FeatureKind.MOVEMENTS,
    "annotations": FeatureKind.ANNOTATIONS, "annotation": FeatureKind.ANNOTATIONS,
    "labels": FeatureKind.ANNOTATIONS, "label": FeatureKind.ANNOTATIONS,
}
STATUS_WORDS: dict[str, AreaStatus] = {
    **{status.value: status for status in AreaStatus},
    "held": AreaStatus.CONTROLLED, "occupied": AreaStatus.CONTROLLED,
    "disputed": AreaStatus.CONTESTED, "grey": AreaStatus.CONTESTED, "gray": AreaStatus.CONTESTED,
    "grey_zone": AreaStatus.CONTESTED, "gray_zone": AreaStatus.CONTESTED,
    "encircled": AreaStatus.POCKET, "cauldron": AreaStatus.POCKET, "kessel": AreaStatus.POCKET,
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


class VectorReadError(Exception):
    """The file cannot be read; the message is for the user."""


@dataclass
class VectorFeature:
    geometry: BaseGeometry
    """2D, WGS84 longitude/latitude."""
    attributes: dict[str, object]
    layer: str


@dataclass
class VectorLayer:
    name: str
    fields: list[str]
    metadata: dict[str, str]
    features: list[VectorFeature] = field(default_factory=list)


@dataclass
class VectorFile:
    path: Path
    layers: list[VectorLayer]
    metadata: dict[str, str]
    """The dataset's own metadata (default domain)."""
    table_names: list[str] = field(default_factory=list)
    """Every layer and attribute table, read or not."""

    def features(self) -> Iterator[VectorFeature]:
        for layer in self.layers:
            yield from layer.features

    def feature_count(self) -> int:
        return sum(len(layer.features) for layer in self.layers)

    def all_metadata(self) -> Iterator[tuple[str, str]]:
        """Dataset metadata first, then each layer's."""
        yield from self.metadata.items()
        for layer in self.layers:
            yield from layer.metadata.items()


class _GdalMessages:
    """Collects GDAL's errors while reading, so they can be worded for the user."""

    def __init__(self) -> None:
        self.messages: list[str] = []

    def _handler(self, level: int, number: int, message: str) -> None:
        if level >= gdal.CE_Failure and message:
            self.messages.append(message.strip())

    def __enter__(self) -> _GdalMessages:
        gdal.PushErrorHandler(self._handler)
        gdal.ErrorReset()
        return self

    def __exit__(self, *exc: object) -> None:
        gdal.PopErrorHandler()

    def last(self) -> str:
        return self.messages[-1] if self.messages else ""


def _check_json(path: Path) -> None:
    """Python's parser says where a JSON file breaks, and whether it stops early; GDAL's message is vaguer."""
    from .safe_files import UnsafeInputError, load_json

    if path.stat().st_size > _JSON_CHECK_LIMIT:
        return
    try:
        load_json(path, max_bytes=_JSON_CHECK_LIMIT)
    except UnsafeInputError as exc:
        empty = exc.problem == tr("empty file")
        raise VectorReadError(tr("the file is empty") if empty else exc.problem) from exc


def _open(path: Path) -> gdal.Dataset:
    suffix = path.suffix.lower()
    drivers = DRIVERS.get(suffix)
    if drivers is None:
        raise VectorReadError(tr("not a supported vector file ({suffix})").format(suffix=suffix or "?"))
    if not path.is_file():
        raise VectorReadError(tr("the file does not exist"))
    if path.stat().st_size == 0:
        raise VectorReadError(tr("the file is empty"))
    if suffix in (".geojson", ".json"):
        _check_json(path)
    with _GdalMessages() as messages:
        try:
            dataset = gdal.OpenEx(str(path), gdal.OF_VECTOR | gdal.OF_READONLY | gdal.OF_VERBOSE_ERROR,
                                  allowed_drivers=list(drivers))
        except RuntimeError as exc:  # GDAL exceptions switched on by someone else
            messages.messages.append(str(exc))
            dataset = None
    if dataset is None:
        reason = messages.last() or tr("not recognised")
        raise VectorReadError(tr("cannot be read as {format}: {reason}").format(
            format=" / ".join(drivers), reason=reason))
    return dataset


def _metadata(gdal_object: object) -> dict[str, str]:
    try:
        items = gdal_object.GetMetadata() or {}  # type: ignore[attr-defined]
    except (RuntimeError, AttributeError):
        return {}
    if isinstance(items, list):  # "KEY=VALUE" strings in some bindings
        items = dict(item.split("=", 1) for item in items if "=" in item)
    return {str(key): str(value) for key, value in items.items()}


def _wgs84() -> osr.SpatialReference:
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return srs


def _field_value(feature: ogr.Feature, index: int, field_type: int) -> object:
    if not feature.IsFieldSetAndNotNull(index):
        return None
    if field_type in (ogr.OFTDate, ogr.OFTDateTime):
        year, month, day, hour, minute, second, tzflag = feature.GetFieldAsDateTime(index)
        try:
            if field_type == ogr.OFTDate:
                return dt.date(year, month, day)
            whole = int(second)
            micro = round((second - whole) * 1_000_000)
            # OGR's tzflag: 0 unknown, 1 local time, 100 UTC, 100±n n quarter hours off UTC.
            zone = None if tzflag in (0, 1) else dt.timezone(dt.timedelta(minutes=15 * (tzflag - 100)))
            return dt.datetime(year, month, day, hour, minute, whole, min(micro, 999_999), tzinfo=zone)
        except ValueError:
            return feature.GetFieldAsString(index)
    return feature.GetField(index)


def _looks_projected(extent: tuple[float, float, float, float]) -> bool:
    xmin, xmax, ymin, ymax = extent
    return max(abs(xmin), abs(xmax)) > 180 or max(abs(ymin), abs(ymax)) > 90


def _read_layer(layer: ogr.Layer, path: Path, target: osr.SpatialReference,
                result: ImportResult) -> VectorLayer:
    name = layer.GetName()
    definition = layer.GetLayerDefn()
    fields = [(definition.GetFieldDefn(i).GetName(), definition.GetFieldDefn(i).GetType())
              for i in range(definition.GetFieldCount())]
    read = VectorLayer(name, [f for f, _ in fields], _metadata(layer))
    source = layer.GetSpatialRef()
    transform = None
    if source is None:
        extent = layer.GetExtent(force=1) if layer.GetFeatureCount() else None
        if extent and _looks_projected(extent):
            result.warn(path, tr("layer {layer} has no coordinate system and its coordinates look "
                                 "projected (up to {value}); read as longitude/latitude").format(
                layer=name, value=f"{max(abs(v) for v in extent):.0f}"))
    else:
        source = source.Clone()
        source.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
        if source.IsGeographic() and layer.GetFeatureCount():
            extent = layer.GetExtent(force=1)
            if _looks_projected(extent):
                largest = f"{max(abs(v) for v in extent):.0f}"
                result.warn(path, tr("layer {layer} says longitude/latitude but has coordinates up to "
                                     "{value}").format(layer=name, value=largest))
        if not source.IsSame(target):
            try:
                transform = osr.CoordinateTransformation(source, target)
            except (RuntimeError, TypeError):
                transform = None
            if transform is None:
                raise VectorReadError(tr("layer {layer}: no transformation from its coordinate system "
                                         "to WGS84").format(layer=name))
    without_geometry = 0
    not_transformed = 0
    unreadable = 0
    layer.ResetReading()
    for feature in layer:
        geometry = feature.GetGeometryRef()
        if geometry is None or geometry.IsEmpty():
            without_geometry += 1
            continue
        geometry = geometry.Clone()
        if geometry.HasCurveGeometry():
            geometry = geometry.GetLinearGeometry()
        geometry.FlattenTo2D()  # drops Z and M
        try:
            failed = transform is not None and geometry.Transform(transform) != 0
        except RuntimeError:
            failed = True
        if failed:
            not_transformed += 1
            continue
        # Invalid shapes are kept for normalise_snapshot to repair and report; only WKB that
        # GEOS cannot build at all is lost here.
        shape = shapely.from_wkb(bytes(geometry.ExportToIsoWkb()), on_invalid="ignore")
        if shape is None or shape.is_empty:
            unreadable += 1
            continue
        if not np.isfinite(shapely.get_coordinates(shape)).all():
            not_transformed += 1
            continue
        attributes = {name_: _field_value(feature, i, type_) for i, (name_, type_) in enumerate(fields)}
        read.features.append(VectorFeature(shape, attributes, name))
    if without_geometry:
        result.info(path, tr("layer {layer}: {count} features without geometry skipped").format(
            layer=name, count=without_geometry))
    if unreadable:
        result.warn(path, tr("layer {layer}: {count} geometries too broken to repair; skipped").format(
            layer=name, count=unreadable))
    if not_transformed:
        result.warn(path, tr("layer {layer}: {count} features could not be transformed to WGS84; "
                             "skipped").format(layer=name, count=not_transformed))
    return read


def read_vector(path: Path, result: ImportResult) -> VectorFile:
    """All layers of a vector file in WGS84; raises VectorReadError with a message for the user.

    Warnings about the file (projected-looking coordinates without a CRS,
    features that could not be transformed) go into `result`.
    """
    dataset = _open(path)
    try:
        target = _wgs84()
        layers: list[VectorLayer] = []
        tables: list[str] = []
        with _GdalMessages() as messages:
            for index in range(dataset.GetLayerCount()):
                layer = dataset.GetLayerByIndex(index)
                if layer is not None:
                    tables.append(layer.GetName())
                # Attribute-only tables (a GeoPackage's lookup tables, say) hold no map features.
                if layer is not None and layer.GetGeomType() != ogr.wkbNone:
                    layers.append(_read_layer(layer, path, target, result))
        if messages.messages and not any(layer.features for layer in layers):
            raise VectorReadError(tr("cannot be read: {reason}").format(reason=messages.last()))
        read = VectorFile(path, layers, _metadata(dataset), tables)
    finally:
        dataset = None  # closes the file
    if read.feature_count() == 0:
        raise VectorReadError(tr("the file holds no features"))
    return read


# --- classification --------------------------------------------------------------------------


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

    def __init__(self, options: ImportOptions,
                 layer_rule: Callable[[str], LayerRule | None] | None = None) -> None:
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

    def _kind(self, feature: VectorFeature, stem: str, rule: LayerRule | None
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
                    attributes["label" if kind == FeatureKind.MOVEMENTS else
                               "name" if kind == FeatureKind.FRONT_LINES else "text"] = text
                    break
        if kind == FeatureKind.MOVEMENTS:
            movement = movement or next(
                (MOVEMENT_WORDS[w] for w in (_word(_get(feature.attributes, n))
                                             for n in ("movement", "movement_kind")) if w in MOVEMENT_WORDS),
                MovementKind.ATTACK)
            attributes["kind"] = movement.value
        return SituationFeature(kind, feature.geometry, side, attributes)

    def report(self, path: Path, result: ImportResult) -> None:
        """One message per problem for the whole file, then forget it for the next file."""
        if self.unsided:
            values = list(self.unmapped_values)
            listed = ", ".join(f'"{v}"' for v in values[:_LISTED_VALUES])
            if len(values) > _LISTED_VALUES:
                listed += ", …"
            result.warn(path, tr("no side for {count} features; map one of these values to a side: "
                                 "{values}").format(count=self.unsided, values=listed))
        if self.bad_kinds:
            result.warn(path, tr("unknown feature kinds in the mapping: {kinds}").format(
                kinds=", ".join(self.bad_kinds)))
        if self.wrong_geometry:
            result.warn(path, tr("{count} features have a geometry their kind cannot hold "
                                 "(points as areas, say); skipped").format(count=self.wrong_geometry))
        if self.skipped_layers:
            result.info(path, tr("layers not imported as held ground (map them to a kind to import "
                                 "them): {layers}").format(layers=", ".join(self.skipped_layers)))
        self._reset()


def classify_file(vector: VectorFile, options: ImportOptions, result: ImportResult,
                  layer_rule: Callable[[str], LayerRule | None] | None = None
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
