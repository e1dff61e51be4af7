"""Our timeline and QGIS's Temporal Controller: one clock, moved from either side."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from qgis.core import QgsDateTimeRange, QgsInterval, QgsTemporalNavigationObject
from qgis.PyQt.QtCore import QDateTime, QObject, QTimeZone, pyqtBoundSignal

from ..layers.series_layers import set_temporal_span
from ..layers.session import SeriesSession
from ..toolbelt.compat import required, temporal_fixed_range_mode, temporal_navigation_modes, temporal_unit
from ..toolbelt.settings import PluginSettings
from .timeline_dock import STEPS


def to_qdatetime(instant: dt.datetime) -> QDateTime:
    # A time zone rather than Qt.TimeSpec.UTC: Qt 6.9 deprecates the time-spec overloads.
    return QDateTime.fromMSecsSinceEpoch(round(instant.timestamp() * 1000), QTimeZone.utc())


def from_qdatetime(value: QDateTime) -> dt.datetime:
    return dt.datetime.fromtimestamp(value.toMSecsSinceEpoch() / 1000, tz=dt.timezone.utc)


def _msecs(value: QDateTime) -> int:
    """Milliseconds since the epoch: what QDateTime's <, > and >= compare for valid times,
    operators PyQt5-stubs leave out."""
    return value.toMSecsSinceEpoch()


def step_interval(step: dt.timedelta) -> QgsInterval:
    """The timeline's step as a frame duration the Temporal Controller shows as "6 hours" or "7 days"."""
    days, rest = divmod(step, dt.timedelta(days=1))
    if not rest:
        return QgsInterval(float(days), temporal_unit("Days"))
    return QgsInterval(step.total_seconds() / 3600, temporal_unit("Hours"))


