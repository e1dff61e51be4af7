"""The series session's state in a QGIS project file: written explicitly, read back explicitly.

The series' location is its layer group's own property (set when the series
is loaded); the instant shown, the timeline's timing and what the change is
measured from are project entries written while QGIS writes the file. None of
it is recovered from what a layer happens to show.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from qgis.core import QgsLayerTreeGroup, QgsProject, QgsVectorLayer

from ..core.errors import KurskTrackerError
from ..core.timefmt import iso_utc, parse_utc
from ..core.timings import TIMINGS
from ..store.backend import is_postgis_location, open_store
from ..toolbelt.i18n import tr
from ..toolbelt.log import log
from ..toolbelt.settings import TimelineSettings
from .scene import SeriesScene
from .series_layers import LOCATION_PROPERTY, ROLE_PROPERTY, SeriesLayers

PROJECT_SCOPE = "KurskTracker"
"""The project file's entries for the session: the instant shown, the timing, the comparison."""

SERIES_LAYERS = ("areas", "front_lines", "movements", "annotations", "places")
"""The stored layers of a series group; the live ones (morph, change) are rebuilt, never restored."""


def preview_timing() -> str:
    """The pace the map shows between snapshots, as the user last chose it (linear at first)."""
    return TimelineSettings.load().preview_timing


def write_state(project: QgsProject, scene: SeriesScene | None) -> None:
    """Into the project being written: the instant `scene` shows, its timing and comparison."""
    for key in ("instant", "timing", "compare_with"):
        project.removeEntry(PROJECT_SCOPE, key)
    if scene is None or scene.instant is None:
        return
    project.writeEntry(PROJECT_SCOPE, "instant", iso_utc(scene.instant))
    if scene.frames is not None and scene.frames.settings is not None:
        project.writeEntry(PROJECT_SCOPE, "timing", scene.frames.settings.timing)
    if scene.compare_with is not None:
        project.writeEntry(PROJECT_SCOPE, "compare_with", int(scene.compare_with))


def restore_state(project: QgsProject, scene: SeriesScene) -> None:
    """The timing and comparison saved with the project, where they still fit the series."""
    timing, _found = project.readEntry(PROJECT_SCOPE, "timing", "")
    frames = scene.frames
    if (
        timing in TIMINGS
        and frames is not None
        and frames.settings is not None
        and timing != frames.settings.timing
    ):
        scene.set_timing(timing)
    compare, found = project.readNumEntry(PROJECT_SCOPE, "compare_with", 0)
    if found and any(s.id == compare for s in scene.snapshots()):
        scene.compare_with = compare


def saved_instant(project: QgsProject) -> dt.datetime | None:
    """The instant the project was saved at; None where it holds none (or not a date: said in the log)."""
    text, found = project.readEntry(PROJECT_SCOPE, "instant", "")
    if not found or not text:
        return None
    try:
        return parse_utc(text)
    except ValueError:
        log(
            tr("The project's saved instant {text} is not a date; the latest snapshot is shown.").format(
                text=text
            )
        )
        return None


def scene_of(project: QgsProject, group: QgsLayerTreeGroup, language: str) -> SeriesScene | None:
    """The series a project's layer group shows, with its layers; None where it is not one of ours
    or its store cannot be read (said in the log)."""
    if group.customProperty(ROLE_PROPERTY) != "series":
        return None
    location = str(group.customProperty(LOCATION_PROPERTY, ""))
    if not location or (not is_postgis_location(location) and not Path(location).is_file()):
        return None
    try:
        store = open_store(location)
        series = store.read_series()
    except KurskTrackerError as error:
        log(str(error))
        return None
    layers: dict[str, QgsVectorLayer] = {}
    for node in group.findLayers():
        layer = node.layer()
        if isinstance(layer, QgsVectorLayer):
            layers[str(layer.customProperty(ROLE_PROPERTY))] = layer
    # The live layers are rebuilt from the series, never restored.
    project.removeMapLayers([layer.id() for role, layer in layers.items() if role.startswith("live_")])
    loaded = SeriesLayers(series, store, group)
    loaded.layers = {name: layer for name, layer in layers.items() if name in SERIES_LAYERS}
    loaded.reconnect()
    return SeriesScene(loaded, project, language, preview_timing())
