"""From the core's shapely geometries to QGIS's."""

from __future__ import annotations

from qgis.core import QgsGeometry


def to_qgs(geometry) -> QgsGeometry:
    """A 2D QgsGeometry of a shapely geometry (WKB, no precision lost)."""
    import shapely

    converted = QgsGeometry()
    converted.fromWkb(shapely.to_wkb(geometry, output_dimension=2))
    return converted
