"""Dates read from file names and attribute values.

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
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

UTC = dt.timezone.utc

# Unix timestamps outside 2000..2100 are more likely ids or counts than dates.
_EARLIEST = dt.datetime(2000, 1, 1, tzinfo=UTC).timestamp()
_LATEST = dt.datetime(2100, 1, 1, tzinfo=UTC).timestamp()
_YEARS = range(1900, 2101)

_ISO = re.compile(
    r"(?<!\d)(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"
    r"(?:[T_ ]?(?P<H>\d{2})[:\-h]?(?P<M>\d{2})(?:[:\-]?(?P<S>\d{2}))?"
    r"(?P<z>Z|[+-]\d{2}:?\d{2})?)?(?!\d)",
    re.IGNORECASE,
)
_COMPACT = re.compile(
    r"(?<!\d)(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})(?:[T_\- ]?(?P<H>\d{2})(?P<M>\d{2})(?P<S>\d{2})?)?(?!\d)",
    re.IGNORECASE,
)
_GERMAN = re.compile(
    r"(?<![\d.])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})"
    r"(?:[T_ ,\-]*(?P<H>\d{1,2})[:.h\-](?P<M>\d{2}))?(?!\d)"
)
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


def _from_text(text: str, timezone: str) -> dt.datetime | None:
    text = text.strip()
    if not text:
        return None
    if re.fullmatch(r"[+-]?\d+(\.\d+)?", text):
        return date_from_value(float(text) if "." in text else int(text), timezone)
    try:
        value = dt.datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        value = None
    if value is not None:
        return value if value.tzinfo else value.replace(tzinfo=_zone(timezone))
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
