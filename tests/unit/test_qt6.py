"""QGIS 4 runs on Qt6 (PyQt6): the plugin's Qt code is checked against PyQt6 from PyPI.

Each check runs in a process of its own, since this one has PyQt5 loaded (QGIS 3).
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHECK = ROOT / "tools" / "qt6_check.py"


def run_pyqt6(*args: str, script: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    command = [sys.executable, "-c", script] if script else [sys.executable, str(CHECK), *args]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=240)


def problems_in(tmp_path: Path, source: str, name: str = "module.py", *options: str) -> list[str]:
    path = tmp_path / name
    path.write_text(textwrap.dedent(source))
    result = run_pyqt6(*options, str(path))
    assert " check:" in result.stdout, result.stderr
    return [line for line in result.stdout.splitlines() if line.startswith(str(path))]


def test_every_qt_name_and_enum_of_the_plugin_resolves_in_pyqt6():
    result = run_pyqt6("kursk_tracker")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Qt6 check: 0 problem(s)" in result.stdout


def test_the_check_catches_qt_classes_that_qt6_moved_to_qtgui(tmp_path):
    found = problems_in(
        tmp_path,
        """
        from qgis.PyQt.QtWidgets import QAction, QFileDialog
        from qgis.PyQt.QtWidgets import QShortcut
    """,
    )
    assert any(":2: QAction is not in qgis.PyQt.QtWidgets" in line for line in found), found
    assert any(":3: QShortcut is not in qgis.PyQt.QtWidgets" in line for line in found), found
    assert not any("QFileDialog" in line for line in found)


def test_the_check_catches_unscoped_enums_and_enum_arithmetic(tmp_path):
    found = problems_in(
        tmp_path,
        """
        from qgis.PyQt.QtCore import Qt
        from qgis.PyQt.QtWidgets import QSizePolicy
        left = Qt.AlignLeft
        fine = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        policy = int(QSizePolicy.Policy.Expanding)
        same = QSizePolicy.Policy.Expanding == 7
        more = QSizePolicy.Policy.Expanding + 1
    """,
    )
    text = "\n".join(found)
    assert ":4: Qt has no AlignLeft in PyQt6 (use AlignmentFlag.AlignLeft)" in text
    assert ":6: int() on Policy.Expanding" in text
    assert ":7: Policy.Expanding compared with a number" in text
    assert ":8: arithmetic on Policy.Expanding" in text
    assert ":5:" not in text  # AlignmentFlag is an IntFlag in PyQt6


def test_the_check_catches_exec_underscore_gone_modules_and_bad_constructors(tmp_path):
    found = "\n".join(
        problems_in(
            tmp_path,
            """
        import imp
        from distutils.version import LooseVersion
        from qgis.PyQt.QtGui import QColor, QKeySequence
        from qgis.PyQt.QtCore import Qt
        dialog.exec_()
        keys = QKeySequence(Qt.Key.Key_Space)
        colour = QColor(1, 2)
    """,
        )
    )
    assert ":2: module imp is gone" in found
    assert ":3: module distutils.version is gone" in found
    assert ":6: exec_() is gone in PyQt6" in found
    assert ":8: QColor(1, 2) fails in PyQt6" in found
    assert ":7:" not in found


def test_old_qt_branches_of_the_compat_modules_are_exempt(tmp_path):
    source = """
        from qgis.PyQt.QtCore import QT_VERSION_STR
        QT_MAJOR = int(QT_VERSION_STR.split(".")[0])
        if QT_MAJOR >= 6:
            from qgis.PyQt.QtGui import QAction
        else:
            from qgis.PyQt.QtWidgets import QAction
    """
    assert problems_in(tmp_path, source, "qtcompat.py") == []
    assert len(problems_in(tmp_path, source, "panel.py")) == 1


@pytest.mark.parametrize(
    "module",
    [
        "kursk_tracker.toolbelt.qtcompat",
        "kursk_tracker.gui.area_chart",
        "kursk_tracker.gui.widgets",
        "kursk_tracker.gui.date_dialog",
        "kursk_tracker.export.video",
        "kursk_tracker.importers.xml_tree",
    ],
)
def test_qt_only_helpers_are_among_the_modules_imported_under_pyqt6(module):
    script = """
