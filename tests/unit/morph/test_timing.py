"""Timing curves: where in the interval a patch moves."""

from __future__ import annotations

import numpy as np
import pytest

from kursk_tracker.core.morph.timing import eased_share, jump_times, smootherstep


def test_a_single_jump_happens_around_mid_interval():
    times = jump_times(1, 1 / 7)
    assert times.tolist() == [0.5]
    assert eased_share(3 / 7, times, 1 / 7) == pytest.approx(0.0, abs=1e-12)
    assert eased_share(0.5, times, 1 / 7) == pytest.approx(0.5)
    assert eased_share(4 / 7, times, 1 / 7) == pytest.approx(1.0, abs=1e-12)


def test_eased_share_is_monotone_and_ends_at_zero_and_one():
    for jumps in (1, 2, 5, 30):
        times = jump_times(jumps, 1 / 7)
        shares = [eased_share(f, times, 1 / 7) for f in np.linspace(0, 1, 201)]
        assert shares[0] == pytest.approx(0.0, abs=1e-12)
        assert shares[-1] == pytest.approx(1.0, abs=1e-12)
        assert (np.diff(shares) >= 0).all()


def test_later_jumps_of_a_large_patch_come_later():
    assert np.all(np.diff(jump_times(4, 0.1)) > 0)


def test_smootherstep_is_flat_at_both_ends():
    assert smootherstep(np.array([-1.0, 0.0, 0.5, 1.0, 2.0])).tolist() == [0.0, 0.0, 0.5, 1.0, 1.0]
