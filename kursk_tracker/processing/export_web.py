"""Processing: the series as an interactive web page with a time slider and the moving front."""

from __future__ import annotations

from pathlib import Path

from qgis.core import (
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
)

from ..core.errors import KurskTrackerError
from ..core.text import tr
from ..core.timings import TIMINGS
from ..toolbelt.compat import QgsProcessingException
from ..toolbelt.dependencies import require_shapely
from .base import KurskTrackerAlgorithm

LANGUAGES = ("auto", "en", "de")


class ExportWebAlgorithm(KurskTrackerAlgorithm):
    ALGORITHM_ID = "exportweb"
    GROUP = "export"

    INPUT = "INPUT"
    OUTPUT = "OUTPUT"
    LANGUAGE = "LANGUAGE"
    FROM = "FROM"
    TO = "TO"
    TIMING = "TIMING"
    SINGLE_FILE = "SINGLE_FILE"
    BASEMAP_URL = "BASEMAP_URL"

    def displayName(self) -> str:  # noqa: N802
        return tr("Export web page (interactive Lagebild)")

    def algorithm_help(self) -> str:
        return tr(
            "Writes the series as a web page with a time slider on which the front moves between "
            "snapshots, as on the timeline: areas, front lines, arrows, notes and places in the Lagebild's "
            "style, the date, week and caption, the change since the previous snapshot and the held-area "
            "chart, in LANGUAGE. OUTPUT is a folder that receives index.html with its data, script and the "
            "map library beside it; with SINGLE_FILE everything goes into one HTML file (OUTPUT/index.html, "
            "or OUTPUT itself when it ends in .html). The page works offline from the file; it loads tiles "
            "only when BASEMAP_URL is an XYZ template such as https://tile.example.org/{z}/{x}/{y}.png. "
            "FROM and TO (ISO 8601) limit the span; the page needs two snapshots or more. Nothing is written "
            "at OUTPUT until the page is complete."
        )

    def initAlgorithm(self, config=None) -> None:  # noqa: N802
        self.addParameter(self.series_parameter())
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.OUTPUT,
                tr("Web page (folder, or an .html file with SINGLE_FILE)"),
                tr("Web page (*.html)"),
            )
        )
        language = QgsProcessingParameterEnum(
            self.LANGUAGE, tr("Language of the page"), list(LANGUAGES), defaultValue="auto"
        )
        language.setUsesStaticStrings(True)
        self.addParameter(language)
        self.addParameter(
            QgsProcessingParameterString(
                self.FROM, tr("From (ISO 8601; empty: first snapshot)"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterString(self.TO, tr("To (ISO 8601; empty: last snapshot)"), optional=True)
        )
        timing = QgsProcessingParameterEnum(
            self.TIMING, tr("Timing between snapshots"), list(TIMINGS), defaultValue="linear"
        )
        timing.setUsesStaticStrings(True)
        self.addParameter(timing)
        self.addParameter(
            QgsProcessingParameterBoolean(
                self.SINGLE_FILE, tr("One self-contained HTML file"), defaultValue=False
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.BASEMAP_URL,
                tr("Basemap tiles (XYZ URL template; empty: none)"),
                optional=True,
            )
        )
        self.addOutput(QgsProcessingOutputNumber("SNAPSHOTS", tr("Snapshots on the page")))
        self.addOutput(QgsProcessingOutputNumber("BYTES", tr("Size of the page (bytes)")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        require_shapely()
        from ..export.web_data import WebOptions
        from ..export.web_page import export_web_page
        from ..toolbelt.i18n import current_language

        store = self.series_store(parameters, context)
        language = self.parameterAsEnumString(parameters, self.LANGUAGE, context) or "auto"
        output = Path(self.parameterAsFileOutput(parameters, self.OUTPUT, context))
        single = self.parameterAsBool(parameters, self.SINGLE_FILE, context)
        if not single and output.suffix.lower() in (".html", ".htm"):
            # Processing's file destination adds ".html"; without SINGLE_FILE the page is a folder.
            output = output.with_suffix("")
        options = WebOptions(
            language=current_language() if language == "auto" else language,
            timing=self.parameterAsEnumString(parameters, self.TIMING, context) or "linear",
            start=self.optional_instant(parameters, self.FROM, context),
            end=self.optional_instant(parameters, self.TO, context),
            basemap_url=self.parameterAsString(parameters, self.BASEMAP_URL, context) or "",
        )
        try:
            result = export_web_page(
                store, output, options, single, feedback.setProgress, feedback.isCanceled
            )
        except (KurskTrackerError, OSError) as error:
            raise QgsProcessingException(str(error)) from error
        feedback.pushInfo(
            tr("{path}: {snapshots} snapshots, {size} kB").format(
                path=result.path, snapshots=result.snapshots, size=round(result.bytes / 1024)
            )
        )
        return {self.OUTPUT: str(result.path), "SNAPSHOTS": result.snapshots, "BYTES": result.bytes}
