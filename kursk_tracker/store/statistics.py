"""Area statistics of a series file."""

from __future__ import annotations

import os

import shapely

from ..core.series import Series
from ..core.stats import AreaRow, area_table
from .gpkg import read_features, read_series


def series_statistics(path: str | os.PathLike[str]) -> tuple[Series, list[AreaRow]]:
    """The series and its area rows (per snapshot, side and status)."""
    series = read_series(path)
    areas = [
        (int(r.attributes["snapshot_id"]), r.attributes.get("side"), r.attributes.get("status"),
         shapely.from_wkt(r.wkt))
        for r in read_features(path) if r.layer == "areas"
    ]
    return series, area_table(series, areas)


def series_frames(path: str | os.PathLike[str], timing: str = "eased"):
    """The series at any instant (core.timeline.SeriesFrames) from a series file."""
    from ..core.morph import MorphSettings
    from ..core.timeline import SeriesFrames

    return SeriesFrames.from_records(read_series(path), read_features(path), MorphSettings(timing=timing))
