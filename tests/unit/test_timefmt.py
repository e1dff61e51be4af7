"""Dates as the column writes them, in both languages, summer and winter time."""

from __future__ import annotations

import datetime as dt

import pytest

from kursk_tracker.core.timefmt import (
    format_instant,
    iso_utc,
    language_of,
    parse_utc,
    week_number,
    zone_abbreviation,
)

EPOCH = dt.date(2024, 8, 6)
BERLIN = "Europe/Berlin"


def test_the_columns_week_12_date_in_german_winter_time():
    instant = parse_utc("2024-10-29T21:00:00Z")
    assert format_instant(instant, BERLIN, "de_DE") == "29. Oktober 2024, 22:00 MEZ"
    assert format_instant(instant, BERLIN, "de", with_year=False) == "29. Oktober 22:00 MEZ"


def test_the_same_instant_in_english_is_cet():
    instant = parse_utc("2024-10-29T21:00:00Z")
    assert format_instant(instant, BERLIN, "en_GB") == "29 October 2024, 22:00 CET"


@pytest.mark.parametrize(
    ("utc", "language", "expected"),
    [
        ("2024-08-06T20:00:00Z", "de", "6. August 2024, 22:00 MESZ"),
        ("2024-08-06T20:00:00Z", "en", "6 August 2024, 22:00 CEST"),
        ("2024-03-05T11:30:00Z", "de", "5. März 2024, 12:30 MEZ"),
        ("2024-12-31T23:30:00Z", "en", "1 January 2025, 00:30 CET"),
    ],
)
def test_summer_and_winter_time_in_both_languages(utc, language, expected):
    assert format_instant(parse_utc(utc), BERLIN, language) == expected


def test_the_change_from_summer_to_winter_time_is_followed():
    # 27 October 2024: clocks go back at 03:00 MESZ (01:00 UTC).
    assert zone_abbreviation(parse_utc("2024-10-27T00:59:00Z"), BERLIN, "de") == "MESZ"
    assert zone_abbreviation(parse_utc("2024-10-27T01:00:00Z"), BERLIN, "de") == "MEZ"


def test_other_zones_keep_their_own_names():
    instant = parse_utc("2024-10-29T21:00:00Z")
    assert format_instant(instant, "Europe/Moscow", "de") == "30. Oktober 2024, 00:00 MSK"
    assert format_instant(instant, "Europe/Kyiv", "de") == "29. Oktober 2024, 23:00 OEZ"
    assert format_instant(instant, "Europe/Kyiv", "en") == "29 October 2024, 23:00 EET"


@pytest.mark.parametrize(
    ("utc", "week"),
    [
        ("2024-08-06T04:00:00Z", 0),
        ("2024-08-12T21:59:00Z", 0),  # 23:59 MESZ on day 6
        ("2024-08-12T22:00:00Z", 1),  # midnight in Berlin starts day 7
        ("2024-10-29T21:00:00Z", 12),
        ("2024-11-05T21:00:00Z", 13),
    ],
)
def test_week_numbers_count_whole_weeks_since_the_epoch_on_the_local_calendar(utc, week):
    assert week_number(parse_utc(utc), EPOCH, BERLIN) == week


def test_a_date_before_the_epoch_has_a_negative_week():
    assert week_number(parse_utc("2024-08-05T12:00:00Z"), EPOCH, BERLIN) == -1


def test_naive_instants_are_refused_rather_than_guessed():
    with pytest.raises(ValueError, match="no time zone"):
        format_instant(dt.datetime(2024, 10, 29, 22), BERLIN, "de")


def test_iso_round_trip_is_utc_with_z():
    assert iso_utc(parse_utc("2024-10-29T22:00:00+01:00")) == "2024-10-29T21:00:00Z"
    assert parse_utc("2024-10-29 21:00").tzinfo is not None


@pytest.mark.parametrize(
    ("name", "language"), [("de_DE", "de"), ("de-AT", "de"), ("en_US", "en"), ("fr_FR", "en"), ("", "en")]
)
def test_language_from_a_locale_name(name, language):
    assert language_of(name) == language


def test_a_day_step_keeps_the_local_time_across_the_clock_change():
    from kursk_tracker.core.timefmt import step_instant

    utc = dt.timezone.utc
    summer_noon = dt.datetime(2024, 10, 26, 10, 0, tzinfo=utc)
    assert step_instant(summer_noon, dt.timedelta(days=1), "Europe/Berlin") == dt.datetime(
        2024, 10, 27, 11, 0, tzinfo=utc
    )
    assert step_instant(summer_noon, dt.timedelta(days=7), "Europe/Berlin") == dt.datetime(
        2024, 11, 2, 11, 0, tzinfo=utc
    )
    assert (
        step_instant(dt.datetime(2024, 10, 27, 11, 0, tzinfo=utc), -dt.timedelta(days=1), "Europe/Berlin")
        == summer_noon
    )


def test_an_hour_step_is_elapsed_time():
    from kursk_tracker.core.timefmt import step_instant

    utc = dt.timezone.utc
    start = dt.datetime(2024, 10, 27, 0, 30, tzinfo=utc)
    assert step_instant(start, dt.timedelta(hours=6), "Europe/Berlin") == start + dt.timedelta(hours=6)


def test_week_labels_in_both_languages_week_0_without_an_ordinal():
    from kursk_tracker.core.timefmt import week_label

    assert week_label(12, "de") == "12. Woche"
    assert week_label(0, "de_DE") == "Woche 0"
    assert week_label(0, "en") == "week 0"
    assert week_label(12, "en_GB") == "week 12"


def test_numbers_follow_the_language_not_the_system_locale():
    from kursk_tracker.core.timefmt import format_km2, format_number, format_seconds

    assert format_number(1144, "de", 0) == "1.144"
    assert format_number(1144, "en", 0) == "1,144"
    assert format_km2(103.5, "de") == "103,5 km²"
    assert format_km2(1234.56, "en") == "1,234.6 km²"
    assert format_seconds(1.0, "de") == "1,00 s"
    assert format_seconds(1.0, "en") == "1.00 s"
    assert format_number(-3.1, "de") == "−3,1"


def test_short_dates_for_tables_in_local_time_with_the_zone():
    from kursk_tracker.core.timefmt import format_short

    summer = dt.datetime(2024, 8, 6, 20, 0, tzinfo=dt.timezone.utc)
    winter = dt.datetime(2024, 10, 29, 21, 0, tzinfo=dt.timezone.utc)
    assert format_short(summer, "Europe/Berlin", "en") == "2024-08-06 22:00 CEST"
    assert format_short(winter, "Europe/Berlin", "de") == "29.10.2024 22:00 MEZ"
