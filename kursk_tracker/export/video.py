"""Animated GIF (Pillow) and MP4 (ffmpeg) files from RGB frames, written atomically.

No map here: the writers take Pillow images and seconds per frame, so they
can be tested and reused without one (ffmpeg runs through Qt's QProcess). Both write to a hidden temporary
file beside the target and rename it on `close()`; `abort()` removes it, so
a cancelled or failed export leaves nothing behind.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from typing import IO, TYPE_CHECKING, NoReturn, Protocol

from qgis.PyQt.QtCore import QProcess
from qgis.PyQt.QtGui import QImage

from ..core.errors import KurskTrackerError
from ..core.text import tr

if TYPE_CHECKING:
    from PIL.Image import Image

FORMATS = ("gif", "mp4")
GIF_MAX_FPS = 50
"""GIF durations are centiseconds and browsers slow down frames shorter than 2 cs."""


class AnimationError(KurskTrackerError):
    """An animation cannot be written: names the file and the problem."""


class FrameWriter(Protocol):
    """What the animation export writes its frames into, whatever the format (GifWriter, Mp4Writer)."""

    path: Path
    frames_written: int
    """Frames stored in the file."""
    frames_merged: int
    """Frames not stored again: the same as the one before, its time added to that one's."""

    def add(self, image: Image, seconds: float) -> None:
        """The next frame, shown for `seconds`."""
        ...

    def extend(self, seconds: float) -> None:
        """The last frame shows `seconds` longer (a repeat not drawn again)."""
        ...

    def close(self) -> Path:
        """Finish the file and put it in place; returns its path."""
        ...

    def abort(self) -> None:
        """Leave nothing behind (cancelled or failed)."""
        ...


def even(value: int) -> int:
    """H.264 in yuv420p needs even frame sizes: round down, at least 2."""
    return max(2, value - value % 2)


def temporary_beside(path: Path) -> Path:
    """A hidden name next to `path`, so the final rename stays on one file system."""
    return path.with_name(f".{path.name}.part")


class DurationClock:
    """Whole ticks per frame whose sum never drifts from the exact time.

    A 12 fps GIF frame is 8.33 cs; rounding each frame alone would lose 4 s
    in 100 s. Rounding the running total instead keeps every frame within one
    tick and the whole within half a tick.
    """

    def __init__(self, ticks_per_second: float) -> None:
        self.ticks_per_second = ticks_per_second
        self.elapsed = 0.0
        self.ticks = 0

    def advance(self, seconds: float) -> int:
        self.elapsed += seconds
        end = round(self.elapsed * self.ticks_per_second)
        count, self.ticks = end - self.ticks, end
        return count


class GifWriter:
    """Streams frames into a GIF with one fixed palette.

    Each frame is stored as the rectangle that differs from the previous one
    (the rest stays on screen), and a frame identical to the previous one is
    not stored again: its time is added to the previous frame's duration.
    Memory stays at two frames whatever the length.
    """

    def __init__(self, path: str | os.PathLike[str], palette_source, loop: int = 0) -> None:
        """`palette_source`: a Pillow image holding the colours of the animation (see `palette_from`)."""
        from PIL import Image

        self.path = Path(path)
        self.tmp = temporary_beside(self.path)
        self.palette = palette_source if palette_source.mode == "P" else palette_from([palette_source])
        self.loop = loop
        self.dither = getattr(Image, "Dither", Image).NONE
        self.clock = DurationClock(100)
        self._fp: IO[bytes] | None = None
        self._pending = None
        self._pending_seconds = 0.0
        self._shown = None
        """The last written frame as an array of palette indices: what the viewer shows."""
        self.frames_written = 0
        self.frames_merged = 0
        self.durations_ms: list[int] = []

    def add(self, image, seconds: float) -> None:
        import numpy as np

        indexed = image.convert("RGB").quantize(palette=self.palette, dither=self.dither)
        if self._pending is not None and np.array_equal(np.asarray(indexed), np.asarray(self._pending)):
            self._pending_seconds += seconds
            self.frames_merged += 1
            return
        self._flush()
        self._pending, self._pending_seconds = indexed, seconds

    def extend(self, seconds: float) -> None:
        """The last frame shows `seconds` longer (a repeat not drawn again)."""
        self._pending_seconds += seconds
        self.frames_merged += 1

    def _open(self, first) -> IO[bytes]:
        from PIL import GifImagePlugin

        self.path.parent.mkdir(parents=True, exist_ok=True)
        fp = open(self.tmp, "wb")  # noqa: SIM115 (kept open while frames arrive)
        header, _used = GifImagePlugin.getheader(first.copy(), None, {"loop": self.loop, "duration": 1})
        for block in header:
            fp.write(block)
        return fp

    def _flush(self) -> None:
        import numpy as np
        from PIL import GifImagePlugin

        frame = self._pending
        if frame is None:
            return
        try:
            if self._fp is None:
                self._fp = self._open(frame)
            ticks = max(1, self.clock.advance(self._pending_seconds))
            current = np.asarray(frame)
            if self._shown is None:
                box, part = (0, 0), frame
            else:
                changed = current != self._shown
                rows, cols = np.flatnonzero(changed.any(axis=1)), np.flatnonzero(changed.any(axis=0))
                if rows.size == 0:  # only after merging was skipped: store a 1 px frame
                    rows, cols = np.array([0]), np.array([0])
                left, top, right, bottom = cols[0], rows[0], cols[-1] + 1, rows[-1] + 1
                box, part = (int(left), int(top)), frame.crop((int(left), int(top), int(right), int(bottom)))
            for block in GifImagePlugin.getdata(part, offset=box, duration=ticks * 10, disposal=1):
                self._fp.write(block)
        except OSError as error:
            raise AnimationError(
                tr("{path}: the GIF could not be written ({error})").format(path=self.path, error=error)
            ) from error
        self._shown = current
        self.durations_ms.append(ticks * 10)
        self.frames_written += 1
        self._pending = None

    def close(self) -> Path:
        """Write the last frame and put the file in place."""
        try:
            self._flush()
            if self._fp is None:
                raise AnimationError(tr("{path}: no frames to write").format(path=self.path))
            self._fp.write(b";")
            self._fp.close()
            self._fp = None
            os.replace(self.tmp, self.path)
        except OSError as error:
            self.abort()
            raise AnimationError(
                tr("{path}: the GIF could not be written ({error})").format(path=self.path, error=error)
            ) from error
        except AnimationError:
            self.abort()
            raise
        return self.path

    def abort(self) -> None:
        if self._fp is not None:
            self._fp.close()
            self._fp = None
        self.tmp.unlink(missing_ok=True)


