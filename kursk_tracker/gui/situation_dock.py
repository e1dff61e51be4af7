"""The Situation layers panel: the open series, its snapshots, imports and edits."""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path
from zoneinfo import ZoneInfo

from qgis.gui import QgsDockWidget
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import KurskTrackerError
from ..core.import_result import Level
from ..core.series import Snapshot
from ..core.timefmt import format_instant, format_short
from ..core.wording import format_number
from ..importers.registry import FORMATS, format_names
from ..layers.import_task import ImportOutcome
from ..layers.session import SeriesSession
from ..store.backend import open_store
from ..toolbelt.dependencies import install_advice, shapely_problem
from ..toolbelt.i18n import current_language, tr
from ..toolbelt.log import log
from ..toolbelt.settings import PluginSettings
from .import_report import ImportReport, import_report
from .online_actions import OnlineActions
from .widgets import InstantEdit, edited_instant, instant_edit, ok_cancel, set_instant, zone_label

OBJECT_NAME = "KurskTrackerSituationDock"


class SituationDock(QgsDockWidget):
    def __init__(
        self,
        session: SeriesSession,
        open_series,
        open_sample,
        parent: QWidget | None = None,
        canvas=None,
        message_bar=None,
    ) -> None:
        super().__init__(tr("Situation layers"), parent)
        self.setObjectName(OBJECT_NAME)
        self.session = session
        self.canvas = canvas
        self.message_bar = message_bar
        self.last_report: ImportReport | None = None
        body = QWidget(self)
        layout = QVBoxLayout(body)
        self.heading = QLabel(body)
        self.heading.setObjectName("seriesHeading")
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)

        buttons = QHBoxLayout()
        self.open_series = open_series
        self.open_button = QToolButton(body)
        self.open_button.setObjectName("openButton")
        self.open_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.open_menu = QMenu(self.open_button)
        open_file = self.open_menu.addAction(tr("Open series…"))
        open_file.triggered.connect(lambda _checked=False: open_series())
        self.open_button.setDefaultAction(open_file)
        self.open_menu.addAction(tr("Open PostGIS series…")).triggered.connect(
            lambda _checked=False: self.ask_open_postgis()
        )
        self.open_menu.addAction(tr("New series in PostGIS…")).triggered.connect(
            lambda _checked=False: self.ask_new_postgis()
        )
        self.open_menu.addSeparator()
        self.copy_postgis_action = self.open_menu.addAction(tr("Copy series to PostGIS…"))
        self.copy_postgis_action.triggered.connect(lambda _checked=False: self.ask_copy_to_postgis())
        self.copy_gpkg_action = self.open_menu.addAction(tr("Copy series to GeoPackage…"))
        self.copy_gpkg_action.triggered.connect(lambda _checked=False: self.ask_copy_to_geopackage())
        self.open_button.setMenu(self.open_menu)
        self.sample_button = QPushButton(tr("Open sample series"), body)
        self.sample_button.setObjectName("sampleButton")
        self.sample_button.setToolTip(
            tr(
                "Open the sample series: the 2024 Kursk offensive, week by week "
                "(illustrative, not ground truth)"
            )
        )
        self.sample_button.clicked.connect(open_sample)
        self.import_button = QToolButton(body)
        self.import_button.setObjectName("importButton")
        self.import_button.setText(tr("Import"))
        self.import_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.import_button.setToolTip(
            tr(
                "Import dated situation files into the open series or a new "
                "one; the dialog shows where they go"
            )
        )
        self.import_menu = QMenu(self.import_button)
        names = format_names()
        for key in FORMATS:
            action = self.import_menu.addAction(names[key] + "…")
            action.setData(key)
            action.triggered.connect(lambda _checked=False, k=key: self.ask_import(k))
        self.import_menu.addSeparator()
        self.online = OnlineActions(self, session, canvas, message_bar)
        online = self.import_menu.addAction(tr("From DeepStateMap (online)…"))
        online.setObjectName("importOnline")
        online.triggered.connect(lambda _checked=False: self.online.ask())
        self.import_button.setMenu(self.import_menu)
        for widget in (self.open_button, self.sample_button, self.import_button):
            buttons.addWidget(widget)
        layout.addLayout(buttons)

        self.table = QTreeWidget(body)
        self.table.setObjectName("snapshotList")
        self.table.setRootIsDecorated(False)
        self.table.setAlternatingRowColors(True)
        self.table.currentItemChanged.connect(self._current_changed)
        layout.addWidget(self.table, 1)

        edits = QHBoxLayout()
        self.redate_button = QPushButton(tr("Re-date…"), body)
        self.redate_button.setObjectName("redateButton")
        self.redate_button.setToolTip(tr("Give the selected snapshot another date and time"))
        self.redate_button.clicked.connect(self.ask_redate)
        self.remove_button = QPushButton(tr("Remove"), body)
        self.remove_button.setObjectName("removeButton")
        self.remove_button.setToolTip(tr("Remove the selected snapshot and its features from the series"))
        self.remove_button.clicked.connect(self.ask_remove)
        edits.addWidget(self.redate_button)
        edits.addWidget(self.remove_button)
        edits.addStretch(1)
        layout.addLayout(edits)

        progress_row = QHBoxLayout()
        self.progress = QProgressBar(body)
        self.progress.setObjectName("importProgress")
        self.cancel_button = QPushButton(tr("Cancel"), body)
        self.cancel_button.clicked.connect(self.cancel_import)
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.cancel_button)
        layout.addLayout(progress_row)
        self._show_progress(False)

        self.caption = QLabel(body)
        self.caption.setObjectName("snapshotCaption")
        self.caption.setWordWrap(True)
        self.caption.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.caption)
        self.setWidget(body)
        session.seriesChanged.connect(self.refresh)
        session.snapshotChanged.connect(self._select_current)
        session.changedElsewhere.connect(lambda text: self._report(text, Level.WARNING))
        session.importStarted.connect(self._import_started)
        session.importFinished.connect(self._import_finished)
        session.ask_dates = lambda paths, known: self.ask_dates(paths, known)
        self.refresh()

    def shutdown(self) -> None:
        """The plugin unloads: a check for new DeepStateMap snapshots under way stops."""
        self.online.stop()

    # The list ---------------------------------------------------------------

    def refresh(self) -> None:
        self.table.blockSignals(True)
        self.table.clear()
        series = self.session.series
        has_series = series is not None
        for widget in (self.redate_button, self.remove_button):
            widget.setEnabled(has_series)
        for action in (self.copy_postgis_action, self.copy_gpkg_action):
            action.setEnabled(has_series)
        if series is None:
            self._set_columns([tr("Date"), tr("Week"), tr("Title"), tr("Source")])
            self.heading.setText(
                tr("No series open. Open a series GeoPackage, a PostGIS series or the sample series.")
            )
            self.table.blockSignals(False)
            self._select_current()
            return
        language = current_language()
        sides = series.sides
        # Numbers first, the free text last, so the figures show in a narrow dock.
        self._set_columns(
            [tr("Date"), tr("Week")]
            + [tr("{side} km²").format(side=side.name(language)) for side in sides]
            + [tr("Features"), tr("Title"), tr("Source")]
        )
        count = len(series.snapshots)
        text = f"<b>{html.escape(series.name(language))}</b> — " + (
            tr("1 snapshot") if count == 1 else tr("{n} snapshots").format(n=count)
        )
        store = self.session.store
        counts: dict[int, int] = {}
        if store is not None:
            text += "<br/><small>" + html.escape(store.describe()) + "</small>"
            self.heading.setToolTip(store.location)
            try:
                counts = store.feature_counts()
            except KurskTrackerError as error:
                log(str(error))
        if series.illustrative:
            text += "<br/><i>" + tr("Illustrative data, not ground truth.") + "</i>"
        self.heading.setText(text)
        held = self.session.scene if self.session.frames is not None else None
        for snap in series.sorted_snapshots():
            areas = held.held_km2(snap) if held is not None else None
            row = (
                [format_short(snap.valid_at, series.timezone, language), str(series.week_of(snap.valid_at))]
                + [
                    "" if areas is None else format_number(areas.get(side.code, 0.0), language, decimals=1)
                    for side in sides
                ]
                + [str(counts.get(snap.id, 0)), snap.title_in(language), snap.source]
            )
            item = QTreeWidgetItem(row)
            item.setData(0, Qt.ItemDataRole.UserRole, snap.id)
            item.setToolTip(0, format_instant(snap.valid_at, series.timezone, language))
            item.setToolTip(len(row) - 2, snap.caption_in(language) or snap.title_in(language))
            for column in range(1, len(row) - 2):
                # PyQt5-stubs type Qt flags as int; PyQt6 takes the flag.
                item.setTextAlignment(
                    column,
                    Qt.AlignmentFlag.AlignRight  # type: ignore[arg-type]
                    | Qt.AlignmentFlag.AlignVCenter,
                )
            self.table.addTopLevelItem(item)
        for column in range(self.table.columnCount() - 2):
            self.table.resizeColumnToContents(column)
        self.table.blockSignals(False)
        self._select_current()

    def _set_columns(self, labels: list[str]) -> None:
        """Exactly these columns: setHeaderLabels alone keeps a longer header's extra columns."""
        self.table.setColumnCount(len(labels))
        self.table.setHeaderLabels(labels)

    def _select_current(self) -> None:
        snapshot = self.session.current_snapshot()
        self._show_caption(snapshot)
        self.table.blockSignals(True)
        self.table.clearSelection()
        for index in range(self.table.topLevelItemCount()):
            item = self.table.topLevelItem(index)
            if item is None or snapshot is None:
                continue
            if item.data(0, Qt.ItemDataRole.UserRole) == snapshot.id:
                self.table.setCurrentItem(item)
                self.table.scrollToItem(item)
        self.table.blockSignals(False)

    def _show_caption(self, snapshot) -> None:
        if snapshot is None:
            self.caption.clear()
            return
        language = current_language()
        title = snapshot.title_in(language)
        parts = [f"<b>{html.escape(title)}</b>" if title else "", html.escape(snapshot.caption_in(language))]
        self.caption.setText("<br/>".join(p for p in parts if p))

    def _current_changed(self, item: QTreeWidgetItem | None, _previous) -> None:
        if item is not None:
            self.session.show_snapshot(int(item.data(0, Qt.ItemDataRole.UserRole)))

    # Imports ----------------------------------------------------------------

    def ask_import(self, format_name: str) -> None:
        from .import_dialog import ImportDialog

        problem = shapely_problem()
        if problem:
            QMessageBox.warning(self, tr("Kursk Tracker"), f"{problem} {install_advice()}")
            return
        settings = PluginSettings.load()
        series, store = self.session.series, self.session.store
        sides = [s.code for s in series.sides] if series else ["UA", "RU"]
        current = None if series is None or store is None else (series.name(current_language()), store)
        dialog = ImportDialog(format_name, sides, self.canvas, self, settings.last_series_folder, current)
        target = dialog.target() if dialog.exec() == QDialog.DialogCode.Accepted else None
        if target is None or not dialog.paths():
            return
        # A new series takes the open one's sides and time zone: the same front, another file.
        timezone = series.timezone if series is not None else "Europe/Berlin"
        like = series if dialog.target_is_new() else None
        self.start_import(dialog.paths(), dialog.format_name(), dialog.options(timezone), target, like)

    def start_import(
        self, paths: list[Path], format_name: str, options, output: Path | str, like=None
    ) -> None:
        """Import in the background into the series at `output` (see SeriesSession.start_import)."""
        self.session.start_import(paths, format_name, options, output, like)

    @property
    def task(self):
        """The import running, if any."""
        return self.session.import_task

    def cancel_import(self) -> None:
        self.session.cancel_import()

    def _import_started(self, task) -> None:
        task.progressChanged.connect(lambda value: self.progress.setValue(int(value)))
        self._show_progress(True)

    def _show_progress(self, visible: bool) -> None:
        self.progress.setVisible(visible)
        self.cancel_button.setVisible(visible)
        self.import_button.setEnabled(not visible)
        self.progress.setValue(0)

    def _import_finished(self, outcome: ImportOutcome) -> None:
        self._show_progress(self.session.import_task is not None)  # a second run for dated files
        if outcome.failure:
            self._report(tr("Import failed: {error}").format(error=outcome.failure), Level.ERROR)
            return
        if outcome.cancelled or outcome.result is None or outcome.summary is None:
            self._report(tr("Import cancelled; the series is unchanged."), Level.WARNING)
            return
        report = import_report(
            outcome.result, outcome.summary, outcome.target, outcome.asked, outcome.previous
        )
        self.last_report = report
        if report.problems or report.repairs:
            icon = QMessageBox.Icon.Warning if report.problems else QMessageBox.Icon.Information
            box = QMessageBox(icon, tr("Import"), report.text, parent=self)
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.setDetailedText(report.details)
            box.setObjectName("importReport")
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()
        else:
            self._report(report.text.replace("\n", " "), Level.INFO)

    def ask_dates(self, paths: list[Path], known: list[dt.datetime] | tuple = ()) -> dict[Path, dt.datetime]:
        """Ask the instant of files that carry no date; files left unticked stay out.

        The date fields start from `known`, the dates around them (see `DateDialog`)."""
        from .date_dialog import DateDialog

        timezone = self.session.series.timezone if self.session.series else "Europe/Berlin"
        dialog = DateDialog(paths, timezone, self, known)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return {}
        return dialog.dates()

    def _report(self, text: str, level: Level) -> None:
        log(text)
        if self.message_bar is None:
            return
        if level == Level.ERROR:
            self.message_bar.pushCritical(tr("Kursk Tracker"), text)
        elif level == Level.WARNING:
            self.message_bar.pushWarning(tr("Kursk Tracker"), text)
        else:
            self.message_bar.pushSuccess(tr("Kursk Tracker"), text)

    # Edits ------------------------------------------------------------------

    def ask_redate(self) -> None:
        snapshot = self.session.current_snapshot()
        series = self.session.series
        if snapshot is None or series is None:
            return
        dialog, editor = self.redate_dialog(snapshot)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.redate(snapshot.id, edited_instant(editor, ZoneInfo(series.timezone)))

    def redate_dialog(self, snapshot: Snapshot) -> tuple[QDialog, InstantEdit]:
        """The re-date dialog for `snapshot` and its date field, the zone written as the panel writes it."""
        series = self.session.series
        if series is None:
            raise KurskTrackerError(tr("No series is open."))
        dialog = QDialog(self)
        dialog.setObjectName("redateDialog")
        dialog.setWindowTitle(tr("Re-date snapshot"))
        layout = QVBoxLayout(dialog)
        layout.addWidget(QLabel(tr("New date and time:"), dialog))
        editor = instant_edit(dialog)
        editor.setObjectName("redateEdit")
        set_instant(editor, snapshot.valid_at, ZoneInfo(series.timezone), force=True)
        row = QHBoxLayout()
        row.addWidget(editor, 1)
        zone = zone_label(editor, series.timezone, current_language(), dialog)
        zone.setObjectName("redateZone")
        row.addWidget(zone)
        layout.addLayout(row)
        layout.addWidget(ok_cancel(dialog))
        return dialog, editor

    def redate(self, snapshot_id: int, instant: dt.datetime) -> bool:
        return self._attempt(lambda: self.session.redate(snapshot_id, instant))

    def ask_remove(self) -> None:
        snapshot = self.session.current_snapshot()
        series = self.session.series
        if snapshot is None or series is None:
            return
        when = format_instant(snapshot.valid_at, series.timezone, current_language())
        answer = QMessageBox.question(
            self,
            tr("Remove snapshot"),
            tr("Remove the snapshot of {when} and its features from the series?").format(when=when),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.remove(snapshot.id)

    def remove(self, snapshot_id: int) -> bool:
        return self._attempt(lambda: self.session.remove(snapshot_id))

    def _attempt(self, action) -> bool:
        """Carry out a change; its refusal goes to the message bar."""
        try:
            action()
        except KurskTrackerError as error:
            self._report(str(error), Level.ERROR)
            return False
        return True

    # PostGIS ----------------------------------------------------------------

    def _postgis_dialog(self, mode: str) -> str | None:
        from .postgis_dialog import PostgisSeriesDialog

        dialog = PostgisSeriesDialog(mode, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.location()

    def ask_open_postgis(self) -> None:
        location = self._postgis_dialog("open")
        if location:
            self.open_series(location)

    def ask_new_postgis(self) -> None:
        location = self._postgis_dialog("new")
        if location and self.create_series(location):
            self.open_series(location)

    def create_series(self, location: str) -> bool:
        """An empty series at `location`; refused where a series is already there."""
        from ..store.operations import create_empty_series

        return self._attempt(lambda: create_empty_series(location))

    def ask_copy_to_postgis(self) -> None:
        location = self._postgis_dialog("copy")
        if location and self.copy_to(location):
            answer = QMessageBox.question(
                self,
                tr("Copy series to PostGIS"),
                tr(
                    "The series was copied to {where}. Open the copy now, to work on it with your team?"
                ).format(where=open_store(location).describe()),
            )
            if answer == QMessageBox.StandardButton.Yes:
                self.open_series(location)

    def ask_copy_to_geopackage(self) -> None:
        settings = PluginSettings.load()
        path, _filter = QFileDialog.getSaveFileName(
            self,
            tr("Copy series to GeoPackage"),
            settings.last_series_folder,
            tr("Series GeoPackage (*.gpkg)"),
        )
        if path:
            self.copy_to(path if path.lower().endswith(".gpkg") else path + ".gpkg", replace=True)

    def copy_to(self, location: str | Path, replace: bool = False) -> bool:
        """Copy the open series to `location` (a GeoPackage or a PostGIS schema)."""
        where: list[str] = []
        if not self._attempt(lambda: where.append(self.session.copy_to(location, replace=replace))):
            return False
        self._report(tr("Series copied to {where}.").format(where=where[0]), Level.INFO)
        return True
