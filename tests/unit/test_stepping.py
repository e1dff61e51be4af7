"""Stepping from snapshot to snapshot, whatever instant is shown."""

from __future__ import annotations

import datetime as dt

import pytest

from kursk_tracker.core.series import Snapshot, snapshot_at_offset

UTC = dt.timezone.utc
WEEKS = [dt.datetime(2024, 10, 1, 20, tzinfo=UTC) + dt.timedelta(weeks=n) for n in range(4)]


@pytest.fixture
def snapshots():
    # Stored out of order: the order is the instants', not the list's.
    return [Snapshot(id=10 + n, valid_at=WEEKS[n]) for n in (2, 0, 3, 1)]


def _week(snapshot):
    return WEEKS.index(snapshot.valid_at)


@pytest.mark.parametrize(
    ("shown", "offset", "week"),
    [
        (WEEKS[1], 1, 2),
        (WEEKS[1], -1, 0),
        (WEEKS[1], 2, 3),
        (WEEKS[1], -5, 0),
        (WEEKS[3], 1, 3),
        (WEEKS[0], -1, 0),
    ],
)
def test_on_a_snapshot_a_step_goes_to_its_neighbour_and_stops_at_the_ends(snapshots, shown, offset, week):
    assert _week(snapshot_at_offset(snapshots, shown, offset)) == week


def test_between_snapshots_forward_is_the_next_and_back_the_one_in_force(snapshots):
    between = WEEKS[1] + dt.timedelta(days=3)
    assert _week(snapshot_at_offset(snapshots, between, 1)) == 2
    assert _week(snapshot_at_offset(snapshots, between, -1)) == 1


def test_before_and_after_the_series_a_step_lands_inside_it(snapshots):
    assert _week(snapshot_at_offset(snapshots, WEEKS[0] - dt.timedelta(days=9), 1)) == 0
    assert _week(snapshot_at_offset(snapshots, WEEKS[3] + dt.timedelta(days=9), -1)) == 3


def test_an_empty_series_has_nowhere_to_step():
    assert snapshot_at_offset([], WEEKS[0], 1) is None
