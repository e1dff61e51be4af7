"""Dates from file names and attribute values."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from kursk_tracker.core.timefmt import week_number
from kursk_tracker.importers.dates import date_from_name, date_from_value, week_in_name

BERLIN = ZoneInfo("Europe/Berlin")
UTC = dt.timezone.utc
EPOCH = dt.date(2024, 8, 6)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("2024-10-29.geojson", dt.datetime(2024, 10, 29, tzinfo=BERLIN)),
        ("2024-10-29T2200", dt.datetime(2024, 10, 29, 22, 0, tzinfo=BERLIN)),
        ("2024-10-29_22-00", dt.datetime(2024, 10, 29, 22, 0, tzinfo=BERLIN)),
        ("front 2024-10-29 22:15", dt.datetime(2024, 10, 29, 22, 15, tzinfo=BERLIN)),
        ("2024-10-29T22:00:00Z", dt.datetime(2024, 10, 29, 22, 0, tzinfo=UTC)),
        ("lagebild_20241029_2200.kmz", dt.datetime(2024, 10, 29, 22, 0, tzinfo=BERLIN)),
        ("lagebild_20241029.kmz", dt.datetime(2024, 10, 29, tzinfo=BERLIN)),
        ("Lage 29.10.2024", dt.datetime(2024, 10, 29, tzinfo=BERLIN)),
        ("1730239200.geojson", dt.datetime(2024, 10, 29, 22, 0, tzinfo=UTC)),
        ("1730239200000.geojson", dt.datetime(2024, 10, 29, 22, 0, tzinfo=UTC)),
    ],
)
def test_dates_in_file_names_are_read(name: str, expected: dt.datetime) -> None:
    found = date_from_name(name, None, "Europe/Berlin")
    assert found == expected
    assert found.tzinfo is not None


def test_local_dates_take_the_given_zone_and_timestamps_are_utc() -> None:
    local = date_from_name("2024-07-01_12-00", None, "Europe/Berlin")
    assert local.utcoffset() == dt.timedelta(hours=2)  # summer time
    kyiv = date_from_name("2024-07-01_12-00", None, "Europe/Kyiv")
    assert kyiv.utcoffset() == dt.timedelta(hours=3)
    assert date_from_name("1730239200", None, "Europe/Kyiv").utcoffset() == dt.timedelta(0)


@pytest.mark.parametrize("name", ["week12.kml", "woche_12.geojson", "w12", "Week-12", "lage_W12.kmz"])
def test_week_numbers_need_the_epoch_and_round_trip(name: str) -> None:
    found = date_from_name(name, EPOCH, "Europe/Berlin")
    assert found == dt.datetime(2024, 10, 29, 12, 0, tzinfo=BERLIN)
    assert week_number(found, EPOCH, "Europe/Berlin") == 12
    assert date_from_name(name, None, "Europe/Berlin") is None
    assert week_in_name(name) == 12


def test_every_week_number_round_trips_across_clock_changes() -> None:
    for week in range(0, 60):
        found = date_from_name(f"week{week}", dt.date(2024, 3, 1), "Europe/Berlin")
        assert week_number(found, dt.date(2024, 3, 1), "Europe/Berlin") == week


@pytest.mark.parametrize(
    "name",
    [
        "20241399.geojson",  # month 13
        "2024-02-30.geojson",  # no such day
        "2024-10-29_2500",  # no such hour
        "2024-10-29_to_2024-11-05",  # two dates: which one?
        "20241029-20241105",
        "front.geojson",  # nothing
        "snow12.geojson",  # not a week
        "kw44.kml",  # calendar week of the year, not of the series
        "export_12345678.geojson",  # an id, not a date
        "0000000123.geojson",  # a number, not a plausible timestamp
    ],
)
def test_impossible_ambiguous_or_missing_dates_give_none(name: str) -> None:
    assert date_from_name(name, EPOCH, "Europe/Berlin") is None


def test_a_week_number_that_contradicts_the_date_gives_none() -> None:
    assert date_from_name("week12_2024-10-29", EPOCH, "Europe/Berlin") == dt.datetime(
        2024, 10, 29, tzinfo=BERLIN
    )
    assert date_from_name("week3_2024-10-29", EPOCH, "Europe/Berlin") is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1730239200000, dt.datetime(2024, 10, 29, 22, 0, tzinfo=UTC)),  # ArcGIS epoch milliseconds
        (1730239200, dt.datetime(2024, 10, 29, 22, 0, tzinfo=UTC)),
        (1730239200.5, dt.datetime(2024, 10, 29, 22, 0, 0, 500000, tzinfo=UTC)),
        ("1730239200000", dt.datetime(2024, 10, 29, 22, 0, tzinfo=UTC)),
        ("2024-10-29T22:00:00Z", dt.datetime(2024, 10, 29, 22, 0, tzinfo=UTC)),
        ("2024-10-29T22:00:00+02:00", dt.datetime(2024, 10, 29, 20, 0, tzinfo=UTC)),
        ("2024-10-29", dt.datetime(2024, 10, 29, tzinfo=BERLIN)),
        ("2024-10-29 22:00", dt.datetime(2024, 10, 29, 22, 0, tzinfo=BERLIN)),
        ("2024/10/29", dt.datetime(2024, 10, 29, tzinfo=BERLIN)),
        ("2024/10/29 22:00:00+00", dt.datetime(2024, 10, 29, 22, 0, tzinfo=UTC)),  # OGR's own text
        ("29.10.2024", dt.datetime(2024, 10, 29, tzinfo=BERLIN)),
        (20241029, dt.datetime(2024, 10, 29, tzinfo=BERLIN)),
        (dt.date(2024, 10, 29), dt.datetime(2024, 10, 29, tzinfo=BERLIN)),
        (dt.datetime(2024, 10, 29, 22), dt.datetime(2024, 10, 29, 22, tzinfo=BERLIN)),
        (dt.datetime(2024, 10, 29, 22, tzinfo=UTC), dt.datetime(2024, 10, 29, 22, tzinfo=UTC)),
    ],
)
def test_attribute_values_are_read_as_instants(value: object, expected: dt.datetime) -> None:
    found = date_from_value(value, "Europe/Berlin")
    assert found == expected
    assert found.tzinfo is not None


@pytest.mark.parametrize(
    "value",
    [
        None,
        "",
        "soon",
        True,
        5,
        -1,
        float("nan"),
        "2024/13/01",
        20241399,
        [2024],
    ],
)
def test_values_that_are_no_dates_give_none(value: object) -> None:
    assert date_from_value(value, "Europe/Berlin") is None
