"""Processing: the areas and front lines at any instant, interpolated between snapshots."""

from __future__ import annotations

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureSink,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterString,
)

from ..core.errors import KurskTrackerError
from ..core.text import tr
from ..core.timefmt import iso_utc, parse_utc
from ..layers.geometry import to_qgs
from ..toolbelt.compat import QgsProcessingException, make_fields, wkb_type
from ..toolbelt.dependencies import require_shapely
from .base import KurskTrackerAlgorithm

TIMINGS = ("eased", "linear")


def parse_instant(text: str, name: str):
    try:
        return parse_utc(text)
    except ValueError as error:
        raise QgsProcessingException(
            tr("{name}: {text} is not an ISO 8601 date and time").format(name=name, text=text)
        ) from error


class FrontAtDateAlgorithm(KurskTrackerAlgorithm):
    ALGORITHM_ID = "frontatdate"
    GROUP = "timeline"

    INPUT = "INPUT"
    DATETIME = "DATETIME"
    TIMING = "TIMING"
    OUTPUT = "OUTPUT"
    FRONT_LINES = "FRONT_LINES"

    def displayName(self) -> str:  # noqa: N802
        return tr("Front at a date (interpolated)")

    def algorithm_help(self) -> str:
        return tr(
            "The areas each side holds at any instant: a snapshot's own areas at its instant, and "
            "between two snapshots the areas interpolated so that each gained patch grows from the "
            "old front and each lost patch shrinks from the side it was lost to. DATETIME is ISO "
            "8601 (2024-10-29T21:00:00Z; without a zone, UTC). Also writes each side's front line."
        )

    def initAlgorithm(self, config=None) -> None:  # noqa: N802
        self.addParameter(self.series_parameter())
        self.addParameter(QgsProcessingParameterString(self.DATETIME, tr("Date and time (ISO 8601)")))
        timing = QgsProcessingParameterEnum(
            self.TIMING, tr("Pace between snapshots"), list(TIMINGS), defaultValue="eased"
        )
        timing.setUsesStaticStrings(True)
        self.addParameter(timing)
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, tr("Areas at the date")))
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.FRONT_LINES, tr("Front lines at the date"), optional=True, createByDefault=False
            )
        )

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        require_shapely()
        from ..store.statistics import series_frames

        store = self.series_store(parameters, context)
        path = store.describe()
        instant = parse_instant(self.parameterAsString(parameters, self.DATETIME, context), self.DATETIME)
        timing = self.parameterAsEnumString(parameters, self.TIMING, context) or "eased"
        try:
            frames = series_frames(store, timing)
        except KurskTrackerError as error:
            raise QgsProcessingException(str(error)) from error
        span = frames.snapshots()
        if not span:
            raise QgsProcessingException(tr("{path}: the series has no snapshots").format(path=path))
        if not span[0].valid_at <= instant <= span[-1].valid_at:
            message = tr("{when} is outside the series ({first} to {last}); the nearest end is used")
            feedback.pushWarning(
                message.format(
                    when=iso_utc(instant), first=iso_utc(span[0].valid_at), last=iso_utc(span[-1].valid_at)
                )
            )
        areas = frames.areas_at(instant)
        stamp = iso_utc(instant)
        fields = make_fields((("side", "string"), ("status", "string"), ("valid_at", "string")))
        wgs84 = QgsCoordinateReferenceSystem("EPSG:4326")
        sink, dest = self.parameterAsSink(
            parameters, self.OUTPUT, context, fields, wkb_type("MultiPolygon"), wgs84
        )
        sink = self.checked_sink(parameters, self.OUTPUT, sink)
        for (side, status), geometry in sorted(areas.items()):
            if geometry.is_empty:
                continue
            feature = QgsFeature(fields)
            feature.setAttributes([side, status, stamp])
            feature.setGeometry(to_qgs(geometry))
            sink.addFeature(feature, QgsFeatureSink.Flag.FastInsert)
        results = {self.OUTPUT: dest}
        line_fields = make_fields((("side", "string"), ("valid_at", "string")))
        lines, lines_dest = self.parameterAsSink(
            parameters, self.FRONT_LINES, context, line_fields, wkb_type("MultiLineString"), wgs84
        )
        if lines is not None:
            from ..core.morph import front_lines

            for side, geometry in sorted(front_lines(areas).items()):
                feature = QgsFeature(line_fields)
                feature.setAttributes([side, stamp])
                feature.setGeometry(to_qgs(geometry))
                lines.addFeature(feature, QgsFeatureSink.Flag.FastInsert)
            results[self.FRONT_LINES] = lines_dest
        return results
