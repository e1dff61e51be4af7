"""Which DeepStateMap history records a series wants: by day and by week, at a local time, across DST."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from kursk_tracker.online.history import (
    HistoryError,
    HistoryRecord,
    parse_history,
    plan_update,
    target_instant,
    update_start,
)

BERLIN = ZoneInfo("Europe/Berlin")
AT = dt.time(22, 0)
LATER = dt.datetime(2030, 1, 1, tzinfo=dt.timezone.utc)


def local(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=BERLIN)


def rec(instant: dt.datetime) -> HistoryRecord:
    return HistoryRecord.of(int(instant.timestamp()))


def days(first: dt.date, count: int) -> list[dt.date]:
    return [first + dt.timedelta(days=i) for i in range(count)]


def three_a_day(first: dt.date, count: int) -> list[HistoryRecord]:
    """Records at 08:00, 21:30 and 22:30 local time, every day."""
    return [
        rec(local(day, hour, minute))
        for day in days(first, count)
        for hour, minute in ((8, 0), (21, 30), (22, 30))
    ]


def test_by_day_takes_the_last_record_at_or_before_22_local_on_both_sides_of_the_dst_change():
    # Summer time ends in Germany on Sunday 27 October 2024: 22:00 is 20:00 UTC before, 21:00 UTC after.
    records = three_a_day(dt.date(2024, 10, 24), 8)
    plan = plan_update(
        records, dt.date(2024, 10, 24), dt.date(2024, 10, 31), "day", AT, "Europe/Berlin", now=LATER
    )
    assert [day for day, _ in plan.chosen] == days(dt.date(2024, 10, 24), 8)
    for day, record in plan.chosen:
        assert record.instant.astimezone(BERLIN) == local(day, 21, 30)
    utc_hours = {record.instant.astimezone(dt.timezone.utc).hour for _day, record in plan.chosen}
    assert utc_hours == {19, 20}  # 21:30 CEST and 21:30 CET
    assert not plan.missing and not plan.present


def test_a_record_at_exactly_the_chosen_time_is_taken_and_one_a_minute_later_is_not():
    day = dt.date(2024, 10, 29)
    records = [rec(local(day, 21, 0)), rec(local(day, 22, 0)), rec(local(day, 22, 1))]
    plan = plan_update(records, day, day, "day", AT, "Europe/Berlin", now=LATER)
    assert plan.chosen == [(day, rec(local(day, 22, 0)))]


def test_a_day_without_a_record_before_the_time_is_skipped_and_named():
    records = three_a_day(dt.date(2024, 10, 24), 3)
    records = [r for r in records if r.instant.astimezone(BERLIN).date() != dt.date(2024, 10, 25)]
    plan = plan_update(
        records, dt.date(2024, 10, 24), dt.date(2024, 10, 26), "day", AT, "Europe/Berlin", now=LATER
    )
    # The 24th's 22:30 record lies in the 25th's window (24th 22:00, 25th 22:00]: it is the 25th's snapshot.
    assert [day for day, _ in plan.chosen] == [
        dt.date(2024, 10, 24),
        dt.date(2024, 10, 25),
        dt.date(2024, 10, 26),
    ]
    assert plan.chosen[1][1].instant.astimezone(BERLIN) == local(dt.date(2024, 10, 24), 22, 30)
    only_morning = [rec(local(dt.date(2024, 10, 24), 8))]
    plan = plan_update(
        only_morning, dt.date(2024, 10, 24), dt.date(2024, 10, 26), "day", AT, "Europe/Berlin", now=LATER
    )
    assert plan.missing == [dt.date(2024, 10, 25), dt.date(2024, 10, 26)]


def test_by_week_takes_one_record_a_week_on_the_start_days_weekday_across_the_dst_change():
    records = three_a_day(dt.date(2024, 10, 15), 30)
    plan = plan_update(
        records, dt.date(2024, 10, 15), dt.date(2024, 11, 12), "week", AT, "Europe/Berlin", now=LATER
    )
    assert [day for day, _ in plan.chosen] == [
        dt.date(2024, 10, 15) + dt.timedelta(weeks=i) for i in range(5)
    ]
    for day, record in plan.chosen:
        assert record.instant.astimezone(BERLIN) == local(day, 21, 30)
    assert plan.chosen[1][1].instant.astimezone(dt.timezone.utc).hour == 19  # 22 Oct, summer time
    assert plan.chosen[2][1].instant.astimezone(dt.timezone.utc).hour == 20  # 29 Oct, winter time


def test_days_the_series_has_are_not_planned_and_days_still_to_come_are_not_wanted():
    records = three_a_day(dt.date(2024, 10, 24), 5)
    have = {local(dt.date(2024, 10, 25), 21, 30)}
    now = local(dt.date(2024, 10, 27), 23, 0)
    plan = plan_update(
        records, dt.date(2024, 10, 24), dt.date(2024, 10, 28), "day", AT, "Europe/Berlin", have, now
    )
    assert [day for day, _ in plan.chosen] == [
        dt.date(2024, 10, 24),
        dt.date(2024, 10, 26),
        dt.date(2024, 10, 27),
    ]
    assert plan.present == [dt.date(2024, 10, 25)]
    assert update_start(have, "Europe/Berlin") == dt.date(2024, 10, 25)
    assert update_start(set(), "Europe/Berlin") is None


def test_the_target_is_the_wall_clock_time_in_the_zone():
    assert target_instant(dt.date(2024, 10, 26), AT, "Europe/Berlin").utcoffset() == dt.timedelta(hours=2)
    assert target_instant(dt.date(2024, 10, 27), AT, "Europe/Berlin").utcoffset() == dt.timedelta(hours=1)


def test_the_history_list_is_read_as_the_service_writes_it():
    data = [
        {"id": 1730239200, "createdAt": "2024-10-29T21:40:00.000Z", "descriptionEn": "update"},
        {"id": 1730152800.0, "createdAt": None},
        {"id": "1730066400"},  # a text id is not a record
        {"id": True},
        "junk",
        {"id": 1730239200, "createdAt": "again"},
    ]
    records = parse_history(data)
    assert [r.id for r in records] == [1730152800, 1730239200]
    assert records[1].instant == dt.datetime(2024, 10, 29, 22, 0, tzinfo=dt.timezone.utc)
    for bad in ({"records": []}, "text", [{"no": "id"}]):
        with pytest.raises(HistoryError):
            parse_history(bad)
    assert parse_history([]) == []
