"""Fetching DeepStateMap's history into a series through QGIS's network stack, against a local server.

The server (tests/deepstate_server.py) listens on 127.0.0.1 and serves
API-shaped fixtures built from the format facts; no test touches the internet.
"""

from __future__ import annotations

import datetime as dt
import time
from zoneinfo import ZoneInfo

import pytest

from kursk_tracker.core.errors import KurskTrackerError
from kursk_tracker.online.cache import SnapshotCache
from kursk_tracker.online.client import USER_AGENT, DeepStateClient, Limits
from kursk_tracker.online.update import UpdateRequest, run_update
from kursk_tracker.store.gpkg import read_series
from tests.deepstate_fixtures import KURSK_AOI
from tests.deepstate_server import DeepStateServer, snapshot_body

BERLIN = ZoneInfo("Europe/Berlin")
FIRST = dt.date(2024, 10, 22)
"""A week across the end of summer time (27 October 2024)."""


def local(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=BERLIN)


def fast(**overrides) -> Limits:
    values = dict(timeout_s=2.0, requests_per_second=200.0, retries=3, backoff_base_s=0.05, backoff_cap_s=0.2)
    values.update(overrides)
    return Limits(**values)


@pytest.fixture(scope="module")
def bodies(tmp_path_factory):
    """Eight distinct whole-front snapshots (small), reused by every server."""
    folder = tmp_path_factory.mktemp("bodies")
    return [snapshot_body(folder, local(FIRST, 21), 70 + 5 * i) for i in range(8)]


def three_a_day(
    server: DeepStateServer, bodies, first: dt.date, count: int, times=((8, 0), (21, 30), (22, 30))
) -> dict[dt.date, int]:
    """Records at 08:00, 21:30 and 22:30 local every day; returns each day's 21:30 id (the one wanted)."""
    wanted = {}
    for i in range(count):
        day = first + dt.timedelta(days=i)
        for hour, minute in times:
            record_id = server.add(local(day, hour, minute), bodies[i % len(bodies)])
            if (hour, minute) == (21, 30):
                wanted[day] = record_id
    return wanted


@pytest.fixture
def server(qgis_app):
    server = DeepStateServer().start()
    yield server
    server.shutdown()


def update(server_url, target, cache, start=None, end=None, every="day", limits=None, **kwargs):
    client = DeepStateClient(server_url, limits or fast())
    request = UpdateRequest(target, start, end, every, dt.time(22, 0), KURSK_AOI, **kwargs)
    return run_update(request, client, cache), client


def instants(path) -> list[dt.datetime]:
    return sorted(s.valid_at for s in read_series(path).snapshots)


def test_by_day_at_22_berlin_across_the_summer_time_change(server, bodies, tmp_path):
    wanted = three_a_day(server, bodies, FIRST, 8)
    target = tmp_path / "kursk.gpkg"
    outcome, _client = update(
        server.base_url, target, SnapshotCache(tmp_path / "cache", 10**8), FIRST, FIRST + dt.timedelta(days=7)
    )
    assert len(outcome.summary.added) == 8 and outcome.fetched == 8 and not outcome.failed
    got = instants(target)
    assert got == sorted(dt.datetime.fromtimestamp(i, dt.timezone.utc) for i in wanted.values())
    assert {t.astimezone(BERLIN).strftime("%H:%M") for t in got} == {"21:30"}
    assert {t.astimezone(dt.timezone.utc).hour for t in got} == {19, 20}  # CEST, then CET
    assert server.fetched_ids() == {i: 1 for i in wanted.values()}  # only the wanted ids, once each
    series = read_series(target)
    assert series.credit_in("de") == "Daten: DeepStateMap.Live"
    assert series.credit_in("en") == "Data: DeepStateMap.Live"
    assert all(s.source == "DeepStateMap" for s in series.snapshots)
    assert series.timezone == "Europe/Berlin"


