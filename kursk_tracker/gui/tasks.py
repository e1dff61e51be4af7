"""Background work: imports run in a QgsTask with progress and cancel."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from qgis.core import QgsTask

from ..core.errors import KurskTrackerError
from ..core.import_result import ImportResult
from ..importers.base import Feedback, ImportOptions
from ..toolbelt.i18n import tr


class ImportTask(QgsTask):
    """Imports files into a series; never touches the project or widgets in run()."""

    def __init__(self, paths: list[Path], format_name: str, options: ImportOptions, output,
                 on_done: Callable[[ImportTask], None], template=None, like=None) -> None:
        """`output`: the series' location (a GeoPackage path or a postgis: location); `like`: the
        series whose sides and time zone a new series at `output` takes."""
        from ..store.backend import open_store

        name = open_store(output).label()
        super().__init__(tr("Importing into {name}").format(name=name), QgsTask.Flag.CanCancel)
        self.paths = paths
        self.format_name = format_name
        self.options = options
        self.output = output
        self.template = template
        self.like = like
        self.on_done = on_done
        self.result: ImportResult | None = None
        self.summary = None
        self.failure: str | None = None
        self.previous = None
        """(name, store) of the series open when the import started, if any; set by the panel."""
        self.undated: list[Path] = []
        """Files no date was found for; the panel asks the user afterwards."""
        if options.ask_date is None:
            # No dialog from a worker thread: note the file, answer "no date".
            options.ask_date = self._note_undated

    def _note_undated(self, path: Path):
        self.undated.append(Path(path))

    def run(self) -> bool:
        from ..importers.registry import import_to_series

        try:
            self.result, self.summary = import_to_series(
                self.paths, self.format_name, self.options, self.output,
                Feedback(lambda fraction: self.setProgress(100.0 * fraction), self.isCanceled),
                self.template, self.like,
            )
        except (KurskTrackerError, OSError, ValueError) as error:
            self.failure = str(error)
            return False
        return not self.result.cancelled

    def finished(self, ok: bool) -> None:
        self.on_done(self)
