"""The online update and the "new snapshots?" check as background tasks (toolbelt/jobs.py).

`UpdateTask` is an ImportTask to the series session: the Situation panel
shows its progress and Cancel and reports it when it ends as it does an
import (every skipped day and failed date with its URL among the problems).
Cancel stops the request under way at once; the snapshots read completely
before it are kept, nothing half-done is written.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

from qgis.core import QgsFeedback

from ..core.import_result import ImportResult
from ..importers.base import ImportOptions
from ..layers.import_task import ImportTask
from ..store.backend import open_store
from ..toolbelt.i18n import tr
from ..toolbelt.jobs import BackgroundTask, Done
from ..toolbelt.paths import user_data_dir
from ..toolbelt.settings import OnlineSettings
from .cache import SnapshotCache
from .client import DeepStateClient, FetchError, Limits
from .history import plan_update, update_start
from .update import DEFAULT_TIMEZONE, UpdateOutcome, UpdateRequest, run_update

MIB = 1024 * 1024


def snapshot_cache(settings: OnlineSettings | None = None) -> SnapshotCache:
    """The cache in the user's QGIS profile, bounded as the settings say."""
    settings = settings or OnlineSettings.load()
    return SnapshotCache(user_data_dir() / "deepstate_cache", settings.cache_mb * MIB)


class UpdateTask(ImportTask):
    """Fetches what a series lacks from DeepStateMap and adds it (online/update.py's run_update)."""

    def __init__(
        self,
        request: UpdateRequest,
        base_url: str,
        on_done: Done | None = None,
        limits: Limits | None = None,
        cache: SnapshotCache | None = None,
    ) -> None:
        output: str | os.PathLike[str] = (
            request.target if isinstance(request.target, (str, os.PathLike)) else request.target.location
        )
        super().__init__([], "deepstate", ImportOptions(), output, on_done)
        self.setDescription(tr("Updating {name} from DeepStateMap").format(name=open_store(output).label()))
        self.request = request
        self.feedback = QgsFeedback()
        self.client = DeepStateClient(base_url, limits, self.feedback)
        self.cache = cache or snapshot_cache()
        self.update: UpdateOutcome | None = None

    def cancel(self) -> None:
        self.feedback.cancel()  # the request under way, or a pause, ends now
        super().cancel()

    def work(self) -> ImportResult:
        self.update = run_update(
            self.request, self.client, self.cache, lambda fraction: self.setProgress(100.0 * fraction)
        )
        self.summary = self.update.summary
        result = self.update.result
        if self.update.cancelled and self.summary.added:
            # What was complete is in the series: reported as an import, with the cancel among its problems.
            result.warn(
                self.client.history_url(),
                tr("Cancelled: {n} snapshots planned were not fetched.").format(n=self._left()),
            )
        else:
            result.cancelled = self.update.cancelled
        return result

    def _left(self) -> int:
        if self.update is None:
            return 0
        done = len(self.update.summary.added) + len(self.update.failed)
        return max(0, len(self.update.plan.chosen) - done)


@dataclass
class Available:
    """What the check found: snapshots the service has that the series lacks."""

    count: int
    location: str


class CheckTask(BackgroundTask):
    """Asks the service's history list how many snapshots a series lacks; changes nothing."""

    def __init__(
        self,
        location: str,
        have: set[dt.datetime],
        timezone: str,
        settings: OnlineSettings,
        on_done: Done | None = None,
    ) -> None:
        super().__init__(tr("Looking for new DeepStateMap snapshots"), on_done)
        self.location = location
        self.have = have
        self.timezone = timezone or DEFAULT_TIMEZONE
        self.settings = settings
        self.feedback = QgsFeedback()

    def cancel(self) -> None:
        self.feedback.cancel()
        super().cancel()

    def work(self) -> Available:
        client = DeepStateClient(self.settings.base_url, Limits(retries=1), self.feedback)
        try:
            records, _raw = client.history()
        except FetchError as error:
            raise OSError(str(error)) from None
        start = update_start(self.have, self.timezone)
        if start is None:
            return Available(0, self.location)
        end = dt.datetime.now(dt.timezone.utc).astimezone().date()
        plan = plan_update(
            records, start, end, self.settings.every, at_time(self.settings.at_time), self.timezone, self.have
        )
        return Available(len(plan.chosen), self.location)


def at_time(text: str) -> dt.time:
    """A setting's "HH:MM" as a time; 22:00 where it is unreadable."""
    try:
        return dt.time.fromisoformat(text.strip())
    except ValueError:
        return dt.time(22, 0)
