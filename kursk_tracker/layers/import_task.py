"""An import in the background: a QgsTask (toolbelt/jobs.py's BackgroundTask) with progress and cancel."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.import_result import ImportResult
from ..importers.base import Feedback, ImportOptions
from ..toolbelt.i18n import tr
from ..toolbelt.jobs import BackgroundTask, Done

if TYPE_CHECKING:
    from ..core.series import Series
    from ..store.backend import SeriesStore
    from ..store.operations import MergeSummary


AskDates = Callable[[list[Path], list[dt.datetime]], dict[Path, dt.datetime]]
"""Asked for the instants of files that came without one, given the dates around them; files left out
of the answer stay out."""


@dataclass
class ImportOutcome:
    """How an import ended, for the panel to tell: see gui/import_report.py."""

    target: SeriesStore
    result: ImportResult | None = None
    summary: MergeSummary | None = None
    failure: str | None = None
    cancelled: bool = False
    asked: set[str] = field(default_factory=set)
    """Files the user dated (their missing date is no problem)."""
    previous: str | None = None
    """The name of the series that was open and is now closed, where the import went into another one."""


class ImportTask(BackgroundTask):
    """Imports files into a series; never touches the project or widgets in work().

    Besides the outcome, the task keeps what the series session reads when it
    ends: `summary`, `undated`, `previous`, `options`.
    """

    def __init__(
        self,
        paths: list[Path],
        format_name: str,
        options: ImportOptions,
        output: str | os.PathLike[str],
        on_done: Done | None = None,
        template: Series | None = None,
        like: Series | None = None,
    ) -> None:
        """`output`: the series' location (a GeoPackage path or a postgis: location); `like`: the
        series whose sides and time zone a new series at `output` takes."""
        from ..store.backend import open_store

        name = open_store(output).label()
        super().__init__(tr("Importing into {name}").format(name=name), on_done)
        self.paths = paths
        self.format_name = format_name
        self.options = options
        self.output = output
        self.template = template
        self.like = like
        self.result: ImportResult | None = None
        self.summary: MergeSummary | None = None
        self.previous: tuple[str, SeriesStore] | None = None
        """(name, store) of the series open when the import started, if any; set by the session."""
        self.undated: list[Path] = []
        """Files no date was found for; the session has the user asked afterwards."""
        if options.ask_date is None:
            # No dialog from a worker thread: note the file, answer "no date".
            options.ask_date = self._note_undated

    def _note_undated(self, path: Path):
        self.undated.append(Path(path))

    def work(self) -> ImportResult:
        from ..importers.registry import import_to_series

        result, self.summary = import_to_series(
            self.paths,
            self.format_name,
            self.options,
            self.output,
            Feedback(lambda fraction: self.setProgress(100.0 * fraction), self.isCanceled),
            self.template,
            self.like,
        )
        return result

    def succeeded(self, result: ImportResult) -> bool:
        return not result.cancelled
