"""Benchmark: frames per second of the animation export against QGIS's own (prints figures).

Usage: .venv/bin/python benchmarks/animation_fps.py [ROUNDS] [STEP_HOURS] [FRAMES_IN_FLIGHT]

Both draw the sample series at 1280×720 over the same extent, a frame every
STEP_HOURS (default 24) across the whole series:
- ours: kursk_tracker.export.animation.export_animation to a GIF and to an
  MP4, with the front interpolated between snapshots (morph and change
  layer), the date box and the credit on every frame, encoded into one file;
  FRAMES_IN_FLIGHT frames drawn at once (default 0: cores + 1; 1: one by one).
  Twice: "cold", a fresh export that computes every morph itself (as
  Processing or an export of a series not open runs it), and "warm", as the
  Animation panel runs it: the open series has computed the morphs in the
  background since it was opened (not timed here, as it is not part of the
  export) and the export reuses them;
- QGIS: QgsTemporalUtils.exportAnimation on the stored layers with their
  temporal properties active (as QGIS's Temporal Controller plays them),
  one PNG per frame, no interpolation, no date.
The rounds alternate (ours, QGIS, ours, …) so that other work on a shared
machine weighs on both; the best round of each is printed with the median,
the CPU seconds the process used per export (ffmpeg's own not counted), and
the ratio of ours to QGIS's (best to best, median to median). The load
average before and after is printed too: on a machine others load, our
frames drawn at once gain less.
"""

import datetime as dt
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from qgis.core import (
    Qgis,
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsDateTimeRange,
    QgsExpressionContext,
    QgsExpressionContextUtils,
    QgsInterval,
    QgsMapSettings,
    QgsProject,
    QgsTemporalUtils,
)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WIDTH, HEIGHT = 1280, 720


def open_warm(series: Path):
    """The series as the session opens it, with every morph computed (the background precompute)."""
    from kursk_tracker.layers.scene import SeriesScene

    project = QgsProject()
    scene = SeriesScene.open(series, project, "de", "linear")
    if scene.frames is not None:
        scene.frames.precompute_all()
    return project, scene


def ours(
    series: Path, folder: Path, step: dt.timedelta, fmt: str, in_flight: int, morphs=None
) -> tuple[int, float]:
    from kursk_tracker.export.animation import AnimationOptions, export_animation

    options = AnimationOptions(
        width=WIDTH,
        height=HEIGHT,
        fps=10,
        step=step,
        hold_seconds=0.0,
        format=fmt,
        language="de",
        frames_in_flight=in_flight,
        timing="linear",
        morphs=morphs,
    )
    result = export_animation(series, folder / f"ours.{fmt}", options)
    return result.frames, result.elapsed


def qgis_export(series: Path, folder: Path, step: dt.timedelta) -> tuple[int, float]:
    from kursk_tracker.export.animation import AnimationOptions, FrameRenderer
    from kursk_tracker.gui.temporal_sync import to_qdatetime
    from kursk_tracker.layers.scene import SeriesScene
    from kursk_tracker.layers.series_layers import load_series_layers

    # The same extent as ours (FrameRenderer fits the series below its date box); not timed.
    scene = SeriesScene.open(series, QgsProject(), "de")
    extent = FrameRenderer(scene, AnimationOptions(width=WIDTH, height=HEIGHT)).extent
    first, last = scene.span()
    start = time.perf_counter()
    project = QgsProject()
    loaded = load_series_layers(series, project, "de")
    # All snapshots in the stored layers: the temporal properties pick the one in force.
    loaded.show_snapshot(None)
    settings = QgsMapSettings()
    settings.setLayers([node.layer() for node in project.layerTreeRoot().findLayers() if node.isVisible()])
    settings.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:3857"))
    settings.setOutputSize(QSize(WIDTH, HEIGHT))
    settings.setExtent(extent)
    settings.setBackgroundColor(QColor("#f4f1ea"))
    context = QgsExpressionContext()
    context.appendScope(QgsExpressionContextUtils.globalScope())
    context.appendScope(QgsExpressionContextUtils.projectScope(project))
    settings.setExpressionContext(context)
    animation = QgsTemporalUtils.AnimationExportSettings()
    animation.animationRange = QgsDateTimeRange(to_qdatetime(first), to_qdatetime(last))
    animation.frameDuration = QgsInterval(step.total_seconds())
    animation.outputDirectory = str(folder / "qgis")
    animation.fileNameTemplate = "frame####.png"
    ok, error = QgsTemporalUtils.exportAnimation(settings, animation)
    if not ok:
        raise RuntimeError(error)
    elapsed = time.perf_counter() - start
    frames = len(os.listdir(folder / "qgis"))
    shutil.rmtree(folder / "qgis")
    return frames, elapsed


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


