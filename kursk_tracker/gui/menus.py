"""The plugin's menu in QGIS's menu bar: made, placed before Help, and taken away again.

Qt only, so the shapely gate can use it where the rest of the plugin does not load.
"""

from __future__ import annotations

from qgis.PyQt.QtWidgets import QMainWindow, QMenu

from ..toolbelt.i18n import tr

MENU_OBJECT_NAME = "KurskTrackerMenu"


def add_plugin_menu(window: QMainWindow) -> QMenu:
    """The "Kursk Tracker" menu, between Processing and Help (QGIS's Help menu is "mHelpMenu")."""
    menu = QMenu(tr("Kursk Tracker"), window)
    menu.setObjectName(MENU_OBJECT_NAME)
    menu_bar = window.menuBar()
    help_menu = next((a for a in menu_bar.actions() if a.menu() and a.menu().objectName() == "mHelpMenu"),
                     None)
    if help_menu is not None:
        menu_bar.insertMenu(help_menu, menu)
    else:
        menu_bar.addMenu(menu)
    return menu


def remove_plugin_menu(window: QMainWindow, menu: QMenu) -> None:
    window.menuBar().removeAction(menu.menuAction())
    menu.setParent(None)
    menu.deleteLater()
