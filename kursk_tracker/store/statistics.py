"""Area statistics of a series (GeoPackage or PostGIS)."""

from __future__ import annotations

import os

import shapely

from ..core.series import Series
from ..core.stats import AreaRow, area_table
from .backend import SeriesStore, open_store
from .gpkg import text_value


def series_statistics(target: str | os.PathLike[str] | SeriesStore) -> tuple[Series, list[AreaRow]]:
    """The series and its area rows (per snapshot, side and status)."""
    series, records = open_store(target).read_content()
    areas = [
        (
            r.snapshot_id,
            text_value(r.attributes.get("side")),
            text_value(r.attributes.get("status")),
            shapely.from_wkt(r.wkt),
        )
        for r in records
        if r.layer == "areas"
    ]
    return series, area_table(series, areas)


def series_frames(target: str | os.PathLike[str] | SeriesStore, timing: str = "eased"):
    """The series at any instant (core.frames.SeriesFrames) from a stored series."""
    from ..core.frames import SeriesFrames
    from ..core.morph import MorphSettings

    series, records = open_store(target).read_content()
    return SeriesFrames.from_records(series, records, MorphSettings(timing=timing))
