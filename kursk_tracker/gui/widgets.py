"""Small widget helpers the panels and dialogs share: date-and-time editors and OK/Cancel rows."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from qgis.PyQt.QtCore import QDate, QDateTime, QTime
from qgis.PyQt.QtWidgets import QDateTimeEdit, QDialog, QDialogButtonBox, QWidget


def instant_edit(parent: QWidget | None = None) -> QDateTimeEdit:
    """A date-and-time editor to the minute, with a calendar."""
    edit = QDateTimeEdit(parent)
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
