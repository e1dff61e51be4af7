"""When each patch moves: the share of its area flipped at interval time f.

Real fronts move in jumps: a patch of tens of km² flips on one day and
nothing moves on the others. If a patch flips on one unknown day, uniform
over the interval, the expected error at time f of showing a share α of it
is A·(α·(1 − f) + (1 − α)·f): linear in α, so it is smallest with α = 0
before mid-interval and α = 1 after. Motion spread over the interval
(`linear`) is therefore further from the truth on average than motion
concentrated at mid-interval (`eased`).

`eased` models a patch of area A as n = round(A / jump_km2) jumps (at least
one) taken in order of distance from the old front, each on an unknown day.
Jump k of n then best happens at the median of the k-th of n uniform
times, which Benard's approximation puts at (k − 0.3) / (n + 0.4): 0.5 for a
single jump, spread out for a patch that took several. Each jump is a
smootherstep ramp `ease_width` wide around its time, so the motion is smooth
(C²) yet finished before the neighbouring day: with the default width of
one day in a week (1/7), the frame for any whole day of a weekly interval is
exactly what the expected-error optimum asks for.
"""

from __future__ import annotations

import numpy as np

from ..timings import TIMINGS  # noqa: F401 (the names, kept importable from here)


def smootherstep(x: np.ndarray) -> np.ndarray:
    """0 below 0, 1 above 1, C² in between (Perlin's 6x⁵ − 15x⁴ + 10x³)."""
    x = np.clip(x, 0.0, 1.0)
    return x * x * x * (x * (6.0 * x - 15.0) + 10.0)


def jump_times(jumps: int, width: float) -> np.ndarray:
    """Median times of the jumps of a patch taken in `jumps` steps, kept inside [0, 1]."""
    k = np.arange(1, jumps + 1, dtype=float)
    centres = (k - 0.3) / (jumps + 0.4)
    half = min(width, 1.0) / 2.0
    return np.clip(centres, half, 1.0 - half)


def eased_share(f: float, times: np.ndarray, width: float) -> float:
    """Share of a patch flipped at time f when its jumps are at `times`."""
    width = max(width, 1e-9)
    return float(np.mean(smootherstep((f - times) / width + 0.5)))
