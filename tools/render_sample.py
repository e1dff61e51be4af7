"""Render the sample series headless, for `make run` where there is no display.

Usage: render_sample.py OUT_DIR [LANGUAGE] [--lagebild]
Writes OUT_DIR/sample_map.png (the week-12 situation, or the last snapshot); with --lagebild also
the week-12 Lagebild as PNG and PDF in German and English (OUT_DIR/lagebild_week12_{de,en}.{png,pdf}),
to look at both languages side by side.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qgis.core import QgsApplication, QgsCoordinateReferenceSystem, QgsProject


def main() -> int:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    with_lagebild = "--lagebild" in sys.argv[1:]
    out_dir = Path(args[0] if args else "out")
    language = args[1] if len(args) > 1 else "en"
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
        if with_lagebild:
            render_lagebild(out_dir, shown.valid_at)
    finally:
        app.exitQgis()
    return 0


def render_lagebild(out_dir: Path, instant) -> None:
    """The Lagebild at `instant` in both languages, each from a scene in the other (the export decides)."""
    from kursk_tracker.export.lagebild import export_lagebild
    from kursk_tracker.layers.scene import SeriesScene
    from kursk_tracker.store.sample import sample_working_copy

    for language, other in (("de", "en"), ("en", "de")):
        project = QgsProject()
        scene = SeriesScene.open(sample_working_copy(ROOT / "build" / "sample"), project, other)
        try:
            for fmt in ("png", "pdf"):
                path = export_lagebild(
                    scene,
                    instant,
                    out_dir / f"lagebild_week12_{language}.{fmt}",
                    fmt,
                    language=language,
                    width_px=1600,
                    dpi=150,
                )
                print(f"Lagebild ({language}): {path.resolve()}")
        finally:
            scene.remove()
            project.clear()


if __name__ == "__main__":
    sys.exit(main())
