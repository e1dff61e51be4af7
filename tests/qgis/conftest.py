"""Fixtures for tests inside QGIS: an iface whose docks land in a real window."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from qgis.core import QgsProject
from qgis.PyQt.QtCore import QCoreApplication, QEvent
from qgis.PyQt.QtWidgets import QMainWindow


def wait_until(condition, seconds: float = 60) -> bool:
    """Run the event loop until `condition()` holds (or the time is up); whether it holds."""
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        QCoreApplication.processEvents()
        time.sleep(0.01)
    return bool(condition())


def wait_for_import(dock, seconds: float = 60) -> None:
    """Run the event loop until the Situation panel's import task has finished."""
    assert wait_until(lambda: dock.task is None, seconds), "import did not finish"


@pytest.fixture
def connection_name(postgis_server, qgis_app):
    """A PostgreSQL connection to the test server saved in QGIS, without a password (the server
    trusts local users), as a user saves one in the Data Source Manager."""
    from qgis.core import QgsDataSourceUri, QgsProviderRegistry

    name = "Kursk Tracker test server"
    metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
    uri = QgsDataSourceUri()
    uri.setConnection(postgis_server.host, str(postgis_server.port), postgis_server.database, "postgres", "")
    metadata.saveConnection(metadata.createConnection(uri.uri(False), {"saveUsername": True}), name)
    yield name
    metadata.deleteConnection(name)


_POOL_STUCK: list[bool] = []


def settle_canvas(canvas) -> None:
    """Let `canvas` finish drawing and let go of its layers, so a project may delete them.

    QgsMapCanvas.stopRendering() only asks the running job to stop and forgets
    it: the job goes on in its thread for a while, and QGIS 3.22 crashes when
    a layer it draws is deleted meanwhile (the symbols' expressions are shared
    with the job's copy). So the canvas is frozen (no new render starts), its
    job is waited for, and so are the pooled threads where jobs it cancelled
    earlier may still run. A pooled thread that does not end within seconds
    (once seen: a QGIS task hung in its own start) is not waited for again.
    """
    from qgis.PyQt.QtCore import QThreadPool

    canvas.freeze(True)
    canvas.waitWhileRendering()
    canvas.stopRendering()
    canvas.setLayers([])
    if not _POOL_STUCK and not QThreadPool.globalInstance().waitForDone(5000):
        _POOL_STUCK.append(True)


def flush_deletes() -> None:
    """Run pending deleteLater() calls, as the QGIS event loop would."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()


@pytest.fixture(autouse=True, scope="session")
def fresh_plugin_settings(qgis_app):
    """Each run starts from the plugin's defaults: pytest-qgis keeps QgsSettings between runs."""
    from qgis.core import QgsSettings

    QgsSettings().remove("kursk_tracker")


@pytest.fixture
def iface(qgis_iface):
    """pytest-qgis's iface, with docks and toolbars added to its real QMainWindow.

    The stub's addDockWidget does nothing; QGIS itself adds the dock to the
    main window, which is what the load/unload tests must see.
    """
    window: QMainWindow = qgis_iface.mainWindow()
    qgis_iface.addDockWidget = lambda area, dock: window.addDockWidget(area, dock)
    qgis_iface.addTabifiedDockWidget = (
        lambda area, dock, tabify_with=(), raise_tab=False: window.addDockWidget(area, dock)
    )
    qgis_iface.removeDockWidget = lambda dock: window.removeDockWidget(dock)
    qgis_iface.addToolBar = lambda name: window.addToolBar(name)
    yield qgis_iface
    # pytest-qgis's canvas draws every layer added to the project, in threads:
    # let it finish and let go of the layers before the project deletes them.
    canvas = qgis_iface.mapCanvas()
    settle_canvas(canvas)
    flush_deletes()
    QgsProject.instance().clear()
    flush_deletes()
    canvas.freeze(False)


@pytest.fixture
def plugin(iface):
    """The plugin as QGIS loads it: classFactory, initProcessing, initGui."""
    import kursk_tracker

    instance = kursk_tracker.classFactory(iface)
    instance.initProcessing()
    instance.initGui()
    yield instance
    instance.unload()
    flush_deletes()


QGIS_PROCESS = shutil.which("qgis_process.bin") or shutil.which("qgis_process")
"""On Debian 12 the /usr/bin/qgis_process wrapper adds a flag QGIS 3.22 rejects: the binary itself."""


def staged_plugin(repo_root: Path) -> Path:
    """The plugin folder as the zip holds it (build/plugin/kursk_tracker), staged if missing."""
    staged = repo_root / "build" / "plugin" / "kursk_tracker"
    if not staged.exists():
        subprocess.run(["make", "--no-print-directory", "stage"], cwd=repo_root, check=True)
    return staged


def qgis_process_profile(
    folder: Path, install: Callable[[Path], None], with_venv: bool = True
) -> dict[str, str]:
    """A fresh QGIS profile under `folder` with the plugin put in by `install(plugins_folder)` and
    enabled for qgis_process; returns the environment to run qgis_process in. `with_venv`: the
    test venv's packages (shapely 2) on the path, as `make run` gives them."""
    plugins = folder / "profiles" / "default" / "python" / "plugins"
    plugins.mkdir(parents=True)
    install(plugins)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QGIS_CUSTOM_CONFIG_PATH=str(folder))
    if with_venv:
        env["PYTHONPATH"] = next(p for p in sys.path if p.endswith("site-packages") and ".venv" in p)
    subprocess.run(
        [str(QGIS_PROCESS), "plugins", "enable", "kursk_tracker"],
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )
    return env


def other_user_deletes_a_feature(server, schema: str, snapshot_id: int) -> None:
    """Someone edits a snapshot's areas in their own session (SQL, or QGIS editing the layer)."""
    import psycopg2

    connection = psycopg2.connect(**server.params)
    try:
        with connection, connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {schema}.areas WHERE fid = "  # nosec B608 - test schema name
                f"(SELECT min(fid) FROM {schema}.areas WHERE snapshot_id = %s)",
                (snapshot_id,),
            )
            assert cursor.rowcount == 1
    finally:
        connection.close()
