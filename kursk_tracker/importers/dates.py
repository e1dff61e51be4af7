"""Dates read from file names, attribute values and free text.

File names carry dates in many shapes; this module reads the ones the issue
names and refuses to guess:

* ISO dates with an optional time: ``2024-10-29``, ``2024-10-29T2200``,
  ``2024-10-29_22-00``, ``2024-10-29T22:00:00Z``;
* ``YYYYMMDD`` with an optional ``HHMM``: ``lagebild_20241029_2200``;
* German ``DD.MM.YYYY``: ``Lage 29.10.2024``;
* unix timestamps, 10 digits in seconds or 13 in milliseconds, between 2000
  and 2100: ``1730239200``;
* week numbers counted from the series epoch: ``week12``, ``woche_12``,
  ``w12``. Week N stands at 12:00 local time on epoch + 7·N days: midday
  keeps the day (and so `core.timefmt.week_number`) the same whatever the
  clock change does, so the number round-trips.

A date without a time means 00:00 local time in the given zone; one with a
zone (``Z``, ``+01:00``) or a unix timestamp is an exact instant (UTC).
A name whose date cannot exist (``20241399``) or that holds two different
dates gives None: the caller then looks elsewhere or asks.

Attribute values (`date_from_value`) are numbers, dates or date texts; a
KML ``<when>`` is read the same way (`kml_time`). Free text such as a map's
title or description (`date_in_text`) may also write the month as a word,
in German or English, with a clock time and a zone abbreviation after it:
"Lagebild am 29. Oktober 2024, 22:00 MEZ", "October 29, 2024".
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from ..core.timefmt import MONTHS

UTC = dt.timezone.utc

# Unix timestamps outside 2000..2100 are more likely ids or counts than dates.
_EARLIEST = dt.datetime(2000, 1, 1, tzinfo=UTC).timestamp()
_LATEST = dt.datetime(2100, 1, 1, tzinfo=UTC).timestamp()
_YEARS = range(1900, 2101)

# The two written date shapes, without a time; names, values and free text share them.
_ISO_DATE = r"(?<!\d)(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"
_GERMAN_DATE = r"(?<![\d.])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})"

_ISO = re.compile(
    _ISO_DATE + r"(?:[T_ ]?(?P<H>\d{2})[:\-h]?(?P<M>\d{2})(?:[:\-]?(?P<S>\d{2}))?"
    r"(?P<z>Z|[+-]\d{2}:?\d{2})?)?(?!\d)",
    re.IGNORECASE,
)
_COMPACT = re.compile(
    r"(?<!\d)(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})(?:[T_\- ]?(?P<H>\d{2})(?P<M>\d{2})(?P<S>\d{2})?)?(?!\d)",
    re.IGNORECASE,
)
_GERMAN = re.compile(_GERMAN_DATE + r"(?:[T_ ,\-]*(?P<H>\d{1,2})[:.h\-](?P<M>\d{2}))?(?!\d)")
_UNIX = re.compile(r"(?<!\d)(?P<n>\d{10}|\d{13})(?!\d)")
# "w" alone only after a non-letter, so "snow12" is no week; "kw" (the
# calendar week of the year) is deliberately not read as a week since the epoch.
_WEEK = re.compile(r"(?<![a-z])(?:week|woche|wk|w)[ _\-.]?(?P<n>\d{1,3})(?!\d)", re.IGNORECASE)


class _ImpossibleDateError(ValueError):
    """A token that claims to be a date but cannot be one."""


def _zone(timezone: str) -> dt.tzinfo:
    return ZoneInfo(timezone)


def _offset(text: str | None) -> dt.tzinfo | None:
    if not text:
        return None
    if text.upper() == "Z":
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    minutes = int(digits[:2]) * 60 + int(digits[2:])
    if minutes > 18 * 60:
        raise _ImpossibleDateError(text)
    return dt.timezone(sign * dt.timedelta(minutes=minutes))


def _build(groups: dict[str, str | None], timezone: str) -> dt.datetime:
    try:
        year, month, day = int(groups["y"] or 0), int(groups["m"] or 0), int(groups["d"] or 0)
        hour = int(groups.get("H") or 0)
        minute = int(groups.get("M") or 0)
        second = int(groups.get("S") or 0)
        zone = _offset(groups.get("z")) or _zone(timezone)
        return dt.datetime(year, month, day, hour, minute, second, tzinfo=zone)
    except ValueError as exc:
        raise _ImpossibleDateError(str(exc)) from exc


def _unix(number: float) -> dt.datetime | None:
    if _EARLIEST <= number < _LATEST:
        return dt.datetime.fromtimestamp(number, tz=UTC)
    if _EARLIEST <= number / 1000 < _LATEST:
        return dt.datetime.fromtimestamp(number / 1000, tz=UTC)
    return None


def _spans_overlap(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in taken)


def week_in_name(name: str) -> int | None:
    """The week number a name carries ("week12" -> 12), whether or not an epoch is known."""
    match = _WEEK.search(name)
    return int(match.group("n")) if match else None


def week_start(week: int, epoch: dt.date, timezone: str) -> dt.datetime:
    """Week N of a series: 12:00 local time on epoch + 7·N days."""
    day = epoch + dt.timedelta(days=7 * week)
    return dt.datetime(day.year, day.month, day.day, 12, tzinfo=_zone(timezone))


def date_from_name(name: str, epoch: dt.date | None, timezone: str) -> dt.datetime | None:
    """The instant a file name (or stem) carries, or None if it has none or is ambiguous."""
    found: list[dt.datetime] = []
    taken: list[tuple[int, int]] = []
    try:
        for pattern in (_ISO, _COMPACT, _GERMAN):
            for match in pattern.finditer(name):
                if _spans_overlap(match.span(), taken):
                    continue
                groups = match.groupdict()
                # Eight digits that are no plausible year are an id, not a broken date.
                if pattern is _COMPACT and int(groups["y"]) not in _YEARS:
                    continue
                found.append(_build(groups, timezone))
                taken.append(match.span())
    except _ImpossibleDateError:
        return None
    for match in _UNIX.finditer(name):
        if _spans_overlap(match.span(), taken):
            continue
        instant = _unix(int(match.group("n")))
        if instant is not None:
            found.append(instant)
            taken.append(match.span())
    if len({instant.timestamp() for instant in found}) > 1:
        return None
    week = week_in_name(name)
    if week is not None and epoch is not None:
        weekly = week_start(week, epoch, timezone)
        if not found:
            return weekly
        # A name with both a date and a week number must agree on the week.
        local = found[0].astimezone(_zone(timezone)).date()
        if (local - epoch).days // 7 != week:
            return None
    return found[0] if found else None


def _iso_instant(text: str, timezone: str) -> dt.datetime | None:
    """An ISO 8601 date or date and time; one without a zone is local to `timezone`."""
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=_zone(timezone))


def _from_text(text: str, timezone: str) -> dt.datetime | None:
    text = text.strip()
    if not text:
        return None
    if re.fullmatch(r"[+-]?\d+(\.\d+)?", text):
        return date_from_value(float(text) if "." in text else int(text), timezone)
    value = _iso_instant(text.replace("Z", "+00:00").replace("z", "+00:00"), timezone)
    if value is not None:
        return value
    # OGR writes "2024/10/29 22:00:00+00"; people write 2024/10/29 and 29.10.2024.
    slashed = re.fullmatch(
        r"(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})"
        r"(?:[ T](?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.\d+)?)?(?P<z>Z|[+-]\d{2}(?::?\d{2})?)?)?",
        text,
    )
    match = slashed or _GERMAN.fullmatch(text)
    if match is None:
        return None
    groups = match.groupdict()
    zone = groups.get("z")
    if zone and len(zone) == 3:  # "+00": hours only
        groups["z"] = zone + "00"
    try:
        return _build(groups, timezone)
    except _ImpossibleDateError:
        return None


def date_from_value(value: object, timezone: str = "UTC") -> dt.datetime | None:
    """The instant an attribute value stands for, or None.

    Numbers are unix seconds or epoch milliseconds (ArcGIS, and so ISW, writes
    milliseconds); 8-digit numbers such as 20241029 are read as YYYYMMDD.
    Dates and datetimes without a zone are local to `timezone`.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=_zone(timezone))
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=_zone(timezone))
    if isinstance(value, (int, float)):
        if value != value or value in (float("inf"), float("-inf")):  # NaN, infinities
            return None
        if isinstance(value, int) and 19000101 <= value <= 21001231:
            text = str(value)
            try:
                return _build({"y": text[:4], "m": text[4:6], "d": text[6:]}, timezone)
            except _ImpossibleDateError:
                return None
        return _unix(float(value))
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    if isinstance(value, str):
        return _from_text(value, timezone)
    return None


