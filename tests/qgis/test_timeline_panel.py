"""The Timeline panel: slider, steps, play, jump; morphed frames, change layer, chart; Temporal Controller."""

from __future__ import annotations

import datetime as dt

import pytest
import shapely
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsDateTimeRange,
    QgsDistanceArea,
    QgsGeometry,
    QgsInterval,
    QgsProject,
    QgsTemporalNavigationObject,
)
from qgis.PyQt.QtCore import QDateTime
from qgis.PyQt.QtGui import QColor, QImage
from qgis.PyQt.QtWidgets import QDockWidget

from kursk_tracker.core.change import held_by_side
from kursk_tracker.core.stats import area_km2
from kursk_tracker.gui.temporal_sync import TemporalSync, from_qdatetime, to_qdatetime

UTC = dt.timezone.utc


@pytest.fixture
def timeline(plugin, iface):
    plugin.open_sample_series()
    return iface.mainWindow().findChild(QDockWidget, "KurskTrackerTimelineDock")


def _held(session, instant=None):
    areas = session.frames.areas_at(instant or session.instant)
    return {side: area_km2(geometry) for side, geometry in held_by_side(areas).items()}


def test_the_slider_has_a_tick_at_every_snapshot(plugin, timeline):
    snapshots = plugin.session.snapshots()
    assert len(timeline.slider.ticks) == len(snapshots)
    assert timeline.slider.ticks[0] == 0 and timeline.slider.ticks[-1] == timeline.slider.maximum()


def test_between_snapshots_the_map_shows_a_morphed_front(plugin, timeline):
    session = plugin.session
    before, after = session.snapshots()[5:7]
    held_before, held_after = _held(session, before.valid_at), _held(session, after.valid_at)
    middle = before.valid_at + (after.valid_at - before.valid_at) / 2
    timeline.slider.setValue(timeline._value_of(middle))
    assert session.instant == middle
    live = {(f["side"], f["status"]) for f in session.live.areas.getFeatures()}
    assert ("UA", "controlled") in live
    held = _held(session)
    for side in ("UA", "RU"):
        low, high = sorted((held_before.get(side, 0.0), held_after.get(side, 0.0)))
        assert low - 0.01 <= held[side] <= high + 0.01
    assert held["UA"] != pytest.approx(held_before["UA"], abs=1.0)  # it moved
    assert session.current_snapshot() == before  # arrows and notes of the snapshot in force
    assert "week 5" in timeline.instant_label.text()


def test_at_a_snapshot_the_morphed_layer_is_the_snapshot(plugin, timeline):
    session = plugin.session
    snapshot = session.snapshots()[8]
    session.show_snapshot(snapshot.id)
    live = {
        (f["side"], f["status"]): shapely.from_wkb(bytes(f.geometry().asWkb()))
        for f in session.live.areas.getFeatures()
    }
    stored = session.frames.areas[snapshot.id]
    assert set(live) == {key for key, geometry in stored.items() if not geometry.is_empty}
    for key, geometry in live.items():
        assert shapely.symmetric_difference(geometry, stored[key]).area < 1e-9


def test_step_buttons_and_typed_dates_move_the_instant(plugin, timeline):
    session = plugin.session
    snapshots = session.snapshots()
    session.show_snapshot(snapshots[3].id)
    timeline.next_button.click()
    assert session.instant == snapshots[4].valid_at
    timeline.previous_button.click()
    timeline.previous_button.click()
    assert session.instant == snapshots[2].valid_at
    timeline.step_combo.setCurrentIndex(2)  # 1 day
    timeline.forward_button.click()
    assert session.instant == snapshots[2].valid_at + dt.timedelta(days=1)
    timeline.back_button.click()
    assert session.instant == snapshots[2].valid_at
    timeline.date_edit.setDateTime(QDateTime(2024, 10, 1, 12, 0))
    timeline.go_button.click()
    assert session.instant == dt.datetime(2024, 10, 1, 10, 0, tzinfo=UTC)  # 12:00 MESZ


def test_play_advances_and_stops_at_the_end_unless_looping(plugin, timeline, monkeypatch):
    session = plugin.session
    snapshots = session.snapshots()
    clock = [1000.0]
    monkeypatch.setattr("kursk_tracker.gui.frame_pacer.time.monotonic", lambda: clock[0])
    session.show_snapshot(snapshots[-2].id)
    timeline.loop_check.setChecked(False)
    timeline.speed_combo.setCurrentIndex(4)  # 7 days a second
    timeline.toggle_play()
    assert timeline.timer.isActive()
    clock[0] += 0.25
    timeline._play_tick()
    assert session.instant == snapshots[-2].valid_at + dt.timedelta(days=1.75)
    for _ in range(10):
        clock[0] += 0.25
        timeline._play_tick()
    assert session.instant == snapshots[-1].valid_at
    assert not timeline.timer.isActive()
    timeline.loop_check.setChecked(True)
    session.show_snapshot(snapshots[-2].id)
    timeline.toggle_play()
    for _ in range(6):
        clock[0] += 0.25
        timeline._play_tick()
    assert timeline.timer.isActive()
    assert session.instant < snapshots[2].valid_at  # wrapped round to the start
    timeline.stop()


