"""Probe for /work/shared/tools/qgis_desktop_probe.sh: a new user without shapely installs it from the offer.

Runs inside QGIS desktop (--code) with the plugin zip in a fresh profile and
QGIS's own Python without shapely:

    make zip build/wheels/.done
    PATH=/usr/bin:$PATH PIP_NO_INDEX=1 PIP_FIND_LINKS=$PWD/build/wheels \\
        qgis_desktop_probe.sh $PWD/dist/kursk_tracker-<version>.zip out/probe tools/probe_install_shapely.py

Screenshots: offer.png (the offer in the message bar), installing.png (the
progress), shot.png (after the install, with the sample series open; where
the install failed, the message the user gets); the findings in probe.json.
An empty PIP_FIND_LINKS folder shows the failure.
"""

import json
import os
import subprocess  # nosec B404 - a developer tool, not part of the plugin
import sys
import time
import traceback

from qgis.core import QgsApplication, QgsProject
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QDockWidget, QPushButton
from qgis.utils import iface, plugins

OUT = os.environ["PROBE_OUT"]
NAME = os.environ["PROBE_PLUGIN"]
result: dict = {"log": [], "steps": []}
QgsApplication.messageLog().messageReceived.connect(
    lambda message, tag, _level: result["log"].append([tag, message[:800]])
)


def shoot(name: str) -> None:
    subprocess.run(
        [
            "import",
            "-display",
            os.environ["PROBE_DISPLAY"],
            "-window",
            "root",  # nosec B603 B607
            os.path.join(OUT, name),
        ],
        check=False,
    )


def bar_texts() -> list[str]:
    return [f"{item.title()}: {item.text()}" for item in iface.messageBar().items()]


def docks() -> list[str]:
    return sorted(
        d.objectName()
        for d in iface.mainWindow().findChildren(QDockWidget)
        if d.objectName().startswith("KurskTracker")
    )


def menu_texts() -> list[str]:
    for action in iface.mainWindow().menuBar().actions():
        if action.menu() is not None and action.menu().objectName() == "KurskTrackerMenu":
            return [a.text() for a in action.menu().actions()]
    return []


def save() -> None:
    with open(os.path.join(OUT, "probe.json"), "w", encoding="utf-8") as file:
        json.dump(result, file, indent=1)


def guarded(step):
    def run():
        try:
            step()
        except Exception:
            result["error"] = traceback.format_exc()
            save()
            QgsApplication.exit(1)

    return run


@guarded
def offer() -> None:
    iface.mainWindow().showMaximized()
    plugin = plugins.get(NAME)
    result["loaded_as"] = type(plugin).__name__
    result["sys_executable"] = sys.executable
    result["shapely_at_start"] = "shapely" in sys.modules
    from kursk_tracker.toolbelt import dependencies

    result["qgis_python"] = dependencies.qgis_python()
    result["packages_dir"] = str(dependencies.packages_dir())
    result["before"] = {"bar": bar_texts(), "docks": docks(), "menu": menu_texts()}
    QTimer.singleShot(1500, guarded(press_install))


def press_install() -> None:
    shoot("offer.png")
    button = iface.messageBar().findChild(QPushButton, "KurskTrackerInstallShapely")
    result["button"] = button.text() if button else None
    button.click()
    result["started"] = time.monotonic()
    QTimer.singleShot(300, guarded(installing))


def installing() -> None:
    result["during"] = {"bar": bar_texts()}
    shoot("installing.png")
    QTimer.singleShot(500, guarded(wait_for_install))


def wait_for_install() -> None:
    plugin = plugins[NAME]
    if plugin.task is not None and time.monotonic() - result["started"] < 150:
        QTimer.singleShot(500, guarded(wait_for_install))
        return
    result["install_seconds"] = round(time.monotonic() - result["started"], 1)
    result["after"] = {
        "bar": bar_texts(),
        "docks": docks(),
        "menu": menu_texts(),
        "providers": [p.id() for p in QgsApplication.processingRegistry().providers()],
    }
    try:
        import shapely
    except ImportError:  # the install failed (no wheel, no network): show what the user is told
        result["shapely"] = None
        save()
        QTimer.singleShot(500, guarded(finish))
        return
    result["shapely"] = [shapely.__version__, shapely.__file__]
    for action in iface.mainWindow().menuBar().actions():
        if action.menu() is not None and action.menu().objectName() == "KurskTrackerMenu":
            next(a for a in action.menu().actions() if a.text() == "Open sample series").trigger()
    QTimer.singleShot(8000, guarded(opened))


def opened() -> None:
    plugin = plugins[NAME]
    session = plugin.plugin.session if hasattr(plugin, "plugin") else plugin.session
    result["opened"] = {
        "layers": sorted(layer.name() for layer in QgsProject.instance().mapLayers().values()),
        "morph_frames": session.frames is not None,
        "snapshots": len(session.snapshots()),
    }
    for dock in iface.mainWindow().findChildren(QDockWidget):
        if dock.objectName() == "KurskTrackerSituationDock":
            dock.raise_()
    save()
    QTimer.singleShot(1500, guarded(finish))


def finish() -> None:
    shoot("shot.png")
    save()
    QgsApplication.exit(0)


QTimer.singleShot(12000, guarded(offer))
