"""The Export panel: the Lagebild of the instant on the timeline, or of every snapshot, as PNG, PDF or SVG.

Thin: building and exporting the layout is export/lagebild.py's business,
the same code the Processing algorithm runs. The batch runs one snapshot per
timer step on the main thread (toolbelt/jobs.py), where QGIS draws layouts.
"""

from __future__ import annotations

from pathlib import Path

from qgis.core import QgsPrintLayout, QgsReferencedRectangle
from qgis.gui import QgsDockWidget, QgsMapCanvas
from qgis.PyQt.QtCore import Qt, pyqtSignal
from qgis.PyQt.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import KurskTrackerError
from ..core.timefmt import language_of
from ..export.lagebild import FORMATS, TEMPLATES, add_to_project, build_layout, export_lagebild
from ..export.lagebild import file_name as lagebild_file_name
from ..export.lagebild_batch import LagebildBatch
from ..layers.session import SeriesSession
from ..toolbelt.i18n import current_language, tr
from ..toolbelt.jobs import Outcome, SteppedRun
from ..toolbelt.report import Level, report
from ..toolbelt.settings import ExportSettings
from .animation_panel import AnimationPanel, StatusLabel, fit_narrow, language_combo, narrow_form, ui_locale
from .web_page_panel import WebPagePanel
from .widgets import guard_wheel

OBJECT_NAME = "KurskTrackerExportDock"
OTHER_TEMPLATE = "other"


