"""docs/web_data.md's "frame at instant t", written once in Python for the tests.

The page composes frames from the plugin's data by this rule; the unit tests
check the plugin's data against frontatdate through it, and the browser tests
check the page's heldKm2() against it.
"""

from __future__ import annotations

import bisect


def smootherstep(x: float) -> float:
    x = min(max(x, 0.0), 1.0)
    return x * x * x * (x * (6.0 * x - 15.0) + 10.0)


def level_for(shares: list[float], share: float) -> int:
    """The index in `shares` nearest `share` (ties to the lower one), as the contract says."""
    i = bisect.bisect_left(shares, share)
    if i <= 0:
        return 0
    if i >= len(shares):
        return len(shares) - 1
    return i if shares[i] - share < share - shares[i - 1] else i - 1


def pair_levels(pair: dict, f: float) -> list[int]:
    """The level of each patch of `pair` at interval time f."""
    shares = []
    for patch in pair["patches"]:
        if pair["timing"] == "linear":
            shares.append(min(max(f, 0.0), 1.0))
        else:
            w = pair["ease_width"]
            times = patch["times"]
            shares.append(sum(smootherstep((f - tau) / w + 0.5) for tau in times) / len(times))
    led = [
        (1.0 if any(shares[j] > 0 for j in patch["leads"]) else 0.0) if patch["leads"] else shares[k]
        for k, patch in enumerate(pair["patches"])
    ]
    return [level_for(patch["shares"], s) for patch, s in zip(pair["patches"], led)]


def held_at(data: dict, t_ms: float) -> dict[str, float]:
    """heldKm2() at `t_ms` (ms since 1970 UTC), for every layer code of the data."""
    snapshots = data["snapshots"]
    codes = [k["code"] for k in data["keys"]]
    t_ms = min(max(t_ms, snapshots[0]["t"]), snapshots[-1]["t"])
    times = [s["t"] for s in snapshots]
    if t_ms in times:
        held = snapshots[times.index(t_ms)]["held_km2"]
        return {code: held.get(code, 0.0) for code in codes}
    i = bisect.bisect_right(times, t_ms) - 1
    pair = data["pairs"][i]
    levels = pair_levels(pair, (t_ms - times[i]) / (times[i + 1] - times[i]))
    result = {}
    for code in codes:
        layer = pair["layers"].get(code)
        members = layer["members"] if layer is not None else []
        result[code] = (layer["common_km2"] if layer is not None else 0.0) + sum(
            m["km2"][levels[m["patch"]]] for m in members
        )
    return result
