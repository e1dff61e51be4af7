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
