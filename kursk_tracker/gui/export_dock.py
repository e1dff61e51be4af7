"""The Export panel: the map as it is shown, to an image file."""

from __future__ import annotations

from pathlib import Path

from qgis.gui import QgsDockWidget, QgsMapCanvas
from qgis.PyQt.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import KurskTrackerError
from ..core.timefmt import iso_utc
from ..export.render import render_png
from ..toolbelt.i18n import tr
from ..toolbelt.settings import PluginSettings
from .controller import SeriesController

OBJECT_NAME = "KurskTrackerExportDock"


class ExportDock(QgsDockWidget):
    def __init__(self, controller: SeriesController, canvas: QgsMapCanvas,
                 parent: QWidget | None = None) -> None:
        super().__init__(tr("Export"), parent)
        self.setObjectName(OBJECT_NAME)
        self.controller = controller
        self.canvas = canvas
        settings = PluginSettings.load()
        body = QWidget(self)
        layout = QVBoxLayout(body)
        form = QFormLayout()
        self.width_spin = QSpinBox(body)
        self.width_spin.setRange(200, 10000)
        self.width_spin.setSuffix(" px")
        self.width_spin.setValue(settings.export_width)
        form.addRow(tr("Width"), self.width_spin)
        self.dpi_spin = QSpinBox(body)
        self.dpi_spin.setRange(50, 1200)
        self.dpi_spin.setSuffix(" dpi")
        self.dpi_spin.setValue(settings.export_dpi)
        form.addRow(tr("Resolution"), self.dpi_spin)
        layout.addLayout(form)
        self.export_button = QPushButton(tr("Export map as PNG…"), body)
        self.export_button.setObjectName("exportPngButton")
        self.export_button.clicked.connect(self.ask_and_export)
        layout.addWidget(self.export_button)
        self.status = QLabel(body)
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        layout.addStretch(1)
        self.setWidget(body)

    def default_file_name(self) -> str:
        snapshot = self.controller.current_snapshot()
        stamp = iso_utc(snapshot.valid_at)[:10] if snapshot else "map"
        return f"lagebild_{stamp}.png"

    def ask_and_export(self) -> None:
        settings = PluginSettings.load()
        start = Path(settings.export_folder or Path.home()) / self.default_file_name()
        path, _filter = QFileDialog.getSaveFileName(
            self, tr("Export map as PNG"), str(start), tr("PNG images (*.png)")
        )
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> Path | None:
        """Render what the canvas shows to `path` at the chosen width and DPI."""
        settings = PluginSettings.load()
        settings.export_width = self.width_spin.value()
        settings.export_dpi = self.dpi_spin.value()
        settings.export_folder = str(Path(path).parent)
        settings.save()
        try:
            written = render_png(
                self.canvas.layers(), self.canvas.extent(), path,
                width=self.width_spin.value(),
                crs=self.canvas.mapSettings().destinationCrs().authid(),
                dpi=float(self.dpi_spin.value()),
            )
        except KurskTrackerError as error:
            self.status.setText(str(error))
            return None
        self.status.setText(tr("Written: {path}").format(path=written))
        return written
