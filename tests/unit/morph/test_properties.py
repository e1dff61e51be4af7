"""The morph holds its promises on hand-made and random fronts, at many times."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
import shapely
from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry

from kursk_tracker.core.morph import MorphSettings, PairMorph, front_lines, precompute
from tests import fronts
from tests.fronts import RU, RU_CONTESTED, UA, UA_POCKET, Key

TIMES = [0.0, 0.05, 0.2, 0.35, 0.45, 0.48, 0.5, 0.52, 0.55, 0.65, 0.8, 0.95, 1.0]
SETTINGS = [MorphSettings(timing="linear"), MorphSettings(timing="eased")]


def _area(geometry: BaseGeometry) -> float:
    return 0.0 if geometry.is_empty else float(shapely.area(geometry))


def check_morph(
    layers0: dict[Key, BaseGeometry], layers1: dict[Key, BaseGeometry], settings: MorphSettings
) -> PairMorph:
    """Every property the morph promises, at every time in TIMES."""
    morph = precompute(layers0, layers1, settings)
    keys = sorted(set(layers0) | set(layers1))
    empty = Polygon()
    g0 = {k: layers0.get(k, empty) for k in keys}
    g1 = {k: layers1.get(k, empty) for k in keys}
    total = max(_area(shapely.union_all([*g0.values(), *g1.values()])), 1e-30)
    tol = total * 1e-9
    changed = {k: shapely.symmetric_difference(g0[k], g1[k]) for k in keys}
    gained = {k: shapely.difference(g1[k], g0[k]) for k in keys}
    lost = {k: shapely.difference(g0[k], g1[k]) for k in keys}
    patches = {k: list(shapely.get_parts(gained[k])) + list(shapely.get_parts(lost[k])) for k in keys}
    frames = [morph.frame(f) for f in TIMES]

    for key in keys:
        assert _area(shapely.symmetric_difference(frames[0][key], g0[key])) < tol, f"not exact at 0: {key}"
        assert _area(shapely.symmetric_difference(frames[-1][key], g1[key])) < tol, f"not exact at 1: {key}"
    for f, frame in zip(TIMES, frames):
        assert set(frame) == set(keys)
        for key, geometry in frame.items():
            assert geometry.is_valid, f"invalid {key} at {f}"
            assert shapely.get_type_id(geometry) in (3, 6), f"not polygonal: {key} at {f}"
            moved = shapely.symmetric_difference(geometry, g0[key])
            outside = _area(shapely.difference(moved, changed[key]))
            assert outside < tol, f"{key} moved where nothing changed at {f}"
        for a, b in itertools.combinations(keys, 2):
            assert _area(shapely.intersection(frame[a], frame[b])) < tol, f"{a} overlaps {b} at {f}"
    for key in keys:
        # Each patch only grows (gains) or only shrinks (losses), and its pieces are nested.
        for patch in patches[key]:
            inside = [shapely.intersection(frame[key], patch) for frame in frames]
            areas = np.array([_area(g) for g in inside])
            grows = _area(shapely.intersection(patch, g1[key])) > _area(patch) / 2
            steps = np.diff(areas) if grows else -np.diff(areas)
            assert (steps >= -tol).all(), f"patch of {key} not monotone: {areas}"
            for before, after in zip(inside, inside[1:]):
                left = shapely.difference(before, after) if grows else shapely.difference(after, before)
                assert _area(left) < tol, f"pieces of a patch of {key} not nested"
    return morph


def square(x0: float, y0: float, x1: float, y1: float) -> BaseGeometry:
    return fronts.lonlat(shapely.box(x0, y0, x1, y1))


@pytest.mark.parametrize("settings", SETTINGS, ids=lambda s: s.timing)
class TestHandMadeCases:
    def test_nothing_changed_gives_the_snapshot_at_every_time(self, settings):
        layers = {UA: square(0, 0, 10, 10), RU: square(10, 0, 20, 10)}
        morph = check_morph(layers, layers, settings)
        assert morph.patches == []

    def test_advance_grows_out_of_the_old_front(self, settings):
        morph = check_morph(
            {UA: square(0, 0, 10, 10), RU: square(10, 0, 20, 10)},
            {UA: square(0, 0, 14, 10), RU: square(14, 0, 20, 10)},
            settings,
        )
        piece = morph.frame(0.5)[UA]
        # The grown part touches the old front at x = 10 and has not reached x = 14.
        assert piece.bounds[2] < fronts.lonlat(shapely.Point(14, 0)).x
        assert piece.bounds[2] > fronts.lonlat(shapely.Point(10, 0)).x

    def test_retreat_shrinks_from_the_enemy_side(self, settings):
        morph = check_morph(
            {UA: square(0, 0, 14, 10), RU: square(14, 0, 20, 10)},
            {UA: square(0, 0, 10, 10), RU: square(10, 0, 20, 10)},
            settings,
        )
        ru = morph.frame(0.5)[RU]
        assert ru.bounds[0] < fronts.lonlat(shapely.Point(14, 0)).x

    def test_split_of_a_held_area(self, settings):
        check_morph(
            {UA: square(0, 0, 20, 10)},
            {UA: shapely.union(square(0, 0, 8, 10), square(12, 0, 20, 10)), RU: square(8, 0, 12, 10)},
            settings,
        )

    def test_merge_of_two_areas(self, settings):
        check_morph(
            {UA: shapely.union(square(0, 0, 8, 10), square(12, 0, 20, 10))},
            {UA: square(0, 0, 20, 10)},
            settings,
        )

    def test_hole_opening_and_closing(self, settings):
        with_hole = shapely.difference(square(0, 0, 20, 20), square(8, 8, 12, 12))
        check_morph({UA: square(0, 0, 20, 20)}, {UA: with_hole, RU: square(8, 8, 12, 12)}, settings)
        check_morph({UA: with_hole}, {UA: square(0, 0, 20, 20)}, settings)

    def test_pocket_closing_relabels_without_flashing(self, settings):
        held = square(0, 0, 20, 10)
        pocket = square(14, 0, 20, 4)
        morph = check_morph(
            {UA: held, RU: square(0, 10, 20, 20)},
            {UA: shapely.difference(held, pocket), UA_POCKET: pocket, RU: square(0, 10, 20, 20)},
            settings,
        )
        for f in TIMES:
            frame = morph.frame(f)
            covered = _area(shapely.union(frame[UA], frame[UA_POCKET]))
            assert covered == pytest.approx(_area(held), rel=1e-9), f"pocket ground uncovered at {f}"

    def test_pocket_squeezed_out(self, settings):
        check_morph(
            {
                UA: square(0, 0, 10, 10),
                UA_POCKET: square(14, 0, 18, 4),
                RU: square(10, 0, 20, 10).difference(square(14, 0, 18, 4)),
            },
            {UA: square(0, 0, 10, 10), RU: square(10, 0, 20, 10)},
            settings,
        )

    def test_island_appearing_and_vanishing(self, settings):
        with_island = shapely.union(square(0, 0, 10, 10), square(14, 4, 16, 6))
        check_morph({UA: square(0, 0, 10, 10)}, {UA: with_island}, settings)
        check_morph({UA: with_island}, {UA: square(0, 0, 10, 10)}, settings)

    def test_two_sides_exchanging_ground(self, settings):
        morph = check_morph(
            {UA: square(0, 0, 10, 10), RU: square(10, 0, 20, 10), RU_CONTESTED: square(20, 0, 22, 10)},
            {
                UA: shapely.union(square(0, 0, 14, 5), square(0, 5, 8, 10)),
                RU: shapely.union(square(14, 0, 20, 5), square(8, 5, 20, 10)),
                RU_CONTESTED: square(20, 0, 22, 10),
            },
            settings,
        )
        for f in TIMES:
            frame = morph.frame(f)
            held = _area(shapely.union_all(list(frame.values())))
            assert held == pytest.approx(_area(square(0, 0, 22, 10)), rel=1e-9), f"gap between sides at {f}"

    def test_salient(self, settings):
        pair = fronts.salient()
        check_morph(pair.layers0, pair.layers1, settings)


@pytest.mark.parametrize("seed", range(12))
def test_random_partitions_keep_every_property(seed):
    pair = fronts.random_partition(seed)
    check_morph(pair.layers0, pair.layers1, SETTINGS[seed % 2])


def test_long_front_with_many_patches():
    pair = fronts.long_front(5000, 30, 300.0, seed=4)
    check_morph(pair.layers0, pair.layers1, MorphSettings())


def test_front_lines_dissolve_statuses_of_a_side():
    frame = {UA: square(0, 0, 10, 10), UA_POCKET: square(10, 0, 12, 10), RU: square(12, 0, 20, 10)}
    lines = front_lines(frame)
    assert set(lines) == {"UA", "RU"}
    assert (
        lines["UA"].equals(square(0, 0, 12, 10).boundary)
        or _area(shapely.symmetric_difference(shapely.Polygon(lines["UA"].coords), square(0, 0, 12, 10)))
        < 1e-15
    )


def test_unknown_timing_is_refused():
    with pytest.raises(ValueError, match="timing"):
        MorphSettings(timing="bouncy")
