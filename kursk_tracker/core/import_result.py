"""What importers produce: snapshots of dated features, places and the problems met.

Geometries are shapely objects in WGS84 longitude/latitude, 2D. Nothing
here touches QGIS, so importers and their tests run without it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from .series import FeatureKind, Side

if TYPE_CHECKING:  # shapely is needed to import, not to load the plugin
    from shapely.geometry.base import BaseGeometry


class Level(str, Enum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


@dataclass(frozen=True)
class ImportIssue:
    """One problem with one input, worded for the user."""

    path: str
    problem: str
    level: Level = Level.WARNING
    repair: bool = False
    """A repair made to what the file holds (imported, but changed): shown with the
    problems so the user can check it, not hidden among the notes."""

    def __str__(self) -> str:
        return f"{self.path}: {self.problem}"


@dataclass
class SituationFeature:
    """A dated feature of one snapshot."""

    kind: FeatureKind
    geometry: BaseGeometry
    side: str | None = None
    attributes: dict[str, object] = field(default_factory=dict)
    """Kind-specific fields: status (areas), name (front lines), kind and
    label (movements), text (annotations)."""


@dataclass
class SnapshotData:
    """The situation at one instant, as read from one source file."""

    valid_at: dt.datetime
    features: list[SituationFeature] = field(default_factory=list)
    title: str = ""
    caption: str = ""
    source: str = ""
    origin: str = ""
    """The file it came from, for messages."""
    titles: dict[str, str] = field(default_factory=dict)
    """The title per language code, where the source has one (a series GeoPackage's title_de, …)."""
    captions: dict[str, str] = field(default_factory=dict)
    """The caption per language code."""


@dataclass
class PlaceData:
    geometry: BaseGeometry
    names: dict[str, str]
    """Name per language code; "local" for the name in the local script."""
    rank: int = 3
    source: str = ""


@dataclass
class ImportResult:
    snapshots: list[SnapshotData] = field(default_factory=list)
    places: list[PlaceData] = field(default_factory=list)
    sides: list[Side] = field(default_factory=list)
    """Sides the source names (codes, names, colours), if it says."""
    issues: list[ImportIssue] = field(default_factory=list)
    cancelled: bool = False

    def warn(self, path: str | Path, problem: str) -> None:
        self.issues.append(ImportIssue(str(path), problem, Level.WARNING))

    def error(self, path: str | Path, problem: str) -> None:
        self.issues.append(ImportIssue(str(path), problem, Level.ERROR))

    def info(self, path: str | Path, problem: str) -> None:
        self.issues.append(ImportIssue(str(path), problem, Level.INFO))

    def repaired(self, path: str | Path, what: str) -> None:
        """Note a repair of the file's content (`what`: what was repaired and how)."""
        self.issues.append(ImportIssue(str(path), what, Level.INFO, repair=True))

    @property
    def repairs(self) -> list[ImportIssue]:
        """The repairs made, in the order met."""
        return [issue for issue in self.issues if issue.repair]

    @property
    def problems(self) -> list[ImportIssue]:
        """Warnings and errors: files or parts not imported, or imported with a doubt."""
        return [issue for issue in self.issues if issue.level != Level.INFO]

    def extend(self, other: ImportResult) -> None:
        self.snapshots.extend(other.snapshots)
        self.places.extend(other.places)
        for side in other.sides:
            if all(s.code != side.code for s in self.sides):
                self.sides.append(side)
        self.issues.extend(other.issues)
        self.cancelled = self.cancelled or other.cancelled
