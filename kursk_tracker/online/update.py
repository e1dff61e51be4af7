"""Bringing a series up to date from DeepStateMap: plan, fetch, parse, add only complete snapshots.

`run_update` is the one piece of work behind the dialog, the Processing
algorithm and the background check's "update": it reads which snapshots the
series has, plans the days wanted (history.py), fetches each record the
series lacks (from the cache or the service), reads it with the existing
DeepStateMap importer and adds the snapshots through the import path
(`merge_import` inside the store's `modify`, so the store is replaced only
when complete). Snapshots are added in batches, so a failure or a cancel
later on keeps every batch already written and never half a snapshot.

Every day skipped and every date that failed lands in the result's issues,
named by its local date and time, with the URL.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from ..core.errors import KurskTrackerError
from ..core.import_result import ImportIssue, ImportResult
from ..core.series import Series
from ..core.text import tr
from ..core.wording import LANGUAGES, word
from ..importers.base import BBox, Feedback, ImportOptions
from ..store.backend import SeriesStore, open_store
from ..store.operations import MergeSummary, SeriesContent, merge_import, new_series
from .answers import parse_json
from .cache import SnapshotCache
from .client import DeepStateClient, FetchCancelledError, FetchError
from .history import DEFAULT_AT, HistoryRecord, Plan, parse_history, plan_update, update_start

CREDIT_WORD = "credit.deepstate"
"""The series' credit for DeepStateMap's data (core/wording.py), as the Lagebild's caption ends with it."""
DEFAULT_TIMEZONE = "Europe/Berlin"
BATCH = 10
"""Snapshots read before they are written to the series."""
GIVE_UP_AFTER = 3
"""Failures in a row of the service itself (unreachable, refusing) after which the rest is not asked for."""


@dataclass
class UpdateRequest:
    target: str | os.PathLike[str] | SeriesStore
    start: dt.date | None = None
    """The first day wanted; None: the day of the series' last snapshot ("update to today")."""
    end: dt.date | None = None
    """The last day wanted; None: today."""
    every: str = "day"
    at: dt.time = DEFAULT_AT
    """The local time of day in the series' time zone that the snapshot of each day is taken at or before."""
    area_of_interest: BBox | None = None
    new_name: str = ""
    """The name of a series made at `target`; empty: named after the file."""


@dataclass
class UpdateOutcome:
    result: ImportResult = field(default_factory=ImportResult)
    """Every problem met (skipped days, failed dates) and nothing else: the snapshots are in the series."""
    summary: MergeSummary = field(default_factory=MergeSummary)
    plan: Plan = field(default_factory=Plan)
    fetched: int = 0
    """Snapshots fetched from the service."""
    from_cache: int = 0
    failed: list[tuple[str, str, str]] = field(default_factory=list)
    """(local date and time, URL, problem) of each snapshot that could not be had."""
    cancelled: bool = False


def day_label(instant: dt.datetime, timezone: str) -> str:
    return instant.astimezone(ZoneInfo(timezone)).strftime("%Y-%m-%d %H:%M")


def _series_at(store: SeriesStore) -> Series | None:
    return store.read_series() if store.exists() else None


