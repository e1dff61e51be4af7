"""The Timeline panel: slide, play and step through a series; the front moves smoothly between snapshots."""

from __future__ import annotations

import datetime as dt
import time
from zoneinfo import ZoneInfo

from qgis.gui import QgsDockWidget
from qgis.PyQt.QtCore import QPointF, Qt, QTimer
from qgis.PyQt.QtGui import QColor, QKeySequence, QPainter, QPen
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QStyle,
    QStyleOptionSlider,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..core.timefmt import format_day, format_instant, step_instant
from ..layers.scene import format_number
from ..toolbelt.i18n import current_language, tr
from ..toolbelt.qtcompat import QShortcut
from ..toolbelt.settings import PluginSettings
from .area_chart import AreaChart
from .controller import SeriesController
from .widgets import edited_instant, instant_edit, set_instant

OBJECT_NAME = "KurskTrackerTimelineDock"
MINUTES_PER_STEP = 10
"""The slider's resolution."""

STEPS = (("1 h", dt.timedelta(hours=1)), ("6 h", dt.timedelta(hours=6)), ("1 d", dt.timedelta(days=1)),
         ("7 d", dt.timedelta(days=7)))
SPEEDS = (0.5, 1.0, 2.0, 4.0, 7.0)
"""Days of the series per second of playing."""
PLAY_INTERVAL_MS = 40


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
        groove = self.style().subControlRect(QStyle.ComplexControl.CC_Slider, option,
                                             QStyle.SubControl.SC_SliderGroove, self)
        handle = self.style().subControlRect(QStyle.ComplexControl.CC_Slider, option,
                                             QStyle.SubControl.SC_SliderHandle, self)
        left, width = groove.left() + handle.width() / 2, groove.width() - handle.width()
        painter = QPainter(self)
        painter.setPen(QPen(QColor("#444444"), 1))
        for value in self.ticks:
            x = left + width * (value - self.minimum()) / (self.maximum() - self.minimum())
            painter.drawLine(QPointF(x, self.height() - 6), QPointF(x, self.height() - 1))
        painter.end()


