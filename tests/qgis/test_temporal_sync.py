"""QGIS's Temporal Controller and our Timeline are one clock: either moves the other, no jumps, no echoes."""

from __future__ import annotations

import datetime as dt

import pytest
from qgis.core import QgsDateTimeRange, QgsInterval, QgsProject, QgsTemporalNavigationObject, QgsTemporalUtils
from qgis.gui import QgsTemporalControllerWidget
from qgis.PyQt.QtCore import QDateTime, QTimeZone
from qgis.PyQt.QtWidgets import QDockWidget, QToolButton

from kursk_tracker.gui.temporal_sync import TemporalSync, from_qdatetime, to_qdatetime
from kursk_tracker.toolbelt.compat import temporal_fixed_range_mode, temporal_navigation_modes, temporal_unit

from .conftest import flush_deletes

OFF, ANIMATED = temporal_navigation_modes()
FIXED = temporal_fixed_range_mode()
ONE_DAY = dt.timedelta(days=1)


def _today() -> QgsDateTimeRange:
    """What QGIS's Temporal Controller starts from: today."""
    midnight = QDateTime.currentDateTime().toTimeZone(QTimeZone.utc())
    return QgsDateTimeRange(midnight, midnight)


def _span(session) -> QgsDateTimeRange:
    first, last = session.span()
    return QgsDateTimeRange(to_qdatetime(first), to_qdatetime(last))


def _ends(time_range: QgsDateTimeRange) -> tuple[dt.datetime, dt.datetime]:
    return from_qdatetime(time_range.begin()), from_qdatetime(time_range.end())


def _frame(navigation) -> QgsDateTimeRange:
    return navigation.dateTimeRangeForFrameNumber(navigation.currentFrameNumber())


@pytest.fixture
def canvas_navigation(iface):
    """The map canvas's Temporal Controller, off, as QGIS desktop gives it before plugins load."""
    canvas = iface.mapCanvas()
    if canvas.temporalController() is None:
        canvas.setTemporalController(QgsTemporalNavigationObject(canvas))  # the canvas owns it
    navigation = canvas.temporalController()
    assert isinstance(navigation, QgsTemporalNavigationObject)
    navigation.setNavigationMode(OFF)
    return navigation


@pytest.fixture
def plugin(canvas_navigation, plugin):
    """The plugin, loaded after the canvas has its Temporal Controller."""
    return plugin


@pytest.fixture
def navigation(plugin, canvas_navigation):
    """The canvas's Temporal Controller once the sample series is open."""
    navigation = canvas_navigation
    navigation.setTemporalExtents(_today())
    plugin.open_sample_series()
    yield navigation
    navigation.setNavigationMode(OFF)


@pytest.fixture
def moves(plugin):
    """Every instant the timeline is told to show."""
    seen = []
    plugin.session.instantChanged.connect(lambda: seen.append(plugin.session.instant))
    return seen


def test_opening_a_series_gives_the_controller_its_span_and_the_timelines_step(plugin, navigation):
    span = _span(plugin.session)
    assert navigation.temporalExtents() == span
    assert navigation.frameDuration() == QgsInterval(1, temporal_unit("Days"))  # the default step: 1 d
    assert QgsProject.instance().timeSettings().temporalRange() == span


def test_switching_to_animated_keeps_the_instant_the_timeline_shows(plugin, navigation, moves):
    session = plugin.session
    # 15 October, between two frames' starts
    october_15 = session.snapshots()[10].valid_at + dt.timedelta(hours=2, minutes=30)
    session.show_instant(october_15)
    moves.clear()
    navigation.setNavigationMode(ANIMATED)
    assert navigation.temporalExtents() == _span(session)
    assert session.instant == october_15
    assert moves == []
    frame = _frame(navigation)
    assert from_qdatetime(frame.begin()) <= october_15 < from_qdatetime(frame.end())


def test_at_the_series_end_animated_shows_the_last_frame(plugin, navigation):
    session = plugin.session
    last = session.snapshots()[-1].valid_at
    session.show_instant(last)
    navigation.setNavigationMode(ANIMATED)
    assert session.instant == last
    assert navigation.currentFrameNumber() == navigation.totalFrameCount() - 1


