"""Changing a series GeoPackage as a whole: add imported snapshots, re-date, remove.

Every change reads the series, changes it in memory and writes a new file
that replaces the old one only when complete (`write_series`), so a failure
or a refused change leaves the series exactly as it was.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..core.errors import KurskTrackerError
from ..core.series import FeatureKind, Series, Side, Snapshot
from ..core.situation import ImportResult, PlaceData, SituationFeature
from ..core.text import tr
from ..core.timefmt import iso_utc, to_zone
from .gpkg import FeatureRecord, read_features, read_series, write_series

DEFAULT_SIDES = (
    Side("UA", {"en": "Ukraine", "de": "Ukraine"}, "#1f5fbf"),
    Side("RU", {"en": "Russia", "de": "Russland"}, "#c8102e"),
)


class SeriesChangeError(KurskTrackerError):
    """A change that would lose or confuse data was refused; the series is unchanged."""


@dataclass
class SeriesContent:
    series: Series
    records: list[FeatureRecord] = field(default_factory=list)

    @classmethod
    def read(cls, path: str | os.PathLike[str]) -> SeriesContent:
        return cls(read_series(path), read_features(path))

    def write(self, path: str | os.PathLike[str]) -> None:
        write_series(path, self.series, self.records)


@dataclass
class MergeSummary:
    added: list[Snapshot] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    """One message per imported snapshot not added, naming its file."""
    places_added: int = 0


def new_series(names: dict[str, str] | None = None, epoch: dt.date | None = None,
               timezone: str = "Europe/Berlin", sides: list[Side] | None = None,
               credit: str = "") -> Series:
    return Series(names=names or {"en": "Front", "de": "Front"}, sides=list(sides or DEFAULT_SIDES),
                  epoch=epoch or dt.date.today(), timezone=timezone, credit=credit)


def _feature_attributes(feature: SituationFeature) -> dict[str, object]:
    attributes = {"side": feature.side}
    wanted = {
        FeatureKind.AREAS: ("status",),
        FeatureKind.FRONT_LINES: ("name",),
        FeatureKind.MOVEMENTS: ("kind", "label"),
        FeatureKind.ANNOTATIONS: ("text",),
    }[feature.kind]
    for name in wanted:
        value = feature.attributes.get(name)
        attributes[name] = None if value is None else str(value)
    if feature.kind == FeatureKind.AREAS and not attributes.get("status"):
        attributes["status"] = "controlled"
    return attributes


def _place_record(place: PlaceData) -> FeatureRecord:
    return FeatureRecord("places", place.geometry.wkt, {
        "name_en": place.names.get("en"), "name_de": place.names.get("de"),
        "name_local": place.names.get("local"), "rank": place.rank, "source": place.source,
    })


def merge_import(content: SeriesContent, result: ImportResult) -> MergeSummary:
    """Add the imported snapshots that are new; never replace what the series has.

    A snapshot at an instant the series already has (to the second) is
    skipped with a message: re-date or remove the old one first.
    """
    series = content.series
    summary = MergeSummary()
    for side in result.sides:
        if series.side(side.code) is None:
            series.sides.append(side)
    taken = {iso_utc(s.valid_at): s for s in series.snapshots}
    next_id = max((s.id for s in series.snapshots), default=0) + 1
    for imported in sorted(result.snapshots, key=lambda s: s.valid_at):
        key = iso_utc(imported.valid_at)
        if key in taken:
            when = to_zone(imported.valid_at, series.timezone).strftime("%Y-%m-%d %H:%M")
            summary.skipped.append(
                tr("{origin}: the series already has a snapshot at {when}; not imported").format(
                    origin=imported.origin or imported.source, when=when)
            )
            continue
        snapshot = Snapshot(next_id, imported.valid_at.astimezone(dt.timezone.utc), imported.title,
                            imported.caption, imported.source)
        next_id += 1
        series.snapshots.append(snapshot)
        taken[key] = snapshot
        summary.added.append(snapshot)
        for feature in imported.features:
            attributes = _feature_attributes(feature)
            attributes["snapshot_id"] = snapshot.id
            content.records.append(FeatureRecord(feature.kind.value, feature.geometry.wkt, attributes))
    known = {(r.attributes.get("name_en"), r.attributes.get("name_local")) for r in content.records
             if r.layer == "places"}
    for place in result.places:
        key = (place.names.get("en"), place.names.get("local"))
        if key not in known:
            content.records.append(_place_record(place))
            known.add(key)
            summary.places_added += 1
    return summary


def import_into(path: str | os.PathLike[str], result: ImportResult,
                template: Series | None = None) -> MergeSummary:
    """Add an import to the series at `path` (created from `template` if missing).

    Nothing is written when nothing new arrives, so a failed import creates no file.
    """
    path = Path(path)
    if path.exists():
        content = SeriesContent.read(path)
    else:
        series = template or new_series({"en": path.stem, "de": path.stem})
        if template is None and result.snapshots:
            first = min(s.valid_at for s in result.snapshots)
            series.epoch = to_zone(first, series.timezone).date()
        content = SeriesContent(dataclasses.replace(series, snapshots=[]))
    summary = merge_import(content, result)
    if summary.added or summary.places_added:
        content.write(path)
    return summary


def redate_snapshot(path: str | os.PathLike[str], snapshot_id: int, instant: dt.datetime) -> None:
    """Give a snapshot a new instant; refused if another snapshot has it."""
    content = SeriesContent.read(path)
    if instant.tzinfo is None:
        raise SeriesChangeError(tr("{path}: the new date has no time zone").format(path=path))
    clash = [s for s in content.series.snapshots
             if s.id != snapshot_id and iso_utc(s.valid_at) == iso_utc(instant)]
    if clash:
        raise SeriesChangeError(
            tr("{path}: another snapshot already has that date").format(path=path))
    if all(s.id != snapshot_id for s in content.series.snapshots):
        raise SeriesChangeError(tr("{path}: no snapshot {id}").format(path=path, id=snapshot_id))
    content.series.snapshots = [
        dataclasses.replace(s, valid_at=instant.astimezone(dt.timezone.utc)) if s.id == snapshot_id else s
        for s in content.series.snapshots
    ]
    content.write(path)


def remove_snapshot(path: str | os.PathLike[str], snapshot_id: int) -> None:
    """Remove a snapshot and its features."""
    content = SeriesContent.read(path)
    if all(s.id != snapshot_id for s in content.series.snapshots):
        raise SeriesChangeError(tr("{path}: no snapshot {id}").format(path=path, id=snapshot_id))
    content.series.snapshots = [s for s in content.series.snapshots if s.id != snapshot_id]
    content.records = [r for r in content.records if r.attributes.get("snapshot_id") != snapshot_id]
    content.write(path)
