"""The animation part of the Export panel: GIF or MP4 of the timeline, in the background.

Map frames are drawn in a QgsTask; whole-layout frames on the main thread, one
per timer step (QGIS draws layouts only there); both through toolbelt/jobs.py.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TypeVar
from zoneinfo import ZoneInfo

from qgis.gui import QgsMapCanvas
from qgis.PyQt.QtCore import QLocale, Qt, pyqtSignal
from qgis.PyQt.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import KurskTrackerError
from ..core.timefmt import format_number
from ..core.timings import TIMINGS
from ..export.animation import AnimationJob, AnimationOptions, AnimationResult, AnimationTask
from ..layers.session import SeriesSession
from ..toolbelt.i18n import current_language, tr
from ..toolbelt.jobs import BackgroundTask, Outcome, SteppedRun
from ..toolbelt.report import Level, report
from ..toolbelt.settings import AnimationSettings
from .timings import timing_words
from .widgets import edited_instant, instant_edit, set_instant

W = TypeVar("W", bound=QWidget)

STEP_HOURS = (1, 6, 12, 24, 48, 168)

LANGUAGES = (("de", "Deutsch"), ("en", "English"))
"""The languages a figure or film can be written in (each named in itself)."""


def ui_locale() -> QLocale:
    """The interface language's number format ("1,00 s" in German), whatever the system's locale."""
    return QLocale("de_DE" if current_language() == "de" else "en_GB")


def language_combo(parent: QWidget) -> QComboBox:
    """The figure's language, starting at QGIS's interface language (not kept between sessions)."""
    combo = QComboBox(parent)
    combo.setObjectName("languageCombo")
    for code, name in LANGUAGES:
        combo.addItem(name, code)
    combo.setCurrentIndex(max(0, combo.findData(current_language())))
    combo.setToolTip(
        tr(
            "The language of the figure's title, dates, captions, credit and place names. "
            "It starts at QGIS's language each session and applies to the exports you start "
            "from here."
        )
    )
    return combo


def fit_narrow(widget: W) -> W:
    """Let a combo box, spin box or date editor shrink with a narrow dock instead of forcing its width."""
    if isinstance(widget, QComboBox):
        widget.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        widget.setMinimumContentsLength(6)
    widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    if isinstance(widget, QAbstractSpinBox):
        widget.setMinimumWidth(0)
    return widget


def narrow_form() -> QFormLayout:
    """A form whose long labels go above their field when the dock is narrow."""
    form = QFormLayout()
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    return form


class StatusLabel(QLabel):
    """A word-wrapped status line; a path in it is shortened at its start to fit, in full in the tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # Never wider than the dock gives it: the path is shortened instead.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(40)
        self._message = ""
        self._path = ""

    def show_message(self, message: str, path: object = None) -> None:
        """`message` with "{path}" where the path goes, or a plain message."""
        self._message, self._path = message, "" if path is None else str(path)
        self.setToolTip(self._path)
        self._fit()

    def full_text(self) -> str:
        return self._message.replace("{path}", self._path) if self._path else self._message

    def _fit(self) -> None:
        if not self._path or not self.isVisible():
            self.setText(self.full_text())
            return
        room = max(40, self.width() - 8)
        short = self.fontMetrics().elidedText(self._path, Qt.TextElideMode.ElideLeft, room)
        self.setText(self._message.replace("{path}", short))

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt)
        super().resizeEvent(event)
        self._fit()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt)
        super().showEvent(event)
        self._fit()


