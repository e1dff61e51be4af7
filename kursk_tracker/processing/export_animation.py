"""Processing: the timeline of a series as a GIF or MP4 animation, interpolated, dated on every frame."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from qgis.core import (
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)
from qgis.PyQt.QtCore import QCoreApplication, QThread

from ..core.errors import KurskTrackerError
from ..core.text import tr
from ..core.timings import TIMINGS
from ..export.video import FORMATS
from ..toolbelt.compat import QgsProcessingException, advanced_parameter_flag, number_parameter_type
from ..toolbelt.dependencies import require_shapely
from .base import KurskTrackerAlgorithm

LANGUAGES = ("auto", "en", "de")


def output_format(output: Path, asked: str) -> tuple[Path, str]:
    """The format and file: the file's extension decides; FORMAT contradicting it is an error.

    "a.mp4" and no FORMAT: MP4. "a" (no known extension) and FORMAT mp4: "a.mp4". Neither: GIF.
    """
    extension = output.suffix.lower().lstrip(".")
    if extension in FORMATS:
        if asked and asked != extension:
            raise QgsProcessingException(
                tr(
                    "FORMAT {format} contradicts the output file {name}: leave FORMAT empty or name "
                    "a .{format} file"
                ).format(format=asked, name=output.name)
            )
        return output, extension
    fmt = asked or "gif"
    return output.with_name(f"{output.name}.{fmt}"), fmt


def _number(name: str, description: str, kind: str, default: float, minimum: float, maximum: float):
    return QgsProcessingParameterNumber(
        name, description, number_parameter_type(kind), default, False, minimum, maximum
    )


def _advanced(parameter):
    parameter.setFlags(parameter.flags() | advanced_parameter_flag())
    return parameter


class ExportAnimationAlgorithm(KurskTrackerAlgorithm):
    ALGORITHM_ID = "exportanimation"
    GROUP = "export"

    INPUT = "INPUT"
    FROM = "FROM"
    TO = "TO"
    FPS = "FPS"
    STEP_HOURS = "STEP_HOURS"
    HOLD_SECONDS = "HOLD_SECONDS"
    FORMAT = "FORMAT"
    WIDTH_PX = "WIDTH_PX"
    HEIGHT_PX = "HEIGHT_PX"
    LANGUAGE = "LANGUAGE"
    TIMING = "TIMING"
    USE_LAYOUT = "USE_LAYOUT"
    OUTPUT = "OUTPUT"

    def displayName(self) -> str:  # noqa: N802
        return tr("Export animation (GIF, MP4)")

    def algorithm_help(self) -> str:
        return tr(
            "Writes the timeline of a series as an animated GIF or an MP4 video (H.264; needs the "
            "program ffmpeg). A frame every STEP_HOURS from FROM to TO (ISO 8601; empty: the first "
            "and last snapshot), the front interpolated between snapshots, with the series name, "
            "the date and week and the change since the previous snapshot on every frame. Each "
            "snapshot stays HOLD_SECONDS longer. In a GIF, identical frames are stored once with a "
            "longer duration; an MP4 has a constant frame rate, holds are repeated frames. "
            "USE_LAYOUT draws the whole Lagebild print layout on each frame (the height then "
            "follows the page; layouts draw only on QGIS's main thread, e.g. with qgis_process). "
            "The format follows the OUTPUT file's extension (.gif or .mp4); a FORMAT that contradicts "
            "it is an error. TIMING linear (the default) moves the front at a steady pace through "
            "each interval, so the film shows motion; eased puts most change in the middle of each "
            "interval, as frontatdate does by default."
        )

    def initAlgorithm(self, config=None) -> None:  # noqa: N802
        self.addParameter(self.series_parameter())
        self.addParameter(
            QgsProcessingParameterString(
                self.FROM, tr("From (ISO 8601; empty: first snapshot)"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterString(self.TO, tr("To (ISO 8601; empty: last snapshot)"), optional=True)
        )
        self.addParameter(_number(self.FPS, tr("Frames per second"), "real", 10.0, 0.1, 120.0))
        self.addParameter(_number(self.STEP_HOURS, tr("Hours per frame"), "real", 24.0, 0.05, 24.0 * 365))
        self.addParameter(
            _number(self.HOLD_SECONDS, tr("Hold on snapshots (seconds)"), "real", 1.0, 0.0, 60.0)
        )
        # Static strings: FORMAT=mp4 on the command line. No default: the output's extension decides.
        formats = QgsProcessingParameterEnum(
            self.FORMAT, tr("Format (empty: from the file's extension)"), list(FORMATS), optional=True
        )
        formats.setUsesStaticStrings(True)
        self.addParameter(formats)
        self.addParameter(_number(self.WIDTH_PX, tr("Width (pixels)"), "integer", 1280, 16, 7680))
        self.addParameter(_number(self.HEIGHT_PX, tr("Height (pixels)"), "integer", 720, 16, 4320))
        language = QgsProcessingParameterEnum(
            self.LANGUAGE, tr("Language of dates and names"), list(LANGUAGES), defaultValue="auto"
        )
        language.setUsesStaticStrings(True)
        self.addParameter(_advanced(language))
        timing = QgsProcessingParameterEnum(
            self.TIMING, tr("Timing between snapshots"), list(TIMINGS), defaultValue="linear"
        )
        timing.setUsesStaticStrings(True)
        self.addParameter(_advanced(timing))
        self.addParameter(
            _advanced(
                QgsProcessingParameterBoolean(
                    self.USE_LAYOUT, tr("Whole Lagebild layout on every frame"), defaultValue=False
                )
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.OUTPUT, tr("Animation"), tr("GIF animation (*.gif);;MP4 video (*.mp4)")
            )
        )
        self.addOutput(QgsProcessingOutputNumber("FRAMES", tr("Frames rendered")))
        self.addOutput(QgsProcessingOutputNumber("DURATION", tr("Playing time (seconds)")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        require_shapely()
        from ..export.animation import AnimationCancelled, AnimationOptions, export_animation
        from ..toolbelt.i18n import current_language

        store = self.series_store(parameters, context)
        asked = (
            self.parameterAsEnumString(parameters, self.FORMAT, context)
            if parameters.get(self.FORMAT) not in (None, "")
            else ""
        )
        timing = self.parameterAsEnumString(parameters, self.TIMING, context) or "linear"
        language = self.parameterAsEnumString(parameters, self.LANGUAGE, context) or "auto"
        use_layout = self.parameterAsBool(parameters, self.USE_LAYOUT, context)
        application = QCoreApplication.instance()
        if use_layout and application is not None and QThread.currentThread() != application.thread():
            raise QgsProcessingException(
                tr(
                    "Print layouts can only be drawn on QGIS's main thread: run this with USE_LAYOUT from "
                    "qgis_process or the Python console, or export the map frames without the layout."
                )
            )
        given = Path(self.parameterAsFileOutput(parameters, self.OUTPUT, context))
        output, fmt = output_format(given, asked)
        if output != given:
            feedback.pushInfo(tr("Writing {format} to {path}").format(format=fmt.upper(), path=output))
        options = AnimationOptions(
            start=self.optional_instant(parameters, self.FROM, context),
            end=self.optional_instant(parameters, self.TO, context),
            fps=self.parameterAsDouble(parameters, self.FPS, context),
            step=dt.timedelta(hours=self.parameterAsDouble(parameters, self.STEP_HOURS, context)),
            hold_seconds=self.parameterAsDouble(parameters, self.HOLD_SECONDS, context),
            width=self.parameterAsInt(parameters, self.WIDTH_PX, context),
            height=self.parameterAsInt(parameters, self.HEIGHT_PX, context),
            format=fmt,
            language=current_language() if language == "auto" else language,
            timing=timing,
            use_layout=use_layout,
        )
        try:
            result = export_animation(store, output, options, feedback.setProgress, feedback.isCanceled)
        except AnimationCancelled as error:
            raise QgsProcessingException(str(error)) from error
        except (KurskTrackerError, OSError) as error:
            raise QgsProcessingException(str(error)) from error
        message = tr("{path}: {frames} frames, {seconds} s, {fps} frames rendered per second")
        feedback.pushInfo(
            message.format(
                path=result.path,
                frames=result.frames,
                seconds=f"{result.seconds:.1f}",
                fps=f"{result.frames_per_second_rendered:.1f}",
            )
        )
        return {self.OUTPUT: str(result.path), "FRAMES": result.frames, "DURATION": result.seconds}
