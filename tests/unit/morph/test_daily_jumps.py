"""On a front that moves in jumps, the eased morph guesses the days between snapshots well."""

from __future__ import annotations

import numpy as np
import pytest
import shapely

from kursk_tracker.core.morph import MorphSettings, precompute
from kursk_tracker.core.stats import area_km2
from tests import fronts
from tests.fronts import UA

SEEDS = range(8)


def daily_errors(seed: int) -> dict[str, list[float]]:
    """Symmetric difference (km², geodesic) of UA's ground from the real day, per day 1–6."""
    days = fronts.daily_jumps(seed).days
    first, last = days[0], days[-1]
    morphs = {t: precompute(first, last, MorphSettings(timing=t)) for t in ("linear", "eased")}
    errors: dict[str, list[float]] = {"hold": [], "nearest": [], "linear": [], "eased": []}
    for day in range(1, 7):
        truth = days[day][UA]
        guesses = {
            "hold": first[UA],
            "nearest": (first if day < 3.5 else last)[UA],
            **{t: m.frame(day / 7)[UA] for t, m in morphs.items()},
        }
        for name, guess in guesses.items():
            errors[name].append(area_km2(shapely.symmetric_difference(guess, truth)))
    return errors


@pytest.fixture(scope="module")
def mean_errors() -> dict[str, float]:
    per_seed = [daily_errors(seed) for seed in SEEDS]
    return {name: float(np.mean([e[name] for e in per_seed])) for name in per_seed[0]}


def test_eased_morph_is_closer_to_the_real_days_than_holding_the_snapshot(mean_errors):
    assert mean_errors["eased"] < mean_errors["hold"]


def test_eased_morph_is_no_further_than_the_nearest_snapshot(mean_errors):
    assert mean_errors["eased"] <= mean_errors["nearest"] * 1.01


def test_eased_is_closer_than_linear(mean_errors):
    assert mean_errors["eased"] < mean_errors["linear"]
