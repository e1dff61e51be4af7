"""Without shapely the plugin offers to install it, installs it into the profile and loads it in place."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from qgis.core import QgsApplication, QgsTask
from qgis.PyQt.QtWidgets import QDockWidget, QPushButton

import kursk_tracker
from kursk_tracker import gate as gate_module
from kursk_tracker.gate import INSTALL_BUTTON_OBJECT_NAME, ShapelyGate
from kursk_tracker.gui.menus import MENU_OBJECT_NAME
from kursk_tracker.toolbelt import dependencies
from kursk_tracker.toolbelt.shapely_install import InstallOutcome

from .conftest import flush_deletes

ROOT = Path(__file__).resolve().parents[2]
WHEELS = ROOT / "build" / "wheels"
DEBIAN_PYTHON = "/usr/bin/python3"
DOCK_NAMES = ["KurskTrackerExportDock", "KurskTrackerSituationDock", "KurskTrackerTimelineDock"]

# Runs in Debian's own Python, without the venv: QGIS with a fresh profile, a
# main window with a message bar and a map canvas standing in for QGIS's.
INSTALL_SCRIPT = textwrap.dedent("""
    import json, sys, time
    sys.path.insert(0, sys.argv[1])
    profile, phase = sys.argv[2], sys.argv[3]
    from qgis.core import QgsApplication
    app = QgsApplication([], True)  # the profile comes from QGIS_CUSTOM_CONFIG_PATH
    app.initQgis()
    from qgis.gui import QgsMapCanvas, QgsMessageBar
    from qgis.PyQt.QtCore import QObject, pyqtSignal
    from qgis.PyQt.QtWidgets import QDockWidget, QMainWindow, QPushButton

    class Iface(QObject):
        initializationCompleted = pyqtSignal()

        def __init__(self):
            super().__init__()
            self.window = QMainWindow()
            self.canvas = QgsMapCanvas(self.window)
            self.window.setCentralWidget(self.canvas)
            self.bar = QgsMessageBar(self.window)

        def mainWindow(self): return self.window
        def mapCanvas(self): return self.canvas
        def messageBar(self): return self.bar
        def addDockWidget(self, area, dock): self.window.addDockWidget(area, dock)
        def removeDockWidget(self, dock): self.window.removeDockWidget(dock)
        def addToolBar(self, name): return self.window.addToolBar(name)

    iface = Iface()
    result = {"shapely_at_start": "shapely" in sys.modules, "settings": QgsApplication.qgisSettingsDirPath()}
    import kursk_tracker
    plugin = kursk_tracker.classFactory(iface)
    result["loaded"] = type(plugin).__name__
    plugin.initProcessing()
    plugin.initGui()
    if phase == "install":
        button = iface.bar.findChild(QPushButton, "KurskTrackerInstallShapely")
        result["offer"] = button is not None and button.text()
        button.click()
        deadline = time.monotonic() + 240
        while plugin.task is not None and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.05)
        result["messages"] = [item.text() for item in iface.bar.items()]
    import shapely
    from kursk_tracker.core.morph import precompute
    from kursk_tracker.core.stats import area_km2
    from kursk_tracker.store.sample import sample_series_path
    from kursk_tracker.store.statistics import series_statistics
    result["shapely"] = [shapely.__version__, shapely.__file__]
    before = {("UA", "held"): shapely.box(35.0, 51.0, 35.2, 51.2)}
    after = {("UA", "held"): shapely.box(35.0, 51.0, 35.4, 51.2)}
    middle = precompute(before, after).frame(0.5)[("UA", "held")]
    result["km2"] = [area_km2(before[("UA", "held")]), area_km2(middle), area_km2(after[("UA", "held")])]
    _series, rows = series_statistics(sample_series_path())
    result["statistics_rows"] = len(rows)
    result["docks"] = sorted(d.objectName() for d in iface.window.findChildren(QDockWidget)
                             if d.objectName().startswith("KurskTracker"))
    result["providers"] = [p.id() for p in QgsApplication.processingRegistry().providers()]
    plugin.open_sample_series()
    result["morph_frames"] = plugin.session.frames is not None
    plugin.unload()
    print("RESULT " + json.dumps(result))
