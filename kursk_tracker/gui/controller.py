"""The open series and the shown snapshot, shared by the three docks."""

from __future__ import annotations

from pathlib import Path

from qgis.core import QgsApplication, QgsProject
from qgis.PyQt.QtCore import QObject, pyqtSignal

from ..core.series import Series, Snapshot
from ..layers.series_layers import (
    ROLE_PROPERTY,
    SeriesLayers,
    load_series_layers,
    remove_series_groups,
)
from ..store.gpkg import read_series
from ..store.sample import sample_working_copy
from ..toolbelt.i18n import current_language


def user_data_dir() -> Path:
    """The plugin's folder in the user's QGIS profile."""
    return Path(QgsApplication.qgisSettingsDirPath()) / "kursk_tracker"


class SeriesController(QObject):
    """Opens series into the project and says which snapshot is shown."""

    seriesChanged = pyqtSignal()  # noqa: N815 (Qt naming)
    seriesOpened = pyqtSignal()  # noqa: N815 — a series newly opened (not reloaded): frame the map
    snapshotChanged = pyqtSignal()  # noqa: N815

    def __init__(self, project: QgsProject | None = None) -> None:
        super().__init__()
        self.project = project or QgsProject.instance()
        self.current: SeriesLayers | None = None

    @property
    def series(self) -> Series | None:
        return None if self.current is None else self.current.series

    def open_series(self, path: str | Path, reloading: bool = False) -> SeriesLayers:
        """Replace the open series with the one at `path`."""
        self.close_series(emit=False)
        self.current = load_series_layers(path, self.project, current_language())
        self.seriesChanged.emit()
        self.snapshotChanged.emit()
        if not reloading:
            self.seriesOpened.emit()
        return self.current

    def open_sample(self) -> SeriesLayers:
        return self.open_series(sample_working_copy(user_data_dir() / "sample"))

    def reload(self) -> None:
        """Reopen the series after its file changed, keeping the shown snapshot if it is still there."""
        if self.current is None:
            return
        path, shown = self.current.path, self.current.snapshot_id
        self.open_series(path, reloading=True)
        if shown is not None:
            self.show_snapshot(shown)

    def close_series(self, emit: bool = True) -> None:
        if self.current is not None:
            remove_series_groups(self.project)
            self.current = None
        if emit:
            self.seriesChanged.emit()
            self.snapshotChanged.emit()

    def forget(self) -> None:
        """The project was cleared: drop our reference without touching it."""
        if self.current is not None:
            self.current = None
            self.seriesChanged.emit()
            self.snapshotChanged.emit()

    def snapshots(self) -> list[Snapshot]:
        return [] if self.series is None else self.series.sorted_snapshots()

    def current_snapshot(self) -> Snapshot | None:
        return None if self.current is None else self.current.current_snapshot()

    def show_snapshot(self, snapshot_id: int) -> None:
        if self.current is None or self.current.snapshot_id == snapshot_id:
            return
        snapshot = next((s for s in self.snapshots() if s.id == snapshot_id), None)
        if snapshot is not None:
            self.current.show_snapshot(snapshot)
            self.snapshotChanged.emit()

    def step(self, offset: int) -> None:
        """Show the snapshot `offset` places before or after the shown one."""
        snapshots = self.snapshots()
        if not snapshots:
            return
        ids = [s.id for s in snapshots]
        index = ids.index(self.current.snapshot_id) if self.current.snapshot_id in ids else 0
        self.show_snapshot(ids[max(0, min(len(ids) - 1, index + offset))])

    def attach_to_project(self) -> None:
        """After a project is read: take up the series group it holds, if any."""
        self.current = None
        root = self.project.layerTreeRoot()
        for group in root.findGroups():
            if group.customProperty(ROLE_PROPERTY) != "series":
                continue
            path = Path(str(group.customProperty("kursk_tracker/path", "")))
            if not path.is_file():
                continue
            layers = {
                str(node.layer().customProperty(ROLE_PROPERTY)): node.layer()
                for node in group.findLayers()
                if node.layer() is not None
            }
            current = SeriesLayers(read_series(path), path, group)
            current.layers = {
                name: layer for name, layer in layers.items()
                if name in ("areas", "front_lines", "movements", "annotations", "places")
            }
            subset = current.layers.get("areas").subsetString() if "areas" in current.layers else ""
            if subset.startswith('"snapshot_id" = '):
                current.snapshot_id = int(subset.split("=")[1])
            self.current = current
            break
        self.seriesChanged.emit()
        self.snapshotChanged.emit()
