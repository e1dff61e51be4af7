"""Playing in real time on a map canvas: one frame at a time, as fast as the map draws."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable

from qgis.PyQt.QtCore import QObject, QTimer, pyqtSignal

PLAY_INTERVAL_MS = 40
"""The pace of the ticks; a tick asks for a frame only when the map is ready for one."""
RENDER_TIMEOUT_S = 1.0
"""A frame whose render never reports back (nothing to redraw) is waited for this long at most."""


class FramePacer(QObject):
    """Plays in real time, one map frame at a time.

    The instant shown is the start plus the wall time since play began times
    the speed, so a slow machine shows fewer frames, never slower time. A
    timer ticks; a tick asks for a frame only when the map canvas finished
    drawing the last one (its mapCanvasRefreshed), else it is dropped, and a
    frame whose render ends after dropped ticks asks for the next at once.
    Without a canvas that draws (none, hidden, frozen) the ticks pace alone;
    a render that never reports back is given up after RENDER_TIMEOUT_S.
    """

    frameRequested = pyqtSignal()  # noqa: N815

    def __init__(
        self,
        show: Callable[[dt.datetime], dt.datetime | None],
        canvas=None,
        parent: QObject | None = None,
        where: Callable[[], dt.datetime | None] | None = None,
    ) -> None:
        """`show(instant)` shows an instant and returns the one shown, None to stop; `where()`: the
        instant shown now (moved by hand while playing, the play goes on from there)."""
        super().__init__(parent)
        self.show = show
        self.where = where
        self.canvas = canvas
        self.speed_days = 1.0
        self.timer = QTimer(self)
        self.timer.setInterval(PLAY_INTERVAL_MS)
        self.timer.timeout.connect(self.tick)
        self._anchor: tuple[float, dt.datetime] | None = None
        self._shown: dt.datetime | None = None
        self._waiting_since: float | None = None
        self._behind = False
        self.requested = self.dropped = self.finished = self.timed_out = 0
        if canvas is not None:
            canvas.mapCanvasRefreshed.connect(self._rendered)

    def start(self, instant: dt.datetime) -> None:
        self.requested = self.dropped = self.finished = self.timed_out = 0
        self.anchor(instant)
        self._waiting_since, self._behind = None, False
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        self._waiting_since, self._behind = None, False

    def is_active(self) -> bool:
        return self.timer.isActive()

    def anchor(self, instant: dt.datetime) -> None:
        """Count the wall time from now, at `instant` (play, a new speed, a jump, a loop)."""
        self._anchor = (time.monotonic(), instant)
        self._shown = instant

    def set_speed(self, days_per_second: float) -> None:
        if self._shown is not None and self.is_active():
            self.anchor(self._current())
        self.speed_days = days_per_second

    def _current(self) -> dt.datetime:
        """The instant reached: the anchor's plus the wall time since, at the speed."""
        if self._anchor is None:  # set by start(), before any tick or speed change asks
            raise RuntimeError("FramePacer has not started")
        began, instant = self._anchor
        return instant + dt.timedelta(days=self.speed_days * (time.monotonic() - began))

    def _canvas_draws(self) -> bool:
        canvas = self.canvas
        return (
            canvas is not None
            and canvas.isVisible()
            and canvas.renderFlag()
            and not canvas.isFrozen()
            and canvas.width() > 0
            and canvas.height() > 0
        )

    def tick(self) -> None:
        if not self.is_active() or self._anchor is None:
            return
        if self._waiting_since is not None:
            if time.monotonic() - self._waiting_since < RENDER_TIMEOUT_S:
                self.dropped += 1
                self._behind = True
                return
            self.timed_out += 1
            self._waiting_since = None
        self._request()

    def _request(self) -> None:
        moved = self.where() if self.where is not None else None
        if moved is not None and moved != self._shown:
            self.anchor(moved)
        shown = self.show(self._current())
        self.requested += 1
        self._behind = False
        self.frameRequested.emit()
        if shown is None:
            self.stop()
            return
        if self._shown is not None and shown < self._shown:
            self.anchor(shown)  # looped round: count the wall time from the start again
        self._shown = shown
        if self._canvas_draws():
            self._waiting_since = time.monotonic()
            self.canvas.refresh()  # one render per frame, coalesced with the layers' own requests

    def _rendered(self) -> None:
        if self._waiting_since is None:
            return
        self._waiting_since = None
        self.finished += 1
        if self._behind and self.is_active():
            QTimer.singleShot(0, self.tick)  # ticks were dropped meanwhile: the next frame now
