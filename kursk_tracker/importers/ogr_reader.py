"""Any OGR vector file (GeoJSON, GeoPackage, Shapefile, …) as WGS84 features.

Every layer, every geometry transformed to WGS84 longitude/latitude (GDAL 3
axis order pinned to the traditional GIS order), Z and M dropped, attributes
as plain Python values (OGR dates become `datetime`/`date`), the dataset's
and each layer's metadata kept for dates. KML and KMZ are never opened here:
the My Maps importer reads them without GDAL's network-capable drivers.
What the features are (kind, side, status) is decided in `classify`.

GDAL is used through return values and a collecting error handler, never
`gdal.UseExceptions()`, which would change GDAL for everything else in QGIS.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import shapely
from osgeo import gdal, ogr, osr
from shapely.geometry.base import BaseGeometry

from ..core.import_result import ImportResult
from ..core.text import tr

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
            dataset = gdal.OpenEx(
                str(path),
                gdal.OF_VECTOR | gdal.OF_READONLY | gdal.OF_VERBOSE_ERROR,
                allowed_drivers=list(drivers),
            )
        except RuntimeError as exc:  # GDAL exceptions switched on by someone else
            messages.messages.append(str(exc))
            dataset = None
    if dataset is None:
        reason = messages.last() or tr("not recognised")
        raise VectorReadError(
            tr("cannot be read as {format}: {reason}").format(format=" / ".join(drivers), reason=reason)
        )
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


def _transformation(
    layer: ogr.Layer, path: Path, target: osr.SpatialReference, result: ImportResult
) -> osr.CoordinateTransformation | None:
    """The transformation of the layer's coordinates to `target`; None where they are in it already
    or the layer has no coordinate system (read as longitude/latitude). Coordinates that do not
    fit the coordinate system are warned of."""
    name = layer.GetName()
    source = layer.GetSpatialRef()
    if source is None:
        extent = layer.GetExtent(force=1) if layer.GetFeatureCount() else None
        if extent and _looks_projected(extent):
            result.warn(
                path,
                tr(
                    "layer {layer} has no coordinate system and its coordinates look "
                    "projected (up to {value}); read as longitude/latitude"
                ).format(layer=name, value=f"{max(abs(v) for v in extent):.0f}"),
            )
        return None
    source = source.Clone()
    source.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    if source.IsGeographic() and layer.GetFeatureCount():
        extent = layer.GetExtent(force=1)
        if _looks_projected(extent):
            largest = f"{max(abs(v) for v in extent):.0f}"
            result.warn(
                path,
                tr("layer {layer} says longitude/latitude but has coordinates up to {value}").format(
                    layer=name, value=largest
                ),
            )
    if source.IsSame(target):
        return None
    try:
        transform = osr.CoordinateTransformation(source, target)
    except (RuntimeError, TypeError):
        transform = None
    if transform is None:
        raise VectorReadError(
            tr("layer {layer}: no transformation from its coordinate system to WGS84").format(layer=name)
        )
    return transform


def _shape_of(
    feature: ogr.Feature, transform: osr.CoordinateTransformation | None
) -> tuple[BaseGeometry | None, str]:
    """(the feature's geometry in WGS84, 2D and linear, "") or (None, why it is skipped:
    "without_geometry", "not_transformed" or "unreadable")."""
    geometry = feature.GetGeometryRef()
    if geometry is None or geometry.IsEmpty():
        return None, "without_geometry"
    geometry = geometry.Clone()
    if geometry.HasCurveGeometry():
        geometry = geometry.GetLinearGeometry()
    geometry.FlattenTo2D()  # drops Z and M
    try:
        failed = transform is not None and geometry.Transform(transform) != 0
    except RuntimeError:
        failed = True
    if failed:
        return None, "not_transformed"
    # Invalid shapes are kept for normalise_snapshot to repair and report; only WKB that
    # GEOS cannot build at all is lost here.
    shape = shapely.from_wkb(bytes(geometry.ExportToIsoWkb()), on_invalid="ignore")
    if shape is None or shape.is_empty:
        return None, "unreadable"
    if not np.isfinite(shapely.get_coordinates(shape)).all():
        return None, "not_transformed"
    return shape, ""


def _read_layer(
    layer: ogr.Layer, path: Path, target: osr.SpatialReference, result: ImportResult
) -> VectorLayer:
    name = layer.GetName()
    definition = layer.GetLayerDefn()
    fields = [
        (definition.GetFieldDefn(i).GetName(), definition.GetFieldDefn(i).GetType())
        for i in range(definition.GetFieldCount())
    ]
    read = VectorLayer(name, [f for f, _ in fields], _metadata(layer))
    transform = _transformation(layer, path, target, result)
    skipped: Counter[str] = Counter()
    layer.ResetReading()
    for feature in layer:
        shape, why = _shape_of(feature, transform)
        if shape is None:
            skipped[why] += 1
            continue
        attributes = {name_: _field_value(feature, i, type_) for i, (name_, type_) in enumerate(fields)}
        read.features.append(VectorFeature(shape, attributes, name))
    if skipped["without_geometry"]:
        result.info(
            path,
            tr("layer {layer}: {count} features without geometry skipped").format(
                layer=name, count=skipped["without_geometry"]
            ),
        )
    if skipped["unreadable"]:
        result.warn(
            path,
            tr("layer {layer}: {count} geometries too broken to repair; skipped").format(
                layer=name, count=skipped["unreadable"]
            ),
        )
    if skipped["not_transformed"]:
        result.warn(
            path,
            tr("layer {layer}: {count} features could not be transformed to WGS84; skipped").format(
                layer=name, count=skipped["not_transformed"]
            ),
        )
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