""")


def _debian_python_env(profile: Path | None = None) -> dict[str, str]:
    """Debian's Python alone: no venv, no user site; pip offline from the local wheel folder.

    QGIS's settings in `profile`, not the test session's: QGIS_CUSTOM_CONFIG_PATH is
    what QGIS 3.22 and 3.40 both honour (on 3.40 the profile argument of QgsApplication did not take).
    """
    dropped = ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME", "PYTHONSTARTUP", "QGIS_CUSTOM_CONFIG_PATH")
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    if profile is not None:
        env["QGIS_CUSTOM_CONFIG_PATH"] = str(profile)
    env["PATH"] = "/usr/bin:/bin"
    env.update(
        QT_QPA_PLATFORM="offscreen",
        PYTHONNOUSERSITE="1",
        PIP_NO_INDEX="1",
        PIP_FIND_LINKS=str(WHEELS),
        PIP_DISABLE_PIP_VERSION_CHECK="1",
    )
    return env


def _run_in_debian_python(profile: Path, phase: str) -> dict:
    script = profile.parent / "install_probe.py"
    script.write_text(INSTALL_SCRIPT)
    done = subprocess.run(
        [DEBIAN_PYTHON, str(script), str(ROOT), str(profile), phase],
        env=_debian_python_env(profile),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
    assert lines, f"exit {done.returncode}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return json.loads(lines[-1][len("RESULT ") :])


@pytest.fixture
def debian_python_without_shapely():
    if not Path(DEBIAN_PYTHON).exists():
        pytest.skip("no /usr/bin/python3")
    probe = subprocess.run(
        [DEBIAN_PYTHON, "-c", "import qgis.core, pip; import shapely"],
        env=_debian_python_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert "No module named 'shapely'" in probe.stderr, (
        "Debian's Python must lack shapely for this test (and have qgis and pip): " + probe.stderr
    )
    if not list(WHEELS.glob("shapely-2.0.7-*.whl")):
        pytest.skip("no shapely wheel in build/wheels: run `make build/wheels/.done`")


def test_without_shapely_the_plugin_installs_it_into_the_profile_and_runs_fully(
    debian_python_without_shapely, tmp_path
):
    profile = tmp_path / "profile"
    profile.mkdir()
    result = _run_in_debian_python(profile, "install")
    assert result["shapely_at_start"] is False
    assert result["loaded"] == "ShapelyGate"
    assert result["offer"] == "Install shapely"
    assert Path(result["settings"]).is_relative_to(profile)
    folder = (
        Path(result["settings"])
        / "kursk_tracker"
        / "python-packages"
        / "py{}.{}".format(*sys.version_info[:2])
    )
    assert result["shapely"][0] == "2.0.7"
    assert Path(result["shapely"][1]).is_relative_to(folder)
    assert any("shapely 2.0.7 is installed for Kursk Tracker" in m for m in result["messages"])
    assert result["docks"] == DOCK_NAMES
    assert "kursk_tracker" in result["providers"]
    assert result["morph_frames"] is True
    before, middle, after = result["km2"]
    assert before < middle < after
    assert result["statistics_rows"] > 0
    # numpy stays QGIS's: pip put shapely alone into the folder
    assert sorted(p.name.split("-")[0] for p in folder.iterdir()) == ["shapely", "shapely", "shapely.libs"]

    # The next start takes shapely from the plugin's folder before anything else: the full plugin at once.
    again = _run_in_debian_python(profile, "start")
    assert again["loaded"] == "KurskTrackerPlugin"
    assert Path(again["shapely"][1]).is_relative_to(folder)
    assert again["docks"] == DOCK_NAMES


# The gate inside QGIS (the test's QGIS has shapely; the gate is told it has not) ------------------


class FinishedTask(QgsTask):
    """Stands in for the pip task: ends at once with a given outcome."""

    outcome = InstallOutcome(True, "shapely 2.0.7 is installed for Kursk Tracker in /profile.")

    def __init__(self, on_done) -> None:
        super().__init__("fake shapely install")
        self.on_done = on_done

    def run(self) -> bool:
        return True

    def finished(self, _result: bool) -> None:
        if self.on_done is not None:
            self.on_done(self.outcome)


def _wait_for(gate: ShapelyGate) -> None:
    deadline = time.monotonic() + 30
    while gate.task is not None and time.monotonic() < deadline:
        QgsApplication.processEvents()
        time.sleep(0.01)
    assert gate.task is None


def _docks(window) -> list[str]:
    return sorted(
        d.objectName() for d in window.findChildren(QDockWidget) if d.objectName().startswith("KurskTracker")
    )


def _menu_texts(window) -> list[list[str]]:
    return [
        [a.text() for a in action.menu().actions()]
        for action in window.menuBar().actions()
        if action.menu() is not None and action.menu().objectName() == MENU_OBJECT_NAME
    ]


def _providers() -> list[str]:
    return [p.id() for p in QgsApplication.processingRegistry().providers() if p.id() == "kursk_tracker"]


@pytest.fixture
def no_shapely(monkeypatch):
    """The gate's view: shapely is missing until the (fake) install ran."""
    state = {"problem": "Kursk Tracker needs the Python package shapely 2; QGIS's Python does not have it."}
    monkeypatch.setattr(dependencies, "shapely_problem", lambda: state["problem"])
    monkeypatch.setattr(gate_module, "ShapelyInstallTask", FinishedTask)
    # Whatever an earlier run installed into the test session's profile is not this test's.
    monkeypatch.setattr(gate_module, "shadowed_install_problem", lambda: None)

    def install_done(outcome=FinishedTask.outcome):
        FinishedTask.outcome = outcome
        if outcome.ok:
            state["problem"] = None

    yield install_done
    FinishedTask.outcome = InstallOutcome(True, "shapely 2.0.7 is installed for Kursk Tracker in /profile.")


