"""The Lagebild of every snapshot, one snapshot per step: layouts draw only on the main thread, so the
Export panel runs these steps from a timer (toolbelt/jobs.py) and the window stays usable in between."""

from __future__ import annotations

import os
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING

from qgis.core import QgsPrintLayout, QgsRectangle, QgsReferencedRectangle

from ..core.errors import KurskTrackerError
from ..core.text import tr
from ..core.timefmt import language_of
from .lagebild import build_layout, export_layout, file_name, fill_layout, labels_in

if TYPE_CHECKING:
    from ..layers.scene import SeriesScene


class LagebildBatch:
    """A SteppedWork: `prepare()`, `step()` per snapshot, then `finish()`; or `abort()` at any point.

    Each file is written complete (to a temporary file, renamed), so a
    cancel between steps leaves the files written so far whole and no
    partial file. The instant the scene showed before is shown again after.
    """

    def __init__(
        self,
        scene: SeriesScene,
        folder: str | os.PathLike[str],
        fmt: str = "png",
        template: str | os.PathLike[str] | None = None,
        language: str | None = None,
        width_px: int | None = 1600,
        dpi: float = 150.0,
        extent: QgsRectangle | QgsReferencedRectangle | None = None,
    ) -> None:
        self.scene = scene
        self.folder = Path(folder)
        self.fmt = fmt
        self.template = template
        self.language = language_of(language or scene.language)
        self.width_px = width_px
        self.dpi = dpi
        self.extent = extent
        self.snapshots = scene.snapshots()
        self.shown = scene.instant
        """Shown again at the end; None: nothing to restore (the scene was closed meanwhile)."""
        self.written: list[Path] = []
        self.layout: QgsPrintLayout | None = None
        self._labels = ExitStack()

    @property
    def total(self) -> int:
        return len(self.snapshots)

    @property
    def progress(self) -> float:
        return 100.0 * len(self.written) / self.total if self.total else 0.0

    def prepare(self) -> None:
        if not self.snapshots:
            raise KurskTrackerError(
                tr("{name}: the series has no snapshots").format(name=self.scene.loaded.store.describe())
            )
        self._labels.enter_context(labels_in(self.scene, self.language))
        # Built once, refilled for each snapshot.
        self.layout = build_layout(
            self.scene, self.snapshots[0].valid_at, self.template, self.language, self.extent
        )

    def step(self) -> bool:
        index = len(self.written)
        if index >= self.total:
            return False
        layout = self.layout
        if layout is None:
            raise RuntimeError("LagebildBatch.step() before prepare() or after the end")
        instant = self.snapshots[index].valid_at
        if index:
            fill_layout(layout, self.scene, instant, self.language, self.extent)
        target = self.folder / file_name(self.scene.series, instant, self.fmt)
        self.written.append(export_layout(layout, target, self.fmt, self.width_px, self.dpi))
        return True

    def finish(self) -> list[Path]:
        while self.step():
            pass
        self._close()
        return list(self.written)

    def abort(self) -> list[Path]:
        """Stop: the files written so far (each complete)."""
        self._close()
        return list(self.written)

    def _close(self) -> None:
        self.layout = None
        self._labels.close()
        if self.shown is not None:
            self.scene.show(self.shown)
            self.shown = None
