"""The timeline as an animation: interpolated frames with the date on each, to GIF or MP4.

A frame is the series' scene at one instant (layers/scene.py: morphed areas
between snapshots), drawn over the series' full extent in Web Mercator with
a box naming the series, the date as the column writes it and the week, and
the change since the previous snapshot (export/frame_renderer.py). Several
frames are drawn at once and written in order (export/frame_pool.py). The
export opens the series in a QgsProject of its own, so it can run in a
QgsTask thread without touching the user's project; with `use_layout`, each
frame is the whole Lagebild print layout instead (export/lagebild.py),
which QGIS only draws on the main thread, one frame at a time.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qgis.core import QgsProject

from ..core.text import tr
from ..toolbelt.jobs import BackgroundTask, Done
from .frame_plan import AnimationOptions, Frame, date_line, plan_frames, total_seconds, week_text
from .frame_pool import FramePool, MorphAhead, StatesAhead, WritingThread
from .frame_renderer import (
    BACKGROUND,
    ILLUSTRATIVE,
    FrameRenderer,
    FrameRendererProtocol,
    LayoutFrameRenderer,
)
from .video import AnimationError, FrameWriter, even, open_writer, qimage_to_pil

if TYPE_CHECKING:
    from ..layers.scene import SeriesScene

__all__ = [
    "BACKGROUND",
    "ILLUSTRATIVE",
    "AnimationCancelled",
    "AnimationError",
    "AnimationJob",
    "AnimationOptions",
    "AnimationResult",
    "AnimationTask",
    "Frame",
    "FrameRenderer",
    "LayoutFrameRenderer",
    "date_line",
    "export_animation",
    "plan_frames",
    "private_copy",
    "total_seconds",
    "week_text",
]

STATE_WORKERS = 2
"""Threads computing the scene's states (morphed areas, change, fronts) of the next frames."""
PALETTE_SAMPLES = 4
"""Frames spread over the animation whose colours make the GIF palette."""


@dataclass
class AnimationResult:
    path: Path
    frames: int
    """Frames rendered (instants on the timeline)."""
    frames_written: int
    """Frames in the file: after merging identical ones (GIF), with repeats for holds (MP4)."""
    frames_merged: int
    seconds: float
    """Playing time."""
    elapsed: float
    """Wall-clock seconds the export took."""
    durations_ms: list[int] = field(default_factory=list)

    @property
    def frames_per_second_rendered(self) -> float:
        return self.frames / self.elapsed if self.elapsed else 0.0


class AnimationCancelled(AnimationError):  # noqa: N818 (reads as what happened)
    """The user cancelled; no file was written."""


