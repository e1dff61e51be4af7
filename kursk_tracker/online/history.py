"""DeepStateMap's history list, and which of its records a series wants (pure Python, no QGIS).

The history (`GET {base}/api/history/public`) is a JSON array of records,
`{"id": 1730239200, "createdAt": "2024-10-29T21:40:00.000Z", ...}`, several
a day; `id` is the snapshot's instant in Unix seconds (the same instant a file
named `1730239200.geojson` is imported at).

For each wanted day (or week) the target is the chosen local time (22:00 by
default) on that day in the series' time zone, so 22:00 stays 22:00 across
summer-time changes. The record taken is the last one at or before the
target and after the previous target (one day, or one week, earlier), so no
record serves two days. A day whose window holds no record is skipped and
reported; a day whose window holds a snapshot the series already has is
not fetched again; a day whose target has not come yet is not wanted yet.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from ..core.errors import KurskTrackerError
from ..core.text import tr

EVERY = ("day", "week")
DEFAULT_AT = dt.time(22, 0)
MIN_ID = 1_000_000_000
MAX_ID = 10_000_000_000


class HistoryError(KurskTrackerError):
    """The history list is not what the service serves (a web page, cut off, another shape)."""


@dataclass(frozen=True, order=True)
class HistoryRecord:
    """One entry of the history list."""

    instant: dt.datetime
    """The snapshot's instant (from `id`), in UTC."""
    id: int
    created_at: str = field(default="", compare=False)

    @classmethod
    def of(cls, record_id: int, created_at: str = "") -> HistoryRecord:
        return cls(dt.datetime.fromtimestamp(record_id, tz=dt.timezone.utc), record_id, created_at)


def parse_history(data: object) -> list[HistoryRecord]:
    """The records of a parsed history list, sorted by instant; entries without a usable id are left out.

    Raises HistoryError where `data` is not a list of records at all.
    """
    if not isinstance(data, list):
        raise HistoryError(tr("the history list is not a JSON array of records"))
    records: dict[int, HistoryRecord] = {}
    for item in data:
        if not isinstance(item, dict):
            continue
        value = item.get("id")
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not MIN_ID <= value < MAX_ID:
            continue
        created = item.get("createdAt")
        records[int(value)] = HistoryRecord.of(int(value), created if isinstance(created, str) else "")
    if data and not records:
        raise HistoryError(tr("the history list holds no record with a snapshot id"))
    return sorted(records.values())


def wanted_days(start: dt.date, end: dt.date, every: str) -> list[dt.date]:
    """The days from `start` to `end` (both included), every day or every seventh day from `start`."""
    if every not in EVERY:
        raise ValueError(f"every must be one of {', '.join(EVERY)}, not {every!r}")
    step = dt.timedelta(days=1 if every == "day" else 7)
    days = []
    day = start
    while day <= end:
        days.append(day)
        day += step
    return days


def target_instant(day: dt.date, at: dt.time, timezone: str) -> dt.datetime:
    """`at` on `day` in `timezone`, as an aware instant (the wall-clock time, whatever the offset)."""
    return dt.datetime.combine(day, at.replace(tzinfo=None), tzinfo=ZoneInfo(timezone))


@dataclass
class Plan:
    """What an update fetches: per wanted day, the record chosen, or why none."""

    chosen: list[tuple[dt.date, HistoryRecord]] = field(default_factory=list)
    """Days with a record the series lacks: these are fetched."""
    present: list[dt.date] = field(default_factory=list)
    """Days the series already has a snapshot for (in the day's window)."""
    missing: list[dt.date] = field(default_factory=list)
    """Days with no record at or before the time chosen (since the previous target): skipped."""


def plan_update(
    records: list[HistoryRecord],
    start: dt.date,
    end: dt.date,
    every: str,
    at: dt.time,
    timezone: str,
    have: set[dt.datetime] | frozenset[dt.datetime] = frozenset(),
    now: dt.datetime | None = None,
) -> Plan:
    """Choose, for each wanted day from `start` to `end`, the last record at or before `at` local time.

    `have`: the instants of the series' snapshots; `now`: days whose target is later are left out.
    """
    now = now or dt.datetime.now(dt.timezone.utc)
    ordered = sorted(records)
    held = sorted(instant.astimezone(dt.timezone.utc) for instant in have)
    plan = Plan()
    back = dt.timedelta(days=1 if every == "day" else 7)
    for day in wanted_days(start, end, every):
        target = target_instant(day, at, timezone)
        if target > now:
            break
        since = target_instant(day - back, at, timezone)
        if any(since < instant <= target for instant in held):
            plan.present.append(day)
            continue
        inside = [record for record in ordered if since < record.instant <= target]
        if inside:
            plan.chosen.append((day, inside[-1]))
        else:
            plan.missing.append(day)
    return plan


def update_start(have: set[dt.datetime] | frozenset[dt.datetime], timezone: str) -> dt.date | None:
    """Where "update to today" starts: the local day of the series' last snapshot (None: no snapshot)."""
    if not have:
        return None
    return max(have).astimezone(ZoneInfo(timezone)).date()
