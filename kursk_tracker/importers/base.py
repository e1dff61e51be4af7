"""What every importer takes: options, progress and cancel."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from ..core.import_result import ImportResult

BBox = tuple[float, float, float, float]
"""xmin, ymin, xmax, ymax in WGS84 longitude/latitude."""


@dataclass
class ImportOptions:
    area_of_interest: BBox | None = None
    """Clip everything to this box (WGS84); None keeps all."""
    epoch: dt.date | None = None
    """Week 0, for file names that carry a week number ("week12.kml")."""
    timezone: str = "Europe/Berlin"
    """Zone of dates without one (file names such as 2024-10-29_2200)."""
    side_mapping: dict[str, str] = field(default_factory=dict)
    """Source value (a colour "#01579b", a folder or field value) -> side code."""
    kind_mapping: dict[str, str] = field(default_factory=dict)
    """Source folder or layer name -> feature kind ("areas", "movements", …)."""
    ask_date: Callable[[Path], dt.datetime | None] | None = None
    """Asked when no date can be found for a file; None skips the file."""


@dataclass
class Feedback:
    """Progress and cancel, so a QgsTask or a test can drive an import."""

    progress: Callable[[float], None] = lambda fraction: None
    """Called with 0..1."""
    is_cancelled: Callable[[], bool] = lambda: False

    def each(self, paths, result) -> Iterator[tuple[int, Path]]:
        """(index, path) of each file in turn, with progress after each; on cancel, marks
        `result` cancelled and stops."""
        total = max(len(paths), 1)
        for index, path in enumerate(paths):
            if self.is_cancelled():
                result.cancelled = True
                return
            yield index, Path(path)
            self.progress((index + 1) / total)


class Importer(Protocol):
    """What each importer module offers (folder, mymaps, deepstate, isw, series_gpkg): the registry
    picks one by the user's word or by asking each whether a file looks like its kind."""

    def looks_like(self, path: Path) -> bool:
        """Whether `path` is of this importer's kind (read cheaply; may raise OSError or ValueError)."""
        ...

    def import_files(self, paths: list[Path], options: ImportOptions, feedback: Feedback) -> ImportResult:
        """Every snapshot, place and problem found in `paths`."""
        ...