@pytest.fixture
def gate(iface, no_shapely):
    instance = kursk_tracker.classFactory(iface)
    assert isinstance(instance, ShapelyGate)
    instance.initProcessing()
    instance.initGui()
    yield instance
    instance.unload()
    flush_deletes()


def test_without_shapely_the_plugin_runs_as_far_as_it_can_and_offers_the_install(gate, iface):
    window = iface.mainWindow()
    assert _docks(window) == DOCK_NAMES  # the panels load without shapely
    assert _providers() == ["kursk_tracker"]
    [menu] = _menu_texts(window)
    assert menu[-1] == "Install shapely…"
    button = iface.messageBar().findChild(QPushButton, INSTALL_BUTTON_OBJECT_NAME)
    assert button is not None and button.text() == "Install shapely"
    assert "does not have it" in iface.messageBar().currentItem().text()
    # tools such as tools/open_sample.py reach the plugin through the gate
    assert gate.open_sample_series == gate.plugin.open_sample_series


def test_after_the_install_the_full_plugin_is_set_up_in_place(gate, iface, no_shapely):
    window = iface.mainWindow()
    degraded = gate.plugin
    no_shapely()
    iface.messageBar().findChild(QPushButton, INSTALL_BUTTON_OBJECT_NAME).click()
    _wait_for(gate)
    flush_deletes()
    assert gate.plugin is not degraded
    assert _docks(window) == DOCK_NAMES
    assert _providers() == ["kursk_tracker"]
    [menu] = _menu_texts(window)
    assert "Install shapely…" not in menu and "Open sample series" in menu
    assert iface.messageBar().findChild(QPushButton, INSTALL_BUTTON_OBJECT_NAME) is None
    assert "shapely 2.0.7 is installed" in " ".join(
        iface.messageBar().get_messages(gate_module.Qgis.MessageLevel.Success)
    )


