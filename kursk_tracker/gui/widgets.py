"""Small widget helpers the panels and dialogs share: date-and-time editors and OK/Cancel rows."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from qgis.PyQt.QtCore import QDate, QDateTime, Qt, QTime, pyqtSignal
from qgis.PyQt.QtWidgets import QDateTimeEdit, QDialog, QDialogButtonBox, QWidget


class InstantEdit(QDateTimeEdit):
    """A date-and-time editor that says when Enter was pressed in it."""

    submitted = pyqtSignal()

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.interpretText()
            self.submitted.emit()
            event.accept()
            return
        super().keyPressEvent(event)


def instant_edit(parent: QWidget | None = None) -> InstantEdit:
    """A date-and-time editor to the minute, with a calendar; Enter emits `submitted`."""
    edit = InstantEdit(parent)
    edit.setDisplayFormat("yyyy-MM-dd HH:mm")
    edit.setCalendarPopup(True)
    return edit


def set_instant(edit: QDateTimeEdit, instant: dt.datetime, zone: ZoneInfo) -> None:
    """Show `instant` in `zone`'s local time."""
    local = instant.astimezone(zone)
    edit.setDateTime(QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute)))


def edited_instant(edit: QDateTimeEdit, zone: ZoneInfo) -> dt.datetime:
    """The instant the editor shows, read as local time in `zone`."""
    value = edit.dateTime()
    date, time = value.date(), value.time()
    return dt.datetime(date.year(), date.month(), date.day(), time.hour(), time.minute(), tzinfo=zone)


def ok_cancel(dialog: QDialog) -> QDialogButtonBox:
    """OK and Cancel, wired to the dialog's accept and reject."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, parent=dialog)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons
