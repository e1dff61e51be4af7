"""Benchmark: from a timeline move to the finished canvas repaint, on the sample series (prints figures).

Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/slider_repaint.py [MOVES]
Compares a move between snapshots (morph frame, change layer, layer update,
repaint) with QGIS repainting the same layers without any morph. Not a
test: these machines are shared, so figures are printed, not asserted.
"""

import datetime as dt
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qgis.core import QgsApplication, QgsCoordinateReferenceSystem, QgsProject
from qgis.gui import QgsMapCanvas
from qgis.PyQt.QtCore import QEventLoop, QSize, QTimer


def wait_for_repaint(canvas: QgsMapCanvas) -> None:
    loop = QEventLoop()
    canvas.mapCanvasRefreshed.connect(loop.quit)
    QTimer.singleShot(10000, loop.quit)
    canvas.refresh()
    loop.exec()
    canvas.mapCanvasRefreshed.disconnect(loop.quit)


def main() -> int:
    moves = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    app = QgsApplication([], True)
    app.initQgis()
    from kursk_tracker.export.render import DISPLAY_CRS
    from kursk_tracker.layers.scene import SeriesScene
    from kursk_tracker.store.sample import sample_working_copy

    project = QgsProject.instance()
    scene = SeriesScene.open(sample_working_copy(ROOT / "build" / "sample"), project, "en")
    crs = QgsCoordinateReferenceSystem(DISPLAY_CRS)
    canvas = QgsMapCanvas()
    canvas.resize(QSize(1200, 800))
    canvas.setDestinationCrs(crs)
    canvas.setParallelRenderingEnabled(True)
    canvas.setCachingEnabled(True)
    canvas.setLayers(scene.visible_layers())
    canvas.setExtent(scene.loaded.full_extent(crs, 0.2))
    canvas.show()
    snapshots = scene.snapshots()
    start, end = snapshots[0].valid_at, snapshots[-1].valid_at
    step = (end - start) / moves
    # Precompute every pair first, as the panel does while the user reads the map.
    for index in range(len(snapshots) - 1):
        scene.frames.pair(snapshots[index], snapshots[index + 1])
    wait_for_repaint(canvas)

    with_morph, frame_only = [], []
    for index in range(moves):
        instant = start + step * index + dt.timedelta(hours=7)
        began = time.perf_counter()
        scene.show(instant)
        frame_only.append(time.perf_counter() - began)
        wait_for_repaint(canvas)
        with_morph.append(time.perf_counter() - began)
    plain = []
    for _ in range(moves):
        for layer in canvas.layers():
            layer.triggerRepaint()
        began = time.perf_counter()
        wait_for_repaint(canvas)
        plain.append(time.perf_counter() - began)

    def ms(values):
        return f"median {statistics.median(values) * 1000:.1f} ms, max {max(values) * 1000:.1f} ms"

    print(f"sample series, {len(snapshots)} snapshots, canvas 1200x800, {moves} moves")
    print(f"timeline move to finished repaint (morph + change + layers + repaint): {ms(with_morph)}")
    print(f"  of which the scene update (morph frame, change, memory layers):     {ms(frame_only)}")
    # Every layer invalidated, context included: what QGIS redraws when the Temporal
    # Controller moves; a timeline move invalidates only the layers that changed.
    print(f"QGIS repainting the same layers without the morph:                     {ms(plain)}")
    print(
        "target: < 100 ms from a move to the finished repaint -> "
        + ("met" if statistics.median(with_morph) < 0.1 else "NOT met")
    )
    app.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main())
