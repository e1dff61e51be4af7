"""The paces the front can move at between snapshots, by name (no shapely: the panels read it at start).

"linear": evenly through the interval; "eased": in short jumps, most around mid-interval (the
morph's expected-error optimum, see core/morph/timing.py).
"""

from __future__ import annotations

TIMINGS: tuple[str, ...] = ("linear", "eased")
