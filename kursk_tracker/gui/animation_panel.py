"""The animation part of the Export panel: GIF or MP4 of the timeline, in the background."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from qgis.core import QgsApplication
from qgis.gui import QgsMapCanvas
from qgis.PyQt.QtCore import QObject, QTimer, pyqtSignal
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import KurskTrackerError
from ..export.animation import AnimationJob, AnimationOptions, AnimationResult, AnimationTask
from ..toolbelt.i18n import current_language, tr
from ..toolbelt.settings import PREFIX, PluginSettings, StoredSettings
from .controller import SeriesController
from .widgets import edited_instant, instant_edit, set_instant

STEP_HOURS = (1, 6, 12, 24, 48, 168)


def step_label(hours: int) -> str:
    if hours % 24 == 0:
        days = hours // 24
        return tr("1 day") if days == 1 else tr("{n} days").format(n=days)
    return tr("{n} h").format(n=hours)


@dataclass
class AnimationSettings(StoredSettings):
    """The panel's choices, kept in QgsSettings under kursk_tracker/animation/."""

    GROUP = f"{PREFIX}/animation"

    fps: int = 10
    step_hours: int = 24
    hold_seconds: float = 1.0
    width: int = 1280
    height: int = 720
    format: str = "gif"
    use_layout: bool = False
    folder: str = ""


def layout_frames_available() -> bool:
    try:
        from ..export import lagebild  # noqa: F401
    except ImportError:
        return False
    return True


