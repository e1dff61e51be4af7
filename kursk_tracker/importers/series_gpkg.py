"""An existing series GeoPackage as a source: its snapshots join another series."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import shapely

from ..core.errors import KurskTrackerError
from ..core.import_result import ImportResult, PlaceData, SituationFeature, SnapshotData
from ..core.series import FeatureKind
from ..core.text import tr
from ..store.gpkg import int_value, read_features, read_series, text_value
from ..store.schema import LANGUAGE_COLUMNS, SETTINGS_TABLE
from .base import Feedback, ImportOptions
from .normalize import normalise_snapshot

KIND_FIELDS = {
    FeatureKind.AREAS: ("status",),
    FeatureKind.FRONT_LINES: ("name",),
    FeatureKind.MOVEMENTS: ("kind", "label", *LANGUAGE_COLUMNS["movements"]),
    FeatureKind.ANNOTATIONS: ("text", *LANGUAGE_COLUMNS["annotations"]),
}
"""The attributes a feature keeps, its texts in each language included."""


def looks_like(path: Path) -> bool:
    if path.suffix.lower() != ".gpkg" or not path.is_file():
        return False
    with path.open("rb") as handle:
        head = handle.read(1 << 20)
    return SETTINGS_TABLE.encode() in head or b"series_settings" in head


def import_files(paths: list[Path], options: ImportOptions, feedback: Feedback) -> ImportResult:
    result = ImportResult()
    for _index, path in feedback.each(paths, result):
        try:
            series = read_series(path)
            records = read_features(path)
        except KurskTrackerError as error:
            result.error(path, getattr(error, "problem", str(error)))
            continue
        for side in series.sides:
            if all(s.code != side.code for s in result.sides):
                result.sides.append(side)
        by_snapshot: dict[int, list[SituationFeature]] = defaultdict(list)
        for record in records:
            geometry = shapely.from_wkt(record.wkt)
            if record.layer == "places":
                names = {
                    "en": record.attributes.get("name_en"),
                    "de": record.attributes.get("name_de"),
                    "local": record.attributes.get("name_local"),
                }
                result.places.append(
                    PlaceData(
                        geometry,
                        {k: str(v) for k, v in names.items() if v},
                        int_value(record.attributes.get("rank") or 3),
                        str(record.attributes.get("source") or ""),
                    )
                )
                continue
            kind = FeatureKind(record.layer)
            attributes = {
                name: record.attributes.get(name)
                for name in KIND_FIELDS[kind]
                if name in record.attributes or name not in LANGUAGE_COLUMNS.get(kind.value, ())
            }
            by_snapshot[record.snapshot_id].append(
                SituationFeature(kind, geometry, text_value(record.attributes.get("side")), attributes)
            )
        for snapshot in series.sorted_snapshots():
            data = SnapshotData(
                snapshot.valid_at,
                by_snapshot.get(snapshot.id, []),
                snapshot.title,
                snapshot.caption,
                snapshot.source or path.name,
                str(path),
                titles=dict(snapshot.titles),
                captions=dict(snapshot.captions),
            )
            result.snapshots.append(normalise_snapshot(data, options.area_of_interest, result))
        if not series.snapshots:
            result.warn(path, tr("the series has no snapshots"))
    return result
