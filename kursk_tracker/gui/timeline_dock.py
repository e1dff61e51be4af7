"""The Timeline panel: slide, play and step through a series; the front moves smoothly between snapshots."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo

from qgis.gui import QgsDockWidget
from qgis.PyQt.QtCore import QEvent, Qt
from qgis.PyQt.QtGui import QKeySequence
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..core.timefmt import format_day, format_instant, step_instant
from ..core.timings import TIMINGS
from ..core.wording import format_number
from ..layers.session import SeriesSession
from ..toolbelt.i18n import current_language, tr
from ..toolbelt.qtcompat import QShortcut
from ..toolbelt.settings import ExportSettings, PluginSettings, TimelineSettings
from .area_chart import AreaChart
from .frame_pacer import FramePacer
from .timings import timing_texts
from .widgets import SnapshotSlider, edited_instant, instant_edit, set_instant

OBJECT_NAME = "KurskTrackerTimelineDock"
MINUTES_PER_STEP = 10
"""The slider's resolution."""

CHART_HEIGHT = 96

KEYS = {
    "previous": ("PgUp", Qt.Key.Key_PageUp),
    "back": ("Left", Qt.Key.Key_Left),
    "play": ("Space", Qt.Key.Key_Space),
    "forward": ("Right", Qt.Key.Key_Right),
    "next": ("PgDown", Qt.Key.Key_PageDown),
}
"""Per action: its key in this panel (Qt's portable name) and that key; with Ctrl in the map canvas too.

The map canvas itself pans with the arrow keys and Space and zooms with Page Up and
Page Down, whatever the modifiers; QGIS binds none of these with Ctrl elsewhere."""


STEPS = (
    ("1 h", dt.timedelta(hours=1)),
    ("6 h", dt.timedelta(hours=6)),
    ("1 d", dt.timedelta(days=1)),
    ("7 d", dt.timedelta(days=7)),
)
SPEEDS = (0.5, 1.0, 2.0, 4.0, 7.0)
"""Days of the series per second of playing."""


