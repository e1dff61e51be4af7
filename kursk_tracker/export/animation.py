"""The timeline as an animation: interpolated frames with the date on each, to GIF or MP4.

A frame is the series' scene at one instant (layers/scene.py: morphed areas
between snapshots), drawn over the series' full extent in Web Mercator with
a box naming the series, the date as the column writes it and the week, and
the change since the previous snapshot. The export opens the series in a
QgsProject of its own, so it can run in a QgsTask thread without touching
the user's project; with `use_layout`, each frame is the whole Lagebild
print layout instead (export/lagebild.py), which QGIS only draws on the
main thread.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsExpressionContext,
    QgsExpressionContextUtils,
    QgsMapRendererCustomPainterJob,
    QgsMapSettings,
    QgsProject,
    QgsRectangle,
    QgsTask,
)
from qgis.PyQt.QtCore import QRectF, QSize, Qt
from qgis.PyQt.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPen

from ..core.errors import KurskTrackerError
from ..core.series import Snapshot
from ..core.text import tr
from ..core.timefmt import format_instant, language_of, week_label
from .render import DISPLAY_CRS
from .video import (
    FORMATS,
    GIF_MAX_FPS,
    AnimationError,
    GifWriter,
    Mp4Writer,
    even,
    palette_from,
    qimage_to_pil,
)

BACKGROUND = "#f4f1ea"
ILLUSTRATIVE = {"en": "{name} (illustrative)", "de": "{name} (illustrativ)"}
"""The series' name on a film of made-up data, in the film's language (not QGIS's)."""
PALETTE_SAMPLES = 4
"""Frames spread over the animation whose colours make the GIF palette."""


@dataclass
class AnimationOptions:
    start: dt.datetime | None = None
    """First instant (UTC-aware); None: the series' first snapshot."""
    end: dt.datetime | None = None
    """Last instant; None: the series' last snapshot."""
    fps: float = 10.0
    step: dt.timedelta = dt.timedelta(days=1)
    """Time on the timeline from one frame to the next."""
    hold_seconds: float = 1.0
    """Extra time each snapshot stays on screen."""
    width: int = 1280
    height: int = 720
    format: str = "gif"
    """"gif" or "mp4"."""
    language: str = "en"
    """The film's words (date, week, change, credit, place names), whatever language QGIS speaks."""
    timing: str = "linear"
    """How the front moves between snapshots: "linear" (steady through the interval, so the film
    shows motion) or "eased" (most change mid-week, the accuracy-first pace of the analysis)."""
    use_layout: bool = False
    """Each frame the whole Lagebild layout (export/lagebild.py); main thread only."""
    template: str | None = None
    """Layout template (.qpt) for `use_layout`; None: the plugin's."""

    def check(self) -> None:
        if self.format not in FORMATS:
            raise AnimationError(tr("Unknown animation format {name}: use gif or mp4").format(
                name=self.format))
        if not 0 < self.fps <= (GIF_MAX_FPS if self.format == "gif" else 120):
            raise AnimationError(tr("{fps} frames per second is not possible for {format}").format(
                fps=self.fps, format=self.format.upper()))
        if self.step <= dt.timedelta(0):
            raise AnimationError(tr("The step between frames must be longer than zero"))
        if self.hold_seconds < 0:
            raise AnimationError(tr("The hold on snapshots cannot be negative"))
        if not (16 <= self.width <= 7680 and 16 <= self.height <= 4320):
            raise AnimationError(tr("A frame of {w}×{h} pixels is not possible").format(
                w=self.width, h=self.height))


@dataclass(frozen=True)
class Frame:
    instant: dt.datetime
    seconds: float
    """How long the frame shows: 1/fps, plus the hold at a snapshot."""
    snapshot: Snapshot | None = None
    """The snapshot dated exactly at this frame, if any."""


def plan_frames(start: dt.datetime, end: dt.datetime, step: dt.timedelta, fps: float, hold_seconds: float,
                snapshots: list[Snapshot]) -> list[Frame]:
    """Frames every `step` from `start` to `end`, and one at each snapshot in between.

    The snapshots' own instants are always frames (the fronts as drawn, held
    for `hold_seconds`), even when the step does not land on them; the last
    frame is `end` itself.
    """
    if end < start:
        start, end = end, start
    instants: set[dt.datetime] = set()
    instant = start
    while instant < end:
        instants.add(instant)
        instant += step
    instants.add(end)
    at = {s.valid_at: s for s in snapshots if start <= s.valid_at <= end}
    instants.update(at)
    frames = []
    for instant in sorted(instants):
        snapshot = at.get(instant)
        frames.append(Frame(instant, 1.0 / fps + (hold_seconds if snapshot else 0.0), snapshot))
    return frames


def total_seconds(frames: list[Frame]) -> float:
    return sum(frame.seconds for frame in frames)


def week_text(scene, instant: dt.datetime, language: str) -> str:
    """In the film's language, whatever language QGIS speaks: "12. Woche" / "week 12"."""
    return week_label(scene.series.week_of(instant), language)


def date_line(scene, instant: dt.datetime, language: str) -> str:
    """"29. Oktober 2024, 22:00 MEZ · 12. Woche"."""
    when = format_instant(instant, scene.series.timezone, language)
    return f"{when} · {week_text(scene, instant, language)}"


class FrameRenderer:
    """Draws the scene at an instant: the map, then the date box and the credit."""

    def __init__(self, scene, options: AnimationOptions, extent: QgsRectangle | None = None) -> None:
        self.scene = scene
        self.options = options
        self.size = QSize(options.width, options.height)
        crs = QgsCoordinateReferenceSystem(DISPLAY_CRS)
        self.unit = max(10.0, options.height / 40.0)
        self.extent = self.fit_below_box(extent or scene.loaded.full_extent(crs, margin=0.06))
        settings = QgsMapSettings()
        settings.setDestinationCrs(crs)
        settings.setOutputSize(self.size)
        settings.setExtent(self.extent)
        settings.setBackgroundColor(QColor(BACKGROUND))
        settings.setOutputDpi(96.0)
        context = QgsExpressionContext()
        context.appendScope(QgsExpressionContextUtils.globalScope())
        context.appendScope(QgsExpressionContextUtils.projectScope(scene.project))
        settings.setExpressionContext(context)
        self.settings = settings
        lang = language_of(options.language)
        name = scene.series.name(lang)
        if scene.series.illustrative:
            name = ILLUSTRATIVE[lang].format(name=name)
        self.title = name
        self.credit = scene.series.credit_in(lang)
        self._job: QgsMapRendererCustomPainterJob | None = None
        self._prepared: tuple = ([], ('', '', ''))
        self._drawing: tuple = (None, None, ('', '', ''))

    def box_lines(self) -> list[tuple[QFont, QColor]]:
        """Fonts and colours of the box's lines: series, date and week, change."""
        unit = self.unit
        return [(self._font(unit * 0.95, bold=False), QColor("#333333")),
                (self._font(unit * 1.45, bold=True), QColor("#111111")),
                (self._font(unit * 0.85, bold=False), QColor("#333333"))]

    def fit_below_box(self, extent: QgsRectangle) -> QgsRectangle:
        """The map extent that shows `extent` whole in the frame below the date box's band."""
        width, height = self.options.width, self.options.height
        band = self.unit * 2.7 + sum(QFontMetricsF(font).height() for font, _colour in self.box_lines())
        free = max(height * 0.5, height - band)
        scale = max(extent.width() / width, extent.height() / free)
        x_min = extent.center().x() - width * scale / 2
        y_min = extent.yMinimum() - (free - extent.height() / scale) / 2 * scale
        return QgsRectangle(x_min, y_min, x_min + width * scale, y_min + height * scale)

    # The map is drawn by a QgsMapRendererCustomPainterJob, which draws layers
    # and labels on one QGIS worker thread without needing an event loop (a
    # parallel job waits for one before it places labels), so the caller can
    # morph the next instant and encode the previous frame between start()
    # and finish().

    def prepare(self, instant: dt.datetime) -> tuple:
        """Show the scene at `instant` and note the texts of its frame; returns what the frame shows."""
        self.scene.show(instant)
        shown = self.scene.instant
        texts = (self.title, date_line(self.scene, shown, self.options.language), self.scene.change_summary())
        self._prepared = (self.scene.visible_layers(), texts)
        return (shown, *texts)

    def start(self) -> None:
        layers, texts = self._prepared
        self.settings.setLayers(layers)
        # copy(): an image made in C++, whose paint-device calls from QGIS's
        # thread need no check for Python overrides.
        image = QImage(self.size, QImage.Format.Format_ARGB32_Premultiplied).copy()
        image.fill(QColor(BACKGROUND))
        painter = QPainter(image)
        self._job = QgsMapRendererCustomPainterJob(self.settings, painter)
        self._job.start()
        self._drawing = (image, painter, texts)

    def finish(self) -> QImage:
        job, self._job = self._job, None
        job.waitForFinished()
        image, painter, texts = self._drawing
        painter.end()
        self.annotate(image, *texts)
        return image

    def cancel(self) -> None:
        if self._job is not None:
            self._job.cancel()
            self._job = None
            self._drawing[1].end()

    def render(self, instant: dt.datetime) -> QImage:
        self.prepare(instant)
        self.start()
        return self.finish()

    def annotate(self, image: QImage, title: str, date: str, summary: str) -> None:
        """The box with series, date and week, change; the credit at the bottom right."""
        height = image.height()
        unit = self.unit
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        texts = (title, date, summary)
        lines = [(text, font, colour) for text, (font, colour) in zip(texts, self.box_lines()) if text]
        pad = unit * 0.6
        metrics = [QFontMetricsF(font) for _text, font, _colour in lines]
        box_width = max(m.horizontalAdvance(text) for m, (text, _f, _c) in zip(metrics, lines)) + 2 * pad
        box_height = sum(m.height() for m in metrics) + 2 * pad
        box = QRectF(unit, unit, min(box_width, image.width() - 2 * unit), box_height)
        painter.setPen(QPen(QColor(0, 0, 0, 90), max(1.0, unit / 12)))
        painter.setBrush(QColor(255, 255, 255, 235))
        painter.drawRoundedRect(box, unit * 0.3, unit * 0.3)
        top = box.top() + pad
        for (text, font, colour), metric in zip(lines, metrics):
            painter.setFont(font)
            painter.setPen(colour)
            painter.drawText(QRectF(box.left() + pad, top, box.width() - 2 * pad, metric.height()),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), text)
            top += metric.height()
        if self.credit:
            font = self._font(unit * 0.75, bold=False)
            metric = QFontMetricsF(font)
            width = metric.horizontalAdvance(self.credit) + unit
            area = QRectF(image.width() - width - unit * 0.5, height - metric.height() - unit * 0.6,
                          width, metric.height() + unit * 0.2)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(255, 255, 255, 200))
            painter.drawRect(area)
            painter.setFont(font)
            painter.setPen(QColor("#333333"))
            painter.drawText(area, int(Qt.AlignmentFlag.AlignCenter), self.credit)
        painter.end()

    @staticmethod
    def _font(pixels: float, bold: bool) -> QFont:
        font = QFont("DejaVu Sans")
        font.setPixelSize(max(8, round(pixels)))
        font.setBold(bold)
        return font


