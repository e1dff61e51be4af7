"""Asking the user the date of files that carry none."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from zoneinfo import ZoneInfo

from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QDateTimeEdit,
    QDialog,
    QGridLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ..core.timefmt import step_instant
from ..toolbelt.i18n import current_language, tr
from .widgets import edited_instant, instant_edit, ok_cancel, set_instant, zone_label

WEEK = dt.timedelta(days=7)


def suggested_instants(
    count: int, known: Iterable[dt.datetime], timezone: str, today: dt.datetime | None = None
) -> list[dt.datetime]:
    """Where the date editors of `count` undated files start.

    The files around them say more than today's date: the first undated file
    starts a week after the latest known date (the latest dated file of the same
    import, else the series' last snapshot), at that file's local time; each
    further file a week later still, so no two start on the same instant. With
    nothing known, today at midnight, local time.
    """
    known = [instant for instant in known if instant is not None]
    if known:
        start = step_instant(max(known), WEEK, timezone)
    else:
        now = (today or dt.datetime.now(dt.timezone.utc)).astimezone(ZoneInfo(timezone))
        start = now.replace(hour=0, minute=0, second=0, microsecond=0)
    instants = [start]
    while len(instants) < count:
        instants.append(step_instant(instants[-1], WEEK, timezone))
    return instants[:count]


class DateDialog(QDialog):
    def __init__(
        self,
        paths: list[Path],
        timezone: str,
        parent: QWidget | None = None,
        known: Iterable[dt.datetime] = (),
    ) -> None:
        """`known`: dates of the files around them (this import's dated files, the series' snapshots),
        from which the editors start; see `suggested_instants`."""
        super().__init__(parent)
        self.setObjectName("KurskTrackerDateDialog")
        self.setWindowTitle(tr("Files without a date"))
        self.zone = ZoneInfo(timezone)
        language = current_language()
        layout = QVBoxLayout(self)
        text = QLabel(
            tr(
                "No date was found in the name, fields or metadata of these files. "
                "Tick a file and give its date and time to import it:"
            ),
            self,
        )
        text.setWordWrap(True)
        layout.addWidget(text)
        grid = QGridLayout()
        self.rows: list[tuple[Path, QCheckBox, QDateTimeEdit]] = []
        starts = suggested_instants(len(paths), known, timezone)
        for row, (path, start) in enumerate(zip(paths, starts)):
            check = QCheckBox(path.name, self)
            check.setToolTip(str(path))
            editor = instant_edit(self)
            editor.setObjectName("undatedDate")
            set_instant(editor, start, self.zone, force=True)
            editor.dateTimeChanged.connect(lambda _value, c=check: c.setChecked(True))
            grid.addWidget(check, row, 0)
            grid.addWidget(editor, row, 1)
            grid.addWidget(zone_label(editor, timezone, language, self), row, 2)
            self.rows.append((path, check, editor))
        layout.addLayout(grid)
        layout.addWidget(ok_cancel(self))

    def set_date(self, path: Path, instant: dt.datetime) -> None:
        for candidate, check, editor in self.rows:
            if candidate == path:
                set_instant(editor, instant, self.zone, force=True)
                check.setChecked(True)

    def dates(self) -> dict[Path, dt.datetime]:
        chosen = {}
        for path, check, editor in self.rows:
            if check.isChecked():
                chosen[path] = edited_instant(editor, self.zone)
        return chosen