class TemporalSync(QObject):
    """Our timeline moves the Temporal Controller and follows it, without feedback loops.

    While the Temporal Controller is animated, its extents are the series'
    span and its frame the timeline's step; in fixed-range mode its range
    starts at our instant and lasts one step. Off, our timeline alone decides.
    """

    def __init__(
        self, session: SeriesSession, navigation: QgsTemporalNavigationObject, step_index_changed=None
    ) -> None:
        """`step_index_changed`: the Timeline's step combo's currentIndexChanged, if there is one."""
        super().__init__()
        self.session = session
        self.navigation = navigation
        self.step = STEPS[min(PluginSettings.load().timeline_step, len(STEPS) - 1)][1]
        self._busy = False
        self._pushed_step: int | None = None
        """While playing in fixed-range mode: the step last given to the Temporal Controller."""
        # navigationModeChanged carries an enum PyQt cannot pass to Python on QGIS 3.22:
        # QGIS reports its range right after a switch, pull() notices the new mode.
        self._mode = navigation.navigationMode()
        self._connections: list[tuple[pyqtBoundSignal, Callable[..., object]]] = [
            (session.seriesChanged, self.series_changed),
            (session.instantChanged, self.push),
            (navigation.updateTemporalRange, self.pull),
            (session.playingChanged, self._playing_changed),
        ]
        if step_index_changed is not None:
            self._connections.append((step_index_changed, self.set_step_index))
        for signal, slot in self._connections:
            signal.connect(slot)
        if session.span() is not None:
            self.series_changed()
            self.push()

    @contextmanager
    def _quiet(self) -> Iterator[None]:
        """While we move one side ourselves, its echo does not move us back."""
        self._busy = True
        try:
            yield
        finally:
            self._busy = False

    def disconnect_all(self) -> None:
        for signal, slot in self._connections:
            signal.disconnect(slot)
        self._connections = []

    def _animated(self) -> bool:
        return self.navigation.navigationMode() == temporal_navigation_modes()[1]

    def _fixed(self) -> bool:
        return self.navigation.navigationMode() == temporal_fixed_range_mode()

    def _span(self) -> QgsDateTimeRange | None:
        span = self.session.span()
        return None if span is None else QgsDateTimeRange(to_qdatetime(span[0]), to_qdatetime(span[1]))

    # The series and the step -------------------------------------------------------

    def series_changed(self) -> None:
        """A series opened or reloaded: its span is the controller's extents and the project's range."""
        span = self._span()
        if span is None or self.session.current is None:
            return
        with self._quiet():
            settings = required(self.session.project.timeSettings(), "project time settings")
            settings.setTemporalRange(span)
            set_temporal_span(self.session.current, span)
            self._apply_step()
            if not self._fixed():  # fixed range: the range is our instant's, set by push()
                self.navigation.setTemporalExtents(span)

    def set_step_index(self, index: int) -> None:
        """The Timeline's step combo changed: the controller's frames follow."""
        if 0 <= index < len(STEPS):
            self.step = STEPS[index][1]
            with self._quiet():
                self._apply_step()
            self.push()

    def _apply_step(self) -> None:
        interval = step_interval(self.step)
        settings = required(self.session.project.timeSettings(), "project time settings")
        settings.setTimeStep(interval.originalDuration())
        settings.setTimeStepUnit(interval.originalUnit())
        self.navigation.setFrameDuration(interval)

    def mode_changed(self) -> None:
        """Switching modes keeps the instant the timeline shows (before QGIS reports its range)."""
        span = self._span()
        if span is None or not (self._animated() or self._fixed()):
            return
        if self._animated():
            with self._quiet():
                self.navigation.setTemporalExtents(span)  # a fixed range may have narrowed them
        self.push()

    # Both ways ---------------------------------------------------------------------

    def _playing_changed(self, playing: bool) -> None:
        self._pushed_step = None
        if not playing:
            self.push()  # where playing stopped, exactly

    def push(self) -> None:
        """Our instant -> the Temporal Controller.

        While the timeline plays in fixed-range mode, the range moves a step at a
        time: each new range makes QGIS redraw every dated layer, which would cost
        every frame a full redraw; the exact instant follows when playing stops.
        (Animated, the controller's frame changes once a step anyway.)
        """
        instant = self.session.instant
        if self._busy or instant is None or not (self._animated() or self._fixed()):
            return
        span = self.session.span()
        if self.session.playing and self._fixed() and span is not None:
            step = int((instant - span[0]) / self.step)
            if step == self._pushed_step:
                return
            self._pushed_step = step
            instant = span[0] + step * self.step
        with self._quiet():
            begin = to_qdatetime(instant)
            if self._animated():
                self.navigation.setCurrentFrameNumber(self._frame_of(begin))
            else:
                end = to_qdatetime(instant + self.step)
                self.navigation.setTemporalExtents(QgsDateTimeRange(begin, end, True, False))

    def _frame_of(self, instant: QDateTime) -> int:
        """The frame holding `instant`; the last one for the series' last instant."""
        frame = self.navigation.findBestFrameNumberForFrameStart(instant)
        last = max(0, self.navigation.totalFrameCount() - 1)
        if not self._holds(self.navigation.dateTimeRangeForFrameNumber(frame), instant) and (
            _msecs(instant) >= _msecs(self.navigation.dateTimeRangeForFrameNumber(last).begin())
        ):
            return last
        return frame

    def _holds(self, frame: QgsDateTimeRange, instant: QDateTime) -> bool:
        """Whether the frame holds `instant`; the last frame also its end, the series' last instant."""
        if _msecs(frame.begin()) > _msecs(instant):
            return False
        last = frame.end() == self.navigation.temporalExtents().end()
        return _msecs(instant) < _msecs(frame.end()) or (last and instant == frame.end())

    def pull(self, time_range: QgsDateTimeRange) -> None:
        """The Temporal Controller's range -> our instant (its beginning)."""
        if self._busy or self.session.current is None:
            return
        if self.navigation.navigationMode() != self._mode:
            self._mode = self.navigation.navigationMode()
            self.mode_changed()  # our instant wins over the range QGIS had before the switch
            return
        if not (self._animated() or self._fixed()) or not time_range.begin().isValid():
            return
        instant = self.session.instant
        if self._animated() and instant is not None and self._holds(time_range, to_qdatetime(instant)):
            return  # the frame we are in: no jump to its beginning (switching modes, the full range)
        with self._quiet():
            self.session.show_instant(from_qdatetime(time_range.begin()))
