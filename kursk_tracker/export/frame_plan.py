"""What an animation shows and when: its options and the plan of its frames (no drawing here)."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..core.series import Snapshot
from ..core.text import tr
from ..core.timefmt import format_instant, week_label
from .video import FORMATS, GIF_MAX_FPS, AnimationError

if TYPE_CHECKING:
    from ..core.frames import SeriesFrames

MAX_FRAMES_IN_FLIGHT = 8


def default_frames_in_flight() -> int:
    """One frame more than cores: a frame is being morphed while the others are drawn."""
    return max(2, min(MAX_FRAMES_IN_FLIGHT, (os.cpu_count() or 2) + 1))


@dataclass
class AnimationOptions:
    start: dt.datetime | None = None
    """First instant (UTC-aware); None: the series' first snapshot."""
    end: dt.datetime | None = None
    """Last instant; None: the series' last snapshot."""
    fps: float = 10.0
    step: dt.timedelta = dt.timedelta(days=1)
    """Time on the timeline from one frame to the next."""
    hold_seconds: float = 1.0
    """Extra time each snapshot stays on screen."""
    width: int = 1280
    height: int = 720
    format: str = "gif"
    """"gif" or "mp4"."""
    language: str = "en"
    """The film's words (date, week, change, credit, place names), whatever language QGIS speaks."""
    timing: str = "linear"
    """How the front moves between snapshots: "linear" (steady through the interval, so the film
    shows motion) or "eased" (most change mid-week, the accuracy-first pace of the analysis)."""
    use_layout: bool = False
    """Each frame the whole Lagebild layout (export/lagebild.py); main thread only."""
    template: str | None = None
    """Layout template (.qpt) for `use_layout`; None: the plugin's."""
    frames_in_flight: int = 0
    """Frames drawn at once (1: one after another); 0: as many as the machine has cores, plus one.
    Layout frames are always drawn one by one."""
    morphs: SeriesFrames | None = None
    """Morphs already computed for the series (the open series' background precompute): the export
    reuses each pair whose timing and snapshots match, instead of computing it again."""

    def check(self) -> None:
        if self.format not in FORMATS:
            raise AnimationError(
                tr("Unknown animation format {name}: use gif or mp4").format(name=self.format)
            )
        if not 0 < self.fps <= (GIF_MAX_FPS if self.format == "gif" else 120):
            raise AnimationError(
                tr("{fps} frames per second is not possible for {format}").format(
                    fps=self.fps, format=self.format.upper()
                )
            )
        if self.step <= dt.timedelta(0):
            raise AnimationError(tr("The step between frames must be longer than zero"))
        if self.hold_seconds < 0:
            raise AnimationError(tr("The hold on snapshots cannot be negative"))
        if not (16 <= self.width <= 7680 and 16 <= self.height <= 4320):
            raise AnimationError(
                tr("A frame of {w}×{h} pixels is not possible").format(w=self.width, h=self.height)
            )
        if not 0 <= self.frames_in_flight <= MAX_FRAMES_IN_FLIGHT:
            raise AnimationError(
                tr("Between 1 and {most} frames can be drawn at once").format(most=MAX_FRAMES_IN_FLIGHT)
            )

    def pool_size(self) -> int:
        """How many frames are drawn at once."""
        if self.use_layout:
            return 1
        return self.frames_in_flight or default_frames_in_flight()


@dataclass(frozen=True)
class Frame:
    instant: dt.datetime
    seconds: float
    """How long the frame shows: 1/fps, plus the hold at a snapshot."""
    snapshot: Snapshot | None = None
    """The snapshot dated exactly at this frame, if any."""


def plan_frames(
    start: dt.datetime,
    end: dt.datetime,
    step: dt.timedelta,
    fps: float,
    hold_seconds: float,
    snapshots: list[Snapshot],
) -> list[Frame]:
    """Frames every `step` from `start` to `end`, and one at each snapshot in between.

    The snapshots' own instants are always frames (the fronts as drawn, held
    for `hold_seconds`), even when the step does not land on them; the last
    frame is `end` itself.
    """
    if end < start:
        start, end = end, start
    instants: set[dt.datetime] = set()
    instant = start
    while instant < end:
        instants.add(instant)
        instant += step
    instants.add(end)
    at = {s.valid_at: s for s in snapshots if start <= s.valid_at <= end}
    instants.update(at)
    frames = []
    for instant in sorted(instants):
        snapshot = at.get(instant)
        frames.append(Frame(instant, 1.0 / fps + (hold_seconds if snapshot else 0.0), snapshot))
    return frames


def total_seconds(frames: list[Frame]) -> float:
    return sum(frame.seconds for frame in frames)


def week_text(scene, instant: dt.datetime, language: str) -> str:
    """In the film's language, whatever language QGIS speaks: "12. Woche" / "week 12"."""
    return week_label(scene.series.week_of(instant), language)


def date_line(scene, instant: dt.datetime, language: str) -> str:
    """ "29. Oktober 2024, 22:00 MEZ · 12. Woche"."""
    when = format_instant(instant, scene.series.timezone, language)
    return f"{when} · {week_text(scene, instant, language)}"
