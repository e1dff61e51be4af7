"""The situation at any instant of a series: snapshots, and morphed frames between them."""

from __future__ import annotations

import bisect
import datetime as dt
import threading
from collections import OrderedDict, defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .series import Series, Snapshot

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

    from .morph import MorphSettings, PairMorph

Areas = dict[tuple[str, str], "BaseGeometry"]
"""(side, status) -> (multi)polygon in lon/lat."""

RECENT_FRAMES = 4
"""Morphed frames kept: the map, the change, the fronts and the chart ask for the same instant."""


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
    fronts: dict[int, dict[str, BaseGeometry]] = field(default_factory=dict)
    """snapshot id -> side -> the stored front line (where the source has one)."""
    _pairs: dict[tuple[int, int], PairMorph] = field(default_factory=dict, repr=False)
    _held: dict[int, dict] = field(default_factory=dict, repr=False)
    _recent: OrderedDict = field(default_factory=OrderedDict, repr=False)
    """(before id, after id, f) -> morphed areas: the last frames (shown, measured and charted)."""
    _still: dict[tuple[int, int], dict] = field(default_factory=dict, repr=False)
    """(before id, after id) -> side -> (zone that changed hands, stored front outside it)."""
    _guard: threading.Condition = field(default_factory=threading.Condition, repr=False, compare=False)
    """Guards the caches: the export's workers, a background precompute and the map may all ask
    for frames at once; a pair one thread is computing is waited for by the others, not redone."""
    _computing: set[tuple[int, int]] = field(default_factory=set, repr=False, compare=False)

    @classmethod
    def from_records(cls, series: Series, records, settings: MorphSettings | None = None) -> SeriesFrames:
        """From the store's feature records (layer "areas")."""
        import shapely

        grouped: dict[int, dict[tuple[str, str], list]] = defaultdict(lambda: defaultdict(list))
        lines: dict[int, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        for record in records:
            if record.layer == "areas":
                key = (str(record.attributes.get("side") or ""), str(record.attributes.get("status") or ""))
                grouped[int(record.attributes["snapshot_id"])][key].append(shapely.from_wkt(record.wkt))
            elif record.layer == "front_lines":
                side = str(record.attributes.get("side") or "")
                lines[int(record.attributes["snapshot_id"])][side].append(shapely.from_wkt(record.wkt))
        areas = {
            snap_id: {key: shapely.union_all(parts) for key, parts in layers.items()}
            for snap_id, layers in grouped.items()
        }
        fronts = {
            snap_id: {side: shapely.union_all(parts) for side, parts in by_side.items()}
            for snap_id, by_side in lines.items()
        }
        return cls(series, areas, settings, fronts)

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
        with self._guard:
            while key in self._computing:
                self._guard.wait()
            found = self._pairs.get(key)
            if found is not None:
                return found
            self._computing.add(key)
            settings = self.settings or MorphSettings()
        try:
            morph = precompute(self.areas.get(before.id, {}), self.areas.get(after.id, {}), settings)
        finally:
            with self._guard:
                self._computing.discard(key)
                self._guard.notify_all()
        with self._guard:
            if morph.settings == self.settings or self.settings is None:
                self._pairs[key] = morph
        return morph

    def areas_at(self, instant: dt.datetime, wait: bool = True) -> Areas:
        """The areas at `instant`: a snapshot's own at its instant, morphed in between.

        With `wait` False a pair not yet precomputed (a background task is on
        it) gives the nearer snapshot's areas instead of blocking.
        """
        position = self.position(instant)
        if position is None:
            return {}
        snapshot = position.at_snapshot
        if snapshot is not None or position.before.id == position.after.id:
            return dict(self.areas.get((snapshot or position.before).id, {}))
        if not wait and not self.is_ready(position.before, position.after):
            nearer = position.before if position.f < 0.5 else position.after
            return dict(self.areas.get(nearer.id, {}))
        key = (position.before.id, position.after.id, position.f)
        with self._guard:
            frame = self._recent.get(key)
            if frame is not None:
                self._recent.move_to_end(key)
                return dict(frame)
        frame = self.pair(position.before, position.after).frame(position.f)
        with self._guard:
            self._recent[key] = frame
            self._recent.move_to_end(key)
            while len(self._recent) > RECENT_FRAMES:
                self._recent.popitem(last=False)
        return dict(frame)

    def is_ready(self, before: Snapshot, after: Snapshot) -> bool:
        return (before.id, after.id) in self._pairs

    def adopt(self, other: SeriesFrames) -> int:
        """Take the pairs `other` has computed (the open series' background precompute) where they
        are what this would compute: the same timing, and both snapshots' areas exactly the same.
        Returns how many were taken. The morphs are shared, not copied: they are thread-safe."""
        import shapely

        def same(one: Areas, two: Areas) -> bool:
            keys = sorted(one)
            return keys == sorted(two) and bool(
                shapely.equals_exact([one[k] for k in keys], [two[k] for k in keys], 0.0).all()
            )

        if other is self or self.settings != other.settings:
            return 0
        with other._guard:
            offered = dict(other._pairs)
        taken = 0
        for (before, after), morph in offered.items():
            if (before, after) in self._pairs or morph.settings != (self.settings or morph.settings):
                continue
            if all(
                snap in self.areas and snap in other.areas and same(self.areas[snap], other.areas[snap])
                for snap in (before, after)
            ):
                with self._guard:
                    self._pairs.setdefault((before, after), morph)
                taken += 1
        return taken

    def precompute_all(self, progress=None, cancelled=None) -> None:
        """Every neighbouring pair, in order; for a background task."""
        snapshots = self.snapshots()
        for index in range(len(snapshots) - 1):
            if cancelled is not None and cancelled():
                return
            self.pair(snapshots[index], snapshots[index + 1])
            if progress is not None:
                progress((index + 1) / max(1, len(snapshots) - 1))

    def fronts_at(
        self,
        instant: dt.datetime,
        areas: Areas | None = None,
        wait: bool = True,
        held: dict[str, BaseGeometry] | None = None,
    ) -> dict[str, BaseGeometry]:
        """Each side's front line at `instant`, moving with the morphed areas.

        Where the ground did not change between the surrounding snapshots the
        earlier snapshot's own front line stays; across the ground that
        changed hands the front is the outline of the morphed held ground.
        A source without front lines gets only the moving parts. `held`: each
        side's held ground in `areas`, where the caller has it (`held_by_side`).
        """
        import shapely

        from .change import held_by_side

        position = self.position(instant)
        if position is None:
            return {}
        snapshot = position.at_snapshot
        if snapshot is not None or position.before.id == position.after.id:
            return dict(self.fronts.get((snapshot or position.before).id, {}))
        if not wait and not self.is_ready(position.before, position.after):
            nearer = position.before if position.f < 0.5 else position.after
            return dict(self.fronts.get(nearer.id, {}))
        if held is None or areas is None:
            held = held_by_side(self.areas_at(instant) if areas is None else areas)
        fronts: dict[str, BaseGeometry] = {}
        empty = shapely.Polygon()
        for side, (zone, kept) in sorted(self._still_parts(position.before, position.after).items()):
            moving = shapely.intersection(shapely.boundary(held.get(side, empty)), zone)
            front = shapely.line_merge(shapely.union_all([kept, moving]))
            lines = [g for g in shapely.get_parts(front) if shapely.get_dimensions(g) == 1]
            if lines:
                fronts[side] = shapely.multilinestrings(lines)
        return fronts

    def _still_parts(self, before: Snapshot, after: Snapshot) -> dict[str, tuple]:
        """Per side with a drawn front: the ground that changes hands between two snapshots
        (a hair wider) and the earlier front outside it; the same for every frame of the pair."""
        import shapely

        key = (before.id, after.id)
        if key in self._still:
            return self._still[key]
        held_before, held_after = self.held(before), self.held(after)
        stored = self.fronts.get(before.id, {})
        empty = shapely.Polygon()
        # Sides whose fronts the source draws; a source without any: every side.
        drawn = {side for by_side in self.fronts.values() for side in by_side} or set(held_before) | set(
            held_after
        )
        parts = {}
        for side in sorted(drawn):
            changed = shapely.symmetric_difference(held_before.get(side, empty), held_after.get(side, empty))
            # A hair's breadth, so the kept and the moving parts meet without slivers.
            zone = shapely.buffer(changed, 1e-7) if not changed.is_empty else empty
            parts[side] = (zone, shapely.difference(stored.get(side, shapely.LineString()), zone))
        self._still[key] = parts
        return parts

    def held(self, snapshot: Snapshot) -> dict[str, BaseGeometry]:
        """Each side's held ground in a snapshot (computed once)."""
        from .change import held_by_side

        if snapshot.id not in self._held:
            self._held[snapshot.id] = held_by_side(self.areas.get(snapshot.id, {}))
        return self._held[snapshot.id]

    def previous_snapshot(self, instant: dt.datetime) -> Snapshot | None:
        """The last snapshot strictly before `instant`."""
        earlier = [s for s in self.snapshots() if s.valid_at < instant]
        return earlier[-1] if earlier else None

    def clear(self) -> None:
        """Forget the morphs (the timing changed); the snapshots' own figures stay."""
        with self._guard:
            self._pairs.clear()
            self._recent.clear()
