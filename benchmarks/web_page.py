"""Benchmark: the web page in headless Chromium at 1280×720 (prints figures).

Usage: .venv/bin/python benchmarks/web_page.py [PAGE] [--language de|en] [--runs N] [--seconds S]

PAGE is an exported page's index.html (or single .html file); without it the
sample series is exported (German) into a temporary folder first. Prints:
- first complete paint: from navigation start to the page's own "kt-ready"
  mark, set after the first frame is painted (median and worst of fresh loads);
- scrubbing: frames painted per second (requestAnimationFrame callbacks) while
  every frame shows another instant, once through KurskTracker.show() and once
  by moving the slider (input events, as a reader's drag sends them), and the
  time show() takes per call.
Targets (issue 14): first paint ≤ 2 s, scrubbing ≥ 30 fps. Not a test: these
machines are shared, so figures are printed, not asserted.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.web.conftest import foreign_requests, open_page, requested_urls, start_chromium

WIDTH, HEIGHT = 1280, 720

SCRUB = """
const mode = arguments[0], seconds = arguments[1], done = arguments[arguments.length - 1];
const K = window.KurskTracker, D = window.KurskTrackerData;
const t0 = D.snapshots[0].t, t1 = D.snapshots[D.snapshots.length - 1].t;
const slider = document.getElementById("kt-slider");
K.pause();
let frames = 0, step = 0, showMs = [];
const span = t1 - t0, perFrame = span / 367;   // a new instant every frame, all pairs visited
let start = null;
function frame(now) {
  if (start === null) start = now;
  const elapsed = now - start;
  if (elapsed >= seconds * 1000) {
    showMs.sort((a, b) => a - b);
    done({frames: frames, elapsed: elapsed, showMs: showMs});
    return;
  }
  frames += 1;
  step += 1;
  const t = t0 + (step * perFrame) % span;
  if (mode === "show") {
    const a = performance.now();
    K.show(new Date(Math.round(t / 1000) * 1000).toISOString());
    showMs.push(performance.now() - a);
  } else {
    slider.value = String((t - t0) / 60000);
    slider.dispatchEvent(new Event("input", {bubbles: true}));
  }
  requestAnimationFrame(frame);
}
requestAnimationFrame(frame);
"""


def export_sample(folder: Path, language: str) -> Path:
    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    from kursk_tracker.export.web_data import WebOptions
    from kursk_tracker.export.web_page import export_web_page

    result = export_web_page(
        ROOT / "resources/sample/kursk_sample.gpkg", folder, WebOptions(language=language)
    )
    print(f"exported the sample ({language}): {result.path} ({result.bytes / 1e6:.2f} MB)")
    return result.path


def first_paint(page: Path, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        driver = start_chromium(WIDTH, HEIGHT)
        try:
            requested_urls(driver)
            open_page(driver, page, timeout=60)
            ready = driver.execute_script("return performance.getEntriesByName('kt-ready')[0].startTime")
            times.append(ready / 1000)
            foreign = foreign_requests(requested_urls(driver))
            if foreign:
                print(f"  requests to other origins: {foreign[:3]}")
        finally:
            driver.quit()
    return times


def scrub(page: Path, seconds: float) -> None:
    driver = start_chromium(WIDTH, HEIGHT)
    try:
        open_page(driver, page, timeout=60)
        driver.set_script_timeout(seconds * 4 + 30)
        for mode in ("show", "slider"):
            result = driver.execute_async_script(SCRUB, mode, seconds)
            fps = result["frames"] / (result["elapsed"] / 1000)
            line = f"scrubbing by {mode + '()' if mode == 'show' else 'the slider'}: {fps:.1f} frames/s"
            shows = result["showMs"]
            if shows:
                p95 = shows[int(len(shows) * 0.95) - 1]
                line += f" (show() median {statistics.median(shows):.1f} ms, 95th percentile {p95:.1f} ms)"
            print(line + f" over {result['frames']} frames — target ≥ 30")
    finally:
        driver.quit()


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("page", nargs="?", type=Path)
    parser.add_argument("--language", default="de")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=5.0)
    args = parser.parse_args()
    tmp = None
    page = args.page
    if page is None:
        tmp = Path(tempfile.mkdtemp(prefix="kt-web-bench-"))
        page = export_sample(tmp / "page", args.language)
    try:
        size = sum(p.stat().st_size for p in page.parent.rglob("*") if p.is_file())
        print(f"page: {page} ({size / 1e6:.2f} MB in all), viewport {WIDTH}×{HEIGHT}")
        times = first_paint(page, args.runs)
        print(
            f"first complete paint: median {statistics.median(times):.2f} s, worst {max(times):.2f} s "
            f"over {len(times)} fresh loads — target ≤ 2 s"
        )
        scrub(page, args.seconds)
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
