"""The Export panel's long work through the one runner: the batch Lagebild and layout-frame animations run
in steps on the main thread, with progress, Cancel, a task manager entry and a message at the end."""

from __future__ import annotations

from pathlib import Path

import pytest
from qgis.core import Qgis, QgsTask
from qgis.PyQt.QtGui import QImage
from qgis.PyQt.QtWidgets import QDockWidget

from .test_jobs import run_event_loop, tasks_named

SNAPSHOTS = 15
BATCH_TASK = "Exporting the Lagebild of every snapshot…"


@pytest.fixture
def export_dock(plugin, iface):
    plugin.open_sample_series()
    dock = iface.mainWindow().findChild(QDockWidget, "KurskTrackerExportDock")
    dock.width_spin.setValue(240)
    dock.format_combo.setCurrentIndex(dock.format_combo.findData("png"))
    dock.set_template("web")
    iface.messageBar().clear_messages()
    yield dock
    # Nothing of a batch may outlive the test (its proxy task holds a pool thread).
    dock.shutdown()
    run_event_loop(lambda: not tasks_named(BATCH_TASK))


def whole_pngs(folder: Path) -> list[str]:
    """The PNGs in `folder`, each checked to load at the width asked for."""
    names = sorted(path.name for path in folder.iterdir())
    for name in names:
        assert name.startswith("lagebild_") and name.endswith(".png"), name
        assert QImage(str(folder / name)).width() == 240, name
    return names


def test_the_batch_runs_to_the_end_in_the_event_loop_with_progress_and_a_task_bar_entry(
    plugin, export_dock, iface, tmp_path
):
    shown = plugin.session.instant
    ended: list[list[Path]] = []
    progress: list[int] = []
    in_task_bar: list[bool] = []

    def look(value: float) -> None:
        progress.append(export_dock.batch_progress.value())
        assert export_dock.batch_progress.isVisibleTo(export_dock) and value > 0
        entries = tasks_named(BATCH_TASK)
        in_task_bar.append(len(entries) == 1 and bool(entries[0].flags() & QgsTask.Flag.CanCancel))

    export_dock.batchFinished.connect(ended.append)
    assert export_dock.export_all_to(str(tmp_path))
    export_dock.batch.progressChanged.connect(look)
    # Started, not done: the files come one per step of the event loop.
    assert list(tmp_path.iterdir()) == [] and export_dock.batch is not None
    assert not export_dock.batch_button.isEnabled()
    assert export_dock.batch_cancel_button.isVisibleTo(export_dock)
    run_event_loop(lambda: ended)
    assert len(ended) == 1 and len(ended[0]) == SNAPSHOTS
    assert len(whole_pngs(tmp_path)) == SNAPSHOTS
    assert progress == sorted(progress) and progress[-1] == 100 and len(progress) >= SNAPSHOTS
    assert in_task_bar and all(in_task_bar)
    assert not export_dock.batch_progress.isVisibleTo(export_dock) and export_dock.batch_button.isEnabled()
    assert export_dock.status.full_text() == f"{SNAPSHOTS} of {SNAPSHOTS} files written to {tmp_path}"
    assert any(
        f"{SNAPSHOTS} of {SNAPSHOTS} files written" in text
        for text in iface.messageBar().get_messages(Qgis.MessageLevel.Success)
    )
    assert plugin.session.instant == shown
    run_event_loop(lambda: not tasks_named(BATCH_TASK))


@pytest.mark.parametrize("where", ["panel", "task manager"])
def test_cancel_in_the_middle_keeps_whole_files_and_leaves_no_partial_one(
    plugin, export_dock, iface, tmp_path, where
):
    shown = plugin.session.instant
    ended: list[list[Path]] = []
    export_dock.batchFinished.connect(ended.append)
    assert export_dock.export_all_to(str(tmp_path))
    run_event_loop(lambda: export_dock.batch_progress.value() >= 20)
    if where == "panel":
        export_dock.batch_cancel_button.click()
    else:
        tasks_named(BATCH_TASK)[0].cancel()
    run_event_loop(lambda: ended)
    written = ended[0]
    assert 3 <= len(written) < SNAPSHOTS
    assert whole_pngs(tmp_path) == sorted(path.name for path in written)  # no ".part" file left
    assert export_dock.status.full_text() == (
        f"Cancelled: {len(written)} of {SNAPSHOTS} files written to {tmp_path}"
    )
    assert any("Cancelled" in text for text in iface.messageBar().get_messages(Qgis.MessageLevel.Warning))
    assert plugin.session.instant == shown and export_dock.batch_button.isEnabled()
    run_event_loop(lambda: not tasks_named(BATCH_TASK))


def test_closing_the_series_ends_a_running_batch_with_whole_files(plugin, export_dock, tmp_path):
    ended: list[list[Path]] = []
    export_dock.batchFinished.connect(ended.append)
    assert export_dock.export_all_to(str(tmp_path))
    run_event_loop(lambda: export_dock.batch_progress.value() > 0)
    plugin.session.close_series()
    run_event_loop(lambda: ended)
    assert 1 <= len(ended[0]) < SNAPSHOTS  # no step after the layers began to leave
    assert whole_pngs(tmp_path) == sorted(path.name for path in ended[0])
    assert export_dock.batch is None and not export_dock.batch_button.isEnabled()


def test_a_layout_frame_animation_runs_in_steps_with_a_task_bar_entry(plugin, export_dock, iface, tmp_path):
    panel = export_dock.animation_panel
    panel.to_edit.setDateTime(panel.from_edit.dateTime().addDays(2))
    panel.width_spin.setValue(320)
    panel.height_spin.setValue(180)
    panel.fps_spin.setValue(2)
    panel.format_combo.setCurrentIndex(panel.format_combo.findData("gif"))
    panel.layout_check.setChecked(True)
    outcome: list[bool] = []
    panel.finished.connect(outcome.append)
    assert panel.export_to(tmp_path / "layout")
    description = "Exporting animation layout.gif"
    seen = []
    panel.job.progressChanged.connect(lambda _value: seen.append(bool(tasks_named(description))))
    run_event_loop(lambda: outcome)
    assert outcome == [True] and (tmp_path / "layout.gif").exists()
    assert seen and all(seen)
    assert any("layout.gif" in text for text in iface.messageBar().get_messages(Qgis.MessageLevel.Success))
    run_event_loop(lambda: not tasks_named(description))


def test_a_cancelled_layout_frame_animation_leaves_no_file(plugin, export_dock, tmp_path):
    panel = export_dock.animation_panel
    panel.width_spin.setValue(320)
    panel.height_spin.setValue(180)
    panel.format_combo.setCurrentIndex(panel.format_combo.findData("gif"))
    panel.layout_check.setChecked(True)
    outcome: list[bool] = []
    panel.finished.connect(outcome.append)
    assert panel.export_to(tmp_path / "cancelled.gif")
    run_event_loop(lambda: panel.progress.value() > 0)
    tasks_named("Exporting animation cancelled.gif")[0].cancel()
    run_event_loop(lambda: outcome)
    assert outcome == [False] and list(tmp_path.iterdir()) == []
    assert panel.status.full_text() == "Export cancelled; no file was written."