def test_the_change_layer_measures_gains_and_losses_like_qgis(plugin, timeline):
    session = plugin.session
    before, after = session.snapshots()[10:12]
    session.show_instant(after.valid_at)
    measure = QgsDistanceArea()
    measure.setSourceCrs(QgsCoordinateReferenceSystem("EPSG:4326"), QgsProject.instance().transformContext())
    measure.setEllipsoid("WGS84")
    changes = list(session.live.change.getFeatures())
    assert {(f["side"], f["kind"]) for f in changes} >= {("UA", "loss"), ("RU", "gain")}
    held_before = held_by_side(session.frames.areas[before.id])
    held_after = held_by_side(session.frames.areas[after.id])
    for feature in changes:
        old = QgsGeometry.fromWkt(held_before[feature["side"]].wkt)
        new = QgsGeometry.fromWkt(held_after[feature["side"]].wkt)
        patch = new.difference(old) if feature["kind"] == "gain" else old.difference(new)
        assert feature["area_km2"] == pytest.approx(measure.measureArea(patch) / 1e6, rel=0.005, abs=0.02)
    text = timeline.change_label.text()
    assert text.endswith("since 15 October") and "km² RU" in text


def test_the_chart_marks_the_instant_and_saves_as_png(plugin, timeline, tmp_path):
    chart = timeline.chart
    assert set(chart.lines) == {"UA", "RU"}
    assert chart.instant == plugin.session.instant
    chart.resize(400, 160)
    path = tmp_path / "chart.png"
    assert chart.save_png(str(path))
    image = QImage(str(path))
    assert image.width() == 800
    colours = {
        image.pixelColor(x, y).name() for x in range(0, image.width(), 3) for y in range(0, image.height(), 3)
    }
    blue = QColor(plugin.session.series.side("UA").colour).name()
    assert blue in colours


def test_temporal_controller_follows_the_timeline_and_the_timeline_follows_it(plugin, timeline):
    session = plugin.session
    snapshots = session.snapshots()
    navigation = QgsTemporalNavigationObject()
    navigation.setTemporalExtents(
        QgsDateTimeRange(to_qdatetime(snapshots[0].valid_at), to_qdatetime(snapshots[-1].valid_at))
    )
    navigation.setFrameDuration(QgsInterval(86400.0))  # one day, in seconds
    navigation.setNavigationMode(QgsTemporalNavigationObject.NavigationMode.Animated)
    sync = TemporalSync(session, navigation)
    moves = []
    session.instantChanged.connect(lambda: moves.append(session.instant))
    try:
        session.show_instant(snapshots[0].valid_at + dt.timedelta(days=10))
        assert navigation.currentFrameNumber() == 10
        assert len(moves) == 1  # no echo from the Temporal Controller
        moves.clear()
        navigation.setCurrentFrameNumber(30)
        assert session.instant == snapshots[0].valid_at + dt.timedelta(days=30)
        assert len(moves) == 1
        assert from_qdatetime(navigation.dateTimeRangeForFrameNumber(30).begin()) == session.instant
    finally:
        sync.disconnect_all()


def test_a_german_scene_sums_up_the_change_in_german_whatever_qgis_speaks(tmp_path):
    from kursk_tracker.layers.scene import SeriesScene
    from kursk_tracker.store.sample import sample_working_copy

    scene = SeriesScene.open(sample_working_copy(tmp_path), QgsProject(), "de")
    try:
        snapshots = scene.snapshots()
        scene.show(snapshots[11].valid_at)
        text = scene.change_summary()
        assert text.endswith("seit 15. Oktober")
        assert "," in text.split(" km²")[0] and "." not in text.split(" km²")[0]
    finally:
        scene.remove()


def test_the_change_can_be_measured_from_any_chosen_snapshot(plugin, timeline):
    session = plugin.session
    snapshots = session.snapshots()
    session.show_snapshot(snapshots[12].id)
    index = timeline.compare_combo.findData(snapshots[4].id)
    timeline.compare_combo.setCurrentIndex(index)
    assert session.scene.change_since == snapshots[4]
    held_then = session.frames.held(snapshots[4])
    held_now = session.frames.held(snapshots[12])
    lost = area_km2(shapely.difference(held_then["UA"], held_now["UA"]))
    losses = [f for f in session.live.change.getFeatures() if (f["side"], f["kind"]) == ("UA", "loss")]
    assert losses[0]["area_km2"] == pytest.approx(lost, rel=0.005)
    assert timeline.change_label.text().endswith("since 3 September")
    timeline.compare_combo.setCurrentIndex(0)
    assert session.scene.change_since == snapshots[11]


def test_a_narrow_chart_keeps_its_dates_and_legend_apart(plugin, timeline):
    """At the width the chart gets beside the controls in a small window, nothing runs together."""
    chart = timeline.chart
    metrics = chart.fontMetrics()
    wide_first, wide_last = chart.axis_dates(metrics, 600)
    assert not chart.legend_below_title(metrics, 600)
    for width in (150, 180, 220):
        first, last = chart.axis_dates(metrics, width)
        assert metrics.horizontalAdvance(first) + metrics.horizontalAdvance(last) < width
        assert first.startswith(wide_first[:1]) and last.startswith(wide_last[:1])
    assert chart.legend_below_title(metrics, 150)