def palette_from(images: list, colours: int = 255):
    """One palette for the whole GIF from a few sample frames (no flicker between frames)."""
    from PIL import Image

    rgb = [image.convert("RGB") for image in images]
    width = max(image.width for image in rgb)
    mosaic = Image.new("RGB", (width, sum(image.height for image in rgb)), rgb[0].getpixel((0, 0)))
    top = 0
    for image in rgb:
        mosaic.paste(image, (0, top))
        top += image.height
    method = getattr(Image, "Quantize", Image).MEDIANCUT
    return mosaic.quantize(colors=colours, method=method)


def find_ffmpeg() -> str:
    """The ffmpeg program, or an error saying how to get it."""
    program = shutil.which("ffmpeg")
    if program is None:
        raise AnimationError(
            tr(
                "MP4 needs the program ffmpeg, which is not on the PATH. Install ffmpeg "
                "(Debian/Ubuntu: apt install ffmpeg; Windows/macOS: ffmpeg.org) or "
                "export a GIF."
            )
        )
    return program


def ffmpeg_arguments(
    output: Path, width: int, height: int, fps: float, crf: int = 20, preset: str = "medium"
) -> list[str]:
    """ffmpeg's arguments: raw RGB frames on its standard input, H.264 MP4 into `output`."""
    rate = Fraction(fps).limit_denominator(1001)
    return [
        "-hide_banner",
        "-loglevel",
        "error",
        "-y",
        "-f",
        "rawvideo",
        "-pix_fmt",
        "rgb24",
        "-s",
        f"{width}x{height}",
        "-framerate",
        f"{rate.numerator}/{rate.denominator}",
        "-i",
        "-",
        "-an",
        "-c:v",
        "libx264",
        "-preset",
        preset,
        "-crf",
        str(int(crf)),
        "-pix_fmt",
        "yuv420p",
        "-movflags",
        "+faststart",
        "-f",
        "mp4",
        str(output),
    ]