def test_by_week_one_snapshot_a_week_at_22_berlin(server, bodies, tmp_path):
    wanted = three_a_day(server, bodies, FIRST, 22)
    target = tmp_path / "weekly.gpkg"
    outcome, _client = update(
        server.base_url,
        target,
        SnapshotCache(tmp_path / "cache", 10**8),
        FIRST,
        FIRST + dt.timedelta(days=21),
        "week",
    )
    weeks = [FIRST + dt.timedelta(weeks=n) for n in range(4)]
    assert instants(target) == [dt.datetime.fromtimestamp(wanted[d], dt.timezone.utc) for d in weeks]
    assert outcome.fetched == 4 and sorted(server.fetched_ids()) == [wanted[d] for d in weeks]


def test_update_to_today_fetches_only_the_new_ids(server, bodies, tmp_path):
    today = dt.datetime.now(BERLIN).date()
    start = today - dt.timedelta(days=12)
    wanted = three_a_day(server, bodies, start, 8)
    target = tmp_path / "daily.gpkg"
    cache = SnapshotCache(tmp_path / "cache", 10**8)
    first, _client = update(server.base_url, target, cache, start, start + dt.timedelta(days=7))
    assert len(first.summary.added) == 8 and sorted(server.fetched_ids()) == sorted(wanted.values())
    # Three more days appear on the service (the last two days before today have none yet);
    # "update to today" (no first day) asks for those three only.
    newer = three_a_day(server, bodies, start + dt.timedelta(days=8), 3, times=((8, 0), (21, 30)))
    server.requests.clear()
    second, client = update(server.base_url, target, cache)
    assert sorted(server.fetched_ids()) == sorted(newer.values())
    assert len(second.summary.added) == 3 and second.fetched == 3
    assert client.requests == 4  # the history list and the three new snapshots, nothing else
    assert second.plan.present == [start + dt.timedelta(days=7)]  # the series' last day, not fetched again
    assert start + dt.timedelta(days=11) in second.plan.missing  # the day before today: nothing yet
    assert len(instants(target)) == 11
    server.requests.clear()
    third, _client = update(server.base_url, target, cache)
    assert not third.summary.added and not server.fetched_ids()


def test_the_cache_is_used_with_the_server_stopped(server, bodies, tmp_path):
    three_a_day(server, bodies, FIRST, 4)
    cache = SnapshotCache(tmp_path / "cache", 10**8)
    update(server.base_url, tmp_path / "a.gpkg", cache, FIRST, FIRST + dt.timedelta(days=3))
    url = server.base_url
    server.shutdown()
    outcome, _client = update(url, tmp_path / "b.gpkg", cache, FIRST, FIRST + dt.timedelta(days=3))
    assert outcome.fetched == 0 and outcome.from_cache == 4
    assert instants(tmp_path / "b.gpkg") == instants(tmp_path / "a.gpkg")
    assert any("history list fetched at" in str(issue) for issue in outcome.result.problems)


MISBEHAVIOUR = {
    "html": "web page instead of data",
    "truncated": "cut off",
    "missing": "404",
    "busy": "429 4 times in a row",
    "down": "503 4 times in a row",
    "stall": "stalled",
    "huge": "larger than 1 MB",
    "close": "closed the connection",
}


@pytest.mark.parametrize("behaviour", sorted(MISBEHAVIOUR))
def test_a_bad_answer_is_named_by_date_and_url_and_the_others_are_imported(
    server, bodies, tmp_path, behaviour
):
    wanted = three_a_day(server, bodies, FIRST, 6)
    cache = SnapshotCache(tmp_path / "cache", 10**8)
    target = tmp_path / "s.gpkg"
    update(server.base_url, target, cache, FIRST, FIRST + dt.timedelta(days=1))  # the series has two days
    before = instants(target)
    bad_day = FIRST + dt.timedelta(days=3)
    bad_url = server.base_url + server.geojson_path(wanted[bad_day])
    server.misbehave[server.geojson_path(wanted[bad_day])] = behaviour
    started = time.monotonic()
    outcome, _client = update(
        server.base_url,
        target,
        cache,
        FIRST,
        FIRST + dt.timedelta(days=5),
        limits=fast(timeout_s=1.0, max_bytes=1024 * 1024),
    )
    assert time.monotonic() - started < 15
    assert [(label, url) for label, url, _problem in outcome.failed] == [("2024-10-25 21:30", bad_url)]
    assert MISBEHAVIOUR[behaviour] in outcome.failed[0][2]
    problems = [str(issue) for issue in outcome.result.problems]
    assert any(p.startswith("2024-10-25 21:30: ") and bad_url in p for p in problems)
    got = instants(target)
    assert set(before) <= set(got)  # nothing the series had is lost
    expected = sorted(dt.datetime.fromtimestamp(wanted[d], dt.timezone.utc) for d in wanted if d != bad_day)
    assert got == expected
    assert cache.get(wanted[bad_day]) is None  # a bad answer is never kept
    if behaviour in ("busy", "down"):
        assert server.fetched_ids()[wanted[bad_day]] == 4  # the first try and three retries


