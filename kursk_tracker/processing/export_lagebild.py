"""Processing: the Lagebild of one instant, or of every snapshot, as PNG, PDF or SVG."""

from __future__ import annotations

from pathlib import Path

from qgis.core import (
    QgsProcessingOutputNumber,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsProject,
)

from ..core.errors import KurskTrackerError
from ..core.text import tr
from ..export.lagebild import FORMATS, export_batch, export_lagebild
from ..toolbelt.compat import QgsProcessingException, no_threading_flag, number_parameter_type
from ..toolbelt.dependencies import require_shapely
from .base import KurskTrackerAlgorithm
from .front_at_date import parse_instant

LANGUAGES = ("de", "en")


class ExportLagebildAlgorithm(KurskTrackerAlgorithm):
    ALGORITHM_ID = "exportlagebild"
    GROUP = "export"

    INPUT = "INPUT"
    DATETIME = "DATETIME"
    TEMPLATE = "TEMPLATE"
    FORMAT = "FORMAT"
    WIDTH_PX = "WIDTH_PX"
    DPI = "DPI"
    LANGUAGE = "LANGUAGE"
    OUTPUT = "OUTPUT"
    COUNT = "COUNT"

    def displayName(self) -> str:  # noqa: N802
        return tr("Export Lagebild (map figure)")

    def algorithm_help(self) -> str:
        return tr(
            "The Lagebild of a series as a print layout exported to PNG, PDF or SVG: title, map, "
            "legend, scale bar, north arrow, overview, caption and credit, in German or English. "
            "DATETIME is an ISO 8601 instant (2024-10-29T21:00:00Z; without a zone, UTC); between "
            "snapshots the front is interpolated. Leave DATETIME empty for every snapshot: OUTPUT is "
            "then a folder, and the files are named from the dates (lagebild_2024-10-29_2200.png, "
            "in the series' time zone). TEMPLATE: a .qpt file, or empty for the built-in web "
            "figure; the items with ids kt_title, kt_map, kt_overview, kt_legend, kt_scalebar, "
            "kt_north, kt_caption, kt_credit and kt_week are filled, and labels can use "
            "[% @kt_title %], @kt_date, @kt_week, @kt_caption, @kt_credit and @kt_series. WIDTH_PX "
            "is the width of PNG images; PDF and SVG keep the template's page size. A single file's "
            "format follows its suffix (.png, .pdf, .svg), FORMAT otherwise."
        )

    def flags(self):
        return super().flags() | no_threading_flag()

    def initAlgorithm(self, config=None) -> None:  # noqa: N802
        self.addParameter(self.series_parameter())
        self.addParameter(
            QgsProcessingParameterString(
                self.DATETIME, tr("Date and time (ISO 8601); empty for every snapshot"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFile(
                self.TEMPLATE,
                tr("Layout template (.qpt); empty for the built-in web figure"),
                extension="qpt",
                optional=True,
            )
        )
        formats = QgsProcessingParameterEnum(self.FORMAT, tr("Format"), list(FORMATS), defaultValue="png")
        formats.setUsesStaticStrings(True)
        self.addParameter(formats)
        self.addParameter(
            QgsProcessingParameterNumber(
                self.WIDTH_PX,
                tr("Width of PNG images (px)"),
                number_parameter_type(),
                1600,
                minValue=100,
                maxValue=20000,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.DPI, tr("Resolution (dpi)"), number_parameter_type(), 150, minValue=30, maxValue=1200
            )
        )
        languages = QgsProcessingParameterEnum(
            self.LANGUAGE, tr("Language"), list(LANGUAGES), defaultValue="de"
        )
        languages.setUsesStaticStrings(True)
        self.addParameter(languages)
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.OUTPUT,
                tr("Lagebild file (a folder for every snapshot)"),
                "PNG (*.png);;PDF (*.pdf);;SVG (*.svg)",
            )
        )
        self.addOutput(QgsProcessingOutputNumber(self.COUNT, tr("Files written")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        require_shapely()
        from ..layers.scene import SeriesScene

        store = self.series_store(parameters, context)
        path = store.describe()
        when = (self.parameterAsString(parameters, self.DATETIME, context) or "").strip()
        instant = parse_instant(when, self.DATETIME) if when else None
        template = self.parameterAsFile(parameters, self.TEMPLATE, context) or None
        fmt = self.parameterAsEnumString(parameters, self.FORMAT, context) or "png"
        width = self.parameterAsInt(parameters, self.WIDTH_PX, context)
        dpi = float(self.parameterAsInt(parameters, self.DPI, context))
        language = self.parameterAsEnumString(parameters, self.LANGUAGE, context) or "de"
        output = Path(self.parameterAsFileOutput(parameters, self.OUTPUT, context))
        # A project of our own: headless, and never the user's open project.
        project = QgsProject()
        try:
            scene = SeriesScene.open(store, project, language)
            span = scene.span()
            if span is None:
                raise QgsProcessingException(tr("{path}: the series has no snapshots").format(path=path))
            if instant is None:
                written = export_batch(
                    scene,
                    output,
                    fmt,
                    template,
                    language,
                    width,
                    dpi,
                    progress=lambda done, total: feedback.setProgress(100.0 * done / total),
                    cancelled=feedback.isCanceled,
                )
                feedback.pushInfo(
                    tr("{count} files written to {folder}").format(count=len(written), folder=output)
                )
                return {self.OUTPUT: str(output), self.COUNT: len(written)}
            first, last = span
            if not first <= instant <= last:
                feedback.pushWarning(
                    tr("{when} is outside the series; the nearest end is used").format(when=when)
                )
            # The file's own suffix says the format (out.pdf); FORMAT is for names without one.
            suffix = output.suffix.lstrip(".").lower()
            if suffix in FORMATS:
                fmt = suffix
            else:
                output = output.with_name(f"{output.name}.{fmt}")
            written_file = export_lagebild(scene, instant, output, fmt, template, language, width, dpi)
        except KurskTrackerError as error:
            raise QgsProcessingException(str(error)) from error
        feedback.pushInfo(tr("Written: {path}").format(path=written_file))
        return {self.OUTPUT: str(written_file), self.COUNT: 1}