class ToggleLabel(QLabel):
    """A word-wrapped label that ticks its check box when clicked (a QCheckBox's own text cannot wrap)."""

    def __init__(self, text: str, check: QCheckBox, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.check = check
        self.setWordWrap(True)
        self.setBuddy(check)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(40)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 (Qt)
        if self.check.isEnabled():
            self.check.toggle()
        super().mouseReleaseEvent(event)


def step_label(hours: int) -> str:
    if hours % 24 == 0:
        days = hours // 24
        return tr("1 day") if days == 1 else tr("{n} days").format(n=days)
    return tr("{n} h").format(n=hours)


def layout_frames_available() -> bool:
    try:
        from ..export import lagebild  # noqa: F401
    except ImportError:
        return False
    return True


class AnimationPanel(QWidget):
    """From/to, fps, step, hold, size, format; "Export animation…", progress and Cancel."""

    finished = pyqtSignal(bool)
    """True when a file was written."""

    def __init__(
        self,
        session: SeriesSession,
        canvas: QgsMapCanvas | None = None,
        parent: QWidget | None = None,
        language: QComboBox | None = None,
    ) -> None:
        """`language`: the Export panel's language combo, shared; None: the panel shows one of its own."""
        super().__init__(parent)
        self.setObjectName("KurskTrackerAnimationPanel")
        self.session = session
        self.canvas = canvas
        self.job: BackgroundTask | SteppedRun | None = None
        """The export running: map frames in a QgsTask, layout frames in steps on the main thread."""
        self.last_result: AnimationResult | None = None
        settings = AnimationSettings.load()
        locale = ui_locale()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        form = narrow_form()
        if language is None:
            language = language_combo(self)
            form.addRow(tr("Language"), fit_narrow(language))
        self.language_combo = language
        self.from_edit = fit_narrow(instant_edit(self))
        self.to_edit = fit_narrow(instant_edit(self))
        form.addRow(tr("From"), self.from_edit)
        form.addRow(tr("To"), self.to_edit)
        self.fps_spin = fit_narrow(QSpinBox(self))
        self.fps_spin.setRange(1, 50)
        self.fps_spin.setValue(settings.fps)
        form.addRow(tr("Frames per second"), self.fps_spin)
        self.step_combo = fit_narrow(QComboBox(self))
        for hours in STEP_HOURS:
            self.step_combo.addItem(step_label(hours), hours)
        self.step_combo.setCurrentIndex(max(0, self.step_combo.findData(settings.step_hours)))
        form.addRow(tr("Step per frame"), self.step_combo)
        self.timing_combo = fit_narrow(QComboBox(self))
        self.timing_combo.setObjectName("animationTimingCombo")
        for timing in TIMINGS:
            name, meaning = timing_words(timing)
            self.timing_combo.addItem(name, timing)
            self.timing_combo.setItemData(self.timing_combo.count() - 1, meaning, Qt.ItemDataRole.ToolTipRole)
        self.timing_combo.setCurrentIndex(max(0, self.timing_combo.findData(settings.timing)))
        form.addRow(tr("Timing"), self.timing_combo)
        self.timing_hint = QLabel(self)
        self.timing_hint.setObjectName("animationTimingHint")
        self.timing_hint.setWordWrap(True)
        self.timing_hint.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.timing_hint.setMinimumWidth(40)
        self.timing_hint.setStyleSheet("color: palette(dark);")
        form.addRow(self.timing_hint)
        self.timing_combo.currentIndexChanged.connect(self._explain_timing)
        self._explain_timing()
        self.hold_spin = fit_narrow(QDoubleSpinBox(self))
        self.hold_spin.setLocale(locale)
        self.hold_spin.setRange(0.0, 30.0)
        self.hold_spin.setSingleStep(0.5)
        self.hold_spin.setDecimals(1)
        self.hold_spin.setSuffix(" s")
        self.hold_spin.setValue(settings.hold_seconds)
        form.addRow(tr("Hold on snapshots"), self.hold_spin)
        size = QHBoxLayout()
        self.width_spin = fit_narrow(QSpinBox(self))
        self.width_spin.setRange(160, 3840)
        self.width_spin.setValue(settings.width)
        self.height_spin = fit_narrow(QSpinBox(self))
        self.height_spin.setRange(90, 2160)
        self.height_spin.setValue(settings.height)
        for spin in (self.fps_spin, self.width_spin, self.height_spin):
            spin.setLocale(locale)
        size.addWidget(self.width_spin, 1)
        size.addWidget(QLabel("×", self))
        size.addWidget(self.height_spin, 1)
        size.addWidget(QLabel("px", self))
        form.addRow(tr("Frame size"), size)
        self.format_combo = fit_narrow(QComboBox(self))
        self.format_combo.addItem(tr("GIF animation"), "gif")
        self.format_combo.addItem(tr("MP4 video (H.264)"), "mp4")
        self.format_combo.setCurrentIndex(max(0, self.format_combo.findData(settings.format)))
        form.addRow(tr("Format"), self.format_combo)
        self.layout_check = QCheckBox(self)
        self.layout_check.setObjectName("layoutFramesCheck")
        self.layout_check.setEnabled(layout_frames_available())
        self.layout_check.setChecked(settings.use_layout and layout_frames_available())
        layout_row = QHBoxLayout()
        layout_row.addWidget(self.layout_check, 0, Qt.AlignmentFlag.AlignTop)
        self.layout_label = ToggleLabel(
            tr("Whole Lagebild layout on every frame (slower)"), self.layout_check, self
        )
        layout_row.addWidget(self.layout_label, 1)
        form.addRow(layout_row)
        layout.addLayout(form)
        buttons = QHBoxLayout()
        self.export_button = QPushButton(tr("Export animation…"), self)
        self.export_button.setObjectName("exportAnimationButton")
        self.export_button.clicked.connect(self.ask_and_export)
        self.cancel_button = QPushButton(tr("Cancel"), self)
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        for button in (self.export_button, self.cancel_button):
            button.setMinimumWidth(0)
            button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        buttons.addWidget(self.export_button, 1)
        buttons.addWidget(self.cancel_button)
        layout.addLayout(buttons)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("animationProgress")
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.progress.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        # Idle, a bar saying "0%" reads as a stalled export: it shows only while one runs.
        self.progress.hide()
        layout.addWidget(self.progress)
        self.status = StatusLabel(self)
        layout.addWidget(self.status)
        session.seriesChanged.connect(self.reset_span)
        self.reset_span()

    def _explain_timing(self, _index: int = 0) -> None:
        _name, meaning = timing_words(str(self.timing_combo.currentData()))
        self.timing_hint.setText(meaning)
        self.timing_combo.setToolTip(meaning)

    def language(self) -> str:
        return str(self.language_combo.currentData())

    # The span --------------------------------------------------------------------

    def _zone(self) -> ZoneInfo:
        series = self.session.series
        return ZoneInfo(series.timezone if series else "UTC")

    def reset_span(self) -> None:
        """From and to: the series' first and last snapshot, in the series' time zone."""
        span = self.session.span()
        self.export_button.setEnabled(span is not None and not self.running())
        if span is None:
            return
        for edit, instant in ((self.from_edit, span[0]), (self.to_edit, span[1])):
            set_instant(edit, instant, self._zone())

    def _instant(self, edit) -> dt.datetime:
        return edited_instant(edit, self._zone()).astimezone(dt.timezone.utc)

    # Exporting ----------------------------------------------------------------------

    def options(self) -> AnimationOptions:
        return AnimationOptions(
            start=self._instant(self.from_edit),
            end=self._instant(self.to_edit),
            fps=float(self.fps_spin.value()),
            step=dt.timedelta(hours=int(self.step_combo.currentData())),
            hold_seconds=self.hold_spin.value(),
            width=self.width_spin.value(),
            height=self.height_spin.value(),
            format=str(self.format_combo.currentData()),
            language=self.language(),
            timing=str(self.timing_combo.currentData()),
            use_layout=self.layout_check.isChecked() and self.layout_check.isEnabled(),
            # The morphs the open series has computed in the background, reused where they match.
            morphs=self.session.frames,
        )

    def remember(self, folder: str | None = None) -> None:
        settings = AnimationSettings.load()
        settings.fps = self.fps_spin.value()
        settings.step_hours = int(self.step_combo.currentData())
        settings.hold_seconds = self.hold_spin.value()
        settings.width, settings.height = self.width_spin.value(), self.height_spin.value()
        settings.format = str(self.format_combo.currentData())
        settings.use_layout = self.layout_check.isChecked()
        settings.timing = str(self.timing_combo.currentData())
        if folder is not None:
            settings.folder = folder
        settings.save()

    def default_file_name(self) -> str:
        extension = self.format_combo.currentData()
        start, end = self._instant(self.from_edit), self._instant(self.to_edit)
        return f"kursk_{start:%Y-%m-%d}_{end:%Y-%m-%d}.{extension}"

    def ask_and_export(self) -> None:
        folder = AnimationSettings.load().folder or str(Path.home())
        gif = self.format_combo.currentData() == "gif"
        path, _filter = QFileDialog.getSaveFileName(
            self,
            tr("Export animation"),
            str(Path(folder) / self.default_file_name()),
            tr("GIF animation (*.gif)") if gif else tr("MP4 video (*.mp4)"),
        )
        if path:
            self.export_to(path)

    def running(self) -> bool:
        return self.job is not None

    def export_to(self, path: str | Path) -> bool:
        """Start the export to `path`; False when it cannot start (the status says why)."""
        loaded = self.session.current
        if loaded is None or self.running():
            return False
        path = Path(path)
        options = self.options()
        if path.suffix.lower() != f".{options.format}":
            path = path.with_name(f"{path.name}.{options.format}")
        self.remember(str(path.parent))
        try:
            if options.use_layout:
                self.job = SteppedRun(
                    tr("Exporting animation {name}").format(name=path.name),
                    AnimationJob(loaded.store, path, options),
                    self._done,
                    self,
                )
            else:
                self.job = AnimationTask(loaded.store, path, options, self._done)
        except KurskTrackerError as error:
            self.status.show_message(str(error))
            report(str(error), Level.Critical)
            return False
        self.job.progressChanged.connect(self._show_progress)
        self.progress.setValue(0)
        self.progress.show()
        self.status.show_message(tr("Exporting {name}…").format(name=path.name))
        self.export_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.job.start()
        return True

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
        self.status.show_message(tr("Cancelling…"))

    def shutdown(self) -> None:
        """The plugin unloads: stop a running export (and wait for its thread); no file is left."""
        job, self.job = self.job, None
        if job is not None:
            job.stop()

    def _show_progress(self, value: float) -> None:
        self.progress.setValue(round(value))

    def _done(self, outcome: Outcome) -> None:
        job, self.job = self.job, None
        if isinstance(job, SteppedRun):
            job.deleteLater()
        self._report(outcome.result if outcome.ok else None, outcome.failure)

    def _report(self, result: AnimationResult | None, failure: str | None) -> None:
        self.cancel_button.setEnabled(False)
        self.export_button.setEnabled(self.session.span() is not None)
        self.last_result = result
        self.progress.setValue(0)
        self.progress.hide()
        if result is not None:
            # The path goes in last, so a message with braces in it cannot break the format.
            message = tr("Written: {path} ({frames} frames, {seconds} s)").format(
                path="{path}",
                frames=result.frames,
                seconds=format_number(result.seconds, current_language(), decimals=1),
            )
            self.status.show_message(message, result.path)
            report(message.replace("{path}", str(result.path)), Level.Success)
        elif failure:
            self.status.show_message(failure)
            report(failure, Level.Critical)
        else:
            self.status.show_message(tr("Export cancelled; no file was written."))
            report(tr("Export cancelled; no file was written."), Level.Warning)
        self.finished.emit(result is not None)
