"""The Timeline panel: step through the snapshots of the open series."""

from __future__ import annotations

from qgis.gui import QgsDockWidget
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSlider,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..core.timefmt import format_instant
from ..toolbelt.i18n import current_language, tr
from .controller import SeriesController

OBJECT_NAME = "KurskTrackerTimelineDock"


class TimelineDock(QgsDockWidget):
    def __init__(self, controller: SeriesController, parent: QWidget | None = None) -> None:
        super().__init__(tr("Timeline"), parent)
        self.setObjectName(OBJECT_NAME)
        self.controller = controller
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
        row = QHBoxLayout()
        self.previous_button = QToolButton(body)
        self.previous_button.setText("◀")
        self.previous_button.setToolTip(tr("Previous snapshot"))
        self.previous_button.clicked.connect(lambda: controller.step(-1))
        self.slider = QSlider(Qt.Orientation.Horizontal, body)
        self.slider.setObjectName("timelineSlider")
        self.slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.slider.setTickInterval(1)
        self.slider.setPageStep(1)
        self.slider.valueChanged.connect(self._slider_moved)
        self.next_button = QToolButton(body)
        self.next_button.setText("▶")
        self.next_button.setToolTip(tr("Next snapshot"))
        self.next_button.clicked.connect(lambda: controller.step(1))
        row.addWidget(self.previous_button)
        row.addWidget(self.slider, 1)
        row.addWidget(self.next_button)
        layout.addLayout(row)
        body.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.setWidget(body)
        controller.seriesChanged.connect(self.refresh)
        controller.snapshotChanged.connect(self._show_current)
        self.refresh()

    def refresh(self) -> None:
        snapshots = self.controller.snapshots()
        self.slider.blockSignals(True)
        self.slider.setRange(0, max(0, len(snapshots) - 1))
        self.slider.blockSignals(False)
        for widget in (self.slider, self.previous_button, self.next_button):
            widget.setEnabled(bool(snapshots))
        self._show_current()

    def _show_current(self) -> None:
        series = self.controller.series
        snapshot = self.controller.current_snapshot()
        if series is None or snapshot is None:
            self.instant_label.setText(tr("No series open"))
            return
        language = current_language()
        when = format_instant(snapshot.valid_at, series.timezone, language)
        week = tr("week {n}").format(n=series.week_of(snapshot.valid_at))
        self.instant_label.setText(f"{when} · {week}")
        ids = [s.id for s in self.controller.snapshots()]
        self.slider.blockSignals(True)
        self.slider.setValue(ids.index(snapshot.id))
        self.slider.blockSignals(False)

    def _slider_moved(self, index: int) -> None:
        snapshots = self.controller.snapshots()
        if 0 <= index < len(snapshots):
            self.controller.show_snapshot(snapshots[index].id)
