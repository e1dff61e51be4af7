"""Benchmark: open the sample series and render each snapshot (prints figures).

Usage: .venv/bin/python benchmarks/open_and_render.py [REPEATS]
Not a test: these machines are shared, so figures are printed, not asserted.
"""

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qgis.core import Qgis, QgsApplication, QgsCoordinateReferenceSystem, QgsProject


def main() -> int:
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    app = QgsApplication([], False)
    app.initQgis()
    from kursk_tracker.export.render import DISPLAY_CRS, render_png
    from kursk_tracker.layers.series_layers import load_series_layers, remove_series_groups
    from kursk_tracker.store.sample import sample_working_copy

    project = QgsProject.instance()
    opens = []
    for _ in range(repeats):
        start = time.perf_counter()
        loaded = load_series_layers(sample_working_copy(ROOT / "build" / "sample"), project, "en")
        opens.append(time.perf_counter() - start)
        remove_series_groups(project)
    loaded = load_series_layers(sample_working_copy(ROOT / "build" / "sample"), project, "en")
    crs = QgsCoordinateReferenceSystem(DISPLAY_CRS)
    extent = loaded.full_extent(crs, margin=0.3)
    layers = [node.layer() for node in project.layerTreeRoot().findLayers()]
    renders = []
    with tempfile.TemporaryDirectory() as folder:
        for snapshot in loaded.series.sorted_snapshots():
            loaded.show_snapshot(snapshot)
            start = time.perf_counter()
            render_png(layers, extent, Path(folder) / "frame.png", width=1200)
            renders.append(time.perf_counter() - start)
    print(f"QGIS {Qgis.QGIS_VERSION}")
    print(
        f"open sample series ({len(loaded.series.snapshots)} snapshots, {len(layers)} layers): "
        f"median {statistics.median(opens) * 1000:.1f} ms over {repeats}"
    )
    print(
        f"render one snapshot to a 1200 px PNG: median {statistics.median(renders) * 1000:.1f} ms, "
        f"max {max(renders) * 1000:.1f} ms over {len(renders)} snapshots"
    )
    app.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main())
