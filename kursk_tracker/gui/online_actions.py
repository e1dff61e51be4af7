"""The Situation panel's DeepStateMap online actions: the dialog, the update, and the check on opening.

The update runs as the panel's imports do (SeriesSession.run_import_task):
progress bar, Cancel, and the import summary at the end. On opening a
series whose credit names DeepStateMap, a background check (at most once a
day per series, off in the settings) asks the service's history list and,
where the series lacks snapshots, offers "N new snapshots available —
update?" in the message bar; nothing waits for it.
"""

from __future__ import annotations

import datetime as dt

from qgis.core import Qgis
from qgis.PyQt.QtCore import QObject
from qgis.PyQt.QtWidgets import QDialog, QMessageBox, QPushButton, QWidget

from ..layers.session import SeriesSession
from ..online.task import Available, CheckTask, UpdateTask, at_time
from ..online.update import UpdateRequest
from ..store.backend import open_store
from ..toolbelt.dependencies import install_advice, shapely_problem
from ..toolbelt.i18n import tr
from ..toolbelt.jobs import Outcome
from ..toolbelt.log import log
from ..toolbelt.report import message_bar
from ..toolbelt.settings import OnlineSettings, PluginSettings
from .online_dialog import OnlineDialog, parse_area

SERVICE_MARK = "DeepStateMap"
"""A series whose credit names this came from the service."""


class OnlineActions(QObject):
    def __init__(self, panel: QWidget, session: SeriesSession, canvas=None, bar=None) -> None:
        super().__init__(panel)
        self.panel = panel
        self.session = session
        self.canvas = canvas
        self.bar = bar
        self.check: CheckTask | None = None
        self.dialog: OnlineDialog | None = None
        session.seriesOpened.connect(self.series_opened)

    # The dialog -------------------------------------------------------------------

    def ask(self) -> None:
        problem = shapely_problem()
        if problem:
            QMessageBox.warning(self.panel, tr("Kursk Tracker"), f"{problem} {install_advice()}")
            return
        series, store = self.session.series, self.session.store
        current = (series, store) if series is not None and store is not None else None
        self.dialog = OnlineDialog(current, self.canvas, self.panel, PluginSettings.load().last_series_folder)
        try:
            if self.dialog.exec() == QDialog.DialogCode.Accepted:
                self.start(self.dialog.request(), self.dialog.base_url())
        finally:
            self.dialog = None

    def start(self, request: UpdateRequest, base_url: str) -> UpdateTask | None:
        """Fetch in the background into `request.target`, shown as an import in the panel."""
        if self.session.import_task is not None:
            self._bar_message(
                tr("An import is running; try again when it is done."), Qgis.MessageLevel.Warning
            )
            return None
        task = UpdateTask(request, base_url)
        self._mark_checked(task.output)  # the update is today's look at the service
        self.session.run_import_task(task)
        return task

    @staticmethod
    def _mark_checked(location) -> None:
        settings = OnlineSettings.load()
        checks = dict(settings.last_checks)
        checks[open_store(location).location] = dt.date.today().isoformat()
        OnlineSettings.update(last_checks=checks)

    def update_open_series(self) -> UpdateTask | None:
        """ "Update to today" for the open series, with the settings of the last update."""
        store = self.session.store
        if store is None:
            return None
        settings = OnlineSettings.load()
        request = UpdateRequest(
            target=store.location,
            every=settings.every,
            at=at_time(settings.at_time),
            area_of_interest=parse_area(settings.area_of_interest),
        )
        return self.start(request, settings.base_url)

    # The check on opening ------------------------------------------------------------

    def series_opened(self) -> None:
        series, store = self.session.series, self.session.store
        settings = OnlineSettings.load()
        if series is None or store is None or not settings.check_on_open or self.check is not None:
            return
        if SERVICE_MARK not in series.credit and not any(SERVICE_MARK in c for c in series.credits.values()):
            return
        if settings.last_checks.get(store.location) == dt.date.today().isoformat():
            return
        self._mark_checked(store.location)
        task = CheckTask(
            store.location, {s.valid_at for s in series.snapshots}, series.timezone, settings, self._checked
        )
        self.check = task
        task.start()

    def _checked(self, outcome: Outcome) -> None:
        self.check = None
        if outcome.failure:
            log(tr("Looking for new DeepStateMap snapshots failed: {error}").format(error=outcome.failure))
            return
        found = outcome.result
        store = self.session.store
        if not isinstance(found, Available) or not found.count or store is None:
            return
        if store.location != found.location:
            return  # another series was opened meanwhile
        text = (
            tr("1 new snapshot available from DeepStateMap — update?")
            if found.count == 1
            else tr("{n} new snapshots available from DeepStateMap — update?").format(n=found.count)
        )
        bar = self.bar or message_bar()
        if bar is None:
            return
        item = bar.createMessage(tr("Kursk Tracker"), text)
        if item is None:
            return
        item.setObjectName("onlineUpdateOffer")
        button = QPushButton(tr("Update"), item)
        button.setObjectName("onlineUpdateButton")

        def update() -> None:
            bar.popWidget(item)
            self.update_open_series()

        button.clicked.connect(update)
        layout = item.layout()
        if layout is not None:
            layout.addWidget(button)
        bar.pushWidget(item, Qgis.MessageLevel.Info, 0)

    def stop(self) -> None:
        task, self.check = self.check, None
        if task is not None:
            task.stop(5000)

    def _bar_message(self, text: str, level: Qgis.MessageLevel) -> None:
        bar = self.bar or message_bar()
        if bar is not None:
            bar.pushMessage(tr("Kursk Tracker"), text, level, 10)
