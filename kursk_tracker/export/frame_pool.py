"""Several animation frames drawn at once, handed back in order; morphs and scene states computed ahead.

The scene is moved to one instant at a time on the export's thread, and
each frame's drawing starts as soon as its instant is shown (the drawing
copies the features it needs); up to `size` frames are being drawn at once
on QGIS's worker threads. What the scene shows at the next instants (the
morphed areas, the change, the fronts: geometry only, no layer) is computed
ahead on threads of their own (`StatesAhead`), and the morph of each
snapshot pair before it is needed (`MorphAhead`), so the export's thread
only puts features in layers and starts drawings. Frames are taken back in
the order of the film, so a frame that finishes early waits in the pool
until those before it are encoded: the pool holds at most `size` frames,
and `StatesAhead` a few states, whatever the film's length.
"""

from __future__ import annotations

import datetime as dt
import queue
import threading
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..layers.scene import SceneState, SeriesScene
    from .frame_renderer import FrameRendererProtocol
    from .video import FrameWriter

REPEAT = object()
"""In the pool: the frame shows what the frame before it showed, and is not drawn again."""


class MorphAhead:
    """Computes the morphs of the snapshot pairs the frames need, in the frames' order, on a thread
    of its own, so the export's thread finds each pair ready when it gets there."""

    WAIT_S = 0.5

    def __init__(self, frames, instants: list[dt.datetime]) -> None:
        """`frames`: the scene's core.frames.SeriesFrames."""
        self.frames = frames
        self.pairs: list[tuple[Any, Any]] = []
        for instant in instants:
            pair = self._pair_of(instant)
            if pair is not None and pair not in self.pairs and not frames.is_ready(*pair):
                self.pairs.append(pair)
        self._changed = threading.Condition()
        self._stopped = False
        self._thread = threading.Thread(target=self._run, name="kursk-tracker-morph", daemon=True)
        self._thread.start()

    def _pair_of(self, instant: dt.datetime) -> tuple | None:
        """The neighbouring snapshots to morph between for `instant`; None at or beyond a snapshot."""
        position = self.frames.position(instant)
        if position is None or position.at_snapshot is not None or position.before.id == position.after.id:
            return None
        return position.before, position.after

    def _run(self) -> None:
        try:
            for before, after in self.pairs:
                if self._stopped:
                    return
                self.frames.pair(before, after)
                with self._changed:
                    self._changed.notify_all()
        finally:
            with self._changed:
                self._stopped = True
                self._changed.notify_all()

    def wait_for(self, instant: dt.datetime) -> None:
        """Until the morph `instant` needs is ready (or this thread has stopped: the caller computes it)."""
        pair = self._pair_of(instant)
        if pair is None:
            return
        with self._changed:
            while not self.frames.is_ready(*pair) and not self._stopped:
                self._changed.wait(self.WAIT_S)

    def stop(self) -> None:
        """Stop after the pair being computed; returns when the thread has ended."""
        with self._changed:
            self._stopped = True
        self._thread.join()


class StatesAhead:
    """The scene's states at the film's instants, computed by `workers` threads, at most `window`
    ahead of the one taken; `take(i)` is called for i = 0, 1, 2, … in turn."""

    def __init__(self, scene: SeriesScene, instants: list[dt.datetime], workers: int, window: int) -> None:
        self.scene = scene
        self.instants = instants
        self.window = max(1, window)
        self._executor = ThreadPoolExecutor(max(1, workers), thread_name_prefix="kursk-tracker-frame-state")
        self._futures: dict[int, Future] = {}
        self._submitted = 0

    def take(self, index: int) -> SceneState:
        """The state at `instants[index]` (computed here if it was not ahead)."""
        last = min(len(self.instants), index + 1 + self.window)
        while self._submitted < last:
            self._futures[self._submitted] = self._executor.submit(
                self.scene.state_at, self.instants[self._submitted]
            )
            self._submitted += 1
        future = self._futures.pop(index, None)
        return future.result() if future is not None else self.scene.state_at(self.instants[index])

    def stop(self) -> None:
        """Drop the states not yet begun; returns when those being computed are done."""
        for future in self._futures.values():
            future.cancel()
        self._futures.clear()
        self._executor.shutdown(wait=True)


