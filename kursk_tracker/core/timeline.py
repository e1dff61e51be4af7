"""The situation at any instant of a series: snapshots, and morphed frames between them."""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .series import Series, Snapshot

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

    from .morph import MorphSettings, PairMorph

Areas = dict[tuple[str, str], "BaseGeometry"]
"""(side, status) -> (multi)polygon in lon/lat."""


@dataclass
class Position:
    """Where an instant falls: between `before` and `after` at fraction `f` (0..1)."""

    before: Snapshot
    after: Snapshot
    f: float

    @property
    def at_snapshot(self) -> Snapshot | None:
        if self.f <= 0.0:
            return self.before
        if self.f >= 1.0:
            return self.after
        return None


@dataclass
class SeriesFrames:
    """Areas per snapshot and a morph per neighbouring pair, precomputed on first use."""

    series: Series
    areas: dict[int, Areas]
    """snapshot id -> its areas."""
    settings: MorphSettings | None = None
    _pairs: dict[tuple[int, int], PairMorph] = field(default_factory=dict, repr=False)

    @classmethod
    def from_records(cls, series: Series, records, settings: MorphSettings | None = None) -> SeriesFrames:
        """From the store's feature records (layer "areas")."""
        import shapely

        grouped: dict[int, dict[tuple[str, str], list]] = defaultdict(lambda: defaultdict(list))
        for record in records:
            if record.layer != "areas":
                continue
            key = (str(record.attributes.get("side") or ""), str(record.attributes.get("status") or ""))
            grouped[int(record.attributes["snapshot_id"])][key].append(shapely.from_wkt(record.wkt))
        areas = {snap_id: {key: shapely.union_all(parts) for key, parts in layers.items()}
                 for snap_id, layers in grouped.items()}
        return cls(series, areas, settings)

    def snapshots(self) -> list[Snapshot]:
        return self.series.sorted_snapshots()

    def position(self, instant: dt.datetime) -> Position | None:
        """The surrounding snapshots of `instant` (clamped to the series' span)."""
        snapshots = self.snapshots()
        if not snapshots:
            return None
        times = [s.valid_at for s in snapshots]
        if instant <= times[0]:
            return Position(snapshots[0], snapshots[0], 0.0)
        if instant >= times[-1]:
            return Position(snapshots[-1], snapshots[-1], 0.0)
        index = bisect.bisect_right(times, instant)
        before, after = snapshots[index - 1], snapshots[index]
        span = (after.valid_at - before.valid_at).total_seconds()
        return Position(before, after, (instant - before.valid_at).total_seconds() / span)

    def pair(self, before: Snapshot, after: Snapshot) -> PairMorph:
        """The morph between two neighbouring snapshots (computed once)."""
        from .morph import MorphSettings, precompute

        key = (before.id, after.id)
        if key not in self._pairs:
            self._pairs[key] = precompute(self.areas.get(before.id, {}), self.areas.get(after.id, {}),
                                          self.settings or MorphSettings())
        return self._pairs[key]

    def areas_at(self, instant: dt.datetime) -> Areas:
        """The areas at `instant`: a snapshot's own at its instant, morphed in between."""
        position = self.position(instant)
        if position is None:
            return {}
        snapshot = position.at_snapshot
        if snapshot is not None or position.before.id == position.after.id:
            return dict(self.areas.get((snapshot or position.before).id, {}))
        return self.pair(position.before, position.after).frame(position.f)

    def previous_snapshot(self, instant: dt.datetime) -> Snapshot | None:
        """The last snapshot strictly before `instant`."""
        earlier = [s for s in self.snapshots() if s.valid_at < instant]
        return earlier[-1] if earlier else None

    def clear(self) -> None:
        self._pairs.clear()
