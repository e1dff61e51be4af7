"""Render the sample series headless, for `make run` where there is no display.

Usage: render_sample.py OUT_DIR [LANGUAGE]
Writes OUT_DIR/sample_map.png (the week-12 situation, or the last snapshot).
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qgis.core import QgsApplication, QgsCoordinateReferenceSystem, QgsProject


def main() -> int:
    out_dir = Path(sys.argv[1] if len(sys.argv) > 1 else "out")
    language = sys.argv[2] if len(sys.argv) > 2 else "en"
    app = QgsApplication([], False)
    app.initQgis()
    try:
        from kursk_tracker.core.timefmt import format_instant
        from kursk_tracker.export.render import DISPLAY_CRS, render_png
        from kursk_tracker.layers.series_layers import load_series_layers
        from kursk_tracker.store.sample import sample_working_copy

        project = QgsProject.instance()
        loaded = load_series_layers(sample_working_copy(ROOT / "build" / "sample"), project, language)
        series = loaded.series
        snapshots = series.sorted_snapshots()
        shown = next((s for s in snapshots if series.week_of(s.valid_at) == 12), snapshots[-1])
        loaded.show_snapshot(shown)
        crs = QgsCoordinateReferenceSystem(DISPLAY_CRS)
        extent = loaded.full_extent(crs, margin=0.3)
        loaded.show_snapshot(shown)
        layers = [node.layer() for node in project.layerTreeRoot().findLayers() if node.isVisible()]
        path = render_png(layers, extent, out_dir / "sample_map.png", width=1600)
        when = format_instant(shown.valid_at, series.timezone, language)
        print(f"Sample series rendered ({when}, week {series.week_of(shown.valid_at)}): {path.resolve()}")
    finally:
        app.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main())
