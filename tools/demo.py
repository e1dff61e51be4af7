"""`make demo`: the sample series' week-12 Lagebild as PNG and PDF, the whole series as a GIF and as
an interactive web page (OUT_DIR/web_LANGUAGE/index.html).

Usage: demo.py OUT_DIR [LANGUAGE]   (headless; LANGUAGE de or en, default de as the column)
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qgis.core import QgsApplication, QgsProject


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "out")
    language = sys.argv[2] if len(sys.argv) > 2 else "de"
    app = QgsApplication([], False)
    app.initQgis()
    try:
        from kursk_tracker.export.animation import AnimationOptions, export_animation
        from kursk_tracker.export.lagebild import export_lagebild
        from kursk_tracker.export.web_data import WebOptions
        from kursk_tracker.export.web_page import export_web_page
        from kursk_tracker.layers.scene import SeriesScene
        from kursk_tracker.store.sample import sample_working_copy

        sample = sample_working_copy(ROOT / "build" / "sample")
        project = QgsProject()
        scene = SeriesScene.open(sample, project, language)
        series = scene.series
        week12 = next(s for s in scene.snapshots() if series.week_of(s.valid_at) == 12)
        written = []
        for fmt in ("png", "pdf"):
            written.append(
                export_lagebild(
                    scene,
                    week12.valid_at,
                    out / f"lagebild_week12_{language}.{fmt}",
                    fmt=fmt,
                    language=language,
                    width_px=1600,
                    dpi=150,
                )
            )
        scene.remove()
        written.append(
            export_animation(
                sample,
                out / f"kursk_sample_{language}.gif",
                AnimationOptions(language=language, width=960, height=600),
            ).path
        )
        options = WebOptions(language=language, timing="linear")
        page = export_web_page(sample, out / f"web_{language}", options)
        written.append(page.path)
        for path in written:
            print(f"written: {Path(path).resolve()}")
    finally:
        app.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main())