class FramePool:
    """Up to `size` frames drawn at once; `next()` hands them back in the order of `instants`.

    `renderer` prepares the scene at an instant (returning what the frame
    shows), begins drawing it, completes a begun frame or discards it: see
    export/frame_renderer.py. A frame that shows the same as the one before
    it (the timeline clamped at the series' end) is not drawn again.
    """

    def __init__(
        self,
        renderer: FrameRendererProtocol[Any],
        instants: list[dt.datetime],
        size: int,
        ahead: MorphAhead | None = None,
        states: StatesAhead | None = None,
    ) -> None:
        self.renderer = renderer
        self.instants = instants
        self.size = max(1, size)
        self.ahead = ahead
        self.states = states
        self._pending: deque = deque()
        self._next = 0
        self._last_key: tuple | None = None

    def _fill(self) -> None:
        while self._next < len(self.instants) and len(self._pending) < self.size:
            instant = self.instants[self._next]
            if self.states is not None:
                key = self.renderer.prepare(instant, self.states.take(self._next))
            else:
                if self.ahead is not None:
                    self.ahead.wait_for(instant)
                key = self.renderer.prepare(instant)
            repeat = key == self._last_key
            self._last_key = key
            self._pending.append(REPEAT if repeat else self.renderer.begin())
            self._next += 1

    def next(self):
        """The next frame's image; None when it repeats the frame before it."""
        self._fill()
        pending = self._pending.popleft()
        image = None if pending is REPEAT else self.renderer.complete(pending)
        self._fill()  # the next frame is drawn while this one is encoded
        return image

    @property
    def in_flight(self) -> int:
        return sum(1 for pending in self._pending if pending is not REPEAT)

    def cancel(self) -> None:
        """Stop every frame being drawn (returns when they have stopped) and the morphs ahead."""
        while self._pending:
            pending = self._pending.popleft()
            if pending is not REPEAT:
                self.renderer.discard(pending)
        self.close()

    def close(self) -> None:
        if self.states is not None:
            self.states.stop()
        if self.ahead is not None:
            self.ahead.stop()


class WritingThread:
    """Frames converted and written on a thread of its own, in the order given, while the next are
    drawn; at most `depth` wait. Only for a writer that touches no Qt object (the GIF writer: Pillow
    and a file; the MP4 writer's ffmpeg process belongs to the export's thread). A failure is
    raised on the export's thread, at the next `put()` or at `finish()`."""

    def __init__(self, writer: FrameWriter, convert: Callable[[Any], Any], depth: int = 2) -> None:
        self.writer = writer
        self.convert = convert
        self._queue: queue.Queue = queue.Queue(maxsize=max(1, depth))
        self._failure: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="kursk-tracker-writer", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            if self._failure is not None:
                continue  # the export stops at its next put(): only drain
            image, seconds = item
            try:
                if image is None:
                    self.writer.extend(seconds)
                else:
                    self.writer.add(self.convert(image), seconds)
            except BaseException as failure:  # handed to the export's thread
                self._failure = failure

    def _raise(self) -> None:
        if self._failure is not None:
            raise self._failure

    def put(self, image, seconds: float) -> None:
        """The next frame (None: the previous one lasts `seconds` longer)."""
        self._raise()
        self._queue.put((image, seconds))

    def finish(self) -> None:
        """Until every frame given is written."""
        if self._thread.is_alive():
            self._queue.put(None)
            self._thread.join()
        self._raise()

    def stop(self) -> None:
        """Drop the frames not yet written; returns when the thread has ended."""
        while True:
            try:
                self._queue.get_nowait()
            except queue.Empty:
                break
        if self._thread.is_alive():
            self._queue.put(None)
            self._thread.join()
