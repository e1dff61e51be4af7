"""One way to run long work: in a QgsTask thread, or in steps on the main thread; the same handle either way.

- `BackgroundTask`: a QgsTask whose `work()` runs in a worker thread (it
  must not touch the project or widgets).
- `SteppedRun`: a `SteppedWork` (prepare, step, finish, abort) driven one
  step per timer tick on the main thread, for what QGIS draws only there
  (print layouts). A proxy task puts it in QGIS's task manager with its
  progress and Cancel; between steps the window repaints and stays usable.

Both are started with `start()`, report `progressChanged(float)` 0 … 100,
stop with `cancel()` (or `stop()` when the plugin unloads: no callback, no
wait left), and call `on_done(Outcome)` once, on the main thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from typing import Any, Protocol

from qgis.core import QgsApplication, QgsProxyProgressTask, QgsTask
from qgis.PyQt.QtCore import QObject, QTimer, pyqtSignal

from ..core.errors import KurskTrackerError
from .compat import required

FAILURES = (KurskTrackerError, OSError, ValueError)
"""What a piece of work may raise with a message the user can act on; anything else is a bug."""


@dataclass
class Outcome:
    """How a piece of work ended. A cancelled run may still carry a result (e.g. the files written)."""

    result: Any = None
    failure: str | None = None
    """The message of the error that stopped it."""
    cancelled: bool = False

    @property
    def ok(self) -> bool:
        return self.failure is None and not self.cancelled


Done = Callable[[Outcome], None]

_RUNNING: set[QObject] = set()
"""Tasks handed to the task manager (a Python wrapper collected early loses its run()) and stepped runs
(their timer goes with them): kept until they end, so a caller need not hold them."""


class SteppedWork(Protocol):
    """Work cut into steps, each short enough to keep the window responsive."""

    @property
    def progress(self) -> float:
        """0 … 100, read after each step."""

    def prepare(self) -> None:
        """Before the first step (may raise one of FAILURES)."""

    def step(self) -> bool:
        """Do the next piece; False when nothing is left."""

    def finish(self) -> Any:
        """After the last step: the result."""

    def abort(self) -> Any:
        """Cancelled or failed: leave nothing half-done; returns what was completed, if anything."""


class BackgroundTask(QgsTask):
    """A cancellable QgsTask: `work()` in a worker thread, then `on_done(outcome)` on the main thread."""

    def __init__(self, description: str, on_done: Done | None = None) -> None:
        super().__init__(description, QgsTask.Flag.CanCancel)
        self.on_done = on_done
        self.result: Any = None
        self.failure: str | None = None
        self.completed = False
        """run() ended with the work done (neither failed nor cut short)."""

    def work(self) -> Any:
        """The work, in a worker thread: report with `setProgress`, stop early when `isCanceled()`."""
        raise NotImplementedError

    def succeeded(self, result: Any) -> bool:
        """Whether `result` is the work done, not cut short by a cancel."""
        return not self.isCanceled()

    def run(self) -> bool:
        try:
            self.result = self.work()
        except FAILURES as error:
            self.failure = str(error)
            return False
        self.completed = self.succeeded(self.result)
        return self.completed

    @property
    def outcome(self) -> Outcome:
        return Outcome(self.result, self.failure, cancelled=self.failure is None and not self.completed)

    def start(self) -> None:
        _RUNNING.add(self)
        required(QgsApplication.taskManager(), "task manager").addTask(self)

    def finished(self, ok: bool) -> None:
        _RUNNING.discard(self)
        self.cleanup()
        self.deliver()

    def cleanup(self) -> None:
        """On the main thread once run() has ended, before `on_done`."""

    def deliver(self) -> None:
        if self.on_done is not None:
            self.on_done(self.outcome)

    def stop(self, wait_ms: int = 60000) -> None:
        """The plugin unloads: cancel, no callback, and wait for the thread (its work removes its files)."""
        self.on_done = None
        try:
            self.cancel()
            self.waitForFinished(wait_ms)
        except RuntimeError:  # already finished and deleted by the task manager
            pass


class _HeldTask(QgsTask):
    """QgsProxyProgressTask as QGIS 3.26 made it, for QGIS 3.22, whose proxy cannot be cancelled.

    Stands in the task manager (holding one pool thread, as QGIS's proxy
    does) until `finalize()`; the work itself runs elsewhere.
    """

    canceled = pyqtSignal()

    def __init__(self, description: str) -> None:
        super().__init__(description, QgsTask.Flag.CanCancel)
        self._released = threading.Event()
        self._result = False

    def setProxyProgress(self, progress: float) -> None:  # noqa: N802 (QGIS's name)
        self.setProgress(progress)

    def finalize(self, result: bool) -> None:
        self._result = result
        self._released.set()

    def cancel(self) -> None:
        self.canceled.emit()
        super().cancel()

    def run(self) -> bool:
        self._released.wait()
        return self._result

    def finished(self, ok: bool) -> None:
        _RUNNING.discard(self)


def proxy_task(description: str) -> QgsProxyProgressTask | _HeldTask:
    """A task manager entry with progress and Cancel for work done on the main thread."""
    try:
        return QgsProxyProgressTask(description, True)  # QGIS ≥ 3.26: cancellable
    except TypeError:
        return _HeldTask(description)


class SteppedRun(QObject):
    """Runs a SteppedWork one step per timer tick on the main thread, shown in QGIS's task manager."""

    progressChanged = pyqtSignal(float)  # noqa: N815 (Qt naming)

    def __init__(
        self, description: str, work: SteppedWork, on_done: Done | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.description = description
        self.work = work
        self.on_done = on_done
        self.task: QgsProxyProgressTask | _HeldTask | None = None
        self.outcome: Outcome | None = None
        self._prepared = False
        self._cancelled = False
        self._busy = False
        # Interval 0: the next step as soon as the events waiting (repaints, clicks) are handled.
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self.task = proxy_task(self.description)
        if isinstance(self.task, _HeldTask):
            _RUNNING.add(self.task)
        self.task.canceled.connect(self.cancel)
        required(QgsApplication.taskManager(), "task manager").addTask(self.task)
        _RUNNING.add(self)
        self._timer.start()

    def running(self) -> bool:
        return self._timer.isActive()

    def cancel(self) -> None:
        """Stop before the next step; the work's abort() removes what is half-done."""
        self._cancelled = True

    def _cancel_asked(self) -> bool:
        if self._cancelled:
            return True
        try:
            return self.task is not None and self.task.isCanceled()
        except RuntimeError:  # the task manager dropped the entry
            return False

    def _tick(self) -> None:
        # A step that spins an event loop of its own (a canvas waiting for its render) must not
        # start the next step inside it.
        if self._busy:
            return
        self._busy = True
        try:
            self._advance()
        finally:
            self._busy = False

    def _advance(self) -> None:
        try:
            if self._cancel_asked():
                self._end(Outcome(self.work.abort(), cancelled=True))
            elif not self._prepared:
                self._prepared = True
                self.work.prepare()
            elif self.work.step():
                self._progress(self.work.progress)
            else:
                result = self.work.finish()
                self._progress(100.0)
                self._end(Outcome(result))
        except Exception as error:
            # The timer must not tick on into the same error, nor the task bar entry stay.
            self._end(Outcome(self.work.abort(), failure=str(error)))
            if not isinstance(error, FAILURES):
                raise

    def _progress(self, value: float) -> None:
        if self.task is not None:
            with suppress(RuntimeError):  # the task manager dropped the entry
                self.task.setProxyProgress(value)
        self.progressChanged.emit(value)

    def _end(self, outcome: Outcome) -> None:
        self._timer.stop()
        _RUNNING.discard(self)
        self.outcome = outcome
        task, self.task = self.task, None
        if task is not None:
            with suppress(RuntimeError):  # cancelled before it started: the manager has deleted it
                task.finalize(outcome.ok)
        if self.on_done is not None:
            self.on_done(outcome)

    def stop(self) -> None:
        """The plugin unloads: abort now, without calling `on_done`."""
        if self.running():
            self.on_done = None
            self._end(Outcome(self.work.abort(), cancelled=True))
