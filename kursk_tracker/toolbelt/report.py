"""One way to tell the user something: QGIS's message bar, and the same line in the plugin's log."""

from __future__ import annotations

from qgis.core import Qgis
from qgis.gui import QgsMessageBar

from .i18n import tr
from .log import log

Level = Qgis.MessageLevel
"""Info, Success, Warning or Critical: the bar's colour and the log's level."""


def message_bar() -> QgsMessageBar | None:
    """QGIS's message bar; None outside QGIS's window (Processing, qgis_process)."""
    try:
        from qgis.utils import iface
    except ImportError:
        return None
    return iface.messageBar() if iface is not None else None


def report(message: str, level: Qgis.MessageLevel = Level.Info, bar: QgsMessageBar | None = None) -> None:
    """`message` in the message bar (`bar`, else QGIS's) for the level's usual time, and in the log."""
    log(message, level)
    bar = bar if bar is not None else message_bar()
    if bar is not None:
        bar.pushMessage(tr("Kursk Tracker"), message, level, -1)
