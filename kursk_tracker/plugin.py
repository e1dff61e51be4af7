"""Wires Kursk Tracker into QGIS: menu, toolbar, docks, Processing, translator."""

from __future__ import annotations

from pathlib import Path

from qgis.core import (
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsProject,
    QgsTemporalNavigationObject,
)
from qgis.PyQt.QtCore import Qt, QTimer
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QFileDialog, QMenu

from .core.errors import KurskTrackerError
from .export.render import DISPLAY_CRS
from .gui.export_dock import ExportDock
from .gui.menus import add_plugin_menu, remove_plugin_menu
from .gui.situation_dock import SituationDock
from .gui.temporal_sync import TemporalSync
from .gui.timeline_dock import TimelineDock
from .layers.session import SeriesSession
from .processing.provider import KurskTrackerProvider
from .toolbelt.i18n import install_translator, remove_translator, tr
from .toolbelt.log import log
from .toolbelt.paths import icon_path
from .toolbelt.qtcompat import QAction
from .toolbelt.settings import PluginSettings, TimelineSettings

TOOLBAR_OBJECT_NAME = "KurskTrackerToolbar"


class KurskTrackerPlugin:
    def __init__(self, iface) -> None:
        self.iface = iface
        self.translator = None
        self.provider: KurskTrackerProvider | None = None
        self.session: SeriesSession | None = None
        self.docks: list = []
        self.actions: list[QAction] = []
        self.menu: QMenu | None = None
        self.toolbar = None
        self._timeline_compacted = False
        self._project_connections: list = []
        self.temporal_sync: TemporalSync | None = None

    def initProcessing(self) -> None:  # noqa: N802
        if self.provider is None:
            self.provider = KurskTrackerProvider()
            QgsApplication.processingRegistry().addProvider(self.provider)

    def initGui(self) -> None:  # noqa: N802
        self.translator = install_translator()
        self.initProcessing()
        self.session = SeriesSession(QgsProject.instance())
        window = self.iface.mainWindow()

        self.situation_dock = SituationDock(
            self.session, self.ask_open_series, self.open_sample_series, window,
            self.iface.mapCanvas(), self.iface.messageBar(),
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
        self.toolbar = self.iface.addToolBar(tr("Kursk Tracker"))
        self.toolbar.setObjectName(TOOLBAR_OBJECT_NAME)

        open_action = self._action("open_series.svg", tr("Open series…"), self.ask_open_series)
        sample_action = self._action("sample.svg", tr("Open sample series"), self.open_sample_series)
        postgis_action = self._action("open_series.svg", tr("Open PostGIS series…"),
                                      lambda _checked=False: self.situation_dock.ask_open_postgis())
        self.menu.addAction(open_action)
        self.menu.addAction(postgis_action)
        self.menu.addAction(sample_action)
        self.menu.addSeparator()
        self.toolbar.addAction(open_action)
        for dock in self.docks:
            toggle = dock.toggleViewAction()
            self.menu.addAction(toggle)
        self.toolbar.addAction(self.situation_dock.toggleViewAction())
        self.toolbar.addAction(self.timeline_dock.toggleViewAction())
        self.toolbar.addAction(self.export_dock.toggleViewAction())

        project = QgsProject.instance()
        self._connect(project.readProject, self._read_project)
        self._connect(project.writeProject, self.session.write_project_state)
        self._connect(project.cleared, self.session.forget)
        self.session.seriesOpened.connect(self._series_opened)
        self.session.layersLeaving.connect(self.iface.mapCanvas().waitWhileRendering)
        navigation = self.iface.mapCanvas().temporalController()
        if isinstance(navigation, QgsTemporalNavigationObject):
            self.temporal_sync = TemporalSync(self.session, navigation,
                                              self.timeline_dock.step_combo.currentIndexChanged)
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
            window.resizeDocks([self.timeline_dock], [self.timeline_dock.sizeHint().height()],
                               Qt.Orientation.Vertical)
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
            self.toolbar.setParent(None)
            self.toolbar.deleteLater()
            self.toolbar = None
        for action in self.actions:
            action.deleteLater()
        self.actions = []
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
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
            self.iface.mainWindow(), tr("Open series"), settings.last_series_folder,
            tr("Series GeoPackage (*.gpkg)"),
        )
        if path:
            settings.last_series_folder = str(Path(path).parent)
            settings.save()
            self.open_series(path)

    def open_series(self, path) -> None:
        try:
            self.session.open_series(path)
        except KurskTrackerError as error:
            self.iface.messageBar().pushCritical(tr("Kursk Tracker"), str(error))
            return
        log(tr("Opened series {path}").format(path=path))

    def _series_opened(self) -> None:
        """Frame a newly opened series, from the menu, the panel or an import."""
        loaded = self.session.current
        # The series' own layers are all the project has: a new project.
        new_project = len(QgsProject.instance().mapLayers()) == len(loaded.group.findLayers())
        # QGIS gives a new project the first layer's CRS and extent once the
        # event loop runs; set ours after that.
        QTimer.singleShot(0, lambda: self._frame_series(loaded, new_project))

    def open_sample_series(self) -> None:
        try:
            self.session.open_sample()
        except KurskTrackerError as error:
            self.iface.messageBar().pushCritical(tr("Kursk Tracker"), str(error))

    def _frame_series(self, loaded, new_project: bool) -> None:
        """Zoom to the whole series; a new project draws in Web Mercator."""
        if self.session is None or self.session.current is not loaded:
            return
        canvas = self.iface.mapCanvas()
        if new_project:
            crs = QgsCoordinateReferenceSystem(DISPLAY_CRS)
            QgsProject.instance().setCrs(crs)
            canvas.setDestinationCrs(crs)
        try:
            extent = loaded.full_extent(canvas.mapSettings().destinationCrs(), margin=0.25)
        except KurskTrackerError:
            return  # an empty series: leave the map where it is
        canvas.setExtent(extent)
        canvas.refresh()

    def _read_project(self, _document) -> None:
        self.session.attach_to_project()
