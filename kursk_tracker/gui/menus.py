"""The plugin's menu in QGIS's menu bar: made, placed before Help, and taken away again.

Qt only, so the shapely gate can use it where the rest of the plugin does not load.
"""

from __future__ import annotations

from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QMainWindow, QMenu

from ..toolbelt.i18n import tr

MENU_OBJECT_NAME = "KurskTrackerMenu"


def add_plugin_menu(window: QMainWindow) -> QMenu:
    """The "Kursk Tracker" menu, between Processing and Help (QGIS's Help menu is "mHelpMenu")."""
    menu = QMenu(tr("Kursk Tracker"), window)
    menu.setObjectName(MENU_OBJECT_NAME)
    place_before_help(window, menu)
    # At QGIS's start the plugins load in turn and Processing, loading after
    # this plugin, puts its menu before Help too, so in front of ours: once
    # every plugin has loaded (the event loop runs), take the place again.
    # The timer is the menu's child: gone with the menu if the plugin unloads first.
    again = QTimer(menu)
    again.setSingleShot(True)
    again.timeout.connect(lambda: place_before_help(window, menu))
    again.start(0)
    return menu


def place_before_help(window: QMainWindow, menu: QMenu) -> None:
    """Put `menu` right before QGIS's Help menu ("mHelpMenu"), or last if there is none."""
    menu_bar = window.menuBar()
    action = menu.menuAction()
    if action in menu_bar.actions():
        menu_bar.removeAction(action)
    help_menu = next(
        (a for a in menu_bar.actions() if a.menu() and a.menu().objectName() == "mHelpMenu"), None
    )
    if help_menu is not None:
        menu_bar.insertMenu(help_menu, menu)
    else:
        menu_bar.addMenu(menu)


def remove_plugin_menu(window: QMainWindow, menu: QMenu) -> None:
    window.menuBar().removeAction(menu.menuAction())
    # PyQt5-stubs leave out the null parent Qt takes (PyQt passes None as one).
    menu.setParent(None)  # type: ignore[call-overload]
    menu.deleteLater()
