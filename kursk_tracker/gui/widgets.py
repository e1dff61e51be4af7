"""Small widgets the panels and dialogs share: date-and-time editors, OK/Cancel rows, the snapshot slider."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from qgis.PyQt.QtCore import (
    QCoreApplication,
    QDate,
    QDateTime,
    QEvent,
    QObject,
    QPointF,
    Qt,
    QTime,
    QTimer,
    pyqtSignal,
)
from qgis.PyQt.QtGui import QColor, QPainter, QPen
from qgis.PyQt.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QSlider,
    QStyle,
    QStyleOptionSlider,
    QWidget,
)

from ..core.timefmt import zone_abbreviation

# Digits each section of the editors' display format holds when complete.
_SECTION_WIDTH = {QDateTimeEdit.Section.YearSection: 4}


class InstantEdit(QDateTimeEdit):
    """A date-and-time editor where typed digits take, and that says when Enter was pressed in it.

    QDateTimeEdit inserts a typed digit at the cursor: clicked into "2024",
    typing 2025 gives "22024…", which it refuses, so the year stays. Here a
    digit typed into a complete section with nothing selected replaces the
    section, as a click that selects the section would; a click into the
    field selects the section clicked. While the user types, `set_instant`
    leaves the field alone (a playing timeline would overwrite the typing).
    """

    submitted = pyqtSignal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.typing = False
        """The user has typed into the field since it last showed an instant or lost focus."""
        self.lineEdit().installEventFilter(self)

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.interpretText()
            self.typing = False
            self.submitted.emit()
            event.accept()
            return
        if event.text().isdigit() and self._section_complete():
            self.setSelectedSection(self.currentSection())
        if event.text() or event.key() in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete):
            self.typing = True
        super().keyPressEvent(event)

    def focusOutEvent(self, event) -> None:  # noqa: N802 (Qt)
        self.typing = False
        super().focusOutEvent(event)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt)
        # A click (not a drag that selects) into the line edit selects the section under the cursor,
        # once Qt has placed the cursor.
        if (
            watched is self.lineEdit()
            and event.type() == QEvent.Type.MouseButtonRelease
            and not self.lineEdit().hasSelectedText()
        ):
            QTimer.singleShot(0, self._select_section_at_cursor)
        return super().eventFilter(watched, event)

    def _select_section_at_cursor(self) -> None:
        try:
            if not self.lineEdit().hasSelectedText():
                self.setSelectedSection(self.currentSection())
        except RuntimeError:  # deleted meanwhile
            pass

    def _section_complete(self) -> bool:
        """The cursor's section is full and nothing is selected: a typed digit would be refused."""
        if self.lineEdit().hasSelectedText():
            return False
        section = self.currentSection()
        if section == QDateTimeEdit.Section.NoSection:
            return False
        return len(self.sectionText(section)) >= _SECTION_WIDTH.get(section, 2)


def instant_edit(parent: QWidget | None = None) -> InstantEdit:
    """A date-and-time editor to the minute, with a calendar; Enter emits `submitted`."""
    edit = InstantEdit(parent)
    edit.setDisplayFormat("yyyy-MM-dd HH:mm")
    edit.setCalendarPopup(True)
    return edit


def set_instant(edit: QDateTimeEdit, instant: dt.datetime, zone: ZoneInfo, force: bool = False) -> None:
    """Show `instant` in `zone`'s local time.

    An `InstantEdit` the user is typing into keeps the typing, unless `force`.
    """
    if not force and isinstance(edit, InstantEdit) and edit.typing and edit.hasFocus():
        return
    local = instant.astimezone(zone)
    edit.setDateTime(QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute)))
    if isinstance(edit, InstantEdit):
        edit.typing = False


def edited_instant(edit: QDateTimeEdit, zone: ZoneInfo) -> dt.datetime:
    """The instant the editor shows, read as local time in `zone`."""
    value = edit.dateTime()
    date, time = value.date(), value.time()
    return dt.datetime(date.year(), date.month(), date.day(), time.hour(), time.minute(), tzinfo=zone)


def ok_cancel(dialog: QDialog) -> QDialogButtonBox:
    """OK and Cancel, wired to the dialog's accept and reject."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, parent=dialog
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def zone_label(edit: QDateTimeEdit, timezone: str, language: str, parent: QWidget | None = None) -> QLabel:
    """A label beside `edit` with the zone abbreviation of the time it shows ("MEZ", "MESZ"; "CET", "CEST"),
    kept current as the date changes (summer or winter time)."""
    label = QLabel(parent)
    zone = ZoneInfo(timezone)

    def update(_value=None) -> None:
        label.setText(zone_abbreviation(edited_instant(edit, zone), timezone, language))

    edit.dateTimeChanged.connect(update)
    update()
    return label


class SnapshotSlider(QSlider):
    """A horizontal slider with a tick at each snapshot (they are not evenly spaced)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.ticks: list[int] = []

    def set_ticks(self, values: list[int]) -> None:
        self.ticks = values
        self.update()

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt)
        super().paintEvent(event)
        if not self.ticks or self.maximum() <= self.minimum():
            return
        option = QStyleOptionSlider()
        self.initStyleOption(option)
        groove = self.style().subControlRect(
            QStyle.ComplexControl.CC_Slider, option, QStyle.SubControl.SC_SliderGroove, self
        )
        handle = self.style().subControlRect(
            QStyle.ComplexControl.CC_Slider, option, QStyle.SubControl.SC_SliderHandle, self
        )
        left, width = groove.left() + handle.width() / 2, groove.width() - handle.width()
        painter = QPainter(self)
        painter.setPen(QPen(QColor("#444444"), 1))
        for value in self.ticks:
            x = left + width * (value - self.minimum()) / (self.maximum() - self.minimum())
            painter.drawLine(QPointF(x, self.height() - 6), QPointF(x, self.height() - 1))
        painter.end()


class WheelGuard(QObject):
    """Keeps the mouse wheel for scrolling a panel: a spin box or combo box under the pointer
    takes the wheel only once it has the focus (a click or Tab), so scrolling a long dock does
    not change the values the pointer passes over."""

    def eventFilter(self, watched: QObject | None, event: QEvent | None) -> bool:  # noqa: N802 (Qt)
        if (
            event is not None
            and event.type() == QEvent.Type.Wheel
            and isinstance(watched, QWidget)
            and not watched.hasFocus()
        ):
            area = watched.parentWidget()
            while area is not None and not isinstance(area, QAbstractScrollArea):
                area = area.parentWidget()
            if area is not None:
                # The panel scrolls as if the pointer were over its empty background.
                QCoreApplication.sendEvent(area.verticalScrollBar(), event)
            return True
        return False


def guard_wheel(panel: QWidget) -> WheelGuard:
    """Give every spin box and combo box inside `panel` the WheelGuard (and focus only by click or Tab)."""
    guard = WheelGuard(panel)
    for widget in [*panel.findChildren(QAbstractSpinBox), *panel.findChildren(QComboBox)]:
        widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        widget.installEventFilter(guard)
    return guard
