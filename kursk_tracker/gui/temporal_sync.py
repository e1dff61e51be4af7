"""Keeping our timeline and QGIS's Temporal Controller at the same instant, both ways."""

from __future__ import annotations

import datetime as dt

from qgis.core import QgsDateTimeRange, QgsTemporalNavigationObject
from qgis.PyQt.QtCore import QDateTime, QObject, QTimeZone

from ..toolbelt.compat import temporal_navigation_modes
from .controller import SeriesController


def to_qdatetime(instant: dt.datetime) -> QDateTime:
    # A time zone rather than Qt.TimeSpec.UTC: Qt 6.9 deprecates the time-spec overloads.
    return QDateTime.fromMSecsSinceEpoch(round(instant.timestamp() * 1000), QTimeZone.utc())


def from_qdatetime(value: QDateTime) -> dt.datetime:
    return dt.datetime.fromtimestamp(value.toMSecsSinceEpoch() / 1000, tz=dt.timezone.utc)


class TemporalSync(QObject):
    """Our timeline moves the Temporal Controller and follows it, without feedback loops.

    Only while the user has the Temporal Controller on (animated or fixed
    range); when it is off, our timeline alone decides what the map shows.
    """

    def __init__(self, controller: SeriesController, navigation: QgsTemporalNavigationObject) -> None:
        super().__init__()
        self.controller = controller
        self.navigation = navigation
        self._busy = False
        controller.instantChanged.connect(self.push)
        navigation.updateTemporalRange.connect(self.pull)

    def disconnect_all(self) -> None:
        self.controller.instantChanged.disconnect(self.push)
        self.navigation.updateTemporalRange.disconnect(self.pull)

    def _active(self) -> bool:
        return self.navigation.navigationMode() != temporal_navigation_modes()[0]

    def push(self) -> None:
        """Our instant -> the Temporal Controller."""
        instant = self.controller.instant
        if self._busy or instant is None or not self._active():
            return
        self._busy = True
        try:
            begin = to_qdatetime(instant)
            mode = self.navigation.navigationMode()
            if mode == temporal_navigation_modes()[1]:
                self.navigation.setCurrentFrameNumber(self.navigation.findBestFrameNumberForFrameStart(begin))
            else:
                self.navigation.setTemporalExtents(QgsDateTimeRange(begin, begin.addSecs(1)))
        finally:
            self._busy = False

    def pull(self, time_range: QgsDateTimeRange) -> None:
        """The Temporal Controller's range -> our instant (its beginning)."""
        if self._busy or not self._active() or self.controller.current is None:
            return
        if not time_range.begin().isValid():
            return
        self._busy = True
        try:
            self.controller.show_instant(from_qdatetime(time_range.begin()))
        finally:
            self._busy = False
