"""Playing the Timeline on a real map canvas: frames paced by renders in real time; a preview that
moves through the week; a compact panel; its keys in the map."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from qgis.core import QgsApplication, QgsCoordinateReferenceSystem, QgsProject, QgsSettings
from qgis.gui import QgsMapCanvas
from qgis.PyQt.QtCore import QEventLoop, QSize, Qt, QTimer
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QDockWidget

from kursk_tracker.core.change import held_by_side
from kursk_tracker.core.morph import MorphSettings
from kursk_tracker.core.stats import area_km2
from kursk_tracker.gui.timeline_dock import SPEEDS, TimelineDock
from kursk_tracker.layers.session import SeriesSession
from kursk_tracker.toolbelt.settings import TimelineSettings


def run_for(seconds: float) -> None:
    loop = QEventLoop()
    QTimer.singleShot(round(seconds * 1000), loop.quit)
    loop.exec()


@pytest.fixture
def timeline(plugin, iface):
    plugin.open_sample_series()
    return iface.mainWindow().findChild(QDockWidget, "KurskTrackerTimelineDock")


@pytest.fixture
def played(tmp_path):
    """The sample on a map canvas of its own that draws every layer on every frame (no cache, one
    thread: a slow map), with a Timeline panel playing on it; yields (session, dock, canvas, events)."""
    from kursk_tracker.export.render import DISPLAY_CRS
    from kursk_tracker.store.sample import sample_working_copy

    from .conftest import flush_deletes, settle_canvas

    project = QgsProject()
    session = SeriesSession(project)
    canvas = QgsMapCanvas()
    canvas.resize(QSize(1200, 700))
    crs = QgsCoordinateReferenceSystem(DISPLAY_CRS)
    canvas.setDestinationCrs(crs)
    canvas.setCachingEnabled(False)
    canvas.setParallelRenderingEnabled(False)
    dock = TimelineDock(session, None, canvas)
    session.open_series(sample_working_copy(tmp_path))
    # The morphs are precomputed in a QGIS task; it completes once the event loop has run.
    deadline = time.monotonic() + 120
    while QgsApplication.taskManager().countActiveTasks() and time.monotonic() < deadline:
        run_for(0.05)
    canvas.setLayers(session.scene.visible_layers())
    canvas.setExtent(session.scene.loaded.full_extent(crs, 0.25))
    canvas.show()
    run_for(0.3)
    canvas.waitWhileRendering()
    events: list[str] = []
    dock.player.frameRequested.connect(lambda: events.append("request"))
    canvas.mapCanvasRefreshed.connect(lambda: events.append("rendered"))
    yield session, dock, canvas, events
    dock.stop()
    settle_canvas(canvas)
    canvas.hide()
    session.close_series()
    project.clear()
    dock.deleteLater()
    canvas.deleteLater()
    flush_deletes()


def test_a_frame_is_asked_for_only_after_the_map_finished_the_last_and_time_runs_in_real_time(played):
    session, dock, canvas, events = played
    start = session.snapshots()[2].valid_at
    session.show_instant(start)
    canvas.waitWhileRendering()
    run_for(0.2)
    dock.speed_combo.setCurrentIndex(SPEEDS.index(1.0))
    events.clear()
    began = time.monotonic()
    dock.toggle_play()
    run_for(2.5)
    wall = time.monotonic() - began
    dock.stop()
    requests = [i for i, event in enumerate(events) if event == "request"]
    assert len(requests) >= 5
    for earlier, later in zip(requests, requests[1:]):
        assert "rendered" in events[earlier + 1 : later], "a frame was asked for before the last was drawn"
    player = dock.player
    assert player.timed_out == 0
    assert player.dropped > 0  # this map draws slower than the timer ticks
    assert player.finished >= len(requests) - 1
    # Real time: the instant shown is the start plus the wall time times the speed, less the
    # time of at most one frame in flight.
    played_days = (session.instant - start).total_seconds() / 86400
    assert wall - 0.8 <= played_days <= wall + 0.05


def test_without_a_map_that_draws_the_ticks_alone_pace_the_frames(played):
    session, dock, canvas, _events = played
    canvas.hide()
    start = session.snapshots()[1].valid_at
    session.show_instant(start)
    dock.toggle_play()
    run_for(0.6)
    dock.stop()
    assert dock.player.dropped == 0 and dock.player.timed_out == 0
    assert dock.player.requested >= 6
    assert session.instant > start


def test_the_preview_moves_through_the_week_by_default(plugin, timeline):
    QgsSettings().remove(TimelineSettings.key("preview_timing"))
    plugin.open_sample_series()
    session = plugin.session
    assert session.timing == "linear"
    assert timeline.timing_combo.currentData() == "linear"
    before, after = session.snapshots()[5:7]

    def held_ua(fraction: float) -> float:
        instant = before.valid_at + (after.valid_at - before.valid_at) * fraction
        timeline.slider.setValue(timeline._value_of(instant))
        assert session.instant == instant
        return area_km2(held_by_side(session.frames.areas_at(instant))["UA"])

    first, quarter, half, three_quarters, last = (held_ua(f) for f in (0.0, 0.25, 0.5, 0.75, 1.0))
    low, high = sorted((first, last))
    assert high - low > 5.0
    for value in (quarter, half, three_quarters):
        assert low + 0.05 * (high - low) < value < high - 0.05 * (high - low)  # strictly between, moving
    assert quarter != pytest.approx(half, abs=0.5) and half != pytest.approx(three_quarters, abs=0.5)
    # The measured figures keep the accurate, eased pacing.
    assert MorphSettings().timing == "eased"


def test_the_timing_chosen_is_remembered_and_each_is_explained(plugin, timeline):
    tips = [
        timeline.timing_combo.itemData(i, Qt.ItemDataRole.ToolTipRole)
        for i in range(timeline.timing_combo.count())
    ]
    assert all(tip and tip.endswith(".") and len(tip.split()) >= 6 for tip in tips)
    timeline.timing_combo.setCurrentIndex(timeline.timing_combo.findData("eased"))
    try:
        assert plugin.session.timing == "eased"
        assert QgsSettings().value(TimelineSettings.key("preview_timing")) == "eased"
        plugin.open_sample_series()
        assert plugin.session.timing == "eased"
        assert "evenly" in timeline.timing_combo.toolTip()
    finally:
        timeline.timing_combo.setCurrentIndex(timeline.timing_combo.findData("linear"))
    assert QgsSettings().value(TimelineSettings.key("preview_timing")) == "linear"


def test_the_timeline_panel_is_compact(plugin, timeline):
    assert timeline.sizeHint().height() <= 200
    assert timeline.minimumSizeHint().height() <= 200
    assert not timeline.chart.isHidden()  # beside the controls, not under them
    timeline.chart_button.setChecked(False)
    assert timeline.chart.isHidden()
    timeline.chart_button.setChecked(True)


def test_the_panels_keys_with_ctrl_move_the_timeline_while_the_map_has_focus(plugin, timeline, iface):
    canvas = iface.mapCanvas()
    session = plugin.session
    snapshots = session.snapshots()
    session.show_snapshot(snapshots[3].id)
    extent = canvas.extent()
    QTest.keyClick(canvas, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert session.instant == snapshots[4].valid_at
    QTest.keyClick(canvas, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(canvas, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert session.instant == snapshots[2].valid_at
    timeline.step_combo.setCurrentIndex(2)  # 1 day
    QTest.keyClick(canvas, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert session.instant == snapshots[2].valid_at + dt.timedelta(days=1)
    QTest.keyClick(canvas, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier)
    assert session.instant == snapshots[2].valid_at
    assert canvas.extent() == extent  # the map neither panned nor zoomed
    QTest.keyClick(canvas, Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)
    assert timeline.player.is_active()
    QTest.keyClick(canvas, Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)
    assert not timeline.player.is_active()
    # The plain keys stay QGIS's own on the map (pan and zoom): the timeline stays.
    QTest.keyClick(canvas, Qt.Key.Key_PageDown)
    assert session.instant == snapshots[2].valid_at


def test_the_buttons_name_their_keys_and_where_they_work(timeline):
    tip = timeline.next_button.toolTip()
    assert tip.startswith("Next snapshot")
    assert "PgDown" in tip or "Page Down" in tip
    assert "Ctrl+" in tip and "map" in tip
    assert "Space" in timeline.play_button.toolTip()