def records_of(client: DeepStateClient, cache: SnapshotCache, outcome: UpdateOutcome) -> list[HistoryRecord]:
    """The history list from the service (kept in the cache), else the one kept last time, with a warning."""
    try:
        records, raw = client.history()
    except FetchError as error:
        kept = cache.get_history()
        if kept is None:
            raise
        try:
            records = parse_history(parse_json(kept[0]))
        except KurskTrackerError:
            raise error from None
        when = dt.datetime.fromtimestamp(kept[1], tz=dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        outcome.result.warn(
            client.history_url(),
            tr("{problem}; planned from the history list fetched at {when}").format(
                problem=error.problem, when=when
            ),
        )
        return records
    cache.put_history(raw)
    return records


def plan_for(request: UpdateRequest, series: Series | None, records: list[HistoryRecord]) -> Plan:
    timezone = series.timezone if series is not None else DEFAULT_TIMEZONE
    have = {s.valid_at for s in series.snapshots} if series is not None else set()
    start = request.start or update_start(have, timezone)
    if start is None:
        raise KurskTrackerError(tr("The series has no snapshot yet: give the first day to fetch."))
    end = request.end or dt.datetime.now(ZoneInfo(timezone)).date()
    return plan_update(records, start, end, request.every, request.at, timezone, have)


class _Writer:
    """Adds read snapshots to the series in batches, through the import path."""

    def __init__(self, store: SeriesStore, request: UpdateRequest, outcome: UpdateOutcome) -> None:
        self.store = store
        self.request = request
        self.outcome = outcome
        self.pending = ImportResult()

    def add(self, result: ImportResult) -> None:
        self.outcome.result.issues.extend(result.issues)
        result.issues = []
        self.pending.extend(result)
        if len(self.pending.snapshots) >= BATCH:
            self.flush()

    def flush(self) -> None:
        pending, self.pending = self.pending, ImportResult()
        if not pending.snapshots:
            return
        summary: list[MergeSummary] = []

        def change(current, _versions):
            if current is not None:
                content = SeriesContent(*current)
            else:
                name = self.request.new_name or self.store.default_name()
                first = min(s.valid_at for s in pending.snapshots)
                series = new_series({"en": name, "de": name}, timezone=DEFAULT_TIMEZONE)
                series.epoch = first.astimezone(ZoneInfo(series.timezone)).date()
                content = SeriesContent(series)
            _credit(content.series)
            summary.append(merge_import(content, pending))
            return (content.series, content.records) if summary[0].added else None

        self.store.modify(change)
        self.outcome.summary.added.extend(summary[0].added)
        self.outcome.summary.skipped.extend(summary[0].skipped)


def _credit(series: Series) -> None:
    """DeepStateMap's credit on the series, kept beside a credit it already has for other sources."""
    for language in LANGUAGES:
        text = word(CREDIT_WORD, language)
        own = series.credits.get(language, "")
        if "DeepStateMap" not in own:
            series.credits[language] = f"{own}; {text}" if own else text
    if "DeepStateMap" not in series.credit:
        english = word(CREDIT_WORD, "en")
        series.credit = f"{series.credit}; {english}" if series.credit else english


def _read_snapshot(
    data: bytes, record: HistoryRecord, url: str, label: str, folder: Path, options: ImportOptions
) -> ImportResult:
    """The snapshot in `data`, read by the DeepStateMap importer; its issues named by date and URL."""
    from ..importers import deepstate

    path = folder / f"{record.id}.geojson"  # the importer dates a file by its Unix-time name
    path.write_bytes(data)
    try:
        result = deepstate.import_files([path], options, Feedback())
    finally:
        path.unlink()
    for snapshot in result.snapshots:
        snapshot.origin = url
    result.issues = [
        ImportIssue(label, f"{issue.problem} ({url})", issue.level, issue.repair) for issue in result.issues
    ]
    return result


def run_update(
    request: UpdateRequest,
    client: DeepStateClient,
    cache: SnapshotCache,
    progress: Callable[[float], None] = lambda fraction: None,
) -> UpdateOutcome:
    """Fetch what the series lacks and add it; see the module's description. Cancel through the
    client's feedback. Raises KurskTrackerError when nothing can be planned (no history list)."""
    outcome = UpdateOutcome()
    store = open_store(request.target)
    series = _series_at(store)
    timezone = series.timezone if series is not None else DEFAULT_TIMEZONE
    records = records_of(client, cache, outcome)
    outcome.plan = plan = plan_for(request, series, records)
    at = request.at.strftime("%H:%M")
    for day in plan.missing:
        outcome.result.warn(
            day.isoformat(),
            tr("no DeepStateMap snapshot at or before {at} that day; day skipped").format(at=at),
        )
    options = ImportOptions(area_of_interest=request.area_of_interest, timezone=timezone)
    writer = _Writer(store, request, outcome)
    total = max(1, len(plan.chosen))
    in_a_row = 0
    with tempfile.TemporaryDirectory(prefix="kursk_tracker_online_") as folder:
        for index, (_day, record) in enumerate(plan.chosen):
            url, label = client.snapshot_url(record.id), day_label(record.instant, timezone)
            if client.feedback.isCanceled():
                outcome.cancelled = True
                break
            if in_a_row >= GIVE_UP_AFTER:
                _failed(outcome, label, url, tr("not asked for: the service failed three times in a row"))
                continue
            data = cache.get(record.id)
            if data is not None:
                outcome.from_cache += 1
            else:
                try:
                    data = client.snapshot(record.id)
                except FetchCancelledError:
                    outcome.cancelled = True
                    break
                except FetchError as error:
                    in_a_row = in_a_row + 1 if error.unreachable else 0
                    _failed(outcome, label, url, error.problem)
                    continue
                in_a_row = 0
                outcome.fetched += 1
                cache.put(record.id, data)
            writer.add(_read_snapshot(data, record, url, label, Path(folder), options))
            progress((index + 1) / total)
    writer.flush()  # what was read completely is kept, also when cancelled
    return outcome


def _failed(outcome: UpdateOutcome, label: str, url: str, problem: str) -> None:
    outcome.failed.append((label, url, problem))
    outcome.result.error(label, f"{problem} ({url})")
