"""The series session: the open series in the project, the shown instant, and the changes made to it.

What the map shows at an instant is the scene's business (scene.py); the
session opens and closes series in the project, writes its state into the
project file, carries out the edits the panels ask for and tells the docks.
The panels hold no series logic of their own.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import TYPE_CHECKING

from qgis.core import QgsProject
from qgis.PyQt.QtCore import QObject, Qt, QTimer, pyqtSignal

from ..core.errors import KurskTrackerError
from ..core.series import Series, Snapshot, snapshot_at_offset
from ..core.timings import TIMINGS
from ..store.backend import SeriesStore, Versions, open_store
from ..store.sample import sample_working_copy
from ..toolbelt.compat import required
from ..toolbelt.i18n import current_language, tr
from ..toolbelt.log import log
from ..toolbelt.paths import user_data_dir
from ..toolbelt.settings import TimelineSettings
from .import_task import AskDates, ImportOutcome, ImportTask
from .project_state import preview_timing, restore_state, saved_instant, scene_of, write_state
from .scene import SeriesScene
from .series_layers import SeriesLayers

if TYPE_CHECKING:
    from ..core.import_result import ImportResult
    from ..importers.base import ImportOptions


class SeriesSession(QObject):
    """Opens series into the project and says which instant and snapshot are shown."""

    seriesChanged = pyqtSignal()  # noqa: N815 (Qt naming)
    seriesOpened = pyqtSignal()  # noqa: N815 — a series newly opened (not reloaded): frame the map
    snapshotChanged = pyqtSignal()  # noqa: N815 — the snapshot in force changed
    instantChanged = pyqtSignal()  # noqa: N815
    changedElsewhere = pyqtSignal(str)  # noqa: N815 — another user changed the open series; reloaded
    playingChanged = pyqtSignal(bool)  # noqa: N815 — the timeline started or stopped playing
    layersLeaving = pyqtSignal()  # noqa: N815 — the series' layers are about to leave the project
    importStarted = pyqtSignal(object)  # noqa: N815 — an ImportTask (progressChanged, cancel) has begun
    importFinished = pyqtSignal(object)  # noqa: N815 — an ImportOutcome

    def __init__(self, project: QgsProject | None = None) -> None:
        super().__init__()
        self.project: QgsProject = project or required(QgsProject.instance(), "project")
        self.scene: SeriesScene | None = None
        self.versions: Versions = {}
        """Snapshot versions read with the open series; a later re-date or removal is checked against them."""
        self._check_timer = QTimer(self)
        self._check_timer.setSingleShot(True)
        self._check_timer.setInterval(300)
        self._check_timer.timeout.connect(self.check_for_changes)
        self.playing = False
        """The timeline plays: frames follow each other as fast as the map draws them."""
        self.import_task: ImportTask | None = None
        self.ask_dates: AskDates | None = None
        """Who asks the user for missing dates (the Situation panel's dialog); None: such files stay out."""

    @property
    def current(self) -> SeriesLayers | None:
        return None if self.scene is None else self.scene.loaded

    @property
    def series(self) -> Series | None:
        return None if self.scene is None else self.scene.series

    @property
    def instant(self) -> dt.datetime | None:
        return None if self.scene is None else self.scene.instant

    @property
    def frames(self):
        return None if self.scene is None else self.scene.frames

    @property
    def live(self):
        return None if self.scene is None else self.scene.live

    # Opening -------------------------------------------------------------------

    def open_series(
        self, location: str | os.PathLike[str] | SeriesStore, reloading: bool = False
    ) -> SeriesLayers:
        """Replace the open series with the one at `location` (a GeoPackage path or a postgis: location)."""
        store = open_store(location)
        content = store.read_content()  # read once; a clear error while the open series is still shown
        self.close_series(emit=False)
        self.scene = SeriesScene.open(
            store, self.project, current_language(), preview_timing(), content=content
        )
        self.versions = self._read_versions(store)
        self._watch()
        self._precompute()
        self.seriesChanged.emit()
        self._show_initial_instant()
        if not reloading:
            self.seriesOpened.emit()
        return self.scene.loaded

    @property
    def store(self) -> SeriesStore | None:
        return None if self.scene is None else self.scene.loaded.store

    @staticmethod
    def _read_versions(store: SeriesStore) -> Versions:
        try:
            return store.snapshot_versions()
        except KurskTrackerError as error:
            log(str(error))
            return {}

    def _watch(self) -> None:
        """Hear when someone else changes a PostGIS series (PostgreSQL NOTIFY through QGIS's provider)."""
        layer = None if self.scene is None else self.scene.loaded.layers.get("areas")
        provider = None if layer is None or layer.providerType() != "postgres" else layer.dataProvider()
        if provider is None:
            return
        provider.notify.connect(self._notified, Qt.ConnectionType.QueuedConnection)  # type: ignore[call-arg]
        # (PyQt5-stubs know connect() without the connection type.)

    def _notified(self, message: str) -> None:
        from ..store.postgis_connection import notify_payload

        store = self.store
        if store is not None and message == notify_payload(getattr(store, "schema", "")):
            self._check_timer.start()  # a burst of notifications, one look

    def check_for_changes(self) -> bool:
        """Reload the open series if its stored content differs from what is shown; True if reloaded."""
        if self.scene is None:
            return False
        if any(layer.isEditable() for layer in self.scene.loaded.layers.values()):
            # Reloading would drop the user's unsaved edits: look again later.
            self._check_timer.start(5000)
            return False
        store = self.scene.loaded.store
        try:
            series = store.read_series()
            versions = store.snapshot_versions()
        except KurskTrackerError as error:
            log(str(error))
            return False
        if series == self.scene.series and versions == self.versions:
            return False
        before = {s.id for s in self.scene.series.snapshots}
        after = {s.id for s in series.snapshots}
        self.reload()
        added, removed = len(after - before), len(before - after)
        # Two literal strings per count (one, more), so both languages get their plural.
        if added == 1 and not removed:
            text = tr("{where}: another user added a snapshot; the map shows the series as it is now.")
        elif added and not removed:
            text = tr("{where}: another user added {n} snapshots; the map shows the series as it is now.")
        elif removed == 1 and not added:
            text = tr("{where}: another user removed a snapshot; the map shows the series as it is now.")
        elif removed and not added:
            text = tr("{where}: another user removed {n} snapshots; the map shows the series as it is now.")
        else:
            text = tr("{where} was changed in the database; the map shows the series as it is now.")
        self.changedElsewhere.emit(text.format(where=store.label(), n=added or removed))
        return True

    def _precompute(self) -> None:
        """The morph of every pair in the background; the map refreshes when it is ready."""
        scene = self.scene
        if scene is None:
            return

        def ready() -> None:
            if self.scene is scene and scene.instant is not None:
                self.show_instant(scene.instant, force=True)

        scene.precompute_in_background(ready)

    def _show_initial_instant(self) -> None:
        """After seriesChanged (the docks know the series): show the snapshot the layers show."""
        snapshot = self.current_snapshot()
        if snapshot is not None:
            self.show_instant(snapshot.valid_at, force=True)
        else:
            self.snapshotChanged.emit()
            self.instantChanged.emit()

    def open_sample(self) -> SeriesLayers:
        return self.open_series(sample_working_copy(user_data_dir() / "sample"))

    def reload(self) -> None:
        """Reopen the series after its file changed, keeping the shown instant and the comparison."""
        if self.scene is None:
            return
        store, instant, compare = self.scene.loaded.store, self.scene.instant, self.scene.compare_with
        self.open_series(store, reloading=True)
        if compare is not None and any(s.id == compare for s in self.snapshots()):
            self.scene.compare_with = compare
            self.seriesChanged.emit()  # the panels show the kept comparison
        if instant is not None:
            self.show_instant(instant, force=compare is not None)

    def close_series(self, emit: bool = True) -> None:
        if self.scene is not None:
            # A map still drawing them finishes first: QGIS 3.22 can crash when a layer
            # is deleted while a render thread prepares its symbols.
            self.layersLeaving.emit()
            self.scene.remove()
            self.scene = None
        if emit:
            self.seriesChanged.emit()
            self.snapshotChanged.emit()
            self.instantChanged.emit()

    def forget(self) -> None:
        """The project was cleared: drop our references without touching it."""
        if self.scene is not None:
            self.scene.cancel_background()
            self.scene = None
            self.seriesChanged.emit()
            self.snapshotChanged.emit()
            self.instantChanged.emit()

    def shutdown(self) -> None:
        """The plugin unloads: stop background work (a cancelled import writes nothing); the layers
        stay in the project."""
        task, self.import_task = self.import_task, None
        if task is not None:
            task.stop()
        if self.scene is not None:
            self.scene.cancel_background()
            self.scene = None

    # The shown instant ---------------------------------------------------------

    def snapshots(self) -> list[Snapshot]:
        return [] if self.scene is None else self.scene.snapshots()

    def current_snapshot(self) -> Snapshot | None:
        """The snapshot whose arrows and notes are shown: the one in force at the instant."""
        return None if self.scene is None else self.scene.loaded.current_snapshot()

    def span(self) -> tuple[dt.datetime, dt.datetime] | None:
        return None if self.scene is None else self.scene.span()

    def show_instant(self, instant: dt.datetime, force: bool = False) -> None:
        """Show the situation at `instant` (clamped to the series' span)."""
        if self.scene is None or self.scene.span() is None:
            return
        if self.scene.clamp(instant) == self.scene.instant and not force:
            return
        changed = self.scene.show(instant)
        if changed or force:
            self.snapshotChanged.emit()
        self.instantChanged.emit()

    def show_snapshot(self, snapshot_id: int) -> None:
        snapshot = next((s for s in self.snapshots() if s.id == snapshot_id), None)
        current = self.current
        if (
            snapshot is not None
            and current is not None
            and (self.instant != snapshot.valid_at or current.snapshot_id != snapshot_id)
        ):
            self.show_instant(snapshot.valid_at)

    def step(self, offset: int) -> None:
        """Go to the snapshot `offset` places before or after the shown instant."""
        if self.instant is None:
            return
        target = snapshot_at_offset(self.snapshots(), self.instant, offset)
        if target is not None:
            self.show_snapshot(target.id)

    def set_playing(self, playing: bool) -> None:
        if playing != self.playing:
            self.playing = playing
            self.playingChanged.emit(playing)

    @property
    def timing(self) -> str:
        """The pace the map shows between snapshots ("linear" or "eased")."""
        if self.scene is None or self.scene.frames is None or self.scene.frames.settings is None:
            return preview_timing()
        return self.scene.frames.settings.timing

    def set_timing(self, timing: str) -> None:
        """Show the pace `timing` from now on, and remember it for the next series."""
        if timing not in TIMINGS:
            return
        TimelineSettings.update(preview_timing=timing)
        if self.scene is not None:
            self.scene.set_timing(timing)
            self.instantChanged.emit()

    @property
    def comparing(self) -> int | None:
        """The snapshot the change is measured from; None: from the previous one."""
        return None if self.scene is None else self.scene.compare_with

    def compare_with(self, snapshot_id: int | None) -> None:
        """Measure the change from this snapshot (None: from the previous one)."""
        if self.scene is not None:
            self.scene.compare_with = snapshot_id
            if self.scene.instant is not None:
                self.show_instant(self.scene.instant, force=True)

    def change_summary(self) -> str:
        return "" if self.scene is None else self.scene.change_summary()

    # Changes the panels ask for ---------------------------------------------------
    # Each raises KurskTrackerError with a message for the user; nothing is half-written.

    def redate(self, snapshot_id: int, instant: dt.datetime) -> None:
        """Give a snapshot of the open series a new instant (refused if another user changed it)."""
        from ..store.operations import redate_snapshot

        expected = self.versions.get(snapshot_id)
        self._change(lambda store: redate_snapshot(store, snapshot_id, instant, expected))

    def remove(self, snapshot_id: int) -> None:
        """Remove a snapshot and its features from the open series (refused if another user changed it)."""
        from ..store.operations import remove_snapshot

        expected = self.versions.get(snapshot_id)
        self._change(lambda store: remove_snapshot(store, snapshot_id, expected))

    def _change(self, change) -> None:
        from ..store.operations import SeriesConflictError

        store = self.store
        if store is None:
            raise KurskTrackerError(tr("No series is open."))
        try:
            change(store)
        except SeriesConflictError:
            self.reload()  # show what the other user did
            raise
        self.reload()

    # Imports ------------------------------------------------------------------------

    def start_import(
        self,
        paths: list[Path],
        format_name: str,
        options: ImportOptions,
        output: str | os.PathLike[str],
        like: Series | None = None,
    ) -> ImportTask:
        """Import in the background into the series at `output`: the open one, or another one (new or
        not), which is opened when the import added to it, closing the open one (its file unchanged).

        Files without a date are asked about afterwards (`ask_dates`) and imported in a second run;
        each run ends with `importFinished`.
        """
        return self.run_import_task(ImportTask(paths, format_name, options, output, like=like))

    def run_import_task(self, task: ImportTask) -> ImportTask:
        """Start `task` (an import, or an ImportTask of another source such as the online update) with the
        panels' progress, Cancel and report."""
        task.on_done = lambda _outcome: self._import_done(task)
        if self.series is not None and self.store is not None:
            task.previous = (self.series.name(current_language()), self.store)
        self.import_task = task
        task.start()
        self.importStarted.emit(task)
        return task

    def cancel_import(self) -> None:
        if self.import_task is not None:
            self.import_task.cancel()

    def _import_done(self, task: ImportTask) -> None:
        self.import_task = None
        target = open_store(task.output)
        if task.failure or task.result is None or task.result.cancelled:
            self.importFinished.emit(
                ImportOutcome(target, task.result, task.summary, task.failure, cancelled=not task.failure)
            )
            return
        for issue in task.result.issues:
            log(str(issue))
        dated: dict[Path, dt.datetime] = {}
        if task.undated and self.ask_dates is not None:
            dated = self.ask_dates(task.undated, self.dates_near(task.result, task.output))
        previous = task.previous[0] if task.previous and not target.same_as(task.previous[1]) else None
        if task.summary is not None and task.summary.added:
            self.imported_into(task.output)
        if dated:
            # The files the user dated: a second import that asks nobody.
            options = task.options
            options.ask_date = lambda path: dated.get(Path(path))
            self.start_import(sorted(dated), task.format_name, options, task.output)
        self.importFinished.emit(
            ImportOutcome(
                target, task.result, task.summary, asked={str(path) for path in dated}, previous=previous
            )
        )

    def imported_into(self, location: str | os.PathLike[str]) -> None:
        """An import added snapshots to the series at `location`: show them.

        The open series is reloaded; another one is opened in its place (the
        open one is closed, its file unchanged).
        """
        if self.store is not None and open_store(location).same_as(self.store):
            self.reload()
        else:
            self.open_series(location)

    @staticmethod
    def dates_near(result: ImportResult | None, location: str | os.PathLike[str]) -> list[dt.datetime]:
        """The dates around files that came without one: those of the import `result`, else the
        snapshots of the series at `location` (none where it does not exist yet)."""
        if result is not None and result.snapshots:
            return [snapshot.valid_at for snapshot in result.snapshots]
        try:
            store = open_store(location)
            return [snapshot.valid_at for snapshot in store.read_series().snapshots] if store.exists() else []
        except KurskTrackerError as error:
            log(str(error))
            return []

    def copy_to(self, location: str | Path, replace: bool = False) -> str:
        """Copy the open series, everything in it, to `location`; returns where it went, for the user.

        A PostGIS series already at the target is never replaced (it may be a
        teammate's); a GeoPackage only when `replace` (a file dialog asked).
        """
        from ..store.operations import copy_series

        if self.store is None:
            raise KurskTrackerError(tr("No series is open."))
        copy_series(self.store, location, replace=replace)
        return open_store(location).describe()

    # Projects --------------------------------------------------------------------

    def write_project_state(self, _document=None) -> None:
        """While QGIS writes the project file: the state the project reopens with (project_state.py)."""
        write_state(self.project, self.scene)

    def attach_to_project(self) -> None:
        """After a project is read: take up the series group it holds, if any, where it was left."""
        self.scene = None
        for group in required(self.project.layerTreeRoot(), "layer tree").findGroups():
            scene = scene_of(self.project, group, current_language())
            if scene is None:
                continue
            self.scene = scene
            restore_state(self.project, scene)
            self.versions = self._read_versions(scene.loaded.store)
            self._watch()
            self._precompute()
            break
        self.seriesChanged.emit()
        snapshots = self.snapshots()
        instant = saved_instant(self.project) if snapshots else None
        if instant is None and snapshots:
            instant = snapshots[-1].valid_at  # a project saved without an instant: the latest
        if instant is None:
            self._show_initial_instant()
        else:
            self.show_instant(instant, force=True)
