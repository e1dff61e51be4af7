"""Processing: make an empty series, as the Situation panel's "New PostGIS series…" does.

The change itself is `store.operations.create_empty_series`, the panel's own
function: a series already at the target is never replaced.
"""

from __future__ import annotations

from qgis.core import QgsProcessingOutputString, QgsProcessingParameterString

from ..core.errors import KurskTrackerError
from ..core.text import tr
from ..store.operations import create_empty_series
from ..toolbelt.compat import QgsProcessingException
from .base import KurskTrackerAlgorithm


class NewSeriesAlgorithm(KurskTrackerAlgorithm):
    ALGORITHM_ID = "newseries"
    GROUP = "series"

    OUTPUT = "OUTPUT"

    def displayName(self) -> str:  # noqa: N802
        return tr("New empty series")

    def algorithm_help(self) -> str:
        return tr(
            "Makes an empty series at a GeoPackage path or in a PostGIS schema, named for it, with the "
            "default sides (Ukraine, Russia) and time zone (Europe/Berlin); import snapshots into it "
            "afterwards. A series already at the target is left alone and the algorithm fails."
        )

    def initAlgorithm(self, config=None) -> None:  # noqa: N802
        self.addParameter(
            QgsProcessingParameterString(
                self.OUTPUT, tr("Target: a GeoPackage path or postgis:connection=NAME schema=SCHEMA")
            )
        )
        self.addOutput(QgsProcessingOutputString("SERIES", tr("New series")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        location = self.parameterAsString(parameters, self.OUTPUT, context)
        try:
            store = create_empty_series(location)
        except KurskTrackerError as error:
            raise QgsProcessingException(str(error)) from error
        feedback.pushInfo(tr("Empty series made at {where}").format(where=store.describe()))
        return {"SERIES": store.location}
