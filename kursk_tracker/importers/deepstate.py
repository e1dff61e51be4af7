"""DeepStateMap history snapshots: one GeoJSON FeatureCollection per instant.

What we read, and how (facts about the format are in PRODUCT.md):

* Files are named by a unix timestamp (``1730239200.geojson`` -> 2024-10-29
  22:00 UTC) or carry a date in the name. Without one, a history API wrapper
  ``{"id": <timestamp>, "datetime": ..., "map": {FeatureCollection}}`` gives
  the instant; else ``options.ask_date`` is asked; else the file is refused.
* Each feature's ``name`` is ``"<Ukrainian> /// <English> /// geoJSON.<key>"``
  (spring 2024 on; stray no-break spaces and newlines are common). Older
  files have no key: they are classified by the English (or Ukrainian) words
  and the fill colour instead, and the file gets one info saying so.
* Sides: ``UA`` (Ukrainian-held, blue) and ``RU`` (Russian-held, red).

  ===========================================  ==================================
  source                                       becomes
  ===========================================  ==================================
  ``status.dismissed``, fill ``#01579b``        area, side UA, status controlled
  (or the lighter recent ``#0288d1``)
  ``status.dismissed``, fill ``#0f9d58``        not imported: Ukrainian territory
                                               freed in 2022, counted in one info
  ``status.occupied``                          area, side RU, status controlled
  ``status.unknown`` (grey)                    area, **no side** (None), status
                                               contested
  ``status.attack_direction`` or a Point       movement (attack), a line of
  named "Direction of attack"                  ARROW_LENGTH_M ending at the point
  ``units.*``                                  annotation (point) with the unit's
                                               English name as text, no side
  ``territories.*`` (Crimea, ORDLO, ...)       ignored, one info per file
  ===========================================  ==================================

  Contested ground belongs to no side, so its ``side`` is None (statistics
  list it under the side ""). Unit markers get no side either: the key does
  not say whose unit it is.
* ``options.side_mapping`` overrides the side of an area, looked up by its key
  (``"status.dismissed"``) and then by its fill colour (``"#0f9d58"``); a
  mapping to ``""`` drops such areas. A ``status.dismissed`` fill we do not
  know is imported as UA with a warning.
* Arrow direction: the ``description`` (or ``icon``) reads ``{icon=arrow_N}``;
  N is read as the heading in whole degrees clockwise from north (0 north,
  90 east, 180 south), taken modulo 360. This reading is our assumption about
  DeepState's icon set; ``deepstate_classify.bearing_from_icon`` is the one
  place to change it.
  Arrows are side RU unless their name says Ukrainian.
* Speed: a whole-front file is ~600 kB but an area of interest covers a small
  part, so each feature's bounding box is taken from the raw coordinates
  (numpy) and features missing the area are dropped before any shapely
  geometry is built.

This module reads the files; `deepstate_classify` says what each feature is,
`deepstate_features` builds the situation features.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from ..core.errors import KurskTrackerError
from ..core.import_result import ImportResult, SnapshotData
from ..core.series import Side
from ..core.text import tr
from .base import Feedback, ImportOptions
from .dates import date_from_name
from .deepstate_classify import RU_CODE, UA_CODE
from .deepstate_features import features_of
from .normalize import normalise_snapshot
from .safe_files import load_json

UA = Side(UA_CODE, {"en": "Ukraine", "de": "Ukraine"}, "#1f5fbf")
RU = Side(RU_CODE, {"en": "Russia", "de": "Russland"}, "#c8102e")

SOURCE = "DeepStateMap"
MAX_BYTES = 64 * 1024 * 1024
"""Far above a whole-front file (~600 kB); guards against reading something else."""
SNIFF_BYTES = 64 * 1024


def looks_like(path: Path) -> bool:
    """A .geojson/.json whose start or end carries DeepState's My Maps styling or name keys.

    Geometry comes before properties in these files, so a long first polygon
    can push every name past the head: the tail is read too.
    """
    if path.suffix.lower() not in (".geojson", ".json") or not path.is_file():
        return False
    try:
        with path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES)
            size = handle.seek(0, 2)
            handle.seek(max(len(head), size - SNIFF_BYTES))
            tail = handle.read(SNIFF_BYTES)
    except OSError:
        return False
    return any(
        marker in chunk for chunk in (head, tail) for marker in (b'"styleUrl"', b"///", b"geoJSON.status")
    )


def _feature_collection(data: object) -> tuple[list[Any] | None, dict[str, Any]]:
    """The features, and the history API wrapper around them if any."""
    if isinstance(data, dict) and isinstance(data.get("map"), dict):
        wrapper = data
        data = data["map"]
    else:
        wrapper = {}
    if isinstance(data, dict) and isinstance(data.get("features"), list):
        return data["features"], wrapper
    return None, wrapper


def _date_from_wrapper(wrapper: dict[str, Any]) -> dt.datetime | None:
    """The history API's ``id`` is the snapshot's unix timestamp; ``datetime`` may be ISO."""
    value = wrapper.get("id")
    if isinstance(value, (int, float)) and 1e9 <= value < 1e10:
        return dt.datetime.fromtimestamp(value, tz=dt.timezone.utc)
    text = wrapper.get("datetime")
    if isinstance(text, str):
        try:
            instant = dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
        except ValueError:
            return None
        return instant if instant.tzinfo else instant.replace(tzinfo=dt.timezone.utc)
    return None


def _read_file(
    path: Path, instant: dt.datetime | None, options: ImportOptions, result: ImportResult
) -> SnapshotData | None:
    try:
        data = load_json(path, max_bytes=MAX_BYTES)
    except KurskTrackerError as error:
        result.error(path, str(getattr(error, "problem", "") or error))
        return None
    features, wrapper = _feature_collection(data)
    if features is None:
        result.error(path, tr("not a GeoJSON FeatureCollection"))
        return None
    if instant is None:
        instant = _date_from_wrapper(wrapper)
    if instant is None and options.ask_date is not None:
        instant = options.ask_date(path)
    if instant is None:
        result.error(path, tr("no date in the file name or the file"))
        return None
    snapshot = SnapshotData(valid_at=instant, source=SOURCE, origin=str(path))
    snapshot.features = features_of(features, path, options, result)
    return normalise_snapshot(snapshot, options.area_of_interest, result)


def import_files(paths: list[Path], options: ImportOptions, feedback: Feedback) -> ImportResult:
    result = ImportResult(sides=[UA, RU])
    taken: dict[dt.datetime, Path] = {}
    for _index, path in feedback.each(paths, result):
        try:
            instant = date_from_name(path.name, options.epoch, options.timezone)
        except (ValueError, OverflowError):
            instant = None
        # A duplicate named date is refused before the file is read at all.
        if instant is not None and instant in taken:
            result.error(path, tr("same date as {other}; skipped").format(other=taken[instant].name))
        else:
            try:
                snapshot = _read_file(path, instant, options, result)
            except Exception as error:  # one bad file must not end the import
                result.error(path, tr("cannot be imported: {reason}").format(reason=error))
                snapshot = None
            if snapshot is not None:
                if snapshot.valid_at in taken:
                    result.error(
                        path, tr("same date as {other}; skipped").format(other=taken[snapshot.valid_at].name)
                    )
                else:
                    taken[snapshot.valid_at] = path
                    result.snapshots.append(snapshot)
    return result
