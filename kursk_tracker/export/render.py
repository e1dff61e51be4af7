"""Render map layers to an image file, without a canvas."""

from __future__ import annotations

import os
from pathlib import Path

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsMapLayer,
    QgsMapRendererParallelJob,
    QgsMapSettings,
    QgsProject,
    QgsRectangle,
)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor

from ..core.errors import KurskTrackerError

# Web Mercator draws the mid-latitudes the way readers know from web maps.
DISPLAY_CRS = "EPSG:3857"


def render_png(
    layers: list[QgsMapLayer],
    extent: QgsRectangle,
    path: str | os.PathLike[str],
    width: int = 1600,
    crs: str = DISPLAY_CRS,
    dpi: float = 96.0,
) -> Path:
    """Render `layers` (top first) over `extent` to a PNG; atomic write."""
    path = Path(path)
    settings = QgsMapSettings()
    settings.setLayers(layers)
    settings.setDestinationCrs(QgsCoordinateReferenceSystem(crs))
    settings.setBackgroundColor(QColor("#f4f1ea"))
    settings.setOutputDpi(dpi)
    height = max(1, round(width * extent.height() / extent.width()))
    settings.setOutputSize(QSize(width, height))
    settings.setExtent(extent)
    settings.setExpressionContext(_expression_context())
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    image = job.renderedImage()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.part")
    if not image.save(str(tmp), "PNG"):
        raise KurskTrackerError(f"{path}: the image could not be written")
    os.replace(tmp, path)
    return path


def _expression_context():
    from qgis.core import QgsExpressionContext, QgsExpressionContextUtils

    context = QgsExpressionContext()
    context.appendScope(QgsExpressionContextUtils.globalScope())
    context.appendScope(QgsExpressionContextUtils.projectScope(QgsProject.instance()))
    return context
