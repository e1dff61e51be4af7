"""MP4 through ffmpeg as a QProcess: frames streamed to its input, no shell, errors with its last words."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import threading
from pathlib import Path

import pytest
from PIL import Image

from kursk_tracker.export.video import AnimationError, Mp4Writer, ffmpeg_arguments

needs_ffmpeg = pytest.mark.skipif(
    shutil.which("ffmpeg") is None or shutil.which("ffprobe") is None, reason="ffmpeg is not installed"
)


def frame(colour: tuple[int, int, int], size: tuple[int, int] = (64, 48)) -> Image.Image:
    return Image.new("RGB", size, colour)


def frame_count(path: Path) -> int:
    probe = subprocess.run(
        ["ffprobe", "-v", "error", "-count_frames", "-show_streams", "-of", "json", str(path)],
        check=True,
        capture_output=True,
        text=True,
    )
    return int(json.loads(probe.stdout)["streams"][0]["nb_read_frames"])


def fake_ffmpeg(folder: Path, script: str, monkeypatch) -> None:
    """An `ffmpeg` first on the PATH that runs `script` (sh)."""
    folder.mkdir()
    program = folder / "ffmpeg"
    program.write_text(f"#!/bin/sh\n{script}\n")
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ.get('PATH', '')}")


@needs_ffmpeg
def test_frames_are_streamed_to_ffmpeg_and_the_file_appears_on_close(tmp_path):
    # Shell characters in the name: the arguments reach ffmpeg as a list, never through a shell.
    output = tmp_path / "week 1; touch pwned $(touch pwned2) 'x'.mp4"
    writer = Mp4Writer(output, 64, 48, fps=10)
    writer.add(frame((200, 30, 30)), 0.1)
    writer.add(frame((30, 30, 200)), 0.1)
    writer.extend(0.3)
    assert not output.exists()  # only on close
    assert writer.close() == output
    assert frame_count(output) == 5 and writer.frames_written == 5
    assert sorted(p.name for p in tmp_path.iterdir()) == [output.name]


@needs_ffmpeg
def test_a_writer_works_in_a_thread_without_an_event_loop(tmp_path):
    output = tmp_path / "thread.mp4"
    outcome: list[object] = []

    def export() -> None:
        try:
            writer = Mp4Writer(output, 320, 240, fps=5)
            for index in range(6):
                writer.add(frame((40 * index, 80, 120), (320, 240)), 0.2)
            outcome.append(writer.close())
        except Exception as error:  # reported to the test below
            outcome.append(error)

    worker = threading.Thread(target=export)
    worker.start()
    worker.join(120)
    assert outcome == [output]
    assert frame_count(output) == 6


@needs_ffmpeg
def test_abort_stops_ffmpeg_and_leaves_nothing(tmp_path):
    output = tmp_path / "aborted.mp4"
    writer = Mp4Writer(output, 64, 48, fps=10)
    process = writer._process
    writer.add(frame((0, 0, 0)), 0.1)
    writer.abort()
    assert writer._process is None
    assert list(tmp_path.iterdir()) == []
    assert process is not None and process.state() == process.ProcessState.NotRunning


def test_ffmpeg_failing_at_the_end_names_the_file_and_tells_its_messages(tmp_path, monkeypatch):
    fake_ffmpeg(
        tmp_path / "bin", "cat > /dev/null\necho \"Unknown encoder 'libx264'\" >&2\nexit 1", monkeypatch
    )
    output = tmp_path / "out" / "week.mp4"
    writer = Mp4Writer(output, 64, 48, fps=10)
    writer.add(frame((10, 20, 30)), 0.1)
    with pytest.raises(AnimationError) as caught:
        writer.close()
    message = str(caught.value)
    assert str(output) in message and "ffmpeg failed" in message
    assert "Unknown encoder 'libx264'" in message
    assert list(output.parent.iterdir()) == []


def test_ffmpeg_stopping_mid_stream_names_the_file_and_tells_its_messages(tmp_path, monkeypatch):
    fake_ffmpeg(
        tmp_path / "bin", "head -c 1000 > /dev/null\necho 'Conversion failed!' >&2\nexit 1", monkeypatch
    )
    output = tmp_path / "out" / "week.mp4"
    writer = Mp4Writer(output, 640, 480, fps=10)
    with pytest.raises(AnimationError) as caught:
        for _ in range(20):  # more than any pipe holds
            writer.add(frame((10, 20, 30), (640, 480)), 0.1)
        writer.close()
    message = str(caught.value)
    assert str(output) in message and "Conversion failed!" in message
    assert list(output.parent.iterdir()) == []


def test_without_ffmpeg_the_error_says_how_to_get_it(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(AnimationError, match="MP4 needs the program ffmpeg"):
        Mp4Writer(tmp_path / "x.mp4", 64, 48, fps=10)
    assert list(tmp_path.iterdir()) == []


def test_the_arguments_read_raw_frames_from_standard_input_and_write_the_temporary_file(tmp_path):
    arguments = ffmpeg_arguments(tmp_path / ".a b.mp4.part", 640, 360, 12.5)
    assert arguments[arguments.index("-i") + 1] == "-"
    assert arguments[arguments.index("-s") + 1] == "640x360"
    assert arguments[arguments.index("-framerate") + 1] == "25/2"
    assert arguments[-1] == str(tmp_path / ".a b.mp4.part")
