"""One way to run long work (toolbelt/jobs.py) and one way to tell the user (toolbelt/report.py)."""

from __future__ import annotations

import ast
import threading
import time
from pathlib import Path

import pytest
from qgis.core import Qgis, QgsApplication, QgsTask
from qgis.PyQt.QtCore import QEventLoop, QTimer

from kursk_tracker.core.errors import KurskTrackerError
from kursk_tracker.toolbelt.jobs import BackgroundTask, Outcome, SteppedRun
from kursk_tracker.toolbelt.report import report

PACKAGE = Path(__file__).resolve().parents[2] / "kursk_tracker"


def run_event_loop(until, seconds: float = 120.0) -> None:
    """Run a real event loop (timers, queued calls, task manager) until `until()` is true."""
    loop = QEventLoop()
    poll = QTimer()
    poll.setInterval(10)
    poll.timeout.connect(lambda: loop.quit() if until() else None)
    poll.start()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    if not until():
        loop.exec()
    poll.stop()
    assert until(), "the event loop ran out of time"


def tasks_named(description: str) -> list[QgsTask]:
    return [task for task in QgsApplication.taskManager().tasks() if task.description() == description]


class NumberedFiles:
    """Stepped work writing one file per step, each in full (temporary file, then renamed).

    A step takes a few milliseconds, as real steps do (a Lagebild takes about a second):
    with steps of a tenth of a millisecond the whole run could end between two looks of
    the test's event loop (every 10 ms), before the test cancels it.
    """

    STEP_S = 0.005

    def __init__(self, folder: Path, count: int, fail_at: int | None = None) -> None:
        self.folder = folder
        self.count = count
        self.fail_at = fail_at
        self.written: list[Path] = []
        self.prepared = False
        self.aborted = False

    @property
    def progress(self) -> float:
        return 100.0 * len(self.written) / self.count

    def prepare(self) -> None:
        self.prepared = True

    def step(self) -> bool:
        index = len(self.written)
        if index >= self.count:
            return False
        if index == self.fail_at:
            raise KurskTrackerError(f"file {index}: disk full")
        target = self.folder / f"{index:02d}.txt"
        part = target.with_suffix(".part")
        time.sleep(self.STEP_S)
        part.write_text("x" * 1000)
        part.replace(target)
        self.written.append(target)
        return True

    def finish(self) -> list[Path]:
        return list(self.written)

    def abort(self) -> list[Path]:
        self.aborted = True
        return list(self.written)


# Work on the main thread, in steps ----------------------------------------------------------


def test_stepped_work_runs_to_the_end_in_the_event_loop_with_progress_to_100(qgis_app, tmp_path):
    work = NumberedFiles(tmp_path, 6)
    outcomes: list[Outcome] = []
    progress: list[float] = []
    run = SteppedRun("Numbered files", work, outcomes.append)
    run.progressChanged.connect(progress.append)
    run.start()
    assert work.written == [] and run.running()  # started, not done in start()
    run_event_loop(lambda: outcomes)
    assert len(outcomes) == 1 and outcomes[0].ok
    assert outcomes[0].result == [tmp_path / f"{i:02d}.txt" for i in range(6)]
    assert progress == sorted(progress) and progress[-1] == 100.0
    assert not run.running()


def test_stepped_work_stands_in_the_task_manager_while_it_runs(qgis_app, tmp_path):
    work = NumberedFiles(tmp_path, 40)
    outcomes: list[Outcome] = []
    run = SteppedRun("Numbered files in the task bar", work, outcomes.append)
    seen: list[tuple[bool, float]] = []

    def look(_value: float) -> None:
        for task in tasks_named("Numbered files in the task bar"):
            seen.append((bool(task.flags() & QgsTask.Flag.CanCancel), task.progress()))

    run.progressChanged.connect(look)
    run.start()
    run_event_loop(lambda: outcomes)
    assert outcomes[0].ok
    assert seen and all(can_cancel for can_cancel, _progress in seen)
    assert max(progress for _can_cancel, progress in seen) > 0
    run_event_loop(lambda: not tasks_named("Numbered files in the task bar"))


def test_cancel_from_the_task_manager_stops_between_steps(qgis_app, tmp_path):
    work = NumberedFiles(tmp_path, 200)
    outcomes: list[Outcome] = []
    run = SteppedRun("Numbered files to cancel", work, outcomes.append)
    run.start()
    run_event_loop(lambda: len(work.written) >= 3)
    # What the task bar's Cancel button does.
    tasks_named("Numbered files to cancel")[0].cancel()
    run_event_loop(lambda: outcomes)
    outcome = outcomes[0]
    assert outcome.cancelled and not outcome.ok and work.aborted
    assert 3 <= len(outcome.result) < 200
    assert sorted(tmp_path.iterdir()) == sorted(outcome.result)  # whole files only, nothing partial
    run_event_loop(lambda: not tasks_named("Numbered files to cancel"))


