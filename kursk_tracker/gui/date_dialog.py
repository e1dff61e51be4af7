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
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ..toolbelt.i18n import tr


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
            editor = QDateTimeEdit(now, self)
            editor.setDisplayFormat("yyyy-MM-dd HH:mm")
            editor.setCalendarPopup(True)
            editor.dateTimeChanged.connect(lambda _value, c=check: c.setChecked(True))
            grid.addWidget(check, row, 0)
            grid.addWidget(editor, row, 1)
            self.rows.append((path, check, editor))
        layout.addLayout(grid)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, parent=self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def set_date(self, path: Path, instant: dt.datetime) -> None:
        local = instant.astimezone(self.zone)
        for candidate, check, editor in self.rows:
            if candidate == path:
                editor.setDateTime(QDateTime(local.year, local.month, local.day, local.hour, local.minute))
                check.setChecked(True)

    def dates(self) -> dict[Path, dt.datetime]:
        chosen = {}
        for path, check, editor in self.rows:
            if check.isChecked():
                value = editor.dateTime()
                chosen[path] = dt.datetime(value.date().year(), value.date().month(), value.date().day(),
                                           value.time().hour(), value.time().minute(), tzinfo=self.zone)
        return chosen
