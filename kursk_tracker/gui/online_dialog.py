"""Import → From DeepStateMap (online)…: which days, at what time, into which series, from where.

The choices are remembered in the settings registry (OnlineSettings); the
cache of raw answers is shown with its size and can be cleared here.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsProject
from qgis.PyQt.QtCore import QDate, QTime
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from ..core.series import Series
from ..online.history import update_start
from ..online.task import at_time, snapshot_cache
from ..online.update import DEFAULT_TIMEZONE, UpdateRequest
from ..store.backend import SeriesStore, open_store
from ..toolbelt.i18n import tr
from ..toolbelt.settings import OnlineSettings
from .series_target import SeriesTarget


def parse_area(text: str) -> tuple[float, float, float, float] | None:
    """ "xmin,ymin,xmax,ymax" (WGS84) as a box; None for empty or unreadable text."""
    try:
        values = [float(part) for part in text.replace(";", ",").split(",") if part.strip()]
    except ValueError:
        return None
    if len(values) != 4 or values[0] >= values[2] or values[1] >= values[3]:
        return None
    return values[0], values[1], values[2], values[3]


class OnlineDialog(QDialog):
    """Asks for an UpdateRequest; `request()` and `base_url()` after it was accepted."""

    def __init__(
        self,
        current: tuple[Series, SeriesStore] | None,
        canvas=None,
        parent: QWidget | None = None,
        last_folder: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("From DeepStateMap (online)"))
        self.setObjectName("KurskTrackerOnlineDialog")
        self.current = current
        self.canvas = canvas
        self.last_folder = last_folder
        settings = OnlineSettings.load()
        layout = QVBoxLayout(self)
        form = QFormLayout()

        named = (current[0].name("en"), current[1]) if current is not None else None
        self.series_target = SeriesTarget(named, last_folder, self, "online")
        self.series_target.changed.connect(self._show_days)
        form.addRow(tr("Into"), self.series_target)

        self.update_radio = QRadioButton(tr("Update to today, from the series' last snapshot on"), self)
        self.update_radio.setObjectName("onlineUpdateToToday")
        self.range_radio = QRadioButton(tr("These days:"), self)
        self.range_radio.setObjectName("onlineRange")
        form.addRow(tr("Days"), self.update_radio)
        range_row = QHBoxLayout()
        self.from_edit = QDateEdit(self)
        self.from_edit.setObjectName("onlineFrom")
        self.from_edit.setCalendarPopup(True)
        self.from_edit.setDisplayFormat("yyyy-MM-dd")
        self.to_edit = QDateEdit(self)
        self.to_edit.setObjectName("onlineTo")
        self.to_edit.setCalendarPopup(True)
        self.to_edit.setDisplayFormat("yyyy-MM-dd")
        self.to_today = QCheckBox(tr("today"), self)
        self.to_today.setObjectName("onlineToToday")
        self.to_today.toggled.connect(lambda checked: self.to_edit.setEnabled(not checked))
        today = QDate.currentDate()
        self.from_edit.setDate(today.addDays(-28))
        self.to_edit.setDate(today)
        self.to_today.setChecked(True)
        range_row.addWidget(self.range_radio)
        range_row.addWidget(self.from_edit)
        range_row.addWidget(QLabel(tr("to"), self))
        range_row.addWidget(self.to_edit)
        range_row.addWidget(self.to_today)
        range_row.addStretch(1)
        form.addRow("", range_row)

        when_row = QHBoxLayout()
        self.every_combo = QComboBox(self)
        self.every_combo.setObjectName("onlineEvery")
        self.every_combo.addItem(tr("Every day"), "day")
        self.every_combo.addItem(tr("Every week"), "week")
        self.every_combo.setCurrentIndex(max(0, self.every_combo.findData(settings.every)))
        self.at_edit = QTimeEdit(self)
        self.at_edit.setObjectName("onlineAt")
        self.at_edit.setDisplayFormat("HH:mm")
        self.at_edit.setTime(QTime.fromString(at_time(settings.at_time).strftime("%H:%M"), "HH:mm"))
        zone = current[0].timezone if current is not None else DEFAULT_TIMEZONE
        when_row.addWidget(self.every_combo)
        when_row.addWidget(QLabel(tr("the last snapshot at or before"), self))
        when_row.addWidget(self.at_edit)
        self.zone_label = QLabel(zone, self)
        when_row.addWidget(self.zone_label)
        when_row.addStretch(1)
        form.addRow(tr("Snapshots"), when_row)

        area_row = QHBoxLayout()
        self.area_edit = QLineEdit(settings.area_of_interest, self)
        self.area_edit.setObjectName("onlineArea")
        self.area_edit.setPlaceholderText(tr("xmin,ymin,xmax,ymax in degrees; empty: the whole front"))
        extent_button = QPushButton(tr("Map extent"), self)
        extent_button.setEnabled(canvas is not None)
        extent_button.clicked.connect(self.use_map_extent)
        area_row.addWidget(self.area_edit, 1)
        area_row.addWidget(extent_button)
        form.addRow(tr("Area of interest"), area_row)

        self.url_edit = QLineEdit(settings.base_url, self)
        self.url_edit.setObjectName("onlineBaseUrl")
        self.url_edit.setToolTip(tr("The service, a mirror of it, or a server of your own"))
        form.addRow(tr("Service"), self.url_edit)

        self.check_box = QCheckBox(
            tr("On opening a series from DeepStateMap, look for new snapshots (once a day)"), self
        )
        self.check_box.setObjectName("onlineCheckOnOpen")
        self.check_box.setChecked(settings.check_on_open)
        form.addRow("", self.check_box)

        cache_row = QHBoxLayout()
        self.cache_label = QLabel(self)
        self.cache_label.setObjectName("onlineCacheSize")
        clear_button = QPushButton(tr("Clear cache"), self)
        clear_button.setObjectName("onlineClearCache")
        clear_button.clicked.connect(self.clear_cache)
        cache_row.addWidget(self.cache_label, 1)
        cache_row.addWidget(clear_button)
        form.addRow(tr("Cache"), cache_row)
        layout.addLayout(form)
        layout.addWidget(
            QLabel(
                tr(
                    "The data is DeepStateMap's (deepstatemap.live); the series' credit names it. Only "
                    "snapshots the series lacks are fetched, at most two requests a second."
                ),
                self,
            )
        )
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        if ok is not None:
            ok.setText(tr("Fetch"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._show_days()
        self._show_cache()
        self.resize(720, 380)

    # Target -------------------------------------------------------------------

    def target(self) -> Path | str | None:
        return self.series_target.target()

    def set_new_series(self, path: str | Path) -> None:
        self.series_target.set_new_series(path)

    def _last_day(self) -> dt.date | None:
        """The local day of the target's last snapshot (None: a new or empty series)."""
        target = self.target()
        if target is None:
            return None
        if not self.series_target.is_new() and self.current is not None:
            series: Series | None = self.current[0]
        else:
            store = open_store(target)
            series = store.read_series() if store.exists() else None
        if series is None:
            return None
        return update_start({s.valid_at for s in series.snapshots}, series.timezone)

    def _show_days(self) -> None:
        """The update choice follows the target: "update to today" needs a series with snapshots."""
        last = self._last_day()
        self.update_radio.setEnabled(last is not None)
        if last is not None:
            self.update_radio.setText(
                tr("Update to today, from the series' last snapshot ({day}) on").format(day=last.isoformat())
            )
            self.update_radio.setChecked(True)
        else:
            self.update_radio.setText(tr("Update to today, from the series' last snapshot on"))
            self.range_radio.setChecked(True)

    # Area and cache -------------------------------------------------------------

    def use_map_extent(self) -> None:
        if self.canvas is None:
            return
        transform = QgsCoordinateTransform(
            self.canvas.mapSettings().destinationCrs(),
            QgsCoordinateReferenceSystem("EPSG:4326"),
            QgsProject.instance(),
        )
        box = transform.transformBoundingBox(self.canvas.extent())
        self.area_edit.setText(
            ",".join(f"{v:.4f}" for v in (box.xMinimum(), box.yMinimum(), box.xMaximum(), box.yMaximum()))
        )

    def _show_cache(self) -> None:
        cache = snapshot_cache()
        self.cache_label.setText(
            tr("{n} snapshots, {mb} MB in {folder}").format(
                n=len(cache.files()), mb=f"{cache.size() / 1024 / 1024:.1f}", folder=cache.folder
            )
        )

    def clear_cache(self) -> None:
        snapshot_cache().clear()
        self._show_cache()

    # The answer -------------------------------------------------------------------

    def accept(self) -> None:
        if self.target() is None and not self.series_target.choose_new_series():
            return
        self.save()
        super().accept()

    def save(self) -> None:
        OnlineSettings.update(
            base_url=self.base_url(),
            every=self.every_combo.currentData(),
            at_time=self.at_edit.time().toString("HH:mm"),
            area_of_interest=self.area_edit.text().strip(),
            check_on_open=self.check_box.isChecked(),
        )

    def base_url(self) -> str:
        return self.url_edit.text().strip().rstrip("/")

    def request(self) -> UpdateRequest:
        target = self.target()
        if target is None:
            raise ValueError("no series chosen")
        updating = self.update_radio.isChecked() and self.update_radio.isEnabled()
        start = None if updating else self.from_edit.date().toPyDate()
        end = None if updating or self.to_today.isChecked() else self.to_edit.date().toPyDate()
        time = self.at_edit.time()
        return UpdateRequest(
            target=str(target),
            start=start,
            end=end,
            every=str(self.every_combo.currentData()),
            at=dt.time(time.hour(), time.minute()),
            area_of_interest=parse_area(self.area_edit.text()),
        )
