"""Frames of one morph asked for from several threads at once (the export's workers beside the map).

The caches a frame goes through are shared; each is swapped for one that notes
when two threads are inside it at the same moment (it yields the GIL inside
every call, so without a lock the threads do meet there).
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest
import shapely

from kursk_tracker.core import morph as morph_package
from kursk_tracker.core.frames import SeriesFrames
from kursk_tracker.core.morph import MorphSettings, precompute
from kursk_tracker.store.gpkg import read_features, read_series
from kursk_tracker.store.sample import sample_series_path
from tests import fronts

THREADS = 4


class Meetings:
    """Counts calls made while another thread was inside the same cache."""

    def __init__(self) -> None:
        self.inside = 0
        self.met = 0
        self.calls = 0
        self.lock = threading.Lock()

    def enter(self) -> None:
        with self.lock:
            self.calls += 1
            if self.inside:
                self.met += 1
            self.inside += 1
        time.sleep(0.0005)  # another thread gets the GIL here

    def leave(self) -> None:
        with self.lock:
            self.inside -= 1


def watched(base: type, meetings: Meetings):
    """A `base` (dict or OrderedDict) whose every use is noted in `meetings`."""

    def wrap(name: str):
        method = getattr(base, name)

        def call(self, *args, **kwargs):
            meetings.enter()
            try:
                return method(self, *args, **kwargs)
            finally:
                meetings.leave()

        return call

    names = ["get", "__getitem__", "__setitem__", "__contains__", "pop", "__len__", "__iter__"]
    if base is OrderedDict:
        names += ["move_to_end", "popitem"]
    return type(f"Watched{base.__name__}", (base,), {name: wrap(name) for name in names})


def hammer(call, arguments) -> list:
    with ThreadPoolExecutor(THREADS) as pool:
        return list(pool.map(call, arguments))


@pytest.fixture(scope="module")
def pair():
    return fronts.long_front(vertices=600, patches=6, length_km=60.0, seed=3)


def test_frames_asked_for_from_several_threads_never_meet_in_a_cache_and_equal_one_thread_s(pair):
    settings = MorphSettings(timing="eased")
    times = [float(f) for f in np.linspace(0.02, 0.98, 40)]
    alone = precompute(pair.layers0, pair.layers1, settings)
    expected = [alone.frame(f) for f in times]
    shared = precompute(pair.layers0, pair.layers1, settings)
    # The frame caches of all layers share one lock, the path caches one per layer.
    meetings = [Meetings()]
    for key in shared.keys:
        shared._cache[key] = watched(OrderedDict, meetings[0])(shared._cache[key])
        meetings.append(Meetings())
        assembly = shared._assembly[key]
        assembly._local = [watched(dict, meetings[-1])(cache) for cache in assembly._local]
    # Each time twice, in a shuffled order: hits, misses and evictions on every thread.
    order = list(np.random.default_rng(1).permutation(len(times) * 2) % len(times))
    results = hammer(lambda i: (i, shared.frame(times[i])), order)
    assert all(m.calls > 50 for m in meetings)
    assert [m.met for m in meetings] == [0] * len(meetings)
    for i, frame in results:
        assert frame.keys() == expected[i].keys()
        for key, geometry in frame.items():
            assert geometry.equals(expected[i][key]), (times[i], key)


def test_series_frames_from_several_threads_compute_each_pair_once_and_never_meet_in_a_cache(monkeypatch):
    series = read_series(sample_series_path())
    frames = SeriesFrames.from_records(series, read_features(sample_series_path()))
    computed: list[tuple] = []
    real = morph_package.precompute

    def counted(layers0, layers1, settings=None):
        computed.append((id(layers0), id(layers1)))
        time.sleep(0.05)  # the other threads ask for the same pair meanwhile
        return real(layers0, layers1, settings)

    monkeypatch.setattr(morph_package, "precompute", counted)
    meetings = Meetings()
    frames._recent = watched(OrderedDict, meetings)()
    before, after = frames.snapshots()[2:4]
    span = after.valid_at - before.valid_at
    instants = [before.valid_at + span * (k / 13) for k in range(1, 13)] * 2
    results = hammer(frames.areas_at, instants)
    assert len(computed) == 1
    assert meetings.calls > 20
    assert meetings.met == 0
    for instant, areas in zip(instants, results):
        assert areas.keys() == frames.areas_at(instant).keys()


def _sample_frames(timing: str = "eased") -> SeriesFrames:
    return SeriesFrames.from_records(
        read_series(sample_series_path()), read_features(sample_series_path()), MorphSettings(timing=timing)
    )


def test_an_export_takes_the_pairs_the_open_series_has_computed_where_timing_and_snapshots_match(monkeypatch):
    session = _sample_frames()
    snapshots = session.snapshots()
    for before, after in zip(snapshots[3:7], snapshots[4:8]):
        session.pair(before, after)
    computed: list[int] = []
    real = morph_package.precompute
    monkeypatch.setattr(morph_package, "precompute", lambda *args: computed.append(1) or real(*args))

    export = _sample_frames()
    # One snapshot redrawn since (another user's edit the session has not yet read): its pairs are not taken.
    changed = snapshots[6].id
    export.areas[changed] = {key: shapely.buffer(g, 1e-4) for key, g in export.areas[changed].items()}
    assert export.adopt(session) == 2
    assert export.pair(snapshots[3], snapshots[4]) is session.pair(snapshots[3], snapshots[4])
    assert export.is_ready(snapshots[4], snapshots[5])
    assert not export.is_ready(snapshots[5], snapshots[6])
    assert not export.is_ready(snapshots[6], snapshots[7])
    assert computed == []
    assert _sample_frames("linear").adopt(session) == 0
