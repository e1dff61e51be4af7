"""The animation: GIF and MP4 of the timeline, dated frames, holds, merging, cancel, Processing, panel."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from qgis.core import (
    QgsApplication,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProject,
)
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QColor, QFontMetricsF, QImage

from kursk_tracker.core.series import Snapshot
from kursk_tracker.export.animation import (
    AnimationCancelled,
    AnimationOptions,
    AnimationTask,
    FrameRenderer,
    date_line,
    export_animation,
    plan_frames,
)
from kursk_tracker.export.video import AnimationError, DurationClock, qimage_to_pil
from kursk_tracker.layers.scene import SeriesScene
from kursk_tracker.processing.export_animation import ExportAnimationAlgorithm
from kursk_tracker.store.gpkg import read_series
from kursk_tracker.store.sample import sample_series_path, sample_working_copy

DAY = dt.timedelta(days=1)
UTC = dt.timezone.utc


@pytest.fixture(scope="module")
def snapshots() -> list[Snapshot]:
    return read_series(sample_series_path()).sorted_snapshots()


@pytest.fixture
def series_path(tmp_path) -> Path:
    return sample_working_copy(tmp_path / "series")


def gif_durations(path: Path) -> list[int]:
    with Image.open(path) as image:
        durations = []
        for index in range(image.n_frames):
            image.seek(index)
            durations.append(image.info["duration"])
        return durations


def gif_frame(path: Path, index: int) -> Image.Image:
    with Image.open(path) as image:
        image.seek(index)
        return image.convert("RGB")


def wait_until(condition, seconds: float = 120.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the export did not end in time")
        QCoreApplication.processEvents()
        time.sleep(0.01)


def small(**changes) -> AnimationOptions:
    options = AnimationOptions(width=480, height=270, fps=10, step=DAY, hold_seconds=0.5, language="de")
    for name, value in changes.items():
        setattr(options, name, value)
    return options


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.suffix in (".gif", ".mp4", ".part"))


def test_frames_fall_every_step_and_on_every_snapshot(snapshots):
    start = snapshots[2].valid_at + dt.timedelta(hours=5)  # off the snapshots' clock
    frames = plan_frames(start, snapshots[4].valid_at, DAY, 10, 0.5, snapshots)
    instants = [frame.instant for frame in frames]
    assert instants[0] == start and instants[-1] == snapshots[4].valid_at
    assert snapshots[3].valid_at in instants  # not on the 24 h grid, still a frame
    held = [frame for frame in frames if frame.snapshot is not None]
    assert [frame.snapshot for frame in held] == snapshots[3:5]
    assert all(frame.seconds == pytest.approx(0.6) for frame in held)


def test_gif_durations_add_up_without_drift():
    clock = DurationClock(100)
    ticks = [clock.advance(1 / 12) for _ in range(1200)]
    assert sum(ticks) == 10000  # 100 s exactly
    assert set(ticks) <= {8, 9}


def test_gif_frame_count_and_durations_follow_fps_span_step_and_hold(series_path, snapshots, tmp_path):
    start, end = snapshots[2].valid_at, snapshots[4].valid_at  # two weeks, three snapshots
    output = tmp_path / "out" / "two_weeks.gif"
    result = export_animation(series_path, output, small(start=start, end=end))
    durations = gif_durations(output)
    assert len(durations) == 15 == result.frames  # a frame a day, both ends included
    expected = [600 if day in (0, 7, 14) else 100 for day in range(15)]  # 1/fps, plus the hold
    assert durations == expected
    assert sum(durations) == pytest.approx(1000 * result.seconds)
    with Image.open(output) as image:
        assert image.size == (480, 270)
    assert leftovers(output.parent) == ["two_weeks.gif"]


def test_identical_frames_are_merged_into_a_longer_frame(series_path, snapshots, tmp_path):
    last = snapshots[-1].valid_at
    output = tmp_path / "past_the_end.gif"
    # After the last snapshot the map stays as it is: three identical frames.
    result = export_animation(series_path, output, small(start=last - 2 * DAY, end=last + 3 * DAY))
    assert result.frames == 6 and result.frames_merged == 3
    assert gif_durations(output) == [100, 100, 100 + 500 + 300]


def _dark_mask(image: Image.Image, box: tuple[int, int, int, int]) -> np.ndarray:
    return np.asarray(image.convert("L").crop(box)) < 110


def test_every_frame_shows_its_date_in_the_box(series_path, snapshots, tmp_path):
    start, week_12 = snapshots[11].valid_at, snapshots[12].valid_at  # 22 October 20:00 UTC, 29 October 21:00
    output = tmp_path / "dated.gif"
    export_animation(series_path, output, small(start=start, end=week_12, width=960, height=540))
    scene = SeriesScene.open(series_path, QgsProject(), "de")
    renderer = FrameRenderer(scene, small(width=960, height=540))
    # The date line: below the series name in the box at the top left.
    unit = renderer.unit
    (name_font, _c), (date_font, _c) = renderer.box_lines()[:2]
    top = unit * 1.6 + QFontMetricsF(name_font).height()
    box = (int(unit), int(top), 960 - int(unit), int(top + QFontMetricsF(date_font).height()))

    def expected(instant: dt.datetime) -> np.ndarray:
        scene.show(instant)
        blank = QImage(960, 540, QImage.Format.Format_ARGB32_Premultiplied)
        blank.fill(QColor("white"))
        texts = (renderer.title, date_line(scene, scene.instant, "de"), scene.change_summary())
        renderer.annotate(blank, *texts)
        return _dark_mask(qimage_to_pil(blank), box)

    assert "29. Oktober 2024, 22:00 MEZ" in date_line(scene, week_12, "de")
    for index, instant in ((0, start), (3, start + 3 * DAY), (7, start + 7 * DAY), (8, week_12)):
        shown = _dark_mask(gif_frame(output, index), box)
        right, wrong = expected(instant), expected(instant - 11 * DAY)
        assert shown.sum() > 500  # there is text at all
        # Text pixels that differ: a few at the glyphs' edges for the right date,
        # whole digits for a date 11 days earlier.
        off_right, off_wrong = (shown ^ right).sum(), (shown ^ wrong).sum()
        assert off_right < 0.02 * shown.sum() and off_wrong > 4 * off_right, (index, off_right, off_wrong)
    scene.remove()


@pytest.mark.skipif(shutil.which("ffprobe") is None, reason="ffprobe is not installed")
def test_mp4_has_the_duration_size_and_codec_asked_for(series_path, snapshots, tmp_path):
    start = snapshots[5].valid_at
    output = tmp_path / "week.mp4"
    # An odd size is made even for H.264 in yuv420p.
    result = export_animation(
        series_path, output, small(start=start, end=start + 7 * DAY, format="mp4", width=641, height=361)
    )
    assert result.seconds == pytest.approx(8 * 0.1 + 2 * 0.5)
    probe = json.loads(
        subprocess.run(
            ["ffprobe", "-v", "error", "-show_streams", "-show_format", "-of", "json", str(output)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    )
    stream = probe["streams"][0]
    assert (stream["codec_name"], stream["pix_fmt"]) == ("h264", "yuv420p")
    assert (stream["width"], stream["height"]) == (640, 360)
    assert int(stream["nb_frames"]) == 18
    assert float(probe["format"]["duration"]) == pytest.approx(1.8, abs=0.05)
    assert leftovers(tmp_path) == ["week.mp4"]


def test_without_ffmpeg_an_mp4_export_says_so_and_writes_nothing(series_path, tmp_path, monkeypatch):
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    with pytest.raises(AnimationError, match="ffmpeg"):
        export_animation(series_path, tmp_path / "no.mp4", small(format="mp4"))
    assert leftovers(tmp_path) == []


def test_a_cancelled_export_leaves_no_file(series_path, tmp_path):
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 2

    output = tmp_path / "cancelled.gif"
    with pytest.raises(AnimationCancelled):
        export_animation(series_path, output, small(), cancelled=cancelled)
    assert leftovers(tmp_path) == []


def test_a_task_cancelled_after_its_first_frame_leaves_no_file(series_path, tmp_path):
    output = tmp_path / "task.mp4" if shutil.which("ffmpeg") else tmp_path / "task.gif"
    options = small(step=dt.timedelta(hours=3), format=output.suffix[1:])
    task = AnimationTask(series_path, output, options)
    ended = []
    task.taskCompleted.connect(lambda: ended.append("completed"))
    task.taskTerminated.connect(lambda: ended.append("terminated"))
    QgsApplication.taskManager().addTask(task)
    wait_until(lambda: task.frames_done >= 1 or ended)
    task.cancel()
    wait_until(lambda: ended)
    assert ended == ["terminated"]
    assert leftovers(tmp_path) == []


def test_a_task_writes_the_file_in_the_background(series_path, snapshots, tmp_path):
    output = tmp_path / "task.gif"
    start = snapshots[0].valid_at
    task = AnimationTask(series_path, output, small(start=start, end=start + 3 * DAY))
    ended = []
    task.taskCompleted.connect(lambda: ended.append("completed"))
    task.taskTerminated.connect(lambda: ended.append("terminated"))
    QgsApplication.taskManager().addTask(task)
    wait_until(lambda: ended)
    assert ended == ["completed"], task.failure
    assert len(gif_durations(output)) == 4


def _run_algorithm(parameters: dict) -> dict:
    algorithm = ExportAnimationAlgorithm().create()
    feedback = QgsProcessingFeedback()
    results, ok = algorithm.run(parameters, QgsProcessingContext(), feedback)
    assert ok
    return results


def test_the_processing_algorithm_writes_a_gif(series_path, tmp_path):
    output = tmp_path / "processing.gif"
    results = _run_algorithm(
        {
            "INPUT": str(series_path),
            "FROM": "2024-10-22T20:00:00Z",
            "TO": "2024-10-29T20:00:00Z",
            "FPS": 5,
            "STEP_HOURS": 12,
            "HOLD_SECONDS": 0,
            "FORMAT": "gif",
            "WIDTH_PX": 320,
            "HEIGHT_PX": 180,
            "LANGUAGE": "en",
            "OUTPUT": str(output),
        }
    )
    assert results["OUTPUT"] == str(output) and results["FRAMES"] == 15
    assert results["DURATION"] == pytest.approx(3.0)
    assert gif_durations(output) == [200] * 15


@pytest.mark.skipif(shutil.which("ffmpeg") is None, reason="ffmpeg is not installed")
def test_the_processing_algorithm_takes_the_format_from_the_files_extension(series_path, tmp_path):
    results = _run_algorithm(
        {
            "INPUT": str(series_path),
            "FROM": "2024-10-22T20:00:00Z",
            "TO": "2024-10-24T20:00:00Z",
            "WIDTH_PX": 320,
            "HEIGHT_PX": 180,
            "OUTPUT": str(tmp_path / "a.mp4"),
        }
    )
    assert results["OUTPUT"] == str(tmp_path / "a.mp4") and os.path.getsize(results["OUTPUT"]) > 0
    probe = subprocess.run(
        ["ffprobe", "-v", "error", "-show_entries", "stream=codec_name", "-of", "json", results["OUTPUT"]],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(probe.stdout)["streams"][0]["codec_name"] == "h264"
    assert leftovers(tmp_path) == ["a.mp4"]


@pytest.mark.skipif(shutil.which("ffmpeg") is None, reason="ffmpeg is not installed")
def test_a_format_without_an_extension_names_the_file(series_path, tmp_path):
    results = _run_algorithm(
        {
            "INPUT": str(series_path),
            "FROM": "2024-10-22T20:00:00Z",
            "TO": "2024-10-23T20:00:00Z",
            "FORMAT": "mp4",
            "WIDTH_PX": 320,
            "HEIGHT_PX": 180,
            "OUTPUT": str(tmp_path / "video"),
        }
    )
    assert results["OUTPUT"] == str(tmp_path / "video.mp4") and os.path.getsize(results["OUTPUT"]) > 0


class ErrorFeedback(QgsProcessingFeedback):
    """Keeps the errors an algorithm reports."""

    def __init__(self) -> None:
        super().__init__()
        self.errors: list[str] = []

    def reportError(self, error: str, fatal: bool = False) -> None:
        self.errors.append(error)


def test_a_format_contradicting_the_extension_is_an_error_naming_both(series_path, tmp_path):
    feedback = ErrorFeedback()
    _results, ok = (
        ExportAnimationAlgorithm()
        .create()
        .run(
            {"INPUT": str(series_path), "FORMAT": "gif", "OUTPUT": str(tmp_path / "a.mp4")},
            QgsProcessingContext(),
            feedback,
        )
    )
    assert not ok
    assert any("gif" in error and "a.mp4" in error for error in feedback.errors), feedback.errors
    assert leftovers(tmp_path) == []


def test_the_processing_algorithm_rejects_a_date_it_cannot_read(series_path, tmp_path):
    feedback = ErrorFeedback()
    _results, ok = (
        ExportAnimationAlgorithm()
        .create()
        .run(
            {"INPUT": str(series_path), "FROM": "last Tuesday", "OUTPUT": str(tmp_path / "x.gif")},
            QgsProcessingContext(),
            feedback,
        )
    )
    assert not ok and any("FROM: last Tuesday" in error for error in feedback.errors)
    assert leftovers(tmp_path) == []


def test_layout_frames_show_the_whole_lagebild(series_path, snapshots, tmp_path):
    pytest.importorskip("kursk_tracker.export.lagebild")
    start = snapshots[11].valid_at
    output = tmp_path / "layout.gif"
    result = export_animation(
        series_path, output, small(start=start, end=start + DAY, use_layout=True, width=600)
    )
    with Image.open(output) as image:
        width, height = image.size
    assert result.frames == 2 and width == 600 and height != 270  # the page's proportions
    frame = np.asarray(gif_frame(output, 0).convert("L"))
    assert frame.std() > 10  # not blank


def test_the_panel_exports_in_the_background_and_remembers_its_settings(plugin, tmp_path):
    from kursk_tracker.gui.animation_panel import AnimationPanel, AnimationSettings

    plugin.open_sample_series()
    panel = AnimationPanel(plugin.session, None)
    span = plugin.session.span()
    assert panel._instant(panel.from_edit) == span[0] and panel._instant(panel.to_edit) == span[1]
    panel.to_edit.setDateTime(panel.from_edit.dateTime().addDays(3))
    panel.width_spin.setValue(320)
    panel.height_spin.setValue(180)
    panel.fps_spin.setValue(4)
    panel.format_combo.setCurrentIndex(panel.format_combo.findData("gif"))
    outcome = []
    panel.finished.connect(outcome.append)
    assert panel.export_to(tmp_path / "panel")
    assert not panel.export_button.isEnabled() and panel.cancel_button.isEnabled()
    wait_until(lambda: outcome)
    assert outcome == [True]
    assert (tmp_path / "panel.gif").exists() and "panel.gif" in panel.status.text()
    assert panel.export_button.isEnabled() and not panel.cancel_button.isEnabled()
    assert AnimationSettings.load().fps == 4 and AnimationSettings.load().width == 320
    panel.deleteLater()