def test_where_the_plugin_does_not_import_the_gate_alone_offers_and_then_loads_it(
    iface, no_shapely, monkeypatch
):
    monkeypatch.setattr(gate_module, "full_plugin", lambda _iface: None)
    window = iface.mainWindow()
    instance = kursk_tracker.classFactory(iface)
    instance.initProcessing()
    instance.initGui()
    try:
        assert _docks(window) == []
        assert _providers() == []
        assert _menu_texts(window) == [["Install shapely…"]]
        no_shapely()
        instance.install()
        _wait_for(instance)
        flush_deletes()
        assert _docks(window) == DOCK_NAMES
        assert _providers() == ["kursk_tracker"]
        [menu] = _menu_texts(window)
        assert "Install shapely…" not in menu
    finally:
        instance.unload()
        flush_deletes()
    assert _docks(window) == [] and _menu_texts(window) == [] and _providers() == []


def test_an_older_shapely_in_the_session_asks_for_a_restart(gate, iface, no_shapely):
    degraded = gate.plugin
    no_shapely(InstallOutcome(False, "restart QGIS to use the new one.", restart=True))
    gate.install()
    _wait_for(gate)
    assert gate.plugin is degraded
    assert any(
        "restart QGIS to use the new one." in m
        for m in iface.messageBar().get_messages(gate_module.Qgis.MessageLevel.Warning)
    )


def test_a_failed_install_says_what_to_do_and_leaves_the_menu_entry(gate, iface, no_shapely):
    no_shapely(InstallOutcome(False, "pip could not install shapely==2.0.7 (exit code 1): …", "ERROR: …"))
    gate.install()
    _wait_for(gate)
    window = iface.mainWindow()
    [menu] = _menu_texts(window)
    assert menu[-1] == "Install shapely…"
    assert any(
        "pip could not install" in m
        for m in iface.messageBar().get_messages(gate_module.Qgis.MessageLevel.Critical)
    )


def test_a_canceled_install_offers_again(gate, iface, no_shapely):
    no_shapely(InstallOutcome(False, "The installation of shapely was canceled.", canceled=True))
    gate.install()
    _wait_for(gate)
    assert iface.messageBar().findChild(QPushButton, INSTALL_BUTTON_OBJECT_NAME) is not None


def test_unload_leaves_nothing_behind(iface, no_shapely):
    window = iface.mainWindow()
    before = len(window.menuBar().actions())
    for _ in range(3):
        instance = kursk_tracker.classFactory(iface)
        instance.initProcessing()
        instance.initGui()
        instance.unload()
        flush_deletes()
    assert _docks(window) == [] and _providers() == []
    assert len(window.menuBar().actions()) == before
    assert iface.messageBar().findChild(QPushButton, INSTALL_BUTTON_OBJECT_NAME) is None


def test_in_qgis_process_the_advice_goes_to_the_log(no_shapely, monkeypatch):
    logged: list[str] = []
    monkeypatch.setattr(gate_module, "warn", logged.append)
    monkeypatch.setattr(gate_module, "install_advice", lambda: "Run: python3 -m pip install --target …")
    instance = kursk_tracker.classFactory(None)
    instance.initProcessing()
    try:
        assert logged == [
            "Kursk Tracker needs the Python package shapely 2; QGIS's Python does not have "
            "it. Run: python3 -m pip install --target …"
        ]
        assert _providers() == ["kursk_tracker"]  # algorithms that need shapely say so when run
    finally:
        instance.unload()
    assert _providers() == []


def test_where_another_shapely_was_loaded_first_installing_again_is_not_offered(
    iface, no_shapely, monkeypatch
):
    shadowed = "shapely 2 is installed for Kursk Tracker, but another plugin loaded shapely 1.8.5 first."
    monkeypatch.setattr(gate_module, "shadowed_install_problem", lambda: shadowed)
    instance = kursk_tracker.classFactory(iface)
    instance.initGui()
    try:
        assert iface.messageBar().findChild(QPushButton, INSTALL_BUTTON_OBJECT_NAME) is None
        warnings = iface.messageBar().get_messages(gate_module.Qgis.MessageLevel.Warning)
        assert any(shadowed in m for m in warnings)
    finally:
        instance.unload()
        flush_deletes()