import sys
sys.path.insert(0, "tools")
from pathlib import Path
import qt6_check
print(qt6_check.qt_only_modules(Path("kursk_tracker").resolve()))
"""
    result = run_pyqt6(script=script)
    assert result.returncode == 0, result.stderr
    assert f"'{module}'" in result.stdout


def test_the_chart_the_date_editors_and_frame_conversion_work_under_pyqt6():
    script = """
import sys, datetime as dt
from zoneinfo import ZoneInfo
sys.path.insert(0, "tools")
import qt6_check
qt6_check.install_qgis_pyqt6_shim()
from PyQt6.QtWidgets import QApplication
app = QApplication(["qt6"])
from qgis.PyQt.QtGui import QAction as Qt6Action
from kursk_tracker.toolbelt.qtcompat import QAction, QShortcut, QT_MAJOR
assert QT_MAJOR == 6 and QAction is Qt6Action, (QT_MAJOR, QAction)
from kursk_tracker.gui.area_chart import AreaChart
from kursk_tracker.gui.widgets import edited_instant, instant_edit, set_instant
berlin = ZoneInfo("Europe/Berlin")
start = dt.datetime(2024, 8, 6, 20, tzinfo=dt.timezone.utc)
chart = AreaChart()
chart.resize(400, 150)
chart.set_data({"UA": [(start, 100.0), (start + dt.timedelta(days=7), 900.0)]}, {"UA": "#01579b"},
               {"UA": "Ukraine"})
chart.set_instant(start + dt.timedelta(days=3), {"UA": 500.0})
image = chart.grab().toImage()
blue = sum(1 for x in range(0, 400, 2) for y in range(0, 150, 2)
           if image.pixelColor(x, y).name() == "#01579b")
assert blue > 0, "the chart drew no line"
edit = instant_edit()
instant = dt.datetime(2024, 10, 29, 21, 0, tzinfo=dt.timezone.utc)
set_instant(edit, instant, berlin)
assert edited_instant(edit, berlin) == instant, edited_instant(edit, berlin)
from qgis.PyQt.QtGui import QColor, QImage
from kursk_tracker.export.video import qimage_to_pil
frame = QImage(6, 4, QImage.Format.Format_ARGB32_Premultiplied)
frame.fill(QColor(1, 87, 155))
assert qimage_to_pil(frame).getpixel((5, 3)) == (1, 87, 155), qimage_to_pil(frame).getpixel((5, 3))
print("pyqt6 ok")
"""
    result = run_pyqt6(script=script)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "pyqt6 ok" in result.stdout


def test_every_qgis_enum_of_the_plugin_is_scoped_as_qgis_4_needs():
    result = run_pyqt6("--qgis-enums", "kursk_tracker")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "QGIS enum check: 0 problem(s)" in result.stdout


def test_the_check_catches_unscoped_qgis_enums(tmp_path):
    found = "\n".join(
        problems_in(
            tmp_path,
            """
        from qgis.core import Qgis, QgsDataSourceUri
        required = QgsDataSourceUri.SslRequire
        scoped = QgsDataSourceUri.SslMode.SslRequire
        level = Qgis.Warning
        fine = Qgis.MessageLevel.Warning
    """,
            "module.py",
            "--qgis-enums",
        )
    )
    assert ":3: QgsDataSourceUri.SslRequire: unscoped QGIS enum" in found
    assert "use QgsDataSourceUri.SslMode.SslRequire" in found
    assert ":5: Qgis.Warning: unscoped QGIS enum" in found
    assert ":4:" not in found and ":6:" not in found