class ForegroundExport(QObject):
    """Runs an AnimationJob frame by frame on the main thread (print layouts draw only there).

    One frame per timer tick, so the window repaints and Cancel works between frames.
    """

    progressChanged = pyqtSignal(float)  # noqa: N815 (Qt naming)
    done = pyqtSignal()

    def __init__(self, job: AnimationJob, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.job = job
        self.result: AnimationResult | None = None
        self.failure: str | None = None
        self.cancelled = False
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        try:
            self.job.prepare()
        except KurskTrackerError as error:
            self._fail(str(error))
            return
        self._timer.start()

    def cancel(self) -> None:
        self.cancelled = True

    def _tick(self) -> None:
        try:
            if self.cancelled:
                self._timer.stop()
                self.job.abort()
                self.done.emit()
            elif self.job.step():
                self.progressChanged.emit(self.job.progress)
            else:
                self._timer.stop()
                self.result = self.job.finish()
                self.done.emit()
        except (KurskTrackerError, OSError) as error:
            self._fail(str(error))

    def _fail(self, message: str) -> None:
        self._timer.stop()
        self.job.abort()
        self.failure = message
        self.done.emit()


class AnimationPanel(QWidget):
    """From/to, fps, step, hold, size, format; "Export animation…", progress and Cancel."""

    finished = pyqtSignal(bool)
    """True when a file was written."""

    def __init__(self, controller: SeriesController, canvas: QgsMapCanvas | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("KurskTrackerAnimationPanel")
        self.controller = controller
        self.canvas = canvas
        self.task: AnimationTask | None = None
        self.foreground: ForegroundExport | None = None
        self.last_result: AnimationResult | None = None
        settings = AnimationSettings.load()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        self.from_edit = instant_edit(self)
        self.to_edit = instant_edit(self)
        form.addRow(tr("From"), self.from_edit)
        form.addRow(tr("To"), self.to_edit)
        self.fps_spin = QSpinBox(self)
        self.fps_spin.setRange(1, 50)
        self.fps_spin.setValue(settings.fps)
        form.addRow(tr("Frames per second"), self.fps_spin)
        self.step_combo = QComboBox(self)
        for hours in STEP_HOURS:
            self.step_combo.addItem(step_label(hours), hours)
        self.step_combo.setCurrentIndex(max(0, self.step_combo.findData(settings.step_hours)))
        form.addRow(tr("Step per frame"), self.step_combo)
        self.hold_spin = QDoubleSpinBox(self)
        self.hold_spin.setRange(0.0, 30.0)
        self.hold_spin.setSingleStep(0.5)
        self.hold_spin.setSuffix(" s")
        self.hold_spin.setValue(settings.hold_seconds)
        form.addRow(tr("Hold on snapshots"), self.hold_spin)
        size = QHBoxLayout()
        self.width_spin = QSpinBox(self)
        self.width_spin.setRange(160, 3840)
        self.width_spin.setValue(settings.width)
        self.height_spin = QSpinBox(self)
        self.height_spin.setRange(90, 2160)
        self.height_spin.setValue(settings.height)
        size.addWidget(self.width_spin)
        size.addWidget(QLabel("×", self))
        size.addWidget(self.height_spin)
        size.addWidget(QLabel("px", self))
        form.addRow(tr("Frame size"), size)
        self.format_combo = QComboBox(self)
        self.format_combo.addItem(tr("GIF animation"), "gif")
        self.format_combo.addItem(tr("MP4 video (H.264)"), "mp4")
        self.format_combo.setCurrentIndex(max(0, self.format_combo.findData(settings.format)))
        form.addRow(tr("Format"), self.format_combo)
        self.layout_check = QCheckBox(tr("Whole Lagebild layout on every frame (slower)"), self)
        self.layout_check.setEnabled(layout_frames_available())
        self.layout_check.setChecked(settings.use_layout and layout_frames_available())
        form.addRow("", self.layout_check)
        layout.addLayout(form)
        buttons = QHBoxLayout()
        self.export_button = QPushButton(tr("Export animation…"), self)
        self.export_button.setObjectName("exportAnimationButton")
        self.export_button.clicked.connect(self.ask_and_export)
        self.cancel_button = QPushButton(tr("Cancel"), self)
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.cancel_button)
        layout.addLayout(buttons)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        layout.addWidget(self.progress)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        controller.seriesChanged.connect(self.reset_span)
        self.reset_span()

    # The span --------------------------------------------------------------------

    def _zone(self) -> ZoneInfo:
        series = self.controller.series
        return ZoneInfo(series.timezone if series else "UTC")

    def reset_span(self) -> None:
        """From and to: the series' first and last snapshot, in the series' time zone."""
        span = self.controller.span()
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
            start=self._instant(self.from_edit), end=self._instant(self.to_edit),
            fps=float(self.fps_spin.value()), step=dt.timedelta(hours=int(self.step_combo.currentData())),
            hold_seconds=self.hold_spin.value(), width=self.width_spin.value(),
            height=self.height_spin.value(), format=str(self.format_combo.currentData()),
            language=current_language(), timing=PluginSettings.load().morph_timing,
            use_layout=self.layout_check.isChecked() and self.layout_check.isEnabled(),
        )

    def remember(self, folder: str | None = None) -> None:
        settings = AnimationSettings.load()
        settings.fps = self.fps_spin.value()
        settings.step_hours = int(self.step_combo.currentData())
        settings.hold_seconds = self.hold_spin.value()
        settings.width, settings.height = self.width_spin.value(), self.height_spin.value()
        settings.format = str(self.format_combo.currentData())
        settings.use_layout = self.layout_check.isChecked()
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
            self, tr("Export animation"), str(Path(folder) / self.default_file_name()),
            tr("GIF animation (*.gif)") if gif else tr("MP4 video (*.mp4)"))
        if path:
            self.export_to(path)

    def running(self) -> bool:
        return self.task is not None or self.foreground is not None

    def export_to(self, path: str | Path) -> bool:
        """Start the export to `path`; False when it cannot start (the status says why)."""
        loaded = self.controller.current
        if loaded is None or self.running():
            return False
        path = Path(path)
        options = self.options()
        if path.suffix.lower() != f".{options.format}":
            path = path.with_name(f"{path.name}.{options.format}")
        self.remember(str(path.parent))
        try:
            if options.use_layout:
                self.foreground = ForegroundExport(AnimationJob(loaded.store, path, options), self)
                self.foreground.progressChanged.connect(self._show_progress)
                self.foreground.done.connect(self._foreground_done)
            else:
                self.task = AnimationTask(loaded.store, path, options, self._task_done)
                self.task.progressChanged.connect(self._show_progress)
        except KurskTrackerError as error:
            self.status.setText(str(error))
            return False
        self.progress.setValue(0)
        self.status.setText(tr("Exporting {name}…").format(name=path.name))
        self.export_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        if self.foreground is not None:
            self.foreground.start()
        else:
            QgsApplication.taskManager().addTask(self.task)
        return True

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
        if self.foreground is not None:
            self.foreground.cancel()
        self.status.setText(tr("Cancelling…"))

    def shutdown(self) -> None:
        """The plugin unloads: stop a running export and wait for its thread; no file is left."""
        task, self.task = self.task, None
        if task is not None:
            try:
                task.cancel()
                task.waitForFinished(60000)
            except RuntimeError:  # already finished and deleted by the task manager
                pass
        if self.foreground is not None:
            self.foreground.cancel()

    def _show_progress(self, value: float) -> None:
        self.progress.setValue(round(value))

    def _task_done(self, task: AnimationTask) -> None:
        self.task = None
        self._report(task.result, task.failure)

    def _foreground_done(self) -> None:
        runner, self.foreground = self.foreground, None
        self._report(runner.result, runner.failure)
        runner.deleteLater()

    def _report(self, result: AnimationResult | None, failure: str | None) -> None:
        self.cancel_button.setEnabled(False)
        self.export_button.setEnabled(self.controller.span() is not None)
        self.last_result = result
        if result is not None:
            self.progress.setValue(100)
            self.status.setText(tr("Written: {path} ({frames} frames, {seconds} s)").format(
                path=result.path, frames=result.frames, seconds=f"{result.seconds:.1f}"))
        elif failure:
            self.progress.setValue(0)
            self.status.setText(failure)
        else:
            self.progress.setValue(0)
            self.status.setText(tr("Export cancelled; no file was written."))
        self.finished.emit(result is not None)
