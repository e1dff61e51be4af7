"""Drawing animation frames: the map at an instant with its date box, several frames at once.

A frame is drawn in three parts. The layers that move from frame to frame
(the morphed areas, their fronts and the change: memory layers) are drawn
per frame by a QgsMapRendererCustomPainterJob onto a copy of the layers
below them; the layers below and above them change only when the snapshot
in force changes (their filter), so each is drawn once per filter and
reused; the box and the credit go on last. A job takes copies of its
layers' features when it starts, so the scene can move on to the next
instant while earlier frames are still being drawn: `begin()` starts a
frame, `complete()` waits for it, and any number of frames may be between
the two. `FrameRendererProtocol` is what both renderers here offer: the map
frames (`FrameRenderer`) and the whole print layout (`LayoutFrameRenderer`).
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from typing import TYPE_CHECKING, Protocol, TypeVar

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsExpressionContext,
    QgsExpressionContextUtils,
    QgsMapLayer,
    QgsMapRendererCustomPainterJob,
    QgsMapSettings,
    QgsRectangle,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QRectF, QSize, Qt
from qgis.PyQt.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPen

from ..core.timefmt import language_of
from ..core.wording import LANGUAGES, word
from ..layers.live_layers import LIVE_AREAS, LIVE_CHANGE, LIVE_FRONTS
from ..layers.series_layers import ROLE_PROPERTY
from ..toolbelt.compat import required
from .frame_plan import AnimationOptions, date_line
from .render import DISPLAY_CRS
from .video import even

if TYPE_CHECKING:
    from ..layers.scene import SceneState, SeriesScene

BACKGROUND = "#f4f1ea"
ILLUSTRATIVE = {language: word("film.illustrative", language) for language in LANGUAGES}
"""The series' name on a film of made-up data, in the film's language (not QGIS's)."""
MOVING_ROLES = (LIVE_AREAS, LIVE_FRONTS, LIVE_CHANGE)
"""The layers redrawn on every frame."""


def new_image(size: QSize, colour: QColor) -> QImage:
    # copy(): an image made in C++, whose paint-device calls from QGIS's
    # thread need no check for Python overrides.
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied).copy()
    image.fill(colour)
    return image


class Drawing:
    """A map render in progress onto an image of its own."""

    def __init__(self, settings: QgsMapSettings, image: QImage) -> None:
        self.image = image
        self.painter: QPainter | None = QPainter(image)
        self.job = QgsMapRendererCustomPainterJob(settings, self.painter)
        self.job.start()

    def wait(self) -> QImage:
        if self.painter is not None:
            self.job.waitForFinished()
            self.painter.end()
            self.painter = None
        return self.image

    def cancel(self) -> None:
        if self.painter is not None:
            self.job.cancel()  # returns when the job has stopped
            self.painter.end()
            self.painter = None


class PendingFrame:
    """A frame begun and not yet completed: its moving layers' drawing, the overlay and the texts."""

    def __init__(self, drawing: Drawing, overlay: Drawing | None, texts: tuple[str, str, str]) -> None:
        self.drawing = drawing
        self.overlay = overlay
        self.texts = texts


def draws_labels(layer: QgsMapLayer) -> bool:
    return isinstance(layer, QgsVectorLayer) and (layer.labelsEnabled() or layer.diagramsEnabled())


def split_layers(layers: list[QgsMapLayer]) -> tuple[list, list, list]:
    """(above, moving, below), top first: the layers above the moving ones, the moving ones
    (and whatever lies between them), and those below.

    Drawing the parts apart looks the same as drawing them together when
    every label is above the moving layers (QGIS draws labels last, over all
    layers) and the layers above blend normally; otherwise everything is
    drawn on every frame.
    """
    moving = [i for i, layer in enumerate(layers) if layer.customProperty(ROLE_PROPERTY) in MOVING_ROLES]
    if not moving:
        return [], [], list(layers)
    first, last = moving[0], moving[-1] + 1
    above, middle, below = layers[:first], layers[first:last], layers[last:]
    normal = QPainter.CompositionMode.CompositionMode_SourceOver
    if any(draws_labels(layer) for layer in middle + below) or any(
        layer.blendMode() != normal for layer in above
    ):
        return [], list(layers), []
    return above, middle, below


