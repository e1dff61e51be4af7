"""The Export panel's web page section: the open series as an interactive page, in the background.

Thin: the page is export/web_page.py's business, the same code the
Processing algorithm `kursk_tracker:exportweb` runs. Here: where to write,
one file or a folder, an optional basemap, progress and Cancel, and a link
to open the page when it is written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from qgis.PyQt.QtCore import QUrl, pyqtSignal
from qgis.PyQt.QtGui import QDesktopServices
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import KurskTrackerError
from ..export.web_data import WebOptions
from ..export.web_page import WebPageResult, check_assets, export_web_page, target_of
from ..layers.session import SeriesSession
from ..toolbelt.i18n import tr
from ..toolbelt.jobs import BackgroundTask, Outcome
from ..toolbelt.report import Level, report
from ..toolbelt.settings import WebPageSettings
from .animation_panel import StatusLabel, fit_narrow, narrow_form


class WebPageTask(BackgroundTask):
    """Reads the series, precomputes the page and writes it, in a worker thread."""

    def __init__(self, location: Any, output: Path, options: WebOptions, single_file: bool, on_done) -> None:
        super().__init__(tr("Exporting the web page…"), on_done)
        self.location = location
        self.output = output
        self.options = options
        self.single_file = single_file

    def work(self) -> WebPageResult | None:
        from ..export.web_page import WebPageCancelledError

        try:
            return export_web_page(
                self.location, self.output, self.options, self.single_file, self.setProgress, self.isCanceled
            )
        except WebPageCancelledError:
            return None

    def succeeded(self, result: Any) -> bool:
        return result is not None and not self.isCanceled()


class WebPagePanel(QWidget):
    pageWritten = pyqtSignal(str)  # noqa: N815 (Qt naming)
    """A page was written completely: the path of its index.html (or its single file)."""
    finished = pyqtSignal()
    """An export ended, however (written, cancelled or failed)."""

    def __init__(
        self, session: SeriesSession, parent: QWidget | None = None, language: QComboBox | None = None
    ):
        super().__init__(parent)
        self.setObjectName("webPagePanel")
        self.session = session
        self.language = language
        self.task: WebPageTask | None = None
        self.last_page: Path | None = None
        settings = WebPageSettings.load()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        form = narrow_form()
        self.single_file_check = QCheckBox(tr("One HTML file"), self)
        self.single_file_check.setObjectName("webSingleFile")
        self.single_file_check.setChecked(settings.single_file)
        self.single_file_check.setToolTip(
            tr(
                "Everything in one self-contained .html file, rather than index.html "
                "with its files in a folder"
            )
        )
        form.addRow(tr("Form"), self.single_file_check)
        self.basemap_edit = fit_narrow(QLineEdit(self))
        self.basemap_edit.setObjectName("webBasemap")
        self.basemap_edit.setText(settings.basemap_url)
        self.basemap_edit.setPlaceholderText(tr("none (works offline)"))
        self.basemap_edit.setToolTip(
            tr(
                "Optional XYZ tile URL such as https://tile.example.org/{z}/{x}/{y}.png. Without one "
                "the page loads nothing from anywhere: it works offline and tells no server who reads it."
            )
        )
        form.addRow(tr("Basemap"), self.basemap_edit)
        layout.addLayout(form)
        self.export_button = QPushButton(tr("Export web page…"), self)
        self.export_button.setObjectName("exportWebButton")
        self.export_button.setToolTip(
            tr(
                "The whole series as an interactive page: a time slider and the moving front, "
                "in the chosen language"
            )
        )
        self.export_button.setMinimumWidth(0)
        self.export_button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.export_button.clicked.connect(self.ask_and_export)
        layout.addWidget(self.export_button)
        row = QHBoxLayout()
        self.progress = QProgressBar(self)
        self.progress.setObjectName("webProgress")
        self.progress.setRange(0, 100)
        self.progress.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.cancel_button = QPushButton(tr("Cancel"), self)
        self.cancel_button.setObjectName("webCancelButton")
        self.cancel_button.setMinimumWidth(0)
        self.cancel_button.clicked.connect(self.cancel)
        row.addWidget(self.progress, 1)
        row.addWidget(self.cancel_button)
        layout.addLayout(row)
        self.progress.hide()
        self.cancel_button.hide()
        self.status = StatusLabel(self)
        self.status.setObjectName("webStatus")
        layout.addWidget(self.status)
        self.open_button = QPushButton(tr("Open in browser"), self)
        self.open_button.setObjectName("webOpenButton")
        self.open_button.setMinimumWidth(0)
        self.open_button.clicked.connect(self.open_page)
        self.open_button.hide()
        layout.addWidget(self.open_button)
        session.seriesChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        self.export_button.setEnabled(self.session.scene is not None and self.task is None)

    def _language(self) -> str:
        data = self.language.currentData() if self.language is not None else None
        return str(data or "en")

    def ask_and_export(self) -> None:
        settings = WebPageSettings.load()
        start = Path(settings.folder or str(Path.home()))
        name = self._default_name()
        if self.single_file_check.isChecked():
            path, _filter = QFileDialog.getSaveFileName(
                self, tr("Export web page"), str(start / f"{name}.html"), tr("Web page (*.html)")
            )
        else:
            path = QFileDialog.getExistingDirectory(
                self, tr("Folder for the web page (index.html)"), str(start)
            )
        if path:
            self.export_to(path)

    def _default_name(self) -> str:
        scene = self.session.scene
        name = scene.series.name(self._language()) if scene is not None else "series"
        safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in name).strip("_")
        return safe or "series"

    def export_to(self, path: str) -> bool:
        """Start writing the page at `path` (a folder, or an .html file in single-file form); False
        when it cannot start (the status says why)."""
        scene, store = self.session.scene, self.session.store
        if scene is None or store is None:
            self.status.show_message(tr("Open a series first."))
            return False
        if self.task is not None:
            return False
        try:
            check_assets()
        except KurskTrackerError as error:
            self.status.show_message(str(error))
            return False
        single = self.single_file_check.isChecked()
        output = Path(path)
        if single and output.suffix.lower() not in (".html", ".htm"):
            output = output.with_name(output.name + ".html")
        basemap = self.basemap_edit.text().strip()
        WebPageSettings.update(
            single_file=single,
            basemap_url=basemap,
            folder=str(output.parent if single else output),
        )
        options = WebOptions(language=self._language(), timing=self.session.timing, basemap_url=basemap)
        self.task = WebPageTask(store, output, options, single, self._done)
        self.task.progressChanged.connect(lambda value: self.progress.setValue(round(value)))
        self.progress.setValue(0)
        self.progress.show()
        self.cancel_button.setEnabled(True)
        self.cancel_button.show()
        self.open_button.hide()
        self.status.show_message(tr("Writing the web page to {path}…"), target_of(output, single))
        self._update()
        self.task.start()
        return True

    def cancel(self) -> None:
        if self.task is not None:
            # Said first: a task cancelled before it started ends inside cancel().
            self.status.show_message(tr("Cancelling…"))
            self.cancel_button.setEnabled(False)
            self.task.cancel()

    def shutdown(self) -> None:
        if self.task is not None:
            self.task.stop()
            self.task = None

    def _done(self, outcome: Outcome) -> None:
        self.task = None
        self.progress.hide()
        self.cancel_button.hide()
        self._update()
        if outcome.failure:
            self.status.show_message(outcome.failure)
            report(outcome.failure, Level.Critical)
        elif outcome.cancelled or outcome.result is None:
            self.status.show_message(tr("Cancelled: nothing was written."))
        else:
            result: WebPageResult = outcome.result
            self.last_page = result.path
            text = tr("Web page written ({size} kB, {snapshots} snapshots): {path}")
            text = text.format(size=round(result.bytes / 1024), snapshots=result.snapshots, path="{path}")
            self.status.show_message(text, result.path)
            report(text.replace("{path}", str(result.path)), Level.Success)
            self.open_button.show()
            self.pageWritten.emit(str(result.path))
        self.finished.emit()

    def open_page(self) -> None:
        if self.last_page is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_page)))
