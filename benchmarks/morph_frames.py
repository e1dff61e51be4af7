"""Benchmark: morph precompute and frame times, and how close frames come to real days.

Usage: .venv/bin/python benchmarks/morph_frames.py [FRAMES]
Not a test: these machines are shared, so figures are printed, not asserted.
"""

import math
import statistics
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
warnings.filterwarnings("ignore", message="Valid PROJ data directory")

import numpy as np
import shapely
from scipy.ndimage import distance_transform_edt

from kursk_tracker.core.morph import MorphSettings, precompute
from kursk_tracker.core.stats import area_km2
from tests import fronts
from tests.fronts import UA


def time_frames(name: str, pair: fronts.FrontPair, frames: int, settings: MorphSettings) -> None:
    start = time.perf_counter()
    morph = precompute(pair.layers0, pair.layers1, settings)
    prepared = time.perf_counter() - start
    timings = []
    for f in np.linspace(0.0, 1.0, frames + 2)[1:-1]:
        start = time.perf_counter()
        morph.frame(float(f))
        timings.append((time.perf_counter() - start) * 1000)
    # Scrubbing back over the same times hits the per-layer cache; the first pass is the honest one.
    print(
        f"{name:<16} {settings.timing:<7} vertices {pair.vertices:>6}  patches {len(morph.patches):>4}  "
        f"precompute {prepared:7.2f} s  frame median {statistics.median(timings):6.2f} ms  "
        f"max {max(timings):6.2f} ms"
    )


def sdf_crossfade_errors(days: list, pixel_km: float = 0.1) -> list[float]:
    """Cross-fade of signed distance fields of UA's ground, on a raster; error per day 1–6 in km²."""
    kx = fronts.KM_PER_DEG_LAT * math.cos(math.radians(fronts.LAT0))

    def to_km(g):
        return shapely.transform(g, lambda c: (c - (fronts.LON0, fronts.LAT0)) * (kx, fronts.KM_PER_DEG_LAT))

    minx, miny, maxx, maxy = to_km(shapely.union_all([days[0][UA], days[-1][UA]])).bounds
    xs = np.arange(minx, maxx, pixel_km)
    ys = np.arange(miny, maxy, pixel_km)
    gx, gy = np.meshgrid(xs, ys)

    def raster(g):
        return shapely.contains_xy(to_km(g), gx, gy)

    def signed(mask):
        return (distance_transform_edt(~mask) - distance_transform_edt(mask)) * pixel_km

    d0, d1 = signed(raster(days[0][UA])), signed(raster(days[-1][UA]))
    errors = []
    for day in range(1, 7):
        f = day / 7
        guess = (1 - f) * d0 + f * d1 <= 0
        errors.append(float(np.count_nonzero(guess != raster(days[day][UA]))) * pixel_km**2)
    return errors


def error_table(seeds: range) -> None:
    rows: dict[str, list[float]] = {}
    for seed in seeds:
        days = fronts.daily_jumps(seed).days
        first, last = days[0], days[-1]
        morphs = {
            "linear morph": precompute(first, last, MorphSettings(timing="linear")),
            "eased morph": precompute(first, last, MorphSettings(timing="eased")),
            "eased, jumps of 20 km²": precompute(first, last, MorphSettings(timing="eased", jump_km2=20.0)),
        }
        for day in range(1, 7):
            truth = days[day][UA]
            guesses = {"hold": first[UA], "nearest": (first if day < 3.5 else last)[UA]}
            guesses.update({name: m.frame(day / 7)[UA] for name, m in morphs.items()})
            for name, guess in guesses.items():
                rows.setdefault(name, []).append(area_km2(shapely.symmetric_difference(guess, truth)))
        rows.setdefault("SDF cross-fade (raster)", []).extend(sdf_crossfade_errors(days))
    print(f"\nMean symmetric difference from the real day, days 1–6, {len(seeds)} daily-jump weeks (km²):")
    for name, values in rows.items():
        print(f"  {name:<26} {statistics.mean(values):7.2f}")


def sample_rings() -> None:
    """Rings neither snapshot has, in frames of the sample series (criterion: test_pocket_rings)."""
    from tests.unit.morph import test_pocket_rings as rings

    layers = rings.sample_areas()
    snaps = sorted(layers)
    print("\nSample series, frames with a status ring or stray island (of 13 per pair):")
    for timing in ("linear", "eased"):
        found = sum(len(rings.rings_in_morph(layers[a], layers[b], timing)) for a, b in zip(snaps, snaps[1:]))
        print(f"  {timing:<7} {found:4d} over {len(snaps) - 1} pairs")


def main() -> int:
    frames = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    cases = [
        ("salient", fronts.salient()),
        ("front 5k", fronts.long_front(5000, 30, 300.0, seed=1)),
        ("front 50k", fronts.long_front(50000, 100, 1000.0, seed=2)),
    ]
    for name, pair in cases:
        for timing in ("linear", "eased"):
            time_frames(name, pair, frames, MorphSettings(timing=timing))
    error_table(range(8))
    sample_rings()
    return 0


if __name__ == "__main__":
    sys.exit(main())
