"""Benchmark: frames per second of the animation export against QGIS's own (prints figures).

Usage: .venv/bin/python benchmarks/animation_fps.py [ROUNDS] [STEP_HOURS] [FRAMES_IN_FLIGHT]

Both draw the sample series at 1280×720 over the same extent, a frame every
STEP_HOURS (default 24) across the whole series:
- ours: kursk_tracker.export.animation.export_animation to a GIF and to an
  MP4, with the front interpolated between snapshots (morph and change
  layer), the date box and the credit on every frame, encoded into one file;
  FRAMES_IN_FLIGHT frames drawn at once (default 0: cores + 1; 1: one by one);
- QGIS: QgsTemporalUtils.exportAnimation on the stored layers with their
  temporal properties active (as QGIS's Temporal Controller plays them),
  one PNG per frame, no interpolation, no date.
The rounds alternate (ours, QGIS, ours, …) so that other work on a shared
machine weighs on both; the best round of each is printed with the median,
and the ratio of ours to QGIS's (best to best, median to median).
"""

import datetime as dt
import os
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


def ours(series: Path, folder: Path, step: dt.timedelta, fmt: str, in_flight: int) -> tuple[int, float]:
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


def main() -> int:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    step = dt.timedelta(hours=float(sys.argv[2]) if len(sys.argv) > 2 else 24)
    in_flight = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    app = QgsApplication([], False)
    app.initQgis()
    from kursk_tracker.store.sample import sample_working_copy

    series = sample_working_copy(ROOT / "build" / "sample")
    rates: dict[str, list[float]] = {"ours GIF": [], "ours MP4": [], "QGIS exportAnimation (PNGs)": []}
    frames: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for _ in range(rounds):
            for name, run in (
                ("ours GIF", lambda: ours(series, folder, step, "gif", in_flight)),
                ("QGIS exportAnimation (PNGs)", lambda: qgis_export(series, folder, step)),
                ("ours MP4", lambda: ours(series, folder, step, "mp4", in_flight)),
            ):
                if name == "ours MP4" and shutil.which("ffmpeg") is None:
                    continue
                count, elapsed = run()
                frames[name] = count
                rates[name].append(count / elapsed)
    from kursk_tracker.export.frame_plan import default_frames_in_flight

    print(
        f"QGIS {Qgis.QGIS_VERSION}, {os.cpu_count()} cores, {WIDTH}×{HEIGHT}, a frame every "
        f"{step.total_seconds() / 3600:g} h over the sample series, {rounds} rounds "
        "(whole export: opening, rendering, writing); "
        f"ours draws {in_flight or default_frames_in_flight()} frames at once"
    )
    for name, values in rates.items():
        if values:
            print(
                f"{name:30s} {frames[name]:4d} frames: best {max(values):5.1f} fps, "
                f"median {statistics.median(values):5.1f} fps"
            )
    theirs = rates["QGIS exportAnimation (PNGs)"]
    for name in ("ours GIF", "ours MP4"):
        if rates[name]:
            print(
                f"ratio {name} / QGIS: best {max(rates[name]) / max(theirs):4.2f}×, "
                f"median {statistics.median(rates[name]) / statistics.median(theirs):4.2f}×"
            )
    app.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main())
