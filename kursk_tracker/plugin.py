"""Wires Kursk Tracker into QGIS: menu, toolbar, docks, Processing, translator."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from qgis.core import (
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsProject,
    QgsTemporalNavigationObject,
)
from qgis.PyQt.QtCore import Qt, QTimer, QTranslator
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QFileDialog, QMenu, QToolBar

from .core.errors import KurskTrackerError
from .export.render import DISPLAY_CRS
from .gui.export_dock import ExportDock
from .gui.menus import add_plugin_menu, remove_plugin_menu
from .gui.situation_dock import SituationDock
from .gui.temporal_sync import TemporalSync
from .gui.timeline_dock import TimelineDock
from .layers.session import SeriesSession
from .processing.provider import KurskTrackerProvider
from .toolbelt.compat import required
from .toolbelt.i18n import install_translator, remove_translator, tr
from .toolbelt.log import log
from .toolbelt.paths import icon_path
from .toolbelt.qtcompat import QAction
from .toolbelt.settings import PluginSettings, TimelineSettings

if TYPE_CHECKING:
    from .layers.series_layers import SeriesLayers

TOOLBAR_OBJECT_NAME = "KurskTrackerToolbar"


class KurskTrackerPlugin:
    def __init__(self, iface) -> None:
        self.iface = iface
        self.translator: QTranslator | None = None
        self.provider: KurskTrackerProvider | None = None
        self.session: SeriesSession | None = None
        self.docks: list = []
        self.actions: list[QAction] = []
        self.menu: QMenu | None = None
        self.toolbar: QToolBar | None = None
        self._timeline_compacted = False
        self._project_connections: list = []
        self.temporal_sync: TemporalSync | None = None

    def initProcessing(self) -> None:  # noqa: N802
        if self.provider is None:
            self.provider = KurskTrackerProvider()
            required(QgsApplication.processingRegistry(), "Processing registry").addProvider(self.provider)

    def initGui(self) -> None:  # noqa: N802
        self.translator = install_translator()
        self.initProcessing()
        project = required(QgsProject.instance(), "project")
        self.session = SeriesSession(project)
        window = self.iface.mainWindow()

        self.situation_dock = SituationDock(
            self.session,
            self.ask_open_series,
            self.open_sample_series,
            window,
            self.iface.mapCanvas(),
            self.iface.messageBar(),
        )
        self.timeline_dock = TimelineDock(self.session, window, self.iface.mapCanvas())
        self.export_dock = ExportDock(self.session, self.iface.mapCanvas(), window)
        self.docks = [self.situation_dock, self.timeline_dock, self.export_dock]
        right = Qt.DockWidgetArea.RightDockWidgetArea
        self.iface.addDockWidget(right, self.situation_dock)
        self.iface.addDockWidget(right, self.export_dock)
        self.iface.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.timeline_dock)
        if window.isVisible():
            self._arrange_docks_once()
        else:
            # QGIS lays out its docks from saved state at the end of start-up.
            self._connect(self.iface.initializationCompleted, self._arrange_docks_once)

        self.menu = add_plugin_menu(window)
        toolbar: QToolBar = self.iface.addToolBar(tr("Kursk Tracker"))
        toolbar.setObjectName(TOOLBAR_OBJECT_NAME)
        self.toolbar = toolbar

        open_action = self._action("open_series.svg", tr("Open series…"), self.ask_open_series)
        sample_action = self._action("sample.svg", tr("Open sample series"), self.open_sample_series)
        postgis_action = self._action(
            "open_series.svg",
            tr("Open PostGIS series…"),
            lambda _checked=False: self.situation_dock.ask_open_postgis(),
        )
        self.menu.addAction(open_action)
        self.menu.addAction(postgis_action)
        self.menu.addAction(sample_action)
        self.menu.addSeparator()
        toolbar.addAction(open_action)
        for dock in self.docks:
            toggle = dock.toggleViewAction()
            self.menu.addAction(toggle)
        toolbar.addAction(self.situation_dock.toggleViewAction())
        toolbar.addAction(self.timeline_dock.toggleViewAction())
        toolbar.addAction(self.export_dock.toggleViewAction())

        self._connect(project.readProject, self._read_project)
        self._connect(project.writeProject, self.session.write_project_state)
        self._connect(project.cleared, self.session.forget)
        self.session.seriesOpened.connect(self._series_opened)
        self.session.layersLeaving.connect(self.iface.mapCanvas().waitWhileRendering)
        navigation = self.iface.mapCanvas().temporalController()
        if isinstance(navigation, QgsTemporalNavigationObject):
            self.temporal_sync = TemporalSync(
                self.session, navigation, self.timeline_dock.step_combo.currentIndexChanged
            )
        self.session.attach_to_project()

    def _arrange_docks_once(self) -> None:
        """The first time: Export as a tab behind Situation layers.

        Afterwards QGIS restores wherever the user put the docks.
        """
        if not self.docks:
            return
        window = self.iface.mainWindow()
        if not TimelineSettings.load().compacted:
            # The Timeline as low as its controls, over the layout QGIS restored. It counts
            # as done when QGIS closes normally and so saves the compact layout.
            window.resizeDocks(
                [self.timeline_dock], [self.timeline_dock.sizeHint().height()], Qt.Orientation.Vertical
            )
            self._timeline_compacted = True
        settings = PluginSettings.load()
        if settings.docks_arranged:
            return
        window.tabifyDockWidget(self.situation_dock, self.export_dock)
        # Wide enough for the snapshot list's figures and the export settings.
        window.resizeDocks([self.situation_dock], [480], Qt.Orientation.Horizontal)
        self.situation_dock.raise_()
        settings.docks_arranged = True
        settings.save()

    def _action(self, icon: str, text: str, slot) -> QAction:
        action = QAction(QIcon(icon_path(icon)), text, self.iface.mainWindow())
        action.triggered.connect(slot)
        self.actions.append(action)
        return action

    def _connect(self, signal, slot) -> None:
        signal.connect(slot)
        self._project_connections.append((signal, slot))

    def unload(self) -> None:
        if self._timeline_compacted:
            TimelineSettings.update(compacted=True)
        if self.temporal_sync is not None:
            self.temporal_sync.disconnect_all()
            self.temporal_sync = None
        for signal, slot in self._project_connections:
            signal.disconnect(slot)
        self._project_connections = []
        for dock in self.docks:
            if hasattr(dock, "shutdown"):
                dock.shutdown()
            self.iface.removeDockWidget(dock)
            dock.setParent(None)
            dock.deleteLater()
        self.docks = []
        if self.menu is not None:
            remove_plugin_menu(self.iface.mainWindow(), self.menu)
            self.menu = None
        if self.toolbar is not None:
            self.iface.mainWindow().removeToolBar(self.toolbar)
            # PyQt5-stubs leave out the null parent Qt takes (PyQt passes None as one).
            self.toolbar.setParent(None)  # type: ignore[call-overload]
            self.toolbar.deleteLater()
            self.toolbar = None
        for action in self.actions:
            action.deleteLater()
        self.actions = []
        if self.provider is not None:
            required(QgsApplication.processingRegistry(), "Processing registry").removeProvider(self.provider)
            self.provider = None
        remove_translator(self.translator)
        self.translator = None
        if self.session is not None:
            self.session.shutdown()
            self.session.deleteLater()
            self.session = None

    def ask_open_series(self) -> None:
        settings = PluginSettings.load()
        path, _filter = QFileDialog.getOpenFileName(
            self.iface.mainWindow(),
            tr("Open series"),
            settings.last_series_folder,
            tr("Series GeoPackage (*.gpkg)"),
        )
        if path:
            settings.last_series_folder = str(Path(path).parent)
            settings.save()
            self.open_series(path)

    def _session(self) -> SeriesSession:
        """The session initGui makes; the actions and project signals that use it are gone with it."""
        if self.session is None:
            raise RuntimeError("Kursk Tracker's GUI is not loaded")
        return self.session

    def open_series(self, path) -> None:
        try:
            self._session().open_series(path)
        except KurskTrackerError as error:
            self.iface.messageBar().pushCritical(tr("Kursk Tracker"), str(error))
            return
        log(tr("Opened series {path}").format(path=path))

    def _series_opened(self) -> None:
        """Frame a newly opened series, from the menu, the panel or an import."""
        loaded = self._session().current
        if loaded is None:  # seriesOpened comes once the series is open
            return
        # The series' own layers are all the project has: a new project.
        project = required(QgsProject.instance(), "project")
        new_project = len(project.mapLayers()) == len(loaded.group.findLayers())
        # QGIS gives a new project the first layer's CRS and extent once the
        # event loop runs; set ours after that.
        QTimer.singleShot(0, lambda: self._frame_series(loaded, new_project))

    def open_sample_series(self) -> None:
        try:
            self._session().open_sample()
        except KurskTrackerError as error:
            self.iface.messageBar().pushCritical(tr("Kursk Tracker"), str(error))

    def _frame_series(self, loaded: SeriesLayers, new_project: bool) -> None:
        """Zoom to the whole series; a new project draws in Web Mercator."""
        if self.session is None or self.session.current is not loaded:
            return
        canvas = self.iface.mapCanvas()
        if new_project:
            crs = QgsCoordinateReferenceSystem(DISPLAY_CRS)
            required(QgsProject.instance(), "project").setCrs(crs)
            canvas.setDestinationCrs(crs)
        try:
            extent = loaded.full_extent(canvas.mapSettings().destinationCrs(), margin=0.25)
        except KurskTrackerError:
            return  # an empty series: leave the map where it is
        canvas.setExtent(extent)
        canvas.refresh()

    def _read_project(self, _document) -> None:
        self._session().attach_to_project()
