"""Where new snapshots go: the open series, or a new series GeoPackage the user names.

One row for every dialog that adds snapshots (Import, From DeepStateMap): the
target in words with its location, *New series…*, and *Into the open series*
once a new one was chosen.
"""

from __future__ import annotations

import html
from pathlib import Path

from qgis.PyQt.QtCore import Qt, pyqtSignal
from qgis.PyQt.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QWidget

from ..store.backend import SeriesStore, open_store
from ..toolbelt.i18n import tr


class SeriesTarget(QWidget):
    changed = pyqtSignal()
    """The target changed (a new series chosen, or back to the open one)."""

    def __init__(
        self,
        current: tuple[str, SeriesStore] | None,
        last_folder: str = "",
        parent: QWidget | None = None,
        object_prefix: str = "import",
    ) -> None:
        """`current`: the open series' name and store; without one the target is a new series."""
        super().__init__(parent)
        self.current = current
        self.last_folder = last_folder
        self.new_path: Path | None = None
        """The new series' GeoPackage the user chose; None: the open series."""
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(self)
        self.label.setObjectName(f"{object_prefix}Target")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.new_button = QPushButton(tr("New series…"), self)
        self.new_button.setObjectName("newSeriesButton")
        self.new_button.setToolTip(tr("Into a new series GeoPackage; it opens when the snapshots are in"))
        self.new_button.clicked.connect(self.choose_new_series)
        self.open_button = QPushButton(tr("Into the open series"), self)
        self.open_button.setObjectName("openTargetButton")
        self.open_button.setToolTip(tr("Into the series that is open, as it is"))
        self.open_button.clicked.connect(self.use_open_series)
        row.addWidget(self.label, 1)
        row.addWidget(self.new_button)
        row.addWidget(self.open_button)
        self._show()

    def target(self) -> Path | str | None:
        """The new GeoPackage chosen, else the open series' location (None: neither yet)."""
        if self.new_path is not None:
            return self.new_path
        return self.current[1].location if self.current is not None else None

    def is_new(self) -> bool:
        return self.new_path is not None

    def set_new_series(self, path: str | Path) -> None:
        """A new series at `path` (".gpkg" added where missing); the open series' own file chosen
        here means the open series."""
        path = Path(path)
        if path.suffix.lower() != ".gpkg":
            path = path.with_name(path.name + ".gpkg")
        if self.current is not None and open_store(path).same_as(self.current[1]):
            self.new_path = None
        else:
            self.new_path = path
        self._show()

    def use_open_series(self) -> None:
        self.new_path = None
        self._show()

    def choose_new_series(self) -> bool:
        """Ask for the new series' GeoPackage; False when the user cancelled."""
        path, _filter = QFileDialog.getSaveFileName(
            self,
            tr("New series"),
            self.last_folder,
            tr("Series GeoPackage (*.gpkg)"),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if not path:
            return False
        self.set_new_series(path)
        return True

    def _show(self) -> None:
        current = self.current
        self.open_button.setVisible(current is not None and self.new_path is not None)
        if self.new_path is not None:
            store = open_store(self.new_path)
            if self.new_path.exists():
                note = tr("The file exists: the snapshots are added to the series in it, which then opens.")
            else:
                note = tr("It is created by the import and opens when the import is done.")
            if current is not None:
                note += " " + tr("{name} is then closed, unchanged.").format(name=html.escape(current[0]))
            text = tr("New series <b>{name}</b>").format(name=html.escape(store.default_name()))
            self.label.setText(
                f"{text}<br/><small>{html.escape(store.describe())}</small><br/><small>{note}</small>"
            )
            self.label.setToolTip(str(self.new_path))
        elif current is not None:
            name, store = current
            text = tr("The open series <b>{name}</b>").format(name=html.escape(name))
            self.label.setText(f"{text}<br/><small>{html.escape(store.describe())}</small>")
            self.label.setToolTip(str(store.location))
        else:
            self.label.setText(tr("A new series: choose its GeoPackage with <i>New series…</i>"))
            self.label.setToolTip("")
        self.changed.emit()
