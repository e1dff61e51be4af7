"""Kursk Tracker: a QGIS plugin for mapping a moving front week by week."""


def classFactory(iface):  # noqa: N802 (QGIS's name)
    """QGIS entry point; imports the plugin only when QGIS asks for it."""
    from .plugin import KurskTrackerPlugin

    return KurskTrackerPlugin(iface)