COLD_GIF, COLD_MP4 = "ours GIF, cold", "ours MP4, cold"
WARM_GIF, WARM_MP4 = "ours GIF, warm (as the panel)", "ours MP4, warm (as the panel)"
QGIS_NAME = "QGIS exportAnimation (PNGs)"


def main() -> int:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    step = dt.timedelta(hours=float(sys.argv[2]) if len(sys.argv) > 2 else 24)
    in_flight = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    app = QgsApplication([], False)
    app.initQgis()
    from kursk_tracker.store.sample import sample_working_copy

    series = sample_working_copy(ROOT / "build" / "sample")
    names = (COLD_GIF, QGIS_NAME, COLD_MP4, WARM_GIF, WARM_MP4)
    rates: dict[str, list[float]] = {name: [] for name in names}
    cpu: dict[str, list[float]] = {name: [] for name in names}
    frames: dict[str, int] = {}
    load_before = os.getloadavg()
    _project, warm = open_warm(series)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        runs = {
            COLD_GIF: lambda: ours(series, folder, step, "gif", in_flight),
            QGIS_NAME: lambda: qgis_export(series, folder, step),
            COLD_MP4: lambda: ours(series, folder, step, "mp4", in_flight),
            WARM_GIF: lambda: ours(series, folder, step, "gif", in_flight, warm.frames),
            WARM_MP4: lambda: ours(series, folder, step, "mp4", in_flight, warm.frames),
        }
        for _ in range(rounds):
            for name in names:
                if "MP4" in name and shutil.which("ffmpeg") is None:
                    continue
                used = cpu_seconds()
                count, elapsed = runs[name]()
                cpu[name].append(cpu_seconds() - used)
                frames[name] = count
                rates[name].append(count / elapsed)
    from kursk_tracker.export.frame_plan import default_frames_in_flight

    print(
        f"QGIS {Qgis.QGIS_VERSION}, {os.cpu_count()} cores, {WIDTH}×{HEIGHT}, a frame every "
        f"{step.total_seconds() / 3600:g} h over the sample series, {rounds} rounds "
        "(whole export: opening, rendering, writing); "
        f"ours draws {in_flight or default_frames_in_flight()} frames at once; load average "
        f"{load_before[0]:.2f} before, {os.getloadavg()[0]:.2f} after"
    )
    for name, values in rates.items():
        if values:
            print(
                f"{name:30s} {frames[name]:4d} frames: best {max(values):5.1f} fps, "
                f"median {statistics.median(values):5.1f} fps, CPU {statistics.median(cpu[name]):5.1f} s"
            )
    theirs = rates[QGIS_NAME]
    for name in (COLD_GIF, COLD_MP4, WARM_GIF, WARM_MP4):
        if rates[name]:
            print(
                f"ratio {name} / QGIS: best {max(rates[name]) / max(theirs):4.2f}×, "
                f"median {statistics.median(rates[name]) / statistics.median(theirs):4.2f}×"
            )
    warm.remove()
    app.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main())
