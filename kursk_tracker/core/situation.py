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

    def extend(self, other: ImportResult) -> None:
        self.snapshots.extend(other.snapshots)
        self.places.extend(other.places)
        for side in other.sides:
            if all(s.code != side.code for s in self.sides):
                self.sides.append(side)
        self.issues.extend(other.issues)
        self.cancelled = self.cancelled or other.cancelled