def test_animated_the_timeline_and_the_controller_move_each_other(plugin, navigation, moves):
    session = plugin.session
    navigation.setNavigationMode(ANIMATED)
    first = session.snapshots()[0].valid_at
    november_5 = first + 91 * ONE_DAY  # 5 November, on a frame's start
    assert november_5.date() == dt.date(2024, 11, 5)
    session.show_instant(november_5)
    assert from_qdatetime(_frame(navigation).begin()) == november_5
    moves.clear()
    navigation.previous()  # the controller's "previous frame": one day back, not to where it was
    assert session.instant == november_5 - ONE_DAY
    assert moves == [november_5 - ONE_DAY]  # once, no echo
    moves.clear()
    navigation.setCurrentFrameNumber(20)
    assert session.instant == from_qdatetime(navigation.dateTimeRangeForFrameNumber(20).begin())
    assert session.instant == first + 20 * ONE_DAY
    assert len(moves) == 1
    navigation.next()
    assert session.instant == first + 21 * ONE_DAY


def test_in_fixed_range_mode_the_range_starts_at_the_timelines_instant(plugin, navigation, moves):
    session = plugin.session
    shown = session.instant
    navigation.setNavigationMode(FIXED)
    assert session.instant == shown
    assert from_qdatetime(navigation.temporalExtents().begin()) == shown
    november_5 = session.snapshots()[13].valid_at
    session.show_instant(november_5)
    assert from_qdatetime(navigation.temporalExtents().begin()) == november_5
    assert from_qdatetime(navigation.temporalExtents().end()) == november_5 + ONE_DAY
    moves.clear()
    october_1 = session.snapshots()[8].valid_at
    october_range = QgsDateTimeRange(to_qdatetime(october_1), to_qdatetime(october_1 + ONE_DAY))
    navigation.setTemporalExtents(october_range)
    assert session.instant == october_1
    assert len(moves) == 1
    navigation.setNavigationMode(ANIMATED)  # back to the whole span, the instant kept
    assert navigation.temporalExtents() == _span(session)
    assert session.instant == october_1


def test_the_timelines_step_is_the_controllers_frame(plugin, navigation, iface):
    timeline = iface.mainWindow().findChild(QDockWidget, "KurskTrackerTimelineDock")
    navigation.setNavigationMode(ANIMATED)
    timeline.step_combo.setCurrentIndex(1)  # 6 h
    try:
        assert navigation.frameDuration() == QgsInterval(6, temporal_unit("Hours"))
        assert navigation.frameDuration().seconds() == 6 * 3600
        frame = _frame(navigation)
        instant = plugin.session.instant
        assert from_qdatetime(frame.begin()) <= instant <= from_qdatetime(frame.end())
    finally:
        timeline.step_combo.setCurrentIndex(2)
    assert navigation.frameDuration() == QgsInterval(1, temporal_unit("Days"))


def test_reloading_keeps_the_span_and_the_instant(plugin, navigation):
    session = plugin.session
    navigation.setNavigationMode(ANIMATED)
    shown = session.snapshots()[12].valid_at
    session.show_instant(shown)
    session.reload()
    assert navigation.temporalExtents() == _span(session)
    assert session.instant == shown
    assert from_qdatetime(_frame(navigation).begin()) <= shown < from_qdatetime(_frame(navigation).end())


def test_set_to_full_range_gives_the_series_span(plugin, navigation):
    """QGIS's own panel: its "Set to full range" button takes the layers' temporal extents."""
    session = plugin.session
    full_range = QgsTemporalUtils.calculateTemporalRangeForProject(QgsProject.instance())
    assert _ends(full_range) == _ends(_span(session))
    widget = QgsTemporalControllerWidget()
    panel_navigation = widget.temporalController()
    sync = TemporalSync(session, panel_navigation)
    try:
        panel_navigation.setNavigationMode(FIXED)
        button = widget.findChild(QToolButton, "mFixedRangeSetRangeButton")
        button.defaultAction().trigger()
        assert _ends(panel_navigation.temporalExtents()) == _ends(_span(session))
        assert session.instant == session.snapshots()[0].valid_at
        panel_navigation.setNavigationMode(ANIMATED)
        assert _ends(panel_navigation.temporalExtents()) == _ends(_span(session))
        assert session.instant == session.snapshots()[0].valid_at
    finally:
        sync.disconnect_all()
        panel_navigation.setNavigationMode(OFF)
        widget.deleteLater()
        flush_deletes()
