"""Qt names that moved between Qt 5 (QGIS 3) and Qt 6 (QGIS 4).

On QGIS 4, `qgis.PyQt.QtWidgets` is PyQt6's module as it is, and Qt 6 moved
QAction, QActionGroup and QShortcut to QtGui. Import them from here. This
module imports nothing but Qt, so the Qt6 check can import it against PyQt6.
"""

from __future__ import annotations

from qgis.PyQt import QtGui, QtWidgets
from qgis.PyQt.QtCore import QT_VERSION_STR

QT_MAJOR: int = int(QT_VERSION_STR.split(".")[0])

_MOVED_TO = QtGui if QT_MAJOR >= 6 else QtWidgets
"""Where the moved classes live in the Qt that runs."""

QAction = _MOVED_TO.QAction
QActionGroup = _MOVED_TO.QActionGroup
QShortcut = _MOVED_TO.QShortcut

__all__ = ["QT_MAJOR", "QAction", "QActionGroup", "QShortcut"]
