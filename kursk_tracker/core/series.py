"""Series, sides, snapshots and feature kinds."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum

from .timefmt import week_number

LANGUAGES: tuple[str, ...] = ("en", "de")
"""The languages a series' texts can carry besides their own (a column `<field>_<language>` each)."""


class FeatureKind(str, Enum):
    """The kinds of dated features a snapshot holds; each is one layer."""

    AREAS = "areas"
    FRONT_LINES = "front_lines"
    MOVEMENTS = "movements"
    ANNOTATIONS = "annotations"


class AreaStatus(str, Enum):
    CONTROLLED = "controlled"
    CONTESTED = "contested"
    CLAIMED = "claimed"
    UNKNOWN = "unknown"
    POCKET = "pocket"


class MovementKind(str, Enum):
    ATTACK = "attack"
    COUNTERATTACK = "counterattack"
    RELIEF_ATTACK = "relief_attack"
    WITHDRAWAL = "withdrawal"


@dataclass(frozen=True)
class Side:
    """One party to the conflict."""

    code: str
    """Short code used in the data, such as "UA"."""
    names: dict[str, str]
    """Display name per language code ("en", "de", ...)."""
    colour: str
    """Fill colour as #rrggbb."""

    def name(self, language: str) -> str:
        return self.names.get(language) or self.names.get("en") or self.code


@dataclass(frozen=True)
class Snapshot:
    """The situation at one instant."""

    id: int
    valid_at: dt.datetime
    """Timezone-aware instant (stored as UTC)."""
    title: str = ""
    """The title in the series' own language; the fallback for a language without one."""
    caption: str = ""
    source: str = ""
    titles: dict[str, str] = field(default_factory=dict, hash=False)
    """The title per language code, where the snapshot carries one ("de": "12. Woche: …")."""
    captions: dict[str, str] = field(default_factory=dict, hash=False)
    """The caption per language code."""

    def title_in(self, language: str) -> str:
        """The title in `language`, else the snapshot's own title."""
        return self.titles.get(language) or self.title

    def caption_in(self, language: str) -> str:
        """The caption in `language`, else the snapshot's own caption."""
        return self.captions.get(language) or self.caption


@dataclass
class Series:
    """A whole campaign: its sides, epoch, display time zone and snapshots."""

    names: dict[str, str]
    sides: list[Side]
    epoch: dt.date
    """Day 0 of week numbering (the operation's start)."""
    timezone: str = "Europe/Berlin"
    credit: str = ""
    """The credit in the series' own language; the fallback for a language without one."""
    credits: dict[str, str] = field(default_factory=dict)
    """The credit per language code."""
    illustrative: bool = False
    """True for made-up data that must not be read as ground truth."""
    snapshots: list[Snapshot] = field(default_factory=list)

    def name(self, language: str) -> str:
        return self.names.get(language) or self.names.get("en") or ""

    def credit_in(self, language: str) -> str:
        """The credit in `language`, else the series' own credit."""
        return self.credits.get(language) or self.credit

    def side(self, code: str) -> Side | None:
        return next((s for s in self.sides if s.code == code), None)

    def week_of(self, instant: dt.datetime) -> int:
        return week_number(instant, self.epoch, self.timezone)

    def sorted_snapshots(self) -> list[Snapshot]:
        return sorted(self.snapshots, key=lambda s: s.valid_at)


def snapshot_at_offset(snapshots: list[Snapshot], instant: dt.datetime, offset: int) -> Snapshot | None:
    """The snapshot `offset` places after (> 0) or before (< 0) `instant`, stopping at either end.

    Between two snapshots, one step forward is the next one and one step back
    the one in force; on a snapshot, a step goes to its neighbour.
    """
    ordered = sorted(snapshots, key=lambda s: s.valid_at)
    if not ordered:
        return None
    if offset > 0:
        later = [i for i, s in enumerate(ordered) if s.valid_at > instant]
        index = later[0] + offset - 1 if later else len(ordered) - 1
    else:
        earlier = [i for i, s in enumerate(ordered) if s.valid_at < instant]
        index = earlier[-1] + offset + 1 if earlier else 0
    return ordered[max(0, min(len(ordered) - 1, index))]
