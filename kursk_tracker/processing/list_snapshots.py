"""Processing: the snapshots of a series as a table (date, week, title, source)."""

from __future__ import annotations

from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsProcessingParameterFeatureSink,
)

from ..core.errors import KurskTrackerError
from ..core.timefmt import format_instant, iso_utc
from ..toolbelt.compat import QgsProcessingException, make_fields, vector_source_type, wkb_type
from ..toolbelt.i18n import current_language, tr
from .base import KurskTrackerAlgorithm


class ListSnapshotsAlgorithm(KurskTrackerAlgorithm):
    ALGORITHM_ID = "listsnapshots"
    GROUP = "series"

    INPUT = "INPUT"
    OUTPUT = "OUTPUT"

    def displayName(self) -> str:  # noqa: N802
        return tr("List snapshots of a series")

    def algorithm_help(self) -> str:
        return tr(
            "Lists the snapshots of a series GeoPackage: the instant (UTC, ISO 8601), "
            "the date as the locale writes it, the week number from the series epoch, "
            "title and source."
        )

    def initAlgorithm(self, config=None) -> None:  # noqa: N802
        self.addParameter(self.series_parameter())
        self.addParameter(
            QgsProcessingParameterFeatureSink(self.OUTPUT, tr("Snapshots"), vector_source_type())
        )

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        store = self.series_store(parameters, context)
        try:
            series = store.read_series()
        except KurskTrackerError as error:
            raise QgsProcessingException(str(error)) from error
        fields = make_fields(
            (
                ("id", "integer"),
                ("valid_at", "string"),
                ("date", "string"),
                ("week", "integer"),
                ("title", "string"),
                ("source", "string"),
            )
        )
        sink, dest_id = self.parameterAsSink(parameters, self.OUTPUT, context, fields, wkb_type("NoGeometry"))
        sink = self.checked_sink(parameters, self.OUTPUT, sink)
        language = current_language()
        snapshots = series.sorted_snapshots()
        for index, snap in enumerate(snapshots):
            if feedback.isCanceled():
                break
            feature = QgsFeature(fields)
            feature.setAttributes(
                [
                    snap.id,
                    iso_utc(snap.valid_at),
                    format_instant(snap.valid_at, series.timezone, language),
                    series.week_of(snap.valid_at),
                    snap.title_in(language),
                    snap.source,
                ]
            )
            sink.addFeature(feature, QgsFeatureSink.Flag.FastInsert)
            feedback.setProgress(100.0 * (index + 1) / max(1, len(snapshots)))
        return {self.OUTPUT: dest_id}