# --- dates written in free text ---------------------------------------------------

_MONTH_WORDS: dict[str, int] = {}
for _names in MONTHS.values():
    for _number, _name in enumerate(_names, start=1):
        _MONTH_WORDS[_name.lower()] = _number
        _MONTH_WORDS[_name[:3].lower()] = _number
_MONTH_WORDS.update({"maerz": 3, "marz": 3, "sept": 9, "jänner": 1, "jän": 1})

_ZONE_OFFSETS = {
    "utc": 0,
    "gmt": 0,
    "z": 0,
    "mez": 60,
    "cet": 60,
    "mesz": 120,
    "cest": 120,
    "oez": 120,
    "eet": 120,
    "oesz": 180,
    "eest": 180,
    "msk": 180,
}

# In text a time is read separately (`_CLOCK`), after the date alone.
_ISO_DAY = re.compile(_ISO_DATE + r"(?!\d)")
_GERMAN_DAY = re.compile(_GERMAN_DATE + r"(?!\d)")
_DAY_MONTH = re.compile(r"(?<!\d)(\d{1,2})\.?\s*([^\W\d_]{3,})\.?(?:,?\s+(\d{4})(?!\d))?")
_MONTH_DAY = re.compile(r"\b([^\W\d_]{3,})\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?!\d)(?:,?\s+(\d{4})(?!\d))?")
_CLOCK = re.compile(
    r"^\s*,?\s*(?:um\s+|at\s+)?(\d{1,2})[:.](\d{2})(?!\d)\s*(?:uhr\b)?\s*([^\W\d_]{1,4}\b)?", re.IGNORECASE
)
_YEAR = re.compile(r"(?<!\d)(19\d\d|20\d\d)(?!\d)")


