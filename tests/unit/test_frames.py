"""The situation at any instant: snapshots exact, fronts moving with the morphed areas."""

from __future__ import annotations

import datetime as dt

import pytest
import shapely

from kursk_tracker.core.change import held_by_side
from kursk_tracker.core.frames import SeriesFrames
from kursk_tracker.store.gpkg import read_features, read_series
from kursk_tracker.store.sample import sample_series_path


@pytest.fixture(scope="module")
def frames():
    return SeriesFrames.from_records(read_series(sample_series_path()), read_features(sample_series_path()))


def test_before_and_after_the_series_the_ends_are_shown(frames):
    first, last = frames.snapshots()[0], frames.snapshots()[-1]
    assert frames.areas_at(first.valid_at - dt.timedelta(days=3)) == frames.areas[first.id]
    assert frames.areas_at(last.valid_at + dt.timedelta(days=3)) == frames.areas[last.id]


def test_at_a_snapshot_the_front_is_the_stored_one(frames):
    snapshot = frames.snapshots()[7]
    assert frames.fronts_at(snapshot.valid_at) == frames.fronts[snapshot.id]


def test_between_snapshots_the_front_keeps_still_where_nothing_changed_and_moves_elsewhere(frames):
    before, after = frames.snapshots()[5:7]
    instant = before.valid_at + (after.valid_at - before.valid_at) * 0.5
    areas = frames.areas_at(instant)
    front = frames.fronts_at(instant, areas)["UA"]
    changed = shapely.symmetric_difference(
        held_by_side(frames.areas[before.id])["UA"], held_by_side(frames.areas[after.id])["UA"]
    )
    zone = shapely.buffer(changed, 1e-6)
    stored = frames.fronts[before.id]["UA"]
    still = shapely.difference(front, zone)
    # Outside the ground that changed hands: exactly the earlier snapshot's front.
    assert shapely.hausdorff_distance(still, shapely.difference(stored, zone)) < 1e-6
    # Inside it: on the outline of the morphed ground, not the old line.
    moving = shapely.intersection(front, zone)
    assert moving.length > 0.01
    outline = shapely.boundary(held_by_side(areas)["UA"])
    assert shapely.distance(moving, outline) < 1e-6
    assert shapely.difference(moving, shapely.buffer(outline, 1e-6)).length < 1e-6


def test_only_sides_with_drawn_fronts_get_one(frames):
    before, after = frames.snapshots()[10:12]
    assert set(frames.fronts_at(before.valid_at + (after.valid_at - before.valid_at) / 3)) == {"UA"}


def test_a_pair_not_yet_precomputed_shows_the_nearer_snapshot_without_blocking():
    frames = SeriesFrames.from_records(read_series(sample_series_path()), read_features(sample_series_path()))
    before, after = frames.snapshots()[3:5]
    early = before.valid_at + (after.valid_at - before.valid_at) * 0.2
    late = before.valid_at + (after.valid_at - before.valid_at) * 0.8
    assert not frames.is_ready(before, after)
    assert frames.areas_at(early, wait=False) == frames.areas[before.id]
    assert frames.areas_at(late, wait=False) == frames.areas[after.id]
    assert not frames.is_ready(before, after)
    frames.precompute_all()
    assert frames.is_ready(before, after)
    morphed = frames.areas_at(early, wait=False)
    assert morphed != frames.areas[before.id]
