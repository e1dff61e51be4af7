"""Benchmark: the batch Lagebild export (one PNG per snapshot), and what of it could overlap (prints figures).

Usage: .venv/bin/python benchmarks/lagebild_batch.py [ROUNDS] [WIDTH_PX]

Print layouts draw only on the main thread, one page at a time, so the batch
(export/lagebild_batch.py) fills the layout for a snapshot (the scene shown
there: filters, morph-free areas, the change layer, texts), then QGIS draws
the page and writes the PNG, all on that thread. What could honestly run
beside it is what touches no layout: writing (compressing) the PNG of one
page while the next is filled and drawn. This measures, over the sample
series:
- the batch as it is (LagebildBatch: prepare, a step per snapshot);
- the same pages split into their parts, timed apart: filling, drawing the
  page into an image (QgsLayoutExporter.renderPageToImage), compressing the
  image to PNG (QImage.save);
- "overlapped": the pages drawn on the main thread and each image written
  by a worker thread while the next page is filled and drawn;
and prints the overlapped batch's speed relative to the batch as it is.
Rounds alternate (batch, overlapped, …); best and median are printed with
the load average, as the machine is shared.
"""

import os
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from qgis.core import QgsApplication, QgsLayoutExporter, QgsProject
from qgis.PyQt.QtCore import QSize

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def page_size(layout, width_px: int) -> QSize:
    from kursk_tracker.toolbelt.compat import layout_millimetres

    page = layout.pageCollection().page(0).pageSize()
    size = layout.renderContext().measurementConverter().convert(page, layout_millimetres())
    return QSize(width_px, max(1, round(width_px * size.height() / size.width())))


def batch(scene, folder: Path, width_px: int) -> float:
    from kursk_tracker.export.lagebild_batch import LagebildBatch

    start = time.perf_counter()
    job = LagebildBatch(scene, folder, "png", width_px=width_px)
    job.prepare()
    written = job.finish()
    elapsed = time.perf_counter() - start
    assert len(written) == len(scene.snapshots())
    return elapsed


def parts(scene, width_px: int) -> dict[str, float]:
    """Seconds per page spent filling, drawing and compressing (medians), one after another."""
    from kursk_tracker.export.lagebild import build_layout, fill_layout, labels_in

    snapshots = scene.snapshots()
    times: dict[str, list[float]] = {"fill": [], "draw": [], "png": []}
    with labels_in(scene, "de"), tempfile.TemporaryDirectory() as tmp:
        layout = build_layout(scene, snapshots[0].valid_at, None, "de")
        size = page_size(layout, width_px)
        for index, snapshot in enumerate(snapshots):
            start = time.perf_counter()
            fill_layout(layout, scene, snapshot.valid_at, "de")
            layout.refresh()
            filled = time.perf_counter()
            image = QgsLayoutExporter(layout).renderPageToImage(0, size, 150.0)
            drawn = time.perf_counter()
            image.save(str(Path(tmp) / f"{index}.png"), "PNG")
            saved = time.perf_counter()
            times["fill"].append(filled - start)
            times["draw"].append(drawn - filled)
            times["png"].append(saved - drawn)
    return {name: statistics.median(values) for name, values in times.items()}


def overlapped(scene, folder: Path, width_px: int) -> float:
    """Pages drawn on the main thread, each image compressed to PNG by a worker meanwhile."""
    from kursk_tracker.export.lagebild import build_layout, fill_layout, labels_in

    snapshots = scene.snapshots()
    start = time.perf_counter()
    with labels_in(scene, "de"), ThreadPoolExecutor(1) as writer:
        layout = build_layout(scene, snapshots[0].valid_at, None, "de")
        size = page_size(layout, width_px)
        pending = []
        for index, snapshot in enumerate(snapshots):
            if index:
                fill_layout(layout, scene, snapshot.valid_at, "de")
            layout.refresh()
            image = QgsLayoutExporter(layout).renderPageToImage(0, size, 150.0)
            pending.append(writer.submit(image.save, str(folder / f"{index}.png"), "PNG"))
        assert all(future.result() for future in pending)
    return time.perf_counter() - start


def main() -> int:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    width_px = int(sys.argv[2]) if len(sys.argv) > 2 else 1600
    app = QgsApplication([], False)
    app.initQgis()
    from kursk_tracker.layers.scene import SeriesScene
    from kursk_tracker.store.sample import sample_working_copy

    series = sample_working_copy(ROOT / "build" / "sample")
    project = QgsProject()
    scene = SeriesScene.open(series, project, "de")
    load_before = os.getloadavg()
    pages = len(scene.snapshots())
    split = parts(scene, width_px)
    timed: dict[str, list[float]] = {"batch as it is": [], "overlapped PNG writing": []}
    with tempfile.TemporaryDirectory() as tmp:
        for round_ in range(rounds):
            for name, run in (("batch as it is", batch), ("overlapped PNG writing", overlapped)):
                folder = Path(tmp) / f"{round_}-{len(timed[name])}-{name[:5]}"
                folder.mkdir()
                timed[name].append(run(scene, folder, width_px))
    print(
        f"{pages} Lagebild PNGs {width_px} px wide over the sample series, {rounds} rounds, "
        f"{os.cpu_count()} cores; load average {load_before[0]:.2f} before, {os.getloadavg()[0]:.2f} after"
    )
    total = sum(split.values())
    print(
        "one page, parts one after another (median s): "
        + ", ".join(
            f"{name} {seconds:.3f} ({100 * seconds / total:.0f} %)" for name, seconds in split.items()
        )
    )
    for name, values in timed.items():
        print(
            f"{name:24s} best {pages / min(values):5.2f} pages/s, "
            f"median {pages / statistics.median(values):5.2f} pages/s"
        )
    base, over = timed["batch as it is"], timed["overlapped PNG writing"]
    print(
        f"ratio overlapped / as it is: best {min(base) / min(over):4.2f}×, "
        f"median {statistics.median(base) / statistics.median(over):4.2f}×"
    )
    scene.remove()
    project.clear()
    app.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main())
