"""Benchmark: playing the sample series in the Timeline, paced by the map's renders vs. a plain timer.

Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/playback.py [SECONDS] [DAYS_PER_SECOND]

Opens the sample as the plugin does (series session, morphs precomputed in
the background, the Timeline panel on a 1200x700 map canvas with the series'
layers), then plays for SECONDS (default 6) at DAYS_PER_SECOND (default 1):

- paced: the panel's player; a frame is asked for only when the canvas
  finished drawing the last, ticks in between are dropped;
- naive: as before, a 40 ms timer moves the timeline on every tick and each
  move restarts the canvas' redraw.

Prints finished canvas frames per second, requested and dropped ticks, the
time split of a frame (morph, layer update, panel, canvas render) and how far
the played instant kept to real time. Not a test: these machines are shared,
so figures are printed, not asserted.
"""

import datetime as dt
import statistics
import sys
import time
from pathlib import Path

from qgis.core import QgsApplication, QgsCoordinateReferenceSystem, QgsProject
from qgis.gui import QgsMapCanvas
from qgis.PyQt.QtCore import QEventLoop, QSize, QTimer

ROOT = Path(__file__).resolve().parent.parent
CANVAS = QSize(1200, 700)


def run_for(seconds: float) -> None:
    loop = QEventLoop()
    QTimer.singleShot(round(seconds * 1000), loop.quit)
    loop.exec()


class Meter:
    """Wall time of calls to one method of one object, and of the canvas' renders."""

    def __init__(self) -> None:
        self.times: dict[str, list[float]] = {}
        self.render_began: float | None = None

    def wrap(self, owner, name: str, label: str) -> None:
        original = getattr(owner, name)

        def timed(*args, **kwargs):
            began = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.times.setdefault(label, []).append(time.perf_counter() - began)

        setattr(owner, name, timed)

    def watch(self, canvas: QgsMapCanvas) -> None:
        canvas.renderStarting.connect(self._began)
        canvas.mapCanvasRefreshed.connect(self._finished)

    def _began(self) -> None:
        self.render_began = time.perf_counter()

    def _finished(self) -> None:
        if self.render_began is not None:
            self.times.setdefault("canvas render", []).append(time.perf_counter() - self.render_began)
            self.render_began = None

    def reset(self) -> None:
        self.times = {}

    def median_ms(self, label: str) -> str:
        values = self.times.get(label, [])
        return f"{statistics.median(values) * 1000:6.1f} ms" if values else "     - ms"


