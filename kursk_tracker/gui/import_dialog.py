"""The import dialog: which files, which format, area of interest, side mapping."""

from __future__ import annotations

from pathlib import Path

from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsProject
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..importers.base import ImportOptions
from ..importers.registry import FORMATS, format_names
from ..store.backend import SeriesStore
from ..toolbelt.i18n import tr
from ..toolbelt.settings import ImportSettings
from .series_target import SeriesTarget
from .widgets import ok_cancel

SIDE_MAPPING = "side_mapping"
KIND_MAPPING = "kind_mapping"
"""The ImportSettings the dialog's two tables are remembered in."""
KINDS = ("areas", "front_lines", "movements", "annotations", "places", "skip")


def saved_mapping(key: str) -> dict[str, str]:
    return dict(getattr(ImportSettings.load(), key))


def save_mapping(key: str, mapping: dict[str, str]) -> None:
    ImportSettings.update(**{key: mapping})


class MappingTable(QTableWidget):
    """Two columns, source value and what it maps to, remembered between imports."""

    def __init__(self, key: str, headers: list[str], parent: QWidget) -> None:
        super().__init__(0, 2, parent)
        self.key = key
        self.setHorizontalHeaderLabels(headers)
        self.horizontalHeader().setStretchLastSection(True)
        for value, target in sorted(saved_mapping(key).items()):
            self.add_row(value, target)

    def add_row(self, value: str = "", target: str = "") -> None:
        row = self.rowCount()
        self.insertRow(row)
        self.setItem(row, 0, QTableWidgetItem(value))
        self.setItem(row, 1, QTableWidgetItem(target))

    def mapping(self) -> dict[str, str]:
        mapping = {}
        for row in range(self.rowCount()):
            value, target = self.item(row, 0), self.item(row, 1)
            if value and target and value.text().strip() and target.text().strip():
                mapping[value.text().strip().lower()] = target.text().strip()
        return mapping

    def save(self) -> dict[str, str]:
        mapping = self.mapping()
        save_mapping(self.key, mapping)
        return mapping


class ImportDialog(QDialog):
    """What to import and where to: the open series, or a new series GeoPackage the user names."""

    def __init__(
        self,
        format_name: str,
        sides: list[str],
        canvas=None,
        parent: QWidget | None = None,
        last_folder: str = "",
        current: tuple[str, SeriesStore] | None = None,
    ) -> None:
        """`current`: the open series' name and store; without one the import makes a new series."""
        super().__init__(parent)
        self.setWindowTitle(tr("Import"))
        self.setObjectName("KurskTrackerImportDialog")
        self.canvas = canvas
        self.last_folder = last_folder
        self.current = current
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.series_target = SeriesTarget(current, last_folder, self, "import")
        form.addRow(tr("Into"), self.series_target)
        self.format_combo = QComboBox(self)
        names = format_names()
        for key in FORMATS:
            self.format_combo.addItem(names[key], key)
        self.format_combo.setCurrentIndex(max(0, FORMATS.index(format_name)))
        form.addRow(tr("Format"), self.format_combo)
        row = QHBoxLayout()
        self.paths_edit = QLineEdit(self)
        self.paths_edit.setPlaceholderText(tr("Files or a folder; several separated by ;"))
        files_button = QPushButton(tr("Files…"), self)
        files_button.clicked.connect(self._choose_files)
        folder_button = QPushButton(tr("Folder…"), self)
        folder_button.clicked.connect(self._choose_folder)
        row.addWidget(self.paths_edit, 1)
        row.addWidget(files_button)
        row.addWidget(folder_button)
        form.addRow(tr("Input"), row)
        self.clip_check = QCheckBox(tr("Clip to the map's current extent"), self)
        self.clip_check.setChecked(format_name == "deepstate")
        self.clip_check.setEnabled(canvas is not None)
        form.addRow(tr("Area of interest"), self.clip_check)
        layout.addLayout(form)
        layout.addWidget(
            QLabel(
                tr(
                    "Side of each source value (a colour such as #01579b, a folder or field "
                    "value); remembered for the next import:"
                ),
                self,
            )
        )
        self.mapping_table = MappingTable(SIDE_MAPPING, [tr("Source value"), tr("Side code")], self)
        layout.addWidget(self.mapping_table)
        add_row = QPushButton(tr("Add a mapping"), self)
        add_row.clicked.connect(lambda: self.mapping_table.add_row("", sides[0] if sides else ""))
        layout.addWidget(add_row)
        layout.addWidget(
            QLabel(
                tr("Kind of each folder or layer name (one of {kinds}):").format(kinds=", ".join(KINDS)), self
            )
        )
        self.kind_table = MappingTable(KIND_MAPPING, [tr("Folder or layer"), tr("Kind")], self)
        layout.addWidget(self.kind_table)
        add_kind = QPushButton(tr("Add a kind mapping"), self)
        add_kind.clicked.connect(lambda: self.kind_table.add_row("", "areas"))
        layout.addWidget(add_kind)
        layout.addWidget(ok_cancel(self))
        self.resize(680, 600)

    # Where the snapshots go -------------------------------------------------------

    def target(self) -> Path | str | None:
        """The series to import into: the new GeoPackage chosen, else the open series' location."""
        return self.series_target.target()

    def target_is_new(self) -> bool:
        return self.series_target.is_new()

    def set_new_series(self, path: str | Path) -> None:
        self.series_target.set_new_series(path)

    def use_open_series(self) -> None:
        self.series_target.use_open_series()

    def accept(self) -> None:
        """Without a series to import into, ask for the new one's GeoPackage first."""
        if self.target() is None and not self.series_target.choose_new_series():
            return
        super().accept()

    def _choose_files(self) -> None:
        files, _filter = QFileDialog.getOpenFileNames(
            self,
            tr("Files to import"),
            self.last_folder,
            tr("Situation files (*.geojson *.json *.kml *.kmz *.gpkg *.shp);;All files (*)"),
        )
        if files:
            self.paths_edit.setText(";".join(files))

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("Folder to import"), self.last_folder)
        if folder:
            self.paths_edit.setText(folder)

    def paths(self) -> list[Path]:
        return [Path(p.strip()) for p in self.paths_edit.text().split(";") if p.strip()]

    def format_name(self) -> str:
        return str(self.format_combo.currentData())

    def options(self, timezone: str) -> ImportOptions:
        """The import options; the mappings are remembered for the next import."""
        kinds = {value: kind for value, kind in self.kind_table.save().items() if kind in KINDS}
        return ImportOptions(
            area_of_interest=self._area(),
            timezone=timezone,
            side_mapping=self.mapping_table.save(),
            kind_mapping=kinds,
        )

    def _area(self):
        if not self.clip_check.isChecked() or self.canvas is None:
            return None
        transform = QgsCoordinateTransform(
            self.canvas.mapSettings().destinationCrs(),
            QgsCoordinateReferenceSystem("EPSG:4326"),
            QgsProject.instance(),
        )
        extent = transform.transformBoundingBox(self.canvas.extent())
        return (extent.xMinimum(), extent.yMinimum(), extent.xMaximum(), extent.yMaximum())
