"""One logger: the QGIS message log under the tag "Kursk Tracker"."""

from __future__ import annotations

from qgis.core import Qgis, QgsMessageLog

from ..__about__ import LOG_TAG


def log(message: str, level: Qgis.MessageLevel = Qgis.MessageLevel.Info) -> None:
    QgsMessageLog.logMessage(message, LOG_TAG, level)


def warn(message: str) -> None:
    log(message, Qgis.MessageLevel.Warning)
