"""The few switches between QGIS 3.22 and newer QGIS (3.34/3.40, 4)."""

from __future__ import annotations

from qgis.core import Qgis, QgsWkbTypes

QGIS_VERSION_INT: int = Qgis.QGIS_VERSION_INT


def polygon_geometry_type():
    """Polygon geometry type: Qgis.GeometryType from 3.30, QgsWkbTypes before."""
    if hasattr(Qgis, "GeometryType"):
        return Qgis.GeometryType.Polygon
    return QgsWkbTypes.PolygonGeometry


def make_field(name: str, kind: str):
    """A QgsField of kind "string", "integer", "real" or "datetime".

    QGIS 3.38 moved QgsField to QMetaType; QVariant types are gone in Qt 6.
    """
    from qgis.core import QgsField

    if QGIS_VERSION_INT >= 33800:
        from qgis.PyQt.QtCore import QMetaType

        types = {"string": QMetaType.Type.QString, "integer": QMetaType.Type.Int,
                 "real": QMetaType.Type.Double, "datetime": QMetaType.Type.QDateTime}
    else:
        from qgis.PyQt.QtCore import QVariant

        types = {"string": QVariant.String, "integer": QVariant.Int,
                 "real": QVariant.Double, "datetime": QVariant.DateTime}
    return QgsField(name, types[kind])


def expression_property_type():
    """QgsProperty's 'expression based' type (Qgis.PropertyType from 3.36)."""
    if hasattr(Qgis, "PropertyType"):
        return Qgis.PropertyType.Expression
    from qgis.core import QgsProperty

    return QgsProperty.ExpressionBasedProperty


def no_geometry_wkb_type():
    """The WKB type of a table without geometry (Qgis.WkbType from 3.30)."""
    if hasattr(Qgis, "WkbType"):
        return Qgis.WkbType.NoGeometry
    return QgsWkbTypes.Type.NoGeometry


def vector_source_type():
    """Processing's 'any vector' source type (Qgis.ProcessingSourceType from 3.36)."""
    if hasattr(Qgis, "ProcessingSourceType"):
        return Qgis.ProcessingSourceType.Vector
    from qgis.core import QgsProcessing

    return QgsProcessing.SourceType.TypeVector