class ExportDock(QgsDockWidget):
    batchFinished = pyqtSignal(list)  # noqa: N815 (Qt naming)
    """The batch ended (done, cancelled or failed): the files it wrote, each complete."""

    def __init__(self, session: SeriesSession, canvas: QgsMapCanvas, parent: QWidget | None = None) -> None:
        super().__init__(tr("Export"), parent)
        self.setObjectName(OBJECT_NAME)
        self.session = session
        self.canvas = canvas
        self.batch: SteppedRun | None = None
        settings = ExportSettings.load()
        body = QWidget(self)
        body.setObjectName("exportDockBody")
        layout = QVBoxLayout(body)
        form = narrow_form()

        self.template_combo = fit_narrow(QComboBox(body))
        self.template_combo.setObjectName("templateCombo")
        self.template_combo.addItem(tr("Web figure (1600 × 1000 px)"), "web")
        self.template_combo.addItem(tr("A4 page"), "a4")
        if settings.template_file and Path(settings.template_file).exists():
            self.template_combo.addItem(Path(settings.template_file).name, settings.template_file)
        self.template_combo.addItem(tr("Other template file…"), OTHER_TEMPLATE)
        self._select(self.template_combo, settings.template, "web")
        self._last_template = self.template_combo.currentData()
        self.template_combo.activated.connect(self._template_chosen)
        form.addRow(tr("Template"), self.template_combo)

        self.format_combo = fit_narrow(QComboBox(body))
        self.format_combo.setObjectName("formatCombo")
        for fmt in FORMATS:
            self.format_combo.addItem(fmt.upper(), fmt)
        self._select(self.format_combo, settings.format, "png")
        form.addRow(tr("Format"), self.format_combo)

        self.width_spin = fit_narrow(QSpinBox(body))
        self.width_spin.setRange(200, 10000)
        self.width_spin.setSuffix(" px")
        self.width_spin.setValue(settings.width_px)
        self.width_spin.setToolTip(tr("Width of PNG images; PDF and SVG keep the template's page size"))
        form.addRow(tr("Width"), self.width_spin)
        self.dpi_spin = fit_narrow(QSpinBox(body))
        self.dpi_spin.setRange(50, 1200)
        self.dpi_spin.setSuffix(" dpi")
        self.dpi_spin.setValue(settings.dpi)
        form.addRow(tr("Resolution"), self.dpi_spin)

        for spin in (self.width_spin, self.dpi_spin):
            spin.setLocale(ui_locale())
        # The language is the export's, not a setting: it starts at QGIS's language every session
        # and with every series opened, and is never stored (one English export leaves a German
        # QGIS German). It applies to the Lagebild and the animation alike.
        self.language_combo = fit_narrow(language_combo(body))
        form.addRow(tr("Language"), self.language_combo)
        layout.addLayout(form)

        self.export_button = QPushButton(tr("Export Lagebild…"), body)
        self.export_button.setObjectName("exportLagebildButton")
        self.export_button.setToolTip(tr("The instant shown on the timeline, framed as the map canvas"))
        self.export_button.clicked.connect(self.ask_and_export)
        layout.addWidget(self.export_button)
        self.batch_button = QPushButton(tr("Export all snapshots…"), body)
        self.batch_button.setObjectName("exportAllButton")
        self.batch_button.clicked.connect(self.ask_and_export_all)
        layout.addWidget(self.batch_button)
        self.designer_button = QPushButton(tr("Open in layout designer"), body)
        self.designer_button.setObjectName("openDesignerButton")
        self.designer_button.clicked.connect(self.open_in_designer)
        layout.addWidget(self.designer_button)
        for button in (self.export_button, self.batch_button, self.designer_button):
            button.setMinimumWidth(0)
            button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        batch_row = QHBoxLayout()
        self.batch_progress = QProgressBar(body)
        self.batch_progress.setObjectName("batchProgress")
        self.batch_progress.setRange(0, 100)
        self.batch_progress.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.batch_cancel_button = QPushButton(tr("Cancel"), body)
        self.batch_cancel_button.setObjectName("batchCancelButton")
        self.batch_cancel_button.setMinimumWidth(0)
        self.batch_cancel_button.clicked.connect(self.cancel_batch)
        batch_row.addWidget(self.batch_progress, 1)
        batch_row.addWidget(self.batch_cancel_button)
        layout.addLayout(batch_row)
        # Shown only while a batch runs: idle, "0%" reads as a stalled export.
        self.batch_progress.hide()
        self.batch_cancel_button.hide()
        self.status = StatusLabel(body)
        self.status.setObjectName("exportStatus")
        layout.addWidget(self.status)
        animation_title = tr("Animation")
        heading = QLabel(f"<b>{animation_title}</b>", body)
        layout.addWidget(heading)
        self.animation_panel = AnimationPanel(session, canvas, body, language=self.language_combo)
        layout.addWidget(self.animation_panel)
        # tr() outside the f-string: pylupdate5 does not find it inside one.
        web_title = tr("Web page")
        layout.addWidget(QLabel(f"<b>{web_title}</b>", body))
        self.web_panel = WebPagePanel(session, body, language=self.language_combo)
        layout.addWidget(self.web_panel)
        layout.addStretch(1)
        # Two sections in a narrow dock: it scrolls rather than squeezes, sideways too when
        # narrower than the fields' smallest sensible width.
        # Not `self.scroll`: that name is QWidget.scroll(dx, dy).
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setObjectName("exportDockScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.scroll_area.setWidget(body)
        self.setWidget(self.scroll_area)
        # Scrolling the dock with the wheel must not change the fields it passes over.
        self.wheel_guard = guard_wheel(body)
        session.seriesChanged.connect(self._update_buttons)
        session.seriesChanged.connect(self.reset_language)
        session.seriesChanged.connect(self._series_changed)
        session.layersLeaving.connect(self._layers_leaving)
        self._update_buttons()

    def reset_language(self) -> None:
        """Back to QGIS's language (a series opened, a new session): an export's choice is not kept."""
        self._select(self.language_combo, current_language(), "en")

    # Choices -------------------------------------------------------------------------------

    @staticmethod
    def _select(combo: QComboBox, value: str, fallback: str) -> None:
        index = combo.findData(value)
        combo.setCurrentIndex(index if index >= 0 else combo.findData(fallback))

    def _template_chosen(self, _index: int) -> None:
        if self.template_combo.currentData() != OTHER_TEMPLATE:
            self._last_template = self.template_combo.currentData()
            return
        start = ExportSettings.load().template_file or str(Path.home())
        path, _filter = QFileDialog.getOpenFileName(
            self, tr("Layout template"), start, tr("QGIS layout templates (*.qpt)")
        )
        if path:
            self.set_template(path)
        else:
            self._select(self.template_combo, self._last_template, "web")

    def set_template(self, template: str) -> None:
        """Choose a built-in template ("web", "a4") or a .qpt file."""
        if template not in TEMPLATES and self.template_combo.findData(template) < 0:
            self.template_combo.insertItem(self.template_combo.count() - 1, Path(template).name, template)
        self._select(self.template_combo, template, "web")
        self._last_template = template

    def template(self) -> str:
        data = self.template_combo.currentData()
        return self._last_template if data == OTHER_TEMPLATE else data

    def fmt(self) -> str:
        return self.format_combo.currentData()

    def language(self) -> str:
        return self.language_combo.currentData()

    def _remember(self, folder: Path | None = None) -> ExportSettings:
        settings = ExportSettings.load()
        settings.template = self.template()
        if settings.template not in TEMPLATES:
            settings.template_file = settings.template
        settings.format = self.fmt()
        settings.width_px = self.width_spin.value()
        settings.dpi = self.dpi_spin.value()
        if folder is not None:
            settings.folder = str(folder)
        settings.save()
        return settings

    def _update_buttons(self) -> None:
        ready = self.session.scene is not None and bool(self.session.snapshots()) and self.batch is None
        for button in (self.export_button, self.batch_button, self.designer_button):
            button.setEnabled(ready)

    def canvas_extent(self) -> QgsReferencedRectangle | None:
        if self.canvas is None or self.canvas.extent().isEmpty():
            return None
        return QgsReferencedRectangle(self.canvas.extent(), self.canvas.mapSettings().destinationCrs())

    # Actions -------------------------------------------------------------------------------

    def shutdown(self) -> None:
        self.animation_panel.shutdown()
        self.web_panel.shutdown()
        batch, self.batch = self.batch, None
        if batch is not None:
            batch.stop()

    def default_file_name(self) -> str:
        scene = self.session.scene
        if scene is None or scene.instant is None:
            return f"lagebild.{self.fmt()}"
        return lagebild_file_name(scene.series, scene.instant, self.fmt())

    def ask_and_export(self) -> None:
        folder = ExportSettings.load().folder or str(Path.home())
        filters = {
            "png": tr("PNG images (*.png)"),
            "pdf": tr("PDF documents (*.pdf)"),
            "svg": tr("SVG drawings (*.svg)"),
        }
        path, _filter = QFileDialog.getSaveFileName(
            self, tr("Export Lagebild"), str(Path(folder) / self.default_file_name()), filters[self.fmt()]
        )
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> Path | None:
        """The Lagebild of the shown instant to `path` (format from its suffix, else the chosen one)."""
        scene = self.session.scene
        if scene is None:
            self.status.show_message(tr("Open a series first."))
            return None
        target = Path(path)
        fmt = target.suffix.lstrip(".").lower()
        if fmt not in FORMATS:
            fmt = self.fmt()
            target = target.with_name(f"{target.name}.{fmt}")
        self._remember(target.parent)
        try:
            written = export_lagebild(
                scene,
                scene.instant,
                target,
                fmt,
                self.template(),
                self.language(),
                self.width_spin.value(),
                float(self.dpi_spin.value()),
                self.canvas_extent(),
            )
        except KurskTrackerError as error:
            self.status.show_message(str(error))
            report(str(error), Level.Critical)
            return None
        self.status.show_message(tr("Written: {path}"), written)
        report(tr("Lagebild written: {path}").format(path=written), Level.Success)
        return written

    def ask_and_export_all(self) -> None:
        start = ExportSettings.load().folder or str(Path.home())
        folder = QFileDialog.getExistingDirectory(
            self, tr("Folder for the Lagebild of every snapshot"), start
        )
        if folder:
            self.export_all_to(folder)

    def export_all_to(self, folder: str) -> bool:
        """Start writing a Lagebild of every snapshot into `folder`, one per step, with progress and Cancel
        here and in QGIS's task manager; `batchFinished` tells the end. False: it cannot start (the status
        says why)."""
        scene = self.session.scene
        if scene is None:
            self.status.show_message(tr("Open a series first."))
            return False
        if self.batch is not None:
            return False
        self._remember(Path(folder))
        work = LagebildBatch(
            scene,
            folder,
            self.fmt(),
            self.template(),
            self.language(),
            self.width_spin.value(),
            float(self.dpi_spin.value()),
            self.canvas_extent(),
        )
        self.batch = SteppedRun(
            tr("Exporting the Lagebild of every snapshot…"),
            work,
            lambda outcome: self._batch_done(work, outcome),
            self,
        )
        self.batch.progressChanged.connect(lambda value: self.batch_progress.setValue(round(value)))
        self.batch_progress.setValue(0)
        self.batch_progress.show()
        self.batch_cancel_button.setEnabled(True)
        self.batch_cancel_button.show()
        self.status.show_message(tr("Exporting the Lagebild of every snapshot…"))
        self._update_buttons()
        self.batch.start()
        return True

    def cancel_batch(self) -> None:
        if self.batch is not None:
            self.batch.cancel()
            self.batch_cancel_button.setEnabled(False)
            self.status.show_message(tr("Cancelling…"))

    def _batch_work(self) -> LagebildBatch | None:
        """The running batch's work (the runner knows it only as SteppedWork)."""
        work = self.batch.work if self.batch is not None else None
        return work if isinstance(work, LagebildBatch) else None

    def _series_changed(self) -> None:
        """The series closed or reopened under a running batch: stop it, with nothing to show again."""
        work = self._batch_work()
        if work is not None and work.scene is not self.session.scene:
            work.shown = None
            self.cancel_batch()

    def _layers_leaving(self) -> None:
        """The series' layers are about to leave the project (the map may still finish a render
        meanwhile, in an event loop): a running batch takes no further step."""
        work = self._batch_work()
        if work is not None:
            work.shown = None
        self.cancel_batch()

    def _batch_done(self, work: LagebildBatch, outcome: Outcome) -> None:
        runner, self.batch = self.batch, None
        if runner is not None:
            runner.deleteLater()
        self.batch_progress.hide()
        self.batch_cancel_button.hide()
        self._update_buttons()
        # The batch stepped through the snapshots; the docks show the timeline's instant again.
        self.session.instantChanged.emit()
        written = list(outcome.result or [])
        folder = str(work.folder)
        if outcome.failure:
            self.status.show_message(outcome.failure)
            report(outcome.failure, Level.Critical)
        else:
            if outcome.cancelled:
                text, level = tr("Cancelled: {done} of {total} files written to {folder}"), Level.Warning
            else:
                text, level = tr("{done} of {total} files written to {folder}"), Level.Success
            # The folder goes in last, so braces in its name cannot break the format.
            text = text.format(done=len(written), total=work.total, folder="{path}")
            self.status.show_message(text, folder)
            report(text.replace("{path}", folder), level)
        self.batchFinished.emit(written)

    def open_in_designer(self) -> QgsPrintLayout | None:
        """The Lagebild as a layout in the project's layout manager, opened for hand edits."""
        scene = self.session.scene
        if scene is None:
            self.status.show_message(tr("Open a series first."))
            return None
        self._remember()
        try:
            layout = build_layout(
                scene, scene.instant, self.template(), language_of(self.language()), self.canvas_extent()
            )
        except KurskTrackerError as error:
            self.status.show_message(str(error))
            return None
        name = add_to_project(layout, scene, float(self.dpi_spin.value()))
        self.status.show_message(tr("Layout “{name}” added to the project").format(name=name))
        from qgis.utils import iface

        opener = getattr(iface, "openLayoutDesigner", None)
        if opener is not None:
            opener(layout)
        return layout
