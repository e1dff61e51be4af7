"""Telling a usable answer from a captcha page or a cut-off body; the bounded cache of raw answers."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from kursk_tracker.online.answers import (
    AnswerError,
    backoff_seconds,
    check_snapshot,
    parse_json,
    retry_after_seconds,
)
from kursk_tracker.online.cache import SnapshotCache

COLLECTION = json.dumps(
    {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}}]}
).encode()


def test_a_feature_collection_and_the_api_wrapper_of_one_pass():
    check_snapshot(COLLECTION)
    check_snapshot(json.dumps({"id": 1730239200, "map": json.loads(COLLECTION)}).encode())


@pytest.mark.parametrize(
    ("body", "content_type", "words"),
    [
        (b"<!DOCTYPE html><html><title>Just a moment...</title></html>", "text/html", "web page"),
        (b'{"type": "FeatureCollection"}', "text/html; charset=utf-8", "web page"),
        (COLLECTION[: len(COLLECTION) // 2], "application/json", "cut off"),
        (COLLECTION[:-1], "application/json", "cut off"),
        (b"", "application/json", "empty"),
        (b'{"type": "Feature"}', "application/json", "not a GeoJSON FeatureCollection"),
        (b'{"a": 1,, "b": 2}', "application/json", "not valid JSON"),
        (b"\xff\xfe{}", "application/json", "not UTF-8"),
    ],
)
def test_what_is_not_a_snapshot_is_refused_with_a_reason(body, content_type, words):
    with pytest.raises(AnswerError, match=words):
        check_snapshot(body, content_type)


def test_the_history_list_parses_and_a_captcha_instead_of_it_does_not():
    assert parse_json(b'[{"id": 1730239200}]') == [{"id": 1730239200}]
    with pytest.raises(AnswerError, match="web page"):
        parse_json(b"<html><body>maintenance</body></html>")


def test_retry_after_in_seconds_or_as_a_date_and_the_backoff_without_one():
    now = dt.datetime(2024, 10, 29, 12, 0, tzinfo=dt.timezone.utc)
    assert retry_after_seconds("7") == 7.0
    assert retry_after_seconds("Tue, 29 Oct 2024 12:01:30 GMT", now) == 90.0
    assert retry_after_seconds("Tue, 29 Oct 2024 11:00:00 GMT", now) == 0.0
    assert retry_after_seconds("soon") is None
    assert retry_after_seconds("") is None
    assert [backoff_seconds(n, 2.0, 10.0) for n in (1, 2, 3, 4, 5)] == [2.0, 4.0, 8.0, 10.0, 10.0]


def test_the_cache_keeps_answers_by_id_whole_and_reads_them_back(tmp_path):
    cache = SnapshotCache(tmp_path / "cache", 10_000)
    assert cache.get(1730239200) is None
    cache.put(1730239200, b"abc")
    assert cache.get(1730239200) == b"abc"
    assert cache.path(1730239200).name == "1730239200.geojson"
    assert not list((tmp_path / "cache").glob("*.tmp"))  # written beside, renamed into place
    cache.put_history(b"[]")
    data, when = cache.get_history()
    assert data == b"[]" and when > 0
    assert cache.size() == 5


def test_the_cache_stays_within_its_bound_by_dropping_what_was_used_longest_ago(tmp_path):
    import os

    cache = SnapshotCache(tmp_path, 3000)
    for n in range(3):
        cache.put(n + 1_700_000_000, bytes(1000))
        os.utime(cache.path(n + 1_700_000_000), (1000 + n, 1000 + n))
    cache.get(1_700_000_000)  # used now: kept
    cache.put(1_700_000_009, bytes(1000))
    kept = sorted(int(p.stem) for p in cache.files())
    assert kept == [1_700_000_000, 1_700_000_002, 1_700_000_009]
    assert sum(p.stat().st_size for p in cache.files()) <= 3000
    cache.put(1_700_000_010, bytes(5000))  # larger than the bound: not kept
    assert cache.get(1_700_000_010) is None


def test_clearing_the_cache_removes_every_answer_kept(tmp_path):
    cache = SnapshotCache(tmp_path / "c", 10_000)
    for n in range(4):
        cache.put(1_700_000_000 + n, b"x")
    cache.put_history(b"[]")
    (tmp_path / "c" / "stray.tmp").write_bytes(b"half")
    assert cache.clear() == 4
    assert cache.files() == [] and cache.get_history() is None and cache.size() == 0
    assert SnapshotCache(tmp_path / "none", 0).clear() == 0


def test_a_cache_bounded_to_nothing_keeps_nothing(tmp_path):
    cache = SnapshotCache(tmp_path, 0)
    cache.put(1_700_000_000, b"x")
    cache.put_history(b"[]")
    assert cache.get(1_700_000_000) is None and cache.get_history() is None