def main() -> int:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 6.0
    speed = float(sys.argv[2]) if len(sys.argv) > 2 else 1.0
    sys.path.insert(0, str(ROOT))
    app = QgsApplication([], True)
    app.initQgis()
    from kursk_tracker.export.render import DISPLAY_CRS
    from kursk_tracker.gui.timeline_dock import PLAY_INTERVAL_MS, SPEEDS, TimelineDock
    from kursk_tracker.layers.session import SeriesSession
    from kursk_tracker.store.sample import sample_working_copy

    project = QgsProject.instance()
    session = SeriesSession(project)
    canvas = QgsMapCanvas()
    canvas.resize(CANVAS)
    crs = QgsCoordinateReferenceSystem(DISPLAY_CRS)
    canvas.setDestinationCrs(crs)
    # QGIS desktop's defaults: layers drawn in parallel, unchanged ones from the cache.
    canvas.setParallelRenderingEnabled(True)
    canvas.setCachingEnabled(True)
    dock = TimelineDock(session, None, canvas)
    session.open_series(sample_working_copy(ROOT / "build" / "sample"))
    scene = session.scene
    # The morphs are precomputed in a QGIS task, completed once the event loop runs.
    deadline = time.monotonic() + 120
    while QgsApplication.taskManager().countActiveTasks() and time.monotonic() < deadline:
        run_for(0.05)
    canvas.setLayers(scene.visible_layers())
    canvas.setExtent(scene.loaded.full_extent(crs, 0.25))
    canvas.show()
    dock.resize(1200, 180)
    dock.show()
    run_for(1.0)
    snapshots = session.snapshots()
    start = snapshots[0].valid_at + dt.timedelta(hours=6)

    meter = Meter()
    meter.watch(canvas)
    meter.wrap(scene.frames, "areas_at", "morph")
    meter.wrap(scene, "show", "scene")
    meter.wrap(session, "show_instant", "move")
    refreshed = []
    canvas.mapCanvasRefreshed.connect(lambda: refreshed.append(time.perf_counter()))

    dock.speed_combo.setCurrentIndex(min(range(len(SPEEDS)), key=lambda i: abs(SPEEDS[i] - speed)))
    dock.loop_check.setChecked(True)
    speed = float(dock.speed_combo.currentData())

    # Paced: the panel's own player.
    session.show_instant(start)
    run_for(0.5)
    meter.reset()
    refreshed.clear()
    began = time.monotonic()
    dock.toggle_play()
    run_for(seconds)
    played = session.instant - start
    wall = time.monotonic() - began
    dock.stop()
    paced = dict(
        fps=len(refreshed) / seconds,
        requested=dock.player.requested,
        dropped=dock.player.dropped,
        timed_out=dock.player.timed_out,
        times={k: list(v) for k, v in meter.times.items()},
        days=played.total_seconds() / 86400,
        wall=wall,
    )
    run_for(0.5)

    # Naive: a timer moves the timeline on every tick, as before; each move restarts the redraw.
    session.show_instant(start)
    run_for(0.5)
    meter.reset()
    refreshed.clear()
    ticks = [0]
    began = time.monotonic()

    def tick() -> None:
        ticks[0] += 1
        session.show_instant(start + dt.timedelta(days=speed * (time.monotonic() - began)))

    timer = QTimer()
    timer.setInterval(PLAY_INTERVAL_MS)
    timer.timeout.connect(tick)
    timer.start()
    run_for(seconds)
    timer.stop()
    naive = dict(
        fps=len(refreshed) / seconds,
        requested=ticks[0],
        dropped=0,
        times={k: list(v) for k, v in meter.times.items()},
        days=(session.instant - start).total_seconds() / 86400,
        wall=time.monotonic() - began,
    )
    canvas.waitWhileRendering()

    def median(times, label):
        values = times.get(label, [])
        return statistics.median(values) * 1000 if values else float("nan")

    print(
        f"sample series, {len(snapshots)} snapshots, timing {session.timing}, canvas "
        f"{CANVAS.width()}x{CANVAS.height()}, {speed:g} day/s, {seconds:g} s each, "
        f"tick {PLAY_INTERVAL_MS} ms"
    )
    print(" " * 34 + "paced".rjust(12) + "naive".rjust(12))
    rows = [
        ("finished canvas frames / s", "fps", "{:12.1f}"),
        ("ticks requested as frames", "requested", "{:12d}"),
        ("ticks dropped (render pending)", "dropped", "{:12d}"),
    ]
    for title, key, fmt in rows:
        print(f"{title:34s}" + fmt.format(paced[key]) + fmt.format(naive[key]))
    for title, label in (
        ("per frame: morph (areas_at)", "morph"),
        ("per frame: scene (morph+change+layers)", "scene"),
        ("per frame: move (scene+panel+sync)", "move"),
        ("per frame: canvas render", "canvas render"),
    ):
        print(f"{title:38s}{median(paced['times'], label):8.1f} ms{median(naive['times'], label):9.1f} ms")
    for name, run in (("paced", paced), ("naive", naive)):
        print(
            f"{name}: played {run['days']:.2f} days of the series in {run['wall']:.2f} s wall time "
            f"(real time: {speed * run['wall']:.2f} days)"
        )
    ratio = paced["fps"] / naive["fps"] if naive["fps"] else float("inf")
    print(f"finished frames per second, paced / naive: {ratio:.1f}x")
    print(
        "target: >= 10 finished frames per second while playing -> "
        + ("met" if paced["fps"] >= 10 else "NOT met")
    )
    dock.deleteLater()
    session.close_series()
    app.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main())
