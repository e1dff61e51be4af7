"""Changing a series as a whole: create it, add imported snapshots, re-date, remove, copy.

Every change goes through the store's `modify`: it reads the series,
changes it in memory and writes it back as one step (a GeoPackage replaced
only when complete; one PostGIS transaction under the series lock), so a
failure or a refused change leaves the series exactly as it was, and two
users importing into one PostGIS series at once both keep their snapshots.
A re-date or removal given the snapshot version its user saw is refused
when someone else changed that snapshot since.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeAlias

from ..core.errors import KurskTrackerError
from ..core.import_result import ImportResult, PlaceData, SituationFeature
from ..core.series import FeatureKind, Series, Side, Snapshot
from ..core.text import tr
from ..core.timefmt import iso_utc, to_zone
from .backend import SeriesStore, Versions, open_store
from .gpkg import FeatureRecord
from .schema import LANGUAGE_COLUMNS

if TYPE_CHECKING:
    from .postgis_read import SnapshotVersion

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
    def read(cls, target: str | os.PathLike[str] | SeriesStore) -> SeriesContent:
        return cls(*open_store(target).read_content())

    def write(self, target: str | os.PathLike[str] | SeriesStore) -> None:
        open_store(target).write(self.series, self.records)


@dataclass
class MergeSummary:
    added: list[Snapshot] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    """One message per imported snapshot not added, naming its file."""
    places_added: int = 0


def new_series(
    names: dict[str, str] | None = None,
    epoch: dt.date | None = None,
    timezone: str = "Europe/Berlin",
    sides: list[Side] | None = None,
    credit: str = "",
) -> Series:
    return Series(
        names=names or {"en": "Front", "de": "Front"},
        sides=list(sides or DEFAULT_SIDES),
        epoch=epoch or dt.date.today(),
        timezone=timezone,
        credit=credit,
    )


def _feature_attributes(feature: SituationFeature) -> dict[str, object]:
    attributes: dict[str, object] = {"side": feature.side}
    wanted = {
        FeatureKind.AREAS: ("status",),
        FeatureKind.FRONT_LINES: ("name",),
        FeatureKind.MOVEMENTS: ("kind", "label", *LANGUAGE_COLUMNS["movements"]),
        FeatureKind.ANNOTATIONS: ("text", *LANGUAGE_COLUMNS["annotations"]),
    }[feature.kind]
    for name in wanted:
        value = feature.attributes.get(name)
        if value is None and name in LANGUAGE_COLUMNS.get(feature.kind.value, ()):
            continue  # no translation: the record stays as a source without them gives it
        attributes[name] = None if value is None else str(value)
    if feature.kind == FeatureKind.AREAS and not attributes.get("status"):
        attributes["status"] = "controlled"
    return attributes


def _place_record(place: PlaceData) -> FeatureRecord:
    return FeatureRecord(
        "places",
        place.geometry.wkt,
        {
            "name_en": place.names.get("en"),
            "name_de": place.names.get("de"),
            "name_local": place.names.get("local"),
            "rank": place.rank,
            "source": place.source,
        },
    )


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
                    origin=imported.origin or imported.source, when=when
                )
            )
            continue
        snapshot = Snapshot(
            next_id,
            imported.valid_at.astimezone(dt.timezone.utc),
            imported.title,
            imported.caption,
            imported.source,
            titles=dict(imported.titles),
            captions=dict(imported.captions),
        )
        next_id += 1
        series.snapshots.append(snapshot)
        taken[key] = snapshot
        summary.added.append(snapshot)
        for feature in imported.features:
            attributes = _feature_attributes(feature)
            attributes["snapshot_id"] = snapshot.id
            content.records.append(FeatureRecord(feature.kind.value, feature.geometry.wkt, attributes))
    known = {
        (r.attributes.get("name_en"), r.attributes.get("name_local"))
        for r in content.records
        if r.layer == "places"
    }
    for place in result.places:
        names = (place.names.get("en"), place.names.get("local"))
        if names not in known:
            content.records.append(_place_record(place))
            known.add(names)
            summary.places_added += 1
    return summary


def import_into(
    target: str | os.PathLike[str] | SeriesStore,
    result: ImportResult,
    template: Series | None = None,
    like: Series | None = None,
) -> MergeSummary:
    """Add an import to the series at `target` (created from `template` if missing).

    Without a template a new series is named after its file, its epoch is the first
    snapshot's day, and its sides and time zone are those of `like` (the series the user
    had open), else the defaults.

    Nothing is written when nothing new arrives, so a failed import creates no series.
    """
    store = open_store(target)
    outcome: list[MergeSummary] = []

    def change(current, _versions):
        if current is not None:
            content = SeriesContent(*current)
        else:
            name = store.default_name()
            series = template or new_series({"en": name, "de": name})
            if template is None and like is not None:
                series = dataclasses.replace(series, sides=list(like.sides), timezone=like.timezone)
            if template is None and result.snapshots:
                first = min(s.valid_at for s in result.snapshots)
                series.epoch = to_zone(first, series.timezone).date()
            content = SeriesContent(dataclasses.replace(series, snapshots=[]))
        outcome[:] = [merge_import(content, result)]
        summary = outcome[0]
        return (content.series, content.records) if summary.added or summary.places_added else None

    store.modify(change)
    return outcome[0]


class SeriesConflictError(SeriesChangeError):
    """Someone else changed or removed the snapshot since this user read it; nothing was written."""


ExpectedVersion: TypeAlias = "SnapshotVersion | int | None"
"""The version a change is checked against: as read, its number, or None for no check."""


def _check_version(
    store: SeriesStore, snapshot_id: int, expected: ExpectedVersion, versions: Versions
) -> None:
    """Refuse a change to a snapshot someone else changed since its `expected` version was read."""
    if expected is None:
        return
    current = versions.get(snapshot_id)
    if current is None:
        raise SeriesConflictError(
            tr(
                "{where}: someone else removed this snapshot since you opened the series; nothing was "
                "changed. Reload the series."
            ).format(where=store.describe())
        )
    expected_number = getattr(expected, "version", expected)
    if current.version != expected_number:
        when = current.modified_at.strftime("%Y-%m-%d %H:%M UTC") if current.modified_at else "?"
        raise SeriesConflictError(
            tr(
                "{where}: {who} changed this snapshot at {when}, after you opened the series; your change "
                "was not saved, so theirs is not overwritten. Reload the series and try again."
            ).format(where=store.describe(), who=current.modified_by or "?", when=when)
        )


def _change_snapshot(
    store: SeriesStore,
    snapshot_id: int,
    expected_version: ExpectedVersion,
    edit: Callable[[SeriesContent], None],
) -> None:
    """Apply `edit(content)` to the series, after checking the snapshot is there and unchanged since read."""
    where = store.describe()

    def change(current, versions):
        content = SeriesContent(*current) if current is not None else None
        missing = content is None or all(s.id != snapshot_id for s in content.series.snapshots)
        if content is None or (missing and expected_version is None):
            raise SeriesChangeError(tr("{path}: no snapshot {id}").format(path=where, id=snapshot_id))
        _check_version(store, snapshot_id, expected_version, versions)
        edit(content)
        return content.series, content.records

    store.modify(change)


def create_empty_series(location: str | os.PathLike[str]) -> SeriesStore:
    """An empty series at `location`, named for it; refused where a series is already there."""
    store = open_store(location)
    if store.exists():
        raise SeriesChangeError(
            tr("{where}: a series is there already; open it, or choose another schema.").format(
                where=store.describe()
            )
        )
    name = store.default_name()
    store.write(new_series({"en": name, "de": name}), [])
    return store


def redate_snapshot(
    target: str | os.PathLike[str] | SeriesStore,
    snapshot_id: int,
    instant: dt.datetime,
    expected_version: ExpectedVersion = None,
) -> None:
    """Give a snapshot a new instant; refused if another snapshot has it, or on a conflict."""
    store = open_store(target)
    if instant.tzinfo is None:
        raise SeriesChangeError(tr("{path}: the new date has no time zone").format(path=store.describe()))

    def edit(content: SeriesContent) -> None:
        if any(
            s.id != snapshot_id and iso_utc(s.valid_at) == iso_utc(instant) for s in content.series.snapshots
        ):
            raise SeriesChangeError(
                tr("{path}: another snapshot already has that date").format(path=store.describe())
            )
        content.series.snapshots = [
            dataclasses.replace(s, valid_at=instant.astimezone(dt.timezone.utc)) if s.id == snapshot_id else s
            for s in content.series.snapshots
        ]

    _change_snapshot(store, snapshot_id, expected_version, edit)


def remove_snapshot(
    target: str | os.PathLike[str] | SeriesStore, snapshot_id: int, expected_version: ExpectedVersion = None
) -> None:
    """Remove a snapshot and its features; refused on a conflict."""

    def edit(content: SeriesContent) -> None:
        content.series.snapshots = [s for s in content.series.snapshots if s.id != snapshot_id]
        content.records = [r for r in content.records if r.attributes.get("snapshot_id") != snapshot_id]

    _change_snapshot(open_store(target), snapshot_id, expected_version, edit)


def copy_series(
    source: str | os.PathLike[str] | SeriesStore,
    target: str | os.PathLike[str] | SeriesStore,
    replace: bool = False,
) -> tuple[Series, int]:
    """Copy a whole series, every snapshot, feature, place and setting, to another store.

    Refused when a series is at the target already, unless `replace`; the
    copy is written in one step, so a failure leaves the target as it was.
    Returns the series and the number of features copied.
    """
    source_store, target_store = open_store(source), open_store(target)
    if source_store.same_as(target_store):
        raise SeriesChangeError(
            tr("{where}: a series cannot be copied onto itself").format(where=target_store.describe())
        )
    series, records = source_store.read_content()

    def change(current, _versions):
        if current is not None and not replace:
            raise SeriesChangeError(
                tr("{where}: a series is there already; nothing was copied. Choose another target.").format(
                    where=target_store.describe()
                )
            )
        return series, records

    target_store.modify(change)
    return series, len(records)