class AnimationJob:
    """One export, frame by frame: `prepare()`, `step()` until it returns False, then `finish()`.

    A SteppedWork (toolbelt/jobs.py): driven by a QgsTask in a worker
    thread, by Processing, or (for the layout frames) by the stepped runner
    on the main thread; `abort()` at any point removes everything written.
    While one frame is written, the next ones are being drawn
    (`options.pool_size()` at once), the scene's states they show (morphed
    areas, change, fronts) and the morphs they need computed ahead on
    threads of their own (export/frame_pool.py), and a GIF's frames encoded
    on another. Morphs the open series has already computed
    (`options.morphs`) are reused where they match.
    """

    def __init__(self, series, output: str | Path, options: AnimationOptions) -> None:
        """`series`: a series location (GeoPackage path or postgis: location) or store."""
        options.check()
        self.output = Path(output)
        self.options = options
        if options.format == "mp4":
            options.width, options.height = even(options.width), even(options.height)
            from .video import find_ffmpeg

            find_ffmpeg()  # before anything is drawn
        from ..store.backend import open_store

        self.store = open_store(series)
        self.project: QgsProject | None = None
        self.scene: SeriesScene | None = None
        self.frames: list[Frame] = []
        self.index = 0
        self.writer: FrameWriter | None = None
        self.renderer: FrameRendererProtocol[Any] | None = None
        self.pool: FramePool | None = None
        self.writing: WritingThread | None = None
        """The GIF's frames are converted and encoded on a thread of their own."""
        self.started = 0.0

    def prepare(self) -> None:
        """Open the series in a project of its own, plan the frames and start computing their morphs."""
        from ..layers.scene import SeriesScene

        self.started = time.perf_counter()
        self.project = QgsProject()
        self.scene = scene = SeriesScene.open(
            self.store, self.project, self.options.language, self.options.timing
        )
        if self.options.morphs is not None and scene.frames is not None:
            scene.frames.adopt(self.options.morphs)
        span = scene.span()
        if span is None:
            raise AnimationError(tr("{path}: the series has no snapshots").format(path=self.store.describe()))
        start = self.options.start or span[0]
        end = self.options.end or span[1]
        self.frames = plan_frames(
            start, end, self.options.step, self.options.fps, self.options.hold_seconds, scene.snapshots()
        )
        instants = [frame.instant for frame in self.frames]
        renderer: FrameRendererProtocol[Any]
        if self.options.use_layout:
            renderer = LayoutFrameRenderer(scene, self.options, self.frames[0].instant)
        else:
            renderer = FrameRenderer(scene, self.options)
        self.renderer = renderer
        size = self.options.pool_size()
        morphs = scene.frames
        ahead = size > 1 and morphs is not None
        self.pool = FramePool(
            renderer,
            instants,
            size,
            MorphAhead(morphs, instants) if ahead else None,
            StatesAhead(scene, instants, STATE_WORKERS, size + STATE_WORKERS) if ahead else None,
        )
        options = self.options
        self.writer = open_writer(
            options.format,
            self.output,
            options.width,
            options.height,
            options.fps,
            lambda: self._palette_samples(renderer),
        )
        if options.format == "gif" and size > 1:
            self.writing = WritingThread(self.writer, qimage_to_pil)

    def _palette_samples(self, renderer: FrameRendererProtocol[Any]) -> list:
        """A few frames spread over the animation, at snapshots where there are (no morph to wait for)."""
        count = len(self.frames)
        last = max(1, PALETTE_SAMPLES - 1)
        at_snapshots = [i for i, frame in enumerate(self.frames) if frame.snapshot is not None]
        indexes = set()
        for i in range(PALETTE_SAMPLES):
            wanted = round(i * (count - 1) / last)
            indexes.add(min(at_snapshots, key=lambda index: abs(index - wanted)) if at_snapshots else wanted)
        begun = []
        for index in sorted(indexes):
            renderer.prepare(self.frames[index].instant)
            begun.append(renderer.begin())
        return [qimage_to_pil(renderer.complete(frame)).reduce(2) for frame in begun]

    @property
    def progress(self) -> float:
        """0 … 100."""
        return 100.0 * self.index / len(self.frames) if self.frames else 0.0

    def step(self) -> bool:
        """Write the next frame; False when all are done.

        A frame showing the same instant and words as the previous one (the
        timeline clamped at the series' end) is not drawn again: the
        previous frame lasts longer. (Two renders of one scene can differ in
        a few pixels, so this is decided on the scene, not on the pixels.)
        """
        if self.index >= len(self.frames):
            return False
        pool, writer = self.pool, self._writer()
        if pool is None:
            raise RuntimeError("AnimationJob.step() before prepare() or after close()")
        image = pool.next()
        seconds = self.frames[self.index].seconds
        if self.writing is not None:
            self.writing.put(image, seconds)
        elif image is None:
            writer.extend(seconds)
        else:
            writer.add(qimage_to_pil(image), seconds)
        self.index += 1
        return True

    def _writer(self) -> FrameWriter:
        if self.writer is None:
            raise RuntimeError("AnimationJob used before prepare()")
        return self.writer

    def finish(self) -> AnimationResult:
        while self.step():
            pass
        writer = self._writer()
        if self.writing is not None:
            self.writing.finish()
        path = writer.close()
        # The GIF writer also keeps each frame's duration (the tests read them).
        result = AnimationResult(
            path,
            len(self.frames),
            writer.frames_written,
            writer.frames_merged,
            total_seconds(self.frames),
            time.perf_counter() - self.started,
            list(getattr(writer, "durations_ms", [])),
        )
        self.close()
        return result

    def abort(self) -> None:
        if self.pool is not None:
            self.pool.cancel()
        if self.renderer is not None:
            self.renderer.cancel()
        if self.writing is not None:
            self.writing.stop()
        if self.writer is not None:
            self.writer.abort()
        self.close()

    def close(self) -> None:
        """Drop the private project (in the thread that made it), once nothing draws from it."""
        if self.pool is not None:
            self.pool.close()
            self.pool = None
        if self.writing is not None:
            self.writing.stop()
            self.writing = None
        self.renderer = None
        self.scene = None
        if self.project is not None:
            self.project.clear()
            self.project = None


