"""Kursk Tracker: a QGIS plugin for mapping a moving front week by week."""


def classFactory(iface):  # noqa: N802 (QGIS's name)
    """QGIS entry point; imports the plugin only when QGIS asks for it.

    The plugin's own packages folder (shapely installed by the plugin) goes on
    sys.path first, before anything imports shapely. Without a working
    shapely 2 the gate wraps the plugin and offers to install it.
    """
    from .toolbelt.dependencies import activate_packages_dir, shapely_problem

    activate_packages_dir()
    problem = shapely_problem()
    if problem is None:
        from .plugin import KurskTrackerPlugin

        return KurskTrackerPlugin(iface)
    from .gate import ShapelyGate

    return ShapelyGate(iface, problem)
