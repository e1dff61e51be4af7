"""Typing a date in the Timeline, stepping by days across a clock change, the chart's dates."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QDockWidget

from kursk_tracker.core.timefmt import format_day
from kursk_tracker.gui.timeline_dock import STEPS
from kursk_tracker.gui.widgets import set_instant
from kursk_tracker.toolbelt.i18n import current_language

UTC = dt.timezone.utc
BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def timeline(plugin, iface):
    plugin.open_sample_series()
    return iface.mainWindow().findChild(QDockWidget, "KurskTrackerTimelineDock")


def test_enter_in_the_date_field_jumps_there(plugin, timeline):
    target = dt.datetime(2024, 9, 20, 10, 0, tzinfo=UTC)
    set_instant(timeline.date_edit, target, BERLIN)
    QTest.keyClick(timeline.date_edit, Qt.Key.Key_Return)
    assert plugin.session.instant == target
    assert timeline.date_hint.isHidden()


def test_a_date_outside_the_series_is_refused_with_a_message(plugin, timeline):
    before = plugin.session.instant
    set_instant(timeline.date_edit, dt.datetime(2025, 3, 1, 12, 0, tzinfo=UTC), BERLIN)
    timeline.go_button.click()
    assert plugin.session.instant == before
    assert not timeline.date_hint.isHidden()
    assert "2025" in timeline.date_hint.text() and "2024" in timeline.date_hint.text()
    set_instant(timeline.date_edit, dt.datetime(2024, 9, 20, 10, 0, tzinfo=UTC), BERLIN)
    timeline.go_button.click()
    assert timeline.date_hint.isHidden()


def test_a_day_step_across_the_clock_change_keeps_the_local_time(plugin, timeline):
    noon_summer = dt.datetime(2024, 10, 26, 10, 0, tzinfo=UTC)  # 12:00 CEST
    plugin.session.show_instant(noon_summer)
    timeline.step_combo.setCurrentIndex([label for label, _ in STEPS].index("1 d"))
    timeline.step_by(1)
    assert plugin.session.instant == dt.datetime(2024, 10, 27, 11, 0, tzinfo=UTC)  # 12:00 CET
    assert plugin.session.instant.astimezone(BERLIN).hour == 12
    timeline.step_by(-1)
    assert plugin.session.instant == noon_summer


def test_the_chart_writes_dates_in_the_series_zone_and_language(timeline):
    late_evening_utc = dt.datetime(2024, 11, 18, 23, 30, tzinfo=UTC)  # already 19 November in Berlin
    text = timeline.chart.day_text(late_evening_utc)
    assert text == format_day(late_evening_utc, "Europe/Berlin", current_language())
    assert text.startswith("19")
    assert timeline.chart.number_text(1144.2) in ("1,144", "1.144")