def export_animation(
    series,
    output: str | Path,
    options: AnimationOptions,
    progress: Callable[[float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> AnimationResult:
    """Write the animation of a series file; raises AnimationCancelled when `cancelled()` turns True."""
    job = AnimationJob(series, output, options)
    try:
        job.prepare()
        while True:
            if cancelled is not None and cancelled():
                raise AnimationCancelled(tr("{path}: export cancelled, nothing written").format(path=output))
            if not job.step():
                break
            if progress is not None:
                progress(job.progress)
        result = job.finish()
    except BaseException:
        job.abort()
        raise
    if progress is not None:
        progress(100.0)
    return result


def private_copy(series, folder: Path) -> Path:
    """A consistent copy of a series as a GeoPackage in `folder`.

    A GeoPackage is copied through SQLite's backup (WAL included); a series
    in PostGIS is read in one transaction and written to a file.
    """
    import sqlite3

    from ..store.backend import open_store, store_path
    from ..store.gpkg import write_series

    store = open_store(series)
    series_path = store_path(store)
    if series_path is None:
        target = folder / "series.gpkg"
        write_series(target, *store.read_content())
        return target
    target = folder / series_path.name
    source = sqlite3.connect(f"{series_path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)
        finally:
            copy.close()
    finally:
        source.close()
    return target


class AnimationTask(BackgroundTask):
    """Exports in the background: its own project in work(), no widgets, cancel between frames.

    The task reads a private copy of the series: QGIS 3.22 can deadlock when
    the main thread opens a layer of a GeoPackage while a worker thread opens
    one of the same file (seen with the plugin framing the map as the task
    started).
    """

    def __init__(
        self, series, output: str | Path, options: AnimationOptions, on_done: Done | None = None
    ) -> None:
        """`on_done(outcome)`: the AnimationResult, or the failure, or cancelled."""
        import tempfile

        super().__init__(tr("Exporting animation {name}").format(name=Path(output).name), on_done)
        self._folder = Path(tempfile.mkdtemp(prefix="kt-animation-"))
        try:
            self.series_path = private_copy(series, self._folder)
        except Exception as error:
            self._remove_copy()
            raise AnimationError(
                tr("{path}: the series cannot be read ({error})").format(
                    path=getattr(series, "location", series), error=error
                )
            ) from error
        self.output = Path(output)
        self.options = options
        self.frames_done = 0

    def work(self) -> AnimationResult | None:
        def progress(value: float) -> None:
            self.frames_done += 1
            self.setProgress(value)

        try:
            return export_animation(self.series_path, self.output, self.options, progress, self.isCanceled)
        except AnimationCancelled:
            return None

    def succeeded(self, result: AnimationResult | None) -> bool:
        # A cancel that came after the last frame is too late: the file is written.
        return result is not None

    def _remove_copy(self) -> None:
        import shutil

        shutil.rmtree(self._folder, ignore_errors=True)

    def cleanup(self) -> None:
        self._remove_copy()