class Mp4Writer:
    """Streams raw frames to ffmpeg's standard input: H.264, yuv420p, constant frame rate.

    A frame longer than 1/fps (a hold on a snapshot, or merged identical
    frames) is sent as repeated frames; x264 stores a repeat in a few bytes,
    and every player shows a constant-rate file the same way.

    ffmpeg runs as a QProcess: the program and its arguments as a list, no
    shell. Only QProcess's blocking calls are used, so the writer works in a
    QgsTask's worker thread, which has no event loop.
    """

    START_MS = 30_000
    WRITE_MS = 120_000
    """Longest wait for ffmpeg to take the next piece of a frame before the export fails."""
    FINISH_MS = 600_000
    LAST_WORDS_MS = 5_000
    """How long a failing ffmpeg may take to say why, before it is stopped."""
    MESSAGES_KEPT = 800
    """Characters of ffmpeg's last messages kept for an error."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        width: int,
        height: int,
        fps: float,
        crf: int = 20,
        preset: str = "medium",
    ) -> None:
        self.path = Path(path)
        if width % 2 or height % 2:
            raise AnimationError(
                tr("{path}: MP4 frames need an even width and height, not {w}×{h}").format(
                    path=self.path, w=width, h=height
                )
            )
        program = find_ffmpeg()
        self.size = (width, height)
        self.fps = fps
        self.tmp = temporary_beside(self.path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.clock = DurationClock(fps)
        self.frames_written = 0
        self.frames_merged = 0
        self._last = b""
        self._messages = b""
        process = QProcess()
        # ffmpeg's messages (stderr; its stdout stays empty) are read while frames are written,
        # so the pipe never fills up and stalls it.
        process.setProcessChannelMode(QProcess.ProcessChannelMode.MergedChannels)
        process.setProgram(program)
        process.setArguments(ffmpeg_arguments(self.tmp, width, height, fps, crf, preset))
        process.start()
        self._process: QProcess | None = process
        if not process.waitForStarted(self.START_MS):
            self._fail(tr("{path}: ffmpeg failed ({error})"), process.errorString())

    def add(self, image, seconds: float) -> None:
        if image.size != self.size:
            image = image.resize(self.size)
        self._last = image.convert("RGB").tobytes()
        self._write(self._last, max(1, self.clock.advance(seconds)))

    def extend(self, seconds: float) -> None:
        """The last frame shows `seconds` longer: repeated at the constant rate."""
        self.frames_merged += 1
        self._write(self._last, self.clock.advance(seconds))

    def _write(self, data: bytes, count: int) -> None:
        process = self._running()
        for _ in range(count):
            if process.write(data) != len(data):
                self._fail(tr("{path}: ffmpeg stopped ({error})"), process.errorString())
            # write() only queues the frame; each wait hands ffmpeg one piece of it.
            while process.bytesToWrite() > 0:
                if not process.waitForBytesWritten(self.WRITE_MS):
                    self._fail(tr("{path}: ffmpeg stopped ({error})"), process.errorString())
                self._keep_messages()
            self.frames_written += 1

    def _running(self) -> QProcess:
        if self._process is None:
            raise RuntimeError(f"{self.path}: the MP4 writer is already closed")
        return self._process

    def _keep_messages(self) -> None:
        if self._process is not None:
            self._messages = (self._messages + self._process.readAllStandardOutput().data())[-4096:]

    def messages(self) -> str:
        """ffmpeg's last messages, for an error."""
        self._keep_messages()
        text = self._messages.decode("utf-8", "replace").strip()
        start = max(0, len(text) - self.MESSAGES_KEPT)
        return text[start:]

    def _fail(self, message: str, fallback: object) -> NoReturn:
        """Stop ffmpeg, remove the partial file and raise `message` with ffmpeg's last words."""
        process = self._process
        if process is not None and process.state() != QProcess.ProcessState.NotRunning:
            # An ffmpeg that stopped reading is usually still writing why (and then exits).
            process.closeWriteChannel()
            process.waitForFinished(self.LAST_WORDS_MS)
        error = self.messages() or fallback
        self.abort()
        raise AnimationError(message.format(path=self.path, error=error))

    def close(self) -> Path:
        process = self._running()
        process.closeWriteChannel()
        if not process.waitForFinished(self.FINISH_MS):
            self._fail(tr("{path}: ffmpeg failed ({error})"), process.errorString())
        status, code = process.exitStatus(), process.exitCode()
        if status != QProcess.ExitStatus.NormalExit or code != 0 or not self.tmp.exists():
            self._fail(
                tr("{path}: ffmpeg failed ({error})"),
                code if status == QProcess.ExitStatus.NormalExit else process.errorString(),
            )
        self._process = None  # deleted here, in the thread that started it
        os.replace(self.tmp, self.path)
        return self.path

    def abort(self) -> None:
        process, self._process = self._process, None
        if process is not None and process.state() != QProcess.ProcessState.NotRunning:
            process.kill()
            process.waitForFinished(self.START_MS)
        self.tmp.unlink(missing_ok=True)


def open_writer(
    fmt: str,
    path: str | os.PathLike[str],
    width: int,
    height: int,
    fps: float,
    palette_samples: Callable[[], list],
) -> FrameWriter:
    """The writer of `fmt` ("gif" or "mp4"); a GIF's palette comes from `palette_samples()`."""
    if fmt == "mp4":
        return Mp4Writer(path, width, height, fps)
    return GifWriter(path, palette_from(palette_samples()))


def qimage_to_pil(image: QImage):
    """A Pillow RGB copy of an opaque QImage.

    Qt's own conversion to RGB888 costs 10 ms a frame at 1280×720; Pillow
    unpacks the 32-bit pixels (0xAARRGGBB words) in a fraction of that.
    """
    from PIL import Image

    if image.format() not in (
        QImage.Format.Format_RGB32,
        QImage.Format.Format_ARGB32,
        QImage.Format.Format_ARGB32_Premultiplied,
    ):
        image = image.convertToFormat(QImage.Format.Format_RGB32)
    pointer = image.constBits()
    pointer.setsize(image.bytesPerLine() * image.height())
    raw = "BGRX" if sys.byteorder == "little" else "XRGB"
    # Image.frombytes unpacks (copies) straight from Qt's buffer.
    return Image.frombytes(
        "RGB", (image.width(), image.height()), pointer.asstring(), "raw", raw, image.bytesPerLine(), 1
    )
