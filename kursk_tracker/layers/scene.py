"""A series in a project shown at one instant, without any widget.

The stored layers show the snapshot in force (the last at or before the
instant, as QGIS's Temporal Controller does from valid_from to valid_to);
between snapshots the areas are morphed (core/morph) into a memory layer,
with the ground changed since the previous snapshot in another. The docks,
the exports and the Processing algorithms all show a series through this.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from qgis.core import QgsMapLayer, QgsProject, QgsTask

from ..core.series import Series, Snapshot
from ..core.text import tr
from ..core.timefmt import format_day, iso_utc, language_of
from ..core.wording import format_number, word
from ..toolbelt.compat import required
from ..toolbelt.dependencies import shapely_problem
from ..toolbelt.jobs import BackgroundTask
from .series_layers import SeriesLayers, load_series_layers, text_language


@dataclass
class SceneState:
    """What the scene shows at an instant besides the stored layers' filter: the morphed areas, the
    change since the snapshot compared with, the fronts. Computed without touching a layer, so on
    any thread (the animation export computes the next frames' states while it draws this one)."""

    instant: dt.datetime
    """Clamped to the series' span."""
    areas: dict = field(default_factory=dict)
    changes: list = field(default_factory=list)
    change_since: Snapshot | None = None
    fronts: dict = field(default_factory=dict)


class SeriesScene:
    def __init__(
        self,
        loaded: SeriesLayers,
        project: QgsProject,
        language: str,
        timing: str = "eased",
        records: list | None = None,
    ) -> None:
        """`records`: the series' features where already read (else read from its store)."""
        self.loaded = loaded
        self.project = project
        self.language = language
        self.instant: dt.datetime | None = None
        self.frames = None
        """core.frames.SeriesFrames, where shapely 2 is present; else the map jumps between snapshots."""
        self.live = None
        """layers.live_layers.LiveLayers: the morphed areas and the change."""
        self.changes: list = []
        self.change_since: Snapshot | None = None
        self.compare_with: int | None = None
        """A snapshot id to measure the change from; None: the previous snapshot."""
        if not shapely_problem():
            from ..core.frames import SeriesFrames
            from ..core.morph import MorphSettings
            from .live_layers import LiveLayers

            self.frames = SeriesFrames.from_records(
                loaded.series,
                loaded.store.read_features() if records is None else records,
                MorphSettings(timing=timing),
            )
            self.live = LiveLayers(loaded, project, language)
        self.wait_for_morph = True
        """False while a background task precomputes the pairs (the GUI): frames never block."""
        self.task: PrecomputeTask | None = None
        self._held_km2: dict[int, dict[str, float]] = {}

    def precompute_in_background(self, on_done: Callable[[], None] | None = None) -> None:
        """Precompute every pair in a QgsTask; until a pair is ready its frames show the nearer snapshot.

        `on_done()`: every pair is ready (not called when cancelled or failed)."""
        if self.frames is None:
            return
        self.wait_for_morph = False
        self.task = PrecomputeTask(self.frames, on_done)
        self.task.start()

    def cancel_background(self) -> None:
        """Stop the precompute and wait for its thread (it may be mid-pair)."""
        task, self.task = self.task, None
        if task is None:
            return
        task.on_ready = None
        # QgsTask.waitForFinished() on the main thread can wait out its whole timeout for a
        # task whose run() has returned but whose completion the event loop has not yet
        # handled; the task's own flag tells when run() is over without the event loop.
        ran = task.ran
        try:
            # Asked before cancelling: QGIS ends an unstarted task at once, and it never runs.
            started = task.status() not in (QgsTask.TaskStatus.Queued, QgsTask.TaskStatus.OnHold)
            task.cancel()
        except RuntimeError:  # the task manager has already deleted the task
            return
        if started:  # running or run: wait until run() has returned
            ran.wait(60.0)

    @classmethod
    def open(
        cls,
        location,
        project: QgsProject,
        language: str,
        timing: str = "eased",
        with_context: bool = True,
        content=None,
    ) -> SeriesScene:
        """The series at `location` in `project`; `content`: its (series, features) where already read."""
        from ..store.backend import open_store

        store = open_store(location)
        series, records = content if content is not None else store.read_content()
        loaded = load_series_layers(store, project, language, with_context, series=series)
        return cls(loaded, project, language, timing, records)

    @property
    def series(self) -> Series:
        return self.loaded.series

    def snapshots(self) -> list[Snapshot]:
        return self.series.sorted_snapshots()

    @property
    def text_language(self) -> str:
        """The code the series' texts are read in for this scene ("de"), as its map labels are."""
        return text_language(self.language)

    def title_of(self, snapshot: Snapshot, language: str | None = None) -> str:
        """The snapshot's title in the scene's language (or `language`), else its own title."""
        return snapshot.title_in(text_language(language or self.language))

    def caption_of(self, snapshot: Snapshot, language: str | None = None) -> str:
        """The snapshot's caption in the scene's language (or `language`), else its own caption."""
        return snapshot.caption_in(text_language(language or self.language))

    def credit(self, language: str | None = None) -> str:
        """The series' credit in the scene's language (or `language`), else its own credit."""
        return self.series.credit_in(text_language(language or self.language))

    def span(self) -> tuple[dt.datetime, dt.datetime] | None:
        snapshots = self.snapshots()
        return (snapshots[0].valid_at, snapshots[-1].valid_at) if snapshots else None

    def snapshot_in_force(self, instant: dt.datetime) -> Snapshot | None:
        """The last snapshot at or before `instant` (the first, before the series starts)."""
        snapshots = self.snapshots()
        if not snapshots:
            return None
        earlier = [s for s in snapshots if s.valid_at <= instant]
        return earlier[-1] if earlier else snapshots[0]

    def clamp(self, instant: dt.datetime) -> dt.datetime:
        span = self.span()
        return instant if span is None else min(max(instant, span[0]), span[1])

    def state_at(self, instant: dt.datetime) -> SceneState:
        """The morphed areas, the change and the fronts at `instant` (clamped); no layer is touched."""
        instant = self.clamp(instant)
        if self.frames is None:
            return SceneState(instant)
        from ..core.change import changes_between_held, held_by_side

        areas = self.frames.areas_at(instant, wait=self.wait_for_morph)
        held = held_by_side(areas)  # once, for the change and the fronts
        chosen = next((s for s in self.snapshots() if s.id == self.compare_with), None)
        since = chosen or self.frames.previous_snapshot(instant)
        changes = changes_between_held(self.frames.held(since), held) if since is not None else []
        fronts = self.frames.fronts_at(instant, areas, wait=self.wait_for_morph, held=held)
        return SceneState(instant, areas, changes, since, fronts)

    def show(self, instant: dt.datetime, state: SceneState | None = None) -> bool:
        """Show the situation at `instant` (clamped); True when the snapshot in force changed.

        `state`: what `state_at(instant)` returned, where it was computed ahead.
        """
        instant = self.clamp(instant)
        self.instant = instant
        in_force = self.snapshot_in_force(instant)
        changed = in_force is not None and in_force.id != self.loaded.snapshot_id
        if in_force is not None:
            self.loaded.show_snapshot(in_force)
        if self.frames is not None and self.live is not None:
            if state is None or state.instant != instant:
                state = self.state_at(instant)
            self.change_since, self.changes = state.change_since, state.changes
            since = iso_utc(state.change_since.valid_at) if state.change_since else ""
            self.live.show(state.areas, state.changes, iso_utc(instant), since, state.fronts)
        return changed

    def set_timing(self, timing: str) -> None:
        """ "eased" or "linear" pace between snapshots."""
        if self.frames is None:
            return
        from ..core.morph import MorphSettings

        task = self.task
        background = task is not None
        on_done = task.on_ready if task is not None else None
        self.cancel_background()
        self.frames.settings = MorphSettings(timing=timing)
        self.frames.clear()
        if background:
            self.precompute_in_background(on_done)
        if self.instant is not None:
            self.show(self.instant)

    def held_km2(self, snapshot: Snapshot) -> dict[str, float]:
        """km² each side holds in a snapshot (measured once; {} where shapely 2 is missing)."""
        if self.frames is None:
            return {}
        if snapshot.id not in self._held_km2:
            from ..core.stats import area_km2

            held = self.frames.held(snapshot)
            self._held_km2[snapshot.id] = {side: area_km2(geometry) for side, geometry in held.items()}
        return self._held_km2[snapshot.id]

    def held_now(self) -> dict[str, float]:
        """km² each side holds at the shown instant."""
        if self.frames is None or self.instant is None:
            return {}
        from ..core.change import held_by_side
        from ..core.stats import area_km2

        areas = self.frames.areas_at(self.instant, wait=self.wait_for_morph)
        return {side: area_km2(g) for side, g in held_by_side(areas).items()}

    def change_summary(self) -> str:
        """ "+12.4 km² RU, −3.1 km² UA since 22 October" for the shown instant, in the scene's language.

        The scene's language, not QGIS's: an export in German from an English QGIS says "seit".
        """
        if self.change_since is None:
            return ""
        from ..core.change import net_by_side

        lang = language_of(self.language)
        parts = []
        for side, (gain, loss) in sorted(net_by_side(self.changes).items()):
            net = gain - loss
            if abs(net) >= 0.05:
                sign = "+" if net > 0 else "−"
                parts.append(f"{sign}{format_number(abs(net), lang)} km² {side}")
        since = format_day(self.change_since.valid_at, self.series.timezone, lang, with_year=False)
        pattern = word("summary.changed" if parts else "summary.unchanged", lang)
        return pattern.format(changes=", ".join(parts), day=since)

    def visible_layers(self) -> list[QgsMapLayer]:
        """The project's visible layers, top first, as a map render wants them."""
        root = required(self.project.layerTreeRoot(), "layer tree")
        return [
            layer for node in root.findLayers() if node.isVisible() and (layer := node.layer()) is not None
        ]

    def remove(self) -> None:
        self.cancel_background()
        if self.live is not None:
            self.live.remove()
        from .series_layers import remove_series_groups

        remove_series_groups(self.project)


class PrecomputeTask(BackgroundTask):
    """Precomputes the morph of every snapshot pair; touches no layer or widget."""

    def __init__(self, frames, on_ready: Callable[[], None] | None = None) -> None:
        """`on_ready()`: on the main thread once every pair is computed (not after a cancel or failure)."""
        super().__init__(tr("Preparing the timeline"))
        self.frames = frames
        self.on_ready = on_ready
        self.ran = threading.Event()
        """Set when run() has returned: waiting on it needs no event loop."""

    def work(self) -> None:
        self.frames.precompute_all(lambda fraction: self.setProgress(100.0 * fraction), self.isCanceled)

    def run(self) -> bool:
        try:
            return super().run()
        finally:
            self.ran.set()

    def deliver(self) -> None:
        # The scene's callback takes no outcome: it only learns that every pair is ready.
        if self.on_ready is not None and self.outcome.ok:
            self.on_ready()
