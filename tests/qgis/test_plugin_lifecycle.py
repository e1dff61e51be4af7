"""Loading, unloading and reloading the plugin leaves QGIS as it was."""

from __future__ import annotations

from qgis.core import QgsApplication
from qgis.PyQt.QtWidgets import QDockWidget, QMenu, QToolBar

import kursk_tracker
from kursk_tracker.gui.menus import MENU_OBJECT_NAME
from kursk_tracker.plugin import TOOLBAR_OBJECT_NAME

from .conftest import flush_deletes

DOCK_NAMES = ("KurskTrackerSituationDock", "KurskTrackerTimelineDock", "KurskTrackerExportDock")


def _docks(window) -> list[str]:
    return sorted(
        d.objectName() for d in window.findChildren(QDockWidget) if d.objectName().startswith("KurskTracker")
    )


def _menus(window) -> list[QMenu]:
    return [
        a.menu()
        for a in window.menuBar().actions()
        if a.menu() is not None and a.menu().objectName() == MENU_OBJECT_NAME
    ]


def _toolbars(window) -> list[QToolBar]:
    return window.findChildren(QToolBar, TOOLBAR_OBJECT_NAME)


def _providers() -> list[str]:
    return [p.id() for p in QgsApplication.processingRegistry().providers() if p.id() == "kursk_tracker"]


def test_docks_menu_toolbar_and_provider_present_after_load(plugin, iface):
    window = iface.mainWindow()
    assert _docks(window) == sorted(DOCK_NAMES)
    assert len(_menus(window)) == 1
    menu_texts = [a.text() for a in _menus(window)[0].actions()]
    assert "Open sample series" in menu_texts
    assert len(_toolbars(window)) == 1
    assert _providers() == ["kursk_tracker"]
    provider = QgsApplication.processingRegistry().providerById("kursk_tracker")
    algorithm_ids = [a.id() for a in provider.algorithms()]
    assert "kursk_tracker:listsnapshots" in algorithm_ids


def test_load_and_unload_ten_times_leaves_nothing_behind(iface):
    window = iface.mainWindow()
    before_menus = len(window.menuBar().actions())
    for _ in range(10):
        instance = kursk_tracker.classFactory(iface)
        instance.initProcessing()
        instance.initGui()
        assert _docks(window) == sorted(DOCK_NAMES)
        assert len(_menus(window)) == 1
        assert len(_toolbars(window)) == 1
        assert _providers() == ["kursk_tracker"]
        instance.unload()
        flush_deletes()
        assert _docks(window) == []
        assert _menus(window) == []
        assert _toolbars(window) == []
        assert _providers() == []
        assert instance.translator is None
        assert instance._project_connections == []
    assert len(window.menuBar().actions()) == before_menus


def test_unload_disconnects_from_the_project(iface):
    from qgis.core import QgsProject

    project = QgsProject.instance()
    before = project.receivers(project.readProject) if hasattr(project, "receivers") else None
    instance = kursk_tracker.classFactory(iface)
    instance.initGui()
    instance.unload()
    flush_deletes()
    if before is not None:
        assert project.receivers(project.readProject) == before


def test_menu_sits_between_a_later_processing_menu_and_help(iface):
    """At QGIS's start Processing loads after this plugin and puts its menu before Help."""
    window = iface.mainWindow()
    bar = window.menuBar()
    help_menu = QMenu("Help", window)
    help_menu.setObjectName("mHelpMenu")
    bar.addMenu(help_menu)
    instance = kursk_tracker.classFactory(iface)
    instance.initGui()
    processing = QMenu("Processing", window)
    try:
        bar.insertMenu(help_menu.menuAction(), processing)
        flush_deletes()  # runs the event loop once, as QGIS's start does after loading plugins

        names = [a.menu().objectName() or a.menu().title() for a in bar.actions() if a.menu()]
        assert names[-3:] == ["Processing", MENU_OBJECT_NAME, "mHelpMenu"]
    finally:
        instance.unload()
        bar.removeAction(processing.menuAction())
        bar.removeAction(help_menu.menuAction())
        flush_deletes()


def test_the_compact_timeline_counts_as_done_only_when_qgis_closes_normally(iface):
    """A QGIS killed before saving its layout shrinks the Timeline again at the next start."""
    from qgis.core import QgsSettings

    from kursk_tracker.toolbelt.settings import TimelineSettings

    TIMELINE_COMPACT_KEY = TimelineSettings.key("compacted")  # noqa: N806

    QgsSettings().remove(TIMELINE_COMPACT_KEY)
    instance = kursk_tracker.classFactory(iface)
    instance.initGui()
    try:
        instance._arrange_docks_once()  # what QGIS's initializationCompleted calls
        assert instance._timeline_compacted
        assert not QgsSettings().value(TIMELINE_COMPACT_KEY, False, type=bool)
    finally:
        instance.unload()
        flush_deletes()
    assert QgsSettings().value(TIMELINE_COMPACT_KEY, False, type=bool)
    QgsSettings().remove(TIMELINE_COMPACT_KEY)
