"""Processing: copy a whole series between GeoPackage and PostGIS (either way, or within one kind)."""

from __future__ import annotations

from qgis.core import (
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterString,
)

from ..core.errors import KurskTrackerError
from ..core.text import tr
from ..store.operations import copy_series
from ..toolbelt.compat import QgsProcessingException
from .base import KurskTrackerAlgorithm, series_store_of


class CopySeriesAlgorithm(KurskTrackerAlgorithm):
    ALGORITHM_ID = "copyseries"
    GROUP = "series"

    INPUT = "INPUT"
    OUTPUT = "OUTPUT"
    REPLACE = "REPLACE"

    def displayName(self) -> str:  # noqa: N802
        return tr("Copy a series")

    def algorithm_help(self) -> str:
        return tr(
            "Copies a whole series, every snapshot, feature, place and setting, to another store: a "
            "GeoPackage into a PostGIS schema to share it with a team, or a PostGIS series into a "
            "GeoPackage to take it along. Dates are kept to the second with their time zone. A series "
            "already at the target is left alone unless REPLACE is set; the copy is written in one "
            "step, so a failure leaves the target as it was."
        )

    def initAlgorithm(self, config=None) -> None:  # noqa: N802
        self.addParameter(self.series_parameter(self.INPUT, tr("Series to copy")))
        self.addParameter(
            QgsProcessingParameterString(
                self.OUTPUT, tr("Target: a GeoPackage path or postgis:connection=NAME schema=SCHEMA")
            )
        )
        self.addParameter(
            QgsProcessingParameterBoolean(
                self.REPLACE, tr("Replace a series already at the target"), defaultValue=False
            )
        )
        self.addOutput(QgsProcessingOutputString("SERIES", tr("Copied series")))
        self.addOutput(QgsProcessingOutputNumber("SNAPSHOTS", tr("Snapshots copied")))
        self.addOutput(QgsProcessingOutputNumber("FEATURES", tr("Features copied")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        source = self.series_store(parameters, context)
        target = series_store_of(self.parameterAsString(parameters, self.OUTPUT, context))
        replace = self.parameterAsBoolean(parameters, self.REPLACE, context)
        try:
            series, features = copy_series(source, target, replace=replace)
        except KurskTrackerError as error:
            raise QgsProcessingException(str(error)) from error
        feedback.pushInfo(
            tr("{n} snapshots and {m} features copied to {where}").format(
                n=len(series.snapshots), m=features, where=target.describe()
            )
        )
        return {"SERIES": target.location, "SNAPSHOTS": len(series.snapshots), "FEATURES": features}