def test_a_storm_of_429_is_waited_out_when_it_ends(server, bodies, tmp_path):
    wanted = three_a_day(server, bodies, FIRST, 1)
    path = server.geojson_path(wanted[FIRST])
    server.misbehave[path] = "busy"
    server.retry_after = "1"

    def calm_down():
        time.sleep(0.5)
        server.misbehave.pop(path)

    import threading

    threading.Thread(target=calm_down).start()
    started = time.monotonic()
    outcome, _client = update(
        server.base_url, tmp_path / "s.gpkg", SnapshotCache(tmp_path / "c", 10**8), FIRST, FIRST
    )
    assert len(outcome.summary.added) == 1
    assert time.monotonic() - started >= 1.0  # Retry-After: 1 was honoured, not the short backoff


def test_a_retry_after_beyond_the_limit_is_not_waited_for(server, bodies, tmp_path):
    wanted = three_a_day(server, bodies, FIRST, 1)
    server.misbehave[server.geojson_path(wanted[FIRST])] = "busy"
    server.retry_after = "3600"
    started = time.monotonic()
    outcome, _client = update(
        server.base_url, tmp_path / "s.gpkg", SnapshotCache(tmp_path / "c", 10**8), FIRST, FIRST
    )
    assert time.monotonic() - started < 5
    assert "asks to wait 3600 s" in outcome.failed[0][2]
    assert not (tmp_path / "s.gpkg").exists()


@pytest.mark.parametrize("behaviour", ["html", "truncated"])
def test_a_bad_history_list_fails_with_its_url_and_changes_nothing(server, bodies, tmp_path, behaviour):
    three_a_day(server, bodies, FIRST, 2)
    target = tmp_path / "s.gpkg"
    update(server.base_url, target, SnapshotCache(tmp_path / "c1", 10**8), FIRST, FIRST)
    written = target.read_bytes()
    server.misbehave["/api/history/public"] = behaviour
    with pytest.raises(KurskTrackerError, match="/api/history/public"):
        update(
            server.base_url,
            target,
            SnapshotCache(tmp_path / "c2", 10**8),
            FIRST,
            FIRST + dt.timedelta(days=1),
        )
    assert target.read_bytes() == written


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("http://127.0.0.1:{closed}", "refused the connection"),
        ("http://deepstate.invalid", "cannot be found"),
    ],
)
def test_an_unreachable_service_fails_fast_naming_the_url_and_makes_no_series(tmp_path, qgis_app, url, words):
    import socket

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    url = url.format(closed=closed)
    started = time.monotonic()
    with pytest.raises(KurskTrackerError, match=words) as raised:
        update(url, tmp_path / "s.gpkg", SnapshotCache(tmp_path / "c", 10**8), FIRST, FIRST)
    assert url + "/api/history/public" in str(raised.value)
    assert time.monotonic() - started < 5
    assert not (tmp_path / "s.gpkg").exists()


def test_requests_name_the_plugin_and_keep_to_the_pace(server, bodies, tmp_path):
    three_a_day(server, bodies, FIRST, 4)
    update(
        server.base_url,
        tmp_path / "s.gpkg",
        SnapshotCache(tmp_path / "c", 10**8),
        FIRST,
        FIRST + dt.timedelta(days=3),
        limits=fast(requests_per_second=5.0),
    )
    assert set(server.user_agents) == {USER_AGENT} and USER_AGENT.startswith("KurskTracker/")
    gaps = [b - a for a, b in zip(server.times, server.times[1:])]
    assert len(gaps) == 4 and min(gaps) >= 0.18  # five requests at most five a second
