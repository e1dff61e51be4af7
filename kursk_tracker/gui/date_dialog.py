"""Asking the user the date of files that carry none."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

from qgis.PyQt.QtCore import QDateTime
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QDateTimeEdit,
    QDialog,
    QGridLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ..toolbelt.i18n import tr
from .widgets import edited_instant, instant_edit, ok_cancel, set_instant


class DateDialog(QDialog):
    def __init__(self, paths: list[Path], timezone: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("KurskTrackerDateDialog")
        self.setWindowTitle(tr("Files without a date"))
        self.zone = ZoneInfo(timezone)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("No date was found in the name, fields or metadata of these files. "
                                   "Tick a file and give its date and time ({zone}) to import it:").format(
                                       zone=timezone), self))
        grid = QGridLayout()
        self.rows: list[tuple[Path, QCheckBox, QDateTimeEdit]] = []
        now = QDateTime.currentDateTime()
        for row, path in enumerate(paths):
            check = QCheckBox(path.name, self)
            check.setToolTip(str(path))
            editor = instant_edit(self)
            editor.setDateTime(now)
            editor.dateTimeChanged.connect(lambda _value, c=check: c.setChecked(True))
            grid.addWidget(check, row, 0)
            grid.addWidget(editor, row, 1)
            self.rows.append((path, check, editor))
        layout.addLayout(grid)
        layout.addWidget(ok_cancel(self))

    def set_date(self, path: Path, instant: dt.datetime) -> None:
        for candidate, check, editor in self.rows:
            if candidate == path:
                set_instant(editor, instant, self.zone)
                check.setChecked(True)

    def dates(self) -> dict[Path, dt.datetime]:
        chosen = {}
        for path, check, editor in self.rows:
            if check.isChecked():
                chosen[path] = edited_instant(editor, self.zone)
        return chosen
