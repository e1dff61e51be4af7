"""Processing: held area per snapshot, side and status, with the change since the previous snapshot."""

from __future__ import annotations

from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsProcessingParameterFeatureSink,
)

from ..core.errors import KurskTrackerError
from ..toolbelt.compat import QgsProcessingException, make_fields, vector_source_type, wkb_type
from ..toolbelt.dependencies import require_shapely
from ..toolbelt.i18n import tr
from .base import KurskTrackerAlgorithm

FIELDS = (
    ("valid_at", "string"),
    ("week", "integer"),
    ("side", "string"),
    ("status", "string"),
    ("area_km2", "real"),
    ("change_km2", "real"),
)


class SeriesStatisticsAlgorithm(KurskTrackerAlgorithm):
    ALGORITHM_ID = "seriesstatistics"
    GROUP = "series"

    INPUT = "INPUT"
    OUTPUT = "OUTPUT"

    def displayName(self) -> str:  # noqa: N802
        return tr("Series statistics (held area)")

    def algorithm_help(self) -> str:
        return tr(
            "Held area per snapshot, side and status in km² on the WGS84 ellipsoid, with the net "
            "change since the previous snapshot. One row per snapshot, side and status; a status "
            "that disappears gets a row with area 0 and its loss."
        )

    def initAlgorithm(self, config=None) -> None:  # noqa: N802
        self.addParameter(self.series_parameter())
        self.addParameter(
            QgsProcessingParameterFeatureSink(self.OUTPUT, tr("Statistics"), vector_source_type())
        )

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        require_shapely()
        from ..store.statistics import series_statistics

        store = self.series_store(parameters, context)
        try:
            _series, rows = series_statistics(store)
        except KurskTrackerError as error:
            raise QgsProcessingException(str(error)) from error
        fields = make_fields(FIELDS)
        sink, dest_id = self.parameterAsSink(parameters, self.OUTPUT, context, fields, wkb_type("NoGeometry"))
        sink = self.checked_sink(parameters, self.OUTPUT, sink)
        for index, row in enumerate(rows):
            if feedback.isCanceled():
                break
            feature = QgsFeature(fields)
            feature.setAttributes(
                [
                    row.valid_at,
                    row.week,
                    row.side,
                    row.status,
                    round(row.area_km2, 4),
                    round(row.change_km2, 4),
                ]
            )
            sink.addFeature(feature, QgsFeatureSink.Flag.FastInsert)
            feedback.setProgress(100.0 * (index + 1) / max(1, len(rows)))
        return {self.OUTPUT: dest_id}
