"""The Situation layers panel: the open series and its snapshots."""

from __future__ import annotations

import html

from qgis.gui import QgsDockWidget
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.timefmt import format_instant
from ..toolbelt.i18n import current_language, tr
from .controller import SeriesController

OBJECT_NAME = "KurskTrackerSituationDock"


class SituationDock(QgsDockWidget):
    def __init__(self, controller: SeriesController, open_series, open_sample,
                 parent: QWidget | None = None) -> None:
        super().__init__(tr("Situation layers"), parent)
        self.setObjectName(OBJECT_NAME)
        self.controller = controller
        body = QWidget(self)
        layout = QVBoxLayout(body)
        self.heading = QLabel(body)
        self.heading.setObjectName("seriesHeading")
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        buttons = QHBoxLayout()
        self.open_button = QPushButton(tr("Open series…"), body)
        self.open_button.clicked.connect(open_series)
        self.sample_button = QPushButton(tr("Open sample series"), body)
        self.sample_button.clicked.connect(open_sample)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.sample_button)
        layout.addLayout(buttons)
        self.table = QTreeWidget(body)
        self.table.setObjectName("snapshotList")
        self.table.setRootIsDecorated(False)
        self.table.setAlternatingRowColors(True)
        self.table.setHeaderLabels([tr("Date"), tr("Week"), tr("Title"), tr("Source")])
        self.table.currentItemChanged.connect(self._current_changed)
        layout.addWidget(self.table, 1)
        self.caption = QLabel(body)
        self.caption.setObjectName("snapshotCaption")
        self.caption.setWordWrap(True)
        self.caption.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.caption)
        self.setWidget(body)
        controller.seriesChanged.connect(self.refresh)
        controller.snapshotChanged.connect(self._select_current)
        self.refresh()

    def refresh(self) -> None:
        self.table.blockSignals(True)
        self.table.clear()
        series = self.controller.series
        if series is None:
            self.heading.setText(tr("No series open. Open a series GeoPackage or the sample series."))
        else:
            language = current_language()
            text = f"<b>{series.name(language)}</b> — " + tr("{n} snapshots").format(
                n=len(series.snapshots)
            )
            if series.illustrative:
                text += "<br/><i>" + tr("Illustrative data, not ground truth.") + "</i>"
            self.heading.setText(text)
            for snap in series.sorted_snapshots():
                item = QTreeWidgetItem([
                    format_instant(snap.valid_at, series.timezone, language),
                    str(series.week_of(snap.valid_at)),
                    snap.title,
                    snap.source,
                ])
                item.setData(0, Qt.ItemDataRole.UserRole, snap.id)
                item.setToolTip(2, snap.caption or snap.title)
                item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.addTopLevelItem(item)
            for column in range(2):
                self.table.resizeColumnToContents(column)
        self.table.blockSignals(False)
        self._select_current()

    def _select_current(self) -> None:
        snapshot = self.controller.current_snapshot()
        self._show_caption(snapshot)
        self.table.blockSignals(True)
        self.table.clearSelection()
        for index in range(self.table.topLevelItemCount()):
            item = self.table.topLevelItem(index)
            if snapshot is not None and item.data(0, Qt.ItemDataRole.UserRole) == snapshot.id:
                self.table.setCurrentItem(item)
                self.table.scrollToItem(item)
        self.table.blockSignals(False)

    def _show_caption(self, snapshot) -> None:
        if snapshot is None:
            self.caption.clear()
            return
        parts = [f"<b>{html.escape(snapshot.title)}</b>" if snapshot.title else "",
                 html.escape(snapshot.caption)]
        self.caption.setText("<br/>".join(p for p in parts if p))

    def _current_changed(self, item: QTreeWidgetItem | None, _previous) -> None:
        if item is not None:
            self.controller.show_snapshot(int(item.data(0, Qt.ItemDataRole.UserRole)))
