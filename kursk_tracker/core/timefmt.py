"""Dates as the column writes them, and week numbers from a series epoch.

Pure Python (zoneinfo), so the same words come out in QGIS, in Processing
and in tests. Month names and time-zone abbreviations are kept here per
language rather than taken from the C locale, which is often not installed.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

MONTHS: dict[str, tuple[str, ...]] = {
    "en": (
        "January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December",
    ),
    "de": (
        "Januar", "Februar", "März", "April", "Mai", "Juni", "Juli",
        "August", "September", "Oktober", "November", "Dezember",
    ),
}

# German writes the Central and Eastern European zones with its own letters.
ZONE_ABBREVIATIONS: dict[str, dict[str, str]] = {
    "de": {"CET": "MEZ", "CEST": "MESZ", "EET": "OEZ", "EEST": "OESZ",
           "WET": "WEZ", "WEST": "WESZ"},
}

SUPPORTED_LANGUAGES = tuple(MONTHS)


def language_of(locale_name: str) -> str:
    """"de_DE" -> "de"; anything we have no words for -> "en"."""
    code = (locale_name or "en").replace("-", "_").split("_")[0].lower()
    return code if code in MONTHS else "en"


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
    """"MEZ"/"MESZ" in German, "CET"/"CEST" in English, for that instant."""
    abbreviation = to_zone(instant, timezone).tzname() or timezone
    return ZONE_ABBREVIATIONS.get(language_of(language), {}).get(abbreviation, abbreviation)


def format_day(instant: dt.datetime, timezone: str, language: str,
               with_year: bool = True) -> str:
    """"29. Oktober 2024" / "29 October 2024"."""
    lang = language_of(language)
    local = to_zone(instant, timezone)
    month = MONTHS[lang][local.month - 1]
    day = f"{local.day}. {month}" if lang == "de" else f"{local.day} {month}"
    return f"{day} {local.year}" if with_year else day


def format_instant(instant: dt.datetime, timezone: str, language: str,
                   with_year: bool = True) -> str:
    """"29. Oktober 2024, 22:00 MEZ" / "29 October 2024, 22:00 CET".

    Without the year the comma goes too, as in the column's captions:
    "29. Oktober 22:00 MEZ".
    """
    local = to_zone(instant, timezone)
    day = format_day(instant, timezone, language, with_year)
    clock = f"{local:%H:%M} {zone_abbreviation(instant, timezone, language)}"
    return f"{day}, {clock}" if with_year else f"{day} {clock}"


def format_short(instant: dt.datetime, timezone: str, language: str) -> str:
    """"29.10.2024 22:00 MEZ" / "2024-10-29 22:00 CET": for tables, where a column is narrow."""
    local = to_zone(instant, timezone)
    zone = zone_abbreviation(instant, timezone, language)
    if language_of(language) == "de":
        return f"{local:%d.%m.%Y %H:%M} {zone}"
    return f"{local:%Y-%m-%d %H:%M} {zone}"


def week_label(week: int, language: str) -> str:
    """"12. Woche" / "week 12"; week 0 reads "Woche 0" in German (the ordinal "0." is not written)."""
    if language_of(language) == "de":
        return f"{week}. Woche" if week > 0 else f"Woche {week}"
    return f"week {week}"


def format_number(value: float, language: str, decimals: int = 1) -> str:
    """"1,144.5" in English, "1.144,5" in German: the export's language, not the system's locale."""
    text = f"{value:,.{decimals}f}"
    if language_of(language) == "de":
        text = text.translate(str.maketrans(",.", ".,"))
    return text.replace("-", "−")


def format_km2(value: float, language: str, decimals: int = 1) -> str:
    """"103.5 km²" / "103,5 km²"."""
    return f"{format_number(value, language, decimals)} km²"


def format_seconds(value: float, language: str, decimals: int = 2) -> str:
    """"1.00 s" / "1,00 s"."""
    return f"{format_number(value, language, decimals)} s"


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
    """"2024-10-29T21:00:00Z"."""
    return to_zone(instant, "UTC").strftime("%Y-%m-%dT%H:%M:%SZ")