class TimelineDock(QgsDockWidget):
    def __init__(self, controller: SeriesController, parent: QWidget | None = None) -> None:
        super().__init__(tr("Timeline"), parent)
        self.setObjectName(OBJECT_NAME)
        self.controller = controller
        self.origin: dt.datetime | None = None
        self._last_tick = 0.0
        body = QWidget(self)
        layout = QVBoxLayout(body)

        self.instant_label = QLabel(body)
        self.instant_label.setObjectName("instantLabel")
        self.instant_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.instant_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.instant_label.setFont(font)
        layout.addWidget(self.instant_label)
        self.change_label = QLabel(body)
        self.change_label.setObjectName("changeLabel")
        self.change_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        change_row = QHBoxLayout()
        change_row.addStretch(1)
        change_row.addWidget(self.change_label)
        self.compare_combo = QComboBox(body)
        self.compare_combo.setObjectName("compareCombo")
        self.compare_combo.setToolTip(tr("Measure the change from this snapshot"))
        self.compare_combo.currentIndexChanged.connect(self._compare_changed)
        change_row.addWidget(self.compare_combo)
        change_row.addStretch(1)
        layout.addLayout(change_row)

        row = QHBoxLayout()
        pixmaps = QStyle.StandardPixmap
        self.previous_button = self._button(pixmaps.SP_MediaSkipBackward, tr("Previous snapshot (Page Up)"),
                                            lambda: controller.step(-1))
        self.back_button = self._button(pixmaps.SP_MediaSeekBackward, tr("Step back (Left)"),
                                        lambda: self.step_by(-1))
        self.play_button = self._button(pixmaps.SP_MediaPlay, tr("Play or pause (Space)"), self.toggle_play)
        self.play_button.setObjectName("playButton")
        self.forward_button = self._button(pixmaps.SP_MediaSeekForward, tr("Step forward (Right)"),
                                           lambda: self.step_by(1))
        self.next_button = self._button(pixmaps.SP_MediaSkipForward, tr("Next snapshot (Page Down)"),
                                        lambda: controller.step(1))
        self.slider = SnapshotSlider(body)
        self.slider.setObjectName("timelineSlider")
        self.slider.valueChanged.connect(self._slider_moved)
        row.addWidget(self.previous_button)
        row.addWidget(self.back_button)
        row.addWidget(self.play_button)
        row.addWidget(self.forward_button)
        row.addWidget(self.next_button)
        row.addWidget(self.slider, 1)
        layout.addLayout(row)

        settings = PluginSettings.load()
        options = QHBoxLayout()
        self.step_combo = QComboBox(body)
        for label, _delta in STEPS:
            self.step_combo.addItem(label)
        self.step_combo.setCurrentIndex(min(settings.timeline_step, len(STEPS) - 1))
        self.step_combo.setToolTip(tr("Step"))
        self.speed_combo = QComboBox(body)
        for speed in SPEEDS:
            self.speed_combo.addItem(tr("{days} days/s").format(days=f"{speed:g}"), speed)
        self.speed_combo.setCurrentIndex(min(settings.timeline_speed, len(SPEEDS) - 1))
        self.speed_combo.setToolTip(tr("Playing speed"))
        self.loop_check = QCheckBox(tr("Loop"), body)
        self.loop_check.setChecked(settings.timeline_loop)
        self.timing_combo = QComboBox(body)
        self.timing_combo.addItem(tr("Eased (most change mid-week)"), "eased")
        self.timing_combo.addItem(tr("Linear"), "linear")
        self.timing_combo.setCurrentIndex(0 if settings.morph_timing == "eased" else 1)
        self.timing_combo.setToolTip(tr("Pace of the front between snapshots"))
        self.timing_combo.currentIndexChanged.connect(self._timing_changed)
        self.date_edit = instant_edit(body)
        self.go_button = QPushButton(tr("Go"), body)
        self.go_button.setToolTip(tr("Jump to the typed date and time"))
        self.go_button.clicked.connect(self.jump_to_typed)
        self.date_edit.submitted.connect(self.jump_to_typed)
        self.date_hint = QLabel(body)
        self.date_hint.setObjectName("dateHint")
        self.date_hint.setStyleSheet("color: #b00020;")
        self.date_hint.setWordWrap(True)
        self.date_hint.hide()
        for widget in (self.step_combo, self.speed_combo, self.loop_check, self.timing_combo):
            options.addWidget(widget)
        options.addStretch(1)
        options.addWidget(self.date_edit)
        options.addWidget(self.go_button)
        layout.addLayout(options)
        layout.addWidget(self.date_hint)
        for widget in (self.step_combo, self.speed_combo, self.loop_check):
            signal = widget.toggled if isinstance(widget, QCheckBox) else widget.currentIndexChanged
            signal.connect(self._save_settings)

        chart_row = QHBoxLayout()
        self.chart = AreaChart(body)
        chart_row.addWidget(self.chart, 1)
        self.chart_button = QToolButton(body)
        self.chart_button.setText(tr("PNG…"))
        self.chart_button.setToolTip(tr("Save the chart as a PNG image"))
        self.chart_button.clicked.connect(self.ask_save_chart)
        chart_row.addWidget(self.chart_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(chart_row)
        self.setWidget(body)

        self.timer = QTimer(self)
        self.timer.setInterval(PLAY_INTERVAL_MS)
        self.timer.timeout.connect(self._play_tick)
        self.shortcuts = []
        for keys, slot in ((Qt.Key.Key_Space, self.toggle_play), (Qt.Key.Key_Left, lambda: self.step_by(-1)),
                           (Qt.Key.Key_Right, lambda: self.step_by(1)),
                           (Qt.Key.Key_PageUp, lambda: controller.step(-1)),
                           (Qt.Key.Key_PageDown, lambda: controller.step(1))):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
            self.shortcuts.append(shortcut)
        controller.seriesChanged.connect(self.refresh)
        controller.instantChanged.connect(self._show_instant)
        self.refresh()

    def _button(self, pixmap, tip: str, slot) -> QToolButton:
        button = QToolButton(self)
        button.setIcon(self.style().standardIcon(pixmap))
        button.setToolTip(tip)
        button.clicked.connect(slot)
        return button

    # Series and instant ----------------------------------------------------------

    def refresh(self) -> None:
        span = self.controller.span()
        self.origin = span[0] if span else None
        self.slider.blockSignals(True)
        if span:
            self.slider.setRange(0, self._value_of(span[1]))
            self.slider.set_ticks([self._value_of(s.valid_at) for s in self.controller.snapshots()])
        else:
            self.slider.setRange(0, 0)
            self.slider.set_ticks([])
        self.slider.blockSignals(False)
        enabled = span is not None
        for widget in (self.slider, self.previous_button, self.back_button, self.play_button,
                       self.forward_button, self.next_button, self.date_edit, self.go_button):
            widget.setEnabled(enabled)
        if not enabled:
            self.stop()
        self._refresh_compare()
        self._refresh_chart()
        self._show_instant()

    def _refresh_compare(self) -> None:
        self.compare_combo.blockSignals(True)
        self.compare_combo.clear()
        self.compare_combo.addItem(tr("since the previous snapshot"), None)
        series = self.controller.series
        if series is not None:
            for snapshot in series.sorted_snapshots():
                when = format_instant(snapshot.valid_at, series.timezone, current_language(), with_year=False)
                self.compare_combo.addItem(tr("since {when}").format(when=when), snapshot.id)
        self.compare_combo.blockSignals(False)
        self.compare_combo.setEnabled(series is not None)

    def _compare_changed(self) -> None:
        self.controller.compare_with(self.compare_combo.currentData())

    def _value_of(self, instant: dt.datetime) -> int:
        return round((instant - self.origin).total_seconds() / 60 / MINUTES_PER_STEP)

    def _instant_of(self, value: int) -> dt.datetime:
        return self.origin + dt.timedelta(minutes=value * MINUTES_PER_STEP)

    def _show_instant(self) -> None:
        series, instant = self.controller.series, self.controller.instant
        if series is None or instant is None or self.origin is None:
            self.instant_label.setText(tr("No series open"))
            self.change_label.clear()
            self.chart.set_instant(None, {})
            return
        language = current_language()
        when = format_instant(instant, series.timezone, language)
        week = tr("week {n}").format(n=series.week_of(instant))
        self.instant_label.setText(f"{when} · {week}")
        self.change_label.setText(self.controller.change_summary())
        self.slider.blockSignals(True)
        self.slider.setValue(self._value_of(instant))
        self.slider.blockSignals(False)
        set_instant(self.date_edit, instant, ZoneInfo(series.timezone))
        self.chart.set_instant(instant, self.controller.scene.held_now())

    def _refresh_chart(self) -> None:
        series = self.controller.series
        if series is None or self.controller.frames is None:
            self.chart.set_data({}, {}, {})
            return
        lines: dict[str, list] = {side.code: [] for side in series.sides}
        for snapshot in series.sorted_snapshots():
            held = self.controller.scene.held_km2(snapshot)
            for code in lines:
                lines[code].append((snapshot.valid_at, held.get(code, 0.0)))
        language = current_language()
        self.chart.set_data(lines, {s.code: s.colour for s in series.sides},
                            {s.code: s.name(language) for s in series.sides})
        self.chart.set_format(lambda when: format_day(when, series.timezone, language),
                              lambda value: format_number(value, language, decimals=0))

    def _slider_moved(self, value: int) -> None:
        if self.origin is not None:
            self.controller.show_instant(self._instant_of(value))

    # Moving ---------------------------------------------------------------------------

    def step_by(self, direction: int) -> None:
        series = self.controller.series
        if self.controller.instant is not None and series is not None:
            step = STEPS[self.step_combo.currentIndex()][1]
            moved = step_instant(self.controller.instant, direction * step, series.timezone)
            self.controller.show_instant(moved)

    def jump_to_typed(self) -> None:
        """Enter or Go: to the typed instant; one outside the series is refused, saying why."""
        series, span = self.controller.series, self.controller.span()
        if series is None or span is None:
            return
        instant = edited_instant(self.date_edit, ZoneInfo(series.timezone))
        if not span[0] <= instant <= span[1]:
            language = current_language()
            text = tr("{when} is outside the series, which runs from {first} to {last}.")
            self.date_hint.setText(text.format(
                when=format_instant(instant, series.timezone, language),
                first=format_instant(span[0], series.timezone, language),
                last=format_instant(span[1], series.timezone, language)))
            self.date_hint.show()
            return
        self.date_hint.hide()
        self.controller.show_instant(instant)

    def toggle_play(self) -> None:
        if self.timer.isActive():
            self.stop()
        elif self.controller.instant is not None:
            span = self.controller.span()
            if self.controller.instant >= span[1]:
                self.controller.show_instant(span[0])
            self._last_tick = time.monotonic()
            self.timer.start()
            self.play_button.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_MediaPause))

    def stop(self) -> None:
        self.timer.stop()
        self.play_button.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_MediaPlay))

    def _play_tick(self) -> None:
        now = time.monotonic()
        elapsed, self._last_tick = now - self._last_tick, now
        span = self.controller.span()
        if span is None or self.controller.instant is None:
            self.stop()
            return
        days = float(self.speed_combo.currentData()) * min(elapsed, 0.5)
        target = self.controller.instant + dt.timedelta(days=days)
        if target >= span[1]:
            if self.loop_check.isChecked():
                target = span[0]
            else:
                self.controller.show_instant(span[1])
                self.stop()
                return
        self.controller.show_instant(target)

    def _timing_changed(self) -> None:
        timing = str(self.timing_combo.currentData())
        self._save_settings()
        self.controller.set_timing(timing)

    def _save_settings(self) -> None:
        settings = PluginSettings.load()
        settings.timeline_step = self.step_combo.currentIndex()
        settings.timeline_speed = self.speed_combo.currentIndex()
        settings.timeline_loop = self.loop_check.isChecked()
        settings.morph_timing = str(self.timing_combo.currentData())
        settings.save()

    def ask_save_chart(self) -> None:
        from pathlib import Path

        from ..export.settings import ExportSettings

        settings = ExportSettings.load()
        path, _filter = QFileDialog.getSaveFileName(self, tr("Save chart"), settings.folder,
                                                    tr("PNG images (*.png)"))
        if path and self.chart.save_png(path):
            settings.folder = str(Path(path).parent)
            settings.save()