def year_in_name(name: str) -> int | None:
    """The first plausible year (1900–2099) a name carries, e.g. to complete "29. Oktober"."""
    match = _YEAR.search(name)
    return int(match.group(1)) if match else None


def _with_clock(year: int, month: int, day: int, rest: str, timezone: str) -> dt.datetime | None:
    """The date with the clock and zone word that may follow it ("22:00 MEZ")."""
    hour = minute = 0
    zone: dt.tzinfo = _zone(timezone)
    clock = _CLOCK.match(rest)
    if clock:
        hour, minute = int(clock.group(1)), int(clock.group(2))
        word = (clock.group(3) or "").lower()
        if word in _ZONE_OFFSETS:
            zone = dt.timezone(dt.timedelta(minutes=_ZONE_OFFSETS[word]))
    try:
        return dt.datetime(year, month, day, hour, minute, tzinfo=zone)
    except ValueError:
        return None


def date_in_text(text: str, year_hint: int | None, timezone: str) -> dt.datetime | None:
    """The first date written in `text`: "29. Oktober 2024, 22:00 MEZ", "October 29, 2024", "29.10.2024".

    A date without a year takes `year_hint`, or is not a date without one.
    """
    candidates: list[tuple[int, dt.datetime]] = []
    for pattern, after in ((_ISO_DAY, "T"), (_GERMAN_DAY, "")):
        for match in pattern.finditer(text):
            year, month, day = int(match["y"]), int(match["m"]), int(match["d"])
            end = match.end()
            instant = _with_clock(year, month, day, text[end:].lstrip(after), timezone)
            if instant:
                candidates.append((match.start(), instant))
    for pattern, day_first in ((_DAY_MONTH, True), (_MONTH_DAY, False)):
        for match in pattern.finditer(text):
            first, second, year_text = match.groups()
            day_text, word = (first, second) if day_first else (second, first)
            named_month = _MONTH_WORDS.get(word.lower())
            named_year = int(year_text) if year_text else year_hint
            if named_month is None or named_year is None:
                continue
            end = match.end()
            instant = _with_clock(named_year, named_month, int(day_text), text[end:], timezone)
            if instant:
                candidates.append((match.start(), instant))
    return min(candidates, key=lambda c: c[0])[1] if candidates else None


def kml_time(text: str, timezone: str) -> tuple[dt.datetime | None, int | None]:
    """A KML time (xsd:dateTime, date, gYearMonth or gYear): (instant if precise to the day, year)."""
    text = text.strip()
    year_match = re.match(r"(\d{4})", text)
    year = int(year_match.group(1)) if year_match else None
    if not re.match(r"\d{4}-\d{2}-\d{2}", text):
        return None, year
    # Only a final "Z" is UTC here; an attribute value (`date_from_value`) may have it anywhere.
    return _iso_instant(re.sub(r"[zZ]$", "+00:00", text), timezone), year
