"""Gains and losses between two situations: every patch of a change measured, slivers left out."""

from __future__ import annotations

import datetime as dt

import pytest
import shapely

from kursk_tracker.core.change import MIN_PATCH_KM2, changes_between_held, held_by_side
from kursk_tracker.core.frames import SeriesFrames
from kursk_tracker.core.stats import area_km2
from kursk_tracker.store.gpkg import read_features, read_series
from kursk_tracker.store.sample import sample_series_path


@pytest.fixture(scope="module")
def frames():
    return SeriesFrames.from_records(read_series(sample_series_path()), read_features(sample_series_path()))


def _shows_on_a_map(polygon) -> bool:
    """Not a zero-width spike: those can measure some hundredths of a km² on the ellipsoid
    (geodesics bow away from the straight lon/lat line the map draws) while covering nothing."""
    return shapely.area(polygon) > 1e-12


def _measured_one_by_one(before, after):
    """Every polygon of every difference measured on the ellipsoid, kept from MIN_PATCH_KM2 on."""
    totals = {}
    for side in sorted(set(before) | set(after)):
        old, new = before.get(side, shapely.Polygon()), after.get(side, shapely.Polygon())
        for kind, patch in (("gain", shapely.difference(new, old)), ("loss", shapely.difference(old, new))):
            kept = [
                area_km2(p)
                for p in shapely.get_parts(patch)
                if shapely.get_dimensions(p) == 2 and _shows_on_a_map(p) and area_km2(p) >= MIN_PATCH_KM2
            ]
            if kept:
                totals[(side, kind)] = (len(kept), sum(kept))
    return totals


def test_between_snapshots_and_in_between_every_patch_is_kept_and_every_sliver_left_out(frames):
    snapshots = frames.snapshots()
    instants = [s.valid_at for s in snapshots] + [s.valid_at + dt.timedelta(days=3) for s in snapshots[:-1]]
    held = [held_by_side(frames.areas_at(instant)) for instant in sorted(instants)]
    compared = 0
    for before, after in zip(held, held[1:]):
        changes = changes_between_held(before, after)
        found = {(c.side, c.kind): (len(shapely.get_parts(c.geometry)), c.area_km2) for c in changes}
        expected = _measured_one_by_one(before, after)
        assert found.keys() == expected.keys()
        for key, (count, km2) in expected.items():
            assert found[key][0] == count and found[key][1] == pytest.approx(km2, rel=1e-12)
        compared += len(expected)
    assert compared > 20  # the sample moves: many gains and losses were compared


def test_a_patch_just_over_the_limit_counts_and_one_just_under_does_not():
    # Near 51° N a square of 0.0016° × 0.0025° is about 0.0175 km × 0.178 km ≈ 0.0031 km²:
    # scaled up and down around MIN_PATCH_KM2 on the ellipsoid.
    def square(size_deg):
        return shapely.box(35.0, 51.0, 35.0 + size_deg * 1.6, 51.0 + size_deg)

    just_over = next(s for s in (x / 10000 for x in range(5, 200)) if area_km2(square(s)) >= MIN_PATCH_KM2)
    just_under = just_over - 0.0001
    assert area_km2(square(just_under)) < MIN_PATCH_KM2
    base = shapely.box(34.0, 50.0, 34.5, 50.5)
    for size, counted in ((just_over, True), (just_under, False)):
        changes = changes_between_held({"UA": base}, {"UA": shapely.union(base, square(size))})
        assert bool(changes) is counted
