"""Frames drawn several at once: the same film as one by one, the same picture as one render, cancel."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from qgis.core import QgsMapRendererCustomPainterJob, QgsMapSettings, QgsProject
from qgis.PyQt.QtGui import QColor, QImage, QPainter

from kursk_tracker.core.series import Snapshot
from kursk_tracker.export.animation import (
    AnimationCancelled,
    AnimationJob,
    AnimationOptions,
    FrameRenderer,
    export_animation,
)
from kursk_tracker.export.frame_renderer import BACKGROUND, split_layers
from kursk_tracker.export.video import AnimationError, qimage_to_pil
from kursk_tracker.layers.scene import SeriesScene
from kursk_tracker.store.gpkg import read_series
from kursk_tracker.store.sample import sample_series_path, sample_working_copy

HOURS = dt.timedelta(hours=1)


@pytest.fixture(scope="module")
def snapshots() -> list[Snapshot]:
    return read_series(sample_series_path()).sorted_snapshots()


@pytest.fixture
def series_path(tmp_path) -> Path:
    return sample_working_copy(tmp_path / "series")


def options(**changes) -> AnimationOptions:
    chosen = AnimationOptions(
        width=400, height=240, fps=10, step=12 * HOURS, hold_seconds=0.3, language="de", timing="linear"
    )
    for name, value in changes.items():
        setattr(chosen, name, value)
    return chosen


def gif_frames(path: Path) -> tuple[list[np.ndarray], list[int]]:
    frames, durations = [], []
    with Image.open(path) as image:
        for index in range(image.n_frames):
            image.seek(index)
            frames.append(np.asarray(image.convert("RGB")))
            durations.append(image.info["duration"])
    return frames, durations


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.suffix in (".gif", ".mp4", ".part"))


def test_frames_drawn_at_once_make_the_same_film_as_frames_drawn_one_by_one(series_path, snapshots, tmp_path):
    # Across a snapshot (the layers drawn once per filter change there) and past the series' end
    # (repeated frames are not drawn again).
    start, end = snapshots[-2].valid_at - 2 * 24 * HOURS, snapshots[-1].valid_at + 24 * HOURS
    one = export_animation(
        series_path, tmp_path / "one.gif", options(start=start, end=end, frames_in_flight=1)
    )
    many = export_animation(
        series_path, tmp_path / "many.gif", options(start=start, end=end, frames_in_flight=4)
    )
    assert one.frames == many.frames > 12
    frames_one, durations_one = gif_frames(tmp_path / "one.gif")
    frames_many, durations_many = gif_frames(tmp_path / "many.gif")
    assert durations_one == durations_many
    assert len(frames_one) == len(frames_many)
    # QGIS does not always place a label the same way in two renders of the same layers (and a
    # GIF's palette follows its sample frames), so frames are compared by how far apart they are:
    # each frame drawn at once is nearly the frame drawn one by one at its place, and farther
    # from the frames before and after it wherever those differ.

    def distance(a: np.ndarray, b: np.ndarray) -> float:
        return float(np.abs(a.astype(int) - b.astype(int)).mean())

    # A label QGIS put on another side of its point moves the mean by about 3 levels in these
    # small frames (seen between two films drawn one by one, too); a frame of another instant or
    # snapshot is farther off, and most frames come out the same.
    same = 0
    for index, (a, b) in enumerate(zip(frames_one, frames_many)):
        here = distance(a, b)
        same += here < 0.5
        assert here < 4.0, f"frame {index} differs"
        for other in (index - 1, index + 1):
            if 0 <= other < len(frames_one) and distance(frames_one[other], a) > 3:
                assert here < distance(frames_one[other], b), f"frame {index} out of order"
    assert same >= len(frames_one) // 2, same
    # The film moves: not one picture over and over.
    assert len({frame.tobytes() for frame in frames_one}) > len(frames_one) // 2


def test_an_export_reuses_the_morphs_the_open_series_computed_and_makes_the_same_film(
    series_path, snapshots, tmp_path, monkeypatch
):
    from kursk_tracker.core import morph as morph_package

    start, end = snapshots[2].valid_at, snapshots[4].valid_at
    fresh = export_animation(series_path, tmp_path / "fresh.gif", options(start=start, end=end))
    project = QgsProject()
    scene = SeriesScene.open(series_path, project, "de", "linear")  # as the session opens it
    try:
        assert scene.frames is not None
        scene.frames.precompute_all()
        computed = []
        real = morph_package.precompute
        monkeypatch.setattr(morph_package, "precompute", lambda *args: computed.append(1) or real(*args))
        reused = export_animation(
            series_path, tmp_path / "reused.gif", options(start=start, end=end, morphs=scene.frames)
        )
        assert computed == []
        # Another timing than the session's: computed afresh.
        export_animation(
            series_path,
            tmp_path / "eased.gif",
            options(start=start, end=end, timing="eased", morphs=scene.frames),
        )
        assert len(computed) == 2
    finally:
        scene.remove()
        project.clear()
    assert fresh.frames == reused.frames > 20
    frames_fresh, durations_fresh = gif_frames(tmp_path / "fresh.gif")
    frames_reused, durations_reused = gif_frames(tmp_path / "reused.gif")
    assert durations_fresh == durations_reused
    # The same morphs: the same pictures, but for a label QGIS may place elsewhere (see above).
    alike = [float(np.abs(a.astype(int) - b.astype(int)).mean()) for a, b in zip(frames_fresh, frames_reused)]
    assert max(alike) < 4.0 and sum(d < 0.5 for d in alike) >= len(alike) // 2


def test_a_frame_in_parts_looks_like_one_render_of_all_its_layers(series_path, snapshots):
    project = QgsProject()
    scene = SeriesScene.open(series_path, project, "de", "linear")
    try:
        renderer = FrameRenderer(scene, options(width=640, height=360))
        instant = snapshots[5].valid_at + 3 * 24 * HOURS
        _shown, *texts = renderer.prepare(instant)
        above, moving, below = split_layers(scene.visible_layers())
        assert above and moving and below  # labels above, morphed areas in between, regions below
        parts = qimage_to_pil(renderer.complete(renderer.begin()))
        whole = QImage(renderer.size, QImage.Format.Format_ARGB32_Premultiplied).copy()
        whole.fill(QColor(BACKGROUND))
        painter = QPainter(whole)
        settings = QgsMapSettings(renderer.settings)
        settings.setLayers(scene.visible_layers())
        job = QgsMapRendererCustomPainterJob(settings, painter)  # every layer in one job
        job.start()
        job.waitForFinished()
        painter.end()
        renderer.annotate(whole, *texts)
        a = np.asarray(parts).astype(int)
        b = np.asarray(qimage_to_pil(whole)).astype(int)
        difference = np.abs(a - b)
        # Compositing rounds antialiased edges by a level or two; nothing is missing or moved.
        assert difference.mean() < 0.05 and (difference > 8).mean() < 0.0005
    finally:
        scene.remove()
        project.clear()


def test_cancel_while_frames_are_being_drawn_leaves_no_file(series_path, tmp_path):
    output = tmp_path / "cancelled.gif"
    job = AnimationJob(series_path, output, options(frames_in_flight=3))
    job.prepare()
    for _ in range(3):
        assert job.step()
    assert job.pool.in_flight >= 2
    job.abort()
    assert leftovers(tmp_path) == []


def test_a_cancelled_export_drawing_frames_at_once_leaves_no_file(series_path, tmp_path):
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 4

    with pytest.raises(AnimationCancelled):
        export_animation(series_path, tmp_path / "x.gif", options(frames_in_flight=4), cancelled=cancelled)
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("count", [-1, 99])
def test_frames_at_once_are_bounded(count):
    with pytest.raises(AnimationError):
        options(frames_in_flight=count).check()


def test_frames_written_on_their_own_thread_keep_their_order_and_a_failure_reaches_the_export():
    import threading

    from kursk_tracker.export.frame_pool import WritingThread

    class Recorder:
        def __init__(self, fail_at: int | None = None) -> None:
            self.got: list = []
            self.threads: set = set()
            self.fail_at = fail_at

        def add(self, image, seconds: float) -> None:
            self.threads.add(threading.get_ident())
            if len(self.got) == self.fail_at:
                raise AnimationError("disk full")
            self.got.append((image, seconds))

        def extend(self, seconds: float) -> None:
            self.got.append(("longer", seconds))

    recorder = Recorder()
    writing = WritingThread(recorder, lambda image: image * 10)
    for index in range(20):
        writing.put(index if index % 5 else None, index / 10)
    writing.finish()
    assert recorder.got == [(i * 10, i / 10) if i % 5 else ("longer", i / 10) for i in range(20)]
    assert recorder.threads and threading.get_ident() not in recorder.threads

    failing = Recorder(fail_at=3)
    writing = WritingThread(failing, lambda image: image)
    with pytest.raises(AnimationError, match="disk full"):
        for index in range(1, 50):
            writing.put(index, 0.1)
        writing.finish()
    writing.stop()
    assert len(failing.got) == 3
