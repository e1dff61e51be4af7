"""Processing: import files (DeepState, My Maps, ISW, folders, series) into a GeoPackage or PostGIS series."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from qgis.core import (
    QgsProcessingOutputNumber,
    QgsProcessingParameterEnum,
    QgsProcessingParameterExtent,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterString,
)

from ..core.errors import KurskTrackerError
from ..core.import_result import Level
from ..core.text import tr
from ..importers.base import Feedback, ImportOptions
from ..importers.registry import FORMATS, import_to_series
from ..store.operations import new_series
from ..toolbelt.compat import QgsProcessingException, file_source_type
from ..toolbelt.dependencies import require_shapely
from .base import KurskTrackerAlgorithm, series_store_of


class ImportSeriesAlgorithm(KurskTrackerAlgorithm):
    ALGORITHM_ID = "importseries"
    GROUP = "series"

    INPUT = "INPUT"
    FORMAT = "FORMAT"
    AREA_OF_INTEREST = "AREA_OF_INTEREST"
    NAME = "NAME"
    EPOCH = "EPOCH"
    TIMEZONE = "TIMEZONE"
    OUTPUT = "OUTPUT"

    def displayName(self) -> str:  # noqa: N802
        return tr("Import into a series")

    def algorithm_help(self) -> str:
        return tr(
            "Imports dated situation files into a series: a folder of files one per "
            "date (GeoJSON, KML, KMZ, GeoPackage, Shapefile), Google My Maps KML/KMZ, "
            "DeepStateMap history snapshots, ISW layers or another series. The date comes from "
            "the file name, a field or the layer metadata. Everything is transformed to WGS84, "
            "clipped to the area of interest, repaired where invalid, and areas of one side are "
            "dissolved. An existing series keeps all its snapshots: new dates are added, dates it "
            "already has are reported and skipped. Problems are reported per file. Formats: auto "
            "(detect from the files), folder, mymaps, deepstate, isw, gpkg (a series GeoPackage). "
            "The import is one step: if it fails, the series is as it was. Into a PostGIS series, "
            "several people can import at once; everyone's snapshots are kept."
        )

    def initAlgorithm(self, config=None) -> None:  # noqa: N802
        self.addParameter(
            QgsProcessingParameterMultipleLayers(self.INPUT, tr("Files or folders"), file_source_type())
        )
        # Static strings: FORMAT=deepstate on the command line, as the README shows.
        formats = QgsProcessingParameterEnum(self.FORMAT, tr("Format"), list(FORMATS), defaultValue="auto")
        formats.setUsesStaticStrings(True)
        self.addParameter(formats)
        self.addParameter(
            QgsProcessingParameterExtent(self.AREA_OF_INTEREST, tr("Area of interest"), optional=True)
        )
        self.addParameter(
            QgsProcessingParameterString(self.NAME, tr("Series name (for a new series)"), optional=True)
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.EPOCH, tr("Operation start, week 0 (YYYY-MM-DD; for a new series)"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterString(self.TIMEZONE, tr("Display time zone"), defaultValue="Europe/Berlin")
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.OUTPUT, tr("Series (GeoPackage or PostGIS)"), tr("GeoPackage (*.gpkg)")
            )
        )
        self.addOutput(QgsProcessingOutputNumber("ADDED", tr("Snapshots added")))
        self.addOutput(QgsProcessingOutputNumber("SKIPPED", tr("Snapshots skipped")))
        self.addOutput(QgsProcessingOutputNumber("ERRORS", tr("Files with errors")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        require_shapely()
        paths = [Path(p) for p in self.parameterAsFileList(parameters, self.INPUT, context)]
        format_name = self.parameterAsEnumString(parameters, self.FORMAT, context) or "auto"
        output = series_store_of(self.parameterAsFileOutput(parameters, self.OUTPUT, context))
        try:
            existed = output.exists()
        except KurskTrackerError as error:
            raise QgsProcessingException(str(error)) from error
        timezone = self.parameterAsString(parameters, self.TIMEZONE, context) or "Europe/Berlin"
        options = ImportOptions(
            area_of_interest=self.area_of_interest(parameters, self.AREA_OF_INTEREST, context),
            timezone=timezone,
            epoch=self._epoch(parameters, context),
        )
        template = None
        if not existed:
            name = self.parameterAsString(parameters, self.NAME, context) or output.default_name()
            template = new_series({"en": name, "de": name}, options.epoch, timezone)
        try:
            result, summary = import_to_series(
                paths,
                format_name,
                options,
                output,
                Feedback(lambda f: feedback.setProgress(100.0 * f), feedback.isCanceled),
                template,
            )
        except KurskTrackerError as error:
            raise QgsProcessingException(str(error)) from error
        for issue in result.issues:
            if issue.level == Level.ERROR:
                feedback.reportError(str(issue), False)
            elif issue.level == Level.WARNING:
                feedback.pushWarning(str(issue))
            else:
                feedback.pushInfo(str(issue))
        for message in summary.skipped:
            feedback.pushWarning(message)
        if result.cancelled:
            raise QgsProcessingException(tr("Import cancelled; the series is unchanged."))
        if not existed and not (summary.added or summary.places_added):
            raise QgsProcessingException(tr("Nothing could be imported; no series was written."))
        feedback.pushInfo(
            tr("{n} snapshots added to {path}").format(n=len(summary.added), path=output.describe())
        )
        failed = {issue.path for issue in result.issues if issue.level == Level.ERROR}
        return {
            self.OUTPUT: output.location,
            "ADDED": len(summary.added),
            "SKIPPED": len(summary.skipped),
            "ERRORS": len(failed),
        }

    def _epoch(self, parameters, context) -> dt.date | None:
        text = self.parameterAsString(parameters, self.EPOCH, context).strip()
        if not text:
            return None
        try:
            return dt.date.fromisoformat(text)
        except ValueError as error:
            raise QgsProcessingException(
                tr("The operation start {text} is not a date (YYYY-MM-DD)").format(text=text)
            ) from error