class LayoutFrameRenderer:
    """Each frame the whole Lagebild print layout at the instant (main thread only).

    The layout is built once and refilled per frame; the frame's height
    follows the page's proportions (the title on the page carries the date,
    so no box is drawn over it).
    """

    def __init__(self, scene, options: AnimationOptions, first: dt.datetime) -> None:
        from .lagebild import build_layout

        self.scene = scene
        self.options = options
        self.layout = build_layout(scene, first, options.template, language=options.language)
        page = self.layout.pageCollection().page(0).pageSize()
        options.height = even(round(options.width * page.height() / page.width()))
        self._queue: list[dt.datetime] = []
        self._instant: dt.datetime | None = None

    def prepare(self, instant: dt.datetime) -> tuple:
        self._queue.append(instant)
        return (self.scene.clamp(instant),)

    def start(self) -> None:
        """The layout draws in finish(), on this thread: nothing runs beside it."""
        self._instant = self._queue.pop(0)

    def finish(self) -> QImage:
        from qgis.core import QgsLayoutExporter

        from .lagebild import fill_layout

        fill_layout(self.layout, self.scene, self._instant, self.options.language)
        size = QSize(self.options.width, self.options.height)
        image = QgsLayoutExporter(self.layout).renderPageToImage(0, size)
        return image.convertToFormat(QImage.Format.Format_RGB32)

    def cancel(self) -> None:
        self._queue.clear()

    def render(self, instant: dt.datetime) -> QImage:
        self.prepare(instant)
        self.start()
        return self.finish()


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
    """One export, frame by frame: `step()` until it returns False, then `finish()`.

    Driven by a QgsTask in a worker thread, by Processing, or (for the
    layout frames) by a timer on the main thread; `abort()` at any point
    removes everything written.
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
        self.scene = None
        self.frames: list[Frame] = []
        self.index = 0
        self.writer = None
        self.renderer = None
        self.started = 0.0
        self._last_key: tuple | None = None
        self._repeats: dict[int, bool] = {}

    def prepare(self) -> None:
        """Open the series in a project of its own and plan the frames."""
        from ..layers.scene import SeriesScene

        self.started = time.perf_counter()
        self.project = QgsProject()
        self.scene = SeriesScene.open(self.store, self.project, self.options.language,
                                      self.options.timing)
        span = self.scene.span()
        if span is None:
            raise AnimationError(tr("{path}: the series has no snapshots").format(path=self.store.describe()))
        start = self.options.start or span[0]
        end = self.options.end or span[1]
        self.frames = plan_frames(start, end, self.options.step, self.options.fps, self.options.hold_seconds,
                                  self.scene.snapshots())
        if self.options.use_layout:
            self.renderer = LayoutFrameRenderer(self.scene, self.options, self.frames[0].instant)
        else:
            self.renderer = FrameRenderer(self.scene, self.options)
        if self.options.format == "mp4":
            self.writer = Mp4Writer(self.output, self.options.width, self.options.height, self.options.fps)
        else:
            self.writer = GifWriter(self.output, palette_from(self._palette_samples()))

    def _palette_samples(self) -> list:
        """A few frames spread over the animation."""
        count = len(self.frames)
        last = max(1, PALETTE_SAMPLES - 1)
        indexes = sorted({round(i * (count - 1) / last) for i in range(PALETTE_SAMPLES)})
        samples = []
        for index in indexes:
            samples.append(qimage_to_pil(self.renderer.render(self.frames[index].instant)).reduce(2))
        return samples

    @property
    def progress(self) -> float:
        """0 … 100."""
        return 100.0 * self.index / len(self.frames) if self.frames else 0.0

    def _prepare(self, index: int) -> None:
        """Show frame `index`; note whether it shows what the frame before it showed."""
        key = self.renderer.prepare(self.frames[index].instant)
        self._repeats[index] = key == self._last_key
        self._last_key = key

    def step(self) -> bool:
        """Write the next frame; False when all are done.

        While QGIS draws frame i+1, this thread morphs the scene to frame i+2
        (the job drew from copies of the layers' features, taken when it
        started) and encodes frame i. A frame showing the same instant and
        words as the previous one (the timeline clamped at the series' end)
        is not drawn again: the previous frame lasts longer. (Two renders of
        one scene can differ in a few pixels, so this is decided on the
        scene, not on the pixels.)
        """
        index, count = self.index, len(self.frames)
        if index >= count:
            return False
        if index == 0:
            self._prepare(0)
            self.renderer.start()
            if count > 1:
                self._prepare(1)
        repeat = self._repeats.pop(index)
        image = None if repeat else self.renderer.finish()
        if index + 1 < count and not self._repeats[index + 1]:
            self.renderer.start()
        if index + 2 < count:
            self._prepare(index + 2)
        seconds = self.frames[index].seconds
        if image is None:
            self.writer.extend(seconds)
        else:
            self.writer.add(qimage_to_pil(image), seconds)
        self.index += 1
        return True

    def finish(self) -> AnimationResult:
        while self.step():
            pass
        path = self.writer.close()
        result = AnimationResult(
            path, len(self.frames), self.writer.frames_written, self.writer.frames_merged,
            total_seconds(self.frames), time.perf_counter() - self.started,
            list(getattr(self.writer, "durations_ms", [])))
        self.close()
        return result

    def abort(self) -> None:
        if self.renderer is not None:
            self.renderer.cancel()
        if self.writer is not None:
            self.writer.abort()
        self.close()

    def close(self) -> None:
        """Drop the private project (in the thread that made it)."""
        self.renderer = None
        self.scene = None
        if self.project is not None:
            self.project.clear()
            self.project = None


def export_animation(series, output: str | Path, options: AnimationOptions,
                     progress: Callable[[float], None] | None = None,
                     cancelled: Callable[[], bool] | None = None) -> AnimationResult:
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


class AnimationTask(QgsTask):
    """Exports in the background: its own project in run(), no widgets, cancel between frames.

    The task reads a private copy of the series: QGIS 3.22 can deadlock when
    the main thread opens a layer of a GeoPackage while a worker thread opens
    one of the same file (seen with the plugin framing the map as the task
    started).
    """

    def __init__(self, series, output: str | Path, options: AnimationOptions,
                 on_done: Callable[[AnimationTask], None] | None = None) -> None:
        import tempfile

        super().__init__(tr("Exporting animation {name}").format(name=Path(output).name),
                         QgsTask.Flag.CanCancel)
        self._folder = Path(tempfile.mkdtemp(prefix="kt-animation-"))
        try:
            self.series_path = private_copy(series, self._folder)
        except Exception as error:
            self._remove_copy()
            raise AnimationError(tr("{path}: the series cannot be read ({error})").format(
                path=getattr(series, "location", series), error=error)) from error
        self.output = Path(output)
        self.options = options
        self.on_done = on_done
        self.result: AnimationResult | None = None
        self.failure: str | None = None
        self.frames_done = 0

    def run(self) -> bool:
        def progress(value: float) -> None:
            self.frames_done += 1
            self.setProgress(value)

        try:
            self.result = export_animation(self.series_path, self.output, self.options, progress,
                                           self.isCanceled)
        except AnimationCancelled:
            return False
        except (KurskTrackerError, OSError, ValueError) as error:
            self.failure = str(error)
            return False
        return True

    def _remove_copy(self) -> None:
        import shutil

        shutil.rmtree(self._folder, ignore_errors=True)

    def finished(self, ok: bool) -> None:
        self._remove_copy()
        if self.on_done is not None:
            self.on_done(self)
