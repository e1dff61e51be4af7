"""Processing: ground gained and lost by each side between two instants, in km²."""

from __future__ import annotations

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureSink,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterString,
)

from ..core.errors import KurskTrackerError
from ..core.text import tr
from ..core.timefmt import iso_utc
from ..layers.geometry import to_qgs
from ..toolbelt.compat import QgsProcessingException, make_fields, wkb_type
from ..toolbelt.dependencies import require_shapely
from .base import KurskTrackerAlgorithm
from .front_at_date import parse_instant


class ChangeBetweenAlgorithm(KurskTrackerAlgorithm):
    ALGORITHM_ID = "changebetween"
    GROUP = "timeline"

    INPUT = "INPUT"
    FROM = "FROM"
    TO = "TO"
    OUTPUT = "OUTPUT"

    def displayName(self) -> str:  # noqa: N802
        return tr("Change between two dates")

    def algorithm_help(self) -> str:
        return tr(
            "Polygons of ground each side gained and lost between FROM and TO (ISO 8601 instants; "
            "between snapshots the front is interpolated), with their area in km² on the WGS84 "
            "ellipsoid. Held ground is controlled or pocketed ground."
        )

    def initAlgorithm(self, config=None) -> None:  # noqa: N802
        self.addParameter(self.series_parameter())
        self.addParameter(QgsProcessingParameterString(self.FROM, tr("From (ISO 8601)")))
        self.addParameter(QgsProcessingParameterString(self.TO, tr("To (ISO 8601)")))
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, tr("Change")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        require_shapely()
        from ..core.change import changes_between
        from ..store.statistics import series_frames

        store = self.series_store(parameters, context)
        start = parse_instant(self.parameterAsString(parameters, self.FROM, context), self.FROM)
        end = parse_instant(self.parameterAsString(parameters, self.TO, context), self.TO)
        try:
            frames = series_frames(store)
        except KurskTrackerError as error:
            raise QgsProcessingException(str(error)) from error
        changes = changes_between(frames.areas_at(start), frames.areas_at(end))
        fields = make_fields(
            (
                ("side", "string"),
                ("kind", "string"),
                ("area_km2", "real"),
                ("from", "string"),
                ("to", "string"),
            )
        )
        sink, dest = self.parameterAsSink(
            parameters,
            self.OUTPUT,
            context,
            fields,
            wkb_type("MultiPolygon"),
            QgsCoordinateReferenceSystem("EPSG:4326"),
        )
        sink = self.checked_sink(parameters, self.OUTPUT, sink)
        for change in changes:
            feature = QgsFeature(fields)
            feature.setAttributes(
                [change.side, change.kind, round(change.area_km2, 4), iso_utc(start), iso_utc(end)]
            )
            feature.setGeometry(to_qgs(change.geometry))
            sink.addFeature(feature, QgsFeatureSink.Flag.FastInsert)
            feedback.pushInfo(
                tr("{side} {kind}: {area} km²").format(
                    side=change.side, kind=change.kind, area=f"{change.area_km2:,.2f}"
                )
            )
        return {self.OUTPUT: dest}