def filter_key(layers: list[QgsMapLayer]) -> tuple:
    """What a still part shows: its layers and their filters."""
    return tuple(
        (layer.id(), layer.subsetString() if isinstance(layer, QgsVectorLayer) else "") for layer in layers
    )


class StillPart:
    """Layers that do not move between frames, drawn once per filter and reused."""

    def __init__(self, settings: QgsMapSettings, background: QColor) -> None:
        self.settings = settings
        self.background = background
        self.key: tuple | None = None
        self.drawing: Drawing | None = None

    def drawn(self, layers: list[QgsMapLayer]) -> Drawing | None:
        """The part's drawing for the layers as they are filtered now (started if new); None: no layers."""
        if not layers:
            return None
        key = filter_key(layers)
        if key != self.key:
            settings = QgsMapSettings(self.settings)
            settings.setLayers(layers)
            settings.setBackgroundColor(self.background)
            self.key, self.drawing = key, Drawing(settings, new_image(settings.outputSize(), self.background))
        return self.drawing

    def settle(self) -> None:
        """Until the part's drawing has finished."""
        if self.drawing is not None:
            self.drawing.wait()

    def cancel(self) -> None:
        if self.drawing is not None:
            self.drawing.cancel()
            self.key, self.drawing = None, None


Pending = TypeVar("Pending")
"""A frame begun and not yet completed, as a renderer keeps it."""


class FrameRendererProtocol(Protocol[Pending]):
    """What the animation export draws frames with: prepare the scene at an instant, begin the frame,
    then complete (or discard) it; frames may be begun before earlier ones are completed."""

    def prepare(self, instant: dt.datetime, state: SceneState | None = None) -> tuple[object, ...]:
        """Show the scene at `instant` (`state`: the scene's state there, computed ahead); returns
        what the frame shows (equal for equal frames)."""
        ...

    def begin(self) -> Pending:
        """Start drawing the prepared frame."""
        ...

    def complete(self, frame: Pending) -> QImage:
        """The begun frame, finished."""
        ...

    def discard(self, frame: Pending) -> None:
        """Stop drawing a begun frame."""
        ...

    def cancel(self) -> None:
        """Stop every frame being drawn."""
        ...


class QueuedFrames(FrameRendererProtocol[Pending]):
    """start()/finish() on top of begin()/complete(): frames finish in the order they started."""

    _started: deque[Pending]

    def start(self) -> None:
        self._started.append(self.begin())

    def finish(self) -> QImage:
        return self.complete(self._started.popleft())

    def cancel(self) -> None:
        while self._started:
            self.discard(self._started.popleft())

    def render(self, instant: dt.datetime) -> QImage:
        self.prepare(instant)
        return self.complete(self.begin())