class TimelineDock(QgsDockWidget):
    def __init__(self, session: SeriesSession, parent: QWidget | None = None, canvas=None) -> None:
        """`canvas`: the map the Timeline plays on (frames follow its renders, its keys move the timeline)."""
        super().__init__(tr("Timeline"), parent)
        self.setObjectName(OBJECT_NAME)
        self.session = session
        self.canvas = canvas
        self.origin: dt.datetime | None = None
        body = QWidget(self)
        layout = QHBoxLayout(body)
        layout.setContentsMargins(4, 2, 4, 2)
        controls = QVBoxLayout()
        controls.setSpacing(2)
        layout.addLayout(controls, 3)

        header = QHBoxLayout()
        self.instant_label = QLabel(body)
        self.instant_label.setObjectName("instantLabel")
        font = self.instant_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.instant_label.setFont(font)
        header.addWidget(self.instant_label)
        header.addStretch(1)
        controls.addLayout(header)
        # The change and what it is measured from on a line of their own: beside a long
        # German date the comparison's choice was squeezed to "seit dem…".
        header = QHBoxLayout()
        self.change_label = QLabel(body)
        self.change_label.setObjectName("changeLabel")
        header.addWidget(self.change_label)
        self.compare_combo = QComboBox(body)
        self.compare_combo.setObjectName("compareCombo")
        self.compare_combo.setToolTip(tr("Measure the change from this snapshot"))
        self.compare_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.compare_combo.currentIndexChanged.connect(self._compare_changed)
        header.addWidget(self.compare_combo)
        header.addStretch(1)
        controls.addLayout(header)

        row = QHBoxLayout()
        pixmaps = QStyle.StandardPixmap
        self.previous_button = self._button(
            pixmaps.SP_MediaSkipBackward, tr("Previous snapshot"), KEYS["previous"], lambda: session.step(-1)
        )
        self.back_button = self._button(
            pixmaps.SP_MediaSeekBackward, tr("Step back"), KEYS["back"], lambda: self.step_by(-1)
        )
        self.play_button = self._button(
            pixmaps.SP_MediaPlay, tr("Play or pause"), KEYS["play"], self.toggle_play
        )
        self.play_button.setObjectName("playButton")
        self.forward_button = self._button(
            pixmaps.SP_MediaSeekForward, tr("Step forward"), KEYS["forward"], lambda: self.step_by(1)
        )
        self.next_button = self._button(
            pixmaps.SP_MediaSkipForward, tr("Next snapshot"), KEYS["next"], lambda: session.step(1)
        )
        self.slider = SnapshotSlider(body)
        self.slider.setObjectName("timelineSlider")
        self.slider.valueChanged.connect(self._slider_moved)
        for button in (
            self.previous_button,
            self.back_button,
            self.play_button,
            self.forward_button,
            self.next_button,
        ):
            row.addWidget(button)
        row.addWidget(self.slider, 1)
        controls.addLayout(row)

        settings = PluginSettings.load()
        options = QHBoxLayout()
        self.date_edit = instant_edit(body)
        self.date_edit.setToolTip(tr("Date and time to jump to (Enter or Go)"))
        self.go_button = QPushButton(tr("Go"), body)
        self.go_button.setToolTip(tr("Jump to the typed date and time"))
        self.go_button.clicked.connect(self.jump_to_typed)
        self.date_edit.submitted.connect(self.jump_to_typed)
        self.step_combo = QComboBox(body)
        for label, _delta in STEPS:
            self.step_combo.addItem(label)
        self.step_combo.setCurrentIndex(min(settings.timeline_step, len(STEPS) - 1))
        self.step_combo.setToolTip(tr("Step of the step buttons"))
        self.speed_combo = QComboBox(body)
        for speed in SPEEDS:
            self.speed_combo.addItem(tr("{days} days/s").format(days=f"{speed:g}"), speed)
        self.speed_combo.setCurrentIndex(min(settings.timeline_speed, len(SPEEDS) - 1))
        self.speed_combo.setToolTip(tr("Playing speed: days of the series per second"))
        self.loop_check = QCheckBox(tr("Loop"), body)
        self.loop_check.setToolTip(tr("Play again from the start at the end"))
        self.loop_check.setChecked(settings.timeline_loop)
        self.timing_combo = QComboBox(body)
        self.timing_combo.setObjectName("timingCombo")
        for timing in TIMINGS:
            label, meaning = timing_texts()[timing]
            self.timing_combo.addItem(label, timing)
            self.timing_combo.setItemData(self.timing_combo.count() - 1, meaning, Qt.ItemDataRole.ToolTipRole)
        self.timing_combo.setCurrentIndex(max(0, self.timing_combo.findData(session.timing)))
        self.timing_combo.currentIndexChanged.connect(self._timing_changed)
        self.chart_button = QToolButton(body)
        self.chart_button.setObjectName("chartToggle")
        self.chart_button.setText(tr("Chart"))
        self.chart_button.setCheckable(True)
        self.chart_button.setToolTip(tr("Show or hide the chart of the area each side holds"))
        self.png_button = QToolButton(body)
        self.png_button.setText(tr("PNG…"))
        self.png_button.setToolTip(tr("Save the chart as a PNG image"))
        self.png_button.clicked.connect(self.ask_save_chart)
        for widget in (
            self.date_edit,
            self.go_button,
            self.step_combo,
            self.speed_combo,
            self.loop_check,
            self.timing_combo,
        ):
            options.addWidget(widget)
        options.addStretch(1)
        options.addWidget(self.chart_button)
        options.addWidget(self.png_button)
        controls.addLayout(options)
        self.date_hint = QLabel(body)
        self.date_hint.setObjectName("dateHint")
        self.date_hint.setStyleSheet("color: #b00020;")
        self.date_hint.setWordWrap(True)
        self.date_hint.hide()
        controls.addWidget(self.date_hint)
        controls.addStretch(1)
        for widget in (self.step_combo, self.speed_combo, self.loop_check):
            signal = widget.toggled if isinstance(widget, QCheckBox) else widget.currentIndexChanged
            signal.connect(self._save_settings)

        # The chart beside the controls, not under them: the map keeps its height.
        self.chart = AreaChart(body)
        self.chart.setMinimumHeight(CHART_HEIGHT)
        self.chart.setMaximumHeight(CHART_HEIGHT + 40)
        self.chart.setMinimumWidth(220)
        layout.addWidget(self.chart, 2, Qt.AlignmentFlag.AlignTop)
        self.chart_button.toggled.connect(self._show_chart)
        self.chart_button.setChecked(TimelineSettings.load().show_chart)
        self._show_chart(self.chart_button.isChecked())
        self.setWidget(body)

        self.player = FramePacer(self._play_frame, canvas, self, lambda: self.session.instant)
        self.player.set_speed(float(self.speed_combo.currentData()))
        self.speed_combo.currentIndexChanged.connect(
            lambda _index: self.player.set_speed(float(self.speed_combo.currentData()))
        )
        self.timer = self.player.timer
        self.shortcuts = []
        for name, slot in self._actions().items():
            for keys in (KEYS[name][0], "Ctrl+" + KEYS[name][0]):
                shortcut = QShortcut(QKeySequence(keys), self)
                shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                shortcut.activated.connect(slot)
                self.shortcuts.append(shortcut)
        if canvas is not None:
            canvas.installEventFilter(self)
        session.seriesChanged.connect(self.refresh)
        session.instantChanged.connect(self._show_instant)
        self.refresh()

    def _actions(self) -> dict[str, Callable[[], None]]:
        return {
            "previous": lambda: self.session.step(-1),
            "back": lambda: self.step_by(-1),
            "play": self.toggle_play,
            "forward": lambda: self.step_by(1),
            "next": lambda: self.session.step(1),
        }

    def _button(self, pixmap, what: str, keys: tuple, slot) -> QToolButton:
        button = QToolButton(self)
        button.setIcon(self.style().standardIcon(pixmap))
        panel_key, map_key = (
            QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText)
            for k in (keys[0], "Ctrl+" + keys[0])
        )
        button.setToolTip(
            tr("{what} ({panel_key} in this panel, {map_key} in the map or this panel)").format(
                what=what, panel_key=panel_key, map_key=map_key
            )
        )
        button.clicked.connect(slot)
        return button

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt)
        """The map canvas's keys: Ctrl with the panel's keys moves the timeline (plain ones pan and zoom)."""
        if watched is self.canvas and event.type() == QEvent.Type.KeyPress and self.origin is not None:
            modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if modifiers == Qt.KeyboardModifier.ControlModifier:
                for name, slot in self._actions().items():
                    if event.key() == KEYS[name][1]:
                        if not (name == "play" and event.isAutoRepeat()):
                            slot()
                        event.accept()
                        return True
        return super().eventFilter(watched, event)

    def _show_chart(self, shown: bool) -> None:
        self.chart.setVisible(shown)
        self.png_button.setEnabled(shown)
        TimelineSettings.update(show_chart=shown)

    # Series and instant ----------------------------------------------------------

    def refresh(self) -> None:
        span = self.session.span()
        self.origin = span[0] if span else None
        self.slider.blockSignals(True)
        if span:
            self.slider.setRange(0, self._value_of(span[1]))
            self.slider.set_ticks([self._value_of(s.valid_at) for s in self.session.snapshots()])
        else:
            self.slider.setRange(0, 0)
            self.slider.set_ticks([])
        self.slider.blockSignals(False)
        enabled = span is not None
        for widget in (
            self.slider,
            self.previous_button,
            self.back_button,
            self.play_button,
            self.forward_button,
            self.next_button,
            self.date_edit,
            self.go_button,
        ):
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
        series = self.session.series
        if series is not None:
            for snapshot in series.sorted_snapshots():
                when = format_instant(snapshot.valid_at, series.timezone, current_language(), with_year=False)
                self.compare_combo.addItem(tr("since {when}").format(when=when), snapshot.id)
        self.compare_combo.setCurrentIndex(max(0, self.compare_combo.findData(self.session.comparing)))
        self.timing_combo.blockSignals(True)
        self.timing_combo.setCurrentIndex(max(0, self.timing_combo.findData(self.session.timing)))
        self.timing_combo.blockSignals(False)
        self.compare_combo.blockSignals(False)
        self.compare_combo.setEnabled(series is not None)

    def _compare_changed(self) -> None:
        self.session.compare_with(self.compare_combo.currentData())

    def _origin(self) -> dt.datetime:
        """The slider's 0, the series' first instant; its callers check a series is open."""
        if self.origin is None:
            raise RuntimeError("The Timeline has no series")
        return self.origin

    def _value_of(self, instant: dt.datetime) -> int:
        return round((instant - self._origin()).total_seconds() / 60 / MINUTES_PER_STEP)

    def _instant_of(self, value: int) -> dt.datetime:
        return self._origin() + dt.timedelta(minutes=value * MINUTES_PER_STEP)

    def _show_instant(self) -> None:
        scene, series, instant = self.session.scene, self.session.series, self.session.instant
        # The series and its instant come from the scene: all three are there or none of them.
        if scene is None or series is None or instant is None or self.origin is None:
            self.instant_label.setText(tr("No series open"))
            self.change_label.clear()
            self.chart.set_instant(None, {})
            return
        language = current_language()
        when = format_instant(instant, series.timezone, language)
        week = tr("week {n}").format(n=series.week_of(instant))
        self.instant_label.setText(f"{when} · {week}")
        self.change_label.setText(self.session.change_summary())
        self.slider.blockSignals(True)
        self.slider.setValue(self._value_of(instant))
        self.slider.blockSignals(False)
        set_instant(self.date_edit, instant, ZoneInfo(series.timezone))
        self.chart.set_instant(instant, scene.held_now())

    def _refresh_chart(self) -> None:
        scene, series = self.session.scene, self.session.series
        # The series comes from the scene: both are there or neither.
        if scene is None or series is None or self.session.frames is None:
            self.chart.set_data({}, {}, {})
            return
        lines: dict[str, list] = {side.code: [] for side in series.sides}
        for snapshot in series.sorted_snapshots():
            held = scene.held_km2(snapshot)
            for code in lines:
                lines[code].append((snapshot.valid_at, held.get(code, 0.0)))
        language = current_language()
        self.chart.set_data(
            lines, {s.code: s.colour for s in series.sides}, {s.code: s.name(language) for s in series.sides}
        )
        self.chart.set_format(
            lambda when: format_day(when, series.timezone, language),
            lambda value: format_number(value, language, decimals=0),
        )

    def _slider_moved(self, value: int) -> None:
        if self.origin is not None:
            self.session.show_instant(self._instant_of(value))

    # Moving ---------------------------------------------------------------------------

    def step_by(self, direction: int) -> None:
        series = self.session.series
        if self.session.instant is not None and series is not None:
            step = STEPS[self.step_combo.currentIndex()][1]
            moved = step_instant(self.session.instant, direction * step, series.timezone)
            self.session.show_instant(moved)

    def jump_to_typed(self) -> None:
        """Enter or Go: to the typed instant; one outside the series is refused, saying why."""
        series, span = self.session.series, self.session.span()
        if series is None or span is None:
            return
        instant = edited_instant(self.date_edit, ZoneInfo(series.timezone))
        if not span[0] <= instant <= span[1]:
            language = current_language()
            text = tr("{when} is outside the series, which runs from {first} to {last}.")
            self.date_hint.setText(
                text.format(
                    when=format_instant(instant, series.timezone, language),
                    first=format_instant(span[0], series.timezone, language),
                    last=format_instant(span[1], series.timezone, language),
                )
            )
            self.date_hint.show()
            return
        self.date_hint.hide()
        self.session.show_instant(instant)

    def toggle_play(self) -> None:
        if self.player.is_active():
            self.stop()
        elif self.session.instant is not None and (span := self.session.span()) is not None:
            # An instant and a span both come with an open series.
            if self.session.instant >= span[1]:
                self.session.show_instant(span[0])
            self.session.set_playing(True)
            self.player.start(self.session.instant)
            self.play_button.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_MediaPause))

    def stop(self) -> None:
        self.player.stop()
        self.play_button.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_MediaPlay))
        self.session.set_playing(False)

    def _play_tick(self) -> None:
        self.player.tick()

    def _play_frame(self, target: dt.datetime) -> dt.datetime | None:
        """One frame of playing: the instant shown (from the start after a loop), None at the end."""
        span = self.session.span()
        if span is None or self.session.instant is None:
            return None
        if target >= span[1]:
            if not self.loop_check.isChecked():
                self.session.show_instant(span[1])
                return None
            target = span[0]
        self.session.show_instant(target)
        return self.session.instant

    def _timing_changed(self) -> None:
        timing = str(self.timing_combo.currentData())
        self.timing_combo.setToolTip(self._timing_tip())
        self.session.set_timing(timing)

    def _timing_tip(self) -> str:
        texts = timing_texts()
        return "\n".join(f"{texts[timing][0]}: {texts[timing][1]}" for timing in TIMINGS)

    def _save_settings(self) -> None:
        settings = PluginSettings.load()
        settings.timeline_step = self.step_combo.currentIndex()
        settings.timeline_speed = self.speed_combo.currentIndex()
        settings.timeline_loop = self.loop_check.isChecked()
        settings.save()

    def ask_save_chart(self) -> None:
        from pathlib import Path

        settings = ExportSettings.load()
        path, _filter = QFileDialog.getSaveFileName(
            self, tr("Save chart"), settings.folder, tr("PNG images (*.png)")
        )
        if path and self.chart.save_png(path):
            settings.folder = str(Path(path).parent)
            settings.save()