def test_a_failing_step_ends_with_its_message_and_leaves_the_task_manager(qgis_app, tmp_path):
    work = NumberedFiles(tmp_path, 10, fail_at=4)
    outcomes: list[Outcome] = []
    run = SteppedRun("Numbered files that fail", work, outcomes.append)
    run.start()
    run_event_loop(lambda: outcomes)
    assert outcomes[0].failure == "file 4: disk full" and not outcomes[0].cancelled
    assert work.aborted and len(outcomes[0].result) == 4
    run_event_loop(lambda: not tasks_named("Numbered files that fail"))


def test_stop_aborts_at_once_without_calling_back(qgis_app, tmp_path):
    work = NumberedFiles(tmp_path, 200)
    outcomes: list[Outcome] = []
    run = SteppedRun("Numbered files stopped", work, outcomes.append)
    run.start()
    run_event_loop(lambda: len(work.written) >= 2)
    run.stop()
    assert work.aborted and not run.running()
    written = len(work.written)
    run_event_loop(lambda: not tasks_named("Numbered files stopped"))
    assert outcomes == [] and len(work.written) == written


# Work in a thread --------------------------------------------------------------------------


class SumTask(BackgroundTask):
    def __init__(self, numbers: list[int], on_done, fail: bool = False, wait: threading.Event | None = None):
        super().__init__("Adding numbers", on_done)
        self.numbers = numbers
        self.fail = fail
        self.wait = wait
        self.thread: threading.Thread | None = None

    def work(self) -> int | None:
        self.thread = threading.current_thread()
        if self.wait is not None:
            self.wait.wait(30)
        if self.fail:
            raise OSError("the numbers cannot be read")
        total = 0
        for index, number in enumerate(self.numbers):
            if self.isCanceled():
                return None
            total += number
            self.setProgress(100.0 * (index + 1) / len(self.numbers))
        return total


def test_a_background_task_works_in_a_thread_and_calls_back_on_the_main_thread(qgis_app):
    outcomes: list[tuple[Outcome, threading.Thread]] = []
    task = SumTask(list(range(101)), lambda outcome: outcomes.append((outcome, threading.current_thread())))
    task.start()
    run_event_loop(lambda: outcomes)
    outcome, thread = outcomes[0]
    assert outcome.ok and outcome.result == 5050
    assert thread is threading.main_thread() and task.thread is not threading.main_thread()


def test_a_background_task_failure_is_its_message(qgis_app):
    outcomes: list[Outcome] = []
    SumTask([1, 2], outcomes.append, fail=True).start()
    run_event_loop(lambda: outcomes)
    assert outcomes[0].failure == "the numbers cannot be read" and not outcomes[0].cancelled


def test_a_cancelled_background_task_says_so(qgis_app):
    outcomes: list[Outcome] = []
    go = threading.Event()
    task = SumTask([1, 2, 3], outcomes.append, wait=go)
    task.start()
    run_event_loop(lambda: task.status() == QgsTask.TaskStatus.Running)
    task.cancel()
    go.set()
    run_event_loop(lambda: outcomes)
    assert outcomes[0].cancelled and outcomes[0].result is None and outcomes[0].failure is None


# Telling the user ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "level",
    [
        Qgis.MessageLevel.Info,
        Qgis.MessageLevel.Success,
        Qgis.MessageLevel.Warning,
        Qgis.MessageLevel.Critical,
    ],
)
def test_report_goes_to_the_message_bar_and_the_log(qgis_iface, level):
    logged: list[tuple[str, str, object]] = []

    def note(message: str, tag: str, message_level) -> None:
        logged.append((message, tag, message_level))

    QgsApplication.messageLog().messageReceived.connect(note)
    qgis_iface.messageBar().clear_messages()
    try:
        report("3 of 15 files written", level)
    finally:
        QgsApplication.messageLog().messageReceived.disconnect(note)
    assert any("3 of 15 files written" in text for text in qgis_iface.messageBar().get_messages(level))
    assert ("3 of 15 files written", "Kursk Tracker", level) in logged


# No event loop run by hand -----------------------------------------------------------------


def process_events_uses(source: str) -> list[int]:
    """Lines calling or handing on processEvents (QApplication.processEvents(), app.processEvents,
    processEvents())."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        name = node.attr if isinstance(node, ast.Attribute) else getattr(node, "id", None)
        if isinstance(node, (ast.Attribute, ast.Name)) and name == "processEvents":
            lines.append(node.lineno)
    return sorted(lines)


def test_the_scan_finds_every_way_of_calling_process_events():
    source = (
        "from qgis.PyQt.QtWidgets import QApplication\n"
        "QApplication.processEvents()\n"
        "QgsApplication.instance().processEvents()\n"
        "from qgis.PyQt.QtCore import QCoreApplication as app\n"
        "app.processEvents(flags)\n"
        "processEvents()\n"
        "step = QApplication.processEvents\n"
    )
    assert process_events_uses(source) == [2, 3, 5, 6, 7]


def test_no_plugin_code_runs_the_event_loop_by_hand():
    """Long work runs in a QgsTask or in timer steps (toolbelt/jobs.py); processEvents re-enters panels."""
    files = sorted(PACKAGE.rglob("*.py"))
    assert len(files) > 50
    found = {
        str(path.relative_to(PACKAGE)): lines
        for path in files
        if (lines := process_events_uses(path.read_text(encoding="utf-8")))
    }
    assert found == {}
