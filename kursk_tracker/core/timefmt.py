"""Dates as the column writes them, and week numbers from a series epoch.

Pure Python (zoneinfo), so the same words come out in QGIS, in Processing
and in tests. The time arithmetic is here; the words and the patterns that
differ between languages are in core/wording.py, the one table of printed
words.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from .wording import (
    LANGUAGES,
    format_km2,
    format_number,
    format_seconds,
    has_word,
    language_of,
    word,
    word_list,
)

__all__ = [
    "MONTHS",
    "SUPPORTED_LANGUAGES",
    "format_day",
    "format_instant",
    "format_km2",
    "format_number",
    "format_seconds",
    "format_short",
    "iso_utc",
    "language_of",
    "parse_utc",
    "step_instant",
    "to_zone",
    "week_label",
    "week_number",
    "zone_abbreviation",
]

MONTHS: dict[str, tuple[str, ...]] = {language: word_list("date.months", language) for language in LANGUAGES}
"""Month names per language, for the importers that read dates written out in words."""

SUPPORTED_LANGUAGES = LANGUAGES


def to_zone(instant: dt.datetime, timezone: str) -> dt.datetime:
    if instant.tzinfo is None:
        raise ValueError(f"instant {instant.isoformat()} has no time zone")
    return instant.astimezone(ZoneInfo(timezone))


def step_instant(instant: dt.datetime, step: dt.timedelta, timezone: str) -> dt.datetime:
    """`instant` moved by `step`: hours as elapsed time, whole days on the clock of `timezone`.

    A day from 26 October 2024, 12:00 CEST is 27 October, 12:00 CET (25 hours
    later), as a reader stepping day by day expects.
    """
    if step % dt.timedelta(days=1):
        return instant + step
    local = to_zone(instant, timezone)
    moved = (local.replace(tzinfo=None) + step).replace(tzinfo=ZoneInfo(timezone))
    return moved.astimezone(instant.tzinfo)


def zone_abbreviation(instant: dt.datetime, timezone: str, language: str) -> str:
    """ "MEZ"/"MESZ" in German, "CET"/"CEST" in English, for that instant."""
    abbreviation = to_zone(instant, timezone).tzname() or timezone
    key = f"zone.{abbreviation}"
    return word(key, language) if has_word(key) else abbreviation


def format_day(instant: dt.datetime, timezone: str, language: str, with_year: bool = True) -> str:
    """ "29. Oktober 2024" / "29 October 2024"."""
    local = to_zone(instant, timezone)
    month = word_list("date.months", language)[local.month - 1]
    day = word("date.day", language).format(day=local.day, month=month)
    return word("date.day_year", language).format(day=day, year=local.year) if with_year else day


def format_instant(instant: dt.datetime, timezone: str, language: str, with_year: bool = True) -> str:
    """ "29. Oktober 2024, 22:00 MEZ" / "29 October 2024, 22:00 CET".

    Without the year the comma goes too, as in the column's captions:
    "29. Oktober 22:00 MEZ".
    """
    local = to_zone(instant, timezone)
    day = format_day(instant, timezone, language, with_year)
    clock = f"{local:%H:%M} {zone_abbreviation(instant, timezone, language)}"
    return word("date.instant_year" if with_year else "date.instant", language).format(day=day, clock=clock)


def format_short(instant: dt.datetime, timezone: str, language: str) -> str:
    """ "29.10.2024 22:00 MEZ" / "2024-10-29 22:00 CET": for tables, where a column is narrow."""
    local = to_zone(instant, timezone)
    zone = zone_abbreviation(instant, timezone, language)
    return word("date.short", language).format(local=local, zone=zone)


def week_label(week: int, language: str) -> str:
    """ "12. Woche" / "week 12"; week 0 reads "Woche 0" in German (the ordinal "0." is not written)."""
    return word("week.ordinal" if week > 0 else "week.plain", language).format(week=week)


def week_number(instant: dt.datetime, epoch: dt.date, timezone: str) -> int:
    """Whole weeks since the epoch, counted on the local calendar.

    2024-10-29 with an epoch of 2024-08-06 is week 12.
    """
    days = (to_zone(instant, timezone).date() - epoch).days
    return days // 7


def parse_utc(text: str) -> dt.datetime:
    """An ISO 8601 instant; a missing zone is read as UTC."""
    value = dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.timezone.utc)
    return value.astimezone(dt.timezone.utc)


def iso_utc(instant: dt.datetime) -> str:
    """ "2024-10-29T21:00:00Z"."""
    return to_zone(instant, "UTC").strftime("%Y-%m-%dT%H:%M:%SZ")
