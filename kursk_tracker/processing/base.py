"""What every Kursk Tracker algorithm shares: its id, its group, how it is copied."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeatureSink,
    QgsProcessingAlgorithm,
    QgsProcessingParameterFile,
)

from ..core.text import tr
from ..toolbelt.compat import QgsProcessingException

if TYPE_CHECKING:
    from ..store.backend import SeriesStore


def group_names() -> dict[str, str]:
    """Group id -> name as the user reads it (looked up late, after the translator is installed)."""
    return {"series": tr("Series"), "timeline": tr("Timeline"), "export": tr("Export")}


class KurskTrackerAlgorithm(QgsProcessingAlgorithm):
    """Subclasses set ALGORITHM_ID and GROUP and write displayName, help and the algorithm itself."""

    ALGORITHM_ID = ""
    GROUP = "series"

    def algorithm_help(self) -> str:
        """What the algorithm does; the help adds what a series parameter takes."""
        return ""

    def shortHelpString(self) -> str:  # noqa: N802
        return self.algorithm_help() + "\n\n" + series_help()

    def name(self) -> str:
        return self.ALGORITHM_ID

    def group(self) -> str:
        return group_names()[self.GROUP]

    def groupId(self) -> str:  # noqa: N802
        return self.GROUP

    def createInstance(self) -> KurskTrackerAlgorithm:  # noqa: N802
        return type(self)()

    @staticmethod
    def series_parameter(name: str = "INPUT", description: str | None = None) -> QgsProcessingParameterFile:
        """A series: a GeoPackage file, or a PostGIS series written as a postgis: location.

        A file parameter whose filter ends in "All files (*)": the file picker
        offers GeoPackages, and a postgis: location passes the parameter's
        own check (an extension or a filter of extensions only would refuse it).
        """
        return QgsProcessingParameterFile(
            name,
            description or tr("Series (GeoPackage or PostGIS)"),
            fileFilter=tr("Series GeoPackage (*.gpkg)") + ";;" + tr("All files (*)"),
        )

    def checked_sink(self, parameters, name: str, sink: QgsFeatureSink | None) -> QgsFeatureSink:
        """The sink made for the output `name`, or Processing's own error where none could be made."""
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, name))
        return sink

    def optional_instant(self, parameters, name: str, context) -> dt.datetime | None:
        """The ISO 8601 instant a string parameter gives (None: left empty), or a clear error."""
        from .front_at_date import parse_instant

        text = (self.parameterAsString(parameters, name, context) or "").strip()
        return parse_instant(text, name) if text else None

    def area_of_interest(self, parameters, name: str, context) -> tuple[float, float, float, float] | None:
        """An extent parameter as (xmin, ymin, xmax, ymax) in WGS84; None: none given, or empty."""
        if not parameters.get(name):
            return None
        wgs84 = QgsCoordinateReferenceSystem("EPSG:4326")
        extent = self.parameterAsExtent(parameters, name, context, wgs84)
        if extent.isNull() or extent.isEmpty():
            return None
        return (extent.xMinimum(), extent.yMinimum(), extent.xMaximum(), extent.yMaximum())

    def series_store(self, parameters, context, name: str = "INPUT") -> SeriesStore:
        """The series a series parameter names, or a QgsProcessingException saying what is wrong."""
        return series_store_of(
            self.parameterAsFile(parameters, name, context)
            or self.parameterAsString(parameters, name, context)
        )


def series_store_of(text: str) -> SeriesStore:
    """The store a series location names (a .gpkg path or a postgis: location), or a
    QgsProcessingException saying what is wrong."""
    from ..core.errors import KurskTrackerError
    from ..store.backend import is_postgis_location, open_store

    text = text.strip()
    if not is_postgis_location(text) and not text.lower().endswith(".gpkg"):
        raise QgsProcessingException(
            tr(
                "{path}: not a series; give a series GeoPackage (.gpkg) or a PostGIS series "
                "(postgis:connection=NAME schema=SCHEMA)"
            ).format(path=text)
        )
    try:
        return open_store(text)
    except KurskTrackerError as error:
        raise QgsProcessingException(str(error)) from error


def series_help() -> str:
    """What every algorithm's help says of the series parameter."""
    return tr(
        "The series is a GeoPackage file or a series in PostGIS, written as "
        "postgis:connection=NAME schema=SCHEMA (NAME: a PostgreSQL connection saved in QGIS) or "
        "postgis:service=NAME schema=SCHEMA. Passwords stay in the saved connection, the service file "
        "or ~/.pgpass, never in the parameter."
    )