class FrameRenderer(QueuedFrames[PendingFrame]):
    """Draws the scene at an instant: the map, then the date box and the credit."""

    def __init__(
        self, scene: SeriesScene, options: AnimationOptions, extent: QgsRectangle | None = None
    ) -> None:
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
            name = word("film.illustrative", lang).format(name=name)
        self.title = name
        self.credit = scene.series.credit_in(lang)
        self.below = StillPart(settings, QColor(BACKGROUND))
        self.above = StillPart(settings, QColor(0, 0, 0, 0))
        self._prepared: tuple[list[QgsMapLayer], tuple[str, str, str]] = ([], ("", "", ""))
        self._started = deque()

    def box_lines(self) -> list[tuple[QFont, QColor]]:
        """Fonts and colours of the box's lines: series, date and week, change."""
        unit = self.unit
        return [
            (self._font(unit * 0.95, bold=False), QColor("#333333")),
            (self._font(unit * 1.45, bold=True), QColor("#111111")),
            (self._font(unit * 0.85, bold=False), QColor("#333333")),
        ]

    def fit_below_box(self, extent: QgsRectangle) -> QgsRectangle:
        """The map extent that shows `extent` whole in the frame below the date box's band."""
        width, height = self.options.width, self.options.height
        band = self.unit * 2.7 + sum(QFontMetricsF(font).height() for font, _colour in self.box_lines())
        free = max(height * 0.5, height - band)
        scale = max(extent.width() / width, extent.height() / free)
        x_min = extent.center().x() - width * scale / 2
        y_min = extent.yMinimum() - (free - extent.height() / scale) / 2 * scale
        return QgsRectangle(x_min, y_min, x_min + width * scale, y_min + height * scale)

    def prepare(
        self, instant: dt.datetime, state: SceneState | None = None
    ) -> tuple[dt.datetime, str, str, str]:
        """Show the scene at `instant` and note the texts of its frame; returns what the frame shows.

        The stored layers' filters change where another snapshot comes into
        force; a file's layer reads through its filter while it is drawn, so
        the still parts are finished first.
        """
        in_force = self.scene.snapshot_in_force(self.scene.clamp(instant))
        if in_force is not None and in_force.id != self.scene.loaded.snapshot_id:
            self.below.settle()
            self.above.settle()
        self.scene.show(instant, state)
        shown = self.scene.instant
        if shown is None:  # show() always sets it
            raise RuntimeError("the scene shows no instant after show()")
        texts = (self.title, date_line(self.scene, shown, self.options.language), self.scene.change_summary())
        self._prepared = (self.scene.visible_layers(), texts)
        return (shown, *texts)

    def begin(self) -> PendingFrame:
        """Start drawing the prepared frame; the scene may move on at once."""
        layers, texts = self._prepared
        above, moving, below = split_layers(layers)
        base = self.below.drawn(below)
        overlay = self.above.drawn(above)
        image = base.wait().copy() if base is not None else new_image(self.size, QColor(BACKGROUND))
        settings = QgsMapSettings(self.settings)
        settings.setLayers(moving)
        settings.setBackgroundColor(QColor(0, 0, 0, 0))  # drawn over the layers below
        return PendingFrame(Drawing(settings, image), overlay, texts)

    def complete(self, frame: PendingFrame) -> QImage:
        """The finished frame, with the layers above, the box and the credit."""
        image = frame.drawing.wait()
        overlay = frame.overlay.wait() if frame.overlay is not None else None
        self.annotate(image, *frame.texts, overlay=overlay)
        return image

    def discard(self, frame: PendingFrame) -> None:
        frame.drawing.cancel()

    def cancel(self) -> None:
        super().cancel()
        self.below.cancel()
        self.above.cancel()

    def annotate(
        self, image: QImage, title: str, date: str, summary: str, overlay: QImage | None = None
    ) -> None:
        """The layers above (`overlay`), the box with series, date and week, change; the credit."""
        height = image.height()
        unit = self.unit
        painter = QPainter(image)
        if overlay is not None:
            painter.drawImage(0, 0, overlay)
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
            painter.drawText(
                QRectF(box.left() + pad, top, box.width() - 2 * pad, metric.height()),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                text,
            )
            top += metric.height()
        if self.credit:
            font = self._font(unit * 0.75, bold=False)
            metric = QFontMetricsF(font)
            width = metric.horizontalAdvance(self.credit) + unit
            area = QRectF(
                image.width() - width - unit * 0.5,
                height - metric.height() - unit * 0.6,
                width,
                metric.height() + unit * 0.2,
            )
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


class LayoutFrameRenderer(QueuedFrames[dt.datetime | None]):
    """Each frame the whole Lagebild print layout at the instant (main thread only).

    The layout is built once and refilled per frame; the frame's height
    follows the page's proportions (the title on the page carries the date,
    so no box is drawn over it). The layout draws in complete(), on the
    calling thread: one frame at a time.
    """

    def __init__(self, scene: SeriesScene, options: AnimationOptions, first: dt.datetime) -> None:
        from .lagebild import build_layout

        self.scene = scene
        self.options = options
        self.layout = build_layout(scene, first, options.template, language=options.language)
        pages = required(self.layout.pageCollection(), "page collection")
        page = required(pages.page(0), "first page of the layout").pageSize()
        options.height = even(round(options.width * page.height() / page.width()))
        self._instant: dt.datetime | None = None
        self._started = deque()

    def prepare(self, instant: dt.datetime, state: SceneState | None = None) -> tuple[dt.datetime]:
        self._instant = instant
        return (self.scene.clamp(instant),)

    def begin(self) -> dt.datetime | None:
        return self._instant

    def complete(self, instant: dt.datetime | None) -> QImage:
        from qgis.core import QgsLayoutExporter

        from .lagebild import fill_layout

        fill_layout(self.layout, self.scene, instant, self.options.language)
        size = QSize(self.options.width, self.options.height)
        image = QgsLayoutExporter(self.layout).renderPageToImage(0, size)
        return image.convertToFormat(QImage.Format.Format_RGB32)

    def discard(self, instant: dt.datetime | None) -> None:
        pass
